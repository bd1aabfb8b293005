"""Organisations named by a code, a company form or a district's adjective: «в войсковой части пять пять один
семь», «колонии эс ка сто шестьдесят два дробь девять», «ЛА-155/18», «тоо алтын несие», "TOO «Береке Транс»",
«алатауском рупе», "Medeu district court".

A colony's or a military unit's number places a person in one institution of a few hundred people, and a small
company in one workplace; both are quasi-identifiers (ORGANIZATION). The code may be spoken: letters by name
(«эс ка», «эл а»), numbers in words, «дробь» for the slash.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise.kazakh_words import KAZAKH_RUN_BREAKS, is_kazakh_verb_form
from fieldkit.anonymise.morphology import first_tag, is_cyrillic, natasha, plain, words
from fieldkit.anonymise.number_words import HUNDREDS, KAZAKH_TENS, KAZAKH_UNITS, ONE_WORDS, TEENS, TENS, UNITS
from fieldkit.anonymise.script_gate import finditer
from fieldkit.anonymise.spoken_numbers import LETTER_NAMES

SCORE = 0.6
_UNIT_HEAD = re.compile(
    r"(?<!\w)(?:войсков\w*\s+част\w*|воинск\w*\s+част\w*|в/ч|вч|колони\w*|колон(?:е|я|ию)|учреждени\w*|ук|уг|ла|military\s+unit|"
    r"kolonii|koloniya|koloniyu|colony|әскери\s+бөлім\w*)(?!\w)"
    # a colony's letters alone, when a number follows: «ак сто пятьдесят девять», "UK one sixty one"
    r"|(?<!\w)(?:ец|ак|жд|ов|ос|рг|лк|uk|ug|ec|la|ak)(?=\s+(?:\d|"
    r"(?:сто|двести|триста|жүз|бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|жиырма|отыз|қырық|елу|алпыс|жетпіс|сексен|"
    r"тоқсан|один|два|три|четыре|пять|шесть|семь|восемь|девять|десять|one|two|three|four|five|six|seven|eight|nine|"
    r"sixty|fifty|seventy|one\s+hundred)\b))", re.IGNORECASE)
#: a colony code written out: «ЛА-155/18», «ЕЦ 166/2», "AK-159/21"
_WRITTEN_CODE = re.compile(r"(?<!\w)(?:ец|ла|ак|жд|ов|ук|уг|ос|рг|лк|ec|la|ak|uk|ug|ov|zhd)[\s\-]?\d{2,3}"
                           r"(?:\s*/\s*\d{1,3})?(?!\w)"
                           # any two letters, a number and a stroke: «юл-170/3», as a keyboard in a hurry writes it
                           r"|(?<![\w\-])[а-яёa-z]{2}-\d{3}/\d{1,3}(?![\w/])"
                           # the code without its letters, where the letters were said before («в 156/20 хуже»):
                           # the numbers Kazakhstan's colonies have
                           r"|(?<![\w/.\-])1[5-7]\d/\d{1,2}(?![\w/]|[.,]\d|\s*(?:руб|тенге|тг|\$|%))", re.IGNORECASE)
#: what follows a number that makes it a length of time, not a code («в колонии два года»)
_TIME_UNIT = re.compile(r"\s*(?:год|года|лет|месяц\w*|дн\w*|дней|суток|недел\w*|жыл\w*|ай|years?|months?|days?|weeks?)"
                        r"(?!\w)", re.IGNORECASE)
#: letters as they are spoken in a code, and the words that join its parts
_CODE_LETTERS = frozenset({
    "а", "бэ", "вэ", "гэ", "дэ", "е", "жэ", "зэ", "и", "ка", "эл", "эм", "эн", "о", "пэ", "эр", "эс", "тэ", "у",
    "эф", "ха", "цэ", "че", "ша", "эй", "би", "си", "ди", "дробь", "тире", "номер", "№", "slash", "number", "no",
    "drob", "es", "ka", "el", "la", "ук", "уг", "ла", "ец", "ес", "лк", "ао", "бөлу", "болу", "бөлшек",
    # the letters of Kazakhstan's colony codes (ЕЦ-166, ЛА-155, АК-159, ОВ-156, УК-161, ЖД-158) as written
    "жд", "ов", "ак", "ан", "ос", "рг", "ec", "ov", "ak", "an", "uk", "ug", "zhd", "stroke",
    # as whisper hears them in speech: «дропе», «дров», «дро» for «дробь»; «ецс», «ука» for the letters
    "дроб", "дро", "дров", "дропе", "дробе", "дроби", "дробью", "ецс", "ука", "я",
    # colony letters as people say them: «учреждении ок сто шестьдесят два», «зк-сто шестьдесят девять»
    "ок", "зк", "ап", "юк", "болшек",
    *"abcdefghijklmnopqrstuvwxyz",  # "colony e c one sixty four slash one"
})
_NUMBER_WORDS = frozenset({*UNITS, *TEENS, *TENS, *HUNDREDS, *KAZAKH_UNITS, *KAZAKH_TENS, "жүз", "hundred"})
# (Kazakh number words typed or heard in Russian letters too: «ла жуз елу бес болшек он сегиз мекемесинде»)
_NUMBER_WORDS |= frozenset(plain(word) for word in (*KAZAKH_UNITS, *KAZAKH_TENS, "жүз"))
#: Kazakh number words as they stand before an ordinal ending («төрт» in «төртінші», «он» in «онынша»)
_ORDINAL_STEMS = frozenset({word.casefold().rstrip("ыі") for word in (*KAZAKH_UNITS, *KAZAKH_TENS, "жүз")})
_GENERIC_ADJECTIVE = r"(?:городск|районн|областн|межрайонн|специализированн|ювенальн|верховн|военн|апелляционн)"
_BODY = (r"(?:(?:руп|роп|ровд|овд|увд|рувд|гувд|уп|упэ|оп|опэ|убн|смус|цон)(?:е|а|у|ом|те|та|қа|ке)?|суд(?:е|а|у|ом)?|"
         r"сот(?:ы|та|қа)?|прокуратур\w*|отдел\w*|управлени\w*|правлени\w*|полици\w*|акимат\w*|"
         # a plant by its town's adjective and abbreviation, a paper by its region's: «донском гоке», «актюбинском
         # вестнике»
         r"(?:гок|гмк|тэц|грэс|гэс)(?:е|а|у|ом)?|вестник\w*|газет\w*)")
#: a body named by its district's adjective: «алатауском рупе», «павлодарском городском суде», «абайского ровд»
_ADJECTIVE_BODY = re.compile(
    rf"(?<!\w)(?P<id>(?!{_GENERIC_ADJECTIVE})[^\W\d_]{{3,}}(?:ск|цк)(?:ий|ого|ому|им|ом|ой|ая|ую|ое|ие|их|ый)\s+"
    # (a note shortens the adjective: «Темиртауский гор. суд», «рай. суд», «обл. суд»)
    rf"(?:(?:{_GENERIC_ADJECTIVE}\w*|гор\.|рай\.|обл\.)\s+)*{_BODY})(?!\w)", re.IGNORECASE)
#: a body then its district's or region's adjective in the genitive: «цоне алмалинского района», «ДП Павлодарской
#: обл.», «РУП Бостандыкского р-на»
_BODY_THEN_DISTRICT = re.compile(
    r"(?<!\w)(?P<id>(?:руп|роп|ровд|овд|увд|уп|оп|дп|убн|цон|пробаци\w*)(?:е|а|у|ом)?\s+"
    r"[а-яёәғқңөұүһі\-]{3,}(?:ского|цкого|ской|цкой)\s+(?:района|области|р-на|обл\.?|города))(?!\w)", re.IGNORECASE)
#: the same in messenger Latin and English: "OP Zhambylskogo rayona", "Medeu district court", "Karaganda
#: regional police department"
_LATIN_BODY = re.compile(
    r"(?<!\w)(?P<id>(?:(?:op|rop|rovd|uvd|dp|up|ubn|rup)\s+[a-z]+(?:skogo|skoi|skoy|skom)\s+(?:rayona|raiona|oblasti)"
    r"|(?!(?:When|Then|The|And|But|After|Before|If|So|Our|His|Her|Their|Local|City|District|Regional|Military)\b)"
    r"[A-Z][a-z]{2,}\s+(?:(?:district|city|regional|region|oblast|town)\s+)?(?:court|police\s+department|"
    r"department\s+of\s+police|prosecutor'?s?\s+office|akimat)))(?!\w)")
#: company forms; the Latin «TOO» only in capitals ("too" is an English word), and no «ЧП» (an emergency)
#: a court or police body in messenger Latin, Kazakh or Russian: "Almaly audandyk sotynda", "Qaragandy oblystyq
#: sotynda", "Ust'-Kamenogorskogo gorodskogo suda", "DP Kostanaiskoi oblasti", "yesil district court"
_TRANSLIT_BODY = re.compile(
    r"(?<![\w'])(?P<id>(?:[a-z'\-]{3,}\s+(?:audandyk|audandyq|audandy[kq]|oblysty[kq]|[qk]alaly[qk])\s+"
    r"(?:sot|politsiya|polisiya|polit[sc]iya|prokuratura)\w*(?:\s+(?:departament|basqarma|baskarma|bolim|b[oö]lim)\w*)?"
    # "qaraghandy oblystyq ishki ister basqarmasynda", "batys qazaqstan oblysy memlekettik kirister departamentinde"
    r"|[a-z'\-]{3,}\s+(?:[a-z'\-]{3,}\s+)?(?:oblysy|oblysty[kq]|[qk]alaly[qk]|audandy[kq]|audany)\s+"
    r"(?:[a-z]{3,}\s+){0,3}?(?:departament|basqarma|baskarma|bolim|b[oö]lim)\w*"
    r"|[a-z'\-]{3,}(?:skogo|skoi|skoy|skom|skoe)\s+(?:(?:gorodskogo|gorodskom|raionnogo|rayonnogo|raionnom|"
    r"rayonnom|oblastnogo|oblastnom)\s+)?(?:suda|sud|sude|otdela|otdele|upravleniya|prokuratury|rovd|uvd|up|op|"
    r"rup|rop|ovd|upp|dp|ubn|raisud\w*|gorsud\w*)"
    r"|(?:dp|up|op|rop|rup|ovd|rovd|uvd|guvd|dkns|knb|con|cone|cona|tson|tsone|tsona|cone)\s+[a-z'\-]{3,}"
    r"(?:skoi|skoy|skogo|skoj)\s+(?:oblasti|rayona|raiona)"
    r"|(?!(?:the|a|an|our|his|her|their|local|city|district|regional|military|when|then|and|but|that|this)\b)"
    r"[a-z'\-]{3,}\s+(?:district|city|regional|region|oblast)\s+(?:court|police\s+department|akimat|prosecutor'?s?"
    r"\s+office)))(?![\w'])", re.IGNORECASE)
#: a Kazakh body named by its place, in Kazakh letters or whisper's Russian ones: «шығыс қазақстан облыстық полиция
#: департаментінде», «ұйғыр аудандық сотында», «жаназен калалык полиция болими», «қостанай облысы бойынша
#: мемлекеттік кірістер департаментінде», «солтустик казакстан облыстык туберкулез диспансеринде»
_KAZAKH_LETTER = "а-яёәғқңөұүһі"
_KAZAKH_BODY = re.compile(
    rf"(?<![\w-])(?P<id>(?:(?:шығыс|батыс|солтүстік|оңтүстік|шыгыс|солтустик|онтустик|орталық|орталык)\s+)?"
    rf"(?!(?:мен|сен|ол|біз|сол|осы|бұл|бул|және|жане|былтыр|биыл|кеше|бүгін|бугин|сосын|содан|кейін|кейин|"
    rf"бірақ|бирак|енді|енди|тағы|тагы|қазір|казир)\s)[{_KAZAKH_LETTER}\-]{{3,}}\s+"
    rf"(?:облысы|облыстық|облыстык|қалалық|калалык|аудандық|аудандык|ауданы|"
    # (a body's abbreviation with its case ending among the words: «атырау қалалық пб-ның екінші бөлімшесіне»)
    rf"қаласы|каласы)\s+(?:бойынша\s+)?(?:№\s?\d{{1,3}}\s+)?(?:[{_KAZAKH_LETTER}]{{2,}}(?:-[{_KAZAKH_LETTER}]+)?\s+)"
    rf"{{0,3}}?(?:департамент|басқарма|баскарма|бөлім|комитет|"
    rf"болим|сот|полиция|прокуратура|қызмет|кызмет|қажд|кажд|іім|иим|пд|пб|диспансер|аурухана|емхана|әкімді[кг]|акимди[кг]|"
    rf"кеден|изолятор)\w*(?:-\w+)?"
    rf"(?:\s+(?:департамент|басқарма|баскарма|бөлім|болим)\w*)?)(?!\w)",
    re.IGNORECASE)
#: a court or an office after its city's or region's genitive, the body's own word last: «Астана қаласының №2
#: аудандық сотында», «Қызылорда облысының мамандандырылған ауданаралық қылмыстық соты», «жамбыл облысының ішкі
#: істер басқармасында» (a customs post, «облысының кеден бекетінде», is a place, and stays one)
_KAZAKH_BODY_OF_A_PLACE = re.compile(
    rf"(?<![\w-])(?P<id>[{_KAZAKH_LETTER}\-]{{3,}}\s+(?:облысының|облысынын|қаласының|каласынын|ауданының|ауданынын)"
    rf"\s+(?:№\s?\d{{1,3}}\s+)?(?:[{_KAZAKH_LETTER}]{{3,}}\s+){{0,3}}?"
    rf"(?:сот|департамент|басқарма|баскарма|бөлім|болим|комитет|прокуратура|әкімдіг|акимдиг|полиция)"
    rf"[{_KAZAKH_LETTER}]*)(?![\w-])", re.IGNORECASE)
_COMPANY_FORM = re.compile(r"(?<!\w)(?:(?i:тоо|ип|ао|ооо|жшс|llp|ltd|мқұ|мфо|мко)|TOO)"  # (мқұ, мфо: microcredit)
                           r"(?:-(?i:[а-яәғқңөұүһі]{1,5}))?(?!\w)")


def _code_part(word: str) -> bool:
    lowered = word.casefold()
    if "-" in lowered and all(part and _code_part(part) for part in lowered.split("-")):
        return True  # «зк-сто шестьдесят девять дробь төрт»: the letters joined to the first number word
    return (lowered in _CODE_LETTERS or lowered in _NUMBER_WORDS
            or bool(re.fullmatch(r"[^\W\d_]{0,3}-?\d[\d/\-]*[^\W\d_]?", lowered)))  # «АК-159/21», «155/18»


#: the stroke of a spoken code, and the tens that may begin the number after it («дробь двадцать два»)
_STROKES = frozenset({"дробь", "дроб", "дро", "дров", "дропе", "дробе", "дроби", "дробью", "бөлу", "болу", "бөлшек",
                      "slash", "drob", "stroke"})
_STROKE_TENS = frozenset({"двадцать", "тридцать", "жиырма", "отыз", "twenty", "thirty"})


def _without_a_term_after(code: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A code whose number words run on into a length of time («дробь пять он сегіз жыл»: the unit is 159/5, and
    «он сегіз жыл» is how long he worked there) ends one number after its stroke."""
    words = [w.casefold() for _, _, w in code]
    stroke = next((i for i, w in enumerate(words) if w in _STROKES), None)
    if stroke is None or stroke + 2 >= len(words):
        return []
    keep = stroke + 2
    if words[stroke + 1] in _STROKE_TENS and words[keep] in _NUMBER_WORDS and words[keep] not in _STROKE_TENS:
        keep += 1
    return code[:keep] if keep < len(code) else []


