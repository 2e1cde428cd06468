"""The view selector (`v`): all, unread, starred, annotated, saved searches, each tag with
its feeds under it, the other feeds; each with its unread count. Typing narrows the list;
`delete` removes a saved search."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tidings.tui.views import View
from tidings.tui.widgets.dialog import Dialog
from tidings.tui.widgets.muted import undim_text
from tidings.tui.widgets.reading_pane import visible


class ViewSelector(Dialog[View | None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="views.close"),
        Binding("delete", "delete_search", "Delete the saved search", id="views.delete_search"),
    ]

    def __init__(
        self, views: list[View], current: View, delete_search: Callable[[View], bool] | None = None
    ) -> None:
        super().__init__()
        self.views = views
        self.current = current
        self.typed = ""
        self.shown: list[View] = list(views)
        self.delete_search = delete_search

    def body(self) -> ComposeResult:
        yield Static(self._heading(), id="views-heading")
        yield OptionList(*self._options())

    def _heading(self) -> Text:
        text = Text("Show", style="bold")
        if self.typed:
            text.append("  · " + self.typed + "▏")
        else:
            text.append("  (type to narrow · delete removes a saved search)", style="dim")
        return undim_text(text, self.app)

    def _options(self) -> list[Option]:
        return [Option(Text("  " * view.depth + visible(self.label(view)))) for view in self.shown]

    @staticmethod
    def label(view: View) -> str:
        return view.name if view.unread is None else f"{view.name} · {view.unread} unread"

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        keys = [(v.kind, v.key) for v in self.views]
        current = (self.current.kind, self.current.key)
        options.highlighted = keys.index(current) if current in keys else 0

    def on_key(self, event: events.Key) -> None:
        """Printable keys narrow the list; backspace widens it again."""
        if event.key == "backspace" and self.typed:
            self.typed = self.typed[:-1]
        elif event.character and event.character.isprintable() and not event.key.startswith("ctrl"):
            if event.key == "space" and not self.typed:
                return
            self.typed += event.character
        else:
            return
        event.stop()
        event.prevent_default()
        self._narrow()

    def _narrow(self) -> None:
        wanted = self.typed.casefold()
        self.shown = [v for v in self.views if wanted in v.name.casefold()]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options())
        if self.shown:
            options.highlighted = 0
        self.query_one("#views-heading", Static).update(self._heading())

    def action_delete_search(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.shown or self.delete_search is None:
            return
        view = self.shown[index]
        if view.kind != "search":
            self.notify("Only saved searches can be deleted here", severity="warning")
            return
        if self.delete_search(view):
            self.views = [v for v in self.views if v != view]
            self._narrow()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index])
