"""`fieldkit capture import` in bounded memory, and `capture notes` with stdin in another encoding (issue 16,
items 8b and 9).

The imports run as real `fieldkit` processes; a small wrapper resets the process's peak resident memory
(/proc/self/clear_refs) just before the import starts, once the project is unlocked, so the figure is the
import's own, not the passphrase's scrypt or the interpreter's start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import PASSPHRASE, snapshot

REPO = Path(__file__).parents[2]
MB = 1 << 20
NOW = "2026-03-01T09:00:00Z"

#: `fieldkit ARGS…` with import_audio wrapped: the peak resident memory during the import, and the resident
#: memory when it started, go to $PEAK_FILE as JSON (bytes).
MEASURED_CLI = r"""
import json, os, sys

def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(key + ":")) * 1024

import fieldkit.capture.importer as importer

real = importer.import_audio

def measured(*args, **kwargs):
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the current resident size
    except OSError:
        with open(os.environ["PEAK_FILE"], "w") as f:
            json.dump({"reset": False}, f)
        raise SystemExit(99)
    start = status("VmRSS")
    try:
        return real(*args, **kwargs)
    finally:
        with open(os.environ["PEAK_FILE"], "w") as f:
            json.dump({"reset": True, "start": start, "peak": status("VmHWM")}, f)

importer.import_audio = measured
from fieldkit.cli import run

sys.argv = ["fieldkit", *sys.argv[1:]]
run()
"""


def measured_import(project: Path, tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, int]:
    """Run `fieldkit --project PROJECT capture import ARGS…` in a fresh process: the result and how far the
    process's resident memory rose above where it was when the import began (bytes)."""
    peak_file = tmp_path / "peak.json"
    env = {**os.environ, "FIELDKIT_PASSPHRASE": PASSPHRASE, "FIELDKIT_NOW": NOW, "PEAK_FILE": str(peak_file),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-c", MEASURED_CLI, "--project", str(project), "capture", "import", *args],
                            env=env, cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=120)
    figures = json.loads(peak_file.read_text())
    if not figures["reset"]:
        pytest.skip("this kernel does not let a process reset its peak resident memory (/proc/self/clear_refs)")
    return result, figures["peak"] - figures["start"]


@pytest.fixture
def consented(fk):
    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all")
    return fk


def test_a_huge_file_that_is_not_audio_is_refused_without_being_read_whole(consented, tmp_path):
    fake = tmp_path / "Ivanov interview.mp3"
    with open(fake, "wb") as handle:
        handle.truncate(300 * MB)  # sparse: takes no disk, reads as 300 MB of zeros
    before = snapshot(consented.project)
    result, grew = measured_import(consented.project, tmp_path, "P1", str(fake))
    assert result.returncode == 6, result.stderr
    assert result.stderr.splitlines()[0] == "fieldkit: error: the file is not readable audio (InvalidDataError)"
    assert "Ivanov" not in result.stderr + result.stdout
    # the whole-file code read all 300 MB before refusing it
    assert grew < 48 * MB, f"resident memory rose by {grew / MB:.0f} MB"
    assert snapshot(consented.project) == before


def test_a_long_wav_imports_in_bounded_memory(consented, tmp_path, clock):
    minutes = 10
    wav = tmp_path / "long.wav"
    with wave.open(str(wav), "wb") as out:  # 19 MB of 16 kHz mono PCM, a minute at a time
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        for minute in range(minutes):
            t = np.arange(minute * 960_000, (minute + 1) * 960_000) / 16_000
            out.writeframes((0.2 * np.sin(2 * np.pi * 220 * t) * 32767).astype("<i2").tobytes())
    result, grew = measured_import(consented.project, tmp_path, "P1", str(wav))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "P1-1\n"
    # the whole-file code rose by about 235 MB here (bytes, float32 samples and their copies); streaming
    # holds a few frames and the Opus stream (about 2.4 MB for ten minutes)
    assert grew < 64 * MB, f"resident memory rose by {grew / MB:.0f} MB"
    from fieldkit.interviews import get_interview

    with consented.open(clock) as project:
        assert get_interview(project, "P1-1").duration_s == pytest.approx(minutes * 60, abs=0.01)


NOTES_IN_OTHER_ENCODINGS = {
    "cp1251": ("Респондент рассказал о работе в Костанае.\n".encode("cp1251"),
               "Респондент рассказал о работе в Костанае."),
    # Latin-1 is not told apart from Windows-1251 (no encoding can be): read as Windows-1251 and said so
    "latin-1": ("Café crème, señor.\n".encode("latin-1"), "Cafй crиme, seсor."),
}


def run_notes(project: Path, data: bytes) -> subprocess.CompletedProcess:
    env = {**os.environ, "FIELDKIT_PASSPHRASE": PASSPHRASE, "FIELDKIT_NOW": NOW,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "fieldkit.cli", "--project", str(project), "capture", "notes", "P1",
                           "-"], input=data, env=env, capture_output=True, timeout=120)


@pytest.mark.parametrize("encoding", sorted(NOTES_IN_OTHER_ENCODINGS))
def test_notes_on_stdin_in_another_encoding_are_read_as_windows_1251_and_said_so(consented, encoding):
    data, stored = NOTES_IN_OTHER_ENCODINGS[encoding]
    result = run_notes(consented.project, data)
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "internal error" not in stderr
    assert result.stdout == b"P1-1\n"
    (note,) = stderr.splitlines()
    assert note.startswith("fieldkit: note: the notes were not UTF-8 and were read as Windows-1251")
    assert "fieldkit interview discard P1-1" in note
    assert stored in consented("transcript", "show", "P1-1").stdout


def test_notes_on_stdin_in_utf8_are_stored_without_a_note(consented):
    result = run_notes(consented.project, "\ufeffЖазбалар: кездесу тыныш өтті.\n".encode())
    assert result.returncode == 0 and result.stdout == b"P1-1\n" and result.stderr == b""
    shown = consented("transcript", "show", "P1-1").stdout
    assert "Жазбалар: кездесу тыныш өтті." in shown and "\ufeff" not in shown


def test_notes_that_no_encoding_reads_are_refused_in_one_line(consented):
    before = snapshot(consented.project)
    result = run_notes(consented.project, b"\x98\x98 not text\n")  # 0x98 is unassigned in Windows-1251
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "internal error" not in stderr
    assert stderr.splitlines()[0] == ("fieldkit: error: the notes are neither UTF-8 nor Windows-1251 text; "
                                      "nothing was stored")
    assert snapshot(consented.project) == before


def test_a_notes_file_is_read_the_same_way_as_stdin(consented, tmp_path, clock):
    path = tmp_path / "notes.txt"
    path.write_bytes("Респондент рассказал о работе в Костанае.\n".encode("cp1251"))
    result = consented("capture", "notes", "P1", str(path))
    assert result.stdout == "P1-1\n" and "read as Windows-1251" in result.stderr
    path.write_bytes(b"\x98 undecodable\n")
    assert "P1-2" not in consented("capture", "notes", "P1", str(path), expect=2).stdout
