"""Review, pseudonyms across a project, generalisation and the residual export gate (real Presidio/Natasha)."""

from __future__ import annotations

import pytest

from fieldkit.anonymise import review as rv
from fieldkit.anonymise.engine import Finding, analyse
from fieldkit.anonymise.gazetteer import gazetteer
from fieldkit.anonymise.pseudonyms import Pseudonyms, replace
from fieldkit.errors import GateClosed, StateError
from tests.conftest import add_transcribed_interview, export_text


def text_of(project, interview_id):
    return rv.load_anonymised(project, interview_id).text


def test_suggestions_are_stored_without_the_identifying_text(project):
    interview = add_transcribed_interview(project, "P", ["Я работал с Муратом Кожановым в Костанае."])
    review = rv.suggest(project, interview)
    assert {s.entity for s in review.spans} >= {"PERSON", "LOCATION"}
    assert all(s.status == "pending" for s in review.spans)
    stored = project.objects.get(project.conn.execute(
        "SELECT review_object FROM interviews WHERE id = ?", (interview,)).fetchone()[0])
    assert "Кожанов" not in stored.decode() and "Костана" not in stored.decode()


def test_nothing_is_derived_while_suggestions_are_pending(project):
    interview = add_transcribed_interview(project, "P", ["Мурат Кожанов живёт в Костанае."])
    review = rv.suggest(project, interview)
    rv.decide(project, interview, accept=(review.spans[0].id,))
    with pytest.raises(StateError, match="still pending"):
        rv.derive(project, interview)
    with pytest.raises(StateError):
        rv.approve(project, interview)


def test_accept_reject_and_add(project):
    interview = add_transcribed_interview(
        project, "DE", ["Товар мне давал Бек, а деньги забирал Мурат Кожанов.", "Потом Бека посадили в Караганде."]
    )
    review = rv.suggest(project, interview)
    person = next(s for s in review.spans if s.entity == "PERSON")
    place = next(s for s in review.spans if s.entity == "LOCATION")
    rv.decide(project, interview, accept=(person.id,), reject=(place.id,))
    rv.decide(project, interview, accept_all=True, add=(("Бек", "PERSON"),))
    text = text_of(project, interview)
    assert "Кожанов" not in text and "Бек" not in text  # "Бек" and "Бека" both, as one person
    assert "Караганде" in text  # the reviewer rejected it
    assert text.count("[PERSON-2]") == 2 or text.count("[PERSON-1]") == 2


def test_same_person_same_placeholder_across_transcripts(project):
    first = add_transcribed_interview(project, "P", ["Начальником был Мурат Кожанов."])
    second = add_transcribed_interview(project, "P", ["Кожанову я ничего не говорил."])
    rv.accept_suggestions(project, first)
    rv.accept_suggestions(project, second)
    assert text_of(project, first) == "Начальником был [PERSON-1]."
    assert text_of(project, second) == "[PERSON-1] я ничего не говорил."


def test_a_name_confirmed_once_is_retagged_everywhere(project):
    first = add_transcribed_interview(project, "L", ["Все звали его Хромой, он держал точку."])
    rv.suggest(project, first)
    rv.decide(project, first, accept_all=True, add=(("Хромой", "PERSON"),))
    second = add_transcribed_interview(project, "L", ["С хромым мы потом не виделись."])
    suggestions = rv.suggest(project, second)
    retagged = [s for s in suggestions.spans if s.source == "confirmed"]
    assert retagged and retagged[0].status == "accepted"


@pytest.mark.parametrize("spelling", ["Kostanay", "Qostanay", "Костанай", "Қостанай", "Костанае", "Қостанайда"])
def test_a_gazetteer_city_is_caught_in_latin_and_cyrillic(spelling):
    language = "en" if spelling.isascii() else "ru"
    findings = [f for f in analyse(f"Я жил там: {spelling}, долго." if language == "ru"
                                   else f"I lived in {spelling} for years.", language) if f.entity == "LOCATION"]
    assert findings and findings[0].text == spelling and findings[0].place == "kostanay"


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("keep", "Я жил в Костанае."),
        ("region", "Я жил в [город в Костанайской области]."),
        ("macro_region", "Я жил в [город на севере Казахстана]."),
        ("remove", "Я жил в [PLACE-1]."),
    ],
)
def test_location_generalisation_follows_the_policy_level(level, expected):
    text = "Я жил в Костанае."
    place = gazetteer().find(text)[0]
    finding = Finding("LOCATION", place[0], place[1], 0.9, text[place[0]:place[1]], place[2])
    assert replace(text, [finding], Pseudonyms(), level) == expected


