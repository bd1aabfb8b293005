"""What a researcher meets in the field once the project is under way (issue 15): a sealed interview is out of
reach but does not break project-wide commands; every format says whether each excerpt may be quoted; the
gates name codes by name; withdrawn interviews show as withdrawn; items no rule reaches are "kept"."""

from __future__ import annotations

import csv
import json
import zipfile
from xml.etree import ElementTree as ET

import pyrage
import pytest

from fieldkit.anonymise import review as rv
from fieldkit.coding import codebook as cb
from fieldkit.coding.excerpts import apply_code, list_excerpts
from fieldkit.consent.records import record_consent, withdraw
from fieldkit.errors import GateClosed, ObjectSealed
from fieldkit.export.register import register_rows
from fieldkit.export.writer import ExportRequest, run_export
from fieldkit.pipeline import seal_interview
from tests.conftest import CONSENT_ITEMS, add_transcribed_interview, shared_path

ALL_YES = dict.fromkeys(CONSENT_ITEMS, True)
INSTITUTION = pyrage.x25519.Identity.generate()
SEALED = "sealed: only the institution can open it"


def approved(project, category, texts):
    interview = add_transcribed_interview(project, category, texts)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    return interview


def export(project, out, fmt="csv", **options):
    return run_export(project, ExportRequest(fmt, out, **options))


@pytest.fixture
def two(project):
    """P1-1 (agreed to quotation) and L1-1 (agreed to excerpts, not to quotation), each with one coding."""
    approved(project, "P", ["Закон изменился, и всё стало иначе."])
    approved(project, "L", ["Суд длился год, и никто не помог."])
    record_consent(project, "L1", language="en", answers={**ALL_YES, "quotation": False})
    cb.add_code(project, "Institutions")
    cb.add_code(project, "courts", parent="Institutions")
    apply_code(project, "P1-1", "courts", quote="Закон изменился")
    apply_code(project, "L1-1", "courts", quote="Суд длился год")
    return project


def with_archive_recipient(project):
    """As if created with `fieldkit init --archive-recipient`: sealing needs the institution's key."""
    settings = project.root / "fieldkit.toml"
    settings.write_text(settings.read_text() + f'archive_recipients = ["{INSTITUTION.to_public()}"]\n')
    return project


# --- 1. a sealed interview is out of reach, and nothing else breaks --------------------------------------


def test_a_sealed_interview_is_left_out_named_and_never_breaks_project_wide_commands(two, tmp_path):
    seal_interview(with_archive_recipient(two), "P1-1")
    ready = export(two, tmp_path / "ready.csv", only_ready=True)
    assert ready.left_out == {"P1-1": SEALED} and ready.interviews == ("L1-1",)
    # by default too it is left out and named (it can never be exported from this laptop again, so it must not
    # block the rest for good); asked for by name, it is refused with the reason
    default = export(two, tmp_path / "all.csv")
    assert default.left_out == {"P1-1": SEALED} and default.interviews == ("L1-1",)
    with pytest.raises(GateClosed) as refused:
        export(two, tmp_path / "p1.csv", interviews=("P1-1", "L1-1"))
    assert refused.value.details == (f"P1-1: {SEALED}",)
    excerpts, stale = list_excerpts(two)
    assert [e.coding.interview for e in excerpts] == ["L1-1"] and stale == []
    from fieldkit.coding.excerpts import sealed_interviews

    assert sealed_interviews(two) == ["P1-1"] and sealed_interviews(two, category="L") == []
    assert list_excerpts(two, interview="P1-1") == ([], [])
    # the register holds no text: the sealed interview's metadata is still listed
    assert sorted(row.interview for row in register_rows(two)) == ["L1-1", "P1-1"]
    from fieldkit.coding.sources import load_source

    with pytest.raises(ObjectSealed, match="only the institution"):
        load_source(two, "P1-1")


# --- 2. every format says whether each excerpt may be quoted ---------------------------------------------


@pytest.fixture(scope="module")
def schema():
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(shared_path("refi-qda", "Project-mrt2019.xsd")))


