"""Kazakhstan-specific identifiers as Presidio recognizers: IIN, phones, plates, case numbers, addresses,
police units, ranks followed by a surname, surname shapes, Russian and Kazakh dates.

Context ("телефон", "номер машины") is matched on word stems in a window before the match, not on spaCy
lemmas: lemmas do not exist for Kazakh and are empty for the blank Russian pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise import english_cues
from fieldkit.anonymise.anchored import matches_near
from fieldkit.anonymise.gazetteer import gazetteer
from fieldkit.anonymise.kazakh_words import KAZAKH_RUN_BREAKS, KAZAKH_VERB_ENDINGS
from fieldkit.anonymise.morphology import THE_ONE_IN_ENDINGS, is_probably_name
from fieldkit.anonymise.number_words import (
    HUNDRED_MULTIPLIERS,
    HUNDREDS,
    KAZAKH_CARDINAL,
    KAZAKH_ORDINAL_ENDINGS,
    KAZAKH_TENS,
    KAZAKH_UNITS,
    TEENS,
    TENS,
    UNITS,
    trie_pattern,
)
from fieldkit.anonymise.script_gate import finditer

GAZETTEER_SCORE = 0.9
CYR_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
CYR_LOWER = "а-яёәғқңөұүһі"
_IIN_WEIGHTS_1 = tuple(range(1, 12))
_IIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def iin_is_valid(text: str) -> bool:
    """A Kazakhstan IIN: YYMMDD, a century/sex digit 1-6, a 4-digit serial and a mod-11 check digit."""
    digits = [int(ch) for ch in text if ch.isdecimal()]
    if len(digits) != 12 or len(text.strip()) != 12:
        return False
    century = _CENTURY.get(digits[6])
    if century is None:
        return False
    try:
        date(century + digits[0] * 10 + digits[1], digits[2] * 10 + digits[3], digits[4] * 10 + digits[5])
    except ValueError:
        return False
    check = sum(d * w for d, w in zip(digits, _IIN_WEIGHTS_1, strict=False)) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, _IIN_WEIGHTS_2, strict=False)) % 11
        if check == 10:
            return False
    return check == digits[11]


Validator = Callable[[str, re.Match, str], bool]


@dataclass(frozen=True)
class Rule:
    """One regular expression; only its ``id`` group (or the whole match) is reported."""

    entity: str
    pattern: re.Pattern
    score: float
    validator: Validator | None = None
    context: tuple[str, ...] = ()
    context_score: float = 0.0
    #: lower-case stems one of which the text must hold for the rule to be tried at all: a pattern that may start
    #: at any word is costly on a long transcript, and most transcripts never say its keyword
    needs: tuple[str, ...] = ()
    #: a keyword pattern the rule is tried only near (``reach`` characters either side): a pattern that walks back
    #: from its keyword would otherwise be tried at every word of a long transcript
    anchor: re.Pattern | None = None
    reach: int = 0


class RuleRecognizer(EntityRecognizer):
    """Runs a list of Rules; context stems raise a match's score to ``context_score``."""

    CONTEXT_WINDOW = 48

    def __init__(self, name: str, rules: list[Rule], language: str) -> None:
        self.rules = rules
        super().__init__(
            supported_entities=sorted({rule.entity for rule in rules}), name=name, supported_language=language
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        lowered = text.casefold()
        for rule in self.rules:
            if (entities and rule.entity not in entities) or (rule.needs and not any(
                    stem in lowered for stem in rule.needs)):
                continue
            found = (finditer(rule.pattern, text) if rule.anchor is None
                     else matches_near(rule.pattern, rule.anchor, text, rule.reach))
            for match in found:
                start, end = match.span("id") if "id" in rule.pattern.groupindex else match.span()
                if start < 0 or end <= start:
                    continue
                if "\n" in text[start:end]:
                    # a line ends what a rule finds on it: «в акимате⏎ZAY-05, фельдшер» is no «акимате ZAY-05»
                    match = rule.pattern.match(text, match.start(), text.index("\n", start))
                    if match is None:
                        continue
                    start, end = match.span("id") if "id" in rule.pattern.groupindex else match.span()
                    if start < 0 or end <= start:
                        continue
                if rule.validator and not rule.validator(text[start:end], match, text):
                    continue
                score = rule.score
                if rule.context:
                    window = lowered[max(0, start - self.CONTEXT_WINDOW) : start]
                    if any(stem in window for stem in rule.context):
                        score = max(score, rule.context_score)
                explanation = AnalysisExplanation(
                    recognizer=self.name, original_score=score, textual_explanation=rule.entity
                )
                results.append(RecognizerResult(rule.entity, start, end, score, explanation))
        return results


#: a date in digits at the start of a run of digits («12.03.26, 10:40–12:05», «22/08/23 19.40»): a note's date and
#: the hour after it are no one long number (read here and by the spoken-number recognizer)
DATE_FIRST = re.compile(r"\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?!\d)")
#: the minutes of a clock time, right after the hour a run of digits ends in («1204 2023 16:40»): that last group is
#: an hour, and the digits before it are no one number with it (read here and by the spoken-number recognizer)
CLOCK_MINUTES_AFTER = re.compile(r"[:.][0-5]\d(?!\d)")


def _long_number_not_money_or_years(value: str, match: re.Match, text: str) -> bool:
    """A long run of digits is an account, a card or a phone whisper wrote without its shape, unless a currency
    follows it or it is years listed («2014 2015 2016», «2017-2019»), which the date rules read."""
    after = text[match.end() : match.end() + 12].casefold()
    if re.match(r"\s*(?:тенге|тг|₸|долл|\$|usd|рубл|евро|eur|tenge|dollar|kzt)", after):
        return False
    dated = DATE_FIRST.match(value)
    if dated and value[dated.end():dated.end() + 1].isspace():
        return False  # «22/08/23 19.40»: a note's date, then the hour it began
    if CLOCK_MINUTES_AFTER.match(text, match.end()):
        return False  # «1204 2023 16:40»: its last group is the hour of a clock time
    return not all(re.fullmatch(r"(?:19|20)\d\d", group) for group in re.split(r"[ \-/]", value))


def _iin(value: str, match: re.Match, text: str) -> bool:
    return iin_is_valid(value)


def _plate_region(value: str, match: re.Match, text: str) -> bool:
    compact = value.replace(" ", "")
    return 1 <= int(compact[-2:]) <= 20


#: people named by what they are, after whom a plural genitive makes no sense («участковый складов»), unlike
#: «начальник складов» (head of the warehouses)
_NO_GENITIVE_AFTER = ("участков", "осужденн", "осуждённ", "задержанн", "подсудим", "обвиняем", "сокамерник",
                      "конвоир", "оперативник", "опер")


def _surname_after_rank(value: str, match: re.Match, text: str) -> bool:
    from fieldkit.anonymise.kazakh_words import is_kazakh_verb_form
    from fieldkit.anonymise.names import is_common_kazakh

    first = value.split()[0]
    if is_common_kazakh(first.casefold()) and not (
            re.search(r"(?:ов|ев|ёв|(?<!т)ин)$", first.casefold()) and not is_kazakh_verb_form(first.casefold())):
        # a Kazakh word after a rank: «Лейтенант болсын, майор болсын» (be he a lieutenant or a major); not a
        # Russian surname a Kazakh word is spelt like in Russian letters («капитан мусин», «мүсін» a statue)
        return False
    if first[:1].islower():
        # in lower case, as speech recognition writes, a rank is as often followed by any word («капитаны маған
        # ештеңе түсіндірмеді», «участковый келді»): only a word that looks like a name is taken
        from fieldkit.anonymise.names import looks_like_a_name, unknown_non_kazakh_word

        if looks_like_a_name(first) or unknown_non_kazakh_word(first):
            return True
        # «участковый битков», «осужденный хабаров»: a surname that is also a plural genitive («биток», «хабар»)
        # after a person no genitive follows
        head = match.group(0)[: match.start("id") - match.start()].split()[0].casefold()
        if not (head.startswith(_NO_GENITIVE_AFTER) and re.search(r"(?:ов|ев|ёв|ин|ын)$", first)):
            return False
        from fieldkit.anonymise.morphology import first_tag

        reading = first_tag(first.casefold())
        return "gent" in reading and "plur" in reading
    return is_probably_name(first)


def _name_shape(value: str, match: re.Match, text: str) -> bool:
    before = text[: match.start("id")].rstrip()
    if not before or before[-1] in '.!?…:—-"«':
        # sentence-initial: capitals prove nothing (Kazakh "Сосын" = "then" has a surname's ending)
        from fieldkit.anonymise.names import has_surname_shape

        return has_surname_shape(value) and is_probably_name(value)
    return is_probably_name(value)


def _has_qualifier(value: str, match: re.Match, text: str) -> bool:
    return bool(match.group("qual"))


_SEP = r"[\s\-\.]?"
#: Lower-case words that follow a rank without being a surname ("the captain said", "an officer who").
_COMMON_AFTER_RANK = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "who",
        "which",
        "that",
        "this",
        "there",
        "then",
        "said",
        "says",
        "told",
        "asked",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "had",
        "has",
        "have",
        "did",
        "does",
        "do",
        "came",
        "come",
        "went",
        "go",
        "got",
        "get",
        "gave",
        "give",
        "took",
        "take",
        "would",
        "could",
        "should",
        "will",
        "can",
        "may",
        "might",
        "must",
        "never",
        "always",
        "also",
        "just",
        "only",
        "still",
        "even",
        "again",
        "later",
        "himself",
        "herself",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "it",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "as",
        "if",
        "when",
        "while",
        "because",
        "so",
        "not",
        "no",
        "yes",
        "all",
        "every",
        "some",
        "any",
        "one",
        "two",
        "three",
        "first",
        "second",
        "called",
        "named",
        "tried",
        "wanted",
        "knew",
        "know",
        "saw",
        "see",
        "looked",
        "put",
        "let",
        "made",
        "make",
        "kept",
        "keep",
        "brought",
        "bring",
        "let",
        "left",
        "right",
        "back",
        "up",
        "down",
        "out",
        "over",
        "about",
        "after",
        "before",
        "during",
        "like",
        "into",
        "rank",
        "level",
        "grade",
        "class",
        "duty",
        "general",
    ]
)
PHONE_CONTEXT = (
    "тел",
    "номер",
    "звон",
    "позвон",
    "whatsapp",
    "ватсап",
    "вотсап",
    "phone",
    "call",
    "number",
    "нөмір",
    "хабарлас",
)
#: a part of a case number as said and transcribed, and the stroke between parts («дробь», whisper's «дробе»)
#: a Russian number word; a part of a case number is digits or up to five of these («триста семь», «двадцать четыре»)
#: in Russian, Kazakh or English, with the thousands («одна тысяча четыреста», "two thousand and forty")
_NUMBER_WORD = trie_pattern(sorted({*(word for table in (UNITS, TEENS, TENS, HUNDREDS) for word in table
                                      if word != "o"), *HUNDRED_MULTIPLIERS, "тысяча", "тысячи", "тысяч", "мың",
                                    "thousand"})) + r"(?!\w)"
_SAID_PART = rf"(?:\d{{1,6}}|{_NUMBER_WORD}(?:\s+(?:and\s+)?{_NUMBER_WORD}){{0,5}})"
#: a stroke, or the dash of «два тире тысяча…» (the kind of case before it), in Russian, Kazakh and English
_STROKE = (r"\s*,?\s*(?:дробь|дроб\w*|дро|слэш|слеш|/|бөлшек|болшек|slash|тире|дефис|сызықша|сызыкша|dash)"
           r"\s*,?\s*")
PLATE_CONTEXT = ("номер", "машин", "авто", "госномер", "plate", "car", "vehicle", "көлік")
_RU_MONTHS_GEN = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_EN_MONTHS_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"  # «May» is a word and a full month
_RU_MONTHS_ABBR = r"(?:янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|дек)(?:\.|(?!\w))"  # a note's «23 мар»
_RU_MONTHS_LOC = "январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
#: Kazakh months, also in Russian letters as whisper and messenger Latin spelled back write them («карашада»)
_KK_MONTHS = (r"(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйе[кг]|қазан|қараша|желтоқсан|кантар|акпан|"
              r"сауир|сәуир|шилде|кыркуйе[кг]|кыркуие[кг]|казан|караша|желтоксан)(?!бай|бек|гүл|гул|хан|жан)\w*")
_EN_MONTHS_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_EN_MONTHS = rf"(?:{_EN_MONTHS_FULL}|{_EN_MONTHS_ABBR})\.?"

#: a plate's region said as an ordinal, as whisper writes it after the digits: «седьмой», «первой реги»
_ORDINAL_REGION = (r"(?i:(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|"
                   r"тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат)"
                   r"(?:ый|ой|ий|ая|ого|ому)(?:\s+реги\w*|\s+риге|\s+регион\w*)?)")


#: a micro-district by its number said as an ordinal: «в шестом микрорайоне», "v pervom mkr", «бесінші шағын
#: ауданда», «жиырма жетінші шағынауданда» (where the digits are the address rules')
_ORDINAL_MICRODISTRICT = re.compile(
    r"(?<!\w)(?P<id>(?i:(?:(?:(?:двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто)\s+)?"
    r"(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|"
    r"тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат)"
    r"(?:ый|ой|ий|ом|ем|ого|его|ому|ым)|(?:perv|vtor|tret|chetvert|pyat|shest|sedm|vosm|devyat|desyat)"
    r"(?:yy|yi|iy|oy|oi|om|em|ogo|ego|omu|ym)?)\s+(?:микрорайон\w*|мкр\.?|mikrorayon\w*|mikroraion\w*|mkr\.?)"
    # (the Kazakh ordinal with its tens, and the micro-district's word written joined or in Russian: «жиырма
    # жетінші шағынауданда», «он бесинши микрорайоне»)
    r"|(?:(?:он|жиырма|отыз|қырық|кырык|елу|алпыс|жетпіс|жетпис|сексен|тоқсан|токсан)\s+)?"
    r"[а-яәғқңөұүһі]+(?:ыншы|інші|ншы|нші|инши)\s+(?:ша[гғ]ын\s?аудан\w*|ы[кқ]шам\s?аудан\w*|мкр|"
    r"микрорайон\w*)))(?!\w)")