def _has_number(parts: list[str]) -> bool:
    return any(re.search(r"\d", p) or p.casefold() in _NUMBER_WORDS for p in parts)


#: a school, hospital or clinic known by its number: «школе номер тридцать восемь», «городской больнице № 4», «СШ
#: №8», «он төртінші мектепте», "school number forty seven": one building, a few dozen staff
_NUMBERED_HEAD = re.compile(
    # (a compound head takes its first half: «школе-гимназии номер три», "mektep-litsei")
    r"(?<![\w-])(?:(?:школ|гимнази|лице|shkol|mektep)\w*-)?(?:(?:(?:городск|областн|районн|центральн|средн|детск|республиканск|специализированн|"
    r"общеобразовательн)\w*\s+){0,2}(?:школ|гимнази|лице|больниц|поликлиник|колледж|роддом|детсад|садик|"
    r"интернат|сизо|изолятор)\w*(?:\s+сад\w*)?|сш|сош|гкп|school|hospital|polyclinic|clinic|kindergarten|lyceum|"
    r"gymnasium|shkol\w*|bolnic\w*|bolnits\w*|poliklinik\w*|mektep\w*)(?!\w)", re.IGNORECASE)
_NUMBER_SIGN = re.compile(r"\s*(?:номер|№|no\.?|number|nomer|#)?\s*", re.IGNORECASE)
#: Kazakh puts the ordinal first: «он төртінші мектепте», «№ 3 емханада», «абай атындағы сегізінші мектеп»
_KAZAKH_NUMBERED = re.compile(
    r"(?<!\w)(?P<number>(?:(?:№\s*)?\d+(?:-?ші|-?шы|-?інші|-?ыншы)?|(?:\w+\s+){0,2}\w+(?:ыншы|інші|ншы|нші))\s+"
    r"|\d+-(?=[a-zа-я]))"  # "12-mektep-litseide", «5-мектепте»
    r"(?:қалалық\s+|облыстық\s+|аудандық\s+|орта\s+|жалпы\s+|мамандандырылған\s+)?"
    r"(?P<head>мектеп|аурухана|емхана|колледж|балабақша|перзентхана|колония|мекеме|түрме|тергеу\s+изолятор|mektep|"
    r"auruhana|aurukhana|emhana|emkhana|kolledzh|balabaqsha|koloniya|mekeme)[\w-]*",
    re.IGNORECASE)


