"""A word no dictionary knows is taken for a name (issue 17): Russian morphology, the Kazakh Hunspell list (Debian's
hunspell-kk) and wordfreq's English decide what is an ordinary word, in Cyrillic and in messenger Latin."""

from __future__ import annotations

import pytest

from fieldkit.anonymise import kazakh_words, latin_words
from fieldkit.anonymise.gazetteer import gazetteer
from fieldkit.anonymise.pseudonyms import redact
from fieldkit.anonymise.unknown_words import unknown_word
from fieldkit.errors import ModelError


@pytest.mark.parametrize("word", [
    "білмеймін", "түсінбедім", "күтесің", "істейсің", "ағамның", "маңынан", "көрдім", "қасқырмен",
    "жумыс", "кейин", "келди", "мекенжайында", "бетперде", "иесі",
])
def test_kazakh_words_in_any_form_and_either_alphabet_are_known(word):
    assert kazakh_words.is_kazakh_word(word)


@pytest.mark.parametrize("word", ["абдужаппар", "сейткази", "ербосынға", "турсунай", "асылбег"])
def test_names_built_like_nothing_in_the_dictionary_are_not_kazakh_words(word):
    assert not kazakh_words.is_kazakh_word(word)
    assert unknown_word(word)


@pytest.mark.parametrize("word", [
    "изоляторында", "телеграмдағы", "полдеревни", "автомойку", "спецчасти", "камри", "крышевал", "жсн-і",
    "кнб-дағы",
])
def test_russian_and_foreign_words_with_kazakh_endings_or_prefixes_are_no_names(word):
    assert not unknown_word(word)


@pytest.mark.parametrize("text, gone", [
    ("потом абдужаппар позвонил и сказал что всё готово", "абдужаппар"),
    ("деньги передавал сейткази через брата", "сейткази"),
    ("мен ербосынға бәрін айттым", "ербосын"),
    ("vchera sherali skazal chto vsyo gotovo", "sherali"),
    ("and then abdurashid told me to wait outside", "abdurashid"),
])
def test_a_word_no_dictionary_knows_is_replaced(text, gone):
    redacted = redact(text, "ru" if not text.isascii() else "en")
    assert gone not in redacted.casefold(), redacted


def test_an_unknown_word_after_a_preposition_of_place_is_a_place():
    assert "[PLACE" in redact("мы тогда жили в жанашаре у тёти", "ru")


@pytest.mark.parametrize("text", [
    "мен ағамның үйінде тұрдым, бірақ ештеңе білмеймін",
    "он крышевал автомойку в полдеревни длиной",
    "vchera govoril s nim, on skazal chto pozvonit",
    "we waited for hours and nobody told us anything",
])
def test_ordinary_words_in_every_language_are_kept(text):
    assert redact(text, "ru" if not text.isascii() else "en") == text


@pytest.mark.parametrize("word, expected", [
    ("vchera", True), ("derjit", True), ("ewe", True), ("bolshe", True), ("Sawa", False), ("timurom", False),
])
def test_russian_in_messenger_latin_is_spelled_back_but_names_are_not_words(word, expected):
    assert latin_words.is_russian_in_latin(word) is expected


@pytest.mark.parametrize("word, found", [
    ("таскале", True), ("джаркент", True), ("текеліде", True), ("үлкен", False), ("шаныраке", True),
    ("самале", True),
])
def test_places_are_found_in_other_spellings_but_not_as_kazakh_words(word, found):
    assert bool(gazetteer().find(f"мы были в {word} тогда")) is found


def test_a_missing_kazakh_dictionary_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv(kazakh_words.DICTIONARY_ENV, str(tmp_path / "absent.dic"))
    kazakh_words.kazakh_stems.cache_clear()
    try:
        with pytest.raises(ModelError, match="hunspell-kk"):
            kazakh_words.kazakh_stems()
    finally:
        kazakh_words.kazakh_stems.cache_clear()