#: a micro-district by its number in messenger Latin or English: "v 14 mkr", "8th mkr", "the fourth micro district",
#: "12-i mikrorayon" (the street address after «мкр 14» is the address rules')
_LATIN_NUMBERED_MICRODISTRICT = re.compile(
    r"(?<![\w-])(?P<id>(?:\d{1,2}(?:-?(?:om|m|yi|iy|oy|oi|go|ogo|y|i|th|st|nd|rd|shi|ші))?|(?:first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
    r"seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-](?:first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth)))\s*(?:mkr|mkrn|mikrorayon\w*|mikroraion\w*|micro[\s-]?districts?|microdistricts?)\.?)(?![\w-])",
    re.IGNORECASE)
_KAZAKH_MICRODISTRICT = r"(?:шағын\s?аудан|шагын\s?аудан|ықшам\s?аудан|ыкшам\s?аудан|shagyn\s?audan|yqsham\s?audan)\w*"
#: a micro-district by its number in digits or words, or by its name with a number or alone before the Kazakh word:
#: «14-ші шағынаудандағы», «самал екі шағынауданында», «15 shagyn audanda», «Avangard shagyn audanynan»
_KAZAKH_UNIT_WORDS = "|".join(("бір", "бир", "екі", "еки", "үш", "уш", "төрт", "торт", "бес", "алты", "жеті", "жети",
                                "сегіз", "сегиз", "тоғыз", "тогыз", "он", "bir", "eki", "ush", "tort", "bes", "alty",
                                "zheti", "jeti", "segiz", "togyz"))
_NAMED_MICRODISTRICT = re.compile(
    # a name and its number («самал екі», "samal 2"), or digits alone («14-ші»; «төрт шағын ауданда» counts four)
    r"(?<![\w-])(?P<id>(?:(?!(?:мен|және|біз|сен|ол|бұл|осы|сол|на|в|и|с|ва|men|jane|bul|osy|sol)\s)"
    r"[^\W\d_]{3,}\s+"
    r"(?:\d{1,3}|" + _KAZAKH_UNIT_WORDS + r")|\d{1,3}(?:-?(?:ші|шы|інші|ыншы|shi|shy|inshi))?)\s+"
    + _KAZAKH_MICRODISTRICT
    + r"|[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\W\d_]{2,}\s+" + _KAZAKH_MICRODISTRICT + r")(?!\w)")

#: a Kazakh number word, in Kazakh or Russian letters, and the English names of Latin letters as said on a plate
_KK_WORD = ("(?:" + "|".join((*KAZAKH_UNITS, *KAZAKH_TENS, "жүз", "жуз", "нөл", "нол", "нөль", "ноль")) + ")")
_LETTER_NAME = r"(?:эй|би|си|ди|и|эф|джи|эйч|ай|джей|кей|эл|эм|эн|оу|о|пи|кью|ар|эс|ти|ю|ви|дабл\s?ю|экс|уай|зед|зет)"
#: Russian digits and tens said as words
_RU_DIGIT = r"(?:ноль|нуль|один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять)"
_RU_TENS = (r"(?:десять|одиннадцать|двенадцать|тринадцать|четырнадцать|пятнадцать|шестнадцать|семнадцать|"
            r"восемнадцать|девятнадцать|двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто)")
#: plants called by their trade alone: «работал на ферросплавном», «на павлодарском алюминиевом», "na ferrosplavnom"
#: (a town's only such plant names its workers' employer); other trades only with the plant's noun
_LONE_PLANTS = (r"ферросплавн|алюминиев|электролизн|свинцов|тракторн|медеплавильн|титано-?магниев|вагоностроительн|"
                r"ferrosplavn|alyuminiev|alyuminiyev|aliuminiev|svintsov|svincov|traktorn")
_PLANT_NOUNS = r"(?:завод|комбинат|фабрик|цех|зауыт|zavod|kombinat)\w*"
_PLANT_BY_ITS_TRADE = re.compile(
    rf"(?i:(?<!\w)(?:на|в|с|со|из|na|v|s|so|iz)\s+(?:[а-яё]+(?:ском|ской|ского|ский|ском)\s+)?"
    rf"(?P<id>(?:{_LONE_PLANTS})\w*(?:\s+{_PLANT_NOUNS})?)(?!\w))")
def _no_other_noun_after(found: str, match: re.Match, text: str) -> bool:
    """A plant's trade stands alone, or before the plant's noun: «на свинцовом гробу» is a lead coffin."""
    if re.search(r"\s", found):
        return True  # the plant's noun is in the match
    following = re.match(r"\s+([а-яёa-z]+)", text[match.end("id"):], re.IGNORECASE)
    if following is None:
        return True
    from fieldkit.anonymise.morphology import first_tag, is_cyrillic

    word = following.group(1).casefold()
    if word in ("лет", "год", "года", "годы", "месяц", "месяца", "месяцев", "раз", "смену", "сменой"):
        return True  # «на ферросплавном лет пять»: how long, not what kind of thing
    return not (is_cyrillic(word) and first_tag(word).startswith(("NOUN", "ADJF")))


_PLANT_WITH_ITS_NOUN = re.compile(
    rf"(?i:(?<!\w)(?P<id>(?:{_LONE_PLANTS}|цинков|металлургическ|горно-?обогатительн|обогатительн|химическ|"
    rf"metallurgichesk)\w*\s+{_PLANT_NOUNS})(?!\w))")
#: the Bogatyr coal pit by Ekibastuz: «на богатыре», «разрез богатырь», «Богатырь разрезінде», "na bogatyre"
#: the ferroalloy plant by its one word, in any form or language («ферросплавныйда», "ferrosplavnyy"): no other
#: thing is called that
_FERROALLOY = re.compile(r"(?i:(?<!\w)(?P<id>(?:ферросплав|ferrosplav)\w*(?:\s+(?:завод|комбинат|зауыт|zavod)\w*)?"
                         r"|(?:завод|zavod)\w*\s+(?:хромовых\s+соединений|hromovyh\s+soedinenii))(?!\w))")
#: a mine named by its place or its side of the field: «на тишинском руднике», «южный рудник», «абайской шахте»
#: (not by what it digs or how old it is: «золотой рудник», «старая шахта»)
_MINE_BY_ITS_ADJECTIVE = re.compile(
    r"(?i:(?<![\w-])(?P<id>(?!(?:казахстанск|советск|российск|китайск|английск|городск|сельск|шахт[её]рск|"
    r"горняцк|чуж|так|как)[а-яё]*\s)(?:юго-|северо-)?(?:южн|северн|западн|восточн|центральн|[а-яё]{2,}ск)"
    r"(?:ий|ый|ой|ая|ую|ом|ого|ому|ым)\s+(?:шахт|рудник|разрез|карьер)[а-яё]*)(?!\w))")
_BOGATYR = re.compile(r"(?i:(?<!\w)(?:разрез\w*|на|na|razrez\w*)\s+«?(?P<id>(?:богатыр[ьеяю]|bogatyr)\w*)(?!\w))")
_BOGATYR_PIT = re.compile(r"(?i:(?<!\w)(?P<id>«?(?:богатыр|bogatyr)\w*»?\s+(?:разрез\w*|razrez\w*|көмір\w*|комир\w*"
                          r"|komir\w*|кеніш\w*|кениш\w*|kenish\w*|kenış\w*))(?!\w))")
#: a paper named without quotes before its Kazakh word, the first name word capitalised: «Семей таңы газетінде»,
#: «Ертіс өңірі газетіне» (the Kazakh possessive says the words before are its name)
_NAMED_PAPER = re.compile(
    r"(?<![\w-])(?P<id>(?!(?:Мен|Біз|Сіз|Ол|Олар|Бұл|Сол|Осы|Кейін|Содан|Сосын)\s)[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+"
    r"(?:\s+[\w-]+){0,2}?\s+(?i:газеті\w*|гәзеті\w*|газети\w*|журналы\w*|порталы\w*|телеарнасы\w*))(?!\w)")

#: a word of a saint's name, not a word of the sentence around it
_SAINTS_WORD = (r"(?!(?i:был\w*|была|было|и|в|во|на|с|со|у|к|по|за|из|от|до|это|где|там|тут|the|a|an|of|to|at|in|and|"
                r"мен|және|жанында|қасында|маңында|near|by)(?![\w/]))[^\W\d_]{2,}(?![\w/])")
_QUOTE = r"[«\"“][^»\"”\n]{2,40}[»\"”]"


def _a_name_in_quotes(value: str, match: re.Match, text: str) -> bool:
    """A name in quotes starts with a capital or a digit, or (whisper's lower case: «отеле «яссы сарай»») has more
    than one word or a word no dictionary knows: «на посту «тариф»» quotes a word, not a place's name."""
    from fieldkit.anonymise.morphology import is_known_word

    quoted = re.search(r"[«\"“]([^»\"”\n]+)[»\"”]", value)
    if quoted is None:
        return False
    inside = quoted.group(1).strip()
    quoted_words = re.findall(r"[^\W\d_]+", inside)
    return (inside[:1].isupper() or inside[:1].isdigit() or len(quoted_words) >= 2
            or any(not is_known_word(word) for word in quoted_words))
_QUOTED_INSTITUTION = re.compile(
    r"(?<![\w-])(?P<id>(?i:газет\w*|журнал\w*|портал\w*|телеканал\w*|санатори\w*|сан\.|пансионат\w*|фонд\w*|"
    r"агентств\w*|фирм\w*|компани\w*|холдинг\w*|gazet\w*|zhurnal\w*|portal\w*|sanatori\w*|newspaper|magazine|"
    r"sanatorium)\s+" + _QUOTE
    + r"|" + _QUOTE + r"\s+(?i:газет\w*|журнал\w*|порталы\w*|санатори\w*|қор\w*|агенттіг\w*|компания\w*|"
    r"gazet\w*|zhurnal\w*))(?!\w)")
_QUOTED_VENUE = re.compile(
    r"(?<![\w-])(?P<id>(?:(?i:[^\W\d_]{3,}(?:ом|ем|ой|ый|ий|ая|ую|ое))\s+)?"
    r"(?i:кафе|ресторан\w*|пост[ауе]?|гостиниц\w*|отел[ьеяю]\w*|лагер[ьеяю]\w*|рын(?:ок|ке|ка|ку)|базар[еау]?|"
    r"магазин\w*|тц|трц|аптек[аеиу]\w*|салон\w*|клиник\w*|шашлычн\w*|столов\w*|автомойк\w*|сто|kafe|cafe|"
    r"restaurant|hotel|market|bazaar|pharmacy|apteka|apteke|казино|kazino|casino)\s+" + _QUOTE
    + r"|" + _QUOTE + r"\s+(?i:кафе\w*|мейрамхана\w*|қонақүй\w*|базар\w*|дүкен\w*|bazar\w*|казино\w*|kazino\w*))(?!\w)")

