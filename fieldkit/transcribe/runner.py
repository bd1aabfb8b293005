"""Transcribe a stored interview: decrypt the audio into memory, run whisper, store the transcript encrypted."""

from __future__ import annotations

import dataclasses
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
from fieldkit.errors import StateError, TranscriptionCancelled, TranscriptRejected, UsageError
from fieldkit.interviews import get_interview
from fieldkit.stored import StoredModel, dump_stored, load_stored
from fieldkit.transcribe import speech as sp
from fieldkit.transcribe.model import load_model, resolve_model
from fieldkit.vault.project import Project

#: The project's languages: ``auto`` detects one of these, never any other of whisper's 99.
PROJECT_LANGUAGES = ("ru", "kk", "en")
LANGUAGES = (*PROJECT_LANGUAGES, "auto")
#: How much of the speech language detection listens to (one whisper window).
DETECT_SECONDS = 30.0
Progress = Callable[[float, float], None]  # (seconds done, seconds total)


SPEAKERS = ("interviewer", "respondent")
_SEGMENTS_HINT = "`fieldkit transcript show ID` numbers the segments"
#: Audio is transcribed in independent blocks of about this length, each cut at the quietest 100 ms within
#: 5 s of it, so a block is 20-30 s: never longer than whisper's own 30-second window. A cancelled run
#: (Ctrl-C, the terminal app's lock) resumes at the first unfinished block and gives exactly what an
#: uninterrupted run gives; at most one block, 30 s of audio, is transcribed again.
BLOCK_SECONDS = 25.0
_CUT_SEARCH_SECONDS = 5.0
#: Decoding is greedy/beam search at temperature 0 only. faster-whisper's default falls back to *sampling*
#: at temperatures 0.2-1.0 whenever a window looks repetitive or unsure, and CTranslate2's sampling cannot be
#: seeded reproducibly (its random generator is per thread and seeded once), so the same audio gave a
#: different transcript on every run, sometimes none at all. Without sampling, the same audio and settings
#: always give the same segments.
TEMPERATURE = 0.0
#: Without that fallback, whisper at temperature 0 fills silence and noise with one confident phrase repeated
#: ("Я не знаю, что это было." fourteen times over 28 s of digital silence). A window whose text is more
#: repetitive than faster-whisper's own fallback threshold (zlib compression ratio above 2.4) and that whisper
#: itself judges probably not speech (no-speech probability above 0.6, its skip threshold) is dropped: what the
#: random fallback mostly ended in, decided the same way every time.
HALLUCINATION_COMPRESSION_RATIO = 2.4
HALLUCINATION_NO_SPEECH = 0.6


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
    hotwords: str | None = None,
):
    """Inference on one block: deterministic (temperature 0, no sampling fallback); each 30-second window
    decoded on its own, without the previous window's text as a prompt (which carries one hallucination on
    through a block); "auto" chooses among the project's languages only. ``hotwords``: names from the project
lexicon whisper should expect, so it spells them right (they never leave memory)."""
    model = load_model(str(model_dir), settings.device, settings.compute_type)
    language = settings.language
    if language == "auto":
        language, _ = detect_language(samples, model_dir, settings)
    segments, info = model.transcribe(
        samples, language=language, beam_size=settings.beam_size, vad_filter=settings.vad,
        temperature=TEMPERATURE, condition_on_previous_text=False, hotwords=hotwords,
    )
    collected, length = [], len(samples) / audio.SAMPLE_RATE
    for segment in segments:
        if cancel is not None and cancel.is_set():
            raise TranscriptionCancelled("transcription cancelled")
        # whisper may place an end after the block's last sample; it would overlap the next block's first segment
        end = min(segment.end, length)
        if not (segment.compression_ratio > HALLUCINATION_COMPRESSION_RATIO
                and segment.no_speech_prob > HALLUCINATION_NO_SPEECH):
            collected.append(Segment(round(offset + min(segment.start, end), 2), round(offset + end, 2),
                                     segment.text.strip()))
        if progress is not None:
            progress(offset + segment.end, total or info.duration)
    return collected, info


def detect_language(samples: np.ndarray, model_dir: Path, settings: Settings) -> tuple[str, float]:
    """The most probable of the project's languages (ru, kk, en) in the first 30 s of ``samples``, and its
    share of their summed probability. Whisper alone picks among 99 languages and called Russian speech
    Latvian or Georgian; only a language the project works in may be chosen."""
    model = load_model(str(model_dir), settings.device, settings.compute_type)
    _, _, probabilities = model.detect_language(audio=samples[: int(DETECT_SECONDS * audio.SAMPLE_RATE)])
    allowed = {language: p for language, p in probabilities if language in PROJECT_LANGUAGES}
    best = max(PROJECT_LANGUAGES, key=lambda language: allowed.get(language, 0.0))
    total = sum(allowed.values())
    return best, (allowed.get(best, 0.0) / total if total else 0.0)


