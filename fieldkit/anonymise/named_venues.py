"""Venues and small bodies named right after their kind, with no quotes and no capitals: «в кафе достар», «у мечети
нур ислам», «в нко жол ашык», "v saune tau samal", "fond kamkor plus", "the pharmacy ak zhol farm", "a car wash
called aqua land".

A café, a sauna, a pharmacy, a fund or a small firm is one place with a handful of staff, and a respondent who
worked or met there is found by it; speech and messengers give its name in lower case, so only the kind word before
it marks it. Its name is what ordinary words are not: a word no Russian or English dictionary has (most such names
are Kazakh: «достар», "samal"), a word capitalised inside a sentence, or a trade word that closes a firm's name
(«плюс», "farm"). A Russian kind word counts only after a preposition («в кафе», «у мечети»), which says a place
is meant; a word the speaker then says is its name («называется», "called") takes any words.
"""

from __future__ import annotations

import re

from fieldkit.anonymise.findings import Finding
from fieldkit.anonymise.script_gate import has_cyrillic

_SCORE = 0.55
#: the kinds of venue and small body a name follows, in Russian (its cases) and in messenger Latin and English
_CYRILLIC_KIND = re.compile(
    r"кафе|кафешк\w*|ресторан\w*|столов(?:ая|ой|ую)|чайхан\w*|саун(?:а|е|у|ы|ой)|фонд(?:а|е|у|ом)?|"
    r"клуб(?:а|е|у|ом)?|нко|мечет(?:ь|и|ью)|церк(?:овь|ви|овью)|храм(?:а|е|у|ом)?|магазин(?:а|е|у|ом|чик\w*)?|"
    r"аптек(?:а|е|и|у|ой)|клиник(?:а|е|и|у|ой)|салон(?:а|е|у|ом)?|автомойк(?:а|е|и|у|ой)|мойк(?:а|е|и|у|ой)|"
    r"спортзал(?:а|е|у|ом)?|качалк(?:а|е|и|у|ой)|гостиниц(?:а|е|ы|у|ей)|отел(?:ь|е|я|ю|ем)|хостел(?:а|е|у|ом)?|"
    r"казино|ломбард(?:а|е|у|ом)?|микрокредитк(?:а|е|и|у|ой)|мфо|шиномонтаж(?:а|е|у|ом)?|автосервис(?:а|е|у|ом)?|"
    r"пекарн(?:я|е|и|ю|ей)|кофейн(?:я|е|и|ю|ей)|бутик(?:а|е|у|ом)?|супермаркет(?:а|е|у|ом)?|фирм(?:а|е|у|ы|ой)|"
    r"компани(?:я|и|ю|ей)|агентств(?:о|а|е|у|ом)|такси|тц|трц")
_LATIN_KIND = re.compile(
    # (Russian and English forms only: Kazakh endings in Latin, "klinikasynda", put the name before the kind)
    r"kafe|cafe|café|kafeshk[aeiu]|restoran[aeu]?|restaurant|sauna|saune|saunu|fond|fonde|fonda|fund|foundation|klub|"
    r"klube|kluba|club|mechet[iy]?|mosque|church|tserkv[ia]|cerkv[ia]|magazin|magazine|magazina|shop|store|apteka|"
    r"apteke|apteku|pharmacy|klinik[aeiu]|clinic|salon[aeu]?|avtomoik[aeiu]|moik[aeiu]|gym|sportzal[aeu]?|hotel|"
    r"gostinic[aeyu]|kazino|casino|lombard[aeu]?|mikrokreditk[aeiu]|pekarn[aeiu]|pekarnya|bakery|kofein[aeiu]|"
    r"kofeinya|nko|ngo|firm[aeuy]?|kompani(?:ya|i|yu|ei|ey|ia|iu)|company")
