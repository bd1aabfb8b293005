"""Identifying text typed into fieldkit never goes on the command line (issues 17 and 18): `ps` shows every local
user each process's arguments, and shell history keeps them. The lexicon, `review --add-file`, `respondent link`
and the free text of coding (descriptions, memos, quotes) are read from a file (`--NAME-file PATH`), stdin, or a
prompt; the same text given as an argument is refused (exit 2) before the project is opened."""

from __future__ import annotations

import pytest

from fieldkit.clock import FixedClock, parse_instant
from tests.conftest import add_transcribed_interview, snapshot
from tests.functional.conftest import NOW

SECRET = "Айгерим Сапарова"


@pytest.fixture
def terminal(monkeypatch):
    """The prompts, as in a terminal (CliRunner's stdin is not one)."""
    import fieldkit.cli.common
    import fieldkit.cli.consent

    monkeypatch.setattr(fieldkit.cli.common, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(fieldkit.cli.consent, "stdin_is_terminal", lambda: True)


@pytest.fixture
def coded(fk):
    """An approved interview with a code and one coding (its id): the scene for the coding commands."""
    with fk.open(FixedClock(parse_instant(NOW))) as project:
        interview = add_transcribed_interview(project, "P", ["Закон изменился, и всё стало иначе."])
    fk("anonymise", interview, "--accept-suggestions", "--approve")
    fk("code", "add", "courts")
    return interview, fk("code", "apply", interview, "courts", "--span", "0:15").stdout.strip()


def refused(fk, *args: str, option: str, input: str | None = None):
    """Run a command that carries SECRET as an argument: exit 2, one error naming the option and a hint saying
    how to pass it instead, the text not echoed, and the project folder byte for byte as it was."""
    before = snapshot(fk.project)
    result = fk(*args, input=input, expect=2)
    assert f"fieldkit: error: {option} on the command line is refused" in result.stderr, result.stderr
    assert "fieldkit: hint: " in result.stderr and "-file" in result.stderr, result.stderr
    assert SECRET not in result.stderr + result.stdout
    assert snapshot(fk.project) == before
    return result


def test_respondent_link_reads_the_name_and_contact_from_stdin(fk):
    fk("respondent", "add", "--category", "P")
    fk("respondent", "link", "P1", input="Айгерим Сапарова\n+7 701 000 0000\n")
    assert fk("respondent", "lookup", "P1").stdout.strip() == "Айгерим Сапарова\t+7 701 000 0000"
    refused_ = fk("respondent", "link", "P1", input="\n", expect=2)
    assert "no name given" in refused_.stderr


def test_respondent_link_refuses_a_name_or_contact_given_as_an_argument(fk):
    fk("respondent", "add", "--category", "P")
    result = refused(fk, "respondent", "link", "P1", "--name", SECRET, option="--name")
    assert "fieldkit respondent link P1 < link.txt" in result.stderr
    refused(fk, "respondent", "link", "P1", "--contact", SECRET, input=f"{SECRET}\n", option="--contact")
    fk("respondent", "lookup", "P1", expect=14)  # nothing was linked


def test_respondent_link_reads_files_or_prompts(fk, tmp_path, terminal):
    fk("respondent", "add", "--category", "P")
    name, contact = tmp_path / "name.txt", tmp_path / "contact.txt"
    name.write_text(f"{SECRET}\n", encoding="utf-8")
    contact.write_text("+7 701 000 0000\r\n", encoding="utf-8")
    fk("respondent", "link", "P1", "--name-file", str(name))  # a name file alone: no contact is asked for
    assert fk("respondent", "lookup", "P1").stdout == f"{SECRET}\t\n"
    fk("respondent", "link", "P1", "--name-file", str(name), "--contact-file", str(contact))
    assert fk("respondent", "lookup", "P1").stdout == f"{SECRET}\t+7 701 000 0000\n"
    name.write_text(f"{SECRET}\n+7 701 000 0000\n", encoding="utf-8")
    assert "holds more than one line" in fk("respondent", "link", "P1", "--name-file", str(name), expect=2).stderr

    result = fk("respondent", "link", "P1", input="Мурат Кожанов\n+7 702 000 0000\n")  # typed at the prompts
    assert "name:" in result.stderr and "contact (may be empty):" in result.stderr
    assert fk("respondent", "lookup", "P1").stdout == "Мурат Кожанов\t+7 702 000 0000\n"


def test_review_add_dash_reads_the_texts_from_stdin(fk, clock):
    with fk.open(clock) as project:
        interview = add_transcribed_interview(project, "P", ["Потом пришёл Лысый, с ним был Кабан."])
    fk("anonymise", interview)
    fk("review", interview, "--add", "-", input="Лысый\nКабан\n")
    listed = fk("review", interview, "--show-text").stdout
    assert "Лысый" in listed and "Кабан" in listed and "manual" in listed


def test_review_add_reads_a_file_and_refuses_text_as_an_argument(fk, clock, tmp_path):
    with fk.open(clock) as project:
        interview = add_transcribed_interview(project, "P", [f"Потом пришла {SECRET}, с ней был Кабан."])
    fk("anonymise", interview)
    refused(fk, "review", interview, "--add", SECRET, option="--add")
    refused(fk, "review", interview, "--add", "-", "--add", SECRET, input="Кабан\n", option="--add")
    texts = tmp_path / "texts.txt"
    texts.write_text(f"{SECRET}\n\nКабан\n", encoding="utf-8")
    fk("review", interview, "--add-file", str(texts))
    listed = fk("review", interview, "--show-text").stdout
    assert SECRET in listed and "Кабан" in listed
    assert "no texts to add" in fk("review", interview, "--add-file", "-", input="\n", expect=2).stderr


@pytest.mark.parametrize("args, option", [
    (("code", "add", "quotas", "--description", SECRET), "--description"),
    (("code", "add", "quotas", "--memo", SECRET), "--memo"),
    (("code", "edit", "courts", "--description", SECRET), "--description"),
    (("code", "edit", "courts", "--memo", SECRET), "--memo"),
    (("code", "apply", "{interview}", "courts", "--text", SECRET), "--text"),
    (("code", "apply", "{interview}", "courts", "--span", "0:15", "--memo", SECRET), "--memo"),
    (("code", "memo", "{coding}", SECRET), "a memo"),
], ids=["add-description", "add-memo", "edit-description", "edit-memo", "apply-text", "apply-memo", "memo"])
def test_coding_free_text_given_as_an_argument_is_refused(fk, coded, args, option):
    interview, coding = coded
    refused(fk, *(arg.format(interview=interview, coding=coding) for arg in args), option=option)


def test_coding_free_text_comes_from_files_stdin_or_a_prompt(fk, coded, tmp_path, monkeypatch):
    interview, coding = coded
    memo = tmp_path / "memo.txt"
    memo.write_text(f"{SECRET} said so\n", encoding="utf-8")
    fk("code", "add", "quotas", "--description", "-", "--memo-file", str(memo), input="Plans from above\n")
    fk("code", "edit", "courts", "--description-file", "-", input="Courts and trials\n")
    assert {line.split("\t")[-1] for line in fk("code", "list").stdout.splitlines()} == {
        "Courts and trials", "Plans from above"}
    fk("code", "apply", interview, "quotas", "--text-file", "-", "--memo-file", str(memo), input="Закон изменился\n")
    fk("code", "memo", coding, input="сравнить с L1\n")
    assert excerpt(fk, "courts").endswith("\tmemo: сравнить с L1")
    assert excerpt(fk, "quotas").endswith(f"\tmemo: {SECRET} said so")
    assert "cannot both read stdin" in fk("code", "add", "x", "--description-file", "-", "--memo", "-",
                                          input="a\nb\n", expect=2).stderr
    assert "no memo given" in fk("code", "memo", coding, input="", expect=2).stderr
    fk("code", "memo", coding, "--clear")
    assert "memo:" not in excerpt(fk, "courts")

    import fieldkit.cli.common

    monkeypatch.setattr(fieldkit.cli.common, "stdin_is_terminal", lambda: True)
    assert "memo:" in fk("code", "memo", coding, input="typed at the prompt\n").stderr
    assert excerpt(fk, "courts").endswith("\tmemo: typed at the prompt")


def excerpt(fk, code: str) -> str:
    """The one excerpt line of ``code``."""
    (line,) = fk("code", "excerpts", "--code", code).stdout.splitlines()
    return line


def test_lexicon_entries_come_from_stdin_and_are_listed_only_on_request(fk):
    assert "added 2 entries" in fk("lexicon", "add", "--type", "PERSON", input="Мурат Кожанов\nЛысый\n").stderr
    listed = fk("lexicon", "list").stdout
    assert "typed: 2 (PERSON 2)" in listed and "Кожанов" not in listed
    assert "Мурат Кожанов\tPERSON\tproject" in fk("lexicon", "list", "--show-text").stdout
    assert "removed 1 entry" in fk("lexicon", "remove", input="лысый\n").stderr
    refused_ = fk("lexicon", "add", input="", expect=2)
    assert "no entries given" in refused_.stderr