def with_off_record_markers(segments: list[Segment], ranges: list) -> list[Segment]:
    """Put segments back on the original timeline and mark each off-the-record gap where it happened."""
    if not ranges:
        return segments
    placed = [replace(s, start=round(offrecord.to_original(s.start, ranges), 2),
                      end=round(offrecord.to_original(s.end, ranges, is_end=True), 2)) for s in segments]
    markers = [Segment(start, end, offrecord.marker(start, end)) for start, end in ranges]
    return sorted(placed + markers, key=lambda s: (s.start, not s.text.startswith("[off the record")))


def transcribe_interview(project: Project, interview_id: str, **options) -> Transcript:
    """Transcribe one interview (options as :func:`_transcribe_interview`) holding the interview's lock: a
    second transcription of the same interview, in another process or thread, is refused as Busy at once, so
    two runs can never both store a transcript."""
    with project.lock_interview(interview_id):
        return _transcribe_interview(project, interview_id, **options)


def _transcribe_interview(
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
    hotwords: str | None = None,
) -> Transcript:
    """Transcribe block by block; after each block the segments so far are saved encrypted, so a cancelled
    or crashed run resumes where it stopped.

    Nothing is stored, and the audio is kept, when the audio holds no speech or whisper returns too few words
    for the speech in it (:mod:`fieldkit.transcribe.speech`): TranscriptRejected. With ``language="auto"`` the
    language is detected once, among the project's languages, on the first 30 s of speech; the transcript
    records it, and the language declared at capture stays the interview's. ``hotwords`` (the project
    lexicon's names for this interview) go to whisper in memory and are never stored, not even in a partial
    transcript's settings."""
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
    speech = sp.find_speech(decoded.samples)
    if speech.total < sp.MIN_SPEECH_SECONDS:
        raise TranscriptRejected(
            f"no speech found in the audio of interview {interview_id} ({speech.total:.1f} s of speech in"
            f" {decoded.duration_s:.1f} s); nothing was stored",
            "the audio is kept; check it is the right recording: silence or noise alone cannot be transcribed",
        )
    bounds = block_bounds(decoded.samples, block_seconds)
    partial_id, done, segments, detected = _load_partial(project, interview, settings)
    if settings.language == "auto" and detected is None:
        # detected once, on speech, so blocks cannot drift between ru and kk
        detected, _ = detect_language(speech.first(decoded.samples, DETECT_SECONDS), model_dir, settings)
    # (dataclasses.replace: ``replace`` is this function's flag; main called the flag on auto's second block)
    block_settings = dataclasses.replace(settings, language=detected or settings.language)
    for index in range(done, len(bounds)):
        start, end = bounds[index]
        found, _ = run_whisper(decoded.samples[start:end], model_dir, block_settings, progress,
                               offset=start / audio.SAMPLE_RATE, total=decoded.duration_s, cancel=cancel,
                               hotwords=hotwords)
        _check_words(interview_id, found, speech.seconds(start, end), (start, end), block=True)
        segments.extend(found)
        if index + 1 < len(bounds):
            partial_id = _save_partial(project, interview, settings, index + 1, segments, detected, partial_id)
    _check_words(interview_id, segments, speech.total, (0, len(decoded.samples)), block=False)
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


def _check_words(interview_id: str, segments: list[Segment], speech_s: float, span: tuple[int, int], *,
                 block: bool) -> None:
    """Refuse a transcript (or one block of it) with fewer words than its detected speech needs."""
    if block and speech_s < sp.BLOCK_CHECK_SECONDS:
        return
    words, needed = sp.count_words(segments), sp.words_needed(speech_s)
    if words >= needed:
        return
    where = (f"{_clock(span[0])}-{_clock(span[1])} of interview {interview_id}" if block
             else f"interview {interview_id}")
    got = "no words" if words == 0 else f"only {words} word{'s' if words != 1 else ''}"
    raise TranscriptRejected(
        f"whisper returned {got} for {speech_s:.1f} s of speech in {where} (at least {needed} expected);"
        " nothing was stored",
        "the audio is kept; try --lang with the language spoken, --vad, or a larger model (--model DIR); the"
        " same settings give the same result",
    )


def _clock(sample: int) -> str:
    seconds = int(sample / audio.SAMPLE_RATE)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


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
