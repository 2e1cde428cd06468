"""The feeds that failed in the last refresh (`F`), with the error each gave."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tidings.tui.widgets.muted import undim_text
from tidings.tui.widgets.reading_pane import visible


class FeedErrorsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,F", "close", "Close", id="feed_errors.close")]

    DEFAULT_CSS = """
    FeedErrorsScreen { align: center middle; }
    FeedErrorsScreen > VerticalScroll {
        width: 100; max-width: 100%; height: auto; max-height: 80%;
        border: round $error; background: $panel; padding: 0 1;
    }
    """

    def __init__(self, errors: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.errors = errors

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("Feed", ratio=1)
        table.add_column("Error", ratio=2)
        for title, url, error in self.errors:
            table.add_row(undim_text(Text(visible(title)) + Text("\n" + visible(url), style="dim"), self.app), Text(visible(error)))
        with VerticalScroll():
            yield Static(Text(f"Feed errors · {len(self.errors)}", style="bold"))
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss()
