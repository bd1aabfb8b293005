"""Project key material and how it is wrapped: by passphrase (scrypt) and, optionally, to an archive recipient.

The wrapped file is a standard age file, so an institution can recover it with any age implementation.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

import pyrage

from fieldkit.errors import ProjectError, UsageError, WrongPassphrase
from fieldkit.vault.ageformat import AgeFormatError, check_header

MIN_PASSPHRASE_LENGTH = 8
_KEY_HINT = "restore keys/identity.age from a backup; without it the project cannot be opened"
#: Highest scrypt work factor accepted when unwrapping (as age's reference implementation): a key file
#: swapped for one with a huge work factor would otherwise hang or exhaust the laptop.
MAX_SCRYPT_WORK_FACTOR = 22


@dataclass(frozen=True)
class ProjectKeys:
    """Secrets that unlock a project. Today only the SQLCipher key; per-object keys live inside the database."""

    db_key: bytes

    @classmethod
    def generate(cls) -> ProjectKeys:
        return cls(db_key=secrets.token_bytes(32))

    def serialise(self) -> bytes:
        return json.dumps({"version": 1, "db_key": self.db_key.hex()}).encode()

    @classmethod
    def parse(cls, data: bytes) -> ProjectKeys:
        try:
            payload = json.loads(data)
            key = bytes.fromhex(payload["db_key"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ProjectError("the project key file decrypted but its contents are damaged", _KEY_HINT) from exc
        if len(key) != 32:
            raise ProjectError("the project key file holds a key of the wrong length", _KEY_HINT)
        return cls(db_key=key)


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise UsageError(
            f"passphrase too short (at least {MIN_PASSPHRASE_LENGTH} characters)",
            "use several unrelated words; a border guard can try millions of short ones",
        )


def wrap_with_passphrase(keys: ProjectKeys, passphrase: str) -> bytes:
    return pyrage.passphrase.encrypt(keys.serialise(), passphrase)


def decrypt_passphrase_file(wrapped: bytes, passphrase: str) -> bytes:
    """Decrypt an age scrypt file, refusing excessive work factors before spending any time on them."""
    try:
        check_header(wrapped)
    except AgeFormatError as exc:
        raise pyrage.DecryptError(f"malformed age header: {exc}") from exc
    header = wrapped.split(b"\n---", 1)[0]
    for line in header.split(b"\n"):
        if line.startswith(b"-> scrypt "):
            parts = line.split(b" ")
            factor = parts[3] if len(parts) == 4 else b""
            if not factor.isdigit() or factor.startswith(b"0") or int(factor) > MAX_SCRYPT_WORK_FACTOR:
                raise pyrage.DecryptError("scrypt work factor missing, malformed or too high")
    return pyrage.passphrase.decrypt(wrapped, passphrase)


def unwrap_with_passphrase(wrapped: bytes, passphrase: str) -> ProjectKeys:
    if not wrapped.startswith(b"age-encryption.org/v1\n"):
        raise ProjectError("keys/identity.age is not an age file: the project key is damaged", _KEY_HINT)
    try:
        plain = decrypt_passphrase_file(wrapped, passphrase)
    except pyrage.DecryptError as exc:
        raise WrongPassphrase("wrong passphrase (or a damaged key file)") from exc
    return ProjectKeys.parse(plain)


def parse_recipient(text: str) -> pyrage.x25519.Recipient:
    try:
        return pyrage.x25519.Recipient.from_str(text.strip())
    except pyrage.RecipientError as exc:
        raise UsageError(
            "not an age X25519 recipient", "an archive recipient looks like age1… (from age-keygen)"
        ) from exc


def wrap_for_recipient(keys: ProjectKeys, recipient) -> bytes:
    """The project keys as an age file to one recipient or a list of them (any one can open it)."""
    recipients = recipient if isinstance(recipient, list | tuple) else [recipient]
    return pyrage.encrypt(keys.serialise(), list(recipients))


def unwrap_with_identity(wrapped: bytes, identity: str) -> ProjectKeys:
    """Open a recipient-wrapped key file with an X25519 identity (AGE-SECRET-KEY-1…)."""
    try:
        parsed = pyrage.x25519.Identity.from_str(identity.strip())
    except pyrage.IdentityError as exc:
        raise UsageError("not an age identity", "it looks like AGE-SECRET-KEY-1…") from exc
    try:
        check_header(wrapped)
        plain = pyrage.decrypt(wrapped, [parsed])
    except (AgeFormatError, pyrage.DecryptError) as exc:
        raise WrongPassphrase("this key does not open the project's key file",
                              "check that it is the key your institution sent for this project") from exc
    return ProjectKeys.parse(plain)
