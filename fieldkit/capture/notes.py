"""Typed notes, for respondents who refuse recording: stored encrypted as the interview's text.

Notes go through the same review and anonymisation as a transcript, so they are stored in the
transcript format (one segment per paragraph, no timings) under the object kind ``notes``, which has
its own retention rule.
"""

from __future__ import annotations

import re

from fieldkit import pipeline
from fieldkit.consent.records import require
from fieldkit.documents import Segment, Transcript, has_kazakh_letters, is_cyrillic
from fieldkit.errors import UsageError
from fieldkit.interviews import Metadata, insert_interview, new_interview_id
from fieldkit.vault.project import Project


def notes_language(text: str) -> str:
    if has_kazakh_letters(text):
        return "kk"
    return "ru" if is_cyrillic(text) else "en"


def store_text(project: Project, respondent: str | None, text: str, kind: str,
               metadata: Metadata | None = None) -> str:
    """Store text (typed notes, an imported document) as an interview's transcript: one segment per
    paragraph, no timings, encrypted as an object of ``kind``; returns the new id."""
    if metadata:
        metadata.check()
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise UsageError(f"the {kind} holds no text; nothing was stored", "give a file (or stdin, -) that holds text")
    language = notes_language(text)
    content = Transcript(language, kind, 0.0, tuple(Segment(0.0, 0.0, p) for p in paragraphs))
    source_id = new_interview_id(project, respondent)

    def link(conn, object_id: str) -> None:
        insert_interview(conn, source_id, respondent, kind, project.clock.now(), metadata)
        pipeline.transcript_stored(conn, source_id, object_id, language=language)

    project.objects.put(kind, content.to_bytes(), respondent=respondent, interview=source_id,
                        meta={"language": language}, on_stored=link)
    return source_id


def import_notes(project: Project, respondent: str, text: str, metadata: Metadata | None = None) -> str:
    """Store typed notes as a new interview; returns its id. Needs consent to take part, not to record."""
    require(project, respondent, "participate")
    return store_text(project, respondent, text, "notes", metadata)
