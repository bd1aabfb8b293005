"""Consent wizard: the script in the chosen language, read item by item; the answers are read back and, once
confirmed, recorded with the script's hash and no name.

Everything the respondent may see is in the script's language (its ``[ui]`` words): the yes/no buttons, the
"required" mark, the read-back summary and its confirmation. Messages are shown on the screen itself, never as
a toast that would cover the question.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, Static

from fieldkit.errors import FieldkitError
from fieldkit.tui.screens.base import FieldScreen

LANGUAGE_KEYS = {"1": "en", "2": "ru", "3": "kk"}


class ConsentScreen(FieldScreen):
    """Read the consent script aloud, item by item, read the answers back and record them once confirmed
    (1/2/3 choose the language; y/n answer; b goes back one item; Enter confirms the read-back)."""

    DEFAULT_CSS = """
    ConsentScreen #consent-item {
        width: 1fr;
        height: auto;
        padding: 0 1;
        text-style: bold;
        color: $text-accent;
    }
    ConsentScreen #consent-buttons {
        width: 1fr;
        height: 1;
        padding: 0 1;
    }
    ConsentScreen #consent-buttons Button {
        margin: 0 2 0 0;
        min-width: 10;
    }
    ConsentScreen #consent-progress, ConsentScreen #consent-message {
        width: 1fr;
        height: auto;
    }
    """

    BINDINGS = [
        Binding("1", "language('en')", "English"),
        Binding("2", "language('ru')", "Русский"),
        Binding("3", "language('kk')", "Қазақша"),
        # shown as the buttons, in the script's language
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
        Binding("b", "previous", "Previous"),
        Binding("enter", "record", "Record"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, respondent: str) -> None:
        super().__init__()
        self.respondent = respondent
        self.script = None
        self.answers: dict[str, bool] = {}
        self.position = 0

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label(f"Consent of {self.respondent}", classes="title")
        with VerticalScroll(id="script"):
            yield Static("", id="script-text", markup=False)
        yield Static("", id="consent-item", markup=False)
        with Horizontal(id="consent-buttons"):
            for button_id in ("yes", "no"):
                button = Button("", id=button_id, compact=True)
                button.can_focus = False  # Enter belongs to the screen (it confirms the read-back)
                yield button
        yield Static("", id="consent-progress", classes="hint", markup=False)
        yield Static("", id="consent-message", classes="error", markup=False)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.action_language("en")

    @property
    def confirming(self) -> bool:
        """Every item answered: the answers are read back and wait for the respondent's confirmation."""
        return self.script is not None and self.position >= len(self.script.items)

    def action_language(self, language: str) -> None:
        from fieldkit.consent.scripts import load_script

        try:
            self.script = load_script(self.project.policy.consent_scripts[0], language)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        self.answers, self.position = {}, 0
        ui = self.script.ui
        self.query_one("#yes", Button).label = f"{ui.yes.capitalize()} (y)"
        self.query_one("#no", Button).label = f"{ui.no.capitalize()} (n)"
        self.say("")
        self.show_item()

    def show_item(self) -> None:
        script, ui = self.script, self.script.ui
        items = script.items
        text = self.query_one("#script-text", Static)
        label = self.query_one("#consent-item", Static)
        if self.confirming:
            text.update("\n".join([ui.summary, "", *script.summary(self.answers)]))
            label.update(ui.confirm)
            self.query_one("#consent-progress", Static).update("")
            return
        # the statement reflowed: the file's hard line breaks would wrap raggedly at this width
        text.update("\n\n".join([ui.read_aloud, script.title, *script.paragraphs()]))
        item = items[self.position]
        required = f" ({ui.required})" if item.required else ""
        label.update(f"{self.position + 1}/{len(items)}{required}: {item.question}")
        progress = ", ".join(f"{i.id}: {ui.word(self.answers[i.id])}" for i in items if i.id in self.answers)
        self.query_one("#consent-progress", Static).update(progress)

    def say(self, text: str) -> None:
        """A message on the screen under the question (a toast would cover it)."""
        self.query_one("#consent-message", Static).update(text)

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, FieldkitError):
            self.say(exc.message + (f"\n{exc.hint}" if exc.hint else ""))
        else:
            self.say(f"internal error ({type(exc).__name__})")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        if self.script is None:
            return
        if self.confirming:
            if value:
                self.action_record()
            else:
                self.decline()
            return
        item = self.script.items[self.position]
        if item.required and not value:
            # a required "no": the interview cannot go ahead, and nothing is recorded
            self.say(f"{self.script.ui.not_recorded} ({item.id}: {self.script.ui.no}; {self.script.ui.required})")
            return
        self.say("")
        self.answers[item.id] = value
        self.position += 1
        self.show_item()
        self.query_one("#script", VerticalScroll).scroll_home(animate=False)

    def decline(self) -> None:
        """The read-back was not confirmed: nothing is recorded, and the items are asked again."""
        self.answers, self.position = {}, 0
        self.show_item()
        self.say(self.script.ui.not_recorded)

    def action_previous(self) -> None:
        if self.script is not None and self.position > 0:
            self.position -= 1
            self.answers.pop(self.script.items[self.position].id, None)
            self.say("")
            self.show_item()

    def action_record(self) -> None:
        from fieldkit.services import consent as consent_service

        if self.script is None or not self.confirming:
            self.say(self.script.ui.answer if self.script else "")
            return
        try:
            result = consent_service.record(self.project, self.respondent, self.script, language=self.script.language,
                                            answers=self.answers, mode="oral-attested", evidence=None)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        note = f"{self.script.ui.recorded} ({self.respondent})"
        if result.destroyed:
            gone = ", ".join(f"{count} {kind}" for kind, count in sorted(result.destroyed.items()))
            note += f"\nconsent narrowed: destroyed at once: {gone}"
        self.app.pop_screen()
        self.app.notify(note)
