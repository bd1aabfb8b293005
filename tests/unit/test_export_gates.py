"""Export gates (each refuses with its reason, all reasons at once, nothing written), the export's audit
event and encryption, the formats, and the interview register (never a name or a place)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import replace

import pyrage
import pytest

from fieldkit.anonymise import review as rv
from fieldkit.coding import codebook as cb
from fieldkit.coding.excerpts import apply_code
from fieldkit.consent import linking
from fieldkit.consent.records import record_consent, withdraw
from fieldkit.errors import GateClosed, UsageError
from fieldkit.export.register import coarsen_date
from fieldkit.export.writer import ExportRequest, run_export
from fieldkit.interviews import Metadata
from tests.conftest import CONSENT_ITEMS, add_transcribed_interview

ALL_YES = dict.fromkeys(CONSENT_ITEMS, True)


def approved(project, category, texts, language="ru"):
    interview = add_transcribed_interview(project, category, texts, language=language)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    return interview


def export(project, out, fmt="csv", **options):
    return run_export(project, ExportRequest(fmt, out, **options))


def refused(project, out, fmt="csv", **options) -> tuple[str, ...]:
    """The reasons an export gives for refusing; also checks that nothing was written or logged."""
    def exports():
        return project.conn.execute("SELECT count(*) FROM exports").fetchone()

    before = (len(project.audit.entries()), exports())
    with pytest.raises(GateClosed) as info:
        export(project, out, fmt, **options)
    assert not out.exists() and not list(out.parent.glob(f".{out.name}*"))
    assert (len(project.audit.entries()), exports()) == before
    return info.value.details


@pytest.fixture
def coded(project):
    interview = approved(project, "P", ["Закон изменился, и всё стало иначе.", "Начальство требовало план."])
    cb.add_code(project, "changes in law")
    apply_code(project, interview, "changes in law", quote="Закон изменился")
    return project


def test_a_clean_project_exports_and_logs_the_files_hash(coded, tmp_path):
    result = export(coded, tmp_path / "out.csv")
    data = (tmp_path / "out.csv").read_bytes()
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    event = coded.audit.entries()[-1]
    assert event.event == "export_made"
    assert event.data | {"object": None} == {"object": None, "format": "csv", "rows": 1, "sources": 1,
                                              "codings": 1, "encrypted": False, "sha256": result.sha256}
    (path, digest) = coded.conn.execute("SELECT path, sha256 FROM exports").fetchone()
    assert (path, digest) == (str(tmp_path / "out.csv"), result.sha256)


def test_every_gate_refuses_with_its_reason_and_all_reasons_are_listed_together(coded, tmp_path):
    add_transcribed_interview(coded, "DE", ["Товар возили ночью."])  # not anonymised
    transcribed = add_transcribed_interview(coded, "L", ["Суд длился год."])
    rv.accept_suggestions(coded, transcribed)  # anonymised, not approved
    no_excerpts = approved(coded, "O", ["Просто поговорили."])
    record_consent(coded, "O1", language="en", answers={**ALL_YES, "excerpts": False})
    reasons = refused(coded, tmp_path / "out.csv")
    assert reasons == (
        "DE1-1: not anonymised yet (`fieldkit anonymise DE1-1`)",
        "L1-1: anonymisation not approved (`fieldkit anonymise L1-1 --approve`)",
        f"{no_excerpts}: O1's consent does not cover using excerpts",
    )
    result = export(coded, tmp_path / "out.csv", only_ready=True)
    assert result.sources == 1 and sorted(result.left_out) == ["DE1-1", "L1-1", "O1-1"]


def test_not_transcribed_and_quotation_gates(coded, tmp_path):
    from fieldkit.interviews import insert_interview

    with coded.transaction():
        insert_interview(coded.conn, "P1-2", "P1", "audio", coded.clock.now())
    record_consent(coded, "P1", language="en", answers={**ALL_YES, "quotation": False})
    reasons = refused(coded, tmp_path / "q.csv", quotations=True)
    assert reasons == ("P1-1: P1 did not consent to direct quotation",
                       "P1-2: P1 did not consent to direct quotation",
                       "P1-2: not transcribed yet (`fieldkit transcribe P1-2`)")  # every reason, not the first


def test_a_withdrawn_respondent_is_left_out_and_refused_when_named(coded, tmp_path):
    gone = approved(coded, "DE", ["Товар возили ночью."])
    withdraw(coded, "DE1", "all")
    result = export(coded, tmp_path / "out.csv")
    assert result.left_out == {gone: "respondent withdrew consent"} and "DE1" not in (tmp_path / "out.csv").read_text()
    (tmp_path / "out.csv").unlink()
    assert refused(coded, tmp_path / "out.csv", interviews=(gone,)) == (f"{gone}: respondent DE1 withdrew consent",)


def test_a_residual_identifier_blocks_until_overridden(coded, tmp_path):
    from tests.unit.test_review import plant

    plant(coded, "P1-1", "Закон изменился, и всё стало иначе. Работал я с Ерланом Жумабаевым.")
    (reason,) = refused(coded, tmp_path / "out.csv")
    assert reason.startswith("P1-1: 1 possible identifier(s) remain in the approved text (PERSON)")
    assert "Жумабаев" not in reason  # a refusal never prints the identifier itself
    (found,) = rv.residuals(coded, "P1-1")
    rv.override_residual(coded, "P1-1", found.key)
    assert export(coded, tmp_path / "out.csv").sources == 1


def test_a_stale_coding_blocks(coded, tmp_path):
    from tests.unit.test_coding import replace_anonymised_text

    replace_anonymised_text(coded, "P1-1", ["Начальство требовало план."])
    (reason,) = refused(coded, tmp_path / "out.csv")
    assert reason.startswith("P1-1: 1 coding(s) no longer match the anonymised text")


def test_an_overdue_item_blocks_every_export(coded, tmp_path, monkeypatch):
    from datetime import UTC, datetime

    import fieldkit.vault.blobs as blobs
    from fieldkit.clock import FixedClock

    def stuck(self, object_id, **kwargs):
        raise OSError("device busy")

    monkeypatch.setattr(blobs.ObjectStore, "shred", stuck)
    coded.clock = FixedClock(datetime(2027, 9, 1, tzinfo=UTC))  # the pseudonym map's deadline is long past
    (reason,) = refused(coded, tmp_path / "out.csv")
    assert "past their destruction deadline and still stored (pseudonym_map of the project)" in reason
    assert refused(coded, tmp_path / "r.md", "md", register=True) == (reason,)
    coded.clock = FixedClock(datetime(2027, 7, 30, 10, tzinfo=UTC))  # one hour late: "due", not yet "overdue"
    assert refused(coded, tmp_path / "out.csv") == (reason,)  # a failed destruction blocks at once


def test_a_future_use_withdrawal_also_stops_export_and_the_register(coded, tmp_path):
    withdraw(coded, "P1", "future-use")
    assert refused(coded, tmp_path / "out.csv", interviews=("P1-1",)) == ("P1-1: respondent P1 withdrew consent",)
    (reason,) = refused(coded, tmp_path / "out.csv")
    assert reason.startswith("nothing to export")
    assert export(coded, tmp_path / "r.csv", register=True).rows == 0


def test_every_reason_of_one_interview_is_listed(coded, tmp_path):
    from tests.unit.test_review import plant

    plant(coded, "P1-1", "Закон изменился, и всё стало иначе. Работал я с Ерланом Жумабаевым.")
    record_consent(coded, "P1", language="en", answers={**ALL_YES, "excerpts": False})
    reasons = refused(coded, tmp_path / "out.csv")
    assert reasons[0] == "P1-1: P1's consent does not cover using excerpts"
    assert reasons[1].startswith("P1-1: 1 possible identifier(s) remain")


def test_code_names_and_descriptions_are_scanned(coded, tmp_path):
    from fieldkit.export.codebook_exchange import export_codebook

    code = cb.edit_code(coded, "changes in law", description="Как говорил Ерлан Жумабаев")
    (reason,) = refused(coded, tmp_path / "out.json", "json")
    assert reason.startswith('code "changes in law" (name or description) may hold identifying details (PERSON)')
    assert code.id[:8] not in reason
    with pytest.raises(GateClosed):
        export_codebook(coded, tmp_path / "book.qdc")
    assert not (tmp_path / "book.qdc").exists()
    cb.edit_code(coded, "changes in law", description="Any change in the law or its use")
    assert export(coded, tmp_path / "out.json", "json").excerpts == 1


def test_register_refuses_options_it_would_ignore(coded, tmp_path):
    with pytest.raises(UsageError, match="holds no text") as info:
        export(coded, tmp_path / "r.csv", register=True, interviews=("P1-1",))
    assert "drop --interview" in info.value.hint


def test_memos_are_scanned_before_they_leave(coded, tmp_path):
    from fieldkit.coding.excerpts import codings_of, set_memo

    (coding,) = codings_of(coded, "P1-1")
    set_memo(coded, coding.id, "Сравнить с тем, что говорил Ерлан Жумабаев.")
    export(coded, tmp_path / "plain.csv")  # without --memos the memo stays inside
    assert "Жумабаев" not in (tmp_path / "plain.csv").read_text()
    (reason,) = refused(coded, tmp_path / "memo.csv", memos=True)
    assert reason.startswith(f"memo on coding {coding.id[:8]} (P1-1) may hold identifying details (PERSON)")
    set_memo(coded, coding.id, "Сравнить с юристами.")
    export(coded, tmp_path / "memo.csv", memos=True)
    assert list(csv.DictReader((tmp_path / "memo.csv").open()))[0]["memo"] == "Сравнить с юристами."


def test_nothing_to_export_and_nothing_coded(project, tmp_path):
    assert refused(project, tmp_path / "out.csv") == (
        "nothing to export: no approved anonymised source of a respondent who consented to excerpts",)
    approved(project, "P", ["Начальство требовало план."])
    with pytest.raises(GateClosed, match="nothing coded yet"):
        export(project, tmp_path / "out.csv")
    assert export(project, tmp_path / "out.csv", all_text=True).rows == 1


def test_bad_requests_are_refused_before_anything_is_read(coded, tmp_path):
    with pytest.raises(UsageError, match="not an age X25519 recipient"):
        export(coded, tmp_path / "x.csv", recipients=("age1notakey",))
    with pytest.raises(UsageError, match="register is a table"):
        export(coded, tmp_path / "x.qdpx", "qdpx", register=True)
    with pytest.raises(GateClosed, match="inside the project folder"):
        export(coded, coded.root / "leak.csv")
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("fmt", ["qdpx", "csv"])
def test_an_export_can_be_encrypted_to_a_recipient(coded, tmp_path, fmt):
    identity = pyrage.x25519.Identity.generate()
    result = export(coded, tmp_path / f"out.{fmt}.age", fmt, recipients=(str(identity.to_public()),))
    sealed = (tmp_path / f"out.{fmt}.age").read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1") and "Закон".encode() not in sealed
    assert result.encrypted and result.sha256 == hashlib.sha256(sealed).hexdigest()
    plain = pyrage.decrypt(sealed, [identity])
    if fmt == "qdpx":
        assert zipfile.ZipFile(io.BytesIO(plain)).namelist()[0] == "project.qde"
    else:
        assert "Закон изменился" in plain.decode()
    assert coded.audit.entries()[-1].data["encrypted"] is True


def test_json_and_markdown_carry_codes_respondent_codes_and_coarse_dates(coded, tmp_path):
    export(coded, tmp_path / "out.json", "json")
    body = json.loads((tmp_path / "out.json").read_text())
    (excerpt,) = body["excerpts"]
    assert excerpt["respondent"] == "[P1]" and excerpt["text"] == "Закон изменился"
    assert excerpt["interview_date"] == "2026-03" and excerpt["code_path"] == "changes in law"
    assert [c["name"] for c in body["codes"]] == ["changes in law"] and "memo" not in excerpt
    export(coded, tmp_path / "out.md", "md")
    markdown = (tmp_path / "out.md").read_text()
    assert "## changes in law" in markdown and "> Закон изменился" in markdown
    assert "— [P1], police official, 2026-03 (interview P1-1)" in markdown


def test_spreadsheet_formulas_are_neutralised(project, tmp_path):
    approved(project, "P", ["=SUM(A1:A9)", "+1 и всё", "@cmd"], language="en")
    export(project, tmp_path / "out.csv", all_text=True)
    texts = [row["text"] for row in csv.DictReader((tmp_path / "out.csv").open())]
    assert all(text.startswith("'") for text in texts)


# --- the interview register ----------------------------------------------------------------------------


def test_coarsen_date():
    assert [coarsen_date("2026-05-17", p) for p in ("day", "month", "quarter", "year")] == [
        "2026-05-17", "2026-05", "2026-Q2", "2026"]
    assert coarsen_date(None, "month") == ""


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
def test_the_register_never_holds_names_or_places(project, tmp_path, fmt):
    from fieldkit.capture.notes import import_notes

    names = ("Ерлан Жумабаев", "Шымкент", "Kostanay", "Серік Ахметов", "+7 701 555 12 34", "cafe")
    interview = approved(project, "P", ["Ерлан Жумабаев встретил меня в Шымкенте."])
    linking.set_link(project, "P1", "Серік Ахметов", "+7 701 555 12 34")
    import_notes(project, "P1", "Met in Kostanay, at a cafe.", Metadata("2026-02-14", "cafe"))
    add_transcribed_interview(project, "DE", ["x"])
    withdraw(project, "DE1", "all")  # withdrew everything: not in the register
    project.policy = replace(project.policy, date_precision="quarter")
    result = export(project, tmp_path / f"register.{fmt}", fmt, register=True)
    text = (tmp_path / f"register.{fmt}").read_text()
    assert result.rows == 2 and not any(name.lower() in text.lower() for name in names)
    assert "DE1" not in text and "2026-Q1" in text and "2026-03-01" not in text and "2026-02" not in text
    assert interview in text and "P1-2" in text and "police official" in text and "notes" in text
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert list(rows[0]) == ["number", "interview", "respondent", "category", "respondent_type", "mode", "date",
                                 "duration_min", "language"]
        assert [r["interview"] for r in rows] == ["P1-2", "P1-1"]  # by date: the notes came first