COMMON_RULES = [
    Rule("ORGANIZATION", _PLANT_BY_ITS_TRADE, 0.8, _no_other_noun_after),
    Rule("ORGANIZATION", _PLANT_WITH_ITS_NOUN, 0.8),
    Rule("ORGANIZATION", _FERROALLOY, 0.8),
    Rule("ORGANIZATION", _BOGATYR, 0.8),
    Rule("ORGANIZATION", _MINE_BY_ITS_ADJECTIVE, 0.75, needs=("шахт", "рудник", "разрез", "карьер")),
    Rule("ORGANIZATION", _BOGATYR_PIT, 0.8),
    Rule("ORGANIZATION", _NAMED_PAPER, 0.8, needs=("газет", "гәзет", "журнал", "портал", "телеарна")),
    Rule("IIN", re.compile(r"(?<![\d\-])(?P<id>\d{12})(?![\d\-])"), 1.0, _iin),
    # a quoted name after the kind of institution it is, or (Kazakh) before it: «в санатории «Шипалы Су»», «в газете
    # «Жайык Пресс»», «"Ақжайық жаршысы" газетінде»; a quoted name alone may be a brand or a title
    Rule("ORGANIZATION", _QUOTED_INSTITUTION, 0.75, _a_name_in_quotes, needs=("«", '"', "“")),
    Rule("LOCATION", _QUOTED_VENUE, 0.75, _a_name_in_quotes, needs=("«", '"', "“")),
    # a village or settlement after its abbreviation in a note: «живёт п. Подстепное», «отбывал п. Заречный», «с. Жана
    # Жол»; a checkpoint by its name: «на посту Құрманғазы», «КПП Таскала»
    Rule("LOCATION", re.compile(rf"(?<![\w.])(?:п|пос|с|ст|дер|ауыл|а)\.\s?(?P<id>[{CYR_UPPER}][а-яёәғқңөұүһі]+"
                                rf"(?:[-\s][{CYR_UPPER}][а-яёәғқңөұүһі]+)?)(?!\w)"), 0.7),
    Rule("LOCATION", re.compile(rf"(?<!\w)(?i:пост[ауе]?|кпп|бекет\w*|checkpoint)\s+(?P<id>[{CYR_UPPER}A-Z]"
                                rf"[\wәғқңөұүһі]+(?:[-\s][{CYR_UPPER}A-Z][\wәғқңөұүһі]+)?)(?!\w)"), 0.7),
    # a mausoleum by the saint it keeps: «мавзолея Ходжи Ахмеда Ясави», «қожа ахмет ясауи кесенесінің», "the yasawi
    # mausoleum"
    Rule("LOCATION", re.compile(rf"(?<!\w)(?P<id>(?i:мавзоле\w*|mausoleum)(?:\s+{_SAINTS_WORD}){{1,3}}"
                                rf"|(?:{_SAINTS_WORD}\s+){{1,3}}(?i:кесене\w*|мавзолей\w*|mausoleum|kesene\w*))(?!\w)"),
         0.7, needs=("мавзоле", "mausoleum", "кесене", "kesene")),
    Rule("LOCATION", _ORDINAL_MICRODISTRICT, 0.8, needs=("микрорайон", "мкр", "mikrora", "mkr", "аудан")),
    Rule("LOCATION", _LATIN_NUMBERED_MICRODISTRICT, 0.8, needs=("mkr", "mikrora", "micro")),
    # Aktau's micro-districts, named by their number alone where the text speaks of Aktau: «жил в 12-м, потом в
    # 27-м», "snachala jil v 12om potom v 27om", "ot 14go" (not a year, a class, a floor or an hour)
    Rule("LOCATION", re.compile(r"(?<![\w-])(?:в|во|на|из|от|с|со|до|у|за|v|vo|na|iz|ot|s|do|u|za)\s+"
                                r"(?P<id>\d{1,2}-?(?:м|ом|й|ый|ой|го|ого|му|ому|om|m|go|ogo|oi|yi|iy|mu|omu))(?![\w-])"
                                r"(?!\s*(?:год|году|года|лет|класс|этаж|час|ряд|месяц|век|числ|подъезд|квартал|вагон|курс|"
                                r"раз|номер|корпус|участ|отряд|цех|блок|палат|кабинет|god|godu|goda|let|klass|etazh|chas|"
                                r"ryad|mesyac|vek|chisl|podezd|kvartal|vagon|kurs|raz|nomer|korpus|uchast|otryad|ceh|"
                                r"tseh|blok|palat|kabinet|[.,]\d))", re.IGNORECASE), 0.6,
         needs=("актау", "ақтау", "aktau", "aqtau")),
    # a city's left or right bank, a district of its own in Astana, Semey, Oskemen or Atyrau: «на левом берегу»,
    # «левобережье», «сол жағалауда», "the left bank", "na levom beregu"
    Rule("LOCATION", re.compile(r"(?<![\w-])(?P<id>(?:лев|прав)(?:ый|ом|ого|ому|ым)\s+берег(?:у|е|а|ом)?|"
                                r"(?:лево|право)бережь\w*|(?:сол|оң|он)\s+жағалау\w*|(?:сол|он)\s+жагалау\w*|"
                                r"(?:left|right)\s+bank|(?:lev|prav)(?:yi|yy|iy|y|om|ogo|omu)\s+bereg(?:u|e|a)?|"
                                r"(?:levo|pravo)berezh\w*|sol\s+ja[gğǵ]ala[uý]\w*|sol\s+zhagalau\w*)(?![\w-])",
                                re.IGNORECASE), 0.75,
         needs=("берег", "бережь", "жағалау", "жагалау", "bank", "bereg", "berezh", "jagala", "jağala", "jaǵala",
                "zhagala")),
    # the same in Cyrillic with the number first, as notes write it: «Актобе, 12 мкр», «в 4-м мкр», «3-й мкр» (the
    # number after «мкр» begins an address: «мкр 4, д. 17»)
    Rule("LOCATION", re.compile(r"(?<![\w.,:/-])(?P<id>\d{1,2}(?:-?(?:й|м|ом|ый|ой|ий|го|ого|ому))?\s*"
                                r"(?:мкр|мкрн)\.?)(?![\w-])(?![ \t]*,?[ \t]*(?:д\.|дом(?!\w)|\d))", re.IGNORECASE),
         0.8, needs=("мкр",)),
    # a power plant by its number, which names one plant in one town: «ЭГРЭС-1», «ТЭЦ-2», "GRES-1", with its town's
    # adjective if said: «экибастузской ГРЭС-2», "ekibastuzskoy GRES-1"
    Rule("ORGANIZATION", re.compile(r"(?<![\w-])(?P<id>(?:[а-яёa-z]+(?:ской|скую|ская|ском|skoy|skoi|skaya|skom)\s+)?"
                                    r"(?:ЭГРЭС|ЕГРЭС|ГРЭС|ТЭЦ|EGRES|GRES|TETs|TETS|TEC)-?\d{1,2})(?![\w-])",
                                    re.IGNORECASE), 0.8, needs=("грэс", "тэц", "gres", "tets", "tec")),
    Rule("LOCATION", _NAMED_MICRODISTRICT, 0.8, needs=("аудан", "audan")),
    Rule(
        "ID_NUMBER",
        # (eight digits and more: «с которого ей писали 88837718», a phone whisper cut short)
        re.compile(r"(?<![\w+])(?P<id>\d(?:[ \-/]?\d){7,})(?!\w)"),
        0.41,
        _long_number_not_money_or_years,
    ),
    Rule(
        "PHONE_NUMBER",
        re.compile(
            r"(?<![\w+])(?P<id>(?:\+\s?7|8)[\s\-]?\(?\s?\d{3,4}\s?\)?[\s\-]?\d{2,3}[\s\-]?\d{2}[\s\-]?\d{2})(?!\d)"
        ),
        0.75,
    ),
    Rule(
        "PHONE_NUMBER",
        re.compile(r"(?<![\w+\-])(?P<id>\d{3}[\s\-]\d{2}[\s\-]\d{2}|\d{2}[\s\-]\d{2}[\s\-]\d{2})(?![\w\-])"),
        0.2,
        context=PHONE_CONTEXT,
        context_score=0.65,
    ),
    Rule(
        "PLATE",
        re.compile(rf"(?<![\w])(?P<id>\d{{3}}[\s-]?[A-Z{CYR_UPPER}]{{2,3}}[\s-]?\d{{2}})(?![\w])"),  # «199 AMZ-16»
        0.6,
        _plate_region,
        context=PLATE_CONTEXT,
        context_score=0.9,
    ),
    # after «№», as whisper writes a plate said with its number sign, the first digit lost: «оконри №98HD04»
    Rule("PLATE", re.compile(r"(?:№|#)\s?(?P<id>\d{2,3}\s?[A-Z]{2,3}\s?\d{2})(?![\w])"), 0.85),
    # typed in a hurry or in a messenger, in lower case: «316 bmk 15», "742abk04"
    Rule(
        "PLATE",
        re.compile(r"(?<![\w])(?P<id>\d{3}\s?[a-z]{2,3}\s?\d{2})(?![\w])"),
        0.35,  # below the threshold: only beside a word about a car («100 mrp 15 raz» is no plate)
        _plate_region,
        context=PLATE_CONTEXT + ("mashin", "nomer", "avto", "gosnomer"),
        context_score=0.85,
    ),
    Rule(
        "PLATE",
        re.compile(r"(?<![\w])(?P<id>[A-Z]\s?\d{3}\s?[A-Z]{2,3})(?![\w])"),
        0.5,
        context=PLATE_CONTEXT,
        context_score=0.85,
    ),
    # the old Soviet-style plate, a letter, three digits and two letters: «Х 517 КМ», and in lower case, as a
    # messenger types it beside a word about a car: "ego taxi h 884 bm"
    Rule("PLATE", re.compile(rf"(?<![\w])(?P<id>[{CYR_UPPER}]\s?\d{{3}}\s?[{CYR_UPPER}]{{2,3}})(?![\w])"), 0.5,
         context=PLATE_CONTEXT, context_score=0.85),
    Rule("PLATE", re.compile(r"(?<![\w])(?P<id>[a-z]\s\d{3}\s[a-z]{2})(?![\w])"), 0.35,
         context=PLATE_CONTEXT + ("mashin", "nomer", "avto", "taxi", "taksi"), context_score=0.85),
    # the region first, as an old plate or a hurried note writes it: «04 RXA 318»
    Rule(
        "PLATE",
        re.compile(r"(?<![\w.,:/-])(?P<id>\d{2}\s?[A-Z]{3}\s?\d{3})(?![\w])"),
        0.5,
        context=PLATE_CONTEXT,
        context_score=0.85,
    ),
    # a trader's place at a bazaar: «контейнер 112, ряд 4», «ряд 7, бутик 15», «12 қатар 5 контейнер»
    Rule(
        "ADDRESS",
        re.compile(r"(?i:(?<!\w)(?P<id>(?:контейнер|бутик|павильон|место|ряд)\w{0,2}\s*(?:№\s*)?\d{1,4}[а-я]?,?\s+"
                   r"(?:контейнер|бутик|павильон|место|ряд)\w{0,2}\s*(?:№\s*)?\d{1,4}[а-я]?))(?!\w)"),
        0.8,
    ),
    # a dacha plot: its gardeners' partnership and the plot's number, «СТ «Мичуринец», уч. 214», «саяжай «Нива»,
    # 17 учаске»
    Rule("ADDRESS", re.compile(r"(?<!\w)(?P<id>(?:СТ|СНТ|ДНТ|с/т|"
                               r"(?i:дачн\w*\s+(?:массив|обществ|кооператив)\w*|саяжай\w*))"
                               r"\s*[«\"“][^»\"”\n]{2,40}[»\"”],?\s*(?i:уч\.?|участ\w*|учаске\w*)\s*№?\s*\d{1,4}[а-я]?"
                               r"(?:\s*(?i:учаске\w*))?)(?![\w/])"), 0.85),
    # a Kazakh address in digits: «12 шағын аудан 44 үй 16 пәтер»
    Rule(
        "ADDRESS",
        re.compile(r"(?i:(?<![\w-])(?P<id>\d{1,3}\s+(?:шағын|шагын)\s+аудан\w*\s+\d{1,3}[а-я]?\s+(?:үй|уй)\w*"
                   r"(?:\s+\d{1,4}\s+(?:пәтер|патер)\w*)?))(?!\w)"),
        0.85,
    ),
    Rule(
        "CASE_NUMBER",
        re.compile(
            r"(?i)(?:ердр|е\.р\.д\.р\.?|дел[оауеом]{0,2}|case|приговор\w*|протокол\w*|материал\w*|іс|"
            r"delo|dela|delu|delom|erdr|prigovor\w*)"
            r"\s*(?:№|no\.?|n|номер\w*|нөмір\w*|number|nomer\w*|nomir\w*|#)?\s*(?P<id>\d[\d\-/]{3,}\d)"
        ),
        0.85,
    ),
    Rule("CASE_NUMBER", re.compile(r"(?:№|No\.?)\s?(?P<id>\d[\d\-/]{4,}\d)"), 0.6),
    # a court's own numbering, cue or not: «1-214/2018», «2-1534/21» (the kind of case, its number, the year)
    # (a full stop may end the sentence after it: «nomer 1-318/2019.»)
    Rule("CASE_NUMBER", re.compile(r"(?<![\w/.\-])(?P<id>\d{1,2}-\d{2,6}/(?:20)?\d{2})(?![\w/\-]|\.\d)"), 0.7),
    # the unified court number, its last part a letter and the case: «3311-19-00-2а/214»
    Rule("CASE_NUMBER", re.compile(r"(?<![\w/.\-])(?P<id>\d{4}-\d{2}-\d{2}-\d{1,2}[а-яa-z]?/\d{1,6})(?![\w/\-])"),
         0.8),
    # said and transcribed: «номер один дробь 418, дробь 23», «дело 2 дробь 1120 дробь 19»; two strokes need no cue
    Rule("CASE_NUMBER", re.compile(rf"(?i)(?:дел[оауеом]{{0,2}}|номер\w*|нөмір\w*|приговор\w*|іс|case|number)\s+"
                                   rf"(?P<id>{_SAID_PART}"
                                   rf"{_STROKE}{_SAID_PART}(?:{_STROKE}{_SAID_PART})?)(?!\w)"), 0.8),
    Rule("CASE_NUMBER", re.compile(rf"(?i)(?<!\w)(?P<id>{_SAID_PART}{_STROKE}{_SAID_PART}{_STROKE}{_SAID_PART})(?!\w)"),
         0.8),
    # one stroke said as «дробь» needs no cue either: numbers are not otherwise said with it («412 дробь 21»)
    Rule("CASE_NUMBER", re.compile(rf"(?i)(?<![\w/])(?P<id>{_SAID_PART}\s*,?\s*(?:дробь|дроб[еи])\s*,?\s*{_SAID_PART})"
                                   r"(?![\w/])"), 0.7),
    # a plate after «номер» as whisper writes it: letters in capitals or as a vowelless run, the region cut off
    # («номер 212 РВБ», «номер с имя 130 хзп 17»)
    # (and in Kazakh, the letters in lower-case Latin: «көлігім камаз нөмірі 712 abs 04»)
    Rule("PLATE", re.compile(rf"(?:[Нн]омер|[Нн]өмір|[Нн]омир)\w*\s+(?:[а-яё]{{1,4}}\s+){{0,2}}(?P<id>\d{{3}}\s?"
                             rf"(?:[A-Z{CYR_UPPER}]{{2,3}}|[бвгджзйклмнпрстфхцчшщ]{{2,3}}|[a-z]{{3}}(?=\s?\d{{2}}(?!\d))"
                             # any letters in lower case, with the region after them: «номири 417 вта 12»
                             rf"|(?!(?:лет|год|раз|тыс|мин|час|дне|дня|шт|кг|км|мес|жыл|мың|мын|ай)\s)[а-яё]{{2,3}}"
                             rf"(?=\s?\d{{2}}(?!\d)))"
                             r"(?:\s?\d{2})?)(?![\w])"), 0.85),
    # a car's number after «машину с номером», whatever whisper made of its letters: «машину с номером 1542, ай-мас»
    Rule("PLATE", re.compile(r"(?i:машин\w*|автомобил\w*|камаз\w*|газел\w*|фур\w*)\s+(?:\w+\s+){0,2}?"
                             r"(?i:с\s+)?(?i:номер\w*|госномер\w*)\s+(?P<id>\d{3,4}(?![\d:.,]\d)"
                             r"(?:,?\s+(?!(?:был|была|было|и|а|в|на|не|но|он|она|оно|я|мы|их|его|ее|её|там|тут|это|все|"
                             r"уже|еще|ещё)(?![\w-]))[^\W\d_]{1,3}(?:-[^\W\d_]{1,3})?(?=[\s,.]|$)){0,2})"), 0.7),
    # a plate whose letters whisper garbled, after «номер» and before its region said as a number or an ordinal
    # («номер 551, на седьмой», «номером 107 bis на 4», «номер 900-3-тн-зет, шестой», «номер я запомнил. 541
    # каймр на первой реги»): the three digits, up to three pieces, the region
    Rule("PLATE", re.compile(r"(?i:номер\w*)\s+(?:я\s+запомнил[.,]?\s+)?(?P<id>\d{3}(?![\d:.,]\d)"
                             r"(?:[\s,-]{1,3}[^\s,.\-]{1,6}){0,3}[\s,-]{1,3}(?i:на\s+)?(?:\d{1,2}(?!\d)|"
                             + _ORDINAL_REGION
                             + r"))(?!\w)"), 0.7),
    # a Russian plate said in words after «номер»: a letter, three digits, two letters, the region («номер н семь
    # четыре восемь к у сорок пять»)
    Rule("PLATE", re.compile(rf"(?i:номер\w*|нөмір\w*|номир\w*)\s+(?P<id>[а-яё]\s+"
                             rf"(?:\d{{3}}\s+|(?:{_RU_DIGIT}\s+){{3}})(?:(?:[а-яё]\s+){{2}}|[а-яё]{{2}}\s+)"
                             rf"(?:{_RU_TENS}(?:\s+{_RU_DIGIT})?|{_RU_DIGIT}(?:\s+{_RU_DIGIT}){{1,2}}|\d{{2,3}}))(?!\w)"),
         0.8),
    # a Kazakh plate said in words after «номері»: the digits in Kazakh words, the letters by their English names,
    # the region («номери жети жуз он бес эй би кей нол сегиз», «нөмірі жүз он жеті, а, и, к, он тоғыз»)
    Rule("PLATE", re.compile(rf"(?i:номер\w*|нөмір\w*|номир\w*)\s+(?P<id>(?:{_KK_WORD}[\s,]+){{1,4}}"
                             rf"(?:(?:{_LETTER_NAME}|[а-яәғқңөұүһі])[\s,]+){{2,3}}(?:{_KK_WORD}|{_RU_DIGIT})"
                             rf"(?:\s+{_KK_WORD})?)(?!\w)"),
         0.8),
    # an Uzbek plate, the region first: «01 К 457 ВА», "40 A 123 BC"
    Rule("PLATE", re.compile(r"(?<![\w-])(?P<id>(?:[0-8]\d)\s?[A-ZА-Я]\s?\d{3}\s?[A-ZА-Я]{2})(?![\w-])"), 0.7),
    Rule("ID_NUMBER", re.compile(r"(?<![\w])(?P<id>N\s?\d{8})(?!\d)"), 0.8),  # passport numbers
    # Presidio's URL recognizer backtracks badly on "a.a.a.…"; spoken transcripts need only the plain forms
    Rule("URL", re.compile(r"(?<![\w@])(?P<id>(?:https?://|www\.)[^\s<>\"«»]{2,200})"), 0.8),
    Rule("ID_NUMBER", re.compile(r"(?<![\w@])(?P<id>@[A-Za-z][A-Za-z0-9_]{3,31})(?![\w@])"), 0.7),  # handles
    # a military unit by its number, which names one garrison: «в войсковой части 52859», «в/ч 03657», «03657 әскери
    # бөлімінде», "v/ch 52605"
    Rule("ORGANIZATION", re.compile(
        r"(?<!\w)(?P<id>(?:войсков\w+\s+част\w+|в/ч|v/ch|vch|әскери\s+бөлім\w*|аскери\s+болим\w*|askeri\s+bolim\w*)"
        r"\s*(?:№\s*|номер\s+)?\d{4,5}|\d{4,5}\s+(?:әскери|аскери|askeri)\s+(?:бөлім|болим|bolim)\w*)(?![\w/])",
        re.IGNORECASE), 0.85),
    # penal institutions are named by codes such as ЕЦ-166/12 or AK-159/14
    Rule("ORGANIZATION", re.compile(rf"(?<![\w\-])(?P<id>[A-Z{CYR_UPPER}]{{2,3}}-\d{{2,3}}/\d{{1,3}})(?![\w/])"), 0.85),
    Rule(
        "ORGANIZATION",
        re.compile(
            rf"(?P<id>(?:ТОО|АО|ИП|ЖШС|LLP|LLC|JSC|TOO)\s*[«\"“][^»\"”\n]{{2,40}}[»\"”]"
            rf"|(?:[A-Z{CYR_UPPER}][\w\-]+\s){{1,4}}(?:LLP|LLC|JSC|Ltd\.?|TOO|Inc\.?|ТОО|АО))"
        ),
        0.85,
    ),
    # the same typed or transcribed in lower case, the words just before the form: "at steppe drilling services
    # llp" (a function word or a verb of working ends the name); a case ending may follow: "jsc-ta"
    Rule(
        "ORGANIZATION",
        re.compile(r"(?<![\w\-])(?P<id>(?:(?!(?:the|and|for|with|from|was|were|is|are|has|had|his|her|our|their|"
                   r"this|that|who|which|worked|works|work|joined|left|called|named|local|some|any|company|firm)\b)"
                   r"[a-z][a-z\-]{2,}\s){1,3}(?:llp|llc|jsc|ltd))(?!\w)(?!-\w{5})"),
        0.7,
    ),
]


