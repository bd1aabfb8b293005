"""Golden transcripts of the command line's error cases, run for real in a subprocess.

Each tests/golden/*.txt holds one case::

    # what the case shows (comment lines, kept when the file is regenerated)
    $ FIELDKIT_PASSPHRASE='not it' fieldkit status
    --- stdout
    --- stderr
    fieldkit: error: wrong passphrase (or a damaged key file)
    fieldkit: hint: check the passphrase (FIELDKIT_PASSPHRASE when scripted); nothing was changed
    --- exit 3

The command is a bash line (pipes and `env -u` work; `set -o pipefail`), where `fieldkit` is this checkout's
CLI run as ``sys.executable -m fieldkit.cli``. Every case runs in $PROJECT, a project made once for this module
with `fieldkit init` under policies/reference-protocol.toml, with stdin not a terminal, FIELDKIT_PASSPHRASE and
a fixed FIELDKIT_NOW; $FILES holds prepared inputs. Both paths read as those placeholders in the expected output.

After an intended change, regenerate the files and review the diff:
``FIELDKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/functional/test_golden.py``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REFERENCE_POLICY, REPO, TEST_WORK_FACTOR
from tests.functional.conftest import NOW, Fieldkit

GOLDEN = REPO / "tests" / "golden"
CASES = sorted(GOLDEN.glob("*.txt"))
UPDATE = os.environ.get("FIELDKIT_UPDATE_GOLDEN") == "1"
REGENERATE = "if the change is intended: FIELDKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/functional/test_golden.py"


@dataclass(frozen=True)
class Transcript:
    comments: tuple[str, ...]
    command: str
    stdout: tuple[str, ...]
    stderr: tuple[str, ...]
    exit: int

    @classmethod
    def parse(cls, path: Path) -> Transcript:
        comments: list[str] = []
        command = None
        sections: dict[str, list[str]] = {"stdout": [], "stderr": []}
        section = exit_code = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if command is None and line.startswith("#"):
                comments.append(line)
            elif command is None and line.startswith("$ "):
                command = line[2:]
            elif line in ("--- stdout", "--- stderr") and command is not None and exit_code is None:
                section = line[4:]
            elif (match := re.fullmatch(r"--- exit (\d+)", line)) and section is not None:
                exit_code, section = int(match[1]), None
            elif section is not None:
                sections[section].append(line)
            else:
                raise ValueError(f"{path.name}: unexpected line {line!r} (see the format in {Path(__file__).name})")
        if command is None or exit_code is None:
            raise ValueError(f"{path.name}: needs a `$ command` line and an `--- exit N` line")
        return cls(tuple(comments), command, tuple(sections["stdout"]), tuple(sections["stderr"]), exit_code)

    def render(self) -> str:
        lines = [*self.comments, f"$ {self.command}", "--- stdout", *self.stdout, "--- stderr", *self.stderr,
                 f"--- exit {self.exit}"]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class World:
    project: Path
    files: Path
    env: dict[str, str]

    def mask(self, text: str) -> str:
        """Temporary paths as the placeholders the transcripts use (the longer, inner path first)."""
        for path, name in sorted(((self.project, "$PROJECT"), (self.files, "$FILES")), key=lambda p: -len(str(p[0]))):
            text = text.replace(str(path), name)
        return text


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    """One real project holding two respondents' typed notes, and the inputs the cases need: an empty folder, a
    policy with a misspelt key, a tampered audit export, a file that is not audio. It is made by the library at
    the tests' scrypt work factor, not by `fieldkit init` (tests/functional/test_cli_pipeline.py runs that), so
    that each case's unlock costs milliseconds rather than a calibrated second or more."""
    root = tmp_path_factory.mktemp("golden").resolve()
    project, files, bin_dir = root / "project", root / "files", root / "bin"
    files.mkdir()
    bin_dir.mkdir()
    from fieldkit.clock import FixedClock, parse_instant
    from fieldkit.vault.project import Project

    Project.create(project, REFERENCE_POLICY, PASSPHRASE, FixedClock(parse_instant(NOW)),
                   work_factor=TEST_WORK_FACTOR).close()
    fk = Fieldkit(project)
    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--lang", "en", "--accept-all")
    fk("capture", "notes", "P1", "-", input="The meeting was calm.\n")
    fk("respondent", "add", "--category", "L")
    fk("consent", "record", "L1", "--lang", "en",
       "--answers", "participate=yes,audio_recording=no,excerpts=no,quotation=no,archiving=no")
    fk("capture", "notes", "L1", "-", input="The respondent described the office.\n")

    (files / "empty").mkdir()
    policy = REFERENCE_POLICY.read_text(encoding="utf-8")
    typo = policy.replace("[policy]\n", "[policy]\nretain_forever = true\n", 1)
    assert typo != policy
    (files / "typo-policy.toml").write_text(typo, encoding="utf-8")
    chain = files / "chain.jsonl"
    fk("audit", "export", "--out", str(chain))
    lines = chain.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[3])  # audit entry 3 (after the header, project_created, respondent_added)
    entry["data"]["respondent"] = "P7"
    lines[3] = json.dumps(entry)
    (files / "tampered.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (files / "not-audio.mp3").write_bytes(b"ID3" + b"\x00" * 4000)

    launcher = bin_dir / "fieldkit"
    launcher.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m fieldkit.cli "$@"\n')
    launcher.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDKIT_")}
    env.update(FIELDKIT_PASSPHRASE=PASSPHRASE, FIELDKIT_NOW=NOW, PROJECT=str(project), FILES=str(files),
               PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", PYTHONPATH=str(REPO),
               PYTHONDONTWRITEBYTECODE="1", LC_ALL="C.UTF-8")
    if "FIELDKIT_CACHE_DIR" in os.environ:
        env["FIELDKIT_CACHE_DIR"] = os.environ["FIELDKIT_CACHE_DIR"]
    return World(project, files, env)


def test_there_are_enough_cases():
    assert len(CASES) >= 12, [p.name for p in CASES]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path: Path, world: World):
    expected = Transcript.parse(path)
    result = subprocess.run(["bash", "-o", "pipefail", "-c", expected.command], cwd=world.project, env=world.env,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    stdout, stderr = world.mask(result.stdout), world.mask(result.stderr)
    actual = replace(expected, stdout=tuple(stdout.splitlines()), stderr=tuple(stderr.splitlines()),
                     exit=result.returncode)
    if UPDATE:
        path.write_text(actual.render(), encoding="utf-8")
    else:
        assert actual.render() == expected.render(), REGENERATE

    # What README promises, whatever a regenerated file says: no traceback, one error line, then a hint.
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    if " | " in expected.command:
        assert result.returncode == 0 and stderr == "", "a reader that closes the pipe early ends fieldkit quietly"
    if result.returncode == 0:
        assert stderr == "", stderr  # the closed-pipe case: nothing to report
        return
    lines = stderr.splitlines()
    assert lines and lines[0].startswith("fieldkit: error: "), stderr
    assert all(line.startswith("fieldkit: ") for line in lines), stderr
    assert lines[-1].startswith("fieldkit: hint: ") and lines[-1] != "fieldkit: hint: ", stderr
    assert sum(line.startswith("fieldkit: error: ") for line in lines) == 1, stderr
