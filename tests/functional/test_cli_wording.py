"""What the command line says in the cases issue 15 found unclear: a sealed interview in project-wide
commands, a clean residual scan, a withdrawn respondent's interviews, items no retention rule reaches."""

from __future__ import annotations

import pyrage

from tests.functional.conftest import NOW

INSTITUTION = pyrage.x25519.Identity.generate()


def seed(fk, category, texts):
    from fieldkit.clock import FixedClock, parse_instant
    from tests.conftest import add_transcribed_interview

    with fk.open(FixedClock(parse_instant(NOW))) as project:
        return add_transcribed_interview(project, category, texts)


def rows(stdout: str) -> dict[str, list[str]]:
    return {line.split("\t")[0]: line.split("\t") for line in stdout.splitlines()}


def test_after_sealing_one_interview_export_and_excerpts_still_work(fk, tmp_path):
    settings = fk.project / "fieldkit.toml"  # as if made with `fieldkit init --archive-recipient`
    settings.write_text(settings.read_text() + f'archive_recipients = ["{INSTITUTION.to_public()}"]\n')
    for category, text in (("P", "Закон изменился, и всё стало иначе."), ("L", "Суд длился год.")):
        interview = seed(fk, category, [text])
        fk("anonymise", interview, "--accept-suggestions", "--approve")
    fk("code", "add", "courts")
    fk("code", "apply", "P1-1", "courts", "--text-file", "-", input="Закон изменился")
    fk("code", "apply", "L1-1", "courts", "--text-file", "-", input="Суд длился год")
    fk("seal", "P1-1")

    result = fk("export", "--format", "csv", "--only-ready", "--out", str(tmp_path / "ready.csv"))
    assert "left out P1-1: sealed: only the institution can open it" in result.stderr
    assert "exported 1 coded excerpts from 1 sources" in result.stderr
    excerpts = fk("code", "excerpts")
    assert [line.split("\t")[2] for line in excerpts.stdout.splitlines()] == ["L1-1"]
    assert "P1-1 is sealed" in excerpts.stderr and "only the institution can open it" in excerpts.stderr
    register = fk("export", "--format", "csv", "--register", "--out", str(tmp_path / "register.csv"))
    assert "2 interviews in the register" in register.stderr
    assert rows(fk("status").stdout)["P1-1"][-1] == "sealed"


def test_a_clean_residual_scan_says_so(fk):
    interview = seed(fk, "P", ["Закон изменился, и всё стало иначе."])
    fk("anonymise", interview, "--accept-suggestions", "--approve")
    result = fk("review", interview, "--residuals")
    assert result.stdout == ""
    assert result.stderr == f"no residual detections in the approved text of {interview}\n"


def test_status_shows_a_withdrawn_respondents_interviews_as_withdrawn(fk, tmp_path):
    interview = seed(fk, "P", ["Закон изменился, и всё стало иначе."])
    fk("anonymise", interview, "--accept-suggestions", "--approve")
    fk("export", "--format", "csv", "--all-text", "--out", str(tmp_path / "out.csv"))
    assert rows(fk("status").stdout)[interview][-1] == "exported"
    from fieldkit.clock import FixedClock, parse_instant
    from fieldkit.consent.records import withdraw

    with fk.open(FixedClock(parse_instant(NOW))) as project:  # scope "all": its objects are destroyed
        assert withdraw(project, "P1", "all").destroyed
    assert rows(fk("status").stdout)[interview][-1] == "withdrawn"


def test_retention_status_says_kept_no_rule_rather_than_pending(fk):
    seed(fk, "P", ["Закон изменился."])  # a transcript: only a withdrawal would give it a deadline
    listing = fk("retention", "status").stdout.splitlines()
    transcript = next(line.split("\t") for line in listing if "\ttranscript\t" in line)
    assert transcript[3:] == ["-", "-", "kept, no rule"]
    assert not any(line.endswith("\tpending") and "\t-\tpending" in line for line in listing)
