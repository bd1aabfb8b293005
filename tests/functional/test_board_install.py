"""The ethics board's verifier installs small and works alone: `pip install ./board` into a fresh virtual
environment (offline, from the wheelhouse scripts/setup-env fetched), then `fieldkit-board verify` and
`fieldkit-board report` on a log exported from a real project, with no fieldkit in that environment."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from fieldkit.anonymise import review as rv
from fieldkit.retention.schedule import enforce
from fieldkit_board.chain import fingerprint, pin_file_text
from tests.conftest import add_transcribed_interview

REPO = Path(__file__).parents[2]
WHEELHOUSE = REPO / ".venv" / "board-wheelhouse"
LIMIT_MB = 30


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


@pytest.fixture
def exported_log(project, clock, tmp_path):
    """A project's log with an audio recording destroyed a day late, exported, and the board's pin file."""
    interview = add_transcribed_interview(project, "P", ["Мы работали по ночам."])

    def link(conn, object_id):
        conn.execute("UPDATE interviews SET audio_object = ? WHERE id = ?", (object_id, interview))

    project.objects.put("audio", b"pretend audio", respondent="P1", interview=interview, on_stored=link)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    clock.instant += timedelta(days=4)
    assert enforce(project).destroyed
    log = tmp_path / "chain.jsonl"
    project.audit.export(log)
    pin = tmp_path / "study.pin"
    pin.write_text(pin_file_text(project.audit.public_key(), None))
    return log, pin, project.audit.public_key()


@pytest.mark.skipif(not (WHEELHOUSE / ".complete").exists() and os.environ.get("CI") != "true",
                    reason="scripts/setup-env could not fetch the board's wheels (offline set-up)")
def test_the_board_verifier_installs_under_30_mb_and_verifies_alone(exported_log, tmp_path):
    log, pin, key = exported_log
    venv = tmp_path / "board-env"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
    site = next((venv / "lib").glob("python3*/site-packages"))
    before = _size(site)
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--no-index", "--find-links", str(WHEELHOUSE),
         str(REPO / "board")], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]
    added_mb = (_size(site) - before) / 2**20
    assert added_mb < LIMIT_MB, f"the board's verifier added {added_mb:.1f} MB"
    names = {path.name.split("-")[0].lower() for path in site.glob("*.dist-info")}
    assert "fieldkit" not in names and "fieldkit_board" in names  # nothing of the toolkit itself

    board = str(venv / "bin" / "fieldkit-board")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}  # no PYTHONPATH: the repository is unseen
    ok = subprocess.run([board, "verify", str(log), "--public-key", fingerprint(key)], capture_output=True,
                        text=True, timeout=60, env=env, cwd=tmp_path)
    assert ok.returncode == 0 and ok.stdout.startswith("audit chain OK:"), ok.stderr
    unpinned = subprocess.run([board, "verify", str(log)], capture_output=True, text=True, timeout=60, env=env)
    assert unpinned.returncode == 11 and "UNPINNED" in unpinned.stderr
    report = tmp_path / "report.html"
    made = subprocess.run([board, "report", str(log), "--pin", str(pin), "--out", str(report)],
                          capture_output=True, text=True, timeout=60, env=env)
    assert made.returncode == 0, made.stderr
    html = report.read_text()
    assert "Late by 24.0 hours" in html and "audio recordings: destroyed within 3 days after the transcript" in html
    assert "UNPINNED" not in html and fingerprint(key) in html
    print(f"board verifier install: {added_mb:.1f} MB")
