"""The real app in a real terminal (tmux): unlock → respondent → consent → import → transcribe → review →
export, keys sent with `send-keys` and the screen read with `capture-pane`, on the bundled sample interview."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REFERENCE_POLICY

SAMPLE = Path(__file__).parents[2] / "fieldkit" / "data" / "sample-interview-en.wav"
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (scripts/test installs it)")


class Terminal:
    def __init__(self, socket: Path, env: dict) -> None:
        self.socket, self.env = socket, env

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", str(self.socket), *args], env=self.env, capture_output=True,
                              text=True, check=True).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "fk", *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "fk")

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")


@pytest.fixture
def terminal(tmp_path):
    project = tmp_path / "project"
    env = {**os.environ, "FIELDKIT_PASSPHRASE": PASSPHRASE, "FIELDKIT_NOW": "2026-03-01T09:00:00Z",
           "HOME": str(tmp_path / "home")}
    subprocess.run([sys.executable, "-m", "fieldkit.cli", "init", str(project), "--policy", str(REFERENCE_POLICY)],
                   env=env, check=True, capture_output=True)
    env.pop("FIELDKIT_PASSPHRASE")  # the app asks on screen
    term = Terminal(tmp_path / "tmux.sock", env)
    term.tmux("-f", "/dev/null", "new-session", "-d", "-s", "fk", "-x", "100", "-y", "30",
              f"{sys.executable} -m fieldkit.cli --project {project} tui")
    yield term, project, tmp_path / "home"
    subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], env=env, capture_output=True)


def test_the_whole_workflow_in_a_real_terminal(terminal):
    term, project, home = terminal
    term.wait_for("locked")
    term.keys(PASSPHRASE, literal=True)
    term.keys("Enter")
    term.wait_for("Respondents")
    term.keys("r")
    term.wait_for("police official")
    term.keys("Enter")
    term.wait_for("P1 ")
    term.keys("c")
    term.wait_for("1/5")
    for _ in range(5):
        term.keys("y")
    term.wait_for("Shall I record your consent?")  # the read-back, then Enter confirms it
    term.keys("Enter")
    term.wait_for("quotes")
    term.keys("i")
    term.wait_for("Path of the audio")
    term.keys(str(SAMPLE), literal=True)
    term.keys("Enter")
    term.wait_for("P1-1")
    term.keys("t")
    term.wait_for("Transcribe P1-1")
    term.keys("l", "l", "l", "s")
    term.wait_for("done:", timeout=180)
    term.keys("Escape")
    term.wait_for("transcribed")
    term.keys("v")
    term.wait_for("pending", timeout=60)
    shown = term.screen()
    assert "PERSON" in shown and "Peterson" in shown  # the reviewer sees what will be replaced
    term.keys("A")
    term.wait_for("0 pending")
    term.keys("C-s")
    term.wait_for("approved")
    term.keys("e")
    term.wait_for("every gate passes", timeout=60)
    term.keys("C-e")
    term.wait_for("✓ exported", timeout=60)
    export = home / "fieldkit-exports" / "project-excerpts.qdpx"
    with zipfile.ZipFile(export) as archive:
        (source,) = [n for n in archive.namelist() if n.startswith("sources/")]
        text = archive.read(source).decode()
    assert "[PERSON-1]" in text and "Peterson" not in text
    term.keys("F12")  # panic key
    shown = term.wait_for("locked")
    assert "P1" not in shown and "Peterson" not in shown
