"""The hash chain itself: entry format, hashing, appending and verification.

Each entry commits to the one before it, so altering, inserting or removing an entry breaks every hash
after it, and verification names the first entry that no longer fits. Entries hold codes, ids, kinds,
sizes and times only: a whitelist of field names keeps free text (and so names) out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import sqlcipher3

from fieldkit.clock import Clock, format_instant, parse_instant
from fieldkit.errors import AuditError, UsageError
from fieldkit.vault.files import write_atomic
from fieldkit_board import chain as spec
from fieldkit_board.chain import (  # noqa: F401 - the format's names, re-exported for fieldkit's modules
    ALLOWED_FIELDS,
    GENESIS,
    Checkpoint,
    Pin,
    Verdict,
    VerifyError,
    entry_hash,
    fingerprint,
    public_key_hex,
)

#: One entry of the chain (the format lives in fieldkit_board.chain, shared with the board's verifier).
AuditEntry = spec.Entry
Export = spec.Export

_FIELDS_HINT = "audit entries hold only codes, ids and counts; nothing was written to the log"


def check_fields(event: str, data: dict) -> None:
    """Refuse anything that could smuggle personal data into the log."""
    problem = spec.data_problem(event, data)
    if problem:
        raise UsageError(f"audit {problem}", _FIELDS_HINT)


SIGNING_KEY = "audit_signing_key"
HIGH_WATER = "clock_high_water"


def new_signing_key() -> str:
    import secrets

    return secrets.token_bytes(32).hex()


def signature_valid(public_hex: str, digest: str, sig: str | None) -> bool:
    return spec.signature_valid(public_hex, digest.encode("ascii", "replace"), sig)


class AuditLog:
    """The chain as stored inside the encrypted database (appends join the caller's transaction).

    Every entry is signed with the project's Ed25519 audit key, kept inside the encrypted database; its
    public half is in fieldkit.toml and in every export, so a board can check that nobody without the
    project's key added or changed entries."""

    def __init__(self, conn: sqlcipher3.Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self._signer = None

    def _private_hex(self) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (SIGNING_KEY,)).fetchone()
        return row[0] if row else None

    def _sign(self, digest: str) -> str | None:
        if self._signer is None:
            private = self._private_hex()
            if private is None:
                return None
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

            self._signer = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private))
        return self._signer.sign(digest.encode()).hex()

    def public_key(self) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (SIGNING_KEY,)).fetchone()
        return public_key_hex(row[0]) if row else None

    def head(self) -> AuditEntry | None:
        row = self.conn.execute(
            "SELECT seq, ts, event, data, prev, hash, sig FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return _row_to_entry(row) if row else None

    def high_water(self) -> datetime | None:
        """The latest time any command of this project has seen (meta ``clock_high_water``)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (HIGH_WATER,)).fetchone()
        return parse_instant(row[0]) if row else None

    def latest_seen(self, head: AuditEntry | None = None) -> datetime | None:
        """The later of the high-water mark and the newest entry (``head``, when the caller has it): the clock
        must not be behind it."""
        head = head or self.head()
        marks = [mark for mark in (self.high_water(), parse_instant(head.ts) if head else None) if mark]
        return max(marks) if marks else None

    def raise_high_water(self) -> None:
        """Remember the clock's reading if it is the latest yet (never lowers the mark)."""
        now = self.clock.now()
        mark = self.high_water()
        if mark is None or now > mark:
            self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                              (HIGH_WATER, format_instant(now)))

    def append(self, event: str, **data: object) -> AuditEntry:
        """Append one entry; call inside a vault transaction so it commits with the action it records."""
        check_fields(event, data)
        now = self.clock.now()
        head = self.head()
        latest = self.latest_seen(head)
        if latest is not None and now < latest:
            # A clock that runs backwards could be used to dodge a deadline: log it (on every write while the
            # clock stays behind), keep the order.
            self._write("clock_went_backwards", {"last_ts": format_instant(latest), "now_ts": format_instant(now)},
                        head)
            head = self.head()
        return self._write(event, data, head)

    def declare_key(self) -> bool:
        """Make sure the chain itself names its audit key (a project made before it did): a checkpoint taken
        after the declaration then pins the key too. Returns True when an entry was added."""
        key = self.public_key()
        if key is None:
            return False
        row = self.conn.execute("SELECT 1 FROM audit WHERE data LIKE ? LIMIT 1", (f'%"{spec.KEY_FIELD}": %',))
        if row.fetchone() is not None:
            return False
        self.append("audit_key_declared", public_key=key)
        return True

    def _write(self, event: str, data: dict, head: AuditEntry | None) -> AuditEntry:
        seq = head.seq + 1 if head else 1
        prev = head.hash if head else GENESIS
        ts = format_instant(self.clock.now())
        digest = entry_hash(seq, ts, event, data, prev)
        sig = self._sign(digest)
        self.conn.execute(
            "INSERT INTO audit (seq, ts, event, data, prev, hash, sig) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, ts, event, json.dumps(data, sort_keys=True), prev, digest, sig),
        )
        return AuditEntry(seq, ts, event, data, prev, digest, sig)

    def destruction_rule(self, object_id: str) -> str | None:
        """The rule named by the first entry that destroyed ``object_id`` (an object or an export file)."""
        row = self.conn.execute(
            "SELECT data FROM audit WHERE event IN ('object_destroyed', 'export_deleted') AND data LIKE ?"
            " ORDER BY seq LIMIT 1",
            (f'%"object": "{object_id}"%',),
        ).fetchone()
        return json.loads(row[0]).get("rule") if row else None

    def entries(self) -> list[AuditEntry]:
        rows = self.conn.execute("SELECT seq, ts, event, data, prev, hash, sig FROM audit ORDER BY seq").fetchall()
        return [_row_to_entry(row) for row in rows]

    def export(self, path: Path) -> int:
        """Write the chain as JSON lines for an ethics board (a header with the public key, then one entry per
        line); returns the number of entries."""
        write_atomic(path, self.export_bytes())
        return len(self.entries())

    def export_bytes(self) -> bytes:
        """The export file's bytes (for writing, or for encrypting to the institution first): a signed header
        that pins the length (dropping the last entries is caught without a checkpoint), then the entries."""
        public, private = self.public_key(), self._private_hex()
        if public is None or private is None:
            raise AuditError("this project has no audit key, so its log cannot be exported signed")
        return spec.export_text(self.entries(), public, private).encode("ascii")


