"""The linking key: code → name and contact, kept only if the policy allows it.

It is one encrypted object (kind ``linking_key``) with its own retention rule, so it can be destroyed
alone — e.g. 30 days after the project ends — while the coded data stays usable. Every change writes a
new object and shreds the old one in the same transaction.
"""

from __future__ import annotations

import json

from fieldkit.consent.respondents import require_respondent
from fieldkit.errors import GateClosed, NotFound, ObjectDestroyed, UsageError
from fieldkit.stored import StoredModel, StrictModel, dump_stored, load_stored
from fieldkit.vault.db import delete_meta, get_meta, set_meta
from fieldkit.vault.project import Project

META_KEY = "linking_key_object"


class StoredLink(StrictModel):
    name: str
    contact: str


class StoredLinkingKey(StoredModel):
    """Version 2: ``{"schema": 2, "respondents": {code: {name, contact}}}``. Version 1 (unversioned) was the
    respondents table alone; it is read by wrapping it (a respondent code can never be "schema")."""

    SCHEMA = 2
    respondents: dict[str, StoredLink]


def decode(data: bytes) -> dict[str, dict[str, str]]:
    """The code → {name, contact} table of a stored linking key, validated (CorruptObject otherwise)."""
    try:
        raw = json.loads(data)
    except ValueError:
        raw = None  # load_stored reports it
    if isinstance(raw, dict) and "schema" not in raw:
        data = json.dumps({"schema": 1, "respondents": raw}, ensure_ascii=False).encode()
    stored = load_stored(StoredLinkingKey, data, "linking key")
    return {code: entry.model_dump() for code, entry in stored.respondents.items()}


def encode(table: dict[str, dict[str, str]]) -> bytes:
    return dump_stored(StoredLinkingKey, {"respondents": table}, sort_keys=True)


def _current(project: Project) -> tuple[dict[str, dict[str, str]], str | None]:
    object_id = get_meta(project.conn, META_KEY)
    if object_id is None:
        return {}, None
    return decode(project.objects.get(object_id)), object_id


def _write(project: Project, table: dict[str, dict[str, str]], old: str | None) -> None:
    if not table:
        if old:
            with project.transaction():
                delete_meta(project.conn, META_KEY)
            project.objects.shred(old, reason="emptied")
        return

    def point(conn, object_id: str) -> None:
        set_meta(conn, META_KEY, object_id)

    project.objects.put("linking_key", encode(table), on_stored=point, replaces=(old,))


def set_link(project: Project, respondent: str, name: str, contact: str = "") -> None:
    if not project.policy.linking_key_allowed:
        raise GateClosed("this project's policy forbids a linking key", "keep no record of who each code is")
    if require_respondent(project, respondent) == "withdrawn":
        raise GateClosed(f"respondent {respondent} has withdrawn; their identity must not be stored",
                         "nothing was stored: a withdrawn respondent's identity is kept nowhere")
    if not name.strip():
        raise UsageError("no name given",
                         "type the respondent's name at the prompt, or pipe it in (never as an argument)")
    table, old = _current(project)
    table[respondent] = {"name": name.strip(), "contact": contact.strip()}
    _write(project, table, old)


def lookup(project: Project, respondent: str) -> dict[str, str]:
    table, _ = _current(project)
    if respondent not in table:
        raise NotFound(f"the linking key has no entry for {respondent}",
                       f"record one with `fieldkit respondent link {respondent}` (the name is read from stdin or a"
                       " prompt)")
    return table[respondent]


def forget_respondent(project: Project, respondent: str) -> bool:
    """Remove one respondent from the linking key (withdrawal); the old object is shredded."""
    table, old = _current(project)
    if respondent not in table:
        return False
    del table[respondent]
    _write(project, table, old)
    return True


def linked_names(project: Project) -> list[str]:
    """Every name in the linking key (for the project lexicon); empty when there is none or it was destroyed."""
    try:
        table, _ = _current(project)
    except ObjectDestroyed:
        return []
    return [entry["name"] for _code, entry in sorted(table.items()) if entry.get("name")]
