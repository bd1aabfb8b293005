"""Consent wizard: the script in the chosen language, read item by item; the answers are recorded with the
script's hash and no name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from fieldkit.tui.screens.base import FieldScreen

LANGUAGE_KEYS = {"1": "en", "2": "ru", "3": "kk"}


class ConsentScreen(FieldScreen):
    """Read the consent script aloud, item by item, and record the answers (1/2/3 choose the language)."""

    BINDINGS = [
        Binding("1", "language('en')", "English"),
        Binding("2", "language('ru')", "Русский"),
        Binding("3", "language('kk')", "Қазақша"),
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("b", "previous", "Previous item"),
        Binding("enter", "record", "Record consent"),
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
            yield Static("", id="script-text")
        yield Label("", id="consent-item", classes="title")
        yield Label("", id="consent-progress", classes="hint")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.action_language("en")

    def action_language(self, language: str) -> None:
        from fieldkit.consent.scripts import load_script

        try:
            self.script = load_script(self.project.policy.consent_scripts[0], language)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        self.answers, self.position = {}, 0
        self.query_one("#script-text", Static).update(f"{self.script.title}\n\n{self.script.statement.strip()}")
        self.show_item()

    def show_item(self) -> None:
        items = self.script.items
        progress = ", ".join(f"{i.id}={'yes' if self.answers[i.id] else 'no'}" for i in items if i.id in self.answers)
        self.query_one("#consent-progress", Label).update(progress or "y / n for each item")
        label = self.query_one("#consent-item", Label)
        if self.position < len(items):
            item = items[self.position]
            required = " (required)" if item.required else ""
            label.update(f"{self.position + 1}/{len(items)}{required}: {item.question}")
        else:
            label.update("All items answered. Enter records the consent (oral, attested by you).")

    def action_answer(self, value: bool) -> None:
        if self.script is None or self.position >= len(self.script.items):
            return
        self.answers[self.script.items[self.position].id] = value
        self.position += 1
        self.show_item()

    def action_previous(self) -> None:
        if self.position > 0:
            self.position -= 1
            self.answers.pop(self.script.items[self.position].id, None)
            self.show_item()

    def action_record(self) -> None:
        from fieldkit.consent.records import record_consent

        if self.script is None or self.position < len(self.script.items):
            self.notify("answer every item first (y / n)", severity="warning")
            return
        try:
            record_consent(self.project, self.respondent, language=self.script.language, answers=self.answers)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        self.notify(f"consent of {self.respondent} recorded")
        self.app.pop_screen()
