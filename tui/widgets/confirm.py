"""A yes/no question before something that touches many articles at once."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tidings.tui.widgets.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Answers True for y/enter, False for n/escape."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]


    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def body(self) -> ComposeResult:
        yield Static(self.question, markup=False)
        yield Static("y / enter: yes    n / escape: no", classes="keys", markup=False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
