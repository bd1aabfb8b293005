"""Thirteenth round: names that run over a Kazakh place, Kazakh houses and numbered micro-districts, a place said
with its number, Kazakh sums by the thousand, ages with their copula, regions in Russian letters, known bodies with
a Kazakh head. Texts invented in the shapes seen on the tuning sets (pii-field-dev13, pii-field-dev14,
spoken-ru-dev8)."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact


def spans(text: str, language: str = "ru") -> list[tuple[str, str]]:
    return [(f.entity, text[f.start:f.end]) for f in analyse(text, language)]


def test_a_name_stops_before_a_kazakh_district_and_the_avenue_keeps_its_ending():
    text = "Күйеуім Жасурбек Тошпулатов Жетісу ауданындағы Райымбек даңғылындағы қоймада істеді."
    found = spans(text)
    assert ("PERSON", "Жасурбек Тошпулатов") in found, found
    assert ("LOCATION", "Жетісу ауданындағы") in found, found
    assert ("ADDRESS", "Райымбек даңғылындағы") in found, found


def test_a_name_before_a_place_word_is_the_places():
    found = spans("Бауыржан Сейітов Алмалы ауданында тұрады")
    assert ("PERSON", "Бауыржан Сейітов") in found, found
    assert ("LOCATION", "Алмалы ауданында") in found, found


@pytest.mark.parametrize("text, age", [
    ("казир мен отыз уш жастамын, еки балам бар", "отыз уш жастамын"),
    ("Мен қырық бес жастамын", "қырық бес жастамын"),
])
def test_an_age_takes_its_copula(text, age):
    assert ("AGE", age) in spans(text)
    assert "мын" not in redact(text, "ru").replace("[", " ").split("]")[-2][-3:]


def test_a_range_of_years_ends_in_an_ordinal_after_a_year():
    found = spans("екі мың он жетінші жылдан жиырма біріншіге дейін жұмыс істедім")
    assert ("DATE_WORDS", "жиырма біріншіге") in found, found


@pytest.mark.parametrize("text, sum_", [
    ("бизден бир бирден жуз мындап алды", "жуз мындап"),
    ("нөмірі сегіз жеті жүз жетпіс жеті төрт жүз он бір елу бес отыз жарты миллион берсең", "жарты миллион"),
    ("дал ему двадцать тыщ сверху", "двадцать тыщ"),
    ("sobiraet po 20 tyshch v mesyac", "20 tyshch"),
])
def test_sums_by_the_thousand_and_a_half_million(text, sum_):
    found = spans(text, "en" if text.isascii() else "ru")
    assert ("MONEY", sum_) in found, found


def test_a_fraction_does_not_join_the_number_before_it():
    found = spans("нөмірі сегіз жеті жүз жетпіс жеті төрт жүз он бір елу бес отыз жарты миллион берсең")
    assert ("PHONE_NUMBER", "сегіз жеті жүз жетпіс жеті төрт жүз он бір елу бес отыз") in found, found


def test_a_nickname_we_only_called_him():
    found = spans("аты жок тек сакал дейтинбиз, ол маган айтты")
    assert ("PERSON", "сакал") in found, found


def test_a_region_in_russian_letters_is_one_place():
    assert ("LOCATION", "солтустик казакстан облысында") in spans("мен солтустик казакстан облысында турамын")


@pytest.mark.parametrize("text", [
    "Солтүстік Қазақстан облыстық туберкулез диспансерінде жаттым",
    "солтустик казакстан облыстык туберкулез диспансеринде жаттым",
])
def test_a_regional_dispensary_is_one_body(text):
    body = text.rsplit(" ", 1)[0]
    assert ("ORGANIZATION", body) in spans(text)


def test_a_known_body_takes_its_kazakh_head():
    found = spans("соколов сарыбай кен байыту комбинатына бардым")
    assert ("ORGANIZATION", "соколов сарыбай кен байыту комбинатына") in found, found


def test_two_readings_of_a_market_are_one_place():
    found = spans("мен ташкенттенмін бірақ алтын орда базарында дүкенім бар")
    assert ("LOCATION", "алтын орда базарында") in found, found
    assert ("LOCATION", "ташкенттенмін") in found, found


@pytest.mark.parametrize("text, place", [
    ("ақсай төрт шағын ауданында тұрдық", "ақсай төрт шағын ауданында"),
    ("ушеуимиз орбитадагы он бесинши уйдин подвалында жинасатынбыз", "орбитадагы он бесинши уйдин"),
    ("самал екі шағын ауданы он бес үй", "самал екі шағын ауданы он бес үй"),
])
def test_kazakh_micro_districts_and_houses_in_words(text, place):
    assert place in [surface for _, surface in spans(text)], spans(text)


@pytest.mark.parametrize("text", ["Алматыда бір үйде тұрдық", "Алматыда екі үй бар", "біз төрт шағын ауданда болдық"])
def test_a_house_counted_in_a_town_is_no_address(text):
    found = spans(text)
    assert not any(entity == "ADDRESS" for entity, _ in found), found
    assert not any("шағын" in surface for _, surface in found), found


@pytest.mark.parametrize("text, language, places", [
    ("живу в шанырака-2, потом в самале-2 и аксае-4, в орбите-3", "ru",
     ["шанырака-2", "самале-2", "аксае-4", "орбите-3"]),
    ("zhivu v shanyraka-2, potom v orbite-3", "en", ["shanyraka-2", "orbite-3"]),
])
def test_a_place_with_its_number_in_any_case(text, language, places):
    found = [surface for entity, surface in spans(text, language) if entity == "LOCATION"]
    assert found == places


def test_a_district_police_unit_in_messenger_latin():
    found = spans("govorit chto dlya alatauskogo upp i dlya sanepidemki", "en")
    assert ("ORGANIZATION", "alatauskogo upp") in found, found
