"""The key-slot file (``keys/keyslots``): the only place the wrapped database key lives, overwritten in place.

A file of two fixed-size slots. A slot in use holds a magic line, the payload's length, the payload (the
wrapped keys, vault.keys) and a SHA-256 of all that, padded with random bytes; a slot not in use is random
bytes throughout. Every change writes one slot *in place* (same offset, same length, fsync) and never
replaces the file by rename: on ext4 an overwrite lands on the same blocks, so the old wrapped key is gone
rather than left in free space for someone with a disk image and the passphrase to carve.

Two slots, as LUKS has key slots, so that a crash can never leave the project without a key: a new key is
written to the free slot while the old one still opens the database, and the old slot is erased only once
the database answers to the new key. A torn write breaks only the slot being written (its checksum fails).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import struct
from pathlib import Path

from fieldkit.vault.files import write_atomic

SLOT_SIZE = 8192
SLOTS = 2
FILE_SIZE = SLOT_SIZE * SLOTS
MAGIC = b"fieldkit-keyslot1\n"
_LENGTH = struct.Struct(">I")
_DIGEST = 32
MAX_PAYLOAD = SLOT_SIZE - len(MAGIC) - _LENGTH.size - _DIGEST


class KeySlotError(ValueError):
    """The file is not a key-slot file, or a payload does not fit a slot."""


def encode_slot(payload: bytes) -> bytes:
    """One slot's bytes: magic, length, payload, SHA-256 of those, random padding to SLOT_SIZE."""
    if len(payload) > MAX_PAYLOAD:
        raise KeySlotError(f"wrapped keys of {len(payload)} bytes do not fit a {SLOT_SIZE}-byte key slot")
    body = MAGIC + _LENGTH.pack(len(payload)) + payload
    body += hashlib.sha256(body).digest()
    return body + secrets.token_bytes(SLOT_SIZE - len(body))


def decode_slot(raw: bytes) -> bytes | None:
    """The payload of a slot in use; None for a free, erased or torn slot."""
    if len(raw) != SLOT_SIZE or not raw.startswith(MAGIC):
        return None
    start = len(MAGIC) + _LENGTH.size
    (length,) = _LENGTH.unpack_from(raw, len(MAGIC))
    if length > MAX_PAYLOAD:
        return None
    body, digest = raw[:start + length], raw[start + length:start + length + _DIGEST]
    if hashlib.sha256(body).digest() != digest:
        return None
    return raw[start:start + length]


def is_slot_file(data: bytes) -> bool:
    return len(data) == FILE_SIZE


def parse(data: bytes, name: str = "the key file") -> list[bytes | None]:
    """Each slot's payload in a key-slot file's bytes, or None where the slot is free."""
    if not is_slot_file(data):
        raise KeySlotError(f"{name} is {len(data)} bytes, not a {FILE_SIZE}-byte key-slot file")
    return [decode_slot(data[i * SLOT_SIZE:(i + 1) * SLOT_SIZE]) for i in range(SLOTS)]


def read_slots(path: Path) -> list[bytes | None]:
    """Each slot's payload, or None where the slot is free (OSError when the file cannot be read)."""
    return parse(path.read_bytes(), path.name)


def create(path: Path, payload: bytes) -> None:
    """A new key-slot file with ``payload`` in slot 0 and slot 1 free (a new file: nothing old to overwrite)."""
    write_atomic(path, encode_slot(payload) + secrets.token_bytes(SLOT_SIZE))


def write_slot(path: Path, index: int, payload: bytes | None) -> None:
    """Overwrite slot ``index`` in place with ``payload`` (None: random bytes, i.e. erase it), then fsync."""
    raw = encode_slot(payload) if payload is not None else secrets.token_bytes(SLOT_SIZE)
    fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
    try:
        if os.fstat(fd).st_size != FILE_SIZE:
            raise KeySlotError(f"{path.name} is not a {FILE_SIZE}-byte key-slot file")
        written = os.pwrite(fd, raw, index * SLOT_SIZE)
        if written != SLOT_SIZE:
            raise OSError(f"short write to {path.name}")
        os.fsync(fd)
    finally:
        os.close(fd)


def erase_slot(path: Path, index: int) -> None:
    write_slot(path, index, None)
