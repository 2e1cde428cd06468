"""Where Tidings keeps things: paths from the platform's standard directories, in one place."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "tidings"


def default_library_path() -> Path:
    """`$TIDINGS_DB`, else library.db in the platform's user data directory."""
    env = os.environ.get("TIDINGS_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "library.db"


def config_dir() -> Path:
    """`$TIDINGS_CONFIG_DIR`, else the platform's user config directory."""
    env = os.environ.get("TIDINGS_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME))


def downloads_dir(configured: str = "") -> Path:
    """Where `tidings download` saves: the configured folder, else the platform's Downloads."""
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_downloads_dir())
