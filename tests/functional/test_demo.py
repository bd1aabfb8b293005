"""`fieldkit demo` end to end in a subprocess, then a scan proving nothing sensitive is on disk in clear."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.clock import SystemClock
from fieldkit.vault import keys
from fieldkit.vault.project import KEY_FILE, Project

SAMPLE = Path(__file__).parents[2] / "fieldkit" / "data" / "sample-interview-en.wav"
SPOKEN_WORDS = ("Peterson", "Chicago", "Sarah", "Miller", "colleague", "police officer")
NAMES = ("John", "Peterson", "Chicago", "Sarah", "Miller")


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("demo")
    temp = base / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "COLUMNS": "250", "FIELDKIT_PASSPHRASE": ""}
    result = subprocess.run(
        [sys.executable, "-m", "fieldkit.cli", "demo", "--workdir", str(base / "work")],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return base / "work", temp, result.stdout


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_demo_prints_a_readable_summary(demo_run):
    work, _, out = demo_run
    assert "respondent P1, interview P1-1" in out
    for kind in ("audio", "transcript", "pseudonym_map", "anonymised"):
        assert kind in out
    # the bundled interview's city is abroad, generalised as the policy says; shown as text, not as markup
    assert "[PERSON-1]" in out and "[a city abroad]" in out
    assert "audit chain verified" in out
    assert "Institutional experience / Career in the police" in out
    for name in ("project.qdpx", "excerpts.csv", "register.md"):
        assert str(work / "export" / name) in out
    assert not any(name in out for name in NAMES)


def test_demo_exports_hold_anonymised_coded_text_only(demo_run):
    from fieldkit.export.refi import read_qdpx

    work, _, _ = demo_run
    rows = list(csv.DictReader((work / "export" / "excerpts.csv").open()))
    assert [row["code"] for row in rows] == ["Career in the police", "Colleagues and networks"]
    text = " ".join(row["text"] for row in rows)
    assert "police officer" in text and "[PERSON-2]" in text and rows[0]["respondent"] == "[P1]"
    project = read_qdpx((work / "export" / "project.qdpx").read_bytes())
    (source,) = project.sources
    assert [source.text[s.start:s.end] for s in source.selections] == [row["text"] for row in rows]
    assert {c.name: c.codable for c in project.codes} == {"Institutional experience": False,  # a category
                                                         "Career in the police": True,
                                                         "Colleagues and networks": True}
    register = (work / "export" / "register.md").read_text()
    assert "| 1 | P1-1 | [P1] | P | police official | recorded |" in register
    for exported in (text, source.text, register):
        assert not any(name in exported for name in NAMES)


def test_nothing_sensitive_in_clear_in_the_project_or_temp_folder(demo_run):
    work, temp, out = demo_run
    project_dir = work / "project"
    passphrase = re.search(r"FIELDKIT_PASSPHRASE='([^']+)'", out).group(1)
    project_keys = keys.unwrap_with_passphrase((project_dir / KEY_FILE).read_bytes(), passphrase)
    with Project.open(project_dir, passphrase, SystemClock()) as project:
        identities = [i for (i,) in project.conn.execute("SELECT identity FROM object_keys")]
        plaintexts = [project.objects.get(o.id) for o in project.objects.list()]
    assert len(identities) == 5 and len(plaintexts) == 5  # audio, transcript, review, map, anonymised

    pcm = SAMPLE.read_bytes()[44:]
    needles = [word.encode() for word in SPOKEN_WORDS]
    needles += [pcm[i : i + 48] for i in range(0, len(pcm) - 48, len(pcm) // 8)]  # raw audio, 8 places
    needles += [project_keys.db_key, project_keys.db_key.hex().encode(), b"AGE-SECRET-KEY"]
    needles += [identity.encode() for identity in identities]
    needles += [data[len(data) // 2 : len(data) // 2 + 32] for data in plaintexts]  # every stored object

    scanned = files_under(project_dir, temp)
    assert any(p.name == "vault.db" for p in scanned)
    for path in scanned:
        content = path.read_bytes()
        for needle in needles:
            assert needle not in content, f"{path} holds sensitive bytes in clear"


def test_demo_replaces_its_own_folder_but_nothing_else(tmp_path):
    from fieldkit.demo import prepare_workdir
    from fieldkit.errors import ProjectError

    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "chapter1.md").write_text("draft")
    with pytest.raises(ProjectError, match="not a fieldkit demo folder"):
        prepare_workdir(tmp_path / "thesis")
    assert (tmp_path / "thesis" / "chapter1.md").exists()
    first = prepare_workdir(tmp_path / "demo")
    (first / "old").write_text("x")
    assert not (prepare_workdir(tmp_path / "demo") / "old").exists()
