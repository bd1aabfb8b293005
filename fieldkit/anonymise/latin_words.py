"""Ordinary words in Latin letters: English, and Russian or Kazakh as messengers spell them ("vchera", "derjit",
"ewe", "barasyn").

A Latin word that none of the three knows is taken for a name, as ``unknown_words`` does for Cyrillic. English
comes from wordfreq's frequency list. Russian is looked up by spelling the word back in
Cyrillic every way messenger Latin allows (y → ы, й or и; w → ш or щ; j → ж or й; c → ц, ч or к; a soft sign
dropped…), walking the Russian morphology's word graph so that only spellings some Russian word starts with are
followed. Kazakh is compared in ``names.latin_key`` spelling, stem and endings alike.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: how often a word must occur in English text to count as an English word: once in ten million (Zipf 2)
ENGLISH_MIN_FREQUENCY = 1e-7

#: Latin letters and pairs → the Cyrillic letters they may stand for, longest first
_SPELLINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shch", ("щ",)), ("sch", ("щ",)), ("zh", ("ж",)), ("kh", ("х",)), ("ts", ("ц", "тс")), ("ch", ("ч",)),
    ("sh", ("ш", "щ")), ("yu", ("ю",)), ("ya", ("я",)), ("yo", ("ё", "йо")), ("ye", ("е", "ье")), ("iu", ("ю",)),
    ("ia", ("я", "ия")), ("io", ("ё",)), ("je", ("е",)), ("ju", ("ю",)), ("ja", ("я",)),
    ("a", ("а",)), ("b", ("б",)), ("v", ("в",)), ("g", ("г",)), ("d", ("д",)), ("e", ("е", "э", "ё")),
    ("z", ("з",)), ("i", ("и", "ы", "й")), ("y", ("ы", "й", "и")), ("k", ("к",)), ("l", ("л",)), ("m", ("м",)),
    ("n", ("н",)), ("o", ("о",)), ("p", ("п",)), ("r", ("р",)), ("s", ("с",)), ("t", ("т",)), ("u", ("у",)),
    ("f", ("ф",)), ("h", ("х",)), ("c", ("ц", "ч", "к")), ("w", ("ш", "щ", "в")), ("j", ("ж", "й")),
    ("x", ("х", "кс")), ("q", ("к",)), ("'", ("ь", "ъ")), ("ŋ", ("н", "ң")),
)
_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
_LATIN_WORD = re.compile(r"[a-z']+")
#: English endings over a dictionary stem ("bribes", "arrested", "dealing", "quickly")
_ENGLISH_ENDINGS = (("'s", ""), ("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("es", ""), ("ed", ""),
                    ("ed", "e"), ("s", ""), ("d", ""), ("er", ""), ("ers", ""), ("est", ""), ("ly", ""),
                    ("ness", ""), ("ment", ""), ("ments", ""))


@lru_cache(maxsize=1)
def _english_frequencies() -> tuple[tuple[str, float], ...]:
    from wordfreq import get_frequency_dict

    return tuple((word, frequency) for word, frequency in get_frequency_dict("en", wordlist="large").items()
                 if word.isascii())


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English words used at least once in ten million (wordfreq's large list, Zipf 2 and up): "smuggler" and
    "bribery" are in, "nurlan" and "abdurashid" are not, and neither are most names from Kazakhstan."""
    return frozenset(word for word, frequency in _english_frequencies() if frequency >= ENGLISH_MIN_FREQUENCY)


@lru_cache(maxsize=1)
def common_english_words() -> frozenset[str]:
    """English words used at least once in a million (Zipf 3): "sem", "dva" and "odin" are not among them."""
    return frozenset(word for word, frequency in _english_frequencies() if frequency >= 1e-6)


@lru_cache(maxsize=1)
def _frequency_of() -> dict[str, float]:
    return dict(_english_frequencies())


def english_frequency(word: str) -> float:
    """How often ``word`` (lower case) is used in English, per word of text: 0 for a word the list lacks."""
    return _frequency_of().get(word, 0.0)