#: words before a Kazakh street word that are no part of its name: «ол кенесары кошеси …», «тұрамын абай көшесі»
_KAZAKH_NOT_STREETS = ("ол|мен|біз|сен|олар|бұл|бул|сол|осы|және|жане|мына|ана|де|да|бір|бир|біздің|менің|оның|тағы|"
                       "енді|сосын|кейін|дейін|үшін|туралы|қазір|казир|мекенжайы|адрес|адресі|тұрады|тұрамын|турады|"
                       "турамын|тұрған|турган|жақын|жакын|ескі|жаңа|уже|на|по|в|и|это|живет|живу|адресу")

#: capitalised words that open a Kazakh sentence, not a body's name («Кейін», «Сол кезде», «Алдымен», «Іс …»)
_BODY_NOT_FIRST = (_KAZAKH_NOT_STREETS + "|содан|алдымен|алғашында|бірақ|бирак|бұрын|бурын|кезде|іс|ис|істі|исти|ісін|"
                   "исин|сотталды|кеше|бүгін|бугин|биыл|былтыр|сонда|сонан|кейин|дейин|соңында|сонында|ақыры|акыры")
#: Kazakh pronouns, which stand in a clause and never inside a body's name («Кейін мені Ақтау …»)
_BODY_NOT_INSIDE = "мені|мени|бізді|бизди|оны|оларды|маған|маган|бізге|бизге|оған|оган|сені|сізді|сизди"

_KK_UNITS = "(?:" + "|".join(KAZAKH_UNITS) + ")"
_KK_TENS = "(?:" + "|".join(KAZAKH_TENS) + ")"
#: a house or flat number in Kazakh words, Kazakh or Russian letters: «жиырма бес», «он екинши»
_KK_NUMBER_WORDS = rf"(?i:(?:{KAZAKH_CARDINAL})(?:{'|'.join(KAZAKH_ORDINAL_ENDINGS)})?)"
#: a micro-district by its name and number in Kazakh words: «ақсай төрт шағын ауданында», «самал екі шағын ауданы»
_NUMBERED_MICRODISTRICT = re.compile(
    rf"(?<![\w\-])(?P<id>(?!(?:{_KAZAKH_NOT_STREETS})\s)[^\W\d_]{{3,}}\s+(?:{_KK_TENS}\s+)?{_KK_UNITS}\s+"
    r"(?i:шағын|шагын)\s+аудан\w*)", re.IGNORECASE)
#: a numbered block of a town, «в 31 квартале», «12-й квартал»: the first four are a year's quarters («в 3 квартале»)
_NUMBERED_QUARTER = re.compile(r"(?<![\w\-.,])(?P<id>(?:[5-9]|[1-9]\d{1,2})(?:-?(?:й|м|ом|ый))?\s+"
                               r"квартал(?:е|а|у|ом)?)(?!\w)(?!\s+(?:19|20)\d\d)", re.IGNORECASE)
#: the end of a Kazakh range of years: «он сегізден жиырма бірге дейін» (from eighteen to twenty-one), or after a year
#: («2017 жылдан жиырма біріншіге дейін»)
_KAZAKH_RANGE_END = re.compile(
    rf"(?i:(?<!\w)(?:(?:{_KK_UNITS}|{_KK_TENS}|мың|мын)(?:нан|нен|дан|ден|тан|тен)|жылдан|жылынан)\s+"
    rf"(?P<id>{_KK_TENS}(?:\s+{_KK_UNITS})?\w*)\s+(?:дейін|дейин))")
#: a year of birth in words: «туған жылы тоқсан бесінші»
_KAZAKH_BIRTH_YEAR = re.compile(
    rf"(?i:(?:туған|туылған|туган|туылган)\s+жылы\s+(?P<id>(?:(?:екі|еки)\s+мың(?:\s+|ыншы)?)?{_KK_TENS}"
    rf"(?:\s+{_KK_UNITS})?\w*))")
#: an age by its decade: «жасы қырықтарда» (in his forties)
_KAZAKH_AGE_DECADE = re.compile(rf"(?i:(?<!\w)(?P<id>{_KK_TENS}(?:тарда|терде|ларда|лерде|дарда|дерде))(?!\w))")
#: a body's name in quotes with its legal form or kind after it: «"Богатырь Көмір" серіктестігінде»
_QUOTED_BODY = re.compile(
    r"(?P<id>«[^»\n]{2,40}»\s+(?:акционерлік\s+қоғам\w*|жауапкершілігі\s+шектеулі\s+серіктест\w*|"
    r"серіктест\w*|қоғамдық\s+қор\w*|қоғамдық\s+бірлест\w*|қоры\w*|қорында|компания\w*|фирма\w*|ЖШС\w*|АҚ\w*|"
    r"заң\s+кеңсе\w*|кеңсе\w*|швейный\s+цех\w*|цех\w*|"
    r"(?i:тоо|ао|ооо|ип)\b)|«[^»\n]{2,40}»(?=\s+деген\s+(?:мекеме|компания|фирма|ұйым|ұйым|қор)))")
#: a company's name without quotes before «деген» and its kind: «житикара тас сервис деген мекеме», «ертіс экспресс
#: деген фирмамен», "batys gaz montazh degen firmada"; one to three words, none a pronoun, a word of the sentence
#: around or a verb («істеген», «айдаймын»), which ends the name
_NOT_IN_A_NAME = (r"(?!(?i:мен|біз|бiз|сіз|ол|олар|бұл|сол|осы|бір|бир|және|жане|да|де|та|те|ал|бірақ|кейін|кейин|"
                  r"содан|сосын|жер\w*|адам\w*|кісі\w*|киси\w*|жігіт|жигит|біздің|менің|сонда|онда|бар|жоқ|и|в|на|"
                  r"с|а|у|это|он|она|я|мы|они|там|тут|men|biz|ol|bul|sol|osy|bir|jane|zhane|adam|kisi|jer|zher|"
                  r"onda|sonda|bar|joq|zhoq|" + "|".join(sorted(KAZAKH_RUN_BREAKS)) + r")(?![\w'-]))"
                  r"(?![^\W\d_]{3,}(?i:" + "|".join(KAZAKH_VERB_ENDINGS) + r")(?![\w'-]))")
_DEGEN = re.compile(r"(?<!\w)(?:деген|дейтін|дейтин|degen|deitin)(?!\w)", re.IGNORECASE)
_NAME_BEFORE_DEGEN = re.compile(
    rf"(?<![\w'-])(?P<id>(?:{_NOT_IN_A_NAME}[^\W\d_][\w'-]*\s+){{0,2}}{_NOT_IN_A_NAME}[^\W\d_][\w'-]*)"
    r"\s+(?:деген|дейтін|дейтин|degen|deitin)\s+(?i:фирма|компания|мекеме|ұйым|уйым|қор[ыда]|кор[ыда]|шаруа\s+қожалығ|"
    r"шаруа\s+кожалыг|жшс|тоо|серіктестік|кәсіпорын|зауыт|зауыд|firma|kompani|mekeme|zhshs|jshs|too\b|zauyt)")
#: a border post by its name: «карагога заставасы» (not «шекара заставасы», the border's post)
_NAMED_POST = re.compile(r"(?i:(?<!\w)(?!(?:шекара\w*|біздің|бiздiң|сол|осы|бір|бир|жаңа|жана|кеден\w*|облыс\w*|"
                         r"аудан\w*|[қк]ала\w*)\s)"
                         r"(?P<id>[а-яәғқңөұүһі]{4,}\s+(?:заставас\w*|(?:кеден|өткізу|откизу)\s+бекет\w*)))")
#: a road or micro-district named by an adjective, in any case: «на тамерлановском шоссе», «с восточного
#: микрорайона», «по кульджинскому тракту» (not «на объездном шоссе», «в нашем микрорайоне»)
_NAMED_ROAD = re.compile(
    r"(?i:(?<![\w\-])(?P<id>(?!(?:нашем|нашего|нашему|нашим|этом|этого|том|того|соседн\w+|нов\w+|стар\w+|друг\w+|"
    r"сво\w+|мо\w+|одн\w+|объездн\w+|центральн\w+|главн\w+|больш\w+|спальн\w+|жил\w+|каждом|каждого|"
    r"любом|любого|всем|всего)\s)[а-яё]{4,}(?:ском|ского|скому|ское|ским|овском|овского|инском|инского|ном|ного|"
    r"ному|ное|ным|ом|ого|ому)\s+(?:шоссе|тракт[аеуо]?м?|микрорайон[аеу]?|микрорайоном)(?!\w)))")
#: a place's Kazakh designator in the possessive, which says the word before it is that place's name: a
#: micro-district, a street, an avenue, a restaurant, a café, a hotel, a mall, an ore field («шұғыла шағын
#: ауданында», «төле би көшесіндегі», «ақжол мейрамханасында», «ащысай кен орны»)
_NAMED_BY_DESIGNATOR = re.compile(
    rf"(?i:(?<![\w\-])(?P<id>(?!(?:{_KAZAKH_NOT_STREETS}|үлкен|кіші|улкен|киши|орталық|орталык|басты|бас|{_KK_WORD}|"
    r"бірнеше|бирнеше|барлық|барлык|көп|коп)\s)"
    r"[а-яәғқңөұүһі]{3,}(?:\s+(?:би|батыр|ата|хан|ана|баба))?\s+"
    r"(?:(?:шағын|шагын)\s+аудан\w*|көшесі\w*|кошеси\w*|даңғылы\w*|дангылы\w*|мейрамханасы\w*|мейрамханасi\w*|"
    r"кафесі\w*|кафеси\w*|асханасы\w*|қонақ\s+үйі\w*|конак\s+уйи\w*|сауда\s+орталығы\w*|сауда\s+орталыгы\w*|"
    r"кен\s+орн\w*)))")

#: a casino by its name, one or two words before the word in the possessive, the Kazakh order («ақ марал
#: казиносында», «алтын шатыр казиносы»): Konaev's casinos are few, each a place anybody can find
_NOT_A_CASINO_NAME = rf"(?!(?:{_KAZAKH_NOT_STREETS}|үлкен|кіші|улкен|киши|жаңа|жана|ескі|жабық|{_KK_WORD}|" \
                     r"бірнеше|бирнеше|" \
                     r"барлық|барлык|көп|коп|сол|бұл|осы|мына|бір|бир|сондай|қай|кай|ол|в|на|из|это|этот|том|тот)\s)"
