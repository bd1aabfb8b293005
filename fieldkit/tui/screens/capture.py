"""Capture: import a recording file, write notes when recording is refused, or record live."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, ProgressBar, TextArea

from fieldkit.tui.screens.base import FieldScreen


class ImportScreen(FieldScreen):
    """Import a dictaphone, phone or video file; it is compressed and encrypted in memory."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, respondent: str) -> None:
        super().__init__()
        self.respondent = respondent

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label(f"Import a recording of {self.respondent}", classes="title")
        yield Label("Path of the audio or video file (WAV, MP3, M4A, OGG, FLAC, MP4), then Enter", classes="hint")
        yield Input(placeholder="/media/recorder/REC001.mp3", id="path")
        yield Label("", id="import-status")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        event.input.disabled = True
        self.query_one("#import-status", Label).update("importing…")
        self.run_import(*self.begin_job(), path)

    @work(thread=True)
    def run_import(self, app, project, job, path: Path) -> None:
        from fieldkit.capture.importer import import_audio

        try:
            with app.core_lock:  # the one-writer rule (docs/tui.md)
                interview = import_audio(project, self.respondent, path)
        except Exception as exc:  # noqa: BLE001
            job.set()
            self.post(app, self.failed, exc)
            return
        job.set()
        self.post(app, self.done, interview)

    def failed(self, exc: BaseException) -> None:
        self.show_error(exc)
        self.query_one("#import-status", Label).update("nothing was stored")
        field = self.query_one("#path", Input)
        field.disabled = False
        field.focus()

    def done(self, interview: str) -> None:
        self.notify(f"imported as {interview}; transcribe it next (t)")
        self.app.pop_screen()


class NotesScreen(FieldScreen):
    """Typed notes for a respondent who refused recording. While they are typed they are kept as an encrypted
    draft (every few seconds when the text changed, and on a lock or quit), so a lock does not destroy them;
    saving stores them as an interview and destroys the draft."""

    BINDINGS = [Binding("ctrl+s", "save", "Save notes"), Binding("escape", "back", "Back")]
    DRAFT_EVERY_S = 5.0  # what a crash (nothing runs on a kill -9) can lose of the notes

    def __init__(self, respondent: str) -> None:
        super().__init__()
        self.respondent = respondent
        self.drafted = ""  # the text the stored draft holds ("" when there is none)

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label(f"Notes on the interview with {self.respondent} (blank line between paragraphs)",
                    classes="title")
        yield TextArea(id="notes", soft_wrap=True)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        from fieldkit.capture.notes import load_draft

        area = self.query_one("#notes", TextArea)
        try:
            draft = load_draft(self.project, self.respondent)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            draft = None
        if draft is not None:
            area.load_text(draft.text)
            area.move_cursor(area.document.end)
            self.drafted = draft.text
            self.notify(f"the draft of {draft.saved:%Y-%m-%d %H:%M} UTC is open; ctrl+s stores it")
        area.focus()
        self.set_interval(self.DRAFT_EVERY_S, self.keep_draft)

    def keep_draft(self) -> None:
        """Store the text as the respondent's encrypted draft when it changed since the last one. Called every
        few seconds and by the app on a lock or quit (on the UI thread, before the project leaves it): it never
        raises, a lock must always get through; a draft that could not be stored is said after the unlock."""
        from fieldkit.capture.notes import save_draft

        project = self.app.project
        if project is None or not self.is_attached:
            return
        try:
            text = self.query_one("#notes", TextArea).text
        except Exception:  # noqa: BLE001 - the screen is being torn down
            return
        if text == self.drafted or (not text.strip() and not self.drafted.strip()):
            return
        try:
            save_draft(project, self.respondent, text)
        except Exception as exc:  # noqa: BLE001
            self.app.draft_failed(self.respondent, exc)
            return
        self.drafted = text

    def action_back(self) -> None:
        from fieldkit.tui.screens.base import ChoiceScreen

        if not self.query_one("#notes", TextArea).text.strip():
            self.discard()
            return

        def answered(choice: str | None) -> None:
            if choice == "discard":
                self.discard()
            elif choice == "draft":
                self.keep_draft()
                if self.drafted == self.query_one("#notes", TextArea).text:
                    self.app.pop_screen()  # n on this respondent opens the draft again

        self.app.push_screen(ChoiceScreen("Discard these notes? They were not stored.",
                                          [("keep", "No, keep writing"), ("discard", "Yes, discard them"),
                                           ("draft", "Leave them as a draft (n opens it again)")]),
                             answered)

    def discard(self) -> None:
        """Clear the text and destroy the draft (its key erased), then leave."""
        from fieldkit.capture.notes import discard_draft

        self.query_one("#notes", TextArea).clear()
        try:
            discard_draft(self.project, self.respondent)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        self.drafted = ""
        self.app.pop_screen()

    def action_save(self) -> None:
        from fieldkit.capture.notes import import_notes

        area = self.query_one("#notes", TextArea)
        try:
            interview = import_notes(self.project, self.respondent, area.text, from_draft=True)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        area.clear()
        self.drafted = ""
        self.notify(f"notes stored as {interview}")
        self.app.pop_screen()


