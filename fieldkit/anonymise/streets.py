"""Streets and markets as people name them in speech: «на райымбека», «по толе би», «абай көшесінде», "na
al-farabi"; «на зелёном базаре», «колхозного рынка», «сайрам базарында».

A street or a named market without a house number is a quasi-identifier (LOCATION): with a drug point or a
meeting place it narrows a story to a few houses. The namesakes (data/kz_street_namesakes.txt) are also
people's names and ordinary words («желтоксан» is December, «достык» friendship), so a namesake counts as a
street only next to a word that makes it one: a preposition of place before it, or a street word before or
after it. A market word («базар», «рынок») identifies a place when a name or an adjective comes with it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from fieldkit.anonymise.findings import Finding
from fieldkit.anonymise.morphology import first_tag, words
from fieldkit.anonymise.number_words import KAZAKH_CARDINAL, KAZAKH_ORDINAL_ENDINGS
from fieldkit.anonymise.script_gate import finditer

SCORE = 0.6
ADDRESS_SCORE = 0.8
#: words right before a namesake that make it a street
_BEFORE = frozenset({
    "на", "по", "с", "со", "от", "до", "угол", "углу", "угла", "улица", "улице", "улицы", "улицу", "улицей", "ул",
    "проспект", "проспекте", "проспекта", "пр", "пр-т", "бульвар", "бульваре", "переулок", "переулке", "трасса",
    "трассе", "между", "na", "po", "s", "ot", "do", "ul", "ulitsa", "ulitse", "prospekt", "prospekte", "on", "off",
    "along", "corner", "площадь", "площади", "площадью", "ploshad", "ploshadi", "ploshchad", "ploshchadi", "ulice",
    "ulica", "ulitsy", "ulitsu", "prospekta", "bulvar", "bulvare", "pereulok", "pereulke",
})
#: words right after a namesake that make it a street (Kazakh puts the street word after the name)
_AFTER = frozenset({
    "көшесі", "көшесінде", "көшесіндегі", "көшесіне", "көшесінен", "көшесімен", "көшесінің", "даңғылы",
    "даңғылында", "даңғылындағы", "даңғылына", "даңғылынан", "street", "st", "avenue", "ave", "road", "köshesi",
    "koshesi", "kosh", "dangyly", "улица", "угол", "угла", "проспект",
})


#: the last word of a namesake that is a road whatever comes before it: «жібек жолы», «северное кольцо»
_ROAD_WORDS = frozenset({"жолы", "zholy", "кольцо", "шоссе", "highway", "сақина"})
#: words before a namesake that name a street by themselves (a preposition alone does not, for a namesake that is
#: also an ordinary word: «до независимости», «от мира», «на наурыз»)
_STREET_WORDS = frozenset({
    "улица", "улице", "улицы", "улицу", "улицей", "ул", "проспект", "проспекте", "проспекта", "пр", "пр-т",
    "бульвар", "бульваре", "переулок", "переулке", "угол", "углу", "угла", "ulitsa", "ulitse", "ul", "prospekt",
    "prospekte", "corner", "площадь", "площади", "площадью", "ploshad", "ploshadi", "ploshchad", "ploshchadi",
    "ulice", "ulica", "ulitsy", "ulitsu", "prospekta", "bulvar", "bulvare", "pereulok", "pereulke",
})


@lru_cache(maxsize=5_000)
def _ordinary(name: tuple[str, ...]) -> bool:
    """A one-word namesake that is also an ordinary word, in Russian («победы», «мира», «горького») or Kazakh (a
    month: «наурыз», «желтоқсан»): it is a street only with a street word, not after a bare preposition."""
    if len(name) != 1:
        return False
    word = name[0]
    if word.startswith(("наурыз", "желтоқсан", "желтоксан", "тәуелсіздік", "тауелсиздик", "достық", "достык",
                        "бейбітшілік", "жібек")):
        return True
    from fieldkit.anonymise.morphology import natasha

    morph = natasha()[2]
    if not word.isascii() and morph.word_is_known(word):
        parses = morph.parse(word)
        proper = sum(p.score for p in parses if any(t in str(p.tag) for t in ("Name", "Surn", "Patr", "Geox")))
        return proper < sum(p.score for p in parses) - proper
    return False


@lru_cache(maxsize=1)
def street_namesakes() -> frozenset[tuple[str, ...]]:
    """Every spelling of every namesake, as a tuple of lower-case words («толе», «би»)."""
    text = (resources.files("fieldkit.anonymise") / "data" / "kz_street_namesakes.txt").read_text(encoding="utf-8")
    forms: set[tuple[str, ...]] = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        for spelling in line.split("|"):
            parts = tuple(word.casefold() for _, _, word in words(spelling.replace("ё", "е")))
            if parts and len("".join(parts)) >= 3:
                forms.add(parts)
    return frozenset(forms)


@lru_cache(maxsize=1)
def _latin_namesakes() -> frozenset[tuple[str, ...]]:
    """Every namesake by its Latin key, for messenger spellings the list does not give: "konstitucii",
    "kabanbai batyra", "tauke khana"."""
    from fieldkit.anonymise.morphology import latin_key

    return frozenset(tuple(latin_key(word) for word in name) for name in street_namesakes())


@lru_cache(maxsize=1)
def _namesake_stems() -> frozenset[tuple[str, ...]]:
    """The names of two words or more by their Latin key, the last word without its final vowel: the street in
    any case, «на тауке хане», «по абылай хану»."""
    return frozenset((*name[:-1], name[-1].rstrip("aeiouy")) for name in _latin_namesakes()
                     if len(name) > 1 and len(name[-1]) > 3)


@lru_cache(maxsize=1)
def _first_words() -> tuple[frozenset[str], frozenset[str]]:
    """A namesake's first word, in its letters and by its Latin key: most words begin none, and are passed at once."""
    return (frozenset(name[0] for name in street_namesakes() if name),
            frozenset(name[0] for name in _latin_namesakes() | _namesake_stems() if name))


