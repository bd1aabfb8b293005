"""A project folder: create it atomically, unlock it with the passphrase, and hand out its services.

    PROJECT/
      fieldkit.toml        public settings (policy name and hash, archive recipient, created)
      policy.toml          the policy the project was created with (public, no personal data)
      keys/keyslots        two fixed-size key slots, overwritten in place (vault.keyslots): the project keys
                           wrapped with the passphrase (scrypt → age identity; keys.py), and the archive copy
      keys/archive.age     the same keys wrapped to the archive recipients, when set (copied from the slot)
      vault.db             SQLCipher 4 index; per-object identities live here
      .lock, locks/        flock files between fieldkit processes (vault.locks; empty, names hashed)
      blobs/xx/<id>.age    one age file per object
      audit/               exported audit chains (no personal data)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

from fieldkit.audit.chain import SIGNING_KEY, AuditLog, new_signing_key, public_key_hex
from fieldkit.clock import Clock, format_instant
from fieldkit.errors import FieldkitError, PolicyError, ProjectError, StorageError, VaultDamaged, WrongPassphrase
from fieldkit.retention.policy import Policy, load_policy, parse_policy
from fieldkit.vault import blobs, db, deadline_locks, duress, intents, keys, keyslots, rotation
from fieldkit.vault.blobs import ObjectStore
from fieldkit.vault.files import make_private, overwrite_in_place, storage_error, write_atomic
from fieldkit.vault.locks import LOCK_FILE, ProjectLock, subject_lock

SETTINGS = "fieldkit.toml"
POLICY_COPY = "policy.toml"
KEY_FILE = Path("keys") / "keyslots"  # the key-slot file (vault.keyslots), never replaced, only overwritten
LEGACY_FORMAT2_KEY_FILE = Path("keys") / "passphrase.key"  # format 2, moved into KEY_FILE on unlock
LEGACY_KEY_FILE = Path("keys") / "identity.age"  # format 1 (age scrypt), moved into KEY_FILE on unlock
ARCHIVE_KEY_FILE = Path("keys") / "archive.age"
TRAVEL_KEY_FILE = Path("keys") / "travel.age"  # project keys wrapped to a one-time travel key
TRAVEL_IDENTITY_FILE = Path("keys") / "travel-key.age"  # that travel key, encrypted to the archive recipients
ARCHIVE_NEXT_FILE = Path("keys") / "archive.age.next"  # the archive copy of the keys a travel lock is moving to
ARCHIVE_BEFORE_TRAVEL_FILE = Path("keys") / "archive-before-travel.age"  # kept when a lock is finished on opening
KEY_NEXT_FILE = Path("keys") / "passphrase.key.next"  # a format-2 passphrase change's new key file (older versions)
#: Every file that holds the keys wrapped with a passphrase, in any format.
PASSPHRASE_KEY_FILES = (KEY_FILE, LEGACY_FORMAT2_KEY_FILE, LEGACY_KEY_FILE, KEY_NEXT_FILE)
DB_FILE = "vault.db"


def _count_failure(root: Path, wipe_after: int, wrong: WrongPassphrase) -> FieldkitError:
    """A wrong passphrase; under a policy with a wipe threshold, count it and wipe the keys at the limit."""
    if wipe_after <= 0:
        return wrong
    count = duress.record_failed_unlock(root)
    if count < wipe_after:
        left = wipe_after - count
        return WrongPassphrase(f"wrong passphrase ({left} attempt{'s' if left != 1 else ''} left before the keys are"
                               " wiped)")
    for path in PASSPHRASE_KEY_FILES:
        duress.wipe_key_file(root / path)
    duress.reset_failed_unlocks(root)
    recoverable = (root / ARCHIVE_KEY_FILE).exists()
    return ProjectError(
        f"{count} failed unlocks: the passphrase-wrapped keys were wiped, as the policy requires",
        "only the institution's archive key can restore access now" if recoverable
        else "the project had no archive recipient: it cannot be opened again",
    )


intents.register(blobs.SEAL_INTENT, lambda project, intent: project.objects.finish_seal(intent))


class Project:
    """An unlocked project. Use as a context manager so the database is closed."""

    def __init__(self, root: Path, conn, policy: Policy, clock: Clock, lock: ProjectLock | None = None) -> None:
        self.root = root
        self.conn = conn
        self.policy = policy
        self.clock = clock
        self.audit = AuditLog(conn, clock)
        self.objects = ObjectStore(conn, root / "blobs", clock, self.audit)
        self.lock = lock
        #: the current database key (which key slot is current; what a rotation replaces)
        self.db_key: bytes = b""
        #: how to wrap a new key to the passphrase without it (None: unknown to this opening, no rotation)
        self.wrapper: keys.KeyWrapper | None = None
        #: why the rotation tried at closing failed (it is retried at the next opening), for front ends to show
        self.rotation_error: str | None = None
        #: run first by close() (set by the session: lock what this command gave a deadline, vault.deadline_locks)
        self.before_close: Callable[[], object] | None = None
        self._closed = False
        self.objects.after_erasure = self.rotate_if_due
        #: intents found at opening while no other process had the project open: left by a process that died
        self.interrupted: list[int] = []
        #: what the opening itself finished or rolled back (an interrupted travel lock), for the start-up report
        self.recovery_notes: list[str] = []

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self, *, rotate: bool = True) -> None:
        """Rotate the database key if a destruction still waits for it (vault.rotation), then close."""
        if self._closed:
            return
        try:
            if rotate and self.before_close is not None:
                self.before_close()
        except Exception as exc:  # noqa: BLE001 - closing must not fail; the next opening does it again
            self.rotation_error = f"before closing: {type(exc).__name__}"
        try:
            if rotate:
                self.rotate_if_due()
        except (FieldkitError, OSError) as exc:  # retried at the next opening; closing must not fail
            self.rotation_error = str(exc)
        finally:
            self._closed = True
            self.conn.close()
            if self.lock is not None:
                self.lock.close()

    def rotate_if_due(self) -> bool:
        """Change the database key now if a destruction marked it due and no other fieldkit process has the
        project open (a re-key would break their connection; the last of them to close rotates instead).
        Returns whether it rotated."""
        if self._closed or self.lock is None or not rotation.is_due(self.conn):
            return False
        if not (self.root / KEY_FILE).exists():
            return False  # a key file of an older format: rotated once it is moved into key slots
        with self.lock.exclusively() as alone:
            return alone and rotation.rotate(self)

    @property
    def db_path(self) -> Path:
        return self.root / DB_FILE

    @property
    def key_slots_path(self) -> Path:
        return self.root / KEY_FILE

    @property
    def archive_key_path(self) -> Path:
        return self.root / ARCHIVE_KEY_FILE

    @property
    def sole_opener(self) -> bool:
        """No other fieldkit process had the project open when this one opened it."""
        return self.lock is not None and self.lock.sole_opener

    def clean_leftovers(self) -> blobs.Leftovers:
        """After finishing interrupted work, as the sole opener: remove crash leftovers (blobs no row refers
        to, blobs of destroyed objects, temporary siblings of interrupted atomic writes) older than this
        opening. Returns what was removed."""
        if not self.sole_opener or self.lock is None:
            return blobs.Leftovers()
        found = self.objects.clean_leftovers(self.lock.opened_at)
        wiped = duress.wipe_leftovers(self.root / "keys")
        found.temporary += len(wiped)
        found.paths.extend(str(path.relative_to(self.root)) for path in wiped)
        secret_folder = self.root / deadline_locks.LOCKS_DIR
        for folder in (self.root, self.root / "keys", self.root / "audit", secret_folder):
            for path in folder.glob(".*.tmp") if folder.is_dir() else ():
                try:
                    if path.is_file() and path.stat().st_mtime < self.lock.opened_at:
                        if folder == secret_folder:  # a deadline secret half-written: gone, not in free space
                            overwrite_in_place(path, zeros=True)
                        path.unlink()
                        found.temporary += 1
                        found.paths.append(str(path.relative_to(self.root)))
                except OSError:
                    continue
        return found

    def lock_interview(self, interview_id: str):
        """One writer per interview (context manager): Busy at once if another command holds it."""
        return subject_lock(self.root, self.conn, f"interview:{interview_id}", f"interview {interview_id}")

    def transaction(self):
        return db.transaction(self.conn)

    @classmethod
    def create(
        cls,
        root: Path,
        policy_path: Path,
        passphrase: str,
        clock: Clock,
        archive_recipients: tuple[str, ...] | str | None = (),
        *,
        work_factor: int | None = None,
    ) -> Project:
        """Build the project in a hidden sibling folder and rename it into place, so a crash leaves nothing.
        The scrypt work factor is calibrated on this machine (keys.calibrate_work_factor); ``work_factor`` is
        for tests that are not about the unlock's cost, and the CLI never sets it."""
        make_private()
        root = root.resolve()
        if root.exists() and any(root.iterdir()):
            raise ProjectError(f"{root} already exists and is not empty", "choose a new folder for the project")
        keys.check_new_passphrase(passphrase, user_inputs=(root.name,))
        policy = load_policy(policy_path)
        if isinstance(archive_recipients, str):
            archive_recipients = (archive_recipients,)
        archive_recipients = tuple(r.strip() for r in archive_recipients or ())
        recipients = [keys.parse_recipient(r) for r in archive_recipients]
        project_keys = keys.ProjectKeys.generate()

        staging = root.with_name(f".{root.name}.creating-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            staging.mkdir(mode=0o700, parents=True)
            (staging / "blobs").mkdir(mode=0o700)
            (staging / "audit").mkdir(mode=0o700)
            (staging / LOCK_FILE).touch(mode=0o600)
            wrapper = keys.new_wrapper(passphrase, work_factor or keys.calibrate_work_factor())
            payload = keys.slot_payload(project_keys, wrapper, recipients)
            keyslots.create(staging / KEY_FILE, payload)
            rotation.sync_archive_copy(staging / ARCHIVE_KEY_FILE, payload)
            write_atomic(staging / POLICY_COPY, policy.text.encode())
            signing_key = new_signing_key()
            write_atomic(staging / SETTINGS,
                         _settings_text(policy, clock, archive_recipients, public_key_hex(signing_key)).encode())
            conn = db.connect(staging / DB_FILE, project_keys.db_key, create=True)
            try:
                db.create_schema(conn)
                with db.transaction(conn):
                    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (SIGNING_KEY, signing_key))
                    rotation.store_wrapper(conn, wrapper)
                    AuditLog(conn, clock).append(
                        "project_created", policy=_safe_name(policy.source_name), policy_sha256=policy.sha256,
                        archive=bool(recipients), recipients=len(recipients), schema_version=db.SCHEMA_VERSION,
                        public_key=public_key_hex(signing_key),  # declared in the chain: a checkpoint pins it
                    )
            finally:
                conn.close()
            if root.exists():
                root.rmdir()
            os.replace(staging, root)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise storage_error(exc, root) from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return cls._unlock(root, project_keys, clock)

    @classmethod
    def open(cls, root: Path, passphrase: str, clock: Clock) -> Project:
        root = root.resolve()
        settings_path = root / SETTINGS
        if not settings_path.is_file():
            raise ProjectError(
                f"{root} is not a fieldkit project (no {SETTINGS})",
                "pass --project DIR, or create one with `fieldkit init DIR --policy FILE`",
            )
        make_private()
        slots_file = root / KEY_FILE
        key_file = next((root / path for path in (KEY_FILE, LEGACY_FORMAT2_KEY_FILE, LEGACY_KEY_FILE)
                         if (root / path).exists()), slots_file)
        if not key_file.exists() and (root / TRAVEL_KEY_FILE).exists():
            duress.wipe_leftovers(root / "keys")  # a wipe of the passphrase key file a crash cut short
            raise ProjectError(
                "this project is in travel mode: no key on this laptop opens it",
                "`fieldkit travel unlock` with the key your institution sends back",
            )
        try:
            settings = tomllib.loads(settings_path.read_text(encoding="utf-8"))
            wrapped = key_file.read_bytes() if key_file != slots_file else b""
            policy_raw = (root / POLICY_COPY).read_bytes()
        except FileNotFoundError as exc:
            raise ProjectError(f"the project is incomplete: {Path(exc.filename).name} is missing") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ProjectError(f"{SETTINGS} is damaged") from exc
        except OSError as exc:
            raise storage_error(exc, root) from exc
        if hashlib.sha256(policy_raw).hexdigest() != settings.get("policy_sha256"):
            raise PolicyError(
                f"{POLICY_COPY} does not match the policy this project was created with",
                "the policy copy was edited; restore it (policy changes need a new ethics approval)",
            )
        policy = parse_policy(policy_raw, POLICY_COPY)
        lock = ProjectLock(root)
        try:
            note, wrapper = None, None
            if key_file == slots_file:
                project_keys, wrapper, note = _unlock_slots(root, passphrase, policy, lock)
            elif lock.sole_opener and (root / KEY_NEXT_FILE).exists():
                project_keys, note = _resume_passphrase_change(root, passphrase, policy)
            else:
                try:
                    project_keys = keys.unwrap_with_passphrase(wrapped, passphrase)
                except WrongPassphrase as exc:
                    raise _count_failure(root, policy.wipe_after_failed_unlocks, exc) from exc.__cause__
            duress.reset_failed_unlocks(root)
            if lock.sole_opener and note is None:
                note = _resume_travel(root, project_keys, lock)
        except BaseException:
            lock.close()
            raise
        project = cls._unlock(root, project_keys, clock, lock, wrapper=wrapper)
        if note is not None:
            try:
                with project.transaction():
                    project.audit.append(note[0])
            except BaseException:
                project.close()
                raise
            project.recovery_notes.append(note[1])
        if key_file != slots_file:
            try:
                _upgrade_key_file(project, project_keys, passphrase)
                project.rotate_if_due()
            except BaseException:
                project.close()
                raise
        return project

    @classmethod
    def _unlock(cls, root: Path, project_keys: keys.ProjectKeys, clock: Clock,
                lock: ProjectLock | None = None, *, wrapper: keys.KeyWrapper | None = None) -> Project:
        if not (root / DB_FILE).is_file():
            if lock is not None:
                lock.close()
            raise ProjectError(f"the project is incomplete: {DB_FILE} is missing", "restore it from a backup")
        policy_raw = (root / POLICY_COPY).read_bytes()
        lock = lock or ProjectLock(root)
        try:
            conn = db.connect(root / DB_FILE, project_keys.db_key)
        except BaseException:
            lock.close()
            raise
        try:
            db.migrate(conn)
            interrupted = [intent.id for intent in intents.pending(conn)] if lock.sole_opener else []
        except BaseException:
            conn.close()
            lock.close()
            raise
        project = cls(root, conn, parse_policy(policy_raw, POLICY_COPY), clock, lock)
        project.interrupted = interrupted
        project.db_key = project_keys.db_key
        try:
            project.wrapper = wrapper or rotation.stored_wrapper(conn)
            if project.audit.public_key() is None:
                raise ProjectError("this project has no audit signing key (made by a development build)",
                                   "create a new project; its log cannot be verified by an ethics board")
            # fieldkit.toml is public and editable; the encrypted audit chain is the real record of the policy.
            first = project.conn.execute("SELECT data FROM audit WHERE seq = 1").fetchone()
            recorded = json.loads(first[0]).get("policy_sha256") if first else None
            if recorded != hashlib.sha256(policy_raw).hexdigest():
                raise PolicyError(
                    f"{POLICY_COPY} is not the policy this project was created with",
                    "the policy copy was edited; restore it (policy changes need a new ethics approval)",
                )
            if lock.sole_opener:
                project._settle_keys(wrapper)
                lock.share()  # others may open now; what was pending before them is listed above
        except BaseException:
            project.close(rotate=False)
            raise
        return project

    def _settle_keys(self, wrapper: keys.KeyWrapper | None) -> None:
        """As the sole opener: record the wrapper this unlock derived, bring keys/archive.age in line with the
        current key slot, tighten file modes, and rotate if a destruction is still waiting for it (a crash
        came between the two)."""
        if wrapper is not None and rotation.stored_wrapper(self.conn) != wrapper:
            with self.transaction():
                rotation.store_wrapper(self.conn, wrapper)
        slots_file = self.root / KEY_FILE
        if slots_file.exists():
            slot = rotation.current_slot(slots_file, self.db_key)
            payload = keyslots.read_slots(slots_file)[slot] if slot is not None else None
            if payload is not None:
                rotation.sync_archive_copy(self.root / ARCHIVE_KEY_FILE, payload)
        tighten_modes(self.root)
        self.rotate_if_due()

    def archive_recipients(self) -> list[str]:
        """The institution's public keys from fieldkit.toml (public settings; older projects had one)."""
        return self.archive_recipients_of(self.root)

    @staticmethod
    def archive_recipients_of(root: Path) -> list[str]:
        settings = tomllib.loads((root / SETTINGS).read_text(encoding="utf-8"))
        listed = settings.get("archive_recipients") or (
            [settings["archive_recipient"]] if settings.get("archive_recipient") else [])
        return [str(r) for r in listed]

    def export_audit(self) -> Path:
        """Write the current chain to audit/chain-<head>.jsonl for an ethics board."""
        head = self.audit.head()
        path = self.root / "audit" / f"chain-{head.seq:06d}.jsonl" if head else self.root / "audit" / "chain.jsonl"
        try:
            self.audit.export(path)
        except OSError as exc:
            raise StorageError(f"cannot write {path.name}") from exc
        return path


