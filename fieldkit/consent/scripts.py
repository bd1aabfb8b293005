"""Consent scripts (policies/consent/<id>.<lang>.toml): the statement read aloud and the items asked.

The exact text read is hashed into every consent record, so a record always says which wording the
respondent heard, even after the script is revised (a revision must raise ``version``).
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fieldkit.errors import PolicyError, UsageError

LANGUAGES = ("en", "ru", "kk")


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


def parse_script(raw: bytes, name: str) -> ConsentScript:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        head = data["script"]
        items = tuple(Item(str(i["id"]), str(i["question"]), bool(i["required"])) for i in data["items"])
        script = ConsentScript(str(head["id"]), int(head["version"]), str(head["language"]), str(head["title"]),
                               str(head["statement"]), items)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"{name}: not a valid consent script: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise PolicyError(f"{name}: consent script field missing or wrong: {exc}") from exc
    if not any(item.id == "participate" and item.required for item in script.items):
        raise PolicyError(f"{name}: a consent script must ask the required item 'participate'")
    return script


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
