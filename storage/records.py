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


@dataclass(frozen=True)
class Account:
    """A sync account: where the server is and where its secret comes from (never the secret)."""

    id: int
    name: str
    kind: str  # "ttrss", "greader" or "miniflux"
    url: str
    user: str | None
    secret_source: str  # "command", "file" or "env"
    secret_ref: str | None  # the command line or the file's path
    created: str
    last_sync: str | None
    last_error: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RemoteArticle:
    """An article as a sync server hands it over, with the server's ids and marks."""

    remote_id: str
    remote_feed_id: str
    feed_title: str
    article: ArticleIn
    read: bool
    starred: bool


@dataclass(frozen=True)
class RemoteFeed:
    """A subscription on a sync server; its categories become tags."""

    remote_id: str
    title: str
    url: str | None
    site_url: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class PendingMark:
    """A local read or starred change not yet pushed: the journal rows and the value now."""

    journal_ids: tuple[int, ...]
    article_id: int
    remote_id: str
    field: str  # "read" or "starred"
    value: bool
