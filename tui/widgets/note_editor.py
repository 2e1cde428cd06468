"""The note editor opened by `a`: the quoted passage above a text area for the note."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tidings.tui.widgets.muted import undim_text
from tidings.tui.widgets.reading_pane import visible

QUOTE_CHARS = 300


class NoteEditor(ModalScreen[str | None]):
    """Returns the note (ctrl+s) or None (escape)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    NoteEditor #quote { color: $reader-muted; margin-bottom: 1; }
    NoteEditor TextArea { height: 8; }
    """

    def __init__(self, quote: str, note: str = "") -> None:
        super().__init__()
        self.quote = quote
        self.note = note

    def compose(self) -> ComposeResult:
        quote = visible(self.quote)
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        with Vertical():
            yield Static(Text("“" + quote + "”", style="italic"), id="quote")
            yield TextArea(self.note, id="note")
            yield Static(undim_text(Text("ctrl+s save · escape cancel", style="dim"), self.app))

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
