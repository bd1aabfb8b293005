"""Given names common in Kazakhstan, as a Presidio recognizer for both scripts.

spaCy's small English model and Natasha both miss many Kazakh, Uzbek and Uyghur names ("Daniyar",
"Айгерім"). A list of given names, compared by word key so inflected forms match, closes that gap; a
following surname or patronymic is taken into the same span.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise.anchored import matches_near
from fieldkit.anonymise.kazakh_words import is_kazakh_verb_form
from fieldkit.anonymise.kept import is_kept
from fieldkit.anonymise.morphology import (  # noqa: F401 (fold, plain and latin_key re-exported)
    KAZAKH_SUFFIXES,
    fold,
    has_kazakh_letters,
    is_cyrillic,
    is_probably_name,
    latin_key,
    mostly_a_thing,
    plain,
    reads_first_as,
    strip_kazakh_suffix,
    word_key,
    words,
)
from fieldkit.anonymise.nickname_stock import ENGLISH_VERBS_AFTER, is_stock_animal
from fieldkit.anonymise.script_gate import finditer
from fieldkit.anonymise.sentences import RussianSentences
from fieldkit.anonymise.unknown_words import is_everyday_foreign

SCORE = 0.75
#: a patronymic's case forms in messenger Latin: "Ninu Genrikhovnu", "s Ivanom Petrovichem"
_LATIN_PATRONYMIC_FORMS = r"ovn[uye]|evn[uye]|ovno[iy]|evno[iy]|ovich[au]|evich[au]|ovichem|evichem"
_LATIN_SURNAME = re.compile(
    r"^[A-Z][a-z]+(?:ov|ev|yev|ova|eva|yeva|uly|ulu|kyzy|qyzy|bekov|bayev|baev|enko|"
    rf"sky|skiy|skaya|ovich|evich|ovna|evna|{_LATIN_PATRONYMIC_FORMS})$"
)
_SENTENCE_END = re.compile(r"[.!?…:]\s*$")
#: a patronymic in messenger or English Latin, in any case: "ivanovich", "petrovna", "genrikhovnu"
_LATIN_PATRONYMIC = re.compile(rf"^[a-z]{{3,}}(?:ovich|evich|yevich|ovna|evna|yevna|{_LATIN_PATRONYMIC_FORMS})$")
#: what follows a full name without being its surname: "viktor ivanovich said", «иван петрович сказал»
_NOT_AFTER_A_PATRONYMIC = frozenset({
    "said", "says", "told", "came", "went", "was", "is", "who", "had", "has", "asked", "called", "died", "left",
    "from", "and", "or", "but", "the", "a", "an", "to", "in", "on", "at", "with", "himself", "herself", "skazal",
    "skazala", "byl", "byla", "i", "no", "tozhe"})


def _surname_after_patronymic(word: str) -> bool:
    """Whether ``word`` after a given name and patronymic is the surname: a word no dictionary knows, or one it
    reads as a surname, and no Kazakh word («лариса николаевна кимм», «нина петровна шульц»); not «андрей
    викторович нормальный мужик», "raisa petrovna she is"."""
    lowered = word.casefold()
    if lowered in _NOT_AFTER_A_PATRONYMIC or _function_word(word) or lowered in _NUMBER_WORDS:
        return False
    if word.isascii():
        # (an English word that is no common verb or word of the sentence's frame: "viktor ivanovich fast", not
        # "viktor ivanovich said", "… worked", "… himself")
        return bool(_LOWER_LATIN_SURNAME.match(lowered)) or _unknown_latin_surname(word) or (
            lowered.isalpha() and len(lowered) >= 3 and not _english_verb(word)
            and not lowered.endswith(("ed", "ing", "self", "selves", "ly")))
    return unknown_non_kazakh_word(word) or _foreign_surname(word)


#: Kazakh words for a kind of place, which follow the place's name (district, region, street, village, town): the
#: name before them is the place's, not a person's («Жасурбек Тошпулатов Жетісу ауданындағы»)
KAZAKH_PLACE_HEAD = re.compile(r"(?:аудан|облыс|көше|коше|ауыл|[қк]аласы|даңғыл|дангыл)", re.IGNORECASE)
#: the Kazakh words of a patronymic said apart («айгерим марат кызы»): common words, but after a name part of it
_PATRONYMIC_WORDS = frozenset({"кызы", "улы"})
#: Kazakh words for a site named by the word before them: a pit, a spaceport, a mine, a plant
KAZAKH_SITE_HEAD = re.compile(r"(?:разрез|ғарыш|гарыш|кеніш|кениш|зауыт|комбинат|шахта|кен\s+орн|депо)", re.IGNORECASE)
_NOT_SURNAMES = frozenset(
    ["i", "the", "a", "and", "street", "avenue", "district", "region", "city", "police", "department", "и", "в",
     "ник",  # a handle's cue («админ ник қасқыр») far more often than Nick
     # a note's chat slang, which the lists read as short names (Лола, Кира): «Птичий двор, лол.»
     "лол", "кек", "ахах", "хах", "имхо", "кстати", "кст", "спс", "пжл", "плз", "ппц", "капец", "жесть", "лан"]
)


#: the given-name lists: the first, then the longer one of names from more communities and everyday short forms
_NAME_FILES = ("given_names.txt", "given_names_extra.txt", "given_names_more.txt", "given_names_rare.txt")
#: Russian case forms of a given name by its last letter: «гена» → гене, гену, геной; «марат» → марату
_DECLENSION = {"а": ("ы", "е", "у", "ой", "ою"), "я": ("и", "е", "ю", "ей", "ею"), "й": ("я", "ю", "ем", "е"),
               "ь": ("я", "ю", "ем", "е"), "": ("а", "у", "ом", "е")}



#: English words that some names become in Latin letters: never taken as names in Latin text
_ENGLISH_WORDS = frozenset({"mark", "will", "rose", "hope", "bill", "dean", "page", "lily", "june", "april", "august",
                            "nick", "roman", "asia", "maia", "nina", "ella", "dina", "adam", "alan", "ian", "max",
                            "liza", "lola", "nora", "vera", "lev", "tim", "ben", "ira", "dan", "ali", "aziz", "mars",
                            "aral", "alma", "sana", "dana", "bella", "olga", "amina", "karina", "marina", "roza",
                            "liana", "diana", "lina", "mila", "sara", "laura", "emma", "anna", "hana", "maria",
                            "melody", "star", "ruby", "tina", "nike", "aida", "ada", "eva", "ilia", "tom", "sam"})


@lru_cache(maxsize=1)
def _name_lines() -> tuple[str, ...]:
    """The lines of the given-name lists, stripped, without blanks and comments: read once for every index built
    from them. A name that is also an ordinary word ends in «?»."""
    lines: list[str] = []
    for file_name in _NAME_FILES:
        text = (resources.files("fieldkit.anonymise") / "data" / file_name).read_text(encoding="utf-8")
        lines += [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return tuple(lines)


@lru_cache(maxsize=1)
def latin_names() -> frozenset[str]:
    """The Latin keys of every listed name that is not an ordinary word, four letters and more, none an English
    word: transliterated text and whisper's English spell names many ways."""
    names: set[str] = set()
    for line in _name_lines():
        if line.endswith("?") or " " in line:
            continue
        key = latin_key(line)
        if len(key) >= 4 and key not in _ENGLISH_WORDS:
            names.add(key)
    return frozenset(names)


@lru_cache(maxsize=1)
def latin_name_stems() -> frozenset[str]:
    """The Latin keys of the listed names (not ordinary words) without their final vowels, four letters and more
    left: a name in messenger Latin with a Russian case ending ("sashe", "zheni", "zhoru") is found by its stem."""
    return frozenset(stem for key in latin_names() if len(stem := key.rstrip("aeiouy")) >= 3)


#: Russian case endings of names as messenger Latin writes them, by their Latin key: «Саше» "sashe", «Жени» "zheni"
_LATIN_NAME_ENDINGS = ("iu", "ia", "oi", "ei", "om", "em", "u", "i", "e", "a", "y")


@lru_cache(maxsize=1)
def latin_names_also_words() -> frozenset[str]:
    """The Latin keys of listed names that are also ordinary words in Russian or Kazakh ("maksat" is a goal,
    "baqyt" happiness), four letters and more: in an English sentence those words can only be names."""
    keys: set[str] = set()
    for line in _name_lines():
        if line.endswith("?") and " " not in line.rstrip("?").strip():
            key = latin_key(line.rstrip("?").strip())
            if len(key) >= 4 and key not in _ENGLISH_WORDS:
                keys.add(key)
    return frozenset(keys)


def _case_forms(name: str) -> set[str]:
    """The Russian case forms of a Cyrillic given name, so «гене» and «лешке» are found without guessing the
    dictionary form of a word morphology reads as something else."""
    lowered = fold(name)
    if not is_cyrillic(lowered) or " " in lowered or len(lowered) < 3:
        return set()
    last = lowered[-1] if lowered[-1] in "аяйь" else ""
    stem = lowered[: len(lowered) - len(last)]
    if last == "а" and stem[-1:] in "гкхжшчщ":  # «лёшка» → лёшки, not лёшкы
        return {stem + ending for ending in ("и", "е", "у", "ой", "ою")}
    if last == "" and lowered[-1] in "аеиоуыэюяәөұүі":
        return set()  # an indeclinable name (Айгерім's kin «Мөлдір», "Бибигүл" declines only in Kazakh)
    return {form for form in (stem + ending for ending in _DECLENSION[last]) if _could_be_a_name(form)}


def _dictionary_name_form(name: str) -> set[str]:
    """The dictionary form Russian morphology gives a listed name, when it reads it as a name («Олегу» → олег); not
    the lemma of an ordinary word the name is also a form of («Дана» is a form of дать, and «дал» is no name)."""
    key = fold(word_key(name))
    lowered = fold(name)
    if key == lowered or not is_cyrillic(lowered) or " " in lowered:
        return {key}
    from fieldkit.anonymise.morphology import natasha

    morph = natasha()[2]
    if not morph.word_is_known(lowered):
        # a guess for a name no dictionary holds, unless the guess is an ordinary word («Тетяна» → тётя)
        return set() if morph.word_is_known(key) else {key}
    proper = any(fold(p.normal_form) == key and any(t in str(p.tag) for t in ("Name", "Surn", "Patr"))
                 for p in morph.parse(lowered))
    return {key} if proper else set()


@lru_cache(maxsize=1)
def given_names() -> tuple[frozenset[str], frozenset[str]]:
    """(all name keys, the keys of names that are also ordinary words)."""
    names, ambiguous = set(), set()
    for line in _name_lines():
        name = line.rstrip("?").strip()
        # the dictionary form Russian morphology gives (which for a name that is also a word may be that
        # word's: «Дана» → дать) and the name as written, so «дананың» (Kazakh genitive) is found too
        keys = {fold(name), *_dictionary_name_form(name)}
        # Kazakh spelling drops the soft sign of a Russian or Uighur name: «Ілхам» for Ильхам, «Игор»
        keys |= {key.replace("ь", "") for key in keys if "ь" in key and len(key) >= 5}
        if line.endswith("?"):
            ambiguous |= keys
        names |= keys | {plain(key) for key in keys}
    return frozenset(names), frozenset(ambiguous)


def _could_be_a_name(form: str) -> bool:
    """A case form is kept unless Russian morphology knows it only as an ordinary word («толику» is a bit, never
    Толик's dative in its dictionary; «гене» has a name reading and stays)."""
    from fieldkit.anonymise.morphology import natasha

    morph = natasha()[2]
    return not morph.word_is_known(form) or any("Name" in str(p.tag) for p in morph.parse(form))


@lru_cache(maxsize=1)
def name_case_forms() -> frozenset[str]:
    """Every Russian case form of the listed names that are not ordinary words, compared with a word as it is
    written (never with a stem guessed from it, which would make «машина» a form of Маша)."""
    forms: set[str] = set()
    forms.update(*(_case_forms(line) for line in _name_lines() if not line.endswith("?")))
    return frozenset(forms)


_CYRILLIC_SURNAME = re.compile(
    r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:ов|ев|ёв|ин|ова|ева|ёва|ина|ский|цкий|ская|цкая|"
    r"ович|"
    r"евич|овна|евна|ична|ұлы|улы|қызы|кызы)(?:а|у|ым|ом|е|ой|ую|ых|ыми|ы|ға|ге|қа|ке|да|де|та|те|дан|"
    r"ден|нан|нен|тан|тен|ның|нің|дың|дің|тың|тің|ны|ні|ды|ді|ты|ті|мен|бен|пен)?$"
)


def has_surname_shape(word: str) -> bool:
    """Surname or patronymic by its ending alone (Ахметову, Серікұлы, Kasymova)."""
    return bool(_CYRILLIC_SURNAME.match(word) or _LATIN_SURNAME.match(word))


def is_surname_like(word: str) -> bool:
    if is_cyrillic(word):
        return word[:1].isupper() and is_probably_name(word)
    return bool(_LATIN_SURNAME.match(word))


#: an honorific joined to a name by a hyphen: «Рустам-ака», "Ramiz-muallim", «Гүлнар-апа»
_HYPHENED_HONORIFIC = re.compile(r"-(?:ака|апа|ага|аға|ағай|агай|апай|жан|хон|муаллим|муаллима|бей|ханум|ата|"
                                 r"aka|apa|aga|agai|apai|muallim|muallima|bey|hanum|khanum|ata)$", re.IGNORECASE)


class GivenNameRecognizer(EntityRecognizer):
    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["PERSON"], name=f"GivenNames-{language}", supported_language=language)

    def load(self) -> None:
        given_names()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        names, ambiguous = given_names()
        tokens = words(text)
        results = []
        for index, (start, end, word) in enumerate(tokens):
            if not word[:1].isupper():
                continue
            if text[end:end + 1] == "." and _clipped_surname(word, names, ambiguous):
                # «Ахметж.»: a surname a note cuts short after the given name it is made from
                explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE,
                                                  textual_explanation="a surname cut short")
                results.append(RecognizerResult("PERSON", start, end, SCORE, explanation))
                continue
            hyphened = _HYPHENED_HONORIFIC.search(word) if is_cyrillic(word) else None
            if hyphened:  # «Рустам-ака», «Рамиз-муаллим»: the name before the honorific (in Latin, NER's phrase
                # around it would be kept whole)
                word, end = word[:hyphened.start()], start + hyphened.start()
            if (fold(word) in _CAPITALISED_SHORT_SURNAMES and index and not word.isupper()
                    and not _SENTENCE_END.search(text[:start])):
                # «семья Ли», «у Цоя»: a Korean surname alone, capitalised inside a sentence
                explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE,
                                                  textual_explanation="a Korean surname")
                results.append(RecognizerResult("PERSON", start, end, SCORE, explanation))
                continue
            keys = {fold(word_key(word))} if is_cyrillic(word) else _name_keys(word)  # "Aizhanmen", "Beknurdyn"
            if not keys & names and not (word.isascii() and word.casefold() not in _ENGLISH_WORDS
                                         and {latin_key(key) for key in keys} & latin_names()):
                continue  # not listed in any spelling ("Nurjan" is the listed Nurzhan)
            sentence_start = not text[:start].strip() or bool(_SENTENCE_END.search(text[:start]))
            if keys & ambiguous and sentence_start:
                continue
            last = end
            for next_start, next_end, next_word in tokens[index + 1 : index + 3]:
                # a capitalised word right after a given name is nearly always its surname ("Vyacheslav Ten")
                if text[last:next_start].strip() or not (next_word[:1].isupper() or is_surname_like(next_word)):
                    break
                if next_word.casefold() in _NOT_SURNAMES:
                    break
                if ((KAZAKH_PLACE_HEAD.match(text, next_end + 1) or KAZAKH_SITE_HEAD.match(text, next_end + 1))
                        and text[next_end:next_end + 1] == " "):
                    break  # «Ерсұлтан Байқоңыр ғарыш айлағында», «Шрайбер Богатырь разрезінде»: a place's, a site's
                last = next_end
            if index and text[tokens[index - 1][1]:start] == " ":  # «Ли Марина», «Шмидт Валентина»
                before_start, _, before = tokens[index - 1]
                if before[:1].isupper() and not before.isupper() and _foreign_surname(before):
                    start = before_start
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=SCORE, textual_explanation="given name"
            )
            results.append(RecognizerResult("PERSON", start, last, SCORE, explanation))
        return results


def _clipped_surname(word: str, names: frozenset[str], ambiguous: frozenset[str]) -> bool:
    """A capitalised Cyrillic word cut one to three letters after a listed given name of four letters or more: the
    start of a surname made from it («Ахметж.» for Ахметжанов, «Нурлыб.»); a dictionary word is no such thing."""
    from fieldkit.anonymise.morphology import natasha

    lowered = word.casefold()
    if (not is_cyrillic(word) or not word[1:].islower() or len(lowered) < 5
            or natasha()[2].word_is_known(lowered)):
        return False
    return any(lowered[:cut] in names and lowered[:cut] not in ambiguous
               for cut in range(max(4, len(lowered) - 3), len(lowered)))


class CapitalisedWordRecognizer(EntityRecognizer):
    """Cyrillic words capitalised mid-sentence that Russian morphology does not know as places or common
    nouns are usually names or nicknames ("Бек", "Рыжий", "с Рыжим")."""

    SCORE = 0.45

    def __init__(self, language: str = "ru") -> None:
        super().__init__(supported_entities=["PERSON"], name="CapitalisedWords", supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        from fieldkit.anonymise.morphology import natasha

        _, _, morph = natasha()
        results = []
        for start, end, word in words(text):
            if not (word[:1].isupper() and word[1:2].islower() and is_cyrillic(word) and len(word) >= 3):
                continue
            quoted = text[:start].rstrip()[-1:] in "«\"“" and text[end : end + 1] in "»\"”"
            line_start = "\n" in text[len(text[:start].rstrip()):start]  # a note's line starts a sentence
            if not quoted and (not text[:start].strip() or _SENTENCE_END.search(text[:start]) or line_start):
                continue  # sentence-initial capitals prove nothing; a quoted «Шайтан» is a nickname
            lowered = word.casefold()
            if lowered in _number_words() or is_everyday_foreign(lowered):
                continue  # «…джемил.com Один раз»: a number after whisper's missing full stop; «белая «Нексия»»
            if not quoted and is_common_kazakh(lowered):
                continue  # a Kazakh word capitalised as a title's first word: «Қылмыстық кодекстің 274-бабы»
            parses = morph.parse(lowered)
            tags = str(parses[0].tag)
            common = morph.word_is_known(lowered) and not (tags.startswith("ADJF") or "Name" in tags or "Surn" in tags)
            place = any(tag in tags for tag in ("Geox", "Orgn"))
            if not quoted and (common or place):  # a capitalised word in quotes is a nickname, whatever it means
                continue
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=self.SCORE, textual_explanation="capitalised mid-sentence"
            )
            results.append(RecognizerResult("PERSON", start, end, self.SCORE, explanation))
        return results


