"""The help screen: every key the app answers to, with what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tidings.tui.widgets.dialog import Dialog


class HelpScreen(Dialog[None]):
    """A table of the bindings in force (after any remapping from the config)."""

    BOX = VerticalScroll

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    ]


    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def body(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column("Key", no_wrap=True)
        table.add_column("Action")
        for key, description in self.rows:
            table.add_row(key, description)
        yield Static("Tidings keys", classes="title")
        yield Static(table)
