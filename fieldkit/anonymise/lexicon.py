"""The project lexicon: identifiers this study already knows, so they are found again in any form.

Three sources make it up: entries the researcher types (people, places, units and nicknames expected to come
up, for the whole project or for one interview), every name in the linking key, and every identifier accepted
or added in any review (the pseudonym map's keys). The typed list is one encrypted object of kind
``lexicon``; the other two are read from their own objects, so they go when those are destroyed.

It is used three ways: as whisper hotwords for an interview (its own entries, in memory only), as a fuzzy,
inflection-aware deny-list in the anonymiser (anonymise.fuzzy), and in the export gate, which refuses any known
identifier.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache

from pydantic import Field

from fieldkit import pipeline
from fieldkit.anonymise.fuzzy import Entry, KnownIdentifiers
from fieldkit.anonymise.pseudonyms import Pseudonyms
from fieldkit.errors import GateClosed, NotFound, ObjectDestroyed, UsageError
from fieldkit.interviews import get_interview
from fieldkit.stored import StoredModel, StrictModel, dump_stored, load_stored
from fieldkit.vault.db import delete_meta, get_meta, set_meta
from fieldkit.vault.project import Project

KIND = "lexicon"
META_KEY = "lexicon_object"
#: Entity types a typed entry may have (the placeholder's word in brackets).
ENTRY_TYPES = ("PERSON", "LOCATION", "ORGANIZATION", "ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "PLATE",
               "CASE_NUMBER", "IIN")
MAX_ENTRY_LENGTH = 200
#: Whisper's prompt holds about 220 tokens; hotwords beyond this many words would be cut off anyway.
MAX_HOTWORDS = 40
_ENTITY_FOR_LABEL = {"PERSON": "PERSON", "PLACE": "LOCATION", "ORG": "ORGANIZATION", "ADDRESS": "ADDRESS"}


class StoredEntry(StrictModel):
    text: str
    entity: str
    interview: str | None = None  # typed for one interview; None: the whole project


class StoredLexicon(StoredModel):
    """The stored layout of the typed lexicon (fieldkit/stored.py)."""

    SCHEMA = 1
    entries: list[StoredEntry] = Field(default_factory=list)


def typed_entries(project: Project) -> list[StoredEntry]:
    """The entries the researcher typed, in the order they were added."""
    object_id = get_meta(project.conn, META_KEY)
    if object_id is None:
        return []
    try:
        data = project.objects.get(object_id)
    except ObjectDestroyed:
        return []  # destroyed under its retention rule: the project knows no typed entries any more
    return load_stored(StoredLexicon, data, "lexicon").entries


def _write(project: Project, entries: list[StoredEntry], *, event: str, count: int) -> None:
    """Store the typed list as a new object (the old one is shredded in the same transaction); logged with
    how many entries changed, never which."""
    old = get_meta(project.conn, META_KEY)
    if not entries:
        if old:
            with project.transaction():
                delete_meta(project.conn, META_KEY)
                project.audit.append(event, entities=count)
            project.objects.shred(old, reason="emptied")
        return

    def point(conn, object_id: str) -> None:
        set_meta(conn, META_KEY, object_id)
        project.audit.append(event, object=object_id, entities=count)

    body = {"entries": [entry.model_dump() for entry in entries]}
    project.objects.put(KIND, dump_stored(StoredLexicon, body), on_stored=point, replaces=(old,))


def clean_entry(text: str) -> str:
    """One entry as typed: surrounding space and quotes dropped, inner runs of space made one."""
    cleaned = " ".join(text.strip().strip("«»\"'").split())
    if len(cleaned) > MAX_ENTRY_LENGTH:
        raise UsageError(f"an entry is {len(cleaned)} characters long (at most {MAX_ENTRY_LENGTH})",
                         "one name, place or nickname per line")
    return cleaned


def add_entries(project: Project, texts: list[str], entity: str = "PERSON", interview: str | None = None) -> int:
    """Add typed entries (one name, place or nickname each); returns how many were new."""
    if entity not in ENTRY_TYPES:
        raise UsageError(f"unknown entry type {entity!r}", f"choose one of {', '.join(ENTRY_TYPES)}")
    if interview is not None:
        get_interview(project, interview)  # NotFound for a typo, before anything is stored
    entries = typed_entries(project)
    seen = {(e.text.casefold(), e.entity, e.interview) for e in entries}
    added = 0
    for text in texts:
        cleaned = clean_entry(text)
        if not cleaned or (cleaned.casefold(), entity, interview) in seen:
            continue
        entries.append(StoredEntry(text=cleaned, entity=entity, interview=interview))
        seen.add((cleaned.casefold(), entity, interview))
        added += 1
    if added:
        _write(project, entries, event="lexicon_changed", count=added)
    return added


def remove_entries(project: Project, texts: list[str]) -> int:
    """Remove typed entries by their text (any case, any type); returns how many were removed."""
    wanted = {clean_entry(text).casefold() for text in texts} - {""}
    entries = typed_entries(project)
    kept = [entry for entry in entries if entry.text.casefold() not in wanted]
    removed = len(entries) - len(kept)
    if removed:
        _write(project, kept, event="lexicon_changed", count=removed)
    return removed


def forget_interviews(project: Project, interviews: set[str]) -> int:
    """Drop the entries typed for these interviews (a withdrawn respondent's, a discarded import's)."""
    entries = typed_entries(project)
    kept = [entry for entry in entries if entry.interview not in interviews]
    if len(kept) != len(entries):
        _write(project, kept, event="lexicon_changed", count=len(entries) - len(kept))
    return len(entries) - len(kept)


def forget_withdrawn(project: Project, event: pipeline.RespondentWithdrawn) -> None:
    forget_interviews(project, set(event.interviews))


def forget_discarded(project: Project, event: pipeline.InterviewDiscarded) -> None:
    forget_interviews(project, {event.interview})


def known_entries(project: Project, pseudonyms: Pseudonyms) -> list[Entry]:
    """Everything the project knows to be identifying: typed entries, linking-key names, confirmed keys."""
    from fieldkit.consent.linking import linked_names

    found = [Entry(entry.text, entry.entity) for entry in typed_entries(project)]
    found += [Entry(name, "PERSON") for name in linked_names(project)]
    for label, keys in sorted(pseudonyms.keys().items()):
        entity = _ENTITY_FOR_LABEL.get(label, label)
        if entity in ("PERSON", "LOCATION", "ORGANIZATION", "ADDRESS"):
            found += [Entry(key, entity) for key in sorted(keys)]
    return found


@lru_cache(maxsize=1)
def _common_word_test():
    """An ordinary Russian or English word: in a longer entry ("Almaty city police department") it does not
    match alone, and a text word that is one is not read as a misspelling of an entry."""
    from fieldkit.anonymise.latin_words import is_english_word
    from fieldkit.anonymise.morphology import is_common_word

    def common(word: str) -> bool:
        return is_common_word(word) or (word.isascii() and is_english_word(word))

    return common


def known_identifiers(entries: list[Entry]) -> KnownIdentifiers:
    """The fuzzy index over ``entries``; ordinary dictionary words are matched only exactly."""
    return KnownIdentifiers(entries, is_common_word=_common_word_test())


def interview_hotwords(project: Project, interview_id: str) -> str | None:
    """Names whisper should expect in this interview, most specific first: the entries typed for it, then the
    project's typed entries, then the name of this interview's own respondent in the linking key. Never other
    respondents' names or names confirmed in other interviews: whisper sometimes writes its prompt into the
    transcript (on silence), and that would carry one person's name into another's interview. Held in memory
    only."""
    from fieldkit.consent.linking import lookup

    interview = get_interview(project, interview_id)
    typed = typed_entries(project)
    ordered = [e.text for e in typed if e.interview == interview_id]
    ordered += [e.text for e in typed if e.interview is None]
    if interview.respondent is not None:
        # no linking key, no entry for them, or it was destroyed: no name to add
        with contextlib.suppress(NotFound, GateClosed, ObjectDestroyed):
            ordered.append(lookup(project, interview.respondent)["name"])
    chosen: list[str] = []
    words = 0
    for text in dict.fromkeys(ordered):
        words += len(text.split())
        if words > MAX_HOTWORDS:
            break
        chosen.append(text)
    return ", ".join(chosen) or None
