"""Identifying text typed into fieldkit never has to go on the command line (issue 17): `ps` shows every local
user each process's arguments. The lexicon, `review --add -` and `respondent link` read it from stdin."""

from __future__ import annotations


def test_respondent_link_reads_the_name_and_contact_from_stdin(fk):
    fk("respondent", "add", "--category", "P")
    fk("respondent", "link", "P1", input="Айгерим Сапарова\n+7 701 000 0000\n")
    assert fk("respondent", "lookup", "P1").stdout.strip() == "Айгерим Сапарова\t+7 701 000 0000"
    refused = fk("respondent", "link", "P1", input="\n", expect=2)
    assert "no name given" in refused.stderr


def test_review_add_dash_reads_the_texts_from_stdin(fk, clock):
    from tests.conftest import add_transcribed_interview

    with fk.open(clock) as project:
        interview = add_transcribed_interview(project, "P", ["Потом пришёл Лысый, с ним был Кабан."])
    fk("anonymise", interview)
    fk("review", interview, "--add", "-", input="Лысый\nКабан\n")
    listed = fk("review", interview, "--show-text").stdout
    assert "Лысый" in listed and "Кабан" in listed and "manual" in listed


def test_lexicon_entries_come_from_stdin_and_are_listed_only_on_request(fk):
    assert "added 2 entries" in fk("lexicon", "add", "--type", "PERSON", input="Мурат Кожанов\nЛысый\n").stderr
    listed = fk("lexicon", "list").stdout
    assert "typed: 2 (PERSON 2)" in listed and "Кожанов" not in listed
    assert "Мурат Кожанов\tPERSON\tproject" in fk("lexicon", "list", "--show-text").stdout
    assert "removed 1 entry" in fk("lexicon", "remove", input="лысый\n").stderr
    refused = fk("lexicon", "add", input="", expect=2)
    assert "no entries given" in refused.stderr
