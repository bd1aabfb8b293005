"""Given names that are also words, told apart by the pronoun speech puts right after them: «ну вера она у нас
бухгалтером была», «я ей говорю вера ты сядешь», «сестра моя роза она цветы продаёт».

Spoken Russian names a person and then restates her with «она» (or addresses her with «ты»): the listed name that
is also a word («вера», «роза», «слава», «бақыт») is the person there. The Kazakh «он» is ten, so «он» counts only
when no Kazakh number or clock word follows («сағат он бірде»).
"""

from __future__ import annotations

import re

from fieldkit.anonymise.findings import Finding

_NAME_THEN_PRONOUN = re.compile(
    r"(?<![\w-])(?P<name>[а-яёәғқңөұүһі]{3,})(?:,?\s+)(?:она|ты|он(?!\s+(?:бір|бир|екі|еки|үш|уш|төрт|торт|бес|алты|"
    r"жеті|жети|сегіз|сегиз|тоғыз|тогыз|мың|мын|жыл|жас)))(?![\w-])", re.IGNORECASE)


def with_names_before_pronouns(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each listed name that is also a word, said right before the pronoun that restates it."""
    from fieldkit.anonymise.names import is_ambiguous_name

    added = []
    for match in _NAME_THEN_PRONOUN.finditer(text):
        start, end = match.span("name")
        if is_ambiguous_name(match["name"]) and not any(f.start < end and start < f.end for f in findings):
            added.append(Finding("PERSON", start, end, 0.6, match["name"]))
    return sorted([*findings, *added], key=lambda f: f.start) if added else findings
