"""A body named by its place is one organisation: «темиртауский горотдел», «кентауском трансформаторном заводе»,
«ювенальном суде шымкента», «отделе таможенного администрирования … по мангистауской области», «аягөз овд-де».

The gazetteer finds the place inside such a name, and replacing the place alone leaves the rest («[город]
горотдел», «[ORG] ровд»): with the region the generalised place keeps, a town's only police department or plant is
named all the same. So a place (or an organisation) found next to the words of a body grows into that body:

- after it, a body's head word, possibly behind adjectives («меркенский районный суд», «алматинский департамент
  полиции»); after a place that is a noun, only a body's abbreviation («аягөз овд-де», «карабалык ровд»);
- before it, a run of nouns, adjectives and «по» that starts at a head word («управление по противодействию
  наркопреступности дп шымкента», «Отдел ЖКХ акимата г. Текели»). A preposition other than «по», a verb or a
  pronoun ends the run: in «поехал в суд в караганде» the court is not Karaganda's by name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from fieldkit.anonymise.findings import Finding
from fieldkit.anonymise.kazakh_words import KAZAKH_RUN_BREAKS
from fieldkit.anonymise.morphology import first_tag, is_cyrillic, is_known_word, natasha
from fieldkit.anonymise.names import is_listed_name

#: the head words of bodies, as stems (a word starting with one is a head)
_HEADS = ("отдел", "наркоотдел", "угрозыск", "управлени", "правлени", "департамент", "прокуратур", "акимат", "әкімдік",
          "әкімшілі", "налогов",
          "больниц", "колледж", "спецприёмник", "спецприемник", "завод", "зауыт", "комбинат", "шахт", "застав",
          "таможн", "кеден", "колони", "политех", "университет", "институт", "академи", "горотдел", "райотдел",
          "горсуд", "райсуд", "гороно", "горуно", "погранотряд", "погранзастав", "инспекци", "комитет", "служб",
          "басқарма", "баскарма", "бөлім", "болим", "мекеме", "комиссари", "военкомат", "изолятор",
          "филиал", "элеватор", "месторождени", "рудник", "фабрик", "аэропорт", "птицефабрик", "разрез", "кеніш",
          "кениш", "карьер", "хлопкозавод", "хлопзавод", "мясокомбинат", "молокозавод", "маслозавод", "хлебозавод",
          "цемзавод", "рыбзавод", "рыбокомбинат", "батальон", "погранотдел", "погранпост", "погранкомендатур",
          "роддом", "подстанци", "диспансер", "горбольниц", "облбольниц", "райбольниц", "прок-р", "грэс", "тэц",
          "облпрокуратур", "горпрокуратур", "райпрокуратур", "спецпрокуратур", "облсуд", "профком")
#: short heads, which would start other words as stems («сотрудник», «портфель»): a word is one in its cases only
_SHORT_HEAD = re.compile(r"(?:суд|порт|депо)(?:а|у|е|ом|ы|ов|ам|ах|ами)?|сот(?:ы|та|қа|тан|ында|ына|ынан|ының|тың)?"
                         r"|упр|нарколог|комб")  # a note's «упр. ветеринарии», «нарколог. диспансера», «комб.»
#: the first halves of compound adjectives whisper writes apart: «юго восточного отдела»
_COMPOUND_FIRST = frozenset({"юго", "северо", "южно", "западно", "восточно", "центрально", "горно", "нефте", "газо",
                             "агро", "торгово", "военно", "лечебно", "исправительно", "уголовно", "следственно"})
#: endings of Russian adjectives, for words morphology only guesses at («ювенальном», «трансформаторном»)
_ADJECTIVE_ENDING = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими)$")
#: abbreviations of police and security bodies, which may follow a place in either language's order
_ABBREVIATIONS = frozenset({"ровд", "овд", "увд", "гувд", "рувд", "дп", "уп", "упп", "роп", "руп", "оп", "ивс",
                            "сизо", "кнб", "дкнб", "дэр", "дгд", "угд", "афм", "убн", "су", "пу", "цон", "смус",
                            "упэ", "опэ", "ду", "дчс", "гаи", "упс", "хқко", "хкко", "мкд", "лоп", "лп",
                            "қпб", "кпб", "апб", "гоп", "уап",
                            # the Kazakh town's and district's police: «Балқаш ҚПБ», «каскелен пб-нын»
                            "пб", "пд"})
#: the letters of a service that may follow its unit's name: «отделе кгд», «управлении дп»
_SERVICE_LETTERS = _ABBREVIATIONS | {"кгд", "дгд", "мвд", "кнб", "агдф", "кус", "рк"}
#: «полиция» names a body only beside a place («алматинская полиция»), never as the head of a run before one
#: («сотрудники полиции алматы»: the place is the people's)
_AFTER_ONLY = ("полици",)
#: words that may stand inside a run before the place: «по», the settlement words of notes, Kazakh postpositions
_DECLINED_ABBREVIATION = re.compile(r"([A-ZА-ЯЁ]{2,5})(?:е|а|у|ом|ы|ах|ам)")
_GLUE = frozenset({"по", "г", "гор", "обл", "р-н", "бойынша"})
#: abbreviations whose dot may end no sentence; those before a name («г. Текели») never end one
_DOTTED = frozenset({"обл", "р-н", "нач", "отд", "упр", "деп", "нарколог"})
_BEFORE_A_NAME = frozenset({"г", "гор", "им", "пос", "с", "ст"})
_TOKEN = re.compile(r"[\w\-]+\.?")
_MAX_BEFORE = 8
_MAX_ADJECTIVES = 3


def _is_head(word: str, *, after_place: bool) -> bool:
    lowered = word.casefold().rstrip(".")
    bare = re.split(r"-", lowered)[0]  # «овд-де»: a Kazakh ending after a hyphen
    declined = _DECLINED_ABBREVIATION.fullmatch(word.rstrip("."))
    if declined:
        bare = declined.group(1).casefold()  # «в ЦОНе»: a Russian case ending on the capitals
    if bare in _ABBREVIATIONS:
        return True
    heads = (*_HEADS, *_AFTER_ONLY) if after_place else _HEADS
    return lowered.startswith(heads) or bool(_SHORT_HEAD.fullmatch(lowered))


def _is_adjective(word: str) -> bool:
    lowered = word.casefold()
    if lowered in _COMPOUND_FIRST:
        return True
    if not is_cyrillic(lowered) or len(lowered) < 4:
        return False
    if lowered.endswith(("тық", "тік", "дық", "дік", "лық", "лік", "тык", "дык", "лык")):  # аудандық, облыстық
        return True
    if first_tag(lowered).startswith(("ADJF", "PRTF")):
        return True
    return bool(_ADJECTIVE_ENDING.search(lowered)) and not natasha()[2].word_is_known(lowered)


def _ends_sentence(word: str, after: str) -> bool:
    """Whether the dot of ``word`` ends a sentence, given the text ``after`` it: «обл. Директор» does, «г. Текели»
    does not."""
    abbreviation = word[:-1].casefold()
    if abbreviation in _BEFORE_A_NAME:
        return False
    return abbreviation not in _DOTTED or after.lstrip()[:1].isupper()


def _is_run_word(word: str) -> bool:
    """A word that may stand between a body's head and its place: a noun, an adjective or an abbreviation."""
    lowered = word.casefold().rstrip(".")
    if lowered in _GLUE or lowered in _ABBREVIATIONS or (word.rstrip(".").isupper() and len(word.rstrip(".")) <= 5):
        return True
    if _SHORT_HEAD.fullmatch(lowered):  # «упр.», «нарколог.»: a head a note shortened
        return True
    if _is_adjective(word):
        return True
    if not is_cyrillic(lowered) or len(lowered) < 3:
        return False
    if lowered.endswith(_KAZAKH_PERSONAL_ENDINGS) and not is_known_word(lowered):
        return False  # a Kazakh verb with its person, which Russian morphology guesses a noun: «кеденде қызмет еттім»
    tag = first_tag(lowered)
    return tag.startswith(("NOUN", "ADJF", "PRTF")) and "Name" not in tag and "Surn" not in tag


