"""Schools, hospitals and colonies known by their number (issue 17): one building or one colony places a person,
so the number goes with the body, spoken or written, in Russian, Kazakh and English order."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.pseudonyms import redact


@pytest.mark.parametrize("text, number", [
    ("он учился в школе номер тридцать восемь, потом ушёл", "тридцать восемь"),
    ("мать лежала в городской больнице номер четыре", "четыре"),
    ("СШ №8, 5 кл., потом колледж", "8"),
    ("абай атындағы он төртінші мектепте оқыдым", "төртінші"),
    ("she went to school number forty seven for a year", "forty seven"),
    ("сидел в ла жүз елу бес бөлу он сегіз мекемесінде", "елу бес"),
    ("перевели в ак сто пятьдесят девять бөлу жиырма бір", "пятьдесят девять"),
    ("then they moved him to UK one sixty one slash two", "sixty one"),
    ("этапом в ЛА-155/18, оттуда в ЕЦ 166/2", "155"),
])
def test_a_numbered_school_hospital_or_colony_is_an_organisation(text, number):
    redacted = redact(text, "ru" if not text.isascii() else "en")
    assert "[ORG" in redacted, redacted
    assert number not in redacted, redacted


@pytest.mark.parametrize("text", [
    "в школе было пять классов и два учителя",
    "в больнице он пролежал два года",
    "ак сақалды қария келді",
])
def test_a_count_or_a_term_after_such_a_word_is_no_number_of_a_body(text):
    assert "[ORG" not in redact(text, "ru")