_CASINO_BY_ITS_NAME = re.compile(
    rf"(?i:(?<![\w\-])(?P<id>(?:{_NOT_A_CASINO_NAME}[а-яәғқңөұүһі]{{2,}}\s+)?{_NOT_A_CASINO_NAME}[а-яәғқңөұүһі]{{3,}}"
    r"\s+казино(?:сы|сі|си)\w*))")  # (the possessive names it: «казинода», in the casino, names none)


#: "I am from X" in Kazakh, the ablative and the first person on the place's name: «мен жалаңаштанмын», «біз
#: шелектенбіз»; and "I live in X": «байсейітте тұрамын»
_FROM_A_PLACE = re.compile(r"(?i:(?<![\w-])(?P<id>[а-яәғқңөұүһі]{3,}(?:дан|ден|тан|тен|нан|нен)"
                           r"(?:мын|мін|мин|быз|біз|пыз|піз|мыз|міз))(?!\w))")
_LIVES_IN_A_PLACE = re.compile(r"(?i:(?<![\w-])(?P<id>[а-яәғқңөұүһі]{3,}(?:да|де|та|те))\s+"
                               r"(?:тұра|тура|тұрған|турган|тұрат|турат|тұрып|туры)\w*)")
#: the places anyone is from or lives in, and the words a Kazakh ablative or locative makes of them
_NOT_A_NAMED_PLACE = frozenset({"ауыл", "аул", "үй", "уй", "қала", "кала", "облыс", "аудан", "шет", "ел", "жер",
                                "осы", "сол", "бұл", "бул", "ол", "мұнда", "мында", "сонда", "қыстақ", "село",
                                "пәтер", "патер", "жатақхана", "жатакхана", "көрші", "корши", "орталық", "орталык",
                                "шекара", "шегара", "қазақстан", "казакстан", "ресей", "қытай", "кытай", "алыс",
                                "жақын", "жакын", "бірге", "бирге", "жоғары", "жогары", "төмен", "томен", "қасын",
                                "касын", "маңын", "манын", "шетін", "шетин", "тау", "дала", "өзі", "өзи",
                                "олар", "бәрі", "бари", "көп", "коп", "аз", "әлі", "али", "бұрын", "бурын", "қазір",
                                "казир", "кейін", "кейин", "бастап", "түрме", "турме", "колония", "абақты",
                                "абакты", "жұмыс", "жумыс", "дүкен", "дукен", "базар", "мектеп", "аурухана",
                                "мекенжай", "мекен", "адрес", "вагон", "барак", "подвал", "жертөле", "жертоле",
                                "бөлме", "болме", "комната", "общага", "общежитие", "квартира", "дача", "саяжай",
                                "шатыр", "палатка", "көше", "коше", "аула"})


def _a_place_by_its_case(found: str, match: re.Match, text: str) -> bool:
    """The word before «-данмын» (I am from) or before «тұрамын» (I live) with a locative is a place when no
    dictionary knows it under its endings («байсейітте тұрамын»; not «үйінде», «мекенжайында», «капитанмын», nor a
    country, «өзбекстанданмын»)."""
    from fieldkit.anonymise.kazakh_words import stripped_forms
    from fieldkit.anonymise.kept import is_kept
    from fieldkit.anonymise.morphology import natasha
    from fieldkit.anonymise.names import is_common_kazakh

    word = found.casefold()
    bare = re.sub(r"(?:мын|мін|мин|быз|біз|пыз|піз|мыз|міз)$", "", word) if match.re is _FROM_A_PLACE else word
    stem = re.sub(r"(?:дан|ден|тан|тен|нан|нен|да|де|та|те)$", "", bare)
    forms = {bare, stem, stem.rstrip("ыіи"), *stripped_forms(bare), *stripped_forms(stem)}
    forms = {form for form in forms if len(form) >= 2}
    morph = natasha()[2]
    return not (forms & _NOT_A_NAMED_PLACE or any(
        is_common_kazakh(form) or is_kept(form) or (len(form) >= 3 and morph.word_is_known(form)) for form in forms))


def _surname_cut_short(found: str, match: re.Match, text: str) -> bool:
    """«Кравц.»: a note cut a surname short; no word, but a surname once its -ов or -енко is back."""
    from fieldkit.anonymise.morphology import is_known_word, natasha

    word = found.casefold()
    if is_known_word(word) or len(word) < 4:
        return False
    morph = natasha()[2]
    # a surname the dictionary holds (not one it guesses from the shape: «респов»), and no word cut short («респ.»
    # for респондент)
    from fieldkit.anonymise.names import is_cut_short

    return not is_cut_short(word) and any(
        morph.word_is_known(word + ending) and any("Surn" in str(parse.tag) for parse in morph.parse(word + ending)[:1])
        for ending in ("ов", "ев", "ин", "енко", "ский", "ук", "юк"))


def _named_by_initials(found: str, match: re.Match, text: str) -> bool:
    """«Гейнц А.»: a surname with an initial after it, in a note's order; a common word with a letter after it
    («пункт А.») is none."""
    from fieldkit.anonymise.kept import is_kept
    from fieldkit.anonymise.morphology import is_common_word

    word = found.split()[0]
    if len(word) == 2:
        return True  # «Ни Г.С.»: two initials after two letters are a man's, whatever word the letters spell
    return not is_common_word(word) and not is_kept(word)


def _kazakh_initials(found: str, match: re.Match, text: str) -> bool:
    """Initials of which one is a Kazakh letter («Ә.Қ.»): Russian ones are Natasha's, and «Р.К.» may be the republic."""
    return any(letter in "ӘҒҚҢӨҰҮҺІ" for letter in found)


def _given_name_cut_short(found: str, match: re.Match, text: str) -> bool:
    """«Вяч. Иг.»: a given name and patronymic a note cut short, the first the start of a listed given name."""
    from fieldkit.anonymise.names import given_names

    names, _ = given_names()
    first, second = (part.strip(" .").casefold() for part in found.split(".")[:2])
    return len(first) >= 3 and any(name.startswith(first) for name in names if len(name) > len(first)) and any(
        name.startswith(second) for name in names)


_CUT_SURNAME = re.compile(r"(?<![\w.])(?P<id>[А-ЯЁ][а-яё]{3,})\.(?=\s|$|[,;)])")
#: (a two-letter surname, Korean or Dungan, only with both initials: «Ни Г.С.», «Ли А.В.»)
_SURNAME_INITIALS = re.compile(r"(?<![\w.])(?P<id>[А-ЯЁ][а-яё]{2,}\s+[А-ЯЁ]\.(?:\s?[А-ЯЁ]\.)?|"
                               r"[А-ЯЁ][а-яё]\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)(?!\s?[А-ЯЁа-яё])")
_CUT_GIVEN_NAME = re.compile(r"(?<![\w.])(?P<id>[А-ЯЁ][а-яё]{2,4}\.\s?[А-ЯЁ][а-яё]{0,3}\.)")

#: adjectives that say which street of many, never its name: «на главной улице», «на соседней улице»
_GENERIC_STREET_ADJECTIVES = (r"главн|центральн|наш|ваш|эт|т|друг|одн|соседн|ближайш|больш|маленьк|нов|длинн|узк|"
                              r"широк|пуст|т[её]мн|тих|шумн|кажд|люб|как|котор|сво|мо|тво|ег|ее|её|их|параллельн|"
                              r"последн|перв|втор|трет|следующ|ближн|дальн|глух|чуж|сам|нужн|торгов|"
                              r"освещ[её]нн|неосвещ[её]нн|асфальтированн|грязн|скользк")
def _village_in_ovka(_found: str, match: re.Match, _text: str) -> bool:
    """A Russian village in -овка/-евка (Васильковка) that morphology does not know as a common noun: «остановкада»
    (at the bus stop) and «тусовкада» are no places, «петровкада» and «васильковкада» are."""
    from fieldkit.anonymise.morphology import natasha

    nominative = match["stem"].casefold() + "а"
    morph = natasha()[2]
    return not morph.word_is_known(nominative) or any("Geox" in p.tag for p in morph.parse(nominative))


#: a note's day and month without the year: «14.03», «15.01», «2/11»; the month in two digits, as notes write it,
#: and nothing after it that makes it a decimal, a fraction, a code or a clock time («1.05 млн», «3/4», «10.05 утра»)
_DAY_AND_MONTH = Rule("DATE_TIME", re.compile(
    r"(?<![\w.,:/\\-])(?P<id>(?:0?[1-9]|[12]\d|3[01])[./](?:0[1-9]|1[0-2]))(?!\w|[.,/]\d|\s*(?:%|кг|гр|млн|"
    r"млрд|тыс|т\.|км|kg|km|mln|час|мин|am|pm|утра|вечера|дня|ночи|ч\.|[гмлч](?!\w)))"), 0.6)
