"""Crash-safe file writes: a reader sees the old file or the new one, never half of one.

Only ciphertext or public data passes through here; plaintext never touches the disk. Every file is created
0600 and every folder 0700, whatever the umask: another account on the laptop cannot copy the key file or the
database for offline guessing.
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


FILE_MODE, FOLDER_MODE = 0o600, 0o700


def make_private() -> None:
    """Make this process create files 0600 and folders 0700 (SQLite's database and journal, too): called when a
    project is created or opened, as no file fieldkit writes is meant for another account."""
    os.umask(0o077)


def make_folder(path: Path) -> None:
    """``path`` and any missing parents, each 0700 (Path.mkdir gives parents the umask's default)."""
    if path.is_dir():
        return
    make_folder(path.parent)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=FOLDER_MODE)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary sibling (0600), fsync, then rename over it.

    A rename leaves the old file's blocks in free space: use it only for files whose old versions are
    harmless (ciphertext to other keys, public data); key slots are overwritten in place (vault.keyslots)."""
    make_folder(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")  # unique per writer
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
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


def overwrite_in_place(path: Path, *, zeros: bool = False) -> None:
    """Overwrite a file's bytes with random ones (or zeros), in place, and fsync (before unlinking it): on ext4
    the old blocks are then gone rather than left in free space. Copy-on-write file systems and SSD
    wear-levelling may still keep them (docs/threat-model.md)."""
    with open(path, "r+b") as handle:
        size = max(os.fstat(handle.fileno()).st_size, 0 if zeros else 1)
        chunk = 1 << 20
        for offset in range(0, size, chunk):
            length = min(chunk, size - offset)
            handle.write(bytes(length) if zeros else secrets.token_bytes(length))
        handle.flush()
        os.fsync(handle.fileno())
