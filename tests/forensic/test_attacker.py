"""The forensic attacker (tests/forensic/attacker.py) on material built here from the specifications: SQLCipher
databases, rollback journals and WAL files made with sqlcipher3 and a known raw key, age files made with pyrage
or by hand, fieldkit key texts of each format, and the C2SP age test vectors. No root, no fieldkit code."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import shutil
import struct
import unicodedata
import zlib
from pathlib import Path

import bech32
import pyrage
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tests.conftest import shared_path
from tests.forensic import attacker
from tests.forensic.attacker import (
    PAGE_SIZE,
    AgeError,
    X25519Identity,
    attack,
    decrypt_age,
    decrypt_page,
    hmac_key,
    page_hmac_ok,
    plausible_btree_page,
)

sqlcipher3 = pytest.importorskip("sqlcipher3")

PASSPHRASE = "correct horse battery staple"
WORK_FACTOR = 10  # cheap scrypt: the derivation is the same whatever the factor


# --- material ----------------------------------------------------------------------------------------------


def sqlcipher_connect(path: Path, key: bytes, journal: str = "DELETE"):
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA cipher_page_size = 4096")
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("PRAGMA secure_delete = ON")
    return conn


def make_database(path: Path, key: bytes, rows: dict[str, str], journal: str = "DELETE"):
    """A SQLCipher 4 database (raw key) with an object_keys table like fieldkit's: object id, identity."""
    conn = sqlcipher_connect(path, key, journal)
    conn.execute("CREATE TABLE object_keys (object_id TEXT PRIMARY KEY, identity TEXT NOT NULL)")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    for object_id, identity in rows.items():
        conn.execute("INSERT INTO object_keys VALUES (?, ?)", (object_id, identity))
    return conn


def fieldkit_identity(passphrase: str, salt: bytes, work_factor: int) -> pyrage.x25519.Identity:
    """The passphrase derivation as specified (format 2 and key slots), written out again here."""
    secret = hashlib.scrypt(unicodedata.normalize("NFC", passphrase).encode(), salt=b"fieldkit-passphrase/2:" + salt,
                            n=2 ** work_factor, r=8, p=1, dklen=32)
    text = bech32.bech32_encode("age-secret-key-", bech32.convertbits(secret, 8, 5)).upper()
    return pyrage.x25519.Identity.from_str(text)


def key_text(db_key: bytes, passphrase: str, fmt: str = "fieldkit-passphrase/2", archive: bool = False) -> bytes:
    salt = secrets.token_bytes(16)
    identity = fieldkit_identity(passphrase, salt, WORK_FACTOR)
    payload = json.dumps({"version": 1, "db_key": db_key.hex()}).encode()
    armored = pyrage.encrypt(payload, [identity.to_public()], armored=True).decode().strip()
    text = (f'# a key text\nformat = "{fmt}"\nkdf = "scrypt"\nwork_factor = {WORK_FACTOR}\nr = 8\np = 1\n'
            f'salt = "{base64.b64encode(salt).decode()}"\n')
    if archive:  # encrypted to an institution the attacker is not
        institution = pyrage.x25519.Identity.generate().to_public()
        text += f'archive = """\n{pyrage.encrypt(payload, [institution], armored=True).decode().strip()}\n"""\n'
    return (text + f'age = """\n{armored}\n"""\n').encode()


