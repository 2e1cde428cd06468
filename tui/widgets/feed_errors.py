"""The feeds that failed in the last refresh (`F`), with the error each gave."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tidings.tui.widgets.dialog import Dialog
from tidings.tui.widgets.muted import undim_text
from tidings.tui.widgets.reading_pane import visible


class FeedErrorsScreen(Dialog[None]):
    BOX = VerticalScroll
    BINDINGS = [Binding("escape,q,F", "close", "Close", id="feed_errors.close")]


    def __init__(self, errors: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.errors = errors

    def body(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("Feed", ratio=1)
        table.add_column("Error", ratio=2)
        for title, url, error in self.errors:
            table.add_row(undim_text(Text(visible(title)) + Text("\n" + visible(url), style="dim"), self.app), Text(visible(error)))
        yield Static(Text(f"Feed errors · {len(self.errors)}", style="bold"))
        yield Static(table)
