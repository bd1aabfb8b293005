"""A damaged vault.db is one clear line and a hint, never an internal error, never SQLCipher's own log lines,
and opening it changes nothing on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import PASSPHRASE, add_transcribed_interview, snapshot


@pytest.fixture
def filled(tmp_path, project):
    for number in range(3):  # enough rows for several pages
        texts = [f"segment {i} of interview {number} " * 8 for i in range(40)]
        add_transcribed_interview(project, "P1" if number else "P", texts)
    project.close()
    shutil.copytree(project.root, tmp_path / "copy")
    return tmp_path / "copy"


def _status(root):
    return subprocess.run([sys.executable, "-m", "fieldkit.cli", "--project", str(root), "status"],
                          env={**os.environ, "FIELDKIT_PASSPHRASE": PASSPHRASE}, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("page", [2, "last"])
def test_a_flipped_byte_in_a_page_is_one_line_with_a_hint_and_changes_nothing(filled, page):
    db = filled / "vault.db"
    data = bytearray(db.read_bytes())
    pages = len(data) // 4096
    number = pages if page == "last" else page
    assert pages >= 3
    data[(number - 1) * 4096 + 700] ^= 0x10
    db.write_bytes(bytes(data))
    before = snapshot(filled)
    result = _status(filled)
    assert result.returncode == 21, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (f"fieldkit: error: vault.db is damaged: 1 page(s) fail their integrity check (page {number});"
                        " nothing was changed"), result.stderr
    assert lines[1].startswith("fieldkit: hint: restore vault.db from a backup") and "archive.age" in lines[1]
    assert len(lines) == 2  # no SQLCipher log lines, no traceback
    assert snapshot(filled) == before


def test_an_empty_vault_db_is_one_line_with_a_hint(filled):
    (filled / "vault.db").write_bytes(b"")
    before = snapshot(filled)
    result = _status(filled)
    assert result.returncode == 21
    assert result.stderr.splitlines()[0] == ("fieldkit: error: vault.db is empty (0 bytes): the database was lost,"
                                             " e.g. by a full disk or a bad copy")
    assert len(result.stderr.splitlines()) == 2
    assert snapshot(filled) == before


def test_a_replaced_first_page_says_so(filled):
    db = filled / "vault.db"
    data = bytearray(db.read_bytes())
    data[100] ^= 0x01
    db.write_bytes(bytes(data))
    result = _status(filled)
    assert result.returncode == 21 and "first page is damaged" in result.stderr
    assert len(result.stderr.splitlines()) == 2
