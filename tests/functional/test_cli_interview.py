"""Issue 15 at the command line: `fieldkit interview discard ID` (confirmation in a terminal, --yes for scripts,
refused otherwise) and `capture import` refusing a duplicate (unless --allow-duplicate) or a truncated file."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES, snapshot


@pytest.fixture
def imported(fk):
    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all")
    assert fk("capture", "import", "P1", str(FIXTURES / "short_en.wav")).stdout == "P1-1\n"
    assert fk("capture", "import", "P1", str(FIXTURES / "short_en.mp3")).stdout == "P1-2\n"
    return fk


def status_lines(fk) -> dict[str, str]:
    """Interview id → its stage, from `fieldkit status`."""
    lines = [line.split("\t") for line in fk("status").stdout.splitlines()]
    return {fields[0]: fields[-1] for fields in lines if fields[0].startswith("P1-")}


def audio_objects(fk) -> dict[str, str]:
    """Interview id → the state of its audio object, from `fieldkit status`."""
    lines = [line.split("\t") for line in fk("status").stdout.splitlines()]
    return {fields[2]: fields[4] for fields in lines if len(fields) == 5 and fields[1] == "audio"}


def test_discard_without_a_terminal_or_yes_is_refused_and_changes_nothing(imported):
    before = snapshot(imported.project)
    result = imported("interview", "discard", "P1-1", expect=2)
    assert "needs a confirmation" in result.stderr and "--yes" in result.stderr
    assert snapshot(imported.project) == before


def test_discard_in_a_terminal_shows_what_goes_and_asks_for_the_id_again(imported, monkeypatch):
    monkeypatch.setattr("fieldkit.cli.interview.stdin_is_terminal", lambda: True)
    wrong = imported("interview", "discard", "P1-1", input="P1-2\n", expect=2)
    assert "interview P1-1" in wrong.stderr and "will be destroyed" in wrong.stderr and "audio" in wrong.stderr
    assert "does not match; nothing was discarded" in wrong.stderr
    assert status_lines(imported) == {"P1-1": "captured", "P1-2": "captured"}
    assert set(audio_objects(imported).values()) == {"stored"}

    imported("interview", "discard", "P1-1", input="P1-1\n")
    assert status_lines(imported) == {"P1-1": "discarded", "P1-2": "captured"}
    assert audio_objects(imported)["P1-1"].startswith("destroyed")
    assert audio_objects(imported)["P1-2"] == "stored"


def test_discard_with_yes_destroys_logs_and_leaves_the_register(imported, tmp_path):
    result = imported("interview", "discard", "P1-2", "--yes")
    assert "discarded P1-2: 1 object(s) destroyed" in result.stderr
    assert status_lines(imported) == {"P1-1": "captured", "P1-2": "discarded"}
    imported("audit", "verify")
    log = tmp_path / "audit.jsonl"
    imported("audit", "export", "--out", str(log))
    events = [line for line in log.read_text(encoding="utf-8").splitlines() if "interview_discarded" in line]
    assert len(events) == 1 and '"interview": "P1-2"' in events[0] and '"destroyed": 1' in events[0]
    imported("export", "--format", "csv", "--register", "--out", str(tmp_path / "register.csv"))
    register = (tmp_path / "register.csv").read_text(encoding="utf-8")
    assert "P1-1" in register and "P1-2" not in register
    again = imported("interview", "discard", "P1-2", "--yes", expect=12)
    assert "already discarded" in again.stderr


def test_import_refuses_the_same_file_twice_unless_allowed(imported, tmp_path):
    copy = tmp_path / "Ivanov second copy.wav"
    shutil.copy(FIXTURES / "short_en.wav", copy)
    refused = imported("capture", "import", "P1", str(copy), expect=10)
    assert "already imported as interview P1-1; nothing was stored" in refused.stderr
    assert "--allow-duplicate" in refused.stderr and "Ivanov" not in refused.stderr
    assert set(status_lines(imported)) == {"P1-1", "P1-2"}
    assert imported("capture", "import", "P1", str(copy), "--allow-duplicate").stdout == "P1-3\n"


def test_import_refuses_a_truncated_file(imported, tmp_path):
    data = (FIXTURES / "short_en.wav").read_bytes()
    cut = tmp_path / "interrupted copy.wav"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    refused = imported("capture", "import", "P1", str(cut), expect=6)
    assert "the file is truncated" in refused.stderr and "copy the file again" in refused.stderr
    assert set(status_lines(imported)) == {"P1-1", "P1-2"}