#: the English kind of two words: "car wash"
_LATIN_TWO_WORD_KIND = re.compile(r"(?<![\w-])car\s+wash(?![\w-])", re.IGNORECASE)
#: the prepositions that say a Russian kind word is a place: «в кафе», «у мечети», «возле аптеки»
_PLACE_PREPOSITIONS = frozenset({"в", "во", "на", "у", "из", "возле", "около", "при", "через", "от", "до", "с", "со",
                                 "v", "vo", "na", "u", "iz", "vozle", "okolo", "pri", "cherez", "4erez", "ot", "do",
                                 "s", "so", "at", "in", "from", "to", "near", "the", "a", "of", "nego", "neё", "nee",
                                 "него", "неё", "нее", "нас", "них"})
#: words that close a firm's name and may follow its own word: «шанс плюс», "ak zhol farm", «арлан фитнес»
_TRADE_WORDS = frozenset({"плюс", "фитнес", "трейд", "сервис", "логистик", "маркет", "мед", "фарм", "групп", "строй",
                          "авто", "сити", "плаза", "палас", "ленд", "центр", "кредит", "такси", "фуд", "тур", "агро",
                          "plus", "fitness", "trade", "servis", "service", "logistic", "market", "med", "farm", "pharm",
                          "group", "stroi", "stroy", "auto", "city", "plaza", "palace", "land", "center", "centr",
                          "kredit", "credit", "taxi", "food", "tour", "agro", "trans"})
#: what a speaker says before a venue's name: «называется», "called"
_NAMING = frozenset({"называется", "называлась", "называлось", "назывался", "под названием", "nazyvaetsya",
                     "nazyvalas", "called", "named"})
#: words that end a name's run in any of the three languages: function words, pronouns, Kazakh particles
_STOP = frozenset({
    "и", "а", "но", "или", "что", "это", "там", "тут", "он", "она", "они", "мы", "я", "вы", "его", "её", "ее", "их",
    "был", "была", "было", "были", "ну", "вот", "как", "где", "когда", "уже", "ещё", "еще", "тоже", "же", "ли", "бы",
    "мен", "сен", "ол", "біз", "биз", "бар", "жоқ", "жок", "және", "жане", "деп", "деген", "еді", "еди", "ғой", "гой",
    "қой", "кой", "да", "де", "ма", "ме", "ба", "бе", "па", "пе", "ше", "сол", "осы", "бұл", "бул",
    "i", "a", "no", "chto", "4to", "eto", "tam", "tut", "on", "ona", "oni", "my", "ya", "ja", "vy", "ego", "ee",
    "byl", "byla", "bylo", "byli", "nu", "vot", "kak", "gde", "kogda", "uzhe", "uje", "ewe", "esche", "tozhe",
    "the", "an", "and", "in", "at", "of", "to", "for", "with", "is", "was", "were", "are", "be", "that",
    "which", "who", "where", "when", "there", "it", "he", "she", "they", "we", "you", "his", "her", "their", "our",
    "near", "by", "from", "but", "so", "like", "just", "men", "sen", "ol", "biz", "bar", "jok", "zhok", "jane",
    "zhane", "dep", "degen", "edi", "goi", "qoi", "da", "de", "ma", "me", "ba", "sol", "osy", "bul",
    "v", "na", "u", "s", "iz", "do", "po", "ot", "za", "pod", "nad", "pri", "vozle", "okolo", "cherez",
})
#: endings of Kazakh verbs the verb test misses after a kind word: «кафеде отырдық», "kafede otyrdyq"
_KAZAKH_VERB_TAIL = re.compile(r"(?:дық|дік|тық|тік|дым|дім|тым|тім|ды|ді|ты|ті|мыз|міз|сың|сің|dyq|dyk|dik|tyq|tyk|"
                               r"tik|dym|dim|tym|tim|myz|miz)$")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_MAX_NAME_WORDS = 3
#: the words before a kind that say the sentence is English: "at the pharmacy", "a café"
_ENGLISH_BEFORE = frozenset({"the", "a", "at", "in", "from", "to", "near", "of"})
#: kinds said with what they are for in the genitive before the name: «клуб единоборств», «салон красоты»
_KINDS_WITH_WHAT = frozenset({"клуб", "клуба", "клубе", "клубу", "клубом", "салон", "салона", "салоне", "салону",
                              "магазин", "магазина", "магазине", "магазину", "фонд", "фонда", "фонде"})


