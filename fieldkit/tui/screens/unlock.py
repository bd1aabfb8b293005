"""Unlock: the only screen shown while the project is locked. Nothing about the project is on it."""

from __future__ import annotations

import threading

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
        for field in self.query("#passphrase").results(Input):  # none when mounted as the app quits
            field.focus()

    #: After "unlocking…" is drawn, this long for the terminal to receive it before scrypt starts.
    PAINT_S = 0.1

    def on_input_submitted(self, event: Input.Submitted) -> None:
        passphrase = event.value
        event.input.value = ""
        event.input.disabled = True
        status = self.query_one("#unlock-status", Label)
        status.set_class(False, "error")
        status.update("unlocking…")
        painted = threading.Event()
        self.app.call_after_refresh(self.app.set_timer, self.PAINT_S, painted.set)
        self.open_project(self.app, passphrase, self.app.locks, painted)

    @work(thread=True, exclusive=True)
    def open_project(self, app, passphrase: str, token: int, painted: threading.Event) -> None:
        """The session service does what every opening does — unlock, recover interrupted recordings, check the
        clock, enforce retention — and reports it; the app shows that report. A lock pressed meanwhile still
        wins (``token``). No core lock here: nothing else can reach this project until the app has it.

        scrypt takes a second or two and pyrage holds Python's interpreter lock for all of it, so the screen
        cannot draw meanwhile. The worker therefore waits (without that lock) until "unlocking…" has been drawn
        and the driver has had ``PAINT_S`` to send it to the terminal (``painted``; at most a second)."""
        from fieldkit.session import open_session

        painted.wait(timeout=1.0)
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
