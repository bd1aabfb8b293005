"""Dates written out in words (issue 17): a day with its month, a month with its year, a year in words."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.pseudonyms import redact


@pytest.mark.parametrize("text, kept", [
    ("это было двенадцатого марта две тысячи девятнадцатого года", "это было "),
    ("в две тысячи шестнадцатом году меня перевели", "меня перевели"),
    ("в девяносто восьмом году всё началось", "всё началось"),
    ("двадцать пятого декабря его задержали", "его задержали"),
    ("екі мың он тоғызыншы жылы келдім", "келдім"),
])
def test_a_date_in_words_is_replaced(text, kept):
    redacted = redact(text, "ru")
    # generalised to part of a decade where the date has a year (the reference protocol), else a placeholder
    assert ("[DATE-1]" in redacted or "[ДАТА: " in redacted) and kept in redacted, redacted
    for word in ("двенадцатого", "девятнадцатого", "шестнадцатом", "восьмом", "пятого", "тоғызыншы"):
        assert word not in redacted, redacted


@pytest.mark.parametrize("text", ["в начале марта мы поехали", "третий год подряд ничего не меняется"])
def test_a_month_alone_or_an_ordinal_alone_is_kept(text):
    assert redact(text, "ru") == text
