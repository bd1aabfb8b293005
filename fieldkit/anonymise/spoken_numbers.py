"""Numbers spoken as words, read back into digits, for the identifiers speech recognition writes out in words.

Whisper often writes a dictated phone number or IIN as words — «восемь семьсот один пятьсот двадцать три сорок
пять шестьдесят семь», «сегіз жеті жүз бір…», "eight seven oh one…" — or mixes words and digits. The regular
expressions for phones and IINs see only digits, so :class:`SpokenNumberRecognizer` reads every run of number
words (Russian, Kazakh, English; digits may be mixed in) into its digit string, keeping where each run starts and
ends in the original text, and reports the run as PHONE when its digits form a Kazakhstan or Russian number, or as
IIN when they form a valid IIN. E-mail addresses spelled out («… собака гмейл точка ком», "… at gmail dot com")
are reported as EMAIL.

A run is read group by group, as people dictate: «семьсот один» is one group (701), «ноль пять» two (0, 5); a
group ends when the next word cannot extend it (a unit after a unit, tens after units, a hundred after tens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise.anchored import matches_near
from fieldkit.anonymise.kz_recognizers import CLOCK_MINUTES_AFTER, DATE_FIRST, iin_is_valid
from fieldkit.anonymise.number_words import (  # noqa: F401 (re-exported)
    HUNDRED_MULTIPLIERS,
    HUNDREDS,
    KAZAKH_TENS,
    KAZAKH_UNITS,
    TEENS,
    TENS,
    UNITS,
)

#: words that join groups without being numbers themselves, including the fillers people dictate with
#: ("8701, потом 4, 5, 2, потом…")
_REPEATS = {"double": 2, "triple": 3, "дабл": 2}
JOINERS = {"и", "and", "плюс", "plus", "-", "потом", "затем", "дальше", "тире", "кейін", "сосын", "then"}
#: Letters as people spell them aloud in Russian (Cyrillic and Latin letter names) and English, for plates.
LETTER_NAMES = frozenset({
    "а", "бэ", "бе", "вэ", "ве", "гэ", "ге", "дэ", "де", "е", "жэ", "зэ", "зе", "и", "ка", "кэ", "эл", "эль", "эм",
    "эн", "о", "пэ", "пе", "эр", "эс", "тэ", "те", "у", "эф", "ха", "цэ", "че", "ша", "э", "ю", "я", "эй", "би",
    "си", "ди", "джи", "эйч", "ай", "джей", "кей", "оу", "пи", "кью", "ар", "ти", "ви", "экс", "уай", "вай", "зэд",
    "зет", "зэт", "зед", "игрек", "икс",
    "ay", "bee", "cee", "see", "dee", "ee", "ef", "gee", "jee", "aitch", "eye", "jay", "kay", "el", "em", "en",
    "pee", "cue", "ar", "es", "tee", "you", "vee", "ex", "why", "zed", "zee",
    *"abcdefghijklmnopqrstuvwxyz",
})

_TOKEN = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)
_GAP = re.compile(r"[\s,.…\-–—()+]*")
#: the space between the spoken parts of an address, where whisper puts a comma after each word it heard alone
#: («ай, жан, точка, медиа, собака, протонмейл, точка, ком»)
_PART_GAP = r",?\s+"
_DOT = (r",?\s+(?:точка|нүкте|dot|нижнее\s+подчёркивание|нижнее\s+подчеркивание|underscore|дефис|dash)"
        + _PART_GAP)
_SPOKEN_ATOM = "(?:" + "|".join(sorted(map(re.escape, {*UNITS, *TEENS, *TENS, *HUNDREDS, *LETTER_NAMES, *KAZAKH_UNITS,
                                                          *KAZAKH_TENS, "жүз"}),
                                         key=len, reverse=True)) + ")"
#: one part of a spelled address: a word, then any number words or letter names read after it
#: («айгерим восемьдесят семь», «камила эс»)
_LOCAL_PART = rf"[\w.\-]+(?:{_PART_GAP}(?:{_SPOKEN_ATOM}|\d+)(?!\w)){{0,4}}"
#: a mail host said with its zone and no «точка» between («мейл ру», "yandex kz"), as speech recognition drops it
_BARE_DOMAIN = (r"(?:мейл|майл|mail|яндекс|yandex|инбокс|inbox|бк|bk|лист|list|рамблер|rambler|гмейл|джимейл|gmail)"
                r"\s+(?:ру|ru|кз|kz|ком|com)(?!\w)")
#: the @ said: «собака» in any case, as whisper writes it («собакой»), "at", the Kazakh «айқұлақ»
_AT = r"собак[аиуео]й?|собачк\w*|at|эт|айқұлақ|айкулак|ат"
_SPELLED_EMAIL = re.compile(
    rf"(?P<id>(?:{_LOCAL_PART}{_DOT})*{_LOCAL_PART}{_PART_GAP}(?:{_AT}){_PART_GAP}(?:{_BARE_DOMAIN}|[\w\-]+"
    rf"(?:{_PART_GAP}(?:точка|нүкте|dot){_PART_GAP}[\w\-]+)+"
    # whisper glues «точка» to the host or drops it: «собакой Янда Косточка Ру» for «собака яндекс точка ру»
    rf"|[\w\-]+(?:\s+[\w\-]+)?\s+(?:ру|ru|кз|kz|ком|com)(?!\w)))",
    re.IGNORECASE)
_HOST_AFTER = re.compile(r"\s+(?:at|собака)\s+[\w\-]+(?:\s+(?:dot|точка)\s+[\w\-]+)+", re.IGNORECASE)
#: words before "at" that make it the preposition ("wrote to me at …"), not the @ of an address
_NOT_A_LOCAL_PART = re.compile(r"(?:me|us|him|her|them|home|work|night|it|you|least|all|once|first|last)\s+at\s+",
                               re.IGNORECASE)
SCORE = 0.85
_AT_WORD = re.compile(r"(?<!\w)(?:собак[аиуео]й?|собачк\w*|at|эт|айқұлақ|айкулак)(?!\w)", re.IGNORECASE)
_EMAIL_REACH = 200  # characters: the longest spelled address before its «собака»
#: every host the pattern reads has a said dot or a zone among the first words after the @: an "at" without one
#: ("at home", "at the station") starts no address, and skipping it spares the pattern's search around it
_HOST_SIGN = re.compile(r"(?:,?\s+[\w\-]+){0,3},?\s+(?:точка|нүкте|dot|ру|ru|кз|kz|ком|com)(?!\w)", re.IGNORECASE)


def _spelled_emails(text: str) -> list[re.Match]:
    """The spelled addresses in ``text``, looking only around each «собака» or "at": the pattern tried at every
    word of a 90-minute transcript cost more than half a second. Each «at» gets its own window, so an address is
    never cut by the window of an earlier one."""
    found: dict[tuple[int, int], re.Match] = {}
    for at in _AT_WORD.finditer(text):
        if not _HOST_SIGN.match(text, at.end()):
            continue
        start = max(0, at.start() - _EMAIL_REACH)
        while start > 0 and not text[start - 1].isspace():
            start -= 1  # a window begins at a word
        end = at.end()
        while end < len(text) and end < at.end() + _EMAIL_REACH:
            end += 1
        while end < len(text) and not text[end].isspace():
            end += 1  # and ends at one
        for match in _SPELLED_EMAIL.finditer(text, start, end):
            if match.start("id") <= at.start() and at.end() <= match.end("id"):
                found.setdefault(match.span("id"), match)
    return [found[span] for span in sorted(found)]


#: the words that announce an address: «дал свою почту», «мой ящик был», «пишите на имейл», with a preposition
#: whisper glued on («отправлял спочты»)
_MAIL_CUE = re.compile(r"(?:с|со|в|на)?(?:почт|ящик|имейл|емейл|e-?mail|электронк|пошт|адрес)\w*$|мейл$|mail$",
                       re.IGNORECASE)
#: a mail host after «собака», as whisper writes it («меил», «гмил», «джемил», «андоксточка»): the address needs
#: no announcement then
#: («собаками ил ru»: the «м» of «мейл» heard with «собака»; «Гмилточка»: the said dot glued on)
_MAIL_HOST = re.compile(r"(?:г?м[еэаи]?й?и?л|джи?[эе]?м[еэ]?й?и?л|гм[еэ]йл|жм[еэ]йл|mail|gmail|яндекс|yandex|андокс\w*|"
                        r"протонм\w*|протом\w*|инбокс|inbox|рамблер|rambler|аутлук|outlook|icloud|бк|bk|ил|[еэ]йл)"
                        r"(?:\.\w+|точк\w*)?$", re.IGNORECASE)
_SHORT_HOSTS = frozenset({"ил", "ейл", "эйл"})  # what is left of «мейл»: a host only with a zone after it
_HOST_REACH = 6  # words before «собака» an unannounced address may take
#: words between the cue and the address that are no part of it
_MAIL_FILLERS = frozenset({"ой", "это", "был", "была", "мой", "моя", "мою", "на", "адрес", "такой", "такая", "вот",
                           "ну", "его", "её", "ее", "свой", "свою", "is", "was", "my", "at"})
_ZONE = re.compile(r"(?:ру|ru|ро|ком|com|кз|kz|нет|net|орг|org)$", re.IGNORECASE)
_ADDRESS_WORD = re.compile(r"[\w@]+")
#: what makes words after an announcement an address rather than talk about a dog: a dot said or written, a digit,
#: «собака» glued to the host («собакомейл») or to the name before it («рособакомейл»)
_ADDRESS_SIGN = re.compile(r"точк|\d|\.\w|собак(?!(?:а|и|у|е|ой|ою|ам|ами|ах)(?!\w))\w{2,}|\wсобак")
_WRITTEN_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_WRITTEN_HOST = re.compile(r",?\s+[\w\-]+\.(?:ру|ru|ком|com|кз|kz|нет|net|орг|org)(?!\w)", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.:;!?]\s")
_CLAUSE_BREAK = re.compile(r"[.!?,;:]\s|[()«»\"—–]|\n")


def _no_address_word(word: str) -> bool:
    """A verb, preposition, pronoun or the like: «пишите» in «электронку пишите айгерим…» is no part of it."""
    from fieldkit.anonymise.morphology import reads_first_as

    return reads_first_as(word, ("VERB", "INFN", "PREP", "NPRO", "CONJ", "PRCL", "ADVB", "GRND", "PRTF", "PRTS"))


def _ends_a_clause(word: str) -> bool:
    """A verb or pronoun: the talk around a spelled address, where whisper's pieces of it (a lone «с», «и», «но»
    heard in a name) are prepositions and conjunctions that may belong to it."""
    from fieldkit.anonymise.morphology import reads_first_as

    return reads_first_as(word, ("VERB", "INFN", "NPRO", "GRND", "PRTF", "PRTS"))


def _said_dot(word: str) -> bool:
    """«точка» said, alone or glued to a piece («андоксточка»): a full stop whisper writes after it ends no
    sentence («в один точка. Кравить с 81 собаку»)."""
    return word.casefold().endswith(("точка", "точки", "точке"))


_CUE_REACH = 12  # words from the cue to the word with «собака»: whisper writes a spelled word and a comma each
_ZONE_REACH = 5  # words from «собака» to the zone


def _host_follows(text: str, tokens: list[tuple[int, int, str]], index: int) -> bool:
    """Whether a mail host or zone follows the «собака» at ``index``: right after it («собаку гмил.ком»), after a
    conjunction whisper heard in it («собак и андоксточка»), or a zone written on whatever whisper made of the host
    («собака мая.ru»)."""
    following = [word for _, _, word in tokens[index + 1:index + 3]]
    if following and following[0].casefold() in _SHORT_HOSTS:  # «собаками ил ru», not «собаками ил не кормят»
        return len(following) == 2 and bool(_ZONE.match(following[1]) or "точк" in following[1].casefold())
    if following and (_MAIL_HOST.match(following[0]) or _ZONE.match(following[0])):
        return True
    if (len(following) == 2 and following[1].casefold() == "точка" and index + 3 < len(tokens)
            and _ZONE.match(tokens[index + 3][2])
            and not _SENTENCE_BREAK.search(text[tokens[index][1]:tokens[index + 3][0]])):
        return True  # «собак имеет точка Ро»: whatever whisper heard for the host, «точка» and a zone follow it
    if len(following) == 2 and following[0].casefold() in ("и", "а", "в", "к") and (
            _MAIL_HOST.match(following[1]) or "точк" in following[1].casefold()):
        return True
    return bool(_WRITTEN_HOST.match(text, tokens[index][1]))


def _cued_emails(text: str) -> list[tuple[int, int]]:
    """Addresses whisper garbled past the pattern («Мамлютка точка, правда, собак и ян до косточков с»,
    «Додоев.одвокат собакомейл.ру», «Кравить с 81 собаку гмил.ком»), found from a word with «собак» (or @) in it
    that follows a word announcing an address or precedes a mail host. The address runs from the first word after
    the announcement (or back to the talk around it) to the zone («ру», «com»), or to the next clause's end."""
    tokens = [(m.start(), m.end(), m.group()) for m in _ADDRESS_WORD.finditer(text)]

    def breaks(k: int) -> bool:  # a sentence ends between token k - 1 and token k
        return bool(_SENTENCE_BREAK.search(text[tokens[k - 1][1]:tokens[k][0]])) and not _said_dot(tokens[k - 1][2])

    found = []
    for index, (start, _end, word) in enumerate(tokens):
        if "собак" not in word.casefold() and "@" not in word and not (
                word.casefold().startswith("обак") and index and tokens[index - 1][2].casefold() == "с"):
            continue  # («с обаком ил»: whisper's «собака мейл» cut after its first letter)
        if _WRITTEN_EMAIL.match(text, max(0, text.rfind(" ", 0, start) + 1)):
            continue  # written out whole: the e-mail pattern has it
        host_after = _host_follows(text, tokens, index)
        cue = next((k for k in range(index - 1, max(-1, index - 1 - _CUE_REACH), -1)
                    if _MAIL_CUE.match(tokens[k][2])), None)
        if cue is None and host_after:
            # «пишите на виберточка саша собака меил.ru»: the host says it is an address; it starts after the
            # last verb or pronoun, or a sentence's end, before it
            cue = index - 1
            while cue >= max(0, index - _HOST_REACH) and not _ends_a_clause(tokens[cue][2]) and not breaks(cue + 1):
                cue -= 1
        if cue is None:
            continue
        first = cue + 1
        for k in range(cue + 1, index):  # the address starts after the last full stop or colon before it
            if breaks(k):
                first = k
        while first < index and (tokens[first][2].casefold() in _MAIL_FILLERS or _no_address_word(tokens[first][2])
                                 ) and text[tokens[first][1]:tokens[first + 1][0]] != "-":
            first += 1  # «фон-почерки» is one piece of it, whatever «фон» alone would be
        last = index
        for k in range(index + 1, min(len(tokens), index + 1 + _ZONE_REACH)):
            gap = text[tokens[k - 1][1]:tokens[k][0]]
            piece = tokens[k][2]
            said_on = (_MAIL_HOST.match(piece) or _ZONE.match(piece) or _said_dot(tokens[k - 1][2])
                       or "точк" in piece.casefold()
                       or (k == index + 1 and host_after and k + 1 < len(tokens) and _said_dot(tokens[k + 1][2])))
            if _CLAUSE_BREAK.search(gap) and not (said_on and not _SENTENCE_BREAK.search(gap.replace(",", ""))):
                break  # a sentence or a clause ends: «собакомейл.ру. Я писала», unless the address goes on after
                # whisper's comma («собака, протомил, точка, ком»)
            if _ends_a_clause(piece) and not said_on:
                break
            last = k
            if _ZONE.match(piece):
                break
        region = text[tokens[first][0]:tokens[last][1]]
        if host_after or _ZONE.search(tokens[last][2]) or re.search(_ADDRESS_SIGN, region.casefold()):
            found.append((tokens[first][0], tokens[last][1]))  # something of an address in it, not just a dog
    return found


