"""Typed notes, for respondents who refuse recording: stored encrypted as the interview's text.

Notes go through the same review and anonymisation as a transcript, so they are stored in the
transcript format (one segment per paragraph, no timings) under the object kind ``notes``, which has
its own retention rule.
"""

from __future__ import annotations

import re

from fieldkit.anonymise.morphology import has_kazakh_letters, is_cyrillic
from fieldkit.consent.records import require
from fieldkit.errors import UsageError
from fieldkit.interviews import Metadata, insert_interview, new_interview_id, set_field
from fieldkit.transcribe.runner import Segment, Transcript
from fieldkit.vault.project import Project


def notes_language(text: str) -> str:
    if has_kazakh_letters(text):
        return "kk"
    return "ru" if is_cyrillic(text) else "en"


def import_notes(project: Project, respondent: str, text: str, metadata: Metadata | None = None) -> str:
    """Store typed notes as a new interview; returns its id. Needs consent to take part, not to record."""
    require(project, respondent, "participate")
    if metadata:
        metadata.check()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if not paragraphs:
        raise UsageError("the notes are empty; nothing was stored")
    language = notes_language(text)
    notes = Transcript(language, "notes", 0.0, tuple(Segment(0.0, 0.0, p) for p in paragraphs))
    interview_id = new_interview_id(project, respondent)

    def link(conn, object_id: str) -> None:
        insert_interview(conn, interview_id, respondent, "notes", project.clock.now(), metadata)
        set_field(conn, interview_id, "transcript_object", object_id)
        set_field(conn, interview_id, "language", language)

    project.objects.put("notes", notes.to_bytes(), respondent=respondent, interview=interview_id,
                        meta={"language": language}, on_stored=link)
    return interview_id
