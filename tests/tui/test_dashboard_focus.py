"""The dashboard's keys act on what is visibly selected: cursors stay on their rows (by key) across sub-screens and
refreshes, a key acts on the focused table's selection or says which table to focus, the focused table is marked
by more than colour, and the screens that act on an interview name it (and its stage) when they ask."""

from __future__ import annotations

from fieldkit.anonymise import review as rv
from tests.conftest import add_transcribed_interview, export_text
from tests.tui.conftest import make_app, screen_text, settle, unlock

SIZE = (80, 24)


def scene(project, out):
    """P1 with two interviews (P1-2 approved and exported), L1 with one, DE1 with none."""
    from fieldkit.consent.respondents import add_respondent

    add_transcribed_interview(project, "P", ["Начальство требовало план."])  # P1-1
    exported = add_transcribed_interview(project, "P1", ["Дело вёл судья Ерлан Жумабаев."])  # P1-2
    rv.accept_suggestions(project, exported)
    rv.approve(project, exported)
    export_text(project, out, interviews=(exported,))
    add_transcribed_interview(project, "L", ["Закон изменился."])  # L1-1
    add_respondent(project, "DE")


def key_of(table) -> str | None:
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None


def messages(app) -> str:
    return "\n".join(n.message for n in app._notifications)


async def pick(app, pilot, table_id: str, key: str):
    table = app.screen.query_one(table_id)
    table.focus()
    table.move_cursor(row=table.get_row_index(key))
    await pilot.pause()
    return table


async def test_cursors_stay_on_their_rows_across_sub_screens_and_refreshes(tui_root, seeded, tmp_path):
    seeded(lambda p: scene(p, tmp_path / "out.csv"))
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)
        respondents = await pick(app, pilot, "#respondent-table", "L1")
        interviews = await pick(app, pilot, "#interview-table", "P1-2")
        for key in ("a", "e", "k"):  # audit, export, coding of P1-2: each a sub-screen, then back
            await pilot.press(key)
            await settle(app, pilot)
            assert type(app.screen).__name__ != "DashboardScreen"
            await pilot.press("escape")
            await settle(app, pilot)
            assert type(app.screen).__name__ == "DashboardScreen"
            assert (key_of(respondents), key_of(interviews)) == ("L1", "P1-2"), f"after {key}"
            assert app.screen.focused is interviews
        # A refresh that puts a new interview above the cursor: it stays on P1-2, not on the same row number.
        before = interviews.cursor_row
        add_transcribed_interview(app.project, "DE1", ["Звонил в Казпочту."])  # DE1-1 sorts first
        app.screen.refresh_data()
        await pilot.pause()
        assert interviews.get_row_index("DE1-1") == 0 and interviews.cursor_row == before + 1
        assert (key_of(respondents), key_of(interviews)) == ("L1", "P1-2")


async def test_keys_act_on_the_focused_tables_selection_or_say_which_table_to_focus(tui_root, seeded, tmp_path):
    seeded(lambda p: scene(p, tmp_path / "out.csv"))
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)
        # Respondents focused on P1, who has two interviews: "t" cannot know which one, so it refuses.
        await pick(app, pilot, "#respondent-table", "P1")
        await pilot.press("t")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        assert "P1 has 2 interviews" in messages(app) and "Interviews table" in messages(app)
        # Respondents focused on L1, who has one: "v" reviews that one.
        await pick(app, pilot, "#respondent-table", "L1")
        await pilot.press("v")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ReviewScreen" and app.screen.interview == "L1-1"
        await pilot.press("escape")
        await settle(app, pilot)
        # Interviews focused: the selected interview, whatever the respondents' cursor says.
        await pick(app, pilot, "#interview-table", "P1-2")
        await pilot.press("k")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CodingScreen" and app.screen.interview == "P1-2"
        await pilot.press("escape")
        await settle(app, pilot)
        # A respondent key from the Interviews table: the selected interview's respondent.
        await pick(app, pilot, "#interview-table", "L1-1")
        await pilot.press("c")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ConsentScreen" and app.screen.respondent == "L1"
        await pilot.press("escape")
        await settle(app, pilot)
        # The retention table holds no interview to act on: refused, naming the table to focus.
        app.clear_notifications()
        app.screen.query_one("#due-table").focus()
        await pilot.pause()
        await pilot.press("v", "n")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        assert "Interviews table" in messages(app) and "Respondents table" in messages(app)


async def test_the_focused_table_is_marked_by_more_than_colour(tui_root, seeded, tmp_path):
    seeded(lambda p: scene(p, tmp_path / "out.csv"))
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)

        def marked() -> list[str]:
            titles = [str(label.render()) for label in app.screen.query(".panel > .title")]
            return [t for t in titles if t.startswith("▶ ")]

        def bordered() -> list[str]:
            return [panel.query_one(".title").render().plain.removeprefix("▶ ")
                    for panel in app.screen.query(".panel.-focused")]

        assert marked() == ["▶ Respondents"] and bordered() == ["Respondents"]
        await pilot.press("tab")
        await pilot.pause()
        assert marked() == ["▶ Interviews"] and bordered() == ["Interviews"]
        panel = app.screen.query_one(".panel.-focused")
        assert panel.styles.border_top[0] == "heavy"  # a heavier border as well as the accent colour
        await pilot.press("a", "escape")  # a sub-screen and back: still marked where the focus is
        await settle(app, pilot)
        assert marked() == ["▶ Interviews"]


async def test_screens_acting_on_an_interview_name_it_and_its_stage_when_they_ask(tui_root, seeded, tmp_path):
    from fieldkit.interviews import get_interview

    seeded(lambda p: scene(p, tmp_path / "out.csv"))
    before = seeded(lambda p: get_interview(p, "P1-2"))
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)
        # Transcribe an exported interview again: the screen says so, and "s" asks first, naming it.
        await pick(app, pilot, "#interview-table", "P1-2")
        await pilot.press("t")
        await settle(app, pilot)
        assert "Transcribe P1-2 (exported)" in screen_text(app)
        assert "P1-2 is already transcribed (exported)" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert "Transcribe P1-2 again (already exported)?" in screen_text(app)
        await pilot.press("n", "escape")
        await settle(app, pilot)
        # Review it: the first decision asks, naming it; "n" leaves the approved text alone.
        await pilot.press("v")
        await settle(app, pilot)
        assert "Review P1-2 (exported)" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert "Change the review of P1-2 (already exported)?" in screen_text(app)
        await pilot.press("n", "escape")
        await settle(app, pilot)
        # Export only the ready interviews: the gate report names the ones ctrl+e would export.
        await pilot.press("e", "f4")
        await settle(app, pilot)
        assert "ctrl+e exports P1-2" in screen_text(app)
    after = seeded(lambda p: get_interview(p, "P1-2"))
    assert (after.transcript_object, after.anonymised_object, after.approved) == (
        before.transcript_object, before.anonymised_object, before.approved)
