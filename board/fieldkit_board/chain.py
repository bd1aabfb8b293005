"""The audit log's format and its verification, as docs/audit-format.md specifies them.

This module is the one implementation: fieldkit writes and checks its own chain with it, and a board
verifies an exported copy with it, with nothing else installed. A verification names the first thing that
does not fit and gives it a verdict code (``Verdict``), in the order the specification fixes, so two
verifiers written from the specification agree on every file.

Nothing here trusts the file: the key that matters is the one the board pinned (the key itself, its
fingerprint, or a checkpoint taken after the log declared its key). A log checked only against the key it
carries proves nothing, since anyone can make a consistent log with a key of their own.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

GENESIS = "0" * 64
HEADER_VERSION = 1

#: Field names an entry's data may carry: codes, ids, kinds, sizes and times, never free text.
ALLOWED_FIELDS = frozenset(
    {
        "object", "kind", "respondent", "interview", "category", "plain_size", "blob_size", "codec",
        "duration_s", "language", "model", "segments", "entities", "format", "rows", "sha256", "rule",
        "reason", "policy", "policy_sha256", "last_ts", "now_ts", "replaces", "approved", "archive",
        "schema_version", "version", "script", "mode", "scope", "chunks", "lost",
        "sources", "codings", "encrypted", "recipients", "sealed", "checkpoint", "destroyed",
        "public_key", "deadline", "slot",
    }
)
#: The grammar of an event name and of every string value.
SAFE_VALUE = re.compile(r"[A-Za-z0-9_.:+\-]{0,96}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX128 = re.compile(r"[0-9a-f]{128}")
_INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_ENTRY_KEYS = frozenset({"seq", "ts", "event", "data", "prev", "hash", "sig"})
_HEADER_KEYS = frozenset({"fieldkit_audit_export", "public_key", "entries", "head", "sig"})
#: The field whose first appearance declares the audit key inside the chain (so a checkpoint pins it).
KEY_FIELD = "public_key"


class Verdict(StrEnum):
    """What a verification concluded: OK, or the first failure met in the order of docs/audit-format.md."""

    OK = "OK"
    OK_UNPINNED = "OK_UNPINNED"  # consistent, checked only against the key the file carries
    UNPINNED = "UNPINNED"
    MALFORMED = "MALFORMED"
    KEY_MISMATCH = "KEY_MISMATCH"
    BAD_HEADER_SIGNATURE = "BAD_HEADER_SIGNATURE"
    FORBIDDEN_DATA = "FORBIDDEN_DATA"
    SEQUENCE = "SEQUENCE"
    BROKEN_LINK = "BROKEN_LINK"
    BAD_HASH = "BAD_HASH"
    BAD_SIGNATURE = "BAD_SIGNATURE"
    CHECKPOINT_MISMATCH = "CHECKPOINT_MISMATCH"
    EMPTY = "EMPTY"
    TRUNCATED_BEFORE_CHECKPOINT = "TRUNCATED_BEFORE_CHECKPOINT"
    LENGTH_MISMATCH = "LENGTH_MISMATCH"


_EVIDENCE = "the log was altered or damaged after the named entry; keep the file as evidence"


class VerifyError(Exception):
    """A verification that failed, with its verdict, one line for people and a hint."""

    def __init__(self, verdict: Verdict, message: str, hint: str = _EVIDENCE) -> None:
        super().__init__(message)
        self.verdict = verdict
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Entry:
    seq: int
    ts: str
    event: str
    data: dict
    prev: str
    hash: str
    sig: str | None = None  # Ed25519 signature of the ASCII ``hash`` by the project's audit key

    def to_json(self) -> str:
        """The entry as one line of an export file."""
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=True)


def canonical_body(seq: int, ts: str, event: str, data: dict, prev: str) -> bytes:
    """The bytes an entry's hash covers: the five fields as compact JSON with sorted keys, ASCII only."""
    return json.dumps({"seq": seq, "ts": ts, "event": event, "data": data, "prev": prev},
                      sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def entry_hash(seq: int, ts: str, event: str, data: dict, prev: str) -> str:
    return hashlib.sha256(canonical_body(seq, ts, event, data, prev)).hexdigest()


def header_message(entries: int, head: str) -> bytes:
    """What the export header's signature covers: ``<entries>:<head>`` in ASCII."""
    return f"{entries}:{head}".encode("ascii")


class _RewrittenFloat(float):
    """A float whose text in the file is not the one fieldkit writes (``1E-05`` for ``1e-05``): flagged as
    forbidden data, since the signed body would not be the bytes in the file."""


def _float_as_written(text: str) -> float:
    value = float(text)
    return value if repr(value) == text else _RewrittenFloat(value)


def data_problem(event: object, data: object) -> str | None:
    """Why an event name or data would not be allowed in the log (None when it is)."""
    if not isinstance(event, str) or not SAFE_VALUE.fullmatch(event):
        return f"event name {event!r} is not allowed"
    if not isinstance(data, dict):
        return "data is not an object"
    for name, value in data.items():
        if name not in ALLOWED_FIELDS:
            return f"field {name!r} is not on the allowed list"
        if isinstance(value, _RewrittenFloat):
            return f"field {name!r} holds a number not written as fieldkit writes it"
        if isinstance(value, bool | int | float) or value is None:
            continue
        if not isinstance(value, str) or not SAFE_VALUE.fullmatch(value):
            return f"field {name!r} holds a value that could carry free text"
    return None


# --------------------------------------------------------------------------------------------------------
# Keys, fingerprints, signatures
# --------------------------------------------------------------------------------------------------------


def public_key_hex(private_hex: str) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def sign(private_hex: str, message: bytes) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex)).sign(message).hex()