def _resume_travel(root: Path, project_keys: keys.ProjectKeys, lock: ProjectLock) -> tuple[str, str] | None:
    """Finish or roll back a travel lock or unlock that a crash interrupted (only the sole opener does this).

    Travel lock writes the travel key files and ``archive.age.next``, re-keys the database (one SQLite
    transaction), then moves ``archive.age.next`` over ``archive.age`` and wipes the passphrase key file.
    Travel unlock writes the new passphrase key file, logs, then wipes the travel key files. So, with travel
    key files present:

    - the passphrase's key no longer opens the database: the re-key committed; the lock is finished now (the
      archive copy moved into place, the passphrase key file wiped) and the project is in travel mode;
    - it still opens it: the lock never reached the re-key (rolled back: its files removed), or an unlock set
      the new passphrase and died before removing the travel key files (finished: they are removed).

    Returns (audit event, report line) for what was done, or None. Raises ProjectError (travel mode) when the
    lock was finished."""
    travel_files = [root / TRAVEL_KEY_FILE, root / TRAVEL_IDENTITY_FILE]
    next_archive = root / ARCHIVE_NEXT_FILE
    if not any(path.exists() for path in travel_files):
        next_archive.unlink(missing_ok=True)  # written after the travel files: nothing was locked
        return None
    if not (root / DB_FILE).is_file():
        return None
    if not db.opens_with(root / DB_FILE, project_keys.db_key):
        interrupted = next_archive.exists()
        if interrupted:
            if (root / ARCHIVE_KEY_FILE).exists():  # kept in case the database was damaged rather than re-keyed
                os.replace(root / ARCHIVE_KEY_FILE, root / ARCHIVE_BEFORE_TRAVEL_FILE)
            os.replace(next_archive, root / ARCHIVE_KEY_FILE)
        for path in PASSPHRASE_KEY_FILES:
            duress.wipe_key_file(root / path)
        lock.close()
        raise ProjectError("this project is in travel mode: " + (
            "an interrupted `travel lock` was finished just now, and no passphrase opens it any more" if interrupted
            else "the passphrase key file was from before the travel lock and opened nothing (it is wiped now)"),
            "`fieldkit travel unlock` with the key your institution sends back")
    unlocking = (root / KEY_FILE).exists() and (root / KEY_FILE).stat().st_mtime_ns > max(
        path.stat().st_mtime_ns for path in travel_files if path.exists())
    next_archive.unlink(missing_ok=True)
    for path in travel_files:
        duress.wipe_key_file(path)
    if unlocking:
        return "travel_unlocked", "an interrupted `travel unlock` was finished: the travel key files are wiped"
    return ("travel_lock_rolled_back",
            "an interrupted `travel lock` was rolled back before the database was re-keyed: the project is open as"
            " before and nothing was locked; run `fieldkit travel lock` again")


