"""Importing recordings: every committed format, video audio, off-the-record cuts, source removal, metadata."""

from __future__ import annotations

import json
import shutil

import pytest

from fieldkit.capture import offrecord
from fieldkit.capture.audio import decode
from fieldkit.capture.importer import import_audio
from fieldkit.consent.records import record_consent
from fieldkit.consent.respondents import add_respondent
from fieldkit.errors import InvalidAudio, UsageError
from fieldkit.interviews import Metadata, get_interview
from fieldkit.transcribe.runner import load_transcript, transcribe_interview
from tests.conftest import CONSENT_ITEMS, FIXTURES

FORMATS = ["wav", "mp3", "m4a", "ogg", "flac", "mp4"]


@pytest.fixture
def consented(project):
    code = add_respondent(project, "P")
    record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
    return code


@pytest.mark.parametrize("extension", FORMATS)
def test_each_committed_format_imports(project, consented, extension):
    interview = import_audio(project, consented, FIXTURES / f"short_en.{extension}")
    stored = decode(project.objects.get(get_interview(project, interview).audio_object))
    assert stored.duration_s == pytest.approx(3.15, abs=0.15)


@pytest.mark.parametrize("extension", FORMATS)
def test_a_truncated_file_of_each_format_stores_nothing(project, consented, tmp_path, extension):
    damaged = tmp_path / f"broken.{extension}"
    damaged.write_bytes((FIXTURES / f"short_en.{extension}").read_bytes()[:60])
    with pytest.raises(InvalidAudio):
        import_audio(project, consented, damaged)
    assert [o.kind for o in project.objects.list()] == []


def test_off_the_record_audio_is_never_stored_and_the_transcript_marks_it(project, consented):
    ranges = offrecord.parse_ranges("0:01-0:02")
    interview = import_audio(project, consented, FIXTURES / "short_en.wav", off_record=ranges)
    stored = decode(project.objects.get(get_interview(project, interview).audio_object))
    assert stored.duration_s == pytest.approx(3.13 - 1.0, abs=0.05)
    assert json.loads(get_interview(project, interview).off_record) == [[1.0, 2.0]]
    transcribe_interview(project, interview, language="en")
    texts = [s.text for s in load_transcript(project, interview).segments]
    assert "[off the record 00:01–00:02]" in texts


def test_ranges_are_validated():
    assert offrecord.parse_ranges("00:30-01:10, 2:00-2:30") == [(30.0, 70.0), (120.0, 150.0)]
    for bad in ("1:00", "2:00-1:00", "0:10-0:30,0:20-0:40", "a-b"):
        with pytest.raises(UsageError):
            offrecord.parse_ranges(bad)
    assert offrecord.to_original(5.0, [(2.0, 4.0)]) == 7.0
    assert offrecord.to_original(1.0, [(2.0, 4.0)]) == 1.0


def test_metadata_is_recorded_and_place_is_only_a_category(project, consented):
    meta = Metadata("2026-02-27", "cafe", "ru")
    interview = get_interview(project, import_audio(project, consented, FIXTURES / "short_en.wav", metadata=meta))
    assert (interview.interview_date, interview.place_category, interview.mode) == ("2026-02-27", "cafe", "recorded")
    assert interview.duration_s == pytest.approx(3.13, abs=0.02)
    with pytest.raises(UsageError, match="unknown place category") as refused:
        Metadata(place_category="Kostanay police station").check()
    assert "never the place itself" in refused.value.hint


def test_remove_source_overwrites_and_deletes(fk, tmp_path):
    copy = tmp_path / "Ivanov 2026-02-01.wav"
    shutil.copy(FIXTURES / "short_en.wav", copy)
    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all")
    result = fk("capture", "import", "P1", str(copy), "--remove-source", "--place", "car", "--date", "2026-02-01")
    assert result.stdout == "P1-1\n" and not copy.exists()
    assert "P1-1\tP1\trecorded\t2026-02-01\tcar" in fk("status").stdout


def test_ranges_past_the_end_are_dropped_not_reversed(project, consented):
    ranges = offrecord.parse_ranges("0:01-0:02,1:40-2:00")
    interview = import_audio(project, consented, FIXTURES / "short_en.wav", off_record=ranges)
    assert json.loads(get_interview(project, interview).off_record) == [[1.0, 2.0]]