class _Namesakes:
    """Where the text's words begin a namesake, in its own letters or by its Latin key."""

    def __init__(self, text: str) -> None:
        from fieldkit.anonymise.morphology import latin_key

        self.names, self.latin_names, self.stems = street_namesakes(), _latin_namesakes(), _namesake_stems()
        self.longest = max((len(name) for name in self.names), default=0)
        self.tokens = words(text)
        self.folded = [word.casefold().replace("ё", "е") for _, _, word in self.tokens]
        self.keys = [latin_key(word) if word.isalpha() else "" for word in self.folded]
        self.first_words, self.first_keys = _first_words()

    def named(self, start: int, size: int) -> bool:
        if tuple(self.folded[start:start + size]) in self.names:
            return True
        latin = self.keys[start:start + size]
        if not all(latin):
            return False
        if size > 1 and (*latin[:-1], latin[-1].rstrip("aeiouy")) in self.stems:
            return True
        # the Russian genitive's «-a» on a name the list gives bare: "kabanbai batyra", "tauke khana"
        return tuple(latin) in self.latin_names or (latin[-1].endswith("a") and (*latin[:-1], latin[-1][:-1]) in
                                                    self.latin_names and size > 1)

    def size_at(self, index: int) -> int:
        """How many words the longest namesake starting at word ``index`` has; 0 for none."""
        if self.folded[index] not in self.first_words and self.keys[index] not in self.first_keys:
            return 0
        return next((size for size in range(min(self.longest, len(self.tokens) - index), 0, -1)
                     if self.named(index, size)), 0)


#: what a street's namesake is called before the name («улица академика Сатпаева», «Генерала Панфилова»)
_NAMESAKE_TITLES = frozenset({"академика", "академик", "генерала", "генерал", "маршала", "маршал", "героя",
                              "космонавта", "профессора", "батыра", "батыр", "ақын", "акына", "писателя",
                              "akademika", "generala", "marshala"})