def _resume_passphrase_change(root: Path, passphrase: str, policy: Policy) -> tuple[keys.ProjectKeys, tuple]:
    """Finish or roll back a passphrase change a crash interrupted (see vault.rekey): the database was
    re-keyed or not, and the passphrase typed is the old or the new one."""
    next_file, key_file, next_archive = root / KEY_NEXT_FILE, root / LEGACY_FORMAT2_KEY_FILE, root / ARCHIVE_NEXT_FILE
    candidates = []
    for path in (key_file, next_file):
        try:
            candidates.append((path, keys.unwrap_with_passphrase(path.read_bytes(), passphrase)))
        except (WrongPassphrase, ProjectError, OSError):
            continue
    for path, project_keys in candidates:
        if not db.opens_with(root / DB_FILE, project_keys.db_key):
            continue
        if path == key_file:  # the re-key never happened: the change is undone
            next_file.unlink(missing_ok=True)
            next_archive.unlink(missing_ok=True)
            return project_keys, ("passphrase_change_rolled_back", "an interrupted passphrase change was rolled back"
                                  " before the database was re-keyed: the old passphrase still opens the project")
        if next_archive.exists():
            os.replace(next_archive, root / ARCHIVE_KEY_FILE)
        os.replace(next_file, key_file)
        return project_keys, ("passphrase_changed", "an interrupted passphrase change was finished: the new"
                              " passphrase opens the project now")
    if candidates:  # the old passphrase, but the database was re-keyed to the new one
        raise WrongPassphrase("an interrupted passphrase change already re-keyed the project: the old passphrase"
                              " opens nothing now", "open it with the NEW passphrase (this attempt was not counted)")
    raise _count_failure(root, policy.wipe_after_failed_unlocks, WrongPassphrase("wrong passphrase"))


