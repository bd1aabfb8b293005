"""Sums of money, ages, clock times and durations: quasi-identifiers generalised rather than deleted (issue 17).

A bribe of exactly 3 450 000 tenge or an age of 37 links a transcript to a court record; "millions of tenge"
or "30–39" does not, and still tells the researcher how big the bribe was. :class:`QuantityRecognizer` finds
sums (digits or words, Russian, Kazakh, English, slang such as «лям», «штука баксов», "grand") and ages («мне
тогда было тридцать семь», «қырық жаста», "I was 23"); :func:`generalise` gives the text that replaces them: the
order of magnitude of a sum in its currency, an age's ten-year band, in the script of the original.
"""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise.morphology import is_cyrillic
from fieldkit.anonymise.number_words import KAZAKH_TENS, KAZAKH_UNITS, ONE_WORDS, trie_pattern
from fieldkit.anonymise.script_gate import finditer, scannable
from fieldkit.anonymise.spoken_numbers import HUNDREDS, TEENS, TENS, UNITS, number_runs

#: «полтора года», «пол миллиона», «полторы тысячи», «жарты лям»; collective numerals for terms («трое суток»)
_FRACTIONS = {"пол": 0.5, "полу": 0.5, "полтора": 1.5, "полторы": 1.5, "полутора": 1.5, "жарты": 0.5, "half": 0.5,
              "half a": 0.5, "pol": 0.5, "poltora": 1.5, "zharty": 0.5}
_COLLECTIVE = {"двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7}
#: Kazakh teens: «он» alone is the Russian «он» (he) far more often than the Kazakh ten
_KAZAKH_TEENS = {f"он {unit}" for unit in KAZAKH_UNITS}
_WORDS = sorted({*UNITS, *TEENS, *TENS, *HUNDREDS, *_FRACTIONS, *_COLLECTIVE, *_KAZAKH_TEENS, "жүз", "жуз", "hundred"}
                - {"o", "oh", "он"}, key=len, reverse=True)


_WORD = trie_pattern(_WORDS)
#: a fraction only opens a number: in «…елу бес отыз жарты миллион» the phone's last word is no part of the sum
_NOT_A_FRACTION = rf"(?!{trie_pattern(sorted(_FRACTIONS, key=len, reverse=True))}(?!\w))"
#: a number in digits (with thousands separators or a decimal part) or in words
#: the unit written after words, as whisper mixes them: «двадцать 5 тысяч», "twenty 3" (tried only after a run of
#: number words, so the pattern costs nothing where no number is said; ``_number`` reads tens and a digit only)
_UNIT_IN_DIGITS = r"(?:\s+[1-9](?![\d.,:/-]?\d))?"
NUMBER = (rf"(?:\d{{1,3}}(?:[ ,\u00a0.]\d{{3}})+(?!\d)|\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?\+?"
          # «пять с половиной», «бір жарым»
          rf"|{_WORD}(?:[\s-]+{_NOT_A_FRACTION}{_WORD}){{0,4}}{_UNIT_IN_DIGITS})"
          r"(?:\s+с\s+половин(?:ой|ою)|\s+жарым|\s+and\s+a\s+half)?")
_MULTIPLIERS = {
    "myn": 1e3, "lyam": 1e6, "lyama": 1e6, "lyamov": 1e6, "ljam": 1e6, "ljama": 1e6, "ljamov": 1e6,
    "млн.": 1e6, "mln": 1e6, "mlrd": 1e9,
    "к": 1e3, "k": 1e3, "тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "тысячу": 1e3, "мың": 1e3,
    "thousand": 1e3, "grand": 1e3, "косарь": 1e3, "косаря": 1e3, "косарей": 1e3, "штука": 1e3, "штуки": 1e3,
    "штук": 1e3, "штуку": 1e3,
    "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "лям": 1e6, "ляма": 1e6, "лямов": 1e6,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mil": 1e6, "mill": 1e6, "лимон": 1e6, "лимона": 1e6,
    "лимонов": 1e6, "лимонами": 1e6, "limon": 1e6, "limona": 1e6, "limonov": 1e6, "миллионами": 1e6,
    "миллионам": 1e6, "тысячами": 1e3, "тысячам": 1e3, "мыңға": 1e3, "мыңнан": 1e3, "мыңды": 1e3, "мыңдай": 1e3,
    "мыңын": 1e3, "tysyach": 1e3, "tysya4": 1e3, "tysyachi": 1e3, "tysyachu": 1e3, "tys": 1e3, "kosar": 1e3,
    "kosarya": 1e3,
    "kosarei": 1e3, "millions of": 1e6,
    # the million and the thousand in messenger Latin, one «l» or two, in Russian cases and Kazakh letters ("3 miliona
    # tenge", "3 milion teńge"), and the Cyrillic that "milion" is spelt back into («милёна»)
    "milion": 1e6, "miliona": 1e6, "milionov": 1e6, "milionu": 1e6, "milliona": 1e6, "millionov": 1e6,
    "millionu": 1e6, "mıllıon": 1e6, "mıllion": 1e6, "milliard": 1e9, "milliarda": 1e9, "milliardov": 1e9,
    "myń": 1e3, "myñ": 1e3, "mıń": 1e3, "милион": 1e6, "милиона": 1e6, "милионов": 1e6, "милиону": 1e6,
    "милён": 1e6, "милёна": 1e6, "милёнов": 1e6, "милёну": 1e6,
    # «двадцать тыщ», "20 tyshch": the spoken thousand
    "тыщ": 1e3, "тыщи": 1e3, "тыщу": 1e3, "тыща": 1e3, "tyshch": 1e3, "tyshchi": 1e3, "tyshchu": 1e3, "tysch": 1e3,
    "мын": 1e3, "мынга": 1e3, "мыннан": 1e3, "мынды": 1e3, "мындай": 1e3, "млрд": 1e9,
    "мыңдап": 1e3, "мындап": 1e3,  # «жүз мыңдап алды»: a hundred thousand from each
    "т": 1e3,  # a note's «900 т.», «~190 т.т.»: thousands, only with the dot
    "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9, "лярд": 1e9, "лярда": 1e9, "лярдов": 1e9,
    "billion": 1e9,
    # "million" in the Kazakh Latin alphabet, read back into Cyrillic letter by letter
    "мілліон": 1e6, "мілліонға": 1e6, "мілліоннан": 1e6, "мілліонды": 1e6, "мілліард": 1e9,
    # the million in Kazakh cases: «екі миллионын ғана берді», «жарты лимонын», «үш миллионға»
    "миллионы": 1e6, "миллиарды": 1e9,  # whisper's plural after «полтора»: «полтора миллионы»
    "миллионын": 1e6, "миллионға": 1e6, "миллионнан": 1e6, "миллионды": 1e6, "миллионга": 1e6, "лимонын": 1e6,
    "лимонға": 1e6, "лимонга": 1e6, "лимоннан": 1e6, "лимонды": 1e6, "лямын": 1e6, "лямға": 1e6,
}
#: «к» alone is the preposition before a pronoun («офис 3 к нам женщины приходят»)
#: only an abbreviation takes its dot («тыс.», «млн.»): the full stop after «мың» ends the sentence, and a counted
#: noun after it («мың. балаларым…») counts nothing of the sum
_MULTIPLIER = "(?:" + "|".join(
    re.escape(word) + (r"(?![ \t]+(?:нам|вам|ним|нему|ней|им|мне|тебе|себе|ему)(?!\w))" if word == "к"
                       else r"\.?" if word in ("тыс", "млн", "млрд", "tys", "mln", "mlrd")
                       else r"\.(?:т\.?|\s?р\.?)?(?!\w)(?!\s*\d)" if word == "т" else "")  # «240 т.р.»
    for word in sorted(_MULTIPLIERS, key=len, reverse=True)) + ")"
_CURRENCIES = {
    "тенге": "KZT", "тг": "KZT", "₸": "KZT", "теңге": "KZT", "tenge": "KZT", "kzt": "KZT", "teńge": "KZT",
    "teñge": "KZT", "teŋge": "KZT",
    "доллар": "USD", "доллара": "USD", "долларов": "USD", "бакс": "USD", "бакса": "USD", "баксов": "USD",
    "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "bucks": "USD", "долл": "USD",
    "тинге": "KZT", "тэнге": "KZT", "тенги": "KZT", "тенгэ": "KZT", "зелёных": "USD", "зеленых": "USD",
    # as whisper hears «тенге» and «баксов»
    "цинги": "KZT", "тинги": "KZT", "кинги": "KZT", "боксов": "USD", "бюксов": "USD",
    "зелени": "USD", "зелёными": "USD", "зелеными": "USD", "долларға": "USD", "теңгеге": "KZT", "тенгеге": "KZT",
    # the tenge in Kazakh cases, in Kazakh or Russian letters: «елу мың теңгеден», «жүз мың теңгені»
    "теңгеден": "KZT", "тенгеден": "KZT", "теңгені": "KZT", "тенгени": "KZT", "теңгенің": "KZT", "тенгенин": "KZT",
    "теңгемен": "KZT", "тенгемен": "KZT", "теңгелік": "KZT", "тенгелик": "KZT", "tengege": "KZT", "tengeden": "KZT",
    # «жүз мың теңгедей» (about a hundred thousand): the approximating ending
    "теңгедей": "KZT", "тенгедей": "KZT", "tengedei": "KZT", "tengedey": "KZT", "доллардай": "USD",
    "рубль": "RUB", "рубля": "RUB", "рублей": "RUB", "руб": "RUB", "рубльге": "RUB", "рубльден": "RUB",
    "рубльді": "RUB", "рубльмен": "RUB", "rubles": "RUB", "roubles": "RUB", "₽": "RUB",
    "евро": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR", "¥": "CNY",
    # the neighbours' money, which traders and migrants are paid in: yuan, Kyrgyz som, Uzbek sum
    "юань": "CNY", "юаня": "CNY", "юаней": "CNY", "юани": "CNY", "юаньге": "CNY", "юаньмен": "CNY", "yuan": "CNY",
    "сом": "KGS", "сома": "KGS", "сомов": "KGS", "som": "KGS", "soma": "KGS", "somov": "KGS", "сум": "UZS",
    "сумов": "UZS", "сўм": "UZS",
    # fines and bail are set in monthly calculation indices (МРП, Kazakh АЕК): «штраф 30 МРП»
    "мрп": "MRP", "mrp": "MRP", "аек": "MRP", "aek": "MRP",
    # and damages and wages in minimum wages (МЗП, Kazakh ЕТЖ): «ущерб 2 МЗП»
    "мзп": "MZP", "mzp": "MZP", "етж": "MZP",
    # the dollar in Kazakh cases: «бес жүз бакстан алатын», «долларды», «доллардан»
    "бакстан": "USD", "баксқа": "USD", "бакска": "USD", "доллардан": "USD", "долларды": "USD",
    "долларга": "USD", "долларлық": "USD",
    # with the possessive: «қырық миллион теңгесі бар»
    "теңгесі": "KZT", "тенгеси": "KZT", "теңгесін": "KZT", "тенгесин": "KZT", "долларын": "USD",
}
_CURRENCY = "(?:" + "|".join(sorted(map(re.escape, _CURRENCIES), key=len, reverse=True)) + r")\.?"
#: slang multipliers that mean money on their own («пять лямов», «штука», "fifty grand")
_MONEY_ON_ITS_OWN = {"лям", "ляма", "лямов", "косарь", "косаря", "косарей", "grand", "lyam", "lyama", "lyamov",
                     "ljam", "ljama", "ljamov",
                     "лимон", "лимона", "лимонов", "лимонами", "limon", "limona", "limonov", "mil", "лимонын",
                     "лимонға", "лимонга", "лимоннан", "лимонды", "лямын", "лямға", "лярд", "лярда", "лярдов"}
#: a number with one of these and no currency is still a sum in an interview («отдал триста тысяч», «300к»),
#: unless a counted noun follows («тысяч человек»)
_MONEY_MULTIPLIERS = {"к", "k", "тыс", "т", "тысяча", "тысячи", "тысяч", "тысячу", "мың", "myn", "млн", "миллион",
                      "миллионами", "миллионам", "тысячами", "тысячам", "мыңға", "мыңнан", "мыңды", "мыңдай",
                      "thousand", "million", "millions", "мыңын", "tysyach", "tysya4", "tysyachi", "tysyachu", "tys",
                      "lyam",
                      "kosar", "kosarya", "kosarei", "мын", "мынга", "мыннан", "мынды", "мындай", "мыңдап", "мындап",
                      "тыщ", "тыщи", "тыщу", "тыща", "tyshch", "tyshchi", "tyshchu", "tysch",
                      "миллиона", "миллионов", "млрд", "миллиард", "миллиарда", "миллиардов", "штук", "штуки",
                      "штуку", "штука", "миллионын", "миллионға", "миллионнан", "миллионды", "миллионга", "миллионы",
                      "миллиарды", "mln", "mlrd", "мілліон", "мілліонға", "мілліоннан", "мілліонды", "мілліард"}
_COUNTED = re.compile(r"\s*(?:человек|людей|жителей|голос|подписчик|км|километр|тонн|гектар|га\b|кв|метр|шаг|"
                      r"раз(?:а|ом)?(?!\w)|штук|доз|грамм|грам|кг|адам|жыл|лет|год|рублей|тенге|рет|кісі|дана|келі(?!ст)|шақырым|"
                      r"қап|қорап|бала)", re.IGNORECASE)  # «раз» whole: «1 млн разово» is a sum
_SUM = re.compile(
    rf"(?<![\w$₸€¥₽])(?=[$₸€¥₽\w])(?P<id>(?:(?P<pre>[$₸€¥₽])\s?)?(?P<n>{NUMBER})?(?:\s*(?P<mult>{_MULTIPLIER}))?"
    # the rest of a sum in words after its thousands or millions: «екі мың бес жүз», «төрт миллион екі жүз мыңға»
    # (only after a number: «лям тоқсан бір» may be the start of a phone's groups)
    rf"(?(n)(?(mult)(?:\s+(?=[^\W\d_])(?!(?:он|сом)(?!\w))(?P<more>{NUMBER})"
    # (a case ending only on the hundreds: «бес жүзге»; «екі мың жиырмаға дейін» is a year)
    r"(?:(?<=жүз)(?:ге|ден|ді|дей)|(?<=жуз)(?:ге|ден|ди|дей))?"
    rf"(?:\s*{_MULTIPLIER})?(?![\w-])"
    r"(?!\s*(?:жыл|год|лет|года|году|человек|адам|кісі|рет|раз)))?))"
    rf"(?:\s*(?:и\s+(?=б[оа]кс))?(?P<cur>{_CURRENCY}))?)(?![\w])",  # whisper's «штуку и боксов»
    re.IGNORECASE,
)
_BY_THE_HOUR = re.compile(r"\s+\d{1,2}[:.]\d\d")
#: a thousand said alone, with no number before it: «мың екі жүз доллар» is 1 200 dollars
_THOUSAND_ALONE = r"(?:мың|мын|тысяча|тысячу|myn)"
_BARE_THOUSAND = re.compile(rf"{_THOUSAND_ALONE}\s+(?=\S)", re.IGNORECASE)
_BARE_THOUSAND_BEFORE = re.compile(rf"(?<![\w-]){_THOUSAND_ALONE}\s+$", re.IGNORECASE)
_NUMBER_WORD_BEFORE = re.compile(rf"(?:\d|(?<![\w-]){_WORD})\s+$", re.IGNORECASE)
#: a number said with its tens, in Russian or Kazakh, or two digits: an age rather than a count
#: (the tens begin the number's first or second word; the lookahead is bounded, or a long run of letters would
#: make every position scan to its end)
_WITH_TENS = (r"(?=(?:\S{1,14}\s+)?(?:двадцат|тридцат|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяност|"
              r"жиырма|отыз|қырық|кырык|елу|алпыс|жетпіс|жетпис|сексен|тоқсан|токсан|\d\d))")
#: a number from ten up, in Russian or Kazakh words or two digits: an age more than a count of things
_WITH_TEENS = (_WITH_TENS[:-2] + r"|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|"
               r"восемнадцат|девятнадцат|он\s))")
#: a round figure said in words, a sum's usual shape when its thousands go unsaid: «двести», «сто двадцать»,
#: «пятьдесят», «жүз елу»
_ROUND_FIGURE = (r"(?:сто|двести|триста|четыреста|пятьсот|шестьсот|семьсот|восемьсот|девятьсот|двадцать|тридцать|"
                 r"сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто|жүз|жуз|елу)")
#: a bare number written in groups of thousands, as whisper writes a sum said («набивал 300 000», «там был
#: 1 000 000», «15 000/кг»); scored below the identifiers a grouped number may also be (a phone, an IIN)
_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3}){1,3}")
_GROUPED_SCORE = 0.5
#: what makes a grouped number a code or a count rather than a sum: «№», «номер», a unit after it
_NOT_A_SUM_BEFORE = re.compile(r"(?:№|#|номер\w*|нөмір\w*|number|тел\w*|иин|жсн|iin)\s*:?\s*$", re.IGNORECASE)


