"""Codebook and codings on anonymised text (real vault, real Presidio for the anonymised text)."""

from __future__ import annotations

import pytest

from fieldkit.anonymise import review as rv
from fieldkit.coding import codebook as cb
from fieldkit.coding.excerpts import apply_code, codings_of, list_excerpts, remove_coding, set_memo
from fieldkit.coding.sources import load_source
from fieldkit.consent.records import withdraw
from fieldkit.errors import NotFound, StateError, UsageError
from tests.conftest import add_transcribed_interview

TEXT = ["Закон изменился, и всё стало иначе.", "После этого начальство требовало план.", "Закон изменился снова."]


def approved(project, category: str, texts: list[str]) -> str:
    interview = add_transcribed_interview(project, category, texts)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    return interview


def test_codes_form_a_tree_with_unique_names_and_valid_colours(project):
    pattern = cb.add_code(project, "Institutional pressure", description="Pattern code")
    first = cb.add_code(project, "changes in law", parent="institutional PRESSURE", colour="#0a0")
    cb.add_code(project, "Quotas", parent=pattern.id)
    assert first.parent == pattern.id and first.colour == "#00AA00"
    assert [c.name for c in cb.list_codes(project)] == ["Institutional pressure", "changes in law", "Quotas"]
    assert cb.descendants(project, pattern.id) == {c.id for c in cb.list_codes(project)}
    with pytest.raises(UsageError, match="already exists"):
        cb.add_code(project, "CHANGES IN LAW")
    with pytest.raises(UsageError, match="not a colour"):
        cb.add_code(project, "Fear", colour="red")
    with pytest.raises(UsageError, match="own ancestor"):
        cb.edit_code(project, "Institutional pressure", parent="Quotas")
    with pytest.raises(UsageError, match="one line"):
        cb.add_code(project, "two\nlines")
    moved = cb.edit_code(project, "Quotas", parent=None, name="Plan quotas", memo="grew in 2019")
    assert (moved.parent, moved.name, moved.memo) == (None, "Plan quotas", "grew in 2019")


def test_a_code_in_use_is_removed_only_with_force_and_its_children_move_up(project):
    interview = approved(project, "P", TEXT)
    pattern = cb.add_code(project, "Pressure")
    cb.add_code(project, "Law", parent="Pressure")
    apply_code(project, interview, "Pressure", quote="После этого начальство требовало план.")
    with pytest.raises(StateError, match="1 coding"):
        cb.remove_code(project, "Pressure")
    assert cb.remove_code(project, "Pressure", force=True) == 1
    assert cb.find_code(project, "Law").parent is None
    assert codings_of(project, interview) == []
    with pytest.raises(NotFound):
        cb.find_code(project, pattern.id)


def test_codings_use_code_point_offsets_of_the_anonymised_text(project):
    interview = approved(project, "P", TEXT)
    cb.add_code(project, "changes in law")
    text = load_source(project, interview).text
    assert text == "\n".join(TEXT)
    second = apply_code(project, interview, "changes in law", quote="Закон изменился", occurrence=2)
    assert (second.start, second.end) == (text.rindex("Закон изменился"), text.rindex("Закон изменился") + 15)
    assert len(text[: second.start].encode()) != second.start  # Cyrillic: bytes and code points differ
    spaced = apply_code(project, interview, "changes in law", start=0, end=len(TEXT[0]) + 1)  # trailing newline
    assert (spaced.start, spaced.end) == (0, len(TEXT[0]))
    again = apply_code(project, interview, "changes in law", start=0, end=len(TEXT[0]))
    assert again.id == spaced.id  # the same code on the same span is stored once
    with pytest.raises(NotFound, match="does not appear 3 times"):
        apply_code(project, interview, "changes in law", quote="Закон изменился", occurrence=3)
    with pytest.raises(UsageError, match="outside the text"):
        apply_code(project, interview, "changes in law", start=5, end=10_000)


def test_coding_needs_anonymised_text(project):
    interview = add_transcribed_interview(project, "P", TEXT)
    cb.add_code(project, "x")
    with pytest.raises(StateError, match="anonymised text of P1-1 does not exist yet"):
        apply_code(project, interview, "x", quote="Закон")


def test_excerpts_by_code_category_and_interview_include_child_codes(project):
    police = approved(project, "P", TEXT)
    lawyer = approved(project, "L", ["Адвокат сказал, что закон изменился."])
    cb.add_code(project, "Institutions")
    cb.add_code(project, "changes in law", parent="Institutions")
    cb.add_code(project, "plans")
    apply_code(project, police, "changes in law", quote="Закон изменился, и всё стало иначе.", memo="key moment")
    apply_code(project, police, "plans", quote="После этого начальство требовало план.")
    apply_code(project, lawyer, "changes in law", quote="закон изменился")
    by_pattern, stale = list_excerpts(project, code="Institutions")
    assert stale == [] and sorted((e.respondent, e.text) for e in by_pattern) == [
        ("L1", "закон изменился"), ("P1", "Закон изменился, и всё стало иначе.")]
    first = next(e for e in by_pattern if e.respondent == "P1")
    assert first.code_path == "Institutions / changes in law" and first.coding.memo == "key moment"
    lawyers, _ = list_excerpts(project, category="L")
    assert [e.coding.interview for e in lawyers] == [lawyer]
    assert len(list_excerpts(project, interview=police)[0]) == 2


