"""Twelfth round: Kazakh typed in the 2021 letters with Turkish habits, micro-districts by ordinal, a sentence's kind
with its length, plants named by their trade, Kazakh ranges, birth years and decades of age, bodies in quotes.
Texts invented in the shapes seen on the tuning sets (pii-field-dev13, spoken-ru-dev7)."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.kazakh_latin import TURKISH_HABIT, alphabet_of, spell_in_cyrillic
from fieldkit.anonymise.pseudonyms import redact


def spans(text: str, language: str = "ru") -> list[tuple[str, str]]:
    return [(f.entity, text[f.start:f.end]) for f in analyse(text, language)]


_TURKISH = ("Ūlım mekemede otır, oğan jeti jıl berdi. Men Qarğalıda tūramın. Ūzaq kezdesu üşin on mıñ teñge "
            "beru kerek. Advokatımız Sembekov Ğalım bolatın, ayağım auıradı, keden inspektorı boldım.")


def test_turkish_habits_are_told_from_the_2021_alphabet():
    assert alphabet_of(_TURKISH) == TURKISH_HABIT
    spelled = spell_in_cyrillic(_TURKISH, TURKISH_HABIT).text
    for word in ("отыр", "жеті жыл", "он мың теңге", "аяғым", "инспекторы", "Ғалым"):
        assert word in spelled, spelled
    official = "Men Aqtöbede jiyrma bes jyl tūrdym, Şymkentke köşip keldim, bılım aldym."
    assert alphabet_of(official) == 2021


def test_identifiers_in_turkish_habit_kazakh_are_taken():
    out = redact(_TURKISH, "en")
    for leaked in ("jeti jıl", "on mıñ", "mıñ teñge", "Sembekov", "Ğalım"):
        assert leaked not in out, out
    assert "[DURATION: 5–9 years]" in out, out
    for kept in ("ayağım", "inspektorı", "Advokatımız"):
        assert kept in out, out


@pytest.mark.parametrize("text, name, kept", [
    ("Бастығымыз Омаров Бауыржан бәрін біліп отыратын", "Омаров Бауыржан", "Бастығымыз"),
    ("Bastığımız Omarov Bauırjan bärin bilip otıratın, qorqamın.", "Omarov Bauırjan", "Bastığımız"),
])
def test_our_boss_is_no_given_name(text, name, kept):
    found = spans(text, "en" if text.isascii() or "ı" in text else "ru")
    assert ("PERSON", name) in found, found
    assert not any(kept in surface for _, surface in found), found


def test_with_me_is_no_name():
    assert not any(entity == "PERSON" and "менімен" in surface
                   for entity, surface in spans("Келінім Айгерім алдында менімен бірге баратын"))


@pytest.mark.parametrize("text, place", [
    ("жил в шестом микрорайоне у рынка", "шестом микрорайоне"),
    ("zhil v pervom mkr vozle shkoly", "pervom mkr"),
    ("бесінші шағын ауданда тұрамыз", "бесінші шағын ауданда"),
])
def test_a_micro_district_by_its_ordinal_is_a_place(text, place):
    assert ("LOCATION", place) in spans(text), spans(text)


@pytest.mark.parametrize("text, term, band", [
    ("дали 3 года условно и штраф", "3 года условно", "[СРОК: 1–4 лет]"),
    ("ему дали 2 года ограничения свободы", "2 года ограничения свободы", "[СРОК: 1–4 лет]"),
    ("оған бес жыл шартты берді", "бес жыл шартты", "[СРОК: 5–9 лет]"),
    ("отсидел восемь лет строгого режима", "восемь лет строгого режима", "[СРОК: 5–9 лет]"),
    ("три года колонии-поселения ему дали", "три года колонии-поселения", "[СРОК: 1–4 лет]"),
    ("алты жыл қатаң режим берді", "алты жыл қатаң режим", "[СРОК: 5–9 лет]"),
])
def test_a_sentences_kind_goes_with_its_length(text, term, band):
    # (nineteenth round: the eighteenth left the kind beside the band, as 78 of 92 tuning spans did; the held-out
    # quasi recall fell in seven files, and the kind with the length narrows a court record)
    assert ("DURATION", term) in spans(text), spans(text)
    out = redact(text, "ru")
    assert band in out and not {"условно", "свободы", "шартты", "строгого", "поселения", "қатаң"} & set(
        out.replace("-", " ").split()), out


@pytest.mark.parametrize("text, body", [
    ("я работал на ферросплавном, потом уволился", "ферросплавном"),
    ("он на павлодарском алюминиевом заводе работал", "павлодарском алюминиевом заводе"),
    ("работал на богатыре водителем", "богатыре"),
    ("Богатырь разрезінде істедім", "Богатырь разрезінде"),
    ("rabotal na ferrosplavnom pyat let", "ferrosplavnom"),
    ("работала на макинской птицефабрике", "макинской птицефабрике"),
    ("перевели в рудненский горотдел", "рудненский горотдел"),
    ("в ЦОНе Житикаринского района", "ЦОНе Житикаринского района"),
    ("«Богатырь Көмір» серіктестігінде істедім", "«Богатырь Көмір» серіктестігінде"),
    ("«Солтүстік қадағалау» деген мекемеде", "«Солтүстік қадағалау»"),
    ("мен карагога заставасы бастығы болдым", "карагога заставасы"),
])
def test_plants_posts_and_bodies(text, body):
    assert ("ORGANIZATION", body) in spans(text), spans(text)


@pytest.mark.parametrize("text", ["в свинцовом гробу", "богатырь былинный", "шекара заставасы", "пошел в ЦОН"])
def test_ordinary_words_of_trades_and_posts_are_no_bodies(text):
    assert not any(entity == "ORGANIZATION" for entity, _ in spans(text)), spans(text)


@pytest.mark.parametrize("text, entity, value", [
    ("екі мың он сегізден жиырма бірге дейін кезекші болдым", "DATE_WORDS", "жиырма бірге"),
    ("аты алмас туған жылы тоқсан бесінші", "DATE_WORDS", "тоқсан бесінші"),
    ("жасы қырықтарда шығар", "AGE", "қырықтарда"),
    ("аптасына он мың теңге берді", "MONEY", "он мың теңге"),
])
def test_kazakh_ranges_birth_years_decades_and_sums(text, entity, value):
    assert (entity, value) in spans(text), spans(text)


def test_kazakh_forms_of_countries_and_free_are_no_names_or_places():
    found = spans("ресейден кой айдап отетин. казир омбыда турады ресейдин азаматтыгын алды. али бостанда журеди")
    assert not any("ресей" in surface or "турады" in surface or "бостанда" in surface for _, surface in found), found


def test_a_nickname_after_its_kazakh_cue_in_russian_letters():
    found = spans("сосын бир жигит лакап аты кара маган акша табу жолын корсетти")
    assert ("PERSON", "кара") in found, found


@pytest.mark.parametrize("text, name", [
    ("- нач. отдела — Кравц. (полное имя не назвал, NB спросить)", "Кравц"),
    ("- зам нач. Гейнц А. «пил с ним чай»", "Гейнц А"),
    ("начальник отряда Слава (Вяч. Иг.) — брал за УДО", "Вяч. Иг"),
    ("запомнился осужденный. Рустом Олив 27 лет, срок 12 лет.", "Рустом Олив"),
    ("оның фамилиясы жұма баев, жұма баевтың інісі", "жұма баев"),
])
def test_names_cut_short_split_or_misheard(text, name):
    assert ("PERSON", name) in spans(text), spans(text)


@pytest.mark.parametrize("text", ["Пункт А. был закрыт", "писала в упр. ветеринарии Акмол. обл., сократили через нед.",
                                  "Респ. говорит, что был курьером", "Офиц. версия — сердце",
                                  "полицияға жаздым бірақ тергеуші бекмағанбетова іс қозғалмайды"])
def test_abbreviations_and_kazakh_titles_are_no_names(text):
    found = spans(text)
    assert not any(entity == "PERSON" and any(word in surface for word in ("Пункт", "Акмол", "нед", "тергеуші", "Респ",
                                                                       "Офиц"))
                   for entity, surface in found), found


@pytest.mark.parametrize("text, entity, value", [
    ("новое место: у родственников, суббота 14.09", "DATE_WORDS", "суббота 14.09"),
    ("справку выдала спецчасть ЕЦ-166/18", "ORGANIZATION", "спецчасть ЕЦ-166/18"),
    ("P52 — хирург, работал в обл. больнице Костаная", "ORGANIZATION", "обл. больнице Костаная"),
    ("сидела в учреждении у ГС 150-178 мама приезжала", "ORGANIZATION", "ГС 150-178"),
    ("работал на посту Кайраке три года", "LOCATION", "Кайраке"),
])
def test_a_date_with_its_weekday_and_bodies_with_their_part(text, entity, value):
    assert (entity, value) in spans(text), spans(text)


def test_a_date_after_a_term_in_days_is_a_date():
    found = spans("- его сына забрали на 15 суток 17.12.2011 в Алматы за пост")
    assert ("DURATION", "15 суток") in found and ("DATE_TIME", "17.12.2011") in found, found


@pytest.mark.parametrize("text, entity, value", [
    ("еки мын жиырмасыншы жылы шилденин ортасында мени устады", "DATE_WORDS",
     "еки мын жиырмасыншы жылы шилденин ортасында"),
    ("2021 жылы қазанда келді", "DATE_TIME", "2021 жылы қазанда"),
    ("интернациональная кошеси жиырма бес уй он екинши патерде жататын", "ADDRESS",
     "интернациональная кошеси жиырма бес уй он екинши патерде"),
])
def test_a_kazakh_month_after_its_year_and_a_house_in_words(text, entity, value):
    assert (entity, value) in spans(text), spans(text)


@pytest.mark.parametrize("text, entity, value", [
    ("Men Qayraq ötkelinde bes jıl keden inspektorı boldım, jüz mıñ alatın.", "LOCATION", "Qayraq"),
    ("Men Jasıl bazarda jiırma jıl boyı kökönis satamın.", "LOCATION", "Jasıl bazarda"),
    ("Jitiqara aýdandyq HQKO-synda kezekte turdym, Jitiqara aýdandyq soty úsh jyl berdi", "ORGANIZATION",
     "Jitiqara aýdandyq HQKO-synda"),
    ("Qazir Rudnyy ken bayıtu kombinatında jūmıs isteymin, eki jüz otız mıñ alamın.", "ORGANIZATION",
     "Rudnyy ken bayıtu kombinatında"),
    ("zhivet na toraygyrova 64 kv 118 v pavlodare", "ADDRESS", "toraygyrova 64 kv 118"),
    ("ferrosplavnyida istegenime bes zhyl boldy", "ORGANIZATION", "ferrosplavnyida"),
])
def test_places_and_bodies_in_latin_letters(text, entity, value):
    assert (entity, value) in spans(text, "en"), spans(text, "en")


def test_a_digit_whisper_wrote_as_a_word_inside_a_spoken_iin():
    text = "По ее и пять восемь ноль шесть, ноль восемь, четыре, ноль семья, один, два семь, нашлось"
    iin = "пять восемь ноль шесть, ноль восемь, четыре, ноль семья, один, два семь"
    assert ("IIN", iin) in spans(text), spans(text)
    assert not spans("у него семья, один сын и дочь")


@pytest.mark.parametrize("text, entity, value", [
    ("машина у него была белая приора номер н семь четыре восемь к у сорок пять", "PLATE",
     "н семь четыре восемь к у сорок пять"),
    ("Работаю на стройке, 8000 в день. Полиция нас проверяет", "MONEY", "8000"),
    ("я в павлодарском алюминиевом работаю", "ORGANIZATION", "павлодарском алюминиевом"),
])
def test_a_plate_in_words_a_days_pay_and_a_plant_after_its_town(text, entity, value):
    assert (entity, value) in spans(text), spans(text)


@pytest.mark.parametrize("text", ["в 2019 в день рождения", "5000 в день рождения подарил", "он мне номер три раза"])
def test_years_birthdays_and_a_number_said_are_no_pay_or_plate(text):
    assert not any(entity in ("MONEY", "PLATE") for entity, _ in spans(text)), spans(text)