def _paid_here(text: str, match: re.Match) -> bool:
    """Whether a word of paying stands right before this bare number («предлагал 50000»)."""
    paid = _PAID_NUMBER.search(text, max(0, match.start("id") - 40), match.end("id") + 12)
    return bool(paid) and paid.span("id") == (match.start("id"), match.end("id"))


def _grouped_sum(text: str, match: re.Match) -> bool:
    """A bare number in groups of thousands that is no count, code or year: a sum."""
    number = match["n"] or ""
    if match["mult"] or not _GROUPED.fullmatch(number) or _COUNTED.match(text, match.end("id")):
        return False
    if re.match(r"[ \u00a0]?\d", text[match.end("id"):match.end("id") + 2]):
        return False  # the start of a longer run of digits: a phone or an IIN said in groups
    return not _NOT_A_SUM_BEFORE.search(text[max(0, match.start("id") - 20):match.start("id")])


#: a bare number after a word of paying or offering is a sum: «предлагал 50000», «зарплата была 180000»
_PAID_NUMBER = re.compile(
    r"(?<!\w)(?:предлагал\w*|предложил\w*|просил\w*|требовал\w*|(?:за)?плат(?:ил|ишь|ит|ят|им)\w*|плачу|отдал\w*|получал\w*|"
    r"получает|зарплат\w*(?:\s+был[аио]?)?|выходит|взятк\w*|откат\w*|брал|брала|брали|берут|берёт|берет|взял|"
    r"взяли|давал\w*|кидал\w*)\s+(?:(?:мне|ему|им|ей|нам|по)\s+)?"
    r"(?!(?:19[5-9]\d|20[0-3]\d)(?!\d))(?P<id>\d{4,7})"
    r"(?![\d.,:/-]\d|\w|\s*(?:раз|человек|лет|год|км|кг|грамм|штук|%))", re.IGNORECASE)


#: «пару» (a couple) before a slang unit: «пару косарей», «пару лямов»
_COUPLE = re.compile(r"(?<!\w)(?:пару|пара|пары|paru|para)\s+$", re.IGNORECASE)
#: «пол-» or «пол» before a slang unit written on its own: «пол-ляма», «пол лимона»
_HALF_BEFORE = re.compile(r"(?<!\w)(?:пол|pol)[\s-]$", re.IGNORECASE)
_HALF_PREFIX = re.compile(r"(?:пол|pol)[\s-](?=\S)", re.IGNORECASE)
#: an age in English words, from ten to ninety-nine («nineteen», "forty-five")
_EN_AGE_WORDS = (r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
                 r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
                 r"seven|eight|nine))?)")
#: what after a number makes it a count or a sum, not somebody's age
_COUNT_OR_SUM_AFTER = r"тысяч|миллион|тенге|теңге|доллар|рубл|час|минут|человек|раз|мың|мын|жыл|лет|год"
_NOT_AN_AGE_AFTER = rf"(?:{_COUNT_OR_SUM_AFTER}|градус|процент|%|штук|км|кг|метр|дней|день|месяц|недел)"
#: the verb of being after an age said before it: «мне двадцать девять было», «ему сорок стукнуло»
_BEING_AFTER = re.compile(r"\s+(?:было|исполнилось|стукнуло|исполнится|будет)(?!\w)", re.IGNORECASE)
_YEARS_WORD = re.compile(r"(?<!\w)(?:лет|год\w*)(?!\w)", re.IGNORECASE)
_AGE_PATTERNS = [
    re.compile(rf"\b(?:мне|ему|ей|им|нам|вам|тебе|сыну|дочке|дочери|дочурке|внуку|внучке|брату|сестре|отцу|"
               rf"матери|маме|папе|дяде|дядьке|тёте|тете|деду|бабушке|жене|мужу|парню|пацану|девушке|мальчику|"
               rf"девочке|ребенку|ребёнку|женщине|мужчине|старику|задержанному|осужденному|осуждённому|"
               rf"потерпевшему|потерпевшей|погибшему|погибшей)\s+"
               rf"(?:(?:моему|моей|нашему|нашей|его|её|ее|тогда|уже|было|будет|исполнилось|только|всего|сейчас|"
               rf"почти|где-то|примерно|стукнуло|уж|самому|самой|же|ведь|ещё|еще|вот)\s+)*"
               rf"(?P<id>(?:(?:под|около|за)\s+)?(?P<n>{NUMBER})(?:\s+(?:годика|годиков|годик|года|год|лет))?)(?!\s*(?:тысяч|миллион|тенге|доллар|рубл|час|минут))",
               re.IGNORECASE),
    # a capitalised name in the dative and a number with tens at the clause's end: «Сабинаға тридцать девять.»,
    # «Жәкеңе уже за семьдесят», «Айданаға всего двадцать два, умница»
    re.compile(rf"(?<![\w-])[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:ға|ге|қа|ке|е|у)\s+(?i:(?:уже|всего|только|сейчас|тогда|"
               rf"было|почти|где-то|примерно)\s+)*(?P<id>(?i:(?:под|около|за)\s+)?(?P<n>{_WITH_TENS}(?i:{NUMBER}))"
               rf"(?i:\s+(?:года|год|лет))?)(?=\s*(?:[.,;!?)—]|$))"),
    re.compile(rf"\b(?:в\s+возрасте|возраст(?:ом)?)\s+(?P<id>(?P<n>{NUMBER})(?:\s+(?:год|года|лет))?)", re.IGNORECASE),
    re.compile(rf"\b(?P<id>(?P<n>{NUMBER})\s*-?\s*летн\w+)", re.IGNORECASE),
    # «оған жиырма үш жас еді» (she was 23), «қырық жас толды»: the bare «жас» with the verb of being or turning
    re.compile(rf"\b(?P<id>(?P<n>{NUMBER})\s+(?:жас|жас(?:ы|ым|тан)))(?=\s+(?:еді|едім|еди|едим|болды|болатын|болған|"
               r"болган|толды|толған|толган|шамасында|шамасы|шамасындағы)(?!\w))", re.IGNORECASE),
    # («балаларым алты және тоғыз жаста»: two children's ages, both said before the one «жаста»)
    re.compile(rf"\b(?P<id>(?:{NUMBER}\s+(?:және|жане|и|мен|или)\s+)?(?P<n>{NUMBER})\s+(?:жаста|жасымда|жасында|жасымнан|жасынан|жасқа|жастағы|жасар|жаста\w*|жасым\w*|"
               r"zhasta\w*|zhasymda|jasta\w*))",
               re.IGNORECASE),
    re.compile(rf"\b(?:I|he|she|we|they)(?:\s+(?:was|were|am|is|are|turned)|['’](?:s|m|re))\s*,?\s+"
               # (and speech's hedges: "he was maybe sixty back then", "she was, what, thirty-eight?")
               rf"(?:(?:only|just|about|already|nearly|almost|maybe|probably|like|around|roughly|what)\s*,?\s+)?"
               rf"(?P<id>(?P<n>{_EN_AGE_WORDS}|{NUMBER})(?:\s+something|\s+or\s+so)?)\b"
               rf"(?!\s*(?:am|pm|o'clock|dollars|bucks|tenge|percent|%|"
               rf"years?\s+in|minutes|hours|km|kilometers|meters|metres|times|of\s+them|people))",
               re.IGNORECASE),
    re.compile(rf"\b(?P<id>(?P<n>{NUMBER})\s+years?\s+old)\b", re.IGNORECASE),
    # an age by its decade: "he was in his fifties", "in her early thirties"
    re.compile(r"\bin\s+(?:his|her|their|my|your)\s+(?P<id>(?:(?:early|mid|late)[\s-]+)?(?P<n>twenties|thirties|"
               r"forties|fifties|sixties|seventies|eighties|nineties))\b", re.IGNORECASE),
    # a bare number with "or so" after a comma, as speech gives an age: "he was from kazaly, twenty-six or so."
    re.compile(rf",\s+(?P<id>(?P<n>{_EN_AGE_WORDS}))\s+or\s+so(?=\s*[.,;!?])", re.IGNORECASE),
    # a person and a bare number, as whisper writes speech: "a boy about nineteen", "a girl of fifteen", "my son,
    # seventeen": no unit after it, or it would be a distance or a sum
    re.compile(rf"\b(?:boy|girl|guy|kid|lad|teenager|son|daughter|man|woman)\s*,?\s+(?:of\s+|about\s+|around\s+|"
               rf"aged\s+|maybe\s+)?(?P<id>(?P<n>{_EN_AGE_WORDS}))\b"
               r"(?!\s*(?:years?\s+(?:ago|in|later|of)|months?|days?|weeks?|meters|metres|km|kilometers|kilos|kg|"
               r"grams|dollars|bucks|tenge|thousand|hundred|percent|times|of\s+them|people|men|guys))", re.IGNORECASE),
    # Kazakh, and Kazakh mixed with Russian numbers: «жасы тридцать шамасында» (his age about thirty), «қырық бестің
    # шамасында» (about forty-five), «жиырма бес едім» / «двадцать тоғыз едім» (I was 25, 29): only a number with
    # tens, so that «бір едім» (I was alone) and «сағат бестің шамасында» (about five o'clock) stay
    # (and its round figure in the plural: «жасы қырық бестерде», about forty-five)
    re.compile(rf"(?<!\w)(?:жасы|жасым|жасың|жасыңыз|жасы\s+шамамен)\s+(?P<id>(?:(?:под|около|за)\s+)?(?P<n>{NUMBER})"
               r"(?:терде|тарда|дерде|дарда|лерде|ларда)?)(?!\w)"
               r"(?!\s*(?:жыл|ай|күн|кун|тенге|теңге|мың|мын))", re.IGNORECASE),
    re.compile(rf"(?<!сағат\s)(?<!сагат\s)(?<!\w)(?P<id>(?P<n>{_WITH_TENS}{NUMBER})"
               r"(?:дің|тің|нің|ның|дың|тың|дин|тин|нин|ның)\s+шамасында)(?!\w)", re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<id>(?P<n>{_WITH_TENS}{NUMBER}))\s+(?:едім|едим|едің|едиң|едіңіз|едиңиз)(?!\w)",
               re.IGNORECASE),
    re.compile(rf"\baged\s+(?P<id>(?P<n>{NUMBER}))\b", re.IGNORECASE),
    # «жиырма бестегі кезімде» (when I was twenty-five): a number with tens in the locative before «кез» (the time)
    # or before a person («отыз бестегі жігіт», a man of thirty-five)
    re.compile(rf"(?<!\w)(?P<id>(?P<n>{_WITH_TENS}{NUMBER})(?:дегі|тегі|дағы|тағы|деги|теги|дагы|тагы))"
               r"(?=\s+(?:кез|шақ|шак|жігіт|жигит|адам|әйел|әйелмен|аел|кісі|киси|азамат|еркек|келіншек|келиншек|"
               r"қыз|кыз|бала|жас\s+жігіт|ер\s+адам)\w*"
               # or before a name and the respect it is said with: «алпыс бестеги камшат апа»
               r"|\s+[а-яәғқңөұүһіА-ЯӘҒҚҢӨҰҮҺІ]+\s+(?:апа|апай|ағай|агай|аға|ага|әже|аже|ата|көке|коке)(?!\w))",
               re.IGNORECASE),
    # «парень лет в 18»: an age said the approximate way
    re.compile(rf"(?<!\w)(?P<id>лет\s+(?:в|под)\s+(?P<n>{NUMBER}))(?!\w)(?!\s*(?:лет|год\w*|назад|тому|раз\w*))",
               re.IGNORECASE),
    # a note's «секретарь РОП, под 50»: "about" and a number with tens, alone after a comma
    re.compile(rf",\s+(?P<id>(?:под|около|за)\s+(?P<n>{_WITH_TENS}{NUMBER}))(?=\s*(?:[,;)\n»\"]|\.(?!\d)|$))",
               re.IGNORECASE),
    # «маған сол кезде қырық болды» (I was forty then): a person in the dative and a number with tens «болды»
    re.compile(rf"(?<!\w)(?:маған|оған|бізге|саған|сізге|мага|ога)\s+(?:(?:сол|ол)\s+кезде\s+|тогда\s+|сонда\s+|"
               rf"қазір\s+|казир\s+)?(?P<id>(?P<n>{_WITH_TENS}{NUMBER}))(?:\s+(?:болды|болған|болган|болатын|еді|толды)"
               r"(?!\w)|(?=\s*[,.;]))", re.IGNORECASE),
    # a note's respondent by sex, a comma and a bare two-digit number: «Resp. KZ-R11, ж, 52.», «(ж, ~40)», «м, 60+»
    # (and with a dot: «М., ~45, б. опер»)
    re.compile(r"(?<![\w-])(?:ж|м|Ж|М|муж|жен|f|m|F|M)\.?\s*,\s+(?P<id>(?:~\s?|под\s+|около\s+)?(?P<n>[1-9]\d)\+?)"
               r"(?=\s*(?:[,;)\n]|\.(?!\d)|$))"),
    # a note's rough age alone between separators, after a role or a place: «KRG-17 | бывш. следователь | ~60»,
    # «чабан, ~45, пасёт у границы» (not before a unit: «~50 человек», «~20 мин», «~300к»)
    re.compile(r"(?:(?<=[,|/])|^)[ \t]*(?P<id>~[ \t]?(?P<n>[1-9]\d)\+?)(?=[ \t]*(?:[,;|\n]|\.(?!\d)|$))",
               re.MULTILINE),
    # a note's "y.o.": «Resp. 49 y.o.», «сын 17 y/o»
    re.compile(r"(?<![\w.])(?P<id>(?P<n>[1-9]\d)\s?(?:y\.\s?o\.?|y/o|yo|yrs?\s+old)(?!\w))", re.IGNORECASE),
    # a note's respondent by code and the age in brackets: «P13 (~45)», «R (таксист, 52)», «R-41 (ж, 60+)»
    # («R. (62, б. инспектор парка)»: the age first, then who the respondent was)
    re.compile(r"(?<![\w-])(?:[A-ZА-Я]{1,4}-?\d{1,3}|R\.?|P\.?|Р\.|Resp\.?|Респ\.?)\s*\(\s*(?:[а-яёa-z]+\s*,\s*)?"
               r"(?P<id>~?\s?(?P<n>[1-9]\d)\+?)\s*[),]"),
    # a note's person by nationality, a comma and a bare two-digit number: «Ким Вячеслав, кореец, 55.», «немка, 26»
    # and by who they are: «учительница, 44.», «Ученик (16) задержан», «Resp. (70) сосед», "Mother 78, bedridden"
    re.compile(r"(?<!\w)(?:кореец|кореянка|казах|казашка|русский|русская|немец|немка|узбек|узбечка|уйгур|уйгурка|"
               r"татарин|татарка|украинец|украинка|дунганин|дунганка|чеченец|чеченка|турок|турчанка|армянин|армянка|"
               r"азербайджанец|таджик|таджичка|кыргыз|киргиз|киргизка|мужчина|женщина|парень|девушка|ученик|ученица|"
               r"учительница|учитель|пенсионер|пенсионерка|врач|водитель|продавщица|продавец|сосед|соседка|сын|дочь|"
               r"мать|отец|брат|сестра|жена|муж|resp\.?|респ\.?|mother|father|son|daughter|wife|husband)"
               r"(?:\s*,\s*|\s*\(\s*|\s+)"
               r"(?P<id>(?:~\s?)?(?P<n>[1-9]\d)\+?)(?=\s*(?:[,;)\n]|\.(?!\d)|$))", re.IGNORECASE),
    # a young person, a comma and a bare number: «Мальчик, пятнадцать, передоз», «студентка, девятнадцать»
    re.compile(rf"(?<!\w)(?:мальчик|мальчишка|девочка|девчонка|парень|пацан|девушка|подросток|сын|дочь|дочка|"
               rf"студент|студентка|школьник|школьница|бала|ұл|қыз)\s*,\s+(?:лет\s+)?"
               rf"(?P<id>(?P<n>{_WITH_TEENS}{NUMBER}))(?=\s*[,.;])", re.IGNORECASE),
    # a number with tens and the bare «жас» (years of age), after a name or in a list: «Айгүл, қырық бір жас,»,
    # «пятьдесят бір жас» (not «бір жас жігіт», a young man)
    re.compile(rf"(?<!\w)(?P<id>(?P<n>{_WITH_TENS}{NUMBER})\s+жас)(?!\w)(?!\s+(?:жігіт|жигит|бала|қыз|кыз|адам|кезі))",
               re.IGNORECASE),
    # a person named in a Kazakh dative, then the age in Russian: «Володяға сейчас пятьдесят два», «аружанға
    # тогда было всего девятнадцать»
    re.compile(rf"(?<!\w)[а-яёәғқңөұүһі]{{3,}}(?:ға|ге|қа|ке|га|ка)\s+(?:сейчас|тогда|уже|қазір|казир)\s+"
               rf"(?:было\s+)?(?:всего\s+|только\s+|уже\s+)?(?P<id>(?P<n>{NUMBER}))(?!\w)"
               rf"(?!\s*(?:{_COUNT_OR_SUM_AFTER}))",
               re.IGNORECASE),
    # a man named in the Russian dative and a number with tens he was or is: «айдару было двадцать пять»,
    # «данияру двадцать два всего» (not after a preposition: «в лесу было двадцать градусов»)
    re.compile(rf"(?<!\w)(?<!в\s)(?<!на\s)(?<!по\s)(?<!к\s)[а-яё]{{3,}}(?:у|ю)\s+(?:тогда\s+|уже\s+|сейчас\s+)?"
               rf"(?:было|исполнилось|стукнуло)\s+(?:всего\s+|только\s+|уже\s+|почти\s+)?"
               rf"(?P<id>(?:(?:под|около|за)\s+)?(?P<n>{_WITH_TENS}{NUMBER}))(?!\w)(?!\s*{_NOT_AN_AGE_AFTER})",
               re.IGNORECASE),
    re.compile(rf"(?<!\w)(?<!в\s)(?<!на\s)(?<!по\s)(?<!к\s)[а-яё]{{3,}}(?:у|ю)\s+"
               rf"(?P<id>(?P<n>{_WITH_TENS}{NUMBER}))\s+(?:всего|только|было|исполнилось)(?!\w)", re.IGNORECASE),
    # «вере тогда было под сорок», «Лариса Петровна тогда уже семьдесят была»: a number with tens when somebody
    # was, with no unit after it
    re.compile(rf"(?<!\w)(?:тогда|уже|сейчас)\s+(?:было|будет|исполнилось|стукнуло)\s+(?:уже\s+|всего\s+|почти\s+)?"
               rf"(?P<id>(?:(?:под|около|за)\s+)?(?P<n>{_WITH_TENS}{NUMBER}))(?!\w)(?!\s*{_NOT_AN_AGE_AFTER})",
               re.IGNORECASE),
    re.compile(rf"(?<!\w)(?:тогда|уже|сейчас)\s+(?:уже\s+)?(?P<id>(?:(?:под|около|за)\s+)?(?P<n>{_WITH_TENS}{NUMBER}))"
               r"\s+(?:был|была|было|будет)(?!\w)", re.IGNORECASE),
    # a grown-up and an approximate number with tens: «привезли мужчину, примерно пятьдесят,», «мужчина около 40
    # избил жену», «водителю было под шестьдесят»
    re.compile(rf"(?<!\w)(?:мужчин[аыуе]?|мужчиной|женщин[аыуе]?|женщиной|мужик[аеу]?|парн[яюе]|парень|старик[аеу]?|"
               rf"бабк[аиуе]|тётк[аиуе]|тетк[аиуе]|дядьк[аиуе]|водител[ьюяем]|водителю)\s*,?\s+(?:было\s+)?"
               rf"(?P<id>(?:примерно|около|под|где-то|где\s+то|лет|за)\s+(?P<n>{_WITH_TENS}{NUMBER}))(?!\w)"
               rf"(?!\s*{_NOT_AN_AGE_AFTER})", re.IGNORECASE),
    # «ему было лет сорок», «мне тогда было лет тридцать пять»: somebody's age, approximate («лет» first)
    re.compile(rf"(?<!\w)(?:мне|ему|ей|им|тебе|было|будет|исполнилось|стукнуло)\s+(?:тогда\s+|уже\s+|где-то\s+)?"
               rf"(?:было\s+)?(?P<id>лет[.…]*\s+(?P<n>{_WITH_TENS}{NUMBER}))(?!\w)(?!\s*{_NOT_AN_AGE_AFTER})",
               re.IGNORECASE),
    # the Kazakh "to me", "to him" and a Russian age from ten up with the verb of being, said code-switching:
    # «маған ол кезде восемнадцать был» (not «маған бір адам хабарласты», one man called me)
    re.compile(rf"(?<!\w)(?:маған|оған|маган|оган)\s+(?:(?:ол|сол)\s+кезде\s+|тогда\s+|уже\s+)?"
               rf"(?P<id>(?P<n>{_WITH_TEENS}{NUMBER}))\s+(?:был|было|была|еді|еди|болатын|болды)(?!\w)", re.IGNORECASE),
    # the number first, then whose age it is: «сейчас жетпіс екі ему», «сорок пять ей было тогда» (from ten up, where
    # the clause opens with it or «сейчас», «тогда» say when: not «я отдал пятьдесят ему», a sum)
    re.compile(rf"(?:^|(?<=[.,;!?—]\s)|(?<!\w)(?:сейчас|тогда|уже|кезде|қазір|казир)\s+)"
               rf"(?P<id>(?P<n>{_WITH_TEENS}{NUMBER}))\s+(?:ему|ей|мне|им)(?:\s+(?:уже|тогда|было|был|была|"
               rf"исполнилось|стукнуло))*(?=\s*(?:[.,;!?)—]|$))", re.IGNORECASE | re.MULTILINE),
    # «парня лет тридцати», «женщина лет сорока пяти»: «лет» and the genitive, said only of somebody's age
    re.compile(r"(?<!\w)(?P<id>лет\s+(?P<n>(?:двадцати|тридцати|сорока|пятидесяти|шестидесяти|семидесяти|"
               r"восьмидесяти|девяноста)(?:\s+(?:одного|двух|трёх|трех|четырёх|четырех|пяти|шести|семи|восьми|"
               r"девяти))?))(?!\w)", re.IGNORECASE),
]
#: Kazakh «он» (ten) is read as a number only before a Kazakh unit: «он жыл», «он жеті жас», «он мың»
_KAZAKH_TEN = re.compile(rf"(?<!\w)(?P<id>он(?:\s+(?:{'|'.join(KAZAKH_UNITS)}))?\s+(?P<unit>жыл\w*|жас\w*|"
                         # «он мың теңге»: the currency after the thousands is the same sum
                         r"(?:мың\w*|мын\w*)(?:\s+(?:теңге|тенге|тг|доллар|сом|юань|рубль)\w*)?|теңге\w*|күн\w*|кун\w*|ай(?=\s+бойы)|айға|айдан|айдай|айлық|тәулік\w*|тәулик\w*|"
                         r"тауліг\w*|таулик\w*|апта\w*)(?:\s+жарым\w*)?)(?!\w)", re.IGNORECASE)