def find_streets(text: str, namesakes: _Namesakes | None = None) -> list[tuple[int, int]]:
    """(start, end) of every namesake used as a street; «между абая и сейфуллина» takes both."""
    namesakes = namesakes or _Namesakes(text)
    tokens, folded = namesakes.tokens, namesakes.folded
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        match = namesakes.size_at(index)
        if not match:
            index += 1
            continue
        after = index + match
        # a title the street's namesake carries goes with it: «по улице академика сатпаева», «генерала панфилова»
        opening = _title_before(text, tokens, folded, index)
        before_word = folded[opening - 1] if opening else ""
        chained = (before_word in ("и", "and", "мен", "бен", "пен") and found
                   and found[-1][1] >= tokens[index - 2][1] if index >= 2 else False)
        street_word = (before_word in _STREET_WORDS or (after < len(tokens) and folded[after] in _AFTER)
                       or (match > 1 and folded[after - 1] in _ROAD_WORDS))  # «через жибек жолы»: a road by name
        preposition = before_word in _BEFORE and not _ordinary(tuple(folded[index:after]))
        if street_word or preposition or chained:
            # the street word before the name goes with it: «на площади Республики» leaves no «площади»
            gap = text[tokens[opening - 1][1]:tokens[opening][0]] if opening else ""
            first = opening - 1 if before_word in _STREET_WORDS and gap in (" ", ". ", ".") else opening
            found.append((tokens[first][0], tokens[after - 1][1]))
        index = after
    return found + _adjective_streets(text, tokens, folded, found)


#: «улица» before an adjective, the way a street's name is said: «на улице парковой», «улица садовая»
_STREET_BEFORE_ITS_ADJECTIVE = frozenset({"улица", "улице", "улицы", "улицу", "улицей"})
#: adjectives after «улица» that describe it rather than name it («на улице холодной»), and pronouns
_DESCRIBING = re.compile(r"(?:холодн|тепл|тёпл|жарк|темн|тёмн|пуст|мокр|грязн|скользк|ночн|шумн|тих|узк|широк|"
                         r"наш|мо|тво|сво|ваш|друг|т|эт|одн|сам|кажд|люб|как|так|вс|ин|чуж)(?:ая|ой|ую|ей|яя|юю)$")


def _adjective_streets(text: str, tokens: list, folded: list[str],
                       found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """«улице парковой», «улица садовая»: a street named by an adjective after the street word (the usual names
    before it, «на садовой улице», are as often no name at all)."""
    streets = []
    for index in range(len(tokens) - 1):
        if folded[index] not in _STREET_BEFORE_ITS_ADJECTIVE or text[tokens[index][1]:tokens[index + 1][0]] != " ":
            continue
        word = folded[index + 1]
        if not re.fullmatch(r"[а-яё]{4,}(?:ая|ой|ую|ей|яя)", word) or _DESCRIBING.fullmatch(word):
            continue
        tag = first_tag(word)
        if "ADJF" not in tag or "Apro" in tag or "femn" not in tag:
            continue
        start, end = tokens[index][0], tokens[index + 1][1]
        if not any(a < end and start < b for a, b in found):
            streets.append((start, end))
    return streets


class StreetNameRecognizer(EntityRecognizer):
    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["LOCATION", "ADDRESS"], name=f"StreetNames-{language}",
                         supported_language=language)

    def load(self) -> None:
        street_namesakes()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE,
                                          textual_explanation="a street named after someone or something")
        address = AnalysisExplanation(recognizer=self.name, original_score=ADDRESS_SCORE,
                                      textual_explanation="a street with its house and flat")
        namesakes = _Namesakes(text)  # the text's words and their Latin keys, read once for both
        return ([RecognizerResult("LOCATION", start, end, SCORE, explanation)
                 for start, end in find_streets(text, namesakes)]
                + [RecognizerResult("ADDRESS", start, end, ADDRESS_SCORE, address)
                   for start, end in find_addresses(text, namesakes)])


_KAZAKH_VERB_ENDINGS = ("ды", "ді", "ты", "ті", "дым", "дім", "тым", "тім", "ған", "ген", "қан", "кен", "мын", "мін",
                        "дық", "дік", "тық", "тік", "ба", "бе", "па", "пе", "ма", "ме")
_MARKET_HEAD = re.compile(r"^(?:базар|рын(?:о)?к|bazaa?r|rynok|rynk|market)\w*$")
#: markets whose common name is the name: Almaty's «барахолка», a «толкучка»
_NAMED_MARKETS = re.compile(r"^(?:барахолк|толкучк|baraholk|barakholk|tolkuchk)\w*$")
#: words before a market word that do not name it
_NOT_MARKET_NAMES = frozenset({
    "этот", "этом", "этого", "тот", "том", "того", "наш", "нашем", "нашего", "местный", "местном", "местного",
    "ближайший", "ближайшем", "большой", "большом", "любой", "любом", "каждый", "каждом", "свой", "своём", "своем",
    "черный", "черном", "чёрном", "чёрный", "the", "a", "local", "big", "black", "any", "every", "our", "that",
    "this", "на", "в", "по", "у", "с", "and", "и", "бір", "сол", "осы", "үлкен", "жақын", "біздің", "da", "na", "v",
})


