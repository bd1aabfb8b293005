"""Number words of Russian, Kazakh and English, by what they add to a number (one table each), for the
recognizers that read numbers said aloud (spoken_numbers, quantities, spoken_dates) and for the name
recognizers, which must never take a number for a name; and the trie-shaped pattern long word lists are matched
with."""

from __future__ import annotations

import re

UNITS = {
    # Russian
    "ноль": 0, "нуль": 0, "один": 1, "одна": 1, "одну": 1, "одного": 1, "два": 2, "две": 2, "три": 3,
    "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    # Russian oblique cases, as sums and ages are said after prepositions («с двумя миллионами», «до пяти»)
    "двух": 2, "двум": 2, "двумя": 2, "трёх": 3, "трех": 3, "трём": 3, "трем": 3, "тремя": 3, "четырёх": 4,
    "четырех": 4, "четырьмя": 4, "пяти": 5, "пятью": 5, "шести": 6, "шестью": 6, "семи": 7, "семью": 7,
    "восьми": 8, "восемью": 8, "девяти": 9, "девятью": 9,
    # Kazakh
    "нөл": 0, "нөль": 0, "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9,
    # Kazakh as whisper often writes it, in Russian letters («бир», «уш», «сегиз»)
    "нол": 0, "бир": 1, "еки": 2, "уш": 3, "торт": 4, "жети": 7, "сегиз": 8, "тогыз": 9, "токыз": 9,
    # English
    "zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
TEENS = {
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "десяти": 10, "одиннадцати": 11, "двенадцати": 12, "тринадцати": 13, "четырнадцати": 14, "пятнадцати": 15,
    "шестнадцати": 16, "семнадцати": 17, "восемнадцати": 18, "девятнадцати": 19,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90,
    "двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50, "шестидесяти": 60, "семидесяти": 70,
    "восьмидесяти": 80, "девяноста": 90,
    # instrumental, as after «с» («с двадцатью тысячами долларов»)
    "двадцатью": 20, "тридцатью": 30, "пятьюдесятью": 50, "шестьюдесятью": 60, "семьюдесятью": 70,
    "восемьюдесятью": 80,
    "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60, "жетпіс": 70, "сексен": 80,
    "тоқсан": 90, "жыйырма": 20, "кырык": 40, "жетпис": 70, "токсан": 90, "жигирма": 20,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
HUNDREDS = {
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
    "восемьсот": 800, "девятьсот": 900,
    "ста": 100, "двухсот": 200, "трёхсот": 300, "трехсот": 300, "четырёхсот": 400, "четырехсот": 400,
    "пятисот": 500, "шестисот": 600, "семисот": 700, "восьмисот": 800, "девятисот": 900,
    "двумястами": 200, "тремястами": 300, "четырьмястами": 400, "пятьюстами": 500,
}
#: «один», "one", «бір»: a pronoun or an article far more often than a quantity or a code said on its own
ONE_WORDS = frozenset({"один", "одна", "одно", "одну", "одного", "одной", "одним", "one", "бір", "бир", "bir"})
#: words that multiply the group before them by 100 (Kazakh «екі жүз», English "two hundred")
HUNDRED_MULTIPLIERS = {"жүз", "жуз", "hundred"}

#: the Kazakh units (1–9) and tens (10–90), for patterns that must match Kazakh numbers only
KAZAKH_UNITS = ("бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз",
                "бир", "еки", "уш", "торт", "жети", "сегиз", "тогыз", "токыз")
KAZAKH_TENS = ("он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан",
               "жыйырма", "кырык", "жетпис", "токсан", "жигирма")
#: a Kazakh number from 1 to 99 in words, Kazakh or Russian letters («жиырма бес», «он еки», «отыз»), and the
#: endings that make it an ordinal («бесінші», «алтыншы», «екинши»): for patterns of house numbers and the like
KAZAKH_CARDINAL = (rf"(?:(?:{'|'.join(KAZAKH_TENS)})\s+)?(?:{'|'.join(KAZAKH_UNITS)})|(?:{'|'.join(KAZAKH_TENS)})")
KAZAKH_ORDINAL_ENDINGS = ("ыншы", "інші", "ншы", "нші", "инши", "ынши", "нши")


def trie_pattern(words: list[str]) -> str:
    """One regular expression for a set of words, as a trie (``(?:д(?:ва|ве|ес…)…)``): the engine then tries one
    branch per letter instead of every word at every position, which keeps a 90-minute transcript fast."""
    trie: dict = {}
    for word in words:
        node = trie
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(letter) + walk(child) for letter, child in sorted(node.items()) if letter]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        return body + ("?" if optional else "")

    return "(?:" + walk(trie) + ")"
