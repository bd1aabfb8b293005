"""Sums of money and ages are generalised, not deleted and not left (issue 17): the order of magnitude of a sum in
its currency, an age's ten-year band, in the script of the original."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.pseudonyms import redact


@pytest.mark.parametrize("text, language, expected", [
    ("Он взял двести тысяч тенге за это дело.", "ru", "Он взял [СУММА: сотни тысяч тенге] за это дело."),
    ("Взятка была 3 450 000 тенге.", "ru", "Взятка была [СУММА: миллионы тенге]."),
    ("Ему занесли пять лямов.", "ru", "Ему занесли [СУММА: миллионы]."),
    ("Дали штуку баксов.", "ru", "Дали [СУММА: тысячи долларов]."),
    ("Он заплатил 200к тенге.", "ru", "Он заплатил [СУММА: сотни тысяч тенге]."),
    ("Ол жүз мың теңге берді.", "ru", "Ол [СУММА: сотни тысяч тенге] берді."),
    ("The bribe was fifty grand.", "en", "The bribe was [SUM: tens of thousands]."),
    ("It cost $3,000 in the end.", "en", "It cost [SUM: thousands of dollars] in the end."),
])
def test_a_sum_in_words_digits_or_slang_becomes_its_order_of_magnitude(text, language, expected):
    assert redact(text, language) == expected


@pytest.mark.parametrize("text, language, expected", [
    ("Мне тогда было тридцать семь лет.", "ru", "Мне тогда было [ВОЗРАСТ: 30–39]."),
    ("Ол кезде қырық жаста еді.", "ru", "Ол кезде [ВОЗРАСТ: 40–49] еді."),
    ("I was 23 when I joined.", "en", "I was [AGE: 20–29] when I joined."),
    ("He was forty-one years old.", "en", "He was [AGE: 40–49]."),
])
def test_an_age_becomes_its_ten_year_band(text, language, expected):
    assert redact(text, language) == expected


@pytest.mark.parametrize("text, language", [
    ("Там было двести тысяч человек.", "ru"),
    ("I have two kids and one dog.", "en"),
    ("Мы ждали пять часов.", "ru"),
])
def test_numbers_that_are_neither_sums_nor_ages_are_kept(text, language):
    assert redact(text, language) == text
