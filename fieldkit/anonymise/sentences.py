"""Which sentences of a text are Russian: Kazakh written in Russian letters looks like Russian to the eye, and a
word's reading (a Kazakh word or a name, an unknown word or a misspelt Russian one) depends on the sentence."""

from __future__ import annotations

import re
from bisect import bisect_right

from fieldkit.anonymise.morphology import natasha

_SENTENCE_END = re.compile(r"[.!?…\n]+")
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
#: the share of a sentence's longer words Russian morphology must know for the sentence to be Russian (whisper
#: garbles many words of a sentence that holds names)
RUSSIAN_SHARE = 0.3
#: words only a Russian sentence has (Kazakh in Russian letters has «мен», «және», «деп» instead)
_RUSSIAN_FUNCTION_WORDS = frozenset({
    "в", "во", "на", "что", "это", "не", "я", "он", "она", "мы", "они", "был", "была", "были", "и", "с", "по", "к",
    "у", "за", "из", "от", "так", "как", "но", "а", "его", "её", "ее", "меня", "мне", "нас", "их", "там", "тогда",
    "потом", "уже", "ещё", "еще", "когда", "если", "то", "же", "бы", "или", "только", "вот", "до", "при", "про",
})


class RussianSentences:
    """Whether a token's sentence is Russian: no Kazakh letter, a Russian function word, and at least a third of
    its Cyrillic words of three letters or more known to Russian morphology (Kazakh written by whisper in Russian
    letters is not). Decided for a sentence only when one of its words needs it: most never do."""

    def __init__(self, text: str, tokens: list[tuple[int, int, str]]) -> None:
        self._tokens = tokens
        self._bounds = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
        self._decided: dict[int, bool] = {}

    def __getitem__(self, index: int) -> bool:
        sentence_index = bisect_right(self._bounds, self._tokens[index][0])
        if sentence_index not in self._decided:
            self._decided[sentence_index] = self._russian(sentence_index)
        return self._decided[sentence_index]

    def _russian(self, sentence_index: int) -> bool:
        low = self._bounds[sentence_index - 1] if sentence_index else 0
        high = self._bounds[sentence_index] if sentence_index < len(self._bounds) else float("inf")
        sentence = [word.casefold() for start, _, word in self._tokens if low <= start < high and not word.isascii()]
        longer = [word for word in sentence if len(word) >= 3 and word.isalpha()]
        if (not longer or any(_KAZAKH_LETTERS.search(word) for word in sentence)
                or not any(word in _RUSSIAN_FUNCTION_WORDS for word in sentence)):
            return False
        morph = natasha()[2]
        return sum(morph.word_is_known(word) for word in longer) >= RUSSIAN_SHARE * len(longer)
