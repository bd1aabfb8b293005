"""Small firms named by a place or an invented word and their trade, in lower case, as whisper writes speech and
messengers type: "atyrau trans logistic", "zhaiyk agro holding", "west kaz drilling supply", and in Cyrillic with a
Kazakh or Russian case ending on the trade: «аксай газ монтажга», «нұр жол логистиктің», «батыс вахта транста».

Such a name is a place or an invented word, then the words that say what the firm does, the last of them one that
only a firm's name ends with ("service", "supply", "logistic", "holding", "drilling"…). Without capitals nothing else
marks it, and the place alone, when found, would be generalised while the firm's own words stayed. The name is taken
back from the trade word over words no English or Russian dictionary has and over the few English words of
geography firm names open with ("west", "caspian"), and needs one such word, or two trade words, to count.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from fieldkit.anonymise.findings import Finding
from fieldkit.anonymise.script_gate import has_cyrillic

#: words a firm's name ends with, and no ordinary phrase does
_LAST_TRADE_WORDS = frozenset({
    "service", "services", "servis", "servise", "serwis", "supply", "supplies", "logistic", "logistics", "export",
    "import", "handling", "drilling", "petroleum", "trans", "trade", "trading", "invest", "agro", "cargo",
    "kontraktors", "stroy", "stroi", "development", "engineering", "holding", "holdings", "llp", "ltd", "metall",
    "munai", "munay", "energy", "energo", "construction", "motors", "travel", "consulting", "solutions", "mining",
    "corp", "corporation", "operating", "montazh", "montaj", "taxi", "palace", "fitness", "pharm", "farm", "wash",
})
#: how often an English word may be used and still be a Kazakh firm's own word: "kok", "aru", "dari" (under one in
#: a million words)
_RARE_ENGLISH = 1e-6
#: words a firm's name may hold before its last word, which also occur in ordinary phrases
_INNER_TRADE_WORDS = frozenset({"oil", "gas", "gaz", "fish", "meat", "grain", "auto", "tour", "market", "metal",
                                "steel", "komir", "media", "press", "astyk", "tank", "build", "plus", "techno",
                                "tech", "food", "water", "sea", "port"})
#: English words of geography a firm's name may open with
_GEOGRAPHY = frozenset({"west", "east", "north", "south", "western", "eastern", "northern", "southern", "central",
                        "caspian", "kaz", "great", "golden", "steppe", "batys", "shygys", "ortalyk"})
_WORD = re.compile(r"[a-z][a-z'-]*", re.IGNORECASE)

#: the same in Cyrillic: the trade a firm's name ends with, in any Kazakh or Russian case («логистиктің»,
#: «сервисте», «монтажга», «бұрғылауда»)
_CYRILLIC_LAST = re.compile(
    # (not «құрылыс», a building site, «группа», «стройка» nor «такси»: words of every day, «такси» in Kazakh
    # after any word: «ауылға такси»)
    r"(?:сервис|логистик|логистикс|экспорт|импорт|транс|монтаж|тасымал|бұрғылау|бургылау|"
    r"инвест|трейд|холдинг|энерго|моторс|ойл|трэвел|тревел|консалтинг|секьюрити|фитнес|фарм|палас)"
    r"(?:а|у|ом|е|ы|ой|ке|ге|қа|ға|ка|га|те|та|де|да|ның|нің|дың|дің|тың|тің|нын|нин|дын|дин|тын|тин|ты|ті|ды|ді|"
    r"ны|ні|нан|нен|тан|тен|дан|ден|мен|бен|пен|тағы|тегі|дағы|дегі|тагы|теги|дагы|деги)?")
_CYRILLIC_INNER = frozenset({"газ", "фиш", "вахта", "мұнай", "мунай", "ойл", "кен", "тас", "агро", "авто", "тур",
                             "маркет", "металл", "руда", "темір", "темир", "астық", "астык", "сауда", "су", "жол",
                             "транс", "сервис", "энерго", "трейд"})
_CYRILLIC_GEOGRAPHY = frozenset({"батыс", "шығыс", "шыгыс", "солтүстік", "солтустик", "оңтүстік", "онтустик",
                                 "орталық", "орталык", "каспий", "арал", "алтай", "жайық", "жайык"})
_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+(?:-[а-яёәғқңөұүһі]+)?", re.IGNORECASE)


def _name_word(word: str) -> bool:
    """A word that may name the firm itself: one no English or Russian dictionary has, or a word of geography."""
    from fieldkit.anonymise.latin_words import (
        english_frequency,
        is_english_word,
        is_kazakh_in_latin,
        is_russian_in_latin,
    )

    lowered = word.casefold()
    if lowered in _GEOGRAPHY:
        return True
    # (a Kazakh word that English lists only as a rarity is the firm's own: "kok zhailau trans", "aru wash")
    if len(lowered) >= 3 and english_frequency(lowered) < _RARE_ENGLISH and is_kazakh_in_latin(lowered):
        return True
    return len(lowered) >= 3 and not is_english_word(lowered) and not is_russian_in_latin(lowered)


def _cyrillic_name_word(word: str) -> bool:
    """A Cyrillic word that may name the firm itself: a place, a word of geography, or a word neither Russian
    morphology nor the Kazakh word lists know («жетібай», «нұр»)."""
    from fieldkit.anonymise.bodies import _kazakh_word_not_a_name
    from fieldkit.anonymise.kazakh_words import is_kazakh_verb_form
    from fieldkit.anonymise.morphology import is_known_word
    from fieldkit.anonymise.names import is_kin_word

    lowered = word.casefold()
    if _a_place(lowered):
        return True
    return (len(lowered) >= 3 and not is_kin_word(lowered) and not is_known_word(lowered)
            and not _kazakh_word_not_a_name(lowered) and not is_kazakh_verb_form(lowered))


def _a_place(word: str) -> bool:
    """A lower-case Cyrillic word that names a place: a word of geography or one morphology tags as a place name."""
    from fieldkit.anonymise.morphology import first_tag

    return word in _CYRILLIC_GEOGRAPHY or "Geox" in first_tag(word)


class _Script(NamedTuple):
    """How one script names a firm: its words, its trade words, and which words may be the firm's own."""

    word: re.Pattern
    last: Callable[[str], object]  # a word a firm's name ends with
    inner: frozenset[str]  # trade words that may stand before the last one
    name_word: Callable[[str], bool]  # a word that may be the firm's own
    geography: frozenset[str]  # own words that need a second trade word to count
    opens: Callable[[str], bool]  # an own word that opens the name: nothing before it is taken


