"""Eleventh round: life sentences, Kazakh hours in Russian letters, lower-case companies and bodies typed in English
or messenger Latin. Texts invented in the shapes seen on the tuning sets (pii-field-dev11, pii-field-dev12)."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact


def spans(text: str, language: str = "ru") -> list[tuple[str, str]]:
    return [(f.entity, text[f.start:f.end]) for f in analyse(text, language)]


@pytest.mark.parametrize("text, term", [
    ("Ему дали пожизненное лишение свободы за двойное", "пожизненное лишение свободы"),
    ("брат получил пожизненно, а я восемь", "пожизненно"),
    ("там сидят на пожизненке одни", "пожизненке"),
    ("Оған өмір бойына бас бостандығынан айыру берілді", "өмір бойына бас бостандығынан айыру"),
    ("омир бойына берди оган", "омир бойына"),
])
def test_a_life_sentence_is_a_term(text, term):
    assert ("DURATION", term) in spans(text), spans(text)


@pytest.mark.parametrize("text, term", [
    ("he got life imprisonment in 2019", "life imprisonment"),
    ("his brother is serving a life sentence", "life sentence"),
])
def test_an_english_life_sentence_is_a_term(text, term):
    assert ("DURATION", term) in spans(text, "en"), spans(text, "en")


def test_a_life_sentence_is_banded_with_the_longest_terms():
    assert "[СРОК: 20+ лет]" in redact("Ему дали пожизненное, а брату десять лет", "ru")
    assert "[DURATION: 20+ years]" in redact("the third was sentenced to life", "en")


@pytest.mark.parametrize("text", ["Он всю жизнь проработал в полиции", "my life in the city changed",
                                  "өмір сүру қиын болды"])
def test_life_as_a_word_is_no_term(text):
    language = "en" if text.isascii() else "ru"
    assert not any(entity == "DURATION" for entity, _ in spans(text, language)), spans(text, language)


@pytest.mark.parametrize("text, term, band", [
    ("Ол жерде уш сагат куттик", "уш сагат", "меньше месяца"),
    ("бес сагаттай сурады", "бес сагаттай", "меньше месяца"),
])
def test_kazakh_hours_in_russian_letters_are_a_duration(text, term, band):
    assert ("DURATION", term) in spans(text), spans(text)
    assert band in redact(text, "ru")


@pytest.mark.parametrize("text, company", [
    ("he worked at steppe drilling services llp in the west", "steppe drilling services llp"),
    ("I worked for kazakh oil company caspian pipe llc until 2019", "caspian pipe llc"),
    ("ol aqtau port logistics jsc-ta jumys istedi", "aqtau port logistics jsc"),
])
def test_a_lower_case_company_before_its_form_is_an_organisation(text, company):
    assert ("ORGANIZATION", company) in spans(text, "en"), spans(text, "en")


def test_a_function_word_ends_a_lower_case_company():
    found = spans("he was the director of the llp for years", "en")
    assert not any(entity == "ORGANIZATION" for entity, _ in found), found


@pytest.mark.parametrize("text, body", [
    ("then the almaty anti corruption department questioned him", "almaty anti corruption department"),
    ("they called me to the economic investigations department for zhetysu region",
     "economic investigations department for zhetysu region"),
    ("men kentau transformator zauytynda istedim", "kentau transformator zauytynda"),
])
def test_a_lower_case_body_with_its_place_is_one_organisation(text, body):
    assert ("ORGANIZATION", body) in spans(text, "en"), spans(text, "en")


@pytest.mark.parametrize("text", ["He met a police officer for almaty region last year",
                                  "in almaty everyone knows the police"])
def test_a_place_near_police_words_is_no_body(text):
    assert not any(entity == "ORGANIZATION" for entity, _ in spans(text, "en")), spans(text, "en")