@lru_cache(maxsize=100_000)
def is_english_word(word: str) -> bool:
    lowered = word.casefold().replace("’", "'")
    return lowered in english_words() or lowered.removesuffix("'s") in english_words()


def is_russian_in_latin(word: str) -> bool:
    """Whether some Cyrillic spelling of a Latin word is a Russian word form ("vchera", "govorili", "ewe")."""
    return russian_spelling(word) is not None


#: the first Cyrillic letters of each Latin spelling: a word no dictionary holds is written with these
_PLAIN = tuple((latin, cyrillic[0]) for latin, cyrillic in _SPELLINGS)


def _letter_by_letter(text: str, table: tuple[tuple[str, str], ...], *, keep_unknown: bool) -> str | None:
    """TEXT with each Latin letter or digraph replaced by its Cyrillic one from TABLE, longest first as the table
    orders them; a letter the table lacks is kept, or makes the result None."""
    position, out = 0, []
    while position < len(text):
        for latin, letter in table:
            if text.startswith(latin, position):
                out.append(letter)
                position += len(latin)
                break
        else:
            if not keep_unknown:
                return None
            out.append(text[position])
            position += 1
    return "".join(out)


def kazakh_number_words_in_latin() -> frozenset[str]:
    """The Latin spellings of the Kazakh number words ("on tort", "jiyrma"), for rules that read numbers as said."""
    from fieldkit.anonymise.number_words import KAZAKH_TENS, KAZAKH_UNITS

    numbers = {*KAZAKH_UNITS, *KAZAKH_TENS, "жүз"}
    return frozenset(latin for latin, cyrillic in _KAZAKH_STEMS_IN_LATIN.items() if cyrillic in numbers)


def plain_cyrillic(word: str) -> str:
    """A Latin word in Cyrillic letters, the likeliest letter for each Latin one ("kun" → «кун»)."""
    return _letter_by_letter(word.casefold(), _PLAIN, keep_unknown=True)


#: Kazakh number words and the units said with them, in the Latin spellings messengers use: the Kazakh rules for
#: ages, terms, clock times and dates read them in Cyrillic ("segiz zhyl" → «сегіз жыл», "saghat ekide")
_KAZAKH_STEMS_IN_LATIN = {
    "bir": "бір", "eki": "екі", "ush": "үш", "üsh": "үш", "ysh": "үш", "tort": "төрт", "tört": "төрт",
    "bes": "бес", "alty": "алты", "zheti": "жеті", "jeti": "жеті", "segiz": "сегіз", "sekiz": "сегіз",
    "toghyz": "тоғыз", "togyz": "тоғыз", "toqyz": "тоғыз", "togiz": "тоғыз", "on": "он", "zhiyrma": "жиырма",
    "jiyrma": "жиырма", "zhyirma": "жиырма", "zhirma": "жиырма", "otyz": "отыз", "qyryq": "қырық", "kyryk": "қырық",
    "qyrq": "қырқ", "kyrk": "қырқ", "elu": "елу", "alpys": "алпыс", "zhetpis": "жетпіс", "jetpis": "жетпіс",
    "seksen": "сексен", "toqsan": "тоқсан", "toksan": "тоқсан", "zhuz": "жүз", "juz": "жүз", "zhüz": "жүз",
    "myng": "мың", "ming": "мың", "zhyl": "жыл", "jyl": "жыл", "zhas": "жас", "jas": "жас", "saghat": "сағат",
    "sagat": "сағат", "saqat": "сағат", "kun": "күн", "kün": "күн", "tun": "түн", "tün": "түн", "apta": "апта",
    "tungi": "түнгі", "tüngi": "түнгі", "tanghy": "таңғы", "tangy": "таңғы", "tangi": "таңғы", "keshki": "кешкі",
    "myn": "мың", "myŋ": "мың", "tanerteng": "таңертең", "tangerteng": "таңертең", "toguz": "тоғыз",
    "toghuz": "тоғыз", "taulik": "тәулік",
    "täulik": "тәулік", "tәulik": "тәулік", "zharym": "жарым", "jarym": "жарым",
    # the months, for a date said in Kazakh ("kyrkuiektin onynda"); «qazan» only with its q, "kazan" is Kazan
    "qantar": "қаңтар", "kantar": "қаңтар", "aqpan": "ақпан", "akpan": "ақпан", "nauryz": "наурыз",
    "sauir": "сәуір", "säuir": "сәуір", "mamyr": "мамыр", "mausym": "маусым", "shilde": "шілде", "tamyz": "тамыз",
    "qyrkuiek": "қыркүйек", "kyrkuiek": "қыркүйек", "kyrkuyek": "қыркүйек", "qyrkuyek": "қыркүйек",
    "qazan": "қазан", "qarasha": "қараша", "karasha": "қараша", "zheltoqsan": "желтоқсан",
    "zheltoksan": "желтоқсан", "jeltoqsan": "желтоқсан",
}
#: units read only as whole words: with endings they begin names ("aigerim", "aidos")
_KAZAKH_WHOLE_WORDS_IN_LATIN = {"ai": "ай", "ay": "ай", "aiga": "айға", "aidan": "айдан"}
#: the letters of Kazakh endings in messenger Latin
_KAZAKH_ENDING_LETTERS = (("gh", "ғ"), ("ng", "ң"), ("sh", "ш"), ("zh", "ж"), ("ch", "ч"), ("q", "қ"), ("y", "ы"),
                          ("i", "і"), ("u", "ұ"), ("ü", "ү"), ("ö", "ө"), ("a", "а"), ("e", "е"), ("o", "о"),
                          ("d", "д"), ("t", "т"), ("n", "н"), ("m", "м"), ("l", "л"), ("r", "р"), ("s", "с"),
                          ("g", "г"), ("k", "к"), ("b", "б"), ("p", "п"), ("z", "з"), ("j", "ж"))
