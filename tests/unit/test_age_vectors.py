"""The vault's age primitives against the C2SP test vectors in ../shared/age-vectors.

Each vector says whether decryption must succeed; the vault's reader (blobs.decrypt_with for X25519,
keys.decrypt_passphrase_file for scrypt) must agree, and on success produce the payload with that hash.
"""

from __future__ import annotations

import hashlib
import zlib

import pyrage
import pytest

from fieldkit.vault.blobs import decrypt_with
from fieldkit.vault.keys import decrypt_passphrase_file
from tests.conftest import SHARED, shared_path

VECTORS = SHARED / "age-vectors"


def parse_vector(path):
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n\n")
    fields: dict[str, list[str]] = {}
    for line in head.decode().splitlines():
        key, _, value = line.partition(": ")
        fields.setdefault(key, []).append(value)
    if fields.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    return fields, body


def usable(path) -> bool:
    """Binary (non-armored) files whose identities are plain X25519 or a scrypt passphrase."""
    if path.name.startswith("armor") or path.suffix or path.name in {"README", "LICENSE"}:
        return False
    fields, _ = parse_vector(path)
    if fields.get("armored") == ["yes"] or "expect" not in fields:
        return False
    identities = fields.get("identity", [])
    x25519_only = identities and all(i.startswith("AGE-SECRET-KEY-1") for i in identities)
    return bool(x25519_only) or ("passphrase" in fields and not identities)


CASES = sorted(p for p in VECTORS.iterdir() if usable(p)) if VECTORS.is_dir() else []


# Without ../shared one placeholder case stands in, so the absence is reported (a failure under CI=true).
@pytest.mark.parametrize("path", CASES or [pytest.param(None, id="age-vectors-missing")], ids=lambda p: p.name)
def test_vault_reader_agrees_with_vector(path):
    if path is None:
        shared_path("age-vectors")
        pytest.fail(f"{VECTORS} holds no usable vector")
    fields, body = parse_vector(path)
    expect_success = fields["expect"] == ["success"]
    try:
        if "passphrase" in fields:
            plain = decrypt_passphrase_file(body, fields["passphrase"][0])
        else:
            plain = None
            for identity in fields["identity"]:
                try:
                    plain = decrypt_with(body, identity)
                    break
                except pyrage.DecryptError:
                    continue
            if plain is None:
                raise pyrage.DecryptError("no identity matched")
    except (pyrage.DecryptError, pyrage.IdentityError):
        assert not expect_success, f"{path.name} should decrypt"
        return
    assert expect_success, f"{path.name} decrypted but the vector expects {fields['expect'][0]}"
    assert hashlib.sha256(plain).hexdigest() == fields["payload"][0]


def test_vectors_cover_both_primitives():
    shared_path("age-vectors")
    kinds = {"passphrase" in parse_vector(p)[0] for p in CASES}
    assert kinds == {True, False}
