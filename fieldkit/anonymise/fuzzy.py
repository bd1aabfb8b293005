"""Known identifiers found again in the forms speech recognition and hurried typing give them.

A name the project already knows ("Кожанов", "Павлодар") comes back from whisper as «кажанову», glued to a
preposition («впавлодаре»), split in two («серик бай» for Серикбай), in Latin letters ("kozhanovym") or with
a Kazakh case ending («кожановтың»). Exact matching on dictionary forms misses all of these, so every word is
reduced to a *skeleton* — lower case, one Latin spelling for Cyrillic and Kazakh letters, case endings
stripped — and skeletons are compared within a small edit distance.

Lookups go through a deletion index (every variant of a known skeleton with up to ``max_distance`` letters
deleted), so the cost per word of text does not depend on how many entries the lexicon holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from fieldkit.anonymise.findings import Finding

_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}
#: Latin spellings messengers use for the same sounds, folded onto the ones above.
_LATIN_FOLDS = ((re.compile("kh"), "h"), (re.compile("dzh|dj|j"), "zh"), (re.compile("q"), "k"),
                (re.compile("w"), "v"), (re.compile("x"), "h"), (re.compile("c(?!h)"), "ts"))
#: Russian and Kazakh case (and a few possessive) endings, as skeletons, longest first. Stripped only while
#: a stem of MIN_STEM letters is left.
_ENDINGS = tuple(sorted({
    # Russian nouns, adjectives and surnames
    "ovym", "evym", "inym", "ovoi", "evoi", "inoi", "omu", "emu", "ogo", "ego", "ymi", "imi", "ami",
    "yami", "ah", "yah", "om", "em", "ym", "im", "oi", "ei", "uyu", "yu", "oyu", "eyu", "yh", "ih", "a", "ya",
    "u", "e", "y", "i", "o", "yi", "ii", "aya", "yaya", "oe", "ee", "ye", "ie", "yuyu",
    # Kazakh genitive, ablative, locative, dative, accusative, instrumental; possessive third person
    "dyn", "din", "tyn", "tin", "nyn", "nin", "dan", "den", "tan", "ten", "nan", "nen", "men", "ben", "pen",
    "nda", "nde", "da", "de", "ta", "te", "ga", "ge", "ka", "ke", "na", "ne", "dy", "di", "ty", "ti", "ny",
    "ni", "sy", "si",
}, key=len, reverse=True))
#: Prepositions speech recognition glues onto the next word («впавлодаре», "vpavlodar", «скожановым»).
_GLUED_PREPOSITIONS = ("vo", "so", "iz", "ko", "ot", "do", "po", "za", "na", "ob", "v", "s", "k", "u")
#: Words that designate a kind of place or body, never identifying on their own inside a longer entry.
_DESIGNATORS = frozenset({
    "oblast", "raion", "ulitsa", "gorod", "selo", "poselok", "mikroraion", "mkr", "ul", "obl", "rn", "aul",
    "auyl", "oblysy", "audany", "koshesi", "kalasy", "auyly", "upravlenie", "otdel", "departament",
    "politsii", "politsiya", "sud", "rainyi", "gorodskoi", "oblastnoi", "kolonia", "koloniya", "nomer",
    "district", "region", "street", "city", "village", "department", "police", "court",
})
MIN_STEM = 3
#: the longest word compared letter by letter; longer ones (run-together text, pasted junk) only exactly
MAX_FUZZY_STEM = 40
_COMMON_CACHE_SIZE = 50_000
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_JOINERS = frozenset({" ", "-", "\u00a0"})


@lru_cache(maxsize=100_000)
def skeleton(word: str) -> str:
    """One spelling for a word in any script: Кожанову, кожанову and Kozhanovu all give "kozhanovu"."""
    lowered = word.casefold().replace("ё", "е")
    latin = "".join(_CYRILLIC_TO_LATIN.get(ch, ch) for ch in lowered)
    if any("a" <= ch <= "z" for ch in lowered):  # written in Latin letters: fold messenger spellings
        for pattern, target in _LATIN_FOLDS:
            latin = pattern.sub(target, latin)
    return "".join(ch for ch in latin if "a" <= ch <= "z")


@lru_cache(maxsize=100_000)
def stems(word: str) -> tuple[str, ...]:
    """The skeleton, then what is left of it with one case ending stripped («кожановтың» → kozhanov)."""
    base = skeleton(word)
    found = [base]
    for ending in _ENDINGS:
        if base.endswith(ending) and len(base) - len(ending) >= MIN_STEM and base[: -len(ending)] not in found:
            found.append(base[: -len(ending)])
    return tuple(found)


def max_distance(stem: str) -> int:
    """How many letters may differ: none in short stems (too many ordinary words are one letter away)."""
    if len(stem) < 5:
        return 0
    return 1 if len(stem) < 9 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between a and b, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=200_000)
def _deletions(stem: str, depth: int) -> frozenset[str]:
    variants = {stem}
    frontier = {stem}
    for _ in range(depth):
        frontier = {form[:i] + form[i + 1:] for form in frontier for i in range(len(form)) if len(form) > 1}
        variants |= frontier
    return frozenset(variants)


@dataclass(frozen=True)
class Entry:
    """One known identifier: its text (sensitive) and the entity type it stands for."""

    text: str
    entity: str


@dataclass(frozen=True)
class _Word:
    entry: int  # index into the index's entries
    position: int  # which word of the entry
    stem: str
    alone: bool  # identifying on its own (a surname); False: only as part of the whole entry
    stripped: bool = False  # an ending was taken off the entry's word to get this stem


#: entity types whose entries are numbers: matched on their digits, whatever separates them in the text
DIGIT_TYPES = frozenset({"PHONE_NUMBER", "IIN", "CASE_NUMBER", "ID_NUMBER", "PLATE"})
#: entity types whose words identify only all together ("ivan.petrov@mail.kz", "ул. Абая 15")
WHOLE_TYPES = frozenset({"EMAIL_ADDRESS", "ADDRESS"})
_DIGIT_RUN = re.compile(r"\d(?:[\d\s\-().]*\d)?")
MIN_DIGITS = 5


class KnownIdentifiers:
    """A fuzzy, inflection-aware index of known identifiers; ``find`` returns where they occur in a text."""

    def __init__(self, entries: Iterable[Entry], *, is_common_word=None, spelt_only_so=None) -> None:
        self.entries = list(dict.fromkeys(entries))
        self._is_common = is_common_word or (lambda word: False)
        #: words of the text that match an entry only as spelt, never as a misspelling («жылы», year, is not
        #: «жолы» of «Қазақстан темір жолы»), though an entry may hold them alone
        self._spelt_only_so = spelt_only_so or (lambda word: False)
        self._common_cache: dict[str, bool] = {}
        self._exact: dict[str, list[_Word]] = {}
        self._deleted: dict[str, list[_Word]] = {}
        self._lengths: dict[int, int] = {}  # entry → how many words it has
        self._digits: dict[str, int] = {}  # digits of a number entry → entry
        self._required_digits: dict[int, str] = {}  # an address entry → the digits that must follow its words
        for number, entry in enumerate(self.entries):
            digits = re.sub(r"\D", "", entry.text)
            if entry.entity in DIGIT_TYPES and len(digits) >= MIN_DIGITS:
                # a phone without its country or trunk prefix: +7 701… and 8 701… are one number
                self._digits.setdefault(digits[-10:] if entry.entity == "PHONE_NUMBER" else digits, number)
                self._lengths[number] = 0
                continue
            if entry.entity in WHOLE_TYPES and digits:
                self._required_digits[number] = digits  # «ул. Абая 15»: the street alone is not this address
            parts = _WORD.findall(entry.text)
            self._lengths[number] = len(parts)
            for position, part in enumerate(parts):
                word_stems = stems(part)
                if not word_stems or not word_stems[0] or any(stem in _DESIGNATORS for stem in word_stems):
                    continue
                if len(word_stems[0]) < MIN_STEM:
                    continue  # "Ли", "Ен" would fire on every particle
                alone = entry.entity not in WHOLE_TYPES and (
                    entry.entity == "PERSON" or len(parts) == 1 or not self._is_common(part))
                for index, stem in enumerate(word_stems):
                    word = _Word(number, position, stem, alone, stripped=index > 0)
                    self._exact.setdefault(stem, []).append(word)
                    for variant in _deletions(stem, max_distance(stem)):
                        self._deleted.setdefault(variant, []).append(word)

    def __len__(self) -> int:
        return len(self.entries)

    def _matches(self, token: str, *, fuzzy: bool = True) -> list[tuple[_Word, str]]:
        """Entry words this token may be a form of, each with how: "same" (the very word), "form" (the same stem
        once case endings are stripped) or "fuzzy" (within the edit distance)."""
        found: dict[tuple[int, int], tuple[_Word, str]] = {}
        token_stems = stems(token)
        for index, stem in enumerate(token_stems):
            for word in self._exact.get(stem, ()):
                if index == 0 and word.stripped and len(stem) < 5:
                    continue  # «мир» is not a form of Мира, «дін» not of Дина: the word itself has no ending
                how = "same" if index == 0 and not word.stripped else "form"
                key = (word.entry, word.position)
                if key not in found or how == "same":
                    found[key] = (word, how)
        if found or not fuzzy:
            return list(found.values())
        for stem in token_stems:
            if not 5 <= len(stem) <= MAX_FUZZY_STEM:
                continue  # (a word of thousands of letters has millions of deletions: no name is that long)
            for variant in _deletions(stem, 2 if len(stem) >= 9 else 1):
                for word in self._deleted.get(variant, ()):
                    key = (word.entry, word.position)
                    if key in found:
                        continue
                    limit = min(max_distance(word.stem), max_distance(stem))
                    if limit and distance(stem, word.stem, limit) <= limit:
                        found[key] = (word, "fuzzy")
        return list(found.values())

    def _token_matches(self, token: str) -> list[tuple[_Word, bool]]:
        """Exact forms of any token; for words that are not ordinary dictionary words ("рода" is one letter
        from "Роза"), also misspelt forms and forms with a glued preposition."""
        common = self._common(token)
        matches = self._matches(token, fuzzy=not common and not self._spelt_only_so(token))
        if matches or common:
            return matches
        base = skeleton(token)
        for preposition in _GLUED_PREPOSITIONS:  # «впавлодаре»: the preposition glued on by the recogniser
            if base.startswith(preposition) and len(base) - len(preposition) >= 5:
                # (the rest in its own form, or a stem of four letters or more: «сергей» is no «с» + ERG)
                rest = [(word, how) for word, how in self._matches(_without_prefix(token, preposition))
                        if how == "same" or len(word.stem) >= 4]
                if rest:
                    return rest
        return []

    def _common(self, token: str) -> bool:
        known = self._common_cache.get(token)
        if known is None:
            if len(self._common_cache) >= _COMMON_CACHE_SIZE:
                self._common_cache.clear()  # bounded: a long session's words are not all kept in memory
            known = self._common_cache[token] = bool(self._is_common(token))
        return known

    def find(self, text: str) -> list[Finding]:
        """Every occurrence of a known identifier in ``text``, in any of the forms above, without overlaps.
        Exact (inflected) matches score 1.0; misspelt, glued or split ones 0.85."""
        if not self.entries:
            return []
        tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        hits: list[tuple[int, int, int, int, float]] = []  # start, end, entry, words covered, score
        i = 0
        while i < len(tokens):
            start, end, token = tokens[i]
            matches = self._token_matches(token)
            covered = 1
            if (i + 1 < len(tokens) and not any(how != "fuzzy" for _, how in matches) and end < tokens[i + 1][0]
                    and set(text[end:tokens[i + 1][0]]) <= _JOINERS
                    and not (self._common(token) and self._common(tokens[i + 1][2]))):
                joined = token + tokens[i + 1][2]  # «серик бай» for Серикбай, «петро павловске»
                if len(skeleton(joined)) >= 6 and not self._token_matches(tokens[i + 1][2]):
                    joined_matches = [m for m in self._matches(joined) if m[0].alone]
                    if joined_matches:
                        matches, covered = joined_matches, 2
            for word, how in matches:
                span = (start, tokens[i + covered - 1][1])
                if not word.alone:
                    whole = self._whole_entry_at(text, tokens, i, word)
                    if whole is None:
                        continue
                    span = whole  # "ivan.petrov@mail.kz" as one span, its short parts too
                if word.entry in self._required_digits:
                    digits_end = self._digits_follow(text, span[1], word.entry)
                    if digits_end is None:
                        continue
                    span = (span[0], digits_end)  # «Абая 15»: the house number goes with the street
                hits.append((*span, word.entry, covered, self._score(token, how, covered)))
            i += covered
        hits += self._digit_hits(text)
        return self._merged(text, hits)

    def _score(self, token: str, how: str, covered: int) -> float:
        """1.0: the entry in one of its own forms (accepted at once, like a confirmed name); 0.85: misspelt,
        glued or split (the reviewer decides; the gate refuses it even if rejected); 0.7: an ordinary word
        that shares a stem with an entry («мире» and Мира), for the reviewer like any detector's suggestion."""
        if how == "fuzzy" or covered > 1:
            return 0.85
        if how == "form" and self._common(token):
            return 0.7
        return 1.0

    def _digits_follow(self, text: str, end: int, entry: int) -> int | None:
        """Where an address entry's house (and flat) digits end when they follow its words closely; None when
        they do not (the street alone is not this address)."""
        wanted, seen = self._required_digits[entry], ""
        for position in range(end, min(len(text), end + 24)):
            if text[position].isdecimal():
                seen += text[position]
                if seen == wanted:
                    return position + 1
                if not wanted.startswith(seen):
                    return None
        return None

    def _digit_hits(self, text: str) -> list[tuple[int, int, int, int, float]]:
        """Number entries (phones, IINs, case numbers, plates) wherever their digits occur, however spaced."""
        if not self._digits:
            return []
        hits = []
        for run in _DIGIT_RUN.finditer(text):
            positions = [run.start() + i for i, ch in enumerate(run.group()) if ch.isdecimal()]
            digits = "".join(text[i] for i in positions)
            for entry_digits, entry in self._digits.items():
                at = digits.find(entry_digits)
                if at >= 0:
                    if at == 1 and digits[0] in "78" and self.entries[entry].entity == "PHONE_NUMBER":
                        at = 0  # the trunk or country prefix before a known phone number goes with it
                    hits.append((positions[at], positions[digits.find(entry_digits) + len(entry_digits) - 1] + 1,
                                 entry, 1, 1.0))
        return hits

    def _whole_entry_at(self, text: str, tokens, i: int, word: _Word) -> tuple[int, int] | None:
        """The span of a multi-word entry this word belongs to when all its indexed words stand around it, in
        order; None otherwise."""
        first = i - word.position
        count = self._lengths[word.entry]
        if first < 0 or first + count > len(tokens):
            return None
        indexed = [offset for offset in range(count) if _indexed(self, word.entry, offset)]
        for offset in indexed:
            matched = {(w.entry, w.position) for w, _how in self._token_matches(tokens[first + offset][2])}
            if (word.entry, offset) not in matched:
                return None
        low, high = first + indexed[0], first + indexed[-1]
        # parts too short to index go with the span when nothing separates them ("ivan.petrov@mail.kz");
        # a designator set apart by a space («ул. Абая») does not
        while low > first and not any(ch.isspace() for ch in text[tokens[low - 1][1]:tokens[low][0]]):
            low -= 1
        while high < first + count - 1 and not any(ch.isspace() for ch in text[tokens[high][1]:tokens[high + 1][0]]):
            high += 1
        return tokens[low][0], tokens[high][1]

    def _merged(self, text: str, hits) -> list[Finding]:
        """Adjacent words of one entity become one span ("ерлан бекову"); the longest span wins overlaps."""
        hits.sort()
        findings: list[Finding] = []
        for start, end, entry, _covered, score in hits:
            entity = self.entries[entry].entity
            if findings and findings[-1].entity == entity and start >= findings[-1].start:
                last = findings[-1]
                gap = text[last.end:start]
                if start <= last.end or (gap and set(gap) <= _JOINERS):
                    findings[-1] = Finding(entity, last.start, max(end, last.end), min(score, last.score),
                                           text[last.start:max(end, last.end)])
                    continue
            if findings and start < findings[-1].end:
                continue
            findings.append(Finding(entity, start, end, score, text[start:end]))
        return findings


def _indexed(index: KnownIdentifiers, entry: int, position: int) -> bool:
    """Whether a word of an entry is in the index (as KnownIdentifiers.__init__ decides)."""
    parts = _WORD.findall(index.entries[entry].text)
    word_stems = stems(parts[position])
    return (bool(word_stems) and len(word_stems[0]) >= MIN_STEM
            and not any(stem in _DESIGNATORS for stem in word_stems))


def _without_prefix(token: str, preposition: str) -> str:
    """The token with its glued preposition taken off, in the token's own letters."""
    taken = 0
    for index in range(len(token)):
        if len(skeleton(token[: index + 1])) >= len(preposition):
            taken = index + 1
            break
    return token[taken:]
