"""Dates written out in words, as speech recognition writes them (issue 17): «двенадцатого марта две тысячи
девятнадцатого года», «в две тысячи шестнадцатом году», «в девяносто восьмом году», «екі мың он тоғызыншы
жылы». The rules for dates in digits and month names do not see them; this recognizer reports them as DATE."""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise.morphology import plain
from fieldkit.anonymise.number_words import KAZAKH_CARDINAL, KAZAKH_TENS, KAZAKH_UNITS
from fieldkit.anonymise.script_gate import finditer

#: Russian ordinal stems and their values: «пят-ого» 5, «девяност-ом» 90
_ORDINAL_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четвёрт": 4, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13, "четырнадцат": 14,
    "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20,
    "тридцат": 30, "сороков": 40, "пятидесят": 50, "шестидесят": 60, "семидесят": 70, "восьмидесят": 80,
    "девяност": 90,
}
_DAY_ORDINALS = tuple(stem for stem, value in _ORDINAL_STEMS.items() if value <= 30)
_ORDINAL_ENDING = r"(?:ого|ое|ье|ьего|его|ый|ий|ой|ом|ем|ым|ому|ему)"  # «к первому июня», «к двадцатому году»
_DAY = rf"(?:(?:двадцать|тридцать)\s+)?(?:{'|'.join(_DAY_ORDINALS)})\w*{_ORDINAL_ENDING}"
_MONTHS_RU = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
#: the Kazakh months
KAZAKH_MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
                 "қараша", "желтоқсан")
#: (with September's voiced stem before a vowel ending: «қыркүйегінде»)
#: (not a name made from a month: «Наурызбай», «Наурызбек», a district of Almaty among them)
_NOT_A_MONTHS_NAME = r"(?!бай|бек|гүл|гул|хан|жан)"
_MONTHS_KK = "(?:" + "|".join((*KAZAKH_MONTHS, "қыркүйег")) + r")" + _NOT_A_MONTHS_NAME + r"\w*"
#: (and in Russian letters, as whisper and keyboards write them: «сауирдин», «кыркуйекте»)
#: the Kazakh months as written, in Russian letters, and with whisper's voiced «қ» («желтогсан»)
_KAZAKH_MONTH_SPELLINGS = frozenset({*KAZAKH_MONTHS, *(plain(month) for month in KAZAKH_MONTHS),
                                     *(plain(month.replace("қ", "ғ")) for month in KAZAKH_MONTHS)})
_MONTHS_KK_ANY = ("(?:" + "|".join(sorted(_KAZAKH_MONTH_SPELLINGS | {"қыркүйег", plain("қыркүйег")},
                                          key=len, reverse=True)) + r")" + _NOT_A_MONTHS_NAME + r"\w*")
#: a Kazakh number's last word in the locative of its possessive, a day of the month: «бірінде», «жиырма бесінде»
_KK_DAY_IN_MONTH = (rf"(?:(?:{'|'.join(KAZAKH_TENS)})\s+)?(?:{'|'.join((*KAZAKH_UNITS, *KAZAKH_TENS))})"
                    r"(?:сы|сі|си|ы|і|и)?(?:нда|нде)")
#: the day after its month: «(желтоқсан айының) бесінде», «(шілдесінің) он сегізі», «(мамырдың) жиырмасынан»
_KK_DAY_OF_MONTH = (rf"(?:(?:{'|'.join(KAZAKH_TENS)})\s+)?(?:{'|'.join((*KAZAKH_UNITS, *KAZAKH_TENS))})"
                    r"(?:сы|сі|си|ы|і|и)(?:нда|нде|нан|нен|на|не)?")
#: what narrows a year said just before it, and goes with it (the engine joins them): a Kazakh month with where in
#: it («2021 жылы қазанда», «жылы шилденин ортасында», «жылы сауирдин биринде»), a Russian month after «в»
#: («двадцать второго жылы в январе», «в 2019 году, в конце марта») or a season («жылдың жазында», «году летом»)
MONTH_AFTER_YEAR = re.compile(
    r",?\s+(?:(?:" + "|".join(sorted(_KAZAKH_MONTH_SPELLINGS, key=len, reverse=True))
    + r")" + _NOT_A_MONTHS_NAME
    + r"(?:\w{0,5})(?:\s+(?:ортасында|басында|аяғында|аягында|соңында|сонында|" + _KK_DAY_IN_MONTH + r"))?"
    r"|в\s+(?:(?:начале|конце|середине)\s+)?(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|"
    r"ноябр|декабр)[а-я]{0,2}"
    # a Russian month in a Kazakh case: «2021 жылдың мартында»
    r"|(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[ьы]?(?:ында|інде|инде|да|де|та|те)"
    r"|летом|зимой|весной|осенью|жаз(?:ында|да)|[қк]ыс(?:ында|та)|к[өо]ктем(?:інде|инде|де)|к[үу]з(?:інде|инде|де)"
    # a Russian month in the nominative with the Kazakh «айында»: «2022-жылы январь айында»; and the end or start of
    # the year itself: «2024 жылдың соңында»
    r"|(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[ья]?\s+ай(?:ында|ы)"
    r"|соңында|сонында|басында|ортасында|аяғында|аягында)"
    r"(?!\w)", re.IGNORECASE)
