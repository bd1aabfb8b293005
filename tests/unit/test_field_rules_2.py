"""The second round of field-style rules (issue 17): nicknames from the common stock, streets named after
people, named markets, coded units and companies, quantities said again without their unit, the Kazakh ten,
settlements from the long list and the case forms of listed names. Each case says what must go and what must
stay, and each rule has a case where the same word is left alone."""

from __future__ import annotations

from importlib import resources

import pytest

from fieldkit.anonymise.gazetteer import Gazetteer, Settlement, gazetteer, parse_settlements
from fieldkit.anonymise.pseudonyms import redact


def _redact(text: str) -> str:
    return redact(text, "en" if text.isascii() else "ru")


@pytest.mark.parametrize("text, gone, kept", [
    ("нормальный был только кабан здоровый такой как шкаф", ("кабан",), ("нормальный был только",)),
    ("наркоту там брали у кучерявого он всех снабжал", ("кучерявого",), ("наркоту там брали у",)),
    ("сдал его малой я уверен", ("малой",), ("сдал его",)),
    ("мы с қасқырмен бір камерада отырдық", ("қасқырмен",), ("бір камерада",)),
    ("verblyud prosit sotku za odin raz", ("verblyud",), ("prosit",)),
])
def test_a_nickname_from_the_common_stock_goes_where_a_person_stands(text, gone, kept):
    redacted = _redact(text)
    for word in gone:
        assert word not in redacted, redacted
    for words in kept:
        assert words in redacted, redacted


@pytest.mark.parametrize("text, kept", [
    ("я сам как сова по ночам не сплю", "как сова"),  # a comparison
    ("я ещё малой был когда отец сел", "малой"),  # said of the speaker
    ("какой-то лысый мужик подошёл", "лысый мужик"),  # describes a noun
    ("в лесу живёт дикий кабан", "дикий кабан"),  # the animal
    ("маған түнде қоңырау шалды", "шалды"),  # a verb that starts like a stock word
])
def test_the_same_words_used_as_words_stay(text, kept):
    assert kept in _redact(text)


@pytest.mark.parametrize("text, gone, kept", [
    ("он вышел из мечети на аль-фараби и сел в машину", "аль-фараби", "из мечети на"),
    ("квартиру снимали на райымбека угол абая", "райымбека", "квартиру снимали на"),
    ("ол абай көшесінде тұрады", "абай", "тұрады"),  # the street word in the possessive goes with its name
    ("na al-farabi vstretilis", "al-farabi", "vstretilis"),
])
def test_a_street_named_after_someone_goes_next_to_a_street_word(text, gone, kept):
    redacted = _redact(text)
    assert gone not in redacted and kept in redacted, redacted


def test_a_namesake_with_no_street_word_is_left_to_the_name_rules():
    # «желтоксан» is December: without «на»/«улица» nearby it is a month, not a street
    assert "желтоксанда" in _redact("биыл желтоксанда қар көп түсті")


@pytest.mark.parametrize("text, gone, kept", [
    ("он держал две точки на зеленом базаре", "зеленом базаре", "две точки на"),
    ("до сих пор торгует на барахолке носками", "барахолке", "торгует на"),
    ("menya vzyali vozle kolkhoznogo rynka", "kolkhoznogo", "menya vzyali vozle"),
    ("we used to meet at the green bazaar", "green bazaar", "we used to meet at the"),
    ("сайрам базарында сатады", "сайрам", "сатады"),
])
def test_a_named_market_goes(text, gone, kept):
    redacted = _redact(text)
    assert gone not in redacted and kept in redacted, redacted


@pytest.mark.parametrize("text", ["пошли на рынок купить хлеба", "на этом рынке все свои",
                                  "ол кезде ол базарда арба сүйреп жүретін"])
def test_a_market_with_no_name_stays(text):
    assert _redact(text) == text


@pytest.mark.parametrize("text, gone, kept", [
    ("служили в войсковой части пять пять один семь", "пять пять один семь", "служили в"),
    ("начальник смены в колонии эс ка сто шестьдесят два дробь девять", "шестьдесят", "начальник смены в"),
    ("контора тоо алтын несие на окраине", "несие", "контора"),
    ("работал в ТОО «Береке Транс» водителем", "Береке", "водителем"),
])
def test_a_unit_with_its_code_and_a_company_with_its_form_go(text, gone, kept):
    redacted = _redact(text)
    assert gone not in redacted and kept in redacted, redacted


