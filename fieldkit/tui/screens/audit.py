"""Audit: the chain's state, the checkpoint code to send home, and every retention deadline."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label

from fieldkit.tui.screens.base import FieldScreen, FitTable, literal


class AuditScreen(FieldScreen):
    """Verify the audit chain, read the checkpoint code to send home, see retention status."""

    BINDINGS = [Binding("x", "export_chain", "Export chain"), Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label("Audit", classes="title")
        yield Label("", id="chain-status")
        yield Label("", id="checkpoint", classes="title")
        yield Label("Retention", classes="title")
        yield FitTable("object", "kind", "of", "rule", "deadline", "state", wrap=("rule", "kind"),
                       id="retention-table")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        from fieldkit.audit.chain import verify
        from fieldkit.errors import FieldkitError
        from fieldkit.retention.schedule import items

        try:
            result = verify(self.project.audit.entries(), public_key=self.project.audit.public_key())
        except FieldkitError as exc:
            self.query_one("#chain-status", Label).update(literal(f"CHAIN BROKEN: {exc.message}"))
            self.query_one("#chain-status", Label).set_class(True, "error")
        else:
            self.query_one("#chain-status", Label).update(
                f"chain OK: {result.entries} signed entries, head {result.head[:16]}…")
            self.query_one("#chain-status", Label).set_class(True, "ok")
            self.query_one("#checkpoint", Label).update(f"checkpoint to send home: {result.checkpoint}")
        rows = []
        for index, item in enumerate(items(self.project, include_destroyed=True)):
            deadline = item.deadline.strftime("%Y-%m-%d") if item.deadline else "-"
            rows.append(((item.object[:10], item.kind, item.interview or item.respondent or "-", item.rule or "-",
                          deadline, item.state), f"{index}:{item.object}"))
        self.query_one("#retention-table", FitTable).set_rows(rows)

    def action_export_chain(self) -> None:
        try:
            path = self.project.export_audit()
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        self.notify(f"chain written to {path}: no personal data; send it home with the checkpoint code above,"
                    " where it is verified", markup=False)
