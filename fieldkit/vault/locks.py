"""Locks between fieldkit processes (and threads) working on one project.

- Every open project holds a shared ``flock`` on ``PROJECT/.lock``. Opening tries for an exclusive one first:
  only a process that got it knows that no other fieldkit process has the project open, so only it may finish
  interrupted operations and clean up crash leftovers (another process's intent or half-written blob is not a
  leftover while that process runs). It then holds the shared lock like everyone else.
- One writer per interview: :func:`subject_lock` takes an exclusive ``flock`` on ``PROJECT/locks/<name>.lock``
  for the length of an operation (a transcription takes minutes), so a second command on the same interview
  refuses at once with "busy" instead of doing the work twice. The file name is a keyed hash of the interview
  id (the key lives in the encrypted database), so the folder names no interview.

``flock`` locks belong to the open file, so they exclude threads of one process too, and the kernel drops
them when a process dies: a crash never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from fieldkit.errors import Busy, StorageError

LOCK_FILE = ".lock"
SUBJECT_LOCKS = "locks"
_LOCK_KEY_META = "lock_name_key"
#: How long an opening waits for another process that is finishing interrupted operations.
SHARE_TIMEOUT_S = 60.0


def _open_lock_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise StorageError(f"cannot open the lock file {path.name}: {exc.strerror}") from exc


class ProjectLock:
    """The shared (or, while finishing interrupted work, exclusive) lock an open project holds."""

    def __init__(self, root: Path) -> None:
        self.fd = _open_lock_file(root / LOCK_FILE)
        self.sole_opener = False
        self.exclusive = False
        self.opened_at = time.time()  # files older than this and unreferenced are leftovers, if sole_opener
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.sole_opener = self.exclusive = True
        except BlockingIOError:
            self.share()

    @contextlib.contextmanager
    def exclusively(self) -> Iterator[bool]:
        """Yield whether this process now holds the project alone (a key rotation needs that), and go back
        to the shared lock afterwards. Linux drops the shared lock when a non-blocking upgrade fails, so it
        is taken again at once either way."""
        if self.exclusive:
            yield True
            return
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            alone = True
        except BlockingIOError:
            alone = False
        try:
            yield alone
        finally:
            self.share()

    def share(self) -> None:
        """Hold the shared lock (from exclusive, or waiting for a process that is finishing interrupted work)."""
        deadline = time.monotonic() + SHARE_TIMEOUT_S
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                self.exclusive = False
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    self.close()
                    raise Busy("another fieldkit process has been finishing interrupted work on this project for"
                               f" over {SHARE_TIMEOUT_S:.0f} s") from None
                time.sleep(0.05)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # releases the lock
            self.fd = -1


def _lock_name(conn, subject: str) -> str:
    from fieldkit.vault.db import get_meta, set_meta, transaction

    key = get_meta(conn, _LOCK_KEY_META)
    if key is None:
        with transaction(conn):
            key = get_meta(conn, _LOCK_KEY_META) or secrets.token_hex(32)
            set_meta(conn, _LOCK_KEY_META, key)
    return hashlib.sha256(bytes.fromhex(key) + subject.encode("utf-8")).hexdigest()[:32]


@contextlib.contextmanager
def subject_lock(root: Path, conn, subject: str, label: str) -> Iterator[None]:
    """Exclusive, non-blocking: Busy at once when another command (or thread) holds ``subject``; ``label``
    names it in the message (e.g. "interview P1-2")."""
    folder = root / SUBJECT_LOCKS
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the {SUBJECT_LOCKS} folder: {exc.strerror}") from exc
    fd = _open_lock_file(folder / f"{_lock_name(conn, subject)}.lock")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"another fieldkit command is working on {label} right now",
                       "wait for it to finish, then try again; nothing was changed") from None
        yield
    finally:
        os.close(fd)
