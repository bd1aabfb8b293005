"""Nineteenth round: what whisper makes of numbers and names in speech, and quasi-identifiers in hard forms.
Taken: a long number whisper wrote without its shape («с которого ей писали 88837718»); a given name and surname
joined by a hyphen («эльчин-мамедов»); a name that is also a word after a kin word («жена, султанат,»). Kept:
years listed in a row are dates, not an account number («2014 2015 2016»). Texts invented in the shapes seen on
the tuning sets pii-field-dev21 and spoken-ru-dev10 to spoken-ru-dev14."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact


def _words(text: str) -> list[str]:
    return text.casefold().translate(str.maketrans(",.?«»:;()", "         ")).split()


def _assert_gone_and_kept(redacted: str, gone: list[str], kept: list[str]) -> None:
    out = _words(redacted)
    assert not [word for word in gone if word in out], out
    assert all(word in out for word in kept), out


@pytest.mark.parametrize("text, gone, kept", [
    # a long number without a phone's shape
    ("я узнала номер, с которого ей писали 88837718 передала в полицию", ["88837718"], ["номер", "полицию"]),
    ("перевёл на счёт 4400 4302 и всё", ["4400", "4302"], ["счёт", "всё"]),
    # a given name and a surname joined by a hyphen
    ("Рядом торгуют эльчин-мамедов, мы с ним как братья.", ["эльчин-мамедов"], ["рядом", "братья"]),
    ("тогда позвонил мамедов-эльчин и сказал", ["мамедов-эльчин"], ["позвонил", "сказал"]),
    ("какой-нибудь северо-восток, вот-вот приедут", [], ["какой-нибудь", "северо-восток", "вот-вот"]),
    # a name that is also a word, after a kin word
    ("Его жена, султанат, каждый месяц писала мне письма", ["султанат"], ["жена", "писала"]),
    ("султанат распался в средние века", [], ["султанат", "распался"]),
])
def test_taken_and_kept(text: str, gone: list[str], kept: list[str]) -> None:
    _assert_gone_and_kept(redact(text, "ru"), gone, kept)


def test_years_in_a_row_are_dates_not_an_account() -> None:
    text = "в 2014 2015 2016 годах работал там"
    found = [(f.entity, text[f.start:f.end]) for f in analyse(text, "ru")]
    assert ("ID_NUMBER", "2014 2015 2016") not in found, found
    assert all(entity != "ID_NUMBER" for entity, _ in found), found
    assert not {"2014", "2015", "2016"} & set(_words(redact(text, "ru")))
