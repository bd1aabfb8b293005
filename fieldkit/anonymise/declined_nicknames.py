"""Nicknames that are ordinary nouns, found because the text declines them capitalised: «Дизель сливает дизель …
Дизелю ~35», «Шкаф меня предупредил … Шкафу платили», «главный Клещ … Клеща ловили».

A common noun written with a capital in two different case forms of one text is a person's nickname: a word that
merely starts two sentences seldom does so in two cases. Only the capitalised forms are taken; the same noun in
lower case («сливает дизель», «один шкаф на сорок человек») is the word and stays. Words for kin and roles
(«Мама», «Муж») and words Russian morphology reads only as places or names are left to other rules.
"""

from __future__ import annotations

import re
from collections import defaultdict

from fieldkit.anonymise.findings import Finding

_CAPITALISED = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]{2,}(?![\w-])")
#: kin, roles and forms of address, which a speaker capitalises in two cases without naming anyone («Мама», «Маме»)
_NOT_NICKNAMES = frozenset({
    "мама", "папа", "мать", "отец", "брат", "сестра", "муж", "жена", "сын", "дочь", "дед", "бабушка", "дедушка",
    "тётя", "дядя", "тесть", "тёща", "бог", "господь", "аллах", "начальник", "хозяин", "шеф", "босс", "друг",
    "следователь", "прокурор", "судья", "адвокат", "участковый", "директор", "аким", "президент", "министр",
    "государство", "родина", "отдел", "суд", "колония", "зона", "тюрьма", "полиция", "таможня", "деньги", "человек",
    # places and bodies a note capitalises as headings («Участок», «Участки»)
    "участок", "район", "город", "посёлок", "поселок", "село", "аул", "рынок", "базар", "завод", "комбинат",
    "управление", "департамент", "прокуратура", "акимат", "школа", "больница",
})


def _noun_lemmas(word: str) -> frozenset[str]:
    """The dictionary forms of the common-noun readings Russian morphology knows for a word («Графу»: граф and
    графа; «Валенку»: валенок); none for kin and role words or a word it does not know."""
    from fieldkit.anonymise.morphology import natasha

    morph = natasha()[2]
    lowered = word.casefold()
    if not morph.word_is_known(lowered):
        return frozenset()
    lemmas = frozenset(parse.normal_form for parse in morph.parse(lowered) if parse.tag.POS == "NOUN"
                       and not any(t in str(parse.tag) for t in ("Name", "Surn", "Patr", "Geox", "Orgn")))
    return frozenset() if lemmas & _NOT_NICKNAMES else lemmas


def with_declined_nicknames(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with every capitalised form of a common noun the text capitalises in two case forms."""
    by_lemma: dict[str, list[re.Match]] = defaultdict(list)
    for match in _CAPITALISED.finditer(text):
        for lemma in _noun_lemmas(match.group()):
            by_lemma[lemma].append(match)
    nicknames = {m.span(): m.group() for matches in by_lemma.values() if len({m.group() for m in matches}) >= 2
                 for m in matches}
    added = [Finding("PERSON", start, end, 0.6, word) for (start, end), word in sorted(nicknames.items())
             if not any(f.start < end and start < f.end for f in findings)]
    return sorted([*findings, *added], key=lambda f: f.start) if added else findings