def find_markets(text: str) -> list[tuple[int, int]]:
    """(start, end) of named markets: «на зелёном базаре», «колхозного рынка», «сайрам базарында», "green bazaar",
    «рынок шапагат», «барахолке»."""
    from fieldkit.anonymise.morphology import first_tag, is_cyrillic, natasha

    morph = natasha()[2]
    tokens = words(text)
    found = []
    for index, (start, end, word) in enumerate(tokens):
        lowered = word.casefold()
        if _NAMED_MARKETS.match(lowered):
            found.append((start, end))
            continue
        if not _MARKET_HEAD.match(lowered):
            continue
        if index and tokens[index - 1][1] >= start - 2:
            before_start, _, before = tokens[index - 1]
            folded = before.casefold()
            if folded not in _NOT_MARKET_NAMES and len(folded) >= 3 and not folded.isdecimal():
                cyrillic_adjective = is_cyrillic(folded) and first_tag(folded).startswith("ADJF")
                kazakh_compound = lowered.startswith("базары") and is_cyrillic(folded)
                # a note's shortened adjective with its dot: «на Центр. рынке», «Зел. базаре»
                shortened = (text[before_start + len(before):before_start + len(before) + 1] == "."
                             and before[:1].isupper() and 3 <= len(before) <= 6 and is_cyrillic(folded))
                cyrillic_adjective = cyrillic_adjective or shortened
                latin_name = folded.isascii() and (folded.endswith(("ogo", "om", "yi", "iy", "yy", "aya"))
                                                   or lowered.startswith(("bazaar", "bazar"))
                                                   or (lowered.startswith("market") and before[:1].isupper()))
                if cyrillic_adjective or kazakh_compound or latin_name:
                    found.append((before_start, end))
                    continue
        if index + 1 < len(tokens):  # «рынок шапагат», «рынок «Алтын Орда»», "market Barakholka"
            after_start, after_end, after = tokens[index + 1]
            quoted = text[end:after_start].strip() in ("«", '"', "“")
            # a Russian market word followed by a word no dictionary knows (not a Kazakh verb: «базарға бардым»)
            russian_head = lowered in ("рынок", "рынке", "рынка", "рынку", "базар", "базаре", "базара", "базару")
            unknown = (russian_head and is_cyrillic(after) and not morph.word_is_known(after.casefold())
                       and len(after) >= 4 and not after.casefold().endswith(_KAZAKH_VERB_ENDINGS))
            # (a Kazakh case form before quotes is the object of a verb, not a market's head: «базарды «Береке»
            # ЖШС сатып алды», the company bought the market)
            quoted = quoted and (russian_head or lowered.isascii())
            if quoted:
                closing = re.match(r"[^»\"”\n]{0,40}[»\"”]", text[after_start:])
                after_end = after_start + closing.end() if closing else after_end
            if quoted or unknown or (after[:1].isupper() and text[end:after_start] == " "
                                     and not lowered.startswith("market") and not lowered.endswith(("ды", "ді"))):
                found.append((start, after_end))
    return found


class MarketRecognizer(EntityRecognizer):
    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["LOCATION"], name=f"Markets-{language}", supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE,
                                          textual_explanation="a named market")
        return [RecognizerResult("LOCATION", start, end, SCORE, explanation) for start, end in find_markets(text)]


@lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    """Every number word a house number may be said in: Russian, English, Kazakh, and Kazakh in Latin."""
    from fieldkit.anonymise.latin_words import kazakh_number_words_in_latin
    from fieldkit.anonymise.number_words import HUNDREDS, KAZAKH_TENS, KAZAKH_UNITS, TEENS, TENS, UNITS

    return frozenset({*UNITS, *TEENS, *TENS, *HUNDREDS, *KAZAKH_UNITS, *KAZAKH_TENS, "жүз", "hundred",
                      *kazakh_number_words_in_latin()})


def _number_phrase() -> str:
    from fieldkit.anonymise.number_words import trie_pattern

    words = trie_pattern(sorted(_number_words()))
    # digits, or up to four number words, the last one perhaps an ordinal («отыз жетінші», «он төртінші»)
    return rf"(?:\d+[а-яa-z]?|{words}\w*(?:[\s-]+{words}\w*){{0,3}})"


