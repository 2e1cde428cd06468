"""Control-character stripping: every string stored in the library passes through here.

Feeds and pages are hostile: a C0 or C1 control character in a title could move the
cursor, clear the screen or write the clipboard when a terminal shows it; a bidi override
(U+202E) reverses the text after it and zero-width characters shift the columns of a table.
Bodies keep what scripts need (tab and newline, ZWJ and ZWNJ, zero-width spaces as break
hints) and lose the bidi embeddings, overrides and isolates; one-line metadata (titles,
authors, feed names, URLs, tags) keeps only visible characters and single spaces, within a
length cap.
"""

from __future__ import annotations

import re
from typing import Any

MAX_TITLE_CHARS = 500
MAX_NAME_CHARS = 200  # authors, tags, feed and saved-search names
MAX_URL_CHARS = 2048

# Bidi embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
_BIDI = "\u202a-\u202e\u2066-\u2069"
# C0 except tab (\x09) and newline (\x0a), DEL, C1 and the bidi controls: one pass over
# each stored string (every article's text goes through here).
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f{_BIDI}]")
# What one line of metadata never shows: every C0 and C1 control, bidi controls and marks,
# zero-width spaces, word joiners and invisible operators, the byte-order mark. ZWJ and
# ZWNJ (U+200D, U+200C) stay: scripts such as Persian and Devanagari, and emoji, need them.
_INVISIBLE = re.compile(
    f"[\x00-\x08\x0e-\x1b\x7f\x80-\x84\x86-\x9f{_BIDI}\u061c\u180e\u200b\u200e\u200f"
    "\u2060-\u2064\ufeff]"
)


_VISIBLE_ASCII = bytes([9, 10, *range(32, 127)])


def without_ascii(text: str, deleted: bytes) -> str:
    """The text without these ASCII characters, deleted from its UTF-8 bytes (what is left is
    still whole UTF-8): several times faster than a regular expression over the text, so a
    search for rarer characters looks only at what is left (a few characters, often none)."""
    return text.encode("utf-8", "surrogatepass").translate(None, deleted).decode("utf-8", "surrogatepass")


def strip_controls(text: str) -> str:
    """Remove C0 (but tab and newline), DEL, C1 and bidi override characters; CRLF and CR
    become newline."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Most text has none: look for them among what is not visible ASCII (five times faster
    # than scanning the text itself).
    rest = without_ascii(text, _VISIBLE_ASCII)
    if not rest or not _CONTROL.search(rest):
        return text
    return _CONTROL.sub("", text)


def one_line(text: str, limit: int | None = None) -> str:
    """Text fit for one line of metadata: no control or invisible characters, whitespace
    runs (newlines too) as one space, at most `limit` characters."""
    text = " ".join(_INVISIBLE.sub("", text).split())
    if limit is not None and len(text) > limit:
        text = text[:limit].rstrip()
    return text


def one_line_url(url: str | None) -> str | None:
    """A URL as one line; None when it is empty or longer than MAX_URL_CHARS (a truncated
    URL would lead somewhere else)."""
    if url is None:
        return None
    url = one_line(url)
    return url if url and len(url) <= MAX_URL_CHARS else None


def clean_value(value: Any) -> Any:
    """Strip control characters from strings; leave other values as they are."""
    return strip_controls(value) if isinstance(value, str) else value


def clean_row(row: dict[str, Any]) -> dict[str, Any]:
    """A copy of a row whose string values are stripped of control characters."""
    return {key: clean_value(value) for key, value in row.items()}
