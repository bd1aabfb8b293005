"""Injectable time, so retention and audit logic run on a fake clock in tests and scripts."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from fieldkit.errors import UsageError


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that always says the same instant (FIELDKIT_NOW, tests)."""

    instant: datetime

    def now(self) -> datetime:
        return self.instant


def parse_instant(text: str) -> datetime:
    """Parse an ISO 8601 instant; a naive one is taken as UTC."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise UsageError(f"not an ISO 8601 time: {text!r}", "use e.g. 2026-01-31T12:00:00Z") from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def format_instant(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def clock_from_env() -> Clock:
    """FIELDKIT_NOW replaces the system clock for scripted use."""
    text = os.environ.get("FIELDKIT_NOW")
    return FixedClock(parse_instant(text)) if text else SystemClock()
