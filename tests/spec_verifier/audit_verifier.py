"""A clean-room verifier for the fieldkit audit export format (version 1).

Written only from docs/audit-format.md, sections 2-6.  It imports nothing from
fieldkit; the only dependency outside the standard library is `cryptography`
(Ed25519).

Readings chosen where the specification is ambiguous (the most literal one):

A1. Parse-time (MALFORMED) value checks.  Section 2 lists what makes a line
    MALFORMED (bad JSON, not an object, repeated key, NaN/Infinity, wrong key
    set, wrong type) and says explicitly "any other value is MALFORMED" only for
    `fieldkit_audit_export` and "any other form is MALFORMED" only for `ts`.
    The "value" column's formats for `public_key`, `head`, `prev`, `hash` (64
    lower-case hex) are therefore NOT checked at parse time; a wrong spelling
    falls through to the later step that compares it (KEY_MISMATCH /
    BAD_HEADER_SIGNATURE / BROKEN_LINK / BAD_HASH / LENGTH_MISMATCH).
    `entries` has "integer >= 0" in its *type* column, so a negative `entries`
    is MALFORMED.
A2. `ts` form is checked as the digit pattern YYYY-MM-DDTHH:MM:SS.ffffffZ with
    ASCII digits only; calendar validity (month 13, Feb 30) is not checked,
    because the text only prescribes the form.
A3. "1.0 is not an integer": any JSON number with a fraction or an exponent
    (including `1e0`) is a float; only digit strings (optionally `-`) are
    integers.  `-0` is the integer 0 and is serialised as `0` ("integers in
    decimal, with no sign for positive numbers and no leading zeros").
A4. Float values in `data` must be "written as Python's repr writes it"; this is
    checked as repr(float(text)) == text (so `12.50`, `1E-05`, `1e-5`, `1e999`
    are FORBIDDEN_DATA).  The canonical body copies the float's text from the
    line (parse_float hook keeps the text), never re-formats a double.
    Integer text is also kept (parse_int hook) so huge integers never hit
    Python's int-string conversion limit.
A5. The string grammar of section 3.2 is applied to the *decoded* JSON string
    (so "\\u0041" is the value "A" and allowed); the same for `ts` and for keys.
    Repeated keys are detected after decoding escapes.
A6. The header signature's encoding is not stated ("is the Ed25519 signature");
    it is taken to be spelled like an entry signature: exactly 128 lower-case
    hex digits.  The signed message "<entries>:<head>" must be ASCII; a
    non-ASCII `head` makes the header signature invalid.
A7. A header `public_key` that is not 64 lower-case hex digits (or not a valid
    Ed25519 point) is "not a key": any key/fingerprint pin differs from it
    (KEY_MISMATCH), and no signature by it is valid (BAD_HEADER_SIGNATURE /
    BAD_SIGNATURE).  The key pin comparison is on the exact string.
A8. Step 4.6 compares `data.public_key` to the header's `public_key` as strings;
    a `null` public_key field is present and differs: KEY_MISMATCH.
A9. If both a key and a fingerprint are given as arguments they are both pins
    and "every pin must hold" (section 5, pin files): either one differing is
    KEY_MISMATCH (not an argument error).
A10. Arguments are read leniently: the key pin and fingerprint pin are
    case-insensitive; the fingerprint may contain spaces, `-` or `:` anywhere;
    the checkpoint's N may have leading zeros; surrounding whitespace is
    stripped.  Anything that is still not a key / fingerprint / checkpoint
    raises ValueError.
A11. A UTF-8 byte-order mark is not JSON whitespace, so a file starting with one
    is MALFORMED.  Non-ASCII but valid UTF-8 is not by itself MALFORMED
    ("All of the file's bytes are in fact ASCII" is descriptive); section 3.2
    makes it FORBIDDEN_DATA inside `data`/`event`.
A12. The event grammar `[A-Za-z0-9_.:+-]{0,96}` allows the empty event name.
A13. Ed25519 verification is whatever `cryptography` (OpenSSL) does; the spec
    does not say whether verification is cofactored or how non-canonical point
    or scalar encodings are treated.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

__all__ = ["verify", "VERDICTS", "main"]

VERDICTS = (
    "OK", "OK_UNPINNED", "UNPINNED", "MALFORMED", "KEY_MISMATCH",
    "BAD_HEADER_SIGNATURE", "FORBIDDEN_DATA", "SEQUENCE", "BROKEN_LINK",
    "BAD_HASH", "BAD_SIGNATURE", "CHECKPOINT_MISMATCH", "EMPTY",
    "TRUNCATED_BEFORE_CHECKPOINT", "LENGTH_MISMATCH",
)

ZERO_HASH = "0" * 64

HEADER_KEYS = frozenset({"fieldkit_audit_export", "public_key", "entries", "head", "sig"})
ENTRY_KEYS = frozenset({"seq", "ts", "event", "data", "prev", "hash", "sig"})

DATA_FIELDS = frozenset("""
approved archive blob_size category checkpoint chunks codec codings deadline destroyed duration_s
encrypted entities format interview kind language last_ts lost mode model now_ts object plain_size policy
policy_sha256 public_key reason recipients replaces respondent rows rule schema_version scope script sealed
segments sha256 slot sources version
""".split())

_VALUE_RE = re.compile(r"[A-Za-z0-9_.:+\-]{0,96}")
_TS_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_HEX64_LOWER = re.compile(r"[0-9a-f]{64}")
_SIG_RE = re.compile(r"[0-9a-f]{128}")
_HEX_ANY = re.compile(r"[0-9a-fA-F]+")
_DIGITS = re.compile(r"[0-9]+")


class _Malformed(Exception):
    pass


class Num:
    """A JSON number with its text kept exactly as written in the line."""

    __slots__ = ("text", "is_int")

    def __init__(self, text: str, is_int: bool) -> None:
        self.text = text
        self.is_int = is_int

    def int_text(self) -> str:
        """Canonical decimal of an integer (JSON integer text is already
        canonical except for `-0`)."""
        t = self.text
        return "0" if t == "-0" else t

    def is_negative(self) -> bool:
        return self.int_text().startswith("-")

    def __repr__(self) -> str:  # pragma: no cover - debugging only
        return f"Num({self.text!r})"


def _int_num(text: str) -> Num:
    return Num(text, True)


def _float_num(text: str) -> Num:
    return Num(text, False)


def _reject_constant(name: str):
    raise _Malformed(f"non-finite constant {name}")


def _no_duplicates(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise _Malformed(f"repeated key {k!r}")
        d[k] = v
    return d


_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicates,
    parse_int=_int_num,
    parse_float=_float_num,
    parse_constant=_reject_constant,
    strict=True,  # no raw control characters inside strings (RFC 8259)
)


def _parse_line(line: str):
    # json.loads-equivalent with our hooks; raw_decode + whitespace check so that
    # trailing garbage is rejected and only RFC 8259 whitespace is skipped.
    ws = " \t\n\r"
    i = 0
    n = len(line)
    while i < n and line[i] in ws:
        i += 1
    obj, end = _DECODER.raw_decode(line, i)
    while end < n and line[end] in ws:
        end += 1
    if end != n:
        raise _Malformed("trailing data")
    return obj


def _is_int(v) -> bool:
    return isinstance(v, Num) and v.is_int


def _check_header(h) -> None:
    if not isinstance(h, dict) or set(h) != HEADER_KEYS:
        raise _Malformed("header keys")
    v = h["fieldkit_audit_export"]
    if not _is_int(v) or v.int_text() != "1":
        raise _Malformed("version")
    if not isinstance(h["public_key"], str):
        raise _Malformed("public_key type")
    e = h["entries"]
    if not _is_int(e) or e.is_negative():
        raise _Malformed("entries type")
    if not isinstance(h["head"], str) or not isinstance(h["sig"], str):
        raise _Malformed("head/sig type")


def _check_entry(e) -> None:
    if not isinstance(e, dict) or set(e) != ENTRY_KEYS:
        raise _Malformed("entry keys")
    if not _is_int(e["seq"]):
        raise _Malformed("seq type")
    ts = e["ts"]
    if not isinstance(ts, str) or not _TS_RE.fullmatch(ts):
        raise _Malformed("ts")
    if not isinstance(e["event"], str):
        raise _Malformed("event type")
    if not isinstance(e["data"], dict):
        raise _Malformed("data type")
    if not isinstance(e["prev"], str) or not isinstance(e["hash"], str):
        raise _Malformed("prev/hash type")
    if e["sig"] is not None and not isinstance(e["sig"], str):
        raise _Malformed("sig type")


def _value_ok(v) -> bool:
    if v is None or v is True or v is False:
        return True
    if isinstance(v, Num):
        if v.is_int:
            return True
        try:
            return repr(float(v.text)) == v.text
        except (ValueError, OverflowError):
            return False
    if isinstance(v, str):
        return _VALUE_RE.fullmatch(v) is not None
    return False  # arrays, objects


def _data_ok(event, data) -> bool:
    if _VALUE_RE.fullmatch(event) is None:
        return False
    for k, v in data.items():
        if k not in DATA_FIELDS or not _value_ok(v):
            return False
    return True


# ---- canonical body (section 4), hand-written --------------------------------

def _canon_str(s: str) -> str:
    # Section 3.2 guarantees no character needing an escape reaches here.
    for ch in s:
        if ch in '"\\' or not (0x20 <= ord(ch) <= 0x7E):
            raise AssertionError("escape needed: data should have been FORBIDDEN_DATA")
    return '"' + s + '"'


def _canon(v) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, Num):
        return v.int_text() if v.is_int else v.text
    if isinstance(v, str):
        return _canon_str(v)
    if isinstance(v, dict):
        parts = [_canon_str(k) + ":" + _canon(v[k]) for k in sorted(v)]
        return "{" + ",".join(parts) + "}"
    raise AssertionError(f"unexpected value {type(v)!r}")


def canonical_body(entry: dict) -> bytes:
    body = {k: entry[k] for k in ("data", "event", "prev", "seq", "ts")}
    return _canon(body).encode("ascii")


# ---- keys and signatures ------------------------------------------------------

def _load_key(hex_key: str):
    """Ed25519 key from 64 lower-case hex digits, or None if it is not a key."""
    if not isinstance(hex_key, str) or not _HEX64_LOWER.fullmatch(hex_key):
        return None
    try:
        return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_key))
    except Exception:
        return None


def fingerprint_of(hex_key: str) -> str | None:
    if not _HEX64_LOWER.fullmatch(hex_key):
        return None
    return hashlib.sha256(bytes.fromhex(hex_key)).hexdigest()[:32]


def _sig_valid(key, sig, message: bytes) -> bool:
    if key is None or not isinstance(sig, str) or not _SIG_RE.fullmatch(sig):
        return False
    try:
        key.verify(bytes.fromhex(sig), message)
        return True
    except InvalidSignature:
        return False
    except Exception:
        return False


# ---- argument parsing ---------------------------------------------------------

def _norm_key_pin(k: str) -> str:
    s = k.strip()
    if len(s) != 64 or not _HEX_ANY.fullmatch(s):
        raise ValueError(f"public key pin is not 64 hex digits: {k!r}")
    s = s.lower()
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(s))
    except Exception as exc:
        raise ValueError(f"public key pin is not an Ed25519 key: {k!r}") from exc
    return s


def _norm_fingerprint(f: str) -> str:
    s = re.sub(r"[ \-:]", "", f.strip())
    if len(s) != 32 or not _HEX_ANY.fullmatch(s):
        raise ValueError(f"fingerprint is not 32 hex digits: {f!r}")
    return s.lower()


def _norm_checkpoint(c: str) -> tuple[int, str]:
    s = c.strip()
    n_text, sep, prefix = s.partition(":")
    if not sep or not _DIGITS.fullmatch(n_text):
        raise ValueError(f"checkpoint is not N:PREFIX: {c!r}")
    n = int(n_text) if len(n_text) < 4000 else None
    if n is None or n < 1:
        raise ValueError(f"checkpoint N must be >= 1: {c!r}")
    if not (16 <= len(prefix) <= 64) or not _HEX_ANY.fullmatch(prefix):
        raise ValueError(f"checkpoint prefix must be 16 to 64 hex digits: {c!r}")
    return n, prefix.lower()


# ---- verification (section 5) -------------------------------------------------

def _split_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8")  # strict: undecodable -> UnicodeDecodeError
    if "\r" in text:
        raise _Malformed("CR")
    if text.endswith("\n"):
        text = text[:-1]
    if text == "":
        raise _Malformed("no lines")
    lines = text.split("\n")
    if any(line == "" for line in lines):
        raise _Malformed("empty line")
    return lines


def _verify(data: bytes, key_pin, fp_pin, cp) -> tuple[str, bool]:
    """Steps 1-5; returns (verdict or "", declared_at_seq_le_N)."""
    # Step 1: parse.
    try:
        lines = _split_lines(data)
        parsed = [_parse_line(line) for line in lines]
        header = parsed[0]
        _check_header(header)
        entries = parsed[1:]
        for e in entries:
            _check_entry(e)
    except Exception:  # _Malformed, JSONDecodeError, UnicodeDecodeError, RecursionError, ...
        return "MALFORMED", False

    hdr_key_text: str = header["public_key"]
    hdr_key = _load_key(hdr_key_text)

    # Step 2: key pin.
    if key_pin is not None and hdr_key_text != key_pin:
        return "KEY_MISMATCH", False
    if fp_pin is not None and fingerprint_of(hdr_key_text) != fp_pin:
        return "KEY_MISMATCH", False

    # Step 3: header signature over "<entries>:<head>".
    try:
        message = (header["entries"].int_text() + ":" + header["head"]).encode("ascii")
    except UnicodeEncodeError:
        message = None
    if message is None or not _sig_valid(hdr_key, header["sig"], message):
        return "BAD_HEADER_SIGNATURE", False

    # Step 4: entries.
    expected = 1
    prev = ZERO_HASH
    declared_seq = None
    for e in entries:
        d = e["data"]
        if not _data_ok(e["event"], d):
            return "FORBIDDEN_DATA", False
        if e["seq"].int_text() != str(expected):
            return "SEQUENCE", False
        if e["prev"] != prev:
            return "BROKEN_LINK", False
        h = hashlib.sha256(canonical_body(e)).hexdigest()
        if h != e["hash"]:
            return "BAD_HASH", False
        if not _sig_valid(hdr_key, e["sig"], h.encode("ascii")):
            return "BAD_SIGNATURE", False
        if "public_key" in d:
            if d["public_key"] != hdr_key_text:
                return "KEY_MISMATCH", False
            if declared_seq is None:
                declared_seq = expected
        if cp is not None and expected == cp[0] and not h.startswith(cp[1]):
            return "CHECKPOINT_MISMATCH", False
        prev = h
        expected += 1

    # Step 5: length.
    count = len(entries)
    if count == 0:
        return "EMPTY", False
    if cp is not None and count < cp[0]:
        return "TRUNCATED_BEFORE_CHECKPOINT", False
    if header["entries"].int_text() != str(count) or header["head"] != prev:
        return "LENGTH_MISMATCH", False

    declared_ok = cp is not None and declared_seq is not None and declared_seq <= cp[0]
    return "", declared_ok


def verify(data: bytes, *, public_key: str | None = None, fingerprint: str | None = None,
           checkpoint: str | None = None, trust_embedded_key: bool = False) -> str:
    """Return exactly one verdict code (section 5) for the export `data`.

    Never raises for any `data`; raises ValueError for malformed pins.
    """
    key_pin = _norm_key_pin(public_key) if public_key is not None else None
    fp_pin = _norm_fingerprint(fingerprint) if fingerprint is not None else None
    cp = _norm_checkpoint(checkpoint) if checkpoint is not None else None
    if not isinstance(data, (bytes, bytearray, memoryview)):
        return "MALFORMED"
    try:
        verdict, declared_ok = _verify(bytes(data), key_pin, fp_pin, cp)
    except Exception:  # safety net: must never raise on input bytes
        return "MALFORMED"
    if verdict:
        return verdict
    # Step 6: pinned?
    if key_pin is not None or fp_pin is not None or declared_ok:
        return "OK"
    if trust_embedded_key:
        return "OK_UNPINNED"
    return "UNPINNED"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="audit_verifier",
                                description="Verify a fieldkit audit export (spec-only verifier).")
    p.add_argument("file")
    p.add_argument("--public-key")
    p.add_argument("--fingerprint")
    p.add_argument("--checkpoint")
    p.add_argument("--trust-embedded-key", action="store_true")
    a = p.parse_args(argv)
    try:
        with open(a.file, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        print(f"cannot read {a.file}: {exc}", file=sys.stderr)
        return 2
    try:
        v = verify(data, public_key=a.public_key, fingerprint=a.fingerprint,
                   checkpoint=a.checkpoint, trust_embedded_key=a.trust_embedded_key)
    except ValueError as exc:
        print(f"bad pin: {exc}", file=sys.stderr)
        return 2
    print(v)
    return 0 if v in ("OK", "OK_UNPINNED") else 11


if __name__ == "__main__":
    sys.exit(main())
