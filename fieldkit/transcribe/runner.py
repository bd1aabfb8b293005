"""Transcribe a stored interview: decrypt the audio into memory, run whisper, store the transcript encrypted."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fieldkit.capture import audio, offrecord
from fieldkit.errors import StateError, UsageError
from fieldkit.interviews import get_interview, set_field
from fieldkit.transcribe.model import load_model, resolve_model
from fieldkit.vault.project import Project

LANGUAGES = ("ru", "kk", "en", "auto")
Progress = Callable[[float, float], None]  # (seconds done, seconds total)


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Transcript:
    language: str
    model: str
    duration_s: float
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return " ".join(segment.text for segment in self.segments)

    def to_bytes(self) -> bytes:
        return json.dumps(
            {
                "language": self.language,
                "model": self.model,
                "duration_s": self.duration_s,
                "segments": [{"start": s.start, "end": s.end, "text": s.text} for s in self.segments],
            },
            ensure_ascii=False,
        ).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Transcript:
        raw = json.loads(data)
        return cls(
            raw["language"], raw["model"], raw["duration_s"],
            tuple(Segment(s["start"], s["end"], s["text"]) for s in raw["segments"]),
        )


def run_whisper(samples: np.ndarray, model_dir: Path, language: str, progress: Progress | None = None):
    """The bare inference step, shared by fieldkit and the benchmark's baseline."""
    model = load_model(str(model_dir))
    segments, info = model.transcribe(samples, language=None if language == "auto" else language, beam_size=5)
    collected = []
    for segment in segments:
        collected.append(Segment(round(segment.start, 2), round(segment.end, 2), segment.text.strip()))
        if progress is not None:
            progress(segment.end, info.duration)
    return collected, info


def with_off_record_markers(segments: list[Segment], ranges: list) -> list[Segment]:
    """Put segments back on the original timeline and mark each off-the-record gap where it happened."""
    if not ranges:
        return segments
    placed = [Segment(round(offrecord.to_original(s.start, ranges), 2), round(offrecord.to_original(s.end, ranges), 2),
                      s.text) for s in segments]
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
) -> Transcript:
    if language not in LANGUAGES:
        raise UsageError(f"unsupported language {language!r}", f"choose one of {', '.join(LANGUAGES)}")
    interview = get_interview(project, interview_id)
    if interview.audio_object is None:
        raise StateError(f"interview {interview_id} has no audio to transcribe")
    if interview.transcript_object and not replace:
        raise StateError(f"interview {interview_id} is already transcribed", "pass --replace to transcribe again")
    model_dir = resolve_model(model)
    decoded = audio.decode(project.objects.get(interview.audio_object), label=f"interview {interview_id}")
    segments, info = run_whisper(decoded.samples, model_dir, language, progress)
    ranges = [tuple(r) for r in json.loads(interview.off_record)] if interview.off_record else []
    segments = with_off_record_markers(segments, ranges)
    transcript = Transcript(
        language=info.language, model=model if model == "base" else model_dir.name,
        duration_s=round(decoded.duration_s, 3), segments=tuple(segments),
    )
    def link(conn, object_id: str) -> None:
        set_field(conn, interview_id, "transcript_object", object_id)
        set_field(conn, interview_id, "anonymised_object", None)
        set_field(conn, interview_id, "review_object", None)
        set_field(conn, interview_id, "approved", None)
        set_field(conn, interview_id, "language", transcript.language)
        project.audit.append(
            "transcript_made", interview=interview_id, respondent=interview.respondent, object=object_id,
            language=transcript.language, model=transcript.model if model == "base" else "local",
            segments=len(segments), duration_s=transcript.duration_s,
        )

    project.objects.put(
        "transcript", transcript.to_bytes(), respondent=interview.respondent, interview=interview_id,
        meta={"language": transcript.language}, on_stored=link,
        replaces=(interview.transcript_object, interview.anonymised_object, interview.review_object),
    )
    return transcript


def load_transcript(project: Project, interview_id: str) -> Transcript:
    interview = get_interview(project, interview_id)
    if interview.transcript_object is None:
        raise StateError(
            f"interview {interview_id} has not been transcribed", f"run `fieldkit transcribe {interview_id}`"
        )
    return Transcript.from_bytes(project.objects.get(interview.transcript_object))
