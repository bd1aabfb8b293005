"""Nicknames that are ordinary words, said without a cue: «сдал его малой», «нормальный был только кабан», «у
кучерявого брали», «сарының шын аты», "verblyud prosit sotku".

Criminal and street nicknames come from a small stock: animals (Кабан, Сова, Шмель, Қасқыр) and looks (Лысый,
Рыжий, Кучерявый, Сары, Көсе). Such a word is taken as a person when it stands where a person stands: alone, as a
noun. Not when it describes a noun («лысый мужик»), is said of someone («я ещё малой был», «он вовсе не лысый»),
is compared with («как сова») or follows a word that makes it an animal («этот кабан», «дикий кабан»). Kazakh
words are taken only with a case ending (сарының, қасқырмен): a bare «сары» is more often the colour.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise.morphology import first_tag, natasha, words
from fieldkit.anonymise.nickname_stock import (
    BESIDE_A_NAME,
    ENGLISH,
    ENGLISH_VERBS_AFTER,
    KAZAKH,
    LATIN,
    LATIN_BESIDE_A_NAME,
    stock_reading,
)

SCORE = 0.55
_ENGLISH_WORDS_BEFORE = frozenset({"with", "to", "from", "by", "told", "asked", "called", "saw", "met", "for", "guy",
                                   "man", "named", "paid", "gave", "tell", "ask", "call"})
_ENGLISH_NOUNS_AFTER = frozenset({"hair", "tea", "dog", "cat", "fur", "beard", "skin", "head", "eyes", "market",
                                  "meat", "wings", "neck", "bread", "cake", "root", "ale", "beer", "egg", "eggs"})
_LATIN_ENDINGS = ("om", "em", "oi", "ym", "a", "u", "e", "y", "ga", "ge", "tyn", "tin", "nyn", "nin", "men", "pen",
                  "ben", "dan", "den", "ny", "ni", "dy", "di")
#: Kazakh case endings that make a stock word a person; not -ды/-ді/-ты/-ті, which end verbs too («қарады», looked)
_KAZAKH_ENDINGS = re.compile(
    r"^(?P<stem>\w{2,}?)(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|ны|ні|мен|бен|пен|нан|нен|сы|сі)$")
#: words before a nickname-stock word that make it the animal, a description or a comparison
_NOT_A_PERSON_BEFORE = frozenset({
    "как", "будто", "словно", "вроде", "типа", "чем", "похож", "похожий", "этот", "эта", "этого", "этой",
    "такой", "такая", "такого", "один", "одна", "одного", "какой-то", "какая-то", "дикий", "настоящий", "живой",
    "живого", "мёртвый", "сам", "сама", "я", "ты", "он", "она", "мы", "вы", "они", "был", "была", "было", "стал",
    "стала", "очень", "совсем", "ещё", "еще", "уже", "не", "вовсе", "весь", "вся", "тоже", "слишком", "какой",
    "какая", "самый", "самая", "сияқты", "like", "a", "an", "the", "this", "that", "kak", "tipa", "etot", "eta",
    "мой", "моя", "твой", "наш", "ваш", "свой", "своего", "моего", "на", "в", "по",
})
_NOT_A_PERSON_AFTER = frozenset({"как", "такой", "такая", "же", "ли", "был", "была"})
#: what follows «был такой кабан» when the word is a man: a pronoun for him («…, его слушались все»)
_THERE_WAS_ONE = re.compile(r"\s*,?\s+(?:его|её|ее|он|она|которого|которую|ему|ей|у\s+него|у\s+неё)(?!\w)",
                            re.IGNORECASE)


@lru_cache(maxsize=50_000)
def _is_noun_or_adjective(word: str) -> bool:
    tag = first_tag(word)  # a pronoun («всех», «этот») is not a noun the word could describe
    return tag.startswith(("NOUN", "ADJF")) and "Apro" not in tag and word not in ("что", "кто", "это")


def _given_name(word: str) -> bool:
    """A listed given name, or one built the way Kazakh names are (Кенже+болат, Мейрам+бек)."""
    from fieldkit.anonymise.names import _kazakh_compound_name, _listed_name, given_names

    names, ambiguous = given_names()
    return _listed_name(word, names, ambiguous) or _kazakh_compound_name(word)


def _beside_a_given_name(text: str, tokens: list, index: int) -> bool:
    """Whether the word at ``index`` stands right before or after a given name, one space apart."""
    return any(0 <= j < len(tokens) and text[tokens[min(index, j)][1]:tokens[max(index, j)][0]] == " "
               and _given_name(tokens[j][2]) for j in (index - 1, index + 1))


@lru_cache(maxsize=50_000)
def _latin_stock(word: str) -> bool:
    return word in LATIN or any(word.endswith(ending) and word[: -len(ending)] in LATIN
                                and len(word) - len(ending) >= 3 for ending in _LATIN_ENDINGS)


class StockNicknameRecognizer(EntityRecognizer):
    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["PERSON"], name=f"StockNicknames-{language}",
                         supported_language=language)

    def load(self) -> None:
        natasha()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        tokens = words(text)
        folded = [word.casefold().replace("ё", "е") for _, _, word in tokens]
        results = []
        for index, (start, end, _word) in enumerate(tokens):
            lowered = folded[index]
            before = folded[index - 1] if index and not re.search(r"[.!?…]", text[tokens[index - 1][1]:start]) else ""
            after = folded[index + 1] if index + 1 < len(tokens) else ""
            if (before in _NOT_A_PERSON_BEFORE and not _THERE_WAS_ONE.match(text, end)) or after in _NOT_A_PERSON_AFTER:
                continue
            if lowered in ENGLISH:
                # capitalised mid-sentence, or where a person stands in whisper's lower case: before a verb
                # ("goose said"), after a verb of meeting or a preposition ("told baldy", "with goose") — but not
                # before the noun it describes ("curly hair", "ginger tea")
                taken = after not in _ENGLISH_NOUNS_AFTER and (
                    (_word[:1].isupper() and bool(before)) or after in ENGLISH_VERBS_AFTER
                    or before in _ENGLISH_WORDS_BEFORE)
            elif lowered.isascii():
                taken = _latin_stock(lowered) or (lowered in LATIN_BESIDE_A_NAME and _beside_a_given_name(
                    text, tokens, index))
            else:
                kazakh = _KAZAKH_ENDINGS.match(lowered)
                if kazakh and kazakh["stem"] in KAZAKH:
                    taken = True
                elif lowered in BESIDE_A_NAME and _beside_a_given_name(text, tokens, index):
                    taken = True  # «қара бейсен», «бала ерлан»: a nickname beside the name it goes with
                elif lowered in KAZAKH or len(lowered) < 3:
                    taken = False
                else:
                    reading = stock_reading(lowered)
                    # an adjective beside a noun describes it («лысый мужик», «кот, рыжий»); alone it names someone
                    previous = folded[index - 1] if index else ""
                    # after a given name it is the name's nickname («лёхой кривым», «серик лысый»)
                    after_a_name = bool(previous) and _given_name(previous)
                    taken = reading == "noun" or (reading == "adjective" and (after_a_name or (
                        not (after and _is_noun_or_adjective(after))
                        and not (previous and _is_noun_or_adjective(previous)))))
            if taken:
                explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE,
                                                  textual_explanation="a nickname from the common stock")
                results.append(RecognizerResult("PERSON", start, end, SCORE, explanation))
        return results