def _adjectival(text: str) -> bool:
    last = text.split()[-1].casefold() if text.split() else ""
    return bool(re.search(r"(?:ск|цк)(?:ий|ого|ому|им|ом|ой|ая|ую|ое|ие|их|ый|ая)$", last)) or _is_adjective(last)


class _Words:
    """The text's words, with their starts and ends for bisecting: a transcript has thousands of findings, and
    scanning every word for each made the pass quadratic."""

    def __init__(self, text: str) -> None:
        self.tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        self.starts = [start for start, _, _ in self.tokens]
        self.ends = [end for _, end, _ in self.tokens]

    def after(self, position: int, count: int) -> list[tuple[int, int, str]]:
        """Up to ``count`` words starting at or after ``position``, nearest first."""
        first = bisect_left(self.starts, position)
        return self.tokens[first:first + count]

    def before(self, position: int, count: int) -> list[tuple[int, int, str]]:
        """Up to ``count`` words ending at or before ``position``, nearest first."""
        last = bisect_right(self.ends, position)
        return self.tokens[max(0, last - count):last][::-1]


def _end_after(text: str, tokens: _Words, finding: Finding) -> int | None:
    """Where the body named by ``finding`` ends, when its words follow it."""
    following = tokens.after(finding.end, _MAX_ADJECTIVES + 1)
    adjectival = _adjectival(finding.text)
    position = finding.end
    shortened = re.fullmatch(r"(.+) (?:обл|гор)", finding.text)
    if text[position:position + 1] == "." and shortened and not text[position + 1:position + 3].strip()[:1].isupper():
        # «Жетысуской обл. больницы»: the place was found without its abbreviation's dot
        adjectival, position = _adjectival(shortened.group(1)), position + 1
    plant = None
    for index, (start, end, word) in enumerate(following):
        if text[position:start].strip() or "\n" in text[position:start]:
            return plant  # punctuation or a line's end between: «в караганде, отдел», a note's last word
        if ((_is_head(word, after_place=True) or word.casefold().startswith(_KAZAKH_HEADS))
                and (adjectival or word.casefold().split("-")[0] in _ABBREVIATIONS)):
            return end
        if not (adjectival and index < _MAX_ADJECTIVES and (_is_adjective(word) or word.casefold() in _SHORTENED)):
            return plant
        if _INDUSTRY.match(word.casefold()):
            plant = end  # «балхашского медеплавильного», «аксуский ферросплавный»: the plant, its head unsaid
        position = end
    return plant