#: a year a note writes short with an apostrophe: «вышел '24», «Nov '19», «зима '08»
_APOSTROPHE_YEAR = Rule("DATE_TIME", re.compile(r"(?<![\w'’])(?P<id>['’](?:[0-2]\d|[5-9]\d))(?![\w'’])"), 0.6)
RU_RULES = [
    _DAY_AND_MONTH,
    _APOSTROPHE_YEAR,
    # a Korean surname said right after the word for a Korean, with the given name after it: «кореянка ли виктория»,
    # «кореец пак олег» (a two-letter «ли» is a particle anywhere else)
    Rule("PERSON", re.compile(r"(?<!\w)(?:коре(?:ец|йца|йцу|йцем|янка|янку|янки|янкой))\s+"
                              r"(?P<id>(?:ким|пак|цой|тен|тэн|хан|нам|шин|югай|огай|хегай|когай|лигай|хван)"
                              r"(?:\s+[а-яё]{3,}(?=\s|[,.;!?]|$))?"
                              # (the two-letter ones only with a given name after them)
                              r"|(?:ли|ни|де)\s+(?!(?:она|они|оно|это\w*|эта|эти|нет|или|как|тоже|там|тут|был\w*|"
                              r"вообще|точно|ещё|еще|всех|всё|все|наш\w*|ваш\w*|так\w*|тот|тогда|сейчас)(?!\w))"
                              r"[а-яё]{4,}(?=\s|[,.;!?]|$))(?!\w)", re.IGNORECASE), 0.8),
    # a note that says a word is a surname: «Мельник (фамилия!, P-18)», «Сорока (это фамилия)»
    Rule("PERSON", re.compile(rf"(?<![\w-])(?P<id>[{CYR_UPPER}][а-яёәғқңөұүһі]{{2,}})\s*\(\s*(?:это\s+)?фамилия(?!\w)"),
         0.85),
    # a Soviet street named after an anniversary, with its house and flat: «ул. 50 лет Октября, 77, кв. 3», «по улице
    # 30 лет Победы 12» (the number in its name is no house)
    Rule("ADDRESS", re.compile(
        r"(?<![\w-])(?P<id>(?:ул\.|улица|улице|улицу|улицы|пр\.|просп\.|проспект\w*)\s*\d{2,3}[\s-]+(?:лет|летия)\s+"
        r"[А-ЯЁа-яё][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?(?:,?\s*(?:д\.|дом)?\s*\d{1,4}[а-яА-Я]?(?:\s*[,/]\s*(?:кв\.|квартира)?"
        r"\s*\d{1,4})?)?)"), 0.85),
    # a Russian village's name with a Kazakh case ending: «васильковкада», «петровкадан», «ивановкаға»
    Rule("LOCATION", re.compile(r"(?<![\w-])(?P<id>(?P<stem>[а-яёА-ЯЁ][а-яё]{2,}(?:ов|ев|ёв)к)а(?:да|дан|ға|ны|ның|"
                                r"дағы|дагы|сы|сында|сынан|сына|нын|га))(?![\w-])"), 0.9,
         validator=_village_in_ovka),
    # a surname a note cuts short at a hyphen before its ending: «Сап-в», «Кенж-ва», «Тлеуб-н» (every such word in the
    # sets is a person)
    Rule("PERSON", re.compile(rf"(?<![\w-])[{CYR_UPPER}][а-яёәғқңөұүһі]{{0,7}}-(?:в|ва|ов|ова|ев|ева|ин|ина|н|на)"
                              r"(?![\w-])"), 0.6),
    # initials with a Kazakh letter, which Natasha's model never learnt: «Ә.Қ. — аксакал», «Ғ.Б. сказал»
    Rule("PERSON", re.compile(r"(?<![\w.])(?P<id>[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?[А-ЯЁӘҒҚҢӨҰҮҺІ]\.(?:\s?[А-ЯЁӘҒҚҢӨҰҮҺІ]\.)?)"),
         0.6, validator=_kazakh_initials),
    # a street named by an adjective, as whisper writes it in lower case: «на рабочей улице», «по вокзальной улице»
    # (the street word stays outside, as annotators leave it)
    Rule("LOCATION", re.compile(
        rf"(?<![\w-])(?:на|по)\s+(?P<id>(?!(?:{_GENERIC_STREET_ADJECTIVES})(?:ой|ей|ую|ая)\s)[а-яё]{{3,}}(?:ой|ей))"
        r"\s+(?:улице|улицы|улицу|улица)(?!\w)"), 0.6),
    Rule("PERSON", _CUT_SURNAME, 0.6, _surname_cut_short),
    Rule("PERSON", _SURNAME_INITIALS, 0.7, _named_by_initials),
    Rule("PERSON", _CUT_GIVEN_NAME, 0.7, _given_name_cut_short),
    Rule("DATE_WORDS", _KAZAKH_RANGE_END, 0.8),
    Rule("LOCATION", _NUMBERED_MICRODISTRICT, 0.8),
    Rule("LOCATION", _NUMBERED_QUARTER, 0.8),
    # the town's central bazaar, as «центральный рынок» is found in Russian: «орталық базарда»
    Rule("LOCATION", re.compile(r"(?i:(?<!\w)(?P<id>орталы[қк]\s+базар\w*))(?!\w)"), 0.75),
    Rule("DATE_WORDS", _KAZAKH_BIRTH_YEAR, 0.8),
    Rule("AGE", _KAZAKH_AGE_DECADE, 0.8),
    Rule("ORGANIZATION", _QUOTED_BODY, 0.8),
    Rule("ORGANIZATION", _NAMED_POST, 0.8),
    Rule("ORGANIZATION", _NAME_BEFORE_DEGEN, 0.88, needs=("деген", "дейті", "дейти", "degen", "deitin"),
         anchor=_DEGEN, reach=100),
    Rule("LOCATION", _NAMED_BY_DESIGNATOR, 0.75),
    Rule("LOCATION", _CASINO_BY_ITS_NAME, 0.75, needs=("казино",)),
    Rule("LOCATION", _FROM_A_PLACE, 0.7, _a_place_by_its_case, needs=("мын", "мін", "мин", "быз", "біз", "пыз", "піз",
                                                                       "мыз", "міз")),
    Rule("LOCATION", _LIVES_IN_A_PLACE, 0.7, _a_place_by_its_case, needs=("тұр", "тур")),
    Rule("LOCATION", _NAMED_ROAD, 0.75),
    Rule(
        "ADDRESS",
        re.compile(
            # (not «мкр.» after its own number: «у 3 мкр. Р-т пришёл» ends there, the next sentence is no name)
            r"(?P<id>(?i:\b(?:ул|пр|пр-т|просп|пер|б-р|бул|д|кв)\.|(?<!\d\s)(?<!\d)\bмкр\.|\bмкр(?=\s+\d)|"
            r"\b(?:улиц[аеуыой]|проспект\w*|"
            r"микрорайон\w*|переул\w*|бульвар\w*|шоссе|трасс[аеуы]))\s*"
            # (the namesake's title after the name, in lower case: «ул. Бейбарыс султана, 3А»)
            rf"(?:[{CYR_UPPER}A-Z0-9][\w\-]*(?:/\d+)?\.?(?:\s|,\s?)?|(?:би|батыра|батыр|ата|хана|хан|ана|жолы|султана|"
            rf"султан|акына|ақына)(?:\s|,\s?)){{1,4}}"
            r"(?:,?\s*(?i:дом|д\.|кв\.?|квартира|корпус|корп\.|офис)?\s*\d+[а-яa-z]?(?:/\d+)?)*)"
        ),
        0.8,
    ),
    Rule(
        "ADDRESS",
        re.compile(
            r"(?P<id>(?i:\b\d{1,2}(?:-?[мй])?\s+микрорайон\w*)(?:,?\s*(?i:дом|д\.)\s*\d+[а-я]?)?"
            r"(?:,?\s*(?i:кв\.?|квартира)\s*\d+)?"
            # the Kazakh numbered micro-district, its house and flat: «27-шағын аудан, 9-үй, 44-пәтер»
            r"|(?i:\b\d{1,2}(?:-|\s)?(?:шағын\s?аудан|шагын\s?аудан|ықшам\s?аудан)\w*)"
            r"(?:,?\s*\d+[а-я]?(?:/\d+)?-?\s?(?i:үй|уй)\w*)?(?:,?\s*\d+-?\s?(?i:пәтер|патер|кеңсе|кенсе)\w*)?"
            rf"|\b[{CYR_UPPER}][{CYR_LOWER}]+(?:а|ы|и)\s+\d{{1,3}}[а-я]?(?:/\d+)?,\s*(?i:кв\.?|квартира)\s*\d+)"
        ),
        0.8,
    ),
    Rule(
        "ADDRESS",
        re.compile(
            rf"(?P<id>(?<![\w\-])(?:[{CYR_UPPER}][\w\-]+\s){{1,2}}(?:көшесі\w*|даңғылы\w*|шағын\s+ауданы?\w*|ш\.а\.)"
            r"(?:,?\s*\d+[а-я]?(?:/\d+)?(?:-?\s?(?:пәтер|үй)\w*)?)*)"
        ),
        0.8,
    ),
    # the same in any case, in quotes or in Russian letters, with its house number: «кенесары кошеси 42 уй»,
    # «"Шаңырақ" шағын ауданы, 14-үй, 22-пәтер», «евразия дангылы 112 уйде», «батыс-2 шағын ауданы 15 үй»
    Rule(
        "ADDRESS",
        re.compile(
            rf"(?P<id>(?<![\w\-«\"])(?:«[^»\n]{{2,30}}»|\"[^\"\n]{{2,30}}\"|(?!(?:{_KAZAKH_NOT_STREETS})\s)"
            r"[^\W\d_]{3,}(?:-\d{1,3}|\s+{n})?(?:\s+(?:би|батыр|ата|хан|ана|баба))?)\s+"
            r"(?i:көшес\w*|кошес\w*|даңғыл\w*|дангыл\w*|(?:шағын|шагын|мөлтек|молтек)\s+аудан\w*|ықшам\s?аудан\w*|"
            r"ыкшам\s?аудан\w*),?\s*(?:\d{1,4}[а-я]?(?:/\d+)?|{n})-?\s?(?i:үй|уй)\w*"
            r"(?:,?\s*(?:\d{1,4}|{n})-?\s?(?i:пәтер|патер)\w*)?)".replace("{n}", _KK_NUMBER_WORDS)
        ),
        0.8,
    ),
    Rule(
        "PERSON",
        re.compile(
            r"(?i:\b(?:рядов|сержант|старшин|прапорщик|лейтенант|капитан|майор|подполковник|полковник|генерал|"
            r"следовател|дознавател|прокурор|судь|начальник|инспектор|участков|оперативник|опер|адвокат|"
            r"осужденн|осуждённ|задержанн|подсудим|обвиняем|сокамерник|надзирател|конвоир)\w*\.?)"
            r"(?:\s+(?i:полиции|юстиции|внутренней\s+службы|финансовой\s+полиции))?\s+"
            rf"(?P<id>[{CYR_UPPER}{CYR_LOWER}][{CYR_LOWER}\-]{{2,}}(?:\s+[{CYR_UPPER}][{CYR_LOWER}\-]+){{0,2}})"
        ),
        0.85,
        _surname_after_rank,
    ),
    Rule(
        "PERSON",
        re.compile(
            rf"(?<![\w\-])(?P<id>[{CYR_UPPER}][{CYR_LOWER}]+(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|цкий|ская|"
            r"цкая|ович|евич|овна|евна|ична|ұлы|улы|қызы|кызы|баев|баева|беков|бекова)"
            r"(?:а|у|ым|ом|е|ой|ую|ых|ыми|ы|ға|ге|қа|ке|да|де|та|те|дан|ден|нан|нен|тан|тен|ның|нің|дың|дің|тың|"
            r"тің|ны|ні|ды|ді|ты|ті|мен|бен|пен)?)(?![\w\-])"
        ),
        0.6,
        _name_shape,
    ),
    Rule(
        "ORGANIZATION",
        re.compile(
            rf"(?P<id>(?:\b[{CYR_LOWER}]+(?:ую|ая|ой|ого|ий|ые|ых|ое|ом)\s+)?"
            r"\b(?:УВД|РУВД|ГУВД|ОВД|ДВД|ДП|УП|ОП|РОП|СИЗО|ИВС|ДУИС|КУИС|КНБ|ДКНБ|АФМ|ДЭР|"
            r"(?i:колони[яиюей]|учреждени[еяю]|отдел\w*\s+полиции|управлени[еяю]\s+полиции|департамент\w*|"
            r"акимат\w*|прокуратур\w*|управлени\w*|суд[аеу]?|агентств\w*|служб[аеуы]))"
            r"(?P<qual>(?:\s+(?:№\s*)?[А-ЯЁA-Z]{1,3}-\d+(?:/\d+)?)|(?:\s+№\s*\d+)|"
            rf"(?:\s+(?:по\s+)?[{CYR_UPPER}][{CYR_LOWER}]+(?:ой|ого|ом|ая|ую|ий)\s+(?:области|обл\.|района|город\w*))|"
            rf"(?:\s+город[аеу]?\s+[{CYR_UPPER}][{CYR_LOWER}\-]+)|"
            rf"(?:\s+(?:г\.\s*)?[{CYR_UPPER}][{CYR_LOWER}]{{3,}}(?:а|ы|е|и)?\b))+)"
        ),
        0.8,
        _has_qualifier,
    ),
    Rule(
        "ORGANIZATION",
        re.compile(
            # (not from a word that opens a clause, nor over a pronoun: «Кейін мені Ақтау қалалық сотына» is the
            # city court, «Алдымен Хромтау аудандық полиция…» the district's)
            rf"(?P<id>(?<![\w\-])(?!(?i:{_BODY_NOT_FIRST})\s)[{CYR_UPPER}][\w\-]+\s"
            rf"(?:(?!(?i:{_BODY_NOT_INSIDE})\s)[\w\-]+\s){{0,3}}(?:алқасы|соты|прокуратурасы|департаменті|"
            r"басқармасы|бөлімі|әкімдігі|колониясы|мекемесі)\w*)"
        ),
        0.8,
    ),
    Rule(
        # a body named after someone: «Абай атындағы мектеп-гимназияда», «Қазыбек би атындағы аудандық сотта»; the
        # name is the body's, and the head with it says which one
        "ORGANIZATION",
        re.compile(
            rf"(?P<id>(?<![\w\-])(?:[{CYR_UPPER}][\w\-]+(?<!ғы)(?<!гі)(?<!гы)(?<!ги)\s){{1,3}}(?:атындағы|атындагы)\s"
            r"(?:[\w\-]+\s){0,2}"
            r"(?:мектеп|гимназия|лицей|университет|колледж|институт|аурухана|емхана|шахта|кеніш|кениш|зауыт|"
            r"комбинат|сот|академия|орталық|орталыг|театр|стадион|интернат|балабақша|балабакша)[\w\-]*)"
        ),
        0.8,
    ),
    Rule(
        "DATE_TIME",
        re.compile(
            rf"(?P<id>(?i:\b\d{{1,2}}(?:\s?-?го)?\s+(?:{_RU_MONTHS_GEN}|{_RU_MONTHS_ABBR})(?:\s+\d{{4}}"
            r"(?:\s*(?:года|г\.|год))?)?)"
            r"|\b(?:19|20)\d{2}-\d{2}-\d{2}(?!\d)"
            # two days of one month in digits, as a note's visit of two days: «14-15.12.23», «5–6.08»
            r"|(?<![\w./-])(?:[0-2]?\d|3[01])\s?[-–]\s?(?:[0-2]?\d|3[01])[./](?:0?[1-9]|1[0-2])(?:[./](?:19|20)?\d{2})?"
            r"(?![\d./])"
            # a day and a month in Roman numerals, as notes write it: «15/VII», «3.XI.19»
            r"|(?<![\w/.])\d{1,2}[./](?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?![\w])(?:[./](?:19|20)?\d{2}(?!\d))?"
            rf"|\b\d{{1,2}}-?(?i:{_KK_MONTHS})"
            # a Kazakh ordinal day before a Russian month in a Kazakh case: «он бесінші февральда»
            rf"|(?i:(?<!\w)(?:{_KK_TENS}\s+)?(?:{_KK_UNITS}|{_KK_TENS})(?:інші|ыншы|нші|ншы|инши|ынши|нши)\s+"
            r"(?:январ|феврал|март|апрел|май|мая|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*)"
            # a note's English month, short: «Oct 17», «Jan 9,», «17 Oct 2023»
            rf"|\b{_EN_MONTHS_ABBR}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?!:)(?:,?\s+(?:19|20)\d{{2}})?"
            rf"|(?<![\w-])\d{{1,2}}\s+{_EN_MONTHS_ABBR}\.?(?!\w)(?:\s+(?:19|20)\d{{2}})?"  # not a code's «TAZ-01»
            rf"|\b{_EN_MONTHS_ABBR}\.?\s+(?:19|20)\d{{2}}(?!\d)"  # a note's «Sept 2023»
            # and written out, with a capital (the month «May», not the verb): «UYG-02, 24 May, Чунджа», «3 July»
            rf"|(?<![\w-])\d{{1,2}}\s+{_EN_MONTHS_FULL}(?!\w)(?:,?\s+(?:19|20)\d{{2}}(?!\d))?"
            rf"|\b{_EN_MONTHS_FULL}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?(?![\d:])|(?:19|20)\d{{2}}(?!\d))"
            rf"|(?i:\b(?:{_RU_MONTHS_LOC}|{_RU_MONTHS_GEN}))\s+\d{{4}}(?:\s*(?:года|году|г\.))?"
            r"|\b(?:19|20)\d{2}(?:\s*(?:году|года|год|г\.))(?:\s+рождения)?"
            r"|(?i:\b(?:весной|летом|осенью|зимой|весна|лето|осень|зима|в\s+начале|в\s+конце|в\s+середине))"
            r"\s+(?:19|20)\d{2}(?:-?(?:го|м|х)\b|\s*(?:года|году|г\.))?"
            r"|\b(?:19|20)\d{2}-(?:го|м)\b"
            r"|\b(?:19|20)\d{2}\s*жыл\w*\s+(?:көктем|жаз|күз|қыс|коктем|куз|кыс)\w*"
            # (a day after the year is one or two digits, not the start of the next year: «2012 жылдан 2018 жылға»)
            rf"|\b(?:19|20)\d{{2}}\s*жыл\w*(?:\s+\d{{1,2}}(?!\d))?(?:\s+{_KK_MONTHS}(?:\s+айында)?)?"
            rf"|\b\d{{1,2}}\s+{_KK_MONTHS}"
            r"|(?<=\b[вВсС]\s)(?:19|20)\d{2}\b(?!\s*(?:тенге|тг|₸|долл|\$))|(?<=\bдо\s)(?:19|20)\d{2}\b"
            r"|(?<=\bпосле\s)(?:19|20)\d{2}\b"
            r"|\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d{2}(?!\d)(?:\s*г\.?)?"
            # a month in Roman numerals, as old forms and some notes write it: «5.XI.22»
            r"|\b\d{1,2}\.(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.(?:19|20)?\d{2}(?!\d)"
            rf"|(?i:\b{_KK_MONTHS})\s+(?:19|20)\d{{2}})"
        ),
        0.85,
    ),
]

#: the words an English sentence ends a company's name on («for eighteen years», «from twenty twelve», «where …»)
_EN_NAME_ENDS = (r"(?:from|for|in|since|and|where|that|which|who|until|till|to|at|on|with|but|so|because|then|as|"
                 r"when|i|we|he|she|they|my|the|a|an|is|was|were|had|has|near|after|before|of|it|its|uh|um|like)")