class FirstNameBeforeSurnameRecognizer(EntityRecognizer):
    """A capitalised word right before a surname-shaped word is its first name ("Erzhan Serikuly")."""

    SCORE = 0.7

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["PERSON"], name=f"FirstAndSurname-{language}", supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        tokens = words(text)
        results = []
        for (start, end, first), (next_start, next_end, second) in zip(tokens, tokens[1:], strict=False):
            if text[end:next_start].strip() or not first[:1].isupper() or first.casefold() in _NOT_SURNAMES:
                continue
            if len(first) < 3 or first.isupper() or not has_surname_shape(second):
                continue
            if _OUR.search(first.casefold()):
                continue  # «Бастығымыз Омаров», «Advokatımız Sembekov»: our boss, our lawyer, then his name
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=self.SCORE, textual_explanation="first name before surname"
            )
            results.append(RecognizerResult("PERSON", start, next_end, self.SCORE, explanation))
        return results


#: the end of a surname whisper split from its first part («жұма баев», «бай бекованың»)
_SURNAME_FRAGMENT = re.compile(r"^[а-яёәғқңөұүһі]{1,4}(?:ов|ев|ёв|ин)(?:а|у|ым|ой|тың|тің|ның|нің|қа|ке|ға|ге|ты|ті|ны|"
                               r"ні|пен|бен|мен|да|де|та|те|нан|нен|дан|ден|тан|тен)?$")
#: the Kazakh "our" ending, which no given name has: a title or kin word before a name («бастығымыз», «ағамыз»)
_OUR = re.compile(r"(?:мыз|міз|миз|myz|mız|miz)$")
_LOWER_CYRILLIC_SURNAME = re.compile(
    r"^[а-яёәғқңөұүһі]{2,}(?:ов|ев|ёв|ин|ова|ева|ёва|ина|ский|цкий|ская|цкая|ович|евич|овна|евна|ична|ұлы|улы|"
    r"қызы|кызы|енко|"
    # as speech recognition and hurried typing misspell them: -оф, -еф, -ава for -ова
    r"оф|еф|ава|эв"
    # the family by its surname, in the Kazakh plural: «жұмабаевтар», «жакыповтармен» (not «магазиндер»)
    r"|ов(?:тар|тер)|ев(?:тар|тер))"
    r"(?:а|у|ым|ом|е|ой|ую|ых|ыми|ы|ға|ге|қа|ке|да|де|та|те|дан|ден|нан|нен|тан|тен|ның|нің|дың|дің|"
    r"тың|тің|ны|ні|ды|ді|ты|ті|мен|бен|пен)?$"
)
_PATRONYMIC = re.compile(r"^[а-яё]{3,}(?:(?:ович|евич|ыч|ич)(?:а|у|ем|ом|е|тың|тің|қа|ке|пен|пен|ты|ті)?"
                         r"|(?:овн|евн|ичн)(?:а|у|ы|ой|е))$|"
                         r"^[а-яёәғқңөұүһі]{3,}(?:ұлы|улы|қызы|кызы)\w{0,4}$")
#: diminutive suffixes, with case endings, on a listed given name («маратика», «серикке» is not one)
_DIMINUTIVE = re.compile(r"^(?P<name>[а-яёәғқңөұүһі]{3,}?)(?:ик|ек|чик|ка|ушка|юшка)(?:а|у|ом|е|и|ой|ой)?$")
_LOWER_LATIN_SURNAME = re.compile(
    r"^[a-z]{3,}(?:ov|ev|yev|ova|eva|yeva|uly|ulu|kyzy|qyzy|bekov|bayev|baev|enko|skiy|skaya|ovich|evich|ovna|"
    rf"evna|{_LATIN_PATRONYMIC_FORMS})"
    r"(?:u|ym|om|oi|oy|tyn|tin|pen|men|ga|ge|ty|ti|ke|ka|da|de|ta|te|dan|den|tan|ten)?$"
)


#: Kazakh grammar in Russian letters that ends like an -ин surname, in words no dictionary knows: a verb's first
#: person («билмеймин», «журемин»), a participle under the accusative or genitive («биткенин»), a plural's genitive
#: («иштейтиндердин»), «inside» and «outside» («ишине», «сыртында»). (A surname of that shape the dictionary knows,
#: Еремин, is read as one before this is asked.)
_KAZAKH_FORM_LIKE_A_SURNAME = re.compile(
    # (and a Kazakh verb's "I" in Russian letters after «р», «л», «н»: «журмин», «бармын»; a short stem's
    # possessive: «изин»; an abbreviation's genitive: «иинин», «ердрдин»)
    r"(?:[рлн]м[иы]н|^[а-яё]{2}[иы]н|^(?:иин|жсн|ердр|жшс|тоо|кпп)[а-яё]*"
    r"|[аеиоуыэюяй]мин|[гк][аеыи]н(?:ин|ын)|(?:лер|лар|дер|дар|тер|тар)(?:дин|дын|тин|тын|нин|нын)"
    r"|^(?:иш|ыш|сырт|арт|уст|уст|аст)(?:ине|инде|инен|ына|ында|ынан|ин|ын))$")


@lru_cache(maxsize=50_000)
def is_lower_case_surname(word: str) -> bool:
    """A lower-case word shaped like a surname or patronymic that Russian morphology reads as one or does not
    know ("бекову", "жумабаевым", "серікұлы", "kozhanov"); common words of that shape ("готов", "часов") are
    known to it as something else."""
    if _LOWER_LATIN_SURNAME.match(word):
        # (not a Russian unit's plural in -ов typed in Latin: "grammov" is «граммов», grams; "kaliev" and "sadykov"
        # spell rare words too, «калиев», «садиков», and are surnames)
        from fieldkit.anonymise.latin_words import russian_spelling

        spelled = russian_spelling(word) if word.endswith(("ov", "ev")) else None
        return spelled is None or not _a_measure(spelled) or _has_a_name_reading(spelled)
    if not _LOWER_CYRILLIC_SURNAME.match(word) or word in _KAZAKH_IN_RUSSIAN_LETTERS:
        return False
    from fieldkit.anonymise.morphology import natasha

    _, _, morph = natasha()
    parses = morph.parse(word)
    if mostly_a_thing(word):
        return False  # a thing far more often than a surname made from a name: «машина» is a car, not Маша's
    if _surname_of_a_given_name(word):
        return True
    if not morph.word_is_known(word):
        return not _KAZAKH_FORM_LIKE_A_SURNAME.search(word)
    # a surname reading counts only when the common ones do not outweigh it («машин» is cars, not Машин)
    proper = sum(p.score for p in parses if any(tag in str(p.tag) for tag in ("Surn", "Patr", "Name")))
    return proper > 0 and proper >= sum(p.score for p in parses) - proper


#: the units a number counts, whose plural in -ов has a surname's shape: «граммов», «метров», «часов»
_MEASURES = frozenset({"грамм", "килограмм", "метр", "километр", "литр", "час", "рубль", "доллар", "сом", "тонна",
                       "процент", "кубометр", "миллиметр", "сантиметр", "гектар", "пакет", "мешок", "ящик"})


def _a_measure(word: str) -> bool:
    from fieldkit.anonymise.morphology import natasha

    return any(parse.normal_form in _MEASURES for parse in natasha()[2].parse(word))


@lru_cache(maxsize=20_000)
def _has_a_name_reading(word: str) -> bool:
    """Russian morphology reads the word as a surname, a given name or a patronymic in at least one parse («козлов»
    is goats and Козлов; «граммов» is grams only)."""
    from fieldkit.anonymise.morphology import natasha

    return any(tag in str(parse.tag) for parse in natasha()[2].parse(word) for tag in ("Surn", "Name", "Patr"))


#: a surname made of a given name, in any case: «дарханов», «маратова», «ерлановым», «серикбаеву» (the dictionary
#: reads some as the plural of a rare noun: «дарханов» of дархан, a craftsman)
_FROM_A_NAME = re.compile(r"^(?P<stem>[а-яёәғқңөұүһі]{3,})(?:ов|ев|ёв)(?:а|у|ым|ой|ом|е|ых|ыми|ы)?$")


@lru_cache(maxsize=50_000)
def _surname_of_a_given_name(word: str) -> bool:
    match = _FROM_A_NAME.match(fold(word))
    if match is None:
        return False
    names, ambiguous = given_names()
    return match["stem"] in names - ambiguous


@lru_cache(maxsize=50_000)
def _name_reading(word: str) -> bool:
    """Russian morphology reads a lower-case word mainly as a given name («витя», «олегом», «светлану»), and its
    common readings do not outweigh that one («вера», «гена» the gene, «надежда» stay common words)."""
    from fieldkit.anonymise.morphology import natasha

    _, _, morph = natasha()
    if not morph.word_is_known(word):
        return False
    parses = morph.parse(word)
    # a plural name is rarer than a Kazakh word morphology mistakes for one («айтам», I say, is not Айта)
    proper = sum(p.score for p in parses if "Name" in str(p.tag) and "plur" not in str(p.tag))
    return proper > 0 and proper > sum(p.score for p in parses) - proper


@lru_cache(maxsize=50_000)
def _surname_reading(word: str) -> bool:
    """Russian morphology reads a lower-case word mostly as a surname («цоя», «шевчуку»): its surname readings
    weigh at least twice its common ones."""
    from fieldkit.anonymise.morphology import natasha

    _, _, morph = natasha()
    if not morph.word_is_known(word) or len(word) < 3:
        return False
    parses = morph.parse(word)
    proper = sum(p.score for p in parses if "Surn" in str(p.tag) and "plur" not in str(p.tag))
    return proper > 0 and proper > 2 * (sum(p.score for p in parses) - proper)


#: Latin-script case endings of names in messenger Kazakh and Russian ("ainurdyn", "ersultanmen", "gulnaraga")
_LATIN_ENDINGS = ("dyn", "din", "tyn", "tin", "nyn", "nin", "men", "ben", "pen", "dan", "den", "tan", "ten", "nan",
                  "nen", "ga", "ge", "ka", "ke", "qa", "ny", "ni", "dy", "di", "ty", "ti", "da", "de", "ta", "te",
                  "om", "em", "oi", "ym", "u", "a", "e", "y")
#: what a hyphen may join to a name: a Kazakh case ending or a respectful word ("Saken-ge", «Ерлан-ға», "Khamid-aka")
_HYPHENED_TAILS = frozenset({*_LATIN_ENDINGS, "ga", "ge", "qa", "ke", "ka", "ға", "ге", "қа", "ке", "га", "ка", "ның",
                             "нің", "дың", "дің", "тың", "тің", "нын", "нин", "дын", "дин", "мен", "бен", "пен", "нан",
                             "нен", "дан", "ден", "тан", "тен", "ны", "ні", "ды", "ді", "aka", "aga", "apa", "apai",
                             "agai", "zhan", "jan", "ака", "ага", "аға", "апа", "апай", "ағай", "жан", "ake", "eke"})
#: "I am" after a name: «мен ерболатпын», «жандоспын», «асқармын», «айгерімбін» (folded)
_I_AM = ("пын", "пин", "мын", "мин", "бын", "бин")
_RUSSIAN_NAME_ENDINGS = ("ом", "ем", "ой", "ей", "ою", "а", "у", "е", "ы", "и")
#: Kazakh words that Russian morphology reads as names but that are ordinary nouns («адам» a person, «аты» his
#: name), and kin terms people put before names
_KAZAKH_COMMON = frozenset({"адам", "аты", "атын", "есімі", "қарулы", "сулы", "малды", "жолды",
                            "бала", "апа", "аға", "ата", "әке", "шеше", "іні", "қыз",
                            "ұл", "жігіт", "кісі", "біреу", "бауыр", "әже", "апай", "ағай", "жеңге", "келін", "дос",
                            "ана", "ара", "мама", "папа", "жан", "бастық", "бастығы", "жеке"})
#: elements Kazakh given names are built with: Мейрам+бек, Тілеу+берді, Ғалым+жан, Ер+ғали, Нұр+болат
_KAZAKH_NAME_ENDS = ("бек", "бай", "жан", "ғали", "гали", "бол", "болат", "берді", "берди", "гүл", "гуль", "сұлтан",
                     "султан", "мұрат", "мурат", "марал", "ғазы", "газы", "хан", "нұр", "нур", "келді", "келди",
                     "гелді", "гелди", "балды", "мұқан", "мукан", "әлі", "қали", "кали", "темір", "темир", "құл", "кул",
                     "тарғын", "таргын", "ахмет", "пек", "берген")


def _number_words() -> frozenset[str]:
    from fieldkit.anonymise.number_words import HUNDREDS, TEENS, TENS, UNITS

    return frozenset({*UNITS, *TEENS, *TENS, *HUNDREDS})


_NUMBER_WORDS = _number_words()


#: the Kazakh plural endings, a family by its name among them («жумабаевтар»)
KAZAKH_PLURALS = ("лар", "лер", "дар", "дер", "тар", "тер")
#: Kazakh postpositions in messenger Latin that a name list would read as a name with an ending
_KAZAKH_POSTPOSITIONS_IN_LATIN = frozenset({"turaly", "tuvraly", "jaily", "zhaily", "jaiyly", "arqyly", "arkyly",
                                            "boiynsha", "boyinsha", "boıynsha", "sekildi", "siyaqty", "siyakty"})
_LATIN_PLURALS = ("lar", "ler", "dar", "der", "tar", "ter")


@lru_cache(maxsize=100_000)
def _name_keys(word: str) -> frozenset[str]:
    """The keys a given name may be listed under, for a word in any case and script (read once per word: a
    transcript repeats its words)."""
    lowered = fold(word)
    keys = {fold(word_key(word)), lowered}
    head, hyphen, tail = lowered.rpartition("-")
    if hyphen and len(head) >= 3 and tail in _HYPHENED_TAILS:  # "Saken-ge", «Сакен-ге», "Khamid-aka": the name
        keys |= _name_keys(head)
    if is_cyrillic(lowered):
        stripped = strip_kazakh_suffix(lowered)
        keys.add(stripped)
        # a soft sign the list's spelling lacks: «дильнозы» is Дилноза's (given_names drops the list's own); the
        # word's own letters only, not its lemma's («решал» is «решать»)
        if "ь" in lowered and len(lowered) >= 6 and not reads_first_as(lowered):  # (not «написать»)
            keys |= _name_keys(lowered.replace("ь", "")) & given_names()[0]
        # a family called by one member's name in the plural: «гүлнарлардың үйі» (Gulnar's family's house)
        if stripped.endswith(KAZAKH_PLURALS) and len(stripped) >= 7:
            names, ambiguous = given_names()
            keys |= {stripped[:-3]} & (names - ambiguous)
        keys |= {lowered[:-3] for ending in _I_AM if lowered.endswith(ending) and len(lowered) >= 6}  # «ерболатпын»
        if lowered.endswith(("ы", "і")) and len(lowered) >= 5:  # Kazakh possessive: «жанары» is Жанара's
            keys |= {lowered[:-1], lowered[:-1] + "а"}
        if not _known_word(lowered):  # a Kazakh name with a Russian ending: «дастаном», «ғазизой»
            keys |= {lowered[: -len(ending)] for ending in _RUSSIAN_NAME_ENDINGS
                     if lowered.endswith(ending) and len(lowered) - len(ending) >= 3}
    else:
        keys |= {lowered[: -len(ending)] for ending in _LATIN_ENDINGS
                 if lowered.endswith(ending) and len(lowered) - len(ending) >= 3}
        # the family in the plural, as messengers write it: "gulnarlardyn uiine", "erlandar keldi"
        plurals = {key[:-3] for key in (*keys, lowered) if key.endswith(_LATIN_PLURALS) and len(key) >= 7}
        if plurals:
            names, ambiguous = given_names()
            keys |= {stem for stem in plurals if latin_key(stem) in latin_names() and stem not in ambiguous}
        if "'" in lowered:  # a soft sign before the ending: "aigul'ya", "igor'em"
            keys.add(lowered.split("'")[0])
        # a capitalised name in -a in another case: "Dimke" (Dimka), "Sashu", "Mashei" (not "else", Elsa)
        if word[:1].isupper() and not _english_word(lowered):
            keys |= {lowered[: -len(ending)] + "a" for ending in ("e", "u", "oi", "oy", "ei", "ey", "y", "i")
                     if lowered.endswith(ending) and len(lowered) - len(ending) >= 3}
    return frozenset(keys)


def _english_word(word: str) -> bool:
    from fieldkit.anonymise.latin_words import is_english_word

    return is_english_word(word)


def _hyphen_joined_full_name(word: str, names: frozenset[str], ambiguous: frozenset[str]) -> bool:
    """A given name and a surname whisper joined with a hyphen: «эльчин-мамедов», «мамедов-эльчин»."""
    parts = word.split("-")
    if len(parts) != 2 or min(map(len, parts)) < 3:
        return False
    first, second = parts
    return ((_listed_name(first, names, ambiguous) and is_lower_case_surname(second))
            or (is_lower_case_surname(first) and _listed_name(second, names, ambiguous))
            # a double surname, its second half a surname's shape or a Korean one in any case: «мусина-валиева»,
            # "ospanova-kimmen"
            or (_double_surname_half(first) and (is_lower_case_surname(second) or _korean_in_a_case(second))))


#: the feminine or the -ин half of a double surname, in Latin too ("musina", «мусина»): its shape alone
_FIRST_HALF = re.compile(r"(?:ова|ева|ёва|ина|ына|ova|eva|yeva|ina|yna)$")
#: the case endings after a short surname in either script
_SHORT_SURNAME_CASES = ("", "а", "у", "ом", "е", "ке", "ге", "мен", "пен", "нің", "ның", "ға", "қа", "ты", "ті",
                        "a", "u", "om", "e", "ke", "ge", "men", "pen", "nin", "nyn", "ga", "qa", "ty", "ti")


def _double_surname_half(word: str) -> bool:
    lowered = word.casefold()
    return len(lowered) >= 5 and (is_lower_case_surname(word) or bool(_FIRST_HALF.search(lowered)))


