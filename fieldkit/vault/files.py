"""Crash-safe file writes: a reader sees the old file or the new one, never half of one.

Only ciphertext or public data passes through here; plaintext never touches the disk.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from fieldkit.errors import StorageError


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary sibling, fsync, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")  # unique per writer
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException as exc:  # Ctrl-C too: never leave a half-written (possibly plaintext) sibling
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise storage_error(exc, path) from exc
        raise


def storage_error(exc: OSError, path: Path) -> StorageError:
    if exc.errno == errno.ENOSPC:
        return StorageError(f"disk full while writing {path.name}")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(f"cannot write {path.name}: permission denied or read-only disk")
    return StorageError(f"cannot write {path.name}: {exc.strerror or exc}")
