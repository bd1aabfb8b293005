"""Consent in the field (issue 15): answers read in the respondent's language, the script's own UI words,
reflowed statements, a narrowed re-consent that destroys what it no longer covers, and the withdrawal preview
with the exports already written (real vault, real crypto)."""

from __future__ import annotations

import pytest

from fieldkit.consent import records
from fieldkit.consent.records import current_consent, parse_answers, record_consent, withdraw
from fieldkit.consent.respondents import add_respondent
from fieldkit.consent.scripts import LANGUAGES, load_script, parse_script
from fieldkit.errors import GateClosed, ObjectDestroyed, PolicyError, StateError
from tests.conftest import CONSENT_ITEMS, FIXTURES, REPO, add_transcribed_interview

ALL_YES = dict.fromkeys(CONSENT_ITEMS, True)
NO_AUDIO = {**ALL_YES, "audio_recording": False}


@pytest.mark.parametrize(("typed", "expected"), [
    ("да", True), ("Да", True), (" ДА. ", True), ("иә", True), ("Иә", True), ("yes", True), ("Y", True),
    ("нет", False), ("Нет!", False), ("жоқ", False), ("no", False), ("n", False),
    ("", None), ("   ", None), ("н", None), ("д", None), ("может быть", None), ("yes no", None),
])
def test_one_answer_is_read_in_any_script_language_and_nothing_is_a_default(typed, expected):
    assert records.parse_answer(typed) is expected


def test_parse_answers_reads_through_parse_answer():
    assert parse_answers("participate=иә,audio_recording=жоқ,excerpts=Да") == {
        "participate": True, "audio_recording": False, "excerpts": True}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_script_says_yes_and_no_in_its_own_language_and_they_parse(language):
    ui = load_script("standard-oral", language).ui
    assert (ui.yes, ui.no) == {"en": ("yes", "no"), "ru": ("да", "нет"), "kk": ("иә", "жоқ")}[language]
    assert records.parse_answer(ui.yes) is True and records.parse_answer(ui.no) is False
    words = (ui.required, ui.read_aloud, ui.answer, ui.summary, ui.confirm, ui.recorded, ui.not_recorded)
    assert all(words)
    if language != "en":  # the words around the items are not left in English
        english = load_script("standard-oral", "en").ui
        assert not set(words) & {english.required, english.read_aloud, english.summary, english.confirm}


def test_the_ui_words_do_not_change_the_hash_of_what_is_read():
    script = load_script("standard-oral", "ru")
    assert "обязательно" not in script.text and script.ui.required == "обязательно"


SCRIPT_TEXT = (REPO / "fieldkit" / "policies" / "consent" / "standard-oral.ru.toml").read_text()


def test_a_script_without_ui_words_or_with_an_unknown_one_is_refused():
    start = SCRIPT_TEXT.index("[ui]")
    without = SCRIPT_TEXT[:start] + SCRIPT_TEXT[SCRIPT_TEXT.index("[[items]]"):]
    with pytest.raises(PolicyError, match=r"ui"):
        parse_script(without.encode(), "standard-oral.ru.toml")
    extra = SCRIPT_TEXT.replace("[ui]\n", '[ui]\nmaybe = "может быть"\n', 1)
    with pytest.raises(PolicyError, match=r"ui\.maybe: unknown field"):
        parse_script(extra.encode(), "standard-oral.ru.toml")
    same = SCRIPT_TEXT.replace('no = "нет"', 'no = "да"', 1)
    with pytest.raises(PolicyError, match="yes and no are the same word"):
        parse_script(same.encode(), "standard-oral.ru.toml")


def test_the_statement_is_reflowed_for_display_but_hashed_as_written():
    script = load_script("standard-oral", "ru")
    paragraphs = script.paragraphs()
    assert all("\n" not in paragraph for paragraph in paragraphs)
    assert "поговорить с вами о вашем опыте" in paragraphs[0]
    assert paragraphs[0].endswith("это никак вам не навредит.")  # a line that ends a sentence ends a paragraph
    assert " ".join(paragraphs).split() == script.statement.split()  # not one word lost or changed
    assert "поговорить\nс вами" in script.text  # the hashed text keeps the file's lines


def test_the_summary_reads_back_each_item_with_its_answer_in_the_script_language():
    script = load_script("standard-oral", "kk")
    lines = script.summary({**ALL_YES, "quotation": False})
    assert len(lines) == len(script.items)
    assert lines[0] == f"1. {script.items[0].question} — иә"
    assert lines[3] == f"4. {script.items[3].question} — жоқ"