_ORDINAL_ENDING = re.compile(r"(?:ыншы|інші|ншы|нші)$")
#: Russian puts an ordinal before the school or hospital: «в четырнадцатой школе», «в первую городскую больницу»,
#: «во второй городской» (the hospital understood), "v 12-i shkole"
_RUSSIAN_ORDINAL_FIRST = re.compile(
    r"(?<![\w-])(?:(?:сто|двести|триста|четыреста|пятьсот)\s+)?"
    r"(?:(?:двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто|сто)\s+)?"
    r"(?:(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|"
    r"пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат|сороков|пятидесят|шестидесят|семидесят|"
    r"восьмидесят|девяност|сот)(?:ая|ой|ую|ый|ий|ом|ое|ого|ых|ей|ью|ья)|\d{1,3}-?(?:я|й|ая|ой|ую|ый|ом|ое|ого|i|ya|oy|oi|"
    r"aya|uyu|yu|iu|ju|oj|uju)|(?<=\b[vu]\s)\d{1,3}(?=\s+shkol[eua]))\s+"
    r"(?:(?:(?:городск|областн|районн|центральн|средн|детск|республиканск|gorodsk|oblastn|raionn|rayonn)"
    r"\w*\s+)?(?:школ|гимнази|лице|больниц|поликлиник|колледж|роддом|детсад|садик|интернат|shkol|gimnazi|litse|bolnic|"
    r"bolnits|poliklinik|gorbol'?nic|gorbol'?nits|горбольниц|bol'nic|bol'nits)[\w']*|"
    r"(?:городск|областн|gorodsk|oblastn)\w*)(?![\w-])", re.IGNORECASE)


