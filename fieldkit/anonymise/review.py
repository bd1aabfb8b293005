"""Human review of anonymisation, and the residual check that gates export.

Suggestions are stored as a review object: spans (segment, offsets, entity) with a status — pending,
accepted or rejected — and never the identifying text itself. The reviewer accepts, rejects or adds spans;
the anonymised text is derived only from accepted spans, once nothing is pending. Every identifier accepted
anywhere in the project is re-tagged wherever it occurs (any inflected form), and an export is blocked
while a detector still fires on approved text, unless the reviewer overrides that finding (logged).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Literal

from fieldkit import pipeline
from fieldkit.anonymise.engine import PLACEHOLDER_LABELS, Finding, analyse, language_for, occurrences
from fieldkit.anonymise.fuzzy import KnownIdentifiers
from fieldkit.anonymise.lexicon import known_entries, known_identifiers
from fieldkit.anonymise.morphology import phrase_key, word_key, words
from fieldkit.anonymise.pseudonyms import MAP_META_KEY, Pseudonyms, load_pseudonyms, normalise, replace_with_spans
from fieldkit.capture.offrecord import MARKER
from fieldkit.documents import AnonymisedText, Segment, Transcript
from fieldkit.errors import NotFound, StateError, UsageError
from fieldkit.interviews import Interview, get_interview
from fieldkit.stored import StoredModel, StrictModel, dump_stored, load_stored
from fieldkit.transcribe.runner import load_transcript
from fieldkit.vault.db import set_meta
from fieldkit.vault.project import Project

ENTITY_FOR_LABEL = {label: entity for entity, label in PLACEHOLDER_LABELS.items()}
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")


@dataclass
class Span:
    id: int
    segment: int
    start: int
    end: int
    entity: str
    score: float
    source: str  # detected | confirmed | manual
    status: str  # pending | accepted | rejected
    place: str | None = None


@dataclass
class Review:
    transcript_object: str
    spans: list[Span] = field(default_factory=list)
    rejected_keys: list[str] = field(default_factory=list)
    overrides: list[str] = field(default_factory=list)
    last_id: int = 0  # ids are never reused within a review

    @property
    def pending(self) -> list[Span]:
        return [span for span in self.spans if span.status == "pending"]

    def span(self, span_id: int) -> Span:
        for span in self.spans:
            if span.id == span_id:
                return span
        raise NotFound(f"no suggestion {span_id} in this review", "list them with `fieldkit review ID`")

    def add(self, span: Span) -> None:
        span.id = max((s.id for s in self.spans), default=self.last_id) + 1
        self.last_id = max(self.last_id, span.id)
        self.spans.append(span)
        self.spans.sort(key=lambda s: (s.segment, s.start))

    def to_bytes(self) -> bytes:
        return dump_stored(StoredReview, asdict(self))

    @classmethod
    def from_bytes(cls, data: bytes) -> Review:
        """Validated (fieldkit/stored.py): a damaged or newer object raises CorruptObject."""
        raw = load_stored(StoredReview, data, "review")
        return cls(raw.transcript_object, [Span(**s.model_dump()) for s in raw.spans], list(raw.rejected_keys),
                   list(raw.overrides), raw.last_id)


class StoredSpan(StrictModel):
    id: int
    segment: int
    start: int
    end: int
    entity: str
    score: float
    source: Literal["detected", "confirmed", "manual"]
    status: Literal["pending", "accepted", "rejected"]
    place: str | None = None


class StoredReview(StoredModel):
    """The stored layout of a review (fieldkit/stored.py)."""

    SCHEMA = 1
    transcript_object: str
    spans: list[StoredSpan]
    rejected_keys: list[str]
    overrides: list[str]
    last_id: int = 0


@dataclass(frozen=True)
class Residual:
    """A detection in approved anonymised text. ``key`` identifies it for an override without its text."""

    key: str
    interview: str
    segment: int
    start: int
    end: int
    entity: str
    text: str


# --- stored state -------------------------------------------------------------------------------------


def _load_review(project: Project, interview: Interview) -> Review | None:
    if interview.review_object is None:
        return None
    review = Review.from_bytes(project.objects.get(interview.review_object))
    return review if review.transcript_object == interview.transcript_object else None


def _store_review(project: Project, interview: Interview, review: Review) -> None:
    def link(conn, object_id: str) -> None:
        pipeline.review_stored(conn, interview.id, object_id)

    project.objects.put("review", review.to_bytes(), respondent=interview.respondent, interview=interview.id,
                        on_stored=link, replaces=(interview.review_object,))


def load_review(project: Project, interview_id: str) -> tuple[Review, Transcript]:
    interview = get_interview(project, interview_id)
    review = _load_review(project, interview)
    if review is None:
        raise StateError(f"interview {interview_id} has no stored suggestions",
                         f"run `fieldkit anonymise {interview_id}` first")
    return review, load_transcript(project, interview_id)


# --- finding identifiers ------------------------------------------------------------------------------


def confirmed_findings(text: str, pseudonyms: Pseudonyms) -> list[Finding]:
    """Every occurrence, in any inflected form, of an identifier already confirmed in this project."""
    keyed = {key: (ENTITY_FOR_LABEL.get(label, label), 1.0)
             for label, label_keys in pseudonyms.keys().items() for key in label_keys}
    return occurrences(text, keyed)


def _merge(findings: list[Finding]) -> list[Finding]:
    ranked = sorted(findings, key=lambda f: (-(f.end - f.start), -f.score, f.start))
    kept: list[Finding] = []
    for finding in ranked:
        if not any(finding.start < k.end and k.start < finding.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def detect(text: str, language: str, pseudonyms: Pseudonyms,
           known: KnownIdentifiers | None = None) -> list[tuple[Finding, str]]:
    """Detector findings plus re-tagged confirmed identifiers and the project lexicon's known identifiers
    (anonymise.lexicon), without overlaps, with their source: "confirmed" for a confirmed key or an exact form
    of a known identifier (accepted at once), "known" for a misspelt, glued or split form of one (left to
    the reviewer, but like "confirmed" never let through the export gate by a rejection), else "detected"."""
    detected = analyse(text, language)
    confirmed = confirmed_findings(text, pseudonyms)
    lexicon = known.find(text) if known is not None else []
    # 1.0: an entry's own form; 0.85: misspelt, glued or split; below: an ordinary word sharing an entry's stem,
    # a suggestion like any detector's (anonymise.fuzzy.KnownIdentifiers._score)
    known_findings = [(f, "confirmed" if f.score >= 1.0 else "known") for f in lexicon if f.score >= 0.8]
    known_findings += [(f, "confirmed") for f in confirmed]
    merged = _merge(detected + confirmed + lexicon)

    def source(finding: Finding) -> str:
        """The strongest source of anything the merged span covers: a known name inside a longer detected span
        («ТОО Кожанов») keeps the span from being let through the gate by a rejection."""
        found = {kind for k, kind in known_findings if k.start < finding.end and finding.start < k.end}
        return "confirmed" if "confirmed" in found else "known" if "known" in found else "detected"

    return [(f, source(f)) for f in merged]


def project_lexicon(project: Project, pseudonyms: Pseudonyms) -> KnownIdentifiers:
    """The fuzzy index of everything this project knows to be identifying (anonymise.lexicon)."""
    return known_identifiers(known_entries(project, pseudonyms))


def detect_segments(texts: list[str], language: str, pseudonyms: Pseudonyms,
                    known: KnownIdentifiers | None = None) -> list[tuple[int, Finding, str]]:
    """``detect`` on the segments joined into one text, so context and names run across segment breaks
    (whisper splits «серик» and «байжанов» into two segments); each finding is given back per segment as
    (segment index, finding with offsets in that segment, source), one piece per segment it covers."""
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    joined = " ".join(texts)
    found = []
    for finding, source in detect(joined, language, pseudonyms, known):
        for index, text in enumerate(texts):
            start = max(finding.start, starts[index]) - starts[index]
            end = min(finding.end, starts[index] + len(text)) - starts[index]
            while start < end and (text[start].isspace() or text[start] in _PIECE_EDGE):
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in _PIECE_EDGE):
                end -= 1
            if start < end:
                found.append((index, Finding(finding.entity, start, end, finding.score, text[start:end],
                                             finding.place), source))
    return found


_PIECE_EDGE = ",.;:!?—–…"


# --- the review workflow ------------------------------------------------------------------------------


def suggest(project: Project, interview_id: str, language: str | None = None) -> Review:
    """(Re)compute suggestions and store them, keeping earlier decisions on the same spans. ``language`` (ru, kk
    or en) overrides the transcript's for text whose script does not decide it; kk goes to the Russian
    analyzers with the Kazakh recognizers, as a transcript in kk does."""
    interview = get_interview(project, interview_id)
    transcript = load_transcript(project, interview_id)
    language = language_for(language or transcript.language)
    pseudonyms, _ = load_pseudonyms(project)
    previous = _load_review(project, interview) or Review(interview.transcript_object)
    decided = {(s.segment, s.start, s.end): s for s in previous.spans}
    review = Review(interview.transcript_object, rejected_keys=previous.rejected_keys,
                    overrides=previous.overrides, last_id=max([previous.last_id, *(s.id for s in previous.spans)]))
    for span in previous.spans:
        if span.source == "manual" or span.status != "pending":
            review.spans.append(span)
    taken = {(s.segment, s.start, s.end) for s in review.spans}
    # fieldkit's own "[off the record mm:ss–mm:ss]" markers are blanked, keeping every offset
    texts = [" " * len(segment.text) if MARKER.match(segment.text) else segment.text
             for segment in transcript.segments]
    for index, finding, source in detect_segments(texts, language, pseudonyms, project_lexicon(project, pseudonyms)):
        where = (index, finding.start, finding.end)
        if where in taken or any(s.segment == index and s.start < finding.end and finding.start < s.end
                                 for s in review.spans):
            continue
        status = decided[where].status if where in decided else "pending"
        if source == "confirmed" and status == "pending":
            status = "accepted"  # confirmed elsewhere in the project: never silently rejected
        elif status == "pending" and _rejection_key(finding.entity, finding.text) in review.rejected_keys:
            status = "rejected"
        span = Span(0, index, finding.start, finding.end, finding.entity, round(finding.score, 2),
                    "confirmed" if source == "confirmed" else "detected", status, finding.place)
        if where in decided:  # ids stay stable across re-runs, so "--reject 4" means what was listed
            span.id = decided[where].id
            review.spans.append(span)
            review.spans.sort(key=lambda s: (s.segment, s.start))
        else:
            review.add(span)
    _store_review(project, interview, review)
    return review


def decide(
    project: Project,
    interview_id: str,
    *,
    accept: tuple[int, ...] = (),
    reject: tuple[int, ...] = (),
    accept_all: bool = False,
    add: tuple[tuple[str, str], ...] = (),
    retype: tuple[tuple[int, str], ...] = (),
) -> Review:
    """Apply the reviewer's decisions; once nothing is pending the anonymised text is derived again.
    ``retype`` changes a suggestion's entity type (and so its placeholder, e.g. [ORG-n] → [PLACE-n]) and
    accepts it."""
    interview = get_interview(project, interview_id)
    review, transcript = load_review(project, interview_id)
    for span_id, entity in retype:
        if entity not in PLACEHOLDER_LABELS:
            raise UsageError(f"unknown entity type {entity!r}", f"choose one of {', '.join(PLACEHOLDER_LABELS)}")
        span = review.span(span_id)
        span.entity, span.status = entity, "accepted"
    for span_id in accept:
        review.span(span_id).status = "accepted"
    for span_id in reject:
        span = review.span(span_id)
        span.status = "rejected"
        text = transcript.segments[span.segment].text[span.start : span.end]
        key = _rejection_key(span.entity, text)
        if key not in review.rejected_keys:
            review.rejected_keys.append(key)
    if accept_all:
        for span in review.pending:
            span.status = "accepted"
    for text, entity in add:
        _add_manual(review, transcript, text, entity)
    _store_review(project, interview, review)
    if not review.pending:
        derive(project, interview_id)
    return review


def _add_manual(review: Review, transcript: Transcript, text: str, entity: str) -> None:
    if entity not in PLACEHOLDER_LABELS:
        raise UsageError(f"unknown entity type {entity!r}", f"choose one of {', '.join(PLACEHOLDER_LABELS)}")
    key = phrase_key(text).split()
    if not key:
        raise UsageError("nothing to add: the text has no words", "type the word or name to mark, e.g. Рыжий")
    added = 0
    for index, segment in enumerate(transcript.segments):
        tokens = words(segment.text)
        token_keys = [word_key(w) for _, _, w in tokens]
        for i in range(len(tokens) - len(key) + 1):
            if token_keys[i : i + len(key)] != key:
                continue
            start, end = tokens[i][0], tokens[i + len(key) - 1][1]
            overlapping = [s for s in review.spans if s.segment == index and s.start < end and start < s.end]
            if any(s.status == "accepted" and s.start <= start and end <= s.end for s in overlapping):
                added += 1  # already covered by a longer accepted span ("Ержан Касымов" holds "Касымов")
                continue
            for span in overlapping:  # the new span swallows what it overlaps, never cuts it short
                start, end = min(start, span.start), max(end, span.end)
                review.spans.remove(span)
            review.add(Span(0, index, start, end, entity, 1.0, "manual", "accepted"))
            added += 1
    if not added:
        raise NotFound("that text does not occur in the transcript (in any inflected form)",
                       "check the spelling against `fieldkit transcript show ID`; nothing was changed")


def derive(project: Project, interview_id: str) -> AnonymisedText:
    """Build the anonymised text from accepted spans; updates the project's pseudonym map."""
    interview = get_interview(project, interview_id)
    review, transcript = load_review(project, interview_id)
    if review.pending:
        raise StateError(f"{len(review.pending)} suggestions in {interview_id} are still pending",
                         f"decide them with `fieldkit review {interview_id}`")
    pseudonyms, old_map = load_pseudonyms(project)
    level = project.policy.location_level
    counts: dict[str, int] = {}
    used: dict[str, set[str]] = {}
    masks: list[tuple[int, int, int]] = []
    segments = []
    for index, segment in enumerate(transcript.segments):
        findings = [
            Finding(s.entity, s.start, s.end, s.score, segment.text[s.start : s.end], s.place)
            for s in review.spans if s.segment == index and s.status == "accepted"
        ]
        for finding in findings:
            counts[finding.entity] = counts.get(finding.entity, 0) + 1
        new_text, spans = replace_with_spans(segment.text, findings, pseudonyms, level, interview_id,
                                             project.policy.quasi)
        segments.append(Segment(segment.start, segment.end, new_text))
        masks.extend((index, start, end) for start, end in spans)
        for finding in findings:
            label = PLACEHOLDER_LABELS.get(finding.entity, finding.entity)
            used.setdefault(label, set()).add(normalise(finding.text))
    pseudonyms.forget({interview_id}, keep=used)  # names this interview no longer uses
    result = AnonymisedText(transcript.language, tuple(segments), counts, tuple(masks))

    def set_map(conn, object_id: str) -> None:
        set_meta(conn, MAP_META_KEY, object_id)

    project.objects.put("pseudonym_map", pseudonyms.to_bytes(), on_stored=set_map, replaces=(old_map,))

    def link(conn, object_id: str) -> None:
        pipeline.anonymised(conn, interview_id, object_id)
        project.audit.append(
            "transcript_anonymised", interview=interview_id, respondent=interview.respondent, object=object_id,
            entities=sum(counts.values()), segments=len(segments),
        )

    project.objects.put("anonymised", result.to_bytes(), respondent=interview.respondent, interview=interview_id,
                        on_stored=link, replaces=(interview.anonymised_object,))
    return result


