"""Off-the-record ranges: audio inside them is never kept, and transcripts mark where they were.

Ranges are given on the original recording's timeline ("00:30-01:10,2:00-2:30"). The stored audio has them
cut out, so a time in the stored audio maps back to the original by adding the lengths of the ranges
before it.
"""

from __future__ import annotations

import re

import numpy as np

from fieldkit.capture.audio import SAMPLE_RATE
from fieldkit.errors import UsageError

Range = tuple[float, float]
_TIME = re.compile(r"^(?:(\d+):)?(?:(\d+):)?(\d+(?:\.\d+)?)$")
MARKER = re.compile(r"^\[off the record \d")


def parse_time(text: str) -> float:
    match = _TIME.match(text.strip())
    if not match:
        raise UsageError(f"not a time: {text!r}", "write times as SS, MM:SS or H:MM:SS")
    parts = [p for p in match.groups() if p is not None]
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def parse_ranges(text: str | None) -> list[Range]:
    """"00:30-01:10, 2:00-2:30" → sorted, non-overlapping (start, end) pairs in seconds."""
    if not text:
        return []
    ranges = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        start_text, sep, end_text = part.partition("-")
        if not sep:
            raise UsageError(f"not a range: {part!r}", "write ranges as START-END, e.g. 00:30-01:10")
        start, end = parse_time(start_text), parse_time(end_text)
        if end <= start:
            raise UsageError(f"range {part!r} ends before it starts", "write ranges as START-END, e.g. 00:30-01:10")
        ranges.append((start, end))
    ranges.sort()
    for (_, first_end), (second_start, _) in zip(ranges, ranges[1:], strict=False):
        if second_start < first_end:
            raise UsageError("off-the-record ranges overlap", "merge overlapping ranges into one, e.g. 00:30-02:00")
    return ranges


def cut(samples: np.ndarray, ranges: list[Range]) -> np.ndarray:
    """The samples with every range removed (ranges past the end are clipped)."""
    keep = np.ones(len(samples), dtype=bool)
    for start, end in ranges:
        keep[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)] = False
    return samples[keep]


def to_original(seconds: float, ranges: list[Range], *, is_end: bool = False) -> float:
    """Map a time in the stored (cut) audio back to the original recording's timeline. An end time that
    falls exactly on a range's start stays before it (the segment ends where the gap begins)."""
    for start, end in ranges:
        if seconds - 1e-9 > start if is_end else seconds + 1e-9 >= start:
            seconds += end - start
        else:
            break
    return seconds


def clock(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def marker(start: float, end: float) -> str:
    return f"[off the record {clock(start)}–{clock(end)}]"
