"""A clean-room verifier for the fieldkit audit export format (version 1).

Written only from docs/audit-format.md, sections 2-6.  It imports nothing from
fieldkit; the only dependency outside the standard library is `cryptography`
(Ed25519).

Readings chosen where the specification was ambiguous.  The specification has
since been clarified; each reading says whether the text now settles it
("SETTLED", quoting the spec) or whether it is still the verifier's own
choice ("OPEN").

A1. Parse-time (MALFORMED) value checks.  SETTLED (changed): the header's
    `public_key` must be "64 lower-case hex digits ...; anything else is
    MALFORMED"; a negative `entries` is MALFORMED; the header `head` ("any
    string parses"), the header `sig` ("any other spelling fails at step 3")
    and an entry's `prev` / `hash` ("any string parses") are not checked at
    parse time and fall through to the step that compares them.
    OPEN: whether 64 hex digits that are not a valid Ed25519 point are
    MALFORMED.  `cryptography` loads any 32 bytes, so such a key is taken as
    well-formed and no signature by it verifies (BAD_HEADER_SIGNATURE).
A2. `ts` must be "exactly YYYY-MM-DDTHH:MM:SS.ffffffZ (six fraction digits);
    any other form is MALFORMED" (SETTLED).  OPEN: calendar validity (month 13,
    Feb 30) is not checked; only the form is prescribed.
A3. SETTLED: "An integer is written in decimal with no fraction and no
    exponent. A number with a `.` or an exponent is a float", and "`1.0` is
    not an integer, and `true` is not an integer".  OPEN: the integer text
    `-0` ("fieldkit never writes `-0`" gives no verdict).  It is read as the
    integer 0 and serialised as `0` in the canonical body.
A4. SETTLED: a float must be exactly Python's repr text ("A float whose text
    is not exactly that form (`1E-05`, `1e-5`, `12.50`) is FORBIDDEN_DATA"),
    checked as repr(float(text)) == text (so `1e999` is FORBIDDEN_DATA too),
    and the canonical body copies the float's text from the line.  Integer
    text is kept too, so huge integers never hit Python's int-string
    conversion limit.  OPEN: `-0.0` is repr's own text and is accepted, though
    "fieldkit never writes `-0`".
A5. SETTLED: "The grammar applies to the string after JSON unescaping", so
    "\\u0041" is the value "A" and allowed, and "\\u0418" is FORBIDDEN_DATA.
    The same is done for `data` keys.  OPEN: repeated keys are detected after
    decoding escapes (`"a"` and `"\\u0061"` are the same key).
A6. SETTLED: the header `sig` is "128 lower-case hex digits; any other
    spelling fails at step 3".  OPEN: the signed message is "the ASCII bytes
    of `<entries>:<head>`"; a non-ASCII `head` has no ASCII bytes, so the
    header signature is invalid (BAD_HEADER_SIGNATURE).
A7. Key pin comparison is on the normalised (lower-case) key against the
    header's key, which A1 now forces to be 64 lower-case hex digits; the
    fingerprint is computed from it (SETTLED by section 2.1).
A8. Step 4.6 compares `data.public_key` to the header's `public_key` as
    strings ("it equals the header's `public_key`"); a `null` public_key is
    present and differs: KEY_MISMATCH.  OPEN only as to spelling: an
    upper-case copy of the key is a different string.
A9. SETTLED (changed): "When a key and a fingerprint are both given ... they
    must agree; if they disagree, that is a usage error (exit 2) before the
    log is read."  verify() raises ValueError when they disagree.
A10. SETTLED (changed): options are read as "a key or fingerprint in either
    case, with spaces, `-` or `:` anywhere; a checkpoint `N:PREFIX`, with `N`
    in decimal (leading zeros allowed) and `PREFIX` in either case".  The key
    pin now accepts separators like the fingerprint.  A huge N is kept (it
    simply lies beyond the log).  Anything that is still not a key /
    fingerprint / checkpoint raises ValueError.  OPEN: surrounding whitespace
    other than spaces (tabs, newlines) is stripped; the text names only
    spaces.  Pin files (TOML) are not read by this verifier; verify() takes
    one pin of each kind.
A11. A UTF-8 byte-order mark is not JSON whitespace, so a file starting with
    one is MALFORMED (OPEN), and bytes that are not UTF-8 are MALFORMED ("An
    export is UTF-8 text").  SETTLED: non-ASCII text is not by itself
    MALFORMED; inside `data` / `event` it is FORBIDDEN_DATA ("`\\u0418` is
    forbidden like" the raw character).
A12. SETTLED: "The grammar allows an empty name, though fieldkit never writes
    one": the empty event name is accepted.  An empty `data` field name is not
    in the list: FORBIDDEN_DATA.
A13. SETTLED: "fieldkit verifies with OpenSSL's Ed25519, through
    `cryptography`, which does RFC 8032 verification and refuses a
    non-canonical `S`"; a signature is valid "only in its canonical spelling:
    exactly 128 lower-case hex digits".  This verifier uses the same library.
A14. Output (main): SETTLED, for OK_UNPINNED "Every line the verifier prints on
    standard output MUST begin with `UNPINNED:`".  Other verdicts print the
    bare code; diagnostics go to standard error.  Exit codes: 0 for OK and
    OK_UNPINNED, 11 for every other verdict, 2 for a bad option or an
    unreadable file.
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
    if not isinstance(h["public_key"], str) or not _HEX64_LOWER.fullmatch(h["public_key"]):
        raise _Malformed("public_key: not 64 lower-case hex digits")
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

_PIN_SEPARATORS = re.compile(r"[ \-:]")


def _require_str(v, what: str) -> str:
    if not isinstance(v, str):
        raise ValueError(f"{what} must be a string, not {type(v).__name__}")
    return v


def _norm_key_pin(k: str) -> str:
    # "a key or fingerprint in either case, with spaces, `-` or `:` anywhere"
    s = _PIN_SEPARATORS.sub("", _require_str(k, "public key pin").strip())
    if len(s) != 64 or not _HEX_ANY.fullmatch(s):
        raise ValueError(f"public key pin is not 64 hex digits: {k!r}")
    s = s.lower()
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(s))
    except Exception as exc:
        raise ValueError(f"public key pin is not an Ed25519 key: {k!r}") from exc
    return s


def _norm_fingerprint(f: str) -> str:
    s = _PIN_SEPARATORS.sub("", _require_str(f, "fingerprint").strip())
    if len(s) != 32 or not _HEX_ANY.fullmatch(s):
        raise ValueError(f"fingerprint is not 32 hex digits: {f!r}")
    return s.lower()


def _norm_checkpoint(c: str) -> tuple[int, str]:
    s = _require_str(c, "checkpoint").strip()
    n_text, sep, prefix = s.partition(":")
    if not sep or not _DIGITS.fullmatch(n_text):
        raise ValueError(f"checkpoint is not N:PREFIX: {c!r}")
    n_text = n_text.lstrip("0")  # "N in decimal (leading zeros allowed)"
    if not n_text:
        raise ValueError(f"checkpoint N must be >= 1: {c!r}")
    # An N too long for int() lies beyond any log this process can hold; any
    # larger-than-possible value gives the same comparisons.
    n = int(n_text) if len(n_text) < 4000 else 10**4000
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

    Never raises for any `data`; raises ValueError for a usage error: a pin
    that is not a key / fingerprint / checkpoint, or a key and a fingerprint
    that disagree.
    """
    key_pin = _norm_key_pin(public_key) if public_key is not None else None
    fp_pin = _norm_fingerprint(fingerprint) if fingerprint is not None else None
    cp = _norm_checkpoint(checkpoint) if checkpoint is not None else None
    # Section 5, pin files: a key and a fingerprint that disagree are a usage
    # error "before the log is read".
    if key_pin is not None and fp_pin is not None and fingerprint_of(key_pin) != fp_pin:
        raise ValueError("the public key pin and the fingerprint pin disagree")
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
    if v == "OK_UNPINNED":
        # Section 5, step 6: every stdout line MUST begin with "UNPINNED:".
        print("UNPINNED: consistent only with the key the file carries, which nothing pins [OK_UNPINNED]")
    else:
        print(v)
    return 0 if v in ("OK", "OK_UNPINNED") else 11


if __name__ == "__main__":
    sys.exit(main())
