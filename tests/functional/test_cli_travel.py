"""`fieldkit init --archive-recipient`, `seal`, `travel lock|unlock` and `wipe` as typed at a border."""

from __future__ import annotations

import pyrage
from click.testing import CliRunner

from fieldkit.cli import main
from fieldkit.vault import keys
from fieldkit.vault.project import KEY_FILE, Project
from tests.conftest import PASSPHRASE, REFERENCE_POLICY, TEST_WORK_FACTOR

INSTITUTION = pyrage.x25519.Identity.generate()
ENV = {"FIELDKIT_PASSPHRASE": PASSPHRASE, "FIELDKIT_NOW": "2026-03-01T09:00:00Z"}


def run(*args, env=None, expect=0, input=None):
    result = CliRunner().invoke(main, list(args), env={**ENV, **(env or {})}, input=input)
    assert result.exit_code == expect, (result.exit_code, result.stdout, result.stderr, result.exception)
    return result


def test_init_with_an_archive_recipient_from_the_command_line(tmp_path):
    project = tmp_path / "study"
    made = run("init", str(project), "--policy", str(REFERENCE_POLICY), "--archive-recipient",
               str(INSTITUTION.to_public()))
    assert "created project" in made.stderr and "no --archive-recipient" not in made.stderr
    assert str(INSTITUTION.to_public()) in (project / "fieldkit.toml").read_text()
    assert keys.work_factor_of((project / KEY_FILE).read_bytes()) >= keys.WORK_FACTOR  # the CLI calibrates
    run("--project", str(project), "status")  # and the passphrase opens it


def test_travel_round_trip_from_the_command_line(tmp_path, clock):
    project = tmp_path / "study"
    # made as `fieldkit init --archive-recipient` makes it (test above), at the suite's cheaper scrypt: each of
    # the dozen commands below unlocks with the passphrase, and the calibrated factor costs seconds per unlock
    Project.create(project, REFERENCE_POLICY, PASSPHRASE, clock, (str(INSTITUTION.to_public()),),
                   work_factor=TEST_WORK_FACTOR).close()
    p = ("--project", str(project))
    run(*p, "respondent", "add", "--category", "P")
    run(*p, "consent", "record", "P1", "--accept-all")
    run(*p, "capture", "notes", "P1", "-", input="Встреча прошла спокойно.\n")
    sealed = run(*p, "seal", "P1-1")
    assert "sealed 1 object(s) of P1-1" in sealed.stderr
    assert run(*p, "transcript", "show", "P1-1", expect=13).stderr.startswith("fieldkit: error: object")
    locked = run(*p, "travel", "lock")
    assert locked.stdout.startswith("checkpoint: ") and "no passphrase opens this project" in locked.stderr
    refused = run(*p, "status", expect=4)
    assert "travel mode" in refused.stderr
    travel_key = pyrage.decrypt((project / "keys" / "travel-key.age").read_bytes(), [INSTITUTION]).decode()
    (tmp_path / "travel.key").write_text(f"# from the institution\n{travel_key}\n")
    run(*p, "travel", "unlock", "--key-file", str(tmp_path / "travel.key"),
        env={"FIELDKIT_NEW_PASSPHRASE": "another long passphrase"})
    assert "P1-1" in run(*p, "status", env={"FIELDKIT_PASSPHRASE": "another long passphrase"}).stdout
    checkpoint = locked.stdout.split()[1]
    verified = run(*p, "audit", "verify", "--checkpoint", checkpoint,
                   env={"FIELDKIT_PASSPHRASE": "another long passphrase"})
    assert verified.stdout.startswith("audit chain OK:")  # the log still extends what was sent home
    wiped = run(*p, "wipe", "--yes")
    assert "wiped 1 key file(s)" in wiped.stderr
    run(*p, "status", env={"FIELDKIT_PASSPHRASE": "another long passphrase"}, expect=4)
    run(*p, "wipe", expect=2)  # --yes is required