#: a bare number: said again without its unit, it is the same kind of quantity as the one just before or after
#: («просил девять лет а дали шесть», "they gave me seven but i served four and a half")
_BARE = re.compile(rf"(?<![\w$₸€.,:/'’-])(?P<id>(?:{NUMBER})(?!\d)(?:\s+(?:с\s+)?половин\w*|\s+and\s+a\s+half)?)"
                   r"(?![.,:/-]?\w)", re.IGNORECASE)  # never a digit cut off a number: «2» of «23-й», «семь» of «семьи»
#: words that make a bare number a term without any other quantity nearby («дали шесть», "i did five")
_TERM_VERBS = re.compile(r"(?:дали|дала|дал|дадут|отсидел\w*|сидел\w*|отбыл\w*|получил\w*|впаяли|влепили|берді|беріпті|"
                         r"(?:по)?сади(?:ли|л|ть)\s+на|осуди(?:ли|л)\s+на|закрыли\s+на|сел\s+на|села\s+на|"
                         r"отырдым|отырды|отырған|gave\s+(?:me|him|her)|served|did|got|dali|otsidel|sidel)\s+$",
                         re.IGNORECASE)
#: words after a number of years that make it a sentence, not an age: «мне два года условно», «ему реально три»
_TERM_AFTER = re.compile(r"\s+(?:условно|условного|реально|реального|строгого|общего|особого|колонии|лишения|"
                         r"ограничения|шартты|шартты түрде|suspended|probation)(?!\w)", re.IGNORECASE)
#: the kind of a sentence after its length, which goes with it: «3 года условно», «2 года ограничения свободы»,
#: «2 г. огранич. свободы», «пять лет строгого», «три года колонии-поселения», «алты жыл қатаң режим», «бес жыл
#: шартты», "two years suspended"
KIND_OF_TERM = re.compile(r"(?<=\w)\.?\s+(?:условно|условного|шартты(?:\s+түрде|\s+turde)?|uslovno|suspended"
                          r"|shartty|şartty|sharty|усл\.(?!\w)|реально|реального"
                          r"|(?:строгого|общего|особого|усиленного|strogogo|obshchego|obshego)(?:\s+(?:режима|rezhima))?"
                          r"|колони[ия][-\s]поселения|(?:қатаң|катан|жалпы|ерекше|qatań|qatan|katan)\s+режим\w*"
                          r"|(?:strict|general|maximum)[-\s](?:regime|security)"
                          r"|(?:ограничени[яе]|огранич\.?|лишени[яе]|лиш\.?|ogranicheniya|lisheniya)\s+"
                          r"(?:свободы|своб\.?|svobody)|бас\s+бостандығын\s+шектеу|бас\s+бостандығынан\s+айыру)(?!\w)",
                          re.IGNORECASE)
#: a verb of sentencing after a bare number: «Последний раз пять с половиной дали»
_TERM_VERBS_AFTER = re.compile(r"\s+(?:дали|дал|дала|дадут|впаяли|влепили|получил\w*|отсидел\w*|отмотал\w*|берді|"
                               r"беріпті|dali|poluchil)(?!\w)", re.IGNORECASE)
_ANCHOR_WINDOW = 90  # characters: the same sentence or the next one
_YEAR_PREPOSITION = re.compile(r"(?<!\w)(?:in|since|в|с|до|после)\s+$", re.IGNORECASE)
_ARTICLE_AFTER = re.compile(r"\s+(?:на|to)\s+\d{3}(?!\d)|,?\s*(?:ч\.|ч\s*\d|УК|КоАП|бап)", re.IGNORECASE)
#: what makes a bare number an article of a code: «ст. 297», «статья 366, 367», «ч. 2», «с 297 на (296)»
_ARTICLE_BEFORE = re.compile(r"(?:(?<!\w)(?:ст|стать\w*|ч|п|пп|бап\w*|st|article)\.?\s*(?:\d{1,3}(?:-?\w{1,2})?\s*"
                             r"(?:,|и|or|and)\s*)*|(?<!\w)(?:с|from)\s+\d{3}\s+(?:на|to)\s+)$", re.IGNORECASE)
#: the preposition an article's bare number takes: «задержан по 296»
_BY_ARTICLE = re.compile(r"(?<!\w)(?:по|po)\s+$", re.IGNORECASE)
#: a counted noun just before a bare number: «человек 300», «штук 20» (not «раз»: «последний раз пять дали»)
_COUNT_BEFORE = re.compile(r"(?<!\w)(?:человек|людей|штук|адам|кісі|машин|голов|гектаров|гектара|соток|сотки|тонн|"
                           r"мешков|литров|километров|метров|кг|км|га)\s+$", re.IGNORECASE)
_ELLIPTICAL_SCORE = 0.5
_KK_TENS_ABOVE_TEN = ("жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан",
                      # as a Russian keyboard or whisper writes them: «жетпис екиде»
                      "жыйырма", "кырык", "жетпис", "токсан", "жигирма")
_KK_LOCATIVE = "(?:да|де|та|те)"
#: a Kazakh age said with the locative, "at 29": «жиырма тоғызда қайтыс болды», «қырықта», «он жетіде»; tens only
#: (a bare «бесте» is as often five o'clock, «онда» is "there", «бірде» "once"), not after «сағат»
_KK_TENS = "(?:" + "|".join(_KK_TENS_ABOVE_TEN) + ")"
#: with the copula, "I am 52": «елу екідемін», «он жетідемін»; and the dative before reaching an age: «отыз беске
#: келдім», «елуге толды»
_KK_COPULA = "(?:мын|мін|мин|сың|сің|сыз|сіз)"
_KK_DATIVE = "(?:ге|ке|ға|қа|га|ка)"
_KAZAKH_LOCATIVE_AGE = re.compile(
    rf"(?<!сағат )(?<!\w)(?P<id>(?:(?:он|{_KK_TENS})\s+(?:{'|'.join(KAZAKH_UNITS)}){_KK_LOCATIVE}"
    rf"|{_KK_TENS}{_KK_LOCATIVE}){_KK_COPULA}?)(?!\w)(?!\s+(?:сағат|жыл|минут))"
    rf"|(?<!сағат )(?<!\w)(?P<reached>(?:(?:он|{_KK_TENS})\s+(?:{'|'.join(KAZAKH_UNITS)})|{_KK_TENS}){_KK_DATIVE})"
    r"(?=\s+(?:кел(?:ді|дім|ген|іп|ip)|келмеген|келмей\w*|толд\w*|толған\w*|толган\w*|толмаған|толмаган|толып|толса\w*|толам|толады"
    # «жетпіске жақындадым» (nearing seventy), «елуге таяп қалды»
    r"|жа[қк]ында\w*|таяп|таяды|таяған\w*)"
    r"(?!\w))", re.IGNORECASE)
#: «жетпістен асқан», «кырык бестен асып кеткен»: over an age
_KAZAKH_OVER_AGE = re.compile(rf"(?<!\w)(?P<id>(?:(?:он|{_KK_TENS})\s+(?:{'|'.join(KAZAKH_UNITS)})|{_KK_TENS})"
                              r"(?:тен|тан|ден|дан|нен|нан)\s+(?:жаңа\s+|жана\s+|енді\s+|ғана\s+)?(?:асқан|асты|аса|асып|аскан))",
                              re.IGNORECASE)
