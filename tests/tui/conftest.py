"""TUI fixtures: a project copied from the session template, an app on a fixed clock, and an unlock helper."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from fieldkit.clock import FixedClock
from tests.conftest import PASSPHRASE

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def tui_root(tmp_path, project_template):
    shutil.copytree(project_template[0], tmp_path / "project")
    return tmp_path / "project"


@pytest.fixture
def seeded(tui_root, project_template):
    """Open the project with the core library to set up a scene, then close it before the app opens it.

    It opens with the template's keys rather than the passphrase: the scene is not what these tests are about,
    and each scrypt unwrap costs seconds (the app under test still unlocks with the passphrase)."""
    from tests.conftest import open_copy

    def seed(action):
        with open_copy(tui_root, project_template[1], FixedClock(NOW)) as project:
            return action(project)

    return seed


def make_app(root, **options):
    from fieldkit.tui.app import FieldkitApp

    options.setdefault("clock", FixedClock(NOW))
    return FieldkitApp(root, **options)


async def settle(app, pilot) -> None:
    """Wait for every worker (scrypt, Presidio, whisper, export) and the screen updates they post."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(pilot, condition, what: str, timeout: float = 60.0) -> None:
    """Let the app run until ``condition()`` holds. The deadline is generous on purpose: a loaded 2-core machine
    (a parallel test run) can take many times longer than an idle one, and a fixed sleep there makes a flaky
    test; a passing run returns as soon as the condition holds."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"after {timeout:.0f} s still not true: {what}")
        await asyncio.sleep(0.05)
        await pilot.pause()


async def unlock(app, pilot, passphrase: str = PASSPHRASE) -> None:
    await pilot.pause()
    await pilot.press(*passphrase, "enter")
    await settle(app, pilot)


def screen_text(app) -> str:
    """Everything the current screen shows, as plain text."""
    from textual.widgets import DataTable, Label, Static

    parts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, DataTable):
            parts += [" ".join(str(c) for c in widget.get_row_at(i)) for i in range(widget.row_count)]
        elif isinstance(widget, Label | Static):
            parts.append(str(widget.render()))
    return "\n".join(parts)
