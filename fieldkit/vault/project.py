"""A project folder: create it atomically, unlock it with the passphrase, and hand out its services.

    PROJECT/
      fieldkit.toml        public settings (policy name and hash, archive recipient, created)
      policy.toml          the policy the project was created with (public, no personal data)
      keys/passphrase.key  project keys wrapped with the passphrase (scrypt → age identity; keys.py)
      keys/archive.age     the same keys wrapped to the archive recipient, when one is set
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
from pathlib import Path

from fieldkit.audit.chain import SIGNING_KEY, AuditLog, new_signing_key, public_key_hex
from fieldkit.clock import Clock, format_instant
from fieldkit.errors import FieldkitError, PolicyError, ProjectError, StorageError, WrongPassphrase
from fieldkit.retention.policy import Policy, load_policy, parse_policy
from fieldkit.vault import blobs, db, duress, intents, keys
from fieldkit.vault.blobs import ObjectStore
from fieldkit.vault.files import storage_error, write_atomic
from fieldkit.vault.locks import LOCK_FILE, ProjectLock, subject_lock

SETTINGS = "fieldkit.toml"
POLICY_COPY = "policy.toml"
KEY_FILE = Path("keys") / "passphrase.key"
LEGACY_KEY_FILE = Path("keys") / "identity.age"  # format 1 (age scrypt), rewritten as KEY_FILE on unlock
ARCHIVE_KEY_FILE = Path("keys") / "archive.age"
TRAVEL_KEY_FILE = Path("keys") / "travel.age"  # project keys wrapped to a one-time travel key
TRAVEL_IDENTITY_FILE = Path("keys") / "travel-key.age"  # that travel key, encrypted to the archive recipients
ARCHIVE_NEXT_FILE = Path("keys") / "archive.age.next"  # the archive copy of the keys a travel lock is moving to
ARCHIVE_BEFORE_TRAVEL_FILE = Path("keys") / "archive-before-travel.age"  # kept when a lock is finished on opening
KEY_NEXT_FILE = Path("keys") / "passphrase.key.next"  # a passphrase change's new key file, until it is in place
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
    duress.wipe_key_file(root / KEY_FILE)
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
        #: intents found at opening while no other process had the project open: left by a process that died
        self.interrupted: list[int] = []
        #: what the opening itself finished or rolled back (an interrupted travel lock), for the start-up report
        self.recovery_notes: list[str] = []

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()
        if self.lock is not None:
            self.lock.close()

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
        for folder in (self.root, self.root / "keys", self.root / "audit"):
            for path in folder.glob(".*.tmp") if folder.is_dir() else ():
                try:
                    if path.is_file() and path.stat().st_mtime < self.lock.opened_at:
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
        work_factor: int = keys.WORK_FACTOR,
    ) -> Project:
        """Build the project in a hidden sibling folder and rename it into place, so a crash leaves nothing.
        ``work_factor`` (scrypt) is for tests that are not about the unlock's cost; the CLI never sets it."""
        root = root.resolve()
        if root.exists() and any(root.iterdir()):
            raise ProjectError(f"{root} already exists and is not empty", "choose a new folder for the project")
        keys.check_new_passphrase(passphrase)
        policy = load_policy(policy_path)
        if isinstance(archive_recipients, str):
            archive_recipients = (archive_recipients,)
        archive_recipients = tuple(r.strip() for r in archive_recipients or ())
        recipients = [keys.parse_recipient(r) for r in archive_recipients]
        project_keys = keys.ProjectKeys.generate()

        staging = root.with_name(f".{root.name}.creating-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            (staging / "blobs").mkdir(parents=True)
            (staging / "audit").mkdir()
            (staging / LOCK_FILE).touch(mode=0o600)
            write_atomic(staging / KEY_FILE, keys.wrap_with_passphrase(project_keys, passphrase,
                                                                       work_factor=work_factor))
            if recipients:
                write_atomic(staging / ARCHIVE_KEY_FILE, keys.wrap_for_recipient(project_keys, recipients))
            write_atomic(staging / POLICY_COPY, policy.text.encode())
            signing_key = new_signing_key()
            write_atomic(staging / SETTINGS,
                         _settings_text(policy, clock, archive_recipients, public_key_hex(signing_key)).encode())
            conn = db.connect(staging / DB_FILE, project_keys.db_key, create=True)
            try:
                db.create_schema(conn)
                with db.transaction(conn):
                    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (SIGNING_KEY, signing_key))
                    AuditLog(conn, clock).append(
                        "project_created", policy=_safe_name(policy.source_name), policy_sha256=policy.sha256,
                        archive=bool(recipients), recipients=len(recipients), schema_version=db.SCHEMA_VERSION,
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
        key_file = root / KEY_FILE if (root / KEY_FILE).exists() else root / LEGACY_KEY_FILE
        if not key_file.exists() and (root / TRAVEL_KEY_FILE).exists():
            duress.wipe_leftovers(root / "keys")  # a wipe of the passphrase key file a crash cut short
            raise ProjectError(
                "this project is in travel mode: no key on this laptop opens it",
                "`fieldkit travel unlock` with the key your institution sends back",
            )
        try:
            settings = tomllib.loads(settings_path.read_text(encoding="utf-8"))
            wrapped = key_file.read_bytes()
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
            note = None
            if lock.sole_opener and (root / KEY_NEXT_FILE).exists():
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
        project = cls._unlock(root, project_keys, clock, lock)
        if note is not None:
            try:
                with project.transaction():
                    project.audit.append(note[0])
            except BaseException:
                project.close()
                raise
            project.recovery_notes.append(note[1])
        if key_file.name != KEY_FILE.name:
            _upgrade_key_file(root, project_keys, passphrase)
        return project

    @classmethod
    def _unlock(cls, root: Path, project_keys: keys.ProjectKeys, clock: Clock,
                lock: ProjectLock | None = None) -> Project:
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
            if lock.sole_opener:
                lock.share()  # others may open now; what was pending before them is listed above
        except BaseException:
            conn.close()
            lock.close()
            raise
        project = cls(root, conn, parse_policy(policy_raw, POLICY_COPY), clock, lock)
        project.interrupted = interrupted
        if project.audit.public_key() is None:
            project.close()
            raise ProjectError("this project has no audit signing key (made by a development build)",
                               "create a new project; its log cannot be verified by an ethics board")
        # fieldkit.toml is public and editable; the encrypted audit chain is the real record of the policy.
        first = project.conn.execute("SELECT data FROM audit WHERE seq = 1").fetchone()
        recorded = json.loads(first[0]).get("policy_sha256") if first else None
        if recorded != hashlib.sha256(policy_raw).hexdigest():
            project.close()
            raise PolicyError(
                f"{POLICY_COPY} is not the policy this project was created with",
                "the policy copy was edited; restore it (policy changes need a new ethics approval)",
            )
        return project

    def archive_recipients(self) -> list[str]:
        """The institution's public keys from fieldkit.toml (public settings; older projects had one)."""
        settings = tomllib.loads((self.root / SETTINGS).read_text(encoding="utf-8"))
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
        duress.wipe_key_file(root / KEY_FILE)
        duress.wipe_key_file(root / LEGACY_KEY_FILE)
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
    next_file, key_file, next_archive = root / KEY_NEXT_FILE, root / KEY_FILE, root / ARCHIVE_NEXT_FILE
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


def _upgrade_key_file(root: Path, project_keys: keys.ProjectKeys, passphrase: str) -> None:
    """Rewrite a format-1 key file (age scrypt, whose decryptor can refuse on a busy machine) as format 2. The
    new file is in place before the old one is wiped, so a crash leaves at least one that opens."""
    write_atomic(root / KEY_FILE, keys.wrap_with_passphrase(project_keys, passphrase))
    duress.wipe_key_file(root / LEGACY_KEY_FILE)


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

