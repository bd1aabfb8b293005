"""The codebook and coding of anonymised text."""

from __future__ import annotations

from pathlib import Path

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import open_project


@main.group()
def code() -> None:
    """The codebook, and coding of anonymised text."""


@code.command("add")
@click.argument("name")
@click.option("--description", default="", help="What the code means (shared with the codebook).")
@click.option("--colour", "--color", "colour", help="#RRGGBB (default: the next palette colour).")
@click.option("--parent", help="Put it under this code (a pattern code groups first-cycle codes).")
@click.option("--memo", default="", help="An analytic memo on the code (exported only with --memos).")
@click.pass_context
def code_add(ctx: click.Context, name: str, description: str, colour: str | None, parent: str | None,
             memo: str) -> None:
    """Add a code; prints its GUID."""
    from fieldkit.coding.codebook import add_code

    with open_project(ctx) as project:
        click.echo(add_code(project, name, description=description, colour=colour, parent=parent, memo=memo).id)


@code.command("edit")
@click.argument("name")
@click.option("--name", "new_name", help="Rename the code.")
@click.option("--description")
@click.option("--colour", "--color", "colour")
@click.option("--parent", help="Move it under this code.")
@click.option("--top-level", is_flag=True, help="Move it to the top level.")
@click.option("--memo")
@click.pass_context
def code_edit(ctx: click.Context, name: str, new_name: str | None, description: str | None, colour: str | None,
              parent: str | None, top_level: bool, memo: str | None) -> None:
    """Change a code's name, description, colour, parent or memo."""
    from fieldkit.coding.codebook import edit_code

    changes = {"parent": None} if top_level else {"parent": parent} if parent else {}
    with open_project(ctx) as project:
        edited = edit_code(project, name, name=new_name, description=description, colour=colour, memo=memo,
                           **changes)
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
        click.echo(f"{'  ' * row.depth}{row.code.name}\t{row.code.colour}\t{row.codings}{description}")


@code.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.pass_context
def code_import(ctx: click.Context, file: Path) -> None:
    """Merge a shared codebook (.qdc, .qdpx or .csv): new codes are added, matching ones updated."""
    from fieldkit.export.codebook_exchange import import_codebook

    with open_project(ctx) as project:
        result = import_codebook(project, file)
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
@click.option("--text", "quote", help="The exact text to code, as `code source` prints it.")
@click.option("--nth", default=1, show_default=True, type=click.IntRange(1), help="Which occurrence of --text.")
@click.option("--span", help="START:END offsets in code points (end excluded).")
@click.option("--memo", default="", help="A memo on this excerpt.")
@click.pass_context
def code_apply(ctx: click.Context, interview: str, code_name: str, quote: str | None, nth: int, span: str | None,
               memo: str) -> None:
    """Apply CODE to a span of INTERVIEW's anonymised text; prints the coding id."""
    from fieldkit.coding.excerpts import apply_code

    if (quote is None) == (span is None):
        raise click.UsageError("give exactly one of --text or --span")
    start, end = parse_span(span) if span else (None, None)
    with open_project(ctx) as project:
        coding = apply_code(project, interview, code_name, start=start, end=end, quote=quote, occurrence=nth,
                            memo=memo)
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
@click.argument("memo")
@click.pass_context
def code_memo(ctx: click.Context, coding: str, memo: str) -> None:
    """Set the memo on a coding ("" clears it)."""
    from fieldkit.coding.excerpts import set_memo

    with open_project(ctx) as project:
        set_memo(project, coding, memo)
    click.echo("memo saved", err=True)


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
