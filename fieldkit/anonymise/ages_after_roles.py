"""A note's bare age after the person it describes: «активистка, 27», «Resp: б. следователь, 58», «торговец
запчастями, 41», «жена б/у заключённого (Д.К.), 31», «Ex-con, 41», «Рыбак, 60+».

Hurried notes give a respondent's age as a number set off by commas, bars or dashes right after who the person is
(a trade, a role, a relation) rather than after a name. A name list cannot know the roles, so the role is read by
its grammar: a Russian noun for a living being in the nominative singular (Natasha's morphology), or one of the
English and clipped words notes use («зк», «осужд.», "ex-con"). A number so placed is a house, a count or a time
far less often than an age; it is taken only when nothing follows it but the next separator, and never in a
segment that names a street or a building.
"""

from __future__ import annotations

import re

from fieldkit.anonymise.findings import Finding
from fieldkit.anonymise.number_words import KAZAKH_TENS, KAZAKH_UNITS
from fieldkit.anonymise.quantities import DECADE_STEM

#: the number: fourteen to ninety-nine, said roughly or not («~45», «60+», «40ish», «40-ish»), or a range («30-35»);
#: after a sentence's full stop only where a role ends the sentence before it («курьер. 19.»)
_AGE_AFTER_A_SEPARATOR = re.compile(
    r"(?P<sep>,|\||;|:|\s[/—–-](?=\s)|[—–]|(?<=\w)\.\s)[ \t]*"
    r"(?P<id>~?[ \t]?(?:1[4-9]|[2-9]\d)(?:[-–](?:1[4-9]|[2-9]\d)(?!\d))?(?P<rough>\+|[ \t]?-?ish)?)"
    r"(?=[ \t]*(?:[,;|)\n]|\.(?!\d)|$|[—–]|\s[/-]\s|\s→|\s\(|\s+NB\b))", re.IGNORECASE)

#: an age that speaks for itself: what a person looks («17-18 на вид», «лет 30 на вид») and a note's «сам 44»,
#: «респ. тогда 29» (the respondent himself, or whoever the note is about)
_AGE_BY_ITSELF = re.compile(
    r"(?<![\w-])(?:(?:лет\s+)?(?P<look>(?:1[4-9]|[2-9]\d)(?:[-–](?:1[4-9]|[2-9]\d))?)\s+на\s+вид"
    r"|(?:сам|сама|респ\.|resp\.?|R)\s+(?:тогда\s+|сейчас\s+|было\s+)?(?P<self>(?:1[4-9]|[2-9]\d))"
    r"(?=[ \t]*(?:[,;|)\n]|\.(?!\d)|$|\s[—–-]\s|\s+NB\b))"
    # sex and age with a stroke: «resp. м/44», «P52 ж/38», «M/24, студент»
    r"|(?<![\w/])[мжМЖmfMF]/(?P<sexed>1[4-9]|[2-9]\d)(?![\d/])"
    # a note's "age: late 40s", "age: 52"; «лет 60-ти» (sixty or so)
    r"|\bage\s*[:=]?\s*(?P<said>(?:(?:early|mid|late)[\s-]*)?[1-9]0'?s|(?:1[4-9]|[2-9]\d)(?!\d))"
    r"|лет\s+(?P<about>(?:1[4-9]|[2-9]\d)-?т?и)(?!\w)"
    # a decade by its ordinal, and fifty in slang where it is somebody's: «шестой десяток», «под полтинник», «полтинник
    # ему в том году был» (not «дал полтинник», a sum)
    rf"|(?P<decade>{DECADE_STEM}(?:ой|ый|ий)\s+десят(?:ок|ка|ке))(?!\w)(?!\s+лет)"
    r"|(?P<fifty>под\s+полтинник|полтос(?=\s+(?:ему|ей|мне|был|было|исполнил\w*|стукнул\w*))"
    r"|полтинник(?=\s+(?:ему|ей|мне|был|было|исполнил\w*|стукнул\w*))|(?<=ему\s)(?:уже\s+)?полтинник))(?!\w)",
    re.IGNORECASE)

#: where a described person's segment starts, walking back from the separator before the number
_SEGMENT_START = re.compile(r"[,;|(:\n—–→]|\s[/-]\s")

