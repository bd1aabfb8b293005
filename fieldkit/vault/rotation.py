"""Key rotation after destruction: every page SQLite ever left behind is then under a key that exists nowhere.

Erasing an object's key row is not enough against a disk image: the rollback journal of that very transaction
(and of every earlier one) held the row, under the database key, and SQLite deletes journals without
overwriting them. So the transaction that erases a key also marks a rotation due, and as soon as the
project is open in this process alone the database is re-keyed to a fresh key, the key slot that held the old
key is overwritten in place (vault.keyslots), and the mark is cleared. Older journals, freed pages and the
re-key's own journal are then ciphertext of a dead key; the passphrase opens only the new one.

Order, so that a crash at any point leaves a key that opens the database: the new key goes into the free
slot (the old one still works), the database is re-keyed (one SQLite transaction, rolled back by SQLite if
cut short), the old slot is erased, then archive.age and the mark follow. The next opening resolves two
live slots by which one opens the database (vault.project) and rotates again if the mark is still there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from fieldkit.errors import ProjectError
from fieldkit.vault import keys, keyslots
from fieldkit.vault.db import delete_meta, get_meta, set_meta, transaction
from fieldkit.vault.files import overwrite_in_place, write_atomic

ROTATION_DUE = "key_rotation_due"
KEY_WRAPPER = "key_wrapper"


def mark_due(conn) -> None:
    """Inside the transaction that erases a key: the database key must change before the project rests."""
    set_meta(conn, ROTATION_DUE, "1")


def is_due(conn) -> bool:
    return get_meta(conn, ROTATION_DUE) is not None


def stored_wrapper(conn) -> keys.KeyWrapper | None:
    """The passphrase's scrypt parameters and recipient, as the last unlock or change recorded them."""
    value = get_meta(conn, KEY_WRAPPER)
    return keys.KeyWrapper.from_json(value) if value else None


def store_wrapper(conn, wrapper: keys.KeyWrapper) -> None:
    """Inside the caller's transaction."""
    set_meta(conn, KEY_WRAPPER, wrapper.to_json())


def current_slot(path, db_key: bytes) -> int | None:
    """The slot of the key-slot file that holds ``db_key`` (by its check value; no scrypt)."""
    wanted = keys.key_check(db_key)
    for index, payload in enumerate(keyslots.read_slots(path)):
        if payload is not None and keys.slot_key_check(payload) == wanted:
            return index
    return None


def replace_key(project, new_keys: keys.ProjectKeys, wrapper: keys.KeyWrapper, *, event: str,
                failed_event: str, error) -> None:
    """Move the project to ``new_keys`` wrapped by ``wrapper`` (a rotation, or a passphrase change with a
    new wrapper). The caller holds the project alone. ``error`` is raised (after logging ``failed_event``)
    when the re-key fails; the old key then still opens everything."""
    path = project.key_slots_path
    old = current_slot(path, project.db_key)
    if old is None:
        raise error
    free = 1 - old
    recipients = [keys.parse_recipient(r) for r in project.archive_recipients()]
    payload = keys.slot_payload(new_keys, wrapper, recipients)
    keyslots.write_slot(path, free, payload)
    rekey_database(project, new_keys, undo=(), failed_event=failed_event, error=error,
                   on_failure=lambda: keyslots.erase_slot(path, free))
    zero_journal(project)
    keyslots.erase_slot(path, old)
    project.db_key = new_keys.db_key
    project.wrapper = wrapper
    sync_archive_copy(project.archive_key_path, payload)
    with transaction(project.conn):
        store_wrapper(project.conn, wrapper)
        delete_meta(project.conn, ROTATION_DUE)
        project.audit.append(event)


def zero_journal(project) -> None:
    """Overwrite the (persistent) rollback journal with zeros in place, after a re-key: it held every page under
    the old key. Zeros keep it a not-hot journal to SQLite (its first byte is 0), so a crash here is harmless.
    Done while this process holds the project alone and no transaction runs."""
    with project.conn.writer, contextlib.suppress(FileNotFoundError):
        overwrite_in_place(Path(f"{project.db_path}-journal"), zeros=True)


def sync_archive_copy(archive_path, payload: bytes) -> bool:
    """Make keys/archive.age the archive copy the current slot carries (ciphertext to the institution, so a
    plain atomic write is enough). Returns whether it was rewritten."""
    archive = keys.slot_archive(payload)
    if archive is None:
        return False
    try:
        if archive_path.read_bytes() == archive:
            return False
    except FileNotFoundError:
        pass
    write_atomic(archive_path, archive)
    return True


def rekey_database(project, project_keys: keys.ProjectKeys, *, undo: tuple[Path, ...], failed_event: str,
                   error: ProjectError, on_failure: Callable[[], None] | None = None) -> None:
    """``PRAGMA rekey`` (one SQLite transaction, no other thread's statements inside it); when it fails,
    remove the files written for the new key (and call ``on_failure``), log ``failed_event`` and raise
    ``error``: the old key still opens everything."""
    try:
        with project.conn.writer:
            project.conn.execute(f"PRAGMA rekey = \"x'{project_keys.db_key.hex()}'\"")
    except Exception as exc:
        for path in undo:
            path.unlink(missing_ok=True)
        if on_failure is not None:
            on_failure()
        with transaction(project.conn):
            project.audit.append(failed_event)
        raise error from exc


def rotate(project) -> bool:
    """A fresh database key under the same passphrase; False when this opening cannot re-wrap (opened by
    keys alone, with no recorded wrapper). The caller holds the project alone."""
    wrapper = project.wrapper or stored_wrapper(project.conn)
    if wrapper is None:
        return False
    replace_key(project, keys.ProjectKeys.generate(), wrapper, event="keys_rotated",
                failed_event="key_rotation_failed",
                error=ProjectError("the database key could not be changed after a destruction; the old key still"
                                   " opens it", "run the command again; the change is retried on every opening"))
    return True