def _runs(text: str, script: _Script) -> list[tuple[int, int]]:
    """(start, end) of each firm named by up to three name words, inner trade words, and a last trade word."""
    tokens = [(m.start(), m.end(), m.group()) for m in script.word.finditer(text)]

    def joined(left: int) -> bool:
        return not text[tokens[left][1]:tokens[left + 1][0]].strip()

    found = []
    index = 0
    while index < len(tokens):
        word = tokens[index][2]
        if not script.last(word.casefold()) or not word.islower():
            index += 1
            continue
        first = index  # back over inner trade words, then the firm's own words, in one run of spaces
        while first > 0 and tokens[first - 1][2].casefold() in script.inner and joined(first - 1):
            first -= 1
        named = first  # (a place opens the name: «ағам аксай газ монтажга», my brother … at Aksai Gas Montazh)
        while named > 0 and first - named < 3 and tokens[named - 1][2].islower() and joined(named - 1) \
                and script.name_word(tokens[named - 1][2]):
            named -= 1
            if script.opens(tokens[named][2].casefold()):
                break
        end = index  # and forward over more trade words: "drilling supply", "agro holding llp"
        while end + 1 < len(tokens) and (script.last(tokens[end + 1][2].casefold()) or tokens[end + 1][2].casefold()
                                         in script.inner) and joined(end):
            end += 1
        own = [tokens[i][2].casefold() for i in range(named, first)]
        if own and (any(word not in script.geography for word in own) or end - first >= 1):
            found.append((tokens[named][0], tokens[end][1]))
        index = end + 1
    return found


