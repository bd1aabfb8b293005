"""Thirty-first round: people named as people say them — a found name's pet forms in the same text («Бауыржан …
Бауке», "sanzhar … sanzhik"), chat speakers after a clock time inside a line or in a messenger's export, Kazakh compound
names in Latin ("sansyzbai"), double surnames in lower case ("ospanova-kimmen"), a soft sign the name list lacks
(«дильнозы»), a Kazakh name-word under a Russian case ending after a preposition ("u bakyta"), a respectful short
name with the family's plural («Сәкеңдердің»); and bare hours from one to another («с 12 до 3»). Kept: the words
these shapes share with Russian, Kazakh and English. Texts invented in the shapes seen on the tuning sets."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.chat_handles import with_chat_handles
from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.findings import Finding
from fieldkit.anonymise.names import latin_kazakh_compound_name
from fieldkit.anonymise.pet_forms import with_pet_forms
from fieldkit.anonymise.pseudonyms import redact
from tests.unit.redacted_words import assert_gone_and_kept


def _person(text: str, word: str) -> Finding:
    start = text.index(word)
    return Finding("PERSON", start, start + len(word), 0.85, word)


@pytest.mark.parametrize("text, name, pet", [
    ("Бауыржан приехал утром. Потом Бауке сказал, что всё готово", "Бауыржан", "Бауке"),
    ("our boss was sanzhar, sanzhik we called him, from taraz", "sanzhar", "sanzhik"),
    ("potom bauka (baurjan ego zovut) pozvonil", "baurjan", "bauka"),
    ("мирас тоже был там. мирасик парень неплохой", "мирас", "мирасик"),
    ("Әбдірахман ағай келді. Әбекеге айттым", "Әбдірахман", "Әбекеге"),
    ("Нурлан ағай келді. Нурекеге барамыз", "Нурлан", "Нурекеге"),
])
def test_a_pet_form_of_a_name_found_in_the_same_text_is_the_person(text: str, name: str, pet: str) -> None:
    found = with_pet_forms(text, [_person(text, name)])
    assert pet in [f.text for f in found if f.entity == "PERSON"]


@pytest.mark.parametrize("text, name", [
    ("Марат купил машину, марка не та", "Марат"),  # a brand, and a case of Марк
    ("Славик пришёл, слава богу", "Славик"),  # a name that is a word
    ("Болат келді, ол бола алмайды", "Болат"),  # three letters and one are too little of a five-letter name
    ("Мерей келді. Мереке жақындап қалды", "Мерей"),  # a holiday: a listed name that is a word as well
    ("bolat keldi, bolattai myqty", "bolat"),  # "like steel"
])
def test_a_word_that_begins_like_a_found_name_is_kept(text: str, name: str) -> None:
    found = with_pet_forms(text, [_person(text, name)])
    assert [f.text for f in found] == [name]


def test_no_name_found_means_no_pet_form() -> None:
    assert with_pet_forms("гена и мирасик пришли", []) == []


@pytest.mark.parametrize("text, speakers", [
    ("21:14 aza: ty gde 21:15 ja: na meste 21:16 aza: ok edu", ["aza", "aza"]),
    ("12.03.24, 21:14 - zhanik: ty gde\n12.03.24, 21:16 - abylai: vozle bazara\n12.03.24, 21:17 - zhanik: ok\n"
     "12.03.24, 21:18 - abylai: davai", ["zhanik", "abylai", "zhanik", "abylai"]),
])
def test_chat_speakers_after_a_clock_time_are_people(text: str, speakers: list[str]) -> None:
    assert [f.text for f in with_chat_handles(text, [])] == speakers


@pytest.mark.parametrize("text", [
    "Q: где встречались?\nA: у рынка\nТел: нет\nТел: есть",  # one- or two-letter labels without a clock
    "в 14:00 встреча: обсудили план",  # one label once
])
def test_labels_that_are_no_chat_name_nobody(text: str) -> None:
    assert with_chat_handles(text, []) == []


@pytest.mark.parametrize("word", ["sansyzbai", "tolebai", "zhumabaidy", "ermekbaiga", "kenzhebek", "zhumagali"])
def test_a_kazakh_compound_name_in_latin_is_a_name(word: str) -> None:
    assert latin_kazakh_compound_name(word)


@pytest.mark.parametrize("word", [
    "zhazbaidy",  # does not write: «жаз» has three letters
    "otyrgyzbai",  # a causative verb's negative
    "tartynbai",  # a reflexive verb's negative
    "emtikhan",  # an exam: a Kazakh word that ends like a name
    "aurukhana",  # a hospital
    "baklazhan",  # Russian in Latin letters, an aubergine
    "Sansyzbai",  # capitalised: the other recognizers' work
])
def test_a_kazakh_word_ending_like_a_name_in_latin_is_kept(word: str) -> None:
    assert not latin_kazakh_compound_name(word)


@pytest.mark.parametrize("text, language, gone, kept", [
    ("musina-valieva eto nash notarius", "en", ["musina-valieva"], ["notarius"]),
    ("keshe ospanova-kim keldi, ospanova-kimmen soilestim", "en", ["ospanova-kim", "ospanova-kimmen"], ["keldi"]),
    ("нотариус мусина-валиева всё подпишет", "ru", ["мусина-валиева"], ["нотариус", "подпишет"]),
])
def test_a_double_surname_in_lower_case_is_a_person(text: str, language: str, gone: list[str],
                                                    kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, language), gone, kept)


def test_a_word_with_a_soft_sign_the_list_lacks_is_the_listed_name() -> None:
    assert_gone_and_kept(redact("трамадол туралы спросите у дильнозы, она в аптеке работала", "ru"),
                         ["дильнозы"], ["аптеке", "работала"])


def test_a_verb_with_a_soft_sign_is_no_name() -> None:
    assert [f for f in analyse("мне надо написать ему и решать вопросы", "ru") if f.entity == "PERSON"] == []


@pytest.mark.parametrize("text, gone", [
    ("ja vchera byl u bakyta doma, on vse rasskazal", ["bakyta"]),
    ("ja byl u zhenisa v garazhe, tam vse i lezhalo", ["zhenisa"]),
])
def test_a_kazakh_name_word_under_a_russian_case_ending_is_the_name(text: str, gone: list[str]) -> None:
    assert_gone_and_kept(redact(text, "en"), gone, ["byl", "u"])


def test_a_russian_name_word_after_a_preposition_is_still_the_word() -> None:
    assert_gone_and_kept(redact("u very net deneg, u rozy tozhe", "en"), [], ["very", "rozy"])


@pytest.mark.parametrize("text, gone, kept", [
    ("өткен жылы сәкеңдердің жылқысы жоғалды", ["сәкеңдердің"], ["жылқысы", "жоғалды"]),
    ("нұрекеңдерге бардық, бәрі үйде екен", ["нұрекеңдерге"], ["бардық", "үйде"]),
])
def test_a_respectful_short_name_in_the_familys_plural_is_a_person(text: str, gone: list[str],
                                                                   kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


def test_a_possessive_kin_word_in_the_plural_is_kept() -> None:
    assert [f for f in analyse("балаңдар келді ме", "ru") if f.entity == "PERSON"] == []


@pytest.mark.parametrize("text, language, hours", [
    ("стоит возле рынка каждый день с 12 до 3. водитель узбек", "ru", ["12", "3"]),
    ("stoit vozle megi kajdyi den s 9 do 18, potom uezjaet", "en", ["9", "18"]),
    ("приходи к 9, адвокат будет", "ru", ["9"]),
    ("zvoni tolko vecherom, posle 8. ih mama na bazare", "en", ["8"]),
])
def test_bare_hours_from_one_to_another_or_after_k_are_times(text: str, language: str, hours: list[str]) -> None:
    assert [f.text for f in analyse(text, language) if f.entity == "TIME"] == hours


@pytest.mark.parametrize("text", [
    "дали с 2 до 5 лет, потом скостили",
    "платили с 2 до 5 тысяч за дозу",
    "к 9 мая всех отпустили",
    "после 8 лет в колонии он вышел",
])
def test_counts_and_dates_after_those_words_are_no_hour(text: str) -> None:
    assert [f for f in analyse(text, "ru") if f.entity == "TIME"] == []


@pytest.mark.parametrize("text, kept", [
    ("it was rustam's house, near the market", "house"),
    ("we stayed at aigerim's flat for a week", "flat"),
])
def test_what_a_named_person_owns_is_kept(text: str, kept: str) -> None:
    persons = [f.text for f in analyse(text, "en") if f.entity == "PERSON"]
    assert persons and not [p for p in persons if kept in p]


@pytest.mark.parametrize("text, language, gone, kept", [
    ("we gave the bag to zhanserik at the station", "en", ["zhanserik"], ["station"]),
    ("мы отдали жансерікке всё что было", "ru", ["жансерікке"], ["отдали"]),
])
def test_a_kazakh_first_element_before_a_listed_name_is_a_name(text: str, language: str, gone: list[str],
                                                                kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, language), gone, kept)


@pytest.mark.parametrize("text", ["актриса пришла на допрос", "ерунда какая-то вышла", "бекон купили на рынке"])
def test_a_word_that_begins_like_a_first_element_is_kept(text: str) -> None:
    assert [f for f in analyse(text, "ru") if f.entity == "PERSON"] == []


@pytest.mark.parametrize("text, nickname", [
    ("там такой хмурый был ну это прозвище у него такое", "хмурый"),
    ("его прозвали сварщиком потому что он варил", "сварщиком"),
    ("был у нас один карась звали так его", "карась"),
    ("был у нас один карась так его звали", "карась"),
])
def test_a_nickname_said_with_how_he_was_called_is_a_person(text: str, nickname: str) -> None:
    assert [f.text for f in analyse(text, "ru") if f.entity == "PERSON"] == [nickname]


@pytest.mark.parametrize("text", ["его называли домой каждый вечер", "нас так называли в армии"])
def test_called_home_or_called_so_names_nobody(text: str) -> None:
    assert [f for f in analyse(text, "ru") if f.entity == "PERSON"] == []
