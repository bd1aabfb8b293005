"""Twenty-fifth round: names a speaker restates («из жена корган ну из жанакоргана», «дилшод или дел шот как его
там»), names given with a Kazakh verb of naming a word or two away («мысық деп бір жігітті атайды», «сұлтан деп ат
қойыпты», "baqyt dep atyn qoıǵan"), a friend by «с султаном мы» or «… менин досым», an official by his
post («гаишник дидар»), a market named after its place («на казыгурт базаре»), a Kazakh short year before its month
(«жиырма үш жылдың желтоқсанында»), an IIN that ends at its sentence's full stop, a nickname after «которого все
зовут», a family by a name in the Kazakh plural («бақыттарға»), and a company's last word in a Kazakh case. Kept:
the words around them («ну в общем», «с братом мы»), a respectful word before «дейтінбіз» («Бекен аға») and a kin
word after «зовут» («тётя Галя»). Texts invented in the shapes seen on the tuning set
pii-field-dev27."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact
from fieldkit.anonymise.restatements import sounds_alike
from tests.unit.redacted_words import assert_gone_and_kept


@pytest.mark.parametrize("text, gone, kept", [
    # a name said again, the speaker correcting what came out wrong
    ("ну я из жена корган ну из жанакоргана это кызылординская область", ["жена", "корган", "жанакоргана"],
     ["это"]),
    ("к ней по ночам приезжали ребята с колес ну с келеса я думал", ["колес", "келеса"], ["ребята", "думал"]),
    ("этот орлан ну вообще ерлан его звали но все называли орлан ну как птица", ["орлан", "ерлан"],
     ["этот", "птица"]),
    ("а брат его дилшод или дел шот как его там держал склад", ["дилшод", "дел", "шот"], ["брат", "держал"]),
    ("ну ее звали гуль нора или гульнора как правильно не знаю", ["гуль", "нора", "гульнора"], ["правильно"]),
    # only what sounds like it: not a word beside the name, nor the respectful word after it
    ("партнёр мой арман ну арман ака. документы отправляли", ["арман"], ["мой", "ака", "документы"]),
    ("мужик по фамилии кадыр бердиев ну кадырбердиев жену избил", ["кадырбердиев", "бердиев"], ["жену", "избил"]),
    # Kazakh verbs of naming, a word or two after «деп»; a friend; an honorific before «дейміз» is no nickname
    ("жаңатаста мысық деп бір жігітті атайды, түнде жүреді", ["мысық"], ["жігітті", "түнде"]),
    ("әкесі сұлтан деп ат қойыпты, бәрін басқарады", ["сұлтан"], ["әкесі", "басқарады"]),
    ("ol emes, baqyt dep atyn qoıǵan ǵoı", ["baqyt"], ["emes", "atyn"]),
    ("біз оны Бекен аға дейтінбіз, бірге оқығанбыз", ["бекен"], ["аға", "дейтінбіз"]),
    ("её зовут тётя Галя, она с нами ездит", ["галя"], ["тётя", "ездит"]),
    ("с султаном мы в армии вместе были. султан менин досым, бәрі біледі.", ["султаном", "султан"],
     ["армии", "досым"]),
    ("сосед наш, Асылбек, которого все зовут осел бек. Он до сих пор на свободе.", ["осел", "бек"],
     ["сосед", "свободе"]),
    ("кеше бақыттарға бардық. бақыттың әйелі дастарқан жайды", ["бақыттарға", "бақыттың"], ["кеше", "әйелі"]),
    ("мен цементте істеген жоқпын, оңтүстік мұнай сервисте бухгалтер болдым", ["оңтүстік", "сервисте"],
     ["цементте", "бухгалтер"]),
    # an official by his post, a market named after its place, a town in the dative
    ("меня на посту остановили гаишник дидар ну молодой такой", ["дидар"], ["гаишник", "молодой"]),
    ("днем я на базаре вот на казыгурт базаре у меня там контейнер", ["казыгурт"], ["контейнер"]),
    ("а кайрат сейчас ходит свободный по арысу", ["кайрат", "арысу"], ["свободный"]),
    # dates and numbers
    ("тергеуши маган жиырма уш жылдын желтоксанында шакырту жиберди", ["жиырма", "желтоксанында"],
     ["тергеуши", "шакырту"]),
    ("менің иінім тоқсан екі, он бір, нөл үш, төрт, нөл сегіз, бір жеті бес. тоқсан екінші жылы туғанмын.",
     ["тоқсан", "бес", "екінші"], ["иінім", "туғанмын"]),
])
def test_round_25_leaks_are_closed_and_words_kept(text, gone, kept):
    assert_gone_and_kept(redact(text, "en" if text.isascii() else "ru"), gone, kept)


@pytest.mark.parametrize("text", [
    "я жил в шымкенте ну в общем там всё",
    "с братом мы ходили на рынок",
    "с работой мы справились",
    "жиырма үш жылдың ішінде ештеңе өзгерген жоқ",
])
def test_nothing_is_taken_from_words_beside_names_or_years(text):
    """A restatement must sound like the name; «с … мы» needs a name; a cardinal year needs its month."""
    found = {text[f.start:f.end] for f in analyse(text, "ru")}
    assert not found & {"в общем", "общем", "братом", "работой", "жиырма үш", "жиырма үш жылдың ішінде"}, found


@pytest.mark.parametrize("first, second, alike", [
    ("жена корган", "жанакоргана", True),
    ("колес", "келеса", True),
    ("орлан", "ерлан", True),
    ("гуль нора", "гульнора", True),
    ("общем", "шымкенте", False),
    ("мать", "марат", False),
    ("он", "ерлан", False),
])
def test_what_sounds_like_a_name(first, second, alike):
    assert sounds_alike(first, second) is alike


def test_the_years_twenty_three_spoken_before_december_are_one_date():
    text = "маган жиырма уш жылдын желтоксанында шакырту жиберди"
    dates = [text[f.start:f.end] for f in analyse(text, "ru") if f.entity.startswith("DATE")]
    assert dates == ["жиырма уш жылдын желтоксанында"], dates


def test_an_iin_stops_at_the_full_stop_that_ends_it():
    from fieldkit.anonymise.spoken_numbers import number_runs

    runs = number_runs("тоқсан екі, он бір, нөл үш, төрт, нөл сегіз, бір жеті бес. тоқсан екі адам келді")
    assert [run.digits for run in runs][0] == "921103408175"