def _korean_in_a_case(word: str) -> bool:
    lowered = fold(word)
    return any(lowered.endswith(ending) and (lowered[: len(lowered) - len(ending)] in _KOREAN_SURNAMES
                                             or lowered[: len(lowered) - len(ending)] in _KOREAN_SURNAMES_IN_LATIN)
               for ending in _SHORT_SURNAME_CASES)


@lru_cache(maxsize=100_000)
def _listed_name(word: str, names: frozenset[str], ambiguous: frozenset[str], *, strict: bool = True) -> bool:
    """A given name from the list, in any case, or a diminutive of one («маратика»). ``strict``: leave out names
    that are also ordinary words."""
    if word.casefold() in _KAZAKH_COMMON:
        return False
    lowered = fold(word)
    if word.isascii() and word.isalpha() and lowered not in ambiguous and lowered not in _ENGLISH_WORDS and (
            latin_key(lowered) in latin_names()):
        return True  # the whole word is a listed name ("dinara"), whatever an ending stripped off would leave
    if lowered in _KAZAKH_POSTPOSITIONS_IN_LATIN:
        return False  # "turaly" (about) is no case of Tural
    keys = _name_keys(word)
    if lowered.endswith(("ы", "і")) and lowered not in names and _kazakh_stem(lowered):
        keys = keys - {lowered[:-1], lowered[:-1] + "а"}  # «туралы» (about) is a Kazakh word, not Турал's
    # in Russian letters too («нұрік» for the listed Нурик), from five letters on: «әлі» (still) is no «али»
    spellings = keys | {plain(key) for key in keys if len(key) >= 5}
    if spellings & names and not (strict and keys & ambiguous):
        return True
    if word.isascii() and word.isalpha() and {latin_key(key) for key in keys} & latin_names() and not (
            strict and keys & ambiguous) and word.casefold() not in _ENGLISH_WORDS:
        return True  # "Nurjan", "Wamil", "abdurashid": a listed name in another transliteration
    if fold(word) in name_case_forms():
        return True
    if word.isascii() and word.isalpha() and len(word) >= 4 and lowered not in _ENGLISH_WORDS and (
            _latin_case_form_of_a_name(lowered)):
        return True
    diminutive = _DIMINUTIVE.match(word)
    return bool(diminutive) and fold(word_key(diminutive["name"])) in names - ambiguous


def _latin_case_form_of_a_name(lowered: str) -> bool:
    """A listed name in messenger Latin with a Russian case ending ("sashe", "zhoru"), no English or Kazakh word and
    no Russian word but the name's own case form («жени» is also a verb)."""
    from fieldkit.anonymise.latin_words import english_frequency, is_kazakh_in_latin, russian_spelling

    if english_frequency(lowered) >= 1e-6:
        return False
    key = latin_key(lowered)
    stem = next((key[:-len(e)] for e in _LATIN_NAME_ENDINGS if key.endswith(e) and len(key) - len(e) >= 3), None)
    if not stem or stem.rstrip("aeiouy") not in latin_name_stems() or is_kazakh_in_latin(lowered):
        return False
    russian = russian_spelling(lowered)
    return russian is None or fold(russian) in name_case_forms()


def is_ambiguous_name(word: str) -> bool:
    """A listed given name that is also an ordinary word («вера», «слава», «роза», «бақыт»)."""
    names, ambiguous = given_names()
    return _listed_name(word, names, ambiguous, strict=False) and not _listed_name(word, names, ambiguous)


def is_listed_name(word: str) -> bool:
    """A given name from the lists in any case and script, names that are also ordinary words included."""
    names, ambiguous = given_names()
    return _listed_name(word, names, ambiguous, strict=False)


@lru_cache(maxsize=1)
def _given_names_by_start() -> dict[str, tuple[str, ...]]:
    names, ambiguous = given_names()
    grouped: dict[str, list[str]] = {}
    for name in names - ambiguous:
        if len(name) >= 4 and is_cyrillic(name):
            grouped.setdefault(name[:1], []).append(name)
    return {start: tuple(group) for start, group in grouped.items()}


@lru_cache(maxsize=20_000)
def one_letter_from_a_given_name(word: str) -> bool:
    """Whether a word of four letters or more is one letter changed from a listed given name with the same first
    letter and length («рустом» for Рустам, «ерлон» for Ерлан): whisper's vowels, not its words."""
    lowered = fold(word)
    return any(len(name) == len(lowered) and sum(a != b for a, b in zip(name, lowered, strict=True)) == 1
               for name in _given_names_by_start().get(lowered[:1], ()))


def unknown_non_kazakh_word(word: str) -> bool:
    """A Cyrillic word no Russian dictionary knows and that is not shaped like Kazakh written in Russian letters:
    beside a given name or a rank, a surname of any origin («ридель», «келлер») or one Russian morphology reads as
    a surname («шевчук»)."""
    lowered = fold(word)
    if len(lowered) < 4 or not is_cyrillic(lowered) or has_kazakh_letters(lowered) or lowered in _NUMBER_WORDS:
        return False
    if lowered in _KAZAKH_IN_RUSSIAN_LETTERS:
        return False
    if _foreign_surname(lowered):
        return True
    return not lowered.endswith(_KAZAKH_WORD_ENDINGS) and not _known_word(lowered)


def looks_like_a_name(phrase: str) -> bool:
    """Whether a phrase has a word that is a listed given name, shaped like a surname or capitalised like one:
    what is left of a name span when another finding took part of it."""
    names, ambiguous = given_names()
    return any(_listed_name(word, names, ambiguous, strict=False) or has_surname_shape(word)
               or is_lower_case_surname(word.casefold()) for _, _, word in words(phrase))


def _kazakh_stem(word: str) -> bool:
    from fieldkit.anonymise.kazakh_words import is_kazakh_stem

    return is_kazakh_stem(word)


@lru_cache(maxsize=50_000)
def is_common_kazakh(word: str) -> bool:
    """A Kazakh dictionary word, as it stands or under its endings («сайын», «жіберді»), that no name list holds:
    Russian morphology's name reading of it («Сайын») and the shape of a Kazakh compound name do not count."""
    from fieldkit.anonymise.kazakh_words import is_plainly_kazakh

    names, ambiguous = given_names()
    return is_plainly_kazakh(word) and not _listed_name(word, names, ambiguous, strict=False)


def _name_before_pek(first: str) -> bool:
    """Whisper's «-пек» for «-бек» after a voiceless letter («мұратпек»), told from a verb's intention form, «өтпек
    болды» (meant to cross), «кетпек»: the part before it is a listed name, or long and no Kazakh word."""
    names, _ambiguous = given_names()
    return fold(first) in names or (len(first) >= 5 and not is_common_kazakh(first))


@lru_cache(maxsize=50_000)
def _kazakh_compound_name(word: str) -> bool:
    """A word no dictionary knows, built like a Kazakh given name (Мейрамбек, Тілеуберді, Ғалымжанды)."""
    lowered = word.casefold()
    if not is_cyrillic(lowered) or lowered in _KAZAKH_COMMON or _known_word(lowered):
        return False
    stems = {lowered, strip_kazakh_suffix(lowered)}
    stems |= {lowered[: -len(ending)] for ending in ("а", "у", "ом", "ым", "ға", "ны", "ның", "мен", "ға", "қа", "ке")
              if lowered.endswith(ending)}
    # a name in -й with a Russian case ending: «у қаржаубая», «к серікбаю», «с мырзабаем»
    stems |= {lowered[: -len(ending)] + "й" for ending in ("я", "ю", "ем", "е") if lowered.endswith(ending)}
    first_parts = [len(stem) - len(end) for stem in stems for end in _KAZAKH_NAME_ENDS
                   if stem.endswith(end) and len(stem) - len(end) >= 2
                   and (end != "пек" or _name_before_pek(stem[: -len(end)]))]
    # «жіберді» (sent) ends like Тілеуберді after two letters, and the Kazakh dictionary has it
    return bool(first_parts) and (max(first_parts) >= 3 or not is_common_kazakh(lowered))


#: the same elements in messenger Latin, and the case endings a name takes after them ("sansyzbaiga",
#: "tolebaya", "ermekbaem", "zhumagalidyn")
_LATIN_KAZAKH_NAME_ENDS = ("bek", "bai", "bay", "zhan", "jan", "gali", "ghali", "bolat", "berdi", "bergen", "gul",
                           "gül", "sultan", "murat", "khan", "nur", "keldi", "mukhan", "temir", "akhmet")
_LATIN_KAZAKH_NAME = re.compile(
    rf"^(?P<first>[a-zäöüığşçñ]{{4,}}?)(?:{'|'.join(_LATIN_KAZAKH_NAME_ENDS)})"
    r"(?:a|ya|u|yu|e|em|om|i|y|ga|ge|qa|ke|ka|ny|ni|dy|di|ty|ti|tyn|tin|dyn|din|nyn|nin|men|ben|pen|"
    r"dan|den|tan|ten|nan|nen|da|de|ta|te|ov|ova|ovy)?$")
#: a verb stem before «-бай», «-бей» (without …): a causative's, "otyrgyzbai", or a reflexive's, "tartynbai"
_VERB_STEM_BEFORE_BAI = re.compile(r"(?:(?:g|gh|q|k)[yiı]z|[yiıu]n)$")


@lru_cache(maxsize=50_000)
def latin_kazakh_compound_name(word: str) -> bool:
    """A Latin word built like a Kazakh given name ("sansyzbai", "tolebaiga", "zhumagali") that is no English word
    nor a Russian one in messenger spelling: Kazakh words make many of these names («сансыз», countless, «бай»,
    rich), so the Kazakh dictionary's reading of the parts does not count. The part before the element has four
    letters at least («жазбай», without writing, has three) and is no causative verb's («отырғызбай»)."""
    from fieldkit.anonymise.latin_words import (
        EVERYDAY_LATIN,
        is_kazakh_in_latin,
        is_russian_in_latin,
        kazakh_stems_in_latin,
        plain_cyrillic,
    )

    lowered = word.casefold()
    match = _LATIN_KAZAKH_NAME.match(lowered)
    if (match is None or not lowered.isalpha() or not word.islower() or lowered in EVERYDAY_LATIN
            or len(plain_cyrillic(match["first"])) < 4):  # ("zhaz" is «жаз»: "zhazbaidy", does not write)
        return False
    whole = lowered[: match.end("first")] + next(end for end in _LATIN_KAZAKH_NAME_ENDS
                                                if lowered.startswith(end, match.end("first")))
    if latin_key(whole) in kazakh_stems_in_latin() or latin_key(lowered) in kazakh_stems_in_latin():
        return False  # a Kazakh word that ends like a name: "emtikhan" (an exam), "aurukhana" (a hospital)
    if whole.endswith(("bai", "bay")) and _VERB_STEM_BEFORE_BAI.search(match["first"]) and is_kazakh_in_latin(
            lowered):
        return False
    return not (_english_word(lowered) or is_russian_in_latin(lowered))


#: the first elements of Kazakh compound names, in both scripts: Жан+серік, Нұр+сұлтан, Ай+сұлу, Бек+жан
_NAME_FIRST_ELEMENTS = ("жан", "нұр", "нур", "ай", "бек", "ер", "гүл", "гул", "ақ", "ак", "абдул", "абду", "мұхамед",
                        "мухамед", "zhan", "jan", "nur", "ai", "ay", "bek", "er", "gul", "ak", "aq", "abdul", "abdu",
                        "mukhamed", "mukhammed")


@lru_cache(maxsize=50_000)
def prefixed_compound_name(word: str) -> bool:
    """A lower-case word that is a Kazakh first element before a listed given name of four letters or more, in any
    case ("zhanserik", «жансерікке», «нұрсұлтанға»): the lists hold the common compounds, speech makes the rest. A
    name that is also a word after the element does not count («ай» + «сұлу», beautiful)."""
    lowered = word.casefold()
    if not lowered.isalpha() or not word.islower() or len(lowered) < 6:
        return False
    names, ambiguous = given_names()
    for element in _NAME_FIRST_ELEMENTS:
        rest = lowered[len(element):]
        if lowered.startswith(element) and len(rest) >= 4 and _listed_name(rest, names, ambiguous) and not (
                _english_word(lowered)):
            return True
    return False


