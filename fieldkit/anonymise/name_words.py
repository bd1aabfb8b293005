"""Kazakh given names that are everyday words (Болат, steel; Темір, iron; Жұлдыз, star; Бақыт, happiness), told
apart where whisper writes them in lower case.

A name found once is found again wherever its word stands, and the list finds «болат» in lower case on its own;
but «болат тор» (steel bars), «жұлдыз көп» (many stars) and «бақыт деген не» (what is happiness) are the words.
The clause says which: a noun the word describes right after it, a predicate of having or lacking («жоқ», «көп»,
«керек»), or «деген» followed by «не», «сөз», «нәрсе». A name's own company (an honorific, a kin word, a surname,
«деген жігіт») is left to the name rules, which have already taken it. Only a bare lower-case word in a sentence
that is not Russian is judged; a capitalised one, or one with a case ending, stays a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fieldkit.anonymise.findings import Finding
from fieldkit.anonymise.kazakh_words import KAZAKH_VERB_ENDINGS, fold, is_kazakh_verb_form

#: given names that are common Kazakh nouns or adjectives, in Kazakh spelling (compared folded into Russian letters)
NAME_WORDS = frozenset(fold(word) for word in (
    "болат", "темір", "жұлдыз", "бақыт", "жеңіс", "нұр", "алтын", "береке", "мерей", "арман", "қуаныш", "ерлік",
    "самал", "айдын", "ақжол", "сұлтан", "алма", "аман", "әділ", "берік", "асыл", "дәулет", "бейбіт", "мақсат", "үміт",
    "тілек", "сәуле", "мөлдір", "қымбат", "сезім", "мереке", "тыныс", "жарқын", "жігер", "еркін", "қайрат", "батыр",
    "қанат", "шолпан", "бахыт"))
#: what follows a word, never a name, when the clause says there is, is not, or is needed of it: «бақыт жоқ»,
#: «жұлдыз көп», «жеңіс керек емес»
_PREDICATES = frozenset(fold(word) for word in (
    "жоқ", "бар", "көп", "керек", "емес", "аз", "жетпейді", "болмайды", "болмады", "болмаған", "қайда", "сияқты",
    "секілді", "тәрізді"))
#: «бақыт деген не», «жеңіс деген бос сөз»: "what is called X" of a word
_WHAT_IS_CALLED = re.compile(r"\s+(?:деген|дегеніміз|дегенің)\s+(?:не|сөз|соз|нәрсе|нарсе|осы|бос|ұғым|угым|что)"
                             r"(?!\w)|\s+(?:деген|дегеніміз)\s+(?:сөз|соз|нәрсе|нарсе)\w*", re.IGNORECASE)
#: a name's own words right before the word: «атында дәулет бар» (there is wealth in his name), «есімі бақыт»
_NAME_SPOKEN_OF = re.compile(r"(?<!\w)(?:аты|атында|атымда|есімі|есими|есімінде|есиминде|фамилиясы|тегі|теги)\s+$",
                             re.IGNORECASE)
#: the endings a noun described by the word before it may take: none, the possessive, the accusative, the plural,
#: the dative («болат тор», «арқаны», «қақпаны», «қайықтар», «пешке»)
_DESCRIBED_ENDINGS = ("", "ы", "і", "и", "сы", "сі", "си", "ын", "ін", "ин", "сын", "сін", "ны", "ні", "ни", "лар",
                      "лер", "дар", "дер", "тар", "тер", "ға", "ге", "қа", "ке", "га", "ка", "ін", "н")
#: the locative, ablative and instrumental, which tell where or with whom someone is, never what a word describes
_WHERE_OR_WITH = tuple(fold(ending) for ending in ("да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен",
                                                   "нан", "нен", "мен", "бен", "пен", "ымен", "імен"))
#: endings no noun a word describes has: a patronymic's, a verb's conditional, a verbal noun's («болуы»), and the
#: demonstratives' («ондай»)
_NOT_NOUN_ENDINGS = tuple(fold(ending) for ending in (
    "ұлы", "қызы", "улы", "кызы", "са", "се", "саң", "сең", "сам", "сем", "уы", "уі", "дай", "дей", "тай", "тей"))
#: the Kazakh number words, the stems their ordinals and forms grow from («жиырмасыншы», «отызда»)
_NUMBER_STEMS = tuple(fold(word) for word in (
    "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз", "он", "жиырма", "отыз", "қырық", "елу",
    "алпыс", "жетпіс", "сексен", "тоқсан", "жүз", "мың"))
#: what Russian morphology reads a word after a name as when it is a verb or a function word of Russian said in a
#: Kazakh sentence («болат бил её»)
_NOT_NOUNS = ("VERB", "INFN", "GRND", "PRTF", "PRTS", "ADVB", "NPRO", "CONJ", "PREP", "PRCL", "PRED", "INTJ")
#: Kazakh postpositions, which govern the noun before them
_POSTPOSITIONS = frozenset(fold(word) for word in (
    "бойынша", "туралы", "арқылы", "үшін", "сияқты", "секілді", "дейін", "кейін", "бері", "қарай", "жөнінде"))
#: words that follow a name as readily as a noun, so never count as the described noun: honorifics, kin words,
#: pronouns and the commonest adverbs
_NOT_DESCRIBED = frozenset(fold(word) for word in (
    "аға", "ағай", "апай", "апа", "әпке", "ата", "әже", "ақсақал", "ака", "әке", "әкесі", "шеше", "анасы", "інісі",
    "әйелі", "күйеуі", "ұлы", "қызы", "баласы", "ағасы", "деген", "дейтін", "екеуміз", "екеуі", "үшеуміз", "біз",
    "ол", "сол", "мен", "сен", "ерте", "кеше", "қазір", "бүгін", "ертең", "енді", "тағы", "да", "де", "та", "те",
    "ғой", "ма", "ме", "бе", "па", "пе", "еді", "екен", "әлі", "жаңа", "бірге", "үйде", "бұрын", "кейін", "деп",
    "дейді", "деді", "кіші", "үлкен", "кенже", "ортаншы", "өзі", "өзім", "бастық", "досы", "досым", "көршім",
    "көршісі", "келін", "ондай", "сондай", "мұндай", "бұл", "осы", "анау", "мына", "бірақ", "және", "емес"))


def _folded_words(text: str, start: int, count: int) -> list[str]:
    return [fold(m.group()) for m in re.finditer(r"[^\W\d_]+", text[start:start + 80])][:count]


@lru_cache(maxsize=20_000)
def _a_described_noun(word: str) -> bool:
    """A Kazakh noun a name-word could describe («тор», «қақпаны»): a dictionary word, no verb, no name."""
    from fieldkit.anonymise.gazetteer import gazetteer
    from fieldkit.anonymise.kazakh_words import is_kazakh_stem
    from fieldkit.anonymise.morphology import first_tag, is_known_word
    from fieldkit.anonymise.names import is_kin_word, is_listed_name

    if (word in NAME_WORDS or len(word) < 3 or is_kazakh_verb_form(word)
            or any(word.endswith(fold(ending)) and len(word) - len(ending) >= 3 for ending in KAZAKH_VERB_ENDINGS)
            or any(word.startswith(other) for other in _NOT_DESCRIBED if len(other) >= 3) or word in _NOT_DESCRIBED):
        return False  # («апайға», «келди»: an honorific under its ending, a verb in Russian letters)
    if word.endswith(_WHERE_OR_WITH) or is_listed_name(word) or gazetteer().find(word):
        return False  # «жұлдыз алматыда оқиды», «бақыт балалармен»: where or with whom, said of a person
    if (word.endswith(_NOT_NOUN_ENDINGS) or word.startswith(_NUMBER_STEMS) or is_kin_word(word)
            or (is_known_word(word) and first_tag(word).startswith(_NOT_NOUNS))):
        return False  # «кайрат отыз үш жаста», «сәуле келін», «жеңіс әділбекұлы», «болат бил её»: not what it describes
    return any(word.endswith(ending) and len(word) - len(ending) >= 3
               and is_kazakh_stem(word[: len(word) - len(ending)]) for ending in _DESCRIBED_ENDINGS)


def _bare(text: str, end: int) -> bool:
    """Whether the word after ``end`` is a dictionary stem as it stands, with no ending."""
    from fieldkit.anonymise.kazakh_words import is_kazakh_stem

    following = re.search(r"[^\W\d_]+", text[end:end + 40])
    return following is not None and is_kazakh_stem(following.group().casefold())


def the_word_in_its_clause(text: str, finding: Finding) -> bool:
    """Whether a lower-case name-word found as a person is the word in its clause (see the module's docstring)."""
    word = finding.text
    if " " in word or not word.islower() or fold(word) not in NAME_WORDS:
        return False
    if text[finding.end:finding.end + 1] in "-'’":
        return False
    if _NAME_SPOKEN_OF.search(text, max(0, finding.start - 16), finding.start):
        return False  # «атында дәулет бар»: the name itself is what is talked of
    if _WHAT_IS_CALLED.match(text, finding.end):
        return True
    between = re.match(r"[ \t]+", text[finding.end:])
    if between is None:
        return False  # a stop or a comma after it: «…, болат.» names no noun
    after = _folded_words(text, finding.end, 2)
    if not after:
        return False
    if after[0] in _PREDICATES:
        return True
    from fieldkit.anonymise.gazetteer import gazetteer

    pair = re.match(r"[^\W\d_]+[ \t]+[^\W\d_]+", text[finding.start:finding.start + 60])
    if pair and gazetteer().find(pair.group()):
        return False  # «нұр жолы өткізу бекеті»: a place named with the word, which the finding covers
    # a bare noun with a verb after it may be the object of a name's verb («қанат көтерме сататын», Kanat sold
    # wholesale), so only a noun under its own ending, or ending the clause, is described («темір қақпаны жауып»)
    bare_then_verb = (len(after) == 2 and _bare(text, finding.end) and (
        is_kazakh_verb_form(after[1]) or any(after[1].endswith(fold(e)) for e in KAZAKH_VERB_ENDINGS)))
    # (nor a noun a postposition governs: «сұлтан паспорт бойынша жасұлан», Sultan, by his passport Zhasulan)
    governed = len(after) == 2 and after[1] in _POSTPOSITIONS
    return _a_described_noun(after[0]) and not bare_then_verb and not governed


def without_word_uses(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` less the name-words a Kazakh clause shows to be words, in sentences that are not Russian."""
    from fieldkit.anonymise.morphology import words
    from fieldkit.anonymise.sentences import RussianSentences

    candidates = [f for f in findings if f.entity == "PERSON" and the_word_in_its_clause(text, f)]
    if not candidates:
        return findings
    tokens = words(text)
    starts = {start: index for index, (start, _end, _word) in enumerate(tokens)}
    russian = RussianSentences(text, tokens)
    dropped = {id(f) for f in candidates if f.start in starts and not russian[starts[f.start]]}
    return [f for f in findings if id(f) not in dropped]
