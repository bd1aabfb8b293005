"""Russian (and Cyrillic Kazakh) names, places and organisations from Natasha, as a Presidio recognizer.

Natasha's Slovnet NER and Navec embeddings ship inside the PyPI packages, so this works offline.
"""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise.morphology import THE_ONE_IN_ENDINGS, natasha, word_key

NATASHA_TO_PRESIDIO = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}
SCORE = 0.85


class NatashaRecognizer(EntityRecognizer):
    def __init__(self, supported_language: str = "ru") -> None:
        super().__init__(
            supported_entities=sorted(set(NATASHA_TO_PRESIDIO.values())),
            name="NatashaRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        natasha()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        from natasha import Doc

        segmenter, tagger, _ = natasha()
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        results = []
        for span in doc.spans:
            entity = NATASHA_TO_PRESIDIO.get(span.type)
            if entity is None or (entities and entity not in entities):
                continue
            start = _trim_doubtful_start(text, span.start, span.stop)
            if start >= span.stop or _lower_case_kazakh_word(text[start:span.stop]):
                continue
            pieces = [piece for part_start, part_stop in _split_at_arrows(text, start, span.stop)
                      for piece in (_split_at_kazakh_words(text, part_start, part_stop) if entity == "PERSON"
                                    else [(part_start, part_stop)])]
            for piece_start, piece_stop in pieces:
                piece_start, piece_stop = _without_kazakh_edges(text, piece_start, piece_stop)
                if piece_start >= piece_stop:
                    continue
                explanation = AnalysisExplanation(
                    recognizer=self.name, original_score=SCORE, textual_explanation=f"Natasha {span.type}"
                )
                results.append(RecognizerResult(entity, piece_start, piece_stop, SCORE, explanation))
        return results


#: the Kazakh "the one in …" ending, which makes a place an adjective and no name («Павлодардағы Ертіс базарында»)
_THE_ONE_IN = re.compile(rf"\w(?:{'|'.join(THE_ONE_IN_ENDINGS)})[,.;:]?$")


#: a note's arrow or equals sign between two names: «Лебедев → Орлов → Зайцев», «Кокшетау -> Петропавл»
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|←|<-|=)\s*")


def _split_at_arrows(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """A span cut at a note's arrows: Natasha reads «Лебедев → Орлов → Зайцев», a chain of three people, as one,
    and one pseudonym for the three would say they are the same man."""
    pieces, piece_start = [], start
    for arrow in _ARROW.finditer(text, start, stop):
        if arrow.start() > piece_start:
            pieces.append((piece_start, arrow.start()))
        piece_start = arrow.end()
    if stop > piece_start:
        pieces.append((piece_start, stop))
    return pieces


def _split_at_kazakh_words(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """A name cut where a lower-case Kazakh word stands inside it: in «Жасурбек Тошпулатов Жетісу ауданындағы
    Райымбек даңғылында» Natasha's one person runs on over a district and a street; no name holds «ауданындағы»,
    nor a word that says "the one in" («Павлодардағы»)."""
    from fieldkit.anonymise.names import KAZAKH_PLACE_HEAD, KAZAKH_SITE_HEAD

    pieces = []
    piece_start = start
    previous_start = start
    for word in re.finditer(r"\S+", text[start:stop]):
        if (word.group().islower() and _kazakh_not_russian(word.group())) or _THE_ONE_IN.search(word.group()):
            # a place's own word takes the name before it with it: «Жетісу ауданындағы» is the district's
            cut = previous_start if KAZAKH_PLACE_HEAD.match(word.group()) else start + word.start()
            pieces.append((piece_start, cut))
            piece_start = start + word.end()
        previous_start = start + word.start()
    if ((KAZAKH_PLACE_HEAD.match(text, stop + 1) or KAZAKH_SITE_HEAD.match(text, stop + 1))
            and text[stop:stop + 1] == " "):
        stop = previous_start  # «Бауыржан Сейітов Алмалы ауданында»: the last word is the district's
    pieces.append((piece_start, stop))
    return [(a, b) for a, b in pieces if a < b and text[a:b].strip()]


def _lower_case_kazakh_word(found: str) -> bool:
    """Lower-case Kazakh words only («бардым», «аяғым сынып»): Natasha, trained on Russian, tags such words in a
    Kazakh sentence; a Kazakh name in lower case is the lower-case name rules' work."""
    from fieldkit.anonymise.kazakh_words import is_kazakh_word
    from fieldkit.anonymise.names import is_listed_name

    words = found.split()
    return found.islower() and bool(words) and all(is_kazakh_word(word) and not is_listed_name(word)
                                                   for word in words)


def _without_kazakh_edges(text: str, start: int, stop: int) -> tuple[int, int]:
    """``start:stop`` without the lower-case Kazakh words at its ends: in «екі мың жиырма екінші жылы Алматыға
    кетті» (in 2022 she left for Almaty) Natasha's organisation is the year, the place and the verb; only the
    capitalised place is a name."""
    words = [(m.start() + start, m.end() + start, m.group()) for m in re.finditer(r"\S+", text[start:stop])]
    while words and _kazakh_not_russian(words[0][2]):
        words.pop(0)
    while words and _kazakh_not_russian(words[-1][2]):
        words.pop()
    return (words[0][0], words[-1][1]) if words else (stop, stop)


def _kazakh_not_russian(word: str) -> bool:
    """A lower-case Kazakh word Russian does not share: «жылы», «кетті», not «шоссе» or an abbreviation («обл.»)."""
    from fieldkit.anonymise.morphology import has_kazakh_letters

    bare = word.strip(",;:")
    if bare.endswith(".") and len(bare) <= 5:
        return False
    bare = bare.rstrip(".")
    _, _, morph = natasha()
    return _lower_case_kazakh_word(bare) and (has_kazakh_letters(bare) or not morph.word_is_known(bare))


def _confident_word(word: str) -> bool:
    """A word that can open a name: a known given name, a surname shape, or a proper noun Russian knows."""
    from fieldkit.anonymise.names import fold, given_names, has_surname_shape

    if word.isupper() or fold(word_key(word)) in given_names()[0] or has_surname_shape(word):
        return True
    _, _, morph = natasha()
    lowered = word.casefold()
    return morph.word_is_known(lowered) and any(
        tag in str(parse.tag) for parse in morph.parse(lowered)[:2] for tag in ("Name", "Surn", "Geox", "Orgn")
    )


def _trim_doubtful_start(text: str, start: int, stop: int) -> int:
    """Natasha reads many capitalised sentence-initial words as part of a name ("Машина", Kazakh "Мені",
    "Бастығым Серік Ахметов"). Drop such opening words unless they look like names themselves."""
    while start < stop:
        before = text[:start].rstrip()
        # (a note's new line starts a sentence too: «Подельник — сосед» under a date)
        at_sentence_start = not before or before[-1] in ".!?…:—-\"«" or "\n" in text[len(before):start]
        word_end = start
        while word_end < stop and not text[word_end].isspace():
            word_end += 1
        word = text[start:word_end].strip(".,;:!?«»\"'()")
        if not at_sentence_start or _confident_word(word):
            return start
        start = word_end
        while start < stop and text[start].isspace():
            start += 1
    return stop