class LowerCaseNameRecognizer(EntityRecognizer):
    """Names as speech recognition writes them, in lower case ("потом ерлан бекову позвонил", "асқармен бірге",
    "my friend murat kozhanov"): a given name from the list (not one that is also an ordinary word), a word
    Russian morphology reads mainly as a given name, and words shaped like surnames or patronymics
    (is_lower_case_surname); a name split in two by the recogniser («бау ыржан», «нур лан») is joined back;
    neighbours join into one span, and a word right before a surname or a patronymic is taken in when it can be
    a given name («ардака сапарова»). Capitalised names are the other recognizers' work."""

    SCORE = 0.6

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["PERSON"], name=f"LowerCaseNames-{language}",
                         supported_language=language)

    def load(self) -> None:
        given_names()
        name_case_forms()  # a second's work over the lists: at load, not in the first transcript

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        names, ambiguous = given_names()
        tokens = [(start, end, word) for start, end, word in words(text)]

        def candidate(word: str) -> bool:
            return (len(word) >= 3 and word.islower() and word.casefold() not in _NOT_SURNAMES
                    and word.casefold() not in _NUMBER_WORDS)

        russian = RussianSentences(text, tokens)  # a Kazakh word Russian morphology reads as a name: «сайын»
        english = self.supported_language == "en"
        # what a word is on its own is worked out once per word: a long transcript says the same words many times
        alone: dict[str, tuple[bool, bool, bool]] = {}

        def by_itself(word: str) -> tuple[bool, bool, bool]:
            """Whether it can be a name; is one wherever it stands; reads as a name in a Russian sentence."""
            if word not in alone:
                possible = candidate(word) and word.casefold() not in _KAZAKH_COMMON
                alone[word] = (possible, possible and (
                    _listed_name(word, names, ambiguous)
                    # (a Kazakh word shaped like an -ин surname is no surname: «келетин», «ретинде»; «ахметовке» is one)
                    or (is_lower_case_surname(word) and not (
                        is_common_kazakh(word) and not _OV_SURNAME.search(word.casefold())))
                    or _standalone_korean_surname(word)
                    or _kazakh_compound_name(word)
                    or latin_kazakh_compound_name(word)
                    or prefixed_compound_name(word)
                    or _hyphen_joined_full_name(word, names, ambiguous)
                    or glued_honorific_name(word)), possible and is_cyrillic(word) and (
                    _name_reading(word) or _surname_reading(word)))
            return alone[word]

        kept: dict[str, bool] = {}
        flags = []
        for index, (_start, _end, word) in enumerate(tokens):
            possible, named, russian_name = by_itself(word)
            flag = possible and (
                named or (english and _name_in_english(word, tokens[index - 1][2] if index else ""))
                or (russian_name and (russian[index] or not is_common_kazakh(word))))
            if flag and word not in kept:
                kept[word] = is_kept(word)
            if flag and kept[word]:
                flag = False  # a country with a Kazakh ending in Russian letters is no surname: «ресейдин»
            flags.append(flag)
        for index, (_start, _end, word) in enumerate(tokens):  # «Бригада: Хван (бригадир)»: capitalised, too
            if not flags[index] and word[:1].isupper() and not word.isupper() and _standalone_korean_surname(word):
                flags[index] = True
        for i in range(len(tokens) - 1):  # «бау ыржан», «нур лан», «бек болат»: one name split in two
            (_, end, first), (start, _, second) = tokens[i], tokens[i + 1]
            if (text[end:start] == " " and first.islower() and second.islower() and len(first) >= 2
                    and len(second) >= 2 and (not _function_word(first) or has_kazakh_letters(second))
                    and (not _function_word(second) or (len(second) >= 3 and reads_first_as(second, ("INTJ",))))
                    # (nor a name and the Kazakh "and" after it: «әсем мен перизат» is no «әсеммен»; «ма ша» may
                    # still be Маша, as «ма» is no name of its own)
                    and not (second.casefold() in _ENDINGS_WRITTEN_APART
                             and _listed_name(first, names, ambiguous, strict=False))
                    # (not two Kazakh words, the second no name: «дос болды», became friends, is no Досбол)
                    and not (is_common_kazakh(first) and is_common_kazakh(second)
                             and second.endswith(("ды", "ді", "ты", "ті", "ған", "ген", "қан", "кен", "ып", "іп"))
                             and not _listed_name(second, names, ambiguous, strict=False))
                    and (_name_keys(first + second) & (names - ambiguous)
                         # (or one letter off a listed name, whisper's vowel too: «гуль нора» for Гульнора)
                         # (not a word of the sentence before a name, «был нур»: the first half is a listed name
                         # or no word at all)
                         or (len(first) >= 3 and len(second) >= 3 and len(first + second) >= 7
                             and is_cyrillic(first + second) and not _function_word(first)
                             and not _function_word(second)
                             and (_listed_name(first, names, ambiguous, strict=False) or not _known_word(first))
                             and not is_common_kazakh(first) and not is_common_kazakh(second)
                             and not reads_first_as(first, ("VERB", "INFN"))
                             and one_letter_from_a_given_name(first + second)))):
                flags[i] = flags[i + 1] = True
        for i in range(1, len(tokens)):  # a given name before a surname, a patronymic after a given name
            start, _end, word = tokens[i]
            # (a patronymic another recognizer found tells as much: «заря иосифовна браун», «веры Ивановна»)
            patronymic = _PATRONYMIC.match(word.casefold())
            if not (flags[i] or patronymic) or flags[i - 1] or text[tokens[i - 1][1]:start] != " ":
                continue
            before = tokens[i - 1][2]
            if (candidate(before) and (is_lower_case_surname(word) or patronymic)
                    and not _in_kazakh_genitive(before)
                    and (_listed_name(before, names, ambiguous, strict=False) or _name_reading(before)
                         # (a Kazakh word before a surname is no given name, «турады ресейдин», unless the two
                         # are one surname whisper split: «жұма баев»)
                         or (is_cyrillic(before) and not _known_word(before)
                             and not _russian_noun_under_kazakh_ending(before) and (
                                 not is_common_kazakh(before) or _SURNAME_FRAGMENT.match(word.casefold())))
                         # before a patronymic any noun is a given name, listed or not («заря иосифовна»)
                         or (patronymic and not _function_word(before)
                             and not reads_first_as(before, NOT_A_NICKNAME)))):
                flags[i - 1] = flags[i] = True  # one person, whatever the patronymic's case
        for i in range(len(tokens) - 1):  # a given name after a surname: «жаксылыков медет», «ахметова бақыт»
            (_, end, word), (start, _, after) = tokens[i], tokens[i + 1]
            if (flags[i] and not flags[i + 1] and text[end:start] == " " and is_lower_case_surname(word)
                    and candidate(after) and fold(after) not in _UNITS_NOT_NAMES
                    and _listed_name(after, names, ambiguous, strict=False)):
                flags[i + 1] = True
        for i in range(1, len(tokens)):  # «светлану николаевну»
            if flags[i - 1] and not flags[i] and text[tokens[i - 1][1]:tokens[i][0]] == " ":
                flags[i] = bool(_PATRONYMIC.match(tokens[i][2]))
        for i in range(1, len(tokens)):  # «с жекой бабушкиным»: a possessive adjective in the name's case
            if (flags[i - 1] and not flags[i] and text[tokens[i - 1][1]:tokens[i][0]] == " "
                    and _listed_name(tokens[i - 1][2], names, ambiguous, strict=False)):
                flags[i] = _possessive_surname_beside(tokens[i - 1][2], tokens[i][2])
        # a surname after a given name and patronymic, whatever word it is: «лариса николаевна кимм», "viktor
        # ivanovich fast" (the patronymic says a full name is being said)
        for i in range(2, len(tokens)):
            word, before = tokens[i][2], tokens[i - 1][2]
            if (flags[i - 1] and flags[i - 2] and not flags[i] and text[tokens[i - 1][1]:tokens[i][0]] == " "
                    and (_PATRONYMIC.match(before) or _LATIN_PATRONYMIC.match(before)) and candidate(word)
                    and not before.endswith(("тың", "тің", "ның", "нің", "дың", "дің"))  # «палычтың гаражы»
                    and _surname_after_patronymic(word)):
                flags[i] = True
        # a surname before a given name and patronymic, in the order of forms and lists, when it can be one: a
        # surname reading, a nickname-stock word, or no dictionary word («сорока виктор павлович», «кит юрий
        # михайлович»); not a job or kin word («водитель виктор павлович») nor a rank
        for i in range(1, len(tokens) - 1):
            word, name, patronymic = tokens[i - 1][2], tokens[i][2], tokens[i + 1][2]
            if (flags[i] and flags[i + 1] and not flags[i - 1] and _PATRONYMIC.match(patronymic.casefold())
                    and text[tokens[i - 1][1]:tokens[i][0]] == " "
                    # (a number word may be the surname here: «сорока» is forty's genitive and a magpie)
                    and len(word) >= 3 and word.islower() and word.casefold() not in _NOT_SURNAMES
                    and _listed_name(name, names, ambiguous, strict=False) and not is_kept(word)
                    and not _function_word(word) and not is_kin_word(word) and not is_frame_word(word)
                    and not is_common_kazakh(word)
                    and (_foreign_surname(word) or is_stock_animal(word) or unknown_non_kazakh_word(word))):
                flags[i - 1] = True
        # a word no dictionary knows right after a listed given name is its surname: «вольдемар ридель»,
        # «станислав вебер» (not a Kazakh word written in Russian letters: «ерлан келди»)
        for i in range(1, len(tokens)):
            word, before = tokens[i][2], tokens[i - 1][2]
            if (flags[i - 1] and not flags[i] and text[tokens[i - 1][1]:tokens[i][0]] == " " and candidate(word)
                    and unknown_non_kazakh_word(word)
                    and (not is_common_kazakh(word) or fold(word) in _PATRONYMIC_WORDS)
                    and _listed_name(before, names, ambiguous)):
                flags[i] = True
        # a surname-shaped word after a listed given name, where the dictionary's first reading is no plain noun:
        # «жорик лапин» (as a noun, «лапин» is only a rare plural of «лапа»; «ерлан магазин ашты» keeps its shop)
        for i in range(1, len(tokens)):
            word, before = tokens[i][2], tokens[i - 1][2]
            if (flags[i - 1] and not flags[i] and text[tokens[i - 1][1]:tokens[i][0]] == " " and candidate(word)
                    and _LOWER_CYRILLIC_SURNAME.match(word) and not _plain_noun_first(word)
                    and not is_common_kazakh(word)
                    and (_listed_name(before, names, ambiguous) or _DIMINUTIVE.match(before))):
                flags[i] = True
        # the same in Latin letters: a word of no language the text could be in, after a listed given name, is
        # his surname: "viktor schmidt", "taras kovalchuk" (not "bolat keldi", "viktor skazal", "marat said")
        for i in range(1, len(tokens)):
            word, before = tokens[i][2], tokens[i - 1][2]
            if (flags[i - 1] and not flags[i] and text[tokens[i - 1][1]:tokens[i][0]] == " " and candidate(word)
                    and _unknown_latin_surname(word) and _listed_name(before, names, ambiguous)
                    and not _in_kazakh_genitive(before)):
                flags[i] = True
        # a Latin word shaped like a Russian, Ukrainian or Kazakh surname after a listed given name, even when it is
        # also a word in Latin letters: "oleg shvets" (швец, a tailor), "rinat gaysin"
        for i in range(1, len(tokens)):
            word, before = tokens[i][2], tokens[i - 1][2]
            if (flags[i - 1] and not flags[i] and text[tokens[i - 1][1]:tokens[i][0]] == " " and candidate(word)
                    and word.isascii() and len(word) >= 5 and _LATIN_SURNAME_SHAPE.search(word.casefold())
                    and word.casefold() not in _NOT_LATIN_SURNAMES and not _english_word(word.casefold())
                    and _listed_name(before, names, ambiguous) and not _in_kazakh_genitive(before)):
                flags[i] = True
        # a surname of any origin beside a given name: «эдик циммерман», «шмидт валентина», «пак слава»
        for i in range(len(tokens)):
            if not candidate(tokens[i][2]) or not (_foreign_surname(tokens[i][2])
                                                   or _korean_under_a_kazakh_ending(tokens[i][2])):
                continue
            for j in (i - 1, i + 1):
                if not 0 <= j < len(tokens) or text[tokens[min(i, j)][1]:tokens[max(i, j)][0]] != " ":
                    continue
                neighbour = tokens[j][2]
                if flags[j] or (candidate(neighbour) and _listed_name(neighbour, names, ambiguous, strict=False)):
                    flags[i] = flags[j] = True
        # a given name that is also a word, bare, right before a given name found, or right after one that is bare
        # itself: the nickname or the second name said with it ("tarlan erbol", «бақыт ерлан»; not «ерланға бақыт
        # тіледік», wished Erlan happiness)
        for i in range(len(tokens)):
            for j in (i - 1, i + 1):
                if (0 <= j < len(tokens) and flags[j] and not flags[i]
                        and text[tokens[min(i, j)][1]:tokens[max(i, j)][0]] == " " and candidate(tokens[i][2])
                        and len(tokens[i][2]) >= 4 and _bare_name_that_is_a_word(tokens[i][2], ambiguous)
                        and (j > i or _bare_listed_name(tokens[j][2], names))
                        and not (max(i, j) + 1 < len(tokens)
                                 and _PLACE_OR_BODY_HEAD.match(tokens[max(i, j) + 1][2]))):
                    # («тұрсын абай шахтасында»: Tursyn, at the Abai mine)
                    flags[i] = True
        marked: list[tuple[int, int]] = []
        for (start, end, _word), flag in zip(tokens, flags, strict=True):
            if not flag:
                continue
            if marked and not text[marked[-1][1]:start].strip():
                marked[-1] = (marked[-1][0], end)  # "ерлан бекову": one person
            else:
                marked.append((start, end))
        explanation = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE,
                                          textual_explanation="lower-case name")
        return [RecognizerResult("PERSON", start, end, self.SCORE, explanation) for start, end in marked]


#: a head word that makes the word before it the name of a mine, a plant, a street or a place
_PLACE_OR_BODY_HEAD = re.compile(r"(?:шахта|зауыт|кеніш|кениш|комбинат|фабрика|разрез|көше|коше|даңғыл|дангыл|ауыл|"
                                 r"аудан|қала|кала|облыс|шағын|шагын|мешіт|мешит|мектеп|koshe|auyl|audan|qala|"
                                 r"kala|shakht|zauyt|mektep)\w*$", re.IGNORECASE)


def _bare_name_that_is_a_word(word: str, ambiguous: frozenset[str]) -> bool:
    """A listed given name that is also an ordinary word, as it stands («бақыт», "tarlan")."""
    if word.isascii():  # ("marat said nothing": an English word is the word)
        return latin_key(word.casefold()) in latin_names_also_words() and not _english_word(word.casefold())
    return fold(word) in ambiguous or plain(fold(word)) in _plain_keys(ambiguous)


@lru_cache(maxsize=2)
def _plain_keys(keys: frozenset[str]) -> frozenset[str]:
    """The keys in Russian letters («бақыт» as «бакыт»), as keyboards and whisper write Kazakh."""
    return frozenset(plain(key) for key in keys)


def _bare_listed_name(word: str, names: frozenset[str]) -> bool:
    """A listed given name as it stands, with no case ending («ерлан», "erbol")."""
    if word.isascii():
        return latin_key(word.casefold()) in latin_names()
    return fold(word) in names


#: the -ов/-ев of a Russian-shaped surname, with a Kazakh or Russian ending after it at most; and the -дин of a
#: Muslim name after м, н or д («имамдин», «шамсиддин»), where a Kazakh genitive would be -нің, never -дің; and the
#: -уллин of a surname made from a name in -улла («ғабдуллин», «хабибуллина»), which a Kazakh word list may hold
_OV_SURNAME = re.compile(r"(?:ов|ев|ёв)[а-яёәғқңөұүһі]{0,4}$|(?:мд|нд|дд)ин$|уллин(?:а|у|ым|ой|ға|ге|ның|нің)?$")


def _plain_noun_first(word: str) -> bool:
    """Whether the dictionary reads ``word`` first as a common noun in the nominative or accusative singular, or as
    a word of another part of speech («магазин», «карин» no; «лапин» is first a genitive plural)."""
    from fieldkit.anonymise.morphology import natasha

    parses = natasha()[2].parse(word)
    if not parses or "Surn" in str(parses[0].tag) or "Name" in str(parses[0].tag):
        return False
    tag = str(parses[0].tag)
    from fieldkit.anonymise.morphology import is_invented_short_form

    if tag.startswith("ADJS") and is_invented_short_form(parses[0]):
        return False  # «калиева», «ерболата калиева»: a short form nobody says of «калиевый» is the surname
    return not tag.startswith("NOUN") or ("sing" in tag and ("nomn" in tag or "accs" in tag))


def _unknown_latin_surname(word: str) -> bool:
    """A Latin word that is no everyday English word and no Russian or Kazakh one in Latin letters: beside a given
    name, a surname. English word lists count surnames as words ("schmidt", "weber" are used a few times in a
    million), so only the everyday ones, and the forms English derives, rule a word out."""
    from fieldkit.anonymise.latin_words import english_frequency, is_kazakh_in_latin, is_russian_in_latin

    lowered = word.casefold()
    return (word.isascii() and word.isalpha() and len(word) >= 4 and english_frequency(lowered) < _EVERYDAY_ENGLISH
            and not lowered.endswith(("ly", "ed", "ing")) and not is_russian_in_latin(word)
            and not is_kazakh_in_latin(word))


#: the endings of Russian, Ukrainian and Kazakh surnames in Latin letters, and Russian words of that shape
_LATIN_SURNAME_SHAPE = re.compile(r"(?:ov|ev|ova|eva|in|ina|yn|yna|sky|skiy|skii|skaya|enko|chuk|yuk|ets|ich|uly|ulı|"
                                  r"kyzy|qyzy)$")
_NOT_LATIN_SURNAMES = frozenset({"otets", "konets", "molodets", "kupets", "begin", "again", "cousin", "within",
                                 "latin", "cabin", "robin", "basin", "satin", "raisin", "penguin", "violin", "origin",
                                 "margin", "vitamin", "cumin", "muffin", "coffin", "goblin", "dolphin", "bulletin",
                                 "magazin", "benzin", "kerosin", "shchetin", "pirozhkov", "domov", "godov", "detsky",
                                 "nashikh", "vsekh", "grekh", "sluchaev", "ruchek", "zhenshchin", "muzhchin"})
_EVERYDAY_ENGLISH = 1e-5  # used at least ten times in a million words: "said", "tank"; "schmidt" is under it


#: words after which an English word is no name: "the fox", "a baqyt"
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "some", "any", "no", "every", "each",
                          "its", "their", "our", "his", "her", "my", "your"})


def _name_in_english(word: str, before: str) -> bool:
    """A listed name that is also a Russian or Kazakh word («мақсат», «бақыт») is a name in an English sentence when
    it is no English word and no determiner comes before it ("this is marzhan", "my colleague maksat"); "my wife
    marina" is left to the cue rules, "marina" being English too."""
    from fieldkit.anonymise.latin_words import is_english_word

    return (word.isascii() and word.isalpha() and latin_key(word) in latin_names_also_words()
            and not is_english_word(word) and before.casefold() not in _DETERMINERS)


#: endings of Kazakh verbs and cases, as Kazakh is written in Russian letters («келди», «болган», «айтты»)
_KAZAKH_WORD_ENDINGS = ("тым", "тім", "дым", "дім", "ды", "ди", "ты", "ти", "ган", "ген", "кан", "кен", "мын", "мин",
                        "сын", "син", "да", "де",
                        "та", "те", "га", "ге", "ка", "ке", "мен", "бен", "пен", "нын", "нин", "дан", "ден", "тан",
                        "тен", "нан", "нен", "йды", "йди", "ады", "еди", "ук", "ык", "ип", "ып", "па", "пе", "ба", "бе",
                        "ма", "ме", "ша", "ше", "лар", "лер", "дар", "дер", "тар", "тер", "шы", "ши", "сы", "си",
                        "мыз", "миз")
#: everyday Kazakh words as a Russian keyboard writes them, which Russian morphology guesses as surnames
_KAZAKH_IN_RUSSIAN_LETTERS = frozenset({
    "ушин", "менин", "сенин", "онын", "биздин", "сиздин", "олардын", "жумыс", "кейин", "дейин", "бирак", "жане",
    "кандай", "калай", "кашан", "кайда", "барлык", "бари", "уакыт", "ешким", "ештене", "басында", "косымша",
    "тагы", "канша", "жакын", "алыс", "улкен", "кишкене", "жаксы", "жаман", "бугин", "ертен", "кеше", "казир",
    "сон", "мени", "сени", "бизди", "сизди", "маган", "сага", "оган", "бизге", "сизге", "али", "гой",
})
#: Kazakh case and possessive endings that Russian morphology's guesser, not knowing the word, reads as a surname's
#: («бастыгым», my boss; «рейдте», in the raid)
_KAZAKH_ENDINGS_GUESSED_AS_SURNAMES = ("ым", "им", "ім", "мыз", "миз", "те", "та", "да", "де", "нда", "нде", "ға",
                                       "ге", "ны", "ды", "ди", "ты", "ти", "дан", "ден", "тан", "тен", "нан",
                                       "нен", "мен", "бен", "пен", "нын", "нин", "дын", "дин", "тын", "тин")
#: names that are also units of time, which follow a surname as the start of a time («жұмабекова сағат үште»)
_UNITS_NOT_NAMES = frozenset({"сағат", "сагат", "жыл", "ай", "күн", "кун", "апта", "минут"})
#: Korean surnames of Kazakhstan's Koryo-saram, short words morphology reads as others («пак» pack ice)
_KOREAN_SURNAMES = frozenset({"ким", "пак", "ли", "цой", "тен", "тэн", "хегай", "огай", "югай", "шин", "хан", "нам",
                              "кан",
                              "тян", "пай", "лим", "хван", "чон", "мун", "сон", "ти", "де", "ан", "кегай", "лигай",
                              "когай", "тягай", "шегай", "цхай", "хам", "чен", "юн", "ни", "тай"})


#: the Korean surnames that, capitalised inside a Russian sentence, can be nothing else («Ли» is no «ли»)
_CAPITALISED_KOREAN = frozenset({"ким", "кима", "киму", "кимом", "пак", "пака", "паку", "паком", "ли", "цой", "цоя",
                                 "цою", "цоем", "тен", "хегай", "огай", "югай", "шин", "тян", "лим", "хван", "чон",
                                 "кегай", "лигай", "когай", "тягай", "шегай", "цхай"})
#: the Dungan (Hui) surnames, as short and as plain as the Korean ones: «Ма Юсуп», «у Вана»
_DUNGAN_SURNAMES = frozenset({"ма", "ван", "вана", "вану", "ваном", "хэ", "ху", "су", "ян", "яна", "яну", "мао"})
#: the same surnames as messengers and English transcripts spell them ("Ten Valerii Nikolaevich", "Tsoi Anna"), taken
#: only before a name found: alone, "Park", "Lee" or "Van" in English are more often something else
_LATIN_SHORT_SURNAMES = frozenset({"kim", "pak", "park", "li", "lee", "tsoi", "tsoy", "choi", "ten", "tsen", "khegai",
                                   "hegai", "ogai", "yugai", "tyan", "lim", "khvan", "hwang", "shin", "kan", "kang",
                                   "nam", "ni", "tai", "ma", "van", "wang", "yan", "khe", "su", "mao", "kegai", "ligai",
                                   "kogai", "tyagai", "shegai", "tskhai"})
_CAPITALISED_SHORT_SURNAMES = _CAPITALISED_KOREAN | _DUNGAN_SURNAMES


def is_capitalised_short_surname(word: str) -> bool:
    """A Korean or Dungan surname written with its capital («Ма», «Ли», «Цой», "Tsoi"), whatever stands before it."""
    return word[:1].isupper() and not word.isupper() and (
        fold(word) in _CAPITALISED_SHORT_SURNAMES or fold(word) in _LATIN_SHORT_SURNAMES)


def is_korean_surname_in_latin(word: str) -> bool:
    """A Korean surname as messengers spell it that no English word spells ("pak", "tsoi", "khegai")."""
    return word.casefold() in _KOREAN_SURNAMES_IN_LATIN


def is_short_korean_surname(word: str) -> bool:
    """A capitalised two-letter Korean surname («Ли», «Ан»), which only its capital tells from a Russian word."""
    return word[:1].isupper() and not word.isupper() and fold(word) in _CAPITALISED_KOREAN


_KOREAN_SURNAMES_IN_Y = tuple(name for name in _KOREAN_SURNAMES if name.endswith("й"))
#: the Korean surnames that are no Russian word («ким» is also «кем»'s cousin, «сон» sleep, «нам» us): these are
#: names even alone («у пака брали», «пак сказал»)
_STANDALONE_KOREAN = frozenset({"пак", "цой", "тен", "тэн", "хегай", "огай", "югай", "кегай", "лигай", "когай", "тягай",
                                "шегай", "цхай", "хван", "лим"})


