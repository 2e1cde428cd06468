"""The feeds whose last fetch failed (`F`), from the library: whoever fetched them (the app or
`tidings refresh` in another window), with the error each gave and when it is tried again.
`r` or enter retries the highlighted feed now."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tidings.tui.widgets.reading_pane import visible


def failure_prompt(row: dict[str, Any]) -> Text:
    """One failed feed as plain text: title, URL, error and the next try."""
    text = Text(" ".join(visible(row["title"] or "").split())[:120], Style(bold=True))
    text.append("\n  " + visible(row["url"] or "")[:200], Style(dim=True))
    text.append("\n  " + " ".join(visible(row["last_error"] or "").split())[:300])
    if row.get("next_due"):
        text.append(f"\n  next try {str(row['next_due'])[:16].replace('T', ' ')} UTC",
                    Style(dim=True))
    return text


class FeedErrorsScreen(ModalScreen[int | None]):
    """Dismissed with the id of a feed to retry, or None."""

    BINDINGS = [
        Binding("escape,q,F", "close", "Close", id="feed_errors.close"),
        Binding("r", "retry", "Retry this feed", id="feed_errors.retry"),
    ]

    DEFAULT_CSS = """
    FeedErrorsScreen { align: center middle; }
    FeedErrorsScreen > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 80%;
        border: round $error; background: $panel; padding: 0 1;
    }
    FeedErrorsScreen OptionList { height: auto; max-height: 30; }
    """

    def __init__(self, failed: list[dict[str, Any]]) -> None:
        super().__init__()
        self.failed = failed

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Feeds that failed · {len(self.failed)}", style="bold"))
            yield OptionList(*(Option(failure_prompt(row)) for row in self.failed))
            yield Static(Text("r / enter retry now · escape close", style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(self.failed[event.option_index]["id"]))

    def action_retry(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(int(self.failed[index]["id"]))

    def action_close(self) -> None:
        self.dismiss(None)
