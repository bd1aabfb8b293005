"""Consent scripts (policies/consent/<id>.<lang>.toml): the statement read aloud and the items asked.

The exact text read is hashed into every consent record, so a record always says which wording the
respondent heard, even after the script is revised (a revision must raise ``version``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, model_validator

from fieldkit.errors import PolicyError, UsageError
from fieldkit.retention.policy import (
    Policy,
    StrictTable,
    Text,
    entries,
    one_of,
    problem,
    read_toml,
    schema_error,
    worded,
)

LANGUAGES = ("en", "ru", "kk")
SCRIPT_EXAMPLE = "fieldkit/policies/consent/standard-oral.en.toml"
Language = one_of(*LANGUAGES)


@dataclass(frozen=True)
class Item:
    id: str
    question: str
    required: bool


@dataclass(frozen=True)
class ConsentScript:
    id: str
    version: int
    language: str
    title: str
    statement: str
    items: tuple[Item, ...]

    @property
    def text(self) -> str:
        """The exact words read to the respondent, in a canonical layout."""
        questions = "\n".join(f"{item.id}: {item.question}" for item in self.items)
        return f"{self.title}\n\n{self.statement.strip()}\n\n{questions}\n"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise UsageError(f"consent script {self.id} has no item {item_id!r}",
                         f"items: {', '.join(i.id for i in self.items)}")


def scripts_dir() -> Path:
    return Path(str(resources.files("fieldkit") / "policies" / "consent"))


class ScriptHead(StrictTable):
    """[script]"""

    id: Text
    version: Annotated[int, Field(ge=1), worded("must be a whole number, 1 or more",
                                                "raise it whenever the wording changes")]
    language: Language
    title: Text
    statement: Text


class ItemEntry(StrictTable):
    """[[items]]"""

    id: Text
    question: Text
    required: Annotated[bool, worded("must be true or false")]


class ScriptFile(StrictTable):
    """A whole consent script file: [script] and [[items]], nothing else."""

    script: ScriptHead
    items: Annotated[list[ItemEntry], entries("items")]

    @model_validator(mode="after")
    def _items_make_sense(self) -> ScriptFile:
        seen: set[str] = set()
        for index, item in enumerate(self.items):
            if item.id in seen:
                raise problem(f"{item.id!r} is asked twice", "give each [[items]] entry its own id",
                              at=("items", index, "id"))
            seen.add(item.id)
        if not any(item.id == "participate" and item.required for item in self.items):
            raise problem("a consent script must ask the required item 'participate'",
                          'add an [[items]] entry with id = "participate" and required = true', at=("items",))
        return self


def parse_script(raw: bytes, name: str) -> ConsentScript:
    """A consent script file, validated against :class:`ScriptFile`; a PolicyError with file:line otherwise."""
    text, data = read_toml(raw, name)
    try:
        document = ScriptFile.model_validate(data)
    except ValidationError as exc:
        raise schema_error(name, text, exc, ScriptFile, what="consent script", example=SCRIPT_EXAMPLE) from exc
    head = document.script
    items = tuple(Item(item.id, item.question, item.required) for item in document.items)
    return ConsentScript(head.id, head.version, head.language, head.title, head.statement, items)


def load_script(script_id: str, language: str) -> ConsentScript:
    if language not in LANGUAGES:
        raise UsageError(f"no consent language {language!r}", f"choose one of {', '.join(LANGUAGES)}")
    path = scripts_dir() / f"{script_id}.{language}.toml"
    if not path.is_file():
        raise PolicyError(f"no consent script {script_id!r} in language {language!r}",
                          f"expected {path.name} in policies/consent/")
    script = parse_script(path.read_bytes(), path.name)
    if script.id != script_id or script.language != language:
        raise PolicyError(f"{path.name}: its [script] id or language does not match the file name")
    return script


def available_scripts() -> dict[str, tuple[str, ...]]:
    """The installed consent scripts: script id -> the languages it exists in (in LANGUAGES order)."""
    found: dict[str, list[str]] = {}
    for path in sorted(scripts_dir().glob("*.toml")):
        script_id, _, language = path.stem.rpartition(".")
        if script_id and language in LANGUAGES:
            found.setdefault(script_id, []).append(language)
    return {script_id: tuple(sorted(langs, key=LANGUAGES.index)) for script_id, langs in sorted(found.items())}


def check_policy_references(policy: Policy) -> None:
    """Refuse a policy that names a consent script fieldkit does not have (``fieldkit init`` calls this).

    Each id in the policy's ``[consent] scripts`` must exist in at least one of the languages en/ru/kk
    (``policies/consent/<id>.<lang>.toml``): an interview is held in one language, so a script translated into
    only some of them is allowed (recording consent in a missing language is refused then, by name). Every
    file of a named script is also parsed, so a broken script is reported at init rather than at the first
    interview. The error names the policy file and the line of its ``scripts`` key.
    """
    available = available_scripts()
    listing = ", ".join(f"{script_id} ({'/'.join(langs)})" for script_id, langs in available.items()) or "none"
    for script_id in policy.consent_scripts:
        if script_id not in available:
            raise PolicyError(
                f"{policy.where('consent.scripts')}: consent.scripts: no consent script {script_id!r} in any "
                f"language ({', '.join(LANGUAGES)})",
                f"available scripts: {listing}; a script is policies/consent/<id>.<language>.toml",
            )
        for language in available[script_id]:
            load_script(script_id, language)
