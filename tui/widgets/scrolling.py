"""Changing a line-API widget's scrollable height without a layout pass.

Assigning `virtual_size` asks Textual for a layout of the whole screen, which repaints
every region; the reading pane and sidebar change it on every article. The size only
affects the widget's own scrollbars, so it is set quietly and the scrollbars updated.
"""

from __future__ import annotations

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
        self._strips: list[Strip] = []
        self._width = 0

    def _relayout(self) -> None:
        raise NotImplementedError

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        if 0 <= index < len(self._strips):
            return self._strips[index]
        return Strip.blank(self._width, self.rich_style)

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._relayout()
