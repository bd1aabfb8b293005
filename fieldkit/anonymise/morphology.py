"""Word forms for Russian and Kazakh: one key per name, whatever its case ending.

Presidio matches deny-lists and context words on exact forms or spaCy lemmas, which fails for Russian
cases ("Кожанову", "Кожановым") and for agglutinative Kazakh ("Қостанайда", "Серікке"). Everything in
fieldkit that compares names goes through ``word_key`` instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fieldkit.documents import KAZAKH_LETTERS, has_kazakh_letters, is_cyrillic  # noqa: F401 (re-exported)

_WORD = re.compile(r"[\w\-']+")
_SURNAME = re.compile(
    r"^(?P<stem>\w{2,}?(?:ов|ев|ёв|ин|ын))(?:а|у|ым|ом|е|ой|ую|ых|ыми|ы)?$"
)
_SURNAME_SKIY = re.compile(r"^(?P<stem>\w{3,}?(?:ск|цк))(?:ий|ая|ого|ому|им|ом|ой|ую|ие|их|ими)$")
#: the Kazakh "the one in" ending («Павлодардағы», «қаскелеңдегі»), in Kazakh or Russian letters: it makes a place
#: an attribute of what follows it, never part of a name
THE_ONE_IN_ENDINGS = ("дағы", "дегі", "тағы", "тегі", "дагы", "деги", "тагы", "теги")
#: Kazakh case and possessive endings, longest first (genitive, ablative, locative, dative, accusative,
#: instrumental). Stripped only from words Russian morphology does not know.
KAZAKH_SUFFIXES = tuple(
    sorted(
        {
            "дың", "дің", "тың", "тің", "ның", "нің", "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен",
            "пен", "нда", "нде", "да", "де", "та", "те", "ға", "ге", "қа", "ке", "на", "не", "ды", "ді", "ты",
            "ті", "ны", "ні", "ңа", "ңе",
            # the genitive as whisper and a Russian keyboard write it, with «н» for «ң» («ерболаттын»)
            "дын", "дин", "тын", "тин", "нын", "нин",
            # the instrumental's long form of speech and the south («асқарменен», «болатпенен»)
            "менен", "бенен", "пенен",
        },
        key=len,
        reverse=True,
    )
)
_PROPER_TAGS = ("Surn", "Patr", "Name", "Geox", "Orgn")


def fold(word: str) -> str:
    """Case- and ё-insensitive form of a name: speech recognition and hurried typing drop the dots of «ё»."""
    return word.casefold().replace("ё", "е")


#: Kazakh letters as a Russian keyboard or speech recognition writes them: «нұрік» is typed «нурик»
_RUSSIAN_LETTERS = str.maketrans("әғқңөұүһі", "агкноуухи")


def plain(word: str) -> str:
    """A folded name in Russian letters only, so a name listed in one spelling is found in the other."""
    return fold(word).translate(_RUSSIAN_LETTERS)


@lru_cache(maxsize=1)
def natasha():
    """Natasha's segmenter, NER tagger and morphology, loaded once (all shipped inside the packages)."""
    from natasha import MorphVocab, NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding()), MorphVocab()


@lru_cache(maxsize=50_000)
def first_tag(word: str) -> str:
    """The likeliest grammatical tag Russian morphology gives a word, as text ("NOUN,anim,masc sing,nomn"): the
    part-of-speech checks of the field-style rules all read this one."""
    return str(natasha()[2].parse(word)[0].tag)


#: the parts of speech no name or address word is: verbs and their forms, adverbs, pronouns, function words
NOT_A_NOUN = ("VERB", "INFN", "GRND", "PRTF", "PRTS", "PRCL", "CONJ", "PREP", "NPRO", "ADVB", "PRED", "COMP", "INTJ")


@lru_cache(maxsize=50_000)
def is_known_word(word: str) -> bool:
    """Whether Russian morphology's dictionary holds the word (in any case)."""
    return natasha()[2].word_is_known(word.casefold())


