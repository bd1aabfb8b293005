"""Twenty-ninth round: given names in messenger Russian under the case the word before them asks for ("s kostei",
"u dimki", "k babe shure", "sestru nadezhdu"), whose Cyrillic spelling is also an ordinary word. Kept: the same
prepositions before ordinary words no listed name declines to ("k synu", "u lyudei"), English words, and Kazakh
lines ("bratan kewe"). Texts invented in the shapes seen on the tuning sets pii-field-dev29 and pii-field-dev30."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.latin_governed_names import governed_names
from fieldkit.anonymise.pseudonyms import redact
from tests.unit.redacted_words import assert_gone_and_kept


@pytest.mark.parametrize("text, gone, kept", [
    ("privet, ya vchera s kostei govoril, on skazal chto tovar budet", ["kostei"], ["vchera", "govoril", "tovar"]),
    ("skazhi chto ot dimki. on ne lyubit kogda zvonyat", ["dimki"], ["skazhi", "lyubit"]),
    ("vitya uehal k babe shure, vernetsya v pyatnicu", ["shure"], ["babe", "vernetsya"]),
    ("sestru nadezhdu oshtrafovali na rynke, ona plakala", ["nadezhdu"], ["sestru", "oshtrafovali"]),
    ("peredai ei privet ot lesi. my vmeste rabotali", ["lesi"], ["privet", "rabotali"]),
])
def test_a_name_in_the_case_the_word_before_asks_for_is_taken(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(redact(text, "en"), gone, kept)


@pytest.mark.parametrize("text", [
    "on uehal v omsk k synu, do etogo rabotal na zavode",
    "vera u lyudei v to chto pomogut, a ya ne veryu",
    "my s toboi govorili pro eto vchera",
])
def test_the_same_words_before_ordinary_words_find_nothing(text: str) -> None:
    assert governed_names(text) == []


def test_a_kinship_word_in_the_nominative_asks_for_no_name() -> None:
    # «кеше» (yesterday) spells a name's dative, but "bratan" is slang in the nominative, which asks for no case
    assert governed_names("bratan kewe kentauga bardym, ar kim bar") == []
    assert governed_names("k bratu kewe") == [(8, 12)]


def test_the_case_must_be_the_one_asked_for() -> None:
    # «Костей» is Костя's instrumental: after «у» (genitive) it is no name's form
    assert governed_names("s kostei") == [(2, 8)]
    assert governed_names("u kostei") == []
