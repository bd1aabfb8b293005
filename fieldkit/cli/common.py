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


# --- identifying text, kept off the command line ---------------------------------------------------------------
# Free text that may identify someone (a respondent's name, a span to redact, a memo, a quote) never comes from
# an argument: every local user can read a process's command line (ps, /proc/PID/cmdline) and shell history
# keeps it. Each such value has a --NAME-file PATH option; PATH "-" reads stdin, or asks at a prompt in a
# terminal. The old --NAME option stays, hidden, only to take "-" (the same as --NAME-file -) and to refuse any
# other value with a hint, before the project is opened, so nothing is written.

STDIN = "-"
ON_ARGV = "every local user can see it (ps), and shell history keeps it"


def stdin_is_terminal() -> bool:
    """Whether a person at a terminal can be asked (the tests replace this to drive the prompts)."""
    return sys.stdin.isatty()


def file_option(name: str, dest: str, what: str):
    """``--NAME-file PATH``: where ``what`` is read from ('-': stdin, or a prompt in a terminal)."""
    return click.option(f"--{name}-file", dest, metavar="PATH",
                        type=click.Path(exists=True, dir_okay=False, allow_dash=True),
                        help=f"{what[0].upper()}{what[1:]}, read from PATH ('-': stdin, or typed at a prompt in a"
                             " terminal).")


def text_option(name: str, dest: str, what: str):
    """``--NAME-file PATH`` and the hidden ``--NAME`` that only refuses text (see :func:`text_source`)."""
    def decorate(command):
        command = file_option(name, f"{dest}_file", what)(command)
        return click.option(f"--{name}", dest, hidden=True)(command)
    return decorate


def text_source(label: str, given: str | None, path: str | None, hint: str | None = None) -> str | None:
    """Where a value comes from: a file path, ``-`` (stdin or a prompt), or None when not given. Text given on
    the command line is refused: called before the project is opened, so nothing is written. ``label`` is the
    option (``--memo``); the default hint names ``--memo-file``."""
    if given is not None and given != STDIN:
        raise UsageError(f"{label} on the command line is refused: {ON_ARGV}",
                         hint or f"put it in a file and pass {label}-file FILE, or pass {label}-file - to pipe it"
                                 " in or type it at a prompt; nothing was changed")
    if given is not None and path is not None:
        raise UsageError(f"{label}: give '-' or a file, not both")
    return path if path is not None else given


def text_sources(options: dict[str, tuple[str | None, str | None]]) -> dict[str, str | None]:
    """:func:`text_source` for each option (``{"--memo": (given, path)}``); two cannot share a piped stdin."""
    sources = {label: text_source(label, given, path) for label, (given, path) in options.items()}
    piped = [label for label, source in sources.items() if source == STDIN]
    if len(piped) > 1 and not stdin_is_terminal():
        raise UsageError(f"{' and '.join(piped)} cannot both read stdin",
                         "put all but one of them in files (--NAME-file FILE); nothing was changed")
    return sources


def read_texts(sources: dict[str, str | None]) -> dict[str, str | None]:
    """Each source read with :func:`read_text` (the prompt named after its option); None stays None."""
    return {label: None if source is None else read_text(source, label.lstrip("-"))
            for label, source in sources.items()}


def read_text(source: str, prompt: str) -> str:
    """The text in file ``source``, or for ``-`` on stdin or typed at a prompt, without white space around it."""
    if source != STDIN:
        return read_file(Path(source)).strip()
    if stdin_is_terminal():
        return click.prompt(prompt, default="", show_default=False, err=True).strip()
    return read_stdin().strip()


def read_file(path: Path) -> str:
    """A UTF-8 text file (CRLF read as LF); refused, with nothing changed, when unreadable or not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}", "check the path and its permissions; nothing was changed") from exc
    return decode_text(raw, str(path))


def read_stdin() -> str:
    """All of stdin as text (UTF-8, CRLF read as LF)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # stdin replaced by a text stream (embedding): already text
        return sys.stdin.read().replace("\r\n", "\n")
    return decode_text(stream.read(), "stdin")


def decode_text(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise UsageError(f"the text in {where} is not UTF-8", "save it as UTF-8; nothing was changed") from exc