#: an age in the possessive "my", "at my eighteen": «он сегізімде», «жиырмамда», «отыз бесімде» (the third
#: person, «он сегізінде», is as often a day of a month)
_KAZAKH_MY_AGE = re.compile(rf"(?<!\w)(?P<id>(?:(?:он|{_KK_TENS})\s+(?:{'|'.join(KAZAKH_UNITS)})|{_KK_TENS})"
                            r"(?:ім|ым|им|м)(?:де|да|нен|нан))(?!\w)", re.IGNORECASE)
#: ages said roughly, each read only where the word that rounds it is in the text (each would otherwise try every
#: number of a long transcript): the Russian suffixes and «болатын», the Kazakh postpositions and ranges
_ROUGH_AGES = [
    # an age rounded by what follows it: «виктору сорок с хвостиком.», «ей шестьдесят с лишним,», «ему жиырма с
    # чем-то»; only before a stop or a verb of being, since «сорок с лишним лет» may be a length of service
    (("хвостик", "лишн", "лишк", "чем", "небольш", "копейк", "гаком"),
     re.compile(rf"(?<!\w)(?P<id>(?P<n>{_WITH_TENS}{NUMBER})\s+с\s+(?:хвостиком|лишним|лишком|чем-то|чем\s+то|"
                r"небольшим|копейками|гаком))(?=\s*(?:[,.;:!?)]|$)|\s+(?:был|была|было|будет|болатын|еді|еди)(?!\w))",
                re.IGNORECASE)),
    # a number with tens and the Kazakh "was" after it: «я тогда жиырма бес болатын», «ол под пятьдесят болатын»
    (("болатын", "болған", "болган", "болды"),
     re.compile(rf"(?<!\w)(?P<id>(?:(?:под|около|за|примерно)\s+)?(?P<n>{_WITH_TENS}{NUMBER}))\s+(?:болатын|болған|"
                r"болган|болды)(?!\w)", re.IGNORECASE)),
    # Kazakh ages said roughly: «қырықтың ар жағында» (past forty), «отыздың о жақ бұ жағында» (thirty or so),
    # «кырык шамасында», «жиырма бестер шамасында» (about twenty-five); tens only, and never after «сағат»
    (("жағында", "жагында", "жагинда", "шамас", "үстінде", "устинде"),
     re.compile(rf"(?<!сағат\s)(?<!сагат\s)(?<!\w)(?P<id>(?P<n>{_KK_TENS}(?:\s+(?:{'|'.join(KAZAKH_UNITS)}))?)"
                r"(?:дің|тің|нің|ның|дың|тың|дин|тин|нин|тер|тар|дер|дар|лер|лар)?\s+(?:ар\s+жа[қк]\s+бер\s+жа[ғг]ында|"
                r"ар\s+жағында\w*|үстінде|устинде|үстiнде|"
                r"ар\s+жагында\w*|ар\s+жагинда\w*|о\s+жақ\s+бұ\s+жағында|о\s+жак\s+бу\s+жагында|шамасында|шамасинда|"
                r"шамасы))(?!\w)", re.IGNORECASE)),
    # «отызға жақын» (near thirty), «сексенге таяу», «елуге жетпеген» (not yet fifty): the word that rounds it too
    # («елуге таяп қалған», «қырыққа тарта», «алпысқа таман»: nearing it)
    (("жақын", "жакын", "таяу", "жетпе", "таяп", "тарта", "таман"),
     re.compile(rf"(?<!сағат\s)(?<!сагат\s)(?<!\w)(?P<id>(?P<n>{_KK_TENS}(?:\s+(?:{'|'.join(KAZAKH_UNITS)}))?)"
                rf"{_KK_DATIVE}\s+(?:жақын|жакын|таяу|таяп|тарта|таман|жетпеген|жетпей|жетпеді))(?!\w)",
                re.IGNORECASE)),
    # Kazakh age ranges before «жас»: «қырық-алпыс жас аралығындағы», «отыз бес-қырық жастағы»
    (("жас",),
     re.compile(rf"(?<!\w)(?P<id>(?P<n>{_KK_TENS}(?:\s+(?:{'|'.join(KAZAKH_UNITS)}))?)\s*[-–]\s*{_KK_TENS}"
                r"(?:\s+(?:" + "|".join(KAZAKH_UNITS) + r"))?\s+жас\w*)", re.IGNORECASE)),
]
#: part of a Kazakh term served, by a collective numeral: «сегіз жыл берді, төртеуін отырдым» (I served four of
#: them); and the last years of a service: «соңғы алты жылы»
_KAZAKH_COLLECTIVES = {"екеу": 2, "үшеу": 3, "ушеу": 3, "төртеу": 4, "тортеу": 4, "бесеу": 5, "алтау": 6, "жетеу": 7}
_KAZAKH_PART_SERVED = re.compile(
    r"(?<!\w)(?P<id>(?:" + "|".join(_KAZAKH_COLLECTIVES) + r")(?:ін|ин|ы|і|и|ді|ди|ын)?)\s+"
    r"(?:отырдым|отырды|отырдық|отырған|отырып|өтедім|өтеді|отедим)(?!\w)"
    rf"|(?<!\w)(?:соңғы|сонгы|соңгы)\s+(?P<last>(?:(?:{'|'.join(KAZAKH_TENS)})\s+)?(?:{'|'.join(KAZAKH_UNITS)})\s+"
    r"жыл(?:ы|ын|да)?)(?!\w)", re.IGNORECASE)
#: prison slang for a term, after a verb of sentencing: «дали пятёрку», «впаяли червонец», "dali desyatku"
_SLANG_TERMS = {"двушк": 2, "трёшк": 3, "трешк": 3, "пятёрк": 5, "пятерк": 5, "семёрк": 7, "семерк": 7,
                "восьмёрк": 8, "восьмерк": 8, "десятк": 10, "червон": 10, "пятнашк": 15, "четвертак": 25,
                "dvushk": 2, "tryoshk": 3, "treshk": 3, "pyatyork": 5, "pyaterk": 5, "pyatiork": 5, "semyork": 7,
                "semerk": 7, "vosmyork": 8, "vosmerk": 8, "desyatk": 10, "chervon": 10, "pyatnashk": 15,
                "chetvertak": 25}
_SLANG_TERM = re.compile(
    r"(?:дали|дал|дадут|получил\w*|впаяли|влепили|светит|светила|отсидел\w*|отмотал\w*|отбыл\w*|dali|dal|poluchil|"
    r"otsidel|vpayali|svetit)\s+(?:ему\s+|мне\s+|ей\s+|им\s+|emu\s+|mne\s+)?(?P<id>(?:"
    + "|".join(sorted(_SLANG_TERMS, key=len, reverse=True)) + r")\w*)"
    r"|(?<!\w)(?P<before>(?:" + "|".join(sorted(_SLANG_TERMS, key=len, reverse=True)) + r")\w*)\s+"
    r"(?:дали|дал|дала|дадут|впаяли|влепили|отсидел\w*|отмотал\w*|оттянул\w*|отбыл\w*|dali|dal|otsidel\w*)(?!\w)",
    re.IGNORECASE)  # «ему пятнашку дали», «десятку отсидел»
_BARE_SLANG = re.compile(r"(?<!\w)(?P<id>(?:" + "|".join(sorted(_SLANG_TERMS, key=len, reverse=True)) + r")\w*)",
                         re.IGNORECASE)
#: a unit before its number, the Russian way of saying "about": «часов пять», «лет десять», «тысяч двести»
_INVERTED = re.compile(
    rf"(?<!\w)(?P<id>(?P<unit>часов|часа|дней|дня|суток|недель|недели|месяцев|месяца|лет|года|тысяч|тысячи|"
    rf"миллионов|лимонов|лямов)\s+(?:на\s+)?(?P<n>{NUMBER}))(?![\w-])(?![./]\d)(?!\s*(?:назад|тому|бұрын|ago))"
    # «миллион двести» (a million and two hundred thousand), «миллиона три» (about three million): Russian words only,
    # so that a Kazakh number after «миллион» is never read into it
    rf"|(?<!\w)(?P<million>(?P<munit>миллион|лимон|лям)\s+(?P<mn>двести|триста|четыреста|пятьсот|шестьсот|семьсот|"
    rf"восемьсот|девятьсот|сто)|(?P<munit2>миллиона|лимона|ляма)\s+(?P<mn2>два|три|четыре|полтора))(?!\w)",
    re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:мне|ему|ей|им|нам|было|исполнилось|стукнуло)\s+(?:\w+\s+)?$", re.IGNORECASE)
#: the same said after the number: «лет 23 ему было»
_AGE_AFTER = re.compile(r",?\s+(?:ему|ей|мне|им|тебе)\s+(?:тогда\s+|уже\s+)?(?:было|был|будет|исполнилось)(?!\w)",
                        re.IGNORECASE)
#: one unit of time held or served, said without its number: «держали сутки», «продержали неделю», «отсидел год»
_ONE_UNITS = r"сутки|неделю|месяц|год|ночь|sutki|nedelyu|mesyats|god|noch|тәулік|таулик|тәулiк"
#: (and the other way round, as Russian and Kazakh say it: «меня сутки держали», «тәулік ұстады»)
_ONE_UNIT_HELD = re.compile(
    r"(?<!\w)(?:держали|продержали|сидел\w*|отсидел\w*|просидел\w*|провёл|провел\w*|derzhali|proderzhali|"
    r"sidel\w*|otsidel\w*|стоишь|стоял\w*|ұстады|ұстап|устады|устап)\s+"
    r"(?:(?:там|меня|его|нас|их|ещё|еще|menya|ego|nas|tam)\s+)?"
    rf"(?P<id>{_ONE_UNITS})(?!\w)(?!\s+(?:назад|тому|nazad|бұрын))"
    rf"|(?<!\w)(?P<before>{_ONE_UNITS})\s+(?:(?:меня|его|нас|их|там|мені|оны|бізді)\s+)?"
    r"(?:держали|продержали|продержат|держат|сидел\w*|просидел\w*|ұстады|ұстап|устады|устап|қамады|камады|"
    r"отсидел\w*)(?!\w)",
    re.IGNORECASE)
_ONE_UNIT_YEARS = {"сут": 1 / 365, "sut": 1 / 365, "ноч": 1 / 365, "noc": 1 / 365, "нед": 1 / 52, "ned": 1 / 52,
                   "мес": 1 / 12, "mes": 1 / 12, "год": 1.0, "god": 1.0, "тәу": 1 / 365, "тау": 1 / 365}
#: a rate of pay said with no currency: «грузчиком за сто двадцать в месяц», «за пять тысяч в день»
_RATE = re.compile(rf"(?<!\w)(?:за|получал\w*|получает|зарабатывал\w*|платил\w*|платят|платили)\s+"
                   rf"(?P<id>(?:{NUMBER})(?:\s+тысяч\w*)?)\s+в\s+(?:месяц|день|сутки|неделю|смену)(?!\w)"
                   # a note's «120 т./мес», «80к/мес»: thousands a month
                   r"|(?<![\w.,])(?P<short>\d{1,4}\s?(?:т\.|тыс\.?|к|k))\s*/\s*(?:мес|день|дн|сут|нед|смен)"
                   # a pay in thousands said bare before its period: «работаю на стройке, 8000 в день»
                   r"|(?<![\w.,:/-])(?!(?:19|20)\d\d(?!\d))(?P<pay>\d{1,3}[ \u00a0]?\d{3}|\d{4,6})(?=\s+(?:в|за)\s+"
                   r"(?:месяц|день|сутки|неделю|смену|час)(?!\w)(?!\s+рожд))",
                   re.IGNORECASE)
#: a price said with slang or «по … за»: «стоила пятёрку», «брали по три с половиной за грамм», «с фуры штуку»
_MONEY_SLANG = (r"(?:пят[её]рк\w*|десятк\w*|двадцатк\w*|тридцатк\w*|штук[уаие]|косар\w*|сотк[уие]|сотен\w*|"
                r"садк[уие]|сатк[уие]|"  # whisper's «сотку»
                r"пятихатк\w*|полтинник\w*|полтос\w*|стольник\w*|"
                r"pyat[eyo]rk\w*|desyatk\w*|shtuk[ua]|kosar\w*|sotk[ui]|dva[dt]ca?tk\w*|tri[dt]ca?tk\w*|"
                r"pyatik?hatk\w*|poltinnik\w*|poltos\w*|stol'?nik\w*)")
#: money slang typed in messenger Latin, where whoever types it means money: "zhenke nesi srazu sotku", "bez sotki
#: tam nikto ne proedet", "platili 2 kuska za klad", "voz'mi pyaterku na benzin" (not a plot's «соток», a term's
#: «dali pyaterku» or "pyaterku let", nor "kusok" with no number: a piece of bread)
_LATIN_MONEY_SLANG = re.compile(
    r"(?<![\w'])(?<!dali\s)(?<!dadut\s)(?<!dayut\s)(?<!vpayali\s)(?<!vlepili\s)(?<!poluchil\s)(?<!otsidel\s)"
    r"(?P<id>(?:(?:po\s+)?(?:dve|dva|tri|pyat|[2-9])\s+)?(?:sotk[uiae]|pyat[eyo]rk[uae]|pyatik?hatk[uiae])"
    r"|(?:po\s+kusku|(?:dva|tri|pyat|[2-9])\s+kusk[ai]))"
    r"(?:\s+(?:somov|som|tenge|tg|dollarov|baksov|bucks|rubley|rublei|zelenyh|zelenykh|evro))?(?![\w'])"
    r"(?!\s+(?:let|goda|god|zemli|uchastk\w*|sotok|gektar\w*|strogogo|obshego|rezhima))", re.IGNORECASE)
#: a bare figure after a verb of paying or a debt, typed in messenger Latin, where no currency is said: "zhandos
#: skinul 300 na kaspi", "platyat 350", "kuka daet 35 i to s trudom", "u slavika dolg 120" (not "dali 5 let")
_LATIN_PAID_FIGURE = re.compile(
    r"(?<![\w'])(?:skinul\w*|skin'?|perevel\w*|perevodil\w*|platyat|platit|plachu|platili|platil\w*|zaplatil\w*|"
    r"daet|dayut|davali|prosit|prosil\w*|trebuet|trebovali|otdal\w*|zanes\w*|zanosil\w*|dolg|dolga|dolgu)\s+"
    r"(?:emu\s+|mne\s+|im\s+|ei\s+|nam\s+)?(?P<id>[1-9]\d{1,6})(?![\d.,:/'-]?\d)(?![\w'])"
    r"(?!\s*(?:%|let|goda|god|chelovek|kg|kilo\w*|gramm\w*|grammov|shtuk|raz|km|metr\w*|minut\w*|chas\w*|dnei|"
    r"dney|sutok|mesyac\w*|procent\w*|tonn\w*|litr\w*)(?![\w']))", re.IGNORECASE)
#: the other price said right after one: «пятёрку, иногда десятку», «штуку или две»
_OTHER_PRICE = re.compile(rf",?\s+(?:иногда|или|а\s+то\s+и|а\s+иногда|бывало|бывает|реже)\s+"
                          rf"(?P<id>(?:(?:две|два|три|пять)\s+)?{_MONEY_SLANG})(?!\w)", re.IGNORECASE)