def fingerprint(public_hex: str) -> str:
    """The key's short name for a phone call or paper: the first 16 bytes of SHA-256 over the raw 32-byte key,
    in eight groups of four hex digits."""
    digest = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def signature_valid(public_hex: object, message: bytes, sig: object) -> bool:
    """Only the canonical spelling counts: 128 lower-case hex digits (an upper-cased copy is a changed file)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not (isinstance(public_hex, str) and _HEX64.fullmatch(public_hex)):
        return False
    if not (isinstance(sig, str) and _HEX128.fullmatch(sig)):
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(bytes.fromhex(sig), message)
    except (InvalidSignature, ValueError):
        return False
    return True


# --------------------------------------------------------------------------------------------------------
# Pins: what the board knows independently of the file
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    entries: int
    prefix: str  # at least 16 lower-case hex digits of entry ``entries``'s hash

    def __str__(self) -> str:
        return f"{self.entries}:{self.prefix}"


def parse_checkpoint(text: str) -> Checkpoint:
    seq, _, prefix = text.strip().partition(":")
    prefix = prefix.lower()
    if (not (seq.isascii() and seq.isdigit()) or len(seq) > 12 or int(seq) < 1 or not 16 <= len(prefix) <= 64
            or any(c not in "0123456789abcdef" for c in prefix)):
        raise ValueError(f"not a checkpoint: {text!r}")
    return Checkpoint(int(seq), prefix)


def checkpoint_of(entries: int, head: str) -> str:
    """A short code to send home (SMS, paper): a later log must extend it."""
    return f"{entries}:{head[:20]}"


@dataclass(frozen=True)
class Pin:
    """The board's own knowledge: the audit key (whole, or its fingerprint) and/or a checkpoint."""

    public_key: str | None = None  # 64 hex digits
    fingerprint: str | None = None  # 32 hex digits, no spaces
    checkpoint: Checkpoint | None = None

    @property
    def pins_key(self) -> bool:
        return bool(self.public_key or self.fingerprint)

    def key_matches(self, public_hex: str) -> bool:
        if self.public_key:
            return self.public_key == public_hex
        return fingerprint(public_hex).replace(" ", "") == self.fingerprint


def parse_key_pin(text: str) -> Pin:
    """A public key (64 hex digits) or its fingerprint (32 hex digits); spaces, dashes and colons ignored."""
    compact = re.sub(r"[\s:-]", "", text).lower()
    if _HEX64.fullmatch(compact):
        return Pin(public_key=compact)
    if re.fullmatch(r"[0-9a-f]{32}", compact):
        return Pin(fingerprint=compact)
    raise ValueError("not an audit key: give the 64 hex digits of audit_public_key or its 32-digit fingerprint")


