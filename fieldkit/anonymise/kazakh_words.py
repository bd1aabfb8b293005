"""Ordinary Kazakh words, from the Kazakh Hunspell dictionary, so that a word no dictionary knows can be taken
for a name.

Russian morphology (pymorphy3) says which Russian words are ordinary; for Kazakh there is no such package on
PyPI, but Debian's ``hunspell-kk`` holds some 54 000 Kazakh stems. Its affix rules miss much of what speech
produces («білмеймін», «ағамның», «түсінбедім»), so a word is stripped of Kazakh endings here, up to five deep,
until a stem is left. Everything is compared with the Kazakh letters folded into Russian ones, because
transcripts and chats write Kazakh with a Russian keyboard as often as not («жумыс», «кейин», «улкен»).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from fieldkit.anonymise.morphology import plain
from fieldkit.errors import ModelError

#: Kazakh words that end a run of name words before a body's head or a company's form: pronouns, numbers,
#: conjunctions, particles («Алматы маған бір зауыт…», «біз жаңа жшс аштық»)
KAZAKH_RUN_BREAKS = frozenset({
    "мен", "сен", "ол", "біз", "биз", "сіз", "сиз", "олар", "маған", "оған", "бізге", "менің", "менин", "оның", "онын",
    "біздің", "бизден", "мына", "анау", "барлық", "барлык", "және", "жане", "бір", "бир", "осы", "сол", "бұл", "бул",
    "да", "де", "та", "те", "деп", "еді", "еди", "болып", "жылы", "жыл", "жылдан", "кейін", "кейин", "соң", "сон",
    "деген", "дейтін", "дейтин"})

#: endings of Kazakh verbs, in both alphabets and in Russian letters: persons («айдаймын», «істедік»), the past
#: («тіркелген», «істеді»), converbs and participles («болып», «істейтін»); a word with one ends a name's run
KAZAKH_VERB_ENDINGS = (
    "мын", "мін", "пын", "пін", "бын", "бін", "мыз", "міз", "ды", "ді", "ты", "ті",
    "ған", "ген", "қан", "кен", "ып", "іп", "атын", "етін", "йтын", "йтін", "тын", "тін",
    "dy", "di", "ty", "ti", "gan", "gen", "qan", "ken", "atyn", "etin", "ityn", "ytyn", "myn", "min")


def is_kazakh_verb_form(word: str) -> bool:
    """Whether a word ends like a Kazakh verb form (a stem of three letters or more before the ending)."""
    lowered = word.casefold()
    return any(lowered.endswith(ending) and len(lowered) - len(ending) >= 3 for ending in KAZAKH_VERB_ENDINGS)


#: where Debian, Fedora, Homebrew and a manual install put Hunspell dictionaries
DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell",
                   "/opt/homebrew/share/hunspell", "/usr/local/share/hunspell")
DICTIONARY_FILE = "kk_KZ.dic"
#: overrides the search, for a dictionary kept elsewhere
DICTIONARY_ENV = "FIELDKIT_KAZAKH_DICTIONARY"

def fold(word: str) -> str:
    """A word in lower case with Kazakh letters written as the nearest Russian ones («жұмыс» → «жумыс») and «й»
    as «и»: the names' Russian-letter form (``morphology.plain``), a step further."""
    return plain(word).replace("й", "и")