@dataclass(frozen=True)
class NumberRun:
    start: int
    end: int
    digits: str


def _value(word: str) -> tuple[str, int] | None:
    """(kind, value) of one number word, or None."""
    lowered = word.casefold()
    for kind, table in (("unit", UNITS), ("teen", TEENS), ("tens", TENS), ("hundred", HUNDREDS)):
        if lowered in table:
            return kind, table[lowered]
    if lowered in HUNDRED_MULTIPLIERS:
        return "times100", 100
    return None


#: letters folded to how they sound in a fast syllable: voiced consonants as voiceless, unstressed vowels as one,
#: the soft and hard signs dropped («пиддесят» and «пятьдесят» both give питтисит)
_SOUND = str.maketrans({"д": "т", "б": "п", "з": "с", "г": "к", "в": "ф", "ж": "ш", "я": "и", "е": "и", "ё": "а",
                        "ы": "и", "э": "и", "о": "а", "ю": "у", "ь": None, "ъ": None, "й": "и", "ц": "тс"})
_RUSSIAN_NUMBER_WORDS = tuple(word for table in (UNITS, TEENS, TENS, HUNDREDS) for word in table
                              if re.fullmatch(r"[а-яё]+", word) and len(word) >= 4)


def _sound(word: str) -> str:
    return word.casefold().translate(_SOUND)


