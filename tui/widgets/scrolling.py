"""Changing a line-API widget's scrollable height without a layout pass.

Assigning `virtual_size` asks Textual for a layout of the whole screen, which repaints
every region; the reading pane and sidebar change it on every article. The size only
affects the widget's own scrollbars, so it is set quietly and the scrollbars updated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


def set_virtual_size(widget: ScrollView, size: Size) -> None:
    if size == widget.virtual_size:
        return
    widget.set_reactive(ScrollView.virtual_size, size)
    widget._scroll_update(size)  # scrollbar visibility and thumb; a layout only if one appears
    widget.refresh()


class PrewrappedView(ScrollView):
    """A line-API view whose lines are wrapped ahead of time into strips.

    Subclasses fill `_strips` (and `_width`) in `_relayout`; this draws them and wraps again
    when the width or the styles change.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._strips: Sequence[Strip] = []
        self._width = 0
        self._blank: Strip | None = None  # below the last line: its style costs ~0.3 ms a call

    def _relayout(self) -> None:
        raise NotImplementedError

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        if 0 <= index < len(self._strips):
            return self._strips[index]
        blank = self._blank
        if blank is None or blank.cell_length != self._width:
            blank = self._blank = Strip.blank(self._width, self.rich_style)
        return blank

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._relayout()

    def notify_style_update(self) -> None:
        self._blank = None
        super().notify_style_update()
        if self.is_mounted:
            self._relayout()


class LazyStrips(Sequence[Strip]):
    """Wrapped lines drawn the first time each is on screen: opening a long article renders
    the lines shown, not all of them (the UI thread's largest cost per article opened)."""

    def __init__(self, draw: Callable[[int], Strip], count: int) -> None:
        self._draw = draw
        self._count = count
        self._drawn: dict[int, Strip] = {}

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> Strip:  # type: ignore[override]
        if not 0 <= index < self._count:
            raise IndexError(index)
        strip = self._drawn.get(index)
        if strip is None:
            strip = self._drawn[index] = self._draw(index)
        return strip
