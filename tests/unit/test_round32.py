"""Thirty-second round: organisations as people name them — a venue's own name right after its kind, in lower case
(«в кафе жибек», "v saune ak bulak", "the pharmacy zhan farm"), a quoted name beside its kind in either order
(«такси «арай»», «"нұрлы" клиникасында»), a firm's own words said again without its trade ("kok tobe trade …
kok tobe"), a firm named by a word and «такси»/«фитнес», bodies then their district («цоне медеуского района»),
schools and hospitals numbered in hundreds or in messenger Latin («сто сорок второй школе», "v 4-yu gorbol'nicu").
Kept: the ordinary words after the same kinds («в кафе сидели», «в магазине хлеб купила», "the shop owner").
Texts invented in the shapes seen on the tuning sets."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.named_venues import find_named_venues, find_quoted_venues
from fieldkit.anonymise.pseudonyms import redact
from tests.unit.redacted_words import assert_gone_and_kept


def _organisations(text: str, language: str) -> list[str]:
    return [f.text for f in analyse(text, language) if f.entity == "ORGANIZATION"]


@pytest.mark.parametrize("text, language, gone, kept", [
    ("мы обычно встречались в кафе жибек возле вокзала", "ru", ["жибек"], ["кафе", "возле"]),
    ("она потом работала в фонде надежда плюс это такое нко", "ru", ["надежда", "плюс"], ["фонде", "нко"]),
    ("он ходил в клуб бокса сункар по вечерам", "ru", ["сункар"], ["клуб", "бокса"]),
    ("в нко мейір ашык работала юристом", "ru", ["мейір", "ашык"], ["нко", "юристом"]),
    ("vchera sideli v saune ak bulak do nochi", "en", ["ak", "bulak"], ["saune", "nochi"]),
    ("fond kemel plus daval nam produkty", "en", ["kemel", "plus"], ["fond", "nam"]),
    ("she works at the pharmacy zhan farm in the old town", "en", ["zhan", "farm"], ["pharmacy", "old"]),
    ("they washed cars at a car wash called blue wave near the ring road", "en", ["blue", "wave"], ["car", "near"]),
])
def test_a_venue_named_right_after_its_kind_is_an_organisation(text: str, language: str, gone: list[str],
                                                               kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, language), gone, kept)


@pytest.mark.parametrize("text", [
    "в кафе сидели до вечера",
    "в магазине хлеб купила и ушла",
    "мы в кафе отырдық",
    "в кафе арлан сидел с нами",  # a person in the café
    "в клубе бокс был по средам",
])
def test_ordinary_words_after_a_kind_name_no_venue(text: str) -> None:
    assert find_named_venues(text) == []


@pytest.mark.parametrize("text", [
    "we met in a cafe near the bazaar",
    "the shop owner said nothing",
    "i went to the gym every day",
    "v kafe sideli s nim",
    "kompaniya dala seme deneg na pohorony",  # the firm gave the family: no preposition says a place
])
def test_english_and_russian_in_latin_after_a_kind_name_no_venue(text: str) -> None:
    assert find_named_venues(text) == []


@pytest.mark.parametrize("text, span", [
    ("я в такси «арай» работал водителем", "такси «арай»"),
    ("сестрасы «нұрлы» клиникасында тіркеуші", "«нұрлы» клиникасында"),
    ("інісі «шапағат» сауда үйінде күзетші", "«шапағат» сауда үйінде"),
    ("қызы «көктем» жеке мектебінде оқиды", "«көктем» жеке мектебінде"),
])
def test_a_quoted_name_beside_its_kind_is_one_span_with_the_kind(text: str, span: str) -> None:
    assert [text[start:end] for start, end in find_quoted_venues(text)] == [span]


def test_a_word_said_before_a_kazakh_kind_is_not_taken_in() -> None:
    text = "ол «Мөлдір» деген кафе ұстайды"
    assert [text[start:end] for start, end in find_quoted_venues(text)] == []


@pytest.mark.parametrize("text, language, again", [
    ("i worked at zhana kazyna trade for a year and zhana kazyna was a front", "en", "zhana kazyna"),
    ("ағасы шалқар жол логистикте істеді, кейін шалқар жолға ауысты", "ru", "шалқар жолға"),
])
def test_a_firms_own_words_said_again_without_its_trade_are_the_firm(text: str, language: str, again: str) -> None:
    assert again in _organisations(text, language)


def test_a_place_that_opened_a_firms_name_is_not_the_firm_when_said_again() -> None:
    found = analyse("he drove for mangystau cargo handling, and mangystau was his home", "en")
    assert [f.entity for f in found if f.text == "mangystau"] != ["ORGANIZATION"]


@pytest.mark.parametrize("text, language, gone", [
    ("potom vyzvali iz nurlytas taxi, voditel znakomyi", "en", ["nurlytas"]),
    ("my trener from samruk fitness told me", "en", ["samruk"]),
])
def test_a_word_then_taxi_or_fitness_is_a_firm(text: str, language: str, gone: list[str]) -> None:
    assert_gone_and_kept(redact(text, language), gone, [])


@pytest.mark.parametrize("text", ["досым ауылға такси алды", "кеше түнде таксимен келдік"])
def test_a_taxi_in_kazakh_is_no_firm(text: str) -> None:
    assert [f for f in analyse(text, "ru") if f.entity == "ORGANIZATION"] == []


def test_a_kin_word_does_not_open_a_firms_name() -> None:
    assert "ағам" in redact("ағам шалқар жол логистикте істеді", "ru").split()


@pytest.mark.parametrize("text, language, body", [
    ("доверенность делали в цоне медеуского района", "ru", "цоне медеуского района"),
    ("nado bylo v cone bostandykskogo raiona vzyat spravku", "en", "cone bostandykskogo raiona"),
    ("он в карасайском ропе участковым был", "ru", "карасайском ропе"),
    ("я в сто сорок второй школе учителем работал", "ru", "сто сорок второй школе"),
    ("ego polozhili v 4-yu gorbol'nicu s travmoi", "en", "4-yu gorbol'nicu"),
    ("ya v 117 shkole u4ilas", "en", "117 shkole"),
])
def test_bodies_and_numbered_institutions_said_as_people_say_them(text: str, language: str, body: str) -> None:
    assert body in _organisations(text, language)


def test_a_count_of_schools_is_no_school() -> None:
    assert "117 shkol" not in _organisations("v gorode 117 shkol i vse bez deneg", "en")


@pytest.mark.parametrize("text, language, stall", [
    ("ну я на рынке стою третий ряд контейнер двести двенадцать там куртки", "ru",
     "третий ряд контейнер двести двенадцать"),
    ("Точка: Алтын Орда, ряд 14, конт. 208. Держит брат", "ru", "ряд 14, конт. 208"),
    ("торгует на Зелёном базаре, место 61 (1 эт.)", "ru", "место 61"),
    ("біздің орын сегізінші қатары екі жүз оныншы контейнер болатын", "ru",
     "сегізінші қатары екі жүз оныншы контейнер"),
    ("she sells at the bazaar row twelve container one oh seven mostly bags", "en",
     "row twelve container one oh seven"),
    ("Baraholkada 9-qatar, 112-konteiner bızdıkı.", "en", "9-qatar, 112-konteiner"),
])
def test_a_place_at_a_bazaar_is_an_address(text: str, language: str, stall: str) -> None:
    assert stall in [f.text for f in analyse(text, language) if f.entity == "ADDRESS"]


@pytest.mark.parametrize("text", [
    "в первом ряду сидели его родители",
    "он занял второе место на соревнованиях",
    "we sat in row twelve at the concert",
    "беседа на Барахолке (ряд 9) — коротко",
    "prinesi na Altyn Orda bazar, ryad 7, tam brat stoit",
])
def test_a_row_or_a_place_alone_is_no_address(text: str) -> None:
    from fieldkit.anonymise.market_stalls import find_market_stalls

    assert find_market_stalls(text) == []


@pytest.mark.parametrize("text, language, span", [
    ("я таксовал в самгау такси ну маленькая фирма", "ru", "самгау такси"),
    ("ja v kok tobe trans ne rabotala", "en", "kok tobe trans"),
    ("one branch specifically dari farm on the corner", "en", "dari farm"),
    ("Ақшаны «Береке Кредит» МҚҰ-ның филиалынан алдық", "ru", "«Береке Кредит» МҚҰ-ның"),
    ("кредит брали в отделении Kaspi Bank в центре", "ru", "отделении Kaspi Bank"),
    ("ja rabotala v otdelenii kaspi banka na abaya", "en", "otdelenii kaspi banka"),
])
def test_firms_by_a_rare_word_and_their_trade_their_form_or_their_branch(text: str, language: str, span: str) -> None:
    assert span in _organisations(text, language)


@pytest.mark.parametrize("text", ["мы с арманом в такси сели", "я в такси ехал до дома",
                                  "we had a chicken farm near the river"])
def test_a_taxi_or_a_farm_of_ordinary_words_is_no_firm(text: str) -> None:
    assert _organisations(text, "ru" if "мы" in text or "я" in text else "en") == []


@pytest.mark.parametrize("text, body", [
    ("іс талғар пб-ның тергеушісінде жатыр", "талғар пб-ның"),
    ("өткен жылы алатау аудандық пб-ға шақырды", "алатау аудандық пб-ға"),
])
def test_a_kazakh_police_department_by_its_letters_after_its_place(text: str, body: str) -> None:
    assert body in _organisations(text, "ru")


@pytest.mark.parametrize("text, name", [
    ("жиырма бірінші жылы наурызбай аудандық сотқа бардық", "наурызбай"),
    ("2019 жылы мамырбек ағай келді", "мамырбек"),
])
def test_a_name_made_from_a_month_is_no_date(text: str, name: str) -> None:
    assert not [f for f in analyse(text, "ru") if f.entity.startswith("DATE") and name in f.text]