def slot_file(slots: list[bytes]) -> bytes:
    """The key-slot layout: 16384 bytes, two 8192-byte slots, each magic + 4-byte big-endian length + TOML."""
    out = b""
    for payload in slots:
        slot = b"fieldkit-keyslot1\n" + struct.pack(">I", len(payload)) + payload
        out += slot + bytes(8192 - len(slot))
    return out + bytes(16384 - len(out))


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def age_scrypt_file(plaintext: bytes, passphrase: str, work_factor: int = WORK_FACTOR) -> bytes:
    """An age scrypt-recipient file built by hand from the spec (format 1 key files are these), single chunk."""
    file_key, salt, nonce = secrets.token_bytes(16), secrets.token_bytes(16), secrets.token_bytes(16)
    wrap = hashlib.scrypt(passphrase.encode(), salt=b"age-encryption.org/v1/scrypt" + salt, n=2 ** work_factor,
                          r=8, p=1, dklen=32)
    body = ChaCha20Poly1305(wrap).encrypt(bytes(12), file_key, None)
    header = b"age-encryption.org/v1\n-> scrypt " + _b64(salt) + b" %d\n" % work_factor + _b64(body) + b"\n---"
    mac_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"header").derive(file_key)
    header += b" " + _b64(hmac.new(mac_key, header, hashlib.sha256).digest()) + b"\n"
    payload_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=nonce, info=b"payload").derive(file_key)
    return header + nonce + ChaCha20Poly1305(payload_key).encrypt(bytes(11) + b"\x01", plaintext, None)


