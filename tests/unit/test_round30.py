"""Thirtieth round: a note's bare age after the role it describes («торговец запчастями, 41»), a note's hour with
a dot after its date («7.02.24, 16.15»), a respondent code's digits read as no number («ШАХ-02 12/12 11:40»), and
small firms named by a place and their trade in lower case ("atyrau trans logistic", «нұр жол логистиктің»). Kept:
house numbers, counts, temperatures, sums with a dot, ordinary phrases with trade words. Texts invented in the
shapes seen on the tuning sets."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.ages_after_roles import with_ages_after_roles
from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact
from fieldkit.anonymise.trade_named_companies import with_trade_named_companies
from tests.unit.redacted_words import assert_gone_and_kept


@pytest.mark.parametrize("text, age", [
    ("AST-02, активистка, 34\n5/3/22 задержание у ТЦ", "34"),
    ("Resp: б. следователь, 58, Каратальский РОВД 1991-2014", "58"),
    ("Шалкар торговец запчастями, 41 → поставщик", "41"),
    ("жена б/у заключённого (Д.К.), 31 → муж вышел", "31"),
    ("Ex-con, 41, сидел дважды", "41"),
    ("Рыбак, 60+, с. Забурунье", "60+"),
    ("P103, 22, дунганин, таксует", "22"),
    ("Resp: ret. майор, ex-участковый, 61. In РОВД", "61"),
    ("Сарань, двор м, 40ish, проводник", "40ish"),
    ("Малыш (кличка) забрал, 17-18 на вид", "17-18"),
    ("нач. Кабдолов — сейчас в Генпрокуратуре - сам 44, адвокат", "44"),
    ("группа, Шетпе: - P52 ж/38, продавец в маг.", "38"),
    ("Кандыагаш 28.10.2025 M/24, студент колледжа", "24"),
    ("бывш. рыбинспектор, лет 60-ти, живёт в Дарьинске", "60-ти"),
])
def test_a_bare_age_after_who_the_person_is_is_found(text: str, age: str) -> None:
    assert [f.text for f in with_ages_after_roles(text, []) if f.entity == "AGE"] == [age]


@pytest.mark.parametrize("text", [
    "ул. Байтурсынова, 71, оф. 204",
    "Мороз, -32, встречались в машине",
    "бригадир, 15 чел. в бригаде",
    "сидел в УК-161/3, 20 лет",
    "следователь, 20.05.2023 допрос",
    "дети 4, 9, 13",
])
def test_a_number_not_after_a_person_is_no_age(text: str) -> None:
    assert [f for f in with_ages_after_roles(text, []) if f.entity == "AGE"] == []


def test_a_decade_after_age_is_an_age_not_a_century() -> None:
    assert_gone_and_kept(redact("ZHO-08, ex-cop (уволен), age: late 40s точки: Рахат", "ru"), ["40s"],
                         ["age", "40–49]"])


def test_an_age_after_an_initial_in_brackets_is_generalised() -> None:
    assert_gone_and_kept(redact("AKT-11 / Актобе. Лев Г. (72), б. журналист", "ru"), ["72"], ["akt-11", "журналист"])


@pytest.mark.parametrize("text, hour", [
    ("Астана. 7.02.24, 16.15 Тема: давление на СМИ", "16.15"),
    ("ATY-05 | 19.11 | 11.30 | Кульсары", "11.30"),
    ("9.15 звонок журналисту", "9.15"),
    ("водитель P90 - выезд 6.30, обратно в 19 ч", "6.30"),
    ("смена 7.00-15.00, без выходных", "7.00-15.00"),
])
def test_a_notes_hour_written_with_a_dot_is_a_time(text: str, hour: str) -> None:
    assert hour in [f.text for f in analyse(text, "ru") if f.entity == "TIME"]


@pytest.mark.parametrize("text, hour", [
    ("we met at six near the bazaar", "six"),
    ("we waited until noon", "noon"),
    ("ya priehal k vosmi, on uzhe zhdal", "vosmi"),
    ("men sagat onga keldim", "sagat onga"),
])
def test_an_hour_said_bare_in_latin_letters_is_a_time(text: str, hour: str) -> None:
    assert hour in [f.text for f in analyse(text, "en") if f.entity == "TIME"]


@pytest.mark.parametrize("text", ["at one point he left", "he paid about five of them", "sidel v pyat raz bolshe"])
def test_a_count_in_latin_letters_is_no_hour(text: str) -> None:
    assert not [f for f in analyse(text, "en") if f.entity == "TIME"]


def test_a_sum_with_a_dot_is_no_hour() -> None:
    assert not [f for f in analyse("дали в 2.50 млн, не меньше", "ru") if f.entity == "TIME"]


@pytest.mark.parametrize("text", ["ШАХ-02 12/12 11:40 пенсионер, бывш. шахтёр", "URL-05 22/08/23 19.40 Р-т"])
def test_a_code_date_and_hour_are_no_long_number(text: str) -> None:
    entities = {f.entity for f in analyse(text, "ru")}
    assert not entities & {"ID_NUMBER", "PHONE_NUMBER"}
    assert "TIME" in entities


@pytest.mark.parametrize("text, firm", [
    ("my brother drove trucks for atyrau trans logistic until twenty nineteen", "atyrau trans logistic"),
    ("i was a welder at west kaz drilling supply for three years", "west kaz drilling supply"),
    ("they sold the fish to zhaiyk fish export and paid cash", "zhaiyk fish export"),
    ("ағам аксай газ монтажга жұмысқа тұрды", "аксай газ монтажга"),
    ("ол нұр жол логистиктің жүргізушісі болған", "нұр жол логистиктің"),
    ("жетібай бұрғылауда бурғышы болдым", "жетібай бұрғылауда"),
])
def test_a_firm_named_by_place_and_trade_is_one_organisation(text: str, firm: str) -> None:
    assert [f.text for f in with_trade_named_companies(text, []) if f.entity == "ORGANIZATION"] == [firm]


@pytest.mark.parametrize("text", [
    "the oil supply was cut and the secret service came",
    "our trade group met in the old building",
    "машину отдали в сервис на ремонт",
    "мы работали на монтаже в аксае",
])
def test_trade_words_in_ordinary_phrases_name_no_firm(text: str) -> None:
    assert with_trade_named_companies(text, []) == []


@pytest.mark.parametrize("text, gone, kept", [
    ("zhenke nesi srazu sotku, torgovatsya ne nado", ["sotku"], ["nesi", "torgovatsya"]),
    ("ya im skazal sotku dam, a oni tri sotki hotyat", ["sotku", "sotki"], ["skazal", "hotyat"]),
    ("platili 2 kuska za klad a esli optom", ["kuska"], ["platili", "klad"]),
    ("u nas uchastok shest sotok, i eshe dve sotki zemli", [], ["sotok", "sotki", "zemli"]),
    ("daj kusok hleba", [], ["kusok", "hleba"]),
])
def test_money_slang_in_latin_letters_is_a_sum(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "en"), gone, kept)


@pytest.mark.parametrize("text, gone, kept", [
    ("zhandos skinul 300 na kaspi, a janbolat eshe net", ["300"], ["skinul"]),
    ("svarshchikom, platyat 350. esli nado", ["350"], ["platyat"]),
    ("u slavika dolg 120 peredo mnoi", ["120"], ["dolg", "peredo"]),
    ("platili 20 raz, ne pomoglo", [], ["platili", "20", "raz"]),
])
def test_a_bare_figure_paid_in_latin_letters_is_a_sum(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "en"), gone, kept)


@pytest.mark.parametrize("text, gone", [
    ("ya zhivu v 14 mkr ryadom s shkoloi", ["14", "mkr"]),
    ("lives Aktau, 8th mkr, wants to talk", ["8th"]),
    ("we lived in the fourth micro district near the sea", ["fourth", "micro"]),
])
def test_a_numbered_micro_district_in_latin_letters_is_a_place(text: str, gone: list[str]) -> None:
    assert_gone_and_kept(redact(text, "en"), gone, [])


@pytest.mark.parametrize("text, gone", [
    ("ол атырау қалалық пб-ның екінші бөлімшесіне барды", ["атырау", "пб-ның", "бөлімшесіне"]),
    ("исатай аудандық әкімдігінде отырды", ["исатай", "әкімдігінде"]),
])
def test_a_kazakh_body_with_an_abbreviation_or_the_voiced_akimat_is_one_organisation(text: str,
                                                                                      gone: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, [text.split()[-1]])


@pytest.mark.parametrize("text, gone", [
    ("ағам елуге таяп қалған адам", ["елуге", "таяп"]),
    ("ол елудің ар жақ бер жағында", ["елудің", "бер"]),
    ("шешем жетпістің үстінде", ["жетпістің"]),
    ("ол кырыкка тарта еді", ["кырыкка"]),
])
def test_a_kazakh_age_said_roughly_is_an_age(text: str, gone: list[str]) -> None:
    redacted = redact(text, "ru")
    assert "ВОЗРАСТ" in redacted, redacted
    assert_gone_and_kept(redacted, gone, [text.split()[0]])


@pytest.mark.parametrize("text, plant", [
    ("Бывш. зам. дир. ЭГРЭС-1, 62.", "ЭГРЭС-1"),
    ("на ТЭЦ-2 в Павлодаре", "ТЭЦ-2"),
])
def test_a_numbered_power_plant_is_an_organisation(text: str, plant: str) -> None:
    assert plant in [f.text for f in analyse(text, "ru") if f.entity == "ORGANIZATION"]


@pytest.mark.parametrize("text, gone, kept", [
    ("dana eto sekretar. dane 27, a ona uzhe kvartiru kupila", ["27"], ["sekretar", "kvartiru"]),
    ("on torguet na rynke. emu ot 35 do 40 gde to", ["35", "40"], ["torguet", "emu"]),
    ("u beka dolgi vezde, beku za 40, a on vse kak patsan", ["40"], ["dolgi", "patsan"]),
    ("The owner, rakhima apa, she's sixty something, she rents rooms", ["sixty", "something"], ["owner", "rents"]),
])
def test_an_age_after_a_latin_dative_or_said_loosely_in_english(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "en"), gone, kept)


@pytest.mark.parametrize("text, gone, kept", [
    ("ильдар сафиуллин тридцать девять татарин в убн дп служит", ["тридцать", "девять"], ["татарин", "служит"]),
    ("кыз аты толкын кырык бир жанбыршыда туып оскен", ["кырык", "бир"], ["туып"]),
    ("Бригадиром был Мирзаев Улугбек, шестой десяток уже", ["шестой", "десяток"], ["бригадиром", "уже"]),
    ("Сейчас, значит, под полтинник.", ["полтинник"], ["сейчас", "значит"]),
])
def test_an_age_said_after_a_name_or_by_its_decade(text: str, gone: list[str], kept: list[str]) -> None:
    redacted = redact(text, "ru")
    assert "ВОЗРАСТ" in redacted, redacted
    assert_gone_and_kept(redacted, gone, kept)


@pytest.mark.parametrize("text", [
    "с ерланом двадцать пятого встретились",
    "он дал полтинник и ушёл",
    "второй десяток лет работаю",
])
def test_a_date_a_sum_or_a_term_is_no_age(text: str) -> None:
    assert "ВОЗРАСТ" not in redact(text, "ru")


def test_what_a_number_after_a_name_counts_is_no_age() -> None:
    assert "ВОЗРАСТ" not in redact("айдос отыз койды шымкентке апарып сатып жиберди", "ru")
