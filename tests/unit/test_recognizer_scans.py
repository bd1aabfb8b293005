"""How the recognizers scan a text. The script gate skips a pattern on text without Cyrillic letters only when the
pattern cannot match there (read from its parsed form, conservatively, and checked against every pattern the
anonymiser compiles); and the recognizers run in one order, so one text always gives the same findings."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import fieldkit.anonymise
from fieldkit.anonymise.anchored import matches_near
from fieldkit.anonymise.evaluation import load_documents
from fieldkit.anonymise.script_gate import finditer, has_cyrillic, needs_cyrillic, scannable
from tests.conftest import FIXTURES


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"лет", True),
    (r"\d+\s+(?:лет|года)", True),
    (r"(?:лет\s+)?\d+", False),  # the Cyrillic word is optional
    (r"(?:лет|years)", False),  # one branch is English
    (r"[а-яё]+", True),
    (r"[а-яa-z]+", False),  # a class with a Latin range
    (r"[^а-я]+", False),  # a negated class
    (r"\w+", False),
    (r"(?=\S*тысяч)\d+", True),  # a lookahead that must hold needs its word in the text
    (r"(?<=сом )\d+", True),
    (r"(?!лет)\d+", False),  # a negative lookahead needs nothing
    (r"(?:тенге){0,2}\d", False),
    (r"(?:тенге){1,2}\d", True),
    (r"(?P<a>x)?(?(a)лет|года)", True),  # both arms of a conditional need Cyrillic
    (r"(?P<a>x)?(?(a)лет|years)", False),
    (r"(?P<a>x)?(?(a)лет)", False),  # a conditional whose "no" arm is empty
    (r"(?>тысяч)", True),
    (r"(?:тысяч)*+\d", False),
])
def test_the_pattern_is_read_conservatively(pattern, needs):
    for flags in (0, re.IGNORECASE):
        assert needs_cyrillic(re.compile(pattern, flags)) is needs, (pattern, flags)


def test_a_gated_pattern_finds_the_same_as_the_plain_scan():
    pattern = re.compile(r"(?i)\b(?P<n>\d+)\s+тысяч")
    for text in ("paid 300 thousand", "дал 300 тысяч", "ДАЛ 300 ТЫСЯЧ", "paid 300 тысяч"):
        assert [m.span() for m in finditer(pattern, text)] == [m.span() for m in pattern.finditer(text)]
    english = re.compile(r"\d+ thousand")
    assert [m.group() for m in finditer(english, "paid 300 thousand")] == ["300 thousand"]
    assert scannable([pattern, english], "paid 300 thousand") == [english]
    assert scannable([pattern, english], "дал 300 тысяч") == [pattern, english]
    assert not has_cyrillic("Erlan Bekov") and has_cyrillic("Ерлан") and has_cyrillic("Қайрат")


def test_an_anchored_pattern_is_gated_by_its_pattern_and_its_anchor():
    anchor, pattern = re.compile("тысяч"), re.compile(r"\d+ тысяч")
    assert [m.group() for m in matches_near(pattern, anchor, "дал 300 тысяч", 20)] == ["300 тысяч"]
    assert matches_near(pattern, anchor, "paid 300 thousand", 20) == []


def _compiled_patterns():
    """Every compiled pattern a module of fieldkit.anonymise holds at its top level, in a tuple or in a rule."""
    found = {}
    for info in pkgutil.iter_modules(fieldkit.anonymise.__path__):
        module = importlib.import_module(f"fieldkit.anonymise.{info.name}")
        for name, value in vars(module).items():
            values = value if isinstance(value, (tuple, list)) else (value,)
            for index, item in enumerate(values):
                for candidate in (item, getattr(item, "pattern", None), getattr(item, "anchor", None)):
                    if isinstance(candidate, re.Pattern) and isinstance(candidate.pattern, str):
                        found[f"{info.name}.{name}[{index}]"] = candidate
                if isinstance(item, tuple):
                    for part in item:
                        if isinstance(part, re.Pattern) and isinstance(part.pattern, str):
                            found[f"{info.name}.{name}[{index}]"] = part
    return found


def test_no_pattern_read_as_needing_cyrillic_matches_the_latin_letter_fixtures():
    """An empirical check of the reading: the English and Latin-letter texts of every set, with each Cyrillic letter
    taken out, against every pattern the anonymiser compiles. A pattern the gate would skip must find nothing."""
    texts = []
    for path in [FIXTURES / "pii-dev" / "en.txt", FIXTURES / "pii-heldout" / "en.txt",
                 *(FIXTURES / f"pii-field-dev{n}" / "translit.txt" for n in (9, 16, 20, 23, 26, 29))]:
        texts += [document.text for document in load_documents(path)]
    latin = re.sub(r"[\u0400-\u052F]", "", "\n\n".join(texts))
    assert len(latin) > 90_000 and not has_cyrillic(latin)
    patterns = _compiled_patterns()
    gated = {name: pattern for name, pattern in patterns.items() if needs_cyrillic(pattern)}
    assert len(patterns) > 300 and 100 < len(gated) < len(patterns)
    wrongly_gated = {name: match.group() for name, pattern in gated.items() if (match := pattern.search(latin))}
    assert not wrongly_gated


def test_recognizers_run_in_the_order_they_were_added():
    """Presidio gathers recognizers through a set; which of two equal findings survived its de-duplication changed
    with memory addresses, and «abenova» was a place in one run and a person in the next."""
    from fieldkit.anonymise.engine import ENTITIES, analyzer

    registry = analyzer().registry
    for language in ("en", "ru"):
        got = registry.get_recognizers(language=language, entities=list(ENTITIES))
        assert got == [r for r in registry.recognizers if r in got]
        assert len(got) > 15
