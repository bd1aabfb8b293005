"""Respondent codes: a policy category prefix plus a counter that never goes back, even after destruction."""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.clock import format_instant
from fieldkit.errors import NotFound
from fieldkit.vault.project import Project


def add_respondent(project: Project, category: str) -> str:
    """Allocate the next code in ``category`` (e.g. P1, P2, DE1) and log it."""
    project.policy.category(category)
    with project.transaction():
        row = project.conn.execute(
            "SELECT last FROM category_counters WHERE category = ?", (category,)
        ).fetchone()
        number = (row[0] if row else 0) + 1
        project.conn.execute(
            "INSERT INTO category_counters (category, last) VALUES (?, ?)"
            " ON CONFLICT(category) DO UPDATE SET last = excluded.last",
            (category, number),
        )
        code = f"{category}{number}"
        project.conn.execute(
            "INSERT INTO respondents (code, category, created) VALUES (?, ?, ?)",
            (code, category, format_instant(project.clock.now())),
        )
        project.audit.append("respondent_added", respondent=code, category=category)
    return code


def require_respondent(project: Project, code: str) -> str:
    row = project.conn.execute("SELECT status FROM respondents WHERE code = ?", (code,)).fetchone()
    if row is None:
        raise NotFound(f"no respondent {code}", "add one with `fieldkit respondent add --category P`")
    return row[0]


@dataclass(frozen=True)
class Respondent:
    code: str
    category: str
    status: str  # active | withdrawn


@dataclass(frozen=True)
class Withdrawal:
    when: str  # ISO instant
    scope: str  # all | future-use


def respondent_category(project: Project, code: str) -> str | None:
    row = project.conn.execute("SELECT category FROM respondents WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def withdrawal_of(project: Project, code: str) -> Withdrawal | None:
    """When and how the respondent withdrew, if they did."""
    row = project.conn.execute("SELECT withdrawn, withdrawal_scope FROM respondents WHERE code = ?",
                               (code,)).fetchone()
    return Withdrawal(row[0], row[1]) if row and row[0] else None


def list_respondents(project: Project) -> list[Respondent]:
    """Every respondent in the order they were added (codes and categories only: no identity is stored)."""
    rows = project.conn.execute("SELECT code, category, status FROM respondents ORDER BY rowid").fetchall()
    return [Respondent(*row) for row in rows]
