"""Project key material and how it is wrapped: by passphrase (scrypt) and, optionally, to an archive recipient.

Key slots (``keys/keyslots``, vault.keyslots) hold a payload of format ``fieldkit-keyslot/1``: the same scrypt
fields and passphrase-wrapped age file as format 2 below, the archive copy of the keys (age, to the
institution's recipients) and a check value that tells which slot holds the database's current key without
any scrypt. A rotation re-wraps a new key to the *same* passphrase-derived recipient (``KeyWrapper``, kept
inside the encrypted database), so the project can change its key after every destruction without asking for
the passphrase again.

Passphrase wrapping (format 2, ``keys/passphrase.key``): scrypt with a fixed, documented work factor derives an
X25519 age identity from the passphrase and a random salt; the project keys are a standard (armored) age file to
that identity's recipient, kept in a small TOML file beside the scrypt parameters. Unlike age's own scrypt
recipient, whose decryptor refuses a work factor it estimates to take too long on *this* machine *now*, the
derivation always runs to the end: a busy CPU makes an unlock slower, never refused, and the factor never
depends on how busy the machine was when the project was made. docs/design.md gives the derivation, so an
institution can recompute the identity with any scrypt and any age implementation.

Format 1 (``keys/identity.age``, an age scrypt file) is still read, and rewritten as format 2 after the
first successful unlock.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import secrets
import time
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import bech32
import pyrage

from fieldkit.errors import Busy, ProjectError, UsageError, WrongPassphrase
from fieldkit.vault import keyslots
from fieldkit.vault.ageformat import AgeFormatError, check_header

MIN_PASSPHRASE_LENGTH = 8
#: zxcvbn's estimate of the guesses an attacker needs, below which a new passphrase is refused: 10^10 is its
#: "very unguessable" band; with a >= 1 s scrypt that is centuries for one core, years for a large rig.
MIN_PASSPHRASE_GUESSES_LOG10 = 10.0
_KEY_HINT = "restore keys/passphrase.key from a backup, or recover with the archive key; without a key file the" \
            " project cannot be opened"
#: Highest scrypt work factor accepted when unwrapping (as age's reference implementation): a key file
#: swapped for one with a huge work factor would otherwise hang or exhaust the laptop.
MAX_SCRYPT_WORK_FACTOR = 22
#: The lowest scrypt work factor (log2 N) a new project gets: N = 2^18, r = 8, p = 1 takes 256 MiB and about
#: a second on a 2020 laptop. A faster machine gets more (calibrate_work_factor), never less.
WORK_FACTOR = 18
#: The highest factor calibration picks: 2^20 needs 1 GiB, and Python's scrypt refuses 2 GiB.
MAX_CALIBRATED_WORK_FACTOR = 20
#: What calibration aims for: unwrapping takes at least 1 s on the machine that made the project, with a quarter
#: to spare for the probe's noise (a quiet machine later unwraps faster than the busy one measured).
UNLOCK_TARGET_S = 1.25
SCRYPT_R, SCRYPT_P = 8, 1
KEY_FORMAT = "fieldkit-passphrase/2"
SLOT_FORMAT = "fieldkit-keyslot/1"
#: Domain separation: the salt fed to scrypt is this prefix followed by the file's random 16-byte salt.
SALT_PREFIX = b"fieldkit-passphrase/2:"


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


def check_new_passphrase(passphrase: str, *, user_inputs: tuple[str, ...] = ()) -> None:
    """Refuse a passphrase an offline attacker with the disk would guess: too short, or estimated by zxcvbn
    to fall in fewer than 10^MIN_PASSPHRASE_GUESSES_LOG10 guesses (``user_inputs``: words the attacker knows,
    such as the project's folder name). The hint is zxcvbn's own feedback when it has any."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise UsageError(
            f"passphrase too short (at least {MIN_PASSPHRASE_LENGTH} characters)",
            "use several unrelated words; a border guard can try millions of short ones",
        )
    from zxcvbn import zxcvbn

    estimate = zxcvbn(passphrase[:100], user_inputs=["fieldkit", *user_inputs])
    if estimate["guesses_log10"] < MIN_PASSPHRASE_GUESSES_LOG10:
        feedback = estimate.get("feedback") or {}
        said = " ".join(part for part in [feedback.get("warning") or "", *(feedback.get("suggestions") or [])]
                        if part)
        raise UsageError(
            f"passphrase too weak: about 10^{estimate['guesses_log10']:.0f} guesses would find it (at least"
            f" 10^{MIN_PASSPHRASE_GUESSES_LOG10:.0f} needed)",
            (said + " " if said else "") + "four or five unrelated words, in any language, are strong and memorable",
        )


