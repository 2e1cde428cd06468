"""Moving over from newsboat: its urls file (with tags) and its cache.db (articles and marks)."""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tidings.ingest.fetch import is_http_url
from tidings.ingest.html import fragment_text
from tidings.storage import ArticleIn
from tidings.storage.newsboat_cache import NotANewsboatCache, read_newsboat_cache

_SKIPPED_KINDS = ("query:", "exec:", "filter:")


class NewsboatError(ValueError):
    """A urls or cache file that cannot be read; the message is one line."""


@dataclass
class NewsboatFeed:
    url: str
    tags: list[str] = field(default_factory=list)
    title: str | None = None  # a "~title" tag renames the feed in newsboat


@dataclass
class CachedItem:
    article: ArticleIn
    read: bool
    starred: bool


def default_paths() -> tuple[Path, Path]:
    """Newsboat's urls and cache.db: ~/.newsboat if it exists, else the XDG directories."""
    home = Path.home()
    legacy = home / ".newsboat"
    if legacy.is_dir():
        return legacy / "urls", legacy / "cache.db"
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "newsboat"
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "newsboat"
    return config / "urls", data / "cache.db"


def read_urls(text: str) -> tuple[list[NewsboatFeed], list[str]]:
    """The feeds of a urls file and a warning for each line skipped."""
    feeds: list[NewsboatFeed] = []
    warnings: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            warnings.append(f"line {number}: unbalanced quotes, skipped")
            continue
        if not words:
            continue
        url, tags = words[0], words[1:]
        if url.lower().startswith(_SKIPPED_KINDS):
            warnings.append(f"line {number}: {url.split(':', 1)[0]}: feeds are not supported, skipped")
            continue
        if not is_http_url(url):
            warnings.append(f"line {number}: {url[:100]} is not an http(s) URL, skipped")
            continue
        feed = NewsboatFeed(url)
        for tag in tags:
            if tag.startswith("~"):
                feed.title = tag[1:].strip() or None
            elif tag.startswith("!"):
                continue  # newsboat's "hidden" marker
            elif tag not in feed.tags:
                feed.tags.append(tag)
        feeds.append(feed)
    return feeds, warnings


def _published(value: object) -> str | None:
    if not isinstance(value, int) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value, timezone.utc).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def read_cache(path: Path) -> dict[str, list[CachedItem]]:
    """Every cached article of a newsboat cache.db by feed URL, with read and flagged state."""
    try:
        rows = read_newsboat_cache(path)
    except NotANewsboatCache as error:
        raise NewsboatError(str(error)) from None
    items: dict[str, list[CachedItem]] = {}
    for row in rows:
        items.setdefault(row.feed_url, []).extend(
            _item(row.guid, row.title, row.author, row.url, row.published, row.content,
                  row.unread, row.flags)
        )
    return items


def _item(
    guid: str | None, title: str | None, author: str | None, url: str | None, pub: object,
    content: str | None, unread: int, flags: str | None,
) -> Iterator[CachedItem]:
    identity = (guid or "").strip() or (url or "").strip()
    if not identity:
        return
    paragraphs, links = fragment_text(content or "", url if url and is_http_url(url) else None)
    yield CachedItem(
        ArticleIn(
            guid=identity,
            title=" ".join((title or "").split()) or "(untitled)",
            text="\n\n".join(paragraphs),
            url=url if url and is_http_url(url) else None,
            author=author or None,
            published=_published(pub),
            links=links,
        ),
        read=not unread,
        starred=bool((flags or "").strip()),
    )
