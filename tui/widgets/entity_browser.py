"""The entity browser (`E`): every entity in the library with its type and article count,
narrowed as the user types; enter opens the entity's page.

The entities are read in a thread worker (`EntitiesLoaded`); narrowing is done in
memory on the loaded list, and only the first `SHOWN` matches are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from tidings.storage import Library
from tidings.tui.themes import ENTITY_GROUPS, ThemeFile
from tidings.tui.widgets.dialog import Dialog
from tidings.tui.widgets.item_list import ItemList, Title
from tidings.tui.widgets.reading_pane import visible

SHOWN = 300


def entity_kind(label: str) -> str:
    return ENTITY_GROUPS.get(label, "OTHER").lower()


def entity_item(row: dict[str, Any], palette: ThemeFile | None, count_key: str = "article_count") -> Text:
    colour = (palette.entity_colour(row["label"]) if palette else "") or None
    item = Text("● " + visible(row["name"]), Style(color=colour))
    articles = row[count_key]
    item.append(
        f"  {entity_kind(row['label'])} · {articles} article{'s' if articles != 1 else ''}",
        Style(dim=True),
    )
    return item


@dataclass
class EntitiesLoaded(Message):
    rows: list[dict[str, Any]]
    waiting: int = 0  # articles not analysed yet


class EntityBrowser(Dialog[int | None]):
    """Answers the chosen entity's id (None if closed)."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="entity_browser.close"),
        Binding("down", "move(1)", "Down", show=False, id="entity_browser.down"),
        Binding("up", "move(-1)", "Up", show=False, id="entity_browser.up"),
    ]


    def __init__(self, library: Library, palette: ThemeFile | None) -> None:
        super().__init__()
        self.library = library
        self.palette = palette
        self.entities: list[dict[str, Any]] | None = None
        self.shown: list[dict[str, Any]] = []
        self.waiting = 0

    def body(self) -> ComposeResult:
        yield Title("Entities · loading…", id="entity-count")
        yield Input(placeholder="type to narrow (enter opens the entity's page)", id="entity-filter")
        items = ItemList(id="entity-items")
        items.always_highlight = True  # the focus stays in the filter; the cursor must show
        yield items

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._load()

    @work(thread=True, exit_on_error=False, group="entities")
    def _load(self) -> None:
        library = self.library.for_thread()
        self.post_message(EntitiesLoaded(library.entities(), library.queue_size()))

    def on_entities_loaded(self, message: EntitiesLoaded) -> None:
        self.entities = message.rows
        self.waiting = message.waiting
        self._narrow(self.query_one(Input).value)

    def _narrow(self, text: str) -> None:
        if self.entities is None:
            return
        words = text.lower().split()
        matching = [
            row for row in self.entities
            if all(w in row["name"].lower() or w == entity_kind(row["label"]) for w in words)
        ]
        self.shown = matching[:SHOWN]
        more = f" (first {SHOWN})" if len(matching) > SHOWN else ""
        if self.waiting:  # counts so far: the queue has articles still to analyse
            more += f" · partial: {self.waiting:,} articles still to analyse"
        self.query_one("#entity-count", Title).set_text(
            f"Entities · {len(matching)} of {len(self.entities)}{more}"
        )
        self.query_one(ItemList).set_items([entity_item(row, self.palette) for row in self.shown])

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._narrow(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        items = self.query_one(ItemList)
        if items.highlighted is not None and self.shown:
            self.dismiss(int(self.shown[items.highlighted]["id"]))

    def on_item_list_item_chosen(self, event: ItemList.ItemChosen) -> None:
        event.stop()
        self.dismiss(int(self.shown[event.index]["id"]))

    def action_move(self, step: int) -> None:
        self.query_one(ItemList).action_move(step)
