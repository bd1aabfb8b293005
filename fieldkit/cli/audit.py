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


def _closed_project_root(ctx: click.Context) -> Path:
    """The --project folder, for commands that run with no passphrase and never open the database."""
    from fieldkit.errors import ProjectError
    from fieldkit.vault.project import SETTINGS

    root = Path(ctx.obj["project"])
    if not (root / SETTINGS).is_file():
        raise ProjectError(f"{root} is not a fieldkit project (no {SETTINGS})", "give --project DIR before the command")
    return root


@retention.command("tick")
@click.pass_context
def retention_tick(ctx: click.Context) -> None:
    """Erase the deadline secrets whose time has come (what the retention timer runs every 15 minutes).

    Needs no passphrase and never opens the database: objects locked to an erased secret can no longer be
    decrypted by anyone, and the next unlock records them in the signed log."""
    from fieldkit.clock import clock_from_env
    from fieldkit.vault.deadline_locks import pending_slots, tick
    root = _closed_project_root(ctx)
    erased = tick(root, clock_from_env().now())
    for slot, _ in erased:
        click.echo(f"erased deadline slot {slot}")
    click.echo(f"retention timer: {len(erased)} slot(s) erased, {len(pending_slots(root))} waiting", err=True)


@retention.command("schedule")
@click.option("--print", "print_only", is_flag=True, help="Print the units and the cron line; install nothing.")
@click.option("--remove", is_flag=True, help="Stop and remove this project's timer.")
@click.pass_context
def retention_schedule(ctx: click.Context, print_only: bool, remove: bool) -> None:
    """Install a user timer (systemd, else cron) that runs `retention tick` every 15 minutes, so deadlines are
    kept while the project stays closed."""
    from fieldkit.retention import timer
    root = _closed_project_root(ctx).resolve()
    units = timer.units_for(root)
    if print_only:
        click.echo(f"# {timer.user_unit_dir() / (units.name + '.service')}\n{units.service}")
        click.echo(f"# {timer.user_unit_dir() / (units.name + '.timer')}\n{units.timer}")
        click.echo(f"# or, with cron:\n{units.cron_line}")
        return
    if remove:
        removed = timer.remove(units)
        click.echo(f"removed: {', '.join(removed) or 'nothing was installed'}", err=True)
        return
    how = timer.install(units)
    click.echo(f"retention timer installed ({how}): {units.name}, every {timer.PERIOD_MINUTES} minutes", err=True)


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


@audit.command("pin")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the pin file here (default: print it).")
@click.pass_context
def audit_pin(ctx: click.Context, out: Path | None) -> None:
    """The pin file an ethics board keeps: the audit key, its fingerprint and today's checkpoint.

    Send it home (not on this laptop); `audit verify FILE --pin PIN` then refuses a log made with another key or
    rebuilt before the checkpoint."""
    from fieldkit.audit.chain import verify
    from fieldkit_board.chain import pin_file_text

    with open_project(ctx) as project:
        text = pin_file_text(project.audit.public_key() or "", verify(project.audit.entries()).checkpoint,
                             project.policy.ethics_approval)
    if out is None:
        click.echo(text, nl=False)
        return
    from fieldkit.vault.files import write_atomic

    write_atomic(out, text.encode())
    click.echo(str(out))


@audit.command("verify")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--public-key", help="The audit key, or its fingerprint, as `fieldkit init` printed it.")
@click.option("--checkpoint", help="A checkpoint witnessed earlier (N:HASH); the log must extend it.")
@click.option("--pin", "pin_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The board's pin file (`fieldkit audit pin`): key and checkpoint.")
@click.option("--trust-embedded-key", is_flag=True,
              help="Check FILE against the key it carries itself: proves only that it is consistent.")
@click.pass_context
def audit_verify(ctx: click.Context, file: Path | None, public_key: str | None, checkpoint: str | None,
                 pin_file: Path | None, trust_embedded_key: bool) -> None:
    """Verify the project's chain, or an exported FILE (no passphrase needed).

    An exported FILE must be pinned (--public-key, --checkpoint after the log declared its key, or --pin):
    anyone can write a consistent log with a key of their own. Unpinned, it is refused (exit 11) unless
    --trust-embedded-key is given, and then every line says UNPINNED."""
    from fieldkit.audit.chain import pin_from_options, read_export_with_key, verify, verify_export

    if file is None:
        with open_project(ctx) as project:
            result = verify(project.audit.entries(), checkpoint, project.audit.public_key())
            key = project.audit.public_key() or ""
        from fieldkit_board.chain import fingerprint

        click.echo(f"audit chain OK: {result.entries} entries, head {result.head}")
        click.echo(f"signed by the project's audit key, fingerprint {fingerprint(key)}")
        click.echo(f"checkpoint: {result.checkpoint}")
        return
    from fieldkit_board.cli import verification_lines

    pin = pin_from_options(public_key, checkpoint, pin_file)
    verification = verify_export(read_export_with_key(file), pin=pin, trust_embedded_key=trust_embedded_key)
    for line in verification_lines(verification):
        click.echo(line)


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
