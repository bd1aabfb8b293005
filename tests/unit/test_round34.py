"""Thirty-fourth round: everyday words beside the names — faith, hope, love and fame said as the words, a quoted title
or brand after its kind, a car that is no Маша's, «досым» before a given name; micro-districts by a Kazakh ordinal
with its tens; and what was tried and undone, kept here as the names that must stay: a lower-case word where the
writer capitalises the name, a name-word with a possessive ending, a name-word explained, a beast after «как».
Texts invented in the shapes seen on the tuning sets."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact
from tests.unit.redacted_words import assert_gone_and_kept, words_left


@pytest.mark.parametrize("text, name", [
    # a writer who capitalises a name may still write it in lower case, nicknames above all: no rule reads the
    # lower case as the word (tried in this round: it leaked «Шаман … шаман», «Нұр … нұр» on the tuning sets)
    ("Бригадир Ерік Сапарұлы келді. Сосын ерік бізге ақша берді.", "ерік"),
    ("біз оны Шаман дейтінбіз. шаман келгенде бәрі қашатын.", "шаман"),
])
def test_a_name_in_lower_case_beside_its_capitalised_form_stays_the_name(text: str, name: str) -> None:
    assert name not in words_left(redact(text, "ru"))


@pytest.mark.parametrize("text, name", [
    # nor does a possessive ending make the word: «Айданасы», «Асқарым» are her Aidana, my Askar (also tried and
    # undone in this round)
    ("асқар деген ұлым бар. асқарым әскерде.", "асқарым"),
])
def test_a_name_with_a_possessive_ending_stays_the_name(text: str, name: str) -> None:
    assert name not in words_left(redact(text, "ru"))


@pytest.mark.parametrize("text", [
    "Бригадир Болат Сексенбаев. Болат по-казахски говорит.",
    # a name explained as a word is still the name of the man just named (tried as the word in this round: older
    # annotators mark it, and it lost names on held-out text)
    "Бригадир был Болат Сексенбаев.\nБолат по-казахски сталь, вот он такой и был.",
])
def test_a_name_before_po_kazakhski_stays_the_name(text: str) -> None:
    assert "Болат по-казахски" not in redact(text, "ru")


@pytest.mark.parametrize("text, place", [
    ("провизор бар еді жиырма жетінші шағынауданда, сол жерде сатады", "жиырма жетінші шағынауданда"),
    ("деген ростовщик в он бесинши микрорайоне живёт", "он бесинши микрорайоне"),
    ("біз он бірінші шағын ауданда тұрамыз", "он бірінші шағын ауданда"),
])
def test_a_micro_district_by_a_kazakh_ordinal_with_its_tens(text: str, place: str) -> None:
    found = [(f.entity, f.text) for f in analyse(text, "ru")]
    assert ("LOCATION", place) in found


def test_the_sentence_after_a_micro_district_and_its_number_is_no_street_name() -> None:
    redacted = redact("Встреча в кафе у 3 мкр. Р-т пришёл с женой.", "ru")
    assert "3" not in words_left(redacted) and "р-т" in words_left(redacted)


@pytest.mark.parametrize("text, gone, kept", [
    ("такси айдадым бир куни досым данияр маган айтты", ["данияр"], ["досым"]),
    ("менің досым нұрлан сәрсенбаев сол күні жараланды", ["нұрлан", "сәрсенбаев"], ["досым"]),
    ("жолдасым ерлан келді", ["ерлан"], ["жолдасым"]),
])
def test_my_friend_before_a_given_name_is_no_part_of_it(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


def test_the_given_name_dosym_before_a_surname_stays_the_name() -> None:
    assert_gone_and_kept(redact("досым ахметов келди де кетти", "ru"), ["досым", "ахметов"], ["келди"])


@pytest.mark.parametrize("text, gone, kept", [
    ("знали что это бахтиёра машина ну вот", ["бахтиёра"], ["машина"]),
    # a surname made from a given name the dictionary knows only as a thing stays a surname: Kanatov, not ropes
    ("ну следователь канатов сказал что всё будет", ["канатов"], ["следователь"]),
    ("ну это машина марата она всегда стояла во дворе", ["марата"], ["машина"]),
    ("Машина 512 BKT 04, серая «Камри». В тот вечер заехала на заправку.", ["512"], ["машина"]),
    # a surname Russian morphology reads as a town's plural is still a surname
    ("а пособие маленькое, врач дарханов говорит инвалидность дать не можем", ["дарханов"], ["врач"]),
    # a surname that is a possessive of a given name still is one
    ("с жекой бабушкиным мы и поехали", ["жекой", "бабушкиным"], ["поехали"]),
])
def test_a_car_is_no_surname_made_from_masha(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


_WITH_VERA = "жена надежда петровна пришла, и вера сергеевна с ней. "


@pytest.mark.parametrize("text, word", [
    (_WITH_VERA + "у меня тогда ни веры ни надежды ничего не было", "веры"),
    (_WITH_VERA + "у неё была одна надежда что внуки не узнают", "надежда"),
    (_WITH_VERA + "говорит вера в систему пропала у него", "вера"),
    (_WITH_VERA + "она сказала что надежды никакой нет", "надежды"),
    ("слава ахметов пришёл. он говорил мне слава не нужна мне нужны деньги", "слава"),
])
def test_faith_hope_love_and_fame_said_as_the_words(text: str, word: str) -> None:
    assert word in words_left(redact(text, "ru"))


@pytest.mark.parametrize("text, name", [
    ("вера сергеевна пришла. вера сказала что придёт завтра", "вера"),
    ("слава ахметов пришёл. слава пришёл вчера поздно", "слава"),
    # «какая» asks which Vera
    ("вера сергеевна пришла, потом спрашивают какая вера? ну вера сергеевна", "вера"),
])
def test_the_women_and_the_man_so_named_stay_named(text: str, name: str) -> None:
    assert name not in words_left(redact(text, "ru"))


@pytest.mark.parametrize("text, name", [
    ("вера сергеевна умная. как вера сказала так и будет", "вера"),
    # a name after «как» stays the man's, a beast's too (tried as the beast in this round; it lost a name on
    # held-out text)
    ("лев борисович пришёл. как лев сказал так и сделали", "лев"),
    ("лев борисович здоровый как лев и хитрый все знали", "лев"),
])
def test_a_name_after_as_stays_the_name(text: str, name: str) -> None:
    assert name not in words_left(redact(text, "ru"))


@pytest.mark.parametrize("text, title", [
    ("Всегда нам конфеты «Рахат» привозил из Алматы, коробками.", "рахат"),
    ("Бізге шай, қант, «Рахат» шоколадын әкелуге рұқсат беретін.", "рахат"),
    ("Вечером дети смотрели мультфильм «Маша и Медведь», а я спал.", "маша"),
    ("Главный у них был Саша, как в сериале «Бригада».", "бригада"),
])
def test_a_title_or_a_brand_in_quotes_after_its_kind_names_no_one(text: str, title: str) -> None:
    assert title in words_left(redact(text, "ru"))


def test_a_quoted_name_after_no_kind_of_title_stays_found() -> None:
    assert "шаман" not in words_left(redact("Все звали его «Шаман», он торговал на рынке.", "ru"))
