"""Passphrase change with a new database key: the old passphrase, and every old copy of the key file (an SSD
or a backup may keep one), then open nothing.

Steps, in an order a crash cannot hurt: the new key file (``keys/passphrase.key.next``) and the archive copy
(``keys/archive.age.next``) are written first, both holding the new database key; the change is logged; the
database is re-keyed (one SQLite transaction); then the two files move into place. The next opening finishes
or rolls back a change cut short at any step (vault.project), whichever passphrase is typed.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.errors import ProjectError
from fieldkit.vault import keys
from fieldkit.vault.files import write_atomic
from fieldkit.vault.project import (
    ARCHIVE_KEY_FILE,
    ARCHIVE_NEXT_FILE,
    KEY_FILE,
    KEY_NEXT_FILE,
    LEGACY_KEY_FILE,
    Project,
)


def rekey_database(project: Project, project_keys: keys.ProjectKeys, *, undo: tuple[Path, ...], failed_event: str,
                   error: ProjectError) -> None:
    """``PRAGMA rekey`` (one SQLite transaction); when it fails, remove the files written for the new key,
    log ``failed_event`` and raise ``error``: the old key still opens everything."""
    try:
        project.conn.execute(f"PRAGMA rekey = \"x'{project_keys.db_key.hex()}'\"")
    except Exception as exc:
        for path in undo:
            path.unlink(missing_ok=True)
        with project.transaction():
            project.audit.append(failed_event)
        raise error from exc


def change_passphrase(project: Project, new_passphrase: str) -> None:
    """Re-key the project under ``new_passphrase``; the project stays open (under the new key)."""
    from fieldkit.vault import duress

    keys.check_new_passphrase(new_passphrase)
    root = project.root
    recipients = [keys.parse_recipient(r) for r in project.archive_recipients()]
    project_keys = keys.ProjectKeys.generate()
    write_atomic(root / KEY_NEXT_FILE, keys.wrap_with_passphrase(project_keys, new_passphrase))
    if recipients:
        write_atomic(root / ARCHIVE_NEXT_FILE, keys.wrap_for_recipient(project_keys, recipients))
    with project.transaction():
        project.audit.append("passphrase_changed")
    rekey_database(project, project_keys, undo=(root / KEY_NEXT_FILE, root / ARCHIVE_NEXT_FILE),
                   failed_event="passphrase_change_rolled_back",
                   error=ProjectError("the database could not be re-keyed; the passphrase was not changed",
                                      "the old passphrase still opens the project; try again"))
    if recipients:
        (root / ARCHIVE_NEXT_FILE).replace(root / ARCHIVE_KEY_FILE)
    (root / KEY_NEXT_FILE).replace(root / KEY_FILE)
    duress.wipe_key_file(root / LEGACY_KEY_FILE)