@lru_cache(maxsize=50_000)
def is_function_word(word: str) -> bool:
    """A Cyrillic preposition, conjunction, particle, pronoun or interjection by its likeliest reading («на», «ты»)."""
    return first_tag(word.casefold()).startswith(("PREP", "CONJ", "PRCL", "NPRO", "INTJ"))


def reads_first_as(word: str, parts: tuple[str, ...] = NOT_A_NOUN) -> bool:
    """Whether Russian morphology knows a Cyrillic word and its likeliest reading is one of ``parts``: what a cue
    word is followed by when no name follows («фамилию назвал», «почту пишите»)."""
    lowered = word.casefold()
    return is_cyrillic(lowered) and natasha()[2].word_is_known(lowered) and first_tag(lowered).startswith(parts)


def strip_kazakh_suffix(word: str) -> str:
    for suffix in KAZAKH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_HONORIFIC = re.compile(r"-(?:ага|аға|апа|апай|ағай|ешка|жан|джан|ака|опа|аке|еке|муаллим|мұғалім|братан|aga|apa|apai|"
                        r"agai|zhan|dzhan|jan|aka|opa|ake|eke|muallim|bratan)$")
#: Latin letters that look Cyrillic, for words mixing both scripts ("Aсхат" with a Latin A).
_LOOKALIKES = str.maketrans("AaBEeKkMHOoPpCcTXxy", "АаВЕеКкМНОоРрСсТХху")


@lru_cache(maxsize=50_000)
def word_key(word: str) -> str:
    """Lower-case dictionary form of one word, tuned for names: Ахметову → ахметов, Қостанайда → қостанай."""
    if is_cyrillic(word) and any(ch.isascii() and ch.isalpha() for ch in word):
        word = word.translate(_LOOKALIKES)
    lowered = _HONORIFIC.sub("", word.casefold().strip(".,;:!?«»\"'()"))
    if not lowered or not is_cyrillic(lowered):
        return lowered[:-2] if lowered.endswith("'s") else lowered
    for pattern in (_SURNAME, _SURNAME_SKIY):
        match = pattern.match(lowered)
        if match:
            return match["stem"]
    if has_kazakh_letters(lowered):
        return strip_kazakh_suffix(lowered)
    _, _, morph = natasha()
    parses = morph.parse(lowered)
    known = morph.word_is_known(lowered)
    mass: dict[str, float] = {}
    for parse in parses:
        mass[parse.normal_form] = mass.get(parse.normal_form, 0.0) + parse.score
    likeliest = max(mass, key=mass.get)
    surname = next((p for p in parses if "Surn" in str(p.tag)), None)
    proper = surname or next((p for p in parses if any(t in str(p.tag) for t in _PROPER_TAGS)), None)
    # a proper reading must not outvote the common ones ("хромой" is lame, not a form of the river Хрома)
    if proper is not None and surname is None and mass[proper.normal_form] < mass[likeliest]:
        proper = None
    # an unknown word is not the bare plural genitive of a longer name: «даниар» is Daniyar, not «Даниара»'s plural
    if proper is not None and not known and len(proper.normal_form) > len(lowered):
        proper = None
    if proper is not None and (known or proper.score >= 0.5):
        return proper.normal_form
    if known:
        return likeliest
    # An unknown word with a weak guess: more often a Kazakh form (Алматыда) than a Russian one.
    return strip_kazakh_suffix(lowered)


def phrase_key(text: str) -> str:
    """Key of a multi-word name: the keys of its words, space-separated."""
    return " ".join(word_key(word) for word in _WORD.findall(text))


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for every word in ``text``."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


#: adjectives in -овый/-евый whose short forms people do say («готова», «здоров»); the others' short forms are
#: dictionary inventions that a capitalised word mid-sentence is not («Калиева» is no «калиевый»)
_SPOKEN_SHORT_FORMS = frozenset({"готовый", "здоровый", "суровый", "толковый", "дешёвый", "дешевый", "бедовый",
                                 "грошовый", "боевой", "новый", "живой"})