def find_numbered_institutions(text: str) -> list[tuple[int, int]]:
    """(start, end) of a school, hospital or clinic named by its number, in digits or in words."""
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[\w\-]+", text)]
    starts = [start for start, _, _ in tokens]
    found = []
    for head in finditer(_NUMBERED_HEAD, text):
        sign = _NUMBER_SIGN.match(text, head.end())
        following = tokens[bisect_left(starts, sign.end()):]
        number = []
        for start, end, word in following[:6]:
            if text[(number[-1][1] if number else sign.end()):start].strip() or not (
                    word.casefold() in _NUMBER_WORDS or re.fullmatch(r"№?\d+[а-яa-z]?", word.casefold())):
                break
            number.append((start, end, word))
        if number and [w.casefold() for _, _, w in number][-1] == "он":
            number.pop()  # «в больнице он пролежал»: the Russian «he», not the Kazakh ten
        if len(number) >= 2 and _TIME_UNIT.match(text, number[-1][1]):
            number.pop()  # «школе номер три девять лет работаю»: the last number is the length of time
        if number and not _TIME_UNIT.match(text, number[-1][1]):
            found.append((head.start(), number[-1][1]))
    for match in finditer(_KAZAKH_NUMBERED, text):
        ordinal = match.group("number").split()
        if any(re.search(r"\d", part) or _ORDINAL_ENDING.sub("", part.casefold()) in _ORDINAL_STEMS
               or part.casefold() in _NUMBER_WORDS for part in ordinal):
            start = match.start("number") + len(match.group("number")) - len(match.group("number").lstrip())
            found.append((start, match.end()))
    found += [(match.start(), match.end()) for match in finditer(_RUSSIAN_ORDINAL_FIRST, text)]
    return found


#: a colony's letters said by their names, with no word for the colony: «эс ка сто шестьдесят четыре дробь один»,
#: «у ка сто шестьдесят один дробь два»; a stroke in the code is required, two letter names alone are common words
_SPOKEN_LETTERS = r"(?:эс|ка|а|е|цэ|це|эл|у|жэ|же|дэ|де|о|вэ|ве|эр|гэ|ге)"
_STROKE_WORDS = r"(?:дробь|дроб|дро|дров|дропе|дробе|бөлу|болу|слэш|слеш|/)"
#: the two letters heard as one word: «ап сто шестьдесят два дробь три», «ук сто шестьдесят один дробь два»
_CODE_AS_A_WORD = r"(?:ап|ак|ук|ла|ец|ов|уг|ос|жд|ка|лк|рг)"
_SPOKEN_COLONY = re.compile(
    rf"(?<!\w)(?P<id>(?:{_SPOKEN_LETTERS}\s+{_SPOKEN_LETTERS}|{_CODE_AS_A_WORD})\s+"
    rf"(?:(?:\d+|[а-яёәіңғүұқөһ]+)\s+){{1,4}}?"
    rf"{_STROKE_WORDS}\s+(?:\d+|[а-яёәіңғүұқөһ]+)(?:\s+(?:\d+|[а-яёәіңғүұқөһ]+))?)(?!\w)", re.IGNORECASE)


def find_spoken_colonies(text: str) -> list[tuple[int, int]]:
    """(start, end) of each colony code said by its letters' names (``_SPOKEN_COLONY``), when the words around the
    stroke are numbers."""
    found = []
    for match in finditer(_SPOKEN_COLONY, text):
        letters = 1 if re.fullmatch(_CODE_AS_A_WORD, match["id"].split()[0], re.IGNORECASE) else 2
        parts = match["id"].split()[letters:]
        stroke = next(i for i, part in enumerate(parts) if re.fullmatch(_STROKE_WORDS, part.casefold()))
        before, after = parts[:stroke], parts[stroke + 1:]
        while after and not _has_number(after[-1:]):
            after.pop()  # «дробь один там»: the code ends at its last number
        if before and after and all(_has_number([part]) for part in before + after):
            end = match.start("id") + len(match["id"])
            end = text.rfind(after[-1], match.start("id"), end) + len(after[-1])
            found.append((match.start("id"), end))
    return found


#: «дробь» said for the stroke of a code, as whisper writes it (not «дров», firewood, or «дроби», fractions)
_STROKE = frozenset({"дробь", "дроб", "дробе", "дропе", "дропи", "дропь", "дроди", "дродби", "дродь", "слэш", "слеш",
                     "slash"})
#: a dash said between a code's numbers: «тире», "dash" («семь один девять четыре тире два два …»)
_SAID_DASH = frozenset({"тире", "дефис", "dash", "hyphen"})
#: whisper's strokes that are also words («дров», firewood; «дроби», fractions): only between two numbers
_WEAK_STROKE = frozenset({"дров", "дро", "дроби"})
_CODE_TOKEN = re.compile(r"[^\W_]+")


def _number_part(word: str) -> bool:
    return bool(re.search(r"\d", word)) or word.casefold() in _NUMBER_WORDS


def _garbled_code_part(word: str) -> bool:
    """A word whisper made of a code's letters or its «номер один» («ака», «Миродин»): short, or no dictionary
    word, and no preposition, pronoun or verb."""
    from fieldkit.anonymise.morphology import reads_first_as

    if not word.isalpha() or reads_first_as(word, ("PREP", "CONJ", "PRCL", "NPRO", "VERB", "INFN", "GRND")):
        return False
    if word.isascii():  # "u g", "a k", "ets": letters said one by one, never an everyday English word ("was")
        from fieldkit.anonymise.latin_words import common_english_words

        return len(word) <= 2 or word.casefold() not in common_english_words()
    _, _, morph = natasha()
    return len(word) <= 3 or not morph.word_is_known(word.casefold())


