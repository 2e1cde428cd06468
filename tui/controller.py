"""The base of the main screen's controllers: small non-visual widgets, each owning one
behaviour (opening articles, stories, searching) and reacting to the screen's messages.

They are widgets so that they can run `@work` workers and receive the typed messages those
post back; they draw nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

from tidings.tui.workers import WorkerErrors

if TYPE_CHECKING:
    from tidings.tui.app import TidingsApp
    from tidings.tui.main_screen import MainScreen


class Controller(WorkerErrors, Widget):
    DEFAULT_CSS = "Controller { display: none; }"

    def __init__(self, main: MainScreen) -> None:
        super().__init__()
        self.main = main

    @property
    def tidings(self) -> TidingsApp:
        """The app, typed (config, library, palette)."""
        return self.main.tidings