#: the adjectives of an industry that name a plant without the word «завод» after a town's adjective
_INDUSTRY = re.compile(r"(?:медеплавильн|металлургическ|ферросплавн|горно-?обогатительн|обогатительн|алюминиев|"
                       r"глинозем|глинозём|цементн|фосфорн|цинков|свинцов|нефтеперерабатывающ|химическ|"
                       r"машиностроительн|трансформаторн|вагоноремонтн|электродн|титано-?магниев)\w*$")


#: a note's shortened adjectives between a place and its body: «Жетысуской обл. больницы», «Семейский гор. суд»
_SHORTENED = frozenset({"обл.", "гор.", "рай.", "рег."})


#: the head words of Kazakh bodies, which end a name whose words before them are nouns («Жаркент шекара
#: отрядында», «Талдықорған қалалық көпбейінді ауруханасында», «Арыс локомотив депосында»), also as whisper and
#: keyboards write them with Russian letters («ащысай кениши»)
_KAZAKH_HEADS = ("зауыт", "кеніш", "кениш", "комбинат", "депо", "бекет", "отряд", "аурухан", "бірлест", "бирлест",
                 "серіктест", "сериктест", "қызмет", "кызмет", "басқарма", "баскарма", "бөлім", "болим", "мекеме",
                 "колония", "фабрика", "шахта", "кеден", "департамент", "әкімдіг", "акимдиг", "прокуратура", "грэс",
                 "тэц", "полигон", "музей", "парк")
#: heads that name a body right after its place («Текелі комбинатында», «Арыс депосында»); the others need a word
#: between («Қорғас кеден бекетінде», not «Қорғас бекетінде»: the place is where the post is)
_NAMED_HEADS = ("зауыт", "комбинат", "кеніш", "кениш", "депо", "отряд", "бірлест", "бирлест", "серіктест",
                "сериктест", "фабрика", "грэс", "тэц")
#: a Kazakh case ending on a word: a place so inflected is where something happened, not the first word of a name
#: («Шымкентте бір зауытта»), and a word so inflected between a place and a head ends the run
_KAZAKH_CASE = re.compile(r"(?:да|де|та|те|ға|ге|қа|ке|га|ка|дан|ден|тан|тен|нан|нен|ның|нің|дың|дің|тың|тің|"
                          r"ны|ні|ды|ді|ты|ті|мен|бен|пен|ндa|нда|нде|на|не)$")
