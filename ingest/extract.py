"""Main-text extraction from a whole web page (article pages, imported .html files).

trafilatura finds the article text; the page's own metadata gives the publication date (only
machine-readable dates: a copyright line is never read as one) and its "related" blocks give
related links.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from tidings.ingest.html import html_title, html_to_paragraphs

MAX_RELATED = 10
_DATE_XPATHS = (
    "//meta[@property='article:published_time' or @property='og:published_time' "
    "or @name='article:published_time' or @itemprop='datePublished' or @name='pubdate' "
    "or @name='publishdate' or @name='publish-date' or @name='date' or @name='DC.date.issued' "
    "or @name='dc.date' or @name='sailthru.date' or @name='parsely-pub-date']/@content",
    "//*[@itemprop='datePublished']/@datetime",
    "//*[@itemprop='datePublished']/@content",
    "//article//time[@datetime]/@datetime",
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$")
_RELATED_XPATH = (
    "//*[contains(translate(@class, 'RELATD', 'relatd'), 'related') or "
    "contains(translate(@id, 'RELATD', 'relatd'), 'related')]//a[@href]"
)


@dataclass
class Extracted:
    title: str | None
    paragraphs: list[str]
    published: str | None = None
    author: str | None = None
    related: list[tuple[str, str | None]] = field(default_factory=list)


def _tree(html: str | bytes) -> etree._Element | None:
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def page_published(root: etree._Element) -> str | None:
    """The page's machine-readable publication date (meta tags, microdata, JSON-LD)."""
    for xpath in _DATE_XPATHS:
        for value in root.xpath(xpath):
            value = str(value).strip()
            if _ISO_DATE.match(value):
                return value
    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', str(script))
        if match and _ISO_DATE.match(match.group(1).strip()):
            return match.group(1).strip()
    return None


def related_links(root: etree._Element, url: str | None) -> list[tuple[str, str | None]]:
    """Links inside the page's "related" blocks, as (title, absolute http(s) URL)."""
    found: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for link in root.xpath(_RELATED_XPATH):
        title = " ".join(link.text_content().split())
        href = urljoin(url or "", link.get("href", "").strip())
        if len(title) < 12 or href in seen or not href.lower().startswith(("http://", "https://")):
            continue
        seen.add(href)
        found.append((title[:300], href))
        if len(found) >= MAX_RELATED:
            break
    return found


def _author(root: etree._Element) -> str | None:
    for value in root.xpath("//meta[@name='author' or @property='article:author']/@content"):
        value = " ".join(str(value).split())
        if value and not value.lower().startswith("http"):
            return value
    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(str(script))
        except ValueError:
            continue
        author = data.get("author") if isinstance(data, dict) else None
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict) and isinstance(author.get("name"), str):
            return author["name"].strip() or None
    return None


def extract_article(html: str | bytes, url: str | None = None) -> Extracted:
    """The article in a page: trafilatura's main text, or every paragraph if it finds none."""
    import trafilatura  # slow to import: only when a page is extracted

    root = _tree(html)
    # trafilatura's default balance, tables included: the best F1 on the article-extraction
    # benchmark (benchmarks/bench_extraction.py), above favouring precision or recall
    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True)
    paragraphs = [line.strip() for line in (text or "").split("\n") if line.strip()]
    text_html = html if isinstance(html, str) else html.decode("utf-8", "replace")
    if not paragraphs:
        paragraphs = html_to_paragraphs(text_html)
    return Extracted(
        title=html_title(text_html),
        paragraphs=paragraphs,
        published=page_published(root) if root is not None else None,
        author=_author(root) if root is not None else None,
        related=related_links(root, url) if root is not None else [],
    )


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def decode_page(body: bytes, content_type: str = "") -> str:
    """A fetched page as text: the HTTP charset, else the page's meta charset, else UTF-8."""
    candidates = []
    header = _HEADER_CHARSET.search(content_type or "")
    if header:
        candidates.append(header.group(1))
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii"))
    for charset in [*candidates, "utf-8"]:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")
