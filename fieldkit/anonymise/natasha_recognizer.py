"""Russian names, places and organisations from Natasha (Slovnet NER), as a Presidio recognizer.

Natasha's models ship inside the package, so this works offline. It also gives lemmas, which
lets "Муратом Кожановым" and "Мурат Кожанов" share one pseudonym.
"""

from __future__ import annotations

from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

NATASHA_TO_PRESIDIO = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}
SCORE = 0.85


@lru_cache(maxsize=1)
def _natasha():
    from natasha import MorphVocab, NewsEmbedding, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return Segmenter(), NewsNERTagger(embedding), MorphVocab()


def lemmatise(text: str) -> str:
    """Lower-cased normal form of each word: Муратом Кожановым → мурат кожанов."""
    _, _, morph = _natasha()
    words = [word.strip(".,;:!?«»\"'()") for word in text.split()]
    return " ".join(_normal_form(morph, word) if word.isalpha() else word.casefold() for word in words)


_PROPER_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn")


def _normal_form(morph, word: str) -> str:
    """Prefer a proper-noun reading: "Кожанов" is a surname here, not the genitive of "кожан"."""
    parses = morph.parse(word)
    proper = [p for p in parses if any(tag in str(p.tag) for tag in _PROPER_TAGS)]
    return (proper or parses)[0].normal_form


class NatashaRecognizer(EntityRecognizer):
    def __init__(self, supported_language: str = "ru") -> None:
        super().__init__(
            supported_entities=sorted(set(NATASHA_TO_PRESIDIO.values())),
            name="NatashaRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        _natasha()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        from natasha import Doc

        segmenter, tagger, _ = _natasha()
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        results = []
        for span in doc.spans:
            entity = NATASHA_TO_PRESIDIO.get(span.type)
            if entity is None or (entities and entity not in entities):
                continue
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=SCORE, textual_explanation=f"Natasha {span.type}"
            )
            results.append(RecognizerResult(entity, span.start, span.stop, SCORE, explanation))
        return results
