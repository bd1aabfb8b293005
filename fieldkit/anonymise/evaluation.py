"""Measure the anonymiser on annotated text: leak recall per label, leaking documents, over-redaction.

Annotated documents mark each identifying span inline as ``[[LABEL|text]]``; documents are separated by a
line ``---``; lines starting with ``#`` are comments. A span counts as leaked when any of its significant
words (in any inflected form) or number groups is still in the output (a group of one or two digits only in a
quasi-identifier, and only outside the anonymiser's placeholders). Over-redaction is the share of words outside
every span that the output lost.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.anonymise.morphology import word_key

DIRECT = ("PERSON", "ADDRESS", "PHONE", "EMAIL", "IIN", "PLATE", "CASE_NUMBER")
#: AGE, MONEY, TIME and DURATION are marked only in tests/fixtures/pii-field (issue 17's field-style sets).
QUASI = ("LOCATION", "DATE", "ORGANIZATION", "AGE", "MONEY", "TIME", "DURATION")
_MARKUP = re.compile(r"\[\[([A-Z_]+)\|([^\[\]|]+)\]\]")
_TOKEN = re.compile(r"\w+", re.UNICODE)
#: what the anonymiser puts in a span's place: «[PERSON-3]», «[СУММА: десятки тысяч тенге]», "[AGE: 50–59]"
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")
#: Words inside a span that identify nobody on their own ("ул.", "область", "district"…).
GENERIC = frozenset(
    word_key(w)
    for w in (
        "ул", "улица", "пр", "проспект", "мкр", "микрорайон", "дом", "д", "кв", "квартира", "область", "район",
        "город", "г", "street", "avenue", "apt", "apartment", "region", "district", "city", "the", "of", "no",
        "flat", "road", "microdistrict", "mkr", "облысы", "ауданы", "көшесі", "даңғылы", "года", "год", "году",
        "жылы", "in", "on", "and", "и", "в", "корпус", "подъезд", "тоо", "too", "llp", "of", "department",
        "police", "полиции", "колония", "колониясында", "office",
        # units of the quasi-identifiers that are generalised rather than removed (issue 17): a currency, a
        # magnitude or an age word says nothing on its own; the value ("двести", "37") is what identifies
        "тенге", "теңге", "tenge", "доллар", "долларов", "dollars", "рублей", "евро", "тысяч", "тысячи", "тысяча",
        "миллион", "миллиона", "миллионов", "миллиард", "миллиарда", "миллиардов", "миллиарды", "мың", "thousand",
        "thousands", "million", "millions", "billion", "billions", "лет",
        "жаста", "years", "old",
        # the neighbours' currencies, as the generalised sum names them («[SUM: десятки тысяч юаней]»)
        "юаней", "yuan", "сомов", "som", "сумов", "euros", "roubles",
        # the words that say a figure is rough («около 2 млн», "about eight years"): the figure is what identifies,
        # and the generalised text keeps them outside the placeholder
        "about", "around", "approximately", "roughly", "nearly", "almost", "около", "примерно", "приблизительно",
        "почти", "порядка", "ок", "шамамен",
    )
)


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Document:
    text: str
    spans: tuple[GoldSpan, ...]


def parse_documents(raw: str) -> list[Document]:
    lines = [line for line in raw.splitlines() if not line.startswith("#")]
    documents = []
    for block in "\n".join(lines).split("\n---\n"):
        block = block.strip()
        if not block:
            continue
        text, spans, cursor = [], [], 0
        position = 0
        for match in _MARKUP.finditer(block):
            text.append(block[cursor : match.start()])
            position += match.start() - cursor
            surface = match.group(2)
            spans.append(GoldSpan(position, position + len(surface), match.group(1), surface))
            text.append(surface)
            position += len(surface)
            cursor = match.end()
        text.append(block[cursor:])
        documents.append(Document("".join(text), tuple(spans)))
    return documents


def load_documents(path: Path) -> list[Document]:
    return parse_documents(path.read_text(encoding="utf-8"))


def significant_keys(span_text: str) -> list[str]:
    """The word keys and digit groups of a span that identify: what must not survive in an output."""
    tokens = _TOKEN.findall(span_text)
    keys = []
    for token in tokens:
        if token.isdecimal():
            keys.append(token)  # (one or two digits too: the «52» of an age, the «14.03» of a date)
        elif len(token) >= 3 or (len(token) >= 2 and token[0].isupper()):
            key = word_key(token)
            if key not in GENERIC:
                keys.append(key)
    return keys


def _key_counts(text: str) -> Counter:
    return Counter(word_key(t) if not t.isdecimal() else t for t in _TOKEN.findall(text))


def leaked(span: GoldSpan, output: str, document: Document | None = None) -> bool:
    """Whether a significant word of the span survives. A word the document also uses outside every span
    ("Надежда у меня была…" next to the name Надежда) counts only if the output has more of it than that."""
    output_counts = _key_counts(output)
    output_digits = re.sub(r"\D", "", output)
    # a number of one or two digits counts outside the placeholders only: «[AGE: 50–59]» and «[PERSON-12]» are the
    # anonymiser's own digits, not the span's
    short_counts = _key_counts(_PLACEHOLDER.sub(" ", output))
    ordinary = Counter()
    if document is not None:
        outside = "".join(
            ch if not any(s.start <= i < s.end for s in document.spans) else " " for i, ch in enumerate(document.text)
        )
        ordinary = _key_counts(outside)
    for key in significant_keys(span.text):
        if key.isdecimal() and len(key) <= 2 and span.label not in QUASI:
            continue  # two digits of a phone's eleven or a plate's identify nobody; an age's or a date's do
        if key.isdecimal() and len(key) >= 7 and key in output_digits:
            return True
        if (short_counts if key.isdecimal() and len(key) <= 2 else output_counts)[key] > ordinary[key]:
            return True
    return False


def removed_outside_spans(document: Document, output: str) -> tuple[int, int]:
    """(words outside gold spans, how many of them the output lost)."""
    tokens = [(m.start(), m.group().casefold()) for m in _TOKEN.finditer(document.text)]
    outside = [i for i, (start, _) in enumerate(tokens)
               if not any(s.start <= start < s.end for s in document.spans)]
    out_tokens = [t.casefold() for t in _TOKEN.findall(output)]
    matcher = difflib.SequenceMatcher(a=[t for _, t in tokens], b=out_tokens, autojunk=False)
    kept = {block.a + k for block in matcher.get_matching_blocks() for k in range(block.size)}
    lost = sum(1 for i in outside if i not in kept)
    return len(outside), lost


@dataclass
class Scores:
    per_label: dict[str, list[int]] = field(default_factory=dict)  # label → [spans, leaked]
    documents_with_direct: int = 0
    documents_leaking_direct: int = 0
    outside_words: int = 0
    outside_lost: int = 0
    leaks: list[tuple[str, str]] = field(default_factory=list)  # (label, text) for the report

    def recall(self, labels: tuple[str, ...]) -> float | None:
        total = sum(self.per_label.get(label, [0, 0])[0] for label in labels)
        missed = sum(self.per_label.get(label, [0, 0])[1] for label in labels)
        return None if total == 0 else (total - missed) / total

    @property
    def over_redaction(self) -> float:
        return self.outside_lost / self.outside_words if self.outside_words else 0.0

    @property
    def leaking_document_share(self) -> float:
        return self.documents_leaking_direct / self.documents_with_direct if self.documents_with_direct else 0.0

    def add(self, document: Document, output: str, counted: tuple[GoldSpan, ...] | None = None) -> None:
        """Score one document's ``output``: each of ``counted`` (default: every span) leaked or not, and the words
        outside all of the document's spans that the output lost."""
        counted = document.spans if counted is None else counted
        direct_leak = False
        for span in counted:
            counts = self.per_label.setdefault(span.label, [0, 0])
            counts[0] += 1
            if leaked(span, output, document):
                counts[1] += 1
                self.leaks.append((span.label, span.text))
                direct_leak = direct_leak or span.label in DIRECT
        if any(span.label in DIRECT for span in counted):
            self.documents_with_direct += 1
            self.documents_leaking_direct += direct_leak
        words, lost = removed_outside_spans(document, output)
        self.outside_words += words
        self.outside_lost += lost


def evaluate(documents: list[Document], redact: Callable[[str], str]) -> Scores:
    scores = Scores()
    for document in documents:
        scores.add(document, redact(document.text))
    return scores