_PRICE = re.compile(  # every branch begins a word: tried at word starts only, it costs a third
    rf"(?<!\w)(?:(?:за|(?:по|пере|вы)?(?:стоил\w*|стоит|стоят|отдал\w*|заплатил\w*|платил\w*|брал\w*|берут|"
    rf"просил\w*|взял\w*|дал|дали|дам|дадим|дадут|даст|давал\w*|требовал\w*|выходил\w*|получал\w*|stoil\w*|stoit|давай|"
    rf"гони|скинь\w*|заплати|"
    rf"otdal\w*|zaplatil\w*|bral\w*|prosil\w*|beret|ber[iy]ot|berut|vzyal\w*|davali|dali|platil\w*|"
    rf"stoil\w*|stoit))\s+(?:(?:ему|мне|им|ей|emu|mne)\s+)?"
    # (what the price was for may come first: «платил за ходку пятёрку»)
    rf"(?:за\s+(?:ходку|раз|рейс|смену|поездку|точку|закладку|грамм|коробку|машину|фуру|человека)\s+)?"
    rf"(?P<slang>(?:{_MONEY_SLANG}|тонну)(?:\s+{_CURRENCY})?)(?!\w)(?!\s+(?:лет|год\w*|дней|суток|месяц\w*|минут|эту|это|этот|эти))"
    # «брали сотку баксов», «давали тонну» (not «давай десятку лет подождём», «давай штуку эту»)
    rf"|(?<!\w)по\s+(?P<each>(?:{NUMBER})(?:\s+с\s+половиной)?)\s+(?:за\s+(?!раз|так|это|то\b)|с\s+(?:головы|человека|"
    rf"носа|машины|фуры|каждого|рыла|вагона|точки))"
    # a bare figure charged or paid for one thing: «адвокат берёт сто пятьдесят за визит», «получал 3500 за смену»
    rf"|(?<!\w)(?:берет|берёт|берут|брал|брала|брали|просил|просила|просит|просят|платил|платила|платили|платит|"
    rf"платят|заплатил|заплатила|заплатили|получал|получала|получали|получает|получаю)\s+"
    rf"(?P<charged>{NUMBER})\s+(?=за\s+(?:визит|при[её]м|консультаци[юи]|ходку|рейс|смену|день|сутки|месяц|штуку|кг|"
    rf"кило|закладку|клад|человека|машину|поездку|справку|подпись|голову)(?!\w))"
    # «по пятёрке в день», «скинулись по десятке», «по две сотки в месяц»: slang after «по» is a share of money
    rf"|(?<!\w)по\s+(?P<share>(?:(?:две|два|три|пять|{NUMBER})\s+)?{_MONEY_SLANG}(?:\s+{_CURRENCY})?)(?!\w)"
    # slang before a verb of paying or in dollars: «двадцатку сверху давали», «десятку перевёл», «сотку зелёных»
    rf"|(?<!\w)(?P<paid>{_MONEY_SLANG}\s+(?:зел[её]ных|баксов|бакса|долларов|доллара|тенге|теңге)(?!\w)"
    rf"|{_MONEY_SLANG}(?=\s+(?:сверху\s+|ему\s+|мне\s+|ей\s+)?(?:давали|дал|дала|дали|перев[её]л\w*|скинул\w*|"
    rf"занос\w*|зан[её]с\w*|отдал\w*|платил\w*|заплатил\w*|сунул\w*|сунуть|сунула)(?!\w)))"
    # a wage or pension with no currency said: «зарплата у меня 180 000», «пенсия тысяч восемьдесят»
    # and in Kazakh, where the thousands go unsaid: «айлық двести восемьдесят»
    rf"|(?:зарплат\w*|зп|оклад\w*|пенси[яиюей]|стипенди[яиюей]|айлы[қгғк]\w*|жалақ\w*|жалак\w*|zarplat\w*|"
    # (and the day's takings, a loss, what one is paid now: «выручку 32000», «теперь получаю 2600»)
    rf"pensi[yi]?[aeiuy]|oklad\w*|выручк\w*|ущерб\w*|получаю|получает|получаем)\s+"
    # «Зарплата айына сто пятьдесят»
    rf"(?:у\s+(?:меня|него|неё|нее|нас)\s+|u\s+(?:menya|nego|nee|nas)\s+)?(?:айына\s+|в\s+месяц\s+)?"
    rf"(?:был[аио]?\s+)?(?:сейчас\s+|щас\s+|теперь\s+|seichas\s+)?(?:где-то\s+|около\s+|примерно\s+)?"
    # (two or three digits alone are thousands: «зарплата 250, а в Усть-Каменогорске было 320», "pensiya 210")
    rf"(?P<wage>\d{{1,3}}(?:[\s\u00a0]\d{{3}})+|\d{{4,7}}|[1-9]\d{{1,2}}(?![\d.,:/-]?\d)(?!\s*%)"
    rf"|(?:{NUMBER})\s+тысяч\w*|(?:сто|двести|триста|четыреста|пятьсот|шестьсот|семьсот|восемьсот|девятьсот|жүз|жуз|"
    rf"екі\s+жүз|үш\s+жүз|төрт\s+жүз|бес\s+жүз)(?:\s+{_WORD})?)(?!\w)(?!\s+(?:лет|год\w*|раз\w*|человек|жыл\w*|адам))"
    # a sum in slang or a round figure before what is done with money, no currency said: «если двести не дадите»,
    # «пятьдесят давай», «ещё двести надо», «сто двадцать в месяц платят», «сотку предложили», «сотка минимум»
    rf"|(?<!лет\s)(?<!год\s)(?<!раз\s)(?<!человек\s)(?<!людей\s)(?<!штук\s)(?<!\w)"
    rf"(?P<demanded>{_MONEY_SLANG}|сотка|(?:{_ROUND_FIGURE})(?:\s+{_WORD}){{0,2}})"
    rf"\s+(?:ему\s+|мне\s+|им\s+|ей\s+|нам\s+|маған\s+|оған\s+|ещё\s+|еще\s+|сразу\s+)?(?:не\s+)?"
    rf"(?:дадите|дадим|дашь|даст|дай|давай|давайте|надо|нужно|платят|платим|плачу|в\s+месяц\s+(?:платят|платили|"
    rf"получал\w*|выходил\w*)|сверху|на\s+лапу|в\s+конверте|в\s+паспорте|предложил\w*|обещал\w*|требовал\w*|"
    rf"просил\w*|минимум)(?!\w)"
    # slang after what makes it a payment: «каждый раз десятка», «штраф сотка»
    rf"|(?:каждый\s+раз|штраф|взнос)\s+(?:по\s+)?(?P<each_time>(?:{_MONEY_SLANG}|сотка)(?:\s+{_CURRENCY})?)(?!\w)"
    # money named and a round figure after it: «а деньги сто пятьдесят отдашь дяде»; a wage said the English way:
    # "pays me two fifty a month"
    rf"|(?<!\w)(?:деньги|денег)\s+(?P<cash>{_ROUND_FIGURE}(?:\s+{_WORD}){{0,2}})(?!\w)"
    rf"(?!\s+(?:лет|год\w*|раз\w*|человек|штук\w*|процент\w*|дней|минут))"
    rf"|(?<!\w)(?:pays?|paid|earns?|earned|gets?|got|makes?|made)\s+(?:me\s+|him\s+|her\s+|us\s+|them\s+)?"
    rf"(?:about\s+|around\s+)?(?=(?:\S+\s+){{0,2}}?(?:\d\d|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    rf"hundred|thousand|grand))(?P<monthly>(?:{NUMBER})(?:\s+{_WORD}){{0,2}})\s+(?:a|per)\s+(?:month|week|shift)(?!\w)"
    # a bribe and its figure with no currency said: «за взятку в 8000», «откат в двести»
    rf"|(?:взятк\w*|откат\w*|vzyatk\w*)\s+(?:в\s+(?:размере\s+)?|размером\s+)?(?P<bribe>{NUMBER}|\d[\d\s]*\d|\d)(?!\w)"
    # whisper's digits for «сто двадцать тысяч» said with no currency: «получала 180 000», «сдать 100 000 наверх»
    # (round thousands in groups; a count of people or things after them is no sum)
    rf"|(?<![\d,.:+\-/])(?<!\d\s)(?P<grouped>\d{{1,3}}(?:[\s\u00a0]\d{{3}})*[\s\u00a0]000)(?![\d,.\-/])"
    rf"(?!\s*(?:человек|людей|жителей|голос\w*|подписчик\w*|км|километр\w*|тонн\w*|гектар\w*|га\b|метр\w*|штук\w*|"
    rf"доз\w*|грамм\w*|кг|адам|кісі|дана|рет|раз\b|лет|год\w*|жыл\w*)))",
    re.IGNORECASE)
_BARE_MONEY_SLANG = re.compile(rf"(?<!\w)(?P<id>{_MONEY_SLANG})(?!\w)", re.IGNORECASE)
#: a term still running, counted by an ordinal: «кашель третий месяц», «пятый год сидит», «десятый день» (not after
#: a preposition: «в третий день», «на пятый год» are points in time; «третий год подряд» counts repeats)
_ORDINALS_OF_TERMS = {"втор": 2, "трет": 3, "четв": 4, "пяты": 5, "шест": 6, "седь": 7, "вось": 8, "девя": 9,
                      "деся": 10}
_ORDINAL_TERM = re.compile(r"(?<!\bв )(?<!\bна )(?<!\bс )(?<!\bдо )(?<!\bза )(?<!\bво )(?<!\bпо )(?<![\w-])"
                           r"(?P<id>(?P<n>второй|третий|четв[её]ртый|пятый|шестой|седьмой|восьмой|девятый|десятый|"
                           r"\d{1,2}-?й)\s+(?P<unit>год|месяц|день|неделю|сутки))(?!\w)(?!\s+подряд)", re.IGNORECASE)
#: half a unit in one word: «полгода», «полмесяца», «полсуток»
_HALF_UNIT = re.compile(r"(?<!\w)(?P<id>пол(?:года|годика|месяца|суток|дня|часа|недели))(?!\w)", re.IGNORECASE)
SCORE = 0.9  # above spaCy's DATE reading of a bare number ("I was 23")
#: a life sentence: «пожизненное (лишение свободы)», «пожизненку», «өмір бойына», "life imprisonment"; a term as
#: telling as any count of years, and banded with the longest of them
_LIFE_TERM = re.compile(
    r"(?<!\w)(?P<id>пожизненн\w*(?:\s+(?:лишени\w+\s+свободы|заключени\w*|срок\w*))?|пожизненк\w*|pozhiznenn\w*"
    r"|[өо]м[іи]р\s+бойы(?:на)?(?:\s+бас\s+бостандығынан\s+айыр\w*)?"
    r"|life\s+(?:imprisonment|sentence|term|in\s+prison)|(?<=sentenced\s)to\s+life)(?!\w)",
    re.IGNORECASE)
DURATION_SCORE = 0.8  # below an age: «мне было 37 лет» is an age, «отсидел 6 лет» a duration

_PARTS_OF_DAY = {
    "ночи": "night", "ночью": "night", "утра": "morning", "утром": "morning", "дня": "day", "днём": "day",
    "утро": "morning",  # as whisper writes «утра» after an hour: «с восьми утро»
    "днем": "day", "вечера": "evening", "вечером": "evening", "түнгі": "night", "түнде": "night",
    "таңғы": "morning", "таңертең": "morning", "күндізгі": "day", "кешкі": "evening", "кешке": "evening",
    "түн": "night", "таң": "morning", "түскі": "day", "түсте": "day", "түстен": "day",
    "тунги": "night", "түнги": "night", "тунде": "night", "тангы": "morning", "танги": "morning", "таңгы": "morning",
    "кешки": "evening", "кундизги": "day", "веч": "evening",  # a note's «в 10 веч.»
    "танертен": "morning", "таңертен": "morning", "туски": "day", "тускі": "day",
    "am": "morning", "pm": "day", "night": "night", "morning": "morning", "afternoon": "day", "evening": "evening",
    "utra": "morning", "vechera": "evening", "nochi": "night", "dnya": "day",
    # (and as messengers type them, «ч» as 4: "v 6 ve4era", "v 2 no4i")
    "ve4era": "evening", "vecherom": "evening", "ve4erom": "evening", "no4i": "night", "nochyu": "night",
    "utrom": "morning",
}
#: the hours of each part of the day, as a generalised time is written: the range says as much as "evening"
#: and repeats none of the speaker's words
_PART_HOURS = {"night": "0–6", "morning": "6–12", "day": "12–18", "evening": "18–24"}
_ORDINAL_HOURS = {
    "первого": 1, "второго": 2, "третьего": 3, "четвёртого": 4, "четвертого": 4, "пятого": 5, "шестого": 6,
    "седьмого": 7, "восьмого": 8, "девятого": 9, "десятого": 10, "одиннадцатого": 11, "двенадцатого": 12,
}
#: the same ordinals in the prepositional, for «в третьем часу»
_ORDINAL_HOURS_PREPOSITIONAL = ("первом", "втором", "третьем", "четвёртом", "четвертом", "пятом", "шестом",
                                "седьмом", "восьмом", "девятом", "десятом", "одиннадцатом", "двенадцатом")
_PART = "(?:" + "|".join(sorted(_PARTS_OF_DAY, key=len, reverse=True)) + ")"
_GENITIVE_HOURS = (r"(?:часу|двух|трёх|трех|четырёх|четырех|пяти|шести|семи|восьми|девяти|десяти|одиннадцати|"
                   r"двенадцати)")
#: a Kazakh hour's number, one to twelve, in Kazakh or Russian letters
_KK_HOUR_NUMBER = rf"(?:{'|'.join(KAZAKH_UNITS)}|он|он\s+бір|он\s+екі|он\s+бир|он\s+еки)"
_KK_HOUR = (rf"{_KK_HOUR_NUMBER}"
            r"(?:де|да|те|та|ге|ға|ке|қа|ден|дан|тен|тан|нен|нан|ның|нің|дың|дің|тың|тің)")
#: an hour written as a bare number: 1 to 24
_BARE_HOUR = r"(?:[1-9]|1\d|2[0-4])(?!\d)"
#: no unit after a number that would make it a count
_NO_UNIT = (r"(?!\s*(?:лет|год\w*|раз\w*|человек\w*|тыс\w*|млн|млрд|процент\w*|%|кг|км|км/ч|грамм\w*|г\b|"
            r"let|god\w*|raz\w*|chelovek\w*|tys\w*|mln|kg|km|procent\w*|штук\w*|shtuk\w*|тонн\w*|tonn\w*|"
            r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
            r"yanvarya|fevralya|marta|aprelya|maya|iyunya|iyulya|avgusta|sentyabrya|oktyabrya|noyabrya|dekabrya|"
            r"класс\w*|klass\w*|сотк\w*|sotk\w*|лям\w*|lyam\w*|k\b|к\b|т\b|тг|тенге|tenge|\$|usd|долл\w*|dollar\w*))")