#: Kazakh endings (plural, possessive, case, verb tense, person and negation, the usual derivations), folded
#: the cases the third-person possessive takes after its «-н-»: «маңы-нан», «үйі-нде», «мұраты-на»
_CASES_AFTER_POSSESSIVE = ("н", "нан", "нен", "на", "не", "нда", "нде", "ның", "нің", "мен")
_RAW = (
    "лар", "лер", "дар", "дер", "тар", "тер",
    "ым", "ім", "м", "ың", "ің", "ң", "ы", "і", "сы", "сі", "мыз", "міз", "ымыз", "іміз", "ңыз", "ңіз", "ыңыз",
    "іңіз", "лары", "лері",
    "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "а", "е", "ны", "ні", "ды", "ді",
    "ты", "ті", "н", "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен",
    "пен", "менен", "бенен", "пенен", "ша", "ше", "дай", "дей", "тай", "тей", "дағы", "дегі", "тағы", "тегі",
    "ндағы", "ндегі",
    "дым", "дім", "тым", "тім", "дық", "дік", "тық", "тік", "ған", "ген", "қан", "кен", "ып", "іп", "п", "й",
    "йды", "йді", "ады", "еді", "мын", "мін", "сың", "сің", "сыз", "сіз", "ма", "ме", "ба", "бе", "па", "пе",
    "май", "мей", "у", "уға", "ушы", "уші", "атын", "етін", "йтын", "йтін", "тын",
    "тін", "дын", "дін", "ар", "ер", "р", "ғы", "гі", "қы", "кі", "са", "се", "сақ", "сек", "шы", "ші", "ңдар",
    "ңдер", "лық", "лік", "лы", "лі", "ғой", "ғана", "де", "мақ", "мек",
    "ғалы", "гелі", "қалы", "келі", "шық", "шік", "ақ", "ек", "ік", "ық", "сын", "сін", "ңыз", "ңіз", "дікі",
    "нікі", "тікі", "дыр", "дір", "тыр", "тір", "ла", "ле",
    # the person of a predicate after a voiceless or voiced consonant («жоқпын», «журналистпін», «жатқанбыз»)
    "пын", "пін", "бын", "бін", "пыз", "піз", "быз", "біз",
    # the third-person possessive with a case after it («маңынан», «үйінде»), and the present tense with its person
    # («күтесің», «істейсің», «барамын»): one ending here, as a one-letter vowel cannot be chained
    *(f"{possessive}{case}" for possessive in ("ы", "і", "сы", "сі")
      for case in (*_CASES_AFTER_POSSESSIVE, "ндағы", "ндегі")),
    *(f"{vowel}{person}" for vowel in ("а", "е", "й", "ай", "ей")
      for person in ("мын", "мін", "сың", "сің", "сыз", "сіз", "мыз", "міз", "ды", "ді", "сыңдар", "сіңдер")),
)
_ENDINGS = tuple(sorted({fold(ending) for ending in _RAW}, key=len, reverse=True))
#: the same endings in Kazakh and in Russian letters, unfolded, for words of other languages
_RAW_ENDINGS = tuple(sorted({*_RAW, *(fold(ending) for ending in _RAW)}, key=len, reverse=True))
#: every ending, in Kazakh and in Russian letters
KAZAKH_ENDINGS = frozenset(_RAW_ENDINGS)
#: names are built from the same words («бек», «бай», «жан»), so those elements are no endings here
_NAME_ELEMENTS = ("бек", "бег", "бай", "жан", "гул", "хан", "бол", "нур", "тай", "али", "гали", "берди", "мурат",
                  "султан", "ай", "гази", "кыз", "тас")
#: a stem ending in a voiced consonant before a vowel ending is written voiceless alone: кітабы ← кітап
_DEVOICED = {"б": "п", "г": "к", "д": "т"}


def dictionary_path() -> Path:
    override = os.environ.get(DICTIONARY_ENV)
    candidates = [Path(override)] if override else [Path(folder) / DICTIONARY_FILE for folder in DICTIONARY_DIRS]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ModelError(
        f"the Kazakh word list {DICTIONARY_FILE} (Debian package hunspell-kk) is missing, so Kazakh words cannot "
        "be told from names",
        "run scripts/setup-env, which installs it, or set FIELDKIT_KAZAKH_DICTIONARY to its path")


@lru_cache(maxsize=1)
def kazakh_stems() -> frozenset[str]:
    """The dictionary's lower-case stems, folded. Capitalised entries are names and places: left out."""
    stems = set()
    with dictionary_path().open(encoding="utf-8-sig", errors="replace") as lines:
        next(lines, None)  # the entry count
        for line in lines:
            stem = line.split("/", 1)[0].strip()
            if len(stem) >= 2 and stem[0].islower():
                stems.add(fold(stem))
    return frozenset(stems)


@lru_cache(maxsize=100_000)
def is_kazakh_word(word: str) -> bool:
    """Whether a word is an ordinary Kazakh word: a dictionary stem with Kazakh endings, or two stems joined, in
    Kazakh or Russian letters."""
    folded = fold(word)
    return _known(folded, 0) or _short_stem_verb(folded)


def is_plainly_kazakh(word: str) -> bool:
    """The stricter test for a Russian sentence: a stem of four letters or more as it stands or under one or two
    endings of two letters or more, and no compounds. Chains of short endings on a three-letter stem read
    whisper's misspelt Russian names as Kazakh («кор+пен+ка» for Карпенко, «ост+ыне» for Астане)."""
    return _plainly_known(fold(word), 0)


#: a verb's tense and person, or its intention form («өтпек болды», meant to cross), on a short verb stem: «бол+дым»
#: (I was), «кет+пек»; one such ending on a dictionary stem of two or three letters is a plain Kazakh word
#: the intention form («өтпек», «бармақ»), the one a two-letter stem may take
_INTENTION = tuple(fold(ending) for ending in ("пақ", "пек", "мақ", "мек", "пақпын", "пекпін"))
_SHORT_STEM_VERB_ENDINGS = (*(fold(ending) for ending in (
    "дым", "дім", "тым", "тім", "дық", "дік", "тық", "тік", "дыңыз", "діңіз", "ған", "ген", "қан", "кен", "ғанмын",
    "генмін", "амын", "емін", "ймын", "йміз", "амыз", "еміз")), *_INTENTION)


