"""Review: the transcript with every suggested identifying span highlighted by type; accept, reject, add,
retype, then approve the anonymised text."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from fieldkit.tui.screens.base import ChoiceScreen, ConfirmScreen, FieldScreen, FitTable, PromptScreen

# Mid-tone colours, readable on light and dark terminals alike.
ENTITY_STYLES = {"PERSON": "bold red3", "LOCATION": "bold dodger_blue2", "DATE_TIME": "bold green4",
                 "ORGANIZATION": "bold magenta3", "PHONE_NUMBER": "bold dark_orange3", "IIN": "bold dark_orange3"}
STATUS_STYLES = {"pending": "reverse", "accepted": "underline", "rejected": "strike dim"}
# Stages where a changed decision replaces text that was already approved (and perhaps coded or exported).
APPROVED_STAGES = ("approved", "coded", "exported")


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
        self.change_confirmed = False  # a change to an approved review was confirmed once on this screen

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label(f"Review {self.interview}", classes="title", id="review-title")
        with VerticalScroll(id="transcript-view"):
            yield Static("detecting identifying details…", id="transcript-text")
        yield FitTable("#", "seg", "type", "status", "text", wrap=("text",), id="span-table")
        yield Label("", id="review-status", classes="hint")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#review-title", Label).update(f"Review {self.interview} ({self.stage()})")
        self.query_one("#span-table", FitTable).focus()  # the keys decide the highlighted suggestion
        self.load(*self.begin_job())

    def stage(self) -> str:
        from fieldkit.services.overview import stages

        return stages(self.project).get(self.interview, "")

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

    def show(self, review, transcript, select: str | None = None) -> None:
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
        self.query_one("#span-table", FitTable).set_rows(
            [((str(span.id), str(span.segment + 1), span.entity, span.status,
               transcript.segments[span.segment].text[span.start:span.end]), str(span.id)) for span in review.spans],
            select=select)
        counts = {s: sum(1 for x in review.spans if x.status == s) for s in ("pending", "accepted", "rejected")}
        self.query_one("#review-status", Label).update(", ".join(f"{n} {s}" for s, n in counts.items()))

    def selected(self) -> int | None:
        key = self.query_one("#span-table", FitTable).selected_key()
        return None if key is None else int(key)

    def decide(self, advance_from: int | None = None, **decision) -> None:
        """Apply a decision. On an interview whose text was already approved, ask once first (naming it): a
        changed decision replaces the approved text, which then needs approving again. After an accept or a
        reject the cursor moves on to the next suggestion, so the next key decides the next one."""
        if self.job_running or self.review is None:
            self.notify("still detecting; wait a moment", severity="warning")
            return
        stage = self.stage()
        if stage in APPROVED_STAGES and not self.change_confirmed:
            def answered(yes: bool | None) -> None:
                if yes:
                    self.change_confirmed = True
                    self.decide(advance_from, **decision)

            self.app.push_screen(ConfirmScreen(
                f"Change the review of {self.interview} (already {stage})?",
                "Its anonymised text is made again and needs a new approval (ctrl+s) before coding or export."),
                answered)
            return
        self.apply(advance_from, decision)

    def apply(self, advance_from: int | None, decision: dict) -> None:
        from fieldkit.anonymise import review as rv

        try:
            rv.decide(self.project, self.interview, **decision)
            review, transcript = rv.load_review(self.project, self.interview)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        select = None
        if advance_from is not None:
            ids = [span.id for span in review.spans]
            if advance_from in ids:
                select = str(ids[min(ids.index(advance_from) + 1, len(ids) - 1)])
        self.show(review, transcript, select=select)

    def action_accept(self) -> None:
        span = self.selected()
        if span is not None:
            self.decide(span, accept=(span,))

    def action_reject(self) -> None:
        span = self.selected()
        if span is not None:
            self.decide(span, reject=(span,))

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
        """Approve the anonymised text. When nothing is pending but no text was made yet (nothing was detected,
        or every suggestion was accepted already, e.g. names confirmed elsewhere in the project), it is made
        from the accepted suggestions first; while suggestions are pending, approving is refused."""
        from fieldkit.anonymise import review as rv
        from fieldkit.interviews import get_interview

        if self.job_running or self.review is None:  # never while the worker is still storing its suggestions
            self.notify("still detecting; wait a moment", severity="warning")
            return
        try:
            review, _ = rv.load_review(self.project, self.interview)
            if review.pending:
                self.notify(f"{len(review.pending)} suggestion(s) in {self.interview} are still pending: a accepts,"
                            " x rejects, A accepts all; then ctrl+s", severity="warning")
                return
            if get_interview(self.project, self.interview).anonymised_object is None:
                rv.derive(self.project, self.interview)
            rv.approve(self.project, self.interview)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        self.notify(f"{self.interview} approved: it can now be coded and exported")
        self.app.pop_screen()
