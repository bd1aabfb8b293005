"""Review: the transcript with every suggested identifying span highlighted by type; accept, reject, add,
retype, then approve the anonymised text."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from fieldkit.tui.screens.base import ChoiceScreen, FieldScreen, PromptScreen

# Mid-tone colours, readable on light and dark terminals alike.
ENTITY_STYLES = {"PERSON": "bold red3", "LOCATION": "bold dodger_blue2", "DATE_TIME": "bold green4",
                 "ORGANIZATION": "bold magenta3", "PHONE_NUMBER": "bold dark_orange3", "IIN": "bold dark_orange3"}
STATUS_STYLES = {"pending": "reverse", "accepted": "underline", "rejected": "strike dim"}


class ReviewScreen(FieldScreen):
    """Decide each suggested identifier, then approve the anonymised text for coding and export."""

    BINDINGS = [
        Binding("a", "accept", "Accept"),
        Binding("x", "reject", "Reject"),
        Binding("A", "accept_all", "Accept all"),
        Binding("plus", "add", "Add span"),
        Binding("p", "retype", "Placeholder type"),
        Binding("ctrl+s", "approve", "Approve"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, interview: str) -> None:
        super().__init__()
        self.interview = interview
        self.review = None
        self.transcript = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label(f"Review {self.interview}", classes="title")
        with VerticalScroll(id="transcript-view"):
            yield Static("detecting identifying details…", id="transcript-text")
        yield DataTable(id="span-table", cursor_type="row")
        yield Label("", id="review-status", classes="hint")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#span-table", DataTable).add_columns("#", "seg", "type", "status", "text")
        self.load(*self.begin_job())

    @work(thread=True)
    def load(self, app, project, job) -> None:
        """Suggestions come from Presidio (seconds for a long interview): off the UI thread."""
        from fieldkit.anonymise import review as rv
        from fieldkit.interviews import get_interview

        try:
            with app.core_lock:  # read, suggest, store, read again: one step for every other job
                if get_interview(project, self.interview).review_object is None:
                    rv.suggest(project, self.interview)
                result = rv.load_review(project, self.interview)
        except Exception as exc:  # noqa: BLE001
            job.set()
            self.post(app, self.show_error, exc)
            return
        job.set()
        self.post(app, self.show, *result)

    def show(self, review, transcript) -> None:
        self.review, self.transcript = review, transcript
        text = Text()
        for index, segment in enumerate(transcript.segments):
            line = Text(segment.text)
            for span in review.spans:
                if span.segment == index:
                    style = f"{ENTITY_STYLES.get(span.entity, 'bold dark_cyan')} {STATUS_STYLES[span.status]}"
                    line.stylize(style, span.start, span.end)
            text.append_text(line)
            text.append("\n")
        self.query_one("#transcript-text", Static).update(text)
        table = self.query_one("#span-table", DataTable)
        row = table.cursor_row
        table.clear()
        for span in review.spans:
            shown = transcript.segments[span.segment].text[span.start:span.end]
            table.add_row(str(span.id), str(span.segment + 1), span.entity, span.status, shown, key=str(span.id))
        if review.spans:
            table.move_cursor(row=min(row, len(review.spans) - 1))
        counts = {s: sum(1 for x in review.spans if x.status == s) for s in ("pending", "accepted", "rejected")}
        self.query_one("#review-status", Label).update(", ".join(f"{n} {s}" for s, n in counts.items()))

    def selected(self) -> int | None:
        table = self.query_one("#span-table", DataTable)
        if table.row_count == 0:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def decide(self, **decision) -> None:
        from fieldkit.anonymise import review as rv

        if self.job_running or self.review is None:
            self.notify("still detecting; wait a moment", severity="warning")
            return
        try:
            rv.decide(self.project, self.interview, **decision)
            self.show(*rv.load_review(self.project, self.interview))
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)

    def action_accept(self) -> None:
        span = self.selected()
        if span is not None:
            self.decide(accept=(span,))

    def action_reject(self) -> None:
        span = self.selected()
        if span is not None:
            self.decide(reject=(span,))

    def action_accept_all(self) -> None:
        self.decide(accept_all=True)

    def entity_choice(self, question: str, then) -> None:
        from fieldkit.anonymise.engine import PLACEHOLDER_LABELS

        options = [(entity, f"{entity} → [{label}-n]") for entity, label in PLACEHOLDER_LABELS.items()]
        self.app.push_screen(ChoiceScreen(question, options), then)

    def action_add(self) -> None:
        def got_text(text: str | None) -> None:
            if text and text.strip():
                self.entity_choice("Type of the identifier", lambda entity: entity and self.decide(
                    add=((text.strip(), entity),)))

        self.app.push_screen(PromptScreen("Text to mark as identifying (every occurrence, any inflection)"),
                             got_text)

    def action_retype(self) -> None:
        span = self.selected()
        if span is not None:
            self.entity_choice(f"New type for suggestion {span}",
                               lambda entity: entity and self.decide(retype=((span, entity),)))

    def action_approve(self) -> None:
        from fieldkit.anonymise import review as rv

        if self.job_running:  # never while the worker is still storing its suggestions
            self.notify("still detecting; wait a moment", severity="warning")
            return
        try:
            rv.approve(self.project, self.interview)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        self.notify(f"{self.interview} approved: it can now be coded and exported")
        self.app.pop_screen()
