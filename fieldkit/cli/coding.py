"""The codebook and coding of anonymised text."""

from __future__ import annotations

from pathlib import Path

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import (
    STDIN,
    file_option,
    open_project,
    read_text,
    read_texts,
    stdin_is_terminal,
    text_option,
    text_source,
    text_sources,
)
from fieldkit.errors import UsageError


@main.group()
def code() -> None:
    """The codebook, and coding of anonymised text."""


@code.command("add")
@click.argument("name")
@text_option("description", "description", "what the code means (shared with the codebook)")
@click.option("--colour", "--color", "colour", help="#RRGGBB (default: the next palette colour).")
@click.option("--parent", help="Put it under this code (a pattern code groups first-cycle codes).")
@text_option("memo", "memo", "an analytic memo on the code (exported only with --memos)")
@click.option("--not-codable", is_flag=True,
              help="A category: it groups codes and is never applied itself (REFI-QDA isCodable=false).")
@click.pass_context
def code_add(ctx: click.Context, name: str, description: str | None, description_file: str | None,
             colour: str | None, parent: str | None, memo: str | None, memo_file: str | None,
             not_codable: bool) -> None:
    """Add a code; prints its GUID. NAME is an analytic category and may be an argument; the description and
    memo are free text, read only from files, stdin or a prompt (--description TEXT is refused: ps shows it)."""
    from fieldkit.coding.codebook import add_code

    sources = text_sources({"--description": (description, description_file), "--memo": (memo, memo_file)})
    with open_project(ctx) as project:
        texts = read_texts(sources)
        click.echo(add_code(project, name, description=texts["--description"] or "", colour=colour, parent=parent,
                            memo=texts["--memo"] or "", codable=not not_codable).id)


@code.command("edit")
@click.argument("name")
@click.option("--name", "new_name", help="Rename the code.")
@text_option("description", "description", "the new description")
@click.option("--colour", "--color", "colour")
@click.option("--parent", help="Move it under this code.")
@click.option("--top-level", is_flag=True, help="Move it to the top level.")
@text_option("memo", "memo", "the new memo")
@click.option("--codable/--not-codable", default=None,
              help="Make it a code that is applied, or a category that only groups codes (refused with codings).")
@click.pass_context
def code_edit(ctx: click.Context, name: str, new_name: str | None, description: str | None,
              description_file: str | None, colour: str | None, parent: str | None, top_level: bool,
              memo: str | None, memo_file: str | None, codable: bool | None) -> None:
    """Change a code's name, description, colour, parent or memo (an empty file clears a description or memo)."""
    from fieldkit.coding.codebook import edit_code

    sources = text_sources({"--description": (description, description_file), "--memo": (memo, memo_file)})
    changes = {"parent": None} if top_level else {"parent": parent} if parent else {}
    with open_project(ctx) as project:
        texts = read_texts(sources)
        edited = edit_code(project, name, name=new_name, description=texts["--description"], colour=colour,
                           memo=texts["--memo"], codable=codable, **changes)
    click.echo(f"code {edited.name!r} updated", err=True)


@code.command("remove")
@click.argument("name")
@click.option("--force", is_flag=True, help="Also remove its codings; its child codes move up a level.")
@click.pass_context
def code_remove(ctx: click.Context, name: str, force: bool) -> None:
    """Delete a code from the codebook."""
    from fieldkit.coding.codebook import remove_code

    with open_project(ctx) as project:
        removed = remove_code(project, name, force=force)
    click.echo(f"code {name!r} removed" + (f" with {removed} coding(s)" if removed else ""), err=True)


@code.command("list")
@click.pass_context
def code_list(ctx: click.Context) -> None:
    """The codebook as a tree, with how many excerpts each code has."""
    from fieldkit.services.overview import codebook_rows

    with open_project(ctx) as project:
        rows = codebook_rows(project)
    for row in rows:
        description = f"\t{row.code.description}" if row.code.description else ""
        used = row.codings if row.code.codable else "category"
        click.echo(f"{'  ' * row.depth}{row.code.name}\t{row.code.colour}\t{used}{description}")