def _said_again(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of a found firm's own words said again without its trade: "altyn kazyna trade … altyn kazyna
    was a front" (a case ending may follow in Cyrillic: «нұр жол логистик … нұр жолға»). Two own words or a long
    one: a single short word is said for itself too often."""
    words = list(re.finditer(r"[^\W\d_]+", text[start:end]))
    count = len(words)
    while words and (words[-1].group().casefold() in _LAST_TRADE_WORDS
                     or _CYRILLIC_LAST.fullmatch(words[-1].group().casefold())):
        words.pop()
    if not words or len(words) == count or (len(words) < 2 and len(words[0].group()) < 6) or len(words) > 3 or all(
            m.group().casefold() in _GEOGRAPHY or (has_cyrillic(m.group()) and _a_place(m.group().casefold()))
            for m in words):
        return []  # (a place alone is the place: "mangystau" of "mangystau munai servis")
    own = r"\s+".join(re.escape(m.group()) for m in words)
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w-]){own}(?:[а-яёәғқңөұүһі]{{0,4}})(?![\w-])", text,
                                                      re.IGNORECASE) if not start <= m.start() < end]


def _firms_said_again(text: str, firms: list[Finding], findings: list[Finding]) -> list[Finding]:
    """Each firm of ``firms`` said again by its own words (``_said_again``), where nothing else was found there
    but parts of it."""
    again: list[Finding] = []
    for firm in firms:
        for start, end in _said_again(text, firm.start, firm.end):
            overlapping = [f for f in [*findings, *again] if f.start < end and start < f.end]
            if all(start <= f.start and f.end <= end and f.entity in ("ORGANIZATION", "LOCATION", "PERSON")
                   for f in overlapping) and not any(f.entity == "LOCATION" and (f.start, f.end) == (start, end)
                                                     for f in overlapping):  # "mangystau" alone: the place
                again.append(Finding("ORGANIZATION", start, end, 0.6, text[start:end]))
    return again


_LATIN = _Script(_WORD, _LAST_TRADE_WORDS.__contains__, _INNER_TRADE_WORDS | _LAST_TRADE_WORDS, _name_word,
                 _GEOGRAPHY, lambda word: False)
_CYRILLIC = _Script(_CYRILLIC_WORD, _CYRILLIC_LAST.fullmatch, _CYRILLIC_INNER, _cyrillic_name_word,
                    _CYRILLIC_GEOGRAPHY, _a_place)


def with_trade_named_companies(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each firm named by its place or its own word and its trade (see the module); a place or a
    part of the name found before goes into the firm's one span."""
    spans = _runs(text, _LATIN)
    if has_cyrillic(text):
        spans += _runs(text, _CYRILLIC)
    added: list[Finding] = []
    for span_start, span_end in spans:
        overlapping = [f for f in findings if f.start < span_end and span_start < f.end]
        if all(f.entity in ("ORGANIZATION", "LOCATION") or (f.entity == "PERSON" and span_start <= f.start
                                                             and f.end <= span_end) for f in overlapping):
            span_start = min([span_start, *(f.start for f in overlapping)])  # "[atyrau trans] logistic"
            span_end = max([span_end, *(f.end for f in overlapping)])
            added.append(Finding("ORGANIZATION", span_start, span_end, 0.6, text[span_start:span_end]))
    firms = [*added, *(f for f in findings if f.entity == "ORGANIZATION")]
    added += _firms_said_again(text, firms, [*findings, *added])
    if not added:
        return findings
    kept = [f for f in findings if not any(a.start <= f.start and f.end <= a.end for a in added)]
    return sorted([*kept, *added], key=lambda f: f.start)
