"""Themes as data: TOML files from the shipped themes/ folder and the user's config folder."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from textual.theme import Theme

from themes import THEMES_DIR

DEFAULT_THEME = "tidings-dark"


@dataclass(frozen=True)
class ThemeFile:
    """A theme as read from disk: the Textual colours plus Tidings' own colour groups."""

    theme: Theme
    entities: dict[str, str] = field(default_factory=dict)
    highlights: dict[str, str] = field(default_factory=dict)
    timeline: dict[str, str] = field(default_factory=dict)


def load_theme(path: Path) -> ThemeFile:
    """Read one theme file; ValueError names the file and what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
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


def theme_files(user_dir: Path | None = None) -> dict[str, ThemeFile]:
    """Every shipped theme, then the user's (which may replace a shipped one by name)."""
    found: dict[str, ThemeFile] = {}
    folders = [THEMES_DIR] + ([user_dir] if user_dir and user_dir.is_dir() else [])
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            theme_file = load_theme(path)
            found[theme_file.theme.name] = theme_file
    return found
