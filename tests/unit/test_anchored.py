"""A pattern tried only around its keyword finds what it finds over the whole text (the fifteenth round's speed-up
of the address said in words, and of the cued names)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldkit.anonymise.anchored import matches_near
from fieldkit.anonymise.spoken_numbers import _ADDRESS_REACH, _HOUSING_WORD, _SPOKEN_ADDRESS

_WORDS = ["улица", "абая", "дом", "сорок", "два", "квартира", "семнадцать", "мы", "жили", "там", "долго",
          "көшесі", "үй", "пәтер", "он", "бес", "street", "dostyk", "avenue", "one", "hundred", "and", "twelve",
          "apartment", "forty", "потом", "переехали", ",", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=80))
def test_an_address_found_near_its_words_is_what_the_whole_text_gives(words):
    text = " ".join(words)
    assert [m.span() for m in matches_near(_SPOKEN_ADDRESS, _HOUSING_WORD, text, _ADDRESS_REACH)] == [
        m.span() for m in _SPOKEN_ADDRESS.finditer(text)]


def test_a_window_is_never_cut_inside_a_word():
    # cut after «кар», «\w+(?!\w)» would end a match at the cut
    pattern, anchor = re.compile(r"(?<!\w)с\s+\w+(?!\w)"), re.compile(r"(?<!\w)с(?!\w)")
    text = "с караганды"
    assert [m.group() for m in matches_near(pattern, anchor, text, 3)] == ["с караганды"]


def test_windows_that_touch_give_no_overlapping_matches():
    pattern, anchor = re.compile(r"a \w+ \w+"), re.compile(r"\ba\b")
    text = "a b a c d"
    assert [m.span() for m in matches_near(pattern, anchor, text, 2)] == [m.span() for m in pattern.finditer(text)]


def test_nothing_is_looked_for_far_from_the_keyword():
    pattern, anchor = re.compile(r"\w+ street"), re.compile(r"street")
    text = "dostyk street " + "and so on " * 30 + "abay"
    assert [m.group() for m in matches_near(pattern, anchor, text, 10)] == ["dostyk street"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(["", " ", "  ", "-"])), min_size=1, max_size=60))
def test_text_with_few_spaces_gives_what_the_whole_text_gives(pieces):
    """The windows grow by whole words in one pass (twenty-second round): words run together with no space between
    them («««…», "a.a.a.") give the same matches as a scan of the whole text."""
    text = "".join(word + gap for word, gap in pieces)
    assert [m.span() for m in matches_near(_SPOKEN_ADDRESS, _HOUSING_WORD, text, _ADDRESS_REACH)] == [
        m.span() for m in _SPOKEN_ADDRESS.finditer(text)]


def test_a_window_grown_by_a_later_keyword_ends_at_a_word_end():
    # the second «с» widens the first window: its new end must not cut «караганды» either
    pattern, anchor = re.compile(r"(?<!\w)с\s+\w+(?!\w)"), re.compile(r"(?<!\w)с(?!\w)")
    text = "с а с караганды"
    assert [m.group() for m in matches_near(pattern, anchor, text, 3)] == ["с а", "с караганды"]
