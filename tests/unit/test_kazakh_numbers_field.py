"""Kazakh numbers as fieldworkers' material has them (issue 17, eighth round, found on pii-field-dev8): «мың» in
Russian letters («мын»), an age with the copula or reached in the dative, an hour after the part of the day with
«сағат» left out or spelled «сагат», years in Russian letters, «жарым» (and a half), the Kazakh ten before days,
weeks and nights, and the same numbers in messenger Latin, generalised rather than numbered."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact


def found(text: str, language: str = "ru") -> list[tuple[str, str]]:
    return [(f.entity, f.text) for f in analyse(text, language)]


@pytest.mark.parametrize("text, replaced", [
    ("уш жуз мын тенге берди", "[СУММА: сотни тысяч тенге]"),
    ("маған жиырма мын берді", "[СУММА: десятки тысяч]"),
    ("ол кезде отыз беске келдім", "[ВОЗРАСТ: 30–39]"),
    ("мен елу екідемін", "[ВОЗРАСТ: 50–59]"),
    ("тунги сагат ушта келди", "[ВРЕМЯ: 0–6 ч]"),
    ("тунги он екиде келди", "[ВРЕМЯ: 0–6 ч]"),
    ("еки мын жиырма екинши жылы келди", "[ДАТА: начало 2020-х]"),
    ("мын тогыз жуз токсан сегизинши жылы", "[ДАТА: конец 1990-х]"),
    ("бір жарым миллион берді", "[СУММА: миллионы]"),
    ("он күн отырдым", "[СРОК: меньше месяца]"),
    ("он апта жаттым", "[СРОК: меньше года]"),
])
def test_kazakh_numbers_are_read_and_generalised(text, replaced):
    assert replaced in redact(text, "ru"), redact(text, "ru")


@pytest.mark.parametrize("text, replaced", [
    ("men bes zhuz myn tenge berdim", "[SUM: hundreds of thousands of tenge]"),
    ("elu myn suradi", "[SUM: tens of thousands]"),
    ("men zhiyrma toguz zhasta edim", "[AGE: 20–29]"),
    ("ush ai otyrdym", "[DURATION: under a year]"),
])
def test_kazakh_numbers_in_messenger_latin_are_generalised(text, replaced):
    assert replaced in redact(text, "en"), redact(text, "en")


@pytest.mark.parametrize("text", ["он ай как закричал", "бірге келдік", "мын раз говорил"])
def test_words_that_only_look_like_these_stay(text):
    assert redact(text, "ru") == text, found(text)