_NUMBER_PHRASE = _number_phrase()
#: after a namesake: its house and flat, in words or digits («толе би сто восемьдесят шесть квартира двенадцать»,
#: «абай көшесі отыз жетінші үй он төртінші пәтерде»)
_HOUSE_AND_FLAT = re.compile(
    rf"(?:\s+(?:көшесі|кошеси|даңғылы|дангылы|улица|ул\.?|street|st\.?|avenue|ave\.?|ulitsa|ul\.?|k[oöó][sş]h?es[iı]|"
    rf"dan[gğ]h?yly))?[\s,]+(?:дом\s+|д\.\s*|үй\s+|house\s+)?"
    rf"{_NUMBER_PHRASE}(?:\s+үй)?[\s,]+(?:(?:квартира|кв\.?|пәтер\w*|pater\w*|päter\w*|apartment|apt\.?|flat|kv\.?)\s*"
    rf"{_NUMBER_PHRASE}"
    rf"|{_NUMBER_PHRASE}\s+(?:пәтер|pater|päter)\w*)",  # the Kazakh order puts the flat's number before «пәтер»
    re.IGNORECASE)
#: the English order: "twenty four abay street apartment nine"
_ENGLISH_TAIL = re.compile(rf"\s+(?:street|st\.?|avenue|ave\.?)[\s,]+(?:apartment|apt\.?|flat)\s+{_NUMBER_PHRASE}",
                           re.IGNORECASE)
#: a house number with the Kazakh locative, then the verb of living: «абай 45-те тұрамыз», "abay 45-te turamyz" (the
#: house without the word for it; the verb says it is not an age or a clock time)
_LIVES_AT_HOUSE = re.compile(
    r"\s+\d{1,3}[а-яa-z]?(?:/\d{1,3})?(?:-|\s)?(?:те|та|де|да|te|ta|de|da)(?=\s+(?:тұр|тур|tur))", re.IGNORECASE)
#: (with the word that announces the house: "at number forty two baitursynov street apartment eight")
_ENGLISH_ADDRESS_HEAD = re.compile(rf"(?<![\w-])(?:(?:number|no\.?|house|building)\s+)?{_NUMBER_PHRASE}\s+$",
                                   re.IGNORECASE)
#: a street word, one to three words of its name, and a house: «улица жанкожа батыра дом сорок семь», whatever the
#: name (a street the list lacks is still a street when the speaker calls it one)
_STREET_WORD_ADDRESS = re.compile(
    rf"(?<!\w)(?:улиц[аеыу]|улицей|ул\.|проспект[аеу]?|пр-т|переул(?:ок|ке)|бульвар[аеу]?|ulitsa|ulitse|ul\.|"
    rf"prospekt[ae]?)\s+(?:[^\W\d_][\w-]*\s+){{1,3}}?(?:дом|д\.|dom|d\.)\s*{_NUMBER_PHRASE}(?!\w)", re.IGNORECASE)
#: what follows «по адресу» (at the address) is one, whatever the street: «по адресу тұран 19/1, кв 203»
_SAID_ADDRESS = re.compile(
    r"(?:(?<=\bадресу\s)|(?<=\bадресу:\s)|(?<=\bадрес:\s)|(?<=\badresu\s)|(?<=\badres:\s)|(?<=\bмекенжайы\s)|(?<=\bмекенжай:\s)"
    # («апамның адресі: …», "apamnyn adresi: Gogol 51, 19 pater", "the address is …")
    r"|(?<=\bадресі\s)|(?<=\bадресі:\s)|(?<=\badresi\s)|(?<=\badresi:\s)|(?<=\baddress:\s)|(?<=\baddress\sis\s))"
    r"(?:[^\W\d_][\w.-]*\s+){1,3}?"
    r"\d{1,4}(?:/\d{1,3}|[а-яёa-z](?!\w))?(?:,?\s*(?:кв\.?|квартира|пәтер|kv\.?|apt\.?|flat)\s*\d{1,4}"
    r"|,?\s*\d{1,4}\s*(?:пәтер|pater)\w*)?(?![\w/])", re.IGNORECASE)
_LATIN_MICRODISTRICT_ADDRESS = re.compile(
    r"(?<!\w)mkr\.?\s+[\w\-]+,?\s+d\.?\s*\d+[a-z]?,?\s+kv\.?\s*\d+", re.IGNORECASE)


