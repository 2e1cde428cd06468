"""Faint text in the theme's muted colour instead of the terminal's `dim`.

Terminals draw `dim` (SGR 2) at whatever faintness they like, often below any readable
contrast; Tidings' themes compute a muted colour that still meets WCAG AA on the surface
(`reader-muted`), and text built as `Style(dim=True)` is drawn in it.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual.app import App


def muted_style(app: App) -> Style:
    colour = app.theme_variables.get("reader-muted")
    return Style(color=colour, dim=False) if colour else Style(dim=False)


def undim(segments: Iterable[Segment], muted: Style) -> list[Segment]:
    """The segments with every dim style drawn in the muted colour instead."""
    return [
        Segment(text, style + muted, control) if style is not None and style.dim else Segment(text, style, control)
        for text, style, control in segments
    ]


def undim_text(text: Text, app: App) -> Text:
    """A copy of text whose dim parts are in the muted colour (for Static and OptionList)."""
    muted = muted_style(app)
    copy = text.copy()

    def fix(style: str | Style) -> str | Style:
        parsed = Style.parse(style) if isinstance(style, str) else style
        return parsed + muted if parsed.dim else style

    copy.style = fix(copy.style)
    copy.spans = [Span(span.start, span.end, fix(span.style)) for span in copy.spans]
    return copy
