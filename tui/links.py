"""Opening an article's URL: http(s) only, through `webbrowser` (an argument list, no shell)."""

from __future__ import annotations

import webbrowser
from urllib.parse import urlsplit


def is_web_url(url: str | None) -> bool:
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def open_in_browser(url: str) -> bool:
    """Hand a web URL to the user's browser; False (nothing run) for anything else."""
    if not is_web_url(url):
        return False
    return bool(webbrowser.open(url, new=2))
