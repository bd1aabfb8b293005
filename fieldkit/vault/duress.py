"""Duress options that work before the project is unlocked: count failed unlocks and, if the policy asks
for it, wipe the passphrase-wrapped keys after too many.

The counter lives in a plain file beside the keys (nothing can be encrypted before an unlock). Someone with
the disk can reset it, so it stops guessing at the keyboard, not an attacker copying the disk: scrypt's cost
is what protects against offline guessing.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from fieldkit.vault.files import overwrite_in_place, write_atomic

FAILURES_FILE = Path("keys") / "unlock-failures"


def failed_unlocks(root: Path) -> int:
    try:
        return int((root / FAILURES_FILE).read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def record_failed_unlock(root: Path) -> int:
    """Count one more failure; a lock on the keys folder makes parallel attempts count one by one."""
    import fcntl

    folder = os.open(root / FAILURES_FILE.parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        count = failed_unlocks(root) + 1
        write_atomic(root / FAILURES_FILE, f"{count}\n".encode())
    finally:
        os.close(folder)  # releases the lock
    return count


def reset_failed_unlocks(root: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (root / FAILURES_FILE).unlink()


def wipe_key_file(path: Path) -> bool:
    """Overwrite a key file with random bytes, flush, then delete it. Returns whether there was one.

    The file is first renamed to a hidden ``.NAME.wiping`` sibling, so a crash halfway leaves no key file
    under its real name (a half-wiped key file there read as "damaged" and blocked the project's recovery);
    :func:`wipe_leftovers` finishes such a wipe on the next opening.

    On SSDs and copy-on-write file systems the old blocks may survive the overwrite; what matters is that the
    wrapped key is gone from the file system and every copy needs the passphrase (scrypt) to open.
    """
    wiping = path.with_name(f".{path.name}{WIPING_SUFFIX}")
    try:
        os.replace(path, wiping)
    except FileNotFoundError:
        return False
    _overwrite_and_unlink(wiping)
    return True


WIPING_SUFFIX = ".wiping"


def _overwrite_and_unlink(path: Path) -> None:
    overwrite_in_place(path)
    path.unlink()


def wipe_leftovers(folder: Path) -> list[Path]:
    """Finish wipes a crash interrupted (``.NAME.wiping`` files); returns the files wiped."""
    wiped = []
    for path in folder.glob(f".*{WIPING_SUFFIX}") if folder.is_dir() else ():
        with contextlib.suppress(OSError):
            _overwrite_and_unlink(path)
            wiped.append(path)
    return wiped
