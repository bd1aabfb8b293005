"""Interview stages, the transitions between them, and the events other areas react to.

An interview moves captured → transcribed → anonymised → approved (→ coded → exported, which coding and
export record in their own tables), and may leave the line as sealed, withdrawn or discarded. Only this
module changes an interview's stage columns: a stage records what it produced here, and this module clears
whatever later stages built on the old state (new words void the review, the anonymised text and the
approval). Cross-area consequences are *events*: the stage that causes one publishes it, and the areas that
must react (anonymise, coding, retention) subscribe, so an earlier stage never imports a later one.

Handlers are installed by :mod:`fieldkit.services` (the one place that knows every area). Publishing an
event before they are installed is a programming error, never a silent no-op: a withdrawal whose clean-up
did not run would keep data the respondent asked to have destroyed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from fieldkit.clock import format_instant
from fieldkit.errors import StateError
from fieldkit.interviews import Interview, get_interview, list_interviews
from fieldkit.vault import intents
from fieldkit.vault.travel import seal_objects

#: How far along the line an interview is; "coded" and "exported" are derived by the services layer from
#: the coding and export stores, "sealed" takes an interview out of this laptop's reach, "discarded" marks a
#: wrong import whose objects were destroyed.
STAGES = ("captured", "transcribed", "anonymised", "approved", "coded", "exported", "sealed", "discarded")


# --- events ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TranscriptStored:
    """A new transcript version became current. ``words_changed`` is false for speaker labels only."""

    interview: str
    object: str
    previous: str | None
    words_changed: bool


@dataclass(frozen=True)
class RespondentWithdrawn:
    """A respondent withdrew with scope "all": their objects are destroyed; derived state must follow."""

    respondent: str
    interviews: tuple[str, ...]


@dataclass(frozen=True)
class InterviewDiscarded:
    """A wrong import was discarded: names only it brought into the pseudonym map must go too."""

    interview: str


@dataclass(frozen=True)
class ObjectsDestroyed:
    """Retention (or another destruction) erased keys: whatever was derived from those objects must go."""

    objects: tuple[str, ...]


Event = TranscriptStored | RespondentWithdrawn | InterviewDiscarded | ObjectsDestroyed
E = TypeVar("E")
_handlers: dict[type, list[Callable[[Any, Any], None]]] = defaultdict(list)
_installed = False


def subscribe(event_type: type[E], handler: Callable[[Any, E], None]) -> None:
    """Call ``handler(project, event)`` for every published event of ``event_type`` (once per handler)."""
    if handler not in _handlers[event_type]:
        _handlers[event_type].append(handler)


def mark_installed() -> None:
    global _installed
    _installed = True


def publish(project, event: Event) -> None:
    """Run every handler of the event, in subscription order, in the caller's thread."""
    if not _installed:
        raise RuntimeError("pipeline event handlers are not installed: import fieldkit.services first")
    for handler in _handlers[type(event)]:
        handler(project, event)


# --- transitions ----------------------------------------------------------------------------------------

_LATER_THAN_TRANSCRIPT = ("anonymised_object", "review_object", "approved")


def _set(conn, interview_id: str, **columns: str | None) -> None:
    allowed = {"audio_object", "transcript_object", "anonymised_object", "language", "approved", "review_object"}
    unknown = set(columns) - allowed
    if unknown:
        raise ValueError(f"not a stage column: {sorted(unknown)}")
    assignments = ", ".join(f"{column} = ?" for column in columns)
    conn.execute(f"UPDATE interviews SET {assignments} WHERE id = ?", (*columns.values(), interview_id))


def audio_captured(conn, interview_id: str, audio_object: str) -> None:
    """Inside the transaction that stored the audio."""
    _set(conn, interview_id, audio_object=audio_object)


def transcript_stored(conn, interview_id: str, transcript_object: str, *, language: str | None = None,
                      words_changed: bool = True) -> None:
    """A transcript version became current. New words void everything later stages built on the old ones.

    ``language`` (what the transcript was made in, or detected as) fills the interview's language only when
    none was declared: what the researcher declared at capture is never overwritten."""
    columns: dict[str, str | None] = {"transcript_object": transcript_object}
    if words_changed:
        columns.update(dict.fromkeys(_LATER_THAN_TRANSCRIPT))
    _set(conn, interview_id, **columns)
    if language is not None:
        conn.execute("UPDATE interviews SET language = ? WHERE id = ? AND (language IS NULL OR language = '')",
                     (language, interview_id))


def review_stored(conn, interview_id: str, review_object: str) -> None:
    _set(conn, interview_id, review_object=review_object)


def anonymised(conn, interview_id: str, anonymised_object: str) -> None:
    """New anonymised text needs a new approval."""
    _set(conn, interview_id, anonymised_object=anonymised_object, approved=None)


def approved(conn, interview_id: str, when) -> None:
    _set(conn, interview_id, approved=format_instant(when))


