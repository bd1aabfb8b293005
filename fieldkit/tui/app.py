"""FieldkitApp: unlock, then a dashboard with a screen per pipeline stage. Locks on a panic key or when idle."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding

from fieldkit.clock import Clock, SystemClock

DEFAULT_IDLE_LOCK_S = 300.0


def idle_seconds_from_env() -> float:
    """FIELDKIT_IDLE_LOCK_S: seconds without a key or click before the app locks (5 to 86400)."""
    from fieldkit.errors import UsageError

    text = os.environ.get("FIELDKIT_IDLE_LOCK_S")
    if not text:
        return DEFAULT_IDLE_LOCK_S
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 5 <= value <= 86400:
        raise UsageError(f"FIELDKIT_IDLE_LOCK_S={text!r} is not a number of seconds from 5 to 86400")
    return value


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
        self.idle_lock_s = idle_lock_s if idle_lock_s is not None else idle_seconds_from_env()
        self.last_activity = time.monotonic()
        self.locks = 0
        self.jobs: set[threading.Event] = set()  # one event per running job, set when it ends
        self.closing: list = []  # projects locked while a job still used them: closed when the jobs end
        # The one-writer rule (docs/tui.md): a worker holds this around its call into the core, so two jobs
        # never interleave their steps (even a job left running by a lock and one of the next session).
        self.core_lock = threading.RLock()
        # The start-up report's notices not yet read: kept through a lock and shown after the next unlock.
        self.unseen_notices: list = []

    def on_mount(self) -> None:
        from fieldkit.tui.screens.unlock import UnlockScreen

        self.push_screen(UnlockScreen())
        self.set_interval(1.0, self.lock_if_idle)
        self.set_interval(0.2, self.close_when_jobs_end)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self.last_activity = time.monotonic()
        await super().on_event(event)

    @property
    def busy(self) -> bool:
        return any(not job.is_set() for job in self.jobs)

    def job_started(self) -> threading.Event:
        job = threading.Event()
        self.jobs.add(job)
        return job

    def lock_if_idle(self) -> None:
        """A recording or a transcription is work even without keys pressed: it postpones the idle lock."""
        if self.busy:
            self.last_activity = time.monotonic()
        elif self.project is not None and time.monotonic() - self.last_activity >= self.idle_lock_s:
            self.action_lock()

    def unlocked(self, session, token: int) -> None:
        """Called by the unlock worker with the opened session. A lock pressed while it was opening wins: the
        project is closed, but what opening it did (retention may have destroyed something) is kept, unread,
        for the next unlock."""
        from fieldkit.tui.screens.dashboard import DashboardScreen

        self.unseen_notices.extend(session.report.notices)
        if token != self.locks:
            session.close()
            return
        self.project = session.project
        self.last_activity = time.monotonic()
        self.switch_screen(DashboardScreen())
        self.show_startup_report()

    def show_startup_report(self) -> None:
        """Every notice of the start-up report, over the dashboard until a key says it was read; nothing is
        shown when there is nothing to report."""
        from fieldkit.tui.screens.startup import StartupReportScreen

        if self.unseen_notices:
            self.push_screen(StartupReportScreen(list(self.unseen_notices)), self.startup_report_read)

    def startup_report_read(self, _result=None) -> None:
        self.unseen_notices.clear()

    def action_lock(self) -> None:
        """Panic/idle lock: the screen is cleared at once and the project leaves the UI's reach; running jobs
        are told to stop (a recording keeps what it captured, a transcription its finished blocks), and the
        project is closed — its keys leave memory — as soon as they have."""
        from fieldkit.tui.screens.unlock import UnlockScreen

        for screen in self.screen_stack:
            stop = getattr(screen, "stop_jobs", None)
            if stop is not None:
                stop()
        self.workers.cancel_all()
        if self.project is not None:
            self.closing.append((self.project, time.monotonic()))
            self.project = None
        self.locks += 1
        self.clear_notifications()  # a toast could still show a code or a path
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(UnlockScreen())
        self.close_when_jobs_end()
        self.refresh()

    def close_when_jobs_end(self, *, force_after: float = 30.0) -> None:
        self.jobs = {job for job in self.jobs if not job.is_set()}
        for item in list(self.closing):
            project, since = item
            if not self.jobs or time.monotonic() - since > force_after:
                self.closing.remove(item)
                project.close()

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
        error = getattr(self._exception, "error", None) or self._exception  # a WorkerFailed wraps the real one
        kind = type(error).__name__ if error is not None else "unknown"
        self._exit_renderables.append(Text(
            f"fieldkit: error: internal error ({kind}); what was saved is safe and encrypted\n"
            "fieldkit: hint: set FIELDKIT_DEBUG=1 to see the traceback (it may show data)"))
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        for project, _ in self.closing:
            project.close()
        self.closing.clear()
        if self.project is not None:
            self.project.close()
            self.project = None