def _cyrillic_name_word(word: str, *, first: bool) -> bool:
    """A Cyrillic word that may be a venue's own: one Russian morphology does not know and no Kazakh verb, or a
    given name (a firm named after its owner); after the first, a trade word too."""
    from fieldkit.anonymise.kazakh_words import is_kazakh_verb_form
    from fieldkit.anonymise.morphology import first_tag, is_known_word
    from fieldkit.anonymise.names import is_kin_word

    lowered = word.casefold()
    if lowered in _STOP or len(lowered) < 3 or is_kin_word(lowered):
        return False
    if not first and lowered in _TRADE_WORDS:
        return True
    if is_known_word(lowered):
        tag = first_tag(lowered)
        return tag.startswith(("NOUN", "ADJF")) and ("nomn" in tag or "Name" in tag)
    return not is_kazakh_verb_form(lowered) and not _KAZAKH_VERB_TAIL.search(lowered)


def _latin_name_word(word: str, *, first: bool) -> bool:
    """A Latin word that may be a venue's own: no everyday English word and no Russian one in Latin letters (a
    Kazakh word may be: "samal", "kamkor"); after the first, a trade word too."""
    from fieldkit.anonymise.latin_words import english_frequency, is_kazakh_in_latin, is_russian_in_latin

    lowered = word.casefold()
    if lowered in _STOP or len(lowered) < 2:
        return False
    if not first and lowered in _TRADE_WORDS:
        return True
    if english_frequency(lowered) >= 1e-5 or _KAZAKH_VERB_TAIL.search(lowered):
        return False
    return not is_russian_in_latin(lowered) or is_kazakh_in_latin(lowered)


def _a_russian_function_word(word: str) -> bool:
    """A Russian verb, pronoun or function word: the end of a name said after «называется» («… звоните»)."""
    from fieldkit.anonymise.morphology import NOT_A_NOUN, first_tag, is_known_word

    return is_known_word(word.casefold()) and first_tag(word.casefold()).startswith(NOT_A_NOUN)


def _an_everyday_word(word: str) -> bool:
    """A word of Russian or English that is no given name: a name of those words needs a trade word after it."""
    from fieldkit.anonymise.latin_words import english_frequency, is_kazakh_in_latin, is_russian_in_latin
    from fieldkit.anonymise.morphology import is_known_word

    lowered = word.casefold()
    if has_cyrillic(word):
        return is_known_word(lowered) and not _a_given_name(word)
    return english_frequency(lowered) >= 1e-5 or (is_russian_in_latin(lowered) and not is_kazakh_in_latin(lowered))


def _a_given_name(word: str) -> bool:
    from fieldkit.anonymise.morphology import first_tag, is_known_word

    return has_cyrillic(word) and is_known_word(word.casefold()) and "Name" in first_tag(word.casefold())


#: a venue's kind in Kazakh, with its possessive and case after a quoted name: «"сеул" кафесінде», «"күміс"
#: ломбардында», «"ақниет" жеке мектебінде», «"ерлік" күрес клубының», «"арман" сауда үйінде»
_KAZAKH_KIND_AFTER = re.compile(
    r"\s+(?:(?!деген|дейтін|дейтин|деп|атты)[а-яәғқңөұүһі]{3,}\s+)?"
    r"(?:кафе|мейрамхана|асхана|қонақүй|конакуй|дүкен|дукен|клиника|емхана|ломбард|дәріхана|дарихана|мектеб|мектеп|сауна|спортзал|клуб|сауда\s+үй|сауда\s+уй|демалыс\s+база|автосервис|"
    r"шеберхана|наубайхана|салон|орталығ|орталыг|фирма|компания|кооператив|қоры|коры|қорын|корын|такси)"
    r"[а-яәғқңөұүһі]*(?![\w-])", re.IGNORECASE)
