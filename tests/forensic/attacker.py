"""A forensic adversary for a raw disk image, written from the formats' specifications and independent of
fieldkit's own code (it imports nothing from fieldkit): what someone who imaged the laptop at a border, and
coerced the passphrase, can get back from it.

``attack(image, passphrase, needles)``:

1. **Key files**, live or deleted, anywhere in the image: format 1 (an age scrypt file) and the TOML texts of
   format 2 (``fieldkit-passphrase/2``) and of the key-slot format (``fieldkit-keyslot/1``), found by their
   ``kdf = "scrypt"`` line wherever it lies. Each is opened with the passphrase (scrypt -> X25519 age identity
   -> armored age file -> ``{"db_key": …}``). Key files the caller already holds (an old copy, a backup) can be
   passed in ``extra_key_files``.
2. **SQLCipher 4 material** decrypted with every database key found: every run of non-zero bytes of the image
   (database pages live and freed, and anything else), every SQLite rollback-journal record (journals are
   deleted without being overwritten, so their old pages stay in free space) and every WAL frame. AES-256-CBC
   decryption of a page only needs the ciphertext unit before each 16-byte unit, so one ECB pass over a run of
   the image, XORed with the run shifted by 16 bytes, decrypts every page inside it at once (all but each
   page's first 16 bytes), however the file's blocks were laid out; the four 16-byte phases a journal record
   or WAL frame can start at are covered the same way, so an orphaned record whose journal header was
   overwritten is still read.
3. **Object identities**: every ``AGE-SECRET-KEY-1…`` string in any plaintext (decrypted pages, decrypted age
   files, and the raw image itself). An identity locked to a retention deadline (``fkdl1:<slot>:<base64>``,
   docs/institution.md: AES-256-GCM under HKDF-SHA256 of a 32-byte secret file, info ``fieldkit deadline
   lock <object id>``, the object id as associated data) is tried against every block of the image that
   looks like such a secret file, live or deleted: 32 non-zero bytes at the start of a block, zeros after.
4. **age files** carved at every ``age-encryption.org/v1`` header (aligned or not), decrypted by hand (header,
   X25519 and scrypt stanzas, header MAC, STREAM chunks) with every identity: a deleted file's end is unknown,
   so the last chunk is tried against each candidate end (a block boundary, trimmed of the zero slack ext4
   leaves, and a few bytes beyond it); a chunk whose end cannot be found is still decrypted without its tag
   (ChaCha20 is a stream cipher), so a fragment leaks even when the whole file cannot be authenticated.
   Complete files are cross-checked with ``pyrage.decrypt``.
5. **Needles**: where each byte string asked for occurs in plaintext (the raw image itself, a decrypted page,
   journal record or WAL frame, a decrypted age file).

Only the standard library, ``cryptography``, ``pyrage`` and ``bech32`` are used.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import struct
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import bech32
import pyrage
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# --- constants from the specifications --------------------------------------------------------------------

AGE_MAGIC = b"age-encryption.org/v1\n"
AGE_CHUNK = 64 * 1024
AGE_TAG = 16
AGE_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
AGE_X25519_LABEL = b"age-encryption.org/v1/X25519"
IDENTITY_RE = re.compile(rb"AGE-SECRET-KEY-1[0-9A-Z]{58}")
#: an object id (32 hex) stored right before its identity: the two text columns of one SQLite record
OBJECT_ID_BEFORE = re.compile(rb"([0-9a-f]{32})$")
LOCKED_RE = re.compile(rb"fkdl1:([0-9]{8}T[0-9]{4}Z):([A-Za-z0-9+/]+={0,2})")
ARMOR_RE = re.compile(rb"-----BEGIN AGE ENCRYPTED FILE-----\r?\n[A-Za-z0-9+/=\r\n]*?-----END AGE ENCRYPTED FILE-----")

#: fieldkit's passphrase derivation (format 2 and the key-slot format)
FIELDKIT_SALT_PREFIX = b"fieldkit-passphrase/2:"
KDF_LINE = b'kdf = "scrypt"'
SLOT_MAGIC = b"fieldkit-keyslot1\n"
MAX_WORK_FACTOR = 22

#: SQLCipher 4 defaults with a raw key
PAGE_SIZE = 4096
RESERVED = 80  # 16-byte IV + 64-byte HMAC-SHA512
USABLE = PAGE_SIZE - RESERVED  # 4016: the encrypted region ends here
SQLCIPHER_SALT = 16
HMAC_SALT_MASK = 0x3A
#: bytes 16..24 of a SQLite database header with page size 4096, file format 1 (rollback) or 2 (WAL), 80
#: reserved bytes, and the fixed payload fractions 64/32/32
PAGE1_SIGNATURES = (bytes.fromhex("1000010150402020"), bytes.fromhex("1000020250402020"))

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
WAL_MAGICS = (bytes.fromhex("377f0682"), bytes.fromhex("377f0683"))
MAX_PGNO = 1 << 20  # a page number beyond this in a carved record means the record is garbage

ZERO_UNIT = bytes(512)


# --- report ------------------------------------------------------------------------------------------------


@dataclass
class KeyFileHit:
    offset: int
    format: str  # "age-scrypt" (format 1), or the TOML's format line ("fieldkit-passphrase/2", …)
    work_factor: int | None
    db_key: str | None  # hex, when the passphrase opened it
    note: str = ""


@dataclass
class PageHit:
    """A piece of SQLCipher material that a database key opened (proved by structure or by its HMAC)."""

    source: str  # "image" (a page-aligned block), "journal" or "wal"
    offset: int  # of the page (for a record: of its page bytes) in the image
    db_key: str
    pgno: int | None
    kind: str  # "page1" | "btree" | "record"
    hmac_ok: bool | None = None


@dataclass
class AgeHit:
    offset: int  # of the header in the image
    size: int | None  # ciphertext size, when the end was found
    plaintext_size: int
    complete: bool  # every chunk authenticated, the last one too
    authenticated_bytes: int  # plaintext bytes covered by a valid tag
    identity: str  # AGE-SECRET-KEY-… or "passphrase"
    head: bytes  # the plaintext's first bytes
    pyrage_ok: bool | None = None  # pyrage.decrypt agreed on the complete file
    plaintext: bytes = field(default=b"", repr=False)
    alternatives: list[bytes] = field(default_factory=list, repr=False)  # other readings of an unauthenticated tail


@dataclass
class NeedleHit:
    needle: bytes
    where: str  # "raw image" | "image page" | "journal" | "wal" | "age file" | "age fragment"
    offset: int  # in the image (for an age file: of its header)
    detail: str = ""


@dataclass
class Report:
    image: str
    block_size: int
    key_files: list[KeyFileHit] = field(default_factory=list)
    db_keys: dict[str, list[str]] = field(default_factory=dict)  # hex -> where it came from
    pages: list[PageHit] = field(default_factory=list)
    identities: dict[str, list[str]] = field(default_factory=dict)  # AGE-SECRET-KEY-… -> where found
    #: AGE-SECRET-KEY-… -> the object id(s) stored right before it (a key row's two columns), when seen
    identity_objects: dict[str, set[str]] = field(default_factory=dict)
    locked: list[str] = field(default_factory=list)  # "object slot: opened | not opened" per deadline-locked key
    secret_blocks: int = 0  # blocks that look like a deadline secret file
    age_headers: int = 0
    age_files: list[AgeHit] = field(default_factory=list)
    journals: list[tuple[int, int]] = field(default_factory=list)  # (offset, records carved)
    wals: list[tuple[int, int]] = field(default_factory=list)
    found: dict[bytes, list[NeedleHit]] = field(default_factory=dict)

    def pages_opened(self, db_key: str | None = None) -> list[PageHit]:
        return [p for p in self.pages if db_key is None or p.db_key == db_key]

    def object_keys(self) -> dict[str, str]:
        """object id -> its recovered identity, for the key rows whose object id was seen beside the key."""
        return {object_id: identity for identity, ids in self.identity_objects.items() for object_id in ids}

    def recovered(self) -> dict[bytes, list[NeedleHit]]:
        return {needle: hits for needle, hits in self.found.items() if hits}

    def summary(self) -> str:
        lines = [f"image {self.image} (block size {self.block_size})"]
        for hit in self.key_files:
            state = f"db_key {hit.db_key[:16]}…" if hit.db_key else f"not opened ({hit.note})"
            lines.append(f"  key file @{hit.offset:#x} {hit.format} wf={hit.work_factor}: {state}")
        for key, sources in self.db_keys.items():
            opened = self.pages_opened(key)
            kinds = {}
            for page in opened:
                kinds[f"{page.source}/{page.kind}"] = kinds.get(f"{page.source}/{page.kind}", 0) + 1
            lines.append(f"  db key {key[:16]}… from {', '.join(sources)}: opens {len(opened)} page(s) {kinds}")
        lines.append(f"  journals carved: {[(hex(o), n) for o, n in self.journals]}; WALs: "
                     f"{[(hex(o), n) for o, n in self.wals]}")
        lines.append(f"  deadline-locked keys: {len(self.locked)} ({self.secret_blocks} secret-like blocks): "
                     + ", ".join(self.locked))
        lines.append(f"  object identities found: {len(self.identities)}")
        for identity, sources in self.identities.items():
            objects = ",".join(sorted(i[:12] for i in self.identity_objects.get(identity, ())))
            lines.append(f"    {identity[:24]}…{f' (object {objects})' if objects else ''} in"
                         f" {', '.join(sorted(set(sources))[:4])}")
        lines.append(f"  age headers in the image: {self.age_headers}; decrypted: {len(self.age_files)}")
        for hit in self.age_files:
            lines.append(
                f"    age @{hit.offset:#x} size={hit.size} plain={hit.plaintext_size} complete={hit.complete}"
                f" pyrage={hit.pyrage_ok} key={hit.identity[:22]}… head={hit.head[:40]!r}")
        for needle, hits in self.found.items():
            where = "; ".join(f"{h.where} @{h.offset:#x}{' ' + h.detail if h.detail else ''}" for h in hits[:6])
            lines.append(f"  needle {needle[:40]!r}: {'NOT found' if not hits else where}"
                         f"{f' (+{len(hits) - 6} more)' if len(hits) > 6 else ''}")
        return "\n".join(lines)


# --- small helpers -----------------------------------------------------------------------------------------


def _b64(text: bytes | str) -> bytes:
    """Base64 without padding (age's encoding), also accepting padded input."""
    if isinstance(text, str):
        text = text.encode("ascii")
    text = text.strip()
    return base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)


