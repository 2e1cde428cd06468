"""Finding the feed behind a URL: the URL itself, or a page's `<link rel="alternate">`."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from tidings.ingest.extract import decode_page
from tidings.ingest.feed_entries import FeedParseError, parse_feed
from tidings.ingest.fetch import FetchError, fetch, is_http_url, make_client

FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/feed+json",
    "application/json", "application/rdf+xml", "application/xml", "text/xml",
)
MAX_CANDIDATES = 3


class DiscoveryError(ValueError):
    """No feed found at or behind the URL; the message is one line."""


@dataclass(frozen=True)
class Discovered:
    url: str
    title: str | None


def alternate_links(html: str, base_url: str) -> list[str]:
    """The feed URLs a page advertises, absolute and http(s) only, in page order."""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in root.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES:
            url = urljoin(base_url, link.get("href").strip())
            if is_http_url(url) and url not in found:
                found.append(url)
    return found


async def discover(url: str) -> Discovered:
    """The feed at url, or the first feed the page at url links to."""
    async with make_client(4) as client:
        try:
            page = await fetch(client, url)
        except FetchError as error:
            raise DiscoveryError(f"{url}: {error}") from None
        try:
            feed = parse_feed(page.body, page.url, page.content_type)
            return Discovered(page.moved_to or url, feed.title)
        except FeedParseError as error:
            problem = str(error)
        for candidate in alternate_links(decode_page(page.body, page.content_type), page.url)[
            :MAX_CANDIDATES
        ]:
            try:
                linked = await fetch(client, candidate)
                feed = parse_feed(linked.body, linked.url, linked.content_type)
            except (FetchError, FeedParseError):
                continue
            return Discovered(linked.moved_to or candidate, feed.title)
    raise DiscoveryError(f"{url}: no feed found ({problem}; the page links to no feed)")
