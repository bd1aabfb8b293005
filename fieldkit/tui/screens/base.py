"""What every screen shares: a header, a footer of keys, the project, and errors shown in one line."""

from __future__ import annotations

import contextlib
import threading

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, Label, OptionList

from fieldkit.errors import FieldkitError


class FieldScreen(Screen):
    BINDINGS = [Binding("escape", "back", "Back")]
    job: threading.Event | None = None

    @property
    def project(self):
        return self.app.project

    @property
    def job_running(self) -> bool:
        return self.job is not None and not self.job.is_set()

    def begin_job(self):
        """Before a worker starts: the app and project it may use (captured now, on the UI thread, so a lock
        cannot pull them from under it) and the event that says it ended.

        The one-writer rule (docs/tui.md): the worker holds ``app.core_lock`` around its call into the core,
        and reads no screen state that the UI thread changes (pass such values in as arguments). The UI thread
        never waits for that lock — a panic lock must always get through — so a screen refuses its own core
        actions while ``job_running``."""
        self.job = self.app.job_started()
        return self.app, self.project, self.job

    def post(self, app, callback, *args) -> None:
        """From a worker: run ``callback`` on the UI thread. After a lock the screen is gone and there is
        nobody to tell, which is fine (the job's own result stands); any other failure is a bug and raises."""
        try:
            app.call_from_thread(callback, *args)
        except Exception:
            if self.is_attached and app.is_running:
                raise

    def post_progress(self, app, callback, *args) -> None:
        """From a worker's progress callback (level meter, progress bar): like :meth:`post`, but never raises.
        Progress is only a display, and the callback runs inside the core's loop: a screen torn down by a lock
        (its widgets already gone while it is still attached) must not end the job before it stores its work."""
        with contextlib.suppress(Exception):  # see above: the job's own result is what matters
            app.call_from_thread(callback, *args)

    def stop_jobs(self) -> None:
        """Asked by a lock: stop what can stop early. Screens with long jobs override it."""

    def action_back(self) -> None:
        if self.job_running:
            self.notify("a job is running: wait for it, or cancel it first", severity="warning")
            return
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def show_error(self, exc: BaseException) -> None:
        """Core errors carry a one-line message and a hint, never sensitive text; anything else by type only."""
        if isinstance(exc, FieldkitError):
            text = exc.message + "".join(f"\n  - {line}" for line in exc.details) + (
                f"\n{exc.hint}" if exc.hint else "")
        else:
            text = f"internal error ({type(exc).__name__})"
        self.notify(text, severity="error", timeout=8)

    def compose_frame(self) -> ComposeResult:
        yield Header(show_clock=False)

    def compose_footer(self) -> ComposeResult:
        yield Footer(compact=True)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; Enter returns it, Escape returns None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, *, value: str = "", placeholder: str = "", password: bool = False) -> None:
        super().__init__()
        self.question, self.value, self.placeholder, self.password = question, value, placeholder, password

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            yield Input(value=self.value, placeholder=self.placeholder, password=self.password, id="answer")
            yield Label("Enter to confirm, Escape to cancel", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one of a few options (id, label) with the arrow keys and Enter."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question, self.options = question, options

    def compose(self) -> ComposeResult:
        from textual.widgets.option_list import Option

        with Vertical(classes="dialog"):
            yield Label(self.question)
            yield OptionList(*[Option(label, id=key) for key, label in self.options], id="choices")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