def find_addresses(text: str, namesakes: _Namesakes | None = None) -> list[tuple[int, int]]:
    """(start, end) of a street named after someone with its house and flat, said in words or digits."""
    namesakes = namesakes or _Namesakes(text)
    tokens = namesakes.tokens
    found = [(m.start(), m.end()) for pattern in (_LATIN_MICRODISTRICT_ADDRESS, _STREET_WORD_ADDRESS)
             for m in finditer(pattern, text)]
    # (its lookbehinds are tried at every character: only where an address is announced)
    if re.search(r"адрес|adres|address|мекенжай", text, re.IGNORECASE):
        found += [(m.start(), m.end()) for m in finditer(_SAID_ADDRESS, text)]
    numeric = [_numeric_word(word) for _, _, word in tokens]
    for index in range(len(tokens)):
        # a street in its own spelling or by its Latin key («сәтпаев көшесі», "Zheltoqsan koshesi on tort"), looked
        # for only where a number follows within a few words: every house has one
        if not any(numeric[index + 1:index + 8]):
            continue
        size = namesakes.size_at(index)
        if not size:
            continue
        start, end = tokens[index][0], tokens[index + size - 1][1]
        house = _HOUSE_AND_FLAT.match(text, end) or _LIVES_AT_HOUSE.match(text, end)
        if house:
            found.append((_with_title_before(text, tokens, namesakes.folded, index), house.end()))
            continue
        tail = _ENGLISH_TAIL.match(text, end)
        number = _ENGLISH_ADDRESS_HEAD.search(text[max(0, start - 60):start])
        if tail and number:
            found.append((start - len(number.group()), tail.end()))
    return found


def _title_before(text: str, tokens: list, folded: list[str], index: int) -> int:
    """The word index where a namesake at ``index`` starts with its title («академика | сатпаева»), or ``index``."""
    if index and folded[index - 1] in _NAMESAKE_TITLES and text[tokens[index - 1][1]:tokens[index][0]] == " ":
        return index - 1
    return index


def _with_title_before(text: str, tokens: list, folded: list[str], index: int) -> int:
    """Where a street said with its house starts once the namesake's title and the street word before it are
    taken in: «улице академика | сатпаева үй сорок семь» (the bare title alone would tell the street)."""
    first = _title_before(text, tokens, folded, index)
    if 0 < first < index and folded[first - 1] in _STREET_WORDS and text[tokens[first - 1][1]:tokens[first][0]] in (
            " ", ". ", "."):
        first -= 1
    return tokens[first][0]


def _numeric_word(word: str) -> bool:
    """A house number's word: digits, or a number word in any of the languages."""
    return word[:1].isdecimal() or word.casefold() in _number_words()


#: a preposition that puts a place on a street («на маресьева», «по абая»), where a number after it is the house
_ON_A_STREET = re.compile(r"(?:^|\s)(?:на|по|ул\.?|улица|улице|улицу|na|po|ul)\s+$", re.IGNORECASE)
#: what a number after a place may count instead of being its house: «на абае два дня», «в городе двадцать лет»
_COUNTED = re.compile(r"\s*(?:лет|год\w*|дн\w*|день|сут\w*|час\w*|минут\w*|месяц\w*|недел\w*|раз\w*|человек\w*|"
                      r"тысяч\w*|миллион\w*|тенге|теңге|доллар\w*|км|километр\w*|метр\w*|штук\w*|грамм\w*|"
                      r"процент\w*|%|жыл\w*|күн\w*|сағат\w*|адам\w*|мың|years?|days?|hours?)(?!\w)", re.IGNORECASE)
_HOUSE_NUMBER_MAX = 999
#: a house and its flat in digits joined by a hyphen, which a number reader would take for one number: "44-12"
_HOUSE_AND_FLAT_DIGITS = re.compile(r"\d{1,3}-\d{1,4}(?![\w/-])")
#: the same right after a name: "baitursynov 45-12"
_HOUSE_AND_FLAT_AFTER = re.compile(r"[ \t,]+\d{1,3}-\d{1,4}(?![\w/-])")
#: a house number and the Kazakh word for house after a place, in digits or words, ordinal or not, the word in any
#: case: «, 15-үй», «он бесінші үйдің», «жиырма екі үйде»
_KAZAKH_HOUSE = re.compile(
    rf",?\s+(?P<number>\d{{1,3}}[а-я]?|{KAZAKH_CARDINAL})"
    rf"(?P<ordinal>{'|'.join((*KAZAKH_ORDINAL_ENDINGS, 'ші', 'шы'))})?-?\s?(?:үй|уй)(?:[^\W\d_]*)(?!\w)", re.IGNORECASE)
