"""Given names in messenger Latin under the case a Russian preposition or a kinship word asks for ("s kostei",
"u dimki", "k babe shure", "sestru nadezhdu").

Spelled back in Cyrillic such a form is often an ordinary word as well («костей» bones, «дымки» haze), so the
word-by-word rules keep it. The word before settles it: «с» asks for the instrumental, «у», «от» and «до» for the
genitive, «к» for the dative, «про» for the accusative, and a kinship word is followed by its bearer's name. A word
is taken only when its Latin key is that of a listed name's case form in the very case asked for, so "k synu" (to
the son) and "u lyudei" (at people's) stay: no listed name declines to them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fieldkit.anonymise.morphology import fold, latin_key

_INSTRUMENTAL, _GENITIVE, _DATIVE, _ACCUSATIVE, _PREPOSITIONAL = "ins", "gen", "dat", "acc", "prep"

#: the Russian prepositions of messenger Latin that take a person, by the case they ask for
_PREPOSITIONS = {"s": _INSTRUMENTAL, "so": _INSTRUMENTAL, "u": _GENITIVE, "ot": _GENITIVE, "dlya": _GENITIVE,
                 "dlia": _GENITIVE, "dla": _GENITIVE, "bez": _GENITIVE, "do": _GENITIVE, "k": _DATIVE,
                 "ko": _DATIVE, "pro": _ACCUSATIVE, "o": _PREPOSITIONAL, "ob": _PREPOSITIONAL}

#: the case a Cyrillic case form of a name is in, by its ending (as ``names._case_forms`` builds them)
_CASES_OF_ENDING = (("ой", (_INSTRUMENTAL,)), ("ою", (_INSTRUMENTAL,)), ("ей", (_INSTRUMENTAL,)),
                    ("ею", (_INSTRUMENTAL,)), ("ем", (_INSTRUMENTAL,)), ("ом", (_INSTRUMENTAL,)),
                    ("ы", (_GENITIVE,)), ("и", (_GENITIVE,)), ("а", (_GENITIVE, _ACCUSATIVE)),
                    ("я", (_GENITIVE, _ACCUSATIVE)), ("е", (_DATIVE, _PREPOSITIONAL)), ("у", (_DATIVE, _ACCUSATIVE)),
                    ("ю", (_DATIVE, _ACCUSATIVE)))

#: kinship words in messenger Latin by their stem, with the cases their endings mark: the word after one in the same
#: case is the relative's name ("k babe shure", "sestru nadezhdu"); a kinship word in the nominative marks none
#: ("bratan kewe" is slang, then the Kazakh «кеше»)
_FEMININE_KIN = ("babushk", "bab", "sestr", "tet", "tyot", "tyotk", "dyad", "dyadk", "nevestk", "plemyannits",
                 "teshch", "svekrov")
_MASCULINE_KIN = ("brat", "ded", "dedushk", "kum", "svat", "zyat", "plemyannik")
_FEMININE_ENDINGS = {"y": (_GENITIVE,), "i": (_GENITIVE,), "e": (_DATIVE, _PREPOSITIONAL), "u": (_ACCUSATIVE,),
                     "yu": (_ACCUSATIVE,), "iu": (_ACCUSATIVE,), "oi": (_INSTRUMENTAL,), "ei": (_INSTRUMENTAL,),
                     "oy": (_INSTRUMENTAL,), "ey": (_INSTRUMENTAL,)}
_MASCULINE_ENDINGS = {"a": (_GENITIVE, _ACCUSATIVE), "ya": (_GENITIVE, _ACCUSATIVE), "u": (_DATIVE,),
                      "yu": (_DATIVE,), "om": (_INSTRUMENTAL,), "em": (_INSTRUMENTAL,), "e": (_PREPOSITIONAL,)}


def _kin_cases(word: str) -> tuple[str, ...]:
    """The cases a kinship word's ending marks, none for its nominative or a word that is no kinship word."""
    for stems, endings in ((_FEMININE_KIN, _FEMININE_ENDINGS), (_MASCULINE_KIN, _MASCULINE_ENDINGS)):
        for stem in stems:
            if word.startswith(stem) and word[len(stem):] in endings:
                return endings[word[len(stem):]]
    return ()


_WORD = re.compile(r"(?<![\w'])[a-z']+(?![\w'])")


@lru_cache(maxsize=1)
def _case_forms_by_key() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """The cases each Latin key of a listed given name's Russian case form can be in, names that are also ordinary
    words included (after a preposition or a kinship word the word can only be the name); and the keys of those
    words' forms that Russian has as words («веры», «надежду»), read in the same pass over the lists."""
    from fieldkit.anonymise.names import _case_forms, _name_lines

    cases: dict[str, set[str]] = {}
    ambiguous: set[str] = set()
    for line in _name_lines():
        for form in _case_forms(line.rstrip("?").strip()):
            ending_cases = next((c for ending, c in _CASES_OF_ENDING if form.endswith(ending)), ())
            if ending_cases:
                cases.setdefault(latin_key(form), set()).update(ending_cases)
            # (only a form Russian has as a word: a Kazakh word under a Russian ending, "u bakyta", "zhenisa", is
            # the name alone)
            if line.endswith("?") and _a_russian_word(form):
                ambiguous.add(latin_key(form))
    return {key: frozenset(found) for key, found in cases.items()}, frozenset(ambiguous)


def _a_russian_word(form: str) -> bool:
    """A Russian word form with a reading that is no name («веры», «розу»), in Russian letters."""
    from fieldkit.anonymise.latin_words import _common_word
    from fieldkit.anonymise.morphology import natasha, plain

    russian = plain(form)
    return natasha()[2].word_is_known(russian) and _common_word(russian)


def _a_name_in(word: str, asked: tuple[str, ...], *, ambiguous: bool) -> bool:
    """Whether ``word`` spells a listed name's case form in one of the cases ``asked`` (``ambiguous``: names that
    are also ordinary words too)."""
    key = latin_key(fold(word))
    by_key, ambiguous_keys = _case_forms_by_key()
    cases = by_key.get(key)
    if not cases or len(word) < 4:
        return False
    return bool(cases.intersection(asked)) and (ambiguous or key not in ambiguous_keys)


def governed_names(text: str) -> list[tuple[int, int]]:
    """The spans of the words in ``text`` (messenger Latin) that are a listed given name in the case the
    preposition or kinship word right before them asks for."""
    from fieldkit.anonymise.latin_words import english_frequency

    found = []
    tokens = list(_WORD.finditer(text))
    for before, token in zip(tokens, tokens[1:], strict=False):
        if text[before.end():token.start()] != " ":
            continue
        word, lead = token.group(), before.group()
        if english_frequency(word) >= 1e-6:
            continue  # "pro rose", "s mark": English words are no Russian case forms
        by_preposition = lead in _PREPOSITIONS and _a_name_in(word, (_PREPOSITIONS[lead],), ambiguous=False)
        if by_preposition or _a_name_in(word, _kin_cases(lead), ambiguous=True):
            found.append((token.start(), token.end()))
    return found
