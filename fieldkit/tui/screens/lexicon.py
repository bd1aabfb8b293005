"""The project lexicon in the terminal app: names, places and nicknames the researcher expects before an
interview, typed one per line (fieldkit/anonymise/lexicon.py). Nothing typed here is ever shown again unless
asked, and nothing goes on a command line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, TextArea

from fieldkit.tui.screens.base import FieldScreen

#: what each ctrl key stores the lines as
KINDS = {"ctrl+s": ("PERSON", "people"), "ctrl+p": ("LOCATION", "places"), "ctrl+o": ("ORGANIZATION", "units")}


class LexiconScreen(FieldScreen):
    """One name, place or nickname per line; ctrl+s stores the lines as people, ctrl+p as places, ctrl+o as
    units. Whisper then expects them, and the anonymiser finds them in any spelling."""

    BINDINGS = [Binding("ctrl+s", "store('ctrl+s')", "Store as people", priority=True),
                Binding("ctrl+p", "store('ctrl+p')", "as places", priority=True),
                Binding("ctrl+o", "store('ctrl+o')", "as units", priority=True),
                Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Label("Names, places and nicknames to expect, one per line", classes="title")
        yield Label("Whisper and the anonymiser look for each in any spelling.")
        yield Label("", id="lexicon-count")
        yield TextArea(id="lexicon-entries", soft_wrap=True)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.show_count()
        self.query_one("#lexicon-entries", TextArea).focus()

    def show_count(self) -> None:
        from fieldkit.anonymise.lexicon import typed_entries

        try:
            count = len(typed_entries(self.project))
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        self.query_one("#lexicon-count", Label).update(f"{count} typed so far (never shown here)")

    def action_store(self, key: str) -> None:
        from fieldkit.anonymise.lexicon import add_entries

        entity, what = KINDS[key]
        area = self.query_one("#lexicon-entries", TextArea)
        lines = [line for line in area.text.splitlines() if line.strip()]
        if not lines:
            self.notify("nothing typed yet: one name, place or nickname per line")
            return
        lock = self.app.core_lock
        if not lock.acquire(blocking=False):  # the UI thread never waits for a job (docs/tui.md)
            self.notify("busy with another task: store the lines when it ends")
            return
        try:
            added = add_entries(self.project, lines, entity)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)
            return
        finally:
            lock.release()
        area.clear()
        self.show_count()
        self.notify(f"{added} {what} stored")

    def action_back(self) -> None:
        self.query_one("#lexicon-entries", TextArea).clear()
        self.app.pop_screen()