def _row_to_entry(row: tuple) -> AuditEntry:
    seq, ts, event, data, prev, digest, sig = row
    return AuditEntry(seq, ts, event, json.loads(data), prev, digest, sig)


def _audit_error(exc: VerifyError) -> AuditError:
    error = AuditError(f"{exc.message} [{exc.verdict}]", exc.hint)
    error.verdict = exc.verdict  # type: ignore[attr-defined]
    return error


def parse_checkpoint(text: str) -> Checkpoint:
    try:
        return spec.parse_checkpoint(text)
    except ValueError:
        raise UsageError(f"not a checkpoint: {text!r}",
                         "a checkpoint looks like 42:3f9a0c… (as printed by verify)") from None


def verify(entries: Iterable[AuditEntry], checkpoint: str | None = None,
           public_key: str | None = None) -> spec.ChainResult:
    """Check every link of a chain (the project's own, read from its database); raise AuditError naming the
    first entry that does not fit. A chain can be rebuilt by someone holding the passphrase, so it can also be
    anchored to a ``checkpoint`` witnessed earlier off the device."""
    anchor = parse_checkpoint(checkpoint) if checkpoint else None
    try:
        return spec.verify_entries(entries, public_key, anchor)
    except VerifyError as exc:
        raise _audit_error(exc) from None


def pin_from_options(public_key: str | None, checkpoint: str | None, pin_file: Path | None) -> Pin:
    """The board's pins, from --public-key, --checkpoint and --pin FILE together."""
    pins = []
    try:
        if public_key:
            pins.append(spec.parse_key_pin(public_key))
        if pin_file is not None:
            pins.append(spec.read_pin_file(pin_file))
        if checkpoint:
            pins.append(Pin(checkpoint=parse_checkpoint(checkpoint)))
        return spec.combine_pins(*pins)
    except ValueError as exc:
        raise UsageError(str(exc), "see `fieldkit audit verify --help`") from None


def verify_export(exported: spec.Export, public_key: str | None = None, checkpoint: str | None = None, *,
                  pin: Pin | None = None, trust_embedded_key: bool = False) -> spec.Verification:
    """Verify an exported log against the board's pin (docs/audit-format.md): ``pin``, or a key (or
    fingerprint) and a checkpoint given as text."""
    if pin is None:
        pin = pin_from_options(public_key, checkpoint, None)
    try:
        return spec.verify_export(exported, pin, trust_embedded_key=trust_embedded_key)
    except VerifyError as exc:
        raise _audit_error(exc) from None


def read_export_with_key(path: Path) -> spec.Export:
    """Parse an exported chain; a malformed line is reported by its line number."""
    try:
        return spec.read_export(path)
    except VerifyError as exc:
        if not path.is_file():
            raise UsageError(exc.message, exc.hint) from None
        raise _audit_error(exc) from None


def read_export(path: Path) -> list[AuditEntry]:
    return read_export_with_key(path).entries
