"""The base of every dialog (confirm, help, views, annotations, notes, names, rules, feed errors,
related articles, the entity browser): one box in the middle of the screen, one way to
close it, one stylesheet (dialogs.tcss).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget

from tidings.tui.workers import WorkerErrors

Answer = TypeVar("Answer")


class Dialog(WorkerErrors, ModalScreen[Answer]):
    """A modal box; subclasses yield its contents from `body()` and answer with `dismiss`.
    `close` (the escape binding of each dialog) answers None."""

    DEFAULT_CSS = Path(__file__).with_name("dialogs.tcss").read_text(encoding="utf-8")
    SCOPED_CSS = False  # the sheet names each dialog class itself
    BOX: ClassVar[type[Widget]] = Vertical  # VerticalScroll for dialogs that may run long

    def compose(self) -> ComposeResult:
        with self.BOX(classes="dialog"):
            yield from self.body()

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def action_close(self) -> None:
        self.dismiss(None)
