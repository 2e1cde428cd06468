"""Plain records passed into and out of the library (no behaviour, no database handles)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

R = TypeVar("R")


def from_row(record: type[R], row: Mapping[str, Any], **given: Any) -> R:
    """A record from a database row: each field from the column of its name (bool fields
    from SQLite's 0 and 1), or from `given`."""
    values = dict(given)
    for item in fields(record):  # type: ignore[arg-type]
        if item.name not in values and item.name in row:
            value = row[item.name]
            values[item.name] = bool(value) if item.type in ("bool", bool) else value
    return record(**values)


@dataclass
class ArticleIn:
    """An article as ingest hands it to the library."""

    guid: str
    title: str
    text: str
    url: str | None = None
    author: str | None = None
    published: str | None = None
    html: str | None = None
    summary: str | None = None
    related: list[tuple[str, str | None]] = field(default_factory=list)  # (title, url)
    enclosures: list[tuple[str, str | None, int | None]] = field(default_factory=list)
    # (url, media type, length in bytes): podcasts, videos, images the item carries


@dataclass(frozen=True)
class Schedule:
    """When a feed is fetched next, as ingest decided it after a fetch."""

    next_due: str  # ISO 8601, UTC
    interval: int  # seconds
    reason: str
    posting_gap: int | None = None  # learnt from the feed's dates, kept for unchanged fetches
    feed_hint: int | None = None  # the feed's own <ttl> or sy:update*, kept likewise


@dataclass(frozen=True)
class StoreResult:
    id: int
    status: str  # "new", "updated" or "unchanged"


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the article list."""

    id: int
    title: str
    feed: str
    feed_id: int
    url: str | None
    published: str | None
    read: bool
    starred: bool
    annotations: int
    sources: int = 1  # this article and its near-duplicates from other feeds or URLs

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Annotation:
    id: int
    article_id: int
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    note: str
    colour: str
    orphaned: bool
    created: str
    updated: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Enclosure:
    """A file an article carries (a podcast episode, a video): RSS enclosure, Atom
    rel="enclosure", Media RSS or JSON Feed attachment."""

    url: str
    type: str | None
    length: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RelatedLink:
    title: str
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Article:
    """An article with everything the reading pane shows."""

    id: int
    feed_id: int
    feed: str
    guid: str
    title: str
    url: str | None
    author: str | None
    published: str | None
    fetched: str
    text: str
    html: str | None
    read: bool
    starred: bool
    annotations: list[Annotation]
    related: list[RelatedLink]
    enclosures: list[Enclosure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("html")
        return data


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str
    unread: int | None = None  # None when not counted

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FeedName:
    """A feed (subscribed or local) as the view selector lists it."""

    id: int
    title: str
