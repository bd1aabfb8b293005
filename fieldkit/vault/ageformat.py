"""Strict structural checks on an age header, before the primitives see it.

rage (behind pyrage) accepts a few malformed headers that the age specification and the C2SP vectors
reject — e.g. a stanza whose body lacks its final short line. The vault refuses them, so a damaged or
crafted blob is reported as damaged instead of being half-trusted.
"""

from __future__ import annotations

import binascii

VERSION_LINE = b"age-encryption.org/v1"
BODY_LINE = 64


class AgeFormatError(ValueError):
    pass


def check_header(data: bytes) -> None:
    """Raise AgeFormatError unless ``data`` starts with a well-formed binary age header."""
    lines = data.split(b"\n")
    if not lines or lines[0] != VERSION_LINE:
        raise AgeFormatError("not an age v1 file")
    index, stanzas = 1, 0
    while index < len(lines) and lines[index].startswith(b"-> "):
        if not all(lines[index][3:].split(b" ")):
            raise AgeFormatError("stanza with an empty argument")
        index += 1
        while True:
            if index >= len(lines):
                raise AgeFormatError("header ends inside a stanza")
            body = lines[index]
            if body.startswith((b"-> ", b"---")):
                raise AgeFormatError("stanza body must end with a short line")
            if len(body) > BODY_LINE:
                raise AgeFormatError("stanza body line too long")
            try:
                binascii.a2b_base64(body + b"=" * (-len(body) % 4), strict_mode=True)
            except binascii.Error as exc:
                raise AgeFormatError("stanza body is not base64") from exc
            index += 1
            if len(body) < BODY_LINE:
                break
        stanzas += 1
    if stanzas == 0:
        raise AgeFormatError("no recipient stanzas")
    if index >= len(lines) or not lines[index].startswith(b"--- "):
        raise AgeFormatError("missing header MAC line")