def _standalone_korean_surname(word: str) -> bool:
    lowered = fold(word)
    forms = {lowered, lowered[:-1] + "й" if lowered.endswith(("я", "ю", "е")) else lowered,
             lowered[:-2] + "й" if lowered.endswith("ем") else lowered,
             lowered[:-1] if lowered.endswith(("а", "у", "е")) else lowered,
             lowered[:-2] if lowered.endswith("ом") else lowered}
    return bool(forms & _STANDALONE_KOREAN)


#: the same in messenger Latin, those no English word spells («ten», «son», «an» are)
_KOREAN_SURNAMES_IN_LATIN = frozenset({"kim", "pak", "tsoi", "tsoy", "khegai", "ogai", "yugai", "kan", "lim", "khvan",
                                       "kegai", "ligai", "kogai", "tyagai", "shegai", "tian", "tyan", "tsai", "khan"})
#: the Korean surnames that, with a Kazakh case ending, make no Kazakh or Russian word (not «тен»: «тенге», «тең»)
_KOREAN_IN_KAZAKH_CASES = frozenset({"пак", "цой", "хегай", "огай", "югай", "кегай", "лигай", "когай", "тягай",
                                     "шегай", "цхай", "хван", "тян"})


@lru_cache(maxsize=50_000)
def _korean_under_a_kazakh_ending(word: str) -> bool:
    """A Korean surname with a Kazakh case ending, even one that spells a Russian word («пакты», the pacts): beside
    a given name it is the surname («игорь пакты ұстадық»)."""
    lowered = fold(word)
    return any(lowered.endswith(ending) and lowered[: -len(ending)] in _KOREAN_IN_KAZAKH_CASES
               for ending in KAZAKH_SUFFIXES)


#: honorifics whisper glues onto a name («муталлапаканын», «тимурағай», «райханапай»)
_GLUED_HONORIFICS = ("ағай", "агай", "апай", "ака", "аға", "ага", "апа", "әпке", "апке")


@lru_cache(maxsize=1)
def _folded_names() -> frozenset[str]:
    """Every listed given name, folded: with an honorific glued on, even «райхан» (basil) is a name."""
    names, _ambiguous = given_names()
    return frozenset(fold(name) for name in names)


@lru_cache(maxsize=50_000)
def glued_honorific_name(word: str) -> bool:
    """A listed given name with an honorific glued on and a case ending perhaps: «муталлапаканын» (Муталлап-ака's),
    «тимурағай», «райханапай»."""
    lowered = fold(word)
    if not any(fold(honorific) in lowered for honorific in _GLUED_HONORIFICS):
        return False
    names = _folded_names()
    stems = {lowered} | {lowered[: -len(ending)] for ending in KAZAKH_SUFFIXES if lowered.endswith(ending)}
    for stem in stems:
        for honorific in _GLUED_HONORIFICS:
            folded = fold(honorific)
            if stem.endswith(folded) and len(stem) - len(folded) >= 4 and stem[: -len(folded)] in names:
                return True
    return False


#: German surnames of Kazakhstan that Russian morphology reads as other words («классен» a short «классный»)
_GERMAN_SURNAMES = frozenset({"классен", "фризен", "тиссен", "янцен", "гизбрехт", "нойфельд", "реймер", "ремпель",
                              "вибе", "кригер", "гинтер", "дирксен", "петкау", "бергман", "эккерт", "браун"})


@lru_cache(maxsize=50_000)
def _foreign_surname(word: str) -> bool:
    """A word that can be a surname of any origin, for a given name beside it: a Korean one, or one Russian
    morphology (its dictionary or its guesser) reads as a surname («шмидт», «циммерман», «кравец»)."""
    lowered = fold(word)
    if lowered in _KOREAN_SURNAMES or any(lowered == stem[:-1] + ending for stem in _KOREAN_SURNAMES_IN_Y
                                         for ending in ("я", "ю", "ем", "е")):
        return True  # «цоя», «хегаю»: Russian declines the ones in -й
    if lowered in _KOREAN_SURNAMES_IN_LATIN:
        return True  # "vyacheslav kan", "marina tsoi"
    if any(lowered == surname + ending for surname in _GERMAN_SURNAMES for ending in ("", "а", "у", "ом", "е", "ым",
                                                                                       "ам", "ы", "ов")):
        return True  # «денис классен», «с фризеном»: the Mennonite names of the north-east, some Russian words too
    for ending in KAZAKH_SUFFIXES:  # «кимнің», «пакқа», «цойдың»: Kazakh declines them all
        stem = lowered[: -len(ending)]
        if lowered.endswith(ending) and (stem in _KOREAN_IN_KAZAKH_CASES or (stem == "ким" and has_kazakh_letters(
                ending))) and not _known_word(lowered):
            return True  # (not «деді», «сонда», «тенге»; «ким» only with a Kazakh letter, «кимге» is to whom)
    if lowered in _KAZAKH_IN_RUSSIAN_LETTERS:
        return False
    if not is_cyrillic(lowered) or has_kazakh_letters(lowered) or len(lowered) < 3:
        return False
    from fieldkit.anonymise.morphology import natasha

    known = natasha()[2].word_is_known(lowered)
    if not known and is_common_kazakh(lowered) and not is_lower_case_surname(lowered):
        return False  # «сосын» (then), which the guesser declines as a surname (not «габдуллин»)
    if not known and (_KAZAKH_FORM_LIKE_A_SURNAME.search(lowered)
                      or lowered.endswith(_KAZAKH_ENDINGS_GUESSED_AS_SURNAMES)):
        return False  # «ишине» (inside), «бастыгым» (my boss): Kazakh the guesser declines as a surname
    parses = natasha()[2].parse(lowered)
    return any("Surn" in str(p.tag) for p in parses) and not str(parses[0].tag).startswith(
        ("PREP", "CONJ", "PRCL", "NPRO", "VERB", "INFN", "ADVB", "PRED")) and not mostly_a_thing(lowered)


#: English function words, and Russian ones in messenger Latin ("ya ne" is «я не», no Яна)
_LATIN_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "in", "on", "at", "of", "to", "and", "or", "but", "na", "ni", "v", "ya", "ne", "ty", "ona", "my",
    "vy", "oni", "i", "no", "da", "s", "k", "u", "o", "po", "za", "iz", "ot", "do", "chto", "kak", "eto", "bez", "pri",
    "pro", "dlya", "uzhe", "tak", "vot", "zhe", "by", "li", "mne", "menya", "ego", "ee", "ikh", "nam", "vam",
})


@lru_cache(maxsize=50_000)
def _function_word(word: str) -> bool:
    """A preposition, conjunction, particle or pronoun («ни», «на»): never half of a split name («ни на» is no Нина)."""
    from fieldkit.anonymise.morphology import is_function_word

    if not is_cyrillic(word):
        return word.casefold() in _LATIN_FUNCTION_WORDS
    return is_function_word(word)


@lru_cache(maxsize=20_000)
def _russian_noun_under_kazakh_ending(word: str) -> bool:
    """«брокери» (his broker), «изоляторында»: a Russian noun with a Kazakh ending, a job or a thing, no given name."""
    from fieldkit.anonymise.kazakh_words import stripped_forms
    from fieldkit.anonymise.unknown_words import common_noun

    lowered = word.casefold()
    stems = stripped_forms(lowered) | {lowered[:-1] for ending in ("и", "і", "ы") if lowered.endswith(ending)}
    return any(len(stem) >= 4 and common_noun(stem) for stem in stems)


def _known_word(word: str) -> bool:
    from fieldkit.anonymise.morphology import is_known_word

    return is_known_word(word)


#: what follows «звали» when it means "invited" or "called to come": «нас звали на работу», «звали домой»
_NOT_A_NAME_AFTER_CALLED = r"(?:на|в|во|к|по|за|домой|обратно|туда|сюда|гулять|работать|помочь|пить|есть|в\s+гости)"
#: the respectful words said after a name, in every script: «жеңіс аға», «сұлтан ақсақал», "Merey ağa"
_HONORIFIC_AFTER = (r"(?:ағай|апай|ағасы|әпке|ака|аға|ага|агай|апа|ақсақал|аксакал|agai|apai|agasy|ake|eke|aga|apa|aka|"
                    r"ağa|aǵa|ağai|aǵaı|apaı|aqsaqal|aksakal)")