@lru_cache(maxsize=1)
def _number_sounds() -> dict[str, list[str]]:
    sounds: dict[str, list[str]] = {}
    for word in _RUSSIAN_NUMBER_WORDS:
        sounds.setdefault(_sound(word), []).append(word)
    return sounds


@lru_cache(maxsize=20_000)
def misheard_number_word(word: str) -> str | None:
    """The Russian number word whisper misspelt as ``word`` («ныль» for «ноль», «сорк» for «сорок», «пиддесят» for
    «пятьдесят»): one that sounds the same, or the one number one sound off; only for a word no dictionary knows,
    and read only inside a run of numbers."""
    from fieldkit.anonymise.fuzzy import distance
    from fieldkit.anonymise.morphology import natasha

    lowered = word.casefold()
    if (len(lowered) < 3 or not re.fullmatch(r"[а-яё]+", lowered) or lowered in LETTER_NAMES
            or natasha()[2].word_is_known(lowered)):
        return None  # (a plate's letter is none: «ка эн зэт семнадцать» is no «семь семнадцать»)
    sound, sounds = _sound(lowered), _number_sounds()
    if sound in sounds:
        return sounds[sound][0]
    # a short word only with its first sound kept: «ныль» is «ноль», the Kazakh «сол» (that) is not
    near = {candidates[0] for key, candidates in sounds.items()
            if distance(sound, key, 1) <= 1 and (len(sound) >= 4 or sound[0] == key[0])}
    values = {_value(candidate) for candidate in near}
    return min(near) if len(values) == 1 else None  # «ныль»: «ноль» and «нуль» are both nought


