"""The note editor opened by `a`: the quoted passage above a text area for the note."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TextArea

from tidings.tui.widgets.dialog import Dialog
from tidings.tui.widgets.muted import undim_text
from tidings.tui.widgets.reading_pane import visible

QUOTE_CHARS = 300


class NoteEditor(Dialog[str | None]):
    """Returns the note (ctrl+s) or None (escape)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="note.save"),
        Binding("escape", "close", "Cancel", id="note.cancel"),
    ]


    def __init__(self, quote: str, note: str = "") -> None:
        super().__init__()
        self.quote = quote
        self.note = note

    def body(self) -> ComposeResult:
        quote = visible(self.quote)
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        yield Static(Text("“" + quote + "”", style="italic"), id="quote")
        yield TextArea(self.note, id="note")
        yield Static(undim_text(Text("ctrl+s save · escape cancel", style="dim"), self.app))

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)
