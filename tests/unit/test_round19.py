"""Nineteenth round: quasi-identifiers in hard forms, and what whisper makes of numbers and names in speech. Taken:
an institution's kind with its quoted name or code («газете «Жайык Пресс»», «учреждении юк сто шестьдесят дробь
девять»), ordinals before schools and colonies, micro-districts by name and number, a settlement after «п.», a
checkpoint, a mausoleum, a Kazakh company before its form, a long number whisper wrote without its shape, a phone
after «плюс семься и месрот», a day with whisper's wrong ending, an approximate age, a hyphen-joined full name, an
-ева surname that is also an invented short adjective, the Kazakh respectful form in «-кен», the glued «поклички»
cue. Kept: years listed in a row are dates, not an account; a quoted common word («на посту «тариф»»); a count
after a colony's word; participles in «-кен» and «екен». (The term with its kind: test_round11, test_round12.)
Texts invented in the shapes seen on the tuning sets pii-field-dev21 and spoken-ru-dev10 to spoken-ru-dev14."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact
from tests.unit.redacted_words import assert_gone_and_kept, words_left


@pytest.mark.parametrize("text, gone, kept", [
    # a long number without a phone's shape
    ("я узнала номер, с которого ей писали 88837718 передала в полицию", ["88837718"], ["номер", "полицию"]),
    ("перевёл на счёт 4400 4302 и всё", ["4400", "4302"], ["счёт", "всё"]),
    # a given name and a surname joined by a hyphen
    ("Рядом торгуют эльчин-мамедов, мы с ним как братья.", ["эльчин-мамедов"], ["рядом", "братья"]),
    ("тогда позвонил мамедов-эльчин и сказал", ["мамедов-эльчин"], ["позвонил", "сказал"]),
    ("какой-нибудь северо-восток, вот-вот приедут", [], ["какой-нибудь", "северо-восток", "вот-вот"]),
    # a name that is also a word, after a kin word
    ("Его жена, султанат, каждый месяц писала мне письма", ["султанат"], ["жена", "писала"]),
    ("султанат распался в средние века", [], ["султанат", "распался"]),
    # a phone whose «семь семьсот» whisper made words of, in one group after it
    ("пусть звонят на нашу номер плюс семься и месрот 440-41580.", ["плюс", "семься", "месрот", "440-41580"],
     ["звонят", "номер"]),
    # an institution's kind with its quoted name or code, either order
    ("11 лет в газете «Жайык Пресс», в Уральске", ["газете", "жайык", "пресс"], ["в"]),
    ("водителем работал в санатории «Шипалы Су». Возил", ["санатории", "шипалы", "су"], ["водителем", "возил"]),
    ("«Ақжайық жаршысы» газетінде жұмыс істедім", ["ақжайық", "жаршысы", "газетінде"], ["жұмыс"]),
    ("сейчас он в учреждении юк сто шестьдесят дробь девять в кентау", ["учреждении", "юк", "шестьдесят"],
     ["сейчас"]),
    ("куйеуим казир ла жуз елу бес болшек он сегиз мекемесинде отыр", ["ла", "жуз", "болшек", "мекемесинде"],
     ["куйеуим", "отыр"]),
    ("Жил в Кульсары, в вахтовом лагере «Оркен». Смена", ["вахтовом", "лагере", "оркен"], ["жил", "смена"]),
    ("Таможня в Таскале, пост «Таскала — Озинки». С 2016-го", ["пост", "озинки"], ["таможня"]),
    # a school or hospital by its ordinal before it, Russian and Kazakh orders
    ("учился в четырнадцатой школе в две тысячи девятом", ["четырнадцатой", "школе"], ["учился"]),
    ("вожу её в первую городскую больницу по вторникам", ["первую", "городскую", "больницу"], ["вожу", "вторникам"]),
    ("Хромтаудағы №3 орта мектепте сабақ беремін", ["№3", "орта", "мектепте"], ["сабақ"]),
    ("Сот бес жыл берді, он екінші колонияда отырдым.", ["екінші", "колонияда"], ["сот", "отырдым"]),
    ("в первой половине дня, на первом этаже школы", [], ["первой", "половине", "первом", "этаже", "школы"]),
    # micro-districts by number or name
    ("живу в двадцать седьмом микрорайоне давно", ["двадцать", "седьмом", "микрорайоне"], ["живу", "давно"]),
    ("самал екі шағынауданында тұрамын", ["самал", "екі", "шағынауданында"], ["тұрамын"]),
    ("асқармен мы потом на тринадцатом микрорайоне встретились он говорит", ["тринадцатом", "микрорайоне"],
     ["встретились", "он", "говорит"]),
    ("живу в двенадцатом микрорайоне мне семьдесят два года", ["двенадцатом", "микрорайоне"], ["живу", "мне"]),
    # a settlement after its abbreviation, a checkpoint, a mausoleum, a town's fleeting vowel
    ("живёт п. Подстепное с женой", ["подстепное"], ["живёт", "женой"]),
    ("меня на посту Құрманғазы приняли", ["құрманғазы"], ["посту", "приняли"]),
    ("вокруг мавзолея Ходжи Ахмеда Ясави был рынок", ["мавзолея", "ходжи", "ясави"], ["вокруг", "был"]),
    ("қожа ахмет ясауи кесенесінің жанында", ["ясауи", "кесенесінің"], ["жанында"]),
    ("меня вызвали в отдел полиции жилгородка следователь", ["жилгородка"], ["вызвали", "следователь"]),
    ("русский парень из форта шевченко брал", ["форта", "шевченко"], ["русский", "парень", "брал"]),
    # a plant or a paper by its town's adjective
    ("я на донском гоке работал", ["донском", "гоке"], ["работал"]),
    ("работал в актюбинском вестнике с девяносто шестого", ["актюбинском", "вестнике"], ["работал"]),
    # a Kazakh company named before its form
    ("мердігер бурлинмұнайсервис жшс арқылы вахтамен барып", ["бурлинмұнайсервис", "жшс"], ["мердігер", "арқылы"]),
    ("кентау автобус парки жшс деген жерде", ["кентау", "автобус", "парки", "жшс"], ["деген", "жерде"]),
    ("Кейін базарды «Береке-Маңғыстау» ЖШС сатып алды.", ["береке-маңғыстау", "жшс"], ["кейін", "базарды", "сатып"]),
    ("біз жаңа жшс аштық", [], ["біз", "жаңа", "аштық"]),
    # a plate's letters are no misheard numbers; an approximate age; a day whisper gave the wrong ending
    ("на своей нексии номер пятьсот девять ка эн зэт семнадцать клиентка", ["пятьсот", "зэт", "семнадцать"],
     ["нексии", "клиентка"]),
    ("ему было лет сорок жена его", ["сорок"], ["было", "жена"]),
    ("допрашивали 12-я марта в отделе", ["12-я", "марта"], ["допрашивали"]),
    ("14 карашада кешки бестин жартысында банкке", ["кешки", "бестин", "жартысында"], ["банкке"]),
    # a surname whose letters are also a short adjective nobody says («калиевый»)
    ("взял тысячу долларов у калиева у ерболата калиева за то что", ["калиева", "ерболата"], ["взял", "за"]),
])
def test_taken_and_kept(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)


@pytest.mark.parametrize("text, gone, kept", [
    ('Nachalnik byl polkovnik Dzhumagaliev, ego vse zvali "Ded". Ded byl normalnyi', ["ded"], ["byl", "normalnyi"]),
    ("uchilsya v 12-i shkole, lezhal v 2-i gorodskoi", ["12-i", "shkole", "gorodskoi"], ["uchilsya", "lezhal"]),
    ("we went to the yasawi mausoleum in turkestan", ["yasawi", "mausoleum"], ["went", "the"]),
    ("ol JK-154/1 tergeu izolatorynda otyrdy", ["jk-154/1", "izolatorynda"], ["ol", "otyrdy"]),
    # a surname that is an English word, after a given name and patronymic; not a verb or a frame word
    ("my husband, viktor ivanovich fast, died the next year.", ["viktor", "ivanovich", "fast"], ["husband", "died"]),
    ("viktor ivanovich worked there", ["viktor", "ivanovich"], ["worked", "there"]),
    ("viktor ivanovich himself came", ["viktor", "ivanovich"], ["himself", "came"]),
])
def test_taken_and_kept_in_latin(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "en"), gone, kept)


def test_years_in_a_row_are_dates_not_an_account() -> None:
    text = "в 2014 2015 2016 годах работал там"
    found = [(f.entity, text[f.start:f.end]) for f in analyse(text, "ru")]
    assert ("ID_NUMBER", "2014 2015 2016") not in found, found
    assert all(entity != "ID_NUMBER" for entity, _ in found), found
    assert not {"2014", "2015", "2016"} & set(words_left(redact(text, "ru")))


@pytest.mark.parametrize("text, gone, kept", [
    # «по кличке» glued by whisper is still the cue, and no name itself
    ("был смотрящий поклички батя лет шестидесяти, батя решал больше", ["батя"], ["поклички", "смотрящий", "решал"]),
    ("Мой напарник, поклички сухарь, остался жив", ["сухарь"], ["поклички", "напарник", "остался"]),
    # a quoted word is no place's name
    ("через Кордай на посту «тариф» брали с машины", [], ["посту", "тариф", "брали"]),
    ("работаю администратором в отеле «яссы сарай» паломники", ["отеле", "яссы", "сарай"], ["администратором"]),
    # a number after a colony's word that counts people is no code
    ("колонияда он бес адам бир камерада", [], ["колонияда", "он", "бес", "адам"]),
    # the Kazakh respectful form in «-кен» (not a participle, not the copula «екен»)
    ("дәукен айтты, дәукеннің үйіне бардық", ["дәукен", "дәукеннің"], ["айтты", "үйіне"]),
    ("жумекен деп атайтын, мейкен келді", ["жумекен", "мейкен"], ["деп", "келді"]),
    ("ол кеткен екен, біз сөйлескен едік, ол жеткен соң", [], ["кеткен", "екен", "сөйлескен", "жеткен"]),
])
def test_whisper_cues_and_quotedwords_left(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "ru"), gone, kept)
