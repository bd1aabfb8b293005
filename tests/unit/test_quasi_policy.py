"""Quasi-identifiers follow the policy (issue 17): [anonymisation] dates, ages, sums, times and durations are
each keep | generalise | remove; the reference protocol generalises, so a researcher still learns "how big
was the bribe" and "roughly when" without the figure or the day that links to a court record."""

from __future__ import annotations

from dataclasses import replace

import pytest

from fieldkit.anonymise import review as rv
from fieldkit.anonymise.spoken_dates import generalise_date, year_in
from fieldkit.errors import PolicyError
from fieldkit.retention.policy import QuasiModes, load_policy, parse_policy
from tests.conftest import REFERENCE_POLICY, add_transcribed_interview, export_text

SAID = ["Двенадцатого марта две тысячи девятнадцатого года он отдал пятьсот тысяч тенге.",
        "Мне тогда было тридцать семь лет, отсидел шесть лет."]


def anonymised(project, modes: QuasiModes | None = None) -> str:
    if modes is not None:
        project.policy = replace(project.policy, quasi=modes)
    interview = add_transcribed_interview(project, "P", SAID)
    result = rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    return " ".join(segment.text for segment in result.segments)


def test_the_reference_protocol_generalises_every_kind_and_a_silent_policy_keeps_dates_removed():
    assert load_policy(REFERENCE_POLICY).quasi == QuasiModes(dates="generalise")
    silent = "\n".join(line for line in REFERENCE_POLICY.read_text().splitlines()
                       if not line.startswith(("dates =", "ages =", "sums =", "times =", "durations =")))
    assert parse_policy(silent.encode(), "policy.toml").quasi == QuasiModes(dates="remove")
    text = REFERENCE_POLICY.read_text()
    for kind in ("dates", "ages", "sums", "times", "durations"):
        assert f'{kind} = "generalise"' in text


def test_a_sum_a_date_an_age_and_a_term_in_words_are_generalised(project):
    text = anonymised(project)
    assert "[ДАТА: конец 2010-х]" in text  # a year said in words: its decade in digits
    assert "[СУММА: сотни тысяч тенге]" in text
    assert "[ВОЗРАСТ: 30–39]" in text
    assert "[СРОК: 5–9 лет]" in text
    for exact in ("двенадцат", "девятнадцат", "пятьсот", "тридцать семь", "шесть"):
        assert exact not in text.casefold()


def test_remove_leaves_placeholders_and_keep_leaves_the_words_without_blocking_export(project, tmp_path):
    text = anonymised(project, QuasiModes(dates="remove", sums="keep", ages="remove", durations="keep"))
    assert "[DATE-1]" in text and "[AGE-1]" in text
    assert "пятьсот тысяч тенге" in text and "шесть лет" in text  # kept as the policy says
    assert "десятых" not in text and "тридцать" not in text
    export_text(project, tmp_path / "out.csv")  # what the policy keeps is not a residual identifier


def test_an_unknown_mode_is_refused_with_its_line_and_the_choices():
    policy = REFERENCE_POLICY.read_text().replace('sums = "generalise"', 'sums = "blur"')
    with pytest.raises(PolicyError) as refused:
        parse_policy(policy.encode(), "policy.toml")
    line = policy.splitlines().index('sums = "blur"') + 1
    assert refused.value.message.startswith(f"policy.toml:{line}: anonymisation.sums")
    assert "generalise" in f"{refused.value.message} {refused.value.hint}"


@pytest.mark.parametrize(("text", "year", "period"), [
    # a year said in words gets its decade in digits, a year in digits its decade in words: nothing repeats
    ("двенадцатого марта две тысячи девятнадцатого года", 2019, "[ДАТА: конец 2010-х]"),
    ("в девяносто восьмом году", 1998, "[ДАТА: конец 1990-х]"),
    ("екі мың он тоғызыншы жылы", 2019, "[ДАТА: конец 2010-х]"),
    ("мың тоғыз жүз тоқсан сегізінші жылы", 1998, "[ДАТА: конец 1990-х]"),
    ("в две тысячи шестнадцатом году", 2016, "[ДАТА: середина 2010-х]"),
    ("в двадцатом году", 2020, "[ДАТА: начало 2020-х]"),
    ("12.03.19", 2019, "[ДАТА: конец десятых]"),
    ("Dec '20", 2020, "[ДАТА: начало двадцатых]"),
    ("в 2020 году", 2020, "[ДАТА: начало двадцатых]"),
])
def test_a_date_becomes_the_part_of_its_decade(text, year, period):
    assert year_in(text) == year
    assert generalise_date(text, True) == period


def test_a_date_without_a_year_is_not_generalised():
    assert generalise_date("двенадцатого марта", True) is None
    assert generalise_date("March 12, 2019", False) == "[DATE: the late twenty-tens]"
    assert generalise_date("twenty seventeen", False) == "[DATE: the late 2010s]"