#: the same and the other words of respect said after a name («Бекен көке»), which are never the name itself
_RESPECTFUL_WORD = _HONORIFIC_AFTER.replace("(?:", "(?:көке|коке|тәте|тате|", 1)
#: the Russian words for a nickname, in the nominative
_NICKNAME_WORD = r"(?:кличка|погоняло|прозвище|погремуха|кликуха)"
_NICKNAME_PATTERNS = [
    # (whisper glues «по кличке» into one word: «был смотрящий поклички батя»)
    re.compile(r"(?<![\w-])(?:по\s?(?:кличке|клички|прозвищу|погонялу|кликухе)|кличка|прозвище|погоняло|погремуха|кликуха|"
               r"ник(?=\s+у\s+(?:него|неё|нее|меня|них))|"
               r"(?:его|её|ее|их|меня|нас|которого|которую|которых)\s+(?:все\s+)?(?:звали|зовут|называли|называют|"
               r"кличут|кликали)|(?:называл|называла|называли|звал|звала|звали)\s+(?:его|её|ее)|"
               r"po\s+klichke|klichka|prozvische|(?:call|calls|called)\s+(?:him|her)|nicknamed)"
               r"\s+(?:у\s+(?:него|неё|нее|меня|них)\s+)?(?:было\s+|была\s+|был\s+)?"
               # («кличка такая татарин», «кличка у него такая малой»; not the «такое» that ends «… прозвище у него
               # такое», which looks back)
               r"(?:(?:такая|такое)\s+)?"
               r"(?!" + _NOT_A_NAME_AFTER_CALLED + r"\b)(?!(?:такая|такое|такой|такие)(?!\w))"
               # (with the name-ending whisper wrote apart: «которого все зовут осел бек»)
               r"[«\"“']?(?P<id>[^\W\d_][\w-]{1,30}(?:\s+(?:бек|бай|жан|хан)(?!\w))?)", re.IGNORECASE),
    # the nickname said first, then that it is one: «вот сазан ну это кличка так его звали», «гончар — это кличка»,
    # «там хмурый был ну это прозвище у него»
    re.compile(r"(?<![\w-])(?P<id>[^\W\d_][\w-]{2,30})\s*(?:,|—|-)?\s+(?:был\s+|была\s+)?(?:ну\s+)?это\s+"
               r"(?:его\s+|её\s+|ее\s+)?" + _NICKNAME_WORD + r"(?!\w)", re.IGNORECASE),
    # «был один карась так его звали», «карась звали так его»: the word said, then that he was called so
    re.compile(r"(?<![\w-])(?!(?:" + _NICKNAME_WORD + r"|фамилия|имя)(?!\w))"
               r"(?P<id>[а-яёәғқңөұүһі][\w-]{2,30})\s*[,—–-]?\s+(?:(?:его\s+|её\s+|ее\s+)?(?:все\s+)?"
               r"так\s+(?:его\s+|её\s+|ее\s+)?(?:звали|называли|кликали|прозвали)|(?:звали|называли|кликали)\s+"
               r"(?:его\s+|её\s+|ее\s+)?так)(?!\w)", re.IGNORECASE),
    # «его прозвали сварщиком», «звали его все малым»: the nickname in the instrumental after the verb of naming
    re.compile(r"(?<![\w-])(?:прозвали|прозвал|прозвала|называли|называл|называла|кликали)\s+(?:его\s+|её\s+|ее\s+)?"
               r"(?:все\s+)?(?P<id>[а-яё]{3,}(?:ом|ем|ым|им|ой|ёй))(?!\w)", re.IGNORECASE),
    # a surname announced: «по фамилии бражников», «настоящая фамилия, бражников», «тегі жақсыбеков»
    re.compile(r"(?<![\w-])(?:фамили[яиюей]|тегі|familiya|familii|surname)[,:]?\s+(?:у\s+него\s+|у\s+неё\s+|была\s+|было\s+"
               r"|его\s+|её\s+|ее\s+|is\s+|was\s+)?"
               # (not what the surname is like: «фамилия у неё короткая просто ли»)
               r"(?!(?:короткая|длинная|простая|сложная|смешная|странная|такая|редкая|русская|казахская|корейская|"
               r"немецкая|обычная|красивая|двойная|другая|известная|знакомая)(?!\w))"
               r"[«\"“']?(?P<id>[^\W\d_][\w-]{2,30})", re.IGNORECASE),
    # a contact's name in a phone: «он был подписан как боцман», «один контакт, записанный как мастер»
    re.compile(r"(?<![\w-])(?:подписан\w*|подписал(?:ся|ась|ись)|(?:записал|записала)\s+(?:его|её|ее)|"
               r"(?:контакт|номер|телефон)\w*[^.!?\n]{0,40}?(?:записан|сохранен|сохранён)\w*)"
               r"\s+(?:у\s+меня\s+)?как\s+[«\"“']?(?P<id>[^\W\d_][\w-]{1,30})", re.IGNORECASE),
    # «дядю звали мамасадык», «отца зовут бахтияр»: whoever is named, the word after «звали»/«зовут» is the name
    re.compile(rf"(?<!\w)(?:[а-яё]{{3,}}\s+)(?:звали|зовут)\s+(?:просто\s+|все\s+|тогда\s+)?"
               rf"(?!{_NOT_A_NAME_AFTER_CALLED}\b)"
               r"(?P<id>[а-яёәғқңөұүһі][\w-]{2,30})", re.IGNORECASE),
    re.compile(r"(?<![\w-])(?:лақап|лакап|laqap|lakap)\s+(?:аты|атымен|есімі|есими|aty|atymen)\s+[«\"“']?"
               r"(?P<id>[^\W\d_][\w-]{1,30})", re.IGNORECASE),
    # the word whose real name is then given is a nickname: «таудың шын аты ыбырай» (Mountain's real name is
    # Ybyray), «бригадиріміз қара еді, шын аты қайыржан» (our foreman was Black; his real name, Kaiyrzhan)
    re.compile(r"(?<![\w-])(?P<id>[^\W\d_][\w-]{1,30}?(?:дың|дің|тың|тің|ның|нің|дын|дин|тын|тин|нын|нин))\s+"
               r"(?:шын|нағыз|нагыз)\s+(?:аты|есімі|есими|фамилиясы|тегі|теги)(?!\w)", re.IGNORECASE),
    re.compile(r"(?<![\w-])(?P<id>[^\W\d_][\w-]{1,30})\s+(?:еді|еди|болатын|болған|болган)[,.]?\s+"
               r"(?:оның\s+|онын\s+)?(?:шын|нағыз|нагыз)\s+(?:аты|есімі|есими|фамилиясы|тегі|теги)(?!\w)",
               re.IGNORECASE),
    # the same in messenger Latin: "aiudyn shyn aty bakhytzhan", "qara edi, shyn aty qairzhan"
    re.compile(r"(?<![\w-])(?P<id>[a-z][\w-]{1,30}?(?:dyn|din|tyn|tin|nyn|nin|nyng|ning))\s+(?:shyn|nagyz|nağyz)\s+"
               r"(?:aty|esimi|familiasy|tegi)(?!\w)", re.IGNORECASE),
    re.compile(r"(?<![\w-])(?P<id>[a-z][\w-]{1,30})\s+(?:edi|bolatyn|bolgan|bolğan)[,.]?\s+(?:onyn\s+|onyń\s+)?"
               r"(?:shyn|nagyz|nağyz)\s+(?:aty|esimi|familiasy|tegi)(?!\w)", re.IGNORECASE),
    # «лақабы қасқыр», "laqaby Sur": his nickname (is)
    re.compile(r"(?<!\w)(?:лақабы|лакабы|laqaby|lakaby|laqabı)\s+[«\"“']?(?P<id>[^\W\d_][\w-]{1,30})", re.IGNORECASE),
    # a quoted word after a capitalised name and a comma or dash: "Nikolai Stepanovich, «Ded»", «Серик — «Бур»»
    re.compile(r"(?<!\w)[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w.]{1,30}\s*[,—(–-]\s*[«\"“](?P<id>[^\W\d_][\w-]{1,20})[»\"”]"),
    # "my name is saltanat but everyone says salta": the short form people use, said last in its clause
    re.compile(r"(?<![\w-])(?:everyone|everybody|people|friends|they)\s+(?:just\s+)?(?:say|says|call\s+me|calls\s+me)"
               r"\s+(?P<id>[a-z][\w'-]{1,20})(?=\s*(?:[.,;!?]|$|\s+(?:and|but|because|since|for|instead)\b))",
               re.IGNORECASE),
    # "frieda braun, freda we called her"
    re.compile(r"(?P<id>[^\W\d_][\w-]{2,30}),?\s+(?:we|they|everybody|everyone)\s+called\s+(?:him|her)"
               r"(?=\s*(?:[.,;!?]|$|\s+(?:and|but|because|since)\b))", re.IGNORECASE),
    # (an honorific before «дейміз» goes with the name before it: «біз оны Бекен аға дейтінбіз»)
    re.compile(r"(?<![\w-])[«\"“']?(?!" + _RESPECTFUL_WORD + r"[»\"”']?\s)"
               r"(?P<id>[^\W\d_][\w-]{1,30})[»\"”']?\s+(?:деген\s+(?:лақап|лакап)|деген\s+ат(?:пен|қа|ка|ымен)(?!\w)|"
               # (a word or two may come between: «мысық деп бір жігітті атайды»; and «сұлтан деп ат қойыпты», named)
               r"(?:деп|dep)\s+(?:(?:[^\W\d_]+\s+){0,2}?(?:аты?н?\s+[қк]ой\w*|at[yı]?n?\s+qo[iyı]\w*|атай\w*|"
               r"atai\w*)|атайтын|атаған|атады|"
               r"атаймыз|шақыр\w*|аталатын|аталған|атайды|атадық|атап\s+кеткен|atap\s+ket\w*|atady|ataidy|atagan|ataityn|"
               r"ataimyz|shaqyr\w*|shakyr\w*))", re.IGNORECASE),
    # the word a speaker then says is a nickname or a surname: «товар давал шаман это кличка», «был ещё заяц тоже
    # кличка», «соседом был бала это фамилия у него такая»
    re.compile(r"(?<![\w-])(?P<id>[^\W\d_][\w-]{2,30})\s*[,—–-]?\s*(?:это\s+|тоже\s+|это\s+тоже\s+|—\s+)"
               r"(?:его\s+|её\s+|ее\s+)?(?:кличка|погоняло|погремуха|прозвище|фамилия|позывной)(?!\w)",
               re.IGNORECASE),
    # "his name was lev anyway", "her real name is vera": what follows is the name, whatever word it also is
    re.compile(r"(?<!\w)(?:his|her|my|whose)\s+(?:real\s+|first\s+|last\s+|actual\s+)?(?:name|surname)\s+"
               r"(?:was|is)\s+(?:just\s+|really\s+|actually\s+)?(?P<id>[a-z][\w'-]{1,30})", re.IGNORECASE),
    # a capitalised or quoted word whose real name follows: «один ұры, Қасқыр, настоящее имя Марат», «"Кот",
    # настоящая фамилия Котов» (Russian «шын аты»)
    re.compile(r"(?:(?<=[«\"“'])|(?<![\w-])(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]))(?P<id>[^\W\d_][\w-]{1,30})[»\"”']?"
               r"\s*[,—–(-]\s*(?:а\s+|его\s+|её\s+|ее\s+)?(?:настоящее\s+имя|настоящая\s+фамилия|по\s+паспорту|"
               r"nastoyashchee\s+imya|real\s+name)(?!\w)"),
    # the same said in passing, lower case: "the foreman was bulldozer real name serikbol", "admiral's real name
    # was yessengali"
    re.compile(r"(?<![\w-])(?P<id>[a-z][\w-]{2,30})(?:'s|’s)?\s+(?:his\s+|her\s+)?real\s+name(?!\w)"),
    # a word then said to be a named person, or how someone signed: «Қара — это Дамир Қалиев», «куратор — Қара, так
    # подписывался»
    re.compile(r"(?<![\w-])(?P<id>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]{1,30})\s*[—–-]\s*это\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+\s+"
               r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:ов|ев|ин|ова|ева|ина|ұлы|улы|қызы|кызы|енко|ский|ская)(?!\w)"),
    re.compile(r"(?<![\w-])(?P<id>[^\W\d_][\w-]{1,30}),?\s+так\s+(?:и\s+)?(?:подписывал(?:ся|ась)|подписан\w*)",
               re.IGNORECASE),
    # a name given for the future: «звать меня будут ласточка», «называть его будем дед»
    re.compile(r"(?<![\w-])(?:звать|называть)\s+(?:меня|его|её|ее|тебя|нас|их)\s+(?:будут|будем|будешь|стали)\s+"
               r"[«\"“']?(?P<id>[^\W\d_][\w-]{1,30})", re.IGNORECASE),
    # messenger Russian: «menya zvali lom», «ego vse nazyvali doktor»
    re.compile(r"(?<![\w-])(?:menya|ego|ee|eyo|ikh|nas)\s+(?:vse\s+|tam\s+)?(?:zvali|nazyvali|zovut|nazyvayut|klichut|"
               r"prozvali)\s+[«\"“']?(?P<id>[a-z][\w-]{1,30})", re.IGNORECASE),
    # named after the fact: «прапорщик был седой, ну его так звали», «батя, мы его так называли»
    re.compile(r"(?P<id>[^\W\d_][\w-]{2,30})[»\"”']?[,.]?\s+(?:ну\s+)?(?:мы\s+|все\s+|его\s+все\s+)?(?:(?:его|её|ее)"
               r"\s+(?:все\s+)?|у\s+нас\s+)?так\s+(?:у\s+нас\s+)?(?:и\s+)?(?:звали|называли|зовут|называют|прозвали|"
               r"кличут)", re.IGNORECASE),
    # a capitalised word in mid-sentence before the verb that names: «его в камере Профессор звали», «бізде Дед
    # деген главный» (the capital says it is a name; «деген не» asks what a word means)
    re.compile(r"(?<=[а-яёәғқңөұүһі,]\s)(?P<id>[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]{1,30})\s+(?:звали|называли|прозвали|кличут|"
               r"деген|дейтін|дейтин)(?!\w)(?!\s+(?:не|нәрсе|нарсе|сөз|соз|ұғым|угым)(?!\w))"),
    # the name before «его все звали» when the sentence goes on after it: «ну ван его все звали и вот»
    re.compile(r"(?P<id>[^\W\d_][\w-]{1,30})[»\"”']?,?\s+(?:его|её|ее)\s+все\s+(?:звали|называли|кличут|"
               r"прозвали)(?=\s*(?:[.,!?;]|$|\s+(?:и|а|но|потому|ещё|еще|тогда|там|у\s+нас)(?!\w)))",
               re.IGNORECASE),
    # the name before «ещё его звали», «тоже её называли»: «Ромашка ещё его звали за глаза»
    re.compile(r"(?P<id>[^\W\d_][\w-]{2,30})[»\"”']?,?\s+(?:ещё|еще|тоже|также)\s+(?:его|её|ее)\s+(?:все\s+)?"
               r"(?:звали|называли|кличут|прозвали)(?!\w)", re.IGNORECASE),
    # «мы его батей звали», «их чёрными называли»
    re.compile(r"(?:его|её|ее)\s+(?:все\s+)?(?P<id>[а-яёәғқңөұүһі][\w-]{2,30})\s+(?:звали|называли|зовут|называют|"
               r"прозвали|кличут|называем|зовём|зовем)", re.IGNORECASE),
    # a handle or a call sign: «под ником шаман», «позывной сокол», "under the nickname fox"
    re.compile(r"(?<![\w-])(?:под\s+ником|с\s+ником|ником|никнейм|позывной|позывным|позывному|nickname|handle|pod\s+nikom|"
               r"aka(?=\s+[«\"“'])|a\.k\.a\.)"  # ("Khamid aka" alone is the Uzbek "brother": quotes after it)
               r"\s+(?:(?:was|is|became)\s+)?(?:the\s+)?[«\"“'@]?(?P<id>[^\W\d_][\w-]{1,30})", re.IGNORECASE),
    # whoever gives the name: «бәрі қасқыр дейді», «жұрт оны бұқа дейтін», «аты шаман деп тұрды», «аты жоқ, тек
    # сақал дейтінбіз» (no name, we only called him beard)
    # (and in messenger Latin: «dostary ony nur deidi», his friends call him Nur)
    re.compile(r"(?<!\w)(?:бәрі|бари|барі|жұрт|журт|біз|биз|олар|барлығы|барлыгы|бәріміз|оны|тек|мені|мени|достары|"
               r"meni|bari|bäri|zhurt|jurt|biz|olar|barlygy|barimiz|ony|tek|dostary)\s+"
               r"(?:оны\s+|ony\s+)?(?:өзара\s+|озара\s+|ozara\s+)?(?:тек\s+|tek\s+)?"
               r"[«\"“']?(?P<id>[^\W\d_][\w-]{1,30})[»\"”']?"
               r"\s+(?:дейтін|дейтин|дейді|дейди|дейміз|деймиз|дейтінбіз|дейтинбиз|дейтіндер|deidi|deitin|deimiz|"
               r"deitinbiz|deitinder)(?!\w)", re.IGNORECASE),
    re.compile(r"(?<![\w-])(?:аты|ники|ник)\s+[«\"“']?(?P<id>[^\W\d_][\w-]{1,30})[»\"”']?\s+деп(?!\w)", re.IGNORECASE),
    # a handle in Kazakh and a Russian «назывался»: «оператордың ник-і сиқыршы», «оператор назывался ақ мысық»;
    # a handle after «ник» («админ ник қасқыр»), spelled with its underscore («тұлпар нижнее подчеркивание кз»)
    re.compile(r"(?<![\w-])(?:ник-і|никі|ник-и|ники|лақап\s+аты|ник(?!\s+у\s))\s+[«\"“'@]?"
               r"(?P<id>[^\W\d_][\w-]{1,30}(?:\s+(?:нижнее\s+)?подч[её]ркивани[ея]\s+[\w-]{1,20})*)",
               re.IGNORECASE),
    # a handle written with an underscore or digits after a word for an account: «инстаграмдағы атым semey_qyzy»
    re.compile(r"(?<![\w-])(?:атым|аты|ник\w*|аккаунт\w*|username|handle|профиль|страниц\w*|канал\w*|парақша\w*)\s+[@«\"“']?"
               r"(?P<id>[A-Za-zА-Яа-яёәғқңөұүһі]+(?:[_.][A-Za-zА-Яа-яёәғқңөұүһі0-9]+)+|[A-Za-z]+\d+[A-Za-z0-9_]*)",
               re.IGNORECASE),
    re.compile(r"(?<!\w)(?:оператор|куратор|шеф|бот|канал|аккаунт|контакт|закладчик|хозяин|главный)\w*\s+"
               r"(?:назывался|называлась|звался|звалась|назывался\s+как)\s+[«\"“']?"
               r"(?P<id>[^\W\d_][\w-]{1,30}(?:\s+[а-яё]*[әғқңөұүһі][а-яёәғқңөұүһі]*)?)", re.IGNORECASE),
    # a capitalised word a person goes by, before that person's name: «Бақа деп жүретін Бақытжан Есенов» (not «келеміз
    # деп жүретін», who keeps saying they will come: a lower-case word, or no name after it)
    re.compile(r"(?<![\w-])[«\"“']?(?P<id>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]{1,30})[»\"”']?\s+деп\s+"
               r"(?:жүретін|журетин|жүрген|журген|жүруші|журуши)\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]"),
    # a contact saved under a name: «телеграмда ол шаман деп жазылған», «номері бөрі деп сақталған»
    re.compile(r"(?P<id>[^\W\d_][\w-]{1,30})[»\"”']?\s+(?:деп|dep)\s+(?:жазылған|жазылды|жазылып|сақталған|сақтаулы|"
               r"сакталган|жазылган|zhazylgan|saqtalgan)(?!\w)", re.IGNORECASE),
    # «тышқан деген жігіт», «шал деген кісі»: a word said to be what a man is called
    re.compile(r"[«\"“']?(?P<id>[^\W\d_][\w-]{1,30})[»\"”']?\s+(?:деген|дейтін|дейтин|degen|deitin)\s+(?:бір\s+|бир\s+|bir\s+)?"
               r"(?:жігіт|"
               r"жигит|кісі|киси|адам|мент|опер|пацан|мужик|парень|біреу|бирео|әріптес|ариптес|курстас|сыныптас|көрші|"
               # («кара деген бала отырды», «шал деген кари малшы»: a boy, an old herdsman called so)
               r"корши|бала|қарі|кари|қарт|карт|малшы|жүргізуші|жургизуши|шал|келіншек|келиншек|ақсақал|аксакал|"
               r"zhigit|kisi|adam|bala|shal|kelinshek)\w*", re.IGNORECASE),
    # "a guy everybody called tank", "the sergeant we called uncle", "they called him the professor"
    re.compile(r"(?<![\w-])(?:everybody|everyone|people|guys|we\s+all|they\s+all|we|they)(?:\s+there)?\s+(?:called|calls|call)\s+"
               r"(?:him\s+|her\s+|me\s+|us\s+)?"
               r"(?:just\s+)?(?:the\s+)?(?!(?:police|cops|ambulance|me|us|them|it|back|again|out|up|like|him|her|and|but|so|"
               r"then|that|because|to|for|in|on|at|a|an)\b)"
               r"(?P<id>[^\W\d_][\w-]{2,30})", re.IGNORECASE),
    # "a guy called frost", "a woman named aliya"
    re.compile(r"(?<![\w-])(?:one|guy|man|woman|bloke|person|someone|somebody|fellow|dude|boy|girl|lady|kid|officer|cop|guard|"
               r"driver|inspector|investigator|colleague|neighbou?r|courier|dealer|trader|doctor|nurse|teacher|"
               r"lawyer|judge|prisoner|inmate|sergeant|captain|major|lieutenant)\s+"
               r"(?:(?:was|is)\s+)?(?:called|named|nicknamed)\s+(?:the\s+)?(?!(?:police|cops|ambulance|me|us|them|it|back|again|out|up"
               r"|like|him|her|for|to|in|on|at|and|someone|somebody|everyone|everybody|anyone|nobody|his|their|my|our"
               r"|your|a|an)\b)(?P<id>[^\W\d_][\w-]{2,30})", re.IGNORECASE),
    # "chechen, they called him like that"
    re.compile(r"(?P<id>[^\W\d_][\w-]{2,30}),?\s+(?:they|we|everybody|everyone|people)\s+called\s+(?:him|her)"
               r"\s+(?:like\s+)?that", re.IGNORECASE),
]
#: a cue that the word before or after it is a person's name, when that word is a listed name that is also an
#: ordinary word («жеңіс», «сәуле», «алтын», "sultana"): «әділет деген жігіт», «сәуле апайдың», «алтынның
#: күйеуі», «телефоны мақсаттың», "eto iin sultana", «брат мейрам»
_NAME = r"(?P<id>[^\W\d_][\w'-]{1,30})"
#: a name and the respectful word after it: «Ербол аға», «Гүлнар апайға»
#: (with the honorific's case endings, in any alphabet: «ағайға», «апаның», "aǵaıǵa"; not the verb «апар-», to
#: carry, that begins like «апа»: «кендір тығып апаратын»)
_HONORIFIC_CUE = re.compile(_NAME + rf"(?:\s+|-)(?!(?:апар|apar)\w)(?:{_HONORIFIC_AFTER})(?:\w*)(?!\w)", re.IGNORECASE)
#: the Kazakh genitive endings, in Cyrillic and in Latin letters
_GENITIVE_ENDINGS = ("ның", "нің", "дың", "дің", "тың", "тің", "nyn", "nin", "dyn", "din", "tyn", "tin")
_GENITIVE = "(?:" + "|".join(_GENITIVE_ENDINGS) + ")"
#: what a person owns after a name in the genitive: a husband, a brother, a phone, a number, a car
_OWNED = (r"\s+(?:күйеу|әйел|ағасы|інісі|қызы|ұлы|әкесі|шешесі|досы|баласы|телефон|нөмір|көлігі|үйі|kuieu|aiel|ayel|"
          # (a boss, a sister, a nephew, a neighbour, a workmate, a partner, a lawyer, in Kazakh and Russian letters)
          r"бастығы|бастыгы|әпкесі|апкеси|қарындасы|карындасы|жиені|жиени|немересі|немереси|көршісі|коршиси|"
          r"әріптесі|ариптеси|жолдасы|серіктесі|сериктеси|адвокаты|агасы|иниси|акеси|шешеси|bastygy|"
          r"uly|qyzy|akesi|anasy|inisi|agasy|telefon|nomir|nomer|номер|mashina|koligi|zhsn)")