def find_stroked_codes(text: str) -> list[tuple[int, int]]:
    """(start, end) of a code said with «дробь» for its stroke whatever whisper made of the rest: a case number or
    colony code «ака 150-9-дробь 21», «166 дробь семей», «Миродин дробь Сорок дробь 22», «один дробь 418, дробь 23».
    A number must stand on one side of the stroke; the words around it that whisper garbled go with it."""
    tokens = [(m.start(), m.end(), m.group()) for m in finditer(_CODE_TOKEN, text)]

    def joined(a: int, b: int) -> bool:  # token a and token b (= a + 1) are parts of one spoken code
        return a >= 0 and b < len(tokens) and not text[tokens[a][1]:tokens[b][0]].strip(" ,-")

    found = []
    for index, (_start, _end, word) in enumerate(tokens):
        if not (joined(index - 1, index) and joined(index, index + 1)):
            continue
        if word.casefold() not in _STROKE and not (word.casefold() in _WEAK_STROKE and _number_part(
                tokens[index - 1][2]) and _number_part(tokens[index + 1][2])):
            continue  # «156 дров 3» is a code; «дров» (firewood) anywhere else is not
        first = last = index
        numbers_before = 0
        # a court's case number said digit by digit runs long: "seven one nine four dash two two dash …"
        while first - 1 >= 0 and joined(first - 1, first) and numbers_before < 12 and (
                _number_part(tokens[first - 1][2]) or tokens[first - 1][2].casefold() in _SAID_DASH
                and first - 2 >= 0 and _number_part(tokens[first - 2][2])):
            first -= 1
            numbers_before += _number_part(tokens[first][2])
        if joined(first - 1, first) and _garbled_code_part(tokens[first - 1][2]):
            first -= 1  # the code's letters («ака» for АК) or whisper's «Миродин» for «номер один»
            # letters said one by one: "u g one five seven slash eleven", «а ка сто пятьдесят девять дробь …»
            while (first - 1 >= 0 and joined(first - 1, first) and first - 1 >= index - 16
                   and len(tokens[first][2]) <= 2 and tokens[first - 1][2].casefold() in LETTER_NAMES
                   and len(tokens[first - 1][2]) <= 2):
                first -= 1
        numbers_after = 0
        k = index + 1
        while k < len(tokens) and joined(k - 1, k) and numbers_after < 4:
            piece = tokens[k][2]
            if _number_part(piece):
                numbers_after += 1
            elif piece.casefold() in _STROKE:
                pass  # «дробь 418, дробь 23»: a second stroke
            elif numbers_after == 0 and len(piece) <= 2 and k + 1 < len(tokens) and _number_part(tokens[k + 1][2]):
                pass  # «дробь и 412»: a letter whisper heard between
            else:
                break
            last = k
            k += 1
        if numbers_after == 0 and numbers_before and re.search(r"\d", tokens[index - 1][2]) and (
                _garbled_code_part(tokens[index + 1][2]) or tokens[index + 1][2].istitle()
                or tokens[index + 1][2].casefold().startswith(("сем", "вос", "дев", "шес", "пят", "чет", "тр"))):
            last = index + 1  # «166 дробь семей»: a number misheard after the stroke
        if (numbers_before or numbers_after) and (first < index and last > index):
            found.append((tokens[first][0], tokens[last][1]))
    return found


def find_coded_units(text: str) -> list[tuple[int, int]]:
    """(start, end) of a unit word followed by its code, spoken or written."""
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[\w/№\-]+", text)]
    starts = [start for start, _, _ in tokens]
    found = []
    for head in finditer(_UNIT_HEAD, text):
        if head.group().casefold() in ("ук", "uk") and _ARTICLES_AFTER.match(text, head.end()):
            continue  # «упоминали УК 296, 297, 366»: the Criminal Code's articles, no colony
        following = tokens[bisect_left(starts, head.end()):]
        code = []
        for start, end, word in following[:12]:
            if text[(code[-1][1] if code else head.end()):start].strip(" ,") or not _code_part(word):
                break
            code.append((start, end, word))
        if len(code) == 1 and code[0][2].casefold() in ONE_WORDS:
            continue  # «колонияда бир шал бар еди»: "in the colony, one old man", no code
        if code and _COUNT_AFTER.match(text, code[-1][1]) and all(
                word.casefold() in _NUMBER_WORDS or word.isdecimal() for _, _, word in code):
            continue  # «колонияда он бес адам бір камерада»: fifteen people in a cell, no colony's number
        if code and _TIME_UNIT.match(text, code[-1][1]):
            code = _without_a_term_after(code)
        if code and _has_number([w for _, _, w in code]):
            found.append((head.start(), code[-1][1]))
    found += [(match.start(), match.end()) for match in finditer(_WRITTEN_CODE, text)
              if not (match.group()[:2].casefold() in ("ук", "uk")
                      and _ARTICLES_AFTER.match(text, match.start() + 2))]
    return found


#: a list of the Criminal Code's articles after «УК»: «УК 296, 297, 366», «УК ст. 190»
_ARTICLES_AFTER = re.compile(r"\s*(?:РК\s*)?(?:ст\.?\s*|статья\s+|статьи\s+)?\d{2,3}(?:\s*(?:,|и)\s*\d{2,3})+(?!\d)"
                             r"|\s*(?:РК\s*)?(?:ст\.?|статья|статьи|ч\.)", re.IGNORECASE)
#: what a number after a colony's word counts, which makes it no code: people
_COUNT_AFTER = re.compile(r"\s*(?:адам|кісі|киси|человек|людей|сотталған\w*|сотталган\w*|осужденн\w*|зек\w*|people|"
                          r"inmates|prisoners)(?!\w)", re.IGNORECASE)
#: a Kazakh body's word after its code: «ец жүз алпыс алты бөлшек он сегіз мекемесіне», «бес бес жеті жеті әскери
#: бөлімінде», «жд сто пятьдесят сегіз дробь бір колониясында»
_HEAD_AFTER_CODE = re.compile(r"(?<!\w)(?:мекеме|колония|әскери\s+бөлім|military\s+unit)\w*", re.IGNORECASE)


def find_coded_units_head_last(text: str) -> list[tuple[int, int]]:
    """(start, end) of a code followed by its body's word, the Kazakh order."""
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[\w/№\-]+", text)]
    ends = [end for _, end, _ in tokens]
    found = []
    for head in finditer(_HEAD_AFTER_CODE, text):
        index = bisect_left(ends, head.start() + 1) - 1  # the token before the head
        code = []
        while index >= 0 and len(code) < 12:
            start, end, word = tokens[index]
            if text[end:(code[0][0] if code else head.start())].strip(" ,") or not (
                    _code_part(word) or word.casefold() in ("бөлшек", "bolshek")):
                break
            code.insert(0, tokens[index])
            index -= 1
        if code and _has_number([w for _, _, w in code]):
            found.append((code[0][0], head.end()))
    return found


def _kazakh_word_not_a_name(word: str) -> bool:
    from fieldkit.anonymise.morphology import has_kazakh_letters
    from fieldkit.anonymise.names import is_common_kazakh

    return word in ("деген", "деп", "деді", "дейді", "еді", "болды") or (has_kazakh_letters(word)
                                                                       and is_common_kazakh(word))


