"""Typed notes, for respondents who refuse recording: stored encrypted as the interview's text.

Notes go through the same review and anonymisation as a transcript, so they are stored in the
transcript format (one segment per paragraph, no timings) under the object kind ``notes``, which has
its own retention rule.

Notes being typed in the terminal app are kept as an encrypted **draft** (kind ``notes_draft``) so that a lock
(idle or panic), a quit or a crash does not destroy them: one draft object per respondent, each save replacing
the previous one in the same transaction (the old key is erased). A draft is destroyed when the notes are
stored from it or discarded, and it never lives long: one older than :data:`DRAFT_MAX_AGE` is destroyed by
:func:`load_drafts` (the terminal app calls it on every unlock), a policy may set a shorter rule for
``notes_draft``, and rules for ``all`` (a withdrawal) reach it like any other object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from fieldkit import pipeline
from fieldkit.clock import parse_instant
from fieldkit.consent.records import require
from fieldkit.documents import Segment, Transcript, has_kazakh_letters, is_cyrillic
from fieldkit.errors import FieldkitError, UsageError
from fieldkit.interviews import Metadata, insert_interview, new_interview_id
from fieldkit.stored import StoredModel, dump_stored, load_stored
from fieldkit.vault.project import Project

DRAFT_KIND = "notes_draft"
#: A draft older than this is destroyed the next time drafts are loaded (on every unlock of the terminal app).
DRAFT_MAX_AGE = timedelta(days=7)


def notes_language(text: str) -> str:
    if has_kazakh_letters(text):
        return "kk"
    return "ru" if is_cyrillic(text) else "en"


def store_text(project: Project, respondent: str | None, text: str, kind: str,
               metadata: Metadata | None = None, *, replaces: tuple[str, ...] = ()) -> str:
    """Store text (typed notes, an imported document) as an interview's transcript: one segment per
    paragraph, no timings, encrypted as an object of ``kind``; returns the new id. Objects in ``replaces``
    (the draft the notes were written in) are destroyed in the same transaction."""
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
                        meta={"language": language}, on_stored=link, replaces=replaces)
    return source_id


#: The encodings typed notes given as bytes (piped to `capture notes -`) are read in, in this order: as imported
#: text documents are (fieldkit/capture/documents.py). Windows-1251 is what Russian and Kazakh text saved by older
#: Windows programs is in.
NOTES_ENCODINGS = ("utf-8", "cp1251")


def decode_notes(data: bytes) -> tuple[str, str]:
    """Notes given as bytes: the text and the encoding it was read in (``utf-8``, a leading byte-order mark
    dropped, or else ``cp1251``). Raises :class:`UsageError` when it is neither."""
    for encoding in NOTES_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return (text.removeprefix("\ufeff") if encoding == "utf-8" else text), encoding
    raise UsageError("the notes are neither UTF-8 nor Windows-1251 text; nothing was stored",
                     "convert them to UTF-8 first, e.g. `iconv -f ENCODING -t UTF-8 notes.txt | fieldkit capture"
                     " notes CODE -`")


def import_notes(project: Project, respondent: str, text: str, metadata: Metadata | None = None, *,
                 from_draft: bool = False) -> str:
    """Store typed notes as a new interview; returns its id. Needs consent to take part, not to record.

    ``from_draft``: the notes were written in the respondent's draft (the terminal app), which is destroyed
    in the same transaction; a crash cannot leave both, nor neither."""
    require(project, respondent, "participate")
    replaces = tuple(_draft_ids(project, respondent)) if from_draft else ()
    return store_text(project, respondent, text, "notes", metadata, replaces=replaces)


# --------------------------------------------------------------------------------------------------------
# Drafts: notes being typed, encrypted like everything else, so a lock does not destroy them
# --------------------------------------------------------------------------------------------------------

class StoredDraft(StoredModel):
    """The stored layout of a notes draft (fieldkit/stored.py)."""

    SCHEMA = 1
    text: str
    interview_date: str | None = None
    place_category: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Draft:
    respondent: str
    saved: datetime
    text: str
    metadata: Metadata | None
    object_id: str


def _draft_ids(project: Project, respondent: str) -> list[str]:
    return project.objects.live_ids(respondent=respondent, kind=DRAFT_KIND)


def save_draft(project: Project, respondent: str, text: str, metadata: Metadata | None = None) -> None:
    """Keep ``text`` as the respondent's one draft, encrypted; the previous draft's key is erased in the same
    transaction. Text with nothing but blanks discards the draft instead."""
    if not text.strip():
        discard_draft(project, respondent)
        return
    body: dict = {"text": text}
    if metadata is not None:
        body.update(interview_date=metadata.interview_date, place_category=metadata.place_category,
                    language=metadata.language)
    project.objects.put(DRAFT_KIND, dump_stored(StoredDraft, body), respondent=respondent,
                        replaces=tuple(_draft_ids(project, respondent)))


def discard_draft(project: Project, respondent: str) -> bool:
    """Destroy the respondent's draft (its key erased, logged); False when there was none."""
    found = _draft_ids(project, respondent)
    for object_id in found:
        project.objects.shred(object_id, reason="draft_discarded")
    return bool(found)


def load_draft(project: Project, respondent: str) -> Draft | None:
    """The respondent's draft, decrypted into memory, or None."""
    found = _draft_ids(project, respondent)
    return _read_draft(project, found[-1]) if found else None


def load_drafts(project: Project) -> list[Draft]:
    """Every draft, oldest first, after destroying those older than :data:`DRAFT_MAX_AGE` ("now" being the
    later of the clock and the last audit entry, as for retention: a clock set back keeps no draft alive).
    A draft that cannot be read (damaged blob) is left out."""
    now = project.clock.now()
    head = project.audit.head()
    if head is not None:
        now = max(now, parse_instant(head.ts))
    drafts = []
    for obj in project.objects.list():
        if obj.kind != DRAFT_KIND or obj.respondent is None:
            continue
        if now - parse_instant(obj.created) > DRAFT_MAX_AGE:
            project.objects.shred(obj.id, reason="draft_expired")
            continue
        try:
            drafts.append(_read_draft(project, obj.id))
        except FieldkitError:
            continue
    return drafts


def _read_draft(project: Project, object_id: str) -> Draft:
    info = project.objects.info(object_id)
    stored = load_stored(StoredDraft, project.objects.get(object_id), "notes draft")
    metadata = None
    if stored.interview_date or stored.place_category or stored.language:
        metadata = Metadata(stored.interview_date, stored.place_category, stored.language)
    return Draft(info.respondent or "", parse_instant(info.created), stored.text, metadata, object_id)
