"""The help screen: every key the app answers to, with what it does and the binding id that
the config's `[keymap]` table remaps, in sections by where the key works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tidings.tui.widgets.dialog import Dialog


class HelpScreen(Dialog[None]):
    """A table of the bindings in force (after any remapping from the config)."""

    BOX = VerticalScroll

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    ]


    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def body(self) -> ComposeResult:
        yield Static(Text("Tidings keys · remap one in the config's [keymap] by its id", style="bold"))
        for title, rows in self.sections:
            if not rows:
                continue
            table = Table(box=None, show_header=False, expand=True, pad_edge=False)
            table.add_column("Key", no_wrap=True, min_width=14, style="bold")
            table.add_column("Action", ratio=3)
            table.add_column("Id", no_wrap=True, ratio=2, style="italic")
            for keys, description, binding_id in rows:
                table.add_row(Text(keys), Text(description), Text(binding_id))
            yield Static(Text("\n" + title, style="bold underline"))
            yield Static(table)
        yield Static(Text("\nctrl+p  the command palette: every action, view and theme"))