def calibrate_work_factor(*, target_s: float = UNLOCK_TARGET_S,
                          timer: Callable[[], float] = time.perf_counter) -> int:
    """The scrypt work factor that makes one unwrap take at least ``target_s`` on this machine now: time a
    small scrypt (2^14, twice, the faster run) and scale, as scrypt's cost grows linearly with N. Never below
    WORK_FACTOR (a busy machine measures slow and would pick less) nor above MAX_CALIBRATED_WORK_FACTOR."""
    probe = 14
    runs = []
    for _ in range(2):
        start = timer()
        hashlib.scrypt(b"calibration", salt=SALT_PREFIX, n=2 ** probe, r=SCRYPT_R, p=SCRYPT_P, dklen=32,
                       maxmem=256 * SCRYPT_R * 2 ** probe)
        runs.append(timer() - start)
    per_unit = max(min(runs), 1e-9)
    for factor in range(WORK_FACTOR, MAX_CALIBRATED_WORK_FACTOR + 1):
        if per_unit * 2 ** (factor - probe) >= target_s:
            return factor
    return MAX_CALIBRATED_WORK_FACTOR


def passphrase_identity(passphrase: str, salt: bytes, work_factor: int) -> pyrage.x25519.Identity:
    """The age X25519 identity a passphrase derives: scrypt(NFC UTF-8 passphrase, SALT_PREFIX + salt,
    N = 2^work_factor, r = 8, p = 1, 32 bytes), Bech32-encoded as AGE-SECRET-KEY-1…"""
    secret = hashlib.scrypt(unicodedata.normalize("NFC", passphrase).encode("utf-8"), salt=SALT_PREFIX + salt,
                            n=2 ** work_factor, r=SCRYPT_R, p=SCRYPT_P, dklen=32,
                            maxmem=min(256 * SCRYPT_R * 2 ** work_factor, 2 ** 31 - 1))
    encoded = bech32.bech32_encode("age-secret-key-", bech32.convertbits(secret, 8, 5))
    return pyrage.x25519.Identity.from_str(encoded.upper())


def wrap_with_passphrase(keys: ProjectKeys, passphrase: str, *, work_factor: int = WORK_FACTOR) -> bytes:
    """The project keys wrapped with the passphrase (format 2, TOML text; see the module docstring).
    ``work_factor`` is for tests that are not about the unlock's cost; fieldkit itself always uses WORK_FACTOR."""
    if not 1 <= work_factor <= MAX_SCRYPT_WORK_FACTOR:
        raise UsageError(f"scrypt work factor {work_factor} is out of range")
    salt = secrets.token_bytes(16)
    identity = passphrase_identity(passphrase, salt, work_factor)
    armored = pyrage.encrypt(keys.serialise(), [identity.to_public()], armored=True).decode("ascii")
    return (
        "# fieldkit project keys, wrapped with the passphrase (docs/design.md, \"Passphrase wrapping\").\n"
        f'format = "{KEY_FORMAT}"\nkdf = "scrypt"\nwork_factor = {work_factor}\nr = {SCRYPT_R}\np = {SCRYPT_P}\n'
        f'salt = "{base64.b64encode(salt).decode()}"\nage = """\n{armored.strip()}\n"""\n'
    ).encode("ascii")


