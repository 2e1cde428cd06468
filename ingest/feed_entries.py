"""From a feed's bytes to the articles the library stores: identity, dates, text and HTML.

Runs in a worker process during a refresh (it is the CPU-heavy part), so it takes and returns
plain picklable values only.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from tidings.ingest.feed_readers import (
    NotAFeed,
    RawEntry,
    RawFeed,
    looks_like_json,
    plain_text,
    read_json_feed,
    read_with_feedparser,
    read_xml_fast,
)
from tidings.ingest.fetch import is_http_url
from tidings.ingest.html import fragment_text
from tidings.ingest.schedule import feed_hint
from tidings.ingest.xml_guard import UnsafeXML, check_xml
from tidings.storage import ArticleIn, PreparedArticle

MAX_URL_CHARS = 4096
SHORT_SUMMARY_CHARS = 500  # an entry whose only text is shorter than this is a summary
MAX_TITLE_CHARS = 300


class FeedParseError(ValueError):
    """The document could not be read as a feed; the message is one line."""


@dataclass
class ParsedEntry:
    article: ArticleIn
    summary_only: bool  # the feed gave a short summary, not the article
    prepared: PreparedArticle | None = None  # its row, made in the parse process; None once changed


@dataclass
class ParsedFeed:
    version: str
    title: str | None
    site_url: str | None
    entries: list[ParsedEntry] = field(default_factory=list)
    problem: str | None = None
    hint: int | None = None  # seconds the feed asks readers to wait (<ttl>, sy:update*)


def parse_date(value: str | None) -> str | None:
    """A feed date (RFC 822, RFC 3339, W3C-DTF and the odd ones feedparser knows) as UTC ISO."""
    if not value:
        return None
    value = value.strip()
    moment: datetime | None = None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            moment = None
    if moment is None:
        from feedparser.datetimes import _parse_date

        parsed = _parse_date(value)
        if not parsed:
            return None
        try:
            moment = datetime.fromtimestamp(calendar.timegm(parsed), timezone.utc)
        except (OverflowError, ValueError, OSError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()
    except (OverflowError, ValueError):
        return None


def _body(value: str | None, is_html: bool, base: str | None) -> tuple[list[str], list[str]]:
    """The paragraphs of an entry's content or summary and the links their [n] marks name
    (the library stores text and links, not the HTML)."""
    if not value:
        return [], []
    if is_html:
        return fragment_text(value, base)
    blocks = [" ".join(block.split()) for block in value.replace("\r", "").split("\n\n")]
    return [block for block in blocks if block], []


def _length(value: str | None) -> int | None:
    """An enclosure's declared size in bytes, if it is a plausible number."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 15 else None


def identity(entry: RawEntry, title: str, published: str | None) -> str:
    """The entry's guid; without one its link; without either a hash of title and date."""
    if entry.guid and entry.guid.strip():
        return entry.guid.strip()
    if entry.link:
        return entry.link
    return "sha256:" + hashlib.sha256(f"{title}\x00{published or ''}".encode()).hexdigest()


def to_article(entry: RawEntry, feed_url: str | None) -> ParsedEntry:
    base = entry.link or feed_url
    content, links = _body(entry.content, entry.content_is_html, base)
    summary_only = not content
    summary = ""
    if summary_only:
        content, links = _body(entry.summary, entry.summary_is_html, base)
        summary = "\n\n".join(content)
    text = "\n\n".join(content)
    title = " ".join((entry.title or "").split())
    if title and (entry.title_is_html or "<" in title):
        title = plain_text(title)
    if not title:
        title = (content[0] if content else entry.link or "(untitled)")[:80]
    title = title[:MAX_TITLE_CHARS]
    enclosures = [
        (url, (kind or "").strip()[:100] or None, _length(length))
        for url, kind, length in entry.enclosures
        if is_http_url(url) and len(url) <= MAX_URL_CHARS
    ]
    published = parse_date(entry.published) or parse_date(entry.updated)
    article = ArticleIn(
        guid=identity(entry, title, published),
        title=title,
        text=text,
        url=entry.link,
        author=" ".join(entry.author.split()) if entry.author else None,
        published=published,
        summary=summary or None,
        links=links,
        enclosures=enclosures,
    )
    return ParsedEntry(article, summary_only and len(text) < SHORT_SUMMARY_CHARS)


_BOMS = [  # longest first: the UTF-32 little-endian BOM starts like UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]
_XML_DECLARED = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_BYTES_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""", re.I)


def _without_charset(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip()


def normalise_encoding(data: bytes, content_type: str) -> tuple[bytes, str]:
    """The document as UTF-8 where its encoding is certain, and the content type to pass on.

    A byte-order mark wins over the HTTP charset (a UTF-16 feed served as ISO-8859-1 is
    still UTF-16). A document that is UTF-8 by header, declaration or default keeps UTF-8
    when a few of its bytes are invalid: they become U+FFFD instead of the whole feed being
    decoded as another charset ("café" as "cafĂŠ").
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding, "replace")
            text = _XML_DECLARED.sub(r'\1"utf-8"', text, count=1)
            return text.encode("utf-8"), _without_charset(content_type)
    header = _HEADER_CHARSET.search(content_type or "")
    declared = _BYTES_DECLARED.match(data[:300])
    charsets = {m.group(1).decode("ascii", "replace").lower() if isinstance(m.group(1), bytes)
                else m.group(1).lower() for m in (header, declared) if m}
    if charsets <= {"utf-8", "utf8"}:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            data = data.decode("utf-8", "replace").encode("utf-8")
    return data, content_type


def read_feed(data: bytes, url: str | None, content_type: str = "") -> RawFeed:
    """The feed in any supported format; FeedParseError if it is not one or is unsafe."""
    if not data.strip():
        raise FeedParseError("empty response")
    data, content_type = normalise_encoding(data, content_type)
    try:
        if looks_like_json(data, content_type):
            return read_json_feed(data, url)
        check_xml(data)
        return read_xml_fast(data, url, content_type) or read_with_feedparser(
            data, url, content_type
        )
    except (NotAFeed, UnsafeXML) as error:
        raise FeedParseError(str(error)) from None


def parse_feed(data: bytes, url: str | None, content_type: str = "") -> ParsedFeed:
    """Read a feed and turn its entries into articles (first of each identity wins)."""
    raw = read_feed(data, url, content_type)
    title = plain_text(" ".join(raw.title.split())) if raw.title else None
    parsed = ParsedFeed(
        raw.version, title, raw.link, problem=raw.problem,
        hint=feed_hint(raw.ttl, raw.update_period, raw.update_frequency),
    )
    seen: set[str] = set()
    for entry in raw.entries:
        item = to_article(entry, url)
        if item.article.guid not in seen:
            seen.add(item.article.guid)
            parsed.entries.append(item)
    return parsed
