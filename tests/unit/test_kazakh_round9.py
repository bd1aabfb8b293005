"""Kazakh and Kazakh–Russian forms found on pii-field-dev9 (issue 17, ninth round): a year range in Kazakh cases
whose second year was cut in two, years with a month or season in a case, terms in the dative in Russian letters,
ages said with «едім» or «шамасында», a listed name before «деген» with any word after it, and a name's bare form
that the Russian morphology took for a longer name's plural."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.morphology import word_key
from fieldkit.anonymise.pseudonyms import redact


@pytest.mark.parametrize(("text", "identifiers"), [
    # the day after a year was read from the next year's first two digits, and «18 жылға» stayed
    ("Қорғас кеден бекетінде 2012 жылдан 2018 жылға дейін жұмыс істедім", ["2012", "2018", "18 жылға"]),
    ("аманжол агайдын уйинде турдым 2018 жылдын кузинде", ["2018"]),
    ("2017 жылдың қыркүйегінде бір ұсталған адам камерада қайтыс болды", ["2017", "қыркүйегінде"]),
    ("куйеуим ерназар 2016 жылы бес жылга сотталды", ["бес жылга"]),
    ("улым айдос 2020 жылы жети жылга сотталды казир колонияда", ["жети жылга"]),
    ("жігіт жасы тридцать шамасында, до сатпаева довёз", ["тридцать"]),
    ("мен сол кезде жиырма бес едім. меня забрали в РОВД", ["жиырма бес"]),
    ("в протоколе мен сол кезде двадцать тоғыз едім, балам бар еді", ["двадцать тоғыз"]),
    ("бір мужик сел, қырық бестің шамасында, говорит вези", ["қырық бестің"]),
    ("бізде бір ақпарат беретін адам болды сырым деген ол бурабайда", ["сырым"]),
    ("декларацияда сұлтан деген брокер он миллион ұсынды", ["сұлтан"]),
    ("анам неміс марта деген, әкем қазақ", ["марта"]),
    ("полициядағы даниар деген біреу деректерімді сатқан, даниарды жұмыстан шығарды", ["даниар"]),
    # a plate's letters in lower-case Latin after the Kazakh «нөмірі»
    ("көлігім камаз нөмірі 712 abs 04 инспектор тоқтатты", ["712", "abs"]),
])
def test_kazakh_identifiers_are_taken(text, identifiers):
    redacted = redact(text, "ru")
    for identifier in identifiers:
        assert identifier not in redacted, redacted


@pytest.mark.parametrize(("text", "kept"), [
    ("мен ол жерде бір едім, ешкім жоқ", "бір едім"),
    ("біз бес едік, бәріміз бір камерада", "бес едік"),
    ("бақыт деген не өзі, білмеймін", "бақыт деген не"),
    ("ол жоқ деген, бірақ бәрі білді", "жоқ деген"),
    ("2019 жылы 5 наурызда келді", "келді"),
    ("шот номер 100 mln тенге емес", "шот номер"),  # (the sum is a sum: generalised, never an account)
])
def test_what_only_looks_like_them_stays(text, kept):
    assert kept in redact(text, "ru")


def test_about_five_o_clock_is_a_time_not_an_age():
    redacted = redact("сағат бестің шамасында келді", "ru")
    assert "ВОЗРАСТ" not in redacted and "[ВРЕМЯ]" in redacted, redacted


@pytest.mark.parametrize(("form", "key"), [("даниар", "даниар"), ("даниарды", "даниар"), ("ахмеда", "ахмед"),
                                           ("ерасыл", "ерасыл"), ("ерасыла", "ерасыл")])
def test_a_bare_unknown_name_is_its_own_key(form, key):
    assert word_key(form) == key


@pytest.mark.parametrize(("text", "identifiers"), [
    ("Задержан 5.XI.22, отпустили 23 мар, потом опять", ["XI", "23 мар"]),
    ("родился 1991 года рождения в семье военного", ["1991"]),
    ("держали 2 нед., допрос 15 мин без адвоката", ["2 нед", "15 мин"]),
])
def test_a_note_s_dates_and_terms(text, identifiers):
    redacted = redact(text, "ru")
    for identifier in identifiers:
        assert identifier not in redacted, redacted


def test_minutes_written_short_are_minutes_not_years():
    assert "[СРОК: меньше месяца]" in redact("допрос 15 мин без адвоката", "ru")
