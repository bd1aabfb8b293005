"""Anonymise a stored transcript with the project's pseudonym map, and record approval.

Suggestions are computed in memory. Accepting them stores the pseudonymised text as a new object
and replaces the pseudonym map object (the old map is shredded, so no stale copy of names survives).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from fieldkit.anonymise.engine import Finding, analyse, language_for
from fieldkit.anonymise.pseudonyms import Pseudonyms, replace
from fieldkit.clock import format_instant
from fieldkit.errors import StateError
from fieldkit.interviews import get_interview, set_field
from fieldkit.transcribe.runner import Segment, load_transcript
from fieldkit.vault.project import Project

MAP_META_KEY = "pseudonym_map_object"


@dataclass(frozen=True)
class Suggestion:
    segment: int
    finding: Finding


@dataclass(frozen=True)
class AnonymisedText:
    language: str
    segments: tuple[Segment, ...]
    entity_counts: dict[str, int]

    @property
    def text(self) -> str:
        return " ".join(segment.text for segment in self.segments)

    def to_bytes(self) -> bytes:
        return json.dumps(
            {
                "language": self.language,
                "segments": [{"start": s.start, "end": s.end, "text": s.text} for s in self.segments],
                "entity_counts": self.entity_counts,
            },
            ensure_ascii=False,
        ).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> AnonymisedText:
        raw = json.loads(data)
        segments = tuple(Segment(s["start"], s["end"], s["text"]) for s in raw["segments"])
        return cls(raw["language"], segments, dict(raw["entity_counts"]))


def suggest(project: Project, interview_id: str) -> list[Suggestion]:
    transcript = load_transcript(project, interview_id)
    language = language_for(transcript.language)
    return [
        Suggestion(index, finding)
        for index, segment in enumerate(transcript.segments)
        for finding in analyse(segment.text, language)
    ]


def load_pseudonyms(project: Project) -> tuple[Pseudonyms, str | None]:
    row = project.conn.execute("SELECT value FROM meta WHERE key = ?", (MAP_META_KEY,)).fetchone()
    if row is None:
        return Pseudonyms(), None
    return Pseudonyms.from_bytes(project.objects.get(row[0])), row[0]


def accept_suggestions(project: Project, interview_id: str) -> AnonymisedText:
    """Apply every suggestion and store the result; replaces an earlier anonymised version."""
    interview = get_interview(project, interview_id)
    transcript = load_transcript(project, interview_id)
    language = language_for(transcript.language)
    pseudonyms, old_map = load_pseudonyms(project)
    counts: dict[str, int] = {}
    segments = []
    for segment in transcript.segments:
        findings = analyse(segment.text, language)
        for finding in findings:
            counts[finding.entity] = counts.get(finding.entity, 0) + 1
        segments.append(Segment(segment.start, segment.end, replace(segment.text, findings, pseudonyms, language)))
    result = AnonymisedText(transcript.language, tuple(segments), counts)

    def set_map(conn, object_id: str) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (MAP_META_KEY, object_id),
        )

    project.objects.put("pseudonym_map", pseudonyms.to_bytes(), on_stored=set_map, replaces=(old_map,))

    def link(conn, object_id: str) -> None:
        set_field(conn, interview_id, "anonymised_object", object_id)
        set_field(conn, interview_id, "approved", None)
        project.audit.append(
            "transcript_anonymised", interview=interview_id, respondent=interview.respondent, object=object_id,
            entities=sum(counts.values()), segments=len(segments),
        )

    project.objects.put(
        "anonymised", result.to_bytes(), respondent=interview.respondent, interview=interview_id, on_stored=link,
        replaces=(interview.anonymised_object,),
    )
    return result


def approve(project: Project, interview_id: str) -> None:
    """The researcher confirms the anonymised text; retention deadlines such as "audio within 3 days" start here."""
    interview = get_interview(project, interview_id)
    if interview.anonymised_object is None:
        raise StateError(
            f"interview {interview_id} has no anonymised text to approve",
            f"run `fieldkit anonymise {interview_id} --accept-suggestions` first",
        )
    if interview.approved:
        return
    with project.transaction():
        set_field(project.conn, interview_id, "approved", format_instant(project.clock.now()))
        project.audit.append(
            "transcript_approved", interview=interview_id, respondent=interview.respondent,
            object=interview.anonymised_object,
        )


def load_anonymised(project: Project, interview_id: str) -> AnonymisedText:
    interview = get_interview(project, interview_id)
    if interview.anonymised_object is None:
        raise StateError(f"interview {interview_id} has not been anonymised")
    return AnonymisedText.from_bytes(project.objects.get(interview.anonymised_object))