def _unlock_slots(root: Path, passphrase: str, policy: Policy,
                  lock: ProjectLock) -> tuple[keys.ProjectKeys, keys.KeyWrapper, tuple[str, str] | None]:
    """Open the key-slot file with the passphrase. One live slot is the normal case. Two mean a key change
    (a rotation, or a passphrase change) was cut short: the slot whose key opens the database is current,
    and the sole opener erases the other, which finishes or rolls back the change (a rolled-back rotation is
    still marked due and runs again). Returns the keys, the wrapper and a (event, report line) when resolved."""
    path = root / KEY_FILE
    try:
        payloads = keyslots.read_slots(path)
    except keyslots.KeySlotError as exc:
        raise VaultDamaged(f"{KEY_FILE} is damaged: {exc}", "restore it from a backup, or recover with the archive"
                           " key") from exc
    except FileNotFoundError as exc:
        raise ProjectError(f"the project is incomplete: {KEY_FILE.name} is missing (wiped, or never copied)",
                           "only the institution's archive key can restore access now") from exc
    except OSError as exc:
        raise storage_error(exc, path) from exc
    live = [(index, payload) for index, payload in enumerate(payloads) if payload is not None]
    if not live:
        raise ProjectError(f"{KEY_FILE} holds no key: it was wiped or damaged",
                           "only the institution's archive key can restore access now")
    opened = []
    for index, payload in live:
        try:
            opened.append((index, *keys.open_slot(payload, passphrase)))
        except (WrongPassphrase, ProjectError):
            continue
    if not opened:
        raise _count_failure(root, policy.wipe_after_failed_unlocks,
                             WrongPassphrase("wrong passphrase (or a damaged key file)"))
    if len(live) == 1:
        return opened[0][1], opened[0][2], None
    for index, project_keys, wrapper in opened:
        if db.opens_with(root / DB_FILE, project_keys.db_key):
            note = None
            if lock.sole_opener:
                keyslots.erase_slot(path, 1 - index)
                note = ("key_change_resolved", "an interrupted key change was resolved: the key slot that no longer"
                        " opened the database was erased" + (
                            "; it was a passphrase change, and the passphrase typed now is the one that opens the"
                            " project" if len(opened) == 1 else ""))
            return project_keys, wrapper, note
    if len(opened) < len(live):
        raise WrongPassphrase("an interrupted passphrase change left two passphrases, and the database answers to"
                              " the other one", "open it with the other passphrase (this attempt was not counted)")
    raise VaultDamaged(f"no key in {KEY_FILE} opens {DB_FILE}: one of them was replaced or damaged")