def is_legacy_key_file(wrapped: bytes) -> bool:
    """Format 1: an age scrypt file (keys/identity.age of projects made before format 2)."""
    return wrapped.startswith(b"age-encryption.org/v1\n")


def _parse_wrapped(wrapped: bytes, expected_format: str = KEY_FORMAT) -> tuple[int, bytes, bytes]:
    """(work factor, salt, age file) of a format-2 key file or a key slot; ProjectError when it is not one."""
    try:
        fields = tomllib.loads(wrapped.decode("utf-8"))
        if fields.get("format") != expected_format or fields.get("kdf") != "scrypt":
            raise ValueError("not a format-2 key file")
        if (fields.get("r"), fields.get("p")) != (SCRYPT_R, SCRYPT_P):
            raise ValueError("unexpected scrypt parameters")
        factor = fields["work_factor"]
        salt = base64.b64decode(fields["salt"], validate=True)
        armored = fields["age"].strip().encode("ascii")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ProjectError("the project's key file is damaged (not a fieldkit passphrase key file)",
                           _KEY_HINT) from exc
    if not isinstance(factor, int) or isinstance(factor, bool) or not 1 <= factor <= MAX_SCRYPT_WORK_FACTOR:
        raise ProjectError("the project's key file asks for an invalid or excessive scrypt work factor", _KEY_HINT)
    if len(salt) != 16:
        raise ProjectError("the project's key file has a salt of the wrong length", _KEY_HINT)
    return factor, salt, armored


def work_factor_of(wrapped: bytes) -> int | None:
    """The scrypt work factor a key file uses (format 1, 2 or key slots), or None when it cannot be read."""
    if keyslots.is_slot_file(wrapped):
        for payload in filter(None, keyslots.parse(wrapped)):
            with contextlib.suppress(ProjectError):
                return _parse_wrapped(payload, SLOT_FORMAT)[0]
        return None
    if is_legacy_key_file(wrapped):
        for line in wrapped.split(b"\n---", 1)[0].split(b"\n"):
            parts = line.split(b" ")
            if line.startswith(b"-> scrypt ") and len(parts) == 4 and parts[3].isdigit():
                return int(parts[3])
        return None
    try:
        return _parse_wrapped(wrapped)[0]
    except ProjectError:
        return None


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
    """Open a key file of either format. Only a passphrase that does not open it is WrongPassphrase (which a
    policy may count); a damaged file is ProjectError and a machine too busy for age's format-1 decryptor is
    Busy, neither of which counts as a failed unlock. A key-slot file gives the keys of the first live slot the
    passphrase opens (which one the database answers to is vault.project's question)."""
    if keyslots.is_slot_file(wrapped):
        for payload in filter(None, keyslots.parse(wrapped)):
            with contextlib.suppress(WrongPassphrase):
                return open_slot(payload, passphrase)[0]
        raise WrongPassphrase("wrong passphrase (or a damaged key file)")
    if is_legacy_key_file(wrapped):
        try:
            plain = decrypt_passphrase_file(wrapped, passphrase)
        except pyrage.DecryptError as exc:
            if "xcessive work" in str(exc):  # rage's estimate of the time scrypt would take on this machine now
                raise Busy("this machine is too busy to unlock the project now (age's scrypt decryptor refused"
                           " to start)", "close other programs and try again; the passphrase was not counted"
                           " as wrong") from exc
            raise WrongPassphrase("wrong passphrase (or a damaged key file)") from exc
        return ProjectKeys.parse(plain)
    factor, salt, armored = _parse_wrapped(wrapped)
    identity = passphrase_identity(passphrase, salt, factor)
    try:
        plain = pyrage.decrypt(armored, [identity])
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


