"""docs/institution.md's recovery steps, followed literally with the institution's tools only (age through
pyrage, SQLCipher 4 through sqlcipher3, HKDF and AES-GCM through cryptography), never fieldkit's vault code:
the archive key opens the database and every object, including one locked to a deadline, until the timer
erases that deadline's secret."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pyrage
import pytest
import sqlcipher3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldkit.retention.schedule import enforce
from fieldkit.vault.deadline_locks import tick
from fieldkit.vault.project import Project
from tests.conftest import PASSPHRASE, REFERENCE_POLICY, TEST_WORK_FACTOR, FixedClock

INSTITUTION = pyrage.x25519.Identity.generate()


def _identity_as_documented(root, object_id: str, stored: str) -> str | None:
    if not stored.startswith("fkdl1:"):
        return stored
    _, slot, blob = stored.split(":", 2)
    try:
        secret = (root / "retention" / "locks" / f"{slot}.key").read_bytes()
    except FileNotFoundError:
        return None
    key = HKDF(hashes.SHA256(), 32, salt=None, info=f"fieldkit deadline lock {object_id}".encode()).derive(secret)
    raw = base64.b64decode(blob)
    return AESGCM(key).decrypt(raw[:12], raw[12:], object_id.encode()).decode()


def test_the_documented_recovery_opens_the_vault_and_its_objects(tmp_path):
    root = tmp_path / "study"
    clock = FixedClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    with Project.create(root, REFERENCE_POLICY, PASSPHRASE, clock, (str(INSTITUTION.to_public()),),
                        work_factor=TEST_WORK_FACTOR) as project:
        notes = project.objects.put("notes", b"typed notes, kept with no rule")
        audio = project.objects.put("audio", b"pretend audio", respondent=None)
        enforce(project)  # locks the audio to its 30-day backstop (audio:captured:30d)

    # 1. the database key from the archive copy
    keys = json.loads(pyrage.decrypt((root / "keys" / "archive.age").read_bytes(), [INSTITUTION]))
    # 2. SQLCipher 4, raw key
    conn = sqlcipher3.connect(str(root / "vault.db"))
    conn.execute(f"PRAGMA key = \"x'{keys['db_key']}'\"")
    stored = dict(conn.execute("SELECT object_id, identity FROM object_keys").fetchall())
    conn.close()
    assert stored[audio].startswith("fkdl1:") and stored[notes].startswith("AGE-SECRET-KEY-1")
    # 3. each blob with its own identity, unlocked as documented
    for object_id, plain in ((notes, b"typed notes, kept with no rule"), (audio, b"pretend audio")):
        identity = _identity_as_documented(root, object_id, stored[object_id])
        blob = (root / "blobs" / object_id[:2] / f"{object_id}.age").read_bytes()
        assert pyrage.decrypt(blob, [pyrage.x25519.Identity.from_str(identity)]) == plain

    # once the timer erased the audio's deadline secret, the archive key no longer opens it either
    tick(root, clock.instant + timedelta(days=30, minutes=15))
    assert _identity_as_documented(root, audio, stored[audio]) is None
    with pytest.raises(FileNotFoundError):
        (root / "retention" / "locks" / f"{stored[audio].split(':')[1]}.key").read_bytes()