_QUOTED = re.compile(r"[«\"“](?P<name>[^»\"”\n]{2,40})[»\"”]")


def find_quoted_venues(text: str) -> list[tuple[int, int]]:
    """(start, end) of a quoted name with its kind word before it («сауна «бақыт»», «такси «сапар»», "kafe
    «Sеul»") or, the Kazakh order, after it («"жан" клиникасында»): quotes beside a kind name a venue, whatever
    words are quoted. The kind word is taken into the span: it is part of what the sign says."""
    from fieldkit.anonymise.morphology import words

    found = []
    for quoted in _QUOTED.finditer(text):
        if not re.search(r"[^\W\d_]", quoted["name"]):
            continue
        after = _KAZAKH_KIND_AFTER.match(text, quoted.end())
        window = max(0, quoted.start() - 40)
        before = words(text[window:quoted.start()])
        kind_before = None
        if before and not text[window + before[-1][1]:quoted.start()].strip():
            word = before[-1][2].casefold()
            if (_CYRILLIC_KIND if has_cyrillic(word) else _LATIN_KIND).fullmatch(word):
                kind_before = window + before[-1][0]
        if after:
            found.append((kind_before if kind_before is not None else quoted.start(), after.end()))
        elif kind_before is not None:
            found.append((kind_before, quoted.end()))
    return found


def find_named_venues(text: str) -> list[tuple[int, int]]:
    """(start, end) of each venue's own name after its kind word (see the module)."""
    from fieldkit.anonymise.latin_words import is_english_word
    from fieldkit.anonymise.morphology import first_tag

    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    found = []
    for index, (start, end, word) in enumerate(tokens):
        lowered = word.casefold()
        cyrillic = has_cyrillic(word)
        kind = (_CYRILLIC_KIND if cyrillic else _LATIN_KIND).fullmatch(lowered)
        if not kind and not cyrillic and lowered == "wash" and _LATIN_TWO_WORD_KIND.search(
                text[max(0, start - 5):end]):
            kind = True
        if not kind or index + 1 >= len(tokens):
            continue
        before = tokens[index - 1][2].casefold() if index else ""
        following = index + 1
        if (cyrillic and lowered in _KINDS_WITH_WHAT and following < len(tokens)
                and "gent" in first_tag(tokens[following][2].casefold())
                and not text[end:tokens[following][0]].strip()):
            following += 1  # «в клуб единоборств барыс», «салон красоты айсулу»: what it is for, then its name
        named = False
        # «называется», "called": what follows is the name, whatever words it is
        for cue in (1, 2):
            phrase = " ".join(w.casefold() for _, _, w in tokens[following:following + cue])
            if phrase in _NAMING and not text[end:tokens[following][0]].strip(" ,"):
                following += cue
                named = True
                break
        taken: list[tuple[int, int, str]] = []
        for position in range(following, min(following + _MAX_NAME_WORDS, len(tokens))):
            word_start, word_end, candidate = tokens[position]
            gap = text[(taken[-1][1] if taken else tokens[position - 1][1]):word_start]
            if gap.strip(" \"«»“”" if named or not taken else " "):
                break  # a comma or a full stop ends the name
            is_name = (candidate.casefold() not in _STOP and len(candidate) >= 2 and not (
                has_cyrillic(candidate) and _a_russian_function_word(candidate))) if named else (
                _cyrillic_name_word(candidate, first=not taken) if has_cyrillic(candidate)
                else _latin_name_word(candidate, first=not taken))
            if not is_name or (taken and taken[-1][2].casefold() in _TRADE_WORDS
                               and candidate.casefold() not in _TRADE_WORDS):
                break  # a trade word closes the name: "kamkor plus", not "kamkor plus nam"
            taken.append((word_start, word_end, candidate))
        while taken and not named and _an_everyday_word(taken[-1][2]) and not (
                len(taken) >= 2 and taken[-1][2].casefold() in _TRADE_WORDS):
            taken.pop()  # an everyday word names a firm only before its trade word: «шанс плюс», not «хлеб»
        closed = bool(taken) and taken[-1][2].casefold() in _TRADE_WORDS
        if before not in _PLACE_PREPOSITIONS and not (closed or named):
            continue  # «кафе открыли», "kompaniya dala": a kind word names a place after a preposition, or before a
            # trade word
        if not cyrillic and before in _ENGLISH_BEFORE and not (closed or named) and any(
                is_english_word(w.casefold()) for _, _, w in taken):
            continue  # "in the church choir": in English, an English word is no name without its trade word
        own = [w for _, _, w in taken if w.casefold() not in _TRADE_WORDS]
        if own and not named and len(own) == len(taken) and all(_a_given_name(w) for w in own):
            continue  # «в кафе арлан сидел»: a person in the café, unless a trade word follows («арлан фитнес»)
        if own:
            found.append((taken[0][0], taken[-1][1]))
    return found