def combine_pins(*pins: Pin | None) -> Pin:
    """Several pins at once (options and a pin file): every one must hold, so keep the strictest."""
    key = fp = None
    checkpoint = None
    for pin in pins:
        if pin is None:
            continue
        key = key or pin.public_key
        fp = fp or pin.fingerprint
        if pin.checkpoint and (checkpoint is None or pin.checkpoint.entries > checkpoint.entries):
            checkpoint = pin.checkpoint
    if key and fp and fingerprint(key).replace(" ", "") != fp:
        raise ValueError("the pinned key and the pinned fingerprint disagree")
    return Pin(key, fp, checkpoint)


def read_pin_file(path: Path) -> Pin:
    """A pin file (TOML): ``public_key`` or ``fingerprint``, and optionally ``checkpoint``; nothing else."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path.name} is not a pin file (TOML): {exc}") from exc
    unknown = set(raw) - {"public_key", "fingerprint", "checkpoint", "project"}
    if unknown:
        raise ValueError(f"{path.name}: unknown field {sorted(unknown)[0]!r} (allowed: public_key, fingerprint, "
                         "checkpoint, project)")
    pins = []
    for name in ("public_key", "fingerprint"):
        if name in raw:
            if not isinstance(raw[name], str):
                raise ValueError(f"{path.name}: {name} must be a string")
            pins.append(parse_key_pin(raw[name]))
    if "checkpoint" in raw:
        if not isinstance(raw["checkpoint"], str):
            raise ValueError(f"{path.name}: checkpoint must be a string")
        pins.append(Pin(checkpoint=parse_checkpoint(raw["checkpoint"])))
    if not pins:
        raise ValueError(f"{path.name} pins nothing: give public_key (or fingerprint) and a checkpoint")
    return combine_pins(*pins)


def pin_file_text(public_hex: str, checkpoint: str | None, project: str | None = None) -> str:
    lines = ["# fieldkit audit pin: what the board knows about this project's log, kept off the laptop"]
    if project:
        lines.append(f"project = {json.dumps(project)}")
    lines.append(f'public_key = "{public_hex}"')
    lines.append(f'fingerprint = "{fingerprint(public_hex)}"')
    if checkpoint:
        lines.append(f'checkpoint = "{checkpoint}"')
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------------
# Reading an export
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    header: dict
    entries: list[Entry]

    @property
    def public_key(self) -> str:
        return self.header["public_key"]


def _strict_header(raw: object) -> dict:
    if not isinstance(raw, dict) or set(raw) != _HEADER_KEYS:
        raise ValueError("the header's fields are not fieldkit_audit_export, public_key, entries, head, sig")
    version, count = raw["fieldkit_audit_export"], raw["entries"]
    if type(version) is not int or version != HEADER_VERSION or type(count) is not int or count < 0:
        raise ValueError("the header's version or entry count is not valid")
    if not (isinstance(raw["public_key"], str) and _HEX64.fullmatch(raw["public_key"])):
        raise ValueError("the header's public key is not 64 hex digits")
    if not (isinstance(raw["head"], str) and isinstance(raw["sig"], str)):
        raise ValueError("the header's head or signature is not a string")
    return raw


def strict_entry(raw: object) -> Entry:
    """Exactly the fields fieldkit writes, with their types: an extra key (free text slipped into a signed
    log) or a coerced value ("1", true, 1.9 for a sequence number) is a changed file, not a valid one."""
    if not isinstance(raw, dict) or set(raw) != _ENTRY_KEYS:
        raise ValueError("the fields are not seq, ts, event, data, prev, hash, sig")
    if type(raw["seq"]) is not int or not isinstance(raw["data"], dict):
        raise ValueError("seq is not an integer or data is not an object")
    if not all(isinstance(raw[k], str) for k in ("ts", "event", "prev", "hash")):
        raise ValueError("ts, event, prev or hash is not a string")
    if not isinstance(raw["sig"], str | None):
        raise ValueError("sig is neither a string nor null")
    if not _INSTANT.fullmatch(raw["ts"]):
        raise ValueError("ts is not an instant written as YYYY-MM-DDTHH:MM:SS.ffffffZ")
    return Entry(raw["seq"], raw["ts"], raw["event"], raw["data"], raw["prev"], raw["hash"], raw["sig"])


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("a key appears twice")
    return dict(pairs)


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def parse_export(text: str, name: str = "the file") -> Export:
    """Parse an export's text; a malformed line is reported by its number (MALFORMED)."""
    if "\r" in text:
        raise VerifyError(Verdict.MALFORMED, f"{name} has carriage returns: it is not an audit export as written",
                          "the file was altered or is not an audit export; keep it as evidence")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise VerifyError(Verdict.MALFORMED, f"{name} is empty: an audit export starts with its header line",
                          "give the .jsonl file written by `fieldkit audit export`")
    header = None
    entries = []
    for number, line in enumerate(lines, start=1):
        try:
            raw = json.loads(line, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants,
                             parse_float=_float_as_written)
            if number == 1:
                header = _strict_header(raw)
            else:
                entries.append(strict_entry(raw))
        except (ValueError, RecursionError) as exc:
            what = "the export header" if number == 1 else "a valid audit entry"
            raise VerifyError(Verdict.MALFORMED, f"{name} line {number} is not {what}",
                              "the file was altered or is not an audit export; keep it as evidence") from exc
    assert header is not None
    return Export(header, entries)


