"""Names an English sentence announces by their place in it, whatever word they are: "mister he", "the park family".

Korean, Chinese and Dungan surnames are often English words ("Park", "Moon", "He", "Long"), and whisper writes
them in lower case, so neither a name list nor a capital finds them. The words around them do: a title before a
word makes it a name, and so does "family" after "the" and one word that says nothing else about a family.
"""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

#: a title, then the name: "mister he", "Mr. Long", "comrade ten"
_TITLED = re.compile(r"(?<![\w'])(?i:mister|mr\.?|mrs\.?|ms\.?|missis|missus|madam|comrade)\s+"
                     r"(?P<id>[A-Za-z][a-z'-]{1,20})"
                     r"(?![\w'-])")
#: what may follow a title and is no name ("mister president", "mister officer")
_NOT_AFTER_A_TITLE = frozenset({
    "president", "director", "officer", "judge", "prosecutor", "chairman", "mayor", "minister", "deputy", "akim",
    "and", "or", "the", "a", "an", "so"})
#: "the park family", "the moon family": one word between "the" and "family"
_FAMILY = re.compile(r"(?<![\w'])(?i:the)\s+(?P<id>[A-Za-z][a-z'-]{1,20})\s+(?i:family|families|clan|household)"
                     r"(?![\w'-])")
#: the words that stand there and say what kind of family it is, not whose
_KIND_OF_FAMILY = frozenset({
    "whole", "same", "entire", "big", "large", "small", "poor", "rich", "wealthy", "new", "old", "own", "host",
    "extended", "nuclear", "royal", "local", "other", "good", "nice", "young", "happy", "normal", "ordinary",
    "simple", "working", "religious", "muslim", "christian", "kazakh", "russian", "korean", "chinese", "uyghur",
    "uighur", "dungan", "german", "uzbek", "tatar", "turkish", "ukrainian", "jewish", "crime", "criminal", "mafia",
    "police", "military", "single", "foster", "adoptive", "loving", "close", "average", "typical", "respectable",
    "famous", "important", "influential", "powerful", "certain", "another", "first", "second", "third", "last",
    "next", "victim's", "victims", "victim", "deceased", "dead", "man's", "woman's", "boy's", "girl's", "guy's",
    "driver's", "officer's", "judge's", "mother's", "father's", "wife's", "husband's", "bride's", "groom's",
    "mixed", "broken", "problem", "model", "traditional", "modern", "village", "city", "farming", "farmer",
    "farmers", "fishing", "mining", "miners", "soviet", "former", "real", "only", "best", "biggest", "richest",
    "poorest", "oldest", "immediate", "wider", "closest", "nearest", "adopted", "neighbour's",
    "neighbor's", "neighbours", "neighbors", "neighbouring", "neighboring", "grieving", "missing", "accused",
    "defendant's", "detainee's", "prisoner's", "suspect's", "family", "very", "rest", "kids'", "children's"})


class EnglishCueRecognizer(EntityRecognizer):
    """PERSON for the word after an English title, and for the word that names a family ("the moon family")."""

    SCORE = 0.6

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["PERSON"], name=f"EnglishCues-{language}", supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for pattern, not_names, why in ((_TITLED, _NOT_AFTER_A_TITLE, "a name after a title"),
                                        (_FAMILY, _KIND_OF_FAMILY, "a family by its name")):
            for match in pattern.finditer(text):
                if match["id"].casefold() in not_names:
                    continue
                explanation = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE,
                                                  textual_explanation=why)
                results.append(RecognizerResult("PERSON", match.start("id"), match.end("id"), self.SCORE,
                                                explanation))
        return results