#: the company form «тэ о о» said by its letters, as whisper writes it: «вта, а быстрая доставка», «то а теплый дом»,
#: «в то а глубокий пласт» (not «то о»: «о» is a preposition, «а то о работе»)
_SPOKEN_FORM = re.compile(r"(?<!\w)(?i:т[эе]\s+о\s+о|(?:в\s*)?т[оа],?[\s-]+а)(?=\s)")
#: the same with its last letter glued to the name: «вто-аясный берег», «Таазерновой двор», «в то аглубоке пласт»
_SPOKEN_FORM_GLUED = re.compile(r"(?<!\w)(?i:вт[оа]-?а|таа|в\s+то\s+а)(?=[а-яё]{3})")
#: what may follow «то а» in ordinary speech and names no company («не то, а другое»)
_NOT_AFTER_SPOKEN_FORM = frozenset({"другое", "другой", "другая", "другие", "наоборот", "так", "потом", "тогда",
                                    "там", "тут", "сейчас", "теперь", "еще", "ещё", "уже", "вот", "это", "этот"})


def find_spoken_companies(text: str) -> list[tuple[int, int]]:
    """(start, end) of a company whose form whisper heard as words: the form, then one or two nouns, adjectives or
    words no dictionary has (a firm's name: «быстрая доставка», «теплый дом»)."""
    morph = natasha()[2]
    found = []
    for pattern in (_SPOKEN_FORM, _SPOKEN_FORM_GLUED):
        for form in finditer(pattern, text):
            end, taken = form.end(), 0
            for word in re.finditer(r"[а-яёА-ЯЁ]+", text[form.end():form.end() + 60]):
                start = form.end() + word.start()
                lowered = word.group().casefold()
                glued = pattern is _SPOKEN_FORM_GLUED and taken == 0
                if text[end:start].strip() or lowered in _NOT_AFTER_SPOKEN_FORM or len(lowered) < 3:
                    break
                tag = first_tag(lowered)
                if glued and not (morph.word_is_known(lowered) and tag.startswith(("NOUN", "ADJF"))):
                    break  # what is glued on must be a word: «таалайбек» is a Kyrgyz name, no «тоо» before «лайбек»
                if not glued and morph.word_is_known(lowered) and not tag.startswith(("NOUN", "ADJF")):
                    break
                end, taken = form.end() + word.end(), taken + 1
                if taken == 2:
                    break
            if taken and (taken == 2 or pattern is _SPOKEN_FORM_GLUED or not morph.word_is_known(
                    text[form.end():end].strip().casefold())):
                found.append((form.start(), end))
    return found


def find_companies(text: str) -> list[tuple[int, int]]:
    """(start, end) of a company form and its name: the words in quotes after it, or up to three words that are
    capitalised, nouns or adjectives, or words Russian morphology does not know («тоо алтын несие»)."""
    morph = natasha()[2]
    tokens = words(text)
    starts = [start for start, _, _ in tokens]
    found = []
    for form in finditer(_COMPANY_FORM, text):
        before = re.search(r"[«\"“]([^»\"”\n]{2,60})[»\"”]\s*$", text[max(0, form.start() - 70):form.start()])
        if before:  # «Ақбөкен Логистик» ЖШС-да: the Kazakh order puts the form after the name
            found.append((form.start() - len(before.group()), form.end()))
            continue
        quoted = re.match(r"\s*[«\"“]([^»\"”\n]{2,60})[»\"”]", text[form.end():])
        if quoted:
            found.append((form.start(), form.end() + quoted.end()))
            continue
        end = form.end()
        first = bisect_left(starts, form.end())
        # the Kazakh order, a name before the form with a company's kind of work in it, wins over words after it
        # that no kind marks («мунай сервис плюс жшс кузетшимин»: I guard at …)
        named_before = _name_before_the_form(text, tokens, bisect_left(starts, form.start()), morph)
        after = []  # the words right after the form, up to three, in its clause («… ЖШС-ның директоры едім. Көкжал»)
        for token in tokens[first:first + 3]:
            if text[after[-1][1] if after else form.end():token[0]].strip():
                break
            after.append(token)
        if named_before < form.start() and not any(
                word[:1].isupper() or _COMPANY_KIND.search(word) for _, _, word in after):
            found.append((named_before, form.end()))
            continue
        for start, word_end, word in tokens[first:first + 3]:
            if text[end:start].strip():
                break
            lowered = word.casefold()
            tag = first_tag(lowered) if is_cyrillic(lowered) else ""
            named = word[:1].isupper() or (is_cyrillic(lowered) and (
                not morph.word_is_known(lowered) or tag.startswith(("NOUN", "ADJF")))) or (
                lowered.isascii() and lowered.isalpha() and len(lowered) >= 3 and lowered not in _LATIN_STOP)
            if not named or len(lowered) < 2 or (not word[:1].isupper() and _kazakh_word_not_a_name(lowered)):
                break  # «ИП ашқанмын» (I opened a sole proprietorship): a Kazakh verb names no company
            end = word_end
        if end > form.end():
            found.append((form.start(), end))
            continue
        start = _name_before_the_form(text, tokens, bisect_left(starts, form.start()), morph)
        if start < form.start():
            found.append((start, form.end()))
    return found


def _name_before_the_form(text: str, tokens: list[tuple[int, int, str]], index: int, morph) -> int:
    """Where a company's name starts that is said before its form, the Kazakh order, when nothing in quotes marks
    it: «мердігер бурлинмұнайсервис жшс арқылы», «мунай сервис плюс жшс», «кентау автобус парки жшс деген»; up to
    three nouns, adjectives or words no dictionary has, one of them a company's kind of work or capitalised (a
    Kazakh word stops it)."""
    start, taken = tokens[index][0] if index < len(tokens) else len(text), []
    for word_start, word_end, word in reversed(tokens[max(0, index - 3):index]):
        if text[word_end:start].strip():
            break
        lowered = word.casefold()
        tag = first_tag(lowered) if is_cyrillic(lowered) else ""
        named = (word[:1].isupper() or lowered in ("плюс", "plus") or not is_cyrillic(lowered)
                 or not morph.word_is_known(lowered) or tag.startswith(("NOUN", "ADJF")))
        # (a capitalised Kazakh word before capitalised ones, or inside a sentence, is part of the title: «Көкжал
        # Логистик ЖШС»; not a sentence's first word: «Жаңа ЖШС ашқанмын»)
        title = word[:1].isupper() and all(w[:1].isupper() for w in taken) and bool(
            taken or not re.search(r"(?:^|[.!?\n])[\s«\"]*$", text[max(0, word_start - 4):word_start]))
        if (len(lowered) < 3 or lowered in KAZAKH_RUN_BREAKS or (_kazakh_word_not_a_name(lowered) and not title)
                or not named or (not word[:1].isupper() and is_kazakh_verb_form(lowered))):  # «айдаймын»
            break
        start = word_start
        taken.append(word)
    if not any(word[:1].isupper() or _COMPANY_KIND.search(word)
               or (is_cyrillic(word) and (not morph.word_is_known(word.casefold())
                                          or "Geox" in first_tag(word.casefold()))) for word in taken):
        return tokens[index][0] if index < len(tokens) else len(text)  # «жаңа жшс»: no name before it
    return start


