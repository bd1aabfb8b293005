"""Fixtures for the crash harness (tests/crash/harness.py).

By default each command runs a quick sample: one trial, the middle N of one syscall family chosen per command
(Command.quick_families), so the default suite stays short. FIELDKIT_CRASH_SAMPLE=first,middle,last widens
it to those trials of every family. FIELDKIT_CRASH_FULL=1 runs the full sweep: every (syscall, N) the command
makes, capped per family with an even spread (scripts/crash-harness does the same and prints a table).
"""

from __future__ import annotations

import os

import pytest

from tests.crash import harness


def crash_full() -> bool:
    return os.environ.get("FIELDKIT_CRASH_FULL", "").strip().lower() in ("1", "true", "yes")


def crash_sample() -> tuple[str, ...] | None:
    raw = os.environ.get("FIELDKIT_CRASH_SAMPLE", "").strip()
    if not raw:
        return None
    picked = tuple(part.strip() for part in raw.split(",") if part.strip())
    unknown = [p for p in picked if p not in ("first", "middle", "last")]
    if unknown:
        raise pytest.UsageError(f"FIELDKIT_CRASH_SAMPLE: unknown {unknown}; use first,middle,last")
    return picked


@pytest.fixture(scope="session")
def strace_ok() -> None:
    reason = harness.strace_unavailable()
    if reason:
        message = f"crash harness needs strace fault injection: {reason}"
        if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
            pytest.fail(f"CI=true: {message} (scripts/test installs strace; CI runs as root)", pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="session")
def crash_workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("crash")


@pytest.fixture(scope="session")
def scenes(crash_workdir, strace_ok) -> harness.Scenes:
    """Scenes are built lazily, once per session (per xdist worker), and copied for every trial."""
    return harness.Scenes(crash_workdir / "scenes")
