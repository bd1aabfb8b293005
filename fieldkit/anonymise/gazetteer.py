"""Kazakhstan places: recognise them in any spelling or case form, and generalise them as the policy says.

Data: ``data/kz_gazetteer.toml`` (regions with their macro-region, places with their region; Latin, Russian
and Kazakh spellings, and lower-case stems that catch inflected forms such as "Костанае", "Қостанайда").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from fieldkit.anonymise.morphology import KAZAKH_SUFFIXES, first_tag, is_function_word, is_known_word
from fieldkit.anonymise.number_words import trie_pattern
from fieldkit.errors import UsageError

_WORD = re.compile(r"[\w\-]+")
LEVELS = ("keep", "region", "macro_region", "remove")


_CAPITALISED_SEMEY = re.compile(r"(?<![\w-])Семей(?![\w-])")
#: «в Семее» as whisper hears it: «в семье», where nothing makes it the family — no birth, upbringing or owner
#: before it («родился в семье», «у нас в семье»), no genitive after it («в семье рабочего»), no statement of who
#: the family is or was («в семье было пятеро», «в семье все»). A family spoken of otherwise is taken for the town:
#: the price of a place that whisper spells as a common word
_MISHEARD_SEMEY = re.compile(
    r"(?<!родился )(?<!родилась )(?<!вырос )(?<!выросла )(?<!рос )(?<!росла )(?<!воспитывался )(?<!воспитывалась )"
    r"(?<!нас )(?<!них )(?<!меня )(?<!него )(?<!неё )(?<!нее )(?<!вас )(?<!тебя )(?<!спор )(?<!ссора )"
    r"(?<!\w)[вВ] (?P<id>семье)(?!\w)(?! (?:было|были|был|была|есть|нет|не|все|всё|никто|кто|трое|двое|четверо|"
    r"пятеро|шестеро|много|мало|каждый|принято|так|тоже|царил\w*|поняли|узнали|говорили|знали|считали)\b)")
#: Шу, a name of two letters, in a Kazakh case or with a glued preposition
_SHORT_PLACE_FORMS = {"шу": re.compile(r"(?:в|из)шу|шу(?:дың|дын|дан|да|ға|га|дағы|дагы)"),
                      "shu": re.compile(r"(?:v|iz)shu|shu(?:dyn|dan|da|ga|dagy)")}


def _loose_fold(text: str) -> str:
    """``text`` folded as ``re.IGNORECASE`` compares it: case, and the dotted and dotless i taken as one letter."""
    return text.casefold().replace("i\u0307", "i").replace("ı", "i")


@dataclass(frozen=True)
class Region:
    id: str
    macro: str
    en: str
    ru: str
    ru_prepositional: str


@dataclass(frozen=True)
class Place:
    id: str
    kind: str  # city | town | village | district | microdistrict | region_city | region | market | station | checkpoint
    region: str


@dataclass(frozen=True)
class Settlement:
    """One line of ``data/kz_settlements.tsv``: a smaller place, known by its spellings only (no stems)."""

    region: str
    kind: str
    names: tuple[str, ...]
    #: the name is also an ordinary word or a person's name (a line ending in «?»): found only in a case form no
    #: dictionary holds («в самале», «шаныраке») or with a designator
    ambiguous: bool = False


#: prepositions speech recognition glues onto the place after them, longest first
_GLUED_PREPOSITIONS = ("во", "из", "со", "ко", "на", "от", "до", "по", "в", "с", "к")
_GLUED_LATIN = ("vo", "iz", "so", "na", "ot", "do", "po", "v", "s", "k")


#: Russian case and adjective endings a settlement's name takes («долинке», «каскелене», «капшагаем»,
#: «жамбылского»), longest first
_RUSSIAN_PLACE_ENDINGS = tuple(sorted({
    "е", "а", "у", "ы", "и", "ом", "ем", "ой", "ей", "ю", "я", "ью", "ём",
    *(f"{link}{adjective}" for link in ("ск", "инск", "енск", "анск", "цк")
      for adjective in ("ий", "ая", "ое", "ого", "ому", "ом", "ой", "ую", "ие", "их", "им", "ими")),
}, key=len, reverse=True))
#: Kazakh endings after a place name: the case endings, «-дағы» (the one in), «-лық» (from), «-данмын» (I am from)
_KAZAKH_PLACE_ENDINGS = tuple(sorted({
    *KAZAKH_SUFFIXES, "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі", "нда", "нде", "нан", "нен", "лық", "лік",
    "дық", "дік", "тық", "тік", "ға", "ге", "қа", "ке", "на", "не", "ын", "ін", "ның", "нің",
    # «ташкенттенмін» (I am from Tashkent), in Kazakh or Russian letters
    *(f"{case}{copula}" for case in ("дан", "ден", "тан", "тен", "нан", "нен")
      for copula in ("мын", "мін", "мин", "быз", "біз", "биз")),
}, key=len, reverse=True))
#: the same in messenger Latin («v bakanase», «shamalganda», «iz kegena»)
_LATIN_PLACE_ENDINGS = ("skogo", "skoi", "skom", "skiy", "dagy", "degi", "tagy", "tegi", "dan", "den", "tan", "ten",
                        "nan", "nen", "om", "em", "oi", "da", "de", "ta", "te", "ga", "ge", "ka", "ke", "a", "e", "u",
                        "y")
#: Russian and Kazakh case endings as ``names.latin_key`` spells them («кордаем» → kordaem, «текеліде» → tekelide)
_KEY_PLACE_ENDINGS = tuple(sorted({
    "e", "a", "u", "i", "om", "em", "oi", "ei", "iu", "ia", "da", "de", "ta", "te", "dan", "den", "tan", "ten",
    "nan", "nen", "ga", "ge", "ka", "ke", "na", "ne", "nin", "din", "tin", "in", "dagi", "degi", "tagi", "tegi",
    "ndagi", "ndegi", "nda", "nde", "men", "ben", "pen", "lik", "dik", "tik", "ski", "skogo", "skom", "skoi",
}, key=len, reverse=True))
#: settlement names that are everyday Kazakh words («алға» forward, «саты» ladder, «талапкер» applicant): found only
#: with a designator («алға ауылында», «в посёлке алга»)
_KAZAKH_WORD_PLACES = frozenset({"алга", "алға", "саты", "думан", "талапкер", "курылысшы", "құрылысшы", "үркер",
                                 "жастар", "бірлік", "береке", "достық", "ынтымақ", "еңбек", "қазына", "арай",
                                 "самал", "жаңалық", "шаян", "самсы", "матай", "келес", "юго-восток", "оңтүстік-шығыс"})
#: English words some place names become in one Latin spelling: never taken as places
_ENGLISH_PLACE_WORDS = frozenset({"house", "march", "state", "place", "there", "where", "taxes",
                                  "ramen", "ember", "border", "market", "karat", "marta", "tamil", "leninism"})
#: how many words the gazetteer remembers its readings of before it starts again
_MEMO_SIZE = 100_000
#: the region of a city outside Kazakhstan: generalised to "a city abroad"
ABROAD = "abroad"
_SETTLEMENT_KINDS = ("city", "town", "village", "district", "microdistrict", "market", "station", "checkpoint")


class Gazetteer:
    def __init__(self, data: dict, settlements: tuple[Settlement, ...] = ()) -> None:
        self.regions = {
            r["id"]: Region(r["id"], r["macro"], r["en"], r["ru"], r.get("ru_prepositional", r["ru"]))
            for r in data["region"]
        }
        self.places: dict[str, Place] = {}
        exact: dict[str, str] = {}
        stems: list[tuple[str, str]] = []
        for item in data["region"]:
            place_id = f"region:{item['id']}"
            self.places[place_id] = Place(place_id, "region", item["id"])
            self._collect(item, place_id, exact, stems)
        for item in data["place"]:
            if item["region"] not in self.regions:
                raise UsageError(f"gazetteer place {item['id']} names unknown region {item['region']}",
                                 "the bundled gazetteer data is inconsistent; reinstall fieldkit")
            self.places[item["id"]] = Place(item["id"], item["kind"], item["region"])
            self._collect(item, item["id"], exact, stems)
        #: stems of one-word settlement names, for their case forms: «долинк» ← Долинка, «капшага» ← Капшагай
        self._inflected: dict[str, str] = {}
        from fieldkit.anonymise.names import given_names

        people = given_names()[0]  # a village named like a person is found with its designator only
        for number, settlement in enumerate(settlements, 1):
            if (settlement.region not in self.regions and settlement.region != ABROAD) or (
                    settlement.kind not in _SETTLEMENT_KINDS):
                raise UsageError(f"settlement {settlement.names[0]} has region {settlement.region!r} and kind "
                                 f"{settlement.kind!r}",
                                 "the bundled gazetteer data is inconsistent; reinstall fieldkit")
            place_id = f"settlement:{number}"
            self.places[place_id] = Place(place_id, settlement.kind, settlement.region)
            for name in () if settlement.ambiguous else settlement.names:
                folded = name.casefold()
                if (len(folded) < 4 or folded in exact or _ordinary_word(folded) or folded in _KAZAKH_WORD_PLACES
                        or folded in people or ("-" in folded and _common_noun(folded))):
                    continue  # «Заречный» is also an adjective, «Шу» too short to tell, «Темирлан» a man's name
                exact[folded] = place_id
                if " " not in folded and "-" not in folded:
                    self._inflected.setdefault(folded, place_id)
                    if folded[-1] in "аяйьо" and len(folded) >= 5:
                        self._inflected.setdefault(folded[:-1], place_id)
                    if folded.endswith(("ок", "ек")) and len(folded) >= 7 and is_cyrillic_word(folded):
                        self._inflected.setdefault(folded[:-2] + folded[-1], place_id)  # «жилгородка»: its о drops
        # a name with Kazakh letters also as keyboards and whisper write it in Russian letters («коргас» for Қорғас,
        # «жанаозен»), where that spelling is no ordinary word or person's name
        from fieldkit.anonymise.morphology import plain

        for name, place_id in list(exact.items()):
            spelled = plain(name)
            if (spelled != name and len(spelled) >= 5 and spelled not in exact and spelled not in people
                    and spelled not in _KAZAKH_WORD_PLACES and not _ordinary_word(spelled)):
                exact[spelled] = place_id
                if " " not in spelled and "-" not in spelled and name in self._inflected:
                    self._inflected.setdefault(spelled, place_id)
        self._inflected_prefixes = frozenset(stem[:4] for stem in self._inflected)
        self.exact = exact
        # every name in one Latin spelling, for transliterated text: "Shimkent", "Chimkentte", "Qostanaida"
        from fieldkit.anonymise.morphology import latin_key

        self._latin: dict[str, str] = {}
        for name, place_id in exact.items():
            key = latin_key(name)
            if " " not in name and len(key) >= 5 and key not in _ENGLISH_PLACE_WORDS:
                self._latin.setdefault(key, place_id)
        #: also the names left out of ``exact`` because they are ordinary Russian words («таскала» she dragged):
        #: only their case forms count, and only where the form is no ordinary word itself («в таскале»)
        self._latin_inflected = dict(self._latin)
        self._latin_forms_only: dict[str, str] = {}  # the ambiguous ones: a case form only, never the bare word
        for number, settlement in enumerate(settlements, 1):
            for name in settlement.names:
                key = latin_key(name)
                folded = name.casefold()
                if " " in name or "-" in name or len(key) < 5 or key in _ENGLISH_PLACE_WORDS:
                    continue
                if settlement.ambiguous:  # «в самале»: a case form of a place that is also a name or a word
                    self._latin_forms_only.setdefault(key, f"settlement:{number}")
                elif folded not in _KAZAKH_WORD_PLACES and folded not in people:
                    self._latin_inflected.setdefault(key, f"settlement:{number}")
        #: the same keys by their sound, for the recogniser's spellings of a vowel it did not hear stressed
        #: («костонае», «каменагорске»): from six letters on, where two names rarely share a sound
        self._sound = {sound_key(key): place for key, place in self._latin_inflected.items() if len(key) >= 6}
        for name, place_id in exact.items():  # «усть-каменогорск» as one word: «усть камена горске»
            if " " in name or "-" in name:
                joined = latin_key(name.replace(" ", "").replace("-", ""))
                if len(joined) >= 8:
                    self._sound.setdefault(sound_key(joined), place_id)
        self._sound_prefixes = frozenset(key[:4] for key in self._sound)
        #: every one-word name, the ones that are also words too («ош», «торгай», «семей»), by its Latin key: said
        #: before «арқылы» (via) or «жаққа» (towards), or after «через», a word is the place whatever else it means
        self._any_name = {latin_key(name): place_id for name, place_id in exact.items()
                          if " " not in name and "-" not in name}
        self._any_name.update({latin_key(name): f"settlement:{number}"
                               for number, settlement in enumerate(settlements, 1) for name in settlement.names
                               if " " not in name and "-" not in name})
        for word, form in (("семей", "семее"), ("есік", "есик")):  # listed only in their unambiguous forms
            if form in exact:
                self._any_name[latin_key(word)] = exact[form]
        #: the one-word names shaped like adjectives («Глубокое», «Заречный», «Восточный»), by their stem: their
        #: case forms («в глубоком», «в заречном») share no ending with the names the keys above take off
        self._adjectival = {match.group(1): place_id for name, place_id in self._all_names(exact, settlements)
                            if (match := _ADJECTIVE_NAME.fullmatch(name.casefold()))}
        #: the ambiguous names of two or three words by the stems of their words («Левый берег», «Сол жағалау»,
        #: taken in any case form where the first word is capitalised: «на Левом берегу»)
        #: ("Levy Bereg"), looked up by a word's first three letters
        self._capitalised_by_start: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for number, settlement in enumerate(settlements, 1):
            for name in settlement.names if settlement.ambiguous else ():
                if 2 <= len(name.split()) <= 3 and name[:1].isupper():
                    name_stems = tuple(_word_stem(part.casefold()) for part in name.split())
                    self._capitalised_by_start.setdefault(name_stems[0][:3], []).append(
                        (name_stems, f"settlement:{number}"))
        #: every one-word settlement name, the ambiguous ones too, by its Latin key: with a number after it
        #: («в аксае-4», "v shanyraka-2") even «самал» or «орбита» is the micro-district
        self._numbered = {latin_key(name): f"settlement:{number}" for number, settlement in enumerate(settlements, 1)
                          for name in settlement.names if " " not in name and "-" not in name}
        self.stems = sorted(stems, key=lambda s: -len(s[0]))
        # one trie-shaped pattern: a plain alternation of some two thousand names is tried name by name at every
        # position, which made a 90-minute transcript a second slower
        self._exact_re = re.compile(r"(?<![\w\-])(" + trie_pattern(list(exact)) + r")(?![\w\-])", re.IGNORECASE)
        #: what the pattern matched, looked up as the pattern compared it: ignoring case, ``re`` takes the dotless
        #: «ı» of Kazakh Latin («Qostanaı») and «İ» for «i», which casefolding alone does not
        self._exact_loose = {_loose_fold(name): place_id for name, place_id in exact.items()}
        self._last: tuple[str, tuple] | None = None
        self._glued_memo: dict[str, str | None] = {}
        self._latin_memo: dict[str, str | None] = {}
        self._by_prefix: dict[str, list[tuple[list[str], str]]] = {}
        for stem, place_id in sorted(stems, key=lambda s: -len(s[0])):
            parts = stem.split()
            self._by_prefix.setdefault(parts[0][:3], []).append((parts, place_id))

    @staticmethod
    def _collect(item: dict, place_id: str, exact: dict, stems: list) -> None:
        from fieldkit.anonymise.morphology import plain

        for name in item.get("names", []):
            exact.setdefault(name.casefold(), place_id)
            if " " in name:  # «солтустик казакстан облысы»: a Kazakh name of words in Russian letters (one word's
                exact.setdefault(plain(name), place_id)  # other spellings are the Latin keys' work)
        for stem in item.get("stems", []):
            stems.append((stem.casefold(), place_id))
            if " " in stem and plain(stem) != stem.casefold():
                stems.append((plain(stem), place_id))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, place id) of every mention; longer mentions win over those inside them. The last text's
        answer is kept: two recognizers ask about the same text in a row."""
        last = self._last
        if last is not None and last[0] is text:
            return list(last[1])
        kept = self._find(text)
        self._last = (text, tuple(kept))
        return kept

    def _find(self, text: str) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        for match in self._exact_re.finditer(text):
            found.append((match.start(), match.end(), self._exact_loose[_loose_fold(match.group())]))
        tokens = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        for index, (start, _, word) in enumerate(tokens):
            for parts, place_id in self._by_prefix.get(word[:3], ()):
                following = tokens[index : index + len(parts)]
                if len(following) == len(parts) and all(
                    token[2].startswith(part) for token, part in zip(following, parts, strict=True)
                ):
                    # the span covers each stem word to its end: "Костанайской области"
                    found.append((start, following[-1][1], place_id))
                    break
        forms: dict[str, str | None] = {}  # each distinct word read once: a transcript repeats its words
        for start, end, word in tokens:
            if word in self.exact:
                continue
            if word not in forms:
                forms[word] = self._settlement_form(word) or self._latin_place(word) or self._short_form(word)
            if forms[word]:
                found.append((start, end, forms[word]))
        # «Семей» capitalised is the city: the genitive plural of «семья» it shares its spelling with is written in
        # lower case («много семей»), and the lists leave the bare form out for that reason
        found += [(m.start(), m.end(), self.exact["семее"]) for m in _CAPITALISED_SEMEY.finditer(text)
                  if "семее" in self.exact]
        found += [(m.start("id"), m.end("id"), self.exact["семее"]) for m in _MISHEARD_SEMEY.finditer(text)
                  if "семее" in self.exact and not _genitive_follows(text, m.end("id"))]
        found += _designated_places(text, tokens) + _markets_named_after(text, tokens)
        found += [(start, end, place) for start, end, word in tokens if "-" in word and word[-1:].isdecimal()
                  and (place := self._numbered_place(word))]
        found += self._capitalised_multiword(text, tokens)
        found += self._asr_forms(text, tokens)
        found += self._places_by_their_context(text, tokens)
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        kept: list[tuple[int, int, str]] = []
        for item in found:
            if kept and item[0] < kept[-1][1]:
                continue
            kept.append(item)
        return [self._with_designator(text, item) for item in kept]

    @staticmethod
    def _with_designator(text: str, item: tuple[int, int, str]) -> tuple[int, int, str]:
        """A listed place with the designator word after it, which says which place it is and goes with it:
        «нұрсат ықшамауданында», "nursat yqshamaudanynda", «сайрам ауданы»."""
        start, end, place = item
        following = re.match(r" ([\w-]+)", text[end:end + 40])
        if following and (_KAZAKH_DESIGNATOR.match(following.group(1).casefold())
                          or _LATIN_DESIGNATOR.match(following.group(1).casefold())
                          or _KAZAKH_LAKE.match(following.group(1).casefold())):
            return start, end + following.end(), place
        return item

    def _word_place(self, word: str) -> str | None:
        """The place one lower-case word names, exactly or as an inflected form of a one-word stem."""
        if word in self.exact:
            return self.exact[word]
        for parts, place_id in self._by_prefix.get(word[:3], ()):
            if len(parts) == 1 and word.startswith(parts[0]):
                return place_id
        if word.isascii():  # «semeya», «karagandu»: a Latin name with a Russian or Kazakh ending
            place = self._latin_place(word)
            if place:
                return place
            for ending in _LATIN_PLACE_ENDINGS:
                stem = word[: -len(ending)]
                if word.endswith(ending) and len(stem) >= 4:
                    for candidate in (stem, stem + "a", stem + "y"):
                        if candidate in self.exact:
                            return self.exact[candidate]
        return self._settlement_form(word)

    def _latin_place(self, word: str) -> str | None:
        """A place in any Latin transliteration, with or without a Russian or Kazakh ending («chimkentte»), each word
        read once."""
        if word not in self._latin_memo:
            if len(self._latin_memo) >= _MEMO_SIZE:
                self._latin_memo.clear()
            self._latin_memo[word] = self._read_latin_place(word)
        return self._latin_memo[word]

    def _read_latin_place(self, word: str) -> str | None:
        from fieldkit.anonymise.morphology import latin_key

        # a hyphenated name ("zhana-zhol", «сары-шагане»), unless Russian knows the whole as a word («на
        # юго-восток страны» is a direction)
        if not word.replace("-", "").isalpha() or len(word) < 5 or word in _ENGLISH_PLACE_WORDS or (
                "-" in word and not word.isascii() and is_known_word(word)):
            return None
        if not word.isascii():
            # a Cyrillic spelling the lists do not have: Kazakh letters for Russian ones («сексеуіл»), «дж» for
            # «ж» («джаркент»), a case form of a name that is also a Russian word («таскале»)
            from fieldkit.anonymise.kazakh_words import is_kazakh_stem

            if not is_cyrillic_word(word) or _ordinary_word(word) or is_kazakh_stem(word):
                return None  # «үлкен» (big) is no «Улкен» village; «таразда» is still Тараз
            return self._by_latin_key(latin_key(word), self._latin_inflected, _KEY_PLACE_ENDINGS,
                                      self._latin_forms_only) or self._by_sound(word)
        return self._by_latin_key(latin_key(word), self._latin, _LATIN_PLACE_ENDINGS)

    def _by_sound(self, word: str) -> str | None:
        """A place whose name sounds like a Cyrillic word of seven letters or more that no dictionary knows."""
        from fieldkit.anonymise.morphology import latin_key

        if len(word) < 6 or not is_cyrillic_word(word):
            return None
        key = sound_key(latin_key(word))
        if key[:4] not in self._sound_prefixes:
            return None
        if len(word) == 6:  # «актабе» for Актобе: a short word only as the whole name, never with an ending,
            from fieldkit.anonymise.morphology import natasha  # and one no dictionary has («короче» is a word)

            return None if natasha()[2].word_is_known(word) else self._sound.get(key)
        return self._by_latin_key(key, self._sound, _SOUND_PLACE_ENDINGS)

    @staticmethod
    def _by_latin_key(key: str, names: dict[str, str], endings: tuple[str, ...],
                      forms_only: dict[str, str] | None = None) -> str | None:
        if key in names:
            return names[key]
        for ending in endings:
            stem = key[: -len(ending)]
            if key.endswith(ending) and len(stem) >= 5:
                for candidate in (stem, stem + "a", stem + "i"):
                    if candidate in names:
                        return names[candidate]
                    if forms_only and candidate in forms_only:
                        return forms_only[candidate]
        return None

    def _places_by_their_context(self, text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """A name that is also a word, where only a place fits: before a Kazakh postposition of the way («коргас
        аркылы», «торгай жакка»), in the locative before "born" or "live" («ошта туган»), after «через», a post or
        "former" («через семей», «на посту таскала», «бурынгы зырянда»); capitalised after a preposition («в
        Қосшы»); an adjective-shaped name standing alone after «в» or «из» («в глубоком там»). And any word the
        speaker explains as a place («с защиты это район такой»), listed or not."""
        found = []
        for index, (start, end, word) in enumerate(tokens):
            if len(word) < 2 or not word.isalpha():
                continue
            after = tokens[index + 1][2] if index + 1 < len(tokens) else ""
            before = tokens[index - 1][2] if index else ""
            gap_after = text[end:tokens[index + 1][0]] if after else ""
            gap_before = text[tokens[index - 1][1]:start] if before else ""
            via = gap_after == " " and _WAY_AFTER.match(after)
            born = gap_after == " " and _BORN_AFTER.match(after) and re.search(r"(?:да|де|та|те)$", word)
            crossed = gap_before == " " and (before in ("через", "посту", "пост", "кпп", "cherez", *_FORMER) or (
                # «перевели его в семей»: no family's case after «в»
                word == "семей" and before in ("в", "во", "под")) or (
                _BODY_BEFORE_ITS_TOWN.fullmatch(before) is not None and first_tag(word).startswith("NOUN")))
            # «нас отправили в лебяжье», «уедет в курган»: where someone went, after a verb of going
            went = gap_before == " " and before in ("в", "во", "из", "до") and index >= 2 and (
                _WENT.fullmatch(tokens[index - 2][2].casefold()) is not None)
            if word in _NOT_PLACE_NAMES:
                continue
            # («Таскала бекетінде», «таскала кпп-сында»: the post or village word after a name that is also a word)
            posted = gap_after == " " and _POST_AFTER.match(after)
            if via or born or crossed or posted or went:
                place = self._any_place_by_key(word)
                if place:
                    found.append((start, end, place))
            elif (explained := _explained_as_a_place(tokens, index, text)) and _can_name_a_place(word):
                # «с защиты это район такой», «на восточном это микрорайон»: the speaker says it is a place
                found.append((start, end, self._any_place_by_key(word) or self._adjectival_place(word)
                              or f"designated:{explained}"))
            elif gap_before == " " and before in _PLACE_PREPOSITIONS and text[start].isupper() and (
                    not text[start:end].isupper() or len(word) < 3):
                # «вези в Қосшы», «из Канонерки», «s Zashchity»: a listed name capitalised after a preposition
                place = self._any_place_by_key(word) or self._adjectival_place(word)
                if place:
                    found.append((start, end, place))
            elif gap_before == " " and before in _LOCATIVE_PREPOSITIONS and self._adjectival_place(word) and (
                    _stands_alone(word, after if gap_after == " " else "")):
                found.append((start, end, self._adjectival_place(word)))  # «в глубоком там», «в заречном детям»
        return found

    def _capitalised_multiword(self, text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The ambiguous names of several words, capitalised, in any case form (``_capitalised_by_start``)."""
        found = []
        for index, (start, _, word) in enumerate(tokens):
            if not text[start].isupper():
                continue
            for stems, place_id in self._capitalised_by_start.get(word[:3], ()):
                following = tokens[index:index + len(stems)]
                if len(following) == len(stems) and all(
                        token[2] == stem if len(stem) < 3 else token[2].startswith(stem)
                        for token, stem in zip(following, stems, strict=True)) and all(
                        text[a[1]:b[0]] == " " for a, b in zip(following, following[1:], strict=False)):
                    # «КПП Атамекен», «ТРЦ Форум»: the kind of place stays, as a designator does
                    first = following[1][0] if stems[0] in _KIND_FIRST else start
                    found.append((first, following[-1][1], place_id))
                    break
        return found

    @staticmethod
    def _all_names(exact: dict[str, str], settlements: tuple[Settlement, ...]) -> list[tuple[str, str]]:
        """Every one-word name with its place, the listed ones and the settlements that are also words."""
        return [(name, place_id) for name, place_id in exact.items() if " " not in name and "-" not in name] + [
            (name, f"settlement:{number}") for number, settlement in enumerate(settlements, 1)
            for name in settlement.names if " " not in name and "-" not in name]

    def _adjectival_place(self, word: str) -> str | None:
        """The place an adjective-shaped name names in any of its case forms: «глубоком», «заречного»."""
        match = _ADJECTIVE_FORM.fullmatch(word.casefold())
        return self._adjectival.get(match.group(1)) if match else None

    def _any_place_by_key(self, word: str) -> str | None:
        """The place a word names, the ambiguous names too, bare or with a Russian or Kazakh case ending."""
        from fieldkit.anonymise.morphology import latin_key

        key = latin_key(word)
        # «ошта»: Ош, a two-letter key
        return _by_key_with_ending(key, self._any_name, shortest_stem=2) if len(key) >= 2 else None

    def _numbered_place(self, word: str) -> str | None:
        """A settlement named with its number, in any case and letters: «аксае-4», «самале-2», "shanyraka-2"."""
        from fieldkit.anonymise.morphology import latin_key

        numbered = re.fullmatch(r"([^\W\d_]{3,})-\d{1,2}", word)
        if not numbered:
            return None
        return _by_key_with_ending(latin_key(numbered.group(1)), self._numbered, shortest_stem=3)

    def _short_form(self, word: str) -> str | None:
        """Шу, a name of two letters, in a Kazakh case or behind a glued «в» («шудың», «шуда», «вшу»), which the
        rules for longer names (a stem of four letters) leave out."""
        return next((self.exact.get(name) for name, forms in _SHORT_PLACE_FORMS.items() if forms.fullmatch(word)),
                    None)

    def _settlement_form(self, word: str) -> str | None:
        """A settlement named by a case form of its one-word name: Russian («долинке», «жамбылского») or Kazakh
        («қаскелеңде», «шамалғаннан»); a form that is an ordinary Russian word is not taken."""
        if len(word) < 5 or (word[:4] not in self._inflected_prefixes):
            return None
        for ending in _LATIN_PLACE_ENDINGS if word.isascii() else _RUSSIAN_PLACE_ENDINGS:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 4 and stem in self._inflected:
                return None if _ordinary_word(word) else self._inflected[stem]
        for ending in _KAZAKH_PLACE_ENDINGS:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 4 and stem in self.exact and stem in self._inflected:
                return self._inflected[stem]
        return None

    def _asr_forms(self, text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Places as speech recognition writes them: a preposition glued on («вкостанае», «изталдыкоргана») or
        one name split in two («усть каменогорске», «жана озен»)."""
        found = []
        glued_places: dict[str, str | None] = {}  # a transcript says the same words many times: each is read once
        for index, (start, end, word) in enumerate(tokens):
            if word not in glued_places:
                glued_places[word] = self._glued_place(word)
            if glued_places[word]:
                found.append((start, end, glued_places[word]))
            elif word.count("-") == 1 and not self._word_place(word):  # «храм-тау»: one name heard as two words
                first, _, second = word.partition("-")  # (ending as places do: «юго-восток» is a direction)
                if second in _PLACE_NAME_ENDS and len(first) >= 2 and self._may_sound_like_a_place(first, second):
                    place = self._word_place(first + second) or self._by_sound(first + second)
                    if place:
                        found.append((start, end, place))
            if index + 1 < len(tokens):
                next_start, next_end, following = tokens[index + 1]
                if text[end:next_start] in (" ", "-") and len(word) >= 2 and len(following) >= 2:
                    # («вусть каменогорске»; but «кто был» is no «к Тобыл»: a pronoun has no preposition glued on)
                    firsts = [word] + [word[len(p):] for p in _GLUED_PREPOSITIONS
                                       if word.startswith(p) and len(word) - len(p) >= 2 and not is_function_word(word)]
                    for first in firsts:
                        # «с» glued to «казал» is «сказал»: a known word with a preposition cut off sounds like nothing
                        sounds = self._may_sound_like_a_place(first, following) and (
                            first == word or not is_known_word(word))
                        if ((first + following)[:3] not in self._by_prefix and first + following not in self.exact
                                and not sounds):
                            continue
                        joined = self._word_place(first + following) or self._word_place(f"{first}-{following}")
                        if self._word_place(first) and not (joined and first + following in self.exact):
                            break  # a place already, followed by any word ("Shymkent in"): nothing is split, unless
                            # the two make a longer name whole («экибас тузе»: Экибас is the town's short name)
                        place = joined or (self._by_sound(first + following) if sounds else None)
                        if place:
                            found.append((start, next_end, place))
                            break
        return found

    def _glued_place(self, word: str) -> str | None:
        """The place in a word with a preposition glued on («вкостанае», "vshymkente"), if it is one (each word read
        once: a transcript repeats its words from chunk to chunk)."""
        if word not in self._glued_memo:
            if len(self._glued_memo) >= _MEMO_SIZE:
                self._glued_memo.clear()
            self._glued_memo[word] = self._read_glued_place(word)
        return self._glued_memo[word]

    def _read_glued_place(self, word: str) -> str | None:
        # «собаку» is a dog, not «со» + Баку: an ordinary word has no preposition glued on
        if _ordinary_latin_word(word) if word.isascii() else _ordinary_word(word):
            return None
        for preposition in _GLUED_LATIN if word.isascii() else _GLUED_PREPOSITIONS:
            rest = word[len(preposition):]
            if (word.startswith(preposition) and len(rest) >= 4
                    and (rest[:3] in self._by_prefix or rest in self.exact or word.isascii()
                         or rest[:4] in self._inflected_prefixes)):
                place = self._word_place(rest)
                if place:
                    return place
        return None

    def _may_sound_like_a_place(self, first: str, following: str) -> bool:
        """Whether two Cyrillic words joined may sound like a place («кизил орды», «кос тонае»): neither a function
        word, the second no Kazakh word («жылы оны», «үлкен орында» are a year and a big place)."""
        from fieldkit.anonymise.kazakh_words import is_kazakh_stem
        from fieldkit.anonymise.morphology import latin_key

        joined = first + following
        if len(joined) < 7 or not is_cyrillic_word(joined):
            return False
        if sound_key(latin_key(joined[:6]))[:4] not in self._sound_prefixes:
            return False  # the start of the key from the start of the words: a spelling of all of them costs more
        if _PLACE_WORD.match(following) or self._word_place(following):
            return False  # «қарасу бекетінен», «мен оралда»: the place and the word beside it
        # (a mountain, water or hill ends many places' names: «храм тау» is Хромтау)
        return not is_function_word(first) and not is_function_word(following) and (
            not is_kazakh_stem(following) or following.casefold() in _PLACE_NAME_ENDS)

    def generalise(self, place_id: str, level: str, cyrillic: bool) -> str | None:
        """The replacement text for a place at ``level``; None means "use a numbered placeholder"."""
        place = self.places.get(place_id)
        if place is None or level == "remove":
            return None
        if place.region == ABROAD:
            return "[город за рубежом]" if cyrillic else "[a city abroad]"
        region = self.regions[place.region]
        if level == "region":
            return _region_phrase(place, region, cyrillic)
        if level == "macro_region":
            return _macro_phrase(place, region, cyrillic)
        raise UsageError(f"unknown location level {level!r}", f"choose one of {', '.join(LEVELS)}")


_KIND_EN = {"city": "a city", "town": "a town", "village": "a village", "district": "a district",
            "microdistrict": "a neighbourhood", "region_city": "a city", "region": "a region", "market": "a market",
            "station": "a station", "checkpoint": "a border crossing"}
_KIND_RU = {"city": "город", "town": "город", "village": "село", "district": "район",
            "microdistrict": "микрорайон", "region_city": "город", "region": "область", "market": "рынок",
            "station": "станция", "checkpoint": "КПП"}
_MACRO_EN = {"north": "northern Kazakhstan", "south": "southern Kazakhstan", "east": "eastern Kazakhstan",
             "west": "western Kazakhstan", "central": "central Kazakhstan"}
_MACRO_RU = {"north": "на севере Казахстана", "south": "на юге Казахстана", "east": "на востоке Казахстана",
             "west": "на западе Казахстана", "central": "в центре Казахстана"}
_CITY_REGIONS = ("astana", "almaty", "shymkent")


def _region_phrase(place: Place, region: Region, cyrillic: bool) -> str:
    city_region = region.id in _CITY_REGIONS and place.kind != "region"
    if place.kind in ("region", "region_city") or (city_region and place.kind == "city"):
        return f"[{region.ru if cyrillic else region.en}]"
    if cyrillic:
        where = f"г. {region.ru}" if city_region else region.ru_prepositional
        return f"[{_KIND_RU[place.kind]} в {where}]"
    return f"[{_KIND_EN[place.kind]} in {region.en}]"


def _macro_phrase(place: Place, region: Region, cyrillic: bool) -> str:
    kind = "city" if place.kind == "region_city" else place.kind
    if cyrillic:
        return f"[{_KIND_RU[kind]} {_MACRO_RU[region.macro]}]"
    return f"[{_KIND_EN[kind]} in {_MACRO_EN[region.macro]}]"


#: a district, region or microdistrict word after a place's name: the name before it is a place, known or not
_RUSSIAN_DESIGNATOR = re.compile(r"^(?:район|района|районе|районом|области|область|областью|обл|р-н|р-на|р-не|"
                                 r"округ|округа|округе)$")
_KAZAKH_DESIGNATOR = re.compile(r"^(?:ауданы|облысы|ықшамауданы|ыкшамауданы|шағынауданы|шагынауданы|"
                                # the Russian word with a Kazakh ending, as code-switching says it: «районында»
                                r"районын|районы(?=н|на|нда|ндағы|нан))\w*$")
#: a lake after the town it is named for goes with the name: «зайсан көлінде»
_KAZAKH_LAKE = re.compile(r"^(?:көл|кол)(?:і|и)\w*$")
#: a village or town word after a name: the name is the place, the word stays (as «с.» and «г.» do)
_KAZAKH_SETTLEMENT_WORD = re.compile(r"^(?:ауыл|қала|кент)(?:ы|ын|ында|ынан|ына|ының|ындағы|і|ін|інде|інен|іне|інің|"
                                     r"індегі)$")
#: a Russian settlement word before a name: «в посёлке заречный», «в селе шамалган», «на станции мойынты»
_RUSSIAN_SETTLEMENT_WORD = re.compile(r"^(?:пос[её]л(?:ок|ка|ке|ком)|село|селе|села|селом|деревн[яеиюй]|аул|ауле|аула|"
                                      r"станци[яиюей]|пгт|selo|sele|poselke|poselok|aul|aule)$")
_LATIN_DESIGNATOR = re.compile(r"^(?:district|region|rayon|rayona|rayone|raion|oblast|oblasti|oblysy|audany|"
                               r"audanynda|village|aul|auyly|y[qk]shamaudan\w*|ikshamaudan\w*)$")
_RUSSIAN_PLACE_ADJECTIVE = re.compile(r"^\w{3,}(?:ск|цк)(?:ий|ого|ому|им|ом|ой|ая|ую|ое|ие|их|ая)$")
_MICRODISTRICT = re.compile(r"^(?:микрорайон|мкр|ықшамаудан|ыкшамаудан|mikrorayon|mkr)\w*$")
#: words before a designator that name no place: «в соседнем районе», «біздің ауданда», "the district"
_NOT_PLACE_NAMES = frozenset({
    "бұл", "сол", "осы", "біздің", "бір", "басқа", "көрші", "сіздің", "менің", "үлкен", "кіші", "әр", "қай", "қандай",
    "барлық", "өз", "өзіміздің", "the", "a", "this", "that", "our", "neighbouring", "every", "which", "one", "same",
    "other", "their", "his", "her", "городском", "городской", "сельском", "сельский", "этом", "том", "нашем",
    "своём", "своем", "каком", "котором", "другом", "соседнем", "спальном", "любом", "каждом", "в", "на", "по", "из",
    "и", "с", "районный", "областной", "жаңа", "ескі", "мен", "сен", "ол", "біз", "сіз", "олар", "сосын", "содан",
    "кейін", "және", "бірақ", "туған", "өзі", "өзім", "ана", "мына", "сонда", "осында", "мұнда", "онда",
    # messenger Latin prepositions after «mkr» («v pervom mkr vozle shkoly»)
    "vozle", "okolo", "ryadom", "u", "v", "na", "po", "iz", "s", "i", "do", "posle", "vo", "za", "pod",
    "такой", "такая", "такое",  # «это микрорайон такой»
})


#: what no market's first word is («на рынке дала ему»), and what no word of its name is («на рынке алтын там»)
_FUNCTION_TAGS = ("PREP", "CONJ", "PRCL", "NPRO", "ADVB", "PRED", "INTJ", "COMP")
_NO_NAME_TAGS = (*_FUNCTION_TAGS, "VERB", "INFN", "GRND", "PRTS", "PRTF")
#: the market word before its name, Russian order: «на рынке алтын дала», «базар шапагат»
_MARKET_WORDS = frozenset({"рынке", "рынок", "рынка", "базаре", "базар", "базара", "барахолке", "барахолки",
                           "толкучке"})


def _markets_named_after(text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A market named in lower case after the word for it, by one or two Kazakh words no Russian dictionary knows
    («на рынке алтын дала», «с базара шапагат»): the name says where a stall stood. A Russian word after it is
    what happened there («на рынке дала ему»), and stops the name."""
    from fieldkit.anonymise.kazakh_words import is_plainly_kazakh
    from fieldkit.anonymise.morphology import has_kazakh_letters, natasha

    morph = natasha()[2]

    def kazakh(word: str, *, first: bool = True) -> bool:
        """A Kazakh word; the first of the name no Russian verb or function word («дала ему» is "gave him")."""
        return is_cyrillic_word(word) and word.islower() and len(word) >= 4 and (
            has_kazakh_letters(word) or (is_plainly_kazakh(word) and not (
                morph.word_is_known(word) and first_tag(word).startswith(_NO_NAME_TAGS if first else _FUNCTION_TAGS))))

    found = []
    for index in range(len(tokens) - 1):
        if (tokens[index][2].casefold() not in _MARKET_WORDS or text[tokens[index][1]:tokens[index + 1][0]] != " "
                or index == 0 or tokens[index - 1][2].casefold() not in ("на", "с", "со", "у", "возле", "около")):
            continue  # (a Russian preposition before the market word: «базар болады» is "there is a market")
        start, end, word = tokens[index + 1]
        if not kazakh(word) or word in _NOT_PLACE_NAMES:
            continue
        if index + 2 < len(tokens) and text[end:tokens[index + 2][0]] == " " and kazakh(tokens[index + 2][2],
                                                                                        first=False):
            end = tokens[index + 2][1]
        found.append((start, end, "designated:market"))
    return found


def _designated_places(text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Places named with their designator, listed or not: «шуйского района», «байзақ ауданында», «батыс екі
    ықшамауданында», «в микрорайоне шанырак», "Medeu district", «қызылсай ауылында». Their id is the kind of
    place only, so they are replaced by a placeholder rather than generalised to a region."""
    from fieldkit.anonymise.number_words import KAZAKH_UNITS

    found = []
    for index in range(1, len(tokens)):
        start, end, word = tokens[index]
        before_start, before_end, before = tokens[index - 1]
        if text[before_end:start] != " " and not (text[before_end:start] == ". " and before in ("мкр", "пос", "с")):
            continue  # «в деревне, бабушка», «в ауле. Родители»: a break between the words
        if (_KAZAKH_SETTLEMENT_WORD.match(word) and before in _HONORIFICS and index >= 2
                and text[tokens[index - 2][1]:before_start] == " " and is_cyrillic_word(tokens[index - 2][2])
                and tokens[index - 2][2] not in _NOT_PLACE_NAMES):
            found.append((tokens[index - 2][0], before_end, "designated:village"))  # «Төле би ауылынан»
            continue
        if (text[before_end:start] == ". " and before in ("с", "п", "пос") and text[start].isupper()
                and word not in _NOT_PLACE_NAMES and not word.isdecimal()):
            found.append((start, end, "designated:village"))  # «у с. Канонерка»: a capital after «с.» is a village
            continue
        if ((before in _NOT_PLACE_NAMES or len(before) < 3)
                and _MICRODISTRICT.match(before) is None and _RUSSIAN_SETTLEMENT_WORD.match(before) is None):
            continue
        if _RUSSIAN_DESIGNATOR.match(word) and _RUSSIAN_PLACE_ADJECTIVE.match(before):
            found.append((before_start, end, "designated:district"))
        elif _KAZAKH_DESIGNATOR.match(word) and before not in _NOT_PLACE_NAMES and not before.isdecimal():
            first = index - 1
            # «батыс екі ықшамауданы»: a number inside the name
            if before in KAZAKH_UNITS and index >= 2 and text[tokens[index - 2][1]:before_start] == " ":
                first = index - 2
            found.append((tokens[first][0], end, "designated:district"))
        elif (_KAZAKH_SETTLEMENT_WORD.match(word) and before not in _NOT_PLACE_NAMES and not before.isdecimal()
              and is_cyrillic_word(before) and not _ordinary_word(before)):
            found.append((before_start, before_end, "designated:village"))
        elif before.isascii() and _LATIN_DESIGNATOR.match(word) and before not in _NOT_PLACE_NAMES:
            found.append((before_start, end, "designated:district"))
        elif (_MICRODISTRICT.match(before) and word not in _NOT_PLACE_NAMES and not word.isdecimal() and len(word) >= 3
              and not _common_noun(word)):
            found.append((before_start, end, "designated:microdistrict"))
        elif (_RUSSIAN_SETTLEMENT_WORD.match(before) and word not in _NOT_PLACE_NAMES and not word.isdecimal()
              and len(word) >= 4 and _can_name_a_place(word) and not _common_noun(word)):
            named = tokens[index + 1] if index + 1 < len(tokens) else None
            if named and named[2] in _HONORIFICS and text[end:named[0]] == " ":
                end = named[1]  # «с. Булар батыр»: the village's name is the man's with his title
            found.append((start, end, "designated:village"))
    return found + _districts_named_after(text, tokens)


#: the title or kin word that ends a district's name after the man's («имени Казыбек би», «имени Бауыржана
#: Момышулы», «имени Габита Мусрепова»)
_NAMED_AFTER_TITLE = re.compile(r"би|батыр\w*|хана?|ата|жырау|ақын|акын|[а-яёәғқңөұүһі]+(?:ов|ев|ин|улы|ұлы)[аы]?")


def _districts_named_after(text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """«района имени казыбек би», «в районе имени Габита Мусрепова»: a district named after a man, any case."""
    found = []
    if not re.search(r"район|р-н", text, re.IGNORECASE):
        return found
    for index in range(len(tokens) - 2):
        start, _, word = tokens[index]
        if not (re.fullmatch(r"район\w{0,3}|р-н\w{0,3}", word) and tokens[index + 1][2] == "имени"
                and text[tokens[index][1]:tokens[index + 2][0]].split() == ["имени"]):
            continue
        name_end = tokens[index + 2][1]
        if (index + 3 < len(tokens) and text[name_end:tokens[index + 3][0]] == " "
                and _NAMED_AFTER_TITLE.fullmatch(tokens[index + 3][2])):
            name_end = tokens[index + 3][1]
        if tokens[index + 2][2] not in _NOT_PLACE_NAMES and len(tokens[index + 2][2]) >= 3:
            found.append((start, name_end, "designated:district"))
    for index in range(len(tokens) - 2):  # «қазыбек би района»: the Kazakh order, in code-switched speech
        (start, _, name), (_, _, title), (_, end, word) = tokens[index:index + 3]
        if (title in ("би", "батыр", "батыра") and re.fullmatch(r"район\w{0,3}", word) and len(name) >= 3
                and name not in _NOT_PLACE_NAMES and text[start:end].count(" ") == 2):
            found.append((start, end, "designated:district"))
    return found


#: "former", before a town's old name: «алтай каласында бурынгы зырянда», «бывший Октябрьский»
_FORMER = ("бұрынғы", "бурынгы", "бурынғы", "бывший", "бывшая", "бывшее", "бывшем", "бывшей", "бывшего", "former",
           "formerly", "byvshiy", "byvshem")
#: a body's head noun right before a town's name that is also a word: «в следственном изоляторе семей», «колонии
#: семее», «отдел полиции семей» (no family is a jail's)
_BODY_BEFORE_ITS_TOWN = re.compile(r"изолятор[аеу]?|колони[ияюей]|сизо|ивс|тюрьм[аеуы]|полици[иеяю]|акимат[аеу]?|"
                                   r"прокуратур[аеуы]|горсуд[аеу]?|облсуд[аеу]?")  # (Russian cases: not «колонияда»)
#: prepositions of place before a capitalised name: «в Қосшы», «из Канонерки», "v Zashchite"
_PLACE_PREPOSITIONS = frozenset({"в", "во", "из", "до", "под", "около", "возле", "с", "со", "на", "v", "vo", "iz", "s",
                                 "do", "okolo", "vozle", "na"})
#: prepositions of where or from where before an adjective-shaped name («в глубоком», «из заречного»)
_LOCATIVE_PREPOSITIONS = frozenset({"в", "во", "из", "с", "со"})
#: a name shaped like an adjective, and any case form of one: the stem the two share
_ADJECTIVE_NAME = re.compile(r"([а-яё]{4,}?)(?:ое|ый|ий|ой|ая|ее)")
_ADJECTIVE_FORM = re.compile(r"([а-яё]{4,}?)(?:ое|ый|ий|ой|ая|ее|ого|его|ому|ему|ом|ем|ым|им|ую|ою|ей)")
#: «… это район такой», «это микрорайон», «это посёлок у нас»: the speaker explains the word before is a place
_EXPLAINING_KIND = {"район": "district", "микрорайон": "microdistrict", "мкр": "microdistrict",
                    "посёлок": "village", "поселок": "village", "село": "village", "аул": "village",
                    "деревня": "village", "город": "town", "городок": "town", "рынок": "market", "базар": "market",
                    "ауыл": "village", "аудан": "district", "ауданы": "district", "қала": "town", "кала": "town"}


def _genitive_follows(text: str, end: int) -> bool:
    """Whether a noun or adjective in the genitive follows («в семье рабочего», «в семье военных»)."""
    from fieldkit.anonymise.morphology import natasha

    after = re.match(r" ([а-яё]{3,})", text[end:end + 40], re.IGNORECASE)
    if after is None:
        return False
    likeliest = natasha()[2].parse(after.group(1).casefold())[0].tag
    return likeliest.POS in ("NOUN", "ADJF") and likeliest.case == "gent"


def _word_stem(word: str) -> str:
    """A word of a name without the letters a case ending replaces («берег» → бер-, «жағалау» → жағала-); a word
    of three letters or fewer stays whole, and one of two is compared whole («Ак Орда», «Оң жағалау»)."""
    return word if len(word) <= 3 else word[:max(3, len(word) - 2)]


#: the first words of listed names that say what kind of place it is («КПП Атамекен», «ТРЦ Форум», «ЖК Северное
#: сияние»), as the stems ``_capitalised_multiword`` compares
_KIND_FIRST = frozenset(_word_stem(word) for word in ("кпп", "трц", "тц", "жк", "рынок", "плато", "курорт", "посёлок",
                                                      "жилмассив", "мечеть", "пик", "база"))


def _explained_as_a_place(tokens: list[tuple[int, int, str]], index: int, text: str) -> str | None:
    """The kind of place the words after a word say it is («защиты это район такой»), or None."""
    following = [word for _, _, word in tokens[index + 1:index + 4]]
    if not following or following[0] not in ("это", "бұл", "ол") or text[tokens[index][1]] not in " ,":
        return None
    for word in following[1:]:
        if word in _EXPLAINING_KIND:
            return _EXPLAINING_KIND[word]
        if word not in ("такой", "такая", "такое", "наш", "наша", "у", "один", "одна", "бір"):
            return None
    return None


def _stands_alone(adjective: str, following: str) -> bool:
    """Whether an adjective after a preposition has no noun of its case after it, and so names something itself:
    «в глубоком там» («в глубоком подвале» has one)."""
    from fieldkit.anonymise.morphology import natasha

    morph = natasha()[2]
    cases = {parse.tag.case for parse in morph.parse(adjective) if parse.tag.POS == "ADJF"}
    if not cases:
        return False
    if not following:
        return True
    likeliest = morph.parse(following)[0].tag  # «уже» has a noun's reading too (уж, the snake), far behind
    return not (likeliest.POS in ("NOUN", "ADJF", "PRTF", "NUMR") and likeliest.case in cases)


def _by_key_with_ending(key: str, table: dict[str, str], *, shortest_stem: int) -> str | None:
    """The place ``table`` gives a Latin key, bare or with a Russian or Kazakh case ending taken off (the stem as it
    stands, or with the final vowel the ending replaced: «аксае» → aksai)."""
    if key in table:
        return table[key]
    for ending in _KEY_PLACE_ENDINGS:
        stem = key[: -len(ending)]
        if key.endswith(ending) and len(stem) >= shortest_stem:
            for candidate in (stem, stem + "a", stem + "i", stem + "ai"):
                if candidate in table:
                    return table[candidate]
    return None


#: Kazakh postpositions of the way, after a place: «арқылы» (via), «жаққа» (towards), «жақта» (over there)
#: a border post, a checkpoint or a village word right after a place's name
_POST_AFTER = re.compile(r"(?:бекет|кпп|пост[ыі]|ауыл[ыі]|auyl|beket)[\w-]*$")
_WAY_AFTER = re.compile(r"^(?:арқылы|аркылы|arqyly|arkyly|жа[қк](?:қа|ка|та|тан|тағы|тагы)|жа[ғг]ына|жа[ғг]ында|"
                        r"жа[ғг]ынан|zhaqqa|zhakka|жақтан)$")
#: "born", "live", "grew up": after a word in the locative, which is then where
_BORN_AFTER = re.compile(r"^(?:ту[ғг]ан\w*|туыл[ғг]ан\w*|ту[ыу]лдым|т[ұу]рамын|т[ұу]рады|т[ұу]ратын|т[ұу]рдым|"
                         r"[өо]ст[іи]м|[өо]скенм[іи]н)$")
#: the titles a village named after a man keeps in its name: «Төле би», «Булар батыр», «Бекет ата»
_HONORIFICS = frozenset({"би", "батыр", "батыра", "ата", "хан", "хана", "баба", "жырау", "ақын", "акын", "bi", "batyr"})
#: a word that says what kind of place the word before it is, in Russian or Kazakh
#: the Kazakh words many places' names end with: mountain, water, lake, hill, spring
_PLACE_NAME_ENDS = frozenset({"тау", "су", "көл", "кол", "төбе", "тобе", "бұлақ", "булак", "сай", "құдық", "кудук"})
_PLACE_WORD = re.compile(r"^(?:бекет|ауыл|аудан|облыс|қала|кала|кент|көше|район|област|станц|посел|посёл|село|город|"
                         r"микрорайон|ықшам)")


def sound_key(key: str) -> str:
    """A Latin key (``names.latin_key``) with the vowels a recogniser confuses when they are not stressed folded
    together: «костонай» and «костанай», «каменагорск» and «каменогорск» sound alike."""
    return key.replace("o", "a").replace("e", "i")


#: the case endings of ``_KEY_PLACE_ENDINGS`` by their sound
_SOUND_PLACE_ENDINGS = tuple(sorted({sound_key(ending) for ending in _KEY_PLACE_ENDINGS}, key=len, reverse=True))


@lru_cache(maxsize=50_000)
def _common_noun(word: str) -> bool:
    """A word (or each part of a hyphenated one) Russian morphology knows as an ordinary noun, pronoun or the like,
    with no place reading: «бабушка», «люди», «юго-восток»."""
    parts = [part for part in word.split("-") if part]
    return bool(parts) and all(_ordinary_word(part) and not _adjective(part) for part in parts)


@lru_cache(maxsize=50_000)
def _adjective(word: str) -> bool:
    return first_tag(word).startswith("ADJF")


@lru_cache(maxsize=50_000)
def _can_name_a_place(word: str) -> bool:
    """A noun, an adjective («заречный», «степной») or a word morphology does not know: not a verb, pronoun or
    particle («в деревне было тихо»)."""
    if word.isascii():
        return word not in ("i", "a", "the", "bylo", "byl", "gde", "tam", "u", "v", "na")
    from fieldkit.anonymise.morphology import natasha

    if not natasha()[2].word_is_known(word):
        return True  # a guess from the word's ending is no reading: «кенес это аул» is no verb like «понёс»
    return not first_tag(word).startswith(("PREP", "CONJ", "PRCL", "NPRO", "VERB", "INFN", "ADVB", "PRED", "GRND",
                                           "PRTS", "COMP"))


def is_cyrillic_word(word: str) -> bool:
    return bool(word) and all("\u0400" <= ch <= "\u04ff" or ch == "-" for ch in word)


@lru_cache(maxsize=50_000)
def _ordinary_word(word: str) -> bool:
    """A word Russian morphology knows with no place reading («заречный», «каскад»): not taken as a place."""
    from fieldkit.anonymise.morphology import natasha

    morph = natasha()[2]
    if " " in word or "-" in word or not morph.word_is_known(word):
        return False
    return not any("Geox" in str(parse.tag) for parse in morph.parse(word))


@lru_cache(maxsize=50_000)
def _ordinary_latin_word(word: str) -> bool:
    """A Russian word spelled in Latin with no place reading ("skazala" is «сказала», not «с» + Казалы)."""
    from fieldkit.anonymise.latin_words import russian_spelling

    spelled = russian_spelling(word)
    return spelled is not None and _ordinary_word(spelled)


#: a verb of going or of being sent, before «в»/«из» and a place: «отправили в лебяжье», «уедет в курган»
_WENT = re.compile(r"(?:у|по|пере|при|за|в|вы)?(?:ехал|ехала|ехали|едет|еду|едем|едут|ехать|езжал\w*)|"
                   r"отправ(?:или|ил|ила|ят|лен|лены)|перевели|перевел|перевёл|этапировали|увезли|вывезли|"
                   r"верн(?:улся|улась|улись)|ездил|ездила|ездили|сбежал|сбежала|сбежали|уезжал\w*")


def parse_settlements(text: str) -> tuple[Settlement, ...]:
    """Read ``kz_settlements.tsv`` or ``kz_settlements_more.tsv``: region id, kind and the place's spellings
    separated by « | », a final «?» when the name is also an ordinary word or a person's name."""
    settlements = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.rstrip("\n").split("\t")
        if len(columns) != 3:
            raise UsageError(f"kz_settlements.tsv line {number}: expected 3 tab-separated columns",
                             "the bundled gazetteer data is damaged; reinstall fieldkit")
        spellings = columns[2].strip()
        names = tuple(name.strip() for name in spellings.removesuffix("?").split("|") if name.strip())
        settlements.append(Settlement(columns[0].strip(), columns[1].strip(), names, spellings.endswith("?")))
    return tuple(settlements)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = resources.files("fieldkit.anonymise") / "data"
    raw = (data / "kz_gazetteer.toml").read_bytes()
    settlements = tuple(settlement for file_name in ("kz_settlements.tsv", "kz_settlements_more.tsv")
                        for settlement in parse_settlements((data / file_name).read_text(encoding="utf-8")))
    foreign = (data / "foreign_places.txt").read_text(encoding="utf-8")
    settlements += tuple(Settlement(ABROAD, "city", tuple(name.strip() for name in line.split("|") if name.strip()))
                         for line in foreign.splitlines() if line.strip() and not line.startswith("#"))
    return Gazetteer(tomllib.loads(raw.decode("utf-8")), settlements)
