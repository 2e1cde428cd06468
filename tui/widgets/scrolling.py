"""Changing a line-API widget's scrollable height without a layout pass.

Assigning `virtual_size` asks Textual for a layout of the whole screen, which repaints
every region; the reading pane and sidebar change it on every article. The size only
affects the widget's own scrollbars, so it is set quietly and the scrollbars updated.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_size(widget: ScrollView, size: Size) -> None:
    if size == widget.virtual_size:
        return
    widget.set_reactive(ScrollView.virtual_size, size)
    widget._scroll_update(size)  # scrollbar visibility and thumb; a layout only if one appears
    widget.refresh()
