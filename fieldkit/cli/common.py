"""What every command shares: reading the passphrase, opening the project through the session service
(and printing its start-up report), and the interview metadata options."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from fieldkit.clock import clock_from_env
from fieldkit.errors import UsageError

PASSPHRASE_ENV = "FIELDKIT_PASSPHRASE"
PASSPHRASE_FD_ENV = "FIELDKIT_PASSPHRASE_FD"


def read_passphrase(*, confirm: bool = False) -> str:
    """Passphrase from a file descriptor (kept out of the environment), the environment, or a prompt."""
    fd = os.environ.get(PASSPHRASE_FD_ENV)
    if fd is not None:
        try:
            with os.fdopen(int(fd), "r", encoding="utf-8", closefd=False) as handle:
                return handle.readline().rstrip("\r\n")
        except (ValueError, OSError) as exc:
            raise UsageError(f"cannot read the passphrase from file descriptor {fd!r}",
                             f"{PASSPHRASE_FD_ENV} must name an open file descriptor, e.g. 3 with `3<file`") from exc
    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError("no passphrase", f"set {PASSPHRASE_ENV} for scripted use, or run in a terminal")
    return click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm, err=True)


def read_new_passphrase() -> str:
    """A new passphrase: FIELDKIT_NEW_PASSPHRASE for scripted use, else typed twice in a terminal."""
    value = os.environ.get("FIELDKIT_NEW_PASSPHRASE")
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError("no new passphrase", "set FIELDKIT_NEW_PASSPHRASE for scripted use, or run in a terminal")
    return click.prompt("New passphrase", hide_input=True, confirmation_prompt=True, err=True)


def open_project(ctx: click.Context, *, enforce: bool = True):
    """Open the project through the session service and print its whole start-up report on stderr."""
    from fieldkit.session import open_session

    session = open_session(Path(ctx.obj["project"]), read_passphrase(), clock_from_env(), enforce_retention=enforce)
    print_report(session.report)
    return session.project


def print_report(report) -> None:
    for notice in report.notices:
        prefix = "retention: " if notice.level == "retention" else f"fieldkit: {notice.level}: "
        click.echo(prefix.replace("fieldkit: note: ", "fieldkit: ") + notice.text, err=True)


def metadata_options(command):
    """--date, --place, --lang: what the interview register may say about an interview."""
    from fieldkit.interviews import PLACE_CATEGORIES

    command = click.option("--date", "interview_date", help="Interview date, YYYY-MM-DD (default: today).")(command)
    command = click.option("--place", "place_category", type=click.Choice(PLACE_CATEGORIES),
                           help="Kind of place (never the place itself).")(command)
    return click.option("--lang", "language", type=click.Choice(["ru", "kk", "en", "mixed"]),
                        help="Language(s) spoken.")(command)