def carry_review_forward(project: Project, event: pipeline.TranscriptStored) -> None:
    """Speaker labels change no words: point the existing review at the new transcript version."""
    if event.words_changed:
        return
    interview = get_interview(project, event.interview)
    if interview.review_object is None:
        return
    review = Review.from_bytes(project.objects.get(interview.review_object))
    if review.transcript_object != event.previous:
        return
    review.transcript_object = event.object
    _store_review(project, interview, review)


def forget_discarded(project: Project, event: pipeline.InterviewDiscarded) -> None:
    """A discarded import's names leave the pseudonym map (those other interviews also use stay)."""
    forget_interviews(project, [event.interview])


def forget_withdrawn(project: Project, event: pipeline.RespondentWithdrawn) -> None:
    """A withdrawn respondent's names leave the pseudonym map with their interviews."""
    forget_interviews(project, list(event.interviews))


def forget_interviews(project: Project, interviews: list[str]) -> int:
    """Remove from the pseudonym map every name only these interviews used (after a withdrawal)."""
    pseudonyms, old_map = load_pseudonyms(project)
    if old_map is None:
        return 0
    removed = pseudonyms.forget(set(interviews))

    def set_map(conn, object_id: str) -> None:
        set_meta(conn, MAP_META_KEY, object_id)

    project.objects.put("pseudonym_map", pseudonyms.to_bytes(), on_stored=set_map, replaces=(old_map,))
    return removed