#: a taxi firm named before «такси» after a Russian preposition: «в жулдыз такси», «из арай такси»
_NAME_THEN_TAXI = re.compile(r"(?<!\w)(?:в|во|из|от|с|со|у)\s+(?P<name>[а-яёәғқңөұүһі]{3,}(?:\s+[а-яёәғқңөұүһі]{3,})?)"
                             r"\s+такси(?!\w)", re.IGNORECASE)
#: a branch said before its bank or firm: «в отделении Халык банка», "v otdelenii fortebanka", «филиале»
_BRANCH_BEFORE = re.compile(r"(?:отделени[еияю]|отделение|филиал[аеу]?|otdeleni[eiyu]|filial[aeu]?)\s+$",
                            re.IGNORECASE)


def find_taxi_firms(text: str) -> list[tuple[int, int]]:
    """(start, end) of a taxi firm named by a word no dictionary has before «такси» (``_NAME_THEN_TAXI``)."""
    found = []
    for match in _NAME_THEN_TAXI.finditer(text):
        names = match["name"].split()
        if all(_cyrillic_name_word(word, first=True) and not _a_given_name(word) for word in names):
            found.append((match.start("name"), match.end()))
    return found


def with_branches(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with the branch word before a found bank or firm in its span: «отделении [Халык банка]»; the
    branch is the place a teller or a manager works."""
    grown = []
    for finding in findings:
        branch = _BRANCH_BEFORE.search(text, max(0, finding.start - 16), finding.start)
        if finding.entity == "ORGANIZATION" and branch:
            finding = Finding(finding.entity, branch.start(), finding.end, finding.score,
                              text[branch.start():finding.end])
        grown.append(finding)
    return grown


def with_named_venues(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each venue named after its kind (``find_named_venues``) as an organisation; a part of it
    found before (a name read as a person's: «арлан» of «арлан фитнес») goes into the one span."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted({*find_named_venues(text), *find_quoted_venues(text), *find_taxi_firms(text)}):
        if spans and start < spans[-1][1]:  # «такси «сапар»» found both ways: one span
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    added: list[Finding] = []
    for start, end in spans:
        overlapping = [f for f in findings if f.start < end and start < f.end]
        if any(f.entity not in ("ORGANIZATION", "LOCATION", "PERSON") for f in overlapping) or any(
                f.entity == "PERSON" and not (start <= f.start and f.end <= end) for f in overlapping):
            continue
        if any(f.start <= start and end <= f.end for f in overlapping):
            continue  # already found whole
        start = min([start, *(f.start for f in overlapping)])
        end = max([end, *(f.end for f in overlapping)])
        added.append(Finding("ORGANIZATION", start, end, _SCORE, text[start:end]))
    if not added:
        return with_branches(text, findings)
    kept = [f for f in findings if not any(a.start <= f.start and f.end <= a.end for a in added)]
    return with_branches(text, sorted([*kept, *added], key=lambda f: f.start))
