"""The `/` prompt: a query in the search language, applied as the user types.

Each change is checked at once (a malformed query shows its short message under the
prompt and leaves the list as it was); a well-formed one is posted as `SearchChanged`
after a short pause in typing. Running it is the app's business (tui/searches.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from tidings.tui.search import check

DEBOUNCE = 0.15  # seconds of rest in typing before the query runs


@dataclass
class SearchChanged(Message):
    """The query text to apply (after the pause in typing, or at once on enter/escape)."""

    text: str


class SearchPrompt(Vertical):
    """The query input with its error line; hidden until `/`."""

    DEFAULT_CSS = """
    SearchPrompt { dock: bottom; height: auto; display: none; background: $surface; }
    SearchPrompt.-shown { display: block; }
    SearchPrompt > Input, SearchPrompt > Input:focus { border: none; height: 1; padding: 0 1; }
    SearchPrompt > #search-error { height: 1; padding: 0 1; color: $error; display: none; }
    SearchPrompt.-error > #search-error { display: block; }
    """

    @dataclass
    class Closed(Message):
        """The prompt was put away (enter keeps the query, escape cleared it)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.delay = DEBOUNCE
        self._timer: Timer | None = None
        self._error = ""

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder='search: words "a phrase" feed: tag: is:unread entity: @7d '
            "(enter keeps, escape clears)",
            id="search-input",
        )
        yield Static(id="search-error")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def waiting(self) -> bool:
        """A change is waiting for the pause in typing."""
        return self._timer is not None

    @property
    def error(self) -> str:
        return self._error

    def open(self, text: str) -> None:
        self.add_class("-shown")
        self.input.value = text
        self.input.cursor_position = len(text)
        self.input.focus()

    def close(self) -> None:
        self.remove_class("-shown")
        self.show_error(None)
        self.post_message(self.Closed())

    def show_error(self, message: str | None) -> None:
        self._error = message or ""
        self.set_class(bool(message), "-error")
        self.query_one("#search-error", Static).update(Text(message or ""))

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._stop_timer()
        if not self.has_class("-shown"):
            return  # the value was cleared on closing
        problem = check(event.value)
        self.show_error(problem)
        if problem is not None:
            return
        if self.delay <= 0:
            self.post_message(SearchChanged(event.value))
        else:
            self._timer = self.set_timer(self.delay, self._apply)

    def _apply(self) -> None:
        self._timer = None
        if check(self.input.value) is None:
            self.post_message(SearchChanged(self.input.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._stop_timer()
            self._apply()
        if check(event.value) is None:
            self.close()

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            self._stop_timer()
            self.input.value = ""
            self.post_message(SearchChanged(""))
            self.close()
