"""Every record passed into and out of the library: plain dataclasses, no behaviour, no
database handles. (Errors are in storage/errors.py; both are exported from `tidings.storage`.)"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Protocol, TypeVar

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


ANNOTATION_COLOURS = ("yellow", "green", "blue", "pink")  # every shipped theme defines these


@dataclass
class ArticleIn:
    """An article as ingest hands it to the library."""

    guid: str
    title: str
    text: str
    url: str | None = None
    author: str | None = None
    published: str | None = None
    # The source's cleaned HTML, kept only when `links` is not given: the text carries the
    # structure, and links (the addresses its [n] marks name) are all the reader needs of it.
    html: str | None = None
    summary: str | None = None
    related: list[tuple[str, str | None]] = field(default_factory=list)  # (title, url)
    links: list[str] = field(default_factory=list)  # link n at index n - 1
    enclosures: list[tuple[str, str | None, int | None]] = field(default_factory=list)
    # (url, media type, length in bytes): podcasts, videos, images the item carries


@dataclass(frozen=True)
class PreparedArticle:
    """An article with its row made (cleaned, hashed, keyed; `storage.prepare_article`)
    wherever CPU is spare: a refresh prepares its articles in the parse processes, so that
    its one writer thread only writes. A snapshot: prepare an article again after changing it."""

    article: ArticleIn
    row: dict[str, Any]  # the articles table's columns but feed_id


@dataclass(frozen=True)
class Schedule:
    """When a feed is fetched next, as ingest decided it after a fetch."""

    next_due: str  # ISO 8601, UTC
    interval: int  # seconds
    reason: str
    posting_gap: int | None = None  # learnt from the feed's dates, kept for unchanged fetches
    feed_hint: int | None = None  # the feed's own <ttl> or sy:update*, kept likewise


@dataclass
class FetchOutcome:
    """What one fetch of a feed came to, as ingest decided it: storage records it in one call
    (`Library.record_fetch`)."""

    status: int | None
    articles: list[ArticleIn | PreparedArticle] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None  # the feed's own title (names a feed still called by its URL)
    site_url: str | None = None
    problem: str | None = None  # the feed was read, with a problem worth showing
    moved_to: str | None = None  # a permanent redirect to follow from now on
    not_modified: bool = False
    error: str | None = None  # the fetch failed: why (one line)
    retry_in: float | None = None  # after a failure: seconds until the next try
    schedule: Schedule | None = None  # after a fetch that worked: when the next is due
    at: datetime | None = None  # when the fetch happened (default: now)


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
    fetched: str | None = None  # when first stored: the date shown when the feed gave none

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
    links: list[str] = field(default_factory=list)  # the addresses [n] in the text names
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
    error: str | None = None  # why the query no longer compiles (saved by an older Tidings)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["error"] is None:
            del data["error"]
        return data


@dataclass(frozen=True)
class FeedName:
    """A feed (subscribed or local) as the view selector lists it."""

    id: int
    title: str


@dataclass(frozen=True)
class MentionRow:
    text: str
    label: str
    start: int
    end: int
    canonical: str
    field: str  # "title" or "text"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TimelineRow:
    expression: str
    start: int
    end: int
    date: str
    precision: str
    sentence: str
    sentence_start: int
    sentence_end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class QueuedArticle:
    id: int
    title: str
    text: str
    published: str | None
    content_hash: str


@dataclass(frozen=True)
class FeedState:
    """What a refresh needs to fetch one feed."""

    id: int
    url: str
    title: str
    etag: str | None
    last_modified: str | None
    full_text: bool
    error_count: int
    user_interval: int | None = None  # seconds, when the user set one for this feed
    posting_gap: int | None = None  # seconds, learnt at an earlier fetch
    feed_hint: int | None = None  # seconds the feed asked for at an earlier fetch


@dataclass(frozen=True)
class Related:
    article_id: int
    score: float
    shared: list[str]  # names of shared entities, rarest first
    linked: bool  # the article itself links to it

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article_id, "score": round(self.score, 4), "shared": self.shared,
            "linked": self.linked,
        }


@dataclass(frozen=True)
class NewsboatItem:
    """One row of newsboat's rss_item table, as stored (unclean: it came from feeds)."""

    feed_url: str
    guid: str | None
    title: str | None
    author: str | None
    url: str | None
    published: object  # seconds since the epoch, when newsboat knew it
    content: str | None
    unread: int
    flags: str | None


# What storage reads of the analysis it is given (enrich's Mention and TimelineItem are such
# objects; so are storage's own MentionRow and TimelineRow). Storage imports nothing of ours:
# it names the fields it needs, as lemon24/reader does with its *LikeProtocol types.


class MentionLike(Protocol):
    """A named entity occurrence: offsets into the text (or title) it was found in."""

    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def canonical(self) -> str: ...


class DatedLike(Protocol):
    """A dated expression resolved to a date at its own precision, with its sentence."""

    @property
    def expression(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def date(self) -> str: ...
    @property
    def precision(self) -> str: ...
    @property
    def sentence(self) -> str: ...
    @property
    def sentence_start(self) -> int: ...
    @property
    def sentence_end(self) -> int: ...


# The timeline table's columns of a dated item.
DATED_COLUMNS = tuple(item.name for item in fields(TimelineRow))


def dated_values(item: DatedLike) -> tuple[Any, ...]:
    """A dated item's values in DATED_COLUMNS order."""
    return tuple(getattr(item, name) for name in DATED_COLUMNS)


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
