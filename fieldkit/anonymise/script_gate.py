"""Which patterns cannot match a text without a Cyrillic letter, so that English and Latin-letter text skips them.

Most of fieldkit's patterns read Russian or Kazakh words («лет», «тысяч», «көшесі»); scanning a 90-minute English
transcript with each of them costs time and can find nothing. Whether a pattern needs a Cyrillic letter is read
from the pattern itself (its parsed form), not declared by hand, so a pattern that gains an English alternative
is scanned again without anyone remembering to say so. The reading is conservative: anything it does not
understand counts as "may match without Cyrillic", and then the pattern is always scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

try:  # the parser the re module itself uses (Python 3.11+); older Pythons name it sre_parse
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - depends on the Python version
    import sre_constants as _c
    import sre_parse as _p

_CYRILLIC = re.compile(r"[\u0400-\u052F]")


def _is_cyrillic(code: int) -> bool:
    return 0x0400 <= code <= 0x052F


def _set_is_cyrillic(items) -> bool:
    """A character class every member of which is a Cyrillic letter (no negation, no \\w or \\s)."""
    for op, value in items:
        if op is _c.LITERAL and _is_cyrillic(value):
            continue
        if op is _c.RANGE and _is_cyrillic(value[0]) and _is_cyrillic(value[1]):
            continue
        return False
    return bool(items)


def _sequence_needs(sequence) -> bool:
    return any(_node_needs(op, value) for op, value in sequence)


def _node_needs(op, value) -> bool:
    """Whether every way of matching this node consumes or asserts a Cyrillic letter."""
    if op is _c.LITERAL:
        return _is_cyrillic(value)
    if op is _c.IN:
        return _set_is_cyrillic(value)
    if op is _c.SUBPATTERN:
        return _sequence_needs(value[-1])
    if op is _c.BRANCH:
        return all(_sequence_needs(branch) for branch in value[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        return value[0] >= 1 and _sequence_needs(value[2])
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence_needs(value)
    if op is _c.ASSERT:  # a lookahead or lookbehind that must hold needs its letter somewhere in the text
        return _sequence_needs(value[1])
    if op is _c.GROUPREF_EXISTS:
        return value[2] is not None and _sequence_needs(value[1]) and _sequence_needs(value[2])
    return False


#: id(pattern) -> (pattern, whether it needs Cyrillic); the pattern is kept so that its id is never reused (a
#: compiled pattern's own hash reads its whole code, which for a gazetteer of names is long)
_READ: dict[int, tuple[re.Pattern, bool]] = {}


def needs_cyrillic(pattern: re.Pattern) -> bool:
    """True when no text without a Cyrillic letter can hold a match of ``pattern``."""
    known = _READ.get(id(pattern))
    if known is not None and known[0] is pattern:
        return known[1]
    try:
        needs = isinstance(pattern, re.Pattern) and isinstance(pattern.pattern, str) and _sequence_needs(
            _p.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply always scanned
        needs = False
    _READ[id(pattern)] = (pattern, needs)
    return needs


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def scannable(patterns: Iterable[re.Pattern], text: str) -> list[re.Pattern]:
    """The patterns worth scanning ``text`` with: all of them, unless the text has no Cyrillic letter."""
    if has_cyrillic(text):
        return list(patterns)
    return [pattern for pattern in patterns if not needs_cyrillic(pattern)]


def finditer(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, or nothing at once where the pattern needs a letter the text lacks."""
    if needs_cyrillic(pattern) and not has_cyrillic(text):
        return iter(())
    return pattern.finditer(text)