#: the last word of a company's name that says what it does: «глобал джоб сервис», «жайык пресс», "burabay invest"
_COMPANY_KIND = re.compile(
    r"(?:сервис|сервиз|servis|service|инвест|invest|агро|agro|медиа|media|пресс|press|групп|group|строй|stroi|stroy|"
    r"транс|trans|холдинг|holding|логистик|логистикс|logistic|logistics|трейд|trade|моторс|motors|ойл|oil|мұнай|мунай|"
    r"munai|астық|астык|astyk|құрылыс|курылыс|kurylys|qurylys|энерго|energo|строймонтаж|консалтинг|consulting|"
    r"трэвел|тревел|travel|экспресс|express|маркет|market)",
    re.IGNORECASE)
#: English words that name a generic service, not a company: "secret service", "a good service"
_GENERIC_SERVICE_WORDS = frozenset({"secret", "security", "customs", "tax", "state", "postal", "public", "civil",
                                    "good", "bad", "car", "taxi", "customer", "social", "health", "the", "a", "an",
                                    "our", "their", "his", "her", "my", "your", "this", "that", "national", "border",
                                    "migration", "military", "news", "mass", "free", "local", "wire"})


def find_named_companies(text: str) -> list[tuple[int, int]]:
    """(start, end) of a company named without its form, by words no Russian dictionary has and the word that
    says what it does: «глобал джоб сервис», «жайык пресс», "mangystau munai servis", "kostanai astyk". A Russian
    or English word before the kind («хороший сервис», "secret service") makes no company."""
    from fieldkit.anonymise.latin_words import is_english_word, is_russian_in_latin

    morph = natasha()[2]
    tokens = words(text)
    found = []
    for index, (_start, end, word) in enumerate(tokens):
        if not _COMPANY_KIND.fullmatch(word) or index == 0:
            continue
        first = index
        while first > 0 and index - first < 3:
            previous = tokens[first - 1]
            gap = text[previous[1]:tokens[first][0]]
            lowered = previous[2].casefold()
            if gap.strip() or lowered in _GENERIC_SERVICE_WORDS or lowered in _LATIN_STOP or len(lowered) < 2 or (
                    lowered in KAZAKH_RUN_BREAKS or (not previous[2][:1].isupper() and is_kazakh_verb_form(lowered))):
                break  # («көлігін айдаймын нұр-сарыарқа логистик»: a Kazakh verb ends the name)
            if is_cyrillic(lowered) and morph.word_is_known(lowered) and not _COMPANY_KIND.fullmatch(lowered):
                break  # a Russian word: «хороший сервис», «в сервис»
            if not is_cyrillic(lowered) and not (lowered.isascii() and (previous[2][:1].isupper() or not (
                    is_english_word(lowered) or is_russian_in_latin(lowered)))):
                break  # "worked at", "grain to": English or Russian words in Latin letters
            first -= 1
        if first < index:
            found.append((tokens[first][0], end))
    return found


_LATIN_STOP = frozenset({"the", "and", "was", "where", "which", "that", "who", "with", "for", "from", "they", "he",
                         "she", "but", "then", "there", "rabotal", "rabotala", "gde", "kotoroe", "i", "v", "na"})


#: a district or town body after a word whisper made of its place («бенюспом районном отделе», «яглоске районный
#: суд» for Енбекшинском, Енбекшильдерский; «колесом районном отделе», «в ом районном управлении»): the word is
#: taken unless it is a word of grammar (a preposition, a pronoun, a conjunction) or says which body without a place
_MISHEARD_PLACE_BODY = re.compile(
    r"(?<!\w)(?P<id>(?P<place>[^\W\d_]{2,})\s+(?:районн|городск|межрайонн)\w*\s+(?:отдел|суд|управлени|правлени)\w*)"
    r"(?!\w)", re.IGNORECASE)


#: adjectives that say which body without naming a place («в местном районном суде»)
_GENERIC_PLACE_WORDS = ("местн", "соседн", "друг", "нов", "стар", "родн", "бывш", "центральн", "главн", "ближайш",
                        "нужн", "тот", "том", "тем", "этот", "этом", "свой", "своём", "своем", "нашем", "вашем",
                        "каждом", "любом", "одном", "первом", "втором", "следующ", "прошл", "сам")


def find_misheard_place_bodies(text: str) -> list[tuple[int, int]]:
    """(start, end) of each body after such a word (``_MISHEARD_PLACE_BODY``)."""
    morph = natasha()[2]
    found = []
    for match in finditer(_MISHEARD_PLACE_BODY, text):
        place = match["place"].casefold()
        if place.startswith(_GENERIC_PLACE_WORDS):
            continue
        tag = "" if not morph.word_is_known(place) else str(morph.parse(place)[0].tag)
        if not tag.startswith(("PREP", "CONJ", "PRCL", "NPRO", "INTJ", "ADVB", "VERB", "INFN", "GRND", "PRED")) \
                and "Apro" not in tag:
            found.append(match.span("id"))
    return found


#: a newspaper, channel or site: a short name in quotes beside the word for what it is («в газете «Голос
#: Шульбы»», ««Ертіс хабары» газетінде», «пишу для «Дала ньюс»»)
_QUOTED_NAME = r"[«\"“](?P<name>[^»\"”\n]{2,40})[»\"”]"
_MEDIA_BEFORE = re.compile(
    r"(?<!\w)(?:газет\w*|журнал\w*|телеканал\w*|канал\w*|издани\w*|сайт\w*|портал\w*|агентств\w*|радио"
    r"|(?:пишу|писал\w*|пишет|работа\w*|работал\w*)\s+(?:для|в|на))\s+" + _QUOTED_NAME, re.IGNORECASE)
_MEDIA_AFTER = re.compile(_QUOTED_NAME + r"\s+(?:газет\w*|журнал\w*|телеарна\w*|арна\w*|сайт\w*|басылым\w*|"
                          r"портал\w*|агенттіг\w*|агенттиг\w*|телеканал\w*|telearna\w*|arna\w*|gazet\w*|sait\w*|"
                          r"portal\w*)", re.IGNORECASE)