def _short_stem_verb(folded: str) -> bool:
    """«болдым», «өтпек»: a verb's ending on a dictionary stem of two or three letters."""
    # (a two-letter stem takes the intention form only: «ал+дик» may be «Алдик», a name, as well as «алдық»)
    return any(folded.endswith(ending) and (2 if ending in _INTENTION else 3) <= len(folded) - len(ending) <= 3
               and folded[: -len(ending)] in kazakh_stems() for ending in _SHORT_STEM_VERB_ENDINGS)


@lru_cache(maxsize=100_000)
def _plainly_known(folded: str, depth: int) -> bool:
    if folded in kazakh_stems():
        return len(folded) >= 4 or depth == 0
    if depth == 0 and _short_stem_verb(folded):
        return True
    return depth < 2 and any(
        folded.endswith(ending) and len(ending) >= 2 and len(folded) - len(ending) >= 4
        and _plainly_known(folded[: -len(ending)], depth + 1) for ending in _ENDINGS)


def is_kazakh_stem(word: str) -> bool:
    """A Kazakh dictionary word as it stands, with no ending («үлкен»). Many place names are Kazakh words with
    endings or two words joined («таразда», «жаңаөзенде»), so a place test asks only this."""
    return fold(word) in kazakh_stems()


def stripped_forms(word: str) -> set[str]:
    """The word without one or two Kazakh endings, in its own letters: a Russian or foreign word in a Kazakh
    sentence («изоляторында», «телеграмдағы», «уатсапта») is found by looking these up."""
    lowered = word.casefold()
    forms = set()
    for ending in _RAW_ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 4 and len(ending) >= 2:
            stem = lowered[: -len(ending)]
            forms.add(stem)
            forms |= {stem[: -len(inner)] for inner in _RAW_ENDINGS
                      if stem.endswith(inner) and len(stem) - len(inner) >= 4 and len(inner) >= 2}
    return forms


@lru_cache(maxsize=200_000)
def _known(folded: str, depth: int) -> bool:
    stems = kazakh_stems()
    if folded in stems or (folded[-1:] in _DEVOICED and folded[:-1] + _DEVOICED[folded[-1]] in stems):
        return True
    if depth >= 5:
        return False
    for ending in _ENDINGS:
        # a one-letter vowel or «р», «п», «й» ending only last: chained, they read any word as Kazakh
        # («турс+у+на+й»); the possessive «м», «ң» and the accusative «н» may stand inside («аға+м+ның»)
        if (folded.endswith(ending) and len(folded) - len(ending) >= 2 and (depth == 0 or len(ending) > 1
                or ending in "мн") and _known(folded[: -len(ending)], depth + 1)):
            return True
    # a compound of two stems («бетперде», «мекенжайында»), checked once, at the outside
    return depth == 0 and len(folded) >= 7 and any(
        folded[:cut] in stems and not folded[cut:].startswith(_NAME_ELEMENTS) and _known(folded[cut:], 1)
        for cut in range(3, len(folded) - 2))


#: a voiced consonant a stem ends in before a vowel, and the voiceless one of its dictionary form: «тілег-і» is «тілек»
_VOICED_BEFORE_A_VOWEL = {"г": "к", "ғ": "қ", "б": "п"}
_VOWELS = frozenset("аәеёиоөуұүыіэюя")


def third_person_possessive_stems(word: str) -> set[str]:
    """The stems ``word`` may be under the third-person possessive, maybe with a case after it, as written (not
    folded): «мұратына» → мұрат, «сәулесі» → сәуле, «тілегі» → тілек; whisper's Russian-letter genitive («мураты-нын»)
    too. Empty when it ends in no possessive."""
    lowered = word.casefold()
    stems: set[str] = set()
    for case in (*_CASES_AFTER_POSSESSIVE, "нын", "нин", ""):
        bare = lowered[: len(lowered) - len(case)] if case else lowered
        if not lowered.endswith(case) or bare[-1:] not in ("ы", "і", "и"):
            continue
        stem = bare[:-1]
        if stem[-1:] == "с" and stem[-2:-1] in _VOWELS:
            stem = stem[:-1]  # after a vowel: «сәуле-сі»
        stems |= {stem, stem[:-1] + _VOICED_BEFORE_A_VOWEL.get(stem[-1:], stem[-1:])}
    return stems