#: clipped and English words notes use for who a person is, which Russian morphology does not tag as animate
_ROLE_WORDS = frozenset({
    "зк", "з/к", "зэк", "осужд", "сотр", "б/у", "ex-con", "excon", "con", "miner", "driver", "fisherman", "officer",
    "cop", "widow", "widower", "teacher", "nurse", "guard", "resp", "respondent", "journalist", "activist", "farmer",
    "trader", "lawyer", "worker", "shepherd", "smuggler", "dealer", "courier", "student", "doctor", "pensioner",
    "veteran", "inmate", "prisoner", "investigator", "judge", "prosecutor", "taxi-driver", "mechanic", "engineer",
    "accountant", "vendor", "seller", "wife", "husband", "mother", "father", "son", "daughter", "brother", "sister",
    "uncle", "aunt", "neighbour", "neighbor", "man", "woman", "guy", "boy", "girl", "ex-cop", "ex-officer",
    # clipped ranks and posts: «п-к в отставке», «зам. дир.», «нач.», «след.»; «в отставке» (retired) itself
    "п-к", "м-р", "к-н", "ст", "лейт", "зам", "дир", "нач", "зав", "пред", "инсп", "след", "отставке",
    # nationality, clipped: «Югай Станислав, кор., 61», «нем., ~60»
    "кор", "каз", "рус", "нем", "узб", "уйг", "тат", "укр", "дунг", "чеч",
})
#: sex, when it is the last word of a note's segment: «двор м, 40ish», «жен. 42»
_SEX_WORDS = frozenset({"м", "ж", "муж", "жен", "f", "m"})

#: a respondent's code ending the segment: «P103, 22», «R-AYG-01, 44», «р-т SHL-04, 29» (not a colony's unit)
_RESPONDENT_CODE = re.compile(r"(?<![\w/-])(?!(?:УК|ЕЦ|АК|ИК|ЛА|ОВ|ЕС|ЖД|ОО|УГ)-)(?:[A-ZА-ЯЁ]{1,5}-){0,2}"
                              r"[A-ZА-ЯЁ]{1,5}-?\d{1,3}\s*$")

#: a segment that names a street, a building or a unit is an address, whatever noun is in it («ул. Гоголя, 45»)
_ADDRESS_WORDS = re.compile(r"(?<!\w)(?:ул|улица|пр|просп|проспект|пер|мкр|микрорайон|д|дом|кв|оф|корп|көшесі|"
                            r"street|st|ave|avenue|apt|flat|house|block|бл|уч|участок|в/ч|ИК|УК|ЕЦ|АК)(?!\w)",
                            re.IGNORECASE)
_WORD = re.compile(r"[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі/-]+")
_BRACKETS_BEFORE = re.compile(r"\([^()\n]{1,40}\)\s*$")


def _names_a_person(segment: str) -> bool:
    """Whether a note's segment says who a person is: a role word, or a noun for a living being in the
    nominative singular that is not itself a name (names are the name rules' to read)."""
    from fieldkit.anonymise.morphology import first_tag

    if _ADDRESS_WORDS.search(segment):
        return False
    if _RESPONDENT_CODE.search(segment):
        return True
    words = [part for word in _WORD.findall(segment)[-5:] for part in (word, *word.split("-")) if part]
    if words and words[-1].casefold() in _SEX_WORDS:
        return True
    for word in words:
        lowered = word.casefold().strip("-")
        if lowered in _ROLE_WORDS:
            return True
        if not re.fullmatch(r"[а-яё]{3,}", lowered):
            continue
        tag = first_tag(lowered)
        if tag.startswith("NOUN,anim") and "sing,nomn" in tag and not any(
                mark in tag for mark in ("Name", "Surn", "Patr", "Geox")):
            return True
    return False


#: messenger Russian typed in Latin: a person in the dative, then how old: "ansaru 19", "dane 27, a ona uzhe…",
#: "beku za 40", "emu ot 35 do 40 gde to" (not a sum: "emu 50 dal")
_LATIN_DATIVE_AGE = re.compile(
    r"\s+(?:(?:uzhe|uje|tolko|vsego|seichas|seychas|sejchas|togda|bylo|voobshe|gde-?to|primerno|okolo)\s+)*"
    r"(?:ot\s+)?(?P<id>(?:(?:za|pod)\s+)?(?:1[4-9]|[2-9]\d)(?:\s+do\s+(?:1[4-9]|[2-9]\d))?)(?![\d.,:/'-]?\d)"
    r"(?=\s*(?:[,.;!?)]|$|let\b|goda\b|a\s|no\s|i\s|uzhe\b|tolko\b|gde|ispolnil))", re.IGNORECASE)
_LATIN_DATIVE_PRONOUN = re.compile(r"(?<![\w'])(?:emu|ei|ey|ej)(?=\s)", re.IGNORECASE)