#: ordinary words whisper writes for a digit said in a list («семья» for «семь»): digits only between two numbers
_WORDS_WHISPER_MAKES_OF_DIGITS = {"семья": "семь", "семью": "семь", "сем": "семь", "девят": "девять",
                                  "восем": "восемь", "пят": "пять", "шест": "шесть", "ль": "ноль"}


def number_runs(text: str) -> list[NumberRun]:
    """Every run of adjacent number words and digit groups in ``text``, read into digits."""
    runs: list[NumberRun] = []
    groups: list[str] = []  # digit strings of the run so far
    current: list[tuple[str, int]] = []  # (kind, value) of the group being built
    run_start = run_end = -1

    def close_group() -> None:
        if current:
            groups.append(str(sum(value for _, value in current)))
            current.clear()

    def close_run() -> None:
        nonlocal run_start
        close_group()
        if groups and run_start >= 0:
            runs.append(NumberRun(run_start, run_end, "".join(groups)))
        groups.clear()
        run_start = -1

    position = 0
    repeat = 1  # "double five": the next digit twice
    for match in _TOKEN.finditer(text):
        gap = text[position:match.start()]
        position = match.end()
        word = match.group()
        year = re.fullmatch(r"(?:19|20)\d\d", word)
        if run_start >= 0 and (not _GAP.fullmatch(gap) or (("–" in gap or "—" in gap) and year)
                               or (re.search(r"[.!?]\s", gap + " ") and year)
                               or (year and groups and not current and re.fullmatch(r"(?:19|20)\d\d", groups[-1]))):
            # «2017–2020» is a range of years, «2009, 2013, 2018» a list of them, and «… ноль пять. 2023 жылы» two
            # sentences: none is one long number
            close_run()
        elif run_start >= 0 and re.search(r"[.!?]\s", gap) and _whole_phone_or_iin(
                "".join(groups) + (str(sum(value for _, value in current)) if current else "")):
            # «… сексен екі үш. Екі мың жиырма бірінші жылы», «… бір жеті бес. тоқсан екінші жылы туғанмын»: the
            # phone or the IIN is whole, and a new sentence starts
            close_run()
        if word.casefold() == "он" and not _kazakh_ten(text, match.end(), current) and not (
                current and current[-1][0] == "hundred"):  # «двести он» said code-switching: two hundred and ten
            close_run()  # Russian «он» (he), not Kazakh 10: «…шестьдесят четыре он всё расскажет»
            continue
        if word.casefold() in _REPEATS:
            repeat = _REPEATS[word.casefold()]
            continue
        if word.isdecimal():
            last = current[-1][0] if current else None
            if not word.startswith("0") and (last == "hundred" and len(word) <= 2 or last == "tens" and len(word) == 1):
                current.append(("digits", int(word)))  # whisper's «семьсот 71», «сорок 5»: one group
            else:
                close_group()
                groups.append(word)
        elif word.casefold() in JOINERS and run_start >= 0:
            continue
        elif word.casefold() == "на" and run_start >= 0 and _next_word(text, match.end()).casefold() == "ль":
            continue  # «412 на ль девять»: whisper's «ноль» split in two; «ль» is read as the zero
        else:
            parsed = _value(word)
            if parsed is None and (run_start >= 0 or _number_like(_next_word(text, match.end()))):
                misheard = misheard_number_word(word)  # only beside a number: alone, an odd word is just a word
                parsed = _value(misheard) if misheard else None
            if (parsed is None and run_start >= 0 and word.casefold() in _WORDS_WHISPER_MAKES_OF_DIGITS
                    and _number_like(_next_word(text, match.end()))):
                # «ноль семья, один»: a word whisper made of a digit, read so only between two numbers
                parsed = _value(_WORDS_WHISPER_MAKES_OF_DIGITS[word.casefold()])
            if parsed is None:
                close_run()
                repeat = 1  # "double checked": no digit follows, nothing to repeat later
                continue
            kind, value = parsed
            if repeat > 1 and kind == "unit":
                close_group()
                groups.append(str(value) * (repeat - 1))
                repeat = 1
            if kind == "times100":
                # «жеті жүз»: a unit that begins its group is the hundreds' count; after a whole group, or a
                # comma, «жүз» starts a group of its own («семьсот семьдесят семь, жүз сорок»)
                if len(current) == 1 and current[-1][0] == "unit" and "," not in gap:
                    current[-1] = ("hundred", current[-1][1] * 100)
                    run_end = match.end()
                    continue
                close_group()
                current.append(("hundred", 100))
            else:
                order = {"hundred": 3, "tens": 2, "teen": 1, "unit": 1, "digits": 0}
                last = current[-1][0] if current else None
                # (a zero is a digit of its own, never a ten's unit: «он, нөл екі» is 10 02)
                fits = last is not None and order[kind] < order[last] and not (last == "tens" and kind == "teen") and (
                    not (last == "tens" and kind == "unit" and value == 0))
                if not fits:
                    close_group()
                current.append((kind, value))
        if run_start < 0:
            run_start = match.start()
        run_end = match.end()
    close_run()
    return runs


