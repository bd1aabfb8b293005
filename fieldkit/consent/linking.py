"""The linking key: code → name and contact, kept only if the policy allows it.

It is one encrypted object (kind ``linking_key``) with its own retention rule, so it can be destroyed
alone — e.g. 30 days after the project ends — while the coded data stays usable. Every change writes a
new object and shreds the old one in the same transaction.
"""

from __future__ import annotations

import json

from fieldkit.consent.respondents import require_respondent
from fieldkit.errors import GateClosed, NotFound, UsageError
from fieldkit.vault.project import Project

META_KEY = "linking_key_object"


def _current(project: Project) -> tuple[dict[str, dict[str, str]], str | None]:
    row = project.conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    if row is None:
        return {}, None
    return json.loads(project.objects.get(row[0])), row[0]


def _write(project: Project, table: dict[str, dict[str, str]], old: str | None) -> None:
    if not table:
        if old:
            with project.transaction():
                project.conn.execute("DELETE FROM meta WHERE key = ?", (META_KEY,))
            project.objects.shred(old, reason="emptied")
        return

    def point(conn, object_id: str) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (META_KEY, object_id),
        )

    data = json.dumps(table, ensure_ascii=False, sort_keys=True).encode()
    project.objects.put("linking_key", data, on_stored=point, replaces=(old,))


def set_link(project: Project, respondent: str, name: str, contact: str = "") -> None:
    if not project.policy.linking_key_allowed:
        raise GateClosed("this project's policy forbids a linking key", "keep no record of who each code is")
    if require_respondent(project, respondent) == "withdrawn":
        raise GateClosed(f"respondent {respondent} has withdrawn; their identity must not be stored",
                         "nothing was stored: a withdrawn respondent's identity is kept nowhere")
    if not name.strip():
        raise UsageError("no name given", "pass --name with the respondent's name")
    table, old = _current(project)
    table[respondent] = {"name": name.strip(), "contact": contact.strip()}
    _write(project, table, old)


def lookup(project: Project, respondent: str) -> dict[str, str]:
    table, _ = _current(project)
    if respondent not in table:
        raise NotFound(f"the linking key has no entry for {respondent}",
                       f"record one with `fieldkit respondent link {respondent} --name NAME`")
    return table[respondent]


def forget_respondent(project: Project, respondent: str) -> bool:
    """Remove one respondent from the linking key (withdrawal); the old object is shredded."""
    table, old = _current(project)
    if respondent not in table:
        return False
    del table[respondent]
    _write(project, table, old)
    return True
