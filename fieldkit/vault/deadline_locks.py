"""Deadline locks: an object's key also depends on a secret that is erased at its deadline, with the project
closed and no passphrase typed.

An object with a retention deadline has its age identity stored in the index *wrapped* (AES-256-GCM) under
a key derived from a per-deadline secret: 32 random bytes in ``retention/locks/<slot>.key``, one file per
quarter hour in which deadlines fall (the slot is the deadline rounded up to the quarter hour). The retention
timer (``fieldkit retention tick``, run every 15 minutes by a user unit that ``fieldkit retention schedule``
installs) overwrites and removes every slot file whose time has come. It needs no passphrase and never opens
the database. Once a slot file is gone, no one can open the objects locked to it, not even with the
passphrase and a disk image. The slot file was overwritten in place, never renamed, so no copy of it is left
in free space (docs/threat-model.md). The next unlock finds the missing slots and records what the timer
destroyed in the signed log, with the time the timer wrote in ``retention/locks/destroyed.log``.

A deadline that moves earlier (a transcript approved) re-wraps the key under the earlier slot. The old
wrapping is then erased from the index by a key rotation (vault.rotation).
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldkit.clock import format_instant, parse_instant
from fieldkit.vault.files import fsync_dir, make_folder, overwrite_in_place, write_atomic

LOCKS_DIR = Path("retention") / "locks"
DESTROYED_LOG = "destroyed.log"  # "<slot> <instant>" per line: what the timer erased, and when
HIGH_WATER_FILE = "clock"  # the latest time the timer has seen: a clock set back does not delay it
SLOT_LENGTH = timedelta(minutes=15)
PREFIX = "fkdl1"
_SLOT = re.compile(r"\d{8}T\d{4}Z")
_SLOT_FILE = re.compile(r"(\d{8}T\d{4}Z)\.key")


def slot_for(deadline: datetime) -> str:
    """The deadline rounded up to the quarter hour: the timer never erases before the deadline."""
    deadline = deadline.astimezone(UTC)
    floor = deadline.replace(minute=deadline.minute - deadline.minute % 15, second=0, microsecond=0)
    slot = floor if floor == deadline else floor + SLOT_LENGTH
    return slot.strftime("%Y%m%dT%H%MZ")


def slot_time(slot: str) -> datetime:
    return datetime.strptime(slot, "%Y%m%dT%H%MZ").replace(tzinfo=UTC)


def locks_dir(root: Path) -> Path:
    return root / LOCKS_DIR


def _slot_path(root: Path, slot: str) -> Path:
    if not _SLOT.fullmatch(slot):
        raise ValueError(f"not a deadline slot: {slot!r}")
    return locks_dir(root) / f"{slot}.key"


def _derive(secret: bytes, object_id: str) -> AESGCM:
    key = HKDF(hashes.SHA256(), 32, salt=None, info=b"fieldkit deadline lock " + object_id.encode()).derive(secret)
    return AESGCM(key)


def _secret(root: Path, slot: str, *, create: bool) -> bytes | None:
    path = _slot_path(root, slot)
    try:
        secret = path.read_bytes()
    except FileNotFoundError:
        if not create:
            return None
        if slot_time(slot) <= _timer_high_water(root) or slot in destroyed_slots(root):
            return None  # the timer has passed this slot: a new file would outlive its deadline
        make_folder(locks_dir(root).parent)
        make_folder(locks_dir(root))
        secret = secrets.token_bytes(32)
        write_atomic(path, secret)
        return secret
    return secret if len(secret) == 32 and any(secret) else None  # zeroed: the timer died before the unlink


def is_locked(stored: str) -> bool:
    return stored.startswith(PREFIX + ":")


def slot_of(stored: str) -> str | None:
    return stored.split(":")[1] if is_locked(stored) else None


def lock(root: Path, slot: str, object_id: str, identity: str) -> str | None:
    """The identity wrapped under ``slot``'s secret, as stored in the index; None when the slot has passed
    (the caller keeps the identity unwrapped and destroys the object by its deadline instead)."""
    secret = _secret(root, slot, create=True)
    if secret is None:
        return None
    nonce = secrets.token_bytes(12)
    sealed = _derive(secret, object_id).encrypt(nonce, identity.encode(), object_id.encode())
    return f"{PREFIX}:{slot}:{base64.b64encode(nonce + sealed).decode()}"


def unlock(root: Path, stored: str, object_id: str) -> str | None:
    """The identity, or None when its slot's secret is gone (the timer destroyed the object)."""
    if not is_locked(stored):
        return stored
    _, slot, blob = stored.split(":", 2)
    secret = _secret(root, slot, create=False)
    if secret is None:
        return None
    raw = base64.b64decode(blob)
    return _derive(secret, object_id).decrypt(raw[:12], raw[12:], object_id.encode()).decode()


# --------------------------------------------------------------------------------------------------------
# The timer's side: no passphrase, no database
# --------------------------------------------------------------------------------------------------------


def _timer_high_water(root: Path) -> datetime:
    try:
        return parse_instant((locks_dir(root) / HIGH_WATER_FILE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return datetime(1970, 1, 1, tzinfo=UTC)


def destroyed_slots(root: Path) -> dict[str, datetime]:
    """What the timer erased, and when (from destroyed.log; a damaged line is skipped)."""
    found: dict[str, datetime] = {}
    try:
        lines = (locks_dir(root) / DESTROYED_LOG).read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return found
    for line in lines:
        slot, _, when = line.partition(" ")
        with contextlib.suppress(ValueError):
            if _SLOT.fullmatch(slot):
                found.setdefault(slot, parse_instant(when))
    return found


def pending_slots(root: Path) -> list[str]:
    folder = locks_dir(root)
    if not folder.is_dir():
        return []
    return sorted(match[1] for path in folder.iterdir() if (match := _SLOT_FILE.fullmatch(path.name)))


def tick(root: Path, clock_now: datetime) -> list[tuple[str, datetime]]:
    """Erase every slot whose time has come: overwrite in place, fsync, unlink, log. Judged against the later
    of the clock and the latest time the timer has seen. Returns what it erased."""
    folder = locks_dir(root)
    if not folder.is_dir():
        return []
    now = max(clock_now, _timer_high_water(root))
    erased = []
    for slot in pending_slots(root):
        if slot_time(slot) > now:
            continue
        path = _slot_path(root, slot)
        with contextlib.suppress(FileNotFoundError):
            overwrite_in_place(path, zeros=True)
            # logged before the unlink: a crash in between leaves a zeroed file, which opens nothing either
            with open(folder / DESTROYED_LOG, "a", encoding="ascii") as log:
                log.write(f"{slot} {format_instant(clock_now)}\n")
                log.flush()
                os.fsync(log.fileno())
            path.unlink()
            erased.append((slot, clock_now))
    if erased:
        fsync_dir(folder)
    if clock_now > _timer_high_water(root):
        write_atomic(folder / HIGH_WATER_FILE, format_instant(clock_now).encode())
    return erased


def erase_all(root: Path) -> int:
    """Overwrite and remove every slot file (wipe: nothing locked to them can be opened afterwards)."""
    count = 0
    for slot in pending_slots(root):
        path = _slot_path(root, slot)
        with contextlib.suppress(OSError):
            overwrite_in_place(path, zeros=True)
            path.unlink()
            count += 1
    return count
