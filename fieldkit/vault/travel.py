"""Sealing, travel mode and quick wipe: what lets a laptop cross a border holding nothing its owner can open.

- **Seal** re-encrypts an interview's remaining objects to the archive recipients (the institution) and erases
  their local keys. The fieldworker can no longer open them; the institution can.
- **Travel lock** (optionally sealing per policy) wraps the project keys to a fresh one-time *travel key*,
  encrypts that travel key to the archive recipients, logs a final event and prints its checkpoint code, then
  wipes the passphrase-wrapped key file (overwritten in place). The audit chain it leaves for the institution
  is encrypted to the archive recipients, and earlier plaintext chain exports in the project are overwritten:
  the log's times tell when interviews happened. Afterwards no passphrase opens the project. To come back, the
  fieldworker sends `keys/travel-key.age` home (it is ciphertext); the institution decrypts it with its own
  key (`age -d -i institution.key travel-key.age`) and sends the travel key back; `travel unlock` uses it once
  and sets a new passphrase. The institution's private key never touches the laptop.
- **Quick wipe** destroys every key file on the laptop (the archive copy too, with ``everything``), without a
  passphrase, in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyrage

from fieldkit.errors import ProjectError, StateError, UsageError
from fieldkit.vault import deadline_locks, duress, keys, keyslots, rotation
from fieldkit.vault.db import delete_meta
from fieldkit.vault.files import overwrite_in_place, write_atomic
from fieldkit.vault.project import (
    ARCHIVE_KEY_FILE,
    ARCHIVE_NEXT_FILE,
    KEY_FILE,
    PASSPHRASE_KEY_FILES,
    TRAVEL_IDENTITY_FILE,
    TRAVEL_KEY_FILE,
    Project,
)
from fieldkit.vault.rotation import rekey_database


def archive_recipients(project: Project) -> list:
    listed = project.archive_recipients()
    if not listed:
        raise StateError("this project has no archive recipient, so sealed material could never be opened again",
                         "create projects with `fieldkit init --archive-recipient age1…` (the institution's key)")
    return [keys.parse_recipient(r) for r in listed]


def seal_objects(project: Project, object_ids: list[str]) -> int:
    """Re-encrypt each object to the archive recipients only and erase its local key; returns how many."""
    recipients = archive_recipients(project)
    with project.objects.erasure_batch():
        return sum(1 for object_id in object_ids if project.objects.seal(object_id, recipients))


def seal_audit_export(project: Project, recipients: list) -> Path:
    """The audit chain as audit/chain-<seq>.jsonl.age, encrypted to the archive recipients, and every plaintext
    chain export in the project overwritten and removed: after a travel lock nothing in the folder reads."""
    folder = project.root / "audit"
    for old in sorted(folder.glob("chain*.jsonl")) if folder.is_dir() else ():
        overwrite_in_place(old)
        old.unlink()
    head = project.audit.head()
    path = folder / (f"chain-{head.seq:06d}.jsonl.age" if head else "chain.jsonl.age")
    write_atomic(path, pyrage.encrypt(project.audit.export_bytes(), recipients))
    return path


@dataclass(frozen=True)
class TravelLock:
    sealed_interviews: list[str]
    checkpoint: str


def travel_lock(project: Project, sealed: tuple[str, ...] = ()) -> TravelLock:
    """Hand the keys to a one-time travel key only the institution can release, log the checkpoint, and wipe
    the passphrase-wrapped keys; the project is closed afterwards. The caller (services.travel) has already
    sealed ``sealed`` per policy: this layer knows objects and keys, not interviews."""
    from fieldkit.audit.chain import verify

    recipients = archive_recipients(project)
    with project.transaction():
        project.audit.append("travel_locked", sealed=len(sealed), recipients=len(recipients))
    checkpoint = verify(project.audit.entries(), public_key=project.audit.public_key()).checkpoint
    seal_audit_export(project, recipients)  # the record the institution compares the checkpoint with
    # A new database key: the old passphrase-wrapped file (and any copy an SSD keeps of it) then opens
    # nothing. Every file holding the new key is written before the database is re-keyed, so a crash
    # at any point leaves a way in (the old passphrase before the re-key, the travel key after it).
    project_keys = keys.ProjectKeys.generate()
    travel_identity = pyrage.x25519.Identity.generate()
    root = project.root
    write_atomic(root / TRAVEL_KEY_FILE, keys.wrap_for_recipient(project_keys, travel_identity.to_public()))
    write_atomic(root / TRAVEL_IDENTITY_FILE, pyrage.encrypt(str(travel_identity).encode(), recipients))
    archive_next = root / ARCHIVE_NEXT_FILE
    write_atomic(archive_next, keys.wrap_for_recipient(project_keys, recipients))
    rekey_database(project, project_keys, undo=(archive_next, root / TRAVEL_KEY_FILE, root / TRAVEL_IDENTITY_FILE),
                   failed_event="travel_lock_failed",
                   error=ProjectError("the database could not be re-keyed; nothing was locked",
                                      "the passphrase still opens the project; try again"))
    rotation.zero_journal(project)  # the re-key's journal held every page under the pre-lock key
    with project.transaction():
        delete_meta(project.conn, rotation.ROTATION_DUE)  # the re-key just done is the rotation it waited for
    archive_next.replace(root / ARCHIVE_KEY_FILE)
    project.close(rotate=False)
    for path in PASSPHRASE_KEY_FILES:
        duress.wipe_key_file(root / path)
    duress.reset_failed_unlocks(root)
    return TravelLock(list(sealed), checkpoint)


def travel_unlock(root: Path, travel_key: str, new_passphrase: str, clock, *,
                  work_factor: int | None = None) -> Project:
    """Open a travel-locked project with the travel key the institution released; set a new passphrase.
    ``work_factor`` is for tests; by default the factor is calibrated on this machine."""
    root = root.resolve()
    if not (root / TRAVEL_KEY_FILE).exists():
        raise StateError("this project is not in travel mode", "open it with its passphrase")
    keys.check_new_passphrase(new_passphrase, user_inputs=(root.name,))
    project_keys = keys.unwrap_with_identity((root / TRAVEL_KEY_FILE).read_bytes(), travel_key)
    wrapper = keys.new_wrapper(new_passphrase, work_factor or keys.calibrate_work_factor())
    recipients = [keys.parse_recipient(r) for r in Project.archive_recipients_of(root)]
    for path in PASSPHRASE_KEY_FILES:  # a wipe a crash cut short, or a slot file from before the lock
        duress.wipe_key_file(root / path)
    keyslots.create(root / KEY_FILE, keys.slot_payload(project_keys, wrapper, recipients))
    project = Project._unlock(root, project_keys, clock, wrapper=wrapper)
    try:
        with project.transaction():
            project.audit.append("travel_unlocked")
    except BaseException:
        project.close()
        raise
    duress.wipe_key_file(root / TRAVEL_KEY_FILE)
    duress.wipe_key_file(root / TRAVEL_IDENTITY_FILE)
    return project


def quick_wipe(root: Path, *, everything: bool = False) -> list[str]:
    """Destroy the local key files now, without a passphrase. With ``everything`` the archive copy goes too,
    and the project is gone for the institution as well. Returns the files wiped."""
    root = root.resolve()
    if not (root / "fieldkit.toml").is_file():
        raise UsageError(f"{root} is not a fieldkit project", "pass --project DIR: the folder that holds fieldkit.toml")
    targets = [*PASSPHRASE_KEY_FILES, TRAVEL_KEY_FILE, TRAVEL_IDENTITY_FILE, duress.FAILURES_FILE]
    if everything:
        targets.append(ARCHIVE_KEY_FILE)
    wiped = [str(t) for t in targets if duress.wipe_key_file(root / t)]
    duress.wipe_leftovers(root / "keys")  # and any wipe a crash interrupted
    if everything:  # deadline secrets too; a plain wipe keeps them, or the institution could not recover
        wiped += [f"{deadline_locks.LOCKS_DIR}/ ({count} deadline secret(s))"
                  for count in [deadline_locks.erase_all(root)] if count]
    return wiped