#: a year in words: «две тысячи девятнадцатого», «тысяча девятьсот девяносто восьмом», «девяносто восьмом»
_YEAR_RU = (r"(?:(?:две\s+тысячи|двухтысячн\w+|тысяча\s+девятьсот)(?:\s+[а-яё]+){0,2}?\s+[а-яё]+"
            rf"{_ORDINAL_ENDING}|(?:восемьдесят|девяносто)\s+[а-яё]+{_ORDINAL_ENDING}|двухтысячн\w+)")
#: what makes two digits after a season a count rather than its year: «летом 20 дней», «зимой 30 градусов»
_NOT_A_YEAR_AFTER = (r"лет|год\w*|раз\w*|человек|людей|минут\w*|час\w*|тысяч\w*|км|градус\w*|дней|день|дня|недел\w*|"
                     r"месяц\w*|мес|штук\w*|процент\w*|%|кг|тонн\w*|метр\w*|литр\w*|голов\w*|сут\w*|шт")
#: «в двадцать третьем жылы», «с две тысячи первого жылдан»: code-switched
_YEAR_WORD_RU = r"(?:года|году|год|годах|годы|г\.|жылы|жылғы|жылдың|жылдан|жылға|жылга|жылдын|жылгы)"
_YEAR_KK = (r"(?:(?:(?:екі|еки)\s+(?:мың|мын)|(?:(?:бір|бир)\s+)?(?:мың|мын)\s+(?:тоғыз|тогыз)\s+(?:жүз|жуз)"
            # (the «екі» may have gone into a number said just before: «… он үш нөл сегіз екі мың жиырма бірінші»)
            r"|(?:мың|мын)(?=\s+(?:он|жиырма|жыйырма)\s))(?:\s+[а-яәғқңөұүһі]+){0,2}?"
            r"\s+[а-яәғқңөұүһі]+(?:ыншы|інші|ншы|нші|инши|ынши|нши))")  # and in Russian letters: «еки мын ... екинши»
_EN_NUMBER = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
              r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)")
_MONTHS_EN = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
              r"december)")
_MONTHS_RU_ANY = (r"(?:январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
                  r"[а-яәғқңөұүһі]{0,4}")  # with a Russian or a Kazakh ending: «марта», «марттан», «мартқа»
_TENS_RU = r"(?:двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто)"
_TENS_ORDINAL_RU = rf"(?:{'|'.join(stem for stem, value in _ORDINAL_STEMS.items() if value >= 20)})\w*"
#: ordinals from the tenth on: «третий год подряд» is a count of years, «шестнадцатый год» a year
_TEEN_STEMS = "|".join(stem for stem, value in _ORDINAL_STEMS.items() if 10 <= value <= 30)
_TEEN_ORDINAL = rf"(?:{_TEEN_STEMS})\w*{_ORDINAL_ENDING}"
#: a year said short: «девяносто восьмом», «двадцать первом», «шестнадцатый», «девяностом»
_SHORT_YEAR_RU = rf"(?:{_TENS_RU}\s+{_DAY}|{_TEEN_ORDINAL}|{_TENS_ORDINAL_RU}{_ORDINAL_ENDING})"
_KK_ORDINAL = r"[а-яәғқңөұүһі]+(?:ыншы|інші|ншы|нші|сыншы|сінші|инши|ынши|нши)\w*"
_KK_NUMBER = f"(?:{'|'.join((*KAZAKH_UNITS, *KAZAKH_TENS, 'мың', 'жүз'))})"
_YEAR_WORD_KK = r"(?:жыл\w*|году|года)"
_KK_MILLENNIUM = r"(?:(?:екі|еки)\s+(?:мың|мын)|(?:(?:бір|бир)\s+)?(?:мың|мын)\s+(?:тоғыз|тогыз)\s+(?:жүз|жуз))"
#: the last number of a year with a case ending: «алтыдан», «жиырмаға», «бесте», «тоқсан сегізде»
_KK_NUMBER_IN_CASE = (rf"(?:{'|'.join((*KAZAKH_UNITS, *KAZAKH_TENS))})"
                      r"(?:дан|ден|тан|тен|нан|нен|ға|ге|қа|ке|га|ка|да|де|та|те|ғы|гі|гы|ги|дағы|дегі|дагы|деги)")
_YEAR_DIGITS = r"(?:19[5-9]\d|20[0-3]\d)"
_MONTHS_KK_LATIN = (r"(?:[qk]antar|a[qk]pan|nauryz|sau[iy]r|mamyr|mausym|shilde|tamyz|[qk]yr[kq]u[iy]e[kq]|[qk]azan|"
                    r"[qk]arasha|zhelto[qk]san)\w*")