def replace_anonymised_text(project, interview: str, texts: list[str]) -> None:
    from fieldkit import pipeline
    from fieldkit.documents import AnonymisedText, Segment

    row = project.conn.execute("SELECT anonymised_object FROM interviews WHERE id = ?", (interview,)).fetchone()
    segments = tuple(Segment(i * 5.0, i * 5.0 + 5, t) for i, t in enumerate(texts))

    def link(conn, object_id):
        pipeline.anonymised(conn, interview, object_id)
        pipeline.approved(conn, interview, project.clock.now())  # swapped under an approval, as a damaged object

    project.objects.put("anonymised", AnonymisedText("ru", segments, {}).to_bytes(), interview=interview,
                        on_stored=link, replaces=row)


def test_a_coding_follows_its_text_when_it_moves_and_is_stale_when_it_is_gone(project):
    interview = approved(project, "P", TEXT)
    cb.add_code(project, "plans")
    cb.add_code(project, "law")
    plans = apply_code(project, interview, "plans", quote="начальство требовало план")
    law = apply_code(project, interview, "law", quote="Закон изменился снова.")
    replace_anonymised_text(project, interview, ["Вступление.", *TEXT[:2]])  # a line added, the last one gone
    excerpts, stale = list_excerpts(project)
    assert [e.text for e in excerpts] == ["начальство требовало план"]
    moved = codings_of(project, interview)
    assert next(c for c in moved if c.id == plans.id).start == plans.start + len("Вступление.\n")
    assert [c.id for c in stale] == [law.id]
    remove_coding(project, law.id[:8])
    assert list_excerpts(project)[1] == []


def test_memos_are_set_and_cleared(project):
    interview = approved(project, "P", TEXT)
    cb.add_code(project, "plans")
    coding = apply_code(project, interview, "plans", quote="план")
    assert set_memo(project, coding.id[:6], "  сравнить с L1  ").memo == "сравнить с L1"
    assert set_memo(project, coding.id, "").memo == ""
    with pytest.raises(UsageError, match="not a coding id"):
        set_memo(project, "abc", "too short a prefix")


def test_withdrawal_removes_codings_and_memos_with_the_text(project):
    kept = approved(project, "P", TEXT)
    gone = approved(project, "DE", ["Товар возили ночью."])
    cb.add_code(project, "logistics")
    apply_code(project, kept, "logistics", quote="план")
    apply_code(project, gone, "logistics", quote="Товар возили ночью.", memo="ночные рейсы")
    withdraw(project, "DE1", "all")
    assert [c.interview for c in codings_of(project, kept)] == [kept] and codings_of(project, gone) == []
    (memos,) = project.conn.execute("SELECT count(*) FROM codings WHERE memo != ''").fetchone()
    assert memos == 0


def test_retention_destroying_a_source_prunes_its_codings(project):
    from dataclasses import replace
    from datetime import UTC, datetime, timedelta

    from fieldkit.clock import FixedClock
    from fieldkit.retention.policy import Rule
    from fieldkit.retention.schedule import enforce

    interview = approved(project, "P", TEXT)
    cb.add_code(project, "plans")
    apply_code(project, interview, "plans", quote="план", memo="заметка")
    project.policy = replace(project.policy, rules=(*project.policy.rules,
                                                    Rule("all", "project_end", timedelta(days=30), "destroy")))
    project.clock = FixedClock(datetime(2027, 9, 1, tzinfo=UTC))
    result = enforce(project)
    assert any(item.kind == "anonymised" for item in result.destroyed)
    assert codings_of(project, interview) == []
    assert cb.find_code(project, "plans")  # the codebook itself stays


def test_names_are_unique_in_every_script_and_free_text_has_no_control_characters(project):
    cb.add_code(project, "Закон")
    with pytest.raises(UsageError, match="already exists"):
        cb.add_code(project, "ЗАКОН")
    assert cb.find_code(project, "закон").name == "Закон"
    with pytest.raises(UsageError, match="control characters"):
        cb.add_code(project, "Fear", description="bad \x01 byte")
    with pytest.raises(UsageError, match="control characters"):
        cb.edit_code(project, "Закон", memo="bell \x07")
    assert cb.edit_code(project, "Закон", memo="two\nlines\tand a tab").memo == "two\nlines\tand a tab"


def test_coding_ids_are_matched_literally(project):
    interview = approved(project, "P", TEXT)
    cb.add_code(project, "plans")
    coding = apply_code(project, interview, "plans", quote="план")
    for pattern in ("%%%%", "____", "abc"):
        with pytest.raises((UsageError, NotFound)):
            remove_coding(project, pattern)
    remove_coding(project, coding.id[:4])
    assert codings_of(project, interview) == []


def test_re_applying_a_code_with_a_memo_keeps_the_memo(project):
    interview = approved(project, "P", TEXT)
    cb.add_code(project, "plans")
    first = apply_code(project, interview, "plans", quote="план")
    again = apply_code(project, interview, "plans", quote="план", memo="позже")
    assert again.id == first.id and again.memo == "позже"


def test_windows_line_endings_become_one_newline(project):
    from fieldkit.coding.sources import source_text

    class Text:
        segments = [type("S", (), {"speaker": None, "text": "первая\r\nвторая\rтретья"})()]

    assert source_text(Text()) == "первая\nвторая\nтретья"
