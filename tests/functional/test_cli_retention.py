"""Retention and audit from the command line: status JSON, enforcement before commands, checkpoints."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES, add_transcribed_interview
from tests.functional.conftest import Fieldkit


def approved_audio_interview(fk: Fieldkit) -> None:
    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all")
    fk("capture", "import", "P1", str(FIXTURES / "short_en.wav"))
    fk("transcribe", "P1-1", "--lang", "en")
    fk("anonymise", "P1-1", "--accept-suggestions", "--approve")


def test_status_json_then_enforcement_on_the_next_command(fk):
    approved_audio_interview(fk)
    listed = json.loads(fk("retention", "status", "--json").stdout)
    audio = next(item for item in listed if item["kind"] == "audio")
    assert set(audio) == {"object", "kind", "respondent", "rule", "deadline", "state"}
    assert audio["respondent"] == "P1" and audio["rule"] == "audio:transcript_approved:3d"
    assert audio["deadline"].startswith("2026-03-04T09:00:00") and audio["state"] == "pending"

    later = {"FIELDKIT_NOW": "2026-03-04T10:00:00Z"}
    due = json.loads(fk("retention", "status", "--json", env=later).stdout)
    assert next(i for i in due if i["object"] == audio["object"])["state"] == "due"  # status destroys nothing
    result = fk("respondent", "list", env=later)  # any other command enforces first
    assert "retention: destroyed audio of P1-1" in result.stderr
    after = json.loads(fk("retention", "status", "--json", env=later).stdout)
    assert next(i for i in after if i["object"] == audio["object"])["state"] == "destroyed"
    assert "destroyed" in fk("transcribe", "P1-1", "--replace", env=later, expect=15).stderr


def test_retention_run_and_report(fk, tmp_path):
    approved_audio_interview(fk)
    out = fk("retention", "run", env={"FIELDKIT_NOW": "2026-03-10T00:00:00Z"})
    assert "1 destroyed" in out.stderr
    report = tmp_path / "report.html"
    fk("audit", "report", "--out", str(report), env={"FIELDKIT_NOW": "2026-03-10T00:00:00Z"})
    html = report.read_text()
    assert "audio:transcript_approved:3d" in html and "Late by" in html  # destroyed days after its deadline


def test_a_clock_set_back_is_reported(fk):
    fk("respondent", "add", "--category", "P", env={"FIELDKIT_NOW": "2026-05-01T00:00:00Z"})
    result = fk("respondent", "list", env={"FIELDKIT_NOW": "2026-04-01T00:00:00Z"})
    assert "clock went backwards" in result.stderr


def test_checkpoint_detects_a_truncated_export(fk, tmp_path):
    fk("respondent", "add", "--category", "P")
    code = fk("audit", "checkpoint").stdout.strip()
    fk("respondent", "add", "--category", "L")
    chain = tmp_path / "chain.jsonl"
    fk("audit", "export", "--out", str(chain))
    ok = fk("audit", "verify", str(chain), "--checkpoint", code, env={"FIELDKIT_PASSPHRASE": ""})
    assert ok.stdout.startswith("audit chain OK")
    lines = chain.read_text().splitlines()
    chain.write_text("\n".join(lines[:2]) + "\n")  # header + first entry only
    bad = fk("audit", "verify", str(chain), "--checkpoint", code, env={"FIELDKIT_PASSPHRASE": ""}, expect=11)
    assert "fieldkit: error:" in bad.stderr


def test_pinned_key_rejects_a_resigned_export(fk, tmp_path):
    import tomllib

    chain = tmp_path / "chain.jsonl"
    fk("audit", "export", "--out", str(chain))
    key = tomllib.loads((fk.project / "fieldkit.toml").read_text())["audit_public_key"]
    header, *rest = chain.read_text().splitlines()
    forged = json.loads(header)
    forged["public_key"] = "00" * 32
    chain.write_text("\n".join([json.dumps(forged), *rest]) + "\n")
    result = fk("audit", "verify", str(chain), "--public-key", key, env={"FIELDKIT_PASSPHRASE": ""}, expect=11)
    assert "re-signed" in result.stderr


def test_export_is_refused_while_something_is_overdue(fk, tmp_path, monkeypatch):
    from fieldkit.clock import FixedClock, parse_instant

    with fk.open(FixedClock(parse_instant("2026-03-01T09:00:00Z"))) as project:
        add_transcribed_interview(project, "P", ["Текст."])
    fk("anonymise", "P1-1", "--accept-suggestions", "--approve")
    import fieldkit.vault.blobs as blobs

    def stuck(self, object_id, **kwargs):
        raise OSError("device busy")

    monkeypatch.setattr(blobs.ObjectStore, "shred", stuck)  # destruction keeps failing
    late = {"FIELDKIT_NOW": "2027-09-01T00:00:00Z"}  # pseudonym map's deadline long past
    result = fk("export", "--format", "csv", "--out", str(tmp_path / "x.csv"), env=late, expect=10)
    assert "could not destroy" in result.stderr and "past their destruction deadline" in result.stderr
