"""Export behind the gates."""

from __future__ import annotations

from pathlib import Path

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import open_project


@main.command()
@click.option("--format", "format_", type=click.Choice(["qdpx", "csv", "json", "md"]), required=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--register", is_flag=True, help="The interview register (date, category, mode, duration) instead.")
@click.option("--quotes", is_flag=True, help="For direct quotation: every respondent must have consented to it.")
@click.option("--interview", "interviews", multiple=True, help="Only this interview (repeatable; default: all).")
@click.option("--only-ready", is_flag=True, help="Leave out interviews that are not ready, naming each.")
@click.option("--all-text", is_flag=True, help="csv/json/md: every line of each source, coded or not.")
@click.option("--memos", is_flag=True, help="Include memos (scanned for identifying details first).")
@click.option("--crlf", is_flag=True, help="CRLF line endings (MAXQDA).")
@click.option("--to", "recipients", multiple=True, help="Encrypt the file to this age recipient (age1…).")
@click.pass_context
def export(ctx: click.Context, format_: str, out: Path, register: bool, quotes: bool, interviews, only_ready: bool,
           all_text: bool, memos: bool, crlf: bool, recipients) -> None:
    """Export anonymised, consented, approved material; refuses with every reason if a gate fails."""
    from fieldkit.export.writer import ExportRequest, run_export

    request = ExportRequest(format_, out, register=register, quotations=quotes, interviews=tuple(interviews),
                            only_ready=only_ready, all_text=all_text, memos=memos, crlf=crlf,
                            recipients=tuple(recipients))
    with open_project(ctx) as project:
        result = run_export(project, request)
    for interview, reason in sorted(result.left_out.items()):
        click.echo(f"left out {interview}: {reason}", err=True)
    what = (f"{result.rows} interviews in the register" if register else
            f"{result.excerpts} coded excerpts from {result.sources} sources")
    sealed = " (encrypted)" if result.encrypted else ""
    click.echo(f"exported {what} to {result.path}{sealed}; sha256 {result.sha256[:16]}…", err=True)
