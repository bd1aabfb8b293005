"""Consistent placeholders: the same person is [PERSON-3] in every sentence and every inflected form.

The map from real names to numbers is itself identifying, so inside a project it is stored as its own
encrypted object with its own retention rule (see ``anonymise.interview``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from fieldkit.anonymise.engine import PLACEHOLDER_LABELS, Finding


def normalise(surface: str, language: str) -> str:
    """The key two mentions must share to get one placeholder."""
    if language == "ru":
        from fieldkit.anonymise.natasha_recognizer import lemmatise

        return lemmatise(surface)
    text = " ".join(surface.casefold().split())
    return text[4:] if text.startswith("the ") else text


@dataclass
class Pseudonyms:
    """entity label → normalised surface → number."""

    table: dict[str, dict[str, int]] = field(default_factory=dict)

    def placeholder(self, entity: str, surface: str, language: str) -> str:
        label = PLACEHOLDER_LABELS.get(entity, entity)
        numbers = self.table.setdefault(label, {})
        key = normalise(surface, language)
        if key not in numbers:
            numbers[key] = len(numbers) + 1
        return f"[{label}-{numbers[key]}]"

    def to_bytes(self) -> bytes:
        return json.dumps(self.table, ensure_ascii=False, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Pseudonyms:
        return cls({label: dict(numbers) for label, numbers in json.loads(data).items()})


@lru_cache(maxsize=1)
def _anonymizer():
    """Imported lazily: presidio pulls in spaCy, which costs seconds at start-up."""
    from presidio_anonymizer import AnonymizerEngine

    return AnonymizerEngine()


def replace(text: str, findings: list[Finding], pseudonyms: Pseudonyms, language: str) -> str:
    """Swap each finding for its placeholder (findings must not overlap; ``engine.analyse`` ensures it)."""
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    if not findings:
        return text
    for finding in sorted(findings, key=lambda f: f.start):  # number in reading order
        pseudonyms.placeholder(finding.entity, finding.text, language)
    operators = {
        entity: OperatorConfig(
            "custom", {"lambda": lambda surface, e=entity: pseudonyms.placeholder(e, surface, language)}
        )
        for entity in {finding.entity for finding in findings}
    }
    results = [RecognizerResult(f.entity, f.start, f.end, f.score) for f in findings]
    return _anonymizer().anonymize(text=text, analyzer_results=results, operators=operators).text


def redact(text: str, language: str) -> str:
    """Stateless redaction of one text (``fieldkit pii redact``): numbering starts afresh each call."""
    from fieldkit.anonymise.engine import analyse

    return replace(text, analyse(text, language), Pseudonyms(), language)