def _whole_phone_or_iin(digits: str) -> bool:
    return _is_phone(digits) or len(digits) == 12


def _number_like(word: str) -> bool:
    return word.isdecimal() or _value(word) is not None or misheard_number_word(word) is not None


def _next_word(text: str, after: int) -> str:
    following = _TOKEN.search(text, after)
    return following.group() if following else ""


_ZERO_OR_TENS = frozenset({"нөл", "нол", "ноль", "нуль", *KAZAKH_TENS})


def _kazakh_ten(text: str, after: int, current: list) -> bool:
    """Whether «он» at this point is the Kazakh ten rather than the Russian «он» (he): a Kazakh unit follows
    («он бір»)."""
    following = _TOKEN.search(text, after)
    if following is None:
        return False
    word = following.group().casefold()
    # in a number already begun, a Russian unit after it too: «жиырма үш он четыре», said code-switching
    # (and in a number already begun, any digit said after it: «сексен бір, он, нөл екі», an IIN's pairs)
    return word in KAZAKH_UNITS or (bool(current) and word in UNITS and not word.isascii() and UNITS[word] > 0) or (
        bool(current) and word in _ZERO_OR_TENS)


def _is_phone(digits: str) -> bool:
    return (len(digits) == 11 and digits[0] in "78") or (len(digits) == 10 and digits[0] in "79")


#: the criminal code's articles named before a list of their numbers
_ARTICLES_BEFORE = re.compile(
    r"(?<!\w)(?:ст|стст|статья|статьи|статье|статью|статьям|статей|бап\w*|st|stat\w*|articles?)\.?\s*$", re.IGNORECASE)
_PLUS_BEFORE = re.compile(r"(?:плюс|плус|plus|\+)\s*$", re.IGNORECASE)  # («плус»: "plus" spelt back)
#: a date written in digits inside a run of numbers («P44 28.08.23 20:10», «2023-05-18, 16:40»), a day and month
#: before one (it starts at their year), and a clock time that ends one («2023, 22.00»); the minutes right after one
#: are ``CLOCK_MINUTES_AFTER``
_WRITTEN_DATE = re.compile(rf"(?<!\d)(?:{DATE_FIRST.pattern}|(?:19|20)\d\d-\d{{1,2}}-\d{{1,2}}(?!\d))")
_DAY_AND_MONTH_BEFORE = re.compile(r"(?<!\d)\d{1,2}[./]\d{1,2}[./]$")
_ENDS_IN_A_CLOCK_TIME = re.compile(r"[\s,](?:[01]?\d|2[0-3])[:.][0-5]\d$")
#: ЕРДР (pre-trial investigation register) numbers have 15 digits
CASE_NUMBER_DIGITS = 15


