"""Reading newsboat's cache.db (its articles, read state and flags) for an import.

Another program's SQLite file, opened read-only; only its rows come out, as records.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tidings.storage.errors import NotANewsboatCache
from tidings.storage.records import NewsboatItem


def read_newsboat_cache(path: Path) -> list[NewsboatItem]:
    """Every article newsboat keeps (deleted ones aside), in the order it stored them."""
    if not path.is_file():
        raise NotANewsboatCache(f"{path}: no such file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                "select feedurl, guid, title, author, url, pubDate, content, unread, flags "
                "from rss_item where deleted = 0 order by id"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotANewsboatCache(f"{path}: not a newsboat cache ({error})") from None
    return [NewsboatItem(*row) for row in rows]


def read_newsboat_feed_titles(path: Path) -> dict[str, str]:
    """Each feed's own title as newsboat cached it, by feed URL (empty if it keeps none)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("select rssurl, title from rss_feed").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return {}
    return {str(url): " ".join(str(title).split()) for url, title in rows if url and title and str(title).strip()}
