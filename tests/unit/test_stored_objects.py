"""Every stored object has a declared, versioned schema and is validated on read (fieldkit/stored.py).

Old objects (written before versioning, without a ``schema`` key) must still open as version 1; damaged,
hand-edited or newer objects raise CorruptObject with a message that names the field, never the content.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import replace
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from fieldkit.anonymise.pseudonyms import Pseudonyms
from fieldkit.anonymise.review import Review, Span
from fieldkit.documents import AnonymisedText, Segment, Transcript
from fieldkit.errors import CorruptObject
from fieldkit.stored import StoredModel, load_stored
from fieldkit.transcribe import runner
from tests.conftest import add_transcribed_interview

NAME = "Кожанов"

TRANSCRIPT = Transcript("ru", "base", 12.5, (
    Segment(0.0, 4.2, f"Меня зовут Мурат {NAME}.", "respondent"),
    Segment(4.2, 9.0, "Я работал в Костанае."),
    Segment(9.0, 12.5, "Қазақша да сөйлеймін.", "interviewer"),
), version=3)
ANONYMISED = AnonymisedText("ru", (Segment(0.0, 4.2, "Меня зовут [PERSON-1]."), Segment(4.2, 9.0, "[PLACE-1].")),
                            {"PERSON": 1, "LOCATION": 1}, ((0, 11, 21), (1, 0, 9)))
REVIEW = Review("obj-transcript", [
    Span(1, 0, 11, 24, "PERSON", 0.85, "detected", "accepted"),
    Span(2, 1, 12, 20, "LOCATION", 0.9, "confirmed", "pending", place="kz/kostanay"),
    Span(4, 2, 0, 7, "PERSON", 1.0, "manual", "rejected"),
], rejected_keys=["a1b2c3"], overrides=["d4e5f6"], last_id=4)
PSEUDONYMS = Pseudonyms(
    table={"PERSON": {"мурат кожанов": 1, "бек": 2}, "PLACE": {"костанай": 1}},
    aliases={"PERSON": {"мурат": 1, "кожанов": 1}},
    sources={"PERSON": {"мурат кожанов": ["I-1", "I-2"], "бек": ["I-2"]}, "PLACE": {"костанай": ["I-1"]}},
    counters={"PERSON": 2, "PLACE": 1},
)

# Exactly what fieldkit wrote before stored objects carried a version (no "schema" key).
OLD_TRANSCRIPT = (
    '{"language": "ru", "model": "base", "duration_s": 12.5, "version": 2, "segments": [{"start": 0.0, "end": 4.2, '
    '"text": "Меня зовут Мурат Кожанов.", "speaker": "respondent"}, {"start": 4, "end": 9, "text": "Да."}]}'
).encode()
OLDEST_TRANSCRIPT = b'{"language": "en", "model": "notes", "duration_s": 0.0, "segments": []}'  # no edit version
OLD_ANONYMISED = (
    '{"language": "ru", "segments": [{"start": 0.0, "end": 4.2, "text": "Меня зовут [PERSON-1]."}], '
    '"entity_counts": {"PERSON": 1}, "masks": [[0, 11, 21]]}'
).encode()
OLD_ANONYMISED_NO_MASKS = b'{"language": "kk", "segments": [], "entity_counts": {}}'
OLD_REVIEW = (
    b'{"transcript_object": "obj-1", "spans": [{"id": 1, "segment": 0, "start": 11, "end": 24, "entity": "PERSON", '
    b'"score": 0.85, "source": "detected", "status": "pending", "place": null}], "rejected_keys": [], '
    b'"overrides": [], "last_id": 1}'
)
OLD_REVIEW_NO_LAST_ID = (
    b'{"transcript_object": "obj-1", "spans": [{"id": 3, "segment": 0, "start": 1, "end": 2, "entity": "PERSON",'
    b' "score": 1.0, "source": "manual", "status": "accepted"}], "rejected_keys": ["k"], "overrides": []}'
)
OLD_PSEUDONYMS = (
    '{"aliases": {"PERSON": {"кожанов": 1}}, "counters": {"PERSON": 1}, "sources": {"PERSON": {"мурат кожанов": '
    '["I-1"]}}, "table": {"PERSON": {"мурат кожанов": 1}}}'
).encode()


def corrupt(load, data: bytes | dict) -> CorruptObject:
    """The CorruptObject that loading ``data`` raises (a dict is encoded the way fieldkit writes JSON)."""
    if isinstance(data, dict):
        data = json.dumps(data, ensure_ascii=False).encode()
    with pytest.raises(CorruptObject) as caught:
        load(data)
    return caught.value


def shown(error: CorruptObject) -> str:
    """Everything a user could be shown about the error."""
    return "\n".join([str(error), error.message, error.hint, *error.details])


# --- round trips -------------------------------------------------------------------------------------


def test_transcript_round_trip_writes_the_schema_version():
    data = TRANSCRIPT.to_bytes()
    assert json.loads(data)["schema"] == 1
    assert Transcript.from_bytes(data) == TRANSCRIPT
    assert NAME in data.decode()  # still ensure_ascii=False: UTF-8, not \u escapes


def test_transcript_json_layout_is_unchanged_apart_from_the_version():
    raw = json.loads(TRANSCRIPT.to_bytes())
    assert list(raw) == ["schema", "language", "model", "duration_s", "version", "segments"]
    assert raw["segments"][1] == {"start": 4.2, "end": 9.0, "text": "Я работал в Костанае."}  # no speaker: absent


def test_anonymised_text_round_trip():
    data = ANONYMISED.to_bytes()
    assert json.loads(data)["schema"] == 1
    assert AnonymisedText.from_bytes(data) == ANONYMISED
    without_masks = replace(ANONYMISED, masks=None)
    assert AnonymisedText.from_bytes(without_masks.to_bytes()).masks == ()  # as before: written as []


def test_review_round_trip():
    data = REVIEW.to_bytes()
    assert json.loads(data)["schema"] == 1
    assert Review.from_bytes(data) == REVIEW


def test_pseudonyms_round_trip_keeps_sorted_keys():
    data = PSEUDONYMS.to_bytes()
    assert json.loads(data)["schema"] == 1
    assert list(json.loads(data)) == sorted(json.loads(data))
    assert Pseudonyms.from_bytes(data) == PSEUDONYMS
    assert Pseudonyms.from_bytes(Pseudonyms().to_bytes()) == Pseudonyms()


def fake_interview(project, audio_object: str = "obj-audio"):
    interview_id = add_transcribed_interview(project, "P", ["Да."])
    return SimpleNamespace(id=interview_id, respondent="P", audio_object=audio_object)


def test_partial_transcription_round_trip(project):
    interview = fake_interview(project)
    settings = runner.Settings("base", "auto", vad=True)
    segments = [Segment(0.0, 2.5, f"Мурат {NAME}"), Segment(2.5, 4.0, "да", "respondent")]
    partial_id = runner._save_partial(project, interview, settings, 2, segments, "ru", None)
    assert json.loads(project.objects.get(partial_id))["schema"] == 1
    assert runner._load_partial(project, interview, settings) == (partial_id, 2, segments, "ru")
    # other settings: the partial run is dropped and transcription starts again, as before
    assert runner._load_partial(project, interview, replace(settings, beam_size=1)) == (None, 0, [], None)


# --- objects written before versioning ---------------------------------------------------------------


def test_old_transcript_without_schema_reads_as_version_1():
    old = Transcript.from_bytes(OLD_TRANSCRIPT)
    assert old.version == 2 and old.language == "ru" and old.duration_s == 12.5
    assert old.segments == (Segment(0.0, 4.2, "Меня зовут Мурат Кожанов.", "respondent"), Segment(4.0, 9.0, "Да."))
    assert Transcript.from_bytes(OLDEST_TRANSCRIPT) == Transcript("en", "notes", 0.0, (), 1)


def test_old_anonymised_text_without_schema_reads_as_version_1():
    old = AnonymisedText.from_bytes(OLD_ANONYMISED)
    assert old == AnonymisedText("ru", (Segment(0.0, 4.2, "Меня зовут [PERSON-1]."),), {"PERSON": 1}, ((0, 11, 21),))
    assert AnonymisedText.from_bytes(OLD_ANONYMISED_NO_MASKS) == AnonymisedText("kk", (), {}, None)


def test_old_review_without_schema_reads_as_version_1():
    assert Review.from_bytes(OLD_REVIEW) == Review(
        "obj-1", [Span(1, 0, 11, 24, "PERSON", 0.85, "detected", "pending", None)], [], [], 1)
    assert Review.from_bytes(OLD_REVIEW_NO_LAST_ID).last_id == 0


def test_old_pseudonyms_without_schema_read_as_version_1():
    old = Pseudonyms.from_bytes(OLD_PSEUDONYMS)
    assert old.table == {"PERSON": {"мурат кожанов": 1}} and old.aliases == {"PERSON": {"кожанов": 1}}
    assert old.sources == {"PERSON": {"мурат кожанов": ["I-1"]}} and old.counters == {"PERSON": 1}
    assert Pseudonyms.from_bytes(b"{}") == Pseudonyms()  # every part was optional


def test_old_partial_transcription_without_schema_resumes(project):
    interview = fake_interview(project)
    settings = runner.Settings("base", "ru")
    # the settings as this fieldkit writes them (a partial saved under other settings is discarded by design)
    old = json.dumps({"settings": dataclasses.asdict(settings),
                      "audio_object": "obj-audio", "blocks_done": 1, "language": "ru",
                      "segments": [{"start": 0.0, "end": 1.5, "text": "Привет"}]}, ensure_ascii=False).encode()
    partial_id = project.objects.put("transcript_partial", old, respondent="P", interview=interview.id)
    assert runner._load_partial(project, interview, settings) == (partial_id, 1, [Segment(0.0, 1.5, "Привет")], "ru")


# --- refused -----------------------------------------------------------------------------------------

LOADERS = {
    "transcript": (Transcript.from_bytes, OLD_TRANSCRIPT),
    "anonymised text": (AnonymisedText.from_bytes, OLD_ANONYMISED),
    "review": (Review.from_bytes, OLD_REVIEW),
    "pseudonym map": (Pseudonyms.from_bytes, OLD_PSEUDONYMS),
}


@pytest.mark.parametrize("kind", sorted(LOADERS))
def test_unknown_top_level_field_is_refused(kind):
    load, data = LOADERS[kind]
    error = corrupt(load, {**json.loads(data), "colour": "red"})
    assert error.message == f"stored {kind} is malformed: (top level): unknown field"
    assert "colour" not in shown(error)


def test_unknown_field_in_a_segment_is_refused():
    raw = json.loads(TRANSCRIPT.to_bytes())
    raw["segments"][1]["speeker"] = "respondent"
    assert corrupt(Transcript.from_bytes, raw).message == "stored transcript is malformed: segments.1: unknown field"


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("duration_s", "12.5", "duration_s: not a number"),
    ("duration_s", True, "duration_s: not a number"),
    ("version", 2.0, "version: not an integer"),
    ("version", 0, "version: out of range"),
    ("language", 7, "language: not a string"),
    ("segments", {"0": {}}, "segments: not a list"),
    ("segments", [["start", 0.0]], "segments.0: not an object"),
])
def test_wrong_types_in_a_transcript_are_refused(field, value, problem):
    raw = json.loads(TRANSCRIPT.to_bytes())
    raw[field] = value
    assert corrupt(Transcript.from_bytes, raw).message == f"stored transcript is malformed: {problem}"


def test_missing_field_is_refused():
    raw = json.loads(TRANSCRIPT.to_bytes())
    del raw["segments"][2]["end"]
    assert corrupt(Transcript.from_bytes, raw).message == "stored transcript is malformed: segments.2.end: missing"


def test_wrong_types_elsewhere_are_refused():
    raw = json.loads(ANONYMISED.to_bytes())
    raw["masks"][1] = [1, 0]
    assert corrupt(AnonymisedText.from_bytes, raw).message == (
        "stored anonymised text is malformed: masks.1: too few items")
    raw = json.loads(REVIEW.to_bytes())
    raw["spans"][1]["status"] = "acepted"
    assert corrupt(Review.from_bytes, raw).message == (
        "stored review is malformed: spans.1.status: not one of the allowed values")
    raw = json.loads(REVIEW.to_bytes())
    raw["spans"][0]["start"] = "11"
    assert corrupt(Review.from_bytes, raw).message == "stored review is malformed: spans.0.start: not an integer"


def test_several_problems_are_listed_one_a_line():
    raw = json.loads(TRANSCRIPT.to_bytes())
    raw["segments"][0]["start"] = None
    raw["segments"][2]["text"] = 5
    error = corrupt(Transcript.from_bytes, raw)
    assert error.message == "stored transcript is malformed: segments.0.start: not a number (and 1 more problems)"
    assert error.details == ("segments.0.start: not a number", "segments.2.text: not a string")


@pytest.mark.parametrize("data", [b"", b"{", b"\xff\xfe\x00", b"[1, 2]", b"null", b"[" * 100_000 + b"]" * 100_000])
def test_not_a_json_object_is_refused(data):
    error = corrupt(Transcript.from_bytes, data)
    assert error.message in ("stored transcript is not valid JSON", "stored transcript is malformed: not a JSON object")


@pytest.mark.parametrize("kind", sorted(LOADERS))
def test_newer_schema_is_refused_with_a_hint(kind):
    load, data = LOADERS[kind]
    error = corrupt(load, {**json.loads(data), "schema": 2, "something_new": []})
    assert error.message == (
        f"stored {kind} was written by a newer fieldkit (format version 2; this fieldkit reads up to version 1)")
    assert "upgrade fieldkit" in error.hint


def test_newer_partial_transcription_is_refused(project):
    interview = fake_interview(project)
    project.objects.put("transcript_partial", b'{"schema": 9}', respondent="P", interview=interview.id)
    with pytest.raises(CorruptObject, match="partial transcription was written by a newer fieldkit"):
        runner._load_partial(project, interview, runner.Settings("base", "ru"))


@pytest.mark.parametrize("version", ["2", 0, -1, True, 1.5, None])
def test_a_malformed_schema_version_is_refused(version):
    raw = {**json.loads(OLD_TRANSCRIPT), "schema": version}
    assert corrupt(Transcript.from_bytes, raw).message.startswith("stored transcript is malformed: schema: ")


# --- the message never carries content ----------------------------------------------------------------


def test_message_names_the_field_but_not_the_words():
    raw = json.loads(TRANSCRIPT.to_bytes())
    raw["segments"].append({"start": f"Мурат {NAME}", "end": 14.0, "text": f"{NAME} сказал"})
    error = corrupt(Transcript.from_bytes, raw)
    assert error.message == "stored transcript is malformed: segments.3.start: not a number"
    assert NAME not in shown(error)
    assert isinstance(error.__cause__, ValidationError)  # chained for debugging
    assert NAME not in str(error.__cause__)  # pydantic is told to leave input values out of its own text


def test_message_never_shows_keys_of_the_pseudonym_map():
    raw = json.loads(PSEUDONYMS.to_bytes())
    raw["table"]["PERSON"]["мурат кожанов"] = "один"
    raw["sources"]["PERSON"][NAME.lower()] = NAME
    raw["aliases"][NAME] = {}
    raw[NAME] = 1
    error = corrupt(Pseudonyms.from_bytes, raw)
    assert error.message.startswith("stored pseudonym map is malformed: ")
    assert "table.*.*: not an integer" in error.details and "sources.*.*: not a list" in error.details
    assert "(top level): unknown field" in error.details
    text = shown(error).lower()
    assert "кожанов" not in text and "мурат" not in text and "один" not in text


def test_an_unknown_field_named_like_content_is_not_shown():
    raw = json.loads(REVIEW.to_bytes())
    raw["spans"][0][NAME] = "Мурат"
    error = corrupt(Review.from_bytes, raw)
    assert error.message == "stored review is malformed: spans.0: unknown field"
    assert NAME not in shown(error) and "Мурат" not in shown(error)


def test_every_stored_model_forbids_extra_fields_and_coercion():
    from fieldkit.anonymise.pseudonyms import StoredPseudonyms
    from fieldkit.anonymise.review import StoredReview, StoredSpan
    from fieldkit.documents import StoredAnonymisedText, StoredSegment, StoredTranscript

    for model in (StoredTranscript, StoredAnonymisedText, StoredSegment, StoredReview, StoredSpan, StoredPseudonyms,
                  runner.StoredPartial):
        assert model.model_config["extra"] == "forbid" and model.model_config["strict"], model
    assert load_stored(StoredTranscript, OLD_TRANSCRIPT, "transcript").schema_ == 1
    assert issubclass(runner.StoredPartial, StoredModel)


# --- property -----------------------------------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)  # lone surrogates cannot be UTF-8
times = st.floats(allow_nan=False) | st.integers(-(2**53), 2**53).map(float)
segments = st.builds(Segment, times, times, texts, st.none() | st.sampled_from(runner.SPEAKERS) | texts.filter(bool))


@settings(max_examples=200, deadline=None)
@given(st.lists(segments, max_size=8), texts, texts, times, st.integers(1, 10**6))
def test_any_transcript_round_trips(parts, language, model, duration, version):
    transcript = Transcript(language, model, duration, tuple(parts), version)
    assert Transcript.from_bytes(transcript.to_bytes()) == transcript


@settings(max_examples=100, deadline=None)
@given(st.lists(segments, max_size=5), st.dictionaries(texts, st.integers()),
       st.lists(st.tuples(st.integers(0, 99), st.integers(0, 999), st.integers(0, 999)), min_size=1, max_size=5))
def test_any_anonymised_text_round_trips(parts, counts, masks):
    anonymised = AnonymisedText("ru", tuple(parts), counts, tuple(masks))
    assert AnonymisedText.from_bytes(anonymised.to_bytes()) == anonymised


def test_the_linking_key_reads_its_old_layout_and_writes_a_versioned_one():
    from fieldkit.consent.linking import decode, encode

    old = '{"P1": {"contact": "+7 701 000 00 00", "name": "Мурат Кожанов"}}'.encode()
    table = decode(old)
    assert table == {"P1": {"name": "Мурат Кожанов", "contact": "+7 701 000 00 00"}}
    new = encode(table)
    assert json.loads(new)["schema"] == 2 and decode(new) == table


def test_a_malformed_linking_key_is_refused_without_showing_a_name():
    from fieldkit.consent.linking import decode

    for data in ('{"schema": 2, "respondents": {"P1": {"name": "Мурат Кожанов"}}}',
                 '{"P1": {"name": "Мурат Кожанов", "contact": 7}}',
                 '{"schema": 3, "respondents": {}}'):
        with pytest.raises(CorruptObject) as caught:
            decode(data.encode())
        assert "Кожанов" not in str(caught.value) and "linking key" in str(caught.value)
