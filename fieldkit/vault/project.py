"""A project folder: create it atomically, unlock it with the passphrase, and hand out its services.

    PROJECT/
      fieldkit.toml        public settings (policy name and hash, archive recipient, created)
      policy.toml          the policy the project was created with (public, no personal data)
      keys/identity.age    project keys wrapped with the passphrase (age scrypt)
      keys/archive.age     the same keys wrapped to the archive recipient, when one is set
      vault.db             SQLCipher 4 index; per-object identities live here
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
from fieldkit.vault import db, duress, keys
from fieldkit.vault.blobs import ObjectStore
from fieldkit.vault.files import storage_error, write_atomic

SETTINGS = "fieldkit.toml"
POLICY_COPY = "policy.toml"
KEY_FILE = Path("keys") / "identity.age"
ARCHIVE_KEY_FILE = Path("keys") / "archive.age"
TRAVEL_KEY_FILE = Path("keys") / "travel.age"  # project keys wrapped to a one-time travel key
TRAVEL_IDENTITY_FILE = Path("keys") / "travel-key.age"  # that travel key, encrypted to the archive recipients
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


class Project:
    """An unlocked project. Use as a context manager so the database is closed."""

    def __init__(self, root: Path, conn, policy: Policy, clock: Clock) -> None:
        self.root = root
        self.conn = conn
        self.policy = policy
        self.clock = clock
        self.audit = AuditLog(conn, clock)
        self.objects = ObjectStore(conn, root / "blobs", clock, self.audit)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

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
    ) -> Project:
        """Build the project in a hidden sibling folder and rename it into place, so a crash leaves nothing."""
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
            write_atomic(staging / KEY_FILE, keys.wrap_with_passphrase(project_keys, passphrase))
            if recipients:
                write_atomic(staging / ARCHIVE_KEY_FILE, keys.wrap_for_recipient(project_keys, recipients))
            write_atomic(staging / POLICY_COPY, policy.text.encode())
            signing_key = new_signing_key()
            write_atomic(staging / SETTINGS,
                         _settings_text(policy, clock, archive_recipients, public_key_hex(signing_key)).encode())
            conn = db.connect(staging / DB_FILE, project_keys.db_key)
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
        if not (root / KEY_FILE).exists() and (root / TRAVEL_KEY_FILE).exists():
            raise ProjectError(
                "this project is in travel mode: no key on this laptop opens it",
                "`fieldkit travel unlock` with the key your institution sends back",
            )
        try:
            settings = tomllib.loads(settings_path.read_text(encoding="utf-8"))
            wrapped = (root / KEY_FILE).read_bytes()
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
        try:
            project_keys = keys.unwrap_with_passphrase(wrapped, passphrase)
        except WrongPassphrase as exc:
            raise _count_failure(root, policy.wipe_after_failed_unlocks, exc) from exc.__cause__
        duress.reset_failed_unlocks(root)
        return cls._unlock(root, project_keys, clock)

    @classmethod
    def _unlock(cls, root: Path, project_keys: keys.ProjectKeys, clock: Clock) -> Project:
        if not (root / DB_FILE).is_file():
            raise ProjectError(f"the project is incomplete: {DB_FILE} is missing", "restore it from a backup")
        policy_raw = (root / POLICY_COPY).read_bytes()
        conn = db.connect(root / DB_FILE, project_keys.db_key)
        try:
            db.migrate(conn)
        except BaseException:
            conn.close()
            raise
        project = cls(root, conn, parse_policy(policy_raw, POLICY_COPY), clock)
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

