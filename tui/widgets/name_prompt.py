"""A one-line question asking for a name (saving a search): enter answers, escape cancels."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from tidings.tui.widgets.dialog import Dialog
from tidings.tui.widgets.reading_pane import visible


class NamePrompt(Dialog[str | None]):
    BINDINGS = [Binding("escape", "close", "Cancel", id="name.cancel")]


    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def body(self) -> ComposeResult:
        yield Static(Text(self.question, style="bold"))
        if self.detail:
            yield Static(Text(visible(self.detail)), classes="detail")
        yield Input(placeholder="name (enter saves, escape cancels)", id="name")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if name:
            self.dismiss(name)
