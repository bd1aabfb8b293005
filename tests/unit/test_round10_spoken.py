"""Tenth round, speech: what whisper makes of a spelled e-mail, a code said with «дробь», a surname morphology
reads as a short adjective, a given name before a capitalised patronymic, a six-letter town misheard. The
texts are invented in the shapes seen on the tuning sets (spoken-ru-dev2..dev4)."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.bodies import find_stroked_codes
from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.morphology import is_probably_name
from fieldkit.anonymise.pseudonyms import redact
from fieldkit.anonymise.spoken_numbers import _cued_emails


def spans(text: str) -> list[tuple[str, str]]:
    return [(f.entity, text[f.start:f.end]) for f in analyse(text, "ru")]


@pytest.mark.parametrize("text, gone", [
    # the announcement eight words back, each piece of the address followed by whisper's comma
    ("Моя почта, карим, пать, черкий, веселый, но сорок в собак мил точка РО, пишите.", ("карим", "веселый", "мил")),
    # the cue with a preposition glued on, and a full stop whisper wrote after «точка»
    ("резюме я слал спочты в два точка. Беркут с 70 собаку гмил.ком, но ответа нет", ("Беркут", "гмил")),
    # no announcement: the host after «собака» («джемил») says it is one
    ("Документы мне слали. Тау-сервис 17 собака джемил.com Один раз пришло письмо.", ("Тау", "сервис", "джемил")),
    # the host garbled past knowing, the zone written after it
    ("Если что, пишите. Асель.ким 31 собака мая.ru. Я отвечу.", ("Асель", "ким", "мая")),
    # «собак и андекс точка»: a conjunction whisper heard inside the host
    ("отправил на почтук и рот зеленый, вон есть блогер, собак и андоксточка Ро, коллега знает", ("зеленый",)),
])
def test_a_garbled_spoken_address_goes_whole(text, gone):
    redacted = redact(text, "ru")
    assert "[EMAIL" in redacted, redacted
    for word in gone:
        assert word not in redacted, redacted


@pytest.mark.parametrize("text", [
    "у соседей собака мейла не знает, она лает",
    "на почте работала, а собака у нас злая была",
    "почта далеко, собака бежала за нами до самой реки",
])
def test_a_dog_is_still_no_address(text):
    assert _cued_emails(text) == [], _cued_emails(text)


def test_a_hyphenated_first_piece_stays_with_the_address():
    text = "Пишите на почту фон-почерки, вы не путь, собака меил.кару или звоните."
    redacted = redact(text, "ru")
    assert "фон" not in redacted and "почерки" not in redacted, redacted


@pytest.mark.parametrize("text, code", [
    ("сидел в учреждении, ака 150-9-дробь 21 там было тяжело", "ака 150-9-дробь 21"),
    ("номер дела но Миродин дробь Сорок дробь 22 судья", "Миродин дробь Сорок дробь 22"),
    ("дело Ну Миродин дробь и 412 дробь 21 рассмотрели", "Миродин дробь и 412 дробь 21"),
    ("отбывал в 166 дробь семей три года", "166 дробь семей"),
])
def test_a_code_said_with_a_stroke_is_found_with_whispers_words(text, code):
    assert code in [text[a:b] for a, b in find_stroked_codes(text)], find_stroked_codes(text)


@pytest.mark.parametrize("text", [
    "барабанная дробь звучала весь вечер",
    "это одна вторая, дробь простая",
    "ружье заряжали дробь ю и шли на утку",
])
def test_a_stroke_with_no_number_beside_it_is_no_code(text):
    assert find_stroked_codes(text) == []


def test_a_unit_and_a_stroked_code_that_overlap_are_one_organisation():
    text = "сидел в учреждении 166 дробь семей там"
    redacted = redact(text, "ru")
    assert "166" not in redacted and "семей" not in redacted, redacted
    assert redacted.count("[") == 1, redacted


@pytest.mark.parametrize("word", ["Калиева", "Сомова", "Ясенева", "Пестова"])
def test_a_surname_read_only_as_a_rare_short_adjective_is_a_name(word):
    assert is_probably_name(word)


@pytest.mark.parametrize("word", ["Готова", "Здоров", "Новы"])
def test_a_short_adjective_people_say_is_no_name(word):
    assert not is_probably_name(word)


def test_a_surname_after_a_place_and_a_conjunction_is_found():
    text = "одного парня, из Сатпаева и Калиева, мы не смогли спасти"
    assert "Калиева" not in redact(text, "ru")


@pytest.mark.parametrize("text, name", [
    ("моя коллега вера Ивановна отказалась", "вера Ивановна"),
    ("моя коллега веры Ивановна отказалась", "веры Ивановна"),
    ("пришла надежда Петровна с документами", "надежда Петровна"),
])
def test_a_given_name_before_a_capitalised_patronymic_is_one_person(text, name):
    assert ("PERSON", name) in spans(text), spans(text)


@pytest.mark.parametrize("text", ["вожу карточки клиентам по актабе", "мы жили в остане тогда"])
def test_a_six_letter_town_misheard_is_found(text):
    assert any(entity == "LOCATION" for entity, _ in spans(text)), spans(text)


@pytest.mark.parametrize("text", ["мы пили чай с бабушкой", "он сказал вотще и ушел", "там стоит шалаш"])
def test_an_ordinary_six_letter_word_is_no_town(text):
    assert not any(entity == "LOCATION" for entity, _ in spans(text)), spans(text)


@pytest.mark.parametrize("text, phrase", [
    ("он звонил мне и предлагал 50000. Чтобы дело развалилось", "[СУММА: десятки тысяч]"),
    ("За смену выходит 8000 кинги, если повезет", "[СУММА: тысячи тенге]"),
    ("парню было восемнадцать, учился в колледже", "[ВОЗРАСТ: 10–19]"),
])
def test_whispers_sums_and_ages(text, phrase):
    assert phrase in redact(text, "ru"), redact(text, "ru")


@pytest.mark.parametrize("text, name", [
    ("в тот год осужденный хабаров напал на меня", "хабаров"),
    ("Потом участковый битков сказал, что муж загулял", "битков"),
])
def test_a_surname_that_is_also_a_plural_genitive_after_a_person_is_a_name(text, name):
    assert name not in redact(text, "ru"), redact(text, "ru")


def test_a_plural_genitive_after_a_head_of_something_stays():
    assert redact("начальник складов сказал нам", "ru") == "начальник складов сказал нам"
