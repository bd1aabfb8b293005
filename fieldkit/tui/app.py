"""FieldkitApp: unlock, then a dashboard with a screen per pipeline stage. Locks on a panic key or when idle."""

from __future__ import annotations

import os
import time
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding

from fieldkit.clock import Clock, SystemClock

DEFAULT_IDLE_LOCK_S = 300.0


class FieldkitApp(App):
    """Holds the unlocked project (or none) and the global keys; screens do the rest."""

    CSS_PATH = "fieldkit.tcss"
    TITLE = "fieldkit"
    ENABLE_COMMAND_PALETTE = False  # every action has a key; the footer's room goes to them
    BINDINGS = [
        Binding("ctrl+l", "lock", "Lock", priority=True),
        Binding("f12", "lock", "Panic lock", show=False, priority=True),
        Binding("f1", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
    ]

    def __init__(self, project_dir: Path, *, clock: Clock | None = None, idle_lock_s: float | None = None) -> None:
        super().__init__()
        self.project_dir = Path(project_dir)
        self.clock = clock or SystemClock()
        self.project = None
        env_idle = os.environ.get("FIELDKIT_IDLE_LOCK_S")
        self.idle_lock_s = idle_lock_s if idle_lock_s is not None else float(env_idle or DEFAULT_IDLE_LOCK_S)
        self.last_activity = time.monotonic()
        self.locks = 0

    def on_mount(self) -> None:
        from fieldkit.tui.screens.unlock import UnlockScreen

        self.push_screen(UnlockScreen())
        self.set_interval(1.0, self.lock_if_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self.last_activity = time.monotonic()
        await super().on_event(event)

    def lock_if_idle(self) -> None:
        if self.project is not None and time.monotonic() - self.last_activity >= self.idle_lock_s:
            self.action_lock()

    def unlocked(self, project) -> None:
        from fieldkit.tui.screens.dashboard import DashboardScreen

        self.project = project
        self.last_activity = time.monotonic()
        self.switch_screen(DashboardScreen())

    def action_lock(self) -> None:
        """Panic/idle lock: stop jobs, close the project (keys leave memory with it), show only the unlock
        screen. Whatever a running job had saved stays saved; a recording keeps what was captured."""
        from fieldkit.tui.screens.unlock import UnlockScreen

        for screen in self.screen_stack:
            stop = getattr(screen, "stop_jobs", None)
            if stop is not None:
                stop()
        self.workers.cancel_all()
        if self.project is not None:
            self.project.close()
            self.project = None
        self.locks += 1
        self.clear_notifications()  # a toast could still show a code or a path
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(UnlockScreen())
        self.refresh()

    def action_help(self) -> None:
        from fieldkit.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def _fatal_error(self) -> None:
        """Textual prints a crash traceback with local variables, which could hold a passphrase or transcript
        text. Show the exception type only, as the CLI does (FIELDKIT_DEBUG=1 shows Textual's traceback)."""
        if os.environ.get("FIELDKIT_DEBUG"):
            super()._fatal_error()
            return
        from rich.text import Text

        self.bell()
        kind = type(self._exception).__name__ if self._exception is not None else "unknown"
        self._exit_renderables.append(Text(
            f"fieldkit: error: internal error ({kind}); what was saved is safe and encrypted\n"
            "fieldkit: hint: set FIELDKIT_DEBUG=1 to see the traceback (it may show data)"))
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        if self.project is not None:
            self.project.close()
            self.project = None
