"""A small line-API list of multi-line Text items, for the sidebar.

OptionList asks for a layout pass (and so a repaint of the whole screen) each time its
options are replaced; the sidebar is refilled on every article, so it draws its own lines
instead and only repaints itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tidings.tui.widgets.muted import muted_style, undim
from tidings.tui.widgets.scrolling import PrewrappedView, set_virtual_size


class ItemList(PrewrappedView, can_focus=True):
    """Items of styled text; a highlighted item moved by the arrows and chosen with enter."""

    BINDINGS = [
        Binding("down", "move(1)", "Next item", show=False, id="items.down"),
        Binding("up", "move(-1)", "Previous item", show=False, id="items.up"),
        Binding("home", "move_to(0)", "First item", show=False, id="items.first"),
        Binding("end", "move_to(-1)", "Last item", show=False, id="items.last"),
        Binding("enter", "choose", "Show it in the article", show=False, id="items.choose"),
    ]

    COMPONENT_CLASSES = {"item-list--highlight", "item-list--disabled"}

    DEFAULT_CSS = """
    ItemList { background: $surface; color: $reader-text; scrollbar-gutter: stable; }
    ItemList > .item-list--highlight { background: $reader-cursor; color: $reader-cursor-text; }
    """

    always_highlight = False  # lists in dialogs show their cursor even when not focused

    highlighted: reactive[int | None] = reactive(None, init=False, always_update=True)

    @dataclass
    class ItemChosen(Message):
        item_list: ItemList
        index: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Text] = []
        self.disabled_items: set[int] = set()
        self._owner: list[int] = []  # the item each line belongs to

    def set_items(self, items: list[Text], disabled: set[int] | None = None) -> None:
        self.items = items
        self.disabled_items = disabled or set()
        enabled = [i for i in range(len(items)) if i not in self.disabled_items]
        self.set_reactive(ItemList.highlighted, enabled[0] if enabled else None)
        self._relayout()
        self.scroll_to(y=0, animate=False)

    def _relayout(self) -> None:
        width = max(1, self.scrollable_content_region.width or self.size.width or 30)
        self._width = width
        console = self.app.console
        base = self.rich_style
        # The highlight is drawn only while the list has focus, over every colour of the item
        # (a date or an entity colour on the cursor's background could vanish into it).
        highlight = self.get_component_rich_style("item-list--highlight", partial=True)
        show_highlight = self.has_focus or self.always_highlight
        muted = muted_style(self.app)
        strips: list[Strip] = []
        owner: list[int] = []
        for index, item in enumerate(self.items):
            lit = show_highlight and index == self.highlighted
            style = base + highlight if lit else base
            for line in item.wrap(console, width, overflow="fold"):
                line.rstrip()
                segments = undim(line.render(console), muted)
                if lit:
                    segments = list(Segment.apply_style(segments, post_style=highlight))
                strip = Strip(segments).apply_style(style)
                strips.append(strip.crop(0, width).adjust_cell_length(width, style))
                owner.append(index)
        self._strips, self._owner = strips, owner
        set_virtual_size(self, Size(width, len(strips)))
        self.refresh()


    def on_focus(self) -> None:
        self._relayout()

    def on_blur(self) -> None:
        self._relayout()

    def watch_highlighted(self) -> None:
        self._relayout()
        if self.highlighted is None or self.highlighted not in self._owner:
            return
        first = self._owner.index(self.highlighted)
        last = len(self._owner) - 1 - self._owner[::-1].index(self.highlighted)
        height = max(1, self.scrollable_content_region.height)
        if first < self.scroll_y:
            self.scroll_to(y=first, animate=False)
        elif last >= self.scroll_y + height:
            self.scroll_to(y=last - height + 1, animate=False)

    def action_move(self, step: int) -> None:
        enabled = [i for i in range(len(self.items)) if i not in self.disabled_items]
        if not enabled:
            return
        if self.highlighted is None:
            self.highlighted = enabled[0]
            return
        after = [i for i in enabled if (i - self.highlighted) * step > 0]
        if after:
            self.highlighted = after[0] if step > 0 else after[-1]

    def action_move_to(self, index: int) -> None:
        enabled = [i for i in range(len(self.items)) if i not in self.disabled_items]
        if enabled:
            self.highlighted = enabled[index]

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(ItemList.ItemChosen(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        line = event.y + int(self.scroll_y)
        if 0 <= line < len(self._owner) and self._owner[line] not in self.disabled_items:
            self.highlighted = self._owner[line]
            self.action_choose()


class Title(Widget):
    """A one-line heading whose text changes without a layout pass."""

    DEFAULT_CSS = "Title { height: 1; width: 1fr; }"

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text(text)

    def set_text(self, text: str, style: Style | None = None) -> None:
        if text != self.text.plain:
            self.text = Text(text, style=style or "")
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y:
            return Strip.blank(width, self.rich_style)
        console = self.app.console
        line = self.text.copy()
        line.truncate(width, overflow="ellipsis")
        return Strip(line.render(console)).apply_style(self.rich_style).adjust_cell_length(width, self.rich_style)
