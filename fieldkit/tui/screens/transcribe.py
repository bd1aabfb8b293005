"""Transcription in a worker thread with a progress bar; cancel keeps the finished blocks, starting again
resumes from them."""

from __future__ import annotations

import threading

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, ProgressBar

from fieldkit.tui.screens.base import FieldScreen


class TranscribeScreen(FieldScreen):
    """Transcribe an interview locally (audio is decrypted into memory only)."""

    BINDINGS = [
        Binding("s", "start", "Start/resume"),
        Binding("c", "cancel", "Cancel"),
        Binding("l", "language", "Language"),
        Binding("escape", "back", "Back"),
    ]
    LANGUAGES = ("auto", "ru", "kk", "en")

    def __init__(self, interview: str) -> None:
        super().__init__()
        self.interview = interview
        self.language = "auto"
        self.cancel_event = threading.Event()

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label(f"Transcribe {self.interview}", classes="title", id="transcribe-title")
        yield Label("", id="transcribe-language", classes="hint")
        yield ProgressBar(total=1.0, id="transcribe-progress")
        yield Label("s starts (or resumes), c cancels", id="transcribe-status")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.show_language()
        self.show_state()

    def state(self) -> tuple[bool, str]:
        """Whether the interview already has a transcript, and its stage (as the dashboard names it)."""
        from fieldkit.interviews import get_interview
        from fieldkit.services.overview import stages

        return get_interview(self.project, self.interview).transcript_object is not None, stages(
            self.project).get(self.interview, "")

    def show_state(self) -> None:
        """Say what this interview already has, so a transcribed one never reads as "not transcribed"."""
        from fieldkit.interviews import get_interview

        transcribed, stage = self.state()
        self.query_one("#transcribe-title", Label).update(f"Transcribe {self.interview} ({stage})")
        status = self.query_one("#transcribe-status", Label)
        if transcribed:
            status.update(f"{self.interview} is already transcribed ({stage}); s transcribes it again, after asking")
        elif get_interview(self.project, self.interview).audio_object is None:
            status.update(f"{self.interview} has no audio to transcribe (notes, a document, or audio destroyed)")

    def show_language(self) -> None:
        self.query_one("#transcribe-language", Label).update(f"language: {self.language} (l to change)")

    def action_language(self) -> None:
        if not self.job_running:
            self.language = self.LANGUAGES[(self.LANGUAGES.index(self.language) + 1) % len(self.LANGUAGES)]
            self.show_language()

    def action_start(self) -> None:
        from fieldkit.tui.screens.base import ConfirmScreen

        if self.job_running:
            return
        transcribed, stage = self.state()
        if not transcribed:
            self.start()
            return
        self.app.push_screen(ConfirmScreen(
            f"Transcribe {self.interview} again (already {stage})?",
            "Its transcript, review and anonymised text are replaced, and it needs a new review and approval."),
            lambda yes: yes and self.start(replace=True))

    def start(self, *, replace: bool = False) -> None:
        if self.job_running:
            return
        self.cancel_event.clear()
        self.query_one("#transcribe-status", Label).update("loading the model…")
        self.transcribe(*self.begin_job(), self.language, replace)

    def action_cancel(self) -> None:
        if self.job_running:
            self.cancel_event.set()
            self.query_one("#transcribe-status", Label).update("cancelling after this block…")

    def action_back(self) -> None:
        if self.job_running:
            self.action_cancel()
            self.notify("cancelling: press Escape again when it has stopped")
            return
        self.app.pop_screen()

    def stop_jobs(self) -> None:
        self.cancel_event.set()

    @work(thread=True)
    def transcribe(self, app, project, job, language: str, replace: bool = False) -> None:
        """Minutes long, so it does not hold ``app.core_lock`` (docs/tui.md): the core stores each finished
        block and then the transcript in single transactions of its own, serialised by the connection's writer
        lock, and exposes no separate final store step to lock; this screen keeps every other action away
        until it ends. ``language`` is passed in, read on the UI thread: the worker reads no screen state
        but ``cancel_event`` (a threading.Event)."""
        from fieldkit.anonymise.lexicon import interview_hotwords
        from fieldkit.transcribe.runner import TranscriptionCancelled, transcribe_interview

        def progress(done: float, total: float) -> None:
            self.post_progress(app, self.show_progress, done, total)

        try:
            transcript = transcribe_interview(project, self.interview, language=language,
                                              progress=progress, cancel=self.cancel_event, replace=replace,
                                              hotwords=interview_hotwords(project, self.interview))
        except TranscriptionCancelled:
            job.set()
            self.post(app, self.finished, "cancelled: the finished blocks are kept; s resumes")
            return
        except Exception as exc:  # noqa: BLE001
            job.set()
            self.post(app, self.failed, exc)
            return
        job.set()
        self.post(app, self.show_progress, 1.0, 1.0)
        self.post(app, self.finished, f"done: {len(transcript.segments)} segments, language {transcript.language};"
                                      " review it next (v on the dashboard)")

    def show_progress(self, done: float, total: float) -> None:
        bar = self.query_one("#transcribe-progress", ProgressBar)
        bar.update(total=max(total, 0.001), progress=done)
        if done < total:
            self.query_one("#transcribe-status", Label).update(f"{done:.0f} of {total:.0f} s")

    def finished(self, message: str) -> None:
        self.query_one("#transcribe-status", Label).update(message)

    def failed(self, exc: BaseException) -> None:
        self.show_error(exc)
        transcribed, _ = self.state()
        self.query_one("#transcribe-status", Label).update(
            f"nothing changed: {self.interview} keeps its transcript" if transcribed else "not transcribed")