@code.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="List what the import would add and change; change nothing.")
@click.option("--yes", is_flag=True, help="Apply changes to existing codes without asking (needed in a script).")
@click.pass_context
def code_import(ctx: click.Context, file: Path, dry_run: bool, yes: bool) -> None:
    """Merge a shared codebook (.qdc, .qdpx or .csv): new codes are added; an existing code (same GUID, else
    same name) takes only what the file says, so a description, colour or parent the file leaves out stays, and
    nothing is deleted. Changes to existing codes are listed and need a yes (--yes in a script)."""
    from fieldkit.coding.codebook import apply_import
    from fieldkit.export.codebook_exchange import plan_codebook_import

    with open_project(ctx) as project:
        plan, fmt, digest = plan_codebook_import(project, file)
        for name in plan.added:
            click.echo(f"add\t{name}")
        for change in plan.changes:
            click.echo(f"change\t{change.code}\t{change.field}: {change.before} -> {change.after}")
        for original, given in plan.renamed:
            click.echo(f"fieldkit: note: the file gives more than one code the name {original!r}: this one is"
                       f" imported as {given!r} (code names are unique in fieldkit)", err=True)
        summary = (f"{len(plan.added)} to add, {plan.updated} to change, {plan.unchanged} unchanged"
                   f" ({plan.codes} codes in {file.name})")
        if dry_run:
            click.echo(f"dry run: {summary}; nothing was changed", err=True)
            return
        if plan.changes and not yes:
            if not stdin_is_terminal():
                raise UsageError(f"the import would change {plan.updated} existing code(s), listed above",
                                 "pass --yes to apply the changes, or --dry-run to only list them; nothing was"
                                 " imported")
            if not click.confirm(f"Change {plan.updated} existing code(s) as listed above?", default=False,
                                 err=True):
                raise UsageError("import cancelled", "nothing was imported")
        result = apply_import(project, plan, format=fmt, sha256=digest)
    click.echo(f"codebook imported: {result.added} added, {result.updated} updated, {result.unchanged} unchanged",
               err=True)


@code.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def code_export(ctx: click.Context, file: Path) -> None:
    """Write the codebook for a team (.qdc for any QDA program, .csv for a spreadsheet)."""
    from fieldkit.export.codebook_exchange import export_codebook

    with open_project(ctx) as project:
        count, _ = export_codebook(project, file)
    click.echo(f"wrote {count} codes to {file}", err=True)


@code.command("source")
@click.argument("interview")
@click.option("--offsets", is_flag=True, help="Prefix each line with its start offset (code points).")
@click.pass_context
def code_source(ctx: click.Context, interview: str, offsets: bool) -> None:
    """Print INTERVIEW's anonymised text: the text codes apply to."""
    from fieldkit.coding.sources import load_source

    with open_project(ctx) as project:
        text = load_source(project, interview).text
    if not offsets:
        click.echo(text)
        return
    position = 0
    for line in text.split("\n"):
        click.echo(f"{position}\t{line}")
        position += len(line) + 1


def parse_span(text: str) -> tuple[int, int]:
    try:
        start, end = (int(part) for part in text.split(":"))
    except ValueError as exc:
        raise click.BadParameter("use START:END in code points, e.g. 120:184") from exc
    return start, end


