"""Thirty-third round: the shapes of a hurried note that the rules read wrong — a date and the hour after it taken
for one long number («2023-05-18, 16:40», «P44 28.08.23 20:10»), an hour after a place taken for a house number
(«мкр Орбита, 19.00»), a rule's match running over a line break, micro-districts with their number first («12 мкр»,
«3-й мкр»), terms in a note's shorthand («10 л», «2 г →», «48 ч»); a city's left bank; a name opening a note's line
with who the person is in brackets; surnames in -уллин that a Kazakh word list holds.
Texts invented in the shapes seen on the tuning sets."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact
from tests.unit.redacted_words import assert_gone_and_kept


def _entities(text: str, language: str = "ru") -> list[tuple[str, str]]:
    return [(f.entity, f.text) for f in analyse(text, language)]


@pytest.mark.parametrize("text, date, hour", [
    ("TK-02 (Талдыкорган), 2023-05-18, 16:40–18:10", "2023-05-18", "16:40"),
    ("P44 28.08.23 20:10, по телефону.", "28.08.23", "20:10"),
    ("KZG-02 Казыгурт, 30.06.2023, 22.00 (R only after his shift)", "30.06.2023", "22.00"),
    ("ЭКБ-11, 07.06.2023, 18.40, двор дома", "07.06.2023", "18.40"),
])
def test_a_notes_date_and_hour_are_a_date_and_a_time_not_one_number(text: str, date: str, hour: str) -> None:
    found = _entities(text)
    assert ("DATE_TIME", date) in found or ("DATE", date) in found
    assert ("TIME", hour) in found
    assert not [entity for entity, _ in found if entity == "ID_NUMBER"]


@pytest.mark.parametrize("text, hour", [
    ("смена 1204 2023 16:40 началась", "16:40"),
    ("KZG-02 лето 2023, 22.00 (R only after his shift)", "22.00"),
])
def test_an_hour_after_numbers_is_no_part_of_them(text: str, hour: str) -> None:
    found = _entities(text)
    assert any(entity in ("TIME", "DATE_TIME") and found_text == hour for entity, found_text in found)
    assert not [entity for entity, _ in found if entity == "ID_NUMBER"]


def test_a_number_said_in_words_is_still_one_number() -> None:
    text = "позвони восемь семьсот один 245 80 14 после обеда"
    assert ("PHONE_NUMBER", "восемь семьсот один 245 80 14") in _entities(text)


@pytest.mark.parametrize("text, hour", [
    ("Встреча в кафе, мкр Орбита, 19.00", "19.00"),
    ("кафе, 7.30, дождь", "7.30"),
])
def test_an_hour_after_a_place_is_a_time_not_a_house(text: str, hour: str) -> None:
    found = _entities(text)
    assert ("TIME", hour) in found
    assert not [entity for entity, _ in found if entity == "ADDRESS"]


def test_a_price_with_a_decimal_is_no_time() -> None:
    assert not [entity for entity, _ in _entities("цены: хлеб 1.20, молоко 2.35") if entity == "TIME"]


@pytest.mark.parametrize("text, language", [
    ("до этого 5 л в акимате\nZAY-05, фельдшер СМП", "ru"),
    ("живёт в 4-м мкр\nТемиртау, 3-й мкр (кафе у автовокзала)", "ru"),
])
def test_nothing_found_runs_over_a_line_break(text: str, language: str) -> None:
    assert all("\n" not in found for _, found in _entities(text, language))


@pytest.mark.parametrize("text, place", [
    ("AKT-11 / 10.12 / Актобе, 12 мкр", "12 мкр"),
    ("стройка в 27 мкр, дома", "27 мкр"),
    ("живёт в 4-м мкр", "4-м мкр"),
    ("Темиртау, 3-й мкр (кафе у автовокзала)", "3-й мкр"),
])
def test_a_micro_district_with_its_number_first_is_a_place(text: str, place: str) -> None:
    assert ("LOCATION", place) in _entities(text)


def test_a_micro_district_then_a_house_is_an_address() -> None:
    assert ("ADDRESS", "12 мкр, дом 5") in _entities("живёт в 12 мкр, дом 5")


@pytest.mark.parametrize("text, term", [
    ("- 2019: поджог, Аслана держали 48 ч", "48 ч"),
    ("- 72 ч не давали адвоката", "72 ч"),
    ("отпустили в 4 утра → 4+ ч без протокола", "4+ ч"),
    ("ИВС 3 сут, суд → 10 л, апелляция", "10 л"),
    ("UK-07, ж, ex-контролёр, 6 л стажа", "6 л"),
    ("SEM-05, м, отсидел 8 л (ст. 125)", "8 л"),
    ("ZHT-01, м, армия 2 г → полиция 2017", "2 г"),
    ("ZAY-05, фельдшер, стаж 15 л\nдалее", "15 л"),
])
def test_a_term_in_a_notes_shorthand_is_a_duration(text: str, term: str) -> None:
    assert ("DURATION", term) in _entities(text)


@pytest.mark.parametrize("text", [
    "купил 5 л бензина и 3 л воды",
    "в 2 ч ночи позвонил",
])
def test_litres_and_an_hour_are_no_term(text: str) -> None:
    assert not [entity for entity, _ in _entities(text) if entity == "DURATION"]


@pytest.mark.parametrize("text, language, gone, kept", [
    ("живём на левом берегу, раньше на правом берегу жили", "ru", ["левом", "правом"], ["живём", "жили"]),
    ("левобережье всё застроили за пять лет", "ru", ["левобережье"], ["застроили"]),
    ("сол жағалауда кафе ашты", "ru", ["сол", "жағалауда"], ["кафе", "ашты"]),
    ("we moved to the left bank when the kids were small", "en", ["left", "bank"], ["moved", "kids"]),
    ("brat zhivet na levom beregu s semei", "en", ["levom", "beregu"], ["brat", "zhivet"]),
])
def test_a_citys_left_bank_is_a_place(text: str, language: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, language), gone, kept)


def test_a_name_opening_a_notes_line_with_who_she_is_in_brackets_is_a_name() -> None:
    text = "Вера (соц. работник, Арыс). Без фамилии. Говорит, что денег нет."
    assert ("PERSON", "Вера") in _entities(text)
    assert_gone_and_kept(redact(text, "ru"), ["Вера"], ["работник", "фамилии"])


@pytest.mark.parametrize("text, surname", [
    ("оператор данияр ғабдуллин болды оның камерасын алды", "ғабдуллин"),
    ("кейін хабибуллина келді", "хабибуллина"),
])
def test_a_surname_in_ullin_is_a_name(text: str, surname: str) -> None:
    assert any(entity == "PERSON" and surname in found for entity, found in _entities(text))


@pytest.mark.parametrize("text, article", [
    ("2 статьи в основном 297, 188 ч 3 прокурор по надзору", "188"),
    ("осуждён по ст. 99 ч. 2 УК, отбывает в колонии", "99"),
    ("Бахтияров Э. задержан по 296, 72 ч без доступа к адвокату.", "296"),
])
def test_an_articles_number_and_part_are_no_term(text: str, article: str) -> None:
    assert not [found for entity, found in _entities(text) if entity == "DURATION" and article in found]


@pytest.mark.parametrize("text, gone, kept", [
    ("ya vaktau pereehal, snachala jil v 12om potom v 27om. rabotal operatorom", ["12om", "27om"], ["operatorom"]),
])
def test_aktaus_micro_districts_by_number_alone(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "en"), gone, kept)


def test_a_number_ordinal_is_no_micro_district_away_from_aktau() -> None:
    assert not [entity for entity, _ in _entities("jil v 12om potom v 27om", "en") if entity == "LOCATION"]


@pytest.mark.parametrize("text, when", [
    ("KRG-40 | 14-15.12.23 | Караганда", "14-15.12.23"),
    ("ATR-15 | 4-5.04 (2 встречи)", "4-5.04"),
])
def test_two_days_of_one_month_are_one_date(text: str, when: str) -> None:
    assert ("DATE_TIME", when) in _entities(text) or ("DATE", when) in _entities(text)


@pytest.mark.parametrize("text, age", [
    ("сейчас жетпіс екі ему, живёт один", "жетпіс екі"),
    ("маған ол кезде восемнадцать был", "восемнадцать"),
    ("он вышел. сорок пять ей было тогда.", "сорок пять"),
    ("ему тогда было лет… тридцать пять? Сейчас", "лет… тридцать пять"),
])
def test_an_age_said_before_whose_it_is(text: str, age: str) -> None:
    assert ("AGE", age) in _entities(text)


def test_a_sum_given_to_someone_is_no_age() -> None:
    assert not [entity for entity, _ in _entities("я отдал пятьдесят ему.") if entity == "AGE"]


@pytest.mark.parametrize("text, language, gone, kept", [
    ("адвокат берёт сто пятьдесят за визит", "ru", ["сто", "пятьдесят"], ["адвокат", "визит"]),
    ("получал 3500 за смену", "ru", ["3500"], ["получал", "смену"]),
    ("advokat beret sto pyatdesyat za vizit", "en", ["sto", "pyatdesyat"], ["advokat", "vizit"]),
])
def test_a_figure_charged_for_one_thing_is_a_sum(text: str, language: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, language), gone, kept)


@pytest.mark.parametrize("text", ["маған бір адам хабарласып қорқытты", "бир куни оган полиция келип сурады"])
def test_one_said_after_to_me_is_no_age(text: str) -> None:
    assert not [entity for entity, _ in _entities(text) if entity == "AGE"]


@pytest.mark.parametrize("text, gone, kept", [
    ("emu dali 3 miliona tenge, a bratu dom", ["3", "miliona"], ["emu", "dali", "bratu"]),
    ("kazinoda 3 milion teńge utyldy", ["3", "milion"], ["utyldy"]),
])
def test_the_million_in_messenger_latin_is_a_sum(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "en"), gone, kept)
