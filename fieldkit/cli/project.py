"""Project-wide commands: init, status, seal, travel, wipe, the terminal app and the demo."""

from __future__ import annotations

import os
from pathlib import Path

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import open_project, read_new_passphrase, read_passphrase
from fieldkit.clock import clock_from_env
from fieldkit.errors import ProjectError


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--policy", "policy", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--archive-recipient", "archive_recipients", multiple=True,
              help="An institution's age public key (age1…) that can recover the project (repeatable).")
def init(directory: Path, policy: Path, archive_recipients) -> None:
    """Create an encrypted project in DIRECTORY under a retention policy."""
    from fieldkit.session import create_project

    passphrase = read_passphrase(confirm=True)
    with create_project(directory, policy, passphrase, clock_from_env(), tuple(archive_recipients)) as project:
        click.echo(f"created project {project.root} (policy: {project.policy.name})", err=True)
        from fieldkit_board.chain import fingerprint

        key = project.audit.public_key() or ""
    click.echo(f"audit key fingerprint: {fingerprint(key)}", err=True)
    click.echo("fieldkit: note: send this fingerprint home now (ethics board, supervisor): the board verifies the"
               " log against it (`audit verify FILE --public-key FINGERPRINT`), never against the key the file"
               " carries; `fieldkit audit pin` writes the board's pin file", err=True)
    if not archive_recipients:
        click.echo("fieldkit: note: no --archive-recipient: sealing and travel mode need one, and a lost or wiped"
                   " key file cannot be recovered", err=True)


@main.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """List interviews and stored objects (codes, ids and sizes only)."""
    from fieldkit.services.overview import interview_rows

    with open_project(ctx) as project:
        for row in interview_rows(project):
            item, stage = row.interview, row.stage
            duration = f"{item.duration_s / 60:.0f} min" if item.duration_s else "-"
            click.echo(f"{item.id}\t{item.respondent}\t{item.mode}\t{item.interview_date or '-'}"
                       f"\t{item.place_category or '-'}\t{item.language or '-'}\t{duration}\t{stage}")
        for obj in project.objects.list(include_destroyed=True):
            state = f"destroyed {obj.destroyed[:10]}" if obj.destroyed else "stored"
            click.echo(f"{obj.id}\t{obj.kind}\t{obj.interview or '-'}\t{obj.blob_size} B\t{state}")


@main.command()
@click.argument("interview")
@click.pass_context
def seal(ctx: click.Context, interview: str) -> None:
    """Re-encrypt INTERVIEW to the archive recipients only and erase its local keys (no way back here)."""
    from fieldkit.pipeline import seal_interview

    with open_project(ctx) as project:
        count = seal_interview(project, interview)
    click.echo(f"sealed {count} object(s) of {interview}: only the institution's archive key opens them now",
               err=True)


@main.command("passphrase")
@click.pass_context
def passphrase_command(ctx: click.Context) -> None:
    """Change the passphrase. The database gets a new key too, so the old passphrase and any old copy of the
    key file (a backup, an SSD's remnant) open nothing afterwards. The new one comes from
    FIELDKIT_NEW_PASSPHRASE or is typed twice."""
    from fieldkit.vault.rekey import change_passphrase

    project = open_project(ctx)
    with project:
        change_passphrase(project, read_new_passphrase())
    click.echo("passphrase changed: the new passphrase opens the project; the old one opens nothing", err=True)


@main.group()
def travel() -> None:
    """Travel mode: leave the laptop holding nothing its owner can open."""


@travel.command("lock")
@click.pass_context
def travel_lock_command(ctx: click.Context) -> None:
    """Seal per policy, re-key, hand the keys to a travel key only the institution can release, wipe the
    passphrase-wrapped keys, and print the final checkpoint code to send home."""
    from fieldkit.services.travel import lock

    project = open_project(ctx)
    result = lock(project)  # closes the project
    if result.sealed_interviews:
        click.echo(f"sealed: {', '.join(result.sealed_interviews)}", err=True)
    click.echo("travel mode: no passphrase opens this project now. Before the trip, send keys/travel-key.age"
               " home; to come back, ask for the travel key and run `fieldkit travel unlock`.", err=True)
    click.echo(f"checkpoint: {result.checkpoint}")


@travel.command("unlock")
@click.option("--key-file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="File holding the travel key (AGE-SECRET-KEY-1…) the institution sent; default: prompt.")
@click.pass_context
def travel_unlock_command(ctx: click.Context, key_file: Path | None) -> None:
    """Restore working access with the travel key the institution released; sets a new passphrase."""
    from fieldkit.vault.travel import travel_unlock

    if key_file is not None:
        lines = [line.strip() for line in key_file.read_text().splitlines()]
        travel_key = next((line for line in lines if line.startswith("AGE-SECRET-KEY-")), "")
    else:
        travel_key = click.prompt("Travel key", hide_input=True, err=True)
    passphrase = os.environ.get("FIELDKIT_NEW_PASSPHRASE") or read_passphrase(confirm=True)
    with travel_unlock(Path(ctx.obj["project"]), travel_key, passphrase, clock_from_env()):
        pass
    click.echo("travel mode ended: the new passphrase opens the project", err=True)


@main.command()
@click.option("--yes", is_flag=True, required=True, help="Confirm: the local keys are destroyed at once.")
@click.option("--everything", is_flag=True, help="Also wipe the archive copy: nobody can ever open the project.")
@click.pass_context
def wipe(ctx: click.Context, yes: bool, everything: bool) -> None:
    """Quick wipe under duress: destroy the local key files now, no passphrase needed."""
    from fieldkit.vault.travel import quick_wipe

    wiped = quick_wipe(Path(ctx.obj["project"]), everything=everything)
    click.echo(f"wiped {len(wiped)} key file(s); this laptop cannot open the project"
               + ("" if everything else " (the institution's archive copy can)"), err=True)


@main.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def tui(ctx: click.Context, directory: Path | None) -> None:
    """The terminal app: the whole workflow without typing commands (DIR, or --project, or here)."""
    from fieldkit.tui.app import FieldkitApp

    root = directory or Path(ctx.obj["project"])
    if not (root / "fieldkit.toml").is_file():
        raise ProjectError(f"{root.resolve()} is not a fieldkit project",
                           "pass the project folder: `fieldkit tui DIR`, or create one with `fieldkit init`")
    app = FieldkitApp(root, clock=clock_from_env())
    app.run()
    if app.return_code:
        ctx.exit(app.return_code)


@main.command()
@click.option(
    "--workdir", type=click.Path(file_okay=False, path_type=Path), default=Path("fieldkit-demo"),
    show_default=True, help="Where the throw-away project and its export go (replaced on each run).",
)
def demo(workdir: Path) -> None:
    """Run the whole pipeline on bundled sample data in a throw-away project."""
    from rich.console import Console

    from fieldkit.demo import run_demo
    from fieldkit.demo_report import print_summary

    console = Console()
    with console.status("starting…") as spinner:
        summary = run_demo(workdir, clock_from_env(), step=lambda text: spinner.update(text + "…"))
    print_summary(console, summary)