class Image:
    """A synthetic disk image: random noise (so nothing is found by skipping zeros) with files placed at chosen
    offsets; a file's last block is zero-filled after its end, as ext4 does."""

    def __init__(self, size: int = 4 << 20, block: int = 4096) -> None:
        self.block = block
        self.data = bytearray(secrets.token_bytes(size))

    def put(self, offset: int, content: bytes, *, slack: bool = True) -> int:
        self.data[offset:offset + len(content)] = content
        if slack and len(content) % self.block:
            end = offset + len(content)
            self.data[end:(end // self.block + 1) * self.block] = bytes(-len(content) % self.block)
        return offset

    def bytes(self) -> bytes:
        return bytes(self.data)


# --- age ---------------------------------------------------------------------------------------------------


def _vectors():
    folder = shared_path("age-vectors")
    for path in sorted(folder.iterdir()):
        if path.name.isupper() or path.name.startswith(".") or "." in path.name or not path.is_file():
            continue
        yield path


def _read_vector(path: Path):
    head, _, body = path.read_bytes().partition(b"\n\n")
    meta: dict[str, list[str]] = {}
    for line in head.decode().splitlines():
        name, _, value = line.partition(": ")
        meta.setdefault(name, []).append(value)
    if meta.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    return meta, body


def test_hand_written_age_decryption_agrees_with_the_c2sp_vectors():
    """Every X25519 and scrypt vector (not armored, not hybrid): a success decrypts whole to the payload hash with
    the vector's file key; a payload failure releases exactly the authenticated plaintext the spec allows
    (the vectors' payload hash) and no more as authenticated; no match and HMAC failure release nothing. The
    carver is lenient about non-canonical headers (it wants plaintext, not conformance): those are not checked."""
    checked = {"success": 0, "payload failure": 0, "refused": 0}
    for path in _vectors():
        meta, body = _read_vector(path)
        identities = [i for i in meta.get("identity", []) if i.startswith("AGE-SECRET-KEY-1")]
        passphrase = meta.get("passphrase", [None])[0]
        if meta.get("armored") == ["yes"] or (not identities and passphrase is None):
            continue
        expect, payload = meta["expect"][0], meta.get("payload", [""])[0]
        try:
            result = decrypt_age(body, [X25519Identity(i) for i in identities], passphrase)
        except AgeError:
            result = None
        if expect == "success":
            assert result is not None, path.name
            hit, file_key = result
            assert hit.complete and hit.size == len(body), path.name
            assert hashlib.sha256(hit.plaintext).hexdigest() == payload, path.name
            assert file_key.hex() == meta["file key"][0], path.name
            checked["success"] += 1
        elif expect == "payload failure":
            assert result is not None, path.name
            hit, _ = result
            assert hashlib.sha256(hit.plaintext[:hit.authenticated_bytes]).hexdigest() == payload, path.name
            checked["payload failure"] += 1
        elif expect in ("no match", "HMAC failure"):
            assert result is None, path.name
            checked["refused"] += 1
    assert checked["success"] >= 15 and checked["payload failure"] >= 15 and checked["refused"] >= 8, checked


def test_the_file_key_and_first_chunk_of_a_vector_whose_end_is_lost():
    """stream_two_chunks cut in the middle of its second chunk: the first chunk authenticates, the rest of what
    is there still decrypts without its tag (ChaCha20 is a stream cipher)."""
    meta, body = _read_vector(shared_path("age-vectors", "stream_two_chunks"))
    header = attacker.parse_age_header(body)
    identity = X25519Identity(meta["identity"][0])
    assert identity.unwrap(header.stanzas[0]).hex() == meta["file key"][0]
    full = decrypt_age(body, [identity])[0].plaintext
    cut = body[:header.payload_start + 16 + 65552 + 1000]
    hit, _ = decrypt_age(cut + secrets.token_bytes(5000), [identity])
    assert not hit.complete and hit.authenticated_bytes == 65536
    assert hit.plaintext[:65536 + 1000] == full[:65536 + 1000]


def test_a_deleted_age_file_is_carved_whatever_follows_its_last_block():
    identity = pyrage.x25519.Identity.generate()
    image = Image()
    small = b"MARKER-SMALL " + secrets.token_bytes(300)
    large = secrets.token_bytes(70_000) + b"MARKER-LARGE" + secrets.token_bytes(140_000)
    at_small = image.put(8192, pyrage.encrypt(small, [identity.to_public()]))
    at_large = image.put(65536, pyrage.encrypt(large, [identity.to_public()]))
    data = image.bytes()
    for at, plain in ((at_small, small), (at_large, large)):
        hit, _ = decrypt_age(data, [X25519Identity(str(identity))], start=at)
        assert hit.complete and hit.plaintext == plain
        assert pyrage.decrypt(data[at:at + hit.size], [identity]) == plain


def test_a_large_blob_whose_tail_was_overwritten_still_leaks_its_first_chunks(tmp_path):
    identity = pyrage.x25519.Identity.generate()
    plain = b"MARKER-CHUNK1 " + secrets.token_bytes(70_000) + b"MARKER-CHUNK2" + secrets.token_bytes(200_000)
    blob = pyrage.encrypt(plain, [identity.to_public()])
    image = Image()
    image.put(4096, blob)
    image.put(4096 + 100_000, secrets.token_bytes(8192), slack=False)  # a later file reused these blocks
    image.put(1 << 20, f"a plaintext identity at rest: {identity}\n".encode())
    report = attack(image.bytes(), None, [b"MARKER-CHUNK1", b"MARKER-CHUNK2"])
    (hit,) = report.age_files
    assert not hit.complete and hit.authenticated_bytes == 65536 and hit.offset == 4096
    assert [h.where for h in report.found[b"MARKER-CHUNK1"]] == ["age fragment"]
    assert [h.where for h in report.found[b"MARKER-CHUNK2"]] == ["age fragment"]  # decrypted without its tag
    assert list(report.identities) == [str(identity)] and report.identities[str(identity)] == ["raw image"]


# --- SQLCipher -----------------------------------------------------------------------------------------------


def _identities(n: int) -> dict[str, str]:
    return {secrets.token_hex(16): str(pyrage.x25519.Identity.generate()) for _ in range(n)}


def test_sqlcipher_pages_decrypt_with_the_raw_key_and_their_hmac_verifies(tmp_path):
    key = secrets.token_bytes(32)
    rows = _identities(40)
    make_database(tmp_path / "v.db", key, rows).close()
    data = (tmp_path / "v.db").read_bytes()
    assert len(data) % PAGE_SIZE == 0 and len(data) >= 3 * PAGE_SIZE
    salt = data[:16]
    hkey = hmac_key(key, salt)
    text = b""
    for index in range(len(data) // PAGE_SIZE):
        page = data[index * PAGE_SIZE:(index + 1) * PAGE_SIZE]
        plain = decrypt_page(page, key, index + 1)
        assert page_hmac_ok(page, index + 1, hkey)
        assert not page_hmac_ok(page, index + 2, hkey)
        assert plausible_btree_page(plain, 100 if index == 0 else 0), index
        text += plain
    assert text[16:24] in attacker.PAGE1_SIGNATURES
    assert all(identity.encode() in text for identity in rows.values())
    wrong = decrypt_page(data[PAGE_SIZE:2 * PAGE_SIZE], secrets.token_bytes(32), 2)
    assert not plausible_btree_page(wrong)


def test_random_pages_are_not_taken_for_database_pages():
    assert not any(plausible_btree_page(os.urandom(4016)) for _ in range(20_000))


def test_the_attack_opens_a_live_database_through_a_format2_key_text_and_decrypts_the_blobs(tmp_path):
    key = secrets.token_bytes(32)
    identity = pyrage.x25519.Identity.generate()
    object_id = secrets.token_hex(16)
    make_database(tmp_path / "v.db", key, {object_id: str(identity), **_identities(5)}).close()
    image = Image(block=4096)
    image.put(1 << 20, (tmp_path / "v.db").read_bytes())
    image.put(2 << 20, pyrage.encrypt(b'{"text": "MARKER-NOTE"}', [identity.to_public()]))
    image.put((3 << 20) + 5777, key_text(key, PASSPHRASE), slack=False)  # anywhere, not block-aligned
    image.put(3 << 20, key_text(secrets.token_bytes(32), "another passphrase"), slack=False)  # opens nothing
    report = attack(image.bytes(), PASSPHRASE, [b"MARKER-NOTE", b"MARKER-ABSENT"])
    assert set(report.db_keys) == {key.hex()}
    assert sorted(h.db_key is not None for h in report.key_files) == [False, True]
    assert report.object_keys()[object_id] == str(identity)
    assert any(p.kind == "page1" and p.hmac_ok for p in report.pages)
    assert [h.where for h in report.found[b"MARKER-NOTE"]] == ["age file"]
    assert report.found[b"MARKER-ABSENT"] == []
    (hit,) = report.age_files
    assert hit.complete and hit.pyrage_ok and hit.offset == 2 << 20


def test_a_deleted_rollback_journal_gives_back_a_deleted_key_row(tmp_path):
    """secure_delete zeroes the row in the database, but the journal SQLite wrote first holds the old page, and
    a DELETE-mode journal's blocks stay in free space after the unlink. Only the journal is in this image."""
    key = secrets.token_bytes(32)
    doomed, identity = secrets.token_hex(16), str(pyrage.x25519.Identity.generate())
    conn = make_database(tmp_path / "v.db", key, {doomed: identity, **_identities(30)})
    for _ in range(100):
        conn.execute("INSERT INTO notes (text) VALUES (?)", ("x" * 1000,))
    conn.execute("PRAGMA cache_size = 5")  # the transaction spills, so SQLite syncs the journal and seals its header
    conn.execute("BEGIN")
    conn.execute("DELETE FROM object_keys WHERE object_id = ?", (doomed,))
    conn.execute("UPDATE notes SET text = ?", ("y" * 1000,))
    journal = (tmp_path / "v.db-journal").read_bytes()  # as the transaction left it before the commit
    assert journal.startswith(attacker.JOURNAL_MAGIC)
    conn.execute("COMMIT")
    conn.close()
    assert identity.encode() not in b"".join(
        decrypt_page((tmp_path / "v.db").read_bytes()[i:i + PAGE_SIZE], key, i // PAGE_SIZE + 1)
        for i in range(0, (tmp_path / "v.db").stat().st_size, PAGE_SIZE))
    image = Image(block=1024)
    image.put(5 * 1024, journal)
    image.put(1 << 20, (tmp_path / "v.db").read_bytes())  # the database as committed: its page 1 gives the salt
    report = attack(image.bytes(), None, [], extra_db_keys=[key])
    assert report.journals and report.journals[0][0] == 5 * 1024 and report.journals[0][1] >= 2
    assert report.object_keys()[doomed] == identity
    assert any("journal" in source for source in report.identities[identity])
    records = [p for p in report.pages if p.source == "journal"]
    assert records and all(p.hmac_ok for p in records)


def test_an_orphaned_journal_record_is_read_without_its_header(tmp_path):
    """The journal's first block reused by another file: the header is gone, its records are still decrypted."""
    key = secrets.token_bytes(32)
    doomed, identity = secrets.token_hex(16), str(pyrage.x25519.Identity.generate())
    conn = make_database(tmp_path / "v.db", key, {doomed: identity, **_identities(30)})
    conn.execute("BEGIN")
    conn.execute("DELETE FROM object_keys WHERE object_id = ?", (doomed,))
    journal = bytearray((tmp_path / "v.db-journal").read_bytes())
    conn.execute("ROLLBACK")
    conn.close()
    assert not journal.startswith(attacker.JOURNAL_MAGIC)  # not synced yet: SQLite writes the magic at the sync
    journal[:1024] = secrets.token_bytes(1024)
    image = Image(block=1024)
    image.put(9 * 1024, bytes(journal))
    report = attack(image.bytes(), None, [], extra_db_keys=[key])
    assert report.journals == []
    assert report.object_keys()[doomed] == identity


def test_wal_frames_are_carved(tmp_path):
    key = secrets.token_bytes(32)
    object_id, identity = secrets.token_hex(16), str(pyrage.x25519.Identity.generate())
    conn = make_database(tmp_path / "v.db", key, {}, journal="WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO object_keys VALUES (?, ?)", (object_id, identity))
    wal = (tmp_path / "v.db-wal").read_bytes()
    conn.close()
    image = Image()
    image.put(12 * 4096, wal)
    report = attack(image.bytes(), None, [], extra_db_keys=[key])
    assert report.wals and report.wals[0][0] == 12 * 4096
    assert report.object_keys()[object_id] == identity
    assert any(p.source == "wal" for p in report.pages)


# --- key files ---------------------------------------------------------------------------------------------


def test_key_slots_format1_and_extra_copies_all_give_their_database_keys(tmp_path):
    slot_key, legacy_key, copy_key = (secrets.token_bytes(32) for _ in range(3))
    image = Image(block=4096)
    # a slot file: slot A for another passphrase, slot B for ours (with an archive copy we cannot open)
    slots = slot_file([key_text(secrets.token_bytes(32), "some other passphrase", "fieldkit-keyslot/1"),
                       key_text(slot_key, PASSPHRASE, "fieldkit-keyslot/1", archive=True)])
    image.put(40 * 4096, slots)
    legacy = age_scrypt_file(json.dumps({"version": 1, "db_key": legacy_key.hex()}).encode(), PASSPHRASE)
    assert pyrage.passphrase.decrypt(legacy, PASSPHRASE)  # built right: age itself opens it
    image.put(60 * 4096, legacy)
    report = attack(image.bytes(), PASSPHRASE, [], extra_key_files=[key_text(copy_key, PASSPHRASE)])
    assert set(report.db_keys) == {slot_key.hex(), legacy_key.hex(), copy_key.hex()}
    formats = {(h.format, h.db_key) for h in report.key_files}
    assert ("fieldkit-keyslot/1", slot_key.hex()) in formats and ("fieldkit-keyslot/1", None) in formats
    assert ("age-scrypt", legacy_key.hex()) in formats
    assert ("fieldkit-passphrase/2", copy_key.hex()) in formats


def test_plaintext_at_rest_is_reported():
    image = Image()
    image.put(777_777, b"a transcript left in a temporary file: MARKER-AT-REST", slack=False)
    report = attack(image.bytes(), None, [b"MARKER-AT-REST"])
    assert [(h.where, h.offset) for h in report.found[b"MARKER-AT-REST"]] == [("raw image", 777_777 + 39)]


def test_an_ext4_superblock_gives_the_block_size(tmp_path):
    if shutil.which("mkfs.ext4") is None:
        pytest.skip("mkfs.ext4 is not installed")
    import subprocess

    image = tmp_path / "fs.img"
    image.write_bytes(bytes(8 << 20))
    subprocess.run(["mkfs.ext4", "-q", "-F", "-b", "2048", str(image)], check=True, capture_output=True)
    assert attacker.block_size_of(image.read_bytes()) == 2048
    assert attacker.block_size_of(bytes(1 << 16)) == 4096
