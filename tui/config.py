"""The user's settings: one TOML file in the platform config directory.

A bad file never stops the app: every problem becomes a message naming the line, and the
setting falls back to its default. The file is only rewritten for the one key the app saves
(the theme chosen in the palette), line by line, so the user's comments survive.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.ingest.schedule import Policy, parse_duration
from tidings.storage.private_files import write_private
from tidings.tui.paths import config_dir

DURATIONS = {"auto_reload", "feed_interval_min", "feed_interval_max"}
COMMANDS = {"notify_command", "player_command"}
MAX_ARGS = 64

SORTS = ("newest", "oldest")
VIEWS = ("all", "unread", "starred", "annotated")
# When an article counts as read: after `mark_read_delay` seconds on screen once the user
# opened it or moved to it, when its end has been on screen, or only by m / A.
MARK_READ = ("delay", "end", "hand")


@dataclass
class Config:
    theme: str = "tidings-dark"
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys ("j,down")
    mark_read_delay: float = 3.0  # seconds an article stays open before it counts as read
    sort: str = "newest"
    refresh_concurrency: int = 64  # ingest.fetch.CONCURRENCY (not imported: httpx at startup)
    default_view: str = "all"
    auto_reload: int = 0  # seconds between looks for due feeds while the app is open; 0: off
    feed_interval_min: int = 15 * 60  # bounds of adaptive scheduling, seconds
    feed_interval_max: int = 24 * 3600
    notify_command: list[str] = field(default_factory=list)  # argv; empty: no notifications
    notify_search: str = ""  # a saved search's name; empty: every new article
    player_command: list[str] = field(default_factory=list)  # argv for enclosures; "{url}"
    download_dir: str = ""  # where `tidings download` saves; empty: the platform's Downloads
    download_max_mb: int = 2048
    send_to: dict[str, list[str]] = field(default_factory=dict)  # name -> argv with placeholders
    mark_read: str = "delay"  # one of MARK_READ: when an article counts as read

    def schedule_policy(self) -> Policy:
        return Policy(self.feed_interval_min, max(self.feed_interval_min, self.feed_interval_max))


def config_path() -> Path:
    return config_dir() / "config.toml"


def _shown(value: Any) -> str:
    """A value from the file as a problem message quotes it: escaped, cut short."""
    try:
        shown = repr(value)
    except RecursionError:
        shown = f"<deeply nested {type(value).__name__}>"
    return shown if len(shown) <= 80 else shown[:77] + "..."


def _plain(message: str) -> str:
    """One line, no control characters (a message shown in a terminal or a toast)."""
    return " ".join("".join(c if c.isprintable() else " " for c in message).split())[:500]


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The config at path (default: the user's), and one message per problem found."""
    path = path or config_path()
    config = Config()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config, []
    except (OSError, UnicodeDecodeError) as error:
        return config, [f"{path}: cannot read ({error}); using defaults"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return config, [_plain(f"{path}: {error}; using defaults")]
    except RecursionError:  # arrays or tables nested thousands deep
        return config, [f"{path}: nested too deeply to read; using defaults"]
    problems: list[str] = []

    def bad(key: str, why: str) -> None:
        line = _line_of(text, key)
        where = f"{path}, line {line}" if line else str(path)
        name = key if key.isprintable() and len(key) <= 60 else _shown(key)
        problems.append(_plain(f"{where}: {name} {why}; using the default"))

    checks: dict[str, tuple[type | tuple[type, ...], Any]] = {
        "notify_search": (str, lambda v: len(v) <= 200),
        "download_dir": (str, lambda v: len(v) <= 4096),
        "download_max_mb": (int, lambda v: 1 <= v <= 1_000_000),
        "theme": (str, None),
        "mark_read": (str, lambda v: v in MARK_READ),
        "mark_read_delay": ((int, float), lambda v: v >= 0),
        "sort": (str, lambda v: v in SORTS),
        "refresh_concurrency": (int, lambda v: 1 <= v <= 256),
        "default_view": (str, lambda v: v in VIEWS),
    }
    for key, value in data.items():
        if key in DURATIONS:
            seconds = _duration_setting(value, auto=key == "auto_reload")
            if seconds is None:
                bad(key, f"has a bad value {value!r} (a duration like \"15m\", \"2h\", \"1d\")")
            else:
                setattr(config, key, seconds)
            continue
        if key in COMMANDS:
            if _is_argv(value):
                setattr(config, key, list(value))
            else:
                bad(key, 'must be a list of strings, like ["mpv", "{url}"]')
            continue
        if key == "send_to":
            if isinstance(value, dict) and all(_is_argv(v) for v in value.values()):
                config.send_to = {str(name)[:80]: list(argv) for name, argv in value.items()}
            else:
                bad(key, 'must be a table of name = ["program", "{url}", ...]')
            continue
        if key == "keymap":
            if isinstance(value, dict) and all(
                isinstance(v, str) and len(v) <= 200 and v.isprintable() for v in value.values()
            ):
                config.keymap = {str(k): v for k, v in value.items()}
            else:
                bad(key, 'must be a table of binding id = "keys"')
            continue
        if key not in checks:
            bad(key, "is not a setting")
            continue
        kind, valid = checks[key]
        if isinstance(value, bool) or not isinstance(value, kind) or (valid and not valid(value)):
            bad(key, f"has a bad value {_shown(value)}")
            continue
        setattr(config, key, float(value) if key == "mark_read_delay" else value)
    return config, problems


def _duration_setting(value: object, auto: bool) -> int | None:
    """Seconds from "15m"-style text (auto_reload: also "off"/false/0, and as short as 5s),
    None when bad."""
    if auto and (value is False or value == 0 or value == "off"):
        return 0
    if not isinstance(value, str):
        return None
    try:
        seconds = parse_duration(value)
    except ValueError:
        return None
    return seconds if (5 if auto else 60) <= seconds <= 365 * 86400 else None


def _is_argv(value: object) -> bool:
    return (
        isinstance(value, list)
        and 0 < len(value) <= MAX_ARGS
        and all(isinstance(part, str) and len(part) <= 4096 for part in value)
    )


def save_setting(key: str, value: str, path: Path | None = None) -> None:
    """Set one top-level string setting in the file, keeping every other line as it was."""
    path = path or config_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    new_line = f"{key} = {quoted}"
    for index, line in enumerate(lines):
        if line.lstrip().startswith("["):
            lines.insert(index, new_line)
            break
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            lines[index] = new_line
            break
    else:
        lines.append(new_line)
    write_private(path, "\n".join(lines) + "\n")
