"""The passphrase-wrapped key file (format 2): a fixed scrypt work factor, an unlock that a busy machine can
slow down but never refuse, a derivation anyone can recompute from docs/design.md, and format-1 files (age's
own scrypt recipient) still opened, upgraded, and never counted as wrong when rage refuses to start."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import tomllib
import unicodedata

import bech32
import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fieldkit.errors import Busy, ProjectError, WrongPassphrase
from fieldkit.vault import duress, keys
from fieldkit.vault.project import KEY_FILE, LEGACY_KEY_FILE, Project
from tests.conftest import PASSPHRASE, REFERENCE_POLICY


def test_round_trip_at_the_production_work_factor_and_a_wrong_passphrase():
    project_keys = keys.ProjectKeys.generate()
    wrapped = keys.wrap_with_passphrase(project_keys, PASSPHRASE)
    fields = tomllib.loads(wrapped.decode())
    assert fields["work_factor"] == keys.WORK_FACTOR == 18 and keys.work_factor_of(wrapped) == 18
    assert project_keys.db_key.hex().encode() not in wrapped
    assert keys.unwrap_with_passphrase(wrapped, PASSPHRASE) == project_keys
    with pytest.raises(WrongPassphrase):
        keys.unwrap_with_passphrase(wrapped, "not the passphrase")


def test_the_identity_is_what_a_second_implementation_derives_from_the_documented_recipe():
    """scrypt from the cryptography package, X25519 from the cryptography package, Bech32 by hand from the
    spec's parameters: the recipient must match the one fieldkit derives (so the institution can recompute it)."""
    salt = bytes(range(16))
    passphrase = "Е\u0301жик в тумане"  # a decomposed accent: the recipe normalises to NFC first
    secret = Scrypt(salt=b"fieldkit-passphrase/2:" + salt, length=32, n=2 ** 12, r=8, p=1).derive(
        unicodedata.normalize("NFC", passphrase).encode("utf-8"))
    public = X25519PrivateKey.from_private_bytes(secret).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    expected = bech32.bech32_encode("age", bech32.convertbits(public, 8, 5))
    derived = keys.passphrase_identity(passphrase, salt, 12)
    assert str(derived.to_public()) == expected
    # and a file made by fieldkit opens with that identity alone, through age's plain X25519 path
    project_keys = keys.ProjectKeys.generate()
    wrapped = keys.wrap_with_passphrase(project_keys, passphrase, work_factor=12)
    fields = tomllib.loads(wrapped.decode())
    identity = keys.passphrase_identity(passphrase, base64.b64decode(fields["salt"]), 12)
    assert keys.ProjectKeys.parse(pyrage.decrypt(fields["age"].strip().encode(), [identity])) == project_keys


def test_a_damaged_or_excessive_key_file_is_a_project_error_not_a_wrong_passphrase():
    wrapped = keys.wrap_with_passphrase(keys.ProjectKeys.generate(), PASSPHRASE, work_factor=10)
    for damaged in (wrapped[:40], wrapped.replace(b"work_factor = 10", b"work_factor = 30"),
                    wrapped.replace(b'format = "fieldkit-passphrase/2"', b'format = "other"'), b"\xff\xfe"):
        with pytest.raises(ProjectError):
            keys.unwrap_with_passphrase(damaged, PASSPHRASE)


def _legacy_project(tmp_path, clock, wipe_after: int = 0):
    """A project whose key file is format 1 (age scrypt), as every project made before format 2."""
    policy = tmp_path / "policy.toml"
    text = REFERENCE_POLICY.read_text()
    if wipe_after:
        text = text.replace("[anonymisation]",
                            f"[duress]\nwipe_after_failed_unlocks = {wipe_after}\n\n[anonymisation]", 1)
    policy.write_text(text)
    root = tmp_path / "p"
    Project.create(root, policy, PASSPHRASE, clock, work_factor=10).close()
    project_keys = keys.unwrap_with_passphrase((root / KEY_FILE).read_bytes(), PASSPHRASE)
    (root / LEGACY_KEY_FILE).write_bytes(pyrage.passphrase.encrypt(project_keys.serialise(), PASSPHRASE))
    (root / KEY_FILE).unlink()
    return root, project_keys


def test_a_format_1_key_file_opens_and_is_moved_into_key_slots(tmp_path, clock):
    root, project_keys = _legacy_project(tmp_path, clock)
    legacy_factor = keys.work_factor_of((root / LEGACY_KEY_FILE).read_bytes())
    with Project.open(root, PASSPHRASE, clock):
        pass
    assert not (root / LEGACY_KEY_FILE).exists()
    upgraded = (root / KEY_FILE).read_bytes()
    assert keys.work_factor_of(upgraded) == max(legacy_factor, keys.WORK_FACTOR)  # never weaker than before
    assert keys.unwrap_with_passphrase(upgraded, PASSPHRASE) == project_keys


def test_rage_refusing_to_start_on_a_busy_machine_is_busy_and_never_counted(tmp_path, clock, monkeypatch):
    """rage's decryptor refuses a work factor it estimates to take too long now; that is not a wrong
    passphrase, and a policy that wipes after failed unlocks must not count it."""
    root, _ = _legacy_project(tmp_path, clock, wipe_after=2)

    def refuse(_data, _passphrase):
        raise pyrage.DecryptError("Excessive work parameter for passphrase (would take around 32 seconds)")

    monkeypatch.setattr(pyrage.passphrase, "decrypt", refuse)
    for _ in range(3):
        with pytest.raises(Busy, match="too busy"):
            Project.open(root, PASSPHRASE, clock)
    assert duress.failed_unlocks(root) == 0 and (root / LEGACY_KEY_FILE).exists()


def _busy_loops(count: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def test_with_four_busy_loops_a_project_made_on_a_quiet_machine_opens_and_counts_nothing(tmp_path, clock):
    policy = tmp_path / "policy.toml"
    policy.write_text(REFERENCE_POLICY.read_text().replace(
        "[anonymisation]", "[duress]\nwipe_after_failed_unlocks = 1\n\n[anonymisation]", 1))
    Project.create(tmp_path / "p", policy, PASSPHRASE, clock).close()  # the production work factor
    made_with = keys.work_factor_of((tmp_path / "p" / KEY_FILE).read_bytes())
    loops = _busy_loops(4)
    try:
        result = subprocess.run([sys.executable, "-m", "fieldkit.cli", "--project", str(tmp_path / "p"), "status"],
                                env={**os.environ, "FIELDKIT_PASSPHRASE": PASSPHRASE}, capture_output=True,
                                text=True, timeout=120)
    finally:
        for loop in loops:
            loop.kill()
    assert result.returncode == 0, result.stderr
    assert duress.failed_unlocks(tmp_path / "p") == 0 and (tmp_path / "p" / KEY_FILE).exists()
    assert made_with >= keys.WORK_FACTOR  # calibrated on this machine, never below the floor
    assert keys.work_factor_of((tmp_path / "p" / KEY_FILE).read_bytes()) == made_with