_KAZAKH_MODIFIERS = 3
#: a Kazakh verb's personal endings (I sat, we were): no word of a body's name ends so
#: (not «-дық», which is also the adjectives' ending: «қоғамдық», «аудандық»)
_KAZAKH_PERSONAL_ENDINGS = ("дым", "дім", "тым", "тім", "мын", "мін", "пын", "пін", "бын", "бін", "мыз", "міз", "пыз",
                            "піз", "быз", "біз", "дим", "тим", "мин", "миз")
#: a plant's, mine's or depot's head word in the Kazakh possessive, which makes the word before it its name
_ITS_PLANT = re.compile(r" (?:кеніш|кениш|зауыт|комбинат|фабрика|шахта|депо|разрез)(?:і|и|ы|сы|сі|си)\w*",
                        re.IGNORECASE)
#: a head in the possessive right after a place names the body by it, «the X mine»: «Саран шахтасында», «Ленин
#: шахтасында», «Сарышаған полигонында» (the locative alone, «Қарағанды шахтада», is a mine in Karaganda)
_HEAD_IN_POSSESSIVE = re.compile(r"(?:шахта|полигон|музей|парк)(?:сы|сі|си|ы|і|и)(?:нда|нде|на|не|нан|нен|ның|нің|н)?")
_SKIY = re.compile(r"[А-ЯЁа-яё][а-яё]+(?:ск|цк)(?:ий|ого|ому|им|ом|ой|ая|ую|ое)")


def _kazakh_end_after(text: str, tokens: _Words, finding: Finding) -> int | None:
    """Where a Kazakh body named by a place before it ends: the place bare (no case ending), then up to three
    nouns that say what kind of body, then its head word with any ending («Қорғас кеден бекетінде»)."""
    last_word = finding.text.split()[-1].casefold() if finding.text.split() else ""
    if _KAZAKH_CASE.search(last_word) and not last_word.endswith(("ла", "ка", "та", "да")):
        return None  # «Шымкентте», «Алматыға»: a place something happened in; «Талдықорған», «Текели» stay
    position, end = finding.end, None
    for index, (start, word_end, word) in enumerate(tokens.after(finding.end, _KAZAKH_MODIFIERS + 2)):
        if text[position:start].strip() or "\n" in text[position:start]:
            break  # punctuation between: «в Арысе, депо»
        lowered = word.casefold().rstrip(".")
        head = lowered.startswith(_KAZAKH_HEADS) or _is_head(word, after_place=False)
        if head and (index or end is not None or lowered.startswith(_NAMED_HEADS)
                     or _HEAD_IN_POSSESSIVE.fullmatch(lowered)):
            end = word_end  # and on, over a second head: «кеден бекетінде»
        elif head and index < _KAZAKH_MODIFIERS:
            pass  # «Қорғас бекетінде», «Қарағанды шахтада»: a place's post or mine, unless more words name it
        elif end is not None or index >= _KAZAKH_MODIFIERS or not _kazakh_modifier(lowered):
            break
        if word.endswith(".") and not head:
            break  # a sentence's end: «колонияда отырдым. қазір …» names no body across it
        position = word_end
    return end


def _kazakh_modifier(word: str) -> bool:
    """A word that may stand between a place and a Kazakh body's head: a noun or adjective, in no case but the
    possessive («тынысы»), not a pronoun, number, verb or conjunction."""
    from fieldkit.anonymise.morphology import reads_first_as

    if len(word) < 3 or word in KAZAKH_RUN_BREAKS or not is_cyrillic(word):
        return False
    if _KAZAKH_CASE.search(word) and not word.endswith(("ды", "ді", "ты", "ті", "ны", "ні")):
        return False
    if word.endswith(_KAZAKH_PERSONAL_ENDINGS):
        return False  # a verb with its person: «отырдым», «жүрміз»
    return not reads_first_as(word, ("VERB", "INFN", "NPRO", "PREP", "CONJ", "PRCL", "NUMR", "ADVB", "GRND"))