def _import_audio(project, code):
    from fieldkit.capture.importer import import_audio

    return import_audio(project, code, FIXTURES / "short_en.wav")


def test_a_narrowed_reconsent_destroys_the_audio_now_and_keeps_the_consent_recording(project):
    code = add_respondent(project, "P")
    first = record_consent(project, code, language="ru", answers=ALL_YES, mode="oral-recorded", evidence=b"OggS.1")
    interview = _import_audio(project, code)
    notes = add_transcribed_interview(project, code, ["Мы работали по ночам."])
    audio = [o for o in project.objects.list() if o.kind == "audio"]
    assert len(audio) == 1

    second = record_consent(project, code, language="ru", answers=NO_AUDIO, mode="oral-recorded",
                            evidence=b"OggS.2")

    assert second.answers["audio_recording"] is False
    info = project.objects.info(audio[0].id)
    assert info.destroyed is not None and project.objects.key_erased(audio[0].id)
    with pytest.raises(ObjectDestroyed):
        project.objects.get(audio[0].id)
    # the consent recordings (the proof of what was agreed, the narrowing included) and the transcript stay
    assert project.objects.get(first.evidence_object) == b"OggS.1"
    assert project.objects.get(second.evidence_object) == b"OggS.2"
    assert project.objects.live_ids(interview=notes, kind="transcript")
    events = [(e.event, e.data) for e in project.audit.entries()]
    narrowed = [data for event, data in events if event == "consent_narrowed"]
    assert narrowed == [{"respondent": code, "scope": "audio_recording"}]
    destroyed = [data for event, data in events if event == "object_destroyed"]
    assert destroyed == [{"object": audio[0].id, "kind": "audio", "respondent": code, "interview": interview,
                          "reason": "consent_narrowed", "rule": "all:consent_withdrawn:1d"}]
    # and nothing new can be recorded
    with pytest.raises(GateClosed, match="did not consent to audio recording"):
        _import_audio(project, code)


def test_gates_follow_the_new_answers_after_narrowing(project):
    from fieldkit.consent.records import allows

    code = add_respondent(project, "L")
    record_consent(project, code, language="kk", answers=ALL_YES)
    assert allows(project, code, "quotation") and allows(project, code, "excerpts")
    record_consent(project, code, language="kk", answers={**ALL_YES, "quotation": False, "excerpts": False})
    assert not allows(project, code, "quotation") and not allows(project, code, "excerpts")
    assert [e.data["scope"] for e in project.audit.entries() if e.event == "consent_narrowed"] == [
        "excerpts+quotation"]


def test_a_reconsent_that_narrows_nothing_logs_no_narrowing(project):
    code = add_respondent(project, "P")
    record_consent(project, code, language="en", answers=NO_AUDIO)
    record_consent(project, code, language="en", answers=ALL_YES)
    assert not [e for e in project.audit.entries() if e.event in ("consent_narrowed", "object_destroyed")]


def test_the_withdrawal_preview_counts_what_goes_and_lists_the_exports_that_carry_them(project, tmp_path):
    from fieldkit.anonymise import review as rv
    from fieldkit.retention.schedule import exports_containing
    from fieldkit.services.consent import withdrawal_preview
    from tests.conftest import export_text

    theirs = add_transcribed_interview(project, "P", ["Мы работали по ночам."])
    other = add_transcribed_interview(project, "L", ["Суд длился год."])
    _import_audio(project, "P1")
    for interview in (theirs, other):
        rv.accept_suggestions(project, interview)
        rv.approve(project, interview)
    export_text(project, tmp_path / "both.csv", interviews=(theirs, other))
    export_text(project, tmp_path / "lawyer.csv", interviews=(other,))

    preview = withdrawal_preview(project, "P1", "all")
    assert preview.interviews == (theirs, "P1-2")
    assert preview.objects == {"anonymised": 1, "audio": 1, "review": 1, "transcript": 1}
    assert preview.destroyed == 4
    assert [(e.path, e.created[:10]) for e in preview.exports] == [(tmp_path / "both.csv", "2026-03-01")]
    assert [e.path.name for e in exports_containing(project, (other,))] == ["both.csv", "lawyer.csv"]
    assert withdrawal_preview(project, "P1", "future-use").objects == {}
    assert current_consent(project, "P1") is not None  # the preview changed nothing
    assert project.conn.execute("SELECT status FROM respondents WHERE code = 'P1'").fetchone() == ("active",)

    result = withdraw(project, "P1", "all")
    assert result.destroyed == preview.destroyed
    with pytest.raises(StateError, match="already withdrawn"):
        withdrawal_preview(project, "P1", "all")