_TIME_PATTERNS = [
    # a note's hour: «23ч», «9 ч» (not the part of an article: «ч.4», «190 ч. 2»)
    re.compile(r"(?<![\w.,:/])(?P<id>(?:[01]?\d|2[0-3])\s?ч(?:\.?\s+(?:ночи|утра|вечера|дня))?)(?!\w)(?!\.?\s?\d)",
               re.IGNORECASE),
    re.compile(rf"\b(?P<id>{_GENITIVE_HOURS}\s+{_PART})\b", re.IGNORECASE),
    # an hour by its ordinal: «в начале второго ночи», «в половине третьего утра», «около пятого часа»
    re.compile(rf"\b(?P<id>(?:начале|конце|около)\s+(?:{'|'.join(_ORDINAL_HOURS)})(?:\s+{_PART}|\s+часа))\b",
               re.IGNORECASE),
    # (and in Russian letters: «кешки сагат онда»)
    re.compile(rf"(?<!\w)(?P<id>(?:кешкі|таңғы|түнгі|түскі|кешке|таңертең|кешки|тангы|танги|таңгы|тунги|түнги|тускы|тангертен|танертен|таңертен)\s+"
               rf"(?:(?:сағат|сагат)\s+)?{_KK_HOUR}|(?:сағат|сагат)\s+{_KK_HOUR}"
               r"|(?:түн|тун)\s+ортасы\w*|полноч\w*|полуноч\w*|polnoch\w*|polunoch\w*|полдень|polden)(?!\w)",
               re.IGNORECASE),
    # an hour and its minutes said in words after «в»: «урок у нас в восемь тридцать» (not a count: «в два
    # двадцать лет назад» has its unit)
    re.compile(r"(?:(?<=\bв\s)|(?<=\bВ\s))(?P<id>(?:час|два|три|четыре|пять|шесть|семь|восемь|девять|десять|"
               r"одиннадцать|двенадцать)\s+(?:ноль\s+\w+|пятнадцать|тридцать|сорок(?:\s+пять)?|двадцать(?:\s+пять)?|"
               r"десять|пятьдесят))(?!\w)(?!\s+(?:лет|год\w*|минут\w*|человек\w*|раз\w*|тысяч\w*|процент\w*|"
               r"километр\w*|метр\w*|штук\w*|рубл\w*|тенге|доллар\w*))", re.IGNORECASE),
    # a note's hour written with a dot, where only an hour can be: right after the note's date («7.02.24, 16.15»,
    # «19.11 | 11.30», «22/08/23 19.40»), at the head of a line before a dash or a word («9.15 звонок», «23.40 —
    # закладка»), or after a word that says when («выезд 6.30», «смена 7.00-15.00»; not a sum: «в 2.50 млн»)
    re.compile(r"(?:(?<=[\s,|/(])|^)(?:\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?|\d{4}-\d{2}-\d{2})"
               r"[ \t]*[,|/—–-]?[ \t]*(?P<id>(?:[01]?\d|2[0-3])\.[0-5]\d"
               r"(?:[ \t]?[-–][ \t]?(?:[01]?\d|2[0-3])\.[0-5]\d)?)(?![\d]|\.\d)", re.MULTILINE),
    re.compile(r"^[ \t]*(?P<id>(?:[01]?\d|2[0-3])\.[0-5]\d)(?=[ \t]+[—–-][ \t]|[ \t]+[а-яёa-z])", re.MULTILINE),
    # (and one a note lists after the place, where a list item ends: «Встреча в кафе, мкр Орбита, 19.00», «…, 7.30;»;
    # minutes in fives, as meetings are set)
    re.compile(r"(?<=,)[ \t]*(?P<id>(?:[01]?\d|2[0-3])\.[0-5][05])(?=[ \t]*(?:$|[,;)]))", re.MULTILINE),
    re.compile(r"(?<!\w)(?:в|к|до|после|около|ок\.|с|выезд|приезд|смена|начало|встреча|звонок|at|by|until)\s+"
               r"(?P<id>(?:[01]?\d|2[0-3])\.[0-5]\d(?:[ \t]?[-–][ \t]?(?:[01]?\d|2[0-3])\.[0-5]\d)?)(?![\d]|\.\d)"
               r"(?!\s*(?:млн|млрд|тыс|раз|%|кг|км|м|т|л|лям|к|k|m|mln|usd|\$|тг|тенге|₸)(?!\w))", re.IGNORECASE),
    # an hour said bare after "at", "around", "until" in English speech, and the same in messenger Russian and
    # Kazakh: "we met at six", "around five", "until noon"; "ya priehal k vosmi", "v shest utra"; "sagat onga" (not
    # a count: "at six of them", "v pyat raz")
    re.compile(r"(?<![\w'])(?:at|around|by|until|till)\s+(?P<id>(?:two|three|four|five|six|seven|eight|nine|ten|"
               r"eleven|twelve)(?:[\s-]+(?:thirty|fifteen|forty[\s-]five|o'?clock))?|noon|midnight)(?![\w'])"
               r"(?!\s+(?:of|years?|months?|weeks?|days?|hours?|minutes?|people|men|women|guys|times|kilos?|kg|grams?|"
               r"percent|thousand|hundred|million|dollars|bucks|tenge|cars?|trucks?|bags?|boxes|tons?|points?|"
               r"others?|or\s+\w+\s+(?:people|of))\b)", re.IGNORECASE),
    re.compile(r"(?<![\w'])(?:v|k|do|posle|okolo)\s+(?P<id>(?:(?:dva|tri|chetyre|pyat|shest|sem|vosem|devyat|desyat|"
               r"odinnadcat|dvenadcat)'?|dvuh|treh|chetyreh|pyati|shesti|semi|vosmi|devyati|desyati|odinnadcati|"
               r"dvenadcati)(?:\s+(?:utra|vechera|nochi|dnya))?)(?![\w'])"
               r"(?!\s+(?:raz|let|god\w*|chelovek|tysyach\w*|mesyac\w*|dn\w*|nedel\w*|chas\w*|minut\w*|shtuk|"
               r"kilo\w*|procent\w*|rubl\w*|tenge|dollar\w*|mashin\w*|sut\w*)\b)", re.IGNORECASE),
    re.compile(r"(?<![\w'])(?P<id>(?:sagat|saghat|sağat|saǵat)\s+(?:on\s+(?:bir|eki)|bir|eki|ush|üş|uş|tort|tört|"
               r"bes|alty|zheti|jeti|segiz|toghyz|togyz|toǵyz|on)[a-zğǵşüöäıñ]{0,4})(?![\w'])", re.IGNORECASE),
    # bare hours from one to another, «с 12 до 3», "s 9 do 18" (each hour its own span), and a bare hour after «к»
    # or «после» that ends its clause: «приходи к 9», "zvoni posle 8." (not a count: «с 2 до 5 тысяч», «к 9 мая»)
    re.compile(rf"(?<![\w'])(?:с|s|со)\s+(?P<id>{_BARE_HOUR})(?=\s*(?:-|до|do)\s*{_BARE_HOUR}(?![\d.,:/]\d){_NO_UNIT})",
               re.IGNORECASE),
    re.compile(rf"(?:(?<=[сs] \d )|(?<=[сs] \d\d ))(?:до|do)\s+(?P<id>{_BARE_HOUR})(?![\d.,:/]\d){_NO_UNIT}",
               re.IGNORECASE),
    re.compile(rf"(?<![\w'])(?:к|k|после|posle)\s+(?P<id>{_BARE_HOUR})"
               r"(?=\s*(?:[.,;!?)]|$|\s+(?:утра|вечера|ночи|дня|часам|utra|vechera|nochi|dnya|chasam)(?!\w)))",
               re.IGNORECASE | re.MULTILINE),
    # a note's hour in the French way: «13h–14h30»
    re.compile(r"(?<![\w.,:/])(?P<id>(?:[01]?\d|2[0-3])h(?:[0-5]\d)?)(?!\w)"),
    re.compile(r"\b(?P<id>(?:half\s+past|quarter\s+(?:past|to))\s+\w+(?:\s+in\s+the\s+(?:morning|afternoon|evening)"
               r"|\s+at\s+night)?)", re.IGNORECASE),
    re.compile(rf"\b(?P<id>(?:{NUMBER})(?:\s+(?:thirty|fifteen|forty[\s-]five|o'clock))?\s+(?:in\s+the\s+"
               r"(?:morning|afternoon|evening)|at\s+night))\b", re.IGNORECASE),
    # (with the part of the day after it, or «30 утром» would be read as an hour of its own: «в 6:30 утром»)
    re.compile(rf"(?<![\d:])(?P<id>(?:[01]?\d|2[0-3]):[0-5]\d(?:\s+{_PART}(?!\w))?)(?![\d:])", re.IGNORECASE),
    re.compile(rf"\b(?P<id>(?:в\s+)?половин[еуыа]\s+(?:{'|'.join(_ORDINAL_HOURS)}|\d{{1,2}})(?:\s+{_PART})?)",
               re.IGNORECASE),
    # «в третьем часу ночи»: within the hour named by its ordinal
    re.compile(rf"(?<!\w)(?P<id>(?:{'|'.join(_ORDINAL_HOURS_PREPOSITIONAL)})\s+часу(?:\s+{_PART})?)(?!\w)",
               re.IGNORECASE),
    # «в пол третьего», «полтретьего ночи»: half past, said short
    re.compile(rf"(?<!\w)(?P<id>пол[\s-]?(?:{'|'.join(_ORDINAL_HOURS)})(?:\s+{_PART})?)(?!\w)", re.IGNORECASE),
    # «без двадцати пять утра», «без 22 ночи»: minutes to the hour, the «без» with them
    re.compile(rf"\b(?P<id>без\s+(?:{NUMBER}|четверти|пятнадцати)\s+(?:{NUMBER}\s+)?{_PART})\b", re.IGNORECASE),
    # («дня» after a bare number is as often days: «держали два дня»; the afternoon only after «в», «к», «до»…)
    re.compile(rf"\b(?P<id>(?:{NUMBER}|час)\s+(?:час(?:а|ов)?\s+{_PART}|(?!(?:дня|днём|днем)(?!\w)){_PART}))\b",
               re.IGNORECASE),
    re.compile(rf"(?:(?<=\bв\s)|(?<=\bк\s)|(?<=\bдо\s)|(?<=\bс\s)|(?<=\bпосле\s)|(?<=\bоколо\s))"
               rf"(?P<id>(?:{NUMBER}|час)\s+(?:часа\s+)?(?:дня|днём|днем))(?!\w)", re.IGNORECASE),
    # the hour said the approximate way: «часов в 5», «часа в три» (the part of the day, if said, with it)
    # (an hour said before it is the same time: «в три часа в четыре»)
    re.compile(rf"(?<!\w)(?P<id>(?:(?:{NUMBER})\s+)?час(?:ов|а)\s+в\s+(?:{NUMBER})(?:\s+{_PART})?)(?!\w)(?![.,:]\d)",
               re.IGNORECASE),
    # (the hour's Kazakh ending may follow, but no Russian word that starts like a number: «екі сағат стояли»)
    # (and the minutes after a colon, with the ending: «сағат 18:00-де», "sagat 18:00de")
    re.compile(rf"\b(?P<id>(?:{_PART}\s+)?(?:сағат|сагат)\s+(?!ст[оа]\w)(?:{NUMBER})(?::[0-5]\d)?-?\w*)",
               re.IGNORECASE),
    # a Kazakh part of the day and the hour, «сағат» left out: «түнгі он екіде», «тунги ушта»
    # (and the half hour after it, «кешкі бестің жартысында»: half past four in the evening)
    # («Сағат түнгі бір болатын»: the word for the hour said first)
    re.compile(rf"(?<!\w)(?P<id>(?:(?:сағат|сагат)\s+)?(?:түнгі|таңғы|кешкі|түскі|тунги|түнги|тангы|танги|таңгы|кешки|туски|"
               rf"тускі)\s+(?:{NUMBER})\w*"
               r"(?:\s+(?:жартысында|жартысы|жартысына|жартысынан|жартысинда|жартысина))?)",
               re.IGNORECASE),
    # «бес жарымда» (at half past five), «он бір жарымға дейін»: an hour and a half, said where or until
    re.compile(rf"(?<!\w)(?P<id>{_KK_HOUR_NUMBER}\s+(?:жарымда|жарымға|"
               r"жарымга|жарымнан|жарымдарда))(?!\w)", re.IGNORECASE),
    # the end of a Kazakh range of hours: «түнгі бірден үшке дейін» (from one to three at night)
    re.compile(rf"(?<!\w)(?:түнгі|таңғы|кешкі|түскі|тунги|түнги|тангы|танги|таңгы|кешки|туски|сағат|сагат)\s+\w+(?:ден|дан|тен|тан|нен|нан)"
               rf"\s+(?P<id>{_KK_HOUR_NUMBER}{_KK_DATIVE})\s+(?:дейін|дейин|шейін)(?!\w)",
               re.IGNORECASE),
    # a note's clock time with «ч» or a dot: «9ч30», «18 ч 45»; «в 21.30», «к 7.45», «до 23.00» (minutes no month
    # can be, so no date: «в 10.05» is left to the dates)
    re.compile(r"(?<![\w.,:/-])(?P<id>(?:[01]?\d|2[0-3])\s?ч\.?\s?[0-5]\d)(?!\w|[.,:/]\d|\s?мин)", re.IGNORECASE),
    # (the digit is looked for first: the lookbehinds tried at every position cost a tenth of a second on a long text)
    re.compile(r"(?=\d)(?:(?<=\b[вВкК]\s)|(?<=\bдо\s)|(?<=\bпосле\s)|(?<=\bоколо\s)|(?<=\b[сС]\s))"
               r"(?P<id>(?:[01]?\d|2[0-3])\.(?:00|1[3-9]|[2-5]\d))(?!\d|[.,/]\d)"),
    re.compile(rf"\b(?P<id>(?:{NUMBER})\s*(?:am|pm|a\.m\.|p\.m\.|a\s+m|p\s+m|o'clock)(?!\w)(?:\s+in\s+the\s+(?:morning|afternoon|"
               rf"evening)|\s+at\s+night)?)", re.IGNORECASE),  # not the letters of a plate: «199 AMZ-16»
]
#: hours held, where no clock has so many: «держали 48 ч», «72 ч без адвоката», «4+ ч»
#: (not an article's part: «ст. 188 ч. 3», «по 296, 72 ч»)
_HOURS_HELD = re.compile(r"(?<![\w.,:/-])(?P<id>(?:(?:2[4-9]|[3-9]\d)\+?|\d{1,2}\+)\s?ч\.?)(?!\w)(?!\.?\s?\d)",
                         re.IGNORECASE)
#: hours and minutes in a note: «7 ч 15 мин», «2ч 30мин»
_HOURS_AND_MINUTES = re.compile(r"(?<![\w.,:/-])(?P<id>\d{1,2}\s?ч\.?\s?\d{1,2}\s?мин\.?)(?!\w)", re.IGNORECASE)
_DURATION = re.compile(
    # Kazakh units with a case ending first: «бес жылға соттады», «үш айға», «он күнге»
    rf"\b(?P<id>(?P<n>{NUMBER})\s+(?P<unit>жылға|жылды|жылдан|жылын|жылдық|айға|айды|айдан|күнге|күнді|күннен|"
    # the same in Russian letters, as keyboards and whisper write them: «жети жылга сотталды»
    rf"жылга|жылдык|айга|кунге|кунди|куннен|аптадан|аптаға|аптага|тәуліктен|таулик|тауликке|тауликтен|"
    rf"тәулікке|год|года|лет|месяц|месяца|месяцев|жыл|жылдай|ай|years?|months?|суток|сутки|"
    rf"недель|недели|неделю|дней|дня|тәулік|апта|сағат|сагат|сағатқа|сагатка|сағаттай|сагаттай|let|goda|god|mesyatsev|mesyatsa|sutok|days|weeks|zhyl|zhyldai|"
    rf"годами|месяцами|сутками|днями|"  # «пригрозили пятью годами»
    rf"jyl|nedel|nedeli|dnei|dnya|минут|минуты|minutes|г\.|мес\.?|сут\.?|күн|күндей|кун|kun|часов|часа|hours?|"
    rf"day|week|weeks|апта|ай бойы|нед\.?|мин\.?|yrs?\.?|mos\.?"
    # a note's «7 л.» (years), not litres of something: «5 л. бензина»; and without its dot where a list's item or a
    # note's clause ends («суд → 10 л, апелляция», «6 л стажа», «отсидел 8 л (ст. 125)»)
    rf"|л\.(?!\s*(?:бензин|вод|молок|пив|водк|масл|спирт|солярк|дизел|краск|кумыс|шұбат|шубат))"
    rf"|л(?=[ \t]*(?:[,;)→\n]|\(|$|стаж|в\s|на\s|под\s|усл|общ|строг))"
    # a note's «2 г → полиция», «1 г усл.»: a year where a grams' weight would name its drug
    rf"|г(?=[ \t]*(?:→|усл|стаж)))"
    rf"(?:\s+(?:жарым\w*|jarym\w*|zharym\w*))?)(?:\b|(?<=\.))"
    rf"(?!\s*(?:назад|бұрын|ago|old))",
    re.IGNORECASE)


