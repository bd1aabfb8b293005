"""Transcribe a stored interview: decrypt the audio into memory, run whisper, store the transcript encrypted."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
from pydantic import Field

from fieldkit import pipeline
from fieldkit.capture import audio, offrecord
from fieldkit.documents import Segment, StoredSegment, Transcript
from fieldkit.errors import StateError, TranscriptionCancelled, UsageError
from fieldkit.interviews import get_interview
from fieldkit.stored import StoredModel, dump_stored, load_stored
from fieldkit.transcribe.model import load_model, resolve_model
from fieldkit.vault.project import Project

LANGUAGES = ("ru", "kk", "en", "auto")
Progress = Callable[[float, float], None]  # (seconds done, seconds total)


SPEAKERS = ("interviewer", "respondent")
_SEGMENTS_HINT = "`fieldkit transcript show ID` numbers the segments"
#: Audio is transcribed in independent blocks cut at the quietest moment near each boundary, so a cancelled
#: run resumes at the first unfinished block and gives exactly what an uninterrupted run gives.
BLOCK_SECONDS = 120.0
_CUT_SEARCH_SECONDS = 5.0


@dataclass(frozen=True)
class Settings:
    """Everything that decides the output; a saved partial run is resumed only under the same settings."""

    model: str
    language: str
    beam_size: int = 5
    vad: bool = False
    compute_type: str = "default"
    device: str = "auto"
    block_seconds: float = BLOCK_SECONDS


def block_bounds(samples: np.ndarray, block_seconds: float = BLOCK_SECONDS) -> list[tuple[int, int]]:
    """Sample ranges of the blocks: about ``block_seconds`` long, each cut at the quietest 100 ms nearby."""
    rate, total = audio.SAMPLE_RATE, len(samples)
    block, window = int(block_seconds * rate), rate // 10
    search = int(min(_CUT_SEARCH_SECONDS, block_seconds / 4) * rate)
    bounds, start = [], 0
    while total - start > block + search:
        low = start + block - search
        piece = samples[low : low + 2 * search]
        count = len(piece) // window
        energy = (piece[: count * window].reshape(count, window) ** 2).mean(axis=1)
        cut = low + int(energy.argmin()) * window + window // 2
        bounds.append((start, cut))
        start = cut
    bounds.append((start, total))
    return bounds


def run_whisper(
    samples: np.ndarray,
    model_dir: Path,
    settings: Settings,
    progress: Progress | None = None,
    offset: float = 0.0,
    total: float | None = None,
    cancel: threading.Event | None = None,
):
    """Inference on one block, shared by fieldkit and the benchmark's baseline."""
    model = load_model(str(model_dir), settings.device, settings.compute_type)
    segments, info = model.transcribe(
        samples, language=None if settings.language == "auto" else settings.language,
        beam_size=settings.beam_size, vad_filter=settings.vad,
    )
    collected = []
    for segment in segments:
        if cancel is not None and cancel.is_set():
            raise TranscriptionCancelled("transcription cancelled")
        collected.append(Segment(round(offset + segment.start, 2), round(offset + segment.end, 2),
                                 segment.text.strip()))
        if progress is not None:
            progress(offset + segment.end, total or info.duration)
    return collected, info


def with_off_record_markers(segments: list[Segment], ranges: list) -> list[Segment]:
    """Put segments back on the original timeline and mark each off-the-record gap where it happened."""
    if not ranges:
        return segments
    placed = [replace(s, start=round(offrecord.to_original(s.start, ranges), 2),
                      end=round(offrecord.to_original(s.end, ranges, is_end=True), 2)) for s in segments]
    markers = [Segment(start, end, offrecord.marker(start, end)) for start, end in ranges]
    return sorted(placed + markers, key=lambda s: (s.start, not s.text.startswith("[off the record")))


def transcribe_interview(
    project: Project,
    interview_id: str,
    *,
    language: str = "auto",
    model: str = "base",
    replace: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    beam_size: int = 5,
    vad: bool = False,
    compute_type: str = "default",
    device: str = "auto",
    block_seconds: float = BLOCK_SECONDS,
) -> Transcript:
    """Transcribe block by block; after each block the segments so far are saved encrypted, so a cancelled
    or crashed run resumes where it stopped."""
    if language not in LANGUAGES:
        raise UsageError(f"unsupported language {language!r}", f"choose one of {', '.join(LANGUAGES)}")
    interview = get_interview(project, interview_id)
    if interview.audio_object is None:
        raise StateError(f"interview {interview_id} has no audio to transcribe",
                         f"notes and documents have no audio; read it with `fieldkit transcript show {interview_id}`")
    if interview.transcript_object and not replace:
        raise StateError(f"interview {interview_id} is already transcribed", "pass --replace to transcribe again")
    model_dir = resolve_model(model)
    settings = Settings(model if model == "base" else model_dir.name, language, beam_size, vad, compute_type, device,
                        block_seconds)
    decoded = audio.decode(project.objects.get(interview.audio_object), label=f"interview {interview_id}")
    bounds = block_bounds(decoded.samples, block_seconds)
    partial_id, done, segments, detected = _load_partial(project, interview, settings)
    for index in range(done, len(bounds)):
        start, end = bounds[index]
        # with "auto", the first block decides the language for all, so blocks cannot drift between ru and kk
        block_settings = replace(settings, language=detected) if detected and settings.language == "auto" else settings
        found, info = run_whisper(decoded.samples[start:end], model_dir, block_settings, progress,
                                  offset=start / audio.SAMPLE_RATE, total=decoded.duration_s, cancel=cancel)
        segments.extend(found)
        detected = detected or info.language
        if index + 1 < len(bounds):
            partial_id = _save_partial(project, interview, settings, index + 1, segments, detected, partial_id)
    ranges = [tuple(r) for r in json.loads(interview.off_record)] if interview.off_record else []
    transcript = Transcript(
        language=detected or language, model=settings.model, duration_s=round(decoded.duration_s, 3),
        segments=tuple(with_off_record_markers(segments, ranges)),
    )

    def link(conn, object_id: str) -> None:
        pipeline.transcript_stored(conn, interview_id, object_id, language=transcript.language)
        project.audit.append(
            "transcript_made", interview=interview_id, respondent=interview.respondent, object=object_id,
            language=transcript.language, model=transcript.model if model == "base" else "local",
            segments=len(transcript.segments), duration_s=transcript.duration_s,
        )

    project.objects.put(
        "transcript", transcript.to_bytes(), respondent=interview.respondent, interview=interview_id,
        meta={"language": transcript.language}, on_stored=link,
        replaces=(*(transcript_versions(project, interview_id) if interview.transcript_object else ()),
                  interview.anonymised_object, interview.review_object, partial_id),
    )
    return transcript


