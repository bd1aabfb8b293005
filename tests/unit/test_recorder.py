"""The recorder's storage logic with a synthetic signal (the device path is tested for real in
tests/functional/test_live_recording.py): chunks are encrypted, off-the-record audio is never kept,
a crash is recovered."""

from __future__ import annotations

import json

import numpy as np
import pytest

from fieldkit.capture import recorder
from fieldkit.capture.audio import SAMPLE_RATE, decode
from fieldkit.consent.records import record_consent
from fieldkit.consent.respondents import add_respondent
from fieldkit.errors import GateClosed
from fieldkit.interviews import get_interview
from tests.conftest import CONSENT_ITEMS


def tone(seconds: float, frequency: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (0.3 * np.sin(2 * np.pi * frequency * t)).astype(np.float32)


@pytest.fixture
def code(project):
    respondent = add_respondent(project, "P")
    record_consent(project, respondent, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
    return respondent


def test_chunks_are_encrypted_and_joined_into_one_interview(project, code):
    session = recorder.start_session(project, code)
    for _ in range(5):
        recorder.add_audio(project, session, tone(1.0))
    chunk_files = sorted(session.folder.glob("*.age"))
    assert len(chunk_files) == 2  # 4 s flushed in 2-s chunks, 1 s still in memory
    for path in chunk_files:
        data = path.read_bytes()
        assert data.startswith(b"age-encryption.org/v1") and b"OggS" not in data
    recorder.flush(project, session)
    interview = recorder.finish(project, session.id)
    stored = decode(project.objects.get(get_interview(project, interview).audio_object))
    assert stored.duration_s == pytest.approx(5.0, abs=0.1)
    assert not session.folder.exists()
    assert project.conn.execute("SELECT identity FROM recordings").fetchone() == ("",)  # session key erased


def test_off_the_record_audio_is_dropped_and_its_range_kept(project, code):
    session = recorder.start_session(project, code)
    recorder.add_audio(project, session, tone(2.0))
    recorder.add_audio(project, session, tone(1.5, 880.0), on_record=False)
    recorder.add_audio(project, session, tone(1.5, 880.0), on_record=False)
    recorder.add_audio(project, session, tone(2.0))
    recorder.flush(project, session)
    interview = get_interview(project, recorder.finish(project, session.id))
    assert json.loads(interview.off_record) == [[2.0, 5.0]]
    assert interview.duration_s == pytest.approx(7.0, abs=0.05)
    stored = decode(project.objects.get(interview.audio_object))
    assert stored.duration_s == pytest.approx(4.0, abs=0.1)
    spectrum = np.abs(np.fft.rfft(stored.samples))
    per_hz = len(stored.samples) / SAMPLE_RATE
    assert spectrum[int(880 * per_hz)] < spectrum[int(440 * per_hz)] / 20  # the off-record tone is gone


def test_an_interrupted_recording_is_recovered(project, code):
    session = recorder.start_session(project, code)
    for _ in range(6):
        recorder.add_audio(project, session, tone(1.0))
    project.conn.execute("UPDATE recordings SET pid = 999999999 WHERE id = ?", (session.id,))  # the process died
    [interview] = recorder.recover_interrupted(project)
    stored = decode(project.objects.get(get_interview(project, interview).audio_object))
    assert stored.duration_s == pytest.approx(6.0, abs=0.1)  # nothing lost: every 2-s chunk was on disk
    assert any(e.event == "recording_recovered" for e in project.audit.entries())


def test_a_damaged_last_chunk_loses_only_itself(project, code):
    session = recorder.start_session(project, code)
    for _ in range(6):
        recorder.add_audio(project, session, tone(1.0))
    last = sorted(session.folder.glob("*.age"))[-1]
    last.write_bytes(last.read_bytes()[:100])  # power cut in the middle of a write
    project.conn.execute("UPDATE recordings SET pid = 999999999 WHERE id = ?", (session.id,))
    [interview] = recorder.recover_interrupted(project)
    stored = decode(project.objects.get(get_interview(project, interview).audio_object))
    assert stored.duration_s == pytest.approx(4.0, abs=0.1)
    event = next(e for e in project.audit.entries() if e.event == "recording_recovered")
    assert event.data["lost"] == 1


def test_recording_needs_recording_consent(project):
    respondent = add_respondent(project, "L")
    record_consent(project, respondent, language="en",
                   answers={**dict.fromkeys(CONSENT_ITEMS, True), "audio_recording": False})
    with pytest.raises(GateClosed, match="audio recording"):
        recorder.start_session(project, respondent)


def test_a_recording_that_ends_off_the_record_keeps_that_range(project, code):
    session = recorder.start_session(project, code)
    recorder.add_audio(project, session, tone(3.0))
    recorder.add_audio(project, session, tone(4.0), on_record=False)
    recorder.flush(project, session)
    interview = get_interview(project, recorder.finish(project, session.id))
    assert json.loads(interview.off_record) == [[3.0, 7.0]] and interview.duration_s == pytest.approx(7.0)


def test_a_segment_ending_where_a_gap_starts_is_not_stretched_over_it():
    from fieldkit.capture.offrecord import to_original

    assert to_original(10.0, [(10.0, 20.0)], is_end=True) == 10.0
    assert to_original(10.0, [(10.0, 20.0)]) == 20.0  # a start at that moment comes after the gap


def test_a_second_recovery_of_the_same_session_stores_nothing_twice(project, code):
    session = recorder.start_session(project, code)
    recorder.add_audio(project, session, tone(2.0))
    project.conn.execute("UPDATE recordings SET pid = 999999999 WHERE id = ?", (session.id,))
    assert len(recorder.recover_interrupted(project)) == 1
    assert recorder.recover_interrupted(project) == []
    assert sum(1 for o in project.objects.list() if o.kind == "audio") == 1
