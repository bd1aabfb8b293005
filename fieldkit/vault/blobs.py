"""Per-object encryption: each object is an age file to its own X25519 recipient.

The identity stays in the SQLCipher index; erasing that one row makes every copy of the blob
(backups included) unreadable. Blobs are written atomically and checksummed, so a truncated or
altered blob is reported as such rather than as a key problem.

Erasing a row is not the end of it against a disk image: SQLite's journals keep old pages. The transaction
that erases a key marks a key rotation due (vault.rotation), and ``after_erasure`` (the project's
rotate_if_due) runs once the erasure commits, or once an ``erasure_batch`` ends. The blob itself is
overwritten in place before it is unlinked.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pyrage

from fieldkit.audit.chain import AuditLog
from fieldkit.clock import Clock, format_instant
from fieldkit.errors import CorruptObject, NotFound, ObjectDestroyed, ObjectSealed
from fieldkit.vault import deadline_locks, intents, rotation
from fieldkit.vault.ageformat import AgeFormatError, check_header
from fieldkit.vault.db import transaction
from fieldkit.vault.files import fsync_dir, overwrite_in_place, write_atomic

SEAL_INTENT = "seal_blob"
_BLOB_NAME = re.compile(r"([0-9a-f]{32})\.age")
_SEALED_NAME = re.compile(r"([0-9a-f]{32})\.age\.sealed")
_TEMP_NAME = re.compile(r"\..+\.(\d+)\.[0-9a-f]{8}\.tmp")  # files.write_atomic's temporary siblings


@dataclass
class Leftovers:
    """What :meth:`ObjectStore.clean_leftovers` removed after a crash."""

    orphans: int = 0  # blobs no row refers to (the process died between writing the blob and committing it)
    destroyed: int = 0  # blobs of destroyed objects (died between erasing the key and unlinking the blob)
    temporary: int = 0  # temporary siblings of an interrupted atomic write, and stray sealed copies
    paths: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.orphans + self.destroyed + self.temporary


def encrypt_to_new_key(data: bytes) -> tuple[bytes, str]:
    """Encrypt ``data`` to a fresh X25519 identity; returns the age file and the identity string."""
    identity = pyrage.x25519.Identity.generate()
    return pyrage.encrypt(data, [identity.to_public()]), str(identity)


def decrypt_with(ciphertext: bytes, identity: str) -> bytes:
    """Decrypt an age file with one X25519 identity; any failure is pyrage.DecryptError."""
    try:
        check_header(ciphertext)
    except AgeFormatError as exc:
        raise pyrage.DecryptError(f"malformed age header: {exc}") from exc
    return pyrage.decrypt(ciphertext, [pyrage.x25519.Identity.from_str(identity)])


@dataclass(frozen=True)
class StoredObject:
    id: str
    kind: str
    respondent: str | None
    interview: str | None
    created: str
    plain_size: int
    blob_size: int
    meta: dict
    destroyed: str | None


class ObjectStore:
    def __init__(self, conn, root: Path, clock: Clock, audit: AuditLog) -> None:
        self.conn = conn
        self.root = root
        self.clock = clock
        self.audit = audit
        #: called once an erasure has committed (outside any batch): the project rotates its key
        self.after_erasure: Callable[[], object] | None = None
        #: the retention deadline a new object has from the moment it is stored (kind, respondent, interview,
        #: created), set by the retention schedule: its key is then locked to that deadline (vault.deadline_locks)
        self.deadline_of: Callable[[str, str | None, str | None, str], datetime | None] | None = None
        self._batch_depth = 0
        self._erased_in_batch = False

    @contextlib.contextmanager
    def erasure_batch(self) -> Iterator[None]:
        """Many erasures, one key rotation at the end (a retention run, a withdrawal, sealing)."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._erased_in_batch:
                self._erased_in_batch = False
                self._erased()

    def _erased(self) -> None:
        if self._batch_depth:
            self._erased_in_batch = True
        elif self.after_erasure is not None:
            self.after_erasure()

    def blob_path(self, object_id: str) -> Path:
        return self.root / object_id[:2] / f"{object_id}.age"

    def put(
        self,
        kind: str,
        data: bytes,
        *,
        respondent: str | None = None,
        interview: str | None = None,
        meta: dict | None = None,
        on_stored=None,
        replaces: tuple[str | None, ...] = (),
    ) -> str:
        """Encrypt and store ``data``; ``on_stored(conn, object_id)`` joins the same transaction.

        Objects in ``replaces`` are shredded in that same transaction, so no crash can leave an old
        version with a live key that nothing points to any more.
        """
        object_id = secrets.token_hex(16)
        ciphertext, identity = encrypt_to_new_key(data)
        created = format_instant(self.clock.now())
        deadline = self.deadline_of(kind, respondent, interview, created) if self.deadline_of else None
        stored_key = self._locked(object_id, identity, deadline) if deadline else identity
        path = self.blob_path(object_id)
        # Blob first, then the row that makes it readable: a crash in between leaves an orphan nobody can open.
        write_atomic(path, ciphertext)
        try:
            with transaction(self.conn):
                self.conn.execute(
                    "INSERT INTO objects (id, kind, respondent, interview, created, plain_size, blob_size,"
                    " blob_sha256, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        object_id, kind, respondent, interview, created, len(data),
                        len(ciphertext), hashlib.sha256(ciphertext).hexdigest(), json.dumps(meta or {}),
                    ),
                )
                self.conn.execute(
                    "INSERT INTO object_keys (object_id, identity) VALUES (?, ?)", (object_id, stored_key)
                )
                self.audit.append(
                    "object_stored", object=object_id, kind=kind, respondent=respondent, interview=interview,
                    plain_size=len(data), blob_size=len(ciphertext),
                )
                if on_stored is not None:
                    on_stored(self.conn, object_id)
                replaced = [old for old in replaces if old and self._erase_key(old, reason="replaced", rule=None)]
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        for old in replaced:
            self._unlink(old)
        if replaced:
            self._erased()
        return object_id

    def info(self, object_id: str) -> StoredObject:
        row = self.conn.execute(
            "SELECT id, kind, respondent, interview, created, plain_size, blob_size, meta, destroyed"
            " FROM objects WHERE id = ?",
            (object_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no object {object_id}", "`fieldkit status` lists the stored objects")
        return StoredObject(*row[:7], json.loads(row[7]), row[8])

    def list(self, *, include_destroyed: bool = False) -> list[StoredObject]:
        query = "SELECT id FROM objects" + ("" if include_destroyed else " WHERE destroyed IS NULL")
        return [self.info(object_id) for (object_id,) in self.conn.execute(query + " ORDER BY created, id")]

    def live_ids(self, *, interview: str | None = None, respondent: str | None = None,
                 kind: str | None = None) -> list[str]:
        """Ids of objects not destroyed or sealed, oldest first, of one interview or one respondent
        (optionally of one kind)."""
        column, value = ("interview", interview) if interview is not None else ("respondent", respondent)
        query = f"SELECT id FROM objects WHERE {column} = ? AND destroyed IS NULL AND sealed IS NULL"
        params: tuple = (value,)
        if kind is not None:
            query, params = query + " AND kind = ?", (value, kind)
        return [object_id for (object_id,) in self.conn.execute(query + " ORDER BY created", params)]

    def key_erased(self, object_id: str) -> bool:
        """No key for this object is left in the index (what a destruction certificate verifies)."""
        row = self.conn.execute("SELECT 1 FROM object_keys WHERE object_id = ?", (object_id,)).fetchone()
        return row is None

    def get(self, object_id: str) -> bytes:
        """Decrypt an object into memory (never to disk)."""
        info = self.info(object_id)
        if info.destroyed:
            raise ObjectDestroyed(f"object {object_id} ({info.kind}) was destroyed on {info.destroyed[:10]}")
        (sealed,) = self.conn.execute("SELECT sealed FROM objects WHERE id = ?", (object_id,)).fetchone()
        if sealed:
            raise ObjectSealed(f"object {object_id} ({info.kind}) was sealed on {sealed[:10]}")
        expected, identity = self.conn.execute(
            "SELECT o.blob_sha256, k.identity FROM objects o JOIN object_keys k ON k.object_id = o.id"
            " WHERE o.id = ?",
            (object_id,),
        ).fetchone()
        try:
            ciphertext = self.blob_path(object_id).read_bytes()
        except FileNotFoundError:
            raise CorruptObject(f"the blob of object {object_id} ({info.kind}) is missing") from None
        except OSError as exc:  # a folder in its place, no permission, an I/O error
            raise CorruptObject(f"the blob of object {object_id} ({info.kind}) cannot be read: "
                                f"{exc.strerror or type(exc).__name__}") from None
        if hashlib.sha256(ciphertext).hexdigest() != expected:
            raise CorruptObject(
                f"the blob of object {object_id} ({info.kind}) is damaged: "
                f"{len(ciphertext)} bytes on disk, {info.blob_size} expected (truncated or altered)"
            )
        identity = self._unlocked(object_id, identity, info.kind)
        try:
            return decrypt_with(ciphertext, identity)
        except (pyrage.DecryptError, pyrage.IdentityError) as exc:
            raise CorruptObject(f"object {object_id} ({info.kind}) cannot be decrypted") from exc

    def _locks_root(self) -> Path:
        return self.root.parent

    def _locked(self, object_id: str, identity: str, deadline: datetime) -> str:
        """The identity as stored: locked to its deadline's slot, or as it is when that slot has passed."""
        return deadline_locks.lock(self._locks_root(), deadline_locks.slot_for(deadline), object_id,
                                   identity) or identity

    def _unlocked(self, object_id: str, stored: str, kind: str) -> str:
        identity = deadline_locks.unlock(self._locks_root(), stored, object_id)
        if identity is None:
            slot = deadline_locks.slot_of(stored)
            raise ObjectDestroyed(f"object {object_id} ({kind}) was destroyed by the retention timer at its deadline"
                                  f" (slot {slot})")
        return identity

    def bind_deadline(self, object_id: str, deadline: datetime) -> bool:
        """Lock a live object's key to ``deadline`` if it is not locked to that slot or an earlier one (a new
        deadline, or one that moved earlier). The old form stays in the index's free pages until the key
        rotation this marks due. Returns True when it re-locked."""
        row = self.conn.execute("SELECT identity FROM object_keys WHERE object_id = ?", (object_id,)).fetchone()
        if row is None:
            return False
        stored = row[0]
        wanted = deadline_locks.slot_for(deadline)
        current = deadline_locks.slot_of(stored)
        if current is not None and current <= wanted:
            return False
        identity = deadline_locks.unlock(self._locks_root(), stored, object_id)
        if identity is None:
            return False  # already destroyed by the timer: reconciled by timer_destroyed()
        relocked = deadline_locks.lock(self._locks_root(), wanted, object_id, identity)
        if relocked is None:
            return False  # the slot has passed: the deadline has too, and enforcement destroys it
        with transaction(self.conn):
            self.conn.execute("UPDATE object_keys SET identity = ? WHERE object_id = ?", (relocked, object_id))
            rotation.mark_due(self.conn)
        return True

    def timer_destroyed(self) -> list[tuple[str, str, datetime | None]]:
        """Live objects whose deadline slot the timer has erased: (object, slot, when the timer erased it)."""
        erased = deadline_locks.destroyed_slots(self._locks_root())
        # one listing, not a stat per object; a slot in the timer's log is gone even if a crash left its zeroed file
        present = set(deadline_locks.pending_slots(self._locks_root())) - set(erased)
        found = []
        for object_id, stored in self.conn.execute(
            "SELECT k.object_id, k.identity FROM object_keys k JOIN objects o ON o.id = k.object_id"
            " WHERE o.destroyed IS NULL AND k.identity LIKE ?", (deadline_locks.PREFIX + ":%",)
        ).fetchall():
            slot = deadline_locks.slot_of(stored)
            if slot and slot not in present:
                found.append((object_id, slot, erased.get(slot)))
        return found

    def seal(self, object_id: str, recipients: list) -> bool:
        """Re-encrypt an object to the archive recipients only and erase its local key: the institution can
        still open it, this laptop cannot. The sealed copy is written beside the blob, the index commits
        (new checksum, key row deleted, logged), then the copy replaces the blob. Returns False when there
        was nothing to seal (already sealed or destroyed)."""
        info = self.info(object_id)
        (sealed,) = self.conn.execute("SELECT sealed FROM objects WHERE id = ?", (object_id,)).fetchone()
        if info.destroyed or sealed:
            return False
        ciphertext = pyrage.encrypt(self.get(object_id), recipients)
        path = self.blob_path(object_id)
        pending = path.with_name(path.name + ".sealed")
        write_atomic(pending, ciphertext)
        try:
            with transaction(self.conn):
                # the sealed copy replaces the blob after the commit; a crash before that is finished on opening
                intent = intents.begin(self.conn, self.clock, SEAL_INTENT, object_id)
                self.conn.execute(
                    "UPDATE objects SET sealed = ?, blob_size = ?, blob_sha256 = ? WHERE id = ?",
                    (format_instant(self.clock.now()), len(ciphertext), hashlib.sha256(ciphertext).hexdigest(),
                     object_id),
                )
                self.conn.execute("DELETE FROM object_keys WHERE object_id = ?", (object_id,))
                rotation.mark_due(self.conn)
                self.audit.append("object_sealed", object=object_id, kind=info.kind, respondent=info.respondent,
                                  interview=info.interview, recipients=len(recipients))
        except BaseException:
            pending.unlink(missing_ok=True)
            raise
        self._finish_seal(object_id, intent)
        self._erased()
        return True

    def _finish_seal(self, object_id: str, intent_id: int) -> None:
        """Move the sealed copy over the blob (if it is still beside it) and close the intent; repeatable."""
        path = self.blob_path(object_id)
        pending = path.with_name(path.name + ".sealed")
        if pending.exists():
            with contextlib.suppress(OSError):  # the copy under the erased key: gone, not left in free space
                overwrite_in_place(path)
            pending.replace(path)
            with contextlib.suppress(OSError):
                fsync_dir(path.parent)
        with transaction(self.conn):
            intents.finish(self.conn, intent_id)

    def finish_seal(self, intent: intents.Intent) -> str:
        """The finisher of an interrupted seal (registered in vault.project)."""
        self._finish_seal(intent.subject or "", intent.id)
        return f"finished sealing object {(intent.subject or '')[:12]}, interrupted after its key was erased"

    def clean_leftovers(self, older_than: float) -> Leftovers:
        """Remove what a crash can leave under blobs/: temporary siblings, stray sealed copies, blobs no row
        refers to and blobs of destroyed objects. Only files last changed before ``older_than`` (the moment
        this process opened the project as its only opener) are touched: anything newer belongs to a process
        that opened it since. Finish interrupted seals first, or their sealed copies count as strays."""
        found = Leftovers()
        if not self.root.is_dir():
            return found
        rows = {object_id: destroyed for object_id, destroyed in
                self.conn.execute("SELECT id, destroyed FROM objects").fetchall()}
        for folder in self.root.iterdir():
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                try:
                    if not path.is_file() or path.stat().st_mtime >= older_than:
                        continue
                except OSError:
                    continue
                name = path.name
                blob = _BLOB_NAME.fullmatch(name)
                if blob and blob.group(1) not in rows:
                    kind = "orphans"
                elif blob and rows[blob.group(1)] is not None:
                    kind = "destroyed"
                elif _SEALED_NAME.fullmatch(name) or _TEMP_NAME.fullmatch(name):
                    kind = "temporary"
                else:
                    continue
                with contextlib.suppress(OSError):
                    if kind != "temporary":
                        overwrite_in_place(path)
                    path.unlink()
                    setattr(found, kind, getattr(found, kind) + 1)
                    found.paths.append(str(path.relative_to(self.root.parent)))
        return found

    def shred(self, object_id: str, *, reason: str, rule: str | None = None, when: datetime | None = None,
              **logged: object) -> None:
        """Cryptographic erasure: delete the key row (secure_delete), log it, then unlink the blob. ``when``:
        the erasure happened earlier (the retention timer's), so that is the time recorded."""
        with transaction(self.conn):
            erased = self._erase_key(object_id, reason=reason, rule=rule, when=when, **logged)
        if erased:
            self._unlink(object_id)
            self._erased()

    def _erase_key(self, object_id: str, *, reason: str, rule: str | None, when: datetime | None = None,
                   **logged: object) -> bool:
        """Inside a transaction: delete the key row, mark the object destroyed, log it."""
        info = self.info(object_id)
        if info.destroyed:
            return False
        self.conn.execute("DELETE FROM object_keys WHERE object_id = ?", (object_id,))
        self.conn.execute(
            "UPDATE objects SET destroyed = ? WHERE id = ?", (format_instant(when or self.clock.now()), object_id)
        )
        rotation.mark_due(self.conn)
        if when is not None:
            logged["destroyed"] = format_instant(when)
        self.audit.append(
            "object_destroyed", object=object_id, kind=info.kind, respondent=info.respondent,
            interview=info.interview, reason=reason, rule=rule, **logged,
        )
        return True

    def _unlink(self, object_id: str) -> None:
        """After commit: the key is gone, so the blob is already unreadable; overwriting it first means a disk
        image finds no ciphertext either, should a copy of the key survive somewhere."""
        # Journal mode is DELETE; this is a no-op unless someone switched to WAL, then it flushes old pages.
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        path = self.blob_path(object_id)
        with contextlib.suppress(OSError):
            overwrite_in_place(path)
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
