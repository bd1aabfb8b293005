"""Consistent placeholders: the same person is [PERSON-3] in every transcript and every inflected form.

Mentions share a number when their word keys match (``morphology.phrase_key``): "Муратом Кожановым" and
"Мурат Кожанов" are one person, and a later "Кожанову" alone joins them through the alias of each word of
a confirmed multi-word name. The map from keys to numbers is identifying, so inside a project it is
stored as its own encrypted object with its own retention rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import Field

from fieldkit.anonymise.engine import PLACEHOLDER_LABELS, Finding
from fieldkit.anonymise.gazetteer import gazetteer
from fieldkit.anonymise.morphology import is_cyrillic, phrase_key
from fieldkit.retention.policy import QuasiModes
from fieldkit.stored import StoredModel, dump_stored, load_stored

ALIAS_MIN_LENGTH = 4
MAP_META_KEY = "pseudonym_map_object"
DEFAULT_QUASI = QuasiModes(dates="generalise")  # the reference protocol's: every kind generalised


def normalise(surface: str) -> str:
    """The key two mentions must share to get one placeholder."""
    key = phrase_key(surface)
    return key[4:] if key.startswith("the ") else key


@dataclass
class Pseudonyms:
    """label → key → number, single-word aliases of multi-word names, and which interviews use each key.

    Numbers come from a per-label counter and are never reused, so forgetting a withdrawn respondent's
    names cannot make a later person inherit their number."""

    table: dict[str, dict[str, int]] = field(default_factory=dict)
    aliases: dict[str, dict[str, int]] = field(default_factory=dict)
    sources: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def number(self, entity: str, surface: str, source: str | None = None) -> int:
        label = PLACEHOLDER_LABELS.get(entity, entity)
        numbers = self.table.setdefault(label, {})
        aliases = self.aliases.setdefault(label, {})
        key = normalise(surface)
        value = numbers.get(key)
        if value is None and len(key.split()) == 1:
            value = aliases.get(key)  # "Кожанову" alone joins "Мурат Кожанов"
        if value is None:
            self.counters[label] = max(self.counters.get(label, 0), *numbers.values(), 0) + 1
            value = self.counters[label]
            numbers[key] = value
            if label == "PERSON" and len(key.split()) > 1:
                # a word alone ("Касымову") joins the first full name that contained it
                for word in (w for w in key.split() if len(w) >= ALIAS_MIN_LENGTH):
                    aliases.setdefault(word, value)
        elif key not in numbers:
            numbers[key] = value
        if source is not None:
            used = self.sources.setdefault(label, {}).setdefault(key, [])
            if source not in used:
                used.append(source)
        return value

    def placeholder(self, entity: str, surface: str, source: str | None = None) -> str:
        return f"[{PLACEHOLDER_LABELS.get(entity, entity)}-{self.number(entity, surface, source)}]"

    def forget(self, interviews: set[str], keep: dict[str, set[str]] | None = None) -> int:
        """Drop ``interviews`` as sources, except for keys in ``keep`` (label → keys still used); remove keys
        no interview uses any more, with their aliases. Returns how many keys were removed."""
        removed = 0
        for label, by_key in self.sources.items():
            for key in list(by_key):
                if key in (keep or {}).get(label, set()):
                    continue
                by_key[key] = [s for s in by_key[key] if s not in interviews]
                if not by_key[key]:
                    del by_key[key]
                    number = self.table.get(label, {}).pop(key, None)
                    removed += 1
                    if number is not None and number not in self.table.get(label, {}).values():
                        aliases = self.aliases.get(label, {})
                        for alias in [a for a, n in aliases.items() if n == number]:
                            del aliases[alias]
        return removed

    def keys(self) -> dict[str, set[str]]:
        """Every confirmed key and alias per label (for re-tagging them wherever they occur)."""
        labels = set(self.table) | set(self.aliases)
        return {label: set(self.table.get(label, {})) | set(self.aliases.get(label, {})) for label in labels}

    def to_bytes(self) -> bytes:
        return dump_stored(StoredPseudonyms, {"table": self.table, "aliases": self.aliases, "sources": self.sources,
                                              "counters": self.counters}, sort_keys=True)

    @classmethod
    def from_bytes(cls, data: bytes) -> Pseudonyms:
        """Validated (fieldkit/stored.py): a damaged or newer map raises CorruptObject, naming no key in it."""
        raw = load_stored(StoredPseudonyms, data, "pseudonym map")
        return cls(raw.table, raw.aliases, raw.sources, raw.counters)


def load_pseudonyms(project) -> tuple[Pseudonyms, str | None]:
    """The project's pseudonym map and its object id (an empty map and None before the first derive)."""
    from fieldkit.errors import ObjectDestroyed
    from fieldkit.vault.db import get_meta

    map_object = get_meta(project.conn, MAP_META_KEY)
    if map_object is None:
        return Pseudonyms(), None
    try:
        return Pseudonyms.from_bytes(project.objects.get(map_object)), map_object
    except ObjectDestroyed:
        return Pseudonyms(), None  # destroyed under its retention rule: numbering starts afresh


