"""Unlock: the only screen shown while the project is locked. Nothing about the project is on it."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label

from fieldkit.errors import FieldkitError, WrongPassphrase


class UnlockScreen(Screen):
    def compose(self) -> ComposeResult:
        with Vertical(id="unlock-box"):
            yield Label("fieldkit — locked", classes="title")
            yield Label("Passphrase", classes="hint")
            yield Input(password=True, id="passphrase")
            yield Label("", id="unlock-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        passphrase = event.value
        event.input.value = ""
        event.input.disabled = True
        self.query_one("#unlock-status", Label).update("unlocking…")
        self.open_project(self.app, passphrase, self.app.locks)

    @work(thread=True, exclusive=True)
    def open_project(self, app, passphrase: str, token: int) -> None:
        """The session service does what every opening does — unlock, recover interrupted recordings, check the
        clock, enforce retention — and reports it; the app shows that report. scrypt takes a second or two
        (pyrage holds the GIL meanwhile, so the screen pauses); a lock pressed in that time still wins
        (``token``). No core lock here: nothing else can reach this project until the app has it."""
        from fieldkit.session import open_session

        try:
            session = open_session(app.project_dir, passphrase, app.clock)
        except FieldkitError as exc:
            app.call_from_thread(self.failed, exc)
            return
        app.call_from_thread(app.unlocked, session, token)

    failures = 0  # wrong passphrases typed on this screen (the policy's wipe counter is kept on disk)

    def failed(self, exc: FieldkitError) -> None:
        status = self.query_one("#unlock-status", Label)
        if isinstance(exc, WrongPassphrase):
            self.failures += 1
            status.update(f"{exc.message} — failed attempt {self.failures}")
        else:
            status.update(f"{exc.message}\n{exc.hint}")
        status.set_class(True, "error")
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()
