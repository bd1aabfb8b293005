"""The start-up report: what opening the project did (a recording recovered after a crash, the clock found set
back, what retention destroyed or could not destroy), over the dashboard until the user says it was read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

# The CLI prints "fieldkit: warning: …", "retention: …" and "fieldkit: …": the same words, the same labels.
PREFIXES = {"warning": "warning: ", "retention": "retention: ", "note": ""}


class StartupReportScreen(ModalScreen[None]):
    """What opening the project did, in the words the CLI prints; Enter when you have read it.

    Every notice of the session's start-up report, one per line, styled by level (warnings as warnings). It
    stays until Enter or Escape: no timeout, and other keys do not reach the dashboard underneath."""

    BINDINGS = [Binding("enter", "seen", "Seen", tooltip="close the report: I have read it"),
                Binding("escape", "seen", "Seen", show=False)]

    def __init__(self, notices: list) -> None:
        super().__init__()
        self.notices = notices

    def compose(self) -> ComposeResult:
        warnings = sum(1 for notice in self.notices if notice.level == "warning")
        title = "Opening the project" + (f": {warnings} warning{'s' if warnings > 1 else ''}" if warnings else "")
        with Vertical(classes="dialog", id="startup-report"):
            yield Label(title, classes="title")
            with VerticalScroll(id="notices"):
                for notice in self.notices:
                    yield Static(PREFIXES.get(notice.level, "") + notice.text, markup=False,
                                 classes=f"notice {notice.level}")
            yield Label("Enter when you have read this", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#notices", VerticalScroll).focus()  # arrows scroll a long report

    def action_seen(self) -> None:
        self.dismiss(None)
