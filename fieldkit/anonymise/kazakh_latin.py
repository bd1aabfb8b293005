"""Kazakh in its official Latin alphabets, read in Cyrillic so that every Kazakh rule applies to it.

Messenger Latin ("zhiyrma bes zhasta") is a habit with many spellings and is guessed at word by word
(``spelled_back``). The state's Latin alphabets are orthographies: the 2018 one marks Kazakh letters with an acute
accent («Aqtóbede», «jıyrma bes», «Sátbaev kóshesi, 14-úı»), the 2021 one with other diacritics («Aqtöbede», «Şymkent»,
«Ūlytau»). A text written in either is spelled back letter by letter into the Cyrillic it stands for, analysed as
Kazakh in Cyrillic is (names with their endings, number words, places, dates), and each finding is mapped back to the
Latin characters it came from.

Many people type the 2021 letters with Turkish habits (``TURKISH_HABIT``): «ı» for ы, «i» for і, «y» for й
(«jıl», «mıñ», «Naurızbay» where the alphabet writes «jyl», «myñ», «Nauryzbai»). A chunk is read that way when more
of its words then turn out to be Kazakh words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: letters only the official alphabets have: «á ǵ ń ó ú ý» (2018) and «ä ğ ñ ş ū» (2021); «ı» is in both
_ACUTE_2018 = frozenset("áǵńóúý")
_MARKS_2021 = frozenset("äğñşū")
_DOTLESS_I = "ı"
_WORD = re.compile(r"[^\W\d_]+")

_VOWELS = frozenset("aáeioóuúyýıäöüū")

#: 2018: y is ы, u is ұ, ý is у, ı is и or й, i is і
_LETTERS_2018 = {"a": "а", "á": "ә", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "ǵ": "ғ", "h": "х", "i": "і",
                 "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ń": "ң", "o": "о", "ó": "ө", "p": "п", "q": "қ",
                 "r": "р", "s": "с", "t": "т", "u": "ұ", "ú": "ү", "v": "в", "y": "ы", "ý": "у", "z": "з", "c": "ц",
                 "w": "у", "x": "кс", "ä": "ә", "ö": "ө", "ü": "ү", "ŋ": "ң"}
#: 2021: y is ы, ı is і, i is и or й, u is у, ū is ұ, ü is ү, ş is ш, ç is ч («Şymkent», «Ūlytau»)
_LETTERS_2021 = {**_LETTERS_2018, "ı": "і", "y": "ы", "u": "у", "ū": "ұ", "ü": "ү", "ş": "ш", "ç": "ч", "ä": "ә",
                 "ğ": "ғ", "ñ": "ң", "ö": "ө"}
#: the 2021 marks typed with Turkish habits: ı is ы, i is і, y is й
_LETTERS_TURKISH = {**_LETTERS_2021, "ı": "ы", "i": "і", "y": "й"}
#: ``alphabet_of``'s answer for Kazakh typed in the 2021 letters with Turkish habits (a habit, not a year)
TURKISH_HABIT = 1
_PAIRS = {"sh": "ш", "ch": "ч"}
#: 2018 writes я and ю as «ıa» and «ıý» (or «ıu»), and ц as «ts» («polıtsııa»)
_IOTATED_2018 = {"ıa": "я", "ıý": "ю", "ıu": "ю"}
_PAIRS_2018 = {"ts": "ц"}
#: with Turkish habits «y» before a vowel makes я and ю
_IOTATED_TURKISH = {"ya": "я", "yu": "ю", "yy": "ый"}  # «Rudnyy» Рудный


def alphabet_of(text: str) -> int | None:
    """2018 or 2021 when ``text`` is mostly written in that official Kazakh Latin alphabet (``TURKISH_HABIT`` for
    the 2021 letters typed with Turkish habits), else None.

    Two marked words are needed, and they must be a tenth of the Latin words: a German or Turkish name («Müller»,
    «Işık») in English text is no Kazakh."""
    latin = [word for word in _WORD.findall(text) if word.isascii() or all(_is_latin(ch) for ch in word)]
    if not latin:
        return None
    lowered = [word.casefold() for word in latin]
    acute = sum(1 for word in lowered if _ACUTE_2018 & set(word))
    marked = sum(1 for word in lowered if _MARKS_2021 & set(word))
    dotless = sum(1 for word in lowered if _DOTLESS_I in word and not (_ACUTE_2018 | _MARKS_2021) & set(word))
    # «ı» is in both alphabets: the chunk is the 2021 one when it has the 2021 marks and more of them than acutes
    best = 2021 if marked > acute else 2018
    if acute + marked + dotless >= 2 and acute + marked + dotless >= 0.1 * len(latin):
        # the Turkish habits share «ı» with 2018 and the marks with 2021: either may be mistaken for them
        turkish = (best == 2021 or acute == 0) and _typed_the_turkish_way(lowered, best)
        return TURKISH_HABIT if turkish else best
    return None


def _typed_the_turkish_way(words: list[str], official: int) -> bool:
    """Whether more of the words that «ı», «i» or «y» decide are Kazakh words read with Turkish habits than in the
    ``official`` alphabet («jıl» is жыл, not 2021's жіл; «keyin» кейін, not кеиін)."""
    from fieldkit.anonymise.kazakh_words import is_kazakh_word

    deciding = [word for word in words if set(word) & {"ı", "i", "y"}]
    turkish = sum(is_kazakh_word(spell_in_cyrillic(word, TURKISH_HABIT).text) for word in deciding)
    as_written = sum(is_kazakh_word(spell_in_cyrillic(word, official).text) for word in deciding)
    if turkish != as_written or official == 2018:
        return turkish > as_written
    # the word lists fold і and и together, so «mıñ» reads as a word both ways; vowel harmony then decides: «ı» among
    # back vowels («otıratın», «alıp») is ы, among front ones («bılım», «keledı») it is 2021's і
    with_back = sum(1 for word in words if "ı" in word and set(word) & _BACK_VOWELS and not set(word) & _FRONT_VOWELS)
    with_front = sum(1 for word in words if "ı" in word and set(word) & _FRONT_VOWELS and not set(word) & _BACK_VOWELS)
    return with_back > with_front


_BACK_VOWELS = frozenset("aouū")
_FRONT_VOWELS = frozenset("eäöü")


def _is_latin(ch: str) -> bool:
    return ch.isascii() or ch in _ACUTE_2018 or ch in _MARKS_2021 or ch in "ıçöüİ"


@dataclass(frozen=True)
class InCyrillic:
    """``text`` in Cyrillic; each of its characters came from the Latin characters ``starts[i]:ends[i]`` (two for
    a pair such as «sh»)."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The Latin characters that ``text[start:end]`` came from."""
        return self.starts[start], self.ends[end - 1]


def official_alphabet_of_words(text: str) -> int | None:
    """2021 or 2018 when a few words (a finding) carry a letter only an official alphabet has («elý myń»,
    «Şymkent»), else None: too short for ``alphabet_of``'s share of the words."""
    lowered = text.casefold()
    official = (2021 if any(ch in _MARKS_2021 for ch in lowered)
                else 2018 if any(ch in _ACUTE_2018 or ch == _DOTLESS_I for ch in lowered) else None)
    if official and not any(ch in _ACUTE_2018 for ch in lowered) and _typed_the_turkish_way(
            [word for word in _WORD.findall(lowered)], official):
        return TURKISH_HABIT  # «jeti jıl», «on mıñ teñge»
    return official


#: number words spelled with і for ы, as the 2018 and 2021 readings of a mixed-up «ı» make them, with a case
#: ending or none (one letter changed for one: the offsets stay)
_NUMBER_WITH_I = re.compile(r"(?<!\w)(?:мің|алті|отіз|тоғіз|алпіс|жіл)(?=\W|$|ға|да|дан|нан|ын|дың|ның|ы(?!\w))",
                            re.IGNORECASE)
_I_TO_Y = str.maketrans("іІ", "ыЫ")


def spell_in_cyrillic(text: str, alphabet: int) -> InCyrillic:
    """``text`` with every Latin letter of ``alphabet`` (2018, 2021 or ``TURKISH_HABIT``) spelled in Cyrillic, case
    kept; digits, punctuation and other scripts stay as they are."""
    letters = {2018: _LETTERS_2018, TURKISH_HABIT: _LETTERS_TURKISH}.get(alphabet, _LETTERS_2021)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    while position < len(text):
        ch = text[position]
        lowered = ch.casefold() if ch != "İ" else "i"
        pair = text[position:position + 2].casefold()
        if pair in _PAIRS:
            cyrillic, width = _PAIRS[pair], 2
        elif alphabet == TURKISH_HABIT and pair in _IOTATED_TURKISH:  # «ayağım» аяғым
            cyrillic, width = _IOTATED_TURKISH[pair], 2
        elif alphabet == 2018 and pair in _PAIRS_2018:
            cyrillic, width = _PAIRS_2018[pair], 2
        elif alphabet == 2018 and pair in _IOTATED_2018:  # «aıaǵym» аяғым; after a consonant «kompanıa» компания
            before = text[position - 1:position].casefold() if position else ""
            cyrillic = _IOTATED_2018[pair] if not before.isalpha() or before in _VOWELS else "и" + _IOTATED_2018[pair]
            width = 2
        elif (lowered == _DOTLESS_I and alphabet == 2018) or (lowered == "i" and alphabet == 2021):
            cyrillic, width = _i_or_short_i(text, position), 1
        elif lowered == "i" and alphabet == TURKISH_HABIT and text[position + 1:position + 2].casefold() in _VOWELS:
            cyrillic, width = "и", 1  # «jiırma» жиырма: и is the «i» before a vowel, і the rest («bir»)
        elif lowered in letters:
            cyrillic, width = letters[lowered], 1
        else:
            cyrillic, width = ch, 1
        if ch.isupper() or (width == 2 and text[position].isupper()):
            cyrillic = cyrillic[:1].upper() + cyrillic[1:]
        for letter in cyrillic:
            out.append(letter)
            starts.append(position)
            ends.append(position + width)
        position += width
    spelled = "".join(out)
    if alphabet == TURKISH_HABIT:
        spelled = _RUSSIAN_WORD_WITH_I.sub(_loanword_with_i, spelled)
    else:  # «bes jüz mıñ»: a writer who puts «ı» for і elsewhere («Menıñ») may still mean ы in a number
        spelled = _NUMBER_WITH_I.sub(lambda m: m.group().translate(_I_TO_Y), spelled)
    return InCyrillic(spelled, tuple(starts), tuple(ends))


_RUSSIAN_WORD_WITH_I = re.compile(r"[^\W\d_]*і[^\W\d_]*")


def _loanword_with_i(match: re.Match) -> str:
    """A Russian word in a Kazakh sentence keeps its и where the Turkish habit wrote «i» («inspektorı» is инспекторы,
    «million» миллион): the word, or its stem before a Kazakh ending, is a Russian word with и."""
    from fieldkit.anonymise.kazakh_words import stripped_forms
    from fieldkit.anonymise.morphology import is_known_word

    word = match.group()
    with_i = word.replace("і", "и").replace("І", "И")
    if not any(is_known_word(form) and len(form) >= 5
                                       for form in (with_i, *stripped_forms(with_i))):
        return word
    return with_i



def _i_or_short_i(text: str, position: int) -> str:
    """2018's «ı» (2021's «i») is «й» after a vowel («Aıdos», «úı», «boıy»), else «и» («jıyrma», «Bıbigúl»)."""
    before = text[position - 1:position].casefold() if position else ""
    return "й" if before in _VOWELS and before not in "ıi" else "и"