#: a Kazakh locative ending: a town something is in, not a street whose house follows
_LOCATIVE = re.compile(r"(?:да|де|та|те)$", re.IGNORECASE)


def with_house_numbers(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with a street found after «на» or «по» and a house number right after it made one address
    («на маресьева двадцать восемь», «на абая 45»): a street's name replaced and its house number left would place
    the speaker all the same."""
    from fieldkit.anonymise.spoken_numbers import number_runs

    taken = [(f.start, f.end) for f in findings]
    grown = []
    for finding in findings:
        if finding.entity != "LOCATION":
            grown.append(finding)
            continue
        kazakh_house = _KAZAKH_HOUSE.match(text, finding.end)
        if kazakh_house and not kazakh_house.group("ordinal") and not kazakh_house.group("number")[:1].isdecimal() and (
                kazakh_house.group("number").casefold() in ("бір", "бир") or _LOCATIVE.search(finding.text)):
            kazakh_house = None  # «Алматыда екі үй бар» (two houses in Almaty), «бір үйде» (in one house)
        if kazakh_house:  # «орбитадагы он бесинши уйдин», «шұғыла 15 үйде»: the Kazakh says it is a house
            end = kazakh_house.end()
        else:
            if not _ON_A_STREET.search(text[max(0, finding.start - 8):finding.start]):
                grown.append(finding)
                continue
            after = text[finding.end:finding.end + 40]
            lead = len(after) - len(after.lstrip(" ,"))
            house_and_flat = _HOUSE_AND_FLAT_DIGITS.match(after, lead)
            runs = [] if house_and_flat else number_runs(after[lead:])
            run = runs[0] if runs else None
            if house_and_flat:
                end = finding.end + house_and_flat.end()
            elif (run is None or run.start != 0 or not run.digits.isdecimal()
                    or not 0 < int(run.digits) <= _HOUSE_NUMBER_MAX or _COUNTED.match(after, lead + run.end)):
                grown.append(finding)
                continue
            else:
                end = finding.end + lead + run.end
        suffix = re.match(r"[а-яёa-z]?(?:/\d{1,3})?(?!\w)", text[end:], re.IGNORECASE)  # «12а», «7/2»
        end += suffix.end() if suffix else 0
        if any(start < end and finding.end < stop for start, stop in taken if (start, stop) != (finding.start,
                                                                                            finding.end)):
            grown.append(finding)  # the number is another finding's already
            continue
        grown.append(replace(finding, entity="ADDRESS", end=end, text=text[finding.start:end], place=None))
    return _joined_with_houses(text, grown)


def streets_before_a_flat(text: str, findings: list[Finding]) -> list[Finding]:
    """A name or a place with a house number and a flat after it is a street's name, and the three one address
    («живу на машхур жусупа двадцать восемь квартира сорок», "baitursynov 45, 12 pater"): the flat says it, though
    no street word does. A word before the name joins it after «на» or «по» («машхур» of Машхур Жусуп). The findings
    the address covers (the house number read as an age) go."""
    grown: list[Finding] = []
    addresses: list[Finding] = []
    for finding in findings:
        if finding.entity not in ("PERSON", "LOCATION") or "\n" in finding.text:
            grown.append(finding)
            continue
        house = _HOUSE_AND_FLAT.match(text, finding.end) or _HOUSE_AND_FLAT_AFTER.match(text, finding.end)
        end = house.end() if house else None
        if end is None:
            grown.append(finding)
            continue
        start = finding.start
        window = max(0, start - 30)
        before = re.search(r"(?:^|\s)(?:на|по|na|po)\s+(?P<word>[^\W\d_]{3,})\s+$", text[window:start], re.IGNORECASE)
        if before and not any(f.start <= window + before.start("word") < f.end for f in findings if f is not finding):
            start = window + before.start("word")
        address = replace(finding, entity="ADDRESS", start=start, end=end, text=text[start:end], place=None)
        grown.append(address)
        addresses.append(address)
    if not addresses:
        return findings
    return [f for f in grown if (f.entity == "ADDRESS" and f in addresses)
            or not any(a.start <= f.start and f.end <= a.end for a in addresses)]


#: what may stand between a micro-district and the house after it: its own number, said or written
#: («аксай четыре дом девятнадцать», «самал 2, дом 5»)
_DISTRICT_NUMBER = re.compile(r"[\s,]*(?:(?:\d{1,2}|один|два|три|четыре|пять|шесть|семь|восемь|девять|десять|"
                              r"одиннадцать|двенадцать)[\s,]*)?", re.IGNORECASE)
#: the places a house number narrows to a door; a town's («в Алматы дом 5 купил») is left a town
_PARTS_OF_TOWN = ("microdistrict", "village", "street")
_HOUSE_WORD = re.compile(r"(?:дом|д\.|house|uy|үй)", re.IGNORECASE)


def _joined_with_houses(text: str, findings: list[Finding]) -> list[Finding]:
    """A place and the house found after it made one address: «аксай четыре дом девятнадцать» is a door, and the
    micro-district's number between them says as much as the rest."""
    from fieldkit.anonymise.gazetteer import gazetteer

    joined: list[Finding] = []
    for finding in findings:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.entity == "LOCATION" and finding.entity == "ADDRESS"
                and previous.place is not None and getattr(gazetteer().places.get(previous.place), "kind", "")
                in _PARTS_OF_TOWN
                and _HOUSE_WORD.match(finding.text)
                and _DISTRICT_NUMBER.fullmatch(text, previous.end, finding.start)):
            joined[-1] = replace(previous, entity="ADDRESS", end=finding.end, text=text[previous.start:finding.end],
                                 place=None)
            continue
        joined.append(finding)
    return joined