def _start_before(text: str, tokens: _Words, finding: Finding) -> int | None:
    """Where the body named by ``finding`` starts, when its words come before it."""
    position, head_start, run = finding.start, None, []
    for start, end, word in tokens.before(finding.start, _MAX_BEFORE):
        if (text[end:position].strip() or "\n" in text[end:position]
                or (word.endswith(".") and _ends_sentence(word, text[position:position + 40]))):
            break  # punctuation, a line's or a sentence's end between
        if not _is_run_word(word):
            break
        run.append((start, word))
        if _is_head(word, after_place=False):
            head_start = start
        position = start
    if head_start is None:
        return None
    # adjectives right before the head belong to it: «в ювенальном суде шымкента»
    for start, word in run:
        if start < head_start and _is_adjective(word):
            head_start = start
        elif start < head_start:
            break
    return head_start


def _compound_start(text: str, tokens: _Words, start: int) -> int:
    """``start`` moved back over the first half of a compound adjective whisper wrote apart («юго восточного»)."""
    before = tokens.before(start, 1)
    if before and before[0][2].casefold() in _COMPOUND_FIRST and not text[before[0][1]:start].strip():
        return before[0][0]
    return start


#: police and security bodies by their letters in messenger Latin, which name one office beside its place
_LATIN_ABBREVIATIONS = frozenset({"ivs", "rovd", "ovd", "uvd", "guvd", "dp", "dgd", "upp", "up", "op", "rop", "rup",
                                  "sizo", "dkns", "dknb", "umvd", "ubn", "kgd", "ugd", "crb", "tsrb", "cgb", "tsgb",
                                  "govd"})
#: the town word between a body's letters and its town in messenger Latin: «OP goroda Sarani», «IVS UP g. Taraz»
_LATIN_TOWN_WORDS = frozenset({"g", "g.", "gor.", "goroda", "gorod"})
#: what may name a body by its town without being letters: «sud g. Uralsk», «akimat g. Zhanaozen»
_LATIN_TOWN_BODIES = _LATIN_ABBREVIATIONS | {"sud", "suda", "sude", "akimat", "akimata", "akimate"}


#: a place in the Kazakh «-дағы» form (in Latin) makes the institution after it that place's one
_LATIN_DAGI = re.compile(r"(?:dagy|dagi|degi|tagy|tagi|tegi|daǵy|degі)$", re.IGNORECASE)
_LATIN_INSTITUTION = re.compile(r"(?:onkolog|bolnits|bolnic|aurukhan|auruhan|aýrýhan|emkhan|emhan|kolon|mektep|"
                                r"zauyt|zavod|shakht|sot|turme|túrme|türme|tyurm|sizo|ivs|politsi|polici|akimat|"
                                r"ákimdik|akimdik|kolledzh|universitet)\w*$", re.IGNORECASE)


#: an English body's head and the word that says which kind, before «in» or «of» and its place
_ENGLISH_BODY_HEADS = frozenset({"department", "office", "directorate", "court", "unit", "service", "colony", "prison",
                                 "akimat", "hospital", "administration", "division", "station", "agency"})
_ENGLISH_BODY_KINDS = frozenset({"border", "police", "customs", "tax", "migration", "regional", "city", "district",
                                 "prosecutor's", "prosecutors", "investigative", "penal", "appeals", "military",
                                 "anti-corruption", "anticorruption"})
#: an English body said after its place: "the almaty region knb", "almaty airport customs", "the South mine"
_ENGLISH_AFTER_A_PLACE = frozenset({"knb", "police", "customs", "court", "akimat", "prison", "colony", "hospital",
                                    "mine", "pit", "plant", "airport", "university", "prosecutor's", "sizo", "ivs"})
#: a police office in Kazakh in Latin letters after its place: «Zhilgorodok polisiia bolimine»
_LATIN_POLICE = re.compile(r"(?:polis|politsi|polici|policii)\w*$", re.IGNORECASE)
_LATIN_POLICE_UNIT = re.compile(r"(?:bolim|bölim|bólim|basqarma|baskarma|departament)\w*$", re.IGNORECASE)


