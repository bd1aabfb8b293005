"""FieldkitApp: unlock, then a dashboard with a screen per pipeline stage. Locks on a panic key or when idle."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import sys
import threading
import time
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding

from fieldkit.clock import Clock, SystemClock

DEFAULT_IDLE_LOCK_S = 300.0
#: ctrl+q gives running jobs this long to stop (a recording stores what it has, a transcription keeps its
#: finished blocks), then closes the project whatever still runs and exits.
QUIT_GRACE_S = 2.0


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


class DaemonThreads(concurrent.futures.ThreadPoolExecutor):
    """The event loop's default executor, where Textual runs thread workers: one daemon thread per call, never
    waited for. Python's own pool is joined when the loop closes and again at exit, so quitting during a
    transcription left the process running (terminal blank, project unlocked) until whisper finished."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)  # the pool's own threads are never started
        self.threads: set[threading.Thread] = set()
        self.guard = threading.Lock()

    def submit(self, fn, /, *args, **kwargs) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()

        def run() -> None:
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        result = fn(*args, **kwargs)
                    except BaseException as exc:  # noqa: BLE001 - handed to whoever awaits the future
                        future.set_exception(exc)
                    else:
                        future.set_result(result)
            finally:
                with self.guard:
                    self.threads.discard(thread)

        thread = threading.Thread(target=run, name="fieldkit-worker", daemon=True)
        with self.guard:
            self.threads.add(thread)
        thread.start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Waits for nothing: what a job had not stored when the app quit is recovered or redone next time."""

    def running(self) -> bool:
        with self.guard:
            return any(thread.is_alive() for thread in self.threads)


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
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
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
        self.locking = False  # inside action_lock: a draft that cannot be stored is said after the unlock
        self.quit_deadline: float | None = None  # set by ctrl+q: jobs have until then to stop
        self.quit_done = False
        self.executor = DaemonThreads()

    def run(self, *args, **kwargs):
        """The terminal app's main loop. After a quit, a worker thread may still be inside native code (whisper,
        scrypt) with no way to interrupt it: its project is already closed, so the process ends now rather
        than when that thread finishes."""
        result = super().run(*args, **kwargs)
        if self.executor.running():
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(OSError, ValueError):
                    stream.flush()
            os._exit(self.return_code or 0)
        return result

    def on_mount(self) -> None:
        from fieldkit.tui.screens.unlock import UnlockScreen

        asyncio.get_running_loop().set_default_executor(self.executor)
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
        shown when there is nothing to report. Then the drafts of notes a lock interrupted are offered."""
        from fieldkit.tui.screens.startup import StartupReportScreen

        if self.unseen_notices:
            self.push_screen(StartupReportScreen(list(self.unseen_notices)), self.startup_report_read)
        else:
            self.offer_drafts()

    def startup_report_read(self, _result=None) -> None:
        self.unseen_notices.clear()
        self.offer_drafts()

    def offer_drafts(self) -> None:
        """Each draft of notes (kept by a lock, a quit or a crash while notes were typed) is offered over the
        dashboard: open it, discard it, or leave it for later (n on its respondent opens it)."""
        from fieldkit.capture.notes import load_drafts

        if self.project is None:
            return
        try:
            drafts = load_drafts(self.project)  # also destroys drafts past their maximum age
        except Exception as exc:  # noqa: BLE001 - shown, never raised into the UI loop
            from fieldkit.errors import FieldkitError

            self.notify(exc.message if isinstance(exc, FieldkitError) else f"drafts: internal error "
                        f"({type(exc).__name__})", severity="error")
            return
        self.offer_draft(drafts, self.project)

    def offer_draft(self, drafts: list, project) -> None:
        from fieldkit.capture.notes import discard_draft
        from fieldkit.tui.screens.base import ChoiceScreen
        from fieldkit.tui.screens.capture import NotesScreen

        if not drafts or self.project is not project:  # locked meanwhile: offered again after the unlock
            return
        draft, rest = drafts[0], drafts[1:]

        def answered(choice: str | None) -> None:
            if self.project is not project:
                return
            if choice == "open":
                self.push_screen(NotesScreen(draft.respondent))
                if rest:
                    self.notify(f"{len(rest)} more draft{'s' if len(rest) > 1 else ''} of notes: "
                                f"n on {', '.join(d.respondent for d in rest)} opens them")
                return
            if choice == "discard":
                try:
                    discard_draft(project, draft.respondent)
                except Exception as exc:  # noqa: BLE001
                    self.notify(f"the draft could not be discarded ({type(exc).__name__})", severity="error")
                else:
                    self.notify(f"the draft of notes for {draft.respondent} was destroyed")
            self.offer_draft(rest, project)

        question = (f"A draft of notes for {draft.respondent} was kept when the app locked or closed "
                    f"({draft.saved:%Y-%m-%d %H:%M} UTC). Open it?")
        self.push_screen(ChoiceScreen(question, [("open", "Open it"), ("discard", "Discard it"),
                                                 ("later", f"Later (n on {draft.respondent} opens it)")]),
                         answered)

    def draft_failed(self, respondent: str, exc: BaseException) -> None:
        """A draft of notes could not be stored: said at once, or after the unlock when a lock was storing it."""
        from fieldkit.errors import FieldkitError

        reason = exc.message if isinstance(exc, FieldkitError) else f"internal error ({type(exc).__name__})"
        text = f"the draft of notes for {respondent} could not be stored: {reason}"
        if self.locking:
            from fieldkit.session import Notice

            self.unseen_notices.append(Notice("warning", text))
        else:
            self.notify(text, severity="error", timeout=8)

    def action_lock(self) -> None:
        """Panic/idle lock: the screen is cleared at once and the project leaves the UI's reach; running jobs
        are told to stop (a recording keeps what it captured, a transcription its finished blocks), and the
        project is closed — its keys leave memory — as soon as they have."""
        from fieldkit.tui.screens.unlock import UnlockScreen

        self.locking = True
        try:
            for screen in self.screen_stack:  # notes being typed are kept as an encrypted draft first
                keep = getattr(screen, "keep_draft", None)
                if keep is not None:
                    keep()
        finally:
            self.locking = False
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
            if not self.jobs or time.monotonic() - since >= force_after:
                self.closing.remove(item)
                project.close()

    def action_quit(self) -> None:
        """ctrl+q quits without asking and without waiting on a job: first what a lock does (notes kept as a
        draft, jobs told to stop, the screen cleared, the project out of the UI's reach), then up to
        ``QUIT_GRACE_S`` for the jobs to stop, then the project is closed whatever still runs and the app
        exits. A thread still inside whisper cannot be interrupted: it is a daemon and ``run`` ends the
        process without it."""
        if self.quit_deadline is not None:
            return
        self.quit_deadline = time.monotonic() + QUIT_GRACE_S
        self.action_lock()
        if self.busy:
            self.notify("stopping the running job, then quitting…", timeout=QUIT_GRACE_S)
        self.set_interval(0.05, self.quit_when_jobs_end)  # not at once: the lock's unlock screen mounts first

    def quit_when_jobs_end(self) -> None:
        if self.quit_deadline is None or self.quit_done or (self.busy and time.monotonic() < self.quit_deadline):
            return
        self.quit_done = True
        self.close_when_jobs_end(force_after=0)
        self.exit()

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
