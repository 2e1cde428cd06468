"""Themes as data: TOML files from the shipped themes/ folder and the user's config folder."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from textual.color import Color
from textual.theme import Theme

from tidings.themes import THEMES_DIR

DEFAULT_THEME = "tidings-dark"

# Entity labels as the enricher writes them, grouped into the colours a theme defines.
ENTITY_GROUPS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


@dataclass(frozen=True)
class ThemeFile:
    """A theme as read from disk: the Textual colours plus Tidings' own colour groups."""

    theme: Theme
    entities: dict[str, str] = field(default_factory=dict)
    highlights: dict[str, str] = field(default_factory=dict)
    timeline: dict[str, str] = field(default_factory=dict)

    def entity_colour(self, label: str) -> str:
        """The colour for an entity label: people, organisations, places, or the subdued rest."""
        group = ENTITY_GROUPS.get(label, "OTHER")
        return self.entities.get(group) or self.entities.get("OTHER", "")

    @property
    def muted(self) -> str:
        """Secondary text (dates, feeds, snippets): dimmer than the body, still AA on the surface."""
        return self.theme.variables.get("reader-muted", "")

    def highlight_colour(self, name: str) -> str:
        """A highlight background by its stored name, or the theme's first one."""
        if name in self.highlights:
            return self.highlights[name]
        return next(iter(self.highlights.values()), "yellow")


def load_theme(path: Path) -> ThemeFile:
    """Read one theme file; ValueError names the file and what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path}: {error}") from None
    colors = data.get("colors", {})
    if "primary" not in colors:
        raise ValueError(f"{path}: a theme needs at least colors.primary")
    try:
        variables = reader_variables(colors, dict(data.get("variables", {})))
    except Exception as error:  # noqa: BLE001 (a colour Textual cannot parse)
        raise ValueError(f"{path}: {error}") from None
    theme = Theme(
        name=str(data.get("name", path.stem)),
        dark=bool(data.get("dark", True)),
        variables=variables,
        **{key: str(value) for key, value in colors.items()},
    )
    surface = Color.parse(variables["reader-surface"])
    entities = {k: readable(Color.parse(str(v)), surface).hex for k, v in data.get("entities", {}).items()}
    timeline = {k: readable(Color.parse(str(v)), surface).hex for k, v in data.get("timeline", {}).items()}
    inks = [Color.parse(variables["reader-text"]), *(Color.parse(c) for c in entities.values())]
    highlights = {
        k: quiet_background(Color.parse(str(v)), inks, surface).hex
        for k, v in data.get("highlights", {}).items()
    }
    return ThemeFile(theme=theme, entities=entities, highlights=highlights, timeline=timeline)


def theme_files(user_dir: Path | None = None) -> tuple[dict[str, ThemeFile], list[str]]:
    """Every shipped theme, then the user's (which may replace a shipped one by name).

    A broken user theme is skipped with a message; the others still load.
    """
    found: dict[str, ThemeFile] = {}
    problems: list[str] = []
    folders = [THEMES_DIR] + ([user_dir] if user_dir and user_dir.is_dir() else [])
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            try:
                theme_file = load_theme(path)
            except (ValueError, TypeError) as error:
                problems.append(str(error))
                continue
            found[theme_file.theme.name] = theme_file
    return found, problems


# -- contrast -------------------------------------------------------------------------------
# WCAG 2 AA: 4.5:1 for text, 3:1 for bold or large text and for the lines that draw regions.
AA_TEXT = 4.5
AA_LINES = 3.0


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: Color) -> float:
    return 0.2126 * _channel(colour.r) + 0.7152 * _channel(colour.g) + 0.0722 * _channel(colour.b)


def contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: Color, background: Color, minimum: float = AA_TEXT) -> Color:
    """The colour itself when it reads on the background, else the nearest shade that does
    (blended towards white on dark backgrounds, towards black on light ones)."""
    if contrast(colour, background) >= minimum:
        return colour
    target = Color(255, 255, 255) if luminance(background) < 0.18 else Color(0, 0, 0)
    for step in range(1, 21):
        shade = colour.blend(target, step / 20)
        if contrast(shade, background) >= minimum:
            return shade
    return target


def quiet_background(colour: Color, inks: list[Color], surface: Color) -> Color:
    """A highlight background every ink (body text, entity colours) still reads on: the
    colour itself, or a deeper shade of it (darker on dark themes, paler on light ones)."""
    target = Color(0, 0, 0) if luminance(surface) < 0.18 else Color(255, 255, 255)
    for step in range(0, 21):
        shade = colour.blend(target, step / 20)
        if all(contrast(ink, shade) >= AA_TEXT for ink in inks):
            return shade
    return target


def reader_variables(colors: dict[str, object], given: dict[str, object]) -> dict[str, str]:
    """The CSS variables Tidings' widgets draw with, computed from a theme's colours so that
    every pair meets WCAG AA; a theme's `[variables]` table may set any of them itself.

    reader-text / reader-muted: body and secondary text on the surface;
    reader-cursor / reader-cursor-text: the focused cursor row; reader-cursor-blur: the
    cursor of a list that is not focused (drawn with reader-text); reader-line: borders;
    reader-status / reader-status-text: the status line.
    """
    surface = Color.parse(str(colors.get("surface") or colors.get("background") or "#000000"))
    background = Color.parse(str(colors.get("background") or surface.hex))
    panel = Color.parse(str(colors.get("panel") or surface.hex))
    foreground = Color.parse(str(colors.get("foreground") or ("#e0e0e0" if luminance(surface) < 0.18 else "#1c1c1c")))
    accent = Color.parse(str(colors.get("accent") or colors["primary"]))
    primary = Color.parse(str(colors["primary"]))
    text = readable(readable(foreground, surface), panel)
    muted = text
    for share in (0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1):
        candidate = text.blend(surface, share)
        if min(contrast(candidate, surface), contrast(candidate, panel)) >= AA_TEXT:
            muted = candidate
            break
    cursor, cursor_text = accent, readable(text, accent)
    for share in (0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25):
        candidate = surface.blend(accent, share)
        if contrast(text, candidate) >= AA_TEXT:
            cursor, cursor_text = candidate, text
            break
    values = {
        "reader-surface": surface.hex,
        "reader-text": text.hex,
        "reader-muted": muted.hex,
        "reader-cursor": cursor.hex,
        "reader-cursor-text": cursor_text.hex,
        "reader-cursor-blur": surface.blend(cursor, 0.5).hex,
        "reader-line": readable(primary, surface, AA_LINES).hex,
        "reader-status": panel.hex,
        "reader-status-text": text.hex,
    }
    for name, value in given.items():
        values[str(name)] = Color.parse(str(value)).hex
    return values