def _upgrade_key_file(project: Project, project_keys: keys.ProjectKeys, passphrase: str) -> None:
    """Move a key file of an older format (1: age scrypt, whose decryptor can refuse on a busy machine; 2: one
    wrapped key, replaced by rename) into a key-slot file. The new file is in place before the old ones are
    overwritten and removed, so a crash leaves at least one that opens. Only the sole opener does this."""
    if not project.sole_opener:
        return
    root = project.root
    old_factors = [keys.work_factor_of((root / path).read_bytes()) or 0
                   for path in (LEGACY_FORMAT2_KEY_FILE, LEGACY_KEY_FILE) if (root / path).exists()]
    wrapper = keys.new_wrapper(passphrase, max([*old_factors, keys.WORK_FACTOR]))
    recipients = [keys.parse_recipient(r) for r in project.archive_recipients()]
    keyslots.create(root / KEY_FILE, keys.slot_payload(project_keys, wrapper, recipients))
    project.wrapper = wrapper
    with project.transaction():
        rotation.store_wrapper(project.conn, wrapper)
    for path in (LEGACY_FORMAT2_KEY_FILE, LEGACY_KEY_FILE, KEY_NEXT_FILE):
        duress.wipe_key_file(root / path)


def tighten_modes(root: Path) -> None:
    """Files 0600 and folders 0700 throughout the project, whatever umask made them (an older project, or a
    copy): another local account cannot then copy the key file or the database for offline guessing. Cheap
    when already tight: the walk happens only while the project folder itself is not 0700."""
    try:
        if root.stat().st_mode & 0o077 == 0:
            return
        for folder, _dirs, files in os.walk(root):
            os.chmod(folder, 0o700)
            for name in files:
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    os.chmod(path, 0o600)
    except OSError:
        return  # a read-only copy: nothing to tighten, and opening it must still work


def _safe_name(name: str) -> str:
    return "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "._-" else "_" for ch in name)[:80]


def _settings_text(policy: Policy, clock: Clock, archive_recipients: tuple[str, ...], audit_key: str) -> str:
    lines = [
        "# fieldkit project settings: public, no personal data.",
        "format = 1",
        f'created = "{format_instant(clock.now())}"',
        f'policy = "{_safe_name(policy.source_name)}"',
        f'policy_sha256 = "{policy.sha256}"',
        f'audit_public_key = "{audit_key}"',
    ]
    if archive_recipients:
        lines.append("archive_recipients = [" + ", ".join(f'"{r}"' for r in archive_recipients) + "]")
    return "\n".join(lines) + "\n"