_PATTERNS = [
    # the day of the month without the month: «10-го числа», «пятого числа», "10-go chisla" (which day a payment
    # fell due is what a record of it keeps)
    re.compile(rf"(?<!\w)(?P<id>(?:(?:[12]?\d|3[01])(?:-?(?:го|ого|е|ое|go|ogo))?|{_DAY})\s+(?:числа|chisla))(?!\w)",
               re.IGNORECASE),
    # a month with its day or its year (a month alone, «в начале марта», pins down little)
    # (the year may be in digits, as whisper writes it after a day in words: «седьмого марта 2022 года»)
    re.compile(rf"(?<!\w)(?P<id>{_DAY}\s+{_MONTHS_RU}(?:\s+(?:{_YEAR_RU}|{_SHORT_YEAR_RU}|{_YEAR_DIGITS}"
               rf"|\d\d(?:-?(?:го|й|м)(?!\w))?(?=\s+{_YEAR_WORD_RU}|-))(?:\s+{_YEAR_WORD_RU})?)?)(?!\w)",
               re.IGNORECASE),
    # a day whisper cut short before its month and year: «треть июня 24» for «третьего июня двадцать четвёртого»
    re.compile(rf"(?<!\w)(?P<id>(?:{'|'.join(_DAY_ORDINALS)})[а-яё]{{0,3}}\s+{_MONTHS_RU}\s+(?:{_YEAR_DIGITS}|\d\d"
               rf"(?:-?(?:го|й|м))?|{_YEAR_RU}|{_SHORT_YEAR_RU})(?:\s+{_YEAR_WORD_RU})?)(?!\w)", re.IGNORECASE),
    # a day in digits with the ending whisper misheard («-го» as «-я»): «допрашивали 12-я марта», «12 я марта 23»
    re.compile(rf"(?<![\w-])(?P<id>(?:[12]?\d|3[01])(?:-(?:я|е|ое|ая|ья|ого)|\s+я)\s+{_MONTHS_RU}"
               rf"(?:\s+(?:{_YEAR_DIGITS}|\d\d(?:-?(?:го|й|м))?)(?:\s+{_YEAR_WORD_RU})?)?)(?!\w)", re.IGNORECASE),
    # the tens said and the unit written: «в двадцать 1 году», «с двадцать 2-го года»
    re.compile(rf"(?<!\w)(?P<id>{_TENS_RU}\s+[1-9](?:-?(?:м|й|го|ом))?\s+{_YEAR_WORD_RU})(?!\w)", re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<id>{_MONTHS_RU_ANY}\s+(?:{_YEAR_RU}|{_SHORT_YEAR_RU})(?:\s+{_YEAR_WORD_RU})?)(?!\w)",
               re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<id>(?:{_YEAR_RU}|{_SHORT_YEAR_RU})\s+{_YEAR_WORD_RU})(?!\w)", re.IGNORECASE),
    # a full year alone is a year: «в две тысячи девятом», «с тысяча девятьсот девяностого»
    re.compile(rf"(?<!\w)(?P<id>(?:две\s+тысячи|тысяча\s+девятьсот)(?:\s+[а-яё]+){{0,2}}?\s+[а-яё]+{_ORDINAL_ENDING}"
               # «в двухтысячном его застрелили»: the year 2000, said in one word
               r"|(?<=\b[вВсС]\s)двухтысячн(?:ом|ого|ый|ым)|(?<=\bдо\s)двухтысячного|(?<=\bпо\s)двухтысячный)"
               rf"(?!\w)", re.IGNORECASE),
    # a year of the 2000s by its unit alone: «в девятом году», «в третьем году» (not «на девятом году службы»,
    # a count of years)
    re.compile(r"(?<=\b[вВ]\s)(?P<id>(?:первом|втором|третьем|четвёртом|четвертом|пятом|шестом|седьмом|восьмом|"
               r"девятом)\s+году)(?!\w)(?!\s+(?:службы|жизни|работы|учёбы|учебы|обучения|войны|срока|брака|отсидки))",
               re.IGNORECASE),
    # a short year after a preposition, where no noun follows it («в девяносто восьмом», «с четырнадцатого по…»)
    _SHORT_YEAR_AFTER_PREPOSITION := re.compile(
        rf"(?:(?<=\b[вВсС]\s)|(?<=\bпо\s)|(?<=\bдо\s)|(?<=\bот\s)|(?<=\bили\s))(?P<id>{_SHORT_YEAR_RU}"
        # and whisper's digits for it: «в 21-м», «с 19-го», «родился в 89-м», «по 2020-й год»
        r"|\d\d-(?:м|го|й|ом)|(?:19|20)\d\d-(?:м|го|й|ом|ого)(?:\s+год\w*)?)(?![\w-])",
        re.IGNORECASE),
    # (the tens may be said in Russian: «двадцать үшінші жылы»)
    re.compile(rf"(?<!\w)(?P<id>(?:{_YEAR_KK}|(?:(?:{_KK_NUMBER}|двадцать|тридцать|девяносто|восемьдесят)\s+){{0,2}}"
               rf"{_KK_ORDINAL})\s+{_YEAR_WORD_KK}"
               # (and the day, after the month's genitive: «желтоқсан айының бесінде», «шилдесинин он сегизи»)
               rf"(?:\s+{_MONTHS_KK_ANY}(?:\s+айында|(?:\s+айының|\s+айынын)?\s+{_KK_DAY_OF_MONTH})?)?)(?!\w)",
               re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<id>{_MONTHS_KK}\s+(?:{_KK_NUMBER}\s+)?[а-яәғқңөұүһі]*(?:сында|сінде|нда|нде))(?!\w)",
               re.IGNORECASE),
    # a short year said as a cardinal, in the genitive before its month: «жиырма үш жылдың желтоқсанында», «он
    # сегиз жылдын сауиринде» (without the month, «жиырма үш жыл» is as often a term)
    re.compile(rf"(?<!\w)(?P<id>(?:{KAZAKH_CARDINAL})\s+(?:жылдың|жылдын|жылғы|жылгы)\s+{_MONTHS_KK_ANY})(?!\w)",
               re.IGNORECASE),
    # a Kazakh year in its case, without the year word, in either alphabet: «екі мың он алтыдан екі мың жиырмаға
    # дейін», «еки мын он бесте», «мың тоғыз жүз тоқсан сегізде»
    re.compile(rf"(?<!\w)(?P<id>{_KK_MILLENNIUM}(?:\s+{_KK_NUMBER}){{0,2}}?\s+{_KK_NUMBER_IN_CASE})(?!\w)"
               rf"(?!\s+(?:теңге|тенге|тг|доллар\w*|сом\w*|рубл\w*))", re.IGNORECASE),
    # «желтоқсанның он алтысы», «бесінші қазанда»: a day with its month, the Kazakh ways round
    re.compile(rf"(?<!\w)(?P<id>{_MONTHS_KK_ANY}(?:ның|нің|дың|дің|тың|тің|нин|дин|тин)\s+(?:{_KK_NUMBER}\s+)?"
               # (from or to that day: «наурыздың он тоғызынан мамырдың он бесіне дейін»)
               r"[а-яәғқңөұүһі]+(?:ы|і|сы|сі)(?:нда|нде|нан|нен|на|не)?)(?!\w)", re.IGNORECASE),
    # «қараша айының жетісі», «наурыз айынын он бесинде»: the month, «айының» and the day in its possessive
    re.compile(rf"(?<!\w)(?P<id>{_MONTHS_KK_ANY}\s+(?:айының|айынын|айынің)\s+{_KK_DAY_OF_MONTH})(?!\w)",
               re.IGNORECASE),
    # the day in digits after its month's genitive, in either alphabet: «мамырдың 5-і», «наурыздың 12-сінде»,
    # "mamyrdyn 14-i"
    re.compile(rf"(?<!\w)(?P<id>(?:{_MONTHS_KK_ANY}|{_MONTHS_KK_LATIN})\s+(?:[12]?\d|3[01])"
               r"(?:-?(?:[iıіы]|s[iı]|с[іы])(?:nda|nde|нда|нде|na|ne|на|не)?)(?!\w))", re.IGNORECASE),
    # «он алтыншы желтоқсан», «бесинши мамырда»: an ordinal day before its month
    re.compile(rf"(?<!\w)(?P<id>(?:{_KK_NUMBER}\s+)?{_KK_ORDINAL}\s+{_MONTHS_KK_ANY})(?!\w)", re.IGNORECASE),
    # digits: a day with a month in any case (whisper writes «12 марту» for «двенадцатого марта»), a year said
    # with a Kazakh or transliterated year word, a month/year, a bare year in a note
    re.compile(rf"(?<![\w.])(?P<id>(?:[1-9]|[12]\d|3[01])(?:-?(?:го|е|м))?\s+{_MONTHS_RU_ANY}"
               rf"(?:\s+{_YEAR_DIGITS}(?:\s*(?:года|году|г\.?))?)?)(?!\w)", re.IGNORECASE),
    # a note's day with its month cut short: «5 нояб.», «16 сент», «3 фев. 2021»
    re.compile(rf"(?<![\w.])(?P<id>(?:[1-9]|[12]\d|3[01])\s+(?:янв|фев|февр|апр|авг|сент?|окт|нояб?|дек)\.?"
               rf"(?:\s+{_YEAR_DIGITS}(?:\s*(?:года|году|г\.?))?)?)(?!\w)", re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<id>{_YEAR_DIGITS}\s*(?:жыл\w*|zhyl\w*|god\w*|goda)(?:\s+{_MONTHS_KK_LATIN})?)(?!\w)",
               re.IGNORECASE),
    re.compile(rf"(?<![\w/.])(?P<id>(?:0?[1-9]|1[0-2])[/.]{_YEAR_DIGITS})(?![\w/]|\.\d)"),  # «вышел 06.2021.»
    re.compile(rf"(?<![\w$₸€.,])(?P<id>{_YEAR_DIGITS})(?!\w|[.,]\d|\s*(?:тенге|тг|₸|долл|\$|руб|тыс|к\b|млн|%|км|человек))"),
    re.compile(r"(?<!\w)(?P<id>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+['’]\d\d)(?!\w)",
               re.IGNORECASE),
    # a month and a short year, as whisper writes it too: «декабре 22 года», «мае 22-го», «ноябре 23-й»; and a
    # note's month with its year, shortened or not: «нояб. 2019», «май 2023», «фев 2020»
    re.compile(r"(?<!\w)(?P<id>(?:янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек)[а-я]*\.?\s+['’]?(?:(?:19|20)\d\d|\d\d)"
               r"(?:-?(?:го|й|м|ого|ом|ый)(?!\w))?(?:\s+его(?=\s+год))?(?:\s+(?:года|году|год)(?!\w))?)(?!\w)",
               re.IGNORECASE),
    # a short year in digits with its year word, as whisper writes «в двадцать третьем году»: «в 23 году», «98-го
    # года», «с 19 года»; a bare «23 года» is an age or a term and left to them
    re.compile(r"(?<![\w.,:/-])(?P<id>\d\d(?:(?:-?(?:го|й|м|ого|ом|ый))\s+(?:года|году|год)|\s+году))(?!\w)",
               re.IGNORECASE),
    re.compile(r"(?:(?<=\b[сС]\s)|(?<=\bдо\s))(?P<id>\d\d\s+года)(?!\w)"),
    # a note's day and month with no year, the month in two digits: «8/08», «16.12» (not «28/28», «1/2», «2.5»)
    re.compile(r"(?<![\w./,:-])(?P<id>(?:0?[1-9]|[12]\d|3[01])[./](?:0[1-9]|1[0-2]))(?![\w/,-]|\.\d)"),
    # English: "the nineties", "twelfth of may twenty twenty", "may the twelfth"
    re.compile(r"(?<!\w)(?P<id>(?:(?:nineteen|twenty)\s+)?(?:sixties|seventies|eighties|nineties|noughties))(?!\w)",
               re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<id>(?:(?:twenty|thirty)[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
               rf"ninth|tenth|eleventh|twelfth|\w+teenth|twentieth|thirtieth|\d{{1,2}}(?:st|nd|rd|th))\s+of\s+"
               rf"{_MONTHS_EN}(?:\s+(?:nineteen|twenty|two\s+thousand(?:\s+and)?)(?:[\s-]{_EN_NUMBER}){{1,2}}|\s+\d{{4}})?)"
               r"(?!\w)", re.IGNORECASE),
    # "march twelfth", "on may the first (twenty nineteen)"; a season with its year: "spring of twenty four"
    re.compile(rf"(?<!\w)(?P<id>{_MONTHS_EN}\s+(?:the\s+)?(?:(?:twenty|thirty)[\s-])?(?:first|second|third|fourth|"
               rf"fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|twentieth|thirtieth)"
               rf"(?:,?\s+(?:nineteen|twenty|two\s+thousand(?:\s+and)?)(?:[\s-]{_EN_NUMBER}){{1,2}})?"
               rf"|(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?:(?:nineteen|twenty)\s+{_EN_NUMBER}(?:[\s-]"
               rf"{_EN_NUMBER})?|\d{{4}}))(?!\w)", re.IGNORECASE),
    re.compile(r"(?<!\w)(?P<id>\d{1,2}\s+(?:yanvar|fevral|mart|aprel|mamyr|iyun|iyul|avgust|sentyabr|oktyabr|noyabr|"
               r"dekabr)[a-z]{0,4})(?!\w)", re.IGNORECASE),
    # a messenger's month in Russian with its year: "v marte 2019", "dekabr 2021 goda"
    re.compile(rf"(?<!\w)(?P<id>(?:yanvar|fevral|mart|aprel|iyun|iyul|avgust|sentyabr|oktyabr|noyabr|dekabr)[a-z]{{0,3}}"
               rf"\s+{_YEAR_DIGITS}(?:\s+god[a-z]{{0,2}})?)(?!\w)", re.IGNORECASE),
    # a decade in words: «в девяностые», «в нулевых», «восьмидесятые годы»
    re.compile(r"(?<!\w)(?P<id>(?:семидесят|восьмидесят|девяност|нулев|двухтысячн)(?:ые|ых|ыми)"
               r"(?:\s+год(?:ы|ах|ов))?)(?!\w)", re.IGNORECASE),
    # a decade in digits: «в 90-х», «90е годы», «v 90h», «2000-kh», "the 90s", "'80s"
    re.compile(r"(?<![\w.,:/-])(?P<id>['’]?(?:19|20)?\d0-?(?:х|е|ые|ых|ым|kh|h|e|ye|s)(?:\s+(?:годах|годы|годов|godakh|gody))?)"
               r"(?!\w)", re.IGNORECASE),
    # a season with its year: «летом девятнадцатого», «весна 2018», «зимой двадцать первого»
    # («осенью в 18-го года»; whisper's two digits after a season are its year unless a unit follows: «зимой 16 от»)
    re.compile(rf"(?<!\w)(?P<id>(?:весна|весной|весну|весны|лето|летом|зима|зимой|зиму|зимы|осень|осенью|осени)"
               rf"(?:\s+в)?\s+(?:{_YEAR_DIGITS}|['’]\d\d|\d\d(?:-?(?:го|й|м))?(?=\s+{_YEAR_WORD_RU})"
               rf"|\d\d-?(?:го|й|м)(?!\w)|\d\d(?=\s*[.;!?]|\s*$)|{_SHORT_YEAR_RU}|{_YEAR_RU}"
               rf"|\d\d(?![\d,.:/\-])(?!\s*(?:{_NOT_A_YEAR_AFTER})))"
               rf"(?:\s+{_YEAR_WORD_RU})?)(?!\w)",
               re.IGNORECASE),
    re.compile(r"(?<!\w)(?P<id>\d{1,2}\s+(?:yanvarya|fevralya|marta|aprelya|maya|iyunya|iyulya|avgusta|sentyabrya|"
               r"oktyabrya|noyabrya|dekabrya)(?:\s+\d{4})?)(?!\w)", re.IGNORECASE),
    # a season with its year, as whisper writes speech: "in spring twenty twenty two", "the winter of 2019"
    re.compile(r"(?<!\w)(?P<id>(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?:\d{4}|(?:nineteen|twenty)\s+"
               r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
               r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
               r"seven|eight|nine))?)))(?!\w)", re.IGNORECASE),
    # a short year said after «in»: "i was born here in eighty two", "back in ninety eight", "and in ninety two
    # the whole family moved" (not "in fifty minutes", "in ninety cases")
    re.compile(r"\bin\s+(?P<id>(?:fifty|sixty|seventy|eighty|ninety)"
               r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)(?!\w)(?!\s+(?:years?|percent|people|"
               r"minutes?|hours?|days?|weeks?|months?|seconds?|of\b|dollars|bucks|tenge|thousand|hundred|million|km|"
               r"kilo\w*|met(?:er|re)s?|miles?|times|cases|grams?|men|women|guys|%))",
               re.IGNORECASE),
    re.compile(r"(?<!\w)(?P<id>(?:nineteen|twenty)\s+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
               r"eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|"
               r"(?:thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|"
               r"nine))?))(?!\w)", re.IGNORECASE),
]
SCORE = 0.85


def _noun_follows(text: str, end: int) -> bool:
    """Whether the next word is a noun or an adjective in an oblique case the ordinal would agree with (a verb, a
    pronoun, a subject or the end of the sentence leaves the ordinal a year: «в девяносто пятом хотела уехать»)."""
    after = re.match(r"[ \t]+([а-яё]{3,})", text[end:end + 40], re.IGNORECASE)
    if after is None:
        return False
    from fieldkit.anonymise.morphology import natasha

    # it must agree with the ordinal: «в девяносто восьмом доме» is one, «в девяносто восьмом отец…» is not
    morph = natasha()[2]
    parses = morph.parse(after.group(1).casefold())
    if str(parses[0].tag).startswith(("NPRO", "PREP", "CONJ", "PRCL", "VERB", "INFN", "ADVB")):
        return False  # «в шестнадцатом его сняли»
    # the ordinal's own cases, when morphology reads its last word: «по шестнадцатый начальником» agrees in none
    last = re.search(r"([а-яё]+)$", text[max(0, end - 30):end], re.IGNORECASE)
    ordinal_cases = {("loct" if p.tag.case == "loc2" else p.tag.case) for p in morph.parse(last.group(1).casefold())
                     if p.tag.POS == "ADJF"} if last else set()
    return any(str(p.tag).startswith(("NOUN", "ADJF")) and "Apro" not in str(p.tag)
               and p.tag.case in ("loct", "loc2", "gent", "datv", "ablt")
               and (not ordinal_cases or ("loct" if p.tag.case == "loc2" else p.tag.case) in ordinal_cases)
               for p in parses)


class SpokenDateRecognizer(EntityRecognizer):
    """DATE for a date or a year written out in Russian or Kazakh words."""

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["DATE_WORDS"], name=f"SpokenDates-{language}",
                         supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for pattern in _PATTERNS:
            for match in finditer(pattern, text):
                if (pattern is _SHORT_YEAR_AFTER_PREPOSITION and not _FULL_YEAR_START.match(match["id"])
                        and _noun_follows(text, match.end("id"))):
                    continue  # «в девяносто восьмом доме», «в пятом классе»: an ordinal of something else
                explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE,
                                                  textual_explanation="date in words")
                results.append(RecognizerResult("DATE_WORDS", match.start("id"), match.end("id"), SCORE, explanation))
        return results


# --- generalising a date to a period -------------------------------------------------------------------

_KAZAKH_ORDINAL = re.compile(r"(?:сыншы|сінші|ыншы|інші|ншы|нші|инши|ынши|нши)$")
#: what follows an ordinal's stem: «пят-ого», «трет-ьего», «девяност-ом», «сороков-ой»
_ORDINAL_TAIL = re.compile(r"ь?(?:ого|его|ому|ему|ом|ем|ый|ий|ой|ая|яя|ую|юю|ое|ее|ые|ие|ых|их|ым|им|ыми|ими)")
_KAZAKH_CASE = re.compile(r"(?:дағы|дегі|дагы|деги|дан|ден|тан|тен|нан|нен|ға|ге|қа|ке|га|ка|да|де|та|те|ғы|гі|гы|ги)$")
_FULL_YEAR_START = re.compile(r"(?:19|20)\d\d")
#: «в 21-м», «с 19-го»: whisper's digits for a short year after a preposition
_SHORT_YEAR_SUFFIX = re.compile(r"(?<![\d.,:/])(\d\d)-(?:м|го|й|ом)$")
#: «23 году», «98-го года», «весной 21-го года», «декабре 23», «летом 22»: whisper's digits for a short year said
#: with its year word, or after a month or a season
_SHORT_YEAR_WITH_WORD = re.compile(r"(?<![\d.,:/])(\d\d)(?=(?:-?[а-я]{1,3})?(?:\s+его)?\s+год)"
                                   r"|(?:(?:янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек)[а-я]*\.?"
                                   r"|весн\w+|лет\w*|зим\w+|осен\w+)\s+['’]?(\d\d)(?!\d)", re.IGNORECASE)
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
#: two-digit years: 12.03.19, 3/19, '19, Dec '20, «в 19-м»
#: (a month/year needs a year past 12: «12/03» is as likely the 12th of March)
_TWO_DIGIT_YEAR = re.compile(r"(?:\d{1,2}[./]\d{1,2}[./]|(?<!\d)(?:0?[1-9]|1[0-2])/(?=[2-9]\d|1[3-9])|['’])"
                             r"(\d\d)(?!\d)")


def _word_value(word: str) -> tuple[int, bool] | None:
    """(value, is an ordinal) of one number word in Russian or Kazakh."""
    from fieldkit.anonymise.spoken_numbers import HUNDREDS, TEENS, TENS, UNITS

    lowered = word.casefold()
    for table in (UNITS, TEENS, TENS, HUNDREDS):
        if lowered in table:
            return table[lowered], False
    kazakh = _KAZAKH_ORDINAL.sub("", lowered)
    if kazakh != lowered:
        for table in (UNITS, TENS):
            if kazakh in table:
                return table[kazakh], True
            if kazakh + "ы" in table or kazakh + "і" in table:  # «алтыншы» is алты + ншы
                return table.get(kazakh + "ы", table.get(kazakh + "і")), True
    for stem in sorted(_ORDINAL_STEMS, key=len, reverse=True):
        if lowered.startswith(stem) and _ORDINAL_TAIL.fullmatch(lowered[len(stem):]):
            return _ORDINAL_STEMS[stem], True  # «пятого», not «пятница»
    in_case = _KAZAKH_CASE.sub("", lowered)  # «алтыдан», «жиырмаға»: the last number of a year in its case
    if in_case != lowered:
        for table in (UNITS, TENS):
            if in_case in table:
                return table[in_case], True
    return None


def year_in(text: str) -> int | None:
    """The year a date names, in digits or in words («две тысячи девятнадцатого», «девяносто восьмом»,
    «екі мың он тоғызыншы», '19); None when it names none."""
    if match := _FOUR_DIGIT_YEAR.search(text):
        return int(match.group(1))
    if match := (_TWO_DIGIT_YEAR.search(text) or _SHORT_YEAR_WITH_WORD.search(text)
                 or _SHORT_YEAR_SUFFIX.search(text.strip())):
        two = int(match.group(1) or match.group(2))
        return 2000 + two if two <= 40 else 1900 + two
    lowered = text.casefold()
    if mixed := re.search(rf"({_TENS_RU})\s+([1-9])(?!\d)", lowered):  # «двадцать 1 году»: the unit in digits
        from fieldkit.anonymise.spoken_numbers import TENS

        two = TENS[mixed.group(1)] + int(mixed.group(2))
        return 2000 + two if two <= 40 else 1900 + two
    words = re.findall(r"[^\W\d_]+", lowered)
    for index, word in enumerate(words):
        base = None
        if word in ("тысяча", "тысячи", "мың", "мын") and index + 1 < len(words):
            nxt = words[index + 1]
            base = 1900 if nxt.startswith(("девятьсот", "тоғыз", "тогыз")) else 1000
            rest_start = index + 2 if base == 1900 else index + 1
            if index > 0 and words[index - 1] in ("две", "екі", "еки"):
                base = 2000
                rest_start = index + 1
            if nxt.startswith(("тоғыз", "тогыз")) and index + 2 < len(words) and words[index + 2] in ("жүз", "жуз"):
                base, rest_start = 1900, index + 3
        elif word.startswith("двухтысячн"):
            return 2000
        elif word in ("восемьдесят", "девяносто") or word.startswith(("восьмидесят", "девяност")):
            base, rest_start = 1900, index
        if base is None:
            continue
        total = 0
        for later in words[rest_start: rest_start + 3]:
            value = _word_value(later)
            if value is None:
                break
            total += value[0]
            if value[1]:
                break
        if total < 100:
            return base + total
    return _short_year(words)


def _short_year(words: list[str]) -> int | None:
    """A year said in two digits: «(в марте) двадцать второго», «семьдесят первого», «он алтыншы (жылы)»,
    "twenty seventeen". The last group of number words ending in an ordinal is taken (the day comes first)."""
    english = {"nineteen": 1900, "twenty": 2000}
    said_tens = {"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
    if words and words[0] in said_tens and len(words) <= 2:  # "born in eighty two": the twentieth century
        unit = _word_value(words[1]) if len(words) == 2 else None
        return 1900 + said_tens[words[0]] + (unit[0] if unit and unit[0] < 10 else 0)
    for index, word in enumerate(words[:-1]):
        if word in english:
            rest = words[index + 1:index + 3]
            value = _word_value(rest[0]) if rest else None
            if value and value[0] >= 10:
                extra = _word_value(rest[1]) if len(rest) > 1 and value[0] % 10 == 0 and value[0] >= 20 else None
                return english[word] + value[0] + (extra[0] if extra and extra[0] < 10 else 0)
    found, total = None, 0
    months = re.compile(_MONTHS_RU_ANY + "$|" + _MONTHS_KK + "$")
    for index, word in enumerate(words):
        if index + 1 < len(words) and months.match(words[index + 1]):
            total = 0
            continue  # «двенадцатого марта»: the day of a month, not a year
        value = _word_value(word)
        if value is None:
            total = 0
            continue
        total += value[0]
        if value[1]:
            if total < 100:
                found = total
            total = 0
    if found is None:
        return None
    return 2000 + found if found <= 40 else 1900 + found


_DECADES_RU = {1950: "пятидесятых", 1960: "шестидесятых", 1970: "семидесятых", 1980: "восьмидесятых",
               1990: "девяностых", 2000: "двухтысячных", 2010: "десятых", 2020: "двадцатых", 2030: "тридцатых"}
_DECADES_EN = {1950: "fifties", 1960: "sixties", 1970: "seventies", 1980: "eighties", 1990: "nineties",
               2000: "two-thousands", 2010: "twenty-tens", 2020: "twenty-twenties", 2030: "twenty-thirties"}


_DECADE_DIGITS = re.compile(r"(?<![\d.,])((?:19|20)?\d0)-?(?:х|е|ые|ых|ым|kh|h|e|ye|s)(?![^\W\d_])", re.IGNORECASE)
_DECADE_WORDS = re.compile(r"(?:семидесят|восьмидесят|девяност|нулев|двухтысячн)(?:ые|ых|ым|ыми)", re.IGNORECASE)


#: the decade words a label may use, by the stem that any of their forms starts with
_DECADE_STEMS = re.compile(r"(?<!\w)(" + "|".join(sorted({word[:-2] for word in (*_DECADES_RU.values(),
                                                                               *_DECADES_EN.values())},
                                                           key=len, reverse=True)) + ")", re.IGNORECASE)


@lru_cache(maxsize=4)
def _decades_said(document: str) -> tuple[frozenset[str], frozenset[int]]:
    """The decade stems and the round years (1990, 2010) a document says anywhere, read once per document: a
    transcript has hundreds of dates, and searching it again for each was a scan per date."""
    stems = frozenset(match.casefold() for match in _DECADE_STEMS.findall(document))
    decades = frozenset(int(year) for year in re.findall(r"(?<!\d)((?:19|20)\d0)(?!\d)", document))
    return stems, decades


def _decade_name(decade: int, cyrillic: bool, in_words: bool, document: str, plural: str = "х") -> str:
    """The decade as a label writes it: in words or in digits as asked, unless the document already says that word
    or number for another date («девяностых … 1997» would give «конец девяностых», repeating the first date), then
    the other way, and last in two digits («90-х»), which no year of the document can be."""
    words = _DECADES_RU[decade] if cyrillic else _DECADES_EN[decade]
    digits = f"{decade}-{plural}" if cyrillic else f"{decade}s"
    short = f"{decade % 100:02d}-{plural}" if cyrillic else f"’{decade % 100:02d}s"
    said_stems, said_decades = _decades_said(document)
    said_words = words[:-2] in said_stems
    said_digits = decade in said_decades
    for name, said in ((words, said_words), (digits, said_digits))[::1 if in_words else -1]:
        if not said:
            return name
    return short


def generalise_date(text: str, cyrillic: bool, document: str = "") -> str | None:
    """"[DATE: the late 2010s]" (or «[ДАТА: конец 2010-х]»): the third of a decade a date falls in, which keeps
    "when, roughly" for the research without the day that links to a court record. The decade is written the
    other way from the date — in words for a year said in digits («2020» → «начало двадцатых»), in digits for a
    year said in words («двадцатом году» → «начало 2020-х») — so not one word or number of the date is repeated;
    nor of the ``document``'s other dates (``_decade_name``). None when the date names no year (it is then
    replaced by a numbered placeholder)."""
    if decade := _DECADE_DIGITS.search(text):  # «90-х»: the decade itself, written in words
        tens = int(decade.group(1)[-2:-1])
        year = (2000 if tens < 4 else 1900) + tens * 10
        if 1950 <= year < 2040:
            name = _decade_name(year, cyrillic, True, document)
            return f"[ДАТА: {name}]" if cyrillic else f"[DATE: {'' if name == _DECADES_EN[year] else 'the '}{name}]"
    if re.search(r"(?<!\w)(?:числа|chisla)(?!\w)", text, re.IGNORECASE):
        return None  # «пятого числа»: a day of some month, no year («пятого» is no '05)
    year = year_in(text)
    if year is None or not 1950 <= year < 2040:
        return None
    if _DECADE_WORDS.search(text):  # «девяностые»: the decade itself, no third of it
        name = _decade_name(year // 10 * 10, cyrillic, False, document, plural="е")
        return f"[ДАТА: {name}]" if cyrillic else f"[DATE: the {name}]"
    decade, within = year // 10 * 10, year % 10
    part = 0 if within <= 3 else 1 if within <= 6 else 2
    name = _decade_name(decade, cyrillic, any(ch.isdecimal() for ch in text), document)
    if cyrillic:
        return f"[ДАТА: {('начало', 'середина', 'конец')[part]} {name}]"
    return f"[DATE: the {('early', 'mid', 'late')[part]} {name}]"
