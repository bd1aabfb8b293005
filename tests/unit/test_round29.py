"""Twenty-ninth round: given names in messenger Russian under the case the word before them asks for ("s kostei",
"u dimki", "k babe shure", "sestru nadezhdu"), whose Cyrillic spelling is also an ordinary word. Kept: the same
prepositions before ordinary words no listed name declines to ("k synu", "u lyudei"), English words, and Kazakh
lines ("bratan kewe"). Texts invented in the shapes seen on the tuning sets pii-field-dev29 and pii-field-dev30."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.chat_handles import with_chat_handles
from fieldkit.anonymise.declined_nicknames import with_declined_nicknames
from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.latin_governed_names import governed_names
from fieldkit.anonymise.pronoun_after_names import with_names_before_pronouns
from fieldkit.anonymise.pseudonyms import redact
from tests.unit.redacted_words import assert_gone_and_kept


@pytest.mark.parametrize("text, gone, kept", [
    ("privet, ya vchera s kostei govoril, on skazal chto tovar budet", ["kostei"], ["vchera", "govoril", "tovar"]),
    ("skazhi chto ot dimki. on ne lyubit kogda zvonyat", ["dimki"], ["skazhi", "lyubit"]),
    ("vitya uehal k babe shure, vernetsya v pyatnicu", ["shure"], ["babe", "vernetsya"]),
    ("sestru nadezhdu oshtrafovali na rynke, ona plakala", ["nadezhdu"], ["sestru", "oshtrafovali"]),
    ("peredai ei privet ot lesi. my vmeste rabotali", ["lesi"], ["privet", "rabotali"]),
])
def test_a_name_in_the_case_the_word_before_asks_for_is_taken(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "en"), gone, kept)


@pytest.mark.parametrize("text", [
    "on uehal v omsk k synu, do etogo rabotal na zavode",
    "vera u lyudei v to chto pomogut, a ya ne veryu",
    "my s toboi govorili pro eto vchera",
])
def test_the_same_words_before_ordinary_words_find_nothing(text: str) -> None:
    assert governed_names(text) == []


def test_a_kinship_word_in_the_nominative_asks_for_no_name() -> None:
    # «кеше» (yesterday) spells a name's dative, but "bratan" is slang in the nominative, which asks for no case
    assert governed_names("bratan kewe kentauga bardym, ar kim bar") == []
    assert governed_names("k bratu kewe") == [(8, 12)]


def test_the_case_must_be_the_one_asked_for() -> None:
    # «Костей» is Костя's instrumental: after «у» (genitive) it is no name's form
    assert governed_names("s kostei") == [(2, 8)]
    assert governed_names("u kostei") == []


CHAT = """dimon_ekb: brat ty gde
asik: na rynke u vhoda
dimon_ekb: skolko nado
asik: dva"""


def test_the_speakers_of_a_pasted_chat_are_taken_at_every_line() -> None:
    redacted = redact(CHAT, "en")
    assert "dimon_ekb" not in redacted and "asik" not in redacted.replace("[", " ")
    assert redacted.count("brat ty gde") == 1


@pytest.mark.parametrize("text, gone", [
    ("деньги скинь на каспи, потом пиши styopa_oskemen, он в курсе", "styopa_oskemen"),
    ("в телеге он сидит под ником @aset_88, пишет по ночам", "aset_88"),
])
def test_a_messenger_handle_is_taken_whole(text: str, gone: str) -> None:
    assert gone not in redact(text, "ru")


@pytest.mark.parametrize("text", [
    "TODO: перезвонить в среду\nTODO: спросить про склад\nВопрос: как часто?",
    "Q: how often?\nA: every week\nQ: and then?\nA: nothing",
    "R-12: не помню\nR-14: я тоже\nR-12: может в мае",
    "Note: shaky audio\nNote: second half lost",
    "Склад: пусто с утра\nСклад: завезли в среду",
])
def test_role_labels_codes_and_one_repeated_label_are_kept(text: str) -> None:
    assert with_chat_handles(text, []) == []


@pytest.mark.parametrize("text, gone, kept", [
    ("Дизель сливает дизель с карьерной техники.\nДизелю ~35, бывш. машинист.", ["дизелю"],
     ["сливает", "дизель", "машинист"]),
    ("Шкаф меня в первый же день предупредил. Шкафу платили по десять тысяч.", ["шкаф", "шкафу"], ["платили"]),
    ("Главный — Валенок. Валенку под пятьдесят, живёт один.", ["валенок", "валенку"], ["главный", "живёт"]),
])
def test_a_noun_capitalised_in_two_case_forms_is_a_nickname(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


@pytest.mark.parametrize("text", [
    "Мама звонила вчера. Маме я ничего не сказал.",  # kin, not a nickname
    "Шкаф стоял в углу. Шкаф был пустой.",  # one form twice: a word that starts two sentences
])
def test_kin_words_and_one_form_twice_are_no_nicknames(text: str) -> None:
    assert with_declined_nicknames(text, []) == []


@pytest.mark.parametrize("text, gone, kept", [
    ("ну вера она у нас бухгалтером была в конторе", ["вера"], ["бухгалтером", "конторе"]),
    ("я ей говорю роза ты сядешь за это", ["роза"], ["говорю", "сядешь"]),
])
def test_a_name_that_is_a_word_before_the_pronoun_restating_it(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


def test_the_kazakh_ten_after_a_name_that_is_a_word_is_no_pronoun() -> None:
    assert with_names_before_pronouns("кешки сагат он бирде бақыт он бир жаста еди", []) == []


@pytest.mark.parametrize("text, gone, kept", [
    # an age said before «было», after a verb that elsewhere tells a sentence («сидел»)
    ("а я в машине сидел мне двадцать девять было тогда", ["двадцать", "девять"], ["машине", "сидел"]),
    # but a term with its unit after a verb of sentencing stays a term
    ("суд дал мне шесть лет было обидно", [], ["суд", "обидно"]),
])
def test_an_age_before_the_verb_of_being(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


def test_a_term_before_the_verb_of_being_is_no_age() -> None:
    assert not [f for f in analyse("суд дал мне шесть лет было обидно", "ru") if f.entity == "AGE"]


@pytest.mark.parametrize("text, gone, kept", [
    # Kazakh given names that are words, after an honorific or before «деген адвокат»
    ("гүл апайға олар айына жетпіс мың төлейді", ["гүл"], ["апайға", "төлейді"]),
    ("саян деген адвокат көмектесті бізге", ["саян"], ["адвокат", "көмектесті"]),
    # a name that is a word in the genitive, before the boss, the sister or the workmate it owns
    ("алмаздың бастығы руслан болатын", ["алмаздың"], ["бастығы", "болатын"]),
    ("сәуленің әпкесі базарда істейді", ["сәуленің"], ["әпкесі", "базарда"]),
])
def test_kazakh_names_that_are_words_by_what_is_said_of_them(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


def test_a_common_word_in_the_genitive_before_a_boy_is_kept() -> None:
    assert "ауылдың" in redact("мен ауылдың баласы едім, қалаға кейін келдім", "ru")


@pytest.mark.parametrize("text, gone, kept", [
    # a company's capitalised name said before its form, Kazakh words in it and the next sentence capitalised
    ("Мен Ертіс Астық Терминал ЖШС-ның директоры едім. Көкжал Логистик ЖШС-ның шоттары сонда еді.",
     ["ертіс", "астық", "терминал", "көкжал", "логистик"], ["директоры", "шоттары"]),
    # a new company opened: the sentence's first word is no name
    ("Жаңа ЖШС ашқанмын, бірақ ештеңе шықпады.", [], ["жаңа", "ашқанмын"]),
])
def test_a_company_named_before_its_form_in_title_case(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


@pytest.mark.parametrize("text, gone, kept", [
    ("М., ~45, б. опер, уволен давно.", ["~45", "45"], ["опер", "уволен"]),
    ("R. (62, б. инспектор парка) говорил охотно.", ["62"], ["инспектор", "говорил"]),
])
def test_a_notes_age_after_the_sex_with_a_dot_or_in_the_respondents_brackets(text: str, gone: list[str],
                                                                           kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


def test_a_messenger_name_after_a_kinship_cue_is_taken_by_its_cyrillic_spelling() -> None:
    # «сестру валю»: the cue rule reads «валю», Валя's accusative; the Latin word itself is no listed name
    assert "valju" not in redact("u nego sestru valju zabrali v gorod", "en")


@pytest.mark.parametrize("text, gone, kept", [
    ("Цены: медь по ₽600 за кило на приёмке.", ["₽600"], ["медь", "приёмке"]),
    ("он сейчас в уске живёт, таксует", ["уске"], ["живёт", "таксует"]),
    ("ускорение было большое, машину занесло", [], ["ускорение", "машину"]),
])
def test_roubles_by_their_sign_and_oskemen_by_its_nickname(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


@pytest.mark.parametrize("text, gone, kept", [
    # a note's date, then the hours of the interview: no long id of the date's and the hour's digits
    ("PV-04, инт. 12.03.26, 10:40–12:05, кафе у ЦОНа", ["10:40", "40", "12:05"], ["инт", "кафе"]),
    ("Рынок, 23.09.25, 13:00-13:50, торговка овощами", ["13:00", "50", "13:50"], ["торговка"]),
])
def test_a_notes_date_and_its_hours_are_each_taken(text: str, gone: list[str], kept: list[str]) -> None:
    redacted = redact(text, "ru")
    assert_gone_and_kept(redacted.replace(":", " "), gone, kept)
    assert "[ID-" not in redacted


@pytest.mark.parametrize("text, gone, kept", [
    ("KRG-17 | бывш. следователь | ~60", ["~60", "60"], ["следователь"]),
    ("чабан, ~45, пасёт у границы с КНР", ["~45", "45"], ["чабан", "пасёт"]),
    ("задержали ~50 человек на посту", [], ["~50", "человек"]),
])
def test_a_notes_rough_age_alone_between_separators(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)