def test_english_generalisation_names_the_region():
    assert gazetteer().generalise("kostanay", "region", cyrillic=False) == "[a city in Kostanay region]"
    assert gazetteer().generalise("kostanay", "macro_region", cyrillic=False) == "[a city in northern Kazakhstan]"


def plant(project, interview, sentence):
    """Simulate approved text that still names someone (a missed detection or a damaged object)."""
    from fieldkit import pipeline
    from fieldkit.documents import Segment

    anonymised = rv.AnonymisedText("ru", (Segment(0, 5, sentence),), {})

    def link(conn, object_id):
        pipeline.anonymised(conn, interview, object_id)
        pipeline.approved(conn, interview, project.clock.now())  # swapped under an approval, as a damaged object

    row = project.conn.execute("SELECT anonymised_object FROM interviews WHERE id = ?", (interview,)).fetchone()
    project.objects.put("anonymised", anonymised.to_bytes(), interview=interview, on_stored=link, replaces=row)


def test_export_gate_blocks_a_planted_name_until_overridden(project, tmp_path):
    interview = add_transcribed_interview(project, "P", ["Работал я тогда в полиции."])
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    plant(project, interview, "Работал я тогда с Ерланом Жумабаевым в полиции.")
    with pytest.raises(GateClosed, match="export refused for 1 reason") as refused:
        export_text(project, tmp_path / "out.csv")
    assert refused.value.details[0].startswith("P1-1: 1 possible identifier(s) remain in the approved text (PERSON)")
    assert not (tmp_path / "out.csv").exists()
    found = rv.residuals(project, interview)
    assert [r.entity for r in found] == ["PERSON"] and "Жумабаев" in found[0].text
    rv.override_residual(project, interview, found[0].key)
    assert export_text(project, tmp_path / "out.csv").rows == 1
    event = [e for e in project.audit.entries() if e.event == "residual_overridden"][0]
    assert event.data == {"interview": interview, "respondent": "P1", "kind": "PERSON"}


def test_an_identifier_confirmed_later_blocks_earlier_approved_text(project, tmp_path):
    # a lower-case nickname said without a cue («по кличке», «звали»): nobody flagged it yet
    first = add_transcribed_interview(project, "P", ["Тогда шайба всех знал."])
    rv.suggest(project, first)
    rv.decide(project, first, accept_all=True)
    rv.approve(project, first)
    assert "шайба" in text_of(project, first)
    second = add_transcribed_interview(project, "P", ["Шайба потом уехал."])
    rv.suggest(project, second)
    rv.decide(project, second, accept_all=True, add=(("Шайба", "PERSON"),))
    with pytest.raises(GateClosed) as refused:
        export_text(project, tmp_path / "out.csv")
    assert any(line.startswith("P1-1: 1 possible identifier") for line in refused.value.details)


def test_adding_a_surname_keeps_the_accepted_full_name(project):
    interview = add_transcribed_interview(project, "P", ["Меня допрашивал Ержан Касымов."])
    rv.suggest(project, interview)
    rv.decide(project, interview, accept_all=True, add=(("Касымов", "PERSON"),))
    assert text_of(project, interview) == "Меня допрашивал [PERSON-1]."


def test_suggestion_ids_are_stable_when_suggestions_are_recomputed(project):
    interview = add_transcribed_interview(project, "P", ["Мурат Кожанов жил в Караганде, потом в Костанае."])
    first = {s.id: (s.start, s.end) for s in rv.suggest(project, interview).spans}
    some = next(iter(first))
    rv.decide(project, interview, accept=(some,))
    again = {s.id: (s.start, s.end) for s in rv.suggest(project, interview).spans}
    assert again == first


def test_the_residual_check_still_reads_brackets_the_speaker_used(project):
    interview = add_transcribed_interview(project, "P", ["Его звали [шайба], так и записали."])
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    other = add_transcribed_interview(project, "P", ["Шайба уехал."])
    rv.suggest(project, other)
    rv.decide(project, other, accept_all=True, add=(("Шайба", "PERSON"),))
    assert [r.entity for r in rv.residuals(project, interview)] == ["PERSON"]


def test_keep_level_places_are_not_residuals(project):
    project.policy = project.policy.__class__(**{**project.policy.__dict__, "location_level": "keep"})
    interview = add_transcribed_interview(project, "P", ["Я жил в Костанае."])
    rv.accept_suggestions(project, interview)
    assert "Костанае" in text_of(project, interview)
    assert rv.residuals(project, interview) == []
