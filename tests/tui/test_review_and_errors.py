"""The review screen decides one suggestion per key and never dead-ends on approve; placeholders and user text
are shown as written; errors speak of keys and screens, not command-line flags; a transcribed interview is
never shown as "not transcribed"."""

from __future__ import annotations

import re

import pytest

from fieldkit.anonymise import review as rv
from fieldkit.interviews import get_interview
from tests.conftest import add_transcribed_interview
from tests.tui.conftest import make_app, screen_text, settle, unlock

SIZE = (80, 24)
CLI = re.compile(r"`fieldkit|(?<![\w-])--[a-z]")


def messages(app) -> str:
    return "\n".join(n.message for n in app._notifications)


def drawn(widget) -> str:
    """What a widget draws, as text (markup already applied: what the user sees)."""
    from textual.geometry import Region

    size = widget.outer_size  # borders and padding included
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, size.width, size.height)))


def rows(app) -> list[tuple[str, ...]]:
    table = app.screen.query_one("#span-table")
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_review_starts_on_the_suggestions_and_moves_on_after_each_decision(tui_root, seeded):
    seeded(lambda p: add_transcribed_interview(
        p, "DE", ["Товар давал Ерлан Жумабаев из Шымкента.", "Звонил в Казпочту, потом Асхату Нурланову."]))
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        table = app.screen.query_one("#span-table")
        assert app.screen.focused is table and table.cursor_row == 0
        assert len(rows(app)) >= 3
        await pilot.press("a")  # accept the first …
        await pilot.pause()
        assert table.cursor_row == 1
        await pilot.press("x")  # … reject the second: the keys landed on two different rows
        await pilot.pause()
        assert table.cursor_row == 2
        statuses = [row[3] for row in rows(app)]
        assert statuses[:3] == ["accepted", "rejected", "pending"]


@pytest.fixture
def nothing_pending(seeded):
    """An interview whose only identifier was confirmed in another interview: its suggestion is accepted at
    once, nothing is pending, and no anonymised text has been made yet (what approve used to dead-end on)."""
    def scene(project):
        first = add_transcribed_interview(project, "P", ["Товар давал Ерлан Жумабаев."])
        rv.accept_suggestions(project, first)
        second = add_transcribed_interview(project, "L", ["Ерлан Жумабаев молчал."])
        review = rv.suggest(project, second)
        assert review.spans and not review.pending and all(s.status == "accepted" for s in review.spans)
        assert get_interview(project, second).anonymised_object is None
        return second

    return seeded(scene)


async def test_approve_makes_the_anonymised_text_when_nothing_is_pending(tui_root, seeded, nothing_pending):
    interview = nothing_pending
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)
        table = app.screen.query_one("#interview-table")
        table.focus()
        table.move_cursor(row=table.get_row_index(interview))
        await pilot.press("v")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "no anonymised text" not in messages(app)
        assert type(app.screen).__name__ == "DashboardScreen"
    assert seeded(lambda p: get_interview(p, interview).approved) is not None
    assert seeded(lambda p: rv.load_anonymised(p, interview).text) == "[PERSON-1] молчал."


async def test_approve_with_suggestions_pending_says_what_to_do_here(tui_root, seeded):
    interview = seeded(lambda p: add_transcribed_interview(p, "P", ["Товар давал Ерлан Жумабаев из Шымкента."]))
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ReviewScreen"
        assert "still pending" in messages(app) and "A accepts all" in messages(app)
        assert not CLI.search(messages(app))
    assert seeded(lambda p: get_interview(p, interview).approved) is None


async def test_placeholders_and_user_text_are_shown_as_written(tui_root, seeded):
    from fieldkit.anonymise.engine import PLACEHOLDER_LABELS

    def scene(project):
        from fieldkit.coding.codebook import add_code

        interview = add_transcribed_interview(project, "P", ["Товар давал Ерлан Жумабаев."])
        rv.accept_suggestions(project, interview)
        rv.approve(project, interview)
        add_code(project, "[b]давление[/b] сверху")

    seeded(scene)
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        await pilot.press("p")  # the placeholder chooser
        await pilot.pause()
        choices = app.screen.query_one("#choices")
        # What the list draws for each option (it scrolls: not every option is on the screen at once).
        shown = "\n".join(choices._get_visual(choices.get_option_at_index(i)).plain
                          for i in range(choices.option_count))
        assert drawn(choices).count("→ [") >= 4  # and what is on the screen shows them too
        for entity, label in PLACEHOLDER_LABELS.items():
            assert f"{entity} → [{label}-n]" in shown
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await pilot.press("k")  # a code name with brackets, as typed
        await settle(app, pilot)
        assert "[b]давление[/b] сверху (0)" in drawn(app.screen.query_one("#code-list"))


async def test_export_gates_and_errors_speak_of_keys_and_screens(tui_root, seeded, tmp_path):
    seeded(lambda p: add_transcribed_interview(p, "P", ["Начальство требовало план."]))
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        report = str(app.screen.query_one("#gate-report").render())
        assert "P1-1: not anonymised yet (v on the dashboard)" in report and not CLI.search(report)
        app.screen.query_one("#export-path").value = str(tmp_path)  # a folder, not a file
        await pilot.press("f5")
        await settle(app, pilot)
        assert "is a folder" in messages(app) and "path field" in messages(app)
        assert not CLI.search(messages(app))


async def test_review_errors_speak_of_keys_and_screens(tui_root, seeded):
    seeded(lambda p: add_transcribed_interview(p, "P", ["Товар давал Ерлан Жумабаев."]))
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        await pilot.press("plus", *"Хромой", "enter")  # not in the transcript
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert "does not occur in the transcript" in messages(app)
        assert "check the spelling against the transcript" in messages(app) and not CLI.search(messages(app))


def test_every_core_hint_is_said_without_command_line_flags():
    from fieldkit.errors import error_classes
    from fieldkit.tui.screens.base import tui_words

    hints = [cls.default_hint for cls in error_classes()] + [
        "pass --replace to transcribe again",
        "give a file name, e.g. --out excerpts.csv",
        "run `fieldkit anonymise P1-4 --accept-suggestions` or review it first",
        'pass the word or name to mark, e.g. --add "Рыжий"',
        "P1-4: anonymisation not approved (`fieldkit anonymise P1-4 --approve`)",
        "something new; try `fieldkit frobnicate P1-4 --hard`",  # an unknown hint: that clause is left out
    ]
    for hint in hints:
        said = tui_words(hint)
        assert not CLI.search(said), (hint, said)
    assert tui_words("pass --replace to transcribe again").startswith("s on the Transcribe screen")
    assert tui_words("something new; try `fieldkit frobnicate P1-4 --hard`") == "something new"


async def test_transcribe_screen_shows_a_transcribed_interview_as_transcribed(tui_root, seeded):
    interview = seeded(lambda p: add_transcribed_interview(p, "P", ["Начальство требовало план."]))
    before = seeded(lambda p: get_interview(p, interview).transcript_object)
    app = make_app(tui_root)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        assert f"{interview} is already transcribed" in screen_text(app)
        await pilot.press("s", "y")  # again, confirmed: this one has no audio, so it fails
        await settle(app, pilot)
        assert "not transcribed" not in screen_text(app)
        assert f"nothing changed: {interview} keeps its transcript" in screen_text(app)
        assert "has no audio" in messages(app) and not CLI.search(messages(app))
    assert seeded(lambda p: get_interview(p, interview).transcript_object) == before
