"""Export: every gate and what blocks it, then the export itself (nothing is written while a gate is shut)."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from fieldkit.tui.screens.base import ConfirmScreen, FieldScreen, literal, tui_words

SUFFIXES = {"qdpx": ".qdpx", "csv": ".csv", "json": ".json", "md": ".md"}


class ExportScreen(FieldScreen):
    """Choose a format and a file outside the project; the gates are checked before anything is written."""

    BINDINGS = [
        Binding("f2", "format", "Format"),
        Binding("f3", "register", "Register"),
        Binding("f4", "only_ready", "Only ready"),
        Binding("f5", "check", "Check gates"),
        Binding("ctrl+e", "export", "Export", priority=True),
        Binding("escape", "back", "Back"),
    ]
    FORMATS = tuple(SUFFIXES)

    def __init__(self) -> None:
        super().__init__()
        self.format = "qdpx"
        self.register = False
        self.only_ready = False
        self.ready: tuple[str, ...] = ()  # the interviews the last gate check would export

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label("Export anonymised material", classes="title")
        yield Label("", id="export-options", classes="hint")
        yield Input(id="export-path")
        with VerticalScroll(id="gates"):
            yield Static("checking the gates…", id="gate-report")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).value = str(self.default_path())
        self.show_options()
        self.action_check()

    def default_path(self) -> Path:
        stem = "register" if self.register else "excerpts"
        return Path.home() / "fieldkit-exports" / f"{self.project.root.name}-{stem}{SUFFIXES[self.format]}"

    def show_options(self) -> None:
        what = "interview register" if self.register else "coded excerpts"
        ready = ", only ready interviews" if self.only_ready else ""
        self.query_one("#export-options", Label).update(f"{self.format.upper()}: {what}{ready}")

    def request(self):
        from fieldkit.export.writer import ExportRequest

        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        return ExportRequest(self.format, path, register=self.register, only_ready=self.only_ready,
                             all_text=not self.register and self.format != "qdpx")

    def changed(self) -> None:
        if self.job_running:
            return
        field = self.query_one("#export-path", Input)
        field.value = str(Path(field.value).with_suffix(SUFFIXES[self.format]))
        self.show_options()
        self.action_check()

    def action_format(self) -> None:
        formats = ("csv", "json", "md") if self.register else self.FORMATS
        self.format = formats[(formats.index(self.format) + 1) % len(formats)] if self.format in formats else "csv"
        self.changed()

    def action_register(self) -> None:
        self.register = not self.register
        if self.register and self.format == "qdpx":
            self.format = "md"
        self.changed()

    def action_only_ready(self) -> None:
        self.only_ready = not self.only_ready
        self.changed()

    def action_check(self) -> None:
        if self.job_running:
            return
        self.query_one("#gate-report", Static).update("checking the gates…")
        self.check(*self.begin_job(), self.request())

    @work(thread=True)
    def check(self, app, project, job, request) -> None:
        """The residual scan re-reads every approved text: seconds, so off the UI thread. The export is built
        in memory (nothing is written) to learn what blocks it, or which interviews it would hold."""
        from fieldkit.errors import GateClosed
        from fieldkit.export.writer import build_export

        try:
            with app.core_lock:  # the one-writer rule (docs/tui.md)
                try:
                    _, result = build_export(project, request)
                    blockers, ready = [], tuple(result.interviews)
                except GateClosed as exc:
                    blockers, ready = list(exc.details) or [exc.message], ()
        except Exception as exc:  # noqa: BLE001
            job.set()
            self.post(app, self.show_error, exc)
            return
        job.set()
        self.post(app, self.show_blockers, blockers, ready)

    def show_blockers(self, blockers: list[str], ready: tuple[str, ...] = ()) -> None:
        """What blocks the export, in the TUI's words (keys and screens, not command-line flags); or which
        interviews ctrl+e would export."""
        report = self.query_one("#gate-report", Static)
        self.ready = ready
        if blockers:
            report.update(literal("BLOCKED — nothing will be written:\n"
                                  + "\n".join(f"  ✗ {tui_words(b, keep_first=True)}" for b in blockers)))
        else:
            what = f"exports {', '.join(ready)}" if ready else "exports the interview register"
            report.update(literal("✓ every gate passes: retention, approval, consent, withdrawal, residual scan,"
                                  f" codings\nctrl+e {what}"))

    def action_export(self) -> None:
        if self.job_running:
            self.notify("wait for the gate check to finish", severity="warning")
            return
        if self.project.policy.seal_after_export and not self.register:
            named = ", ".join(self.ready) or "every ready interview"
            self.app.push_screen(ConfirmScreen(
                f"Export and seal {named}?",
                "The policy seals each exported interview: afterwards only the institution can open it."),
                lambda yes: yes and self.export_now())
            return
        self.export_now()

    def export_now(self) -> None:
        if self.job_running:
            return
        self.query_one("#gate-report", Static).update("exporting…")
        self.run_export(*self.begin_job(), self.request())

    @work(thread=True)
    def run_export(self, app, project, job, request) -> None:
        from fieldkit.export.writer import run_export

        try:
            with app.core_lock:
                result = run_export(project, request)
        except Exception as exc:  # noqa: BLE001
            job.set()
            self.post(app, self.export_failed, exc)
            return
        job.set()
        self.post(app, self.exported, result)

    def export_failed(self, exc: BaseException) -> None:
        self.show_error(exc)
        self.action_check()

    def exported(self, result) -> None:
        left = "".join(f"\n  left out {i}: {why}" for i, why in sorted(result.left_out.items()))
        which = f" ({', '.join(result.interviews)})" if result.interviews else ""
        self.query_one("#gate-report", Static).update(literal(
            f"✓ exported {result.rows} rows from {result.sources} sources{which} to {result.path}\n"
            f"  sha256 {result.sha256[:16]}… (logged){left}"))
        self.notify(f"exported {', '.join(result.interviews) or 'the register'} to {result.path}", markup=False)
