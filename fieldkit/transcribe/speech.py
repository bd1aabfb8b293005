"""How much speech the audio holds, and whether a transcript is plausible for it.

Whisper can return nothing, or next to nothing, for audio full of speech (a 30-second window it judges to be
silence is skipped whole). Stored, such a transcript would be reviewed, approved, and start the clock that
destroys the audio, so the words would be lost for good. Speech is therefore measured independently of
whisper, with the Silero voice-activity model that ships inside faster-whisper (an ONNX file in the package;
nothing is downloaded), and a transcript with too few words for it is refused (docs/transcription.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from fieldkit.capture import audio
from fieldkit.documents import Segment

#: Silero's default speech threshold; short clicks (< 250 ms) are not speech; pauses under half a second
#: stay inside the speech around them; no padding, so the seconds counted are seconds of voice.
VAD_OPTIONS = {"threshold": 0.5, "min_speech_duration_ms": 250, "min_silence_duration_ms": 500, "speech_pad_ms": 0}
#: Less detected speech than this in the whole recording: "no speech found", whisper is not run.
MIN_SPEECH_SECONDS = 1.0
#: At least one word per ten seconds of detected speech, in the whole transcript and in every block that has
#: BLOCK_CHECK_SECONDS of speech or more. Conversational speech runs at 2-3 words a second, so only a
#: transcript that lost most of what was said falls below it.
WORDS_PER_SPEECH_SECOND = 0.1
BLOCK_CHECK_SECONDS = 10.0
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Speech:
    """Where the voice-activity model heard speech: sample ranges [start, end) at audio.SAMPLE_RATE."""

    ranges: tuple[tuple[int, int], ...]

    def seconds(self, start: int = 0, end: int | None = None) -> float:
        """Seconds of speech between two sample positions (the whole audio by default)."""
        stop = end if end is not None else max((e for _, e in self.ranges), default=0)
        overlap = sum(max(0, min(e, stop) - max(s, start)) for s, e in self.ranges)
        return overlap / audio.SAMPLE_RATE

    @property
    def total(self) -> float:
        return self.seconds()

    def first(self, samples: np.ndarray, seconds: float) -> np.ndarray:
        """The first ``seconds`` of speech, the pauses between removed (what language detection listens to)."""
        wanted, pieces = int(seconds * audio.SAMPLE_RATE), []
        for start, end in self.ranges:
            pieces.append(samples[start : min(end, start + wanted)])
            wanted -= len(pieces[-1])
            if wanted <= 0:
                break
        return np.concatenate(pieces) if pieces else samples[:0]


def find_speech(samples: np.ndarray) -> Speech:
    """Run the Silero voice-activity model bundled with faster-whisper (about 6 ms a second of audio on CPU)."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    found = get_speech_timestamps(samples, VadOptions(**VAD_OPTIONS))
    return Speech(tuple((int(chunk["start"]), int(chunk["end"])) for chunk in found))


def count_words(segments: Iterable[Segment]) -> int:
    return sum(len(_WORD.findall(segment.text)) for segment in segments)


def words_needed(speech_seconds: float) -> int:
    """The fewest words a transcript of that much speech may have: one per started ten seconds, at least one."""
    return max(1, math.ceil(speech_seconds * WORDS_PER_SPEECH_SECOND - 1e-9))


def too_few_words(words: int, speech_seconds: float) -> bool:
    return words < words_needed(speech_seconds)
