"""Real recording through PortAudio from a PulseAudio null sink's monitor, started inside the test.

A known spoken sample is played into the sink while `fieldkit capture record` records; the words must come
back out of whisper, nothing unencrypted may appear on disk meanwhile, and a kill -9 must lose at most 5 s.
scripts/test installs pulseaudio, pulseaudio-utils, libportaudio2 and libasound2-plugins with apt.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldkit.clock import SystemClock

SAMPLE = Path(__file__).parents[2] / "fieldkit" / "data" / "sample-interview-en.wav"
NEEDED = ("pulseaudio", "paplay", "pactl")
pytestmark = pytest.mark.skipif(any(shutil.which(t) is None for t in NEEDED),
                                reason="PulseAudio is not installed (scripts/test installs it with apt)")


@pytest.fixture(scope="module")
def pulse(tmp_path_factory):
    runtime = tmp_path_factory.mktemp("pulse")
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(runtime), "PULSE_RUNTIME_PATH": str(runtime)}
    daemon = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit", "--log-target=stderr",
         "--load=module-native-protocol-unix", "--load=module-null-sink sink_name=fieldkit_test",
         "--load=module-always-sink"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
            break
        time.sleep(0.2)
    else:
        daemon.kill()
        pytest.skip("PulseAudio did not start in this sandbox")
    subprocess.run(["pactl", "set-default-sink", "fieldkit_test"], env=env, check=True)
    subprocess.run(["pactl", "set-default-source", "fieldkit_test.monitor"], env=env, check=True)
    yield env
    daemon.terminate()
    daemon.wait(timeout=10)


def start_recording(fk, pulse, tmp_path, seconds: float):
    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all")
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    env = {**pulse, **fk.env, "TMPDIR": str(temp)}
    process = subprocess.Popen(
        [sys.executable, "-m", "fieldkit.cli", "--project", str(fk.project), "capture", "record", "P1",
         "--duration", str(seconds)],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = process.stderr.readline()  # wait until the input stream is open
    assert "recording" in line, line + process.stderr.read()
    return process, temp


def scan_for_plain_audio(*folders: Path) -> list[Path]:
    """Files holding an unencrypted audio container (Ogg, RIFF/WAV, FLAC)."""
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                if any(magic in data for magic in (b"OggS", b"RIFF", b"fLaC", b"OpusHead")):
                    found.append(path)
    return found


def test_recording_captures_the_spoken_words_and_never_writes_plain_audio(fk, pulse, tmp_path):
    process, temp = start_recording(fk, pulse, tmp_path, seconds=12)
    time.sleep(0.5)
    player = subprocess.Popen(["paplay", str(SAMPLE)], env=pulse)
    leaks = []
    while process.poll() is None:
        leaks += scan_for_plain_audio(fk.project, temp)
        time.sleep(0.5)
    player.wait(timeout=30)
    out, err = process.communicate()
    assert process.returncode == 0, err
    assert out.strip() == "P1-1" and leaks == []
    fk("transcribe", "P1-1", "--lang", "en")
    with fk.open(SystemClock()) as project:
        from fieldkit.transcribe.runner import load_transcript

        text = " ".join(s.text for s in load_transcript(project, "P1-1").segments)
    assert "Peterson" in text and "police officer" in text
    assert scan_for_plain_audio(fk.project, temp) == []


def test_kill_9_mid_recording_loses_at_most_5_seconds(fk, pulse, tmp_path):
    process, _ = start_recording(fk, pulse, tmp_path, seconds=60)
    player = subprocess.Popen(["paplay", str(SAMPLE)], env=pulse)
    time.sleep(9)
    process.send_signal(signal.SIGKILL)
    process.wait()
    recorded_for = 9.0
    player.wait(timeout=30)
    result = fk("respondent", "list")
    assert "recovered an interrupted recording as interview P1-1" in result.stderr
    with fk.open(SystemClock()) as project:
        from fieldkit.capture.audio import decode
        from fieldkit.interviews import get_interview

        stored = decode(project.objects.get(get_interview(project, "P1-1").audio_object))
        events = [e.event for e in project.audit.entries()]
    assert stored.duration_s >= recorded_for - 5.0
    assert "recording_recovered" in events
    assert not list((fk.project / "recordings").glob("*/*.age"))