def test_a_colony_without_a_code_stays():
    assert "в колонии" in _redact("он сидел в колонии и там заболел")


@pytest.mark.parametrize("text, gone, replacement", [
    ("прокурор просил девять лет а дали шесть", "шесть", "[СРОК: 5–9 лет]"),
    ("мне тридцать семь сейчас а тогда было девятнадцать", "девятнадцать", "[ВОЗРАСТ: 10–19]"),
    ("выписали на сто восемьдесят пять тысяч а потом сверху пятьдесят", "пятьдесят", "[СУММА]"),
    ("they gave me seven but i served four and a half", "four and a half", "[DURATION: 1–4 years]"),
    ("бастығымыз болды он жыл в органах", "он жыл", "[СРОК: 10–19 лет]"),
    ("ол кезде маған он жеті жас еді", "он жеті", "[ВОЗРАСТ: 10–19]"),
])
def test_a_quantity_said_again_without_its_unit_takes_the_kind_beside_it(text, gone, replacement):
    redacted = _redact(text)
    assert gone not in redacted and replacement in redacted, redacted


@pytest.mark.parametrize("text", ["в камере нас было человек пятнадцать", "их было пять человек а нас трое",
                                  "она одна троих детей тянула после того как дали пять лет"])
def test_counts_of_people_and_the_pronoun_one_stay(text):
    redacted = _redact(text)
    for word in ("пятнадцать", "трое", "одна"):
        if word in text:
            assert word in redacted, redacted


def test_a_settlement_from_the_long_list_is_found_in_its_case_forms_and_glued():
    places = Gazetteer({"region": [{"id": "almaty", "macro": "south", "en": "Almaty Region", "ru": "Алматинская "
                                    "область", "names": []}], "place": []},
                       (Settlement("almaty", "village", ("Бақанас", "Баканас", "Bakanas")),
                        Settlement("almaty", "village", ("Заречный",))))
    for text in ("мы сидели в баканасе два года", "вбаканас повезли", "бақанаста тұрдық", "iz bakanasa priehal"):
        assert [place for _, _, place in places.find(text)] == ["settlement:1"], text
    # «заречный» is also an adjective: a name that is an ordinary word is not listed
    assert places.find("на заречный берег") == []