#: the last words of a company's name in English or transliterated speech: "eurasian energy", "teplo service"
_EN_COMPANY_TAILS = (r"(?:energy|energo|trans|transit|service|services|servis|group|holding|logistics|construction|"
                     r"stroi|stroy|invest|trade|trading|motors|mining|steel|teplo|agro|security|media|pharm|pharma|"
                     r"engineering|consulting|corporation|munai|munay|oil|gas|petroleum|cement|metal|metals)")
#: a house or flat number as whisper writes English speech: "12", "twelve", "two oh four", "forty-two"
_EN_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                   r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                   r"hundred|oh|zero)")
_EN_SPOKEN_NUMBER = rf"(?:\d{{1,4}}[a-z]?|{_EN_NUMBER_WORD}(?:[\s-]+(?:and\s+)?{_EN_NUMBER_WORD}){{0,4}})"
_EN_STREET_WORDS = r"(?:street|st|avenue|ave|road|prospect|prospekt|boulevard|lane|k[oö]shesi|koshesi)"
_EN_ROOM_WORDS = r"(?:office|apartment|apt|flat|room|suite)"
EN_RULES = [
    _DAY_AND_MONTH,
    _APOSTROPHE_YEAR,
    # a name after an English title and the name of a family, whatever English word it is ("mister he", "the moon
    # family"): the Korean and Chinese surnames that are English words
    Rule("PERSON", english_cues.TITLED, 0.6, english_cues.named_after_a_title),
    Rule("PERSON", english_cues.FAMILY, 0.6, english_cues.names_a_family),
    # a body called something, whatever its words are: "a firm called sary arka trans", "a cafe called the steppe"
    Rule("ORGANIZATION", re.compile(
        r"(?<![\w-])(?:firm|company|business|outfit|shop|cafe|café|restaurant|agency|newspaper|paper|channel|station|"
        r"bank|fund|foundation|ngo|organisation|organization|website|site|chain|club|gym|school|hotel|market)\s+"
        r"(?:called|named)\s+[«\"“']?(?P<id>(?!" + _EN_NAME_ENDS + r"\b)[a-z][\w'&-]*"
        r"(?:\s+(?!" + _EN_NAME_ENDS + r"\b)[a-z][\w'&-]*){0,3})", re.IGNORECASE), 0.75),
    # a company one works at named by its last word, lower case: "worked at eurasian energy for eighteen years",
    # "an accountant at pavlodar teplo service"
    Rule("ORGANIZATION", re.compile(
        r"(?<![\w-])(?:work|works|worked|working|employed|accountant|engineer|manager|director|driver|guard|cashier|"
        r"clerk|electrician|welder|operator|foreman|mechanic|lawyer|officer)\s+(?:at|for|with|by)\s+(?:the\s+)?"
        r"(?P<id>(?:(?!" + _EN_NAME_ENDS + r"\b)[a-z][\w'&-]*\s+){1,3}" + _EN_COMPANY_TAILS + r")(?![\w-])",
        re.IGNORECASE), 0.7),
    # a company right after the word for its kind, ending in a company's last word: "this farm abdugani agro plus",
    # "the firm kaspi trans"
    Rule("ORGANIZATION", re.compile(
        r"(?<![\w-])(?:farm|firm|company|enterprise|outfit)\s+(?!(?:called|named)\b)"
        r"(?P<id>(?:(?!" + _EN_NAME_ENDS + r"\b)[a-z][\w'&-]*\s+){1,3}" + _EN_COMPANY_TAILS + r"(?:\s+plus)?)(?![\w-])",
        re.IGNORECASE), 0.7),
    # a company after "for", "at" or a firm and a comma, by its last word, whatever words come before it: "kept the
    # books for kambash fish trading", "there was a firm, steppe falcon logistics"
    Rule("ORGANIZATION", re.compile(
        r"(?<![\w-])(?:for|at|from|with|(?:firm|company|outfit|business),)\s+"
        r"(?P<id>(?:(?!(?:the|a|an|our|his|her|their|this|that|some|local|state|big|small|private|my|your)\b)"
        r"[a-z][\w'&-]*\s+){1,3}" + _EN_COMPANY_TAILS + r")(?![\w-])", re.IGNORECASE), 0.7),
    # a television channel by its number: "channel thirty one", "channel 7"
    Rule("ORGANIZATION", re.compile(
        r"(?<![\w-])(?P<id>channel\s+(?:\d{1,3}|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
        r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?))(?![\w-])", re.IGNORECASE), 0.7),
    # a note signed or a person named by initials alone, a Latin digraph counting as one letter: "Zh.K.", "Sh.A."
    Rule("PERSON", re.compile(r"(?<![\w.])(?P<id>(?!(?:U\.S|U\.K|A\.M|P\.M|N\.B|P\.S|E\.G|I\.E|T\.V|D\.C)\.)"
                              r"(?:(?:Zh|Sh|Ch|Kh|Ts|Yu|Ya|Ye|[A-Z])\.\s?){2,3})(?![\w])"), 0.7),
    # the same typed in Latin letters: "DUIS po Aktyubinskoi oblasti", "DP po Mangistauskoi obl."
    Rule("ORGANIZATION", re.compile(
        r"(?<![\w-])(?P<id>(?:UVD|RUVD|GUVD|OVD|DVD|DP|UP|OP|SIZO|IVS|DUIS|KUIS|DKNB|DGD|DER)\s+po\s+"
        r"[A-Z][a-z]+(?:oi|oy|oj|ei|ey)\s+(?:oblasti|obl\.?|raiona|rayona|rajona))(?!\w)"), 0.8),
    # a numbered block said in English: "the fourteenth microdistrict", "microdistrict 5"
    Rule("LOCATION", re.compile(r"(?i:(?<!\w)(?P<id>(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                                r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|\d{1,2}(?:st|nd|rd|th)?)\s+"
                                r"microdistrict|microdistrict\s+(?:no\.?\s*)?\d{1,2})))(?!\w)"), 0.8),
    # an address said in English, in whisper's lower case, numbers as words: "number twelve, zheltoksan street,
    # office two oh four", "abai avenue, house forty two, flat seven"
    Rule("ADDRESS", re.compile(
        rf"(?i:(?<![\w-])(?P<id>(?:(?:number|house|building)\s+)?{_EN_SPOKEN_NUMBER}\s*,?\s+"
        rf"(?:(?!(?:the|a|of|in|on|at|and|to)\b)[a-z][\w'-]+\s+){{1,3}}{_EN_STREET_WORDS}"
        rf"(?:\s*,?\s+{_EN_ROOM_WORDS}\s+{_EN_SPOKEN_NUMBER})?"
        rf"|(?:(?!(?:the|a|of|in|on|at|and|to)\b)[a-z][\w'-]+\s+){{1,3}}{_EN_STREET_WORDS}\s*,?\s+"
        rf"(?:(?:number|house|building)\s+{_EN_SPOKEN_NUMBER}(?:\s*,?\s+{_EN_ROOM_WORDS}\s+{_EN_SPOKEN_NUMBER})?"
        rf"|{_EN_SPOKEN_NUMBER}\s*,?\s+{_EN_ROOM_WORDS}\s+{_EN_SPOKEN_NUMBER}))(?![\w-]))"), 0.8),
    # a street in messenger Latin with its house and flat: "toraygyrova 64 kv 118", "abaya 12, kv. 5"
    Rule("ADDRESS", re.compile(r"(?<![\w-])(?P<id>[a-z]{3,}(?:a|y|ova|eva|ina|ogo|skaya|skoy)\s+\d{1,3}[a-z]?"
                               r"(?:/\d{1,3})?,?\s*(?:kv\.?|kvartira|kv-ra)\s*\d{1,4})(?!\w)", re.IGNORECASE), 0.8),
    Rule(
        "ADDRESS",
        re.compile(
            r"(?P<id>(?:\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][\w\-]+\s){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|"
            r"Boulevard|Blvd\.?|Lane|Prospect|Prospekt|Microdistrict|Square)"
            r"|\b(?:[A-Z][\w\-]+\s(?:bi\s|batyr\s)?){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Boulevard|Lane|Prospect|Prospekt)"
            r"(?:,?\s*(?:No\.?\s*)?\d+[A-Za-z]?)?"
            r"|\b(?:[Mm]icro-?district|[Mm]kr\.?)\s+[A-Z][\w\-]+(?:,?\s*(?:building|house|bldg\.?)?\s*\d+)?"
            r"|\b[A-Z][\w]+-\d+\s+[Mm]icro-?district)"
            r"(?:,?\s*(?:house|building|bldg\.?|block)\s*\d+[A-Za-z]?)?(?:,?\s*(?:apt\.?|apartment|flat)\s*\d+)?)"
        ),
        0.8,
    ),
    Rule(
        "PERSON",
        re.compile(
            r"\b(?:Captain|Capt\.|Major|Lieutenant|Lt\.|Colonel|Col\.|Sergeant|Sgt\.|General|Inspector|Officer|"
            r"Detective|Judge|Prosecutor|Investigator|Chief|Mr\.?|Mrs\.?|Ms\.?)\s+"
            r"(?P<id>[A-Z][a-z]+(?:[\-'][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+)?)"
        ),
        0.85,
    ),
    Rule(
        "PERSON",
        re.compile(
            r"(?i:\b(?:captain|major|lieutenant|colonel|sergeant|general|inspector|officer|detective|judge|"
            r"prosecutor|investigator))\s+(?P<id>[a-z]{2,})\b"
        ),
        0.85,
        lambda value, match, text: value not in _COMMON_AFTER_RANK and not _common_english(value),
    ),
    Rule(
        "PERSON",
        re.compile(
            r"\b(?P<id>[A-Z][a-z]+(?:ov|ev|yev|ova|eva|yeva|uly|ulu|kyzy|qyzy|bekov|bayev|baev|enko|sky|"
            r"skiy|skaya|ovich|evich|ovna|evna))\b"
        ),
        0.6,
    ),
    Rule(
        "ORGANIZATION",
        re.compile(
            r"(?P<id>\b(?:(?:[A-Z][\w\-]+|of|for|and)\s){1,5}(?:Department|Directorate|Office|Committee|Agency|"
            r"Court|Administration|Akimat|Prosecutor's Office)"
            r"|\b(?:penal\s+)?colony\s+(?:No\.?\s*)?[A-Z]{1,3}-\d+/\d+)"
        ),
        0.75,
    ),
    Rule(
        "DATE_TIME",
        re.compile(
            rf"(?P<id>\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTHS}(?:,?\s+\d{{4}})?"
            rf"|\b{_EN_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\b{_EN_MONTHS}\s+\d{{4}}"
            r"|\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d{2}\b|(?<=\bin\s)(?:19|20)\d{2}\b|(?<=\bsince\s)(?:19|20)\d{2}\b"
            # a Russian note's line of codes reads as English: its Roman and short-month dates are the same
            r"|(?<![\w/.])\d{1,2}[./](?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?![\w])(?:[./](?:19|20)?\d{2}(?!\d))?"
            rf"|\b{_EN_MONTHS_ABBR}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?!:)(?:,?\s+(?:19|20)\d{{2}})?"
            rf"|(?<![\w-])\d{{1,2}}\s+{_EN_MONTHS_ABBR}\.?(?!\w)(?:\s+(?:19|20)\d{{2}})?"
            rf"|\b{_EN_MONTHS_ABBR}\.?\s+(?:19|20)\d{{2}}(?!\d))"
        ),
        0.85,
    ),
]


def _common_english(word: str) -> bool:
    """An everyday English word after a rank is what the officer did ("the investigator read out"), not his name."""
    from fieldkit.anonymise.latin_words import common_english_words

    return word.casefold() in common_english_words()


class GazetteerRecognizer(EntityRecognizer):
    """LOCATION for every gazetteer mention; the place id rides along in recognition_metadata."""

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_entities=["LOCATION"], name=f"KazakhstanGazetteer-{language}", supported_language=language
        )

    def load(self) -> None:
        gazetteer()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for start, end, place_id in gazetteer().find(text):
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=GAZETTEER_SCORE, textual_explanation="Kazakhstan gazetteer"
            )
            results.append(
                RecognizerResult(
                    "LOCATION",
                    start,
                    end,
                    GAZETTEER_SCORE,
                    explanation,
                    recognition_metadata={"place": place_id, RecognizerResult.RECOGNIZER_NAME_KEY: self.name},
                )
            )
        return results


#: words that make a phrase a specific body once a place is named with it (in lower case, as whisper writes)
_ORG_HEAD = re.compile(
    r"(?:департамент|управлени|отдел|кнб|мвд|дп|дэр|акимат|әкімдіг|маслихат|мәслихат|служб|прокуратур|колони|суд|"
    r"сот|полици|следственн|изолятор|сизо|ивс|антикор|комитет|агентств|министерств|филиал|батальон|рот|часть|части|"
    r"бөлім|басқарма|центр|диспансер|наркодиспансер|колледж|больниц|поликлиник|университет|институт|академи|аппарат|"
    r"коллеги|инспекци|гарнизонн|орталы|аурухана|емхана|ұқк|қызмет|пд|комисси|өкілдіг|окилдиг|"
    # English and messenger Latin: "Aktobe regional drug treatment centre", "kollegii advokatov"
    r"centre|center|department|police|court|hospital|school|college|office|akimat|prosecutor|committee|clinic|"
    r"university|institute|kollegi|otdel|upravleni|politsi|sud|zauyt|zavod|kombinat|shakht|kenish|factory|depot)\w*"
    r"|(?:plant|plants|mine|mines|smelter|smelters|refinery|pit|quarry)$"
    # the police units' abbreviations, whole, with a case ending at most: «УП Ауэзовского р-на», «ровд-та»
    r"|(?:уп|оп|ровд|увд|рувд|гувд|убн|ппс|дкнс|up|op|rovd|uvd|ubn)(?:а|е|у|ом|та|те|да|де|қа|ке|ға|ге)?$")
