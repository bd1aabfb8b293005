"""Names an English sentence announces by their place in it, whatever word they are: "mister he", "the park family".

Korean, Chinese and Dungan surnames are often English words ("Park", "Moon", "He", "Long"), and whisper writes
them in lower case, so neither a name list nor a capital finds them. The words around them do: a title before a
word makes it a name, and so does "family" after "the" and one word that says nothing else about a family.
The patterns and their checks run as rules of ``kz_recognizers``' English list (English and messenger Latin).
"""

from __future__ import annotations

import re

#: a title, then the name: "mister he", "Mr. Long", "comrade ten"
TITLED = re.compile(r"(?<![\w'])(?i:mister|mr\.?|mrs\.?|ms\.?|missis|missus|madam|comrade)\s+"
                    r"(?P<id>[A-Za-z][a-z'-]{1,20})(?![\w'-])")
#: what may follow a title and is no name ("mister president", "mister officer")
_NOT_AFTER_A_TITLE = frozenset({
    "president", "director", "officer", "judge", "prosecutor", "chairman", "mayor", "minister", "deputy", "akim",
    "and", "or", "the", "a", "an", "so"})
#: "the park family", "the moon family": one word between "the" and "family"
FAMILY = re.compile(r"(?<![\w'])(?i:the)\s+(?P<id>[A-Za-z][a-z'-]{1,20})\s+(?i:family|families|clan|household)"
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


def named_after_a_title(found: str, match: re.Match, text: str) -> bool:
    """The word after a title is a name unless it is a post or a joining word ("mister president", "mr. and")."""
    return found.casefold() not in _NOT_AFTER_A_TITLE


def names_a_family(found: str, match: re.Match, text: str) -> bool:
    """The word between "the" and "family" is the family's name unless it says what kind of family it is."""
    return found.casefold() not in _KIND_OF_FAMILY
