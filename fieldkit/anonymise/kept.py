"""Terms the anonymiser keeps: generic institutions, countries, platforms, ranks and respondent codes identify
nobody on their own, and the analysis needs them (data/kept_terms.txt)."""

from __future__ import annotations

import re
from functools import lru_cache

#: Respondent codes (a category of 1-4 capitals, perhaps a site's 1-4 more, and a number: "P12", "R-58",
#: "R-AT-03", "KRG-11"): pseudonyms already, kept.
_CODE = r"[A-Z]{1,4}(?:-[A-Z]{1,4})?-?\d{1,3}"
RESPONDENT_CODE = re.compile(rf"^{_CODE}$")
#: an organisation a named-entity model made of a respondent code and what follows it («R-58, 12.03»)
_CODE_FIRST = re.compile(rf"^{_CODE}(?=[,;.:\s])")
#: a respondent code's number, where a number read from digits must not begin: «R-AST-03, 08.04»
CODE_NUMBER_BEFORE = re.compile(r"(?<![\w-])[A-ZА-ЯЁ]{1,4}(?:-[A-ZА-ЯЁ]{1,4})?-$")


@lru_cache(maxsize=1)
def kept_terms() -> frozenset[str]:
    """Keys (morphology.phrase_key) of data/kept_terms.txt."""
    from importlib import resources

    from fieldkit.anonymise.morphology import phrase_key

    text = (resources.files("fieldkit.anonymise") / "data" / "kept_terms.txt").read_text(encoding="utf-8")
    return frozenset(phrase_key(line.strip()) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def starts_with_respondent_code(found: str) -> bool:
    """Whether a finding begins with a respondent code and its punctuation: the model's organisation «R-58, 12.03»
    is the pseudonym and a date, no body."""
    return bool(_CODE_FIRST.match(found.strip()))


_AND = re.compile(r"\s+(?:и|мен|men|және|jane|jáne|and|или|немесе)\s+|\s*[,/]\s*", re.IGNORECASE)


def is_kept(found: str) -> bool:
    """A finding that is, as a whole, a kept term or a respondent code: it identifies nobody."""
    from fieldkit.anonymise.morphology import phrase_key

    stripped = found.strip(" .,;:«»\"'()")
    if RESPONDENT_CODE.match(stripped) or phrase_key(stripped) in kept_terms():
        return True
    parts = _AND.split(stripped)
    if len(parts) > 1:  # two kept terms joined: «КНБ и МВД», «ҚНБ мен ІІМ», "KNB and MVD", «КНБ/МВД»
        return all(part and is_kept(part) for part in parts)
    lowered = stripped.casefold()  # a borrowed word morphology does not know, inflected ("в Телеграме")
    return " " not in lowered and any(lowered.endswith(ending) and phrase_key(lowered[: -len(ending)]) in kept_terms()
                                      for ending in _BORROWED_ENDINGS)


#: Russian endings on a borrowed word, and Kazakh case endings on any kept term («түркиядан», «кореяға»,
#: «ресейге»), longest first
_BORROWED_ENDINGS = ("дағы", "дегі", "тағы", "тегі", "ами", "дан", "ден", "тан", "тен", "нан", "нен", "ның", "нің",
                     "дың", "дің", "тың", "тің", "мен", "бен", "пен", "ом", "ой", "ам", "ах", "да", "де", "та", "те",
                     "ға", "ге", "қа", "ке", "га", "ка", "ны", "ні", "ды", "ді", "ты", "ті", "е", "а", "у", "ы", "и",
                     # the same Kazakh endings in Russian letters, as whisper and hurried typing write them
                     # («ресейдин», «германияга», «кытайдын»)
                     "дагы", "деги", "тагы", "теги", "нын", "нин", "дын", "дин", "тын", "тин", "ди", "ти", "ни")
