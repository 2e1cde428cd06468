"""Control-character stripping: every string stored in the library passes through here.

Feeds and pages are hostile: a C0 or C1 control character in a title could move the
cursor, clear the screen or write the clipboard when a terminal shows it.
"""

from __future__ import annotations

import re
from typing import Any

# C0 except tab (\x09) and newline (\x0a), DEL, and C1.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def strip_controls(text: str) -> str:
    """Remove C0 (but tab and newline), DEL and C1 characters; CRLF and CR become newline."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def clean_value(value: Any) -> Any:
    """Strip control characters from strings; leave other values as they are."""
    return strip_controls(value) if isinstance(value, str) else value


def clean_row(row: dict[str, Any]) -> dict[str, Any]:
    """A copy of a row whose string values are stripped of control characters."""
    return {key: clean_value(value) for key, value in row.items()}
