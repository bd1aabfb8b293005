"""Coding: select text in the anonymised transcript, apply a code from the codebook, create codes, and see
the excerpts of each code."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, OptionList, TextArea
from textual.widgets.option_list import Option

from fieldkit.tui.screens.base import FieldScreen, FitTable, PromptScreen, error_text, literal


class CodingScreen(FieldScreen):
    """Select a span (shift+arrows or the mouse), pick a code on the right, apply it."""

    BINDINGS = [
        Binding("ctrl+a", "apply", "Apply code", priority=True),
        Binding("ctrl+n", "new_code", "New code", priority=True),
        Binding("ctrl+e", "memo", "Memo on last", priority=True),
        Binding("tab", "app.focus_next", "Text/codes", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, interview: str) -> None:
        super().__init__()
        self.interview = interview
        self.text = ""
        self.last_coding = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label(f"Code {self.interview} (anonymised text)", classes="title", id="coding-title")
        with Horizontal():
            yield TextArea("", read_only=True, soft_wrap=True, id="source-view")
            with Vertical(id="codes", classes="panel"):
                yield Label("Codes", classes="title")
                yield OptionList(id="code-list")
        yield FitTable("code", "span", "excerpt", wrap=("excerpt", "code"), id="excerpts")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        from fieldkit.coding.sources import load_source

        try:
            self.text = load_source(self.project, self.interview).text
        except Exception as exc:  # noqa: BLE001 - said on the screen itself, not only in a passing toast
            self.show_error(exc)
            title = self.query_one("#coding-title", Label)
            title.update(literal(f"Code {self.interview}: " + error_text(exc).replace("\n", "; ")))
            title.set_class(True, "error")
            return
        self.query_one("#source-view", TextArea).load_text(self.text)
        self.refresh_codes()

    def refresh_codes(self, select: str | None = None) -> None:
        from collections import Counter

        from fieldkit.coding.codebook import code_path
        from fieldkit.coding.excerpts import codings_of
        from fieldkit.services.overview import codebook_rows

        codes = [row.code for row in codebook_rows(self.project)]
        by_id = {c.id: c for c in codes}
        counts = Counter(coding.code for coding in codings_of(self.project, self.interview))  # in this interview
        options = self.query_one("#code-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        # a category groups codes and is never applied: marked as such instead of a count
        options.add_options([Option(literal(f"{code_path(c, by_id)} "
                                            f"({counts.get(c.id, 0) if c.codable else 'category'})"), id=c.id)
                             for c in codes])
        if select is not None:
            options.highlighted = next(i for i, c in enumerate(codes) if c.id == select)
        elif codes:
            options.highlighted = min(highlighted or 0, len(codes) - 1)
        self.show_excerpts()

    def highlighted_code(self) -> str | None:
        options = self.query_one("#code-list", OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        return options.get_option_at_index(options.highlighted).id

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_excerpts()

    def show_excerpts(self) -> None:
        from fieldkit.coding.excerpts import list_excerpts

        table = self.query_one("#excerpts", FitTable)
        code = self.highlighted_code()
        if code is None:
            table.set_rows([])
            return
        excerpts, _ = list_excerpts(self.project, code=code, interview=self.interview)
        table.set_rows([((excerpt.code.name, f"{excerpt.coding.start}:{excerpt.coding.end}",
                          " ".join(excerpt.text.split())), excerpt.coding.id) for excerpt in excerpts])

    def action_apply(self) -> None:
        from fieldkit.coding.excerpts import apply_code

        code = self.highlighted_code()
        area = self.query_one("#source-view", TextArea)
        start, end = sorted(len(area.get_text_range((0, 0), location))
                            for location in (area.selection.start, area.selection.end))
        if code is None:
            self.notify("create a code first (ctrl+n)", severity="warning")
            return
        if start == end:
            self.notify("select some text first (shift+arrows or the mouse)", severity="warning")
            return
        try:
            self.last_coding = apply_code(self.project, self.interview, code, start=start, end=end)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        self.refresh_codes(select=code)
        self.notify(f"{self.interview}: coded {self.last_coding.start}:{self.last_coding.end}")

    def action_new_code(self) -> None:
        from fieldkit.coding.codebook import add_code

        def named(name: str | None) -> None:
            if not name or not name.strip():
                return
            try:
                code = add_code(self.project, name)
            except Exception as exc:  # noqa: BLE001
                self.show_error(exc)
                return
            self.refresh_codes(select=code.id)

        self.app.push_screen(PromptScreen("Name of the new code"), named)

    def action_memo(self) -> None:
        from fieldkit.coding.excerpts import set_memo

        if self.last_coding is None:
            self.notify("apply a code first", severity="warning")
            return

        def written(memo: str | None) -> None:
            if memo is not None:
                set_memo(self.project, self.last_coding.id, memo)
                self.notify(f"{self.interview}: memo saved on {self.last_coding.start}:{self.last_coding.end}")

        self.app.push_screen(PromptScreen("Memo on the excerpt just coded", value=self.last_coding.memo), written)