def accept_suggestions(project: Project, interview_id: str, language: str | None = None) -> AnonymisedText:
    """Scripted path: suggest, accept everything pending, derive."""
    suggest(project, interview_id, language)
    decide(project, interview_id, accept_all=True)
    return load_anonymised(project, interview_id)


def approve(project: Project, interview_id: str) -> None:
    """The researcher confirms the anonymised text; retention deadlines such as "audio within 3 days" start here."""
    interview = get_interview(project, interview_id)
    if interview.anonymised_object is None:
        raise StateError(
            f"interview {interview_id} has no anonymised text to approve",
            f"run `fieldkit anonymise {interview_id} --accept-suggestions` or review it first",
        )
    if interview.approved:
        return
    with project.transaction():
        pipeline.approved(project.conn, interview_id, project.clock.now())
        project.audit.append(
            "transcript_approved", interview=interview_id, respondent=interview.respondent,
            object=interview.anonymised_object,
        )


def load_anonymised(project: Project, interview_id: str) -> AnonymisedText:
    interview = get_interview(project, interview_id)
    if interview.anonymised_object is None:
        raise StateError(f"interview {interview_id} has not been anonymised")
    return AnonymisedText.from_bytes(project.objects.get(interview.anonymised_object))


# --- residual check -----------------------------------------------------------------------------------


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out fieldkit's own replacements (and only those: a bracket the speaker used is still read)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _rejection_key(entity: str, text: str) -> str:
    return f"{entity}:{normalise(text)}"