_CUED_NAME_PATTERNS = [
    re.compile(_NAME + r"\s+(?:деген|дейтін|деп\s+жүрген|атты|есімді|degen|deitin|atty)\s+(?:жігіт|кісі|адам|апа|"
               r"әйел|бала|қыз|ағай|аға|мент|опер|тергеуші|бастық|мужик|парень|әріптес|курстас|сыныптас|көрші|дос|"
               r"дәрігер|мұғалім|zhigit|dzhigit|kisi|adam|apa|bala|"
               r"qyz|kyz)\w*", re.IGNORECASE),
    # («жеңіс аға», «береке апай», "Merey ağa": the honorific after a name in every script)
    _HONORIFIC_CUE,
    # a listed name said to be what someone is called, whatever follows: «адам болды сырым деген», «сұлтан деген
    # брокер», «неміс марта деген»; not «бақыт деген не» (what happiness is), nor «8 марта деген мереке»
    re.compile(r"(?<!\d\s)(?<!\d)" + _NAME + r"\s+(?:деген|дейтін|дейтин|degen)(?!\w)"
               r"(?!\s+(?:не|нe|нәрсе|нарсе|сөз|соз|ұғым|угым|бұл|осы|сол|—|-|ne|narse))", re.IGNORECASE),
    re.compile(r"(?P<id>[^\W\d_][\w'-]{1,30}" + _GENITIVE + ")" + _OWNED + r"\w*", re.IGNORECASE),
    re.compile(r"(?<![\w-])(?:телефоны|номер|нөмірі|иин|жсн|iin|nomer|telefon|номер\s+телефона)\s+" + _NAME,
               re.IGNORECASE),
    # a name that is also a word, then what only a person does, in the past: «вера сказала что веры нет», "vera
    # skazala" (faith says nothing; «мама сказала» is no name: kin words are left out below)
    re.compile(_NAME + r"\s+(?:сказал|говорил|позвонил|звонил|написал|ответил|спросил|попросил|пообещал|обещал|"
               r"приехал|пришел|пришёл|пришл|уехал|ушел|ушёл|ушл|передал|предложил|skazal|govoril|pozvonil|zvonil|"
               r"napisal|otvetil|sprosil|poprosil|priehal|priekhal|prishel|prishl|uehal|uekhal|peredal|predlozhil)"
               r"(?:а|a|и|i)?(?!\w)", re.IGNORECASE),
    # a note's line that opens with a name and a dash, who the person is after it: «Бота — ex-секретарь в РОП»
    re.compile(r"(?m)^[ \t]*(?P<id>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'-]{1,30})[ \t]+[—–-][ \t]+"),
    # a note's line that opens with a name and who the person is in brackets, with an age, a code or a comma in
    # them: «Талант (кыргыз, 28) — водитель», «Мира (соседка P36) живёт на …»
    re.compile(r"(?m)^[ \t]*(?:[-•*][ \t]*)?(?P<id>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'-]{1,30})[ \t]*\((?=[^()\n]{0,60}[\d,])"),
    # «с султаном мы в армии были»: someone with whom "we" did something; «султан менин досым»: is my friend
    re.compile(r"(?<!\w)(?:с|со)\s+" + _NAME + r"\s+мы(?!\w)", re.IGNORECASE),
    re.compile(_NAME + r"\s+(?:менің|менин|біздің|биздин|menin|meniń|menıń|bizdin|bizdiń)\s+(?:досым|досымыз|ағам|"
               r"агам|інім|иним|әпкем|апкем|курстасым|сыныптасым|көршім|коршим|әріптесім|ариптесим|келінім|келиним|"
               r"қызым|кызым|ұлым|улым|жеңгем|женгем|күйеуім|куйеуим|әйелім|аиелим|dosym|agam|ağam|inim|apkem|"
               r"korshim|kórshim|kelinim|kelınım|qyzym|kyzym|ulym|zhengem|kuieuim|kúieuim|aielim|ayelim)(?!\w)",
               re.IGNORECASE),
    # a name in the case a verb of talking gives it: «аязбен сөйлестім», "mirasqa aityp qoiynyz"
    re.compile(r"(?P<id>[^\W\d_][\w'-]{2,30}(?:ben|pen|men|бен|пен|мен))\s+(?:soilest\w*|kezdest\w*|habarlas\w*|"
               r"tanys\w*|birge|сөйлест\w*|кездест\w*|хабарлас\w*|таныс\w*|бірге)", re.IGNORECASE),
    re.compile(r"(?P<id>[^\W\d_][\w'-]{2,30}(?:qa|ka|ga|ge|ke|қа|ке|ға|ге))\s+(?:aityp|aitty|aitam|aitqan|aitpa\w*|"
               r"zvonil\w*|habarlas\w*|zhazd\w*|айтып|айтты|айтам|айтқан|айтпа\w*|звонил\w*|хабарлас\w*|жазд\w*)",
               re.IGNORECASE),
    # the person a message greets, before a «!» or a comma: «сәлем айко!», "salem aiko!", "privet dimas, ..."
    re.compile(r"(?<![\w-])(?:сәлем|салем|сәлеметсіз\s+бе|салам|привет|здравствуй|здравствуйте|salem|sälem|sálem|"
               r"salam|privet|privetik|zdravstvuy|zdravstvuite|hi|hello|hey)[,!]?\s+" + _NAME + r"(?=\s*[!,])",
               re.IGNORECASE),
    # «аты дидар», «толық аты …», «аты-жөнім ойбек», «есімі сәуле»: his or her name is
    re.compile(r"(?<!\w)(?:аты|аты-жөні|аты-жөнім|аты\s+жөнім|есімі|есімім|атым|фамилиясы|тегі|esimi|aty|atym)\s+"
               + _NAME, re.IGNORECASE),
    # a workmate, a wife, a boss named: «курстасым сәуле», «әйелім бақыт», «директор у нас жаннат»
    re.compile(r"(?<!\w)(?:әйелім|әйелім|аиелим|күйеуім|куйеуим|курстасым|сыныптасым|әріптесім|ариптесим|көршім|коршим|"
               r"ұлым|улым|қызым|кызым|әкем|акем|шешем|анам|апам|әпкем|апкем|жеңгем|женгем|немерем|досым|жиеним|"
               r"әйелі|аиели|күйеуі|куйеуи|інісі|иниси|ағасы|агасы|әпкесі|апкеси|қарындасы|карындасы|әріптесі|"
               r"ариптеси|курстасы|көршісі|коршиси|қызы|кызы|келіні|келини|немересі|немереси|жиені|жиени|"
               r"ulym|qyzym|kyzym|aielim|ayelim|kuieuim|kuyeuim|apkem|zhienim|"
               r"kelinim|ariptesim|kurstasym|"
               r"директор|декан|ректор|завуч|начальник|бастық|бастык|бастығымыз|директорымыз|"
               # an officer or an official by his post: «гаишник дидар», «следователь жанна»
               r"гаишник|гайишник|мент|опер|участковый|участковая|следователь|дознаватель|прокурор|судья|адвокат|"
               r"инспектор|таможенник|пограничник|конвоир|надзиратель|таксист|мастер|бригадир|прораб|завхоз|"
               r"смотрящий\s+был|смотрящим\s+был|смотрящий)\s+"
               r"(?:у\s+нас\s+|біздің\s+|бизде\s+)?" + _NAME, re.IGNORECASE),
    re.compile(r"(?<!\w)(?:брат|брата|братом|брату|братан|сестра|сестры|сестрой|сестр[уе]|баб[аыеу]|бабой|бабушк\w*|"
               r"дед[ауе]?|дедом|дедушк\w*|друг|друга|другом|подруга|подруги|жена|жены|"
               r"женой|муж|мужа|мужем|сын|сына|сыном|дочь|дочка|дочки|кум|кума|сосед|соседа|соседк[аиуе]|соседкой|"
               r"соседом|напарниц\w*|сменщик\w*|сменщиц\w*|ағам|інім|әпкем|"
               r"қарындасым|досым|жиенім|brat|brata|bratom|drug|druga|sestra|zhena|muzh|kum|dosym|agam|inim|wife|"
               r"husband|brother|sister|son|daughter|friend|colleague|cousin|uncle|aunt|auntie|nephew|niece|mum|mom|"
               r"mother|father|dad|grandmother|grandfather|granny|grandma|grandpa|stepfather|stepmother|"
               r"neighbou?r|boss|pastor|partner|fianc[ée]e?|земляк|земляка|сокамерник\w*|напарник\w*|кореш\w*|"
               # in-laws and the wider family, in Russian and as messengers write it: «сноха моя, вера», "nevestka
               # vera", «дядя слава»
               r"сноха|снохи|снохой|сноху|невестк[аиуе]|невесткой|золовк[аиуе]|свекровь|свекрови|св[её]кор|свекра|"
               r"т[её]ща|т[её]щи|т[её]щу|тесть|тестя|зять|зятя|зятем|шурин\w*|девер\w*|свояк\w*|дяд[яиюе]|дядей|"
               r"т[её]т[яиюе]|т[её]тей|племянни\w*|внук\w*|внучк\w*|крестни\w*|одноклассни\w*|однокурсни\w*|"
               r"сослуживц?\w*|коллег[аиу]|сожител\w*|сожительниц\w*|nevestka|nevestku|snokha|snoha|svekrov|"
               r"t[e]shcha|tesha|zyat|dyadya|dyadyu|tetya|tyotya|plemyannik|plemyannitsa|vnuk|vnuchka|kollega|"
               r"odnoklassnik)"
               r",?\s+(?:(?:моя|мой|моего|моей|мою|наш|наша|нашего|нашей|его|её|ее|ихний|moya|moi|moy|moyu|nash|"
               r"nasha|ego|ee)\s*,?\s+)?(?:у\s+(?:меня|него|неё|нее|нас)\s+)?" + _NAME
               + r"(?![\w'-])(?!\s+(?:богу|bogu))",
               re.IGNORECASE),
    # a boss, a guard or an officer said to have been someone: «начальник отряда был слава», "nachalnik ceha byl
    # slava", «бригадир у нас была роза»
    re.compile(r"(?<!\w)(?:начальни\w*|нач\.|бригадир\w*|мастер|прораб|старш\w*|опер|оперо?м|следовател\w*|"
               r"участков\w*|командир\w*|завхоз|смотрящ\w*|хозяин\w*|nachalnik\w*|brigadir|master|sledovatel\w*|"
               r"uchastkov\w*|komandir\w*|smotryashch\w*)"
               r"\s+(?:[^\W\d_]+\s+){0,2}?(?:у\s+нас\s+|u\s+nas\s+)?(?:был|была|byl|byla)\s*,?\s+" + _NAME
               + r"(?![\w'-])(?!\s+(?:богу|bogu))", re.IGNORECASE),
]
#: for a pattern that begins with any word, a keyword each of its matches holds: such a pattern tried at every word
#: of a 90-minute transcript cost a tenth of a second, so it is tried only around its keyword
def _pattern_with(patterns: list[re.Pattern], marker: str) -> re.Pattern:
    """The one pattern of a list whose source holds ``marker``: anchors name their pattern by what it says, so
    that a pattern added to a list does not give another pattern's anchor to the wrong one."""
    (found,) = [pattern for pattern in patterns if marker in pattern.pattern]
    return found


_ANCHORS = {pattern: re.compile(anchor, re.IGNORECASE) for pattern, anchor in (
    (_pattern_with(_NICKNAME_PATTERNS, "деген\\s+(?:лақап|лакап)"),
     r"деген\s+(?:лақап|лакап|ат(?:пен|қа|ка|ымен)(?!\w))|(?:деп|dep)\s+(?:ата|шақыр|ata|shaqyr|shakyr)|"
     r"(?:деп|dep)\s+(?:[^\W\d_]+\s+){0,2}?(?:атай|аты?н?\s+[қк]ой|atai|at[yı]?n?\s+qo[iyı])"),
    (_pattern_with(_NICKNAME_PATTERNS, "так\\s+(?:у\\s+нас\\s+)?(?:и\\s+)?(?:звали"),
     r"так\s+(?:у\s+нас\s+)?(?:и\s+)?(?:звали|называли|зовут|называют|прозвали|кличут)"),
    (_pattern_with(_NICKNAME_PATTERNS, "\\s+(?:деген|дейтін|дейтин|degen|deitin)\\s+(?:бір"),
     r"(?:деген|дейтін|дейтин|degen|deitin)\s"),
    (_pattern_with(_NICKNAME_PATTERNS, "(?<=[а-яёәғқңөұүһі,]\\s)"),
     r"\s(?:звали|называли|прозвали|кличут|деген|дейтін|дейтин)(?!\w)"),
    (_pattern_with(_NICKNAME_PATTERNS, "(?:его|её|ее)\\s+все\\s+(?:звали"),
     r"(?:его|её|ее)\s+все\s+(?:звали|называли|кличут|прозвали)"),
    (_pattern_with(_NICKNAME_PATTERNS, "[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\\w.]{1,30}"), r"[«\"“]"),
    (_pattern_with(_NICKNAME_PATTERNS, "\\s+called\\s+(?:him|her)(?="),
     r"(?:we|they|everybody|everyone)\s+called\s+(?:him|her)"),
    (_pattern_with(_NICKNAME_PATTERNS, "(?:жазылған|жазылды"), r"(?:деп|dep)\s+(?:жаз|сақта|сакта|zhaz|saqt)"),
    (_pattern_with(_NICKNAME_PATTERNS, "(?:his|her|my|whose)"), r"name\s+(?:was|is)\s"),
    (_pattern_with(_NICKNAME_PATTERNS, "(?:кличка|погоняло|погремуха|прозвище|фамилия|позывной)(?!"),
     r"(?:это|тоже|—)\s+(?:его\s+|её\s+|ее\s+)?(?:кличка|погоняло|погремуха|прозвище|фамилия|позывной)"),
    (_pattern_with(_NICKNAME_PATTERNS, "called\\s+(?:him|her)\\s+(?:like\\s+)?that"),
     r"called\s+(?:him|her)\s+(?:like\s+)?that"),
    (_pattern_with(_CUED_NAME_PATTERNS, "|говорил|позвонил|"),
     r"\s(?:сказал|говорил|позвонил|звонил|написал|ответил|спросил|попросил|пообещал|обещал|приехал|пришел|пришёл|"
     r"пришл|уехал|ушел|ушёл|ушл|передал|предложил|skazal|govoril|pozvonil|zvonil|napisal|otvetil|sprosil|poprosil|"
     r"priehal|priekhal|prishel|prishl|uehal|uekhal|peredal|predlozhil)"),
    (_pattern_with(_CUED_NAME_PATTERNS, "деп\\s+жүрген"),
     r"(?:деген|дейтін|деп\s+жүрген|атты|есімді|degen|deitin|atty)\s"),
    (_pattern_with(_CUED_NAME_PATTERNS, _HONORIFIC_AFTER), rf"[\s-]{_HONORIFIC_AFTER}"),
    (_pattern_with(_CUED_NAME_PATTERNS, "(?:менің|менин|біздің|биздин|menin"),
     r"\s(?:менің|менин|біздің|биздин|menin|meniń|menıń|bizdin|bizdiń)\s"),
    (_pattern_with(_CUED_NAME_PATTERNS, "(?:деген|дейтін|дейтин|degen)(?!"),
     r"\s(?:деген|дейтін|дейтин|degen)(?!\w)"),
    (_pattern_with(_CUED_NAME_PATTERNS, _OWNED), _GENITIVE + _OWNED),
)}
_CALLED_SO = _pattern_with(_CUED_NAME_PATTERNS, "(?:деген|дейтін|дейтин|degen)(?!")
_OWNER_OF_KIN_OR_NUMBER = _pattern_with(_CUED_NAME_PATTERNS, _OWNED)
_DOES_WHAT_A_PERSON_DOES = _pattern_with(_CUED_NAME_PATTERNS, "|говорил|позвонил|")
_NAME_AND_A_DASH = _pattern_with(_CUED_NAME_PATTERNS, "[ \\t]+[—–-][ \\t]+")
_NAME_AND_BRACKETS = _pattern_with(_CUED_NAME_PATTERNS, "[ \\t]*\\((?=")


def _rarely_a_name(word: str) -> bool:
    """A word Russian morphology reads as a name almost never (under one reading in fifty): «Тема — хищения» is the
    topic, not Тёма; «Вера», «Слава» and «Роза» are names often enough."""
    from fieldkit.anonymise.morphology import natasha

    parses = natasha()[2].parse(word.casefold())
    first = str(parses[0].tag)
    return first.startswith("NOUN") and "nomn" in first and sum(
        p.score for p in parses if "Name" in str(p.tag)) < 0.02  # (a noun's case is no heading: «Бота — …» stays)
#: who else says or comes: pronouns and words for "himself", "everyone", "nobody", in both scripts
_NOT_WHO_SAID = frozenset({"сам", "сама", "сами", "sam", "sama", "sami", "он", "она", "они", "on", "ona", "oni", "кто",
                           "kto", "никто", "nikto", "все", "всё", "vse", "тот", "tot", "та", "ta", "этот", "etot",
                           "эта", "eta", "не", "ne", "и", "i", "а", "a", "но", "no", "потом", "potom", "тогда",
                           "togda", "сразу", "srazu", "уже", "uzhe", "еще", "ещё", "esche", "ewe"})
_ANCHOR_REACH = 80  # characters either side of a keyword: a cue and its word are never further apart


def _cue_matches(pattern: re.Pattern, text: str) -> list[re.Match]:
    """``pattern``'s matches in ``text``, looked for only around its keyword when it has one (``_ANCHORS``)."""
    anchor = _ANCHORS.get(pattern)
    return list(finditer(pattern, text)) if anchor is None else matches_near(pattern, anchor, text, _ANCHOR_REACH)


#: words that can follow a nickname cue without being the nickname («его звали так», "called him up")
_NOT_NICKNAMES = frozenset({"так", "все", "всё", "его", "её", "ее", "меня", "up", "back", "out", "in", "the", "a",
                            "and", "but", "so", "then", "because", "she", "he", "we", "they", "it", "that", "to",
                            "like", "бір", "оны", "мені", "по", "за", "как", "не", "бы", "бар", "жоқ", "еді", "болды",
                            "болған", "және", "деп", "такая", "такой", "такие", "была", "был", "было", "и",
                            "у", "мою", "свою", "сменил", "сменила", "поменял", "поменяла", "помню", "знаю",
                            # what a Kazakh speaker says someone is, not what he is called: «оны жақсы дейді»
                            "жақсы", "жаман", "дұрыс", "бұрыс", "өтірік", "рас", "солай", "осылай", "сондай",
                            "мұндай", "керек", "мүмкін", "ештеңе", "бәрі", "кім", "қалай", "неге", "білмеймін"})


#: what Russian morphology may read the word after a cue as when it is no name («фамилию назвал», «звали тогда»); a
#: participle or a short adjective may be one («шал»)
NOT_A_NICKNAME = ("VERB", "INFN", "GRND", "PRCL", "CONJ", "PREP", "NPRO", "ADVB", "PRED", "COMP", "INTJ")


#: a Kazakh cue right after the word it names: «Ай деп атайтынбыз», «Қара деген лақап»
_KAZAKH_CUE_AFTER = re.compile(r"[»\"”']?\s+(?:деп|деген|dep|degen)\s", re.IGNORECASE)
#: a verb that gives a name, before the name it governs («у нас называют …»); «под ником бурой» has none
_NAMING_VERB = re.compile(r"зва|зов|назыв|клич|кликал|прозв", re.IGNORECASE)


def _oblique_adjective(word: str) -> bool:
    """An adjective in the genitive, dative or prepositional, that begins the phrase a name-giving verb governs
    («у нас называют местного авторитета»): a nickname after such a verb is in the nominative or instrumental."""
    from fieldkit.anonymise.morphology import natasha

    lowered = word.casefold()
    if not is_cyrillic(lowered) or not natasha()[2].word_is_known(lowered):
        return False
    tag = natasha()[2].parse(lowered)[0].tag
    return "ADJF" in tag and bool({"gent", "datv", "loct"} & set(tag.grammemes))