_MAX_KAZAKH_ENDING = 7


def kazakh_number_spelling(word: str) -> str | None:
    """A Kazakh number word or unit in messenger Latin, with its endings, in Cyrillic ("zhasymda" → «жасымда»,
    "ekide" → «екіде»); None for any other word."""
    lowered = word.casefold()
    if lowered in _KAZAKH_WHOLE_WORDS_IN_LATIN:
        return _KAZAKH_WHOLE_WORDS_IN_LATIN[lowered]
    for cut in range(len(lowered), 1, -1):
        stem = _KAZAKH_STEMS_IN_LATIN.get(lowered[:cut])
        ending = lowered[cut:]
        if stem is None or len(ending) > _MAX_KAZAKH_ENDING or not (ending.isalpha() or not ending):
            continue
        spelled = _letter_by_letter(ending, _KAZAKH_ENDING_LETTERS, keep_unknown=False)
        return None if spelled is None else stem + spelled
    return None


@lru_cache(maxsize=100_000)
def russian_spelling(word: str, prefix: bool = False) -> str | None:
    """The Russian word form a Latin word spells, if any ("tri" → «три», "goda" → «года», "sotku" → «сотку»);
    with ``prefix``, the start of one it spells ("upravl" → «управл», a note's word cut short)."""
    lowered = word.casefold()
    if not _LATIN_WORD.fullmatch(lowered) or len(lowered) > 24:
        return None
    from fieldkit.anonymise.morphology import natasha

    graph = natasha()[2].dictionary.words.dct
    separator = b"\x01"  # pymorphy's word graph keeps each word as word + separator + its paradigm data
    seen: set[tuple[int, int]] = set()
    budget = [4000]

    def walk(position: int, node: int, spelled: str) -> str | None:
        if budget[0] <= 0 or (position, node) in seen:
            return None
        budget[0] -= 1
        seen.add((position, node))
        if position == len(lowered):
            found = prefix or (graph.follow_bytes(separator, node) is not None and _common_word(spelled))
            return spelled if found else None
        for latin, cyrillic in _SPELLINGS:
            if not lowered.startswith(latin, position):
                continue
            for letters in cyrillic:
                following = graph.follow_bytes(letters.encode(), node)
                if following is None:
                    continue
                if (word_form := walk(position + len(latin), following, spelled + letters)) is not None:
                    return word_form
                if letters[-1] in _CONSONANTS:  # a soft sign messenger Latin leaves out ("bolshe", "vsyo")
                    soft = graph.follow_bytes("ь".encode(), following)
                    if soft is not None and (
                            word_form := walk(position + len(latin), soft, spelled + letters + "ь")) is not None:
                        return word_form
        return None

    spelled = walk(0, 0, "")
    if prefix:
        return spelled
    if spelled is not None and spelled[-1] in _CONSONANTS and _numeral(spelled + "ь"):
        return spelled + "ь"  # "sem", "pyat": the numeral, not «сем», «пят»
    return spelled