@dataclass(frozen=True)
class KeyWrapper:
    """What re-wrapping a new key to the passphrase needs, without the passphrase: the scrypt salt and work
    factor and the public recipient they derive. Kept inside the encrypted database (public-key material, no
    secret), so a rotation after a destruction never asks for the passphrase."""

    salt: bytes
    work_factor: int
    recipient: str

    def to_json(self) -> str:
        return json.dumps({"salt": base64.b64encode(self.salt).decode(), "work_factor": self.work_factor,
                           "recipient": self.recipient}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> KeyWrapper:
        fields = json.loads(text)
        return cls(base64.b64decode(fields["salt"]), int(fields["work_factor"]), str(fields["recipient"]))


def new_wrapper(passphrase: str, work_factor: int) -> KeyWrapper:
    """A fresh salt for ``passphrase`` and the recipient it derives (one scrypt)."""
    if not 1 <= work_factor <= MAX_SCRYPT_WORK_FACTOR:
        raise UsageError(f"scrypt work factor {work_factor} is out of range")
    salt = secrets.token_bytes(16)
    return KeyWrapper(salt, work_factor, str(passphrase_identity(passphrase, salt, work_factor).to_public()))


def key_check(db_key: bytes) -> str:
    """A value that names a database key without revealing it (which slot holds the current key)."""
    return hashlib.sha256(b"fieldkit-keyslot-check:" + db_key).hexdigest()[:32]


def slot_payload(project_keys: ProjectKeys, wrapper: KeyWrapper, archive_recipients: list | tuple = ()) -> bytes:
    """A key slot's payload (format ``fieldkit-keyslot/1``, TOML): the keys wrapped to the passphrase's
    recipient and, with archive recipients, to them as well (base64 of a binary age file, keys/archive.age)."""
    armored = pyrage.encrypt(project_keys.serialise(), [pyrage.x25519.Recipient.from_str(wrapper.recipient)],
                             armored=True).decode("ascii")
    lines = [
        "# fieldkit project keys in a key slot (docs/design.md, \"Key slots\").",
        f'format = "{SLOT_FORMAT}"', 'kdf = "scrypt"', f"work_factor = {wrapper.work_factor}",
        f"r = {SCRYPT_R}", f"p = {SCRYPT_P}", f'salt = "{base64.b64encode(wrapper.salt).decode()}"',
        f'key_check = "{key_check(project_keys.db_key)}"',
    ]
    if archive_recipients:
        archive = wrap_for_recipient(project_keys, list(archive_recipients))
        lines.append(f'archive = "{base64.b64encode(archive).decode()}"')
    lines.append(f'age = """\n{armored.strip()}\n"""')
    return ("\n".join(lines) + "\n").encode("ascii")


def _slot_fields(payload: bytes) -> dict:
    try:
        fields = tomllib.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProjectError("a key slot is damaged (not a fieldkit key slot)", _KEY_HINT) from exc
    if fields.get("format") != SLOT_FORMAT:
        raise ProjectError("a key slot is damaged (not a fieldkit key slot)", _KEY_HINT)
    return fields


def slot_key_check(payload: bytes) -> str | None:
    """The key check a slot records (no scrypt); None when it has none."""
    value = _slot_fields(payload).get("key_check")
    return value if isinstance(value, str) else None


def slot_archive(payload: bytes) -> bytes | None:
    """The archive copy of the keys a slot carries (the bytes of keys/archive.age), if any."""
    value = _slot_fields(payload).get("archive")
    if not isinstance(value, str):
        return None
    try:
        return base64.b64decode(value, validate=True)
    except ValueError as exc:
        raise ProjectError("a key slot's archive copy is damaged", _KEY_HINT) from exc


def open_slot(payload: bytes, passphrase: str) -> tuple[ProjectKeys, KeyWrapper]:
    """Unwrap a slot with the passphrase (one scrypt). WrongPassphrase when it does not open it."""
    factor, salt, armored = _parse_wrapped(payload, SLOT_FORMAT)
    identity = passphrase_identity(passphrase, salt, factor)
    try:
        plain = pyrage.decrypt(armored, [identity])
    except pyrage.DecryptError as exc:
        raise WrongPassphrase("wrong passphrase (or a damaged key file)") from exc
    return ProjectKeys.parse(plain), KeyWrapper(salt, factor, str(identity.to_public()))