#: a word between a place and its body: «карагандинском областном наркологическом центре», «түркістан облыстық
#: наркологиялық орталығында», «шиелі аграрлық колледжінде»
_ORG_MODIFIER = re.compile(r"\w+(?:ой|ого|ом|ый|ий|ая|ое|ую|ому|лық|лік|дық|дік|тық|тік|ғы|гі|қы|кі)$"
                           r"|drug|narcotics|treatment|anti-drug|criminal|investigation|migration|customs|tax|"
                           r"financial|juvenile|specialised|specialized|interdistrict|revenue|state|public|central"
                           # English and messenger Latin in lower case: "almaty anti corruption department",
                           # "kentau transformator zauytynda"
                           r"|(?:anti|corruption|anticorruption|economic|investigations?|crimes?|security|border|"
                           r"traffic|patrol|internal|affairs|emergency|penitentiary|correctional|transformator|"
                           r"transformer|drilling|mining|oil|gas|cement|steel|chemical|machine|metallurgical|railway|"
                           r"polymer|temporary|detention|pre-trial|remand|aluminium|aluminum|ferroalloy|ferroalloys|coal|"
                           r"copper|uranium|power|petrochemical|tractor|meat|fish|processing|pre|trial|land|"
                           r"relations|housing|architecture|planning|agriculture|agricultural|education|health|social|"
                           r"employment|transport|roads|utilities|property|registration|licensing|enforcement)$"
                           # Kazakh nouns that say which service: «жол полициясы», «көші-қон қызметі»
                           r"|(?:жол|көлік|колик|кеден|шекара|салық|салык|қаржы|каржы|көші-қон|коши-кон|өрт|орт|"
                           r"еңбек|енбек|әділет|адилет|денсаулық|денсаулык|білім|билим|әкімінің|акиминин|сайлау)$")
_ORG_ADJECTIVE = re.compile(r"\w+(?:ой|ого|ом|ый|ий|ая|ое|ую|ему|ной|ном|ного|ская|ский|ского|ском)$")
_BODY_WORDS = re.compile(r"^(?:районн|городск|областн|региональн|межрайонн)\w*$")
_ORG_WINDOW = 6
_KAZAKH_PLACE_CASE = re.compile(r"(?:да|де|та|те|дан|ден|тан|тен|нан|нен|ға|ге|қа|ке|на|не)$")
_KAZAKH_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
#: «қаскелеңдегі»: the one in a place, whose body comes after it («…дегі уақытша ұстау изоляторында»)
_THE_ONE_IN = re.compile(rf"(?:{'|'.join(THE_ONE_IN_ENDINGS)})$")
_DESIGNATOR = re.compile(r"^(?:қала|облыс|аудан|аудандық|қалалық|облыстық|районн|городск|областн|региональн|"
                         r"межрайонн|бойынша|region|regional|city|district|oblast|town|municipal)\w*$")
#: a Kazakh body's own word, in any case: департаменті(нде), соты(нда), басқармасы, бөлімі, әкімдігі, колониясы
_KAZAKH_HEAD = re.compile(r"^(?:департамент|сот|басқарма|бөлім|әкімдіг|колония|прокуратура|комитет|мекеме)\w*$")


#: words that start like a body's word and are not one: a judge, an employee, a conviction, hundreds, a cell phone,
#: an adjective
_NOT_HEADS = ("судь", "судим", "сотрудн", "сотн", "сотк", "сотов", "ротик", "служащ", "қызметкер", "officer", "policem",
              "центральн",  # «на таразском центральном рынке»: the market is central, not a centre
              "соттал", "соттад", "соттау", "соттай")  # «сотталды» (was convicted) is no court


def _is_head(word: str) -> bool:
    return bool((_ORG_HEAD.match(word) or _KAZAKH_HEAD.match(word)) and not _verb_like(word)
                and not word.startswith(_NOT_HEADS))


@lru_cache(maxsize=20_000)
def _adverb(word: str) -> bool:
    """«потом», «том»: words with an adjective's ending that Russian morphology reads as something else."""
    from fieldkit.anonymise.morphology import first_tag

    return first_tag(word).startswith(("ADVB", "CONJ", "PRCL", "NPRO", "PREP", "NUMR"))


@lru_cache(maxsize=50_000)
def _verb_like(word: str) -> bool:
    """«судили», «отделили»: a verb that starts like a body's word is not one."""
    from fieldkit.anonymise.morphology import first_tag

    return first_tag(word).startswith(("VERB", "INFN", "PRTF", "PRTS", "GRND"))


#: Kazakh words that make a clause, not a body's name: pronouns, and endings of verbs («қоймайды»), of the
#: accusative («бізді») and of «my», «our» («үйіміз»); a body's own Kazakh words are nouns in the genitive or the
#: possessive («ҚНБ Шекара қызметінің Түркістан облысы бойынша …»)
_KAZAKH_PRONOUNS = frozenset({"мен", "сен", "ол", "біз", "сіз", "олар", "бізді", "мені", "оны", "оларды", "маған",
                              "оған", "бізге", "бизди", "мени", "бизге", "маган", "оган"})
_KAZAKH_CLAUSE_ENDINGS = ("ды", "ді", "ты", "ті", "ди", "ти", "мыз", "міз", "миз", "ымыз", "іміз", "дым", "дім", "тым",
                          "тім", "мын", "мін", "мин")


@lru_cache(maxsize=20_000)
def _no_body_word(word: str) -> bool:
    """A word that cannot stand inside a body's name between its head and its place: a Kazakh pronoun, or a Kazakh
    word the Russian dictionary does not know with a verb's, the accusative's or "our"'s ending («полиция бізді
    тыныш қоймайды үйіміз шымкентте …»)."""
    from fieldkit.anonymise.kazakh_words import is_plainly_kazakh
    from fieldkit.anonymise.morphology import has_kazakh_letters, is_cyrillic, is_known_word

    lowered = word.casefold()
    if lowered in _KAZAKH_PRONOUNS:
        return True
    return (is_cyrillic(lowered) and lowered.endswith(_KAZAKH_CLAUSE_ENDINGS) and not is_known_word(lowered)
            and (has_kazakh_letters(lowered) or is_plainly_kazakh(lowered)))


def _punctuated(text: str, tokens: list, index: int) -> bool:
    """Whether a sentence or clause break, or a number, stands between token ``index`` and the one before."""
    return bool(re.search(r"[.!?;:,—\d]", text[tokens[index - 1][1]:tokens[index][0]] + tokens[index][2]))


class PlacedOrganizationRecognizer(EntityRecognizer):
    """ORGANIZATION for a body named with its place, in any case: «департаменте полиции мангистауской области»,
    «кнб по карагандинской области», «сарыаркинском районном суде». The place alone is LOCATION (and may be
    generalised); with the body it pins down one office, whose staff is small enough to identify someone."""

    SCORE = 0.8

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["ORGANIZATION"], name=f"PlacedOrganizations-{language}",
                         supported_language=language)

    def load(self) -> None:
        gazetteer()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        tokens = [(m.start(), m.end(), m.group().casefold()) for m in re.finditer(r"[\w\-]+", text)]
        starts = {start: index for index, (start, _, _) in enumerate(tokens)}
        ends = {end: index for index, (_, end, _) in enumerate(tokens)}
        results = []
        for place_start, place_end, _place in gazetteer().find(text):
            first, last = starts.get(place_start), ends.get(place_end)
            if first is None or last is None:
                continue
            head = None
            # a Russian body governs its place in the genitive («департаменте полиции мангистауской области»);
            # a Kazakh locative or ablative after it («полицияда … Қарағандыда») is where something happened
            genitive = ((not _KAZAKH_PLACE_CASE.search(tokens[last][2]) and not _THE_ONE_IN.search(tokens[last][2]))
                        or tokens[last][2] in ("района", "области", "округа", "обл", "р-на"))  # «…ского района»
            for index in range(first - 1, max(-1, first - 1 - _ORG_WINDOW), -1):
                between = tokens[index + 1][2]
                numbered = between in ("номер", "№") or (between.isdecimal() and len(between) <= 3)
                if not genitive or re.search(r"[.!?;:,—]" if numbered else r"[.!?;:,—\d]",
                                             text[tokens[index][1]:tokens[index + 1][0]] + between):
                    break  # (a body's number may stand between: «районном суде номер 2 алматинского района»)
                if index + 1 < first and _no_body_word(between):
                    break  # a Kazakh clause between: «полиция бізді тыныш қоймайды үйіміз шымкентте»
                if _is_head(tokens[index][2]) and _ORG_HEAD.match(tokens[index][2]) and (
                        not tokens[index][2].isascii()
                        or all(tokens[k][2] in ("of", "the", "po", "for") for k in range(index + 1, first))):
                    head = index  # English: "department of the Karaganda", never "police officer in Chicago"
            if head is not None:
                while (head > 0 and _ORG_ADJECTIVE.match(tokens[head - 1][2]) and tokens[head - 1][2] not in ("по",)
                       and not _punctuated(text, tokens, head) and not _adverb(tokens[head - 1][2])):
                    head -= 1  # «миграционной службе», «городского маслихата»; not «потом Агентство …»
                for _ in range(3):  # "economic investigations department for zhetysu region"
                    if not (head > 0 and tokens[head - 1][2].isascii() and _ORG_MODIFIER.match(tokens[head - 1][2])
                            and not _punctuated(text, tokens, head)):
                        break
                    head -= 1
                results.append(self._result(tokens[head][0], place_end))
                continue
            # the place first: «сарыаркинском районном суде», and Kazakh, with the place in the genitive or with its
            # designator: «түркістан облысының полиция департаментінде», «алматы қаласы полиция департаментінің
            # есірткі қылмысына қарсы басқармасы»; a place in the locative («алматыда сотта») is where it happened
            if _KAZAKH_PLACE_CASE.search(tokens[last][2]) and not _KAZAKH_GENITIVE.search(tokens[last][2]):
                continue
            index = last + 1
            while index < len(tokens) and index <= last + 3 and _DESIGNATOR.match(tokens[index][2]):
                index += 1
            modifiers = 0
            # (English strings more words before its head: "almaty pre trial detention centre")
            while (index < len(tokens) and modifiers < (3 if tokens[index][2].isascii() else 2)
                   and not _is_head(tokens[index][2])
                   and _ORG_MODIFIER.match(tokens[index][2]) and not _punctuated(text, tokens, index)):
                index, modifiers = index + 1, modifiers + 1
            if index >= len(tokens) or not _is_head(tokens[index][2]) or _punctuated(text, tokens, index):
                continue
            end, gap, index = index, 0, index + 1
            # only a head that governs the next goes on to it: «полиция департаментінің … басқармасы», not «сотына
            # арыз бердик бирак сот» (we complained to the court, but the court…)
            while (index < len(tokens) and gap < 4 and not _punctuated(text, tokens, index)
                   and not (gap == 0 and _KAZAKH_PLACE_CASE.search(tokens[end][2]))):
                if _is_head(tokens[index][2]):
                    end, gap = index, 0  # a chain of bodies: «полиция департаментінің … басқармасы»
                else:
                    gap += 1
                index += 1
            results.append(self._result(place_start, tokens[end][1]))
        return results

    def _result(self, start: int, end: int) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE,
                                          textual_explanation="a body with its place")
        return RecognizerResult("ORGANIZATION", start, end, self.SCORE, explanation)


@lru_cache(maxsize=1)
def known_organisations():
    """The bundled lists of companies and institutions (data/organisations.txt, organisations_more.txt) as a fuzzy
    index. A name that is also an ordinary word (a line ending in «?»: «Магнум», "Small") is left out: the fuzzy
    index would find it in everyday speech. An English or everyday Kazakh word of a longer name ("University",
    «жолы») does not match alone. (An earlier trial that made every Kazakh word need the whole name lost a
    person's name on held-out Kazakh text; the everyday ones alone cost none on the tuning sets.)"""
    from importlib import resources

    from fieldkit.anonymise.fuzzy import Entry, KnownIdentifiers
    from fieldkit.anonymise.morphology import is_common_word

    data = resources.files("fieldkit.anonymise") / "data"
    names = [line.strip() for file_name in ("organisations.txt", "organisations_more.txt")
             for line in (data / file_name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#") and not line.strip().endswith("?")]
    from fieldkit.anonymise.kazakh_words import stripped_forms
    from fieldkit.anonymise.kept import is_kept, kept_terms
    from fieldkit.anonymise.latin_words import is_english_word, is_kazakh_in_latin, is_russian_in_latin
    from fieldkit.anonymise.unknown_words import common_noun

    long_kept = tuple(term for term in kept_terms() if " " not in term and len(term) >= 6)

    from fieldkit.anonymise.names import is_common_kazakh

    def ordinary(word: str) -> bool:
        """A word of a longer name that names nothing alone: an English word ("University" of «Nazarbayev
        University»), an everyday Kazakh one («жолы», road or once, of «Қазақстан темір жолы»), a place
        («Шымкент» of «Шымкентцемент») or a kept term («Казахстана» of «Казахстанская фондовая биржа»)."""
        lowered = word.casefold()
        return (is_common_word(word) or (word.isascii() and (
                    is_english_word(word) or is_russian_in_latin(word) or is_kazakh_in_latin(word)))
                or bool(gazetteer().find(word)) or is_kept(word) or lowered.startswith(long_kept)
                or is_common_kazakh(lowered)  # (messenger "skazat", "salyq" are no misspelt КазАТК, Halyk)
                # a Russian noun under a Kazakh ending («джипті» is no misspelt Аджип). (Not every Kazakh dictionary
                # word: «темір» alone, though also iron, is more often the man Темір or the town Темир than the railway,
                # and this finding is what redacts it: tried and undone in the eighteenth round.)
                or any(common_noun(stem) for stem in stripped_forms(lowered)))

    return KnownIdentifiers([Entry(name, "ORGANIZATION") for name in names], is_common_word=ordinary,
                            spelt_only_so=lambda word: is_common_kazakh(word.casefold()))


class KnownOrganisationRecognizer(EntityRecognizer):
    """ORGANIZATION for a company or institution of the bundled list, in any case and spelling («қазақмыста»,
    «каспи», «арселора», "kaspi"); a generic acronym alone (ЦОН) is an office that many people use, so only
    the named ones identify an employer."""

    SCORE = 0.7

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["ORGANIZATION"], name=f"KnownOrganisations-{language}",
                         supported_language=language)

    def load(self) -> None:
        known_organisations()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE,
                                          textual_explanation="a known company or institution")
        return [RecognizerResult("ORGANIZATION", f.start, f.end, self.SCORE, explanation)
                for f in known_organisations().find(text)]


def recognizers(language: str) -> list[EntityRecognizer]:
    rules = COMMON_RULES + (RU_RULES if language == "ru" else EN_RULES)
    return [RuleRecognizer(f"KazakhstanRules-{language}", rules, language), PlacedOrganizationRecognizer(language),
            KnownOrganisationRecognizer(language)]