def _numeral(word: str) -> bool:
    from fieldkit.anonymise.morphology import natasha

    morph = natasha()[2]
    return morph.word_is_known(word) and any(str(p.tag).startswith("NUMR") for p in morph.parse(word))


def _common_word(word: str) -> bool:
    """A Russian word with a reading that is no name, surname, patronymic or place («саша» is only a name)."""
    from fieldkit.anonymise.morphology import natasha

    return any(not any(tag in str(parse.tag) for tag in ("Name", "Surn", "Patr", "Geox", "Orgn"))
               for parse in natasha()[2].parse(word))


@lru_cache(maxsize=1)
def _kazakh_keys() -> tuple[frozenset[str], tuple[str, ...]]:
    from fieldkit.anonymise.kazakh_words import _RAW, kazakh_stems
    from fieldkit.anonymise.morphology import latin_key

    stems = frozenset(latin_key(stem) for stem in kazakh_stems())
    endings = tuple(sorted({key for ending in _RAW if (key := latin_key(ending))}, key=len, reverse=True))
    return stems, endings


def kazakh_stems_in_latin() -> frozenset[str]:
    """The Kazakh dictionary's stems, each under its Latin key (morphology.latin_key)."""
    return _kazakh_keys()[0]


@lru_cache(maxsize=100_000)
def is_kazakh_in_latin(word: str) -> bool:
    """Whether a Latin word is a Kazakh stem with up to three Kazakh endings ("barasyn", "qalada", "kordim")."""
    from fieldkit.anonymise.morphology import latin_key

    stems, endings = _kazakh_keys()

    def known(key: str, depth: int) -> bool:
        if key in stems:
            return True
        return depth < 3 and any(key.endswith(ending) and len(key) - len(ending) >= 3
                                 and (depth == 0 or len(ending) > 1) and known(key[: -len(ending)], depth + 1)
                                 for ending in endings)

    return known(latin_key(word), 0)


#: everyday foreign words in Latin letters no English list holds: messengers, car makes, brands
EVERYDAY_LATIN = frozenset({"whatsapp", "watsap", "vatsap", "telegram", "telega", "instagram", "insta", "tiktok",
                            "youtube", "camry", "kamri", "lexus", "prado", "hyundai", "nexia", "zhiguli", "lada",
                            "kaspi", "halyk", "iphone", "samsung", "covid", "bitcoin", "olx", "glovo", "yandex",
                            "wildberries", "ozon", "uber", "indrive", "gmail", "mail", "yahoo", "okay", "okey",
                            "akimat", "akimata", "akimate", "maslikhat", "whatsappe", "telegrame",
                            # the Soviet town's block, said in English in translation: "the fourteenth microdistrict"
                            "microdistrict", "microdistricts", "mikrorayon", "mikroraion"})


@lru_cache(maxsize=100_000)
def unknown_latin_word(word: str) -> bool:
    """A Latin word of four letters or more that is no English word, no Russian or Kazakh word in messenger
    spelling and no everyday brand: in this text, a name."""
    lowered = word.casefold()
    if not 4 <= len(lowered) <= 30 or not _LATIN_WORD.fullmatch(lowered) or lowered in EVERYDAY_LATIN or (
            word.isupper() and len(word) <= 5):
        return False  # an acronym ("ROVD", "UBN") is a body's kind, not a name
    return not (is_english_word(lowered) or is_kazakh_in_latin(lowered) or is_russian_in_latin(lowered)
                or kazakh_number_spelling(lowered) is not None)