def _number(text: str) -> float | None:
    text = text.strip().rstrip("+").strip()
    if with_half := re.fullmatch(r"(.+?)\s+(?:с\s+половин(?:ой|ою)|жарым|and\s+a\s+half)", text, re.IGNORECASE):
        whole = _number(with_half.group(1))
        return None if whole is None else whole + 0.5
    lowered = text.casefold()
    if lowered == "он" or lowered.startswith("он "):  # the Kazakh ten, where _KAZAKH_TEN found it
        rest = _number(lowered[3:]) if lowered != "он" else 0.0
        return None if rest is None else 10.0 + rest
    if lowered in _FRACTIONS:
        return _FRACTIONS[lowered]
    if lowered in _COLLECTIVE:
        return float(_COLLECTIVE[lowered])
    half = re.match(r"полу?[\s-]+(?=\S)", lowered)  # «пол миллиона», «полу-…»: half of what follows
    if half:
        rest = _number(lowered[half.end():])
        return 0.5 * rest if rest is not None else None
    if re.fullmatch(r"\d+(?:[.,]\d+)?\s*[-–]\s*\d+(?:[.,]\d+)?", text):  # a range: "150-200к" → its top
        text = re.split(r"\s*[-–]\s*", text)[1]
    digits = text.replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):  # thousands separators, not a decimal part
        digits = digits.replace(".", "").replace(",", "")
    try:
        return float(digits.replace(",", "."))
    except ValueError:
        pass
    mixed = re.fullmatch(r"(\w+)\s+([1-9])", lowered)
    if mixed and mixed.group(1) in TENS:  # «двадцать 5»
        return float(TENS[mixed.group(1)] + int(mixed.group(2)))
    said_range = re.fullmatch(r"(\w+)[\s-]+(\w+)", lowered)  # «пять шесть», «семь-восемь»: a range, its top
    if said_range and said_range[1] in UNITS and said_range[2] in UNITS and (
            1 <= UNITS[said_range[2]] - UNITS[said_range[1]] <= 2):
        return float(UNITS[said_range[2]])
    runs = number_runs(text)
    if len(runs) != 1:
        return None
    return float(runs[0].digits) if runs[0].digits.isdecimal() else None


_MRP_IN_TENGE = 3_700  # the monthly calculation index, about 3,450-3,932 tenge in 2023-2025
_MZP_IN_TENGE = 85_000  # the minimum monthly wage, 70,000-85,000 tenge in 2023-2025


def _multiplier_key(said: str | None) -> str:
    """A multiplier as ``_MULTIPLIERS`` keys it: «тыс.» → тыс, a note's «т.т.» and «т.р.» → т."""
    return re.sub(r"^т\..*", "т", (said or "").rstrip(".").casefold())


def sum_value(text: str) -> tuple[float, str | None] | None:
    """(amount, currency code or None) of a sum as written, or None when it is not one."""
    thousand = _BARE_THOUSAND.match(text.strip())  # «мың екі жүз доллар»: a thousand, then the rest of the sum
    if thousand:
        rest = sum_value(text.strip()[thousand.end():])
        return None if rest is None else (1000 + rest[0], rest[1])
    half = _HALF_PREFIX.match(text.strip())  # «пол-ляма»: half of a sum said by its slang unit alone
    match = _SUM.fullmatch(text.strip()[half.end():] if half else text.strip())
    if match is None:
        return None
    amount = _number(match["n"]) if match["n"] else 1.0
    if half and amount is not None and not match["n"]:
        amount *= 0.5
    if amount is None:
        return None
    multiplier = _multiplier_key(match["mult"])
    amount *= _MULTIPLIERS.get(multiplier, 1.0)
    currency = match["cur"] or match["pre"]
    code = _CURRENCIES.get(currency.rstrip(".").casefold()) if currency else None
    if code == "MRP":  # read in tenge, to the order of magnitude the generalisation keeps
        return amount * _MRP_IN_TENGE, "KZT"
    if code == "MZP":
        return amount * _MZP_IN_TENGE, "KZT"
    return amount, code


_MAGNITUDES_EN = ((1e3, "hundreds"), (1e4, "thousands"), (1e5, "tens of thousands"), (1e6, "hundreds of thousands"),
                  (1e7, "millions"), (1e8, "tens of millions"), (1e9, "hundreds of millions"))
_MAGNITUDES_RU = ((1e3, "сотни"), (1e4, "тысячи"), (1e5, "десятки тысяч"), (1e6, "сотни тысяч"), (1e7, "миллионы"),
                  (1e8, "десятки миллионов"), (1e9, "сотни миллионов"))
_CURRENCY_NAMES = {"KZT": ("tenge", "тенге"), "USD": ("dollars", "долларов"), "RUB": ("roubles", "рублей"),
                   "EUR": ("euros", "евро"), "CNY": ("yuan", "юаней"), "KGS": ("som", "сомов"), "UZS": ("sum", "сумов")}


def generalise_sum(text: str, cyrillic: bool) -> str | None:
    """"[SUM: tens of thousands of tenge]" (or «[СУММА: десятки тысяч тенге]») for a sum as written."""
    text = re.sub(r"^(\s*\d{1,4})\s?т\.?\s*$", r"\1 тыс", text)  # a note's «120 т.»: thousands
    value = sum_value(_usual_order(text))
    if value is None and (_BARE_MONEY_SLANG.fullmatch(text.strip())
                          or re.fullmatch(rf"\s*(?:{_MONEY_SLANG}|тонну|сотка)(?:\s+{_CURRENCY})?\s*", text,
                                          re.IGNORECASE)
                          or re.fullmatch(rf"\s*(?:{NUMBER})\s+с\s+половиной\s*", text, re.IGNORECASE)
                          or _LATIN_MONEY_SLANG.fullmatch(text.strip())):
        return "[СУММА]" if cyrillic else "[SUM]"  # slang or «три с половиной»: a price whose size is not said
    if value is None:
        return None
    amount, currency = value
    if currency is None and amount < 1000:
        # a sum said without its unit («сверху пятьдесят» meaning fifty thousand): its size is not known
        return "[СУММА]" if cyrillic else "[SUM]"
    table = _MAGNITUDES_RU if cyrillic else _MAGNITUDES_EN
    magnitude = next((name for limit, name in table if amount < limit),
                     "миллиарды" if cyrillic else "billions")
    unit = _CURRENCY_NAMES.get(currency or "", ("", ""))[1 if cyrillic else 0]
    if cyrillic:
        return f"[СУММА: {magnitude}{' ' + unit if unit else ''}]"
    return f"[SUM: {magnitude}{' of ' + unit if unit else ''}]"


def _usual_order(text: str) -> str:
    """«часов пять» → «пять часов»: an approximation read as the quantity it approximates."""
    inverted = _INVERTED.fullmatch(text.strip())
    if inverted and inverted["munit"]:
        return f"один {inverted['munit']}"  # «миллион двести» is a million and two hundred thousand
    if inverted and inverted["munit2"]:
        return f"{inverted['mn2']} {inverted['munit2']}"
    return f"{inverted['n']} {inverted['unit']}" if inverted else text


#: an age by its decade ("in his fifties")
_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
            "eighties": 80, "nineties": 90}


#: the stem of a decade of life's ordinal («шестой десяток», the fifties), and the first year of the decade before
#: each («шест»: 50)
DECADE_STEM = r"(?:втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят)"
_DECADE_ORDINALS = {"втор": 1, "трет": 2, "четверт": 3, "пят": 4, "шест": 5, "седьм": 6, "восьм": 7, "девят": 8}


def generalise_age(text: str, cyrillic: bool) -> str | None:
    """"[AGE: 30–39]" (or «[ВОЗРАСТ: 30–39]») for an age as written."""
    text = re.sub(r"^\s*[~≈]\s*", "", text)  # a note's rough age: «~45»
    text = re.sub(r"(?<=лет)[.…]+", "", text)  # «лет… тридцать пять»: the speaker's pause
    decade_said = re.fullmatch(rf"\s*({DECADE_STEM})\w*\s+десят\w*\s*", text, re.IGNORECASE)
    if decade_said:  # «шестой десяток»: the sixth decade of life is fifty to fifty-nine
        text = str(10 * _DECADE_ORDINALS[decade_said.group(1).casefold().replace("ё", "е")])
    text = re.sub(r"(?:полтинник|полтос)\w*", "50", text, flags=re.IGNORECASE)  # «под полтинник»: about fifty
    text = re.sub(r"^\s*(?:лет\s+)?(?:под|около|за|в|примерно|где-то|где\s+то)\s+", "", _usual_order(text),
                  flags=re.IGNORECASE)
    text = re.sub(r"\s*[-–]\s*\w+(?=\s+жас)", "", text)  # «қырық-алпыс жас»: a range, banded by its lower end
    kazakh = re.fullmatch(r"\s*(.+?)(?:да|де|та|те|тен|тан|ден|дан)(?:\s+\w+)?\s*", text, re.IGNORECASE)
    mine = _KAZAKH_MY_AGE.fullmatch(text.strip())
    if mine:
        text = re.sub(r"(?:ім|ым|им|м)(?:де|да|нен|нан)$", "", text.strip())
    elif (_KAZAKH_LOCATIVE_AGE.fullmatch(text.strip()) or _KAZAKH_OVER_AGE.fullmatch(text.strip())) and kazakh:
        text = kazakh.group(1)
    elif ((inflected := re.fullmatch(rf"\s*(.+?)(?:{_KK_LOCATIVE}{_KK_COPULA}?|{_KK_DATIVE})\s*", text, re.IGNORECASE))
          and _number(text) is None and _number(inflected.group(1)) is not None):  # «елу екідемін», «отыз беске»
        text = inflected.group(1)
    decade = re.fullmatch(r"\s*(?:(?:early|mid|late)[\s-]+)?(\w+?ies)\s*", text, re.IGNORECASE)
    text = re.sub(r"^\s*(?:early|mid|late)[\s-]*(?=[1-9]0'?s\s*$)", "", text, flags=re.IGNORECASE)  # "late 40s"
    match = re.match(rf"\s*({NUMBER})", text, re.IGNORECASE)
    value = _DECADES.get(decade.group(1).casefold()) if decade else _number(match.group(1)) if match else None
    if value is None or not 0 < value < 120:
        return None
    low = int(value) // 10 * 10
    return f"[{'ВОЗРАСТ' if cyrillic else 'AGE'}: {low}–{low + 9}]"


def generalise_time(text: str, cyrillic: bool) -> str:
    """"[TIME: night]" (or «[ВРЕМЯ: ночь]»): the part of the day a clock time falls in."""
    lowered = text.casefold()
    part = next((name for word, name in _PARTS_OF_DAY.items() if re.search(rf"(?<!\w){re.escape(word)}(?!\w)",
                                                                       lowered)), None)
    meridiem = re.match(rf"\s*({NUMBER})\s*([ap])\.?\s?m\b", lowered)
    clock_hour = _number(meridiem.group(1)) if meridiem else None
    if meridiem and clock_hour is not None:
        hour = int(clock_hour) % 12 + (12 if meridiem.group(2) == "p" else 0)
        part = "night" if hour < 6 else "morning" if hour < 12 else "day" if hour < 18 else "evening"
    if part is None:
        hour = None
        clock = re.search(r"(\d{1,2})[:.]\d{2}", lowered)
        if clock:
            hour = int(clock.group(1))
        else:
            half = next((value for word, value in _ORDINAL_HOURS.items() if word in lowered), None)
            hour = half - 1 if half is not None else None
        part = (None if hour is None else "night" if hour < 6 else "morning" if hour < 12
                else "day" if hour < 18 else "evening")
    if part is None:
        return "[ВРЕМЯ]" if cyrillic else "[TIME]"
    return f"[ВРЕМЯ: {_PART_HOURS[part]} ч]" if cyrillic else f"[TIME: {_PART_HOURS[part]} h]"


#: a percent sign or a measure's abbreviation right after a number, before a stroke, a dot or a space: «5%», «40
#: т/сутки», «200 тг/кг» (the word a number counts by is read from the letters after it, which these are not)
_PERCENT_OR_MEASURE_AFTER = re.compile(r"[ \t]?(?:%|‰|(?:т|кг|км|ц|л|га|kg|km|t)(?=/|\.\s|\s*[,;)]))", re.IGNORECASE)


def _in_a_shift_rotation(text: str, start: int, end: int) -> bool:
    """A number said twice around «через» or «на»: a shift rotation, «2 через 2», «пятнадцать на пятнадцать», «28/28»
    (days on and days off, the same for every worker), no sum, age or term."""
    number = re.escape(text[start:end])
    return bool(re.match(rf"\s*(?:через|на|/|po|na|cherez)\s*{number}(?!\w)", text[end:end + 40], re.IGNORECASE)
                or re.search(rf"(?<!\w){number}\s*(?:через|на|/|po|na|cherez)\s*$", text[max(0, start - 40):start],
                             re.IGNORECASE))


def _counts_something(text: str, end: int) -> bool:
    """Whether the word after a number is what it counts, other than money, years or an age («пять человек»)."""
    if _PERCENT_OR_MEASURE_AFTER.match(text, end):
        return True  # «брак до 5%», «норма 40 т/сутки»: a share or a measure
    after = re.match(r"[ \t]*([^\W\d_]+)", text[end:end + 40])
    if after is None:
        return False
    word = after.group(1).casefold()
    if _COUNTED.match(word) or word in ("гр", "г", "people", "guys", "men", "times", "kilos", "grams", "cars", "of"):
        return True
    if word.startswith(("бап", "баб", "bap", "bab", "стат", "stat")) or word in ("ст", "st", "ч"):
        return True  # an article of a code, not a term beside it: «297 бап бойынша сегіз жыл», "297 bap"
    if not is_cyrillic(word):
        return False
    from fieldkit.anonymise.morphology import first_tag

    if word in _NOT_COUNTED:
        return False  # «тысяч сорок минимум»: how sure the speaker is, not what the number counts
    # a counted noun («пять человек»), or an ordinal that makes the number part of another («сто девяносто первой»);
    # a noun in the instrumental is what is done, not what is counted («лет двенадцать обувью торгую»)
    tag = first_tag(word)
    return tag.startswith(("NOUN", "ADJF", "NUMR")) and not (tag.startswith("NOUN") and "ablt" in tag)


#: nouns and adjectives that follow a sum without being what it counts
_NOT_COUNTED = frozenset({"минимум", "максимум", "сверху", "всего", "итого", "наличными", "налом", "кэшем", "каждый",
                          "каждому", "каждая", "каждого", "ежемесячно", "где-то", "примерно", "приблизительно"})