#: a farm by its name, the kind before it the Russian way («КХ «Мерей»», «крестьянского хозяйства береке», "KKh
#: «Bereke»") or after it the Kazakh way («береке шаруа қожалығы», "«Bereke» şarua qojalığınan")
_FARM_NAME = r"(?:[«\"“][^»\"”\n]{2,40}[»\"”]|(?P<word>[^\W\d_][\w-]{2,30}))"  # quoted, or one word
_FARM_BEFORE = re.compile(r"(?<![\w/-])(?:(?i:кх|к/х|фх|kkh|k/kh)|(?i:крестьянск\w+|фермерск\w+)\s+"
                          r"(?:\((?i:фермерск\w+)\)\s+)?(?i:хозяйств\w*))\s*" + _FARM_NAME)
_FARM_AFTER = re.compile(_FARM_NAME + r"\s+(?:(?i:шаруа|şarua|sharua|şarwa)\s+(?i:қожалығ|кожалыг|qojalyğ|"
                         r"qojalyg|qozhalyg|qojalığ|kozhalyg)\w*|(?i:шқ|шк)(?!\w))")
#: words before a Kazakh farm's kind that are no name of it («біздің шаруа қожалығы»: our farm)
_NOT_A_FARM_NAME = frozenset({"біздің", "бiздiң", "биздин", "менің", "менин", "сенің", "оның", "онын", "бір", "бир",
                              "осы", "сол", "үлкен", "улкен", "кішкентай", "жеке", "ауылдағы", "ауылдагы", "bizdin",
                              "menin", "onyn", "bir", "osy", "sol", "жаңа", "жана", "наш", "нашего", "нашем", "свое",
                              "своего", "частного", "мелкого", "большого", "это", "ну", "у", "в", "на", "деген",
                              "дейтін", "атты", "аталатын", "degen", "atty"})

#: the first person's farm («қожалығым», «қожалығымыз»), or a district's or village's before it, names none
_MY_FARM = re.compile(r"(?:ым|ім|мыз|міз|ym|imiz|ymyz)$|^\w+(?:нда|нде|да|де|та|те)\s", re.IGNORECASE)


def find_farms(text: str) -> list[tuple[int, int]]:
    """(start, end) of a farm with its kind and name (``_FARM_BEFORE``, ``_FARM_AFTER``): a name in quotes, or one
    word that is no pronoun, verb or preposition."""
    morph = natasha()[2]
    found = []
    for pattern in (_FARM_BEFORE, _FARM_AFTER):
        for match in finditer(pattern, text):
            word = match["word"]
            if word is not None:
                lowered = word.casefold()
                if lowered in _NOT_A_FARM_NAME or is_kazakh_verb_form(lowered) or (
                        is_cyrillic(lowered) and morph.word_is_known(lowered)
                        and first_tag(lowered).startswith(("PREP", "CONJ", "PRCL", "NPRO", "VERB", "INFN", "ADVB"))):
                    continue
            if pattern is _FARM_AFTER and _MY_FARM.search(match.group()):
                continue  # «ауданында шаруа қожалығым бар»: "I have a farm in the district", no farm's name
            found.append(match.span())
    return found



#: a power plant by its number, one of a town's few big workplaces: «на ГРЭС-2», «на грэс один», "GRES-1" (the
#: letters alone name a plant every region has; after its place, body_phrases grows them: «екібастұз грэс те»)
_POWER_PLANT = re.compile(
    r"(?<!\w)(?:грэс|гэс|тэц|gres|tets|ges)(?:[-\s]*(?:№\s*)?(?:\d{1,2}|один|одна|два|две|первая|вторая|первой|"
    r"второй|бір|бир|екі|еки|one|two)(?!\w))(?:-?(?:те|та|де|да|ке|ге|сы|сі|сында|сінде|не|ні)(?!\w))?"
    r"(?:\s+(?:те|та|де|да)(?!\w))?", re.IGNORECASE)


def find_power_plants(text: str) -> list[tuple[int, int]]:
    """(start, end) of each power plant named by its letters (``_POWER_PLANT``), in capitals or as whisper writes
    them; the Latin letters only in capitals ("ges" is no word to take in lower case)."""
    return [match.span() for match in finditer(_POWER_PLANT, text)
            if not match.group().isascii() or match.group()[:3].isupper()]


def find_media(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted name of a newspaper, channel or site (``_MEDIA_BEFORE``, ``_MEDIA_AFTER``), the
    quotes with it; a name of no more than four words and no verb, so a quotation is not taken («в журнале «упал с
    кровати»»)."""
    # (the Kazakh kind after the quotes goes with them, as with a company's form: «Жетісу» телеарнасында)
    return [(match.start("name") - 1, match.end("name") + 1 if pattern is _MEDIA_BEFORE else match.end())
            for pattern in (_MEDIA_BEFORE, _MEDIA_AFTER) for match in finditer(pattern, text)
            if len(match["name"].split()) <= 4 and (match["name"][:1].isupper() or not _has_a_verb(match["name"]))]


def _has_a_verb(words: str) -> bool:
    """Whether a word the Russian dictionary knows as a verb is among ``words`` (a quotation, not a name: «упал с
    кровати»; a guessed reading does not count, «тревел» is no verb)."""
    morph = natasha()[2]
    return any(is_cyrillic(word) and morph.word_is_known(word.casefold())
               and first_tag(word.casefold()).startswith(("VERB", "INFN", "GRND", "PRTS"))
               for word in re.findall(r"[^\W\d_]+", words))


class CodedOrganisationRecognizer(EntityRecognizer):
    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["ORGANIZATION"], name=f"CodedOrganisations-{language}",
                         supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        patterns = (_ADJECTIVE_BODY, _BODY_THEN_DISTRICT, _LATIN_BODY, _TRANSLIT_BODY, _KAZAKH_BODY,
                    _KAZAKH_BODY_OF_A_PLACE)
        bodies = [(m.start("id"), m.end("id")) for pattern in patterns for m in finditer(pattern, text)]
        bodies += find_misheard_place_bodies(text)
        coded = (find_coded_units(text) + find_coded_units_head_last(text) + find_numbered_institutions(text)
                 + find_spoken_colonies(text) + find_stroked_codes(text))
        for (start, end), why in [*((span, "a unit or colony with its code") for span in coded),
                                  *((span, "a company with its form") for span in find_companies(text)),
                                  *((span, "a company, its form heard as words")
                                    for span in find_spoken_companies(text)),
                                  *((span, "a newspaper, channel or site in quotes") for span in find_media(text)),
                                  *((span, "a power plant") for span in find_power_plants(text)),
                                  *((span, "a farm by its name") for span in find_farms(text)),
                                  *((span, "a company by its kind of work") for span in find_named_companies(text)),
                                  *((span, "a body named by its district") for span in bodies)]:
            explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE, textual_explanation=why)
            results.append(RecognizerResult("ORGANIZATION", start, end, SCORE, explanation))
        return results
