"""The shipped theme files (TOML); tui.themes reads them and registers them with the app."""

from pathlib import Path

THEMES_DIR = Path(__file__).parent