def _entity_of(digits: str) -> str | None:
    """What a run of spoken digits is: a phone, an IIN, a case number, or another long number (an id)."""
    if _is_phone(digits):
        return "PHONE_NUMBER"
    if len(digits) == 12 and iin_is_valid(digits):
        return "IIN"
    if len(digits) == CASE_NUMBER_DIGITS:
        return "CASE_NUMBER"
    if len(digits) >= 8:
        return "ID_NUMBER"
    return None


#: a region said as an ordinal after «ноль»: «ноль пятый», «ноль второго»
_REGION_ORDINAL = re.compile(r"\s+(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят)(?:ый|ой|ий|ого|ом|ая)(?!\w)",
                             re.IGNORECASE)


def _spoken_plates(text: str, runs: list[NumberRun]) -> list[tuple[int, int]]:
    """Kazakhstan plates read aloud: three digits, two or three letter names, two digits of the region
    («четыреста восемьдесят два эс ти эн ноль один», «семьсот семьдесят семь ка зэ ноль два»)."""
    found = []
    for first, second in zip(runs, runs[1:], strict=False):
        if len(first.digits) != 3 or len(second.digits) not in (1, 2):
            continue
        between = text[first.end:second.start].split()
        ten = bool(between) and between[-1].casefold().strip(",.") == "он" and len(second.digits) == 1
        if _letter_count(between[:-1] if ten else between) in (2, 3):  # «кей зэт эм он восемь»: the region 18
            region = _REGION_ORDINAL.match(text, second.end) if len(second.digits) == 1 and not ten else None
            found.append((first.start, region.end() if region else second.end))  # «ноль пятый»: the fifth region
    # the older plates, a letter first and no region: «эс сто восемьдесят семь эн эм эм»
    for run in runs:
        if len(run.digits) != 3:
            continue
        before = re.search(r"(\S+)\s+$", text[max(0, run.start - 8):run.start])
        after = re.match(r"\s+(\S+)\s+(\S+)(?:\s+(\S+))?", text[run.end:])
        if not before or not after or _letter_count([before.group(1)]) != 1:
            continue
        letters = [word for word in after.groups() if word]
        for count in (3, 2):
            if _letter_count(letters[:count]) == count and len(letters) >= count:
                end = run.end + after.end(count)
                found.append((max(0, run.start - 8) + before.start(1), end))
                break
    return found


def _letter_count(words: list[str]) -> int | None:
    """How many plate letters some words spell: letter names count one each («эн эм»), a short run of letters
    said as one word counts each letter ("AZK", «ааа»); None when a word is neither."""
    count = 0
    for word in words:
        lowered = word.casefold().strip(",.")
        if not lowered:
            continue  # a comma whisper wrote alone between the parts
        if lowered in LETTER_NAMES:
            count += 1
        elif lowered.isalpha() and 2 <= len(lowered) <= 3 and (word.isupper() or len(set(lowered)) == 1):
            count += len(lowered)
        else:
            return None
    return count


_NUMBER_WORD = "(?:" + "|".join(sorted(map(re.escape, {*UNITS, *TEENS, *TENS, *HUNDREDS, *HUNDRED_MULTIPLIERS}
                                                     - {"o", "oh"}),
                                         key=len, reverse=True)) + ")"
#: a Kazakh ordinal's ending, also typed with Russian letters («екінші», «екинши»)
_KAZAKH_ORDINAL = r"(?:ыншы|інші|ншы|нші|нши)"
#: a house or flat number as said: digits, number words, a Kazakh ordinal («жетпіс бірінші»), a letter after it
_SPOKEN_NUMBER = (rf"(?:\d+[а-яa-z]?|(?:{_NUMBER_WORD}|[а-яәғқңөұүһі]+{_KAZAKH_ORDINAL})"
                  rf"(?:[\s-]+(?:{_NUMBER_WORD}|[а-яәғқңөұүһі]+{_KAZAKH_ORDINAL}|and)){{0,4}})")
_STREET = (r"(?:улиц\w*|ул\.?|проспект\w*|пр-т|мкр\.?|микрорайон\w*|переул\w*|ықшамаудан\w*|көше\w*|даңғыл\w*|коше\w*|"
           r"дангыл\w*|"
           r"avenue|ave\.?|street|st\.?|mkr|ulitsa|prospekt|koshesi|dangyly)")
_HOUSE = r"(?:дом|д\.|house|dom|building|корпус)"  # before its number; the Kazakh «үй» comes after it
_FLAT = r"(?:квартира|кв\.?|пәтер\w*|патер\w*|кеңсе\w*|кенсе\w*|офис\w*|оф\.|apartment|apt\.?|flat|kv|pater\w*|office)"

#: what makes «дом пять» a length of time or a count, not a house: «дом два года строили»
_TIME_WORDS = r"год\w*|лет|месяц\w*|дн\w*|недел\w*|этаж\w*|комнат\w*|человек\w*|раз|жыл\w*"
_NAME_WORD = (r"(?!(?:на|в|во|по|из|с|у|к|от|до|за|и|а|но|мне|мы|я|ты|он|она|они|нам|вам|им|его|её|ее|их|там|тут|это|"
              r"был|была|было|были|the|on|in|at)\s)[\w-]{2,}")
