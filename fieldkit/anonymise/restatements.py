"""Names a speaker says twice, the second time correcting the first: «из жена корган ну из жанакоргана», «дилшод
или дел шот как его там», «этот орлан ну вообще ерлан».

Whisper mishears a name it does not know as ordinary words, and speakers restate what they said when it came out
wrong; the two forms sit on either side of «ну», «или», «то есть». Once one form is found, the other one, when it
sounds like it, is the same person or place. Only a neighbour that sounds alike is taken: «в шымкенте ну в
общем» is no second name.
"""

from __future__ import annotations

import difflib
import re

from fieldkit.anonymise.findings import Finding

#: what joins a name to its restatement: "well", "or", "that is", "rather" (with "actually" after "well")
_JOINER = r"(?:ну(?:\s+(?:вообще|это|короче))?|или|то\s+есть|вернее|точнее|в\s+смысле)"
#: the prepositions a restatement repeats: «с колес ну с келеса»
_PREPOSITION = r"(?:из|изо|с|со|в|во|на|к|ко|по|у|от|до|за|под)"
_WORD = r"[а-яёәғқңөұүһі]+"
#: one or two words, a joiner, then (the same preposition and) the found name
_BEFORE = re.compile(rf"(?:(?<=\s)|^)(?P<words>{_WORD}(?:\s+{_WORD})?)\s*,?\s+{_JOINER}\s*,?\s+(?:{_PREPOSITION}\s+)?$",
                     re.IGNORECASE)
#: the found name, a joiner, then one or two words
_AFTER = re.compile(rf"\s*,?\s+(?:или|ну|то\s+есть|вернее|точнее)\s+(?P<words>{_WORD}(?:\s+{_WORD})?)(?!\w)",
                    re.IGNORECASE)
#: words that are never a misheard name, whatever they sound like
_NEVER = frozenset({"этот", "эта", "это", "тот", "та", "то", "там", "тут", "вот", "как", "его", "её", "ее", "их",
                    "он", "она", "они", "мы", "вы", "я", "ну", "или", "и", "а", "но", "да", "нет", "не", "вообще",
                    "короче", "типа", "сам", "сама", "где", "когда", "потом", "тоже", "уже", "еще", "ещё",
                    "просто", "говорю", "говорит", "значит", "этого", "этому", "этим", "этой", "того", "тому",
                    # the respectful words said after a name are no part of it
                    "ака", "апа", "опа", "аға", "ага", "ағай", "агай", "апай", "ата", "әже", "аже", "көке", "коке",
                    "тәте", "тате", "жан", "хан", "ханум", "муаллим"})
_CASE_ENDING = re.compile(r"(?:ом|ем|ой|ей|ою|ую|а|я|у|ю|е|ы|и|ке|қа|ға|ге|да|де|та|те|дан|ден|нан|нен|тан|тен)$")
#: how alike the two forms must sound (difflib's ratio on their letters, spaces and case endings dropped)
_ALIKE = 0.7
_ALIKE_WHEN_UNSURE = 0.6
#: how much longer one form may be than the other
_LONGER_AT_MOST = 1.35
#: the speaker unsure of the name just said: «как его там», «как её звали», «не помню точно»
_NOT_SURE_OF_IT = re.compile(r"\s*,?\s+(?:как\s+(?:его|её|ее|их)\s+(?:там|звали|зовут)|не\s+помню)", re.IGNORECASE)


def _letters(words: str) -> str:
    joined = re.sub(r"\s+", "", words.casefold()).replace("ё", "е")
    stem = _CASE_ENDING.sub("", joined)
    return stem if len(stem) >= 3 else joined


def sounds_alike(first: str, second: str, *, at_least: float = _ALIKE) -> bool:
    """Whether two spellings could be one name heard twice: «жена корган» and «жанакоргана», «колес» and «келеса»."""
    a, b = _letters(first), _letters(second)
    if min(len(a), len(b)) < 4 or max(len(a), len(b)) > _LONGER_AT_MOST * min(len(a), len(b)):
        return False  # («мой арман ну арман»: a word beside the name makes it longer than any restatement)
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() >= at_least


def _candidates(words: str, start: int, *, last_first: bool) -> list[tuple[int, int]]:
    """(start, end) of the word beside the name, then of both words: the tighter likeness first («кадырбердиев
    жену» after «кадыр бердиев ну» is the name and a word)."""
    spans = [(m.start() + start, m.end() + start) for m in re.finditer(rf"{_WORD}", words, re.IGNORECASE)
             if not re.fullmatch(_PREPOSITION, m.group(), re.IGNORECASE)]
    if not spans:
        return []
    if len(spans) == 1:
        return spans
    near = spans[-1] if last_first else spans[0]
    return [near, (spans[0][0], spans[-1][1])]


def restated_names(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with the alike-sounding restatement beside each found person or place added (or merged with
    a piece of it that was found on its own, «гуль» of «гуль нора или гульнора»)."""
    added: list[Finding] = []
    for finding in findings:
        if finding.entity not in ("PERSON", "LOCATION"):
            continue
        tries: list[tuple[int, int]] = []
        before = _BEFORE.search(text, max(0, finding.start - 60), finding.start)
        if before:
            tries += _candidates(before["words"], before.start("words"), last_first=True)
        after = _AFTER.match(text, finding.end)
        if after:
            tries += _candidates(after["words"], after.start("words"), last_first=False)
        for start, end in tries:
            words = text[start:end]
            if any(word.casefold() in _NEVER for word in words.split()):
                continue
            # («… дел шот как его там»: the speaker says the name is wrong, so a fainter likeness will do)
            unsure = _NOT_SURE_OF_IT.match(text, end) is not None
            if not sounds_alike(words, finding.text, at_least=_ALIKE_WHEN_UNSURE if unsure else _ALIKE):
                continue
            others = [f for f in (*findings, *added) if f.start < end and start < f.end and f is not finding]
            if any(f.entity != finding.entity or f.start < start or f.end > end for f in others):
                continue  # something else was found there, or a longer span holds it: leave it be
            added = [f for f in added if f not in others]
            added.append(Finding(finding.entity, start, end, finding.score, words, finding.place))
            break
    if not added:
        return findings
    dropped = {id(f) for f in findings for a in added if f.start < a.end and a.start < f.end}
    return sorted([f for f in findings if id(f) not in dropped] + added, key=lambda f: f.start)
