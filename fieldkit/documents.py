"""The document model every stage shares: timed segments, a transcript, and its anonymised form.

It lives below the stages (capture writes notes as a transcript, transcription writes one from audio,
anonymisation derives the anonymised text, coding and export read it), so no stage has to import a later
one to read what an earlier one stored. Stored objects carry a schema version and are validated on read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from fieldkit.stored import StoredModel, StrictModel, dump_stored, load_stored

#: Kazakh letters that Russian lacks: enough to tell Kazakh text from Russian without a model.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def has_kazakh_letters(text: str) -> bool:
    return any(ch in KAZAKH_LETTERS for ch in text)


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    speaker: str | None = None  # set by the user: no diarisation model can be shipped offline

    def as_dict(self) -> dict:
        data = {"start": self.start, "end": self.end, "text": self.text}
        if self.speaker:
            data["speaker"] = self.speaker
        return data


def segment_from(raw: dict) -> Segment:
    return Segment(raw["start"], raw["end"], raw["text"], raw.get("speaker"))


# --- stored layouts (fieldkit/stored.py): what the JSON of each object holds, checked on every read --------


class StoredSegment(StrictModel):
    start: float
    end: float
    text: str
    speaker: str | None = None  # absent when unset

    def segment(self) -> Segment:
        return Segment(self.start, self.end, self.text, self.speaker)


class StoredTranscript(StoredModel):
    SCHEMA = 1
    language: str
    model: str
    duration_s: float
    version: int = Field(1, ge=1)  # the edit version of the transcript, not the layout's (that is ``schema``)
    segments: list[StoredSegment]


class StoredAnonymisedText(StoredModel):
    SCHEMA = 1
    language: str
    segments: list[StoredSegment]
    entity_counts: dict[str, int]
    masks: list[Annotated[list[int], Field(min_length=3, max_length=3)]] | None = None  # (segment, start, end)


@dataclass(frozen=True)
class Transcript:
    language: str
    model: str
    duration_s: float
    segments: tuple[Segment, ...]
    version: int = 1

    @property
    def text(self) -> str:
        return " ".join(segment.text for segment in self.segments)

    def to_bytes(self) -> bytes:
        return dump_stored(StoredTranscript, {
            "language": self.language,
            "model": self.model,
            "duration_s": self.duration_s,
            "version": self.version,
            "segments": [s.as_dict() for s in self.segments],
        })

    @classmethod
    def from_bytes(cls, data: bytes) -> Transcript:
        """Validated (fieldkit/stored.py): a damaged or newer object raises CorruptObject."""
        raw = load_stored(StoredTranscript, data, "transcript")
        return cls(raw.language, raw.model, raw.duration_s, tuple(s.segment() for s in raw.segments), raw.version)


@dataclass(frozen=True)
class AnonymisedText:
    language: str
    segments: tuple[Segment, ...]
    entity_counts: dict[str, int]
    masks: tuple[tuple[int, int, int], ...] | None = None  # (segment, start, end) of each replacement made

    @property
    def text(self) -> str:
        return " ".join(segment.text for segment in self.segments)

    def to_bytes(self) -> bytes:
        return dump_stored(StoredAnonymisedText, {
            "language": self.language,
            "segments": [s.as_dict() for s in self.segments],
            "entity_counts": self.entity_counts,
            "masks": [list(m) for m in self.masks or ()],
        })

    @classmethod
    def from_bytes(cls, data: bytes) -> AnonymisedText:
        """Validated (fieldkit/stored.py): a damaged or newer object raises CorruptObject."""
        raw = load_stored(StoredAnonymisedText, data, "anonymised text")
        masks = tuple((m[0], m[1], m[2]) for m in raw.masks) if raw.masks is not None else None
        return cls(raw.language, tuple(s.segment() for s in raw.segments), dict(raw.entity_counts), masks)