def test_every_format_says_per_excerpt_whether_it_may_be_quoted(two, tmp_path, schema):
    export(two, tmp_path / "out.csv")
    rows = {r["interview"]: r["quotable"] for r in csv.DictReader((tmp_path / "out.csv").open())}
    assert rows == {"P1-1": "yes", "L1-1": "no"}
    export(two, tmp_path / "out.json", "json")
    body = json.loads((tmp_path / "out.json").read_text())
    assert {e["interview"]: e["quotable"] for e in body["excerpts"]} == {"P1-1": True, "L1-1": False}

    export(two, tmp_path / "out.md", "md")
    markdown = (tmp_path / "out.md").read_text()
    assert "> Закон изменился\n>\n> — [P1], police official, 2026-03 (interview P1-1)" in markdown
    assert "> Суд длился год" not in markdown and "— [L1]" not in markdown  # never an attributed quote
    assert "(not for quotation; paraphrase only) Суд длился год\n([L1], lawyer, 2026-03, interview L1-1)" in markdown
    assert not [line for line in markdown.splitlines() if line.startswith(">") and "L1" in line]

    export(two, tmp_path / "out.qdpx", "qdpx")
    xml = zipfile.ZipFile(tmp_path / "out.qdpx").read("project.qde").decode("utf-8")
    schema.validate(xml)
    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = ET.fromstring(xml)
    variables = {v.get("guid"): v.get("name") for v in root.iterfind(".//q:Variable", ns)}
    for source in root.iterfind(".//q:TextSource", ns):
        values = {variables[v.find("q:VariableRef", ns).get("targetGUID")]: v.findtext("q:TextValue", None, ns)
                  for v in source.iterfind("q:VariableValue", ns)}
        (selection,) = source.iterfind("q:PlainTextSelection", ns)
        description = selection.findtext("q:Description", None, ns)
        if source.get("name") == "P1-1":
            assert values["Quotable"] == "yes" and description.startswith("Quotable")
        else:
            assert values["Quotable"] == "no" and description.startswith("Not for quotation")


def test_quotability_follows_the_current_consent(two, tmp_path):
    export(two, tmp_path / "before.md", "md")
    assert "(not for quotation; paraphrase only) Суд длился год" in (tmp_path / "before.md").read_text()
    record_consent(two, "L1", language="en", answers=ALL_YES)  # re-consent: now agrees to quotation
    export(two, tmp_path / "out.md", "md")
    markdown = (tmp_path / "out.md").read_text()
    assert "> Суд длился год" in markdown and "not for quotation" not in markdown


# --- 3. wording -------------------------------------------------------------------------------------------


def test_the_free_text_gate_names_a_code_by_its_name_and_path(two, tmp_path):
    code = cb.edit_code(two, "courts", description="Как говорил Ерлан Жумабаев")
    with pytest.raises(GateClosed) as refused:
        export(two, tmp_path / "out.csv")
    (reason,) = refused.value.details
    assert reason.startswith('code "Institutions / courts" (name or description) may hold identifying details')
    assert "`fieldkit code edit courts --name NEW`" in reason and code.id[:8] not in reason


def test_a_withdrawn_respondents_interviews_show_as_withdrawn(two):
    from fieldkit.services.overview import stages

    withdraw(two, "L1", "future-use")
    assert stages(two) == {"P1-1": "coded", "L1-1": "withdrawn"}
    withdraw(two, "P1", "all")
    assert stages(two) == {"P1-1": "withdrawn", "L1-1": "withdrawn"}


def test_an_item_no_rule_reaches_is_kept_not_pending(project):
    from fieldkit.retention.schedule import STATES, items
    from fieldkit.services.report import build_report

    add_transcribed_interview(project, "P", ["Закон изменился."])  # audio rule waits for approval; none for text
    (transcript,) = [i for i in items(project) if i.kind == "transcript"]
    assert (transcript.state, transcript.deadline, transcript.rule) == ("kept", None, None) and "kept" in STATES
    assert transcript.as_json()["state"] == "kept"
    report = build_report(project)
    assert 'Kept with no rule: <b id="kept">' in report and "transcripts (every version)" in report