#: the rest of an address after its street and house: a flat, an office, a building, in any of the ways notes and
#: messengers write them («, кв. 12», «оф. 412», «, 3 pater», «uy 7, pater 41», «8 dom kv 44»)
_ADDRESS_REST = re.compile(
    r"-\d{1,4}(?![\w/-])"  # the flat after the house and a hyphen: «12-5», "Lenina 44-12"
    r"|,?\s*(?:(?:(?:dom|дом|uy|үй)\s+)?(?:квартир\w*|kvartir\w*|кв|kv|оф|of|офис|ofis|apt|apartment|flat|д|dom|дом|uy|"
    r"үй|корп|korp|корпус|пәтер\w*|pater\w*|päter\w*|каб|кабинет|кеңсе\w*|кенсе\w*)"
    r"\.?\s*\d{1,4}[а-яёa-z]?(?!\w)"
    r"|,?\s*\d{1,4}[а-яёa-z]?[\s-]*(?:пәтер\w*|pater\w*|päter\w*|үй\w*|uy\w*|üi\w*|кв\.?|квартир\w*|kvartir\w*|dom|дом|"
    r"кеңсе\w*|кенсе\w*)"
    r"(?!\w)"
    # the house word after the house's number the address ends on: «сулейменов көшесі, 21 дом, 7 пәтер»
    r"|(?<=\d)(?:\s+|-)(?:дом|үй|уй|dom|uy|кв\.?|kv\.?|пәтер\w*|pater\w*|кеңсе\w*|кенсе\w*)(?!\w)"
    # and after an ordinal said in words: «момышұлы көшесі жүз он төртінші үйде»
    r"|(?<=ншы|нші|нши|ншi)\s+(?:үй|уй|пәтер|патер)\w*(?!\w))",
    re.IGNORECASE)
_ADDRESS_REST_PARTS = 3


def with_flats(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each address grown over the flat, office or building written after it: the flat left
    beside a replaced street still tells a visitor which door. A finding inside what an address takes in goes."""
    grown: list[Finding] = []
    extended: list[Finding] = []
    for finding in findings:
        end = finding.end
        if finding.entity == "ADDRESS":
            for _ in range(_ADDRESS_REST_PARTS):
                rest = _ADDRESS_REST.match(text, end)
                if rest is None or rest.end() == end:
                    break
                end = rest.end()
        if end == finding.end:
            grown.append(finding)
            continue
        finding = replace(finding, end=end, text=text[finding.start:end])
        grown.append(finding)
        extended.append(finding)
    return [f for f in grown if not any(a is not f and a.start <= f.start and f.end <= a.end for a in extended)]
