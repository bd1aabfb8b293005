"""Recorded intents: how an operation that spans several transactions, or touches files after a commit, is
made all-or-nothing.

The operation writes its intent (a kind, a subject and what it needs to finish) in its first transaction,
then performs steps that can each be repeated safely, and deletes the intent in its last one. If the
process dies in between, the intent is still in the database: the next opening of the project (with no other
fieldkit process open on it) finishes it by calling the finisher registered for its kind, and the start-up
report says so. A rerun of the interrupted command finds the intent and finishes the operation too, rather
than refusing because the first steps were already done.

Finishers are registered by the layer that owns the operation (the vault for its own file steps, services
for withdrawal and discard), so this module knows no operation by name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fieldkit.clock import format_instant


@dataclass(frozen=True)
class Intent:
    id: int
    kind: str
    subject: str | None
    data: dict[str, Any]
    started: str


#: kind -> finisher(project, intent) returning the line the start-up report shows (None: nothing to say).
_FINISHERS: dict[str, Callable[[Any, Intent], str | None]] = {}


def register(kind: str, finisher: Callable[[Any, Intent], str | None]) -> None:
    _FINISHERS[kind] = finisher


def begin(conn, clock, kind: str, subject: str | None = None, **data: Any) -> int:
    """Inside the caller's first transaction: record what is about to happen; returns the intent's id."""
    cursor = conn.execute("INSERT INTO intents (kind, subject, data, started) VALUES (?, ?, ?, ?)",
                          (kind, subject, json.dumps(data, sort_keys=True), format_instant(clock.now())))
    return int(cursor.lastrowid)


def finish(conn, intent_id: int) -> None:
    """Inside the caller's last transaction: the operation is complete."""
    conn.execute("DELETE FROM intents WHERE id = ?", (intent_id,))


def pending(conn, kind: str | None = None, subject: str | None = None) -> list[Intent]:
    """Intents not finished, oldest first (optionally of one kind and subject)."""
    query, params = "SELECT id, kind, subject, data, started FROM intents", []
    clauses = []
    if kind is not None:
        clauses.append("kind = ?")
        params.append(kind)
    if subject is not None:
        clauses.append("subject = ?")
        params.append(subject)
    if clauses:
        query += " WHERE " + " AND ".join(clauses)
    rows = conn.execute(query + " ORDER BY id", params).fetchall()
    return [Intent(row[0], row[1], row[2], json.loads(row[3]), row[4]) for row in rows]


def finish_interrupted(project) -> list[str]:
    """Finish every intent left by a process that died; returns what the start-up report says about each.
    Call only when no other fieldkit process has the project open (their intents are still running)."""
    lines = []
    for intent in pending(project.conn):
        if intent.id not in project.interrupted:
            continue  # begun after this process opened the project: another process is running it
        finisher = _FINISHERS.get(intent.kind)
        if finisher is None:
            lines.append(f"an interrupted {intent.kind} could not be finished by this version of fieldkit")
            continue
        line = finisher(project, intent)
        if line:
            lines.append(line)
    return lines
