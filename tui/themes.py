"""Themes as data: TOML files from the shipped themes/ folder and the user's config folder."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

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
    theme = Theme(
        name=str(data.get("name", path.stem)),
        dark=bool(data.get("dark", True)),
        **{key: str(value) for key, value in colors.items()},
    )
    return ThemeFile(
        theme=theme,
        entities=dict(data.get("entities", {})),
        highlights=dict(data.get("highlights", {})),
        timeline=dict(data.get("timeline", {})),
    )


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
