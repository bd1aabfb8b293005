"""Retention deadlines and the audit log."""

from __future__ import annotations

from pathlib import Path

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import open_project


@main.group()
def retention() -> None:
    """Retention deadlines and destruction."""


@retention.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable list.")
@click.option("--all", "show_all", is_flag=True, help="Include destroyed items.")
@click.pass_context
def retention_status(ctx: click.Context, as_json: bool, show_all: bool) -> None:
    """Every item with its rule, deadline and state (kept with no rule, pending, due, overdue, destroyed).
    Destroys nothing."""
    import json

    from fieldkit.retention.schedule import items

    with open_project(ctx, enforce=False) as project:
        listed = items(project, include_destroyed=show_all or as_json)
    if as_json:
        click.echo(json.dumps([item.as_json() for item in listed], indent=1))
        return
    for item in listed:
        deadline = item.deadline.strftime("%Y-%m-%d %H:%M") if item.deadline else "-"
        owner = item.interview or item.respondent or "-"
        click.echo(f"{item.object[:12]}\t{item.kind}\t{owner}\t{item.rule or '-'}\t{deadline}\t{item.state_label}")


@retention.command("run")
@click.pass_context
def retention_run(ctx: click.Context) -> None:
    """Destroy every item whose deadline has come."""
    from fieldkit.cli.common import print_report
    from fieldkit.retention.schedule import enforce
    from fieldkit.session import StartupReport

    with open_project(ctx, enforce=False) as project:
        result = enforce(project)
    print_report(StartupReport(destroyed=result.destroyed, failed=result.failed))
    click.echo(f"retention: {len(result.destroyed)} destroyed, {len(result.failed)} failed", err=True)
    if result.failed:
        ctx.exit(8)


@main.group()
def audit() -> None:
    """The tamper-evident log."""


@audit.command("report")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def audit_report(ctx: click.Context, out: Path) -> None:
    """Write the ethics-board report: a self-contained HTML page with codes only."""
    from fieldkit.services.report import build_report
    from fieldkit.vault.files import write_atomic

    with open_project(ctx) as project:
        html = build_report(project)
    write_atomic(out, html.encode("utf-8"))
    click.echo(str(out))


@audit.command("checkpoint")
@click.pass_context
def audit_checkpoint(ctx: click.Context) -> None:
    """Print a short code (entry count and head hash) to send home; later logs must extend it."""
    from fieldkit.audit.chain import verify

    with open_project(ctx) as project:
        click.echo(verify(project.audit.entries()).checkpoint)


@audit.command("verify")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--checkpoint", help="A checkpoint witnessed earlier (N:HASH); the log must extend it.")
@click.option("--public-key", help="The project's audit key (fieldkit.toml: audit_public_key) to pin.")
@click.pass_context
def audit_verify(ctx: click.Context, file: Path | None, checkpoint: str | None, public_key: str | None) -> None:
    """Verify the project's chain, or an exported FILE (no passphrase needed)."""
    from fieldkit.audit.chain import read_export_with_key, verify, verify_export

    if file is not None:
        result = verify_export(read_export_with_key(file), public_key, checkpoint)
    else:
        with open_project(ctx) as project:
            result = verify(project.audit.entries(), checkpoint, project.audit.public_key())
    click.echo(f"audit chain OK: {result.entries} entries, head {result.head}")
    click.echo(f"checkpoint: {result.checkpoint}")


@audit.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Default: PROJECT/audit/.")
@click.pass_context
def audit_export(ctx: click.Context, out: Path | None) -> None:
    """Write the chain as JSON lines for an ethics board (codes and ids only)."""
    with open_project(ctx) as project:
        if out is None:
            path = project.export_audit()
        else:
            project.audit.export(out)
            path = out
    click.echo(str(path))