def test_every_bundled_settlement_has_a_known_region_and_kind():
    data = resources.files("fieldkit.anonymise") / "data"
    settlements = [settlement for name in ("kz_settlements.tsv", "kz_settlements_more.tsv")
                   for settlement in parse_settlements((data / name).read_text(encoding="utf-8"))]
    assert len(settlements) >= 1300
    # the settlements of Kazakhstan (and, in the second file, towns abroad), then foreign_places.txt's cities,
    # each a place of its own
    foreign = [line for line in (data / "foreign_places.txt").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    assert len(foreign) >= 50
    assert sum(place.startswith("settlement:") for place in gazetteer().places) == len(settlements) + len(foreign)
    assert any(settlement.ambiguous for settlement in settlements)  # a line ending in «?»


@pytest.mark.parametrize("text, gone", [
    ("я прямо сказал гене что не буду", "гене"),
    ("в общем я от лешки получал инструкции", "лешки"),
])
def test_case_forms_of_listed_short_names_go(text, gone):
    assert gone not in _redact(text)


def test_a_case_form_is_never_guessed_from_a_longer_word():
    # «маши» is a form of Маша; «машина» must not be read as Маша with a Kazakh ending
    assert "машина" in _redact("у него была машина чёрная")


@pytest.mark.parametrize("text, gone, kept", [
    ("он жил в шуйского района у тётки", "шуйского", "у тётки"),
    ("шиелі ауданынан келді", "шиелі", "келді"),
    ("ол батыс екі ықшамауданында тұрады", "батыс", "тұрады"),
    ("ол қызылсай ауылында тұрады", "қызылсай", "ауылында тұрады"),
    ("в посёлке заречный жили", "заречный", "в посёлке"),
    ("Medeu district court sentenced him", "Medeu", "sentenced him"),
])
def test_a_place_named_with_its_designator_goes_listed_or_not(text, gone, kept):
    redacted = _redact(text)
    assert gone not in redacted and kept in redacted, redacted


@pytest.mark.parametrize("text", ["біздің ауданда ешкім жоқ", "в соседнем районе тихо", "жастар қалаға кетеді",
                                  "сразу после реформы", "в деревне было тихо"])
def test_a_designator_without_a_name_stays(text):
    assert _redact(text) == text


@pytest.mark.parametrize("text, gone", [
    ("его держали в алатауском рупе", "алатауском"),
    ("судили в павлодарском городском суде", "павлодарском"),
    ("из абайского ровд приехали", "абайского"),
])
def test_a_body_named_by_its_district_goes(text, gone):
    assert gone not in _redact(text)


def test_a_generic_body_stays():
    assert _redact("в городском суде было душно") == "в городском суде было душно"


@pytest.mark.parametrize("text, gone, replacement", [
    ("ему дали пятёрку общего", "пятёрку", "[СРОК: 5–9 лет]"),
    ("emu dali desyatku a potom pyatnashku", "pyatnashku", "[DURATION: 10–19 years]"),
    ("ержігіт жиырма тоғызда қайтыс болды", "тоғызда", "[ВОЗРАСТ: 20–29]"),
    ("әкем жетпістен асқан", "жетпістен", "[ВОЗРАСТ: 70–79]"),
    ("это мой сын ему сейчас двадцать один", "двадцать", "[ВОЗРАСТ: 20–29]"),
    ("в девяностые все так жили", "девяностые", "[ДАТА: 1990-е]"),
    ("это было летом девятнадцатого", "летом", "[ДАТА: конец 2010-х]"),
])
def test_terms_ages_and_dates_in_field_forms_are_generalised(text, gone, replacement):
    redacted = _redact(text)
    assert gone not in redacted and replacement in redacted, redacted


@pytest.mark.parametrize("text", ["в руках была пятёрка", "онда ешкім жоқ",
                                  "по сто девяносто первой статье дали пять лет", "жылына екі рет баратын"])
def test_the_same_numbers_in_other_uses_stay(text):
    redacted = _redact(text)
    for word in ("пятёрка", "онда", "девяносто", "екі"):
        if word in text:
            assert word in redacted, redacted


def test_a_kazakh_locative_after_the_hour_word_is_a_time_not_an_age():
    assert _redact("сағат жиырма бірде келді") == "[ВРЕМЯ] келді"


@pytest.mark.parametrize("text, gone", [
    ("жаз, асель точка кенжебаева собака мейл ру, только", "мейл"),
    ("she wrote to me at t dot nurlanova at yandex dot kz that", "nurlanova"),
])
def test_spelled_addresses_with_a_bare_host_or_after_me_at_go(text, gone):
    redacted = _redact(text)
    assert gone not in redacted and "[EMAIL-1]" in redacted, redacted


def test_the_preposition_at_before_an_address_stays():
    assert _redact("she wrote to me at t dot nurlanova at yandex dot kz").startswith("she wrote to me at [EMAIL-1]")


@pytest.mark.parametrize("text, gone", [
    ("шмидт валентина ивановна была судьёй", "шмидт"),
    ("эдик циммерман привёз", "циммерман"),
    ("пак слава и хегай роман", "хегай"),
    ("Респ. Ли Марина, 36 лет", "Ли"),
])
def test_a_surname_of_any_origin_beside_a_given_name_goes(text, gone):
    assert gone not in _redact(text).split()


@pytest.mark.parametrize("text, gone, kept", [
    ("товар шёл из урумчи через хоргос", "урумчи", "товар шёл из"),
    ("продержали часов пять потом отпустили", "пять", "продержали"),
    ("ему под пятьдесят было", "под", "было"),
    ("в девяносто пятом хотела в германию уехать", "девяносто", "хотела в германию уехать"),
    ("переехали в девяносто восьмом отец тогда работал", "восьмом", "отец тогда работал"),
    ("voditelem 8 let, s 2008 po 2016, vozil", "2016", "vozil"),
    ("Aizhanmen soilestim, Beknurdyn uii", "Beknurdyn", "soilestim"),
])
def test_more_field_forms_go(text, gone, kept):
    redacted = _redact(text)
    assert gone not in redacted.split() and kept in redacted, redacted


@pytest.mark.parametrize("text", ["в девяносто восьмом доме жил", "в пятом классе учился", "лет десять назад это было"])
def test_an_ordinal_of_something_else_and_a_time_ago_stay(text):
    assert _redact(text) == text


def test_a_name_that_loses_an_overlap_keeps_the_words_nobody_else_took():
    from fieldkit.anonymise.engine import _uncovered_words
    from fieldkit.anonymise.findings import Finding

    text = "сказал қайрат жиырмасыншы жылдан"
    date = Finding("DATE_WORDS", 13, 32, 0.85, text[13:32])
    assert _uncovered_words(text, 7, 25, [date]) == (7, 13)  # «қайрат» is left to the name
    assert _uncovered_words(text, 13, 25, [date]) is None  # nothing is left when the date covers it all


def test_what_is_left_of_a_name_span_must_still_look_like_a_name():
    from fieldkit.anonymise.names import looks_like_a_name

    assert looks_like_a_name("қайрат") and looks_like_a_name("Ахметову")
    assert not looks_like_a_name("его") and not looks_like_a_name("за")


@pytest.mark.parametrize("text, gone", [
    ("нұрікті көрдім", "нұрікті"),  # listed as Нурик, said in Kazakh letters
    ("вольдемар ридель приехал", "ридель"),  # a surname no dictionary knows after a given name
    ("ол ец жүз алпыс алты бөлшек он сегіз мекемесіне ауыстырылды", "алпыс"),  # code before the body, Kazakh order
    ("«Ақбөкен Логистик» ЖШС-да жұмыс істедім", "Ақбөкен"),  # the company form after its name
    ("желтоқсанның он алтысы болды", "желтоқсанның"),
    ("бесінші қазанда ұстады", "қазанда"),
])
def test_kazakh_orders_and_spellings_go(text, gone):
    assert gone not in _redact(text)


@pytest.mark.parametrize("text, kept", [
    ("ерлан келди бізге", "келди"),  # a Kazakh verb in Russian letters is no surname
    ("ол әлі келген жоқ", "әлі"),  # «still», not the name Али
    ("ол мекемеге барды", "мекемеге"),  # a body's word with no code
])
def test_kazakh_words_next_to_the_rules_stay(text, kept):
    assert kept in _redact(text)


@pytest.mark.parametrize("text, gone, kept", [
    ("следователь шевчук вызвала", "шевчук", "следователь"),
    ("майор келлер сказал", "келлер", "майор"),
])
def test_a_rank_in_lower_case_takes_a_word_that_looks_like_a_surname(text, gone, kept):
    redacted = _redact(text)
    assert gone not in redacted and kept in redacted, redacted


@pytest.mark.parametrize("text", ["полиция капитаны маған ештеңе түсіндірмеді", "участковый келді, спрашивает",
                                  "ерлан ушин бардым"])
def test_a_rank_or_a_name_followed_by_an_everyday_kazakh_word_keeps_that_word(text):
    redacted = _redact(text)
    for word in ("маған", "келді", "ушин"):
        if word in text:
            assert word in redacted, redacted


@pytest.mark.parametrize("text", [
    "купили собаку вчера", "в деревне, бабушка", "В селе люди", "Мен ауданға бардым", "на юго-восток страны",
    "по-русски опять", "В киоске упаковку", "в детском упал", "there too long ago", 'He said "hello" too',
    "ЧП страшное", "When police arrived", "Unit two was there", "до независимости", "По конституции", "до победы",
    "на наурыз", "Мен базарға бардым", "базарда кездестік", "stock market crashed", "Ол маған қарады",
    "curly hair and ginger tea", "у меня кот", "Он доллары копил", "он ай как закричал", "ни на толику",
    "с нулевым балансом",
])
def test_ordinary_words_the_new_rules_once_took_stay(text):
    # found by reading the rules' code against ordinary Russian, Kazakh and English (review of issue 17's round 2)
    assert _redact(text) == text


def test_a_village_named_like_a_person_is_a_person_not_a_kept_place():
    # under location "keep" a settlement name would be left in the text; «Темирлан» is a man here
    assert "Темирлан" not in redact("Мой брат Темирлан сказал.", "ru", "keep")


def test_a_spelled_address_is_found_whatever_at_came_before_it():
    text = ("we met at the station and then he told me that his cousin was arrested and that the police took "
            "everything from the flat and that nobody knew where he was for days and his address is nurlan dot "
            "akhmetov at yandex dot kz")
    redacted = _redact(text)
    assert "akhmetov" not in redacted and redacted.endswith("[EMAIL-1]"), redacted


def test_an_age_in_years_is_an_age_not_a_term():
    assert _redact("Мне было 23 года") == "Мне было [ВОЗРАСТ: 20–29]"


@pytest.mark.parametrize("text, gone, kept", [
    ("жил на толе би сто восемьдесят шесть квартира двенадцать с матерью", "восемьдесят", "с матерью"),
    ("ол абай көшесі отыз жетінші үй он төртінші пәтерде тұрады", "төртінші", "тұрады"),
    ("she lived at twenty four abay street apartment nine with him", "twenty", "with him"),
    ("tri goda v kolonii AK-159/21 sidel", "AK-159", "sidel"),
    ("ego sudili v Almaly audandyk sotynda", "Almaly", "ego sudili"),
    ("the yesil district court sent him", "yesil", "sent him"),
    ("судили в медеуского районного суда", "медеуского", "судили в"),
    ("у цоя брали", "цоя", "брали"),
    ("я с лёхой кривым ездил", "кривым", "ездил"),
])
def test_addresses_bodies_and_people_in_the_third_round_go(text, gone, kept):
    redacted = _redact(text)
    assert gone not in redacted and kept in redacted, redacted


@pytest.mark.parametrize("text, replacement", [
    ("одна закладка у них стоила пятёрку", "[СУММА]"),  # slang: no size is claimed for it
    ("оптом брали по три с половиной за грамм", "[СУММА]"),
    ("сыну семь дочке три годика", "[ВОЗРАСТ: 0–9]"),
    ("дядьке моему под шестьдесят его взяли", "[ВОЗРАСТ: 60–69]"),
    ("otdal pol lyama za mashinu", "[SUM: hundreds of thousands]"),
    ("ждали двадцать минут", "[СРОК: меньше месяца]"),
])
def test_prices_ages_and_minutes_said_the_field_way(text, replacement):
    assert replacement in _redact(text)


@pytest.mark.parametrize("text", ["по два за раз ходили", "дай мне штуку эту", "он вышел из суда и судили его потом"])
def test_the_same_words_without_a_price_or_a_body_stay(text):
    redacted = _redact(text)
    for word in ("два", "штуку", "судили"):
        if word in text:
            assert word in redacted, redacted


@pytest.mark.parametrize("text, gone, kept", [
    ("в двадцать третьем жылы ұстады", "двадцать", "ұстады"),
    ("12 марттан 20 мартқа дейін", "мартқа", "дейін"),
    ("полгода сидел", "полгода", "сидел"),
    ("back in the nineties", "nineties", "back in the"),
    ("on the twelfth of may twenty twenty he left", "twelfth", "he left"),
    ("у пака брали", "пака", "брали"),
    ("пак слава кореец", "слава", "кореец"),
])
def test_dates_terms_and_korean_surnames_of_the_third_round_go(text, gone, kept):
    redacted = _redact(text)
    assert gone not in redacted.split() and kept in redacted, redacted


@pytest.mark.parametrize("text", ["в пакете было", "слава богу", "first of all he said"])
def test_words_beside_those_rules_stay(text):
    assert _redact(text) == text


@pytest.mark.parametrize("text, gone, kept", [
    ("Nurjan zvonil vchera", "Nurjan", "zvonil"),  # the listed Nurzhan / Нұржан in another transliteration
    ("Wamil bil tam", "Wamil", "bil tam"),  # Шамиль with «w» for «ш»
    ("судья нургалиева в павлодарском городском суде дала ему шесть лет", "павлодарском", "[СРОК: 5–9 лет]"),
    ("он был замом в акимате байзакского района", "байзакского", "он был замом в"),
    ("сидит пак ему пятнашку дали", "пятнашку", "дали"),
])
def test_the_last_round_of_field_forms_goes(text, gone, kept):
    redacted = _redact(text)
    assert gone not in redacted and kept in redacted, redacted


@pytest.mark.parametrize("text", ["we went to the market and then home", "i will tell you about my work there",
                                  "he was very scared", "мне было шесть лет"])
def test_english_words_and_an_age_stay_what_they_are(text):
    redacted = _redact(text)
    assert redacted == text or "[ВОЗРАСТ: 0–9]" in redacted, redacted


@pytest.mark.parametrize("text, gone", [
    ("my zhili v Chimkente", "Chimkente"),  # Шымкент in another transliteration, with a Russian ending
    ("iz Shimkenta priehal", "Shimkenta"),
    ("Qostanaida boldym", "Qostanaida"),  # with a Kazakh one
])
def test_a_place_in_any_latin_transliteration_goes(text, gone):
    assert gone not in _redact(text)


def test_english_words_are_not_read_as_transliterated_places():
    assert _redact("we went to the house there and the market was closed") == (
        "we went to the house there and the market was closed")
