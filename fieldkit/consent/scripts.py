"""Consent scripts (policies/consent/<id>.<lang>.toml): the statement read aloud, the items asked, and the
words the front ends use around them in the script's language (``[ui]``: yes/no, "required", the read-back
summary and its confirmation).

The exact text read is hashed into every consent record, so a record always says which wording the
respondent heard, even after the script is revised (a revision must raise ``version``). The ``[ui]`` words
are not part of that text: they frame the questions, they are not what the respondent agrees to.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
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
class ScriptUI:
    """The words said or shown around the items, in the script's language (the file's ``[ui]`` table)."""

    yes: str = "yes"
    no: str = "no"
    required: str = "required"
    read_aloud: str = "Read aloud:"
    answer: str = "Please answer yes or no."
    summary: str = "Your answers:"
    confirm: str = "Are these answers right? Record the consent?"
    recorded: str = "Consent recorded."
    not_recorded: str = "Nothing was recorded."

    def word(self, value: bool) -> str:
        return self.yes if value else self.no


@dataclass(frozen=True)
class ConsentScript:
    id: str
    version: int
    language: str
    title: str
    statement: str
    items: tuple[Item, ...]
    ui: ScriptUI = field(default_factory=ScriptUI)

    @property
    def text(self) -> str:
        """The exact words read to the respondent, in a canonical layout."""
        questions = "\n".join(f"{item.id}: {item.question}" for item in self.items)
        return f"{self.title}\n\n{self.statement.strip()}\n\n{questions}\n"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def paragraphs(self) -> list[str]:
        """The statement reflowed for display (see :func:`reflow`); the hashed :attr:`text` keeps its lines."""
        return reflow(self.statement)

    def summary(self, answers: dict[str, bool]) -> list[str]:
        """The read-back: each item answered so far (in script order) and its answer, in the script's words."""
        return [f"{n}. {item.question} — {self.ui.word(answers[item.id])}"
                for n, item in enumerate(self.items, 1) if item.id in answers]

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise UsageError(f"consent script {self.id} has no item {item_id!r}",
                         f"items: {', '.join(i.id for i in self.items)}")


_SENTENCE_END = re.compile(r"[.!?…][»\"'”)]*$")


def reflow(text: str) -> list[str]:
    """The paragraphs of a script text, each joined into one line so a screen can wrap it to its own width.

    The files break lines at about 110 characters for editing; shown as they are, those breaks wrap raggedly
    on a narrower screen. A paragraph ends at a blank line, and at a line that ends a sentence (the files put
    each new thought on a new line without a blank one between).
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.strip().splitlines():
        line = line.strip()
        if line:
            current.append(line)
        if current and (not line or _SENTENCE_END.search(line)):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


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


class UIWords(StrictTable):
    """[ui]: what the front ends say around the items, in the script's language."""

    yes: Text
    no: Text
    required: Text
    read_aloud: Text
    answer: Text
    summary: Text
    confirm: Text
    recorded: Text
    not_recorded: Text

    @model_validator(mode="after")
    def _yes_is_not_no(self) -> UIWords:
        if self.yes.strip().casefold() == self.no.strip().casefold():
            raise problem("yes and no are the same word", "give the two answers different words", at=("no",))
        return self


class ScriptFile(StrictTable):
    """A whole consent script file: [script], [ui] and [[items]], nothing else."""

    script: ScriptHead
    ui: UIWords
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
    ui = ScriptUI(**document.ui.model_dump())
    return ConsentScript(head.id, head.version, head.language, head.title, head.statement, items, ui)


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