def generalise_duration(text: str, cyrillic: bool) -> str | None:
    """"[DURATION: 5–9 years]" (or «[СРОК: 5–9 лет]»): a band, in years or, under a year, months. A bare number
    (a term said again without its unit) is read in years."""
    if _LIFE_TERM.fullmatch(text.strip()) or text.strip().casefold() == "to life":
        return _duration_band(25, cyrillic)
    collective = next((years for stem, years in _KAZAKH_COLLECTIVES.items()
                       if text.strip().casefold().startswith(stem)), None)
    if collective is not None:
        return _duration_band(collective, cyrillic)  # «төртеуін (отырдым)»: four years of the term
    last_years = re.fullmatch(r"\s*(.+?)\s+жыл(?:ы|ын|да)?\s*", text, re.IGNORECASE)
    if last_years and _number(last_years.group(1)) is not None and re.search(r"жыл(?:ы|ын|да)\s*$", text):
        return _duration_band(_number(last_years.group(1)), cyrillic)  # «(соңғы) алты жылы»
    kind = next((m for m in finditer(KIND_OF_TERM, text) if m.end() == len(text.rstrip())), None)
    if kind and kind.start() > 0:
        text = text[:kind.start() + (text[kind.start()] == ".")]  # «3 года условно»: the length is what is banded
    if re.fullmatch(_ONE_UNITS, text.strip(), re.IGNORECASE):
        return _duration_band(_ONE_UNIT_YEARS[text.strip().casefold()[:3]], cyrillic)  # «держали сутки»
    text = _usual_order(text)
    half = _HALF_UNIT.fullmatch(text.strip())
    if half:  # «полгода» → under a year, «полсуток» → under a month
        return _duration_band(0.5 if "год" in half["id"].casefold() else 0.04, cyrillic)
    if counted := _ORDINAL_TERM.fullmatch(text.strip()):  # «третий месяц»: three months so far
        value = _ORDINALS_OF_TERMS.get(counted["n"].casefold()[:4]) or int(re.sub(r"\D", "", counted["n"]) or 0)
        per_year = {"год": 1, "мес": 12, "нед": 52}.get(counted["unit"].casefold()[:3], 365)
        return _duration_band(value / per_year, cyrillic) if value else None
    if short := re.fullmatch(r"(\d{1,2})\s?[лг]", text.strip()):  # a note's «10 л», «2 г»: years
        return _duration_band(int(short.group(1)), cyrillic)
    if held := _HOURS_HELD.fullmatch(text.strip()):  # «48 ч»: hours held
        return _duration_band(int(re.sub(r"\D", "", held["id"])) / (365 * 24), cyrillic)
    hours = re.fullmatch(rf"\s*({NUMBER})\s+час\w*\s*", text, re.IGNORECASE)
    if hours and _number(hours.group(1)) is not None:  # «часов пять»: hours held, said the approximate way
        return _duration_band(_number(hours.group(1)) / (365 * 24), cyrillic)
    match = _DURATION.fullmatch(text.strip())
    kazakh = _KAZAKH_TEN.fullmatch(text.strip())
    slang = next((years for stem, years in _SLANG_TERMS.items() if text.strip().casefold().startswith(stem)), None)
    if match is None and slang is not None:
        return _duration_band(slang, cyrillic)
    if match is None and kazakh is not None:
        value = _number(text.strip()[: kazakh.start("unit")])
        unit = kazakh["unit"].casefold()
        per_year = (12 if unit.startswith("ай") else 52 if unit.startswith("апта")
                    else 365 if unit.startswith(("күн", "кун", "тәулі", "таулі", "таули")) else 1)
        return None if value is None else _duration_band(value / per_year, cyrillic)
    if match is None:
        bare = _BARE.fullmatch(text.strip())
        half = bool(bare) and bool(re.search(r"половин|and\s+a\s+half", text, re.IGNORECASE))
        value = _number(re.sub(r"\s+(?:с\s+)?половин\w*|\s+and\s+a\s+half", "", text.strip(), flags=re.I))
        if bare is None or value is None:
            return None
        return _duration_band(value + 0.5 * half, cyrillic)
    value = _number(match["n"])
    if value is None:
        return None
    unit = match["unit"].casefold()
    per_year = (365 * 24 * 60 if unit.startswith(("минут", "minute", "мин")) else
                12 if unit.startswith(("месяц", "мес", "ай", "month", "mesyats")) else
                52 if unit.startswith(("недел", "нед", "апта", "week")) else
                365 if unit.startswith(("сут", "дн", "дня", "тәулік", "таулик", "sut", "day", "күн", "кун", "kun")) else
                365 * 24 if unit.startswith(("сағат", "сагат", "hour", "час")) else 1)
    return _duration_band(value / per_year, cyrillic)


_NUMBER_TOKEN = re.compile(r"[^\W\d_]+")


def _after_an_unrelated_digit(text: str, start: int, end: int) -> int:
    """Where a term or an age starts once a digit said before it that no range joins it to is left out: in «школа
    номер три девять лет работаю» the school's «три» is no part of nine years, while «пять шесть лет» is a range."""
    previous = None
    for word in _NUMBER_TOKEN.finditer(text, start, end):
        value = UNITS.get(word.group().casefold())
        if value is None or not is_cyrillic(word.group()):
            return start  # (English digits said one by one are a code's: "la one five five slash fourteen")
        if previous is not None and previous[1] >= 1 and value - previous[1] not in (1, 2):
            start = word.start()
        previous = (word, value)
    return start


def _duration_band(years: float, cyrillic: bool) -> str:
    if years < 1 / 12:
        return "[СРОК: меньше месяца]" if cyrillic else "[DURATION: under a month]"
    if years < 1:
        return "[СРОК: меньше года]" if cyrillic else "[DURATION: under a year]"
    band = "1–4" if years < 5 else "5–9" if years < 10 else "10–19" if years < 20 else "20+"
    return f"[СРОК: {band} лет]" if cyrillic else f"[DURATION: {band} years]"


class QuantityRecognizer(EntityRecognizer):
    """MONEY (a number with a currency or a money word, or slang that means money alone), AGE, TIME (clock
    times) and DURATION (a number of years or months)."""

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["MONEY", "AGE", "TIME", "DURATION"], name=f"Quantities-{language}",
                         supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in finditer(_SUM, text):
            if not match["id"].strip() or not (match["n"] or match["mult"]):
                continue
            multiplier = _multiplier_key(match["mult"])
            if multiplier in ("k", "к") and _BY_THE_HOUR.match(text, match.end("id")):
                continue  # "na 25.03 k 10:00": «к» is "by" before a time, no thousand
            implied = (match["n"] and multiplier in _MONEY_MULTIPLIERS
                       and not _COUNTED.match(text, match.end("id")))
            if not (match["cur"] or match["pre"] or multiplier in _MONEY_ON_ITS_OWN or implied):
                if _grouped_sum(text, match) or _PAID_NUMBER.search(
                        text, max(0, match.start("id") - 40), match.end("id")) and _paid_here(text, match):
                    results.append(self._result("MONEY", match.start("id"), match.end("id"),
                                                "a number in thousands", _GROUPED_SCORE))
                continue  # a bare number is not a sum
            start = match.start("id")
            thousand = _BARE_THOUSAND_BEFORE.search(text, max(0, start - 12), start) if match["n"] else None
            if thousand and not _NUMBER_WORD_BEFORE.search(text, max(0, thousand.start() - 16), thousand.start()):
                start = thousand.start()  # «мың екі жүз доллар»: a thousand said alone opens the sum
            couple = (_COUPLE.search(text, max(0, start - 6), start) if not match["n"] else None) or (
                _HALF_BEFORE.search(text, max(0, start - 5), start))  # «пол-ляма»: half of it
            # «пару косарей»: «пару» is the sum's number, and left alone it would tell the sum
            results.append(self._result("MONEY", couple.start() if couple else start, match.end("id"),
                                        "sum of money"))
        lowered = text.casefold()
        rough = [pattern for words, pattern in _ROUGH_AGES if any(word in lowered for word in words)]
        for pattern in scannable((*_AGE_PATTERNS, *rough), text):
            for match in pattern.finditer(text):
                if (_TERM_VERBS.search(text[max(0, match.start() - 25):match.start()])
                        and not (_BEING_AFTER.match(text, match.end("id"))
                                 and not _YEARS_WORD.search(match["id"]))) or _TERM_AFTER.match(text, match.end("id")):
                    continue  # «дала ему шесть лет», «мне два года условно»: a sentence, not his age (but «сидел в
                    # машине, мне двадцать девять было тогда»: being so old, whatever verb came before)
                if generalise_age(match["id"], False) is not None:
                    results.append(self._result("AGE", match.start("id"), match.end("id"), "age"))
        for pattern in (_KAZAKH_LOCATIVE_AGE, _KAZAKH_OVER_AGE, _KAZAKH_MY_AGE):
            for match in finditer(pattern, text):
                group = "id" if match["id"] else "reached"
                results.append(self._result("AGE", match.start(group), match.end(group), "Kazakh age"))
        for pattern in _TIME_PATTERNS:
            for match in finditer(pattern, text):
                results.append(self._result("TIME", match.start("id"), match.end("id"), "clock time"))
        for match in finditer(_DURATION, text):
            if generalise_duration(match["id"], False) is not None:
                results.append(self._result("DURATION", match.start("id"), match.end("id"), "duration",
                                            DURATION_SCORE))
        for match in finditer(_INVERTED, text):
            if match["million"]:
                results.append(self._result("MONEY", match.start("million"), match.end("million"),
                                            "millions and a number after them"))
                continue
            unit = match["unit"].casefold()
            # («тысяч двести человек» counts people; after a unit of time the noun is the next clause's: «уже лет
            # пятнадцать гектаров тридцать арендуем», «лет пятнадцать браконьеры приезжали»; but «один» after it is
            # alone, not one: «мальчика семи лет один сам ехал»)
            if unit.startswith(("тыс", "милл", "лимон", "лям")):
                if _counts_something(text, match.end("id")):
                    continue
            elif match["n"].casefold() in ("один", "одна", "одно", "одного", "одну"):
                continue
            said_of_age = (_AGE_BEFORE.search(text[max(0, match.start() - 40):match.start()])
                           or _AGE_AFTER.match(text, match.end()))
            kind = ("MONEY" if unit.startswith(("тыс", "милл", "лимон", "лям")) else
                    "AGE" if unit in ("лет", "года") and said_of_age else "DURATION")
            results.append(self._result(kind, match.start("id"), match.end("id"), "a number after its unit"))
        for match in finditer(_PRICE, text):
            group = next(name for name in ("slang", "each", "charged", "share", "paid", "wage", "demanded", "each_time",
                                           "bribe", "grouped", "cash", "monthly") if match[name])
            results.append(self._result("MONEY", match.start(group), match.end(group), "a price"))
            if other := _OTHER_PRICE.match(text, match.end(group)):  # «пятёрку иногда десятку»: a second price
                results.append(self._result("MONEY", other.start("id"), other.end("id"), "a price"))
        for match in _LATIN_PAID_FIGURE.finditer(text):
            results.append(self._result("MONEY", match.start("id"), match.end("id"), "a figure paid, in Latin letters"))
        for match in _LATIN_MONEY_SLANG.finditer(text):
            results.append(self._result("MONEY", match.start("id"), match.end("id"), "money slang in Latin letters"))
        for match in finditer(_LIFE_TERM, text):
            results.append(self._result("DURATION", match.start("id"), match.end("id"), "a life sentence"))
        for match in finditer(_KAZAKH_PART_SERVED, text):
            group = "id" if match["id"] else "last"
            results.append(self._result("DURATION", match.start(group), match.end(group), "part of a term served",
                                        DURATION_SCORE))
        for match in finditer(_ONE_UNIT_HELD, text):
            group = "id" if match["id"] else "before"
            results.append(self._result("DURATION", match.start(group), match.end(group), "one unit of time held",
                                        DURATION_SCORE))
        for match in finditer(_RATE, text):
            group = "id" if match["id"] else "short" if match["short"] else "pay"
            results.append(self._result("MONEY", match.start(group), match.end(group), "a rate of pay"))
        for match in finditer(_HOURS_HELD, text):
            results.append(self._result("DURATION", match.start("id"), match.end("id"), "hours held"))
        for match in finditer(_HOURS_AND_MINUTES, text):
            results.append(self._result("DURATION", match.start("id"), match.end("id"), "hours and minutes"))
        for match in finditer(_HALF_UNIT, text):
            results.append(self._result("DURATION", match.start("id"), match.end("id"), "half a unit of time"))
        for match in finditer(_ORDINAL_TERM, text):
            results.append(self._result("DURATION", match.start("id"), match.end("id"), "how long, by its count",
                                        DURATION_SCORE))
        for match in finditer(_SLANG_TERM, text):
            group = "id" if match["id"] else "before"
            results.append(self._result("DURATION", match.start(group), match.end(group), "prison slang for a term"))
        for match in finditer(_KAZAKH_TEN, text):
            unit = match["unit"].casefold()
            kind = ("AGE" if unit.startswith("жас") else "MONEY" if unit.startswith(("мың", "мын", "теңге"))
                    else "DURATION")
            results.append(self._result(kind, match.start("id"), match.end("id"), "Kazakh ten with its unit"))
        results += self._elliptical(text, results)
        for result in results:
            if result.entity_type in ("DURATION", "AGE"):
                result.start = _after_an_unrelated_digit(text, result.start, result.end)
        return results

    def _elliptical(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """Bare numbers that repeat the kind of a sum, age or term close to them, or follow a verb of sentencing."""
        anchors = [r for r in found if r.entity_type in ("MONEY", "AGE", "DURATION")]
        results = []
        sums = [r for r in found if r.entity_type == "MONEY"]
        for match in finditer(_BARE_MONEY_SLANG, text):  # «по сто баксов с машины, а с фуры штуку»
            start, end = match.start("id"), match.end("id")
            if not any(r.start < end and start < r.end for r in found) and any(
                    -_ANCHOR_WINDOW < start - r.end < _ANCHOR_WINDOW for r in sums):
                results.append(self._result("MONEY", start, end, "money slang beside a sum", _ELLIPTICAL_SCORE))
        terms = [r for r in found if r.entity_type == "DURATION"]
        for match in finditer(_BARE_SLANG, text):  # «дали десятку, а потом пятнашку»
            start, end = match.start("id"), match.end("id")
            if not any(r.start < end and start < r.end for r in found) and any(
                    -_ANCHOR_WINDOW < start - r.end < _ANCHOR_WINDOW for r in terms):
                results.append(self._result("DURATION", start, end, "slang term beside a term", _ELLIPTICAL_SCORE))
        for match in finditer(_BARE, text):
            start, end = match.start("id"), match.end("id")
            if (any(r.start < end and start < r.end for r in found) or _counts_something(text, end)
                    or match["id"].casefold() in ONE_WORDS or _in_a_shift_rotation(text, start, end)):
                continue
            value = _number(re.sub(r"\s+(?:с\s+)?половин\w*|\s+and\s+a\s+half", "", match["id"], flags=re.I))
            if value is None or not 0 < value < 10_000 or (1900 <= value <= 2100 and match["id"].isdecimal()):
                continue
            near = [r for r in anchors if -_ANCHOR_WINDOW < start - r.end < _ANCHOR_WINDOW
                    or -_ANCHOR_WINDOW < r.start - end < _ANCHOR_WINDOW]
            if value < 50 and (_TERM_VERBS.search(text[max(0, start - 40):start])
                               or _TERM_VERBS_AFTER.match(text, end)):
                # «дали пять», «пять с половиной дали»: the verb of sentencing says what it is, whatever the
                # nearest anchor is («ему сейчас тридцать два … дали семь с половиной»)
                kind = "DURATION"
            elif near:
                anchor = min(near, key=lambda r: min(abs(start - r.end), abs(r.start - end)))
                kind = anchor.entity_type
            else:
                continue
            if (kind == "AGE" and not value < 120) or _COUNT_BEFORE.search(text, max(0, start - 12), start):
                continue  # «человек 300, если не больше»: a count of people said the approximate way
            if _ARTICLE_BEFORE.search(text, max(0, start - 30), start) or _ARTICLE_AFTER.match(text, end) or (
                    re.fullmatch(r"\d{3}", match["id"]) and _BY_ARTICLE.search(text, max(0, start - 4), start)):
                continue  # «ст. 366, 367», «с 297 на 296», «задержан по 296»: articles of the code
            if kind == "DURATION" and not value <= 30:  # no term runs so long: an age or a year said short
                if any(r.entity_type == "AGE" for r in near) and value < 120:
                    kind = "AGE"  # «ему было под сорок, а выглядел на шестьдесят»
                elif value < 100 and _YEAR_PREPOSITION.search(text, max(0, start - 8), start):
                    kind = "DATE_WORDS"  # "my grandparents came in forty four"
                # otherwise still taken, as a term: whisper's stray digits of a plate or a code beside a term are
                # more often than not part of an identifier (a cap here let them through in the eleventh round)
            results.append(self._result(kind, start, end, f"bare number beside a {kind.lower()}",
                                        _ELLIPTICAL_SCORE))
        return results

    def _result(self, entity: str, start: int, end: int, why: str, score: float = SCORE) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=score, textual_explanation=why)
        return RecognizerResult(entity, start, end, score, explanation)
