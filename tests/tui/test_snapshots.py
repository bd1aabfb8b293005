"""SVG snapshots of the main screens at 80×24 (pytest-textual-snapshot). After an intended change to a screen,
review the new pictures and accept them with `scripts/test --snapshot-update tests/tui/test_snapshots.py`."""

from __future__ import annotations

from fieldkit.anonymise import review as rv
from tests.conftest import CONSENT_ITEMS, add_transcribed_interview
from tests.tui.conftest import make_app, settle, unlock

SIZE = (80, 24)


def scene(project):
    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent

    interview = add_transcribed_interview(project, "P", ["Товар давал Ерлан Жумабаев из Шымкента."])
    rv.suggest(project, interview)
    add_transcribed_interview(project, "L", ["Суд длился год."])
    add_respondent(project, "DE")
    record_consent(project, "DE1", language="ru", answers=dict.fromkeys(CONSENT_ITEMS, True))


def test_unlock_screen(snap_compare, tui_root):
    assert snap_compare(make_app(tui_root), terminal_size=SIZE)


def test_dashboard_screen(snap_compare, tui_root, seeded):
    seeded(scene)

    async def run_before(pilot):
        await unlock(pilot.app, pilot)

    assert snap_compare(make_app(tui_root), terminal_size=SIZE, run_before=run_before)


def test_consent_screen_in_russian(snap_compare, tui_root, seeded):
    seeded(scene)

    async def run_before(pilot):
        await unlock(pilot.app, pilot)
        await pilot.press("c", "2", "y")
        await pilot.pause()

    assert snap_compare(make_app(tui_root), terminal_size=SIZE, run_before=run_before)


def test_review_screen(snap_compare, tui_root, seeded):
    seeded(scene)

    async def run_before(pilot):
        await unlock(pilot.app, pilot)
        await pilot.press("tab", "down", "v")  # the interviews table, second row: P1-1
        await settle(pilot.app, pilot)

    assert snap_compare(make_app(tui_root), terminal_size=SIZE, run_before=run_before)


def test_export_screen_with_blockers(snap_compare, tui_root, seeded):
    seeded(scene)

    async def run_before(pilot):
        await unlock(pilot.app, pilot)
        await pilot.press("e")
        await settle(pilot.app, pilot)
        pilot.app.screen.query_one("#export-path").value = "/exports/study.qdpx"
        await pilot.pause()

    assert snap_compare(make_app(tui_root), terminal_size=SIZE, run_before=run_before)


def test_dashboard_screen_light(snap_compare, tui_root, seeded):
    seeded(scene)

    async def run_before(pilot):
        pilot.app.theme = "textual-light"
        await unlock(pilot.app, pilot)

    assert snap_compare(make_app(tui_root), terminal_size=SIZE, run_before=run_before)


def test_coding_screen(snap_compare, tui_root, seeded):
    def coded(project):
        from fieldkit.coding.codebook import add_code
        from fieldkit.coding.excerpts import apply_code

        scene(project)
        rv.accept_suggestions(project, "L1-1")
        rv.approve(project, "L1-1")
        add_code(project, "Institutions")
        add_code(project, "courts", parent="Institutions")
        apply_code(project, "L1-1", "courts", quote="Суд длился год.")

    seeded(coded)

    async def run_before(pilot):
        await unlock(pilot.app, pilot)
        await pilot.press("k")
        await settle(pilot.app, pilot)

    assert snap_compare(make_app(tui_root), terminal_size=SIZE, run_before=run_before)