class RecorderScreen(FieldScreen):
    """Live recording, encrypted in 2-second chunks as it is captured; off the record is never kept."""

    BINDINGS = [
        Binding("space", "pause", "Pause/resume"),
        Binding("o", "off_record", "Off the record"),
        Binding("s", "stop", "Stop"),
    ]

    def __init__(self, respondent: str, *, duration: float | None = None) -> None:
        super().__init__()
        from fieldkit.capture.recorder import Controls

        self.respondent = respondent
        self.duration = duration
        self.controls = Controls()

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label(f"Recording {self.respondent}", classes="title")
        yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="meter")
        yield Label("starting…", id="recorder-state")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.record(*self.begin_job())

    @work(thread=True)
    def record(self, app, project, job) -> None:
        """A lock stops it (stop_jobs); it then flushes and finishes like a normal stop, before the app
        closes the project. It runs for as long as the interview, so it does not hold ``app.core_lock``
        (docs/tui.md): each chunk and the final store are single transactions on this recording's own rows,
        serialised by the connection's writer lock, and nothing else can reach the project meanwhile (this
        screen's keys stop it, they do not leave it)."""
        from fieldkit.capture.recorder import record

        def level(rms: float, elapsed: float, controls) -> None:
            self.post_progress(app, self.show_level, rms, elapsed)

        try:
            interview = record(project, self.respondent, controls=self.controls, duration=self.duration,
                               on_level=level)
        except Exception as exc:  # noqa: BLE001
            job.set()
            self.post(app, self.failed, exc)
            return
        job.set()
        self.post(app, self.done, interview)

    def show_level(self, rms: float, elapsed: float) -> None:
        self.query_one("#meter", ProgressBar).update(progress=min(100.0, rms * 400))
        minutes, seconds = divmod(int(elapsed), 60)
        state = "PAUSED" if self.controls.paused else "OFF THE RECORD (not kept)" if self.controls.off_record else (
            "recording")
        self.query_one("#recorder-state", Label).update(f"{minutes:02d}:{seconds:02d}  {state}")

    def action_pause(self) -> None:
        self.controls.paused = not self.controls.paused

    def action_off_record(self) -> None:
        self.controls.off_record = not self.controls.off_record
        self.notify("off the record: nothing is kept" if self.controls.off_record else "back on the record")

    def action_stop(self) -> None:
        self.controls.stop.set()

    def stop_jobs(self) -> None:
        self.controls.stop.set()  # a lock ends the recording; what was captured is kept, encrypted

    def action_back(self) -> None:
        if self.job_running:
            self.action_stop()  # Escape means stop; the screen closes when the recording is stored
        else:
            self.app.pop_screen()

    def failed(self, exc: BaseException) -> None:
        self.show_error(exc)
        self.query_one("#recorder-state", Label).update("not recording (Escape to go back)")

    def done(self, interview: str | None) -> None:
        self.notify(f"recording stored as {interview}" if interview else "nothing was recorded")
        if self.app.screen is self:
            self.app.pop_screen()
