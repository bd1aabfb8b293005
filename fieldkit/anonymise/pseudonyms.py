"""Consistent placeholders: the same person is [PERSON-3] in every transcript and every inflected form.

Mentions share a number when their word keys match (``morphology.phrase_key``): "Муратом Кожановым" and
"Мурат Кожанов" are one person, and a later "Кожанову" alone joins them through the alias of each word of
a confirmed multi-word name. The map from keys to numbers is identifying, so inside a project it is
stored as its own encrypted object with its own retention rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from fieldkit.anonymise.engine import PLACEHOLDER_LABELS, Finding
from fieldkit.anonymise.gazetteer import gazetteer
from fieldkit.anonymise.morphology import is_cyrillic, phrase_key

ALIAS_MIN_LENGTH = 4


def normalise(surface: str) -> str:
    """The key two mentions must share to get one placeholder."""
    key = phrase_key(surface)
    return key[4:] if key.startswith("the ") else key


@dataclass
class Pseudonyms:
    """label → key → number, plus single-word aliases of multi-word names."""

    table: dict[str, dict[str, int]] = field(default_factory=dict)
    aliases: dict[str, dict[str, int]] = field(default_factory=dict)

    def number(self, entity: str, surface: str) -> int:
        label = PLACEHOLDER_LABELS.get(entity, entity)
        numbers = self.table.setdefault(label, {})
        aliases = self.aliases.setdefault(label, {})
        key = normalise(surface)
        if key in numbers:
            return numbers[key]
        if key in aliases:
            return aliases[key]
        words = [w for w in key.split() if len(w) >= ALIAS_MIN_LENGTH]
        known = next((numbers.get(w) or aliases.get(w) for w in words if w in numbers or w in aliases), None)
        value = known or len(set(numbers.values()) | set(aliases.values())) + 1
        numbers[key] = value
        if label == "PERSON" and len(key.split()) > 1:
            for word in words:
                aliases.setdefault(word, value)
        return value

    def placeholder(self, entity: str, surface: str) -> str:
        return f"[{PLACEHOLDER_LABELS.get(entity, entity)}-{self.number(entity, surface)}]"

    def keys(self) -> dict[str, set[str]]:
        """Every confirmed key and alias per label (for re-tagging them wherever they occur)."""
        labels = set(self.table) | set(self.aliases)
        return {label: set(self.table.get(label, {})) | set(self.aliases.get(label, {})) for label in labels}

    def to_bytes(self) -> bytes:
        return json.dumps({"table": self.table, "aliases": self.aliases}, ensure_ascii=False, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Pseudonyms:
        raw = json.loads(data)
        return cls(
            {label: dict(numbers) for label, numbers in raw.get("table", {}).items()},
            {label: dict(numbers) for label, numbers in raw.get("aliases", {}).items()},
        )


@lru_cache(maxsize=1)
def _anonymizer():
    """Imported lazily: presidio pulls in spaCy, which costs seconds at start-up."""
    from presidio_anonymizer import AnonymizerEngine

    return AnonymizerEngine()


def replacement(finding: Finding, pseudonyms: Pseudonyms, location_level: str) -> str | None:
    """What a finding becomes; None keeps the original text (locations under the "keep" level)."""
    if finding.entity == "LOCATION":
        if location_level == "keep":
            return None
        if finding.place:
            phrase = gazetteer().generalise(finding.place, location_level, is_cyrillic(finding.text))
            if phrase:
                return phrase
    return pseudonyms.placeholder(finding.entity, finding.text)


def replace(text: str, findings: list[Finding], pseudonyms: Pseudonyms, location_level: str = "remove") -> str:
    """Swap each finding (non-overlapping, as ``engine.analyse`` returns them) for its replacement."""
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    ordered = sorted(findings, key=lambda f: f.start)  # numbers are handed out in reading order
    replacements = {(f.start, f.end): replacement(f, pseudonyms, location_level) for f in ordered}
    kept = [f for f in ordered if replacements[(f.start, f.end)] is not None]
    if not kept:
        return text
    # Presidio's anonymizer does the splicing; each span gets its own operator with its fixed text.
    tagged = [RecognizerResult(f"SPAN_{i}", f.start, f.end, 1.0) for i, f in enumerate(kept)]
    operators = {
        f"SPAN_{i}": OperatorConfig("replace", {"new_value": replacements[(f.start, f.end)]})
        for i, f in enumerate(kept)
    }
    return _anonymizer().anonymize(text=text, analyzer_results=tagged, operators=operators).text


def redact(text: str, language: str, location_level: str = "remove") -> str:
    """Stateless redaction of one text (``fieldkit pii redact``): numbering starts afresh each call."""
    from fieldkit.anonymise.engine import analyse

    return replace(text, analyse(text, language), Pseudonyms(), location_level)
