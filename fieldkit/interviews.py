"""Interview records: which respondent, which stored objects, and how far along the pipeline it is."""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.clock import format_instant
from fieldkit.errors import NotFound
from fieldkit.vault.project import Project


@dataclass(frozen=True)
class Interview:
    id: str
    respondent: str | None
    created: str
    source: str
    audio_object: str | None
    transcript_object: str | None
    anonymised_object: str | None
    language: str | None
    approved: str | None
    review_object: str | None
    interview_date: str | None = None
    place_category: str | None = None
    duration_s: float | None = None
    off_record: str | None = None  # JSON list of [start, end] seconds on the original timeline
    sealed: str | None = None  # when its objects were re-encrypted to the archive recipients only
    discarded: str | None = None  # when it was discarded as a wrong import (its objects destroyed)

    @property
    def mode(self) -> str:
        return "recorded" if self.source == "audio" else self.source


_COLUMNS = (
    "id, respondent, created, source, audio_object, transcript_object, anonymised_object, language, approved,"
    " review_object, interview_date, place_category, duration_s, off_record, sealed, discarded"
)
PLACE_CATEGORIES = ("office", "cafe", "car", "home", "outdoors", "detention", "phone", "other")


@dataclass(frozen=True)
class Metadata:
    """What the interview register may say: never the place itself, only its kind."""

    interview_date: str | None = None  # YYYY-MM-DD; default: the capture day
    place_category: str | None = None
    language: str | None = None

    def check(self) -> None:
        from fieldkit.errors import UsageError

        if self.place_category and self.place_category not in PLACE_CATEGORIES:
            raise UsageError(f"unknown place category {self.place_category!r}",
                             f"choose one of {', '.join(PLACE_CATEGORIES)} (never the place itself)")
        if self.interview_date:
            from datetime import date

            try:
                date.fromisoformat(self.interview_date)
            except ValueError as exc:
                raise UsageError(f"not a date: {self.interview_date!r}", "use YYYY-MM-DD") from exc


def new_interview_id(project: Project, respondent: str | None) -> str:
    """Interview ids are the respondent code and a running number: P1-1, P1-2, …; documents without a
    respondent are DOC-1, DOC-2, …"""
    if respondent is None:
        (count,) = project.conn.execute("SELECT count(*) FROM interviews WHERE respondent IS NULL").fetchone()
        return f"DOC-{count + 1}"
    (count,) = project.conn.execute(
        "SELECT count(*) FROM interviews WHERE respondent = ?", (respondent,)
    ).fetchone()
    return f"{respondent}-{count + 1}"


def insert_interview(conn, interview_id: str, respondent: str | None, source: str, created,
                     metadata: Metadata | None = None, duration_s: float | None = None,
                     off_record: str | None = None, *, source_hmac: str | None = None) -> None:
    """``source_hmac``: the keyed fingerprint of an imported file, to notice the same file imported twice."""
    metadata = metadata or Metadata()
    conn.execute(
        "INSERT INTO interviews (id, respondent, created, source, interview_date, place_category, language,"
        " duration_s, off_record, source_hmac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (interview_id, respondent, format_instant(created), source,
         metadata.interview_date or format_instant(created)[:10], metadata.place_category, metadata.language,
         duration_s, off_record, source_hmac),
    )


def get_interview(project: Project, interview_id: str) -> Interview:
    row = project.conn.execute(f"SELECT {_COLUMNS} FROM interviews WHERE id = ?", (interview_id,)).fetchone()
    if row is None:
        raise NotFound(f"no interview {interview_id}", "list interviews with `fieldkit status`")
    return Interview(*row)


def list_interviews(project: Project) -> list[Interview]:
    rows = project.conn.execute(f"SELECT {_COLUMNS} FROM interviews ORDER BY created, id").fetchall()
    return [Interview(*row) for row in rows]
