"""A pattern tried only around a keyword its every match holds.

A pattern that may begin at any word is tried at every word of a 90-minute transcript, which costs a tenth of a
second for each such pattern. When each match is known to hold a keyword, the pattern runs only in windows around
the keyword's hits, with the same matches as over the whole text as long as no match reaches further than
``reach`` characters from its keyword.
"""

from __future__ import annotations

import re


def matches_near(pattern: re.Pattern, anchor: re.Pattern, text: str, reach: int) -> list[re.Match]:
    """``pattern``'s matches in ``text`` that lie within ``reach`` characters of a hit of ``anchor``.

    Windows that touch are merged and each is widened to whole words, so a match is never cut at a window's edge
    (a cut word would satisfy a pattern's ``(?!\\w)``) and two windows never report overlapping matches.
    """
    windows: list[list[int]] = []
    for hit in anchor.finditer(text):
        start, end = _word_start(text, max(0, hit.start() - reach)), _word_end(text, hit.end() + reach)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [match for start, end in windows for match in pattern.finditer(text, start, end)]


def _word_start(text: str, position: int) -> int:
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _word_end(text: str, position: int) -> int:
    position = min(len(text), position)
    while position < len(text) and not text[position].isspace():
        position += 1
    return position
