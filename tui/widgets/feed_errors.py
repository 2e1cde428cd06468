"""The feeds whose last fetch failed (`F`), from the library: whoever fetched them (the app or
`tidings refresh` in another window), with the error each gave and when it is tried again.
`r` or enter retries the highlighted feed now."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tidings.tui.widgets.dialog import Dialog
from tidings.tui.widgets.muted import undim_text
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


class FeedErrorsScreen(Dialog[int | None]):
    """Dismissed with the id of a feed to retry, or None."""

    BINDINGS = [
        Binding("escape,q,F", "close", "Close", id="feed_errors.close"),
        Binding("r", "retry", "Retry this feed", id="feed_errors.retry"),
    ]

    def __init__(self, failed: list[dict[str, Any]]) -> None:
        super().__init__()
        self.failed = failed

    def body(self) -> ComposeResult:
        yield Static(Text(f"Feeds that failed · {len(self.failed)}", style="bold"))
        yield OptionList(
            *(Option(undim_text(failure_prompt(row), self.app)) for row in self.failed)
        )
        yield Static(undim_text(Text("r / enter retry now · escape close", style="dim"), self.app))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(self.failed[event.option_index]["id"]))

    def action_retry(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(int(self.failed[index]["id"]))
