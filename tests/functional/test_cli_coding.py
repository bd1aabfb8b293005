"""The coding and export commands as a researcher types them (CLI in-process, real vault and Presidio)."""

from __future__ import annotations

import csv
import json
import zipfile

from fieldkit.export import refi
from tests.functional.conftest import NOW


def seed(fk, texts, category="P", language="ru"):
    from fieldkit.clock import FixedClock, parse_instant
    from tests.conftest import add_transcribed_interview

    with fk.open(FixedClock(parse_instant(NOW))) as project:
        return add_transcribed_interview(project, category, texts, language=language)


def test_code_apply_and_export_every_format(fk, tmp_path):
    interview = seed(fk, ["Закон изменился, и всё стало иначе.", "Начальство требовало план."])
    fk("anonymise", interview, "--accept-suggestions", "--approve")
    (tmp_path / "description.txt").write_text("Pattern code\n", encoding="utf-8")
    pattern = fk("code", "add", "Institutional pressure", "--description-file", str(tmp_path / "description.txt"))
    pattern = pattern.stdout.strip()
    assert len(pattern) == 36
    fk("code", "add", "changes in law", "--parent", "Institutional pressure", "--colour", "#336699")
    fk("code", "add", "quotas")
    fk("code", "edit", "quotas", "--parent", "Institutional pressure")
    listing = fk("code", "list").stdout.splitlines()
    assert listing == ["Institutional pressure\t#E6194B\t0\tPattern code", "  changes in law\t#336699\t0",
                       "  quotas\t#4363D8\t0"]
    source = fk("code", "source", interview, "--offsets").stdout
    assert source.splitlines()[1].startswith("36\tНачальство")
    coding = fk("code", "apply", interview, "changes in law", "--text-file", "-", input="Закон изменился\n")
    coding = coding.stdout.strip()
    fk("code", "apply", interview, "quotas", "--span", "36:62", "--memo-file", "-", input="план сверху")
    fk("code", "apply", interview, "quotas", "--text-file", "-", input="нет такого текста", expect=14)
    fk("code", "apply", interview, "quotas", expect=2)  # neither --text-file nor --span
    excerpts = fk("code", "excerpts", "--code", "Institutional pressure").stdout.splitlines()
    assert excerpts[0].startswith(f"{coding[:8]}\tInstitutional pressure / changes in law\t{interview}\t[P1]\tP\t0:15")
    assert excerpts[1].endswith("Начальство требовало план.\tmemo: план сверху")

    out = tmp_path / "out"
    fk("export", "--format", "qdpx", "--out", str(out / "project.qdpx"), "--crlf")
    back = refi.read_qdpx((out / "project.qdpx").read_bytes())
    assert [len(s.selections) for s in back.sources] == [2] and "\r\n" in back.sources[0].text
    fk("export", "--format", "csv", "--out", str(out / "x.csv"))
    rows = list(csv.DictReader((out / "x.csv").open()))
    assert [(r["code"], r["respondent"], r["text"]) for r in rows] == [
        ("changes in law", "[P1]", "Закон изменился"), ("quotas", "[P1]", "Начальство требовало план.")]
    fk("export", "--format", "json", "--out", str(out / "x.json"), "--memos")
    assert json.loads((out / "x.json").read_text())["excerpts"][1]["memo"] == "план сверху"
    result = fk("export", "--format", "md", "--register", "--out", str(out / "register.md"))
    assert "exported 1 interviews in the register" in result.stderr
    assert "| 1 | P1-1 | [P1] | P | police official | recorded | 2026-03 |" in (out / "register.md").read_text()
    assert fk("audit", "verify").stdout.startswith("audit chain OK:")

    fk("code", "export", str(tmp_path / "book.qdc"))
    fk("code", "remove", "Institutional pressure", expect=12)  # has children: needs --force
    fk("code", "remove", "quotas", "--force")
    imported = fk("code", "import", str(tmp_path / "book.qdc")).stderr
    assert "1 added, 0 updated, 2 unchanged" in imported
    fk("code", "unapply", coding[:8])
    assert len(fk("code", "excerpts").stdout.splitlines()) == 0


def test_a_blocked_export_prints_every_reason_and_writes_nothing(fk, tmp_path):
    first = seed(fk, ["Первый текст."])
    second = seed(fk, ["Второй текст."], category="L")
    result = fk("export", "--format", "qdpx", "--out", str(tmp_path / "x.qdpx"), expect=10)
    assert "export refused for 2 reasons; nothing was written" in result.stderr
    assert f"  - {first}: not anonymised yet" in result.stderr and f"  - {second}: not anonymised yet" in result.stderr
    assert "--only-ready" in result.stderr and not (tmp_path / "x.qdpx").exists()
    fk("anonymise", first, "--accept-suggestions", "--approve")
    result = fk("export", "--format", "qdpx", "--only-ready", "--out", str(tmp_path / "x.qdpx"))
    assert f"left out {second}: not anonymised yet" in result.stderr
    assert zipfile.ZipFile(tmp_path / "x.qdpx").namelist()[0] == "project.qde"


def test_code_import_lists_changes_and_asks_before_changing_existing_codes(fk, tmp_path, monkeypatch):
    from fieldkit.clock import FixedClock, parse_instant
    from fieldkit.coding import codebook as cb

    with fk.open(FixedClock(parse_instant(NOW))) as project:
        cb.add_code(project, "Pressure", description="From above")
        cb.add_code(project, "quotas", parent="Pressure", description="Plans")
    book = tmp_path / "team.csv"
    book.write_text("name,description\nquotas,Plans and numbers\nPressure,\nfear,Being afraid\n", encoding="utf-8")
    dry = fk("code", "import", str(book), "--dry-run")
    assert dry.stdout.splitlines() == ["add\tfear", "change\tquotas\tdescription: 'Plans' -> 'Plans and numbers'"]
    assert "1 to add, 1 to change, 1 unchanged (3 codes in team.csv)" in dry.stderr
    assert "nothing was changed" in dry.stderr
    refused = fk("code", "import", str(book), expect=2)  # not a terminal, no --yes
    assert "would change 1 existing code(s)" in refused.stderr and "--yes" in refused.stderr
    monkeypatch.setattr("fieldkit.cli.coding.stdin_is_terminal", lambda: True)
    assert "import cancelled" in fk("code", "import", str(book), input="n\n", expect=2).stderr
    listing = fk("code", "list").stdout
    assert "fear" not in listing and "Plans and numbers" not in listing  # nothing of a refused import landed
    done = fk("code", "import", str(book), input="y\n")
    assert "1 added, 1 updated, 1 unchanged" in done.stderr
    assert fk("code", "list").stdout.splitlines() == [
        "fear\t#4363D8\t0\tBeing afraid", "Pressure\t#E6194B\t0\tFrom above", "  quotas\t#3CB44B\t0\tPlans and numbers"]