def with_ages_after_roles(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each bare age a note sets right after the person it describes (see the module)."""
    added = []
    for match in _AGE_AFTER_A_SEPARATOR.finditer(text):
        start, end = match.span("id")
        if any(f.start < end and start < f.end for f in findings):
            continue
        before = text[max(0, match.start() - 80):match.start()]
        bracketed = _BRACKETS_BEFORE.search(before)
        if bracketed:
            before = before[:bracketed.start()]
        cuts = list(_SEGMENT_START.finditer(before))
        segment = before[cuts[-1].end():] if cuts else before
        person_before = any(f.entity == "PERSON" and 0 <= match.start() - f.end <= 2 + (
            len(bracketed.group(0)) if bracketed else 0) for f in findings)
        said_roughly = (match["rough"] or match["id"].startswith("~")) and not match["sep"].startswith(".")
        if person_before or said_roughly or _names_a_person(segment):
            added.append(Finding("AGE", start, end, 0.7, text[start:end]))
    for match in _AGE_BY_ITSELF.finditer(text):
        group = next(name for name in ("look", "self", "sexed", "said", "about", "decade", "fifty") if match[name])
        start, end = match.span(group)
        overlapping = [f for f in [*findings, *added] if f.start < end and start < f.end]
        if group == "said" and all(f.entity in ("DATE_TIME", "DATE_WORDS") for f in overlapping):
            findings = [f for f in findings if f not in overlapping]  # "age: late 40s" is no decade of a century
            overlapping = []
        if not overlapping:
            added.append(Finding("AGE", start, end, 0.7, text[start:end]))
    return sorted([*findings, *added], key=lambda f: f.start) if added else findings


def with_latin_dative_ages(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with the age said after a person in the Latin-typed dative ("ansaru 19", "emu 45"): run once
    every form of a name is found, so that "dane" counts as much as the "dana" it repeats."""
    added = []
    datives = [f.end for f in findings if f.entity == "PERSON" and f.text.isascii() and f.text[-1:].casefold()
               in ("u", "e", "i", "y")] + [m.end() for m in _LATIN_DATIVE_PRONOUN.finditer(text)]
    for position in datives:
        match = _LATIN_DATIVE_AGE.match(text, position)
        if match and not any(f.start < match.end("id") and match.start("id") < f.end for f in [*findings, *added]):
            added.append(Finding("AGE", match.start("id"), match.end("id"), 0.7, match["id"]))
    return sorted([*findings, *added], key=lambda f: f.start) if added else findings


#: the tens and units a number said after a name is made of, Russian (nominative) and Kazakh (every spelling the
#: number-word lists know; «он», ten, is the Russian «он» too often)
_TENS = "(?:" + "|".join(("двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
                          "девяносто", *(word for word in KAZAKH_TENS if word != "он"))) + ")"
_UNITS = "(?:" + "|".join(("один", "одна", "два", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять",
                           *KAZAKH_UNITS)) + ")"
#: a number with tens said right after a name, as ASR writes speech with no comma: «ильдар сафиуллин тридцать девять
#: татарин», «азат хамраев отыз төрт ақтаудағы…», «айдос двадцать девять» (not a count, a sum, a term or a date
#: after it: «ерлан двадцать лет сидел», «двадцать тысяч», «двадцать пятого»)
_NUMBER_AFTER_A_NAME = re.compile(
    rf"\s+(?P<id>{_TENS}(?:\s+{_UNITS})?)(?![\w-])"
    r"(?!\s+(?:лет|год\w*|жыл\w*|тысяч\w*|мың\w*|мын\w*|миллион\w*|млн|лям\w*|тенге|теңге|доллар\w*|процент\w*|"
    r"человек\w*|адам\w*|раз\w*|рет|метр\w*|километр\w*|км|штук\w*|минут\w*|час\w*|сағат\w*|сагат\w*|числ\w*|"
    r"кг|кило\w*|грамм\w*|тонн\w*|литр\w*|процент\w*|градус\w*|күн\w*|кун\w*|ай\b|айда\w*|дней|дня|день|сут\w*|"
    r"месяц\w*|недел\w*|мин\b|шақырым\w*|шакырым\w*|[а-яё]+(?:ого|ому|ым|ой)\b|[а-яәғқңөұүһі]+(?:ншы|нші|ыншы|інші)"
    # (nor what is counted: «айдос отыз койды … сатып жиберди», thirty sheep; «двадцать баранов»)
    r"\w*|[а-яәғқңөұүһі]+(?:ды|ді|ты|ті|ны|ні)\b|[а-яё]+(?:ов|ев|ей)\b))", re.IGNORECASE)


def with_ages_said_after_names(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with a number with tens said right after a found person's name with no comma (see
    ``_NUMBER_AFTER_A_NAME``): in speech that is how old the person is."""
    added = []
    for finding in findings:
        if finding.entity != "PERSON" or not finding.text[:1].islower():
            continue
        match = _NUMBER_AFTER_A_NAME.match(text, finding.end)
        if match and not any(f.start < match.end("id") and match.start("id") < f.end for f in [*findings, *added]):
            added.append(Finding("AGE", match.start("id"), match.end("id"), 0.6, match["id"]))
    return sorted([*findings, *added], key=lambda f: f.start) if added else findings
