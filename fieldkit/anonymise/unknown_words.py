"""A Cyrillic word that neither Russian nor Kazakh knows is taken for a name.

The name lists and surname shapes catch the names somebody thought of; speech brings the rest («абдужаппар»,
«сейткази», «ербосынға»), in lower case and misspelt. In a Russian or Kazakh transcript almost every word that
no dictionary holds is a person or a place, so such a word is redacted unless it is a truncated word in hurried
notes («бывш.», «задерж.»), a verb or adverb by its shape, or one of the everyday foreign words speech is full
of (car makes, messengers). Over-redaction costs a word of context; a missed name can cost a person their
freedom.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise.kazakh_words import (
    KAZAKH_ENDINGS,
    is_kazakh_word,
    is_plainly_kazakh,
    kazakh_stems,
    stripped_forms,
)
from fieldkit.anonymise.latin_words import english_words, is_kazakh_in_latin, russian_spelling, unknown_latin_word
from fieldkit.anonymise.morphology import natasha, words
from fieldkit.anonymise.number_words import HUNDREDS, TEENS, TENS, UNITS
from fieldkit.anonymise.sentences import RussianSentences

#: everyday foreign words of speech in Kazakhstan that no dictionary holds: car makes and models, messengers and
#: apps, shops and brands of every town; none identifies anybody
EVERYDAY_FOREIGN = frozenset({
    "камри", "королла", "лексус", "лэндкрузер", "ленд", "крузер", "прадо", "хайлюкс", "мерс", "мерседес", "бмв",
    "ауди", "тойота", "хюндай", "хендай", "шевроле", "нексия", "жигули", "лада", "приора", "гранта", "газель",
    "камаз", "фура", "телеграм", "телеграмм", "телега", "вотсап", "ватсап", "уатсап", "вацап", "инстаграм",
    "инста", "тикток", "ютуб", "фейсбук", "вконтакте", "гугл", "яндекс", "каспи", "халык", "айфон", "самсунг",
    "ковид", "ковида", "коронавирус", "интернет", "онлайн", "смс", "эсэмэска", "биткоин", "крипта", "пошта",
    "поштасы", "ватсапп", "насвай", "насвая", "самса", "самсу", "самсы", "бешбармак", "баурсак", "баурсаки",
    "дастархан", "кумыс", "шубат", "дальнобой", "дальнобойщик", "эмодзи", "смайлик", "смайл", "стикер", "сторис",
    "репост", "лайк", "лайкнул", "селфи", "скрин", "скриншот", "войс", "голосовое", "аватарка", "ник", "никнейм",
    "трекер", "геолокация", "геолокацию", "впн", "тиндер", "зум", "транскрипт", "таймкод", "таймкоды",
    "пробация",  # the probation service, a word of every court's that the dictionary lacks
})


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """``EVERYDAY_FOREIGN`` and data/everyday_words.txt: the everyday words of speech that no dictionary holds."""
    from importlib import resources

    text = (resources.files("fieldkit.anonymise") / "data" / "everyday_words.txt").read_text(encoding="utf-8")
    listed = {line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return EVERYDAY_FOREIGN | frozenset(listed)


@lru_cache(maxsize=1)
def _everyday_stems() -> tuple[str, ...]:
    """The entries long enough to be recognised under a case ending too («нексии», «транскрипте», «вахтовиком»)."""
    return tuple(sorted((word for word in everyday_words() if len(word) >= 5), key=len, reverse=True))


@lru_cache(maxsize=100_000)
def is_everyday_foreign(word: str) -> bool:
    """An everyday word no dictionary holds (``everyday_words``), also with a Russian or Kazakh ending of up to four
    letters."""
    lowered = word.casefold()
    if lowered in everyday_words():
        return True
    for stem in _everyday_stems():
        base = stem[:-1] if stem.endswith(("а", "я", "и", "ы")) else stem
        if lowered.startswith(base) and len(lowered) - len(stem) <= 4:
            # not a surname made of it: «Халыков», «Каспиева»
            return not re.fullmatch(r"(?:ов|ев|ин|ова|ева|ина|ых)\w{0,2}", lowered[len(base):])
    return False
#: productive Russian prefixes and clipped first halves of compounds («автомойка», «погранзастава», «юрфак»)
_RUSSIAN_PREFIXES = ("пол", "полу", "авто", "спец", "гос", "гор", "рай", "обл", "мед", "юр", "нарко", "погран", "само",
                     "зам", "экс", "вице", "микро", "мини", "мега", "супер", "анти", "контр", "теле", "фото", "видео",
                     "электро", "радио", "вет", "гос", "пол", "сверх", "недо", "пере", "раз", "рас", "без", "бес",
                     "мото", "эко", "агро", "нефте", "газо", "мясо", "хлебо", "вещ", "вод")
_NUMBER_WORDS = frozenset({*UNITS, *TEENS, *TENS, *HUNDREDS})
#: longer than any name: a run of letters typed to fill a field, not a word
MAX_NAME_LENGTH = 30
#: prepositions after which an unknown word is a place («в шаныраке», «из жанашара»)
_PLACE_PREPOSITIONS = frozenset({"в", "во", "из", "до", "через", "под", "около", "возле", "напротив"})
_LATIN_PLACE_PREPOSITIONS = frozenset({"in", "from", "to", "near", "v", "vo", "iz", "do", "cherez", "okolo"})
_LATIN_PLACE_ENDINGS = ("da", "de", "ta", "te", "dan", "den", "tan", "ten", "nan", "nen", "dagy", "degi")
#: Kazakh locative and ablative endings, which make an unknown word a place («ұштөбеде», «текеліден»)
_KAZAKH_PLACE_ENDINGS = ("да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "дағы",
                         "дегі", "тағы", "тегі")
#: endings of Russian past tenses and infinitives, checked with a verb reading («крышевал», «барыжил»)
_VERB_ENDINGS = ("вал", "вала", "вали", "жил", "жила", "жили", "ил", "ила", "или", "ал", "ала", "али", "ел", "ела",
                 "ели", "ать", "ить", "еть", "ять", "ует", "уют", "ешь", "ишь")
_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+(?:-[а-яёәғқңөұүһі]+)*")


@lru_cache(maxsize=100_000)
def unknown_word(word: str, russian: bool = False) -> bool:
    """A Cyrillic word of four letters or more that neither Russian morphology nor the Kazakh dictionary knows,
    not shaped like a verb or adverb, and not an everyday foreign word. ``russian``: the word stands in a Russian
    sentence, where only a plain Kazakh form counts as Kazakh (kazakh_words.is_plainly_kazakh)."""
    kazakh = is_plainly_kazakh if russian else is_kazakh_word
    lowered = word.casefold()
    if not 4 <= len(lowered) <= MAX_NAME_LENGTH or not _CYRILLIC_WORD.fullmatch(lowered) or (
            is_everyday_foreign(lowered)):
        return False
    if lowered in _NUMBER_WORDS:
        return False
    morph = natasha()[2]
    parts = lowered.split("-")
    if len(parts) == 2 and re.fullmatch(r"шник\w{0,3}", parts[1]):
        return False  # «кнб-шники», «гаи-шник»: people of an agency, written with a hyphen
    if len(parts) == 2 and parts[1] in KAZAKH_ENDINGS:
        return len(parts[0]) >= 4 and unknown_word(parts[0], russian)  # «жсн-і», «кнб-дағы»: an ending after a hyphen
    if all(morph.word_is_known(part) or kazakh(part) for part in parts):
        return False
    if len(parts) == 2 and 3 <= len(parts[0]) <= 5 and len(parts[1]) >= 3 and _contracted(parts[0], parts[1]):
        return False  # «док-тов», «кол-ву»: a word a note contracts at a hyphen, no name
    if morph.word_is_known(lowered) or kazakh(lowered):
        return False
    if any(lowered.startswith(prefix) and len(lowered) - len(prefix) >= 4 and morph.word_is_known(lowered[len(prefix):])
           for prefix in _RUSSIAN_PREFIXES):
        return False  # «полдеревни», «автомойку», «спецчасти»: a Russian word with a productive prefix
    if not russian and any(common_noun(stem) or stem in everyday_words() for stem in stripped_forms(lowered)):
        return False  # «изоляторында», «уатсапта»: a Russian or foreign word with a Kazakh ending
    if lowered[-1] in "иіы" and len(lowered) >= 6 and common_noun(lowered[:-1]):
        return False  # «брокери», «паспорты»: a Russian noun with the Kazakh possessive, whatever the sentence
    # «крышевал», «барыжил»: slang verbs in the past tense
    return not (lowered.endswith(_VERB_ENDINGS)
                and any(str(p.tag).startswith(("VERB", "INFN")) for p in morph.parse(lowered)))


def known_word(word: str) -> bool:
    """A word Russian morphology, the Kazakh dictionary or English knows, whatever its length."""
    lowered = word.casefold()
    if lowered.isascii():
        return lowered in english_words()
    return natasha()[2].word_is_known(lowered) or is_kazakh_word(lowered)


def common_noun(word: str) -> bool:
    """A Russian noun that is no name: the stem of a loanword with a Kazakh ending («изолятор|ында»)."""
    return natasha()[2].word_is_known(word) and any(
        str(p.tag).startswith("NOUN") and not any(t in str(p.tag) for t in ("Name", "Surn", "Patr", "Geox"))
        for p in natasha()[2].parse(word))


@lru_cache(maxsize=10_000)
def _contracted(head: str, tail: str) -> bool:
    """Whether a dictionary word begins with ``head`` and ends with ``tail`` (документов for «док-тов»)."""
    morph = natasha()[2]
    return any(len(word) > len(head) + len(tail) and word.endswith(tail)
               for word in morph.dictionary.words.keys(head))


@lru_cache(maxsize=50_000)
def _truncated(word: str) -> bool:
    """The start of a longer Russian word, as notes cut words short («бывш», «осужд», «конфиск»)."""
    morph = natasha()[2]
    return next(iter(morph.dictionary.words.keys(word.casefold())), None) is not None


#: the endings of inflected words in messenger Latin, Kazakh and Russian, and vowels: before a full stop such a word
#: is as likely the speaker's own verb or noun in a spelling no list has ("zastavada.", "taksuet.", "mikrozaima.")
_INFLECTED_LATIN = ("a", "e", "i", "o", "u", "y", "da", "de", "ta", "te", "ga", "ge", "qa", "ke", "ka", "myn", "min",
                    "pyn", "pin", "byn", "bin", "syn", "sin", "myz", "miz", "lar", "ler", "dar", "der", "tar", "ter",
                    "et", "ut", "yt", "it", "at", "ym", "im", "am", "om", "em", "ny", "ni", "dy", "di", "ty", "ti",
                    "ev", "ov", "ah", "ax", "yh", "ih", "kh", "sh")


#: a Russian verb's personal endings, by the pronoun before it
_PERSON_ENDINGS = {"я": ("ую", "юю", "аю", "яю", "ю"), "мы": ("ем", "им", "уем"), "ты": ("ешь", "ишь"),
                   "вы": ("ете", "ите"), "он": ("ет", "ит"), "она": ("ет", "ит"), "они": ("ют", "ут", "ат", "ят")}


class UnknownWordRecognizer(EntityRecognizer):
    """Cyrillic words no dictionary knows: a place after a preposition of place or with a Kazakh locative or
    ablative ending, otherwise a person. The lowest score of the name recognizers: any other finding that
    covers the word wins."""

    SCORE = 0.45

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["PERSON", "LOCATION"], name=f"UnknownWords-{language}",
                         supported_language=language)

    def load(self) -> None:
        kazakh_stems()
        english_words()
        is_kazakh_in_latin("")  # builds the Kazakh stems' Latin keys once, at load

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        tokens = words(text)
        russian = RussianSentences(text, tokens)
        for index, (start, end, word) in enumerate(tokens):
            latin = word.isascii()
            if latin:
                if not unknown_latin_word(word):
                    continue
            # a word unknown even to the lenient reading needs no sentence; one the strict reading alone would
            # take asks whether its sentence is Russian
            elif not (unknown_word(word) or (unknown_word(word, True) and russian[index])):
                continue
            if text[end:end + 1] == "." and (_truncated(word) if not latin else (
                    len(word) <= 5 or russian_spelling(word, prefix=True) is not None
                    or word.casefold().endswith(_INFLECTED_LATIN))):
                continue  # «бывш.», «задерж.», "upravl.": a word cut short in notes ("rainhardt." ends a sentence)
            before = tokens[index - 1][2].casefold() if index else ""
            lowered = word.casefold()
            if not latin and lowered.endswith(_PERSON_ENDINGS.get(before, ("\0",))) and len(lowered) >= 5:
                continue  # a verb with its pronoun: «я таксую», «мы бомбим» (slang no dictionary has)
            place = (before in _PLACE_PREPOSITIONS or lowered.endswith(_KAZAKH_PLACE_ENDINGS)) if not latin else (
                before in _LATIN_PLACE_PREPOSITIONS or lowered.endswith(_LATIN_PLACE_ENDINGS))
            entity = "LOCATION" if place else "PERSON"
            if entity not in entities:
                continue
            explanation = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE,
                                              textual_explanation="a word no dictionary knows")
            results.append(RecognizerResult(entity, start, end, self.SCORE, explanation))
        return results