#: a street by its name, or a micro-district by its number («он төрт ықшамаудан»)
#: a micro-district, said after its number: «он үшінші шағынаудан»
_DISTRICT_AFTER = r"ша[гғ]ын\s?аудан\w*"
_STREET_PART = (rf"(?:{_STREET}\s+{_NAME_WORD}|(?:{_NAME_WORD}\s+(?=(?:би|bi|батыр\w*|batyr\w*|хан\w*|khan\w*)\s))?"
                rf"{_NAME_WORD}\s+{_STREET}|{_SPOKEN_NUMBER}\s+{_STREET}"
                # (a micro-district's name before its number goes with it: «авангард үш шағынауданы»)
                rf"|(?:(?!(?:мен|біз|биз|сен|ол|олар|мекенжай\w*|мекенжаи\w*|адрес\w*)\s)[^\W\d_]{{3,}}\s+)?"
                rf"{_SPOKEN_NUMBER}\s+{_DISTRICT_AFTER})")  # «төле би көшесі», "tole bi koshesi"
#: the flat, with Kazakh case endings on «пәтер» («жиырма үш пәтерге»)
_FLAT_PART = rf"(?:,?\s+(?:{_FLAT},?\s+{_SPOKEN_NUMBER}|{_SPOKEN_NUMBER}\s+(?:пәтер|патер|pater|кеңсе|кенсе)\w*))"
#: a street (named before or after its designator) with a house said as words, or a house with its flat:
#: «улица жамбыла дом сорок два квартира семнадцать», «тәуелсіздік көшесі қырық үш үй жетпіс бірінші пәтер»,
#: "dostyk avenue one hundred and twelve apartment forty", "mkr zhuldyz 1 dom 27 kv 8"
_SPOKEN_ADDRESS = re.compile(
    rf"(?<!\w)(?P<id>{_STREET_PART},?\s+(?:{_SPOKEN_NUMBER}\s+(?:үй|уй|uy|ui)|{_HOUSE}\s+{_SPOKEN_NUMBER}"
    rf"|{_SPOKEN_NUMBER}(?:\s+{_HOUSE}\s+{_SPOKEN_NUMBER})?){_FLAT_PART}?"
    rf"|(?:{_HOUSE}\s+{_SPOKEN_NUMBER}|{_SPOKEN_NUMBER}\s+(?:үй|уй|uy|ui)){_FLAT_PART}"
    # a house number alone names a building once the street has been said or misheard: «…, дом сорок два»
    rf"|(?:дом|dom|үй)\s+{_SPOKEN_NUMBER}(?!\s*(?:{_TIME_WORDS})))(?!\w)"
    # (not an hour written after a place: «мкр Орбита, 19.00» is where and when a meeting was)
    r"(?![.:]\d)",
    re.IGNORECASE)
#: what every address said in words holds; the address is looked for only around it
_HOUSING_WORD = re.compile(rf"(?<!\w)(?:{_STREET}|{_HOUSE}|{_FLAT}|үй\w*|уй|uy|ui|pater\w*)(?!\w)", re.IGNORECASE)
_ADDRESS_REACH = 160  # characters: two name words or a number said in five words before it, a flat's after it


#: a word that announces a phone or an identity number just after it
_NUMBER_CUE = re.compile(r"(?<!\w)(?:номер\w*|телефон\w*|тел\.?|звоните|позвоните|набери\w*|ватсап\w*|иин|иину|ин|жсн|"
                         r"нөмір\w*|продиктовал\w*|диктовал\w*)(?!\w)", re.IGNORECASE)
#: the start of a phone said before whisper's digits, and what it garbled after it («восемь с имесот 77…»)
#: (an IIN's first pair said too, whisper's full stop after it: «номер восемьдесят пять. На 9-3490-420-3»)
_SAID_START = re.compile(r"(?:восемь\w{0,6}|плюс|семь\w{0,6})(?:[\s,]+|\.\s+)(?:[^\W\d_]{1,7}(?:[\s,]+|\.\s+)){0,3}$",
                         re.IGNORECASE)
_DIGIT_GROUP = re.compile(r"\+?\d[\d\-]*")
#: between two groups: up to two short words whisper made of number words it misheard («875 на ль 81 29 47»,
#: «69 на 9, 341, 667»)
_GARBLE = re.compile(r"[\s,.\-]*(?:[^\W\d_]{1,8}[\s,.\-]+){0,2}", re.UNICODE)
#: (seven: a phone whose «семьсот» whisper made a word of keeps eight digits at most, «8 с имесор 1,533,27»)
_MIN_GARBLED_DIGITS = 7
#: after a phone's lone first digit, the words whisper made of «семьсот» or «восемьсот» that follow it: up to four,
#: and a capital where whisper took «8.» for a sentence's end («номер 8. Все и мясо от 5. 642. 1870»)
_GARBLE_AFTER_THE_EIGHT = re.compile(r"[\s,.\-]*(?:[^\W\d_]{1,8}[\s,.\-]+){0,4}", re.UNICODE)
_FULL_NUMBER_DIGITS = 11
#: a phone's start, its groups joined by dashes: «8-7-935-82», «+7-701-55-3»
_DASHED_PHONE = re.compile(r"(?:\+?7|8)(?:-\d{1,4}){2,}")


