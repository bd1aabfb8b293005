"""Kazakh respectful short names: «Жәкең», «Нұрекең», «Бақаң», «Бөкеңнің адамдары», «Дәукен», «Мейкен».

Speakers shorten an elder's or a boss's name to its first syllable with «-еке», «-әке», «-ке», «-қа» or «-а» and
add «-ң» (Жәнібек → Жәке → Жәкең; Бақытжан → Бақаң). The shortened form is on no name list, and it tells listeners
who is meant as surely as the name. A word is taken when its first syllable starts a listed given name and it is
not a Kazakh word of that shape: «балаң» (your child), «әкең» (your father), «ағаң» are possessives of kin words;
a capital in mid-sentence («Бақаң теперь в Қызылорде») makes even a dictionary word («бақа», a frog) a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise.kazakh_words import fold
from fieldkit.anonymise.morphology import words

SCORE = 0.7
_RESPECTFUL = re.compile(
    r"^(?P<stem>[а-яёәғқңөұүһі]{2,4}?)(?P<short>еке|әке|аке|ке|қа|ка|ға|а|е)ң"
    # (and his family, in the plural: «Сәкеңдердің жылқысы», «Нұрекеңдерге бардық»)
    r"(?:дер|дар)?(?:ның|нің|дың|дің|ға|ге|қа|ке|ды|ді|ты|ті|ны|ні|мен|бен|пен|нен|нан|ден|дан|де|да|те|та)?$")
#: the other respectful form, «-кен» after a vowel or «й»/«у» (Дәулет → Дәукен, Мейрам → Мейкен, Жұмабек →
#: Жұмекен): a participle in «-кен» follows a voiceless consonant («кеткен», «біткен»), and «екен» is a copula
_RESPECTFUL_KEN = re.compile(
    r"^(?P<stem>[а-яёәғқңөұүһі]{1,3}[аәеиоөуұүіыэюяй])кен"
    r"(?:нің|ның|ге|ға|ді|ды|мен|бен|нен|де|да|ей|ай)?$")
_NOT_KEN_NAMES = frozenset({"е", "ке", "те", "се", "бе", "ше"})
#: kin words and other words whose possessive has the same shape
_NOT_NAMES = frozenset({"бала", "ана", "апа", "аға", "ага", "әке", "аке", "шеше", "көке", "коке", "жезде", "әже",
                        "аже", "ата", "іні", "ини", "әпке", "апке", "жеңге", "женге", "келін", "келин", "нағашы",
                        "нагашы", "жиен", "немере", "ене", "қайнаға", "кайнага", "абысын", "құда", "куда"})
_SENTENCE_END = re.compile(r"[.!?…:]\s*$")
#: how a respectful short name ends, maybe in the plural of his family: «Жәкең», «Жәкеңнің», «Сәкеңдердің»
_RESPECTFUL_TAIL = re.compile(r"ң(?:дер|дар)?(?:ның|нің|дың|дің|ға|ге|ды|ді|мен|нен|ден|дан|де|ны)?$")
#: the short form said on its own, to the person or of him, with no «-ң»: «Сәке, сәлем», «саке екі жыл отырды»,
#: "Sake, privet", "beke suraidy" (Сәкен, Бекзат…); only the «-еке», «-әке», «-аке» ending, which no Russian or
#: Kazakh word of that length has but «әке» (father) and «көке» (uncle)
_RESPECTFUL_ALONE = re.compile(r"^(?P<stem>[а-яёәғқңөұүһі]{1,3}?)(?P<short>әке|еке|аке)"
                               r"(?:ге|ні|нің|мен|ден|нен)?$")
_LATIN_RESPECTFUL_ALONE = re.compile(r"^(?P<stem>[a-zäáóúı]{1,4}?)(?P<short>ake|eke|äke|áke)"
                                     r"(?:ge|ni|nin|men|den|nen)?$")


@lru_cache(maxsize=2)
def _name_starts(latin: bool = False) -> frozenset[str]:
    """The first two to four letters of every listed given name longer than them, folded («жә», «нұр» → «нур»), or
    in the one Latin spelling of ``latin_key`` («nur»)."""
    from fieldkit.anonymise.morphology import latin_key
    from fieldkit.anonymise.names import given_names

    names, ambiguous = given_names()
    key = latin_key if latin else fold
    return frozenset(spelt[:size] for spelt in map(key, names - ambiguous) for size in (2, 3, 4)
                     if len(spelt) > size + 1)


def is_respectful_short_name(word: str, *, capitalised_mid_sentence: bool = False) -> bool:
    """Whether ``word`` is a Kazakh respectful short name; a dictionary word of that shape only when capitalised in
    mid-sentence."""
    from fieldkit.anonymise.kazakh_words import is_kazakh_stem

    lowered = word.casefold()
    ken = _RESPECTFUL_KEN.match(lowered)
    if ken:
        stem = ken["stem"]
        return (stem not in _NOT_KEN_NAMES and fold(stem) in _name_starts() and not is_kazakh_stem(lowered)
                and not is_kazakh_stem(stem + "кен"))
    match = _RESPECTFUL.match(lowered)
    if match is None:
        return False
    short = match["stem"] + match["short"]
    if short in _NOT_NAMES or fold(short) in _NOT_NAMES or fold(match["stem"]) not in _name_starts():
        return False
    # «-ке», «-қа» are the respectful endings themselves; a bare «-а», «-е» is also a possessive («қалаң»)
    return capitalised_mid_sentence or match["short"] not in ("а", "е") or not is_kazakh_stem(short)


def is_respectful_name_alone(word: str) -> bool:
    """Whether ``word`` is a respectful short name without its «-ң» («Сәке», "Beke"): its first syllable starts a
    listed given name and it is no Russian or Kazakh word."""
    from fieldkit.anonymise.kazakh_words import is_kazakh_stem
    from fieldkit.anonymise.morphology import is_common_word, latin_key

    lowered = word.casefold()
    if match := _LATIN_RESPECTFUL_ALONE.match(lowered):
        return latin_key(match["stem"] + match["short"][0])[:4] in _name_starts(latin=True)
    match = _RESPECTFUL_ALONE.match(lowered)
    if match is None:
        return False
    short = match["stem"] + match["short"]
    return (short not in _NOT_NAMES and fold(short) not in _NOT_NAMES
            and fold(match["stem"] + match["short"][0]) in _name_starts()
            and not is_kazakh_stem(short) and not is_common_word(lowered))


class RespectfulNameRecognizer(EntityRecognizer):
    """PERSON for a Kazakh respectful short name («Жәкең», «нұрекең»)."""

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["PERSON"], name=f"RespectfulNames-{language}",
                         supported_language=language)

    def load(self) -> None:
        _name_starts()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for start, end, word in words(text):
            # (Latin words only where the text is transliterated, the engine's "xx": in English "sake" is a word)
            if (word.isascii() is (self.supported_language == "xx") and (word.isascii() or "ке" in word.casefold())
                    and is_respectful_name_alone(word)):
                explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE,
                                                  textual_explanation="a Kazakh respectful short name on its own")
                results.append(RecognizerResult("PERSON", start, end, SCORE, explanation))
                continue
            if not _RESPECTFUL_TAIL.search(word) and "кен" not in word.casefold():
                continue
            capitalised = (word[:1].isupper() and word[1:2].islower() and bool(text[:start].strip())
                           and not _SENTENCE_END.search(text[:start]))
            if is_respectful_short_name(word, capitalised_mid_sentence=capitalised):
                explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE,
                                                  textual_explanation="a Kazakh respectful short name")
                results.append(RecognizerResult("PERSON", start, end, SCORE, explanation))
        return results
