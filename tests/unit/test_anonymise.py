"""Real Presidio + spaCy + Natasha, no fakes: these are the checks a leaked name would fail."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse, language_for
from fieldkit.anonymise.pseudonyms import Pseudonyms, redact, replace
from fieldkit.errors import UsageError

ENGLISH = (
    "My name is John Peterson. I served in Chicago for twelve years with Sarah Miller. "
    "Call me on +7 701 555 1234 or write to john.peterson@example.kz."
)
RUSSIAN = "Я встретился с Муратом Кожановым в Костанае. Мурат Кожанов раньше работал в Алматы."


def test_english_names_places_phone_and_email_are_replaced():
    out = redact(ENGLISH, "en")
    for secret in ("John", "Peterson", "Chicago", "Sarah", "Miller", "701 555", "example.kz"):
        assert secret not in out
    assert "[PERSON-1]" in out and "[PERSON-2]" in out
    assert "[PLACE-1]" in out and "[PHONE-1]" in out and "[EMAIL-1]" in out
    assert out.startswith("My name is [PERSON-1].")


def test_russian_inflected_forms_share_one_placeholder():
    out = redact(RUSSIAN, "ru")
    assert "Мурат" not in out and "Кожанов" not in out and "Костана" not in out and "Алматы" not in out
    assert out.count("[PERSON-1]") == 2  # "Муратом Кожановым" and "Мурат Кожанов"
    assert "[PERSON-2]" not in out
    assert "[PLACE-1]" in out and "[PLACE-2]" in out


def test_pseudonyms_stay_consistent_across_texts_and_survive_storage():
    pseudonyms = Pseudonyms()
    sentence = "Sarah Miller lives in Springfield."
    first = replace(sentence, analyse(sentence, "en"), pseudonyms, "en")
    restored = Pseudonyms.from_bytes(pseudonyms.to_bytes())
    text = "John Peterson met Sarah Miller."
    second = replace(text, analyse(text, "en"), restored, "en")
    assert first == "[PERSON-1] lives in [PLACE-1]."
    assert second == "[PERSON-2] met [PERSON-1]."


def test_findings_never_overlap():
    findings = analyse(ENGLISH, "en")
    spans = sorted((f.start, f.end) for f in findings)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def test_text_without_identifiers_is_unchanged():
    text = "The interview took place in the afternoon and lasted about an hour."
    assert redact(text, "en") == text
    assert redact("", "ru") == ""


def test_kazakh_uses_the_russian_analyzer_and_unknown_languages_english():
    assert language_for("kk") == "ru"
    assert language_for("de") == "en"
    with pytest.raises(UsageError):
        analyse("text", "kk")
