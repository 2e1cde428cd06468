"""The view selector (`v`): all, unread, starred, annotated, each feed and each tag."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tidings.tui.views import View
from tidings.tui.widgets.dialog import Dialog
from tidings.tui.widgets.reading_pane import visible


class ViewSelector(Dialog[View | None]):
    BINDINGS = [Binding("escape,v", "close", "Close", id="views.close")]


    def __init__(self, views: list[View], current: View) -> None:
        super().__init__()
        self.views = views
        self.current = current

    def body(self) -> ComposeResult:
        yield Static(Text("Show", style="bold"))
        yield OptionList(*(Option(Text(visible(self.label(view)))) for view in self.views))

    @staticmethod
    def label(view: View) -> str:
        return view.name if view.unread is None else f"{view.name} · {view.unread} unread"

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        keys = [(v.kind, v.key) for v in self.views]
        current = (self.current.kind, self.current.key)
        options.highlighted = keys.index(current) if current in keys else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.views[event.option_index])
