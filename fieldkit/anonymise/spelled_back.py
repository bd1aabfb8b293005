"""Russian and Kazakh in messenger Latin, spelled back in Cyrillic so that the number, date and quantity rules
written for Cyrillic read it too ("dali tri goda" → «дали три года», "sem vosem nol" → «сем восем нол»).

Each Latin word becomes a Kazakh number word or unit (``latin_words.kazakh_number_spelling``), the Russian word
form it spells (``latin_words.russian_spelling``) or, failing that,
the likeliest Cyrillic letters; digits and punctuation stay as they are. ``Spelled.latin_span`` maps a span
of the Cyrillic text back to whole words of the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from fieldkit.anonymise.latin_words import kazakh_number_spelling, plain_cyrillic, russian_spelling

#: a Latin word (with the messenger's «ŋ» for ң: "myŋ teŋge", and its «4» for ч inside a word or at either end of
#: one: "4to", "na4alnik", "tysya4"; not a digit of a plate or a code: "h 884 bm", "4x4")
_LATIN_RUN = re.compile(r"(?:(?<![\dA-Za-z])4(?=[a-z]{2})|[A-Za-z'ŋ])(?:[A-Za-z'ŋ]|(?<=[a-z])4(?![\dA-Za-z]*\d))*")


@dataclass(frozen=True)
class Spelled:
    text: str
    #: (start in ``text``, end in ``text``, start in the original, end in the original), one per Latin word
    words: tuple[tuple[int, int, int, int], ...]

    def latin_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that ``text[start:end]`` came from, widened to whole words."""
        starts = [word[0] for word in self.words]
        return self._original(start, starts, first=True), self._original(end, starts, first=False)

    def _original(self, position: int, starts: list[int], *, first: bool) -> int:
        index = bisect_right(starts, position if first else position - 1) - 1
        shift = 0
        if index >= 0:
            cyr_start, cyr_end, lat_start, lat_end = self.words[index]
            if cyr_start <= (position if first else position - 1) < cyr_end:
                return lat_start if first else lat_end
            shift = lat_end - cyr_end  # past this word: the text between keeps its length
        return position + shift


def spell_in_cyrillic(text: str) -> Spelled:
    out, spans, cursor, shift = [], [], 0, 0
    for match in _LATIN_RUN.finditer(text):
        out.append(text[cursor:match.start()])
        word = match.group().replace("4", "ch")
        cyrillic = kazakh_number_spelling(word) or russian_spelling(word) or plain_cyrillic(word)
        start = match.start() + shift
        spans.append((start, start + len(cyrillic), match.start(), match.end()))
        out.append(cyrillic)
        shift += len(cyrillic) - (match.end() - match.start())
        cursor = match.end()
    out.append(text[cursor:])
    return Spelled("".join(out), tuple(spans))
