"""The stock nicknames are made of: animals and looks in Russian, Kazakh and Latin spellings, and the words said
beside a given name as one («серёга кот», «қара бейсен»). Data and its dictionary reading only, so that both the
nickname recognizer and the name rules can use it without importing each other."""

from __future__ import annotations

from functools import lru_cache

from fieldkit.anonymise.morphology import natasha

#: dictionary forms of Russian nickname stock
ANIMALS = frozenset({
    "кабан", "сова", "шмель", "лис", "лиса", "волк", "медведь", "бык", "слон", "ворон", "гусь", "заяц",
    "тигр", "крот", "барсук", "сокол", "орёл", "филин", "жук", "комар", "паук", "змей", "удав", "кит",
    "акула", "бобр", "хомяк", "лось", "козёл", "ишак", "верблюд", "шакал", "сурок", "бизон", "буйвол", "носорог",
    "бегемот", "ястреб", "грач", "воробей", "петух", "индюк", "боров", "хряк", "кролик", "белка", "муравей",
    "шершень", "скорпион", "крокодил", "варан", "жаба", "карась", "сом", "щука", "окунь", "ёрш", "чиж", "дятел",
    "кобра", "гюрза", "мамонт", "пингвин", "барс", "беркут", "гусак", "бульдог", "баклан", "бобёр", "мышь",
    "суслик", "хорёк", "куница", "лев", "зубр", "шпала", "гвоздь", "боксёр", "бугай", "муха", "барон", "сухарь",
})
LOOKS = frozenset({
    "лысый", "рыжий", "кучерявый", "малой", "толстый", "длинный", "хромой", "косой", "седой", "чёрный", "белый",
    "худой", "мелкий", "усатый", "бородатый", "хмурый", "глухой", "немой", "кривой", "горбатый", "лохматый",
    "лопоухий", "беззубый", "шустрый", "тихий", "резаный", "меченый", "кудрявый", "очкарик", "пузатый", "рябой",
    "беспалый", "картавый", "шрам", "малый", "жирный", "бешеный", "бритый", "копчёный", "горелый", "старшой",
    "бурый", "малыш", "борода", "сиплый", "лысик", "пузо", "серый",
})
#: Kazakh nickname stock, taken only with a case ending
KAZAKH = frozenset({
    "қасқыр", "мысық", "түлкі", "аю", "бөрі", "қоян", "жылан", "арыстан", "бүркіт", "түйе", "есек", "бура", "сары",
    "көсе", "тақыр", "балуан", "семіз", "ұзын", "ақсақ", "шұбар", "торы", "сұр", "боксёр", "кәрі",
    "қыршын", "бөдене", "қарға", "сауысқан", "тышқан",
})
#: Latin spellings of the same stock in messenger Russian and Kazakh, and English ones
LATIN = frozenset({
    "kaban", "sova", "shmel", "lis", "volk", "medved", "byk", "slon", "kot", "voron", "gus", "zayats", "tigr",
    "krot", "barsuk", "sokol", "orel", "verblyud", "shakal", "kozel", "ishak", "lysyi", "lysyy", "lysy", "lysiy",
    "ryzhiy", "ryzhyi", "ryzhy", "maloy", "maloi", "malyi", "kucheryavyi", "tolstyi", "khromoi", "sedoi",
    "kaskyr", "qasqyr", "mysyk", "tulki", "ayu", "sary", "kose", "baldy", "shorty", "fatso", "skinny", "ginger",
    "soroka", "solovei", "solovey", "bugai", "bugay", "zayac", "khromoy", "khromogo", "grach", "pauk", "seryi",
    "seryy", "seriy", "gvozd", "mukha", "muha", "sukhar", "baron", "rizhii", "rizhiy", "ryzhii", "rizhy", "lysii",
    "shkaf", "buryi", "buryy", "kosoi", "kosoy",
})
#: words said right before or after a given name as a nickname («серёга кот», «қара бейсен», «бала ерлан»): taken
#: bare only there, as alone they are more often the cat, the colour or the child
BESIDE_A_NAME = frozenset({"кот", "сорока", "соловей", "шаман", "кит", "лис", "малой", "малый", "қара", "кара",
                            "бала", "шал", "ұзын", "узын", "кіші", "киши", "сары", "көсе", "косе", "ақсақ", "аксак",
                            "семіз", "семиз", "тақыр", "такыр", "сазан"})
#: the same in Latin letters: "sazan ermek", "ermek sazan", "qara beisen"
LATIN_BESIDE_A_NAME = frozenset({"kot", "soroka", "shaman", "kit", "qara", "kara", "bala", "shal", "uzyn", "kishi",
                                 "sary", "kose", "sazan", "semiz", "taqyr", "takyr"})
#: English nickname words, taken only capitalised mid-sentence ("Baldy", but not "curly hair" or "ginger tea")
ENGLISH = frozenset({"baldy", "shorty", "fatso", "skinny", "ginger", "curly", "lefty", "goose", "bull", "wolf", "fox",
                     "bear", "owl", "camel"})
ENGLISH_VERBS_AFTER = frozenset({"said", "says", "was", "is", "had", "has", "told", "came", "went", "called",
                                  "brought", "took", "gave", "knew", "wanted", "sold", "got", "did", "asked", "would",
                                  "will", "could", "paid", "sent", "ran", "runs", "kept", "made", "and"})

#: the stock as morphology's dictionary forms are compared («ё» folded)
_NOUN_LEMMAS = frozenset(word.replace("ё", "е") for word in ANIMALS | LOOKS)
_ADJECTIVE_LEMMAS = frozenset(word.replace("ё", "е") for word in LOOKS)


@lru_cache(maxsize=50_000)
def stock_reading(word: str) -> str | None:
    """"noun" or "adjective" when a lower-case Russian word is a singular form of the nickname stock."""
    morph = natasha()[2]
    for parse in morph.parse(word):
        lemma = parse.normal_form.replace("ё", "е")
        tag = str(parse.tag)
        if "plur" in tag:
            continue
        if tag.startswith("NOUN") and lemma in _NOUN_LEMMAS:
            return "noun"
        if tag.startswith("ADJF") and lemma in _ADJECTIVE_LEMMAS:
            return "adjective"
    return None


@lru_cache(maxsize=50_000)
def is_stock_animal(word: str) -> bool:
    """A form of an animal of the stock or of a word said beside a name («сороки», «зайцу», «кит»)."""
    return stock_reading(word.casefold()) == "noun" or any(
        parse.normal_form.replace("ё", "е") in BESIDE_A_NAME for parse in natasha()[2].parse(word.casefold()))
