"""A pattern tried only around a keyword its every match holds.

A pattern that may begin at any word is tried at every word of a 90-minute transcript, which costs a tenth of a
second for each such pattern. When each match is known to hold a keyword, the pattern runs only in windows around
the keyword's hits, with the same matches as over the whole text as long as no match reaches further than
``reach`` characters from its keyword.
"""

from __future__ import annotations

import re

from fieldkit.anonymise.script_gate import has_cyrillic, needs_cyrillic


def matches_near(pattern: re.Pattern, anchor: re.Pattern, text: str, reach: int) -> list[re.Match]:
    """``pattern``'s matches in ``text`` that lie within ``reach`` characters of a hit of ``anchor``.

    Windows that touch are merged and each is widened to whole words, so a match is never cut at a window's edge
    (a cut word would satisfy a pattern's ``(?!\\w)``) and two windows never report overlapping matches.
    """
    if (needs_cyrillic(pattern) or needs_cyrillic(anchor)) and not has_cyrillic(text):
        return []
    windows: list[list[int]] = []
    for hit in anchor.finditer(text):
        # each character is scanned once at most, so a text without spaces («««…») costs no more than prose
        floor = windows[-1][1] if windows else 0
        start, end = _word_start(text, max(0, hit.start() - reach), floor), hit.end() + reach
        if windows and start <= floor:
            if end > windows[-1][1]:
                windows[-1][1] = _word_end(text, end)
        else:
            windows.append([start, _word_end(text, end)])
    return [match for start, end in windows for match in pattern.finditer(text, start, end)]


def _word_start(text: str, position: int, floor: int) -> int:
    """``position`` moved back to its word's start, or to ``floor`` (where the window before ends) if sooner."""
    while position > floor and not text[position - 1].isspace():
        position -= 1
    return position


def _word_end(text: str, position: int) -> int:
    position = min(len(text), position)
    while position < len(text) and not text[position].isspace():
        position += 1
    return position
