"""Interview records: which respondent, which stored objects, and how far along the pipeline it is."""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.clock import format_instant
from fieldkit.errors import NotFound
from fieldkit.vault.project import Project


@dataclass(frozen=True)
class Interview:
    id: str
    respondent: str
    created: str
    source: str
    audio_object: str | None
    transcript_object: str | None
    anonymised_object: str | None
    language: str | None
    approved: str | None
    review_object: str | None


_COLUMNS = (
    "id, respondent, created, source, audio_object, transcript_object, anonymised_object, language, approved,"
    " review_object"
)


def new_interview_id(project: Project, respondent: str) -> str:
    """Interview ids are the respondent code and a running number: P1-1, P1-2, …"""
    (count,) = project.conn.execute(
        "SELECT count(*) FROM interviews WHERE respondent = ?", (respondent,)
    ).fetchone()
    return f"{respondent}-{count + 1}"


def insert_interview(conn, interview_id: str, respondent: str, source: str, created) -> None:
    conn.execute(
        "INSERT INTO interviews (id, respondent, created, source) VALUES (?, ?, ?, ?)",
        (interview_id, respondent, format_instant(created), source),
    )


def get_interview(project: Project, interview_id: str) -> Interview:
    row = project.conn.execute(f"SELECT {_COLUMNS} FROM interviews WHERE id = ?", (interview_id,)).fetchone()
    if row is None:
        raise NotFound(f"no interview {interview_id}", "list interviews with `fieldkit status`")
    return Interview(*row)


def list_interviews(project: Project) -> list[Interview]:
    rows = project.conn.execute(f"SELECT {_COLUMNS} FROM interviews ORDER BY created, id").fetchall()
    return [Interview(*row) for row in rows]


def set_field(conn, interview_id: str, column: str, value: str | None) -> None:
    if column not in {"audio_object", "transcript_object", "anonymised_object", "language", "approved",
                      "review_object"}:
        raise ValueError(column)
    conn.execute(f"UPDATE interviews SET {column} = ? WHERE id = ?", (value, interview_id))