class NicknameRecognizer(EntityRecognizer):
    """PERSON for the word a speaker says is someone's nickname: «по кличке лысый», «его звали малой», «құлақ
    деген лақап аты», "they called him shorty". Nicknames are ordinary words, so only such a cue tells them;
    a nickname said once is then replaced wherever it recurs (engine.propagate)."""

    SCORE = 0.8

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["PERSON"], name=f"Nicknames-{language}", supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        names, ambiguous = given_names()
        for pattern in _NICKNAME_PATTERNS:
            for match in _cue_matches(pattern, text):
                kin_and_name = _AFTER_UNCLE.match(text, match.end("id")) if match["id"].casefold() in (
                    "uncle", "aunt", "auntie", "тётя", "тетя", "дядя", "апа", "ака", "аға", "ага") else None
                if kin_and_name and _listed_name(kin_and_name["name"], names, ambiguous, strict=False):
                    # "everyone called him uncle heinz": the name after the kin word ("we called uncle" alone is one)
                    explanation = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE,
                                                      textual_explanation="said to be a nickname")
                    results.append(RecognizerResult("PERSON", kin_and_name.start("name"), kin_and_name.end("name"),
                                                    self.SCORE, explanation))
                    continue
                # (Russian morphology says nothing of a capitalised word a Kazakh cue names: «оны Ай деп атайтын»)
                kazakh_cue = match["id"][:1].isupper() and _KAZAKH_CUE_AFTER.match(text, match.end("id"))
                if match["id"].casefold() in _NOT_NICKNAMES or match["id"].casefold() in _NUMBER_WORDS or (
                        _english_verb(match["id"])) or (
                        kazakh_cue and _a_verb_in_the_first_or_second_person(match["id"])) or (
                        # (a Korean or Dungan surname reads as a particle: «ну ван его все звали» is still a name)
                        (not kazakh_cue and reads_first_as(match["id"], NOT_A_NICKNAME)
                         and fold(match["id"]) not in _KOREAN_SURNAMES | _DUNGAN_SURNAMES)
                        or (_NAMING_VERB.search(text, match.start(), match.start("id"))
                            and _oblique_adjective(match["id"]))):
                    # (the case of a word after the verb tells; «малой, его так называли» names before it)
                    continue
                explanation = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE,
                                                  textual_explanation="said to be a nickname")
                results.append(RecognizerResult("PERSON", match.start("id"), match.end("id"), self.SCORE,
                                                explanation))
        for match in finditer(_BESIDE_IN_BRACKETS, text):
            # «Крыша: Толстый (Сейткали)», "Murat (Mukha)": a note gives a nickname and the name it stands for
            nickname = ("outer" if _listed_name(match["inner"], names, ambiguous)
                        else "inner" if _listed_name(match["outer"], names, ambiguous) else None)
            if nickname is None or _listed_name(match[nickname], names, ambiguous, strict=False) or (
                    match[nickname].casefold() in _NOT_NICKNAMES or is_kin_word(match[nickname])
                    or _english_verb(match[nickname])):
                continue  # (two names; a name and its place, «Марат (Шымкент)», is left to the place's higher score)
            explanation = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE,
                                              textual_explanation="a nickname beside its name in brackets")
            results.append(RecognizerResult("PERSON", match.start(nickname), match.end(nickname),
                                            _BRACKETED_SCORE, explanation))
        for pattern in _CUED_NAME_PATTERNS:
            for match in _chained_cues(pattern, _cue_matches(pattern, text), text):
                word = match["id"]
                if (word.casefold() in _NOT_NICKNAMES or word.casefold() in _NUMBER_WORDS or is_kin_word(word)
                        or word.casefold() in _PRONOUNS_WITH or _english_verb(word)
                        or (pattern in (_NAME_AND_A_DASH, _NAME_AND_BRACKETS) and _rarely_a_name(word))
                        # (the commonest words own things too: "adamnyn nomerin", the person's number)
                        or (pattern is _OWNER_OF_KIN_OR_NUMBER and _common_word_in_the_genitive(word))
                        or (pattern is _DOES_WHAT_A_PERSON_DOES and (
                            word.casefold() in _NOT_WHO_SAID
                            # (only a listed name: «замакима пообещал» is the deputy akim)
                            or not (_listed_name(word, names, ambiguous, strict=False)
                                    or (word.isascii() and latin_key(word) in _every_latin_name()))))) or not (
                        _listed_name(word, names, ambiguous, strict=False) or _stem_listed(word, names)
                        or (word.isascii() and latin_key(word) in _every_latin_name())
                        # a Russian name's case in messenger Latin: "brata kolju" (Колю), "sestry vali" (Вали)
                        or (word.isascii() and word.islower() and _listed_in_russian_letters(word, names, ambiguous))
                        # a surname's shape before «деген», whatever else the word is: «калиев деген» (not potassium)
                        or (pattern is _CALLED_SO and _LOWER_CYRILLIC_SURNAME.match(word.casefold()) is not None
                            and word.casefold() not in _KAZAKH_IN_RUSSIAN_LETTERS and not is_common_kazakh(word))
                        or (_no_dictionary_knows(word) and not (text.startswith(".", match.end("id"))
                                                                 and _cut_short(word)))
                        # a capitalised word inside a sentence, an honorific after it: «Свекровь — Күлән апай»
                        or (pattern is _HONORIFIC_CUE and word[:1].isupper() and word[1:].islower()
                            and not opens_a_sentence(text, match.start("id")))):
                    # (a word no dictionary knows cut short by a dot is a note's abbreviation: «брат респ.»)
                    continue
                explanation = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE,
                                                  textual_explanation="a name said with a cue")
                results.append(RecognizerResult("PERSON", match.start("id"), match.end("id"), self.SCORE,
                                                explanation))
        return results


#: the person endings of a Kazakh verb said by or to someone («келеміз», «барамын», «білесіз»): no name ends so
_FIRST_OR_SECOND_PERSON = ("мыз", "міз", "мын", "мін", "сың", "сің", "сыз", "сіз", "миз", "мин", "сын", "сиз")


def _a_verb_in_the_first_or_second_person(word: str) -> bool:
    """A Kazakh verb in the first or second person, which no name is: «Келеміз деп жүретін» is what someone keeps
    saying. (The other verb forms do not count: Құдайберген, Төлеген, Сатыбалды end like participles and pasts.)"""
    lowered = word.casefold()
    return lowered.endswith(_FIRST_OR_SECOND_PERSON) and is_kazakh_verb_form(lowered) and not is_listed_name(lowered)


def opens_a_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the first of its sentence or line."""
    return re.search(r"(?:^|[.!?]|\n)[\s«\"“]*$", text[max(0, start - 6):start]) is not None


#: below a listed place's score: «Марат (Шымкент)» is a man and his town
_BRACKETED_SCORE = 0.75
_AFTER_UNCLE = re.compile(r"\s+(?P<name>[A-Za-zА-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі][\w'-]{1,30})")
#: a capitalised word and another in brackets right after it, one of them a listed given name: «Толстый
#: (Сейткали)», "Murat (Mukha)", «Ерма (= Ермек?)»
_BESIDE_IN_BRACKETS = re.compile(
    r"(?<![\w.-])(?P<outer>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі'-]{2,20})\s*\(\s*(?:=\s*)?"
    r"(?P<inner>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі'-]{2,20})\??\s*\)")


def _chained_cues(pattern: re.Pattern, matches: list[re.Match], text: str) -> list[re.Match]:
    """The matches, and after each whose word is itself a cue the match that word starts: in "his mom aunt vera"
    the word after «mom» is «aunt», a kin word and no name, and the name is the one after it."""
    chained = []
    for match in matches:
        chained.append(match)
        following = pattern.match(text, match.start("id"))
        # (only a match whose word starts further on chains: where the word comes first, «жеңіс аға», the pattern
        # matched again at the same word, ten thousand times, before the bound stopped it)
        while following is not None and following.start("id") > chained[-1].start("id") and len(chained) < 10_000:
            chained.append(following)
            following = pattern.match(text, following.start("id"))
    return chained


def _english_verb(word: str) -> bool:
    """What an English speaker says after a kin word when no name follows ("my brother said", "his wife was"),
    though "Said" is a name too: a verb of the nickname rules' list or any English word as frequent as "called"."""
    from fieldkit.anonymise.latin_words import english_frequency

    lowered = word.casefold()  # (capitalised, "my friend Said" is the name)
    return word.isascii() and word.islower() and (
        lowered in ENGLISH_VERBS_AFTER or english_frequency(lowered) >= 3e-4)


#: Kazakh pronouns with «-мен» (with me, with him…), which the cue «X-мен бірге» would read as a name
_PRONOUNS_WITH = frozenset({
    "менімен", "сенімен", "онымен", "бізбен", "сізбен", "олармен", "өзімен", "өзіммен", "өзімізбен", "біреумен",
    "кіммен", "мынамен", "сонымен", "осымен", "бұнымен", "менмен", "менимен", "сенимен", "бизбен", "сизбен",
    "озимен", "озиммен", "озимизбен", "биреумен", "киммен", "бунымен", "menimen", "senimen", "onymen", "bizben",
    "sizben", "olarmen", "ozimen", "ozimmen", "onımen", "menımen", "bireumen"})
#: what a note's abbreviation leaves off: «осужд.» (осуждённый), «задерж.» (задержанный), «респ.» (респондент)
_CUT_TAILS = ("енный", "ённый", "анный", "ание", "ение", "ник", "ный", "ский", "ент", "ондент", "ублика", "ка", "ия")


def is_cut_short(word: str) -> bool:
    """A note's abbreviation of a Russian word («осужд.», «респ.»), for other modules."""
    return _cut_short(word)


def _cut_short(word: str) -> bool:
    """A note's abbreviation before its dot, a Russian word cut short («осужд.», «респ.»), rather than a name at
    the end of a sentence («земляк, зелим.»)."""
    return any(_known_word(word.casefold() + tail) for tail in _CUT_TAILS)


@lru_cache(maxsize=50_000)
def _no_dictionary_knows(word: str) -> bool:
    """A Cyrillic word neither the Russian nor the Kazakh dictionary knows, in any case: after a cue such as «әйелі»
    (his wife) it is a name that is on no list («гүлнигар»)."""
    from fieldkit.anonymise.kazakh_words import is_kazakh_stem, is_plainly_kazakh
    from fieldkit.anonymise.unknown_words import is_everyday_foreign

    lowered = word.casefold()
    # a short Kazakh stem in a case («ағаның», «ініме») is as common a word as the stem
    stems = {lowered[: -len(ending)] for ending in (*KAZAKH_SUFFIXES, "ым", "ім", "м", "сы", "сі", "ы", "і")
             if lowered.endswith(ending)}
    return (len(lowered) >= 4 and is_cyrillic(lowered) and not _known_word(lowered)
            and not is_plainly_kazakh(lowered) and not _function_word(lowered) and not is_everyday_foreign(lowered)
            and not any(stem in _KAZAKH_COMMON or is_kazakh_stem(stem) for stem in stems))


@lru_cache(maxsize=1)
def _every_latin_name() -> frozenset[str]:
    """The Latin keys of every listed name, those that are also words in any language included: after a cue such as
    "my wife" even "marina" is a name."""
    return latin_names() | latin_names_also_words() | {latin_key(word) for word in _ENGLISH_WORDS - _ENGLISH_VERBS}


#: names that are English words of another kind, which follow "my son" as often as a name does: "his son will come"
_ENGLISH_VERBS = frozenset({"will", "may", "hope", "mark", "bill", "page", "star", "rose", "mars", "nike", "august",
                            "april", "june", "dean"})


#: «my friend», «my brother»… in Kazakh, in both alphabets: some are also given names (Досым), none is one here
_KIN = frozenset({"досым", "ағам", "інім", "апам", "әкем", "анам", "ұлым", "қызым", "әйелім", "күйеуім", "жеңгем",
                  "балам", "dosym", "agam", "agham", "inim", "apam", "akem", "anam", "ulym", "qyzym", "kyzym",
                  "ayelim", "aielim", "kuieuim", "balam", "bala", "apa", "aga", "біз", "сіз", "biz", "siz", "олар",
                  "olar", "сен", "sen",
                  # his or her kin: «ағасы шалқар жол логистикте» (his brother … at Shalkar Zhol Logistic)
                  "ағасы", "агасы", "інісі", "иниси", "әкесі", "акеси", "шешесі", "шешеси", "апасы", "әпкесі", "апкеси",
                  "әйелі", "айели", "күйеуі", "куйеуи", "жездесі", "жездеси", "досы", "баласы", "agasy", "inisi",
                  "akesi", "sheshesi", "apasy", "apkesi", "aieli", "kuieui", "jezdesi", "zhezdesi", "dosy", "balasy"})


def is_kin_word(word: str) -> bool:
    """Whether a word is a kin word or a pronoun under a case ending: «досыммен бірге», "bizben birge"."""
    lowered = fold(word)
    return any(lowered == kin or (lowered.startswith(kin) and lowered[len(kin):] in _CASE_ENDINGS) for kin in _KIN)


_CASE_ENDINGS = frozenset({
    "мен", "бен", "пен", "ге", "ға", "қа", "ке", "ның", "нің", "дың", "дің", "ны", "ні", "ды", "ді", "да", "де",
    "та", "те", "дан", "ден", "тан", "тен", "нан", "нен",
    "men", "ben", "pen", "ge", "ga", "qa", "ka", "ke", "nyn", "nin", "dyn", "din", "ny", "ni", "dy", "di", "da", "de",
    "ta", "te", "dan", "den", "tan", "ten", "nan", "nen",
})
#: the same endings, and particles, as whisper writes them apart after a name («әсем мен перизат», «асқар да»): the
#: Cyrillic case endings above, their forms with a voiceless «т» and in Russian letters, and question and emphatic
#: particles
_ENDINGS_WRITTEN_APART = frozenset(ending for ending in _CASE_ENDINGS if is_cyrillic(ending)) | frozenset({
    "ты", "ті", "тың", "тің", "га", "ка", "нын", "нин", "дын", "дин", "ма", "ме", "ба", "бе", "па", "пе", "ғой", "гой",
    "ше", "ша", "менен", "бенен", "пенен"})


def _in_kazakh_genitive(word: str) -> bool:
    """A name in the Kazakh genitive owns what follows it, which is then no surname: «нұрланның номерін», "nurlannyn
    nomerin"."""
    return word.casefold().endswith(_GENITIVE_ENDINGS)


_POSSESSIVE_SURNAME = re.compile(r"[а-яё]{3,}(?:ин|ын|ов|ев)(?:а|у|ым|ой|ом|е)?")


def _possessive_surname_beside(name: str, word: str) -> bool:
    """A lower-case surname that is also a possessive adjective (Бабушкин, "grandma's"), right after a given name in
    a case they share: «с жекой бабушкиным», «у ольги синицыной»; the nominative is too often the adjective."""
    lowered = word.casefold()
    if not word.islower() or not _POSSESSIVE_SURNAME.fullmatch(lowered):
        return False
    from fieldkit.anonymise.morphology import natasha

    morph = natasha()[2]
    if not morph.word_is_known(lowered):  # (a guess proves nothing: «күлпаш жылына», per year, is no surname)
        return False
    if mostly_a_thing(lowered):
        return False  # «бахтиёра машина»: Бахтиёр's car, not Бахтиёр Машин
    cases = {"gent", "datv", "ablt", "loct"}
    surname = {case for p in morph.parse(lowered) if "Poss" in p.tag or "Surn" in p.tag for case in cases
               if case in p.tag}
    given = {case for p in morph.parse(name.casefold()) for case in cases if case in p.tag}
    return bool(surname & given)


def _listed_in_russian_letters(word: str, names: frozenset[str], ambiguous: frozenset[str]) -> bool:
    """A listed name's case form that a messenger Latin word spells ("kolju" → «колю»)."""
    from fieldkit.anonymise.latin_words import russian_spelling

    cyrillic = russian_spelling(word)
    return cyrillic is not None and _listed_name(cyrillic, names, ambiguous, strict=False)


def _common_word_in_the_genitive(word: str) -> bool:
    """«адамның», "adamnyn": one of the commonest Kazakh words under its genitive ending."""
    lowered = fold(word)
    for ending in _GENITIVE_ENDINGS:
        if lowered.endswith(ending):
            stem = lowered[: -len(ending)]
            return stem in _KAZAKH_COMMON or (stem.isascii() and latin_key(stem) in _kazakh_common_keys())
    return False


@lru_cache(maxsize=1)
def _kazakh_common_keys() -> frozenset[str]:
    """The Latin keys of the commonest Kazakh words that are also names ("adam", a person)."""
    return frozenset(latin_key(word) for word in _KAZAKH_COMMON)


def _stem_listed(word: str, names: frozenset[str]) -> bool:
    """A listed name under a Kazakh or Russian genitive ending («алтынның», «мақсаттың», "sultana")."""
    lowered = fold(word)
    if lowered in _KAZAKH_COMMON:
        return False
    for ending in (*_GENITIVE_ENDINGS, "бен", "пен",
                   "мен", "ben", "pen", "men", "қа", "ке", "ға", "ге", "qa", "ka", "ga", "ge", "ke", "а", "a"):
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3:
            stem = lowered[: -len(ending)]
            if stem in names or plain(stem) in names or (stem.isascii() and (
                    latin_key(stem) in latin_names() or (latin_key(stem) in latin_names_also_words()
                                                         and latin_key(stem) not in _kazakh_common_keys()))):
                return True
    return False


#: Kazakh words that stand beside a name without being part of it: kin and job words with a possessive («Әкем
#: Фридрих Рихтер», «Анам Күләш»), «аты» and «фамилиясы» (his name is), and adverbs a sentence starts or goes on with
#: («сосын ерболдың анасы», «хусе дауров … кейін»). Stems take the possessive endings below.
_FRAME_STEMS = ("әке", "ана", "апа", "аға", "іні", "әпке", "сіңлі", "қарындас", "жеңге", "күйеу", "әйел", "бала",
                "ата", "әже", "нағашы", "көке", "жезде", "бауыр", "көрші", "бастық", "бастығ", "бастыг",
                "тергеуші", "аке", "ага", "ини", "апке", "сиңли", "коке", "бастык", "тергеуши", "фамилия", "есім", "ат",
                # comrades, classmates, colleagues: «жолдасым», «сыныптасым», «әріптесім»
                "жолдас", "курстас", "сыныптас", "әріптес", "ариптес", "құрбы", "курбы")
#: «досым» (my friend) is also the given name Досым: it frames a name only before a given name of the lists
#: («досым данияр», «менің досым нұрлан сәрсенбаев»), not before a surname («Досым Ахметов»)
_FRIEND = frozenset({"досым", "досың", "досын", "досы", "досымыз", "dosym"})
_FRAME_POSSESSIVES = ("м", "ым", "ім", "ң", "ың", "ің", "сы", "сі", "ы", "і", "мыз", "ымыз", "іміз", "ми", "им", "ын",
                      "ин", "си", "и")
_FRAME_WORDS = frozenset({"сосын", "содан", "кейін", "кейин", "енді", "енди", "қазір", "казир", "сонда", "онда",
                            "тағы", "тагы", "және", "жане", "бірақ", "бирак", "ал", "әлі", "тек", "потом",
                            "ещё", "еще", "тоже", "короче",
                            # and jobs said bare before a name («тергеуші бейсенқызы»)
                            "тергеуші", "тергеуши", "бастық", "бастык", "учаскелік", "учаскелик", "күзетші",
                            "кузетши", "дәрігер", "даригер", "мұғалім", "мугалим", "инспектор",
                            # and the words of a form read out: «Фамилия Оспанов, … отчество Туякбаевич»
                            "фамилия", "фамилиясы", "отчество", "имя", "тегі", "тегi"})


def is_frame_word(word: str) -> bool:
    lowered = word.casefold()
    if lowered in _FRAME_WORDS:
        return True
    return any(lowered.startswith(stem) and lowered[len(stem):] in _FRAME_POSSESSIVES for stem in _FRAME_STEMS)


def without_frame_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A person's span without the kin words, «аты» and adverbs at its ends, where what is left still looks like a
    name: «Аты Қанат Әбдірахманов» → «Қанат Әбдірахманов»."""
    tokens = words(text[start:end])
    first, last = 0, len(tokens)
    while first < last - 1 and (is_frame_word(tokens[first][2]) or (
            tokens[first][2].casefold() in _FRIEND and is_listed_name(tokens[first + 1][2]))):
        first += 1
    while last - 1 > first and is_frame_word(tokens[last - 1][2]):
        last -= 1
    if (first, last) == (0, len(tokens)) or not looks_like_a_name(
            text[start + tokens[first][0]:start + tokens[last - 1][1]]):
        return start, end
    return start + tokens[first][0], start + tokens[last - 1][1]