class StoredPseudonyms(StoredModel):
    """The stored layout of the pseudonym map: label → key → number, and so on (see Pseudonyms)."""

    SCHEMA = 1
    table: dict[str, dict[str, int]] = Field(default_factory=dict)
    aliases: dict[str, dict[str, int]] = Field(default_factory=dict)
    sources: dict[str, dict[str, list[str]]] = Field(default_factory=dict)
    counters: dict[str, int] = Field(default_factory=dict)


_ENGLISH_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _anonymizer():
    """Imported lazily: presidio pulls in spaCy, which costs seconds at start-up."""
    from presidio_anonymizer import AnonymizerEngine

    return AnonymizerEngine()


def replacement(finding: Finding, pseudonyms: Pseudonyms, location_level: str, source: str | None = None,
                cyrillic: bool | None = None, quasi: QuasiModes = DEFAULT_QUASI, document: str = "") -> str | None:
    """What a finding becomes; None keeps the original text (locations under the "keep" level, quasi-identifiers
    the policy keeps). ``cyrillic``: whether the text around it is written in Cyrillic (generalised
    quantities are worded in its script). ``quasi``: the policy's keep | generalise | remove per kind.
    ``document``: the text it is in, whose other dates a generalised date's wording must not repeat."""
    mode = quasi.mode_for(finding.entity)
    if mode == "keep":
        return None
    if mode == "generalise":
        from fieldkit.anonymise import quantities, spoken_dates

        def generalise_date(text: str, cyrillic: bool) -> str | None:
            return spoken_dates.generalise_date(text, cyrillic, document)

        generalise = {"MONEY": quantities.generalise_sum, "AGE": quantities.generalise_age,
                      "TIME": quantities.generalise_time, "DURATION": quantities.generalise_duration,
                      "DATE_TIME": generalise_date, "DATE_WORDS": generalise_date}[finding.entity]
        if cyrillic is None:
            cyrillic = is_cyrillic(finding.text) or not finding.text.isascii()
        from fieldkit.anonymise.kazakh_latin import official_alphabet_of_words, spell_in_cyrillic

        official = official_alphabet_of_words(finding.text)
        # «eki myń jıyrma ekinshi jyly»: Kazakh in an official Latin alphabet is read as the Cyrillic it spells (the
        # English words alone would read «eki myń» and stop at 2000)
        phrase = generalise(spell_in_cyrillic(finding.text, official).text, cyrillic) if official else None
        phrase = phrase or generalise(finding.text, cyrillic)
        # "bes zhuz myn tenge": read in Cyrillic; not an English date, whose "March 12th" would read «марч 12», the
        # month and the year 2012
        if not phrase and re.search(r"[A-Za-z]", finding.text) and not _ENGLISH_MONTH.search(finding.text):
            from fieldkit.anonymise.spelled_back import spell_in_cyrillic as spell_back

            phrase = generalise(spell_back(finding.text).text, cyrillic)
        if phrase:
            return phrase
    if finding.entity == "LOCATION":
        if location_level == "keep":
            return None
        if finding.place:
            phrase = gazetteer().generalise(finding.place, location_level, is_cyrillic(finding.text))
            if phrase:
                return phrase
    return pseudonyms.placeholder(finding.entity, finding.text, source)


def _mostly_cyrillic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff") * 2 > len(letters)


def replace_with_spans(
    text: str,
    findings: list[Finding],
    pseudonyms: Pseudonyms,
    location_level: str = "remove",
    source: str | None = None,
    quasi: QuasiModes = DEFAULT_QUASI,
) -> tuple[str, list[tuple[int, int]]]:
    """Like ``replace``, also returning where each replacement sits in the new text."""
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    ordered = sorted(findings, key=lambda f: f.start)
    cyrillic = _mostly_cyrillic(text)
    replacements = {(f.start, f.end): replacement(f, pseudonyms, location_level, source, cyrillic, quasi, text)
                    for f in ordered}
    kept = [f for f in ordered if replacements[(f.start, f.end)] is not None]
    if not kept:
        return text, []
    tagged = [RecognizerResult(f"SPAN_{i}", f.start, f.end, 1.0) for i, f in enumerate(kept)]
    operators = {
        f"SPAN_{i}": OperatorConfig("replace", {"new_value": replacements[(f.start, f.end)]})
        for i, f in enumerate(kept)
    }
    result = _anonymizer().anonymize(text=text, analyzer_results=tagged, operators=operators)
    return result.text, sorted((item.start, item.end) for item in result.items)


def replace(
    text: str,
    findings: list[Finding],
    pseudonyms: Pseudonyms,
    location_level: str = "remove",
    source: str | None = None,
    quasi: QuasiModes = DEFAULT_QUASI,
) -> str:
    """Swap each finding (non-overlapping, as ``engine.analyse`` returns them) for its replacement."""
    return replace_with_spans(text, findings, pseudonyms, location_level, source, quasi)[0]


def redact(text: str, language: str, location_level: str = "remove", quasi: QuasiModes = DEFAULT_QUASI) -> str:
    """Stateless redaction of one text (``fieldkit pii redact``): numbering starts afresh each call."""
    from fieldkit.anonymise.engine import analyse

    return replace(text, analyse(text, language), Pseudonyms(), location_level, quasi=quasi)