def read_export(path: Path) -> Export:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise VerifyError(Verdict.MALFORMED, f"cannot read {path}: {exc.strerror}",
                          "check the path of the exported log") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise VerifyError(Verdict.MALFORMED, f"{path.name} is not a fieldkit audit export (not UTF-8 text)",
                          "give the .jsonl file written by `fieldkit audit export`") from exc
    return parse_export(text, path.name)


def export_text(entries: list[Entry], public_hex: str, private_hex: str) -> str:
    """An export file: the signed header, then one entry per line."""
    head = entries[-1].hash if entries else GENESIS
    header = {"fieldkit_audit_export": HEADER_VERSION, "public_key": public_hex, "entries": len(entries),
              "head": head, "sig": sign(private_hex, header_message(len(entries), head))}
    return json.dumps(header, sort_keys=True) + "\n" + "".join(entry.to_json() + "\n" for entry in entries)


# --------------------------------------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainResult:
    entries: int
    head: str
    declared_at: int | None  # the entry that declares the audit key inside the chain (None: never declared)

    @property
    def checkpoint(self) -> str:
        return checkpoint_of(self.entries, self.head)


def verify_entries(entries: Iterable[Entry], public_key: str | None = None,
                   checkpoint: Checkpoint | None = None) -> ChainResult:
    """Check every entry in order (data, sequence, link, hash, signature, declared key, checkpoint); raise
    VerifyError at the first that does not fit. With ``public_key`` None, signatures are not checked (a chain
    from before the project had a key)."""
    prev, expected, declared_at = GENESIS, 1, None
    for entry in entries:
        problem = data_problem(entry.event, entry.data)
        if problem:
            raise VerifyError(Verdict.FORBIDDEN_DATA,
                              f"audit entry {entry.seq} holds data an audit entry may not carry ({problem})")
        if entry.seq != expected:
            raise VerifyError(Verdict.SEQUENCE,
                              f"audit entry {expected} is missing (found entry {entry.seq} in its place)")
        if entry.prev != prev:
            raise VerifyError(Verdict.BROKEN_LINK, f"audit entry {entry.seq} does not follow entry {entry.seq - 1}")
        if entry_hash(entry.seq, entry.ts, entry.event, entry.data, entry.prev) != entry.hash:
            raise VerifyError(Verdict.BAD_HASH,
                              f"audit entry {entry.seq} ({entry.event}) was altered: its hash does not match")
        # every entry must be signed: an unsigned prefix would let a forger strip the signatures
        if public_key is not None and not signature_valid(public_key, entry.hash.encode("ascii"), entry.sig):
            raise VerifyError(Verdict.BAD_SIGNATURE,
                              f"audit entry {entry.seq} ({entry.event}) is not signed by the project's audit key")
        if KEY_FIELD in entry.data:
            if public_key is not None and entry.data[KEY_FIELD] != public_key:
                raise VerifyError(Verdict.KEY_MISMATCH,
                                  f"audit entry {entry.seq} declares another audit key than the one that signed "
                                  "the log: it was re-signed")
            declared_at = declared_at or entry.seq
        if checkpoint and entry.seq == checkpoint.entries and not entry.hash.startswith(checkpoint.prefix):
            raise VerifyError(Verdict.CHECKPOINT_MISMATCH,
                              f"audit entry {entry.seq} differs from the witnessed checkpoint: the log was rebuilt")
        prev = entry.hash
        expected += 1
    count = expected - 1
    if count == 0:
        raise VerifyError(Verdict.EMPTY, "the audit log is empty: a fieldkit log always starts with project_created",
                          "the log was emptied, or this is not an audit export; keep it as evidence")
    if checkpoint and count < checkpoint.entries:
        raise VerifyError(Verdict.TRUNCATED_BEFORE_CHECKPOINT,
                          f"the log ends at entry {count}, before the witnessed checkpoint {checkpoint.entries}: "
                          "truncated")
    return ChainResult(count, prev, declared_at)


