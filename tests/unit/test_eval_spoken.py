"""The spoken end-to-end measure (scripts/eval_spoken.py) carries written spans onto whisper's rendering of them:
numbers as digits, names misspelt, words dropped. These tests check the measure itself on hand-written
"transcripts", without audio: it must count a leak wherever a heard identifier is still in the output, none
where it is gone, and set apart what whisper lost."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from fieldkit.anonymise.evaluation import Scores, parse_documents

SCRIPT = Path(__file__).parents[2] / "scripts" / "eval_spoken.py"


@pytest.fixture(scope="module")
def measure():
    spec = importlib.util.spec_from_file_location("eval_spoken", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


WRITTEN = parse_documents(
    "Начальником был [[PERSON|Ерлан Байкенов]]. Мы работали в [[LOCATION|Экибастузе]] на окраине. "
    "Номер такой: [[PHONE|восемь семь ноль один, четыреста пятьдесят два, тридцать восемь, шестьдесят семь]]. "
    "Отдали [[MONEY|триста пятьдесят тысяч тенге]] [[DATE|двенадцатого марта две тысячи девятнадцатого года]]. "
    "Потом пошёл к [[PERSON|Кречетову]]."
)[0]
HEARD = ("Начальником был Ерлан Бэйкинов. Мы работали в экибастузе на окрани. Номер такой, 8701 452 38 67. "
         "Отдали 350 тысяч тинге 12 марту 2019 года. Потом пошел к.")


def scored(measure, output: str) -> tuple[Scores, list]:
    scores = Scores()
    lost = measure.score_document(scores, WRITTEN, HEARD, output)
    return scores, lost


def test_everything_heard_leaks_when_nothing_is_removed(measure):
    scores, lost = scored(measure, HEARD)
    assert {label: counts for label, counts in scores.per_label.items()} == {
        "PERSON": [1, 1], "LOCATION": [1, 1], "PHONE": [1, 1], "MONEY": [1, 1], "DATE": [1, 1]}
    assert [label for label, _ in lost] == ["PERSON"]  # «Кречетову» was never transcribed
    assert scores.documents_leaking_direct == 1


def test_nothing_leaks_when_each_identifier_is_replaced(measure):
    output = ("Начальником был [PERSON-1]. Мы работали в [PLACE-1] на окрани. Номер такой, [PHONE-1]. "
              "Отдали [СУММА: сотни тысяч] тинге [ДАТА: конец десятых]. Потом пошел к.")
    scores, _ = scored(measure, output)
    assert all(leaks == 0 for _, leaks in scores.per_label.values()), scores.leaks
    # the misspelt currency left after the sum is no identifier, and no ordinary word was taken
    assert scores.outside_lost == 0 and scores.outside_words > 10


def test_a_part_left_behind_is_a_leak(measure):
    output = ("Начальником был [PERSON-1] Бэйкинов. Мы работали в [PLACE-1] на окрани. Номер такой, [PHONE-1] 38 67. "
              "Отдали [СУММА: сотни тысяч] тинге 12 марту 2019 года. Потом пошел к.")
    scores, _ = scored(measure, output)
    assert scores.per_label["PERSON"] == [1, 1]
    assert scores.per_label["DATE"] == [1, 1]
    assert scores.per_label["PHONE"] == [1, 0]  # two digits of eleven identify nobody
    assert scores.per_label["LOCATION"] == [1, 0]


def test_over_redaction_counts_ordinary_words_taken(measure):
    output = ("[PERSON-1] [PERSON-2]. Мы работали в [PLACE-1] [PLACE-2]. Номер такой, [PHONE-1]. "
              "Отдали [СУММА: сотни тысяч] тинге [ДАТА: конец десятых]. Потом пошел к.")
    scores, _ = scored(measure, output)
    assert scores.outside_lost == 4  # «Начальником», «был», «на», «окрани»


def test_numbers_in_words_and_digits_look_alike(measure):
    assert measure.similarity("двенадцатого марта две тысячи девятнадцатого года", "12 марту 2019 года") > 0.7
    assert measure.similarity("восемь семь ноль один", "8701") == 1.0
    assert measure.similarity("Ерлан Байкенов", "и вот тогда") < 0.5
