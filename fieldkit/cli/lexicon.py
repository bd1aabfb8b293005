"""The project lexicon: names, places and nicknames the study already knows (fieldkit/anonymise/lexicon.py).

Entries are read from stdin or typed at a prompt, never taken as arguments: a command line is visible to
every local user (``ps``), and these are the most identifying words in the project.
"""

from __future__ import annotations

import sys

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import open_project
from fieldkit.errors import UsageError


def read_entries(what: str) -> list[str]:
    """One entry per line from stdin; in a terminal, typed one per line until an empty line."""
    if not sys.stdin.isatty():
        try:
            text = sys.stdin.buffer.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError("the entries on stdin are not UTF-8 text",
                             "save them as UTF-8; nothing was changed") from exc
        return [line for line in text.splitlines() if line.strip()]
    click.echo(f"{what}, one per line; an empty line ends the list.", err=True)
    entries = []
    while line := click.prompt("entry", default="", show_default=False, err=True).strip():
        entries.append(line)
    return entries


@main.group()
def lexicon() -> None:
    """Identifiers this study already knows, found again in any form (misspelt, inflected, glued, split).

    The lexicon is the entries typed here, every name in the linking key and every identifier accepted in a
    review. Transcription passes it to whisper as hotwords (in memory only), the anonymiser marks its entries
    wherever they occur, and an export is refused while any of them is left in the text."""


@lexicon.command("add")
@click.option("--type", "entity", default="PERSON", show_default=True,
              help="PERSON, LOCATION, ORGANIZATION, ADDRESS, PHONE_NUMBER, EMAIL_ADDRESS, PLATE, CASE_NUMBER or IIN.")
@click.option("--interview", help="Only expected in this interview (dropped with it on withdrawal or discard).")
@click.pass_context
def lexicon_add(ctx: click.Context, entity: str, interview: str | None) -> None:
    """Add entries, one per line on stdin or typed at the prompt (never as arguments: `ps` shows those)."""
    from fieldkit.anonymise.lexicon import add_entries

    with open_project(ctx) as project:
        entries = read_entries("Names, places or nicknames to add")
        if not entries:
            raise UsageError("no entries given", "pipe them in, one per line, e.g. `fieldkit lexicon add < names.txt`")
        added = add_entries(project, entries, entity.upper(), interview)
    click.echo(f"added {added} entr{'y' if added == 1 else 'ies'} ({len(entries) - added} already there)", err=True)


@lexicon.command("remove")
@click.pass_context
def lexicon_remove(ctx: click.Context) -> None:
    """Remove typed entries given one per line on stdin or at the prompt."""
    from fieldkit.anonymise.lexicon import remove_entries

    with open_project(ctx) as project:
        entries = read_entries("Entries to remove")
        removed = remove_entries(project, entries)
    click.echo(f"removed {removed} entr{'y' if removed == 1 else 'ies'}", err=True)


@lexicon.command("list")
@click.option("--show-text", is_flag=True, help="Print the entries themselves (identifying: shown only on request).")
@click.pass_context
def lexicon_list(ctx: click.Context, show_text: bool) -> None:
    """How many entries the lexicon holds, by source and type; with --show-text, the typed entries."""
    from fieldkit.anonymise.lexicon import known_entries, typed_entries
    from fieldkit.anonymise.review import load_pseudonyms
    from fieldkit.consent.linking import linked_names

    with open_project(ctx) as project:
        typed = typed_entries(project)
        linked = linked_names(project)
        pseudonyms, _ = load_pseudonyms(project)
        total = len(known_entries(project, pseudonyms))
    by_type: dict[str, int] = {}
    for entry in typed:
        by_type[entry.entity] = by_type.get(entry.entity, 0) + 1
    kinds = ", ".join(f"{entity} {count}" for entity, count in sorted(by_type.items())) or "none"
    click.echo(f"typed: {len(typed)} ({kinds})")
    click.echo(f"linking key: {len(linked)}")
    click.echo(f"confirmed in reviews: {total - len(typed) - len(linked)}")
    if show_text:
        for entry in typed:
            click.echo(f"{entry.text}\t{entry.entity}\t{entry.interview or 'project'}")
