"""The command group and the one place where errors become exit codes.

Errors from the core arrive as FieldkitError and leave as `fieldkit: error: …` / `fieldkit: hint: …` on
stderr with the error's exit code; click's own usage errors leave in the same one-line form. Stdout carries
only what scripts read (codes, ids, redacted text); a reader that closes the pipe early (`| head`) ends the
command quietly.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from fieldkit import __version__
from fieldkit.errors import FieldkitError


def fail(exc: FieldkitError) -> None:
    click.echo(f"fieldkit: error: {exc.message}", err=True)
    for line in exc.details:
        click.echo(f"fieldkit:   - {line}", err=True)
    if exc.hint:
        click.echo(f"fieldkit: hint: {exc.hint}", err=True)


_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", None)


class _NamesItsCommand:
    """A usage error found in a command's own arguments (`export --format` with no value) carries that
    command's context, so the hint names `fieldkit export --help` rather than `fieldkit --help`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            raise


class FieldkitCommand(_NamesItsCommand, click.Command):
    pass


class FieldkitSubgroup(_NamesItsCommand, click.Group):
    command_class = FieldkitCommand
    group_class = type  # groups under it are FieldkitSubgroups too


class FieldkitGroup(_NamesItsCommand, click.Group):
    """Turns core errors into one-line messages and exit codes."""

    command_class = FieldkitCommand
    group_class = FieldkitSubgroup

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's own usage errors in fieldkit's one-line form; a closed pipe is quiet."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            # without standalone mode click returns the code of a ctx.exit(code) instead of exiting
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            if _NO_ARGS_IS_HELP is not None and isinstance(exc, _NO_ARGS_IS_HELP):
                click.echo(exc.format_message(), err=True)  # `fieldkit code` alone: its help, as click does
                sys.exit(exc.exit_code)
            command = exc.ctx.command_path if exc.ctx else "fieldkit"
            click.echo(f"fieldkit: error: {exc.format_message()}", err=True)
            click.echo(f"fieldkit: hint: see `{command} --help`", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"fieldkit: error: {exc.format_message()}", err=True)
            click.echo("fieldkit: hint: nothing was changed", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("fieldkit: error: aborted; nothing was changed", err=True)
            click.echo("fieldkit: hint: run the command again to continue", err=True)
            sys.exit(130)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            _quiet_closed_pipe()
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FieldkitError as exc:
            fail(exc)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("fieldkit: error: interrupted; nothing half-written was kept", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            _quiet_closed_pipe()  # here, before click's own handler turns it into exit code 1
        except Exception as exc:
            translated = _database_error(exc)
            if translated is not None:
                fail(translated)
                ctx.exit(translated.exit_code)
            # A library's message may quote the data it choked on: show the type only, unless asked.
            if os.environ.get("FIELDKIT_DEBUG"):
                raise
            click.echo(f"fieldkit: error: internal error ({type(exc).__name__})", err=True)
            click.echo("fieldkit: hint: set FIELDKIT_DEBUG=1 to see the traceback (it may show data)", err=True)
            ctx.exit(70)


def _database_error(exc: Exception) -> FieldkitError | None:
    """SQLCipher's errors in fieldkit's words: another process holding the database is Busy, anything else
    the database reports is damage (the open checks every page, so this is damage that came during the run)."""
    import sqlcipher3

    from fieldkit.errors import Busy, VaultDamaged

    if not isinstance(exc, sqlcipher3.DatabaseError):
        return None
    if isinstance(exc, sqlcipher3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
        return Busy("another fieldkit command is writing to this project")
    return VaultDamaged("vault.db reported damage while the command ran; the command's changes were rolled back")


@click.group(cls=FieldkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project", "project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default="current folder", help="Project folder.",
)
@click.version_option(__version__, prog_name="fieldkit")
@click.pass_context
def main(ctx: click.Context, project: Path) -> None:
    """Offline toolkit for interviews with people at risk."""
    from fieldkit import offline

    offline.enforce()
    offline.forbid_core_dumps()
    ctx.ensure_object(dict)
    ctx.obj["project"] = project


def run() -> None:
    """The console entry point (also `python -m fieldkit.cli`, which then names itself fieldkit too)."""
    main.main(prog_name="fieldkit")


def _quiet_closed_pipe() -> None:
    """The reader went away (`fieldkit status | head`): nothing to report. Python would otherwise complain
    again when it flushes stdout at exit, so stdout is pointed at /dev/null first."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)
