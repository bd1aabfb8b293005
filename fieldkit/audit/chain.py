"""The hash chain itself: entry format, hashing, appending and verification.

Each entry commits to the one before it, so altering, inserting or removing an entry breaks every hash
after it, and verification names the first entry that no longer fits. Entries hold codes, ids, kinds,
sizes and times only: a whitelist of field names keeps free text (and so names) out.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlcipher3

from fieldkit.clock import Clock, format_instant, parse_instant
from fieldkit.errors import AuditError, UsageError
from fieldkit.vault.files import write_atomic

GENESIS = "0" * 64

#: Field names an audit entry may carry. Anything else is refused, so no caller can log free text.
ALLOWED_FIELDS = frozenset(
    {
        "object", "kind", "respondent", "interview", "category", "plain_size", "blob_size", "codec",
        "duration_s", "language", "model", "segments", "entities", "format", "rows", "sha256", "rule",
        "reason", "policy", "policy_sha256", "last_ts", "now_ts", "replaces", "approved", "archive",
        "schema_version", "version", "script", "mode", "scope", "chunks", "lost",
        "sources", "codings", "encrypted", "recipients", "sealed", "checkpoint", "destroyed",
    }
)
_SAFE_VALUE = re.compile(r"[A-Za-z0-9_.:+\-]{0,96}")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    ts: str
    event: str
    data: dict
    prev: str
    hash: str
    sig: str | None = None  # Ed25519 signature of ``hash`` by the project's audit key

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=True)


def entry_hash(seq: int, ts: str, event: str, data: dict, prev: str) -> str:
    body = json.dumps(
        {"seq": seq, "ts": ts, "event": event, "data": data, "prev": prev},
        sort_keys=True,
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


_FIELDS_HINT = "audit entries hold only codes, ids and counts; nothing was written to the log"


def check_fields(event: str, data: dict) -> None:
    """Refuse anything that could smuggle personal data into the log."""
    if not _SAFE_VALUE.fullmatch(event):
        raise UsageError(f"audit event name {event!r} is not allowed", _FIELDS_HINT)
    for name, value in data.items():
        if name not in ALLOWED_FIELDS:
            raise UsageError(f"audit field {name!r} is not on the allowed list", _FIELDS_HINT)
        if isinstance(value, bool | int | float) or value is None:
            continue
        if not isinstance(value, str) or not _SAFE_VALUE.fullmatch(value):
            raise UsageError(f"audit field {name!r} holds a value that could carry free text", _FIELDS_HINT)


SIGNING_KEY = "audit_signing_key"


def public_key_hex(private_hex: str) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def new_signing_key() -> str:
    import secrets

    return secrets.token_bytes(32).hex()


def signature_valid(public_hex: str, digest: str, sig: str | None) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    # only the canonical spelling: 128 lower-case hex digits (an upper-cased copy is a changed file)
    if not all(isinstance(v, str) for v in (public_hex, digest, sig)):  # from a file: anything can be there
        return False
    if len(sig) != 128 or any(c not in "0123456789abcdef" for c in sig):
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(bytes.fromhex(sig), digest.encode())
    except (InvalidSignature, ValueError):
        return False
    return True


class AuditLog:
    """The chain as stored inside the encrypted database (appends join the caller's transaction).

    Every entry is signed with the project's Ed25519 audit key, kept inside the encrypted database; its
    public half is in fieldkit.toml and in every export, so a board can check that nobody without the
    project's key added or changed entries."""

    def __init__(self, conn: sqlcipher3.Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self._signer = None

    def _sign(self, digest: str) -> str | None:
        if self._signer is None:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (SIGNING_KEY,)).fetchone()
            if row is None:
                return None
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

            self._signer = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(row[0]))
        return self._signer.sign(digest.encode()).hex()

    def public_key(self) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (SIGNING_KEY,)).fetchone()
        return public_key_hex(row[0]) if row else None

    def head(self) -> AuditEntry | None:
        row = self.conn.execute(
            "SELECT seq, ts, event, data, prev, hash, sig FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return _row_to_entry(row) if row else None

    def append(self, event: str, **data: object) -> AuditEntry:
        """Append one entry; call inside a vault transaction so it commits with the action it records."""
        check_fields(event, data)
        now = self.clock.now()
        head = self.head()
        if head is not None and now < parse_instant(head.ts):
            # A clock that runs backwards could be used to dodge a deadline: log it, keep the order.
            self._write("clock_went_backwards", {"last_ts": head.ts, "now_ts": format_instant(now)}, head)
            head = self.head()
        return self._write(event, data, head)

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
        """The export file's bytes (for writing, or for encrypting to the institution first)."""
        entries = self.entries()
        head = entries[-1].hash if entries else GENESIS
        # the signed header pins the length: dropping the last entries is caught without a checkpoint
        header = json.dumps(
            {"fieldkit_audit_export": 1, "public_key": self.public_key(), "entries": len(entries), "head": head,
             "sig": self._sign(f"{len(entries)}:{head}")},
            sort_keys=True,
        )
        return (header + "\n" + "".join(entry.to_json() + "\n" for entry in entries)).encode()


def _row_to_entry(row: tuple) -> AuditEntry:
    seq, ts, event, data, prev, digest, sig = row
    return AuditEntry(seq, ts, event, json.loads(data), prev, digest, sig)


@dataclass(frozen=True)
class Verification:
    entries: int
    head: str

    @property
    def checkpoint(self) -> str:
        """A short code to send home (SMS, paper): a later log must extend it."""
        return f"{self.entries}:{self.head[:20]}"


def parse_checkpoint(text: str) -> tuple[int, str]:
    seq, _, prefix = text.strip().partition(":")
    if (not (seq.isascii() and seq.isdigit()) or len(seq) > 12 or len(prefix) < 16
            or any(c not in "0123456789abcdef" for c in prefix)):
        raise UsageError(f"not a checkpoint: {text!r}", "a checkpoint looks like 42:3f9a0c… (as printed by verify)")
    return int(seq), prefix


def verify(
    entries: Iterable[AuditEntry], checkpoint: str | None = None, public_key: str | None = None
) -> Verification:
    """Check every link; raise AuditError naming the first entry that does not fit.

    A chain can be truncated or rebuilt by someone holding the passphrase, so verification can also be
    anchored to a ``checkpoint`` witnessed earlier off the device.
    """
    anchor = parse_checkpoint(checkpoint) if checkpoint else None
    prev = GENESIS
    expected_seq = 1
    count = 0
    for entry in entries:
        try:
            check_fields(entry.event, entry.data)
        except UsageError as exc:
            raise AuditError(f"audit entry {entry.seq} holds data an audit entry may not carry") from exc
        if entry.seq != expected_seq:
            raise AuditError(f"audit entry {expected_seq} is missing (found entry {entry.seq} in its place)")
        if entry.prev != prev:
            raise AuditError(f"audit entry {entry.seq} does not follow entry {entry.seq - 1}")
        if entry_hash(entry.seq, entry.ts, entry.event, entry.data, entry.prev) != entry.hash:
            raise AuditError(f"audit entry {entry.seq} ({entry.event}) was altered: its hash does not match")
        # Every entry must carry a signature: allowing an unsigned prefix would let a forger strip them.
        if public_key and not signature_valid(public_key, entry.hash, entry.sig):
            raise AuditError(f"audit entry {entry.seq} ({entry.event}) is not signed by the project's audit key")
        if anchor and entry.seq == anchor[0] and not entry.hash.startswith(anchor[1]):
            raise AuditError(f"audit entry {entry.seq} differs from the witnessed checkpoint: the log was rebuilt")
        prev = entry.hash
        expected_seq += 1
        count += 1
    if count == 0:
        raise AuditError("the audit log is empty: a fieldkit log always starts with project_created",
                         "the log was emptied, or this is not an audit export; keep it as evidence")
    if anchor and count < anchor[0]:
        raise AuditError(f"the log ends at entry {count}, before the witnessed checkpoint {anchor[0]}: truncated")
    return Verification(entries=count, head=prev)


@dataclass(frozen=True)
class Export:
    entries: list[AuditEntry]
    public_key: str | None
    header: dict | None = None


def verify_export(exported: Export, public_key: str | None = None, checkpoint: str | None = None) -> Verification:
    """Verify an exported log: the key it carries (or the pinned one), its signed header, every entry."""
    if public_key and exported.public_key and public_key.lower() != exported.public_key:
        raise AuditError("the export carries a different audit key than the one pinned: it was re-signed",
                         "keep the file as evidence; the project's own key is in its fieldkit.toml")
    key = public_key or exported.public_key
    if key is None or exported.header is None:
        raise AuditError("the export carries no signed header", "pass --public-key from the project's fieldkit.toml")
    header = exported.header
    if not signature_valid(key, f"{header.get('entries')}:{header.get('head')}", header.get("sig")):
        raise AuditError("the export's header is not signed by the project's audit key")
    result = verify(exported.entries, checkpoint, key)
    if (result.entries, result.head) != (header["entries"], header["head"]):
        raise AuditError(f"the export says it holds {header['entries']} entries but has {result.entries}: "
                         "entries were removed or added at the end")
    return result


_ENTRY_KEYS = {"seq", "ts", "event", "data", "prev", "hash", "sig"}
_HEADER_KEYS = {"fieldkit_audit_export", "public_key", "entries", "head", "sig"}
_HEX = re.compile(r"[0-9a-f]+")


def _strict_header(raw: dict) -> dict:
    """The header exactly as fieldkit writes it: version 1, a 64-hex-digit key, a count, a head, a signature."""
    version, count = raw.get("fieldkit_audit_export"), raw.get("entries")
    if set(raw) != _HEADER_KEYS or type(version) is not int or version != 1 or type(count) is not int:
        raise ValueError("malformed header")
    key, head, sig = raw["public_key"], raw["head"], raw["sig"]
    if not (isinstance(key, str) and len(key) == 64 and _HEX.fullmatch(key)):
        raise ValueError("malformed header key")
    if not (isinstance(head, str) and isinstance(sig, str)):
        raise ValueError("malformed header")
    return raw


def _strict_entry(raw) -> AuditEntry:
    """Exactly the fields fieldkit writes, with their types: an extra key (free text slipped into a signed
    log) or a coerced value ("1", true, 1.9 for a sequence number) is a changed file, not a valid one."""
    if not isinstance(raw, dict) or set(raw) - _ENTRY_KEYS or not {"seq", "ts", "event", "data", "prev",
                                                                     "hash"} <= set(raw):
        raise ValueError("unexpected or missing fields")
    seq = raw["seq"]
    if type(seq) is not int or not isinstance(raw["data"], dict):
        raise ValueError("wrong field types")
    texts = [raw[k] for k in ("ts", "event", "prev", "hash")]
    if not all(isinstance(t, str) for t in texts) or not isinstance(raw.get("sig"), str | None):
        raise ValueError("wrong field types")
    return AuditEntry(seq, raw["ts"], raw["event"], raw["data"], raw["prev"], raw["hash"], raw.get("sig"))


def read_export(path: Path) -> list[AuditEntry]:
    return read_export_with_key(path).entries


def read_export_with_key(path: Path) -> Export:
    """Parse an exported chain; a malformed line is reported by its line number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}", "check the path of the exported log") from exc
    except UnicodeDecodeError as exc:
        raise AuditError(f"{path.name} is not a fieldkit audit export (not UTF-8 text)",
                         "give the .jsonl file written by `fieldkit audit export`") from exc
    entries = []
    public_key = None
    header = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            if number == 1 and isinstance(raw, dict) and "fieldkit_audit_export" in raw:
                header = _strict_header(raw)
                public_key = header["public_key"]
                continue
            entries.append(_strict_entry(raw))
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
            raise AuditError(f"{path.name} line {number} is not a valid audit entry",
                             "the file was altered or is not an audit export; keep it as evidence") from exc
    return Export(entries, public_key, header)