def _latin_body(text: str, tokens: _Words, finding: Finding) -> Finding:
    """A place in messenger Latin with a body's letters after it («atyrau ivs») or before it and «po» («dgd po
    astane»), grown into that body."""
    start, end = finding.start, finding.end
    after = tokens.after(end, 1)
    if after and text[end:after[0][0]] == " " and (after[0][2].casefold().rstrip(".") in _LATIN_ABBREVIATIONS or (
            _LATIN_DAGI.search(finding.text) and _LATIN_INSTITUTION.match(after[0][2]))):
        end = after[0][0] + len(after[0][2].rstrip("."))  # «atyrau ivs», «Semeydegi onkologiyada», «… CRB.»
    following = tokens.after(end, 2)
    if (following and text[end:following[0][0]] == " " and following[0][2].isascii()
            and following[0][2].casefold() in _ENGLISH_AFTER_A_PLACE):
        end = following[0][1]  # "the almaty region knb", "almaty airport customs"
        if (len(following) == 2 and text[end:following[1][0]] == " "
                and following[1][2].casefold() in _ENGLISH_AFTER_A_PLACE):
            end = following[1][1]
    elif (len(following) == 2 and text[end:following[0][0]] == " " and _LATIN_POLICE.match(following[0][2])
          and text[following[0][1]:following[1][0]] == " " and _LATIN_POLICE_UNIT.match(following[1][2])):
        end = following[1][1]  # «Zhilgorodok polisiia bolimine»
    before = tokens.before(start, 2)  # nearest first
    if (len(before) == 2 and before[0][2].casefold() == "po" and before[1][2].casefold() in _LATIN_ABBREVIATIONS
            and text[before[1][1]:start] == " po "):
        start = before[1][0]
    town = tokens.before(start, 3)  # nearest first: «OP goroda Sarani», «IVS UP g. Taraz»
    if (len(town) >= 2 and town[0][2].casefold() in _LATIN_TOWN_WORDS
            and town[1][2].casefold() in _LATIN_TOWN_BODIES and not text[town[1][1]:town[0][0]].strip()):
        start = town[1][0]
        if len(town) == 3 and town[2][2].casefold() in _LATIN_ABBREVIATIONS and text[town[2][1]:start] == " ":
            start = town[2][0]
    english = tokens.before(start, 3)  # "the border department in taldykorgan", "the police office of aktau"
    if (len(english) >= 2 and english[0][2].casefold() in ("in", "of")
            and english[1][2].casefold() in _ENGLISH_BODY_HEADS and text[english[1][1]:start].count(" ") == 2):
        start = english[1][0]
        if len(english) == 3 and english[2][2].casefold() in _ENGLISH_BODY_KINDS and text[english[2][1]] == " ":
            start = english[2][0]
    if (start, end) == (finding.start, finding.end):
        return finding
    return replace(finding, entity="ORGANIZATION", start=start, end=end, text=text[start:end], place=None)


#: the score at or below which a person was guessed from a word's shape, not found on a list or by a cue
_GUESSED_NAME_SCORE = 0.6