def residuals(project: Project, interview_id: str, *, include_overridden: bool = False,
              known: KnownIdentifiers | None = None) -> list[Residual]:
    """Detections still firing on the anonymised text (placeholders masked), minus rejected and overridden."""
    interview = get_interview(project, interview_id)
    anonymised = load_anonymised(project, interview_id)
    review = _load_review(project, interview)
    rejected = set(review.rejected_keys) if review else set()
    overrides = set(review.overrides) if review else set()
    pseudonyms, _ = load_pseudonyms(project)
    language = language_for(anonymised.language)
    found = []
    level = project.policy.location_level
    texts = []
    for index, segment in enumerate(anonymised.segments):
        if MARKER.match(segment.text):
            texts.append(" " * len(segment.text))
        elif anonymised.masks is not None:
            texts.append(_mask(segment.text, [(s, e) for i, s, e in anonymised.masks if i == index]))
        else:  # written before masks were recorded
            texts.append(_PLACEHOLDER.sub(lambda m: " " * len(m.group()), segment.text))
    if known is None:  # an export checking many interviews builds the index once and passes it in
        known = project_lexicon(project, pseudonyms)
    for index, finding, source in detect_segments(texts, language, pseudonyms, known):
        if source == "detected" and _rejection_key(finding.entity, finding.text) in rejected:
            continue  # a known identifier (confirmed, or in the lexicon) blocks until overridden, logged
        kept = project.policy.quasi.mode_for(finding.entity) == "keep"
        if kept or (finding.entity == "LOCATION" and level == "keep"):
            continue  # what the policy keeps is not a residual
        digest = hashlib.sha256(f"{index}:{finding.start}:{finding.end}:{finding.entity}:{finding.text}"
                                .encode()).hexdigest()[:16]
        if digest in overrides and not include_overridden:
            continue
        found.append(Residual(digest, interview_id, index, finding.start, finding.end, finding.entity,
                              finding.text))
    return found


def override_residual(project: Project, interview_id: str, key: str) -> Residual:
    """Let one residual detection through the export gate; logged with its entity type, never its text."""
    interview = get_interview(project, interview_id)
    match = next((r for r in residuals(project, interview_id) if r.key == key), None)
    if match is None:
        raise NotFound(f"no open residual {key} in {interview_id}",
                       f"list them with `fieldkit review {interview_id} --residuals`")
    review = _load_review(project, interview) or Review(interview.transcript_object or "")
    review.overrides.append(key)

    def link(conn, object_id: str) -> None:
        pipeline.review_stored(conn, interview_id, object_id)
        project.audit.append("residual_overridden", interview=interview_id, respondent=interview.respondent,
                             kind=match.entity)

    project.objects.put("review", review.to_bytes(), respondent=interview.respondent, interview=interview_id,
                        on_stored=link, replaces=(interview.review_object,))
    return match
