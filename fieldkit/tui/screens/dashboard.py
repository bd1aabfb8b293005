"""Dashboard: respondents (code, category, consent), interviews and how far each has come, and what
retention will destroy soon."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label

from fieldkit.tui.screens.base import ChoiceScreen, FieldScreen

DUE_SOON = timedelta(days=7)


class DashboardScreen(FieldScreen):
    """Respondents, interviews with their stage, consent, and retention deadlines due soon."""

    BINDINGS = [
        Binding("r", "add_respondent", "Resp.", tooltip="new respondent (choose the category)"),
        Binding("c", "consent", "Consent", tooltip="consent of the selected respondent"),
        Binding("n", "notes", "Notes", tooltip="typed notes for the selected respondent"),
        Binding("i", "import_file", "Import", tooltip="import a recording of the selected respondent"),
        Binding("m", "record", "Rec", tooltip="record the selected respondent live"),
        Binding("t", "transcribe", "Transcr.", tooltip="transcribe the selected interview"),
        Binding("v", "review", "Review", tooltip="review the anonymisation of the selected interview"),
        Binding("k", "code", "Code", tooltip="code the selected interview's anonymised text"),
        Binding("e", "export", "Export", tooltip="export: gates, then QDPX/CSV/JSON/Markdown or the register"),
        Binding("a", "audit", "Audit", tooltip="audit chain, checkpoint code, retention"),
        Binding("escape", "back", "Back", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with Horizontal(id="dashboard-top"):
            with Vertical(id="respondents", classes="panel"):
                yield Label("Respondents", classes="title")
                yield DataTable(id="respondent-table", cursor_type="row")
            with Vertical(classes="panel"):
                yield Label("Interviews", classes="title")
                yield DataTable(id="interview-table", cursor_type="row")
        with Vertical(id="due", classes="panel"):
            yield Label("Retention: due within 7 days", classes="title")
            yield DataTable(id="due-table", cursor_type="row")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#respondent-table", DataTable).add_columns("code", "cat.", "consent")
        self.query_one("#interview-table", DataTable).add_columns("interview", "mode", "date", "stage")
        self.query_one("#due-table", DataTable).add_columns("kind", "of", "rule", "deadline", "state")
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        from fieldkit.retention.schedule import effective_now, items
        from fieldkit.services.overview import interview_rows, respondent_rows

        project = self.project
        if project is None:
            return
        respondents = self.query_one("#respondent-table", DataTable)
        respondents.clear()
        for row in respondent_rows(project):
            if row.respondent.status == "withdrawn":
                state = "withdrawn"
            elif row.consent is None:
                state = "none"
            else:
                state = "quotes" if row.consent.answers.get("quotation") else (
                    "excerpts" if row.consent.answers.get("excerpts") else "no use")
            respondents.add_row(row.respondent.code, row.respondent.category, state, key=row.respondent.code)
        interviews = self.query_one("#interview-table", DataTable)
        interviews.clear()
        for row in interview_rows(project):
            item = row.interview
            interviews.add_row(item.id, item.mode, item.interview_date or "-", row.stage, key=item.id)
        due = self.query_one("#due-table", DataTable)
        due.clear()
        now = effective_now(project)
        for item in items(project, include_destroyed=False):
            if item.deadline is None or (item.state == "pending" and item.deadline - now > DUE_SOON):
                continue
            due.add_row(item.kind, item.interview or item.respondent or "project", item.rule or "-",
                        item.deadline.strftime("%Y-%m-%d %H:%M"), item.state)

    def selected(self, table_id: str) -> str | None:
        table = self.query_one(table_id, DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def respondent(self) -> str | None:
        code = self.selected("#respondent-table")
        if code is None:
            self.notify("add a respondent first (r)", severity="warning")
        return code

    def interview(self) -> str | None:
        interview = self.selected("#interview-table")
        if interview is None:
            self.notify("no interview yet: import (i), record (m) or write notes (n)", severity="warning")
        return interview

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
            self.refresh_data()

        options = [(c.code, f"{c.code} — {c.description}") for c in self.project.policy.categories]
        self.app.push_screen(ChoiceScreen("Category of the new respondent", options), chosen)

    def action_consent(self) -> None:
        from fieldkit.tui.screens.consent import ConsentScreen

        code = self.respondent()
        if code:
            self.app.push_screen(ConsentScreen(code))

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
