"""Eleventh round: life sentences, Kazakh hours in Russian letters, lower-case companies and bodies typed in English
or messenger Latin. Texts invented in the shapes seen on the tuning sets (pii-field-dev11, pii-field-dev12)."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact


def spans(text: str, language: str = "ru") -> list[tuple[str, str]]:
    return [(f.entity, text[f.start:f.end]) for f in analyse(text, language)]


@pytest.mark.parametrize("text, term", [
    ("Ему дали пожизненное лишение свободы за двойное", "пожизненное лишение свободы"),
    ("брат получил пожизненно, а я восемь", "пожизненно"),
    ("там сидят на пожизненке одни", "пожизненке"),
    ("Оған өмір бойына бас бостандығынан айыру берілді", "өмір бойына бас бостандығынан айыру"),
    ("омир бойына берди оган", "омир бойына"),
])
def test_a_life_sentence_is_a_term(text, term):
    assert ("DURATION", term) in spans(text), spans(text)


@pytest.mark.parametrize("text, term", [
    ("he got life imprisonment in 2019", "life imprisonment"),
    ("his brother is serving a life sentence", "life sentence"),
])
def test_an_english_life_sentence_is_a_term(text, term):
    assert ("DURATION", term) in spans(text, "en"), spans(text, "en")


def test_a_life_sentence_is_banded_with_the_longest_terms():
    assert "[СРОК: 20+ лет]" in redact("Ему дали пожизненное, а брату десять лет", "ru")
    assert "[DURATION: 20+ years]" in redact("the third was sentenced to life", "en")


@pytest.mark.parametrize("text", ["Он всю жизнь проработал в полиции", "my life in the city changed",
                                  "өмір сүру қиын болды"])
def test_life_as_a_word_is_no_term(text):
    language = "en" if text.isascii() else "ru"
    assert not any(entity == "DURATION" for entity, _ in spans(text, language)), spans(text, language)


@pytest.mark.parametrize("text, term, band", [
    ("Ол жерде уш сагат куттик", "уш сагат", "меньше месяца"),
    ("бес сагаттай сурады", "бес сагаттай", "меньше месяца"),
])
def test_kazakh_hours_in_russian_letters_are_a_duration(text, term, band):
    assert ("DURATION", term) in spans(text), spans(text)
    assert band in redact(text, "ru")


@pytest.mark.parametrize("text, company", [
    ("he worked at steppe drilling services llp in the west", "steppe drilling services llp"),
    ("I worked for kazakh oil company caspian pipe llc until 2019", "caspian pipe llc"),
    ("ol aqtau port logistics jsc-ta jumys istedi", "aqtau port logistics jsc"),
])
def test_a_lower_case_company_before_its_form_is_an_organisation(text, company):
    assert ("ORGANIZATION", company) in spans(text, "en"), spans(text, "en")


def test_a_function_word_ends_a_lower_case_company():
    found = spans("he was the director of the llp for years", "en")
    assert not any(entity == "ORGANIZATION" for entity, _ in found), found


@pytest.mark.parametrize("text, body", [
    ("then the almaty anti corruption department questioned him", "almaty anti corruption department"),
    ("they called me to the economic investigations department for zhetysu region",
     "economic investigations department for zhetysu region"),
    ("men kentau transformator zauytynda istedim", "kentau transformator zauytynda"),
])
def test_a_lower_case_body_with_its_place_is_one_organisation(text, body):
    assert ("ORGANIZATION", body) in spans(text, "en"), spans(text, "en")


@pytest.mark.parametrize("text", ["He met a police officer for almaty region last year",
                                  "in almaty everyone knows the police"])
def test_a_place_near_police_words_is_no_body(text):
    assert not any(entity == "ORGANIZATION" for entity, _ in spans(text, "en")), spans(text, "en")


@pytest.mark.parametrize("code", ["R-AT-03", "R-MNG-08", "KRG-11", "P12"])
def test_a_respondent_code_with_a_site_is_kept(code):
    text = f"{code}, Жанаозен, интервью в кафе"
    assert code in redact(text, "ru"), redact(text, "ru")


def test_a_number_never_starts_inside_a_respondent_code():
    text = "Интервью с журналистом, R-AST-05. 7.02.24, 16.15"
    found = spans(text)
    assert ("DATE_TIME", "7.02.24") in found, found
    assert "R-AST-05" in redact(text, "ru")


@pytest.mark.parametrize("mark", ["NB", "TODO"])
def test_a_notes_mark_at_a_line_start_is_kept(mark):
    text = f"{mark}: групповое — не кодировать как отдельные интервью\n{mark}: спросить про ШИЗО ещё раз"
    assert redact(text, "ru").count(mark) == 2, redact(text, "ru")


@pytest.mark.parametrize("text, code", [
    ("he was in u g one five seven slash eleven and then", "u g one five seven slash eleven"),
    ("i worked as a guard in a k one five nine slash four, in dolinka", "a k one five nine slash four"),
    ("the case number was seven one nine four dash two two dash zero zero dash three slash two zero one.",
     "seven one nine four dash two two dash zero zero dash three slash two zero one"),
])
def test_a_code_said_in_english_with_its_stroke_is_found_whole(text, code):
    assert any(surface == code for _, surface in spans(text, "en")), spans(text, "en")


def test_a_code_said_in_russian_with_dashes_and_a_misheard_stroke_is_found_whole():
    text = "сидел он в колонии АП-162-Дропи, восемь, потом дело номер семь один девять четыре тире два два тире ноль"
    text += " ноль тире три дробь два ноль один"
    redacted = redact(text, "ru")
    assert "Дропи" not in redacted and "восемь" not in redacted and "тире" not in redacted, redacted


@pytest.mark.parametrize("text, surname", [
    ("my foreman was a german guy, viktor schmidt, everyone called him tank", "schmidt"),
    ("my shift boss was taras kovalchuk, a ukrainian guy", "kovalchuk"),
])
def test_an_unknown_latin_word_after_a_given_name_is_the_surname(text, surname):
    assert surname not in redact(text, "en"), redact(text, "en")


@pytest.mark.parametrize("text, kept", [("marat said nothing", "said"), ("viktor skazal chto", "skazal"),
                                        ("marat quickly left", "quickly"), ("aigerim always knew", "always")])
def test_an_english_russian_or_kazakh_word_after_a_given_name_is_no_surname(text, kept):
    assert kept in redact(text, "en"), redact(text, "en")


@pytest.mark.parametrize("text, verb", [("the investigator read out my iin", "read"),
                                        ("the officer beating the guy was a lieutenant", "beating")])
def test_an_everyday_english_word_after_a_rank_is_no_name(text, verb):
    assert verb in redact(text, "en"), redact(text, "en")


@pytest.mark.parametrize("text, date", [
    ("Начальство его уважало осенью в 18-го года, и его обвинили", "осенью в 18-го года"),
    ("Вышел я зимой 16 от сидел пять лет", "зимой 16"),
])
def test_a_season_and_whispers_two_digits_are_a_date(text, date):
    assert any(surface == date for _, surface in spans(text)), spans(text)


@pytest.mark.parametrize("text", ["летом 20 дней не было дождя", "зимой 30 градусов мороза"])
def test_a_count_after_a_season_is_no_year(text):
    assert not any(entity.startswith("DATE") for entity, _ in spans(text)), spans(text)


@pytest.mark.parametrize("text, address", [
    ("«Шаңырақ» шағын ауданы, 14-үй, 22-пәтерде тұрамын", "«Шаңырақ» шағын ауданы, 14-үй, 22-пәтерде"),
    ("ол кенесары кошеси 42 уй де турады", "кенесары кошеси 42 уй"),
    ("евразия дангылы 112 уйде отырдык", "евразия дангылы 112 уйде"),
    ("мен тұрамын абай көшесі 5 үй", "абай көшесі 5 үй"),
])
def test_a_kazakh_street_with_its_house_is_an_address_in_any_case(text, address):
    assert ("ADDRESS", address) in spans(text), spans(text)


def test_a_lower_case_plate_after_its_cue_is_found():
    assert ("PLATE", "417 вта 12") in spans("бир жолы номири 417 вта 12 камаз келди")


def test_an_everyday_kazakh_word_of_a_company_name_is_not_the_company():
    found = spans("бир жолы 2018 жылы келди. Қазақстан темір жолы компаниясында")
    assert ("ORGANIZATION", "Қазақстан темір жолы компаниясында") in found, found
    assert not any(surface == "жолы" for _, surface in found), found


@pytest.mark.parametrize("text", ["привёз товар через жибек жолы там", "нас держали у жибек жолы это переход"])
def test_a_road_named_by_its_namesake_needs_no_street_word(text):
    assert "жолы" not in redact(text, "ru"), redact(text, "ru")


def test_a_street_with_a_lower_case_road_word_and_its_house_is_one_address():
    redacted = redact("вызов на улицу Жибек жолы, 48. Мальчик", "ru")
    assert "жолы" not in redacted and "48" not in redacted, redacted


@pytest.mark.parametrize("text, place", [("орынборга бардым", "орынборга"), ("Самарқаннан келді", "Самарқаннан"),
                                         ("проводник из каракалпакии", "каракалпакии")])
def test_kazakh_spellings_of_cities_abroad_are_places(text, place):
    assert ("LOCATION", place) in spans(text), spans(text)


def test_years_with_a_suspended_sentence_are_a_term_not_an_age():
    found = spans("мне два года условно, а ему реально три года")
    # the kind goes with the term (nineteenth round: a kind left beside the band leaked the term wherever the
    # annotator took it in, and with the length it narrows a court record)
    assert ("DURATION", "два года условно") in found and not any(entity == "AGE" for entity, _ in found), found
    assert ("AGE", "два года") in spans("мне два года было тогда")


@pytest.mark.parametrize("text, name", [("погранцы поймали мені и жаңабергенді", "жаңабергенді"),
                                        ("а жаңабергенге реально три", "жаңабергенге")])
def test_a_kazakh_name_built_on_bergen_is_a_name(text, name):
    assert any(entity == "PERSON" and name in surface for entity, surface in spans(text)), spans(text)


def test_a_known_place_wins_over_a_guessed_name_that_cuts_it():
    found = spans("такси жургиземин сарыарка ауданында турамын")
    assert ("LOCATION", "сарыарка ауданында") in found, found


@pytest.mark.parametrize("text, fine", [("Дали штраф 30 МРП. Сейчас обжалуем", "30 МРП"),
                                        ("Оған 100 АЕК айыппұл салды", "100 АЕК")])
def test_a_fine_in_monthly_indices_is_a_sum_in_tenge(text, fine):
    assert ("MONEY", fine) in spans(text), spans(text)
    assert "[СУММА: сотни тысяч тенге]" in redact(text, "ru")


def test_a_bare_number_taken_as_a_bribe_is_a_sum_but_a_year_is_not():
    assert ("MONEY", "5000") in spans("с каждой фуры брал 5000. Моя машина")
    assert not any(entity == "MONEY" for entity, _ in spans("он взял 2015 год как пример"))


def test_an_age_said_before_its_person_and_verb_is_an_age():
    assert "[ВОЗРАСТ: 20–29]" in redact("Азамат Кенжебаев, лет 23 ему было.", "ru")


def test_a_rate_of_pay_with_no_currency_is_a_sum():
    assert ("MONEY", "сто двадцать") in spans("грузчиком к корейцу на склад за сто двадцать в месяц")


def test_a_count_of_people_said_the_approximate_way_is_no_term():
    found = spans("нас уволили всем цехом, человек 300, если не больше. Бригадира посадили, дали 6 лет.")
    assert not any(surface == "300" for _, surface in found), found


@pytest.mark.parametrize("text, surface", [("вызывали по ночам ок. 3 ч. ночи", "3 ч. ночи"),
                                           ("Каркаралинск, Sept 2023, R-KRG-25", "Sept 2023")])
def test_a_notes_hour_of_the_night_and_short_english_month_with_year(text, surface):
    assert any(found == surface for _, found in spans(text)), spans(text)


@pytest.mark.parametrize("text, term", [("derzhali sutki, bil menya operativnik", "sutki"),
                                        ("продержали неделю в ИВС", "неделю")])
def test_one_unit_of_time_held_is_a_term(text, term):
    language = "en" if text.isascii() else "ru"
    assert ("DURATION", term) in spans(text, language), spans(text, language)
    assert not any(entity == "DURATION" for entity, _ in spans("я там сидел год назад"))


def test_a_spoken_plate_ends_at_a_sentence_and_a_year_after_it_is_a_date():
    text = "Машинам газель, нөмірі семьсот пять бэ а ка ноль пять. 2023 жылы 15 қарашада Шамалғанның жанында"
    found = spans(text)
    assert ("PLATE", "семьсот пять бэ а ка ноль пять") in found, found
    assert any(entity.startswith("DATE") and surface.startswith("2023") for entity, surface in found), found


def test_a_list_of_years_is_years_not_one_number():
    found = spans("Үш рет сотталдым: 2009, 2013, 2018. Последний раз")
    assert not any(entity == "ID_NUMBER" for entity, _ in found), found


def test_two_hundred_and_ten_said_code_switching_stays_in_the_phone():
    text = "егер бірдеңе болса звоните маған: восемь, жеті жүз сорок семь, двести он, жетпіс, сорок четыре. паспорт"
    assert "двести" not in redact(text, "ru") and "жетпіс" not in redact(text, "ru"), redact(text, "ru")
    assert "он" in redact("у него двести он сказал", "ru").split()


@pytest.mark.parametrize("text, age", [("атам 2010 жылы кайтыс болды жетпис екиде. казир", "жетпис екиде"),
                                       ("ол кырык бесте еди", "кырык бесте")])
def test_a_kazakh_age_in_russian_letters(text, age):
    assert ("AGE", age) in spans(text), spans(text)


def test_a_bare_term_before_a_verb_of_sentencing_is_a_term():
    assert ("DURATION", "пять с половиной") in spans("Последний раз пять с половиной дали. Отбывал")
    assert not any(entity == "DURATION" for entity, _ in spans("пять человек дали показания"))


@pytest.mark.parametrize("text, pay", [("водителем работал, получал двести пятьдесят в месяц", "двести пятьдесят"),
                                       ("Оплата за квартиру 120 т./мес.", "120 т.")])
def test_a_monthly_pay_with_no_currency_is_a_sum(text, pay):
    found = spans(text)
    assert any(entity == "MONEY" and surface.startswith(pay.rstrip(".")) for entity, surface in found), found
    assert "СУММА" in redact(text, "ru")


@pytest.mark.parametrize("text, age", [("He's sixty eight now.", "sixty eight"), ("I'm 45 and tired.", "45")])
def test_an_english_age_after_a_contraction(text, age):
    assert ("AGE", age) in spans(text, "en"), spans(text, "en")


def test_a_body_with_its_number_before_its_place_is_one_organisation():
    found = spans("дело сейчас в районном суде номер 2 Алматинского района")
    assert ("ORGANIZATION", "районном суде номер 2 Алматинского района") in found, found


def test_a_day_whisper_cut_short_before_its_month_and_year_is_in_the_date():
    assert "треть" not in redact("это было треть июня 24, потом", "ru")


@pytest.mark.parametrize("text", ["мени куа ретинде шакырды", "биз озбекстаннан келетин машиналарды тексердик"])
def test_a_kazakh_word_shaped_like_an_in_surname_is_no_name(text):
    assert not any(entity == "PERSON" for entity, _ in spans(text)), spans(text)


@pytest.mark.parametrize("word", ["ахметовке", "ахметовпен"])
def test_an_ov_surname_with_a_kazakh_ending_is_still_a_name(word):
    assert ("PERSON", word) in spans(f"потом мы пошли к {word} домой"), spans(f"потом мы пошли к {word} домой")


def test_a_word_said_to_be_someones_name_by_degen_atpen_is_a_nickname():
    assert ("PERSON", "қара") in spans("әкем қара деген атпен бүкіл жаңаөзенге белгілі еді")


def test_a_muslim_name_in_din_is_no_kazakh_genitive():
    assert any(entity == "PERSON" and "имамдин" in surface
               for entity, surface in spans("оның күйеуі имамдин екі мың он тоғызыншы жылы қамалды"))


@pytest.mark.parametrize("text, age", [
    ("потерпевшая Айгүл Сапаргалиева, қырық бір жас, мошенник у неё", "қырық бір жас"),
    ("Володяға сейчас пятьдесят два, пенсии нет", "пятьдесят два"),
    ("аружанға тогда было всего девятнадцать. мы потом", "девятнадцать"),
    ("мейірбек деген отыз беске келмеген жігіт", "отыз беске"),
])
def test_ages_said_the_code_switched_way(text, age):
    assert ("AGE", age) in spans(text), spans(text)


def test_a_count_after_a_dative_name_is_no_age():
    assert not any(entity == "AGE" for entity, _ in spans("ауылға сейчас двадцать человек приехали"))


def test_a_colonys_letters_spelled_in_english_stay_with_its_code():
    text = "i was a doctor in the medical unit of ets one six six slash four near karaganda"
    assert "ets" not in redact(text, "en").split(), redact(text, "en")


@pytest.mark.parametrize("text, band", [("i was born here in eighty two and then", "the early 1980s"),
                                        ("back in ninety eight we lived there", "the late 1990s")])
def test_a_short_year_said_in_english_after_born_or_back_in(text, band):
    assert f"[DATE: {band}]" in redact(text, "en"), redact(text, "en")


def test_a_cars_number_after_s_nomerom_is_a_plate_whatever_its_letters_became():
    found = spans("Однажды мы остановили машину с номером 1542, ай-мас. На трассе")
    assert ("PLATE", "1542, ай-мас") in found, found
    assert ("PLATE", "777") in spans("у машины номер 777 был"), spans("у машины номер 777 был")
