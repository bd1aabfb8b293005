"""A trader's place at a bazaar, said in words or hurried figures: «девятый ряд контейнер сто сорок три», «ряд 22,
конт. 317», «жетінші қатары жүз он төртінші контейнер», "row eighteen container two oh four", "14-qatar,
56-konteiner", «Зелёный базар, место 48».

A row and a container number lead to one person as surely as a street and a house (ADDRESS): the trader stands
there every day. The numbers may be digits, number words in Russian, Kazakh or English, or ordinals, before or after
their word. Two such parts make an address; one part does when a bazaar was named just before it.
"""

from __future__ import annotations

import re

from fieldkit.anonymise.findings import Finding
from fieldkit.anonymise.number_words import HUNDREDS, KAZAKH_ORDINAL_ENDINGS, TEENS, TENS, UNITS

_SCORE = 0.8
#: the words of a place at a bazaar, in every case, abbreviated, and in messenger Latin and English
_STALL_WORD = re.compile(
    r"ряд|ряда|ряду|рядом|р|контейнер\w*|конт|бутик\w*|павильон\w*|место|места|месте|қатар\w*|катар\w*|row|ryad\w*|"
    r"konteiner\w*|kontejner\w*|container|butik\w*|boutique|qatar\w*|stall|pavilon\w*|mesto", re.IGNORECASE)
#: the row words: a row alone is no one's place
_ROW = re.compile(r"ряд\w*|р|қатар\w*|катар\w*|row|ryad\w*|qatar\w*", re.IGNORECASE)
#: a bazaar named just before: «Зелёный базар, место 48», «барахолка, ряд 4»
_BAZAAR = re.compile(r"базар\w*|барахолк\w*|рын(?:ок|ке|ка)|bazaar|bazar\w*|barakholk\w*|baraholk\w*|market",
                     re.IGNORECASE)
_NUMBER_WORDS = frozenset({*UNITS, *TEENS, *TENS, *HUNDREDS, "жүз", "жуз", "hundred", "double", "triple"})
#: ordinals: Russian («девятый», «сорок третьем»), English ("ninth"), Kazakh by their endings («төртінші»)
_RUSSIAN_ORDINAL = re.compile(
    r"(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|"
    r"пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат|сороков|пятидесят|шестидесят|семидесят|"
    r"восьмидесят|девяност|сот)(?:ый|ий|ой|ая|ое|ого|ом|ому|ую|ом)", re.IGNORECASE)
_ENGLISH_ORDINAL = re.compile(r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
                              r"\w+teenth|\w+ieth", re.IGNORECASE)
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
#: what may stand between a word and its number, or between the two parts: spaces, «№», a dash, a comma
_GAP = re.compile(r"[\s№#.,:\-]*")
_MAX_NUMBER_WORDS = 6


#: the Kazakh numbers an ordinal is made from («төрт» of «төртінші»)
_KAZAKH_STEMS = ("бір", "бир", "екі", "еки", "үш", "уш", "төрт", "торт", "бес", "алты", "жеті", "жети", "сегіз",
                 "сегиз", "тоғыз", "тогыз", "он", "жиырма", "отыз", "қырық", "кырык", "елу", "алпыс", "жетпіс",
                 "жетпис", "сексен", "тоқсан", "токсан", "жүз", "жуз")


def _number(word: str) -> bool:
    """A part of a stall's number: up to four digits, a number word, or an ordinal in Russian, English or Kazakh."""
    lowered = word.casefold()
    if lowered.isdigit():
        return len(lowered) <= 4
    return (lowered in _NUMBER_WORDS or bool(_RUSSIAN_ORDINAL.fullmatch(lowered))
            or bool(_ENGLISH_ORDINAL.fullmatch(lowered))
            or (lowered.endswith(KAZAKH_ORDINAL_ENDINGS) and any(lowered.startswith(unit) for unit in _KAZAKH_STEMS)))


def _joined(text: str, left: tuple[int, int, str], right: tuple[int, int, str], *, comma: bool = False) -> bool:
    between = text[left[1]:right[0]]
    return bool(_GAP.fullmatch(between)) and ("," not in between or comma) and "\n" not in between


def _parts(text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, int, int]]:
    """(first token, last token, start, end) of each stall word with its number, before or after it."""
    parts = []
    for index, (_, _, word) in enumerate(tokens):
        if not _STALL_WORD.fullmatch(word):
            continue
        if word.casefold() == "р" and not text.startswith(".", tokens[index][1]):
            continue  # «р.» for «ряд» only when a note abbreviates it
        last = index
        while (last + 1 < len(tokens) and last - index < _MAX_NUMBER_WORDS and _number(tokens[last + 1][2])
               and _joined(text, tokens[last], tokens[last + 1])):
            last += 1
        first = index
        if last > index and last + 1 < len(tokens) and _STALL_WORD.fullmatch(tokens[last + 1][2]) and index > 0 \
                and _number(tokens[index - 1][2]) and _joined(text, tokens[index - 1], tokens[index]):
            last = index  # «жетінші қатары жүз он төртінші контейнер»: numbers come first, the Kazakh order
        if last == index:  # the number before its word: «девятый ряд», «14-qatar», «жүз он төртінші контейнер»
            while (first - 1 >= 0 and index - first < _MAX_NUMBER_WORDS and _number(tokens[first - 1][2])
                   and _joined(text, tokens[first - 1], tokens[first])):
                first -= 1
        if first < index or last > index:
            parts.append((first, last, tokens[first][0], tokens[last][1]))
    return parts


def find_market_stalls(text: str) -> list[tuple[int, int]]:
    """(start, end) of each place at a bazaar: two stall parts next to each other, or one after a bazaar's name."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    parts = _parts(text, tokens)
    found = []
    used = set()
    for number, (first, last, start, end) in enumerate(parts):
        if number in used:
            continue
        if number + 1 < len(parts):
            next_first, _, _, next_end = parts[number + 1]
            if next_first == last + 1 and _joined(text, tokens[last], tokens[next_first], comma=True):
                found.append((start, next_end))
                used.add(number + 1)
                continue
        word = next(w for _, _, w in tokens[first:last + 1] if _STALL_WORD.fullmatch(w))
        if not _ROW.fullmatch(word) and any(_BAZAAR.fullmatch(tokens[i][2]) for i in range(max(0, first - 2), first)):
            found.append((start, end))  # (a row alone holds a hundred traders: «на Барахолке (ряд 14)» names none)
    return found


def with_market_stalls(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each place at a bazaar (``find_market_stalls``) as an ADDRESS; numbers read inside it as
    sums, terms or ages go into it."""
    added = []
    for start, end in find_market_stalls(text):
        overlapping = [f for f in findings if f.start < end and start < f.end]
        if any(not (start <= f.start and f.end <= end) for f in overlapping):
            continue  # (a found address or place that runs past it already holds it)
        added.append(Finding("ADDRESS", start, end, _SCORE, text[start:end]))
    if not added:
        return findings
    kept = [f for f in findings if not any(a.start <= f.start and f.end <= a.end for a in added)]
    return sorted([*kept, *added], key=lambda f: f.start)
