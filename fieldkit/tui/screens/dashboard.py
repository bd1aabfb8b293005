"""Dashboard: respondents (code, category, consent), interviews and how far each has come, and what
retention will destroy soon."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from fieldkit.tui.screens.base import ChoiceScreen, FieldScreen, FitTable

DUE_SOON = timedelta(days=7)


class DashboardScreen(FieldScreen):
    """Respondents, interviews with their stage, consent, and retention deadlines due soon."""

    BINDINGS = [
        Binding("r", "add_respondent", "Respondent", tooltip="new respondent (choose the category)"),
        Binding("c", "consent", "Consent", tooltip="consent of the selected respondent"),
        Binding("n", "notes", "Notes", tooltip="typed notes for the selected respondent"),
        Binding("i", "import_file", "Import", tooltip="import a recording of the selected respondent"),
        Binding("m", "record", "Record", tooltip="record the selected respondent live"),
        Binding("t", "transcribe", "Transcribe", tooltip="transcribe the selected interview"),
        Binding("v", "review", "Review", tooltip="review the anonymisation of the selected interview"),
        Binding("k", "code", "Code", tooltip="code the selected interview's anonymised text"),
        Binding("e", "export", "Export", tooltip="export: gates, then QDPX/CSV/JSON/Markdown or the register"),
        Binding("a", "audit", "Audit", tooltip="audit chain, checkpoint code, retention"),
        Binding("l", "lexicon", "Lexicon", tooltip="names, places, nicknames to expect (whisper, anonymiser)"),
        Binding("escape", "back", "Back", show=False),
    ]

    TITLES = {"respondent-table": "Respondents", "interview-table": "Interviews",
              "due-table": "Retention: due within 7 days"}

    def __init__(self) -> None:
        super().__init__()
        self.stages: dict[str, str] = {}  # interview -> stage, as last shown
        self.interviews_of: dict[str, list[str]] = {}  # respondent -> their interviews, as last shown
        self.respondent_of: dict[str, str | None] = {}  # interview -> its respondent

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with Horizontal(id="dashboard-top"):
            with Vertical(id="respondents", classes="panel"):
                yield Label(self.TITLES["respondent-table"], classes="title", id="respondent-table-title")
                yield FitTable("code", "cat.", "consent", id="respondent-table")
            with Vertical(id="interviews", classes="panel"):
                yield Label(self.TITLES["interview-table"], classes="title", id="interview-table-title")
                yield FitTable("interview", "mode", "date", "stage", id="interview-table")
        with Vertical(id="due", classes="panel"):
            yield Label(self.TITLES["due-table"], classes="title", id="due-table-title")
            yield FitTable("kind", "of", "rule", "deadline", "state", wrap=("rule", "kind"), id="due-table")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.refresh_data()
        self.show_focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()  # every table keeps its cursor on the same row (by key) and the focus stays
        self.show_focus()

    def on_descendant_focus(self, _event) -> None:
        self.show_focus()

    def on_descendant_blur(self, _event) -> None:
        self.show_focus()

    def show_focus(self) -> None:
        """The table the keys act on, unmistakably: "▶" before its title and a heavy accent border (colour
        alone is not enough)."""
        focused = self.focused
        for table_id, title in self.TITLES.items():
            table = self.query_one(f"#{table_id}", FitTable)
            here = table is focused
            self.query_one(f"#{table_id}-title", Label).update(f"▶ {title}" if here else title)
            if table.parent is not None:
                table.parent.set_class(here, "-focused")

    def refresh_data(self, *, respondent: str | None = None) -> None:
        """Fill the tables again; each keeps its cursor on the same row key (``respondent`` moves that table's
        cursor to a new respondent)."""
        from fieldkit.retention.schedule import effective_now, items
        from fieldkit.services.overview import interview_rows, respondent_rows

        project = self.project
        if project is None:
            return
        rows = []
        for row in respondent_rows(project):
            if row.respondent.status == "withdrawn":
                state = "withdrawn"
            elif row.consent is None:
                state = "none"
            else:
                state = "quotes" if row.consent.answers.get("quotation") else (
                    "excerpts" if row.consent.answers.get("excerpts") else "no use")
            rows.append(((row.respondent.code, row.respondent.category, state), row.respondent.code))
        self.query_one("#respondent-table", FitTable).set_rows(rows, select=respondent)
        rows = []
        self.stages, self.interviews_of, self.respondent_of = {}, {}, {}
        for row in interview_rows(project):
            item = row.interview
            self.stages[item.id] = row.stage
            self.respondent_of[item.id] = item.respondent
            if item.respondent:
                self.interviews_of.setdefault(item.respondent, []).append(item.id)
            rows.append(((item.id, item.mode, item.interview_date or "-", row.stage), item.id))
        self.query_one("#interview-table", FitTable).set_rows(rows)
        rows = []
        now = effective_now(project)
        for index, item in enumerate(items(project, include_destroyed=False)):
            if item.deadline is None or (item.state == "pending" and item.deadline - now > DUE_SOON):
                continue
            rows.append(((item.kind, item.interview or item.respondent or "project", item.rule or "-",
                          item.deadline.strftime("%Y-%m-%d %H:%M"), item.state), f"{index}:{item.object}"))
        self.query_one("#due-table", FitTable).set_rows(rows)

    def focused_table(self) -> str | None:
        focused = self.focused
        return focused.id if isinstance(focused, FitTable) else None

    def respondent(self) -> str | None:
        """The respondent a key acts on: the one selected in Respondents, or the respondent of the interview
        selected in Interviews; otherwise the key is refused with what to focus."""
        table = self.focused_table()
        if table == "respondent-table":
            code = self.query_one("#respondent-table", FitTable).selected_key()
            if code is None:
                self.notify("no respondent yet: add one (r)", severity="warning")
            return code
        if table == "interview-table":
            interview = self.query_one("#interview-table", FitTable).selected_key()
            code = self.respondent_of.get(interview) if interview else None
            if code is None:
                self.notify(f"{interview or 'no interview'} has no respondent: press Tab to focus the Respondents"
                            " table and pick one", severity="warning")
            return code
        self.notify("this key acts on a respondent: press Tab to focus the Respondents table and pick one",
                    severity="warning")
        return None

    def interview(self) -> str | None:
        """The interview a key acts on: the one selected in Interviews, or the only interview of the respondent
        selected in Respondents; otherwise the key is refused with what to focus."""
        table = self.focused_table()
        if table == "interview-table":
            interview = self.query_one("#interview-table", FitTable).selected_key()
            if interview is None:
                self.notify("no interview yet: import (i), record (m) or write notes (n)", severity="warning")
            return interview
        if table == "respondent-table":
            code = self.query_one("#respondent-table", FitTable).selected_key()
            if code is None:
                self.notify("no respondent yet: add one (r)", severity="warning")
                return None
            theirs = self.interviews_of.get(code, [])
            if len(theirs) == 1:
                return theirs[0]
            if not theirs:
                self.notify(f"{code} has no interview yet: import (i), record (m) or write notes (n)",
                            severity="warning")
            else:
                self.notify(f"{code} has {len(theirs)} interviews: press Tab to focus the Interviews table and"
                            " pick one", severity="warning")
            return None
        self.notify("this key acts on an interview: press Tab to focus the Interviews table and pick one",
                    severity="warning")
        return None

    def action_add_respondent(self) -> None:
        from fieldkit.consent.respondents import add_respondent

        def chosen(category: str | None) -> None:
            if category is None:
                return
            try:
                code = add_respondent(self.project, category)
            except Exception as exc:  # noqa: BLE001 - shown, never raised into the UI loop
                self.show_error(exc)
                return
            self.notify(f"respondent {code} added; take consent next (c)")
            self.refresh_data(respondent=code)

        options = [(c.code, f"{c.code} — {c.description}") for c in self.project.policy.categories]
        self.app.push_screen(ChoiceScreen("Category of the new respondent", options), chosen)

    def action_consent(self) -> None:
        from fieldkit.tui.screens.consent import ConsentScreen

        code = self.respondent()
        if code:
            self.app.push_screen(ConsentScreen(code))

    def action_lexicon(self) -> None:
        from fieldkit.tui.screens.lexicon import LexiconScreen

        self.app.push_screen(LexiconScreen())

    def action_notes(self) -> None:
        from fieldkit.tui.screens.capture import NotesScreen

        code = self.respondent()
        if code:
            self.app.push_screen(NotesScreen(code))

    def action_import_file(self) -> None:
        from fieldkit.tui.screens.capture import ImportScreen

        code = self.respondent()
        if code:
            self.app.push_screen(ImportScreen(code))

    def action_record(self) -> None:
        from fieldkit.tui.screens.capture import RecorderScreen

        code = self.respondent()
        if code:
            self.app.push_screen(RecorderScreen(code))

    def action_transcribe(self) -> None:
        from fieldkit.tui.screens.transcribe import TranscribeScreen

        interview = self.interview()
        if interview:
            self.app.push_screen(TranscribeScreen(interview))

    def action_review(self) -> None:
        from fieldkit.tui.screens.review import ReviewScreen

        interview = self.interview()
        if interview:
            self.app.push_screen(ReviewScreen(interview))

    def action_code(self) -> None:
        from fieldkit.tui.screens.coding import CodingScreen

        interview = self.interview()
        if interview:
            self.app.push_screen(CodingScreen(interview))

    def action_export(self) -> None:
        from fieldkit.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen())

    def action_audit(self) -> None:
        from fieldkit.tui.screens.audit import AuditScreen

        self.app.push_screen(AuditScreen())
