"""The start-up report after unlock: what opening the project did (a clock set back, what retention destroyed,
a recording recovered) stays on screen until it has been read, in the same words the CLI prints."""

from __future__ import annotations

import shutil
from datetime import timedelta

from click.testing import CliRunner

from fieldkit.anonymise import review as rv
from fieldkit.clock import FixedClock, format_instant
from tests.conftest import CONSENT_ITEMS, FIXTURES, PASSPHRASE
from tests.tui.conftest import NOW, make_app, screen_text, settle, unlock

LATER = NOW + timedelta(days=5)  # the audit log already reaches this (the audio was due 3 days after NOW)
BACK = NOW + timedelta(days=1)  # then the laptop's clock is set back to this


def approved_audio_then_a_later_entry(root) -> None:
    """P1-1: audio approved at NOW (destroy 3 days later); then, at LATER, an audit entry (a new respondent)."""
    from fieldkit import pipeline
    from fieldkit.capture.importer import import_audio
    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent
    from fieldkit.documents import Segment, Transcript
    from fieldkit.vault.project import Project

    with Project.open(root, PASSPHRASE, FixedClock(NOW)) as project:
        code = add_respondent(project, "P")
        record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
        interview = import_audio(project, code, FIXTURES / "short_en.wav")
        transcript = Transcript("en", "base", 3.0, (Segment(0.0, 3.0, "We worked at night."),))
        project.objects.put("transcript", transcript.to_bytes(), respondent=code, interview=interview,
                            on_stored=lambda conn, object_id: pipeline.transcript_stored(conn, interview, object_id))
        rv.accept_suggestions(project, interview)
        rv.approve(project, interview)
    with Project.open(root, PASSPHRASE, FixedClock(LATER)) as project:
        add_respondent(project, "L")


def cli_notices(root) -> list[str]:
    """What `fieldkit respondent list` prints about the start-up on the same project at the same time, without
    the CLI's line prefixes."""
    from fieldkit.cli import main

    result = CliRunner().invoke(main, ["--project", str(root), "respondent", "list"],
                                env={"FIELDKIT_PASSPHRASE": PASSPHRASE, "FIELDKIT_NOW": format_instant(BACK)})
    assert result.exit_code == 0, (result.stderr, result.exception)
    prefixes = ("fieldkit: warning: ", "retention: ", "fieldkit: ")
    return [next(line.removeprefix(p) for p in prefixes if line.startswith(p)) for line in result.stderr.splitlines()]


async def test_clock_set_back_and_retention_destruction_are_shown_after_unlock(tui_root, tmp_path):
    approved_audio_then_a_later_entry(tui_root)
    shutil.copytree(tui_root, tmp_path / "cli-copy")  # the same project, state and time for the CLI
    app = make_app(tui_root, clock=FixedClock(BACK))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        assert app.project is not None and type(app.screen).__name__ == "StartupReportScreen"
        shown = screen_text(app)
        warning = (f"clock went backwards: the clock says {format_instant(BACK)}, but this project already saw"
                   f" {format_instant(LATER)}; deadlines use the later time")
        assert warning in shown
        assert "destroyed audio of P1-1 (" in shown and ") under rule audio:transcript_approved:3d" in shown
        assert shown.index("clock went backwards") < shown.index("destroyed audio")  # in the order it happened
        assert app.screen.query(".warning") and app.screen.query(".retention")  # styled by level
        notices = cli_notices(tmp_path / "cli-copy")
        assert len(notices) == 2 and notices[0] == warning and notices[1].startswith("destroyed audio of P1-1 (")
        assert all(text in shown for text in notices)  # the same words in both front ends
        await pilot.press("r")  # a dashboard key does not reach past the report: it stays until dismissed
        await pilot.pause()
        assert type(app.screen).__name__ == "StartupReportScreen"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen" and not app.unseen_notices
        assert "audio P1-1" not in screen_text(app)  # destroyed: no longer listed as due


async def test_nothing_to_report_goes_straight_to_the_dashboard(tui_root):
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen" and len(app.screen_stack) == 2


async def test_a_report_cut_short_by_a_lock_is_shown_after_the_next_unlock(tui_root):
    approved_audio_then_a_later_entry(tui_root)
    app = make_app(tui_root, clock=FixedClock(BACK))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*PASSPHRASE, "enter", "f12")  # F12 lands while the project opens: the lock wins
        await settle(app, pilot)
        assert app.project is None and type(app.screen).__name__ == "UnlockScreen"
        assert "destroyed" not in screen_text(app)  # nothing about the project while locked
        await unlock(app, pilot)
        assert type(app.screen).__name__ == "StartupReportScreen"
        assert "destroyed audio of P1-1" in screen_text(app)  # retention ran in the open the lock cut short
        await pilot.press("ctrl+l")  # locked again before it was read: still not lost
        await pilot.pause()
        await unlock(app, pilot)
        assert "destroyed audio of P1-1" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"
