"""Contrast as a user sees it: WCAG ratios computed from the segments the app actually drew.

A theme file alone cannot say what reaches the screen (Textual blends `$accent 40%`, widgets
combine styles, `reverse` swaps colours), so these helpers read the compositor's strips: for
every visible character, the colour it is drawn in against the colour behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.app import App

AA_NORMAL = 4.5
AA_BOLD = 3.0


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(color: RichColor | None, fallback: tuple[int, int, int]) -> tuple[int, int, int]:
    if color is None or color.is_default:
        return fallback
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


@dataclass(frozen=True)
class Cell:
    """A run of visible characters drawn in one style, where it is on screen."""

    y: int
    x: int
    text: str
    fg: tuple[int, int, int]
    bg: tuple[int, int, int]
    bold: bool

    @property
    def ratio(self) -> float:
        return ratio(self.fg, self.bg)

    @property
    def needed(self) -> float:
        return AA_BOLD if self.bold else AA_NORMAL


def drawn_runs(app: App, default_fg=(255, 255, 255), default_bg=(0, 0, 0)) -> list[Cell]:
    """Every run of non-blank characters on the current screen with its effective colours."""
    runs: list[Cell] = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            text, style = segment.text, segment.style or Style()
            if segment.control:
                continue
            fg = _rgb(style.color, default_fg)
            bg = _rgb(style.bgcolor, default_bg)
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:  # terminals draw faint text about halfway to the background
                fg = tuple((f + b) // 2 for f, b in zip(fg, bg))  # type: ignore[assignment]
            if text.strip():
                runs.append(Cell(y, x, text, fg, bg, bool(style.bold)))  # type: ignore[arg-type]
            x += segment.cell_length
    return runs


def is_text(run: Cell) -> bool:
    """Letters, digits and marks; not the lines and blocks that draw borders and scrollbars
    (WCAG holds those to 3:1 as graphics, checked apart)."""
    return any(not 0x2500 <= ord(c) <= 0x259F and not c.isspace() for c in run.text)


def failures(app: App) -> list[str]:
    """Each run of text below WCAG AA, described with its text, its colours and its ratio."""
    problems = []
    for run in drawn_runs(app):
        lines = all(0x2500 <= ord(c) <= 0x257F or c.isspace() for c in run.text)
        needed = run.needed if is_text(run) else AA_BOLD if lines else 0
        if run.ratio < needed:
            problems.append(
                f"row {run.y} col {run.x} {run.text.strip()[:30]!r}: "
                f"#{'%02x%02x%02x' % run.fg} on #{'%02x%02x%02x' % run.bg}"
                f" = {run.ratio:.2f} (needs {needed})"
            )
    return problems


def invisible(app: App) -> list[str]:
    """Each run of visible characters drawn in its own background colour."""
    return [
        f"row {run.y} col {run.x} {run.text.strip()[:30]!r} #{'%02x%02x%02x' % run.fg}"
        for run in drawn_runs(app)
        if run.fg == run.bg
    ]
