"""Help: every key of the screen underneath, and the global ones."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from fieldkit.tui.screens.base import literal

GLOBAL_KEYS = [("ctrl+l / F12", "lock now: close the project and clear the screen"),
               ("F1", "this help"), ("ctrl+t", "light / dark colours"), ("ctrl+q", "quit")]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        seen, lines = set(), []
        for cls in type(self.under).__mro__:  # the screen's own keys, then inherited ones (Escape…)
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.description and binding.key not in seen:
                    seen.add(binding.key)
                    lines.append(f"{binding.key:>14}  {binding.tooltip or binding.description}")
        lines += [f"{key:>14}  {text}" for key, text in GLOBAL_KEYS]
        doc = (self.under.__doc__ or "").strip().splitlines()
        with VerticalScroll(classes="dialog"):
            yield Label(f"Help — {type(self.under).__name__.removesuffix('Screen')}", classes="title")
            if doc:
                yield Static(literal(doc[0]), classes="hint")
            yield Static(literal("\n".join(lines)), id="help-keys")
            yield Label("Escape to close", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
