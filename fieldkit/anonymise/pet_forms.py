"""A found name's pet forms, said in the same text: «Бауыржан … Бауке», "sanzhar … sanzhik", "miras … mirasik".

People call each other by a short form of the name built from its first syllable and a pet ending (Russian «Гена»,
«Мирасик», Kazakh «Нуреке», «Бауке», messenger "bauka"), and the same speaker names the person both ways. The name
lists hold the usual short forms; these are the rest. Such a word is taken only where the full name was found in
the same text, it begins with that name's first three letters or more (two before the Kazakh respectful «-еке»,
«-ке»: «Әбеке» of Әбдірахман), and it is no word of Russian, Kazakh or English: «марка» is never Марат's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fieldkit.anonymise.findings import Finding

#: pet endings, then a case ending, in Cyrillic: «Ген-а», «Мирас-ик-а», «Нур-еке-ге», «Бау-ке-нің»
_CYRILLIC_PET = re.compile(
    r"(?:а|я|ка|ша|ня|уся|юша|ик|ок|чик|ек|еке|ке|ош)"
    r"(?:а|у|е|ой|ом|и|ы|ге|ке|ға|қа|га|ка|ны|ні|ни|нің|ның|нин|нын|мен|пен|дан|ден|тан|тен|нан|нен|дың|дің)?$")
#: the same in messenger Latin: "gen-a", "bau-ka", "miras-ik-a", "nur-eke-ge"
_LATIN_PET = re.compile(
    r"(?:a|ya|ka|sha|nya|usya|yusha|ik|ok|chik|ek|eke|ke|osh)"
    r"(?:a|u|e|oi|oy|om|i|y|ga|ge|qa|ka|ny|ni|nyn|nin|men|pen|dan|den|tan|ten|nan|nen|dyn|din)?$")
#: the shortest pet form taken: four letters («Гена»); shorter ones are words too often («ера», «мар»)
_SHORTEST = 4
_SCORE = 0.55


def _ordinary_word(word: str) -> bool:
    """A word of Russian (with a reading that is no name), Kazakh or English, in either alphabet, that no name list
    holds («гена», a gene's, is Гена too). Messenger Latin is read as Russian and English only: its Kazakh reading
    takes a stem and an ending from any pet form ("bau-ka", to the string)."""
    from fieldkit.anonymise.latin_words import is_english_word, is_russian_in_latin
    from fieldkit.anonymise.names import is_ambiguous_name, is_common_kazakh
    from fieldkit.anonymise.unknown_words import everyday_words

    if not word.isascii() and is_ambiguous_name(word):
        return True  # «ерке» (spoilt), «слава»: a listed name that is a word as well
    if _listed_as_it_stands(word):
        return False
    if word.isascii():
        return is_english_word(word) or is_russian_in_latin(word)
    return _russian_word(word) or is_common_kazakh(word) or word in everyday_words()


def _listed_as_it_stands(word: str) -> bool:
    """A name the lists hold in this very form («Гена», "sanya"), not a case of another («марка» is Марк's and a
    brand), and not one that is a word too («Слава», «Мереке»)."""
    from fieldkit.anonymise.morphology import fold, latin_key
    from fieldkit.anonymise.names import given_names, latin_names, latin_names_also_words

    if word.isascii():
        return latin_key(word) in latin_names() and word not in latin_names_also_words()
    names, ambiguous = given_names()
    return fold(word) in names - ambiguous


@lru_cache(maxsize=50_000)
def _russian_word(word: str) -> bool:
    from fieldkit.anonymise.latin_words import _common_word
    from fieldkit.anonymise.morphology import natasha

    return natasha()[2].word_is_known(word) and _common_word(word)


def _name_words(findings: list[Finding]) -> set[str]:
    """The lower-case words of the people found, long enough to have a pet form of their own."""
    return {word.casefold() for finding in findings if finding.entity == "PERSON"
            for word in re.findall(r"[^\W\d_]+", finding.text) if len(word) >= 5}


#: the Kazakh respectful pet ending after a name's first two letters: «Әб-еке» (Әбдірахман), «Жа-ке» (Жандос),
#: "Er-eke" (Erlan), with a case ending
_KAZAKH_PET_AFTER_TWO = re.compile(r"^(?:еке|ке|eke|ke)(?:ге|ні|нің|мен|ден|нен|ge|ni|nin|men|den|nen)?$")


def _pet_form_of(word: str, names: set[str]) -> bool:
    for name in names:
        if word == name or word.isascii() != name.isascii():
            continue
        if word[:2] == name[:2] and word[2:3] != name[2:3] and _KAZAKH_PET_AFTER_TWO.match(word[2:]):
            return True
        pet = _LATIN_PET if word.isascii() else _CYRILLIC_PET
        for cut in range(3, min(len(name), len(word)) + 1):
            if word[:cut] != name[:cut]:
                break
            rest = word[cut:]
            # (one letter after three of a short name says too little: «Бола» of Болат is the verb «бола»)
            if rest and pet.match(rest) and not (cut == 3 and len(rest) == 1 and len(name) < 6):
                return True
    return False


def with_pet_forms(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with every pet form of a found name in ``text`` taken as the same person."""
    names = _name_words(findings)
    if not names:
        return findings
    starts = {name[:2] for name in names}
    added = []
    for match in re.finditer(r"(?<![\w-])[^\W\d_]{4,20}(?![\w-])", text):
        word = match.group().casefold()
        # (the cheap test first: a long transcript has thousands of words and hundreds of findings)
        if (len(word) < _SHORTEST or word[:2] not in starts or not _pet_form_of(word, names)
                or any(f.start < match.end() and match.start() < f.end for f in findings) or _ordinary_word(word)):
            continue
        added.append(Finding("PERSON", match.start(), match.end(), _SCORE, match.group()))
    return sorted([*findings, *added], key=lambda f: f.start) if added else findings
