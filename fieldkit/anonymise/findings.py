"""What the anonymiser finds: the one type every detector, the lexicon and the review pass around."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One suggested replacement. ``text`` is sensitive: keep it in memory, never log it."""

    entity: str
    start: int
    end: int
    score: float
    text: str
    place: str | None = None  # gazetteer id for LOCATION findings, used to generalise them
