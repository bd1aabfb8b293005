"""The consent wizard in the respondent's language at 80×24 (issue 15): yes/no buttons and labels in the script's
words, whole questions, a reflowed statement, messages on the screen rather than in a toast over the question,
and a read-back summary that must be confirmed before anything is stored."""

from __future__ import annotations

from tests.conftest import CONSENT_ITEMS, FIXTURES
from tests.tui.conftest import make_app, screen_text, unlock

ALL_YES = dict.fromkeys(CONSENT_ITEMS, True)
RU_QUESTION_2 = "Вы согласны, чтобы интервью записывалось на диктофон? Запись будет уничтожена после расшифровки."


def drawn(widget) -> str:
    """What the widget draws in the room it is given (its screen region), whitespace squashed."""
    from textual.geometry import Region

    region = widget.region
    lines = widget.render_lines(Region(0, 0, region.width, region.height))
    return "".join("".join(strip.text for strip in lines).split())


def squash(text: str) -> str:
    return "".join(text.split())


async def open_consent(app, pilot, language_key: str) -> None:
    await unlock(app, pilot)
    await pilot.press("c", language_key)
    await pilot.pause()
    assert type(app.screen).__name__ == "ConsentScreen"


async def test_russian_wizard_speaks_russian_shows_whole_questions_and_no_toast(tui_root, seeded):
    from fieldkit.consent.respondents import add_respondent

    seeded(lambda p: add_respondent(p, "L"))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_consent(app, pilot, "2")
        screen = app.screen
        buttons = [str(b.label) for b in screen.query("Button")]
        assert buttons == ["Да (y)", "Нет (n)"]
        assert "(обязательно)" in screen_text(app) and "(required)" not in screen_text(app)
        statement = str(screen.query_one("#script-text").render())
        assert "Зачитайте вслух:" in statement
        assert "поговорить с вами о вашем опыте" in statement  # joined: the file breaks after "поговорить"

        await pilot.press("enter")  # nothing answered yet: refused, said on the screen, no toast
        await pilot.pause()
        assert type(app.screen).__name__ == "ConsentScreen" and not app._notifications
        assert squash("Пожалуйста, ответьте «да» или «нет».") in drawn(screen.query_one("#consent-message"))

        await pilot.press("y")
        await pilot.pause()
        question = screen.query_one("#consent-item")
        assert question.region.right <= 80
        assert squash(f"2/5: {RU_QUESTION_2}") in drawn(question)  # not cut at «Запись будет уничтож»
        assert "participate: да" in screen_text(app)


async def test_answers_are_read_back_and_recorded_only_when_confirmed(tui_root, seeded):
    from fieldkit.capture.importer import import_audio
    from fieldkit.consent.records import current_consent, record_consent
    from fieldkit.consent.respondents import add_respondent

    def scene(project):
        add_respondent(project, "P")
        record_consent(project, "P1", language="en", answers=ALL_YES)
        import_audio(project, "P1", FIXTURES / "short_en.wav")

    seeded(scene)
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_consent(app, pilot, "2")
        await pilot.press("y", "n", "y", "n", "y")
        await pilot.pause()
        shown = screen_text(app)
        assert "Ваши ответы:" in shown and "Всё верно? Записать ваше согласие?" in shown
        assert f"2. {RU_QUESTION_2} — нет" in shown and "4. " in shown and "5. " in shown
        assert type(app.screen).__name__ == "ConsentScreen"

        await pilot.press("n")  # not confirmed: nothing stored, asked again from the first item
        await pilot.pause()
        assert type(app.screen).__name__ == "ConsentScreen" and not app._notifications
        assert "Ничего не записано." in screen_text(app) and "1/5 (обязательно)" in screen_text(app)

        await pilot.press("y", "n", "y", "n", "y")
        await pilot.pause()
        await pilot.press("y")  # Да: confirmed
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"

    def after(project):
        audio = [o for o in project.objects.list(include_destroyed=True) if o.kind == "audio"]
        return current_consent(project, "P1"), audio

    consent, audio = seeded(after)
    assert consent.language == "ru" and consent.answers == {
        "participate": True, "audio_recording": False, "excerpts": True, "quotation": False, "archiving": True}
    assert len(audio) == 1 and audio[0].destroyed  # the narrowed consent took the recording with it


async def test_kazakh_buttons_and_a_required_no_records_nothing(tui_root, seeded):
    from fieldkit.consent.records import current_consent
    from fieldkit.consent.respondents import add_respondent

    seeded(lambda p: add_respondent(p, "DE"))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_consent(app, pilot, "3")
        assert [str(b.label) for b in app.screen.query("Button")] == ["Иә (y)", "Жоқ (n)"]
        assert "(міндетті)" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Ештеңе жазылған жоқ." in screen_text(app) and "1/5" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert seeded(lambda p: current_consent(p, "DE1")) is None