def _partial_row(project: Project, interview_id: str) -> str | None:
    found = project.objects.live_ids(interview=interview_id, kind="transcript_partial")
    return found[0] if found else None


class StoredPartial(StoredModel):
    """The stored layout of a partial transcription (fieldkit/stored.py). ``settings`` is compared whole with
    the current run's, so it is kept as a flat JSON object: a field added to Settings only means starting again."""

    SCHEMA = 1
    settings: dict[str, str | int | float | bool | None]
    audio_object: str
    blocks_done: int = Field(ge=0)
    language: str | None
    segments: list[StoredSegment]


def _load_partial(project: Project, interview, settings: Settings):
    partial_id = _partial_row(project, interview.id)
    if partial_id is None:
        return None, 0, [], None
    raw = load_stored(StoredPartial, project.objects.get(partial_id), "partial transcription")
    if raw.settings != asdict(settings) or raw.audio_object != interview.audio_object:
        project.objects.shred(partial_id, reason="replaced")  # other settings: start again
        return None, 0, [], None
    return partial_id, raw.blocks_done, [s.segment() for s in raw.segments], raw.language


def _save_partial(project: Project, interview, settings: Settings, blocks_done: int, segments, language, old):
    data = dump_stored(StoredPartial, {"settings": asdict(settings), "audio_object": interview.audio_object,
                                       "blocks_done": blocks_done, "language": language,
                                       "segments": [s.as_dict() for s in segments]})
    return project.objects.put("transcript_partial", data, respondent=interview.respondent, interview=interview.id,
                               replaces=(old,))


def edit_transcript(
    project: Project, interview_id: str, *, text: dict[int, str] | None = None, speakers: dict[int, str] | None = None
) -> Transcript:
    """Store a new version with corrected text and/or speaker labels; the previous version stays as an
    encrypted object (versioned edits). Text changes void the review and anonymised text built on the old words."""
    interview = get_interview(project, interview_id)
    current = load_transcript(project, interview_id)
    segments = list(current.segments)
    for index, new_text in (text or {}).items():
        if not 0 <= index < len(segments) or not new_text.strip():
            raise UsageError(f"no segment {index + 1}, or empty text", _SEGMENTS_HINT)
        segments[index] = replace(segments[index], text=new_text.strip())
    for index, speaker in (speakers or {}).items():
        if not 0 <= index < len(segments):
            raise UsageError(f"no segment {index + 1}", _SEGMENTS_HINT)
        if speaker not in SPEAKERS:
            raise UsageError(f"unknown speaker {speaker!r}", f"choose {' or '.join(SPEAKERS)}")
        segments[index] = replace(segments[index], speaker=speaker)
    if not text and not speakers:
        raise UsageError("nothing to change", "name at least one segment, e.g. 3 or 1-5")
    edited = replace(current, segments=tuple(segments), version=current.version + 1)
    text_changed = bool(text)

    def link(conn, object_id: str) -> None:
        # offsets and words changed: review again (speaker labels alone keep the review)
        pipeline.transcript_stored(conn, interview_id, object_id, words_changed=text_changed)
        project.audit.append("transcript_edited", interview=interview_id, respondent=interview.respondent,
                             object=object_id, version=edited.version, segments=len(text or {}) + len(speakers or {}))

    stale = (interview.anonymised_object, interview.review_object) if text_changed else ()
    project.objects.put("transcript", edited.to_bytes(), respondent=interview.respondent, interview=interview_id,
                        meta={"language": edited.language, "version": edited.version,
                              "previous": interview.transcript_object},
                        on_stored=link, replaces=stale)
    pipeline.publish(project, pipeline.TranscriptStored(interview_id, get_interview(project, interview_id)
                                                        .transcript_object, interview.transcript_object,
                                                        words_changed=text_changed))
    return edited


def load_transcript(project: Project, interview_id: str) -> Transcript:
    interview = get_interview(project, interview_id)
    if interview.transcript_object is None:
        raise StateError(
            f"interview {interview_id} has not been transcribed", f"run `fieldkit transcribe {interview_id}`"
        )
    return Transcript.from_bytes(project.objects.get(interview.transcript_object))


def transcript_versions(project: Project, interview_id: str) -> list[str]:
    """Object ids of every stored version, newest first (older ones are kept until retention removes them)."""
    versions, current = [], get_interview(project, interview_id).transcript_object
    while current:
        versions.append(current)
        current = project.objects.info(current).meta.get("previous")
    return versions