@dataclass(frozen=True)
class Verification:
    verdict: Verdict  # OK or OK_UNPINNED
    entries: int
    head: str
    public_key: str
    pinned_by: tuple[str, ...]  # "public key", "fingerprint", "checkpoint" (empty: unpinned)

    @property
    def checkpoint(self) -> str:
        return checkpoint_of(self.entries, self.head)

    @property
    def pinned(self) -> bool:
        return bool(self.pinned_by)


UNPINNED_MESSAGE = "UNPINNED: anyone could have made this log"
UNPINNED_HINT = ("pin it: --public-key with the audit key or fingerprint the project printed when it was made, "
                 "--checkpoint with a checkpoint sent home, or --pin with the board's pin file; "
                 "--trust-embedded-key checks it against the key the file itself carries")


def verify_export(export: Export, pin: Pin | None = None, *, trust_embedded_key: bool = False) -> Verification:
    """Verify an export against the board's pin, in the order of docs/audit-format.md."""
    pin = pin or Pin()
    key = export.public_key
    if pin.pins_key and not pin.key_matches(key):
        raise VerifyError(Verdict.KEY_MISMATCH,
                          "the export is signed with another audit key than the one pinned: it was re-signed "
                          f"(its key's fingerprint is {fingerprint(key)})",
                          "keep the file as evidence; the project's key was printed by `fieldkit init`")
    header = export.header
    if not signature_valid(key, header_message(header["entries"], header["head"]), header["sig"]):
        raise VerifyError(Verdict.BAD_HEADER_SIGNATURE, "the export's header is not signed by its audit key")
    result = verify_entries(export.entries, key, pin.checkpoint)
    if (result.entries, result.head) != (header["entries"], header["head"]):
        raise VerifyError(Verdict.LENGTH_MISMATCH,
                          f"the export says it holds {header['entries']} entries ending at head "
                          f"{str(header['head'])[:12]}… but has {result.entries}: entries were removed or added "
                          "at the end")
    pinned_by = []
    if pin.public_key:
        pinned_by.append("public key")
    if pin.fingerprint:
        pinned_by.append("fingerprint")
    if pin.checkpoint and result.declared_at is not None and result.declared_at <= pin.checkpoint.entries:
        pinned_by.append("checkpoint")
    if pinned_by:
        return Verification(Verdict.OK, result.entries, result.head, key, tuple(pinned_by))
    if trust_embedded_key:
        return Verification(Verdict.OK_UNPINNED, result.entries, result.head, key, ())
    if pin.checkpoint:
        raise VerifyError(Verdict.UNPINNED,
                          f"{UNPINNED_MESSAGE} (the checkpoint does not pin the key: the log declares its key "
                          f"{'at entry ' + str(result.declared_at) if result.declared_at else 'nowhere'}, after "
                          f"entry {pin.checkpoint.entries})", UNPINNED_HINT)
    raise VerifyError(Verdict.UNPINNED, UNPINNED_MESSAGE, UNPINNED_HINT)