def with_bodies(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` (sorted by start) with each place or organisation next to a body's words grown into that
    body, as one ORGANIZATION; the findings it swallows go."""
    tokens = _Words(text)
    grown: list[Finding] = []
    for finding in findings:
        if finding.entity == "PERSON" and ((_SKIY.fullmatch(finding.text) and _end_after(text, tokens, finding))
                                           or (" " not in finding.text and _ITS_PLANT.match(text, finding.end))):
            # «Тишинский кенішінде», «Соколовском заводе»: an adjective a surname's shape made a person names a
            # body with the head word after it; so does a name before a Kazakh plant's possessive («тишин
            # кенишинде», the Tishinsky mine)
            finding = replace(finding, entity="LOCATION")
        if (finding.entity == "PERSON" and finding.score <= _GUESSED_NAME_SCORE and " " not in finding.text
                and is_cyrillic(finding.text) and not is_listed_name(finding.text)):
            # «правлению государственных доходов по владыру»: a word only guessed to be a name, after a body's
            # words, is the town whisper misheard, the body's place
            as_place = replace(finding, entity="LOCATION")
            if _start_before(text, tokens, as_place) is not None:
                finding = as_place
        if finding.entity == "LOCATION" and finding.text.isascii():
            finding = _latin_body(text, tokens, finding)  # "atyrau ivs", "dgd po astane"
        if finding.entity not in ("LOCATION", "ORGANIZATION") or not is_cyrillic(finding.text):
            grown.append(finding)
            continue
        start = _start_before(text, tokens, finding)
        end = _end_after(text, tokens, finding)
        if end is None:  # «соколов сарыбай кен байыту комбинатына»: a known body's Kazakh head after it too
            end = _kazakh_end_after(text, tokens, finding)
        if start is None and end is None and finding.entity == "LOCATION":
            grown.append(finding)
            continue
        start = _compound_start(text, tokens, finding.start if start is None else start)
        end = finding.end if end is None else end
        if finding.entity == "ORGANIZATION" or end != finding.end:
            after = tokens.after(end, 1)  # «алакольском отделе кгд»: the service's letters after its unit
            if after and text[end:after[0][0]] == " " and after[0][2].casefold().rstrip(".") in _SERVICE_LETTERS:
                end = after[0][1]
        if (start, end) == (finding.start, finding.end):
            grown.append(finding)
            continue
        while grown and grown[-1].end > start:  # a finding inside the body's words («по [мангистауской] области»)
            swallowed = grown.pop()
            start = min(start, swallowed.start)
        grown.append(replace(finding, entity="ORGANIZATION", start=start, end=end, text=text[start:end], place=None))
    merged: list[Finding] = []
    for finding in grown:  # a body grown over the findings after it
        if merged and finding.start < merged[-1].end:
            if finding.end > merged[-1].end:
                last = merged[-1]
                merged[-1] = replace(last, end=finding.end, text=text[last.start:finding.end])
            continue
        if (merged and finding.entity == "ORGANIZATION" and merged[-1].entity == "LOCATION"
                and _ITS_DESIGNATOR.fullmatch(text, merged[-1].end, finding.start)):
            # «Қарағанды қаласы Қазыбек би аудандық соты», "Karaganda city Kazybek bi district court": the town with
            # its designator is the body's own first words
            last = merged.pop()
            finding = replace(finding, start=last.start, text=text[last.start:finding.end])
        merged.append(finding)
    return merged


#: what stands between a town and the body named after it: «қаласы», «облысы бойынша», «г.», "city"
_ITS_DESIGNATOR = re.compile(r"\s+(?:(?:қала|кала|облыс|аудан|qala|kala|oblys|audan)\w*|г\.|гор\.|обл\.|city|region|"
                             r"oblast)(?:\s+(?:бойынша|boiynsha|boyinsha))?\s+", re.IGNORECASE)


#: a mine named after a person, the head before the name: «на шахте ленина», «шахта имени Костенко»
_MINE_BEFORE = re.compile(r"(?<!\w)(?:шахт[аеуы]|шахтой|рудник[аеу]?|mine|shakhta|shakhte|shahta|shahte)\s+"
                          r"(?:имени\s+|им\.\s*|im\.\s*)?$",
                          re.IGNORECASE)


#: any other body named after a person, «имени» said: «в районном суде имени Казыбек би», «школе им. Абая»
_NAMED_AFTER_BEFORE = re.compile(
    r"(?<!\w)(?:(?:[а-яё]+(?:ом|ой|ем|ый|ий|ая|ую|ого|ому)\s+){0,2})(?:суд|школ|колледж|университет|институт|"
    r"больниц|завод|комбинат|лицей|гимнази|академи|училищ|театр|библиотек|фабрик|колхоз|совхоз)\w*\s+"
    r"(?:имени\s+|им\.\s*)$"
    # a university or an institute is named by the man's surname alone: «в университете Жубанова»
    r"|(?<!\w)(?:университет|институт|академи|university|universitet|institut)\w*\s+$", re.IGNORECASE)


def mines_named_after_people(text: str, findings: list[Finding]) -> list[Finding]:
    """A person's name right after «шахта» is the mine's name, one organisation with its head: the head left
    alone says which of a town's few mines it was."""
    result = []
    for finding in findings:
        head = ((_MINE_BEFORE.search(text, max(0, finding.start - 20), finding.start)
                 or _NAMED_AFTER_BEFORE.search(text, max(0, finding.start - 50), finding.start))
                if finding.entity in ("PERSON", "ORGANIZATION") else None)
        after = (_MINE_AFTER.match(text, finding.end) if finding.entity in ("PERSON", "ORGANIZATION") and head is None
                 else None)
        if head:
            finding = Finding("ORGANIZATION", head.start(), finding.end, finding.score, text[head.start():finding.end])
        elif after:  # "the kostenko mine"
            end = after.end()
            finding = Finding("ORGANIZATION", finding.start, end, finding.score, text[finding.start:end])
        result.append(finding)
    return result


#: a Kazakh body's unit after it, up to four words on: «… департаментінде кеден ісі бөлімінде», «… басқармасының
#: теңіз бөлімінде», «… ПД есірткі қылмысына қарсы күрес басқармасында»
_KAZAKH_UNIT_AFTER = re.compile(
    r"(?:[ \t]+(?!(?:в|во|на|по|с|со|и|из|к|у|о|об|от|до|за|для|при|а|но)[ \t])[а-яәғқңөұүһіё\-]+){0,4}?[ \t]+"
    r"(?:бөлім|болим|басқарма|баскарма|департаменті|департаменти|бөлімше|болимше|секторы|секторын)"
    r"[а-яәғқңөұүһі]*(?!\w)", re.IGNORECASE)
#: the Kazakh parent body in the genitive before it: «ұлттық қауіпсіздік комитетінің (… департаментінен)»
_KAZAKH_PARENT_BEFORE = re.compile(
    r"(?<!\w)(?:[а-яәғқңөұүһі\-]+[ \t]+){0,3}?(?:комитетінің|комитетинин|министрлігінің|министрлигинин|"
    r"агенттігінің|агенттигинин|қызметінің|кызметинин)[ \t]+$", re.IGNORECASE)
_KAZAKH_PARENT_HEAD = re.compile(r"(?:комитет|министрлі|министрли|агентті|агентти|қызмет|кызмет)\w*[ \t]",
                                 re.IGNORECASE)
#: the words Kazakh agencies are named with, before their head: «ұлттық қауіпсіздік», «сыбайлас жемқорлыққа қарсы
#: іс-қимыл», «мемлекеттік кірістер», «ішкі істер»
_AGENCY_WORDS_BEFORE = re.compile(
    r"(?<!\w)(?:(?:ұлттық|улттык|қауіпсіздік|кауипсиздик|сыбайлас|жемқорлыққа|жемкорлыкка|қарсы|карсы|іс-қимыл|"
    r"ис-кимыл|мемлекеттік|мемлекеттик|кірістер|киристер|ішкі|ишки|істер|истер|шекара|қаржылық|каржылык|мониторинг|"
    r"төтенше|тотенше|жағдайлар|жагдайлар|әділет|адилет|экономикалық|экономикалык|тергеу)[ \t]+){1,4}$", re.IGNORECASE)
#: a region's body by its letters: «Маңғыстау облысы бойынша ІІД-ге», «БҚО бойынша ЭТД»
_BY_REGION_LETTERS = re.compile(r"[ \t]+(?:бойынша|боиынша|boiynsha|boıynsha)[ \t]+[А-ЯӘҒҚҢӨҰҮҺІA-Z]{2,6}"
                                r"(?:-?(?:ге|ға|ке|қа|де|да|те|та|ден|дан|нің|ның|ны|ні|ы|і))?(?!\w)")


def kazakh_units_joined(text: str, findings: list[Finding]) -> list[Finding]:
    """A Kazakh body's name runs on past what was found: its unit after it, its parent before it, and a region said
    with «бойынша» before the body's letters. The unit left alone («кеден ісі бөлімінде») narrows which office."""
    result: list[Finding] = []
    grown: list[Finding] = []
    for finding in findings:
        start, end = finding.start, finding.end
        if finding.entity == "ORGANIZATION":
            unit = _KAZAKH_UNIT_AFTER.match(text, end) if text[end - 1:end].isalnum() else None
            if unit:  # (never over a full stop the body's span happens to end with)
                end = unit.end()
            parent = _KAZAKH_PARENT_BEFORE.search(text, max(0, start - 80), start)
            if parent:
                start = parent.start()
            if _KAZAKH_PARENT_HEAD.match(text, start) or _AGENCY_WORDS_BEFORE.match(
                    text[start:start + 30].split(" ")[0] + " "):
                named = _AGENCY_WORDS_BEFORE.search(text, max(0, start - 60), start)
                if named:
                    start = named.start()  # «ұлттық қауіпсіздік комитетінің …»: the agency's own words
        elif finding.entity == "LOCATION":
            letters = _BY_REGION_LETTERS.match(text, end)
            if letters:
                end = letters.end()
        if (start, end) != (finding.start, finding.end):
            finding = Finding("ORGANIZATION", start, end, finding.score, text[start:end])
            grown.append(finding)
        result.append(finding)
    if not grown:
        return findings
    # what a grown body now covers goes with it (a place inside «… облысы бойынша ІІД-ге»)
    return [f for f in result if not any(g is not f and g.start <= f.start and f.end <= g.end for g in grown)]


_MINE_AFTER = re.compile(r" (?:mine|pit|colliery)(?!\w)", re.IGNORECASE)