def sealed(conn, interview_id: str, when) -> None:
    conn.execute("UPDATE interviews SET sealed = ? WHERE id = ? AND sealed IS NULL", (format_instant(when),
                                                                                      interview_id))


def require_stage(project, interview_id: str, column: str, hint: str) -> Interview:
    """The interview, or a StateError when ``column`` (e.g. transcript_object) is not set yet."""
    interview = get_interview(project, interview_id)
    if getattr(interview, column) is None:
        raise StateError(f"interview {interview_id} is not at that stage yet", hint)
    return interview


def stage_of(interview: Interview, *, coded: bool = False, exported: bool = False, withdrawn: bool = False) -> str:
    """The furthest stage reached (``coded``/``exported`` come from the coding and export stores), or the way
    it left the line (``withdrawn``: its respondent withdrew consent, from the consent store)."""
    if interview.discarded:
        return "discarded"
    if withdrawn:
        return "withdrawn"
    if interview.sealed:
        return "sealed"
    if exported:
        return "exported"
    if coded:
        return "coded"
    if interview.approved:
        return "approved"
    if interview.anonymised_object:
        return "anonymised"
    if interview.transcript_object:
        return "transcribed"
    return "captured"


def seal_interview(project, interview_id: str) -> int:
    """Seal every remaining object of an interview (only the institution can open them afterwards) and mark
    the interview sealed; returns how many objects were sealed."""
    get_interview(project, interview_id)
    with project.lock_interview(interview_id):
        count = seal_objects(project, project.objects.live_ids(interview=interview_id))
        with project.transaction():
            sealed(project.conn, interview_id, project.clock.now())
            project.audit.append("interview_sealed", interview=interview_id, sealed=count)
    return count


def discarded(conn, interview_id: str, when) -> None:
    """Inside a transaction: the interview is out of the line, and forgets its imported file's fingerprint
    (so the right file, or the same one for the right respondent, can be imported afterwards)."""
    conn.execute("UPDATE interviews SET discarded = ?, source_hmac = NULL WHERE id = ? AND discarded IS NULL",
                 (format_instant(when), interview_id))


DISCARD_INTENT = "discard"


def discard_interview(project, interview_id: str) -> int:
    """Destroy every object of a wrong import (audio, transcript versions, partial transcripts, review,
    anonymised text; reason "discarded"), mark the interview discarded and log it; codings made on it go with
    it (:class:`ObjectsDestroyed`). Returns how many objects were destroyed.

    The intent commits first and every step after it can be repeated, so a discard cut short by a crash is
    finished by the next opening, or by running the command again."""
    interview = get_interview(project, interview_id)
    pending = intents.pending(project.conn, DISCARD_INTENT, interview_id)
    if interview.discarded and not pending:
        raise StateError(f"interview {interview_id} was already discarded on {interview.discarded[:10]}",
                         "nothing to do; its objects are destroyed")
    if interview.sealed:
        raise StateError(f"interview {interview_id} is sealed: this laptop holds no key to its objects",
                         "sealed material can be dealt with only at the institution, with the archive key")
    with project.lock_interview(interview_id):
        if pending:
            intent = pending[0]
        else:
            with project.transaction():
                intent = intents.Intent(intents.begin(project.conn, project.clock, DISCARD_INTENT, interview_id),
                                        DISCARD_INTENT, interview_id, {}, "")
        return finish_discard(project, intent)


def finish_discard(project, intent: intents.Intent) -> int:
    """The steps of a discard after its intent, each safe to repeat; returns how many objects they destroyed."""
    interview_id = intent.subject or ""
    objects = tuple(project.objects.live_ids(interview=interview_id))
    with project.objects.erasure_batch():  # one key rotation for the lot (vault.rotation)
        for object_id in objects:
            project.objects.shred(object_id, reason="discarded")
    with project.transaction():
        if get_interview(project, interview_id).discarded is None:
            discarded(project.conn, interview_id, project.clock.now())
            project.audit.append("interview_discarded", interview=interview_id, destroyed=len(objects))
    publish(project, ObjectsDestroyed(objects))
    publish(project, InterviewDiscarded(interview_id))
    with project.transaction():
        intents.finish(project.conn, intent.id)
    return len(objects)


def finish_interrupted_discard(project, intent: intents.Intent) -> str:
    """The finisher registered for an interrupted discard (services)."""
    count = finish_discard(project, intent)
    return f"finished discarding interview {intent.subject}, interrupted by a crash ({count} more object(s))"


def interviews_to_seal(project, which: str) -> list[str]:
    """Interviews `travel lock` seals under the policy's [travel] seal = none | approved | all."""
    if which == "all":
        return [i.id for i in list_interviews(project) if not i.sealed and not i.discarded]
    if which == "approved":
        return [i.id for i in list_interviews(project) if not i.sealed and not i.discarded and i.approved]
    return []