def _hkdf(ikm: bytes, salt: bytes | None, info: bytes, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def _xor(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(len(a), "big")


def block_size_of(data: bytes | memoryview) -> int:
    """The ext2/3/4 block size from the superblock (offset 1024), or 4096 when it is not one."""
    if len(data) >= 2048 and bytes(data[1024 + 56:1024 + 58]) == b"\x53\xef":
        log = struct.unpack_from("<I", data, 1024 + 24)[0]
        if log <= 6:
            return 1024 << log
    return 4096


def nonzero_runs(data: bytes, unit: int = 512) -> list[tuple[int, int]]:
    """[start, end) runs of the image that are not all zero, at ``unit`` granularity."""
    zero = bytes(unit)
    runs: list[tuple[int, int]] = []
    start = None
    for offset in range(0, len(data), unit):
        empty = data[offset:offset + unit] == zero[:len(data) - offset] if offset + unit > len(data) else \
            data[offset:offset + unit] == zero
        if empty:
            if start is not None:
                runs.append((start, offset))
                start = None
        elif start is None:
            start = offset
    if start is not None:
        runs.append((start, len(data)))
    return runs


# --- age (C2SP age v1), decrypted by hand ------------------------------------------------------------------


class AgeError(ValueError):
    pass


@dataclass
class Stanza:
    type: str
    args: list[str]
    body: bytes


@dataclass
class AgeHeader:
    stanzas: list[Stanza]
    mac: bytes
    mac_input: bytes  # the header up to and including "---"
    payload_start: int  # relative to the start of the file


def parse_age_header(data: bytes | memoryview, start: int = 0, limit: int = 16384) -> AgeHeader:
    """Parse the textual header of an age file at ``data[start:]`` (binary format, not armored)."""
    blob = bytes(data[start:start + limit])
    if not blob.startswith(AGE_MAGIC):
        raise AgeError("no age magic")
    pos = len(AGE_MAGIC)
    stanzas = []
    while True:
        newline = blob.find(b"\n", pos)
        if newline < 0:
            raise AgeError("header truncated")
        line = blob[pos:newline]
        if line.startswith(b"--- "):
            mac = _b64(line[4:])
            if len(mac) != 32:
                raise AgeError("bad header MAC")
            return AgeHeader(stanzas, mac, blob[:pos + 3], newline + 1)
        if not line.startswith(b"-> "):
            raise AgeError("malformed stanza line")
        try:
            parts = line[3:].decode("ascii").split(" ")
        except UnicodeDecodeError as exc:
            raise AgeError("non-ASCII stanza") from exc
        pos = newline + 1
        body = b""
        while True:
            newline = blob.find(b"\n", pos)
            if newline < 0:
                raise AgeError("stanza body truncated")
            body_line = blob[pos:newline]
            pos = newline + 1
            if len(body_line) > 64:
                raise AgeError("stanza body line too long")
            body += body_line
            if len(body_line) < 64:
                break
        try:
            stanzas.append(Stanza(parts[0], parts[1:], _b64(body) if body else b""))
        except (binascii.Error, ValueError) as exc:
            raise AgeError("bad stanza body") from exc


def identity_scalar(identity: str) -> bytes:
    hrp, data = bech32.bech32_decode(identity.lower())
    if hrp != "age-secret-key-" or data is None:
        raise AgeError("not an age identity")
    raw = bech32.convertbits(data, 5, 8, False)
    if raw is None or len(raw) != 32:
        raise AgeError("not an age identity")
    return bytes(raw)


class X25519Identity:
    def __init__(self, identity: str) -> None:
        self.text = identity
        self.private = X25519PrivateKey.from_private_bytes(identity_scalar(identity))
        self.public = self.private.public_key().public_bytes_raw()

    def unwrap(self, stanza: Stanza) -> bytes | None:
        if stanza.type != "X25519" or len(stanza.args) != 1 or len(stanza.body) != 32:
            return None
        try:
            share = _b64(stanza.args[0])
            if len(share) != 32:
                return None
            shared = self.private.exchange(X25519PublicKey.from_public_bytes(share))
        except (ValueError, binascii.Error):
            return None
        wrap_key = _hkdf(shared, share + self.public, AGE_X25519_LABEL)
        try:
            return ChaCha20Poly1305(wrap_key).decrypt(bytes(12), stanza.body, None)
        except InvalidTag:
            return None


_SCRYPT_CACHE: dict[tuple, bytes] = {}


def _scrypt(password: bytes, salt: bytes, work_factor: int) -> bytes:
    cache_key = (password, salt, work_factor)
    if cache_key not in _SCRYPT_CACHE:
        _SCRYPT_CACHE[cache_key] = hashlib.scrypt(password, salt=salt, n=2 ** work_factor, r=8, p=1, dklen=32,
                                                  maxmem=256 * 8 * 2 ** work_factor + (1 << 20))
    return _SCRYPT_CACHE[cache_key]


def unwrap_scrypt_stanza(stanza: Stanza, passphrase: str) -> bytes | None:
    if stanza.type != "scrypt" or len(stanza.args) != 2 or len(stanza.body) != 32:
        return None
    try:
        salt = _b64(stanza.args[0])
        factor = int(stanza.args[1])
    except (ValueError, binascii.Error):
        return None
    if len(salt) != 16 or not 1 <= factor <= MAX_WORK_FACTOR:
        return None
    for candidate in dict.fromkeys((passphrase, unicodedata.normalize("NFC", passphrase))):
        key = _scrypt(candidate.encode("utf-8"), AGE_SCRYPT_LABEL + salt, factor)
        try:
            return ChaCha20Poly1305(key).decrypt(bytes(12), stanza.body, None)
        except InvalidTag:
            continue
    return None


def header_mac_ok(header: AgeHeader, file_key: bytes) -> bool:
    mac_key = _hkdf(file_key, None, b"header")
    return hmac.compare_digest(hmac.new(mac_key, header.mac_input, hashlib.sha256).digest(), header.mac)


def _stream_nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


@dataclass
class PayloadResult:
    plaintext: bytes
    authenticated: int  # bytes of plaintext covered by a valid tag
    complete: bool
    end: int | None  # end of the file, relative to the payload start, when complete
    alternatives: list[bytes] = field(default_factory=list)  # other readings of an unauthenticated tail


def _chacha_unauthenticated(key: bytes, nonce12: bytes, ciphertext: bytes) -> bytes:
    """ChaCha20-Poly1305's encryption without checking the tag: ChaCha20 with the block counter at 1."""
    if not ciphertext:
        return b""
    cipher = Cipher(algorithms.ChaCha20(key, (1).to_bytes(4, "little") + nonce12), mode=None)
    return cipher.decryptor().update(ciphertext)


def _end_candidates(region: bytes, chunk_start: int, base: int, block: int) -> list[int]:
    """Relative ends (in ``region``) a final chunk starting at ``chunk_start`` may have: each block boundary
    trimmed of the zeros a file system leaves after a file's end, the boundary itself, then a few bytes past
    the trimmed end (a tag that itself ends in zero bytes). ``base`` is region's offset in the image."""
    lowest = chunk_start + AGE_TAG
    highest = min(len(region), chunk_start + AGE_CHUNK + AGE_TAG)
    if highest < lowest:
        return []
    boundaries = []
    first = ((base + lowest) // block + 1) * block - base
    for boundary in range(first, highest + block, block):
        boundaries.append(min(boundary, highest))
    if not boundaries or boundaries[-1] != highest:
        boundaries.append(highest)
    trimmed, raw, extended = [], [], []
    for boundary in boundaries:
        end = len(bytes(region[chunk_start:boundary]).rstrip(b"\0")) + chunk_start
        if end >= lowest:
            trimmed.append(end)
        raw.append(boundary)
        extended.extend(e for e in range(max(end + 1, lowest), min(end + 17, boundary + 1)))
    return [e for e in dict.fromkeys(trimmed + raw + extended) if lowest <= e <= highest]


def decrypt_payload(file_key: bytes, region: bytes | memoryview, base: int = 0, block: int = 4096) -> PayloadResult:
    """Decrypt an age payload (nonce, then STREAM chunks) at the start of ``region``, whose true end is
    unknown: full chunks are taken while their tag verifies; the final chunk is tried at every candidate end.
    A chunk no end authenticates is decrypted without its tag (up to one chunk), and reported as such."""
    if len(region) < 16:
        return PayloadResult(b"", 0, False, None)
    nonce = bytes(region[:16])
    key = _hkdf(file_key, nonce, b"payload")
    aead = ChaCha20Poly1305(key)
    out: list[bytes] = []
    pos, counter = 16, 0
    while True:
        full = bytes(region[pos:pos + AGE_CHUNK + AGE_TAG])
        if len(full) == AGE_CHUNK + AGE_TAG:
            try:
                out.append(aead.decrypt(_stream_nonce(counter, False), full, None))
                pos += len(full)
                counter += 1
                continue
            except InvalidTag:
                pass
        for end in _end_candidates(region, pos, base, block):
            try:
                last = aead.decrypt(_stream_nonce(counter, True), bytes(region[pos:end]), None)
            except InvalidTag:
                continue
            if last or counter == 0:
                out.append(last)
                plain = b"".join(out)
                return PayloadResult(plain, len(plain), True, end)
        authenticated = b"".join(out)
        # No end authenticates this chunk (the file's blocks were reused or are elsewhere): decrypt what is there
        # without its tag, under both nonces (last chunk or not: the flag is part of the nonce). The more likely
        # one (not last, when a whole chunk's worth of bytes follows) extends the plaintext; the other is kept
        # as an alternative reading.
        tail = bytes(region[pos:pos + AGE_CHUNK])
        more = _chacha_unauthenticated(key, _stream_nonce(counter, False), tail)
        last = _chacha_unauthenticated(key, _stream_nonce(counter, True), tail)
        likely, other = (more, last) if len(region) - pos >= AGE_CHUNK + AGE_TAG else (last, more)
        return PayloadResult(authenticated + likely, len(authenticated), False, None, [authenticated + other])


def decrypt_age(data: bytes, identities: Iterable[X25519Identity] = (), passphrase: str | None = None, *,
                start: int = 0, max_size: int = 64 << 20, block: int = 4096) -> tuple[AgeHit, bytes] | None:
    """Decrypt the age file at ``data[start:]`` (end unknown) with any of ``identities`` or the passphrase.
    Returns the hit and the file key, or None when nothing opens its header."""
    header = parse_age_header(data, start)
    file_key, opened_by = None, ""
    for stanza in header.stanzas:
        for identity in identities:
            file_key = identity.unwrap(stanza)
            if file_key is not None:
                opened_by = identity.text
                break
        if file_key is None and passphrase is not None:
            file_key = unwrap_scrypt_stanza(stanza, passphrase)
            opened_by = "passphrase" if file_key is not None else ""
        if file_key is not None:
            break
    if file_key is None or not header_mac_ok(header, file_key):
        return None
    payload_at = start + header.payload_start
    region = memoryview(data)[payload_at:payload_at + max_size]
    result = decrypt_payload(file_key, region, base=payload_at, block=block)
    size = header.payload_start + result.end if result.complete and result.end is not None else None
    hit = AgeHit(start, size, len(result.plaintext), result.complete, result.authenticated, opened_by,
                 result.plaintext[:64], plaintext=result.plaintext, alternatives=result.alternatives)
    return hit, file_key


# --- fieldkit key files ------------------------------------------------------------------------------------


def fieldkit_identity(passphrase: str, salt: bytes, work_factor: int) -> str:
    """scrypt(NFC UTF-8 passphrase, "fieldkit-passphrase/2:" + salt, N=2^wf, r=8, p=1) as AGE-SECRET-KEY-1…"""
    secret = _scrypt(unicodedata.normalize("NFC", passphrase).encode("utf-8"), FIELDKIT_SALT_PREFIX + salt,
                     work_factor)
    return bech32.bech32_encode("age-secret-key-", bech32.convertbits(secret, 8, 5)).upper()


def _text_around(data: bytes, offset: int, reach: int = 8192) -> tuple[int, bytes]:
    """The run of text (printable ASCII, tabs and newlines) around ``offset``: (start, text)."""
    def texty(b: int) -> bool:
        return 32 <= b < 127 or b in (9, 10, 13)

    lo = offset
    floor = max(0, offset - reach)
    while lo > floor and texty(data[lo - 1]):
        lo -= 1
    hi = offset
    ceiling = min(len(data), offset + reach)
    while hi < ceiling and texty(data[hi]):
        hi += 1
    return lo, bytes(data[lo:hi])


def _key_text_segment(text: bytes, at: int) -> bytes:
    """The one key text around position ``at`` of a run of text that may hold several (two slots, or a
    format-2 text next to a slot): from the last ``format =`` line or slot magic before it to the next."""
    starts = [m.start() for m in re.finditer(rb'(?m)^format\s*=|fieldkit-keyslot1\n', text)]
    lo = max((s for s in starts if s <= at), default=0)
    hi = min((s for s in starts if s > at), default=len(text))
    return text[lo:hi]


def _field(text: bytes, name: str, pattern: bytes) -> bytes | None:
    match = re.search(rb"(?m)^\s*" + name.encode() + rb"\s*=\s*" + pattern, text)
    return match.group(1) if match else None


def parse_key_toml(text: bytes) -> dict | None:
    """The scrypt parameters and the passphrase-wrapped armored age file of a fieldkit TOML key text (format 2
    or a key slot); tolerant of surrounding garbage and unknown fields. None when the fields are missing."""
    factor = _field(text, "work_factor", rb"(\d+)")
    salt = _field(text, "salt", rb'"([A-Za-z0-9+/=]+)"')
    age = _field(text, "age", rb'"""\s*(-----BEGIN AGE ENCRYPTED FILE-----.*?-----END AGE ENCRYPTED FILE-----)')
    if age is None:
        match = re.search(rb'(?m)^\s*age\s*=\s*"""\s*', text)
        if match:
            armored = ARMOR_RE.search(text, match.end())
            age = armored.group(0) if armored else None
    if factor is None or salt is None or age is None:
        return None
    fmt = _field(text, "format", rb'"([^"\n]*)"')
    r, p = _field(text, "r", rb"(\d+)"), _field(text, "p", rb"(\d+)")
    try:
        salt_bytes = base64.b64decode(salt, validate=True)
    except binascii.Error:
        return None
    return {"format": fmt.decode() if fmt else "?", "work_factor": int(factor), "salt": salt_bytes,
            "armored": age, "r": int(r) if r else 8, "p": int(p) if p else 1}


def db_keys_in_plaintext(plain: bytes) -> list[str]:
    """The database key(s) in a decrypted key file's JSON (``db_key``, or any 64-hex value under a key name)."""
    try:
        payload = json.loads(plain)
    except (ValueError, UnicodeDecodeError):
        return re.findall(r'"db_key"\s*:\s*"([0-9a-f]{64})"', plain.decode("latin-1"))
    found: list[str] = []

    def walk(value, name=""):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, key)
        elif isinstance(value, list):
            for item in value:
                walk(item, name)
        elif isinstance(value, str) and re.fullmatch(r"[0-9a-fA-F]{64}", value) and "key" in name.lower():
            found.append(value.lower())

    walk(payload)
    return found


# --- SQLCipher pages, journals and WAL frames --------------------------------------------------------------


def hmac_key(db_key: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", db_key, bytes(b ^ HMAC_SALT_MASK for b in salt), 2, 32)


def page_hmac_ok(page: bytes, pgno: int, hkey: bytes) -> bool:
    start = SQLCIPHER_SALT if pgno == 1 else 0
    mac = hmac.new(hkey, page[start:USABLE + 16] + struct.pack("<I", pgno), hashlib.sha512).digest()
    return hmac.compare_digest(mac, page[USABLE + 16:USABLE + 16 + 64])


def decrypt_page(page: bytes, db_key: bytes, pgno: int | None = None) -> bytes:
    """One SQLCipher page's plaintext (bytes [0, 4016); for page 1 the first 16 are the plaintext salt)."""
    iv = page[USABLE:USABLE + 16]
    start = SQLCIPHER_SALT if pgno == 1 else 0
    plain = Cipher(algorithms.AES(db_key), modes.CBC(iv)).decryptor().update(page[start:USABLE])
    return page[:start] + plain


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(8):
        if pos + i >= len(data):
            raise ValueError("varint past the end")
        byte = data[pos + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    if pos + 8 >= len(data):
        raise ValueError("varint past the end")
    return (value << 8) | data[pos + 8], pos + 9


def _serial_size(serial: int) -> int:
    if serial >= 12:
        return (serial - 12) // 2
    return (0, 1, 2, 3, 4, 6, 8, 8, 0, 0, -1, -1)[serial]


def plausible_btree_page(plain: bytes, header_at: int = 0) -> bool:
    """A strict structural check of a decrypted SQLite b-tree page (random bytes pass it with a probability
    far below 2^-40): header fields in range, every cell pointer inside the content area, and the first cell
    of a table leaf a well-formed record."""
    if len(plain) < USABLE:
        return False
    kind = plain[header_at]
    if kind not in (2, 5, 10, 13):
        return False
    interior = kind in (2, 5)
    header_end = header_at + (12 if interior else 8)
    freeblock, cells, content, fragmented = struct.unpack_from(">HHHB", plain, header_at + 1)
    if content == 0 or fragmented > 60 or cells > (USABLE - header_end) // 2:
        return False
    pointers_end = header_end + 2 * cells
    if not pointers_end <= content <= USABLE:
        return False
    if freeblock and not content <= freeblock < USABLE - 4:
        return False
    if cells == 0:
        return content == USABLE and not interior
    pointers = struct.unpack_from(f">{cells}H", plain, header_end)
    if any(not content <= p < USABLE for p in pointers) or len(set(pointers)) != cells:
        return False
    if interior:
        children = [struct.unpack_from(">I", plain, p)[0] for p in pointers]
        children.append(struct.unpack_from(">I", plain, header_at + 8)[0])
        return all(0 < child < MAX_PGNO for child in children)
    if kind != 13:
        return True
    try:
        payload, pos = _varint(plain, pointers[0])
        _, pos = _varint(plain, pos)
        header_size, body = _varint(plain, pos)
        if not 1 <= header_size <= payload or payload > 1 << 30:
            return False
        total, cursor = header_size, body
        while cursor < pos + header_size:
            serial, cursor = _varint(plain, cursor)
            size = _serial_size(serial)
            if size < 0:
                return False
            total += size
        return cursor == pos + header_size and (total == payload or payload > USABLE - 35)
    except (ValueError, IndexError):
        return False


def journal_checksum(nonce: int, page: bytes) -> int:
    total = nonce
    i = len(page) - 200
    while i > 0:
        total += page[i]
        i -= 200
    return total & 0xFFFFFFFF


@dataclass
class Record:
    source: str  # "journal" | "wal"
    container: int  # offset of the journal/WAL header
    offset: int  # offset of the page bytes in the image
    pgno: int
    page: bytes = field(repr=False)


def carve_journals(data: bytes) -> list[tuple[int, list[Record]]]:
    """Every SQLite rollback-journal header in the image and the records after it (a record count of 0 or
    0xFFFFFFFF, or one past what the image holds, means: read while the records' checksums hold)."""
    found = []
    offset = data.find(JOURNAL_MAGIC)
    while offset >= 0:
        if offset + 28 <= len(data):
            nrec, nonce, _initial, sector, page_size = struct.unpack_from(">IIIII", data, offset + 8)
            if sector in (512, 1024, 2048, 4096, 8192, 16384, 32768, 65536) and page_size == PAGE_SIZE:
                records: list[Record] = []
                pos = offset + sector
                limit = nrec if 0 < nrec < 0xFFFFFFFF else None
                while pos + 4 + page_size + 4 <= len(data) and (limit is None or len(records) < limit):
                    pgno = struct.unpack_from(">I", data, pos)[0]
                    page = data[pos + 4:pos + 4 + page_size]
                    checksum = struct.unpack_from(">I", data, pos + 4 + page_size)[0]
                    if not 0 < pgno < MAX_PGNO or checksum != journal_checksum(nonce, page):
                        break
                    records.append(Record("journal", offset, pos + 4, pgno, page))
                    pos += 4 + page_size + 4
                found.append((offset, records))
        offset = data.find(JOURNAL_MAGIC, offset + 1)
    return found


def carve_wals(data: bytes) -> list[tuple[int, list[Record]]]:
    found = []
    for magic in WAL_MAGICS:
        offset = data.find(magic)
        while offset >= 0:
            if offset + 32 <= len(data):
                _magic, _version, page_size, _seq, salt1, salt2 = struct.unpack_from(">IIIIII", data, offset)
                if page_size == PAGE_SIZE:
                    records = []
                    pos = offset + 32
                    while pos + 24 + page_size <= len(data):
                        pgno, _commit, s1, s2 = struct.unpack_from(">IIII", data, pos)
                        if (s1, s2) != (salt1, salt2) or not 0 < pgno < MAX_PGNO:
                            break
                        records.append(Record("wal", offset, pos + 24, pgno, data[pos + 24:pos + 24 + page_size]))
                        pos += 24 + page_size
                    if records:
                        found.append((offset, records))
            offset = data.find(magic, offset + 1)
    return found


# --- the attack --------------------------------------------------------------------------------------------


class Attack:
    def __init__(self, data: bytes, passphrase: str | None, needles: Iterable[bytes], *, image_name: str = "",
                 extra_key_files: Iterable[bytes] = (), extra_db_keys: Iterable[bytes] = ()) -> None:
        self.data = data
        self.passphrase = passphrase
        self.needles = [bytes(n) for n in needles if n]
        self.block = block_size_of(data)
        self.report = Report(image_name, self.block, found={n: [] for n in self.needles})
        self.extra_key_files = [bytes(k) for k in extra_key_files]
        self.extra_db_keys = [bytes(k) for k in extra_db_keys]
        self.runs = nonzero_runs(data, 512)
        self._identities: dict[str, X25519Identity] = {}
        self._tried_db_keys: set[str] = set()
        self._seen_plaintexts: set[bytes] = set()
        self._salts: set[bytes] = set()
        self._locked: set[tuple[str, str, bytes]] = set()  # (object id, slot, base64) of deadline-locked keys
        self._unlocked: set[tuple[str, str, bytes]] = set()
        self._secrets: list[bytes] | None = None

    # bookkeeping
    def _add_db_key(self, key_hex: str, source: str) -> None:
        self.report.db_keys.setdefault(key_hex.lower(), [])
        if source not in self.report.db_keys[key_hex.lower()]:
            self.report.db_keys[key_hex.lower()].append(source)

    def _add_identity(self, text: str, source: str) -> None:
        if text not in self._identities:
            try:
                self._identities[text] = X25519Identity(text)
            except (AgeError, ValueError):
                return
        self.report.identities.setdefault(text, []).append(source)

    def _needle_hits(self, plain: bytes, where: str, offset: int, detail: str = "", *, image_mapped: bool = False,
                     seen: set | None = None) -> None:
        for needle in self.needles:
            at = plain.find(needle)
            while at >= 0:
                position = offset + at if image_mapped else offset
                key = (needle, where, position)
                if seen is None or key not in seen:
                    if seen is not None:
                        seen.add(key)
                    self.report.found[needle].append(NeedleHit(needle, where, position, detail))
                if not image_mapped:
                    break
                at = plain.find(needle, at + 1)

    def _identities_in(self, plain: bytes, source: str) -> None:
        for match in LOCKED_RE.finditer(plain):
            before = OBJECT_ID_BEFORE.search(plain, max(0, match.start() - 32), match.start())
            if before:
                self._locked.add((before.group(1).decode("ascii"), match.group(1).decode(), match.group(2)))
        for match in IDENTITY_RE.finditer(plain):
            identity = match.group(0).decode("ascii")
            self._add_identity(identity, source)
            before = OBJECT_ID_BEFORE.search(plain, max(0, match.start() - 32), match.start())
            if before:
                self.report.identity_objects.setdefault(identity, set()).add(before.group(1).decode("ascii"))

    # 1. key files
    def key_files(self) -> None:
        data, passphrase = self.data, self.passphrase
        texts: dict[tuple, list[int]] = {}
        offset = data.find(KDF_LINE)
        while offset >= 0:
            start, text = _text_around(data, offset)
            parsed = parse_key_toml(_key_text_segment(text, offset - start))
            if parsed is not None:
                ident = (parsed["format"], parsed["work_factor"], parsed["salt"], parsed["armored"])
                texts.setdefault(ident, []).append(start)
            offset = data.find(KDF_LINE, offset + 1)
        for index, extra in enumerate(self.extra_key_files):
            if extra.startswith(AGE_MAGIC):
                self._age_scrypt_key_file(extra, 0, f"extra key file #{index}")
                continue
            parsed = parse_key_toml(extra)
            if parsed is not None:
                texts.setdefault((parsed["format"], parsed["work_factor"], parsed["salt"], parsed["armored"]),
                                 []).append(-1 - index)
        for (fmt, factor, salt, armored), offsets in texts.items():
            db_keys, note = [], ""
            if passphrase is None:
                note = "no passphrase"
            elif not 1 <= factor <= MAX_WORK_FACTOR or len(salt) != 16:
                note = "parameters out of range"
            else:
                identity = fieldkit_identity(passphrase, salt, factor)
                try:
                    plain = pyrage.decrypt(armored, [pyrage.x25519.Identity.from_str(identity)])
                    db_keys = db_keys_in_plaintext(plain)
                    note = "" if db_keys else f"opened, no db key in {plain[:40]!r}"
                    self._identities_in(plain, "key file plaintext")
                except pyrage.DecryptError as exc:
                    note = f"passphrase does not open it ({exc})"
            for at in offsets:
                where = f"extra key file #{-1 - at}" if at < 0 else f"{fmt} key text @{at:#x}"
                self.report.key_files.append(KeyFileHit(at, fmt, factor, db_keys[0] if db_keys else None, note))
                for key in db_keys:
                    self._add_db_key(key, where)
        offset = data.find(AGE_MAGIC + b"-> scrypt ")
        while offset >= 0:
            self._age_scrypt_key_file(data, offset, f"age-scrypt key file @{offset:#x}")
            offset = data.find(AGE_MAGIC + b"-> scrypt ", offset + 1)
        for key in self.extra_db_keys:
            self._add_db_key(key.hex(), "given")

    def _age_scrypt_key_file(self, data: bytes, offset: int, where: str) -> None:
        factor = None
        try:
            header = parse_age_header(data, offset)
            stanza = next((s for s in header.stanzas if s.type == "scrypt"), None)
            if stanza is None:
                return  # an age file to recipients, not a passphrase-wrapped one
            factor = int(stanza.args[1]) if len(stanza.args) == 2 and stanza.args[1].isdigit() else None
            opened = decrypt_age(data, (), self.passphrase, start=offset, max_size=1 << 20, block=self.block) \
                if self.passphrase is not None else None
        except AgeError as exc:
            self.report.key_files.append(KeyFileHit(offset, "age-scrypt", factor, None, f"unparsable: {exc}"))
            return
        if opened is None:
            self.report.key_files.append(KeyFileHit(offset, "age-scrypt", factor, None, "passphrase does not open"
                                                                                      " it"))
            return
        hit, _ = opened
        if hit.complete and hit.size is not None and self.passphrase is not None:
            try:
                hit.pyrage_ok = pyrage.passphrase.decrypt(bytes(data[offset:offset + hit.size]),
                                                          self.passphrase) == hit.plaintext
            except pyrage.DecryptError:
                hit.pyrage_ok = False
        keys = db_keys_in_plaintext(hit.plaintext)
        self.report.key_files.append(KeyFileHit(offset, "age-scrypt", factor, keys[0] if keys else None,
                                                "" if keys else "opened, no db key"))
        for key in keys:
            self._add_db_key(key, where)

    # 2. SQLCipher
    def sqlcipher(self, db_key_hex: str) -> None:
        key = bytes.fromhex(db_key_hex)
        data = self.data
        ecb = Cipher(algorithms.AES(key), modes.ECB())
        seen: set = set()
        page_offsets_done: set[int] = set()
        for run_start, run_end in self.runs:
            # extend one page back so a page whose first block is zero-free but IV block follows is covered
            for phase in (0, 4, 8, 12):
                lo = run_start + phase
                hi = lo + (run_end - lo) // 16 * 16
                if hi - lo < 32:
                    continue
                chunk = data[lo:hi]
                decrypted = ecb.decryptor().update(chunk)
                plain = _xor(decrypted, bytes(16) + chunk[:-16])
                self._identities_in(plain, f"db key {db_key_hex[:8]}: image @{lo:#x}+")
                self._needle_hits(plain, "decrypted image", lo, f"db key {db_key_hex[:8]}", image_mapped=True,
                                  seen=seen)
                if phase:
                    continue
                # page-aligned candidates: structure proves the key opens them
                first = (lo + self.block - 1) // self.block * self.block
                for page_at in range(first, hi - PAGE_SIZE + 1, self.block):
                    if page_at in page_offsets_done:
                        continue
                    page_offsets_done.add(page_at)
                    rel = page_at - lo
                    iv = data[page_at + USABLE:page_at + USABLE + 16]
                    head = _xor(decrypted[rel:rel + 16], iv)
                    page1 = _xor(decrypted[rel + 16:rel + 32], iv)
                    if page1[:8] in PAGE1_SIGNATURES:
                        salt = data[page_at:page_at + 16]
                        self._salts.add(salt)
                        hkey = hmac_key(key, salt)
                        ok = page_hmac_ok(data[page_at:page_at + PAGE_SIZE], 1, hkey)
                        self.report.pages.append(PageHit("image", page_at, db_key_hex, 1, "page1", ok))
                    elif plausible_btree_page(head + plain[rel + 16:rel + USABLE]):
                        self.report.pages.append(PageHit("image", page_at, db_key_hex, None, "btree"))
        for record in (*self._journal_records, *self._wal_records):  # every salt first: page 1's records
            if record.pgno == 1 and decrypt_page(record.page, key, 1)[16:24] in PAGE1_SIGNATURES:
                self._salts.add(record.page[:16])
        for records in (self._journal_records, self._wal_records):
            for record in records:
                plain = decrypt_page(record.page, key, record.pgno)
                ok = None
                for salt in self._salts:
                    if page_hmac_ok(record.page, record.pgno, hmac_key(key, salt)):
                        ok = True
                        break
                plausible = plausible_btree_page(plain, 100 if record.pgno == 1 else 0) or \
                    (record.pgno == 1 and plain[16:24] in PAGE1_SIGNATURES)
                if ok or plausible:
                    self.report.pages.append(PageHit(record.source, record.offset, db_key_hex, record.pgno,
                                                     "record", ok))
                self._identities_in(plain, f"db key {db_key_hex[:8]}: {record.source} @{record.container:#x}"
                                           f" pg{record.pgno}")
                self._needle_hits(plain, record.source, record.offset, f"db key {db_key_hex[:8]} pg{record.pgno}",
                                  image_mapped=True, seen=seen)

    # 4. age files
    def age_files(self) -> None:
        data = self.data
        done: dict[int, frozenset] = getattr(self, "_age_done", {})
        self._age_done = done
        offsets = getattr(self, "_age_offsets", None)
        if offsets is None:
            offsets = []
            at = data.find(AGE_MAGIC)
            while at >= 0:
                offsets.append(at)
                at = data.find(AGE_MAGIC, at + 1)
            self._age_offsets = offsets
            self.report.age_headers = len(offsets)
        identities = frozenset(self._identities)
        for offset in offsets:
            if done.get(offset) == identities:
                continue
            tried = done.get(offset, frozenset())
            fresh = [self._identities[i] for i in identities - tried]
            done[offset] = identities
            if not fresh:
                continue
            try:
                header = parse_age_header(data, offset)
            except AgeError:
                continue
            if not any(s.type == "X25519" for s in header.stanzas):
                continue
            opened = decrypt_age(data, fresh, None, start=offset, block=self.block)
            if opened is None:
                continue
            hit, _ = opened
            if hit.complete and hit.size is not None:
                try:
                    hit.pyrage_ok = pyrage.decrypt(bytes(data[offset:offset + hit.size]),
                                                   [pyrage.x25519.Identity.from_str(hit.identity)]) == hit.plaintext
                except pyrage.DecryptError:
                    hit.pyrage_ok = False
            self.report.age_files.append(hit)
            where = "age file" if hit.complete else "age fragment"
            detail = f"{hit.plaintext_size} B plaintext" + ("" if hit.complete else
                                                             f", {hit.authenticated_bytes} B authenticated")
            seen: set = set()
            for reading in (hit.plaintext, *hit.alternatives):
                self._needle_hits(reading, where, offset, detail, seen=seen)
                self._identities_in(reading, f"age file @{offset:#x}")
            for key in db_keys_in_plaintext(hit.plaintext) if hit.plaintext.lstrip().startswith(b"{") else ():
                self._add_db_key(key, f"age file @{offset:#x}")

    def _secret_candidates(self) -> list[bytes]:
        if self._secrets is None:
            block = self.block
            found = set()
            for start in range(0, len(self.data) - block + 1, block):
                head = self.data[start:start + 32]
                if head.count(0) < 8 and not any(self.data[start + 32:start + block]):
                    found.add(bytes(head))
            self._secrets = sorted(found)
        return self._secrets

    def unlock_deadline_locked(self) -> None:
        """Locked identities, opened with any secret-like block still on the image."""
        self.report.secret_blocks = len(self._secret_candidates())
        for object_id, slot, blob in sorted(self._locked - self._unlocked):
            # a record's text can run straight into the next cell's bytes, and unpadded Base64 has no end mark:
            # try every length a Base64 text could have, longest first
            for length in range(len(blob) - len(blob) % 4, 39, -4):
                identity = self._open_locked(object_id, blob[:length])
                if identity is not None:
                    self._unlocked.add((object_id, slot, blob))
                    self._add_identity(identity, f"deadline lock {slot} (secret block on the image)")
                    self.report.identity_objects.setdefault(identity, set()).add(object_id)
                    break
        self.report.locked = [f"{o[:12]} {slot}: {'opened' if (o, slot, b) in self._unlocked else 'not opened'}"
                              for o, slot, b in sorted(self._locked)]

    def _open_locked(self, object_id: str, blob: bytes) -> str | None:
        try:
            raw = base64.b64decode(blob, validate=True)
        except binascii.Error:
            return None
        if len(raw) < 12 + 16:
            return None
        for secret in self._secret_candidates():
            key = HKDF(hashes.SHA256(), 32, salt=None, info=b"fieldkit deadline lock " + object_id.encode()
                       ).derive(secret)
            try:
                return AESGCM(key).decrypt(raw[:12], raw[12:], object_id.encode()).decode("ascii")
            except (InvalidTag, ValueError, UnicodeDecodeError):
                continue
        return None

    def run(self) -> Report:
        data = self.data
        self._identities_in(data, "raw image")
        for needle in self.needles:
            at = data.find(needle)
            while at >= 0:
                self.report.found[needle].append(NeedleHit(needle, "raw image", at, "plaintext at rest"))
                at = data.find(needle, at + 1)
        journals = carve_journals(data)
        wals = carve_wals(data)
        self.report.journals = [(o, len(r)) for o, r in journals]
        self.report.wals = [(o, len(r)) for o, r in wals]
        self._journal_records = [r for _, records in journals for r in records]
        self._wal_records = [r for _, records in wals for r in records]
        self.key_files()
        while True:
            pending = [k for k in self.report.db_keys if k not in self._tried_db_keys]
            before = len(self._identities)
            for key in pending:
                self._tried_db_keys.add(key)
                self.sqlcipher(key)
            self.unlock_deadline_locked()
            self.age_files()
            if len(self._identities) == before and all(k in self._tried_db_keys for k in self.report.db_keys):
                break
        return self.report


def attack(image: str | Path | bytes, passphrase: str | None, needles: Iterable[bytes] = (), *,
           extra_key_files: Iterable[bytes] = (), extra_db_keys: Iterable[bytes] = ()) -> Report:
    """Play the adversary on a raw image (a path, or its bytes) with the coerced passphrase; see the module
    docstring. ``needles`` are byte strings whose plaintext presence is reported (``report.found``)."""
    if isinstance(image, str | Path):
        name, data = str(image), Path(image).read_bytes()
    else:
        name, data = "<bytes>", bytes(image)
    return Attack(data, passphrase, needles, image_name=name, extra_key_files=extra_key_files,
                  extra_db_keys=extra_db_keys).run()