def _garbled_cued_numbers(text: str) -> list[tuple[int, int]]:
    """A phone or an IIN just after its cue, whose digit groups whisper split with words it made of misheard number
    words: from the first group to the last when they hold enough digits together to be one."""
    found = []
    for cue in _NUMBER_CUE.finditer(text):
        first = _DIGIT_GROUP.search(text, cue.end(), cue.end() + 40)
        if first is None or (re.search(r"[!?]|\.\s", text[cue.end():first.start()])
                             and not _SAID_START.search(text, cue.end(), first.start())):
            continue  # past the sentence, unless the number began in words there («номер юристо. Восемь с …»)
        end, digits, last = first.end(), len(re.sub(r"\D", "", first.group())), first
        while digits < _FULL_NUMBER_DIGITS:  # a whole phone already: what follows is another («… или 8 (727) …»)
            eight = last is first and first.group() == "8"
            gap = (_GARBLE_AFTER_THE_EIGHT if eight else _GARBLE).match(text, end)
            following = _DIGIT_GROUP.match(text, gap.end()) if gap else None
            if following is None or following.start() - end > (30 if eight else 14) or (
                    not eight and re.search(r"[A-ZА-ЯЁ]", gap.group())):
                break  # (not past a sentence that starts: «… 04. Однажды, 3 января»; whisper's dot alone is none,
                # «плюс 77005. 286-31-48»)
            end, last = following.end(), following
            digits += len(re.sub(r"\D", "", following.group()))
        said = _SAID_START.search(text, cue.end(), first.start())
        # (one group is enough after the start of a phone said in words: «номер плюс семься и месрот 440-41580»)
        # (or one group that whisper wrote with a phone's dashes, a few digits lost: «Мой номер 8-7-935-82.»)
        dashed = last is first and _DASHED_PHONE.fullmatch(first.group())
        if digits >= _MIN_GARBLED_DIGITS and (last is not first or said or dashed):
            found.append((said.start() if said else first.start(), end))
    return found


class SpokenNumberRecognizer(EntityRecognizer):
    """PHONE and IIN written out in words (or words and digits mixed), and e-mail addresses spelled out."""

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["PHONE_NUMBER", "IIN", "EMAIL_ADDRESS", "PLATE", "CASE_NUMBER",
                                             "ID_NUMBER", "ADDRESS"],
                         name=f"SpokenNumbers-{language}", supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        runs = number_runs(text)
        for run in runs:
            if run.digits.isdecimal() and text[run.start:run.end].isdecimal():
                continue  # plain digits: the regular rules see them already
            if run.start and text[run.start - 1] in "/" and text[run.start:run.end][:1].isdecimal():
                continue  # «OV-156/3, 2015-2018»: the end of a code, then years, are no one number
            if (DATE_FIRST.match(text, run.start) or _WRITTEN_DATE.search(text, run.start, run.end)
                    or _DAY_AND_MONTH_BEFORE.search(text, max(0, run.start - 6), run.start)
                    or CLOCK_MINUTES_AFTER.match(text, run.end)
                    or _ENDS_IN_A_CLOCK_TIME.search(text, run.start, run.end)):
                continue  # «12.03.26, 10:40», «P44 28.08.23 20:10», «2023-05-18, 16:40», «30.06.2023, 22.00»: a
                # note's date, then the hour it began, are no one number
            entity = _entity_of(run.digits)
            if entity and _ARTICLES_BEFORE.search(text, max(0, run.start - 16), run.start):
                continue  # «ст. 296, 297, 366»: the criminal code's articles, listed
            if entity:
                start = run.start
                plus = _PLUS_BEFORE.search(text, 0, run.start)
                if entity == "PHONE_NUMBER" and plus and plus.end() == run.start:
                    start = plus.start()  # «плюс семь семьсот…»: the plus is part of the number
                results.append(self._result(entity, start, run.end, f"{entity} spoken as words"))
        for start, end in _spoken_plates(text, runs):
            results.append(self._result("PLATE", start, end, "plate spelled out"))
        for match in _spelled_emails(text):
            preposition = _NOT_A_LOCAL_PART.match(match["id"])
            if preposition:  # "to me at t dot nurlanova at yandex dot kz": the address starts after "me at"
                match = _SPELLED_EMAIL.match(text, match.start("id") + preposition.end()) or match
            # "threats at d dot akhmetova at gmail dot com": the first "at" was the preposition, and the host
            # after the second belongs to the same address
            host = _HOST_AFTER.match(text, match.end("id"))
            results.append(self._result("EMAIL_ADDRESS", match.start("id"), host.end() if host else match.end("id"),
                                        "e-mail spelled out"))
        for start, end in _cued_emails(text):
            results.append(self._result("EMAIL_ADDRESS", start, end, "e-mail announced and garbled"))
        for match in matches_near(_SPOKEN_ADDRESS, _HOUSING_WORD, text, _ADDRESS_REACH):
            said = match["id"].split()
            if len(said) >= 2 and said[-1].casefold() == "он" and not _number_like(said[-2].strip(",")):
                continue  # «на тринадцатом микрорайоне встретились он говорит»: the Russian «he», no house ten
            if "\n" in match["id"]:
                continue  # «живёт в 4-м мкр⏎Темиртау, 3-й мкр»: a note's line ends what its address says
            results.append(self._result("ADDRESS", match.start("id"), match.end("id"), "address said in words"))
        for start, end in _garbled_cued_numbers(text):
            results.append(self._result("PHONE_NUMBER", start, end, "number announced, whisper's words inside"))
        return results

    def _result(self, entity: str, start: int, end: int, why: str) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE, textual_explanation=why)
        return RecognizerResult(entity, start, end, SCORE, explanation)