@code.command("apply")
@click.argument("interview")
@click.argument("code_name", metavar="CODE")
@text_option("text", "quote", "the exact text to code, as `code source` prints it")
@click.option("--nth", default=1, show_default=True, type=click.IntRange(1), help="Which occurrence of the text.")
@click.option("--span", help="START:END offsets in code points (end excluded).")
@text_option("memo", "memo", "a memo on this excerpt")
@click.pass_context
def code_apply(ctx: click.Context, interview: str, code_name: str, quote: str | None, quote_file: str | None,
               nth: int, span: str | None, memo: str | None, memo_file: str | None) -> None:
    """Apply CODE to a span of INTERVIEW's anonymised text; prints the coding id. The span is given by offsets
    (--span) or by its text, read from --text-file (--text TEXT is refused: ps shows it)."""
    from fieldkit.coding.excerpts import apply_code

    sources = text_sources({"--text": (quote, quote_file), "--memo": (memo, memo_file)})
    if (sources["--text"] is None) == (span is None):
        raise click.UsageError("give exactly one of --text-file or --span")
    start, end = parse_span(span) if span else (None, None)
    with open_project(ctx) as project:
        texts = read_texts(sources)
        if texts["--text"] == "":
            raise UsageError("no text to code given", "the file (or stdin) given to --text-file is empty; nothing"
                                                      " was changed")
        coding = apply_code(project, interview, code_name, start=start, end=end, quote=texts["--text"],
                            occurrence=nth, memo=texts["--memo"] or "")
    click.echo(coding.id)


@code.command("unapply")
@click.argument("coding")
@click.pass_context
def code_unapply(ctx: click.Context, coding: str) -> None:
    """Remove a coding (by id or an unambiguous prefix of at least 4 characters)."""
    from fieldkit.coding.excerpts import remove_coding

    with open_project(ctx) as project:
        remove_coding(project, coding)
    click.echo(f"coding {coding} removed", err=True)


@code.command("memo")
@click.argument("coding")
@click.argument("memo", required=False, metavar="[-]")
@file_option("memo", "memo_file", "the memo")
@click.option("--clear", is_flag=True, help="Remove the memo.")
@click.pass_context
def code_memo(ctx: click.Context, coding: str, memo: str | None, memo_file: str | None, clear: bool) -> None:
    """Set the memo on CODING, read from stdin or typed at a prompt, or from --memo-file; --clear removes it.
    Never an argument: every local user can see a command line (ps)."""
    from fieldkit.coding.excerpts import set_memo

    how = (f"pipe it in (`fieldkit code memo {coding} < memo.txt`), type it at the prompt (run it without the"
           " memo), or pass --memo-file FILE")
    source = text_source("a memo", memo, memo_file, f"{how}; nothing was changed") or STDIN
    if clear and (memo is not None or memo_file is not None):
        raise UsageError("give --clear or a memo, not both", "--clear alone removes the memo; nothing was changed")
    with open_project(ctx) as project:
        text = "" if clear else read_text(source, "memo")
        if not clear and not text:
            raise UsageError("no memo given", f"{how}; --clear removes a memo; nothing was changed")
        set_memo(project, coding, text)
    click.echo("memo cleared" if clear else "memo saved", err=True)


@code.command("excerpts")
@click.option("--code", "code_name", help="Only this code and the codes under it.")
@click.option("--category", help="Only respondents of this category, e.g. P.")
@click.option("--interview", help="Only this interview.")
@click.pass_context
def code_excerpts(ctx: click.Context, code_name: str | None, category: str | None, interview: str | None) -> None:
    """List coded excerpts (anonymised text), by code, respondent category or interview."""
    from fieldkit.coding.excerpts import list_excerpts, sealed_interviews

    with open_project(ctx) as project:
        excerpts, stale = list_excerpts(project, code=code_name, category=category, interview=interview)
        sealed = sealed_interviews(project, category=category, interview=interview)
    for item in excerpts:
        memo = f"\tmemo: {item.coding.memo}" if item.coding.memo else ""
        who = f"[{item.respondent}]" if item.respondent else "-"
        click.echo(f"{item.coding.id[:8]}\t{item.code_path}\t{item.coding.interview}\t{who}\t{item.category or '-'}"
                   f"\t{item.coding.start}:{item.coding.end}\t{' '.join(item.text.split())}{memo}")
    for coding in stale:
        click.echo(f"fieldkit: warning: coding {coding.id[:8]} on {coding.interview} no longer matches the text;"
                   " re-apply or remove it", err=True)
    for item in sealed:
        click.echo(f"fieldkit: note: {item} is sealed, so its excerpts are left out: only the institution can open"
                   " it", err=True)
