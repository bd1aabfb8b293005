"""Transcription with real faster-whisper: blocks, timestamps, cancel and resume, edits and speakers."""

from __future__ import annotations

import threading

import pytest

from fieldkit.anonymise import review as rv
from fieldkit.capture.importer import import_audio
from fieldkit.consent.records import record_consent
from fieldkit.consent.respondents import add_respondent
from fieldkit.interviews import get_interview
from fieldkit.transcribe.runner import (
    TranscriptionCancelled,
    block_bounds,
    edit_transcript,
    load_transcript,
    transcribe_interview,
    transcript_versions,
)
from tests.conftest import CONSENT_ITEMS
from tests.functional.test_demo import SAMPLE

BLOCK = 4.0  # short blocks so the 10-second sample spans several


@pytest.fixture
def interview(project):
    code = add_respondent(project, "P")
    record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
    return import_audio(project, code, SAMPLE)


def test_blocks_cover_the_audio_and_are_cut_in_quiet_places():
    import numpy as np

    from fieldkit.capture.audio import decode

    samples = decode(SAMPLE.read_bytes()).samples
    bounds = block_bounds(samples, BLOCK)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(samples) and len(bounds) >= 2
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    loudness = np.sqrt(np.mean(samples**2))
    for _, cut in bounds[:-1]:
        assert np.sqrt(np.mean(samples[cut - 800 : cut + 800] ** 2)) < loudness  # quieter than average


def test_segments_have_monotonic_timestamps(project, interview):
    transcript = transcribe_interview(project, interview, language="en", block_seconds=BLOCK)
    starts = [s.start for s in transcript.segments]
    assert starts == sorted(starts)
    assert all(s.start <= s.end for s in transcript.segments)
    assert all(a.end <= b.start + 0.01 for a, b in zip(transcript.segments, transcript.segments[1:], strict=False))
    assert "Peterson" in transcript.text


def test_cancel_then_resume_gives_the_same_segments(project, interview):
    uninterrupted = transcribe_interview(project, interview, language="en", block_seconds=BLOCK).segments
    cancel = threading.Event()
    first_block_end = uninterrupted[0].end

    def stop_after_first_block(done, total):
        if done > first_block_end + 0.5:
            cancel.set()

    with pytest.raises(TranscriptionCancelled):
        transcribe_interview(project, interview, language="en", block_seconds=BLOCK, replace=True,
                             progress=stop_after_first_block, cancel=cancel)
    partial = [o for o in project.objects.list() if o.kind == "transcript_partial"]
    assert len(partial) == 1
    assert b"Peterson" not in project.objects.blob_path(partial[0].id).read_bytes()  # saved, encrypted
    resumed = transcribe_interview(project, interview, language="en", block_seconds=BLOCK, replace=True)
    assert resumed.segments == uninterrupted
    assert [o for o in project.objects.list() if o.kind == "transcript_partial"] == []


def test_edits_are_versioned_and_void_the_review_speakers_keep_it(project, interview):
    transcribe_interview(project, interview, language="en")
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    labelled = edit_transcript(project, interview, speakers={0: "respondent"})
    assert labelled.version == 2 and labelled.segments[0].speaker == "respondent"
    assert get_interview(project, interview).approved  # no words changed: the review still holds
    corrected = edit_transcript(project, interview, text={0: "My name is John Petersen."})
    assert corrected.version == 3
    state = get_interview(project, interview)
    assert state.approved is None and state.review_object is None and state.anonymised_object is None
    versions = transcript_versions(project, interview)
    assert len(versions) == 3
    oldest = load_transcript(project, interview)  # the newest, decrypted
    assert oldest.segments[0].text == "My name is John Petersen."
    assert all(project.objects.info(v).destroyed is None for v in versions)
    assert any(e.event == "transcript_edited" for e in project.audit.entries())


def test_word_error_rate_on_the_committed_english_audio(project, interview):
    from fieldkit.transcribe.wer import word_error_rate

    transcript = transcribe_interview(project, interview, language="en")
    assert word_error_rate(SAMPLE.with_suffix(".txt").read_text(), transcript.text) <= 0.1
    assert word_error_rate("twelve years", "12 years") == 0.0
    assert word_error_rate("a b c", "a x c") == pytest.approx(1 / 3)


def test_transcript_commands(fk):
    from tests.conftest import FIXTURES

    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all")
    fk("capture", "import", "P1", str(FIXTURES / "short_en.wav"))
    fk("transcribe", "P1-1", "--lang", "en", "--beam-size", "2", "--vad")
    shown = fk("transcript", "show", "P1-1").stdout
    assert "David Brown" in shown and shown.startswith("1\t0.00-")
    fk("transcript", "speaker", "P1-1", "1", "respondent")
    fk("transcript", "edit", "P1-1", "1", input="My name is David Browne and I live in London.")
    shown = fk("transcript", "show", "P1-1").stdout
    assert "\trespondent\tMy name is David Browne" in shown
    assert "no segment 9" in fk("transcript", "edit", "P1-1", "9", input="x", expect=2).stderr
