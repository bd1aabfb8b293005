"""The explicit pipeline: stage transitions clear what later stages built, events reach the areas that must
react, and publishing without the handlers installed is an error rather than a skipped clean-up."""

from __future__ import annotations

import pytest

from fieldkit import pipeline
from fieldkit.anonymise import review as rv
from fieldkit.coding.codebook import add_code
from fieldkit.coding.excerpts import apply_code, codings_of
from fieldkit.consent.records import withdraw
from fieldkit.interviews import get_interview
from fieldkit.services.overview import stages
from fieldkit.transcribe.runner import edit_transcript
from tests.conftest import add_transcribed_interview

TEXT = ["Меня зовут Мурат Кожанов.", "Я работал в Костанае участковым."]


def approved(project) -> str:
    interview = add_transcribed_interview(project, "P", TEXT)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    return interview


def uses(pseudonyms, interview: str) -> bool:
    return any(interview in interviews for by_key in pseudonyms.sources.values() for interviews in by_key.values())


def test_stages_follow_the_interview_down_the_line(project):
    interview = add_transcribed_interview(project, "P", TEXT)
    assert stages(project)[interview] == "transcribed"
    rv.accept_suggestions(project, interview)
    assert stages(project)[interview] == "anonymised"
    rv.approve(project, interview)
    assert stages(project)[interview] == "approved"
    add_code(project, "police work")
    apply_code(project, interview, "police work", quote="Меня зовут")
    assert stages(project)[interview] == "coded"


def test_new_words_void_the_review_the_anonymised_text_and_the_approval(project):
    interview = approved(project)
    before = get_interview(project, interview)
    edit_transcript(project, interview, text={1: "Я работал в Рудном участковым."})
    after = get_interview(project, interview)
    assert after.transcript_object != before.transcript_object
    assert (after.review_object, after.anonymised_object, after.approved) == (None, None, None)
    assert stages(project)[interview] == "transcribed"


def test_speaker_labels_keep_the_review_which_follows_the_new_version(project):
    """TranscriptStored(words_changed=False) reaches anonymise, which points the review at the new version."""
    interview = approved(project)
    before = get_interview(project, interview)
    edit_transcript(project, interview, speakers={0: "respondent"})
    after = get_interview(project, interview)
    assert after.approved == before.approved and after.anonymised_object == before.anonymised_object
    assert after.review_object not in (None, before.review_object)
    review, transcript = rv.load_review(project, interview)
    assert review.transcript_object == after.transcript_object
    assert transcript.segments[0].speaker == "respondent"


def test_a_withdrawal_reaches_coding_and_the_pseudonym_map_through_events(project):
    interview = approved(project)
    add_code(project, "police work")
    apply_code(project, interview, "police work", quote="Меня зовут")
    pseudonyms, _ = rv.load_pseudonyms(project)
    assert uses(pseudonyms, interview)
    withdraw(project, get_interview(project, interview).respondent, "all")
    assert codings_of(project, interview) == []
    pseudonyms, _ = rv.load_pseudonyms(project)
    assert not uses(pseudonyms, interview)


def test_publishing_before_the_handlers_are_installed_is_an_error(project, monkeypatch):
    interview = approved(project)
    monkeypatch.setattr(pipeline, "_installed", False)
    with pytest.raises(RuntimeError, match="not installed"):
        withdraw(project, get_interview(project, interview).respondent, "all")


def test_only_stage_columns_can_be_set(project):
    interview = add_transcribed_interview(project, "P", TEXT)
    with pytest.raises(ValueError, match="not a stage column"):
        pipeline._set(project.conn, interview, respondent="P9")
