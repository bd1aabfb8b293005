"""Russian in messenger Latin read by the Cyrillic rules for numbers and quantities (issue 17): each word is
spelled back in Cyrillic, the findings are mapped back to the Latin words."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.latin_words import kazakh_number_spelling, russian_spelling
from fieldkit.anonymise.pseudonyms import redact
from fieldkit.anonymise.spelled_back import spell_in_cyrillic


@pytest.mark.parametrize("word, spelled", [
    ("tri", "три"), ("goda", "года"), ("sem", "семь"), ("pyat", "пять"), ("sotku", "сотку"), ("vchera", "вчера"),
    ("nurlan", None),
])
def test_a_latin_word_is_spelled_as_the_russian_word_it_stands_for(word, spelled):
    assert russian_spelling(word) == spelled


def test_a_cyrillic_span_maps_back_to_the_latin_words():
    original = "emu dali tri goda, a ej polgoda"
    spelled = spell_in_cyrillic(original)
    start = spelled.text.index("три года")
    begin, end = spelled.latin_span(start, start + len("три года"))
    assert original[begin:end] == "tri goda"


def test_a_messenger_four_for_che_is_read_and_the_spans_after_it_still_map_back():
    """«4» for «ч» ("4to", "na4alnik", "tysya4") is spelled as «ч», and the words after such a word, which is one
    letter shorter than its spelling, map back to themselves, not one letter off; a plate's digits stay digits."""
    original = "na4alnik skazal 4to sorok tysya4 dali tri goda, nomer h 884 bm"
    spelled = spell_in_cyrillic(original)
    assert "начальник" in spelled.text and "тысяч" in spelled.text and "884" in spelled.text
    start = spelled.text.index("три года")
    begin, end = spelled.latin_span(start, start + len("три года"))
    assert original[begin:end] == "tri goda"


@pytest.mark.parametrize("text, gone", [
    ("emu dali tri goda, a ej polgoda", ("tri goda", "polgoda")),
    ("otdal dva lyama za eto", ("dva lyama",)),
    ("mne togda bylo let 27 i ya rabotal", ("27",)),
    ("moi nomer vosem sem nol sem dva odin tri chetyre pyat shest sem", ("vosem sem nol",)),
])
def test_quantities_and_spoken_numbers_in_messenger_latin_are_found(text, gone):
    redacted = redact(text, "en")
    for words in gone:
        assert words not in redacted, redacted


def test_english_is_not_taken_for_transliterated_russian():
    assert redact("he gave me his number and left", "en") == "he gave me his number and left"


@pytest.mark.parametrize("word, spelled", [
    ("zhasymda", "жасымда"), ("zhylgha", "жылға"), ("ekide", "екіде"), ("toghyzdan", "тоғыздан"), ("segiz", "сегіз"),
    ("kupil", None), ("nurlan", None),
])
def test_a_kazakh_number_or_unit_in_latin_is_spelled_in_kazakh_letters(word, spelled):
    assert kazakh_number_spelling(word) == spelled


@pytest.mark.parametrize("text, gone", [
    ("oghan segiz zhyl berdi, men on segiz zhasymda keldim", ("segiz zhyl", "on segiz zhasymda")),
    ("tungi saghat ekide keldi, kesh saghat toghyzdan keiin ketti", ("saghat ekide", "saghat toghyzdan")),
    ("ol tort zhyl otyrdy, bes zhylgha sottady", ("tort zhyl", "bes zhylgha")),
    ("mende qyryq bes zhasynda, zhiyrma ush zhasymda", ("qyryq bes", "zhiyrma ush")),
])
def test_kazakh_ages_terms_and_times_in_messenger_latin_are_found(text, gone):
    redacted = redact(text, "en")
    for words in gone:
        assert words not in redacted, redacted


@pytest.mark.parametrize("text, body", [
    ("ol qaraghandy oblystyq polisiya departamentinde istedi", "qaraghandy oblystyq polisiya departamentinde"),
    ("ol batys qazaqstan oblysy memlekettik kirister departamentinde istegen",
     "batys qazaqstan oblysy memlekettik kirister departamentinde"),
    ("rabotal v ovd fedorovskogo raiona, potom", "ovd fedorovskogo raiona"),
    ("sudili v mugalzharskogo raisuda", "mugalzharskogo raisuda"),
])
def test_a_body_named_after_its_place_in_messenger_latin_is_found(text, body):
    assert body not in redact(text, "en") and redact(text, "en") != text


@pytest.mark.parametrize("text", [
    "bizdin auyl kishkene. bari bir-birin biledi, biraq kop adam ketti",
    "akam bizge kop komektesti. ol kisi turady, dukeni bar",
    "a ya ne skazala nichego, maghan soghady",
])
def test_kazakh_and_russian_in_latin_keep_their_ordinary_words(text):
    assert redact(text, "en") == text


def test_a_russian_surname_in_messenger_latin_is_read_by_the_russian_name_rules():
    # «шмидта» after «вадима»: the Russian rules take a surname no dictionary knows after a listed given name
    text = "tam zhivet mat' vadima shmidta, ona uzhe staraya"
    people = [f.text for f in analyse(text, "en") if f.entity == "PERSON"]
    assert "vadima shmidta" in people, people


@pytest.mark.parametrize("text", [
    "ol kisinin biraq omirinde bolghan ozbek emes",
    "on skazal chto maghan ne nuzhno nichego",  # a Kazakh word in a Russian sentence
])
def test_kazakh_in_latin_is_not_read_by_the_russian_name_rules(text):
    assert redact(text, "en") == text


@pytest.mark.parametrize("text, gone", [
    ("ego zaderzhali v marte 2023 goda, potom otpustili", ("marte",)),  # a Russian month and its year
    ("men ol kisini buryn korgen emes, ol bizge 17 karashada keldi dep aitty", ("karashada",)),  # a Kazakh one
    ("nomer mashiny 316 bmk 15 belaya, staraya", ("bmk",)),  # a plate in lower case beside a word about a car
    ("delo 5-4412/23 rassmatrivali", ("4412",)),  # a case number after «delo», too short a line to spell back
])
def test_dates_plates_and_case_numbers_in_messenger_latin_are_found(text, gone):
    redacted = redact(text, "en")
    for word in gone:
        assert word not in redacted, redacted


def test_a_number_letters_and_region_without_a_car_are_no_plate():
    # (100 МРП, monthly calculation indices, is a sum since the eleventh round: a fine, not a plate)
    text = "we paid 100 mrp 15 times over those years"
    assert not any(f.entity == "PLATE" for f in analyse(text, "en"))
    assert "15 times" in redact(text, "en")