def is_invented_short_form(parse) -> bool:
    """A short form of a relational -овый/-евый adjective, which the dictionary lists and nobody says («калиева»
    of «калиевый»): the same letters are a surname's."""
    return (str(parse.tag).startswith("ADJS") and parse.normal_form.endswith(("овый", "евый", "ёвый"))
            and parse.normal_form not in _SPOKEN_SHORT_FORMS)


def _only_a_rare_short_form(parse) -> bool:
    """A short adjective of a relational -овый/-евый adjective or a village's genitive («Сомова», «Пестова»): a
    reading that a surname with a capital letter outweighs."""
    if str(parse.tag).startswith("ADJS"):
        return is_invented_short_form(parse)
    return "Geox" in str(parse.tag)


@lru_cache(maxsize=50_000)
def mostly_a_thing(word: str) -> bool:
    """Russian morphology's dictionary knows a word as a surname too, but is all but sure it is an inanimate noun
    («машина»: a car 0.95, Машин's 0.015): the surname reading is then not worth a guess. A word it knows only as a
    thing («канатов», ropes) is left to the name lists, which know Канат, and a word it does not know at all
    («абдиманапов») to the guesser's own rules."""
    morph = natasha()[2]
    lowered = word.casefold()
    if not morph.word_is_known(lowered):
        return False
    parses = morph.parse(lowered)
    proper = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"}
    # (a common noun first: «дарханов» is read first as the town Дархан's plural, and is a surname)
    return (bool(parses) and parses[0].tag.POS == "NOUN" and "inan" in parses[0].tag and parses[0].score >= 0.9
            and not proper & parses[0].tag.grammemes
            and any({"Surn", "Name"} & parse.tag.grammemes for parse in parses[1:]))


def is_probably_name(word: str) -> bool:
    """A Cyrillic word that Russian morphology reads as a name or surname, or does not know at all."""
    lowered = word.casefold()
    if len(lowered) < 3 or not is_cyrillic(lowered):
        return False
    _, _, morph = natasha()
    if _SURNAME.match(lowered) or _SURNAME_SKIY.match(lowered):
        parses = morph.parse(lowered)
        if mostly_a_thing(lowered):
            return False  # «машина» is a car, not Маша's; «столов», tables
        proper = any(tag in str(p.tag) for p in parses for tag in ("Surn", "Name"))
        return proper or not morph.word_is_known(lowered) or all(map(_only_a_rare_short_form, parses))
    if not morph.word_is_known(lowered):
        return True
    return any(tag in str(p.tag) for p in morph.parse(lowered)[:2] for tag in ("Surn", "Name", "Patr"))


@lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    """A Russian dictionary word with no reading as a name, surname, patronymic or place ("рода", "дома"):
    one letter away from a known name is then a different word, not a misspelling of the name."""
    lowered = word.casefold()
    if not is_cyrillic(lowered) or has_kazakh_letters(lowered):
        return False
    _, _, morph = natasha()
    if not morph.word_is_known(lowered):
        return False
    return not any(tag in str(p.tag) for p in morph.parse(lowered) for tag in _PROPER_TAGS)


_TO_LATIN = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "j", "з": "z",
    "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "c",
    "ч": "c", "ш": "w", "щ": "w", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
})
_LATIN_DIGRAPHS = (("zh", "j"), ("dj", "j"), ("sh", "w"), ("ch", "c"), ("kh", "h"), ("gh", "g"), ("ts", "c"),
                   ("q", "k"), ("y", "i"), ("x", "h"), ("'", ""))


@lru_cache(maxsize=100_000)
def latin_key(word: str) -> str:
    """One Latin spelling for a name in any script and any transliteration: «Нұржан», "Nurzhan" and "Nurjan" all
    give «nurjan»; «Шамиль» and "Wamil" give «wamil»."""
    lowered = fold(word).translate(_TO_LATIN)
    for digraph, letter in _LATIN_DIGRAPHS:
        lowered = lowered.replace(digraph, letter)
    collapsed = [ch for i, ch in enumerate(lowered) if i == 0 or ch != lowered[i - 1]]
    return "".join(collapsed)
