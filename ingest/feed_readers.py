"""Reading RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed into one neutral shape.

Well-formed XML is read with lxml, which is many times faster than feedparser; anything lxml
refuses (ill-formed feeds, undeclared HTML entities, an internal DTD, a charset conflict
between the HTTP header and the document) goes to feedparser, whose loose parser still finds
entries in broken feeds. JSON Feed 1.0 and 1.1 are read here (feedparser 6 does not).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
ATOM03 = "http://purl.org/atom/ns#"
RSS1 = "http://purl.org/rss/1.0/"
RSS090 = "http://my.netscape.com/rdf/simple/0.9/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XHTML = "http://www.w3.org/1999/xhtml"
SY = "http://purl.org/rss/1.0/modules/syndication/"
MEDIA = "http://search.yahoo.com/mrss/"
MAX_ENCLOSURES = 20
_RSS_NAMESPACES = {"", RSS1, RSS090}


class NotAFeed(ValueError):
    """The document is neither RSS, Atom nor JSON Feed."""


@dataclass
class RawEntry:
    title: str | None = None
    title_is_html: bool = False
    link: str | None = None
    guid: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    content: str | None = None
    content_is_html: bool = True
    summary: str | None = None
    summary_is_html: bool = True
    # (url, media type, length in bytes) as written: checked by feed_entries
    enclosures: list[tuple[str, str | None, str | None]] = field(default_factory=list)


@dataclass
class RawFeed:
    version: str
    title: str | None = None
    link: str | None = None
    entries: list[RawEntry] = field(default_factory=list)
    problem: str | None = None  # why the feed is ill-formed, when it is (feedparser's bozo)
    ttl: str | None = None  # RSS <ttl>, minutes (as written: parsed by ingest.schedule)
    update_period: str | None = None  # sy:updatePeriod
    update_frequency: str | None = None  # sy:updateFrequency


def _ns(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _text(node: etree._Element | None) -> str | None:
    if node is None:
        return None
    text = "".join(node.itertext()).strip()
    return text or None


def _base(node: etree._Element, base: str | None) -> str | None:
    own = node.get(XML_BASE)
    return urljoin(base or "", own) if own else base


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    return urljoin(base, url) if base else url


# -- RSS ---------------------------------------------------------------------------------


def _rss_children(node: etree._Element) -> dict[tuple[str, str], etree._Element]:
    """Each child by (namespace group, local name), the first one winning."""
    found: dict[tuple[str, str], etree._Element] = {}
    for child in node:
        if not isinstance(child.tag, str):
            continue
        ns, local = _ns(child.tag)
        key = ("", local.lower()) if ns in _RSS_NAMESPACES else (ns, local)
        found.setdefault(key, child)
    return found


def _rss_entry(item: etree._Element, base: str | None) -> RawEntry:
    c = _rss_children(item)
    entry = RawEntry()
    entry.title = _text(c.get(("", "title"))) or _text(c.get((DC, "title")))
    entry.title_is_html = True
    guid_node = c.get(("", "guid"))
    entry.guid = _text(guid_node) or item.get(f"{{{RDF}}}about")
    entry.link = _absolute(_text(c.get(("", "link"))), base)
    if not entry.link and guid_node is not None and entry.guid:
        permalink = (guid_node.get("isPermaLink") or "true").lower() != "false"
        if permalink and re.match(r"https?://", entry.guid, re.I):
            entry.link = entry.guid
    entry.published = _text(c.get(("", "pubdate"))) or _text(c.get((DC, "date")))
    entry.updated = _text(c.get((DCTERMS, "modified")))
    entry.author = _text(c.get(("", "author"))) or _text(c.get((DC, "creator")))
    entry.content = _text(c.get((CONTENT, "encoded")))
    entry.summary = _text(c.get(("", "description")))
    for child in item:
        if isinstance(child.tag, str) and _ns(child.tag)[1] == "enclosure" \
                and _ns(child.tag)[0] in _RSS_NAMESPACES:
            _add_enclosure(entry, child.get("url"), child.get("type"), child.get("length"),
                           base)
    _media_enclosures(item, entry, base)
    return entry


def _add_enclosure(
    entry: RawEntry, url: str | None, kind: str | None, length: str | None, base: str | None
) -> None:
    url = _absolute(url, base)
    if url and len(entry.enclosures) < MAX_ENCLOSURES and all(
        url != known for known, _, _ in entry.enclosures
    ):
        entry.enclosures.append((url, kind, length))


def _media_enclosures(node: etree._Element, entry: RawEntry, base: str | None) -> None:
    """Media RSS: media:content directly under the item or in media:group."""
    for content in node.iter(f"{{{MEDIA}}}content"):
        kind = content.get("type") or (
            f"{content.get('medium')}/*" if content.get("medium") else None
        )
        _add_enclosure(entry, content.get("url"), kind, content.get("fileSize"), base)


def _read_rss(root: etree._Element, version: str, base: str | None) -> RawFeed:
    channel = next((n for n in root if isinstance(n.tag, str) and _ns(n.tag)[1] == "channel"), None)
    feed = RawFeed(version=version)
    base = _base(root, base)
    if channel is not None:
        base = _base(channel, base)
        c = _rss_children(channel)
        feed.title = _text(c.get(("", "title"))) or _text(c.get((DC, "title")))
        feed.link = _absolute(_text(c.get(("", "link"))), base)
        feed.ttl = _text(c.get(("", "ttl")))
        feed.update_period = _text(c.get((SY, "updatePeriod")))
        feed.update_frequency = _text(c.get((SY, "updateFrequency")))
    containers = [root] if channel is None else [channel, root]
    for container in containers:
        for node in container:
            if isinstance(node.tag, str) and _ns(node.tag)[1] == "item":
                feed.entries.append(_rss_entry(node, _base(node, base)))
    return feed


# -- Atom --------------------------------------------------------------------------------


def _atom_text(node: etree._Element | None) -> tuple[str | None, bool]:
    """An Atom text construct as (value, is_html)."""
    if node is None:
        return None, False
    kind = (node.get("type") or "text").lower()
    has_children = any(isinstance(child.tag, str) for child in node)
    if kind == "xhtml" or (has_children and kind in {"html", "text/html"}):
        div = next((n for n in node if isinstance(n.tag, str)), None)
        container = div if kind == "xhtml" and div is not None else node
        parts = [container.text or ""] + [_xhtml(child) for child in container]
        html = "".join(parts).strip()
        return html or None, True
    if node.get("mode") == "base64" or not (
        kind in {"text", "html"} or kind.startswith("text/") or kind.endswith("xml")
    ):
        return _base64_text(_text(node)), "html" in kind or "xml" in kind
    if kind in {"html", "text/html"} or node.get("mode") == "escaped" and kind != "text":
        return (node.text or "").strip() or None, True
    if kind in {"text", "text/plain"}:
        return _text(node), False
    return _text(node), "html" in kind or "xml" in kind


def _base64_text(value: str | None) -> str | None:
    """Atom's base64 content (mode="base64", or a binary media type), decoded if it is text."""
    if not value:
        return None
    try:
        return base64.b64decode(value, validate=False).decode("utf-8").strip() or None
    except (binascii.Error, UnicodeDecodeError):
        return value


def _xhtml(node: etree._Element) -> str:
    """Serialise an XHTML child as HTML without namespace prefixes."""
    for element in node.iter():
        if isinstance(element.tag, str) and element.tag.startswith(f"{{{XHTML}}}"):
            element.tag = element.tag.split("}", 1)[1]
    etree.cleanup_namespaces(node)
    return etree.tostring(node, method="html", encoding="unicode", with_tail=True)


def _atom_link(node: etree._Element, ns: str, base: str | None) -> str | None:
    fallback = None
    for link in node.findall(f"{{{ns}}}link"):
        rel = (link.get("rel") or "alternate").lower()
        href = _absolute(link.get("href"), _base(link, base))
        if rel == "alternate" and href:
            return href
        fallback = fallback or (href if rel not in {"self", "hub", "edit"} else None)
    return fallback


def _atom_author(node: etree._Element, ns: str) -> str | None:
    author = node.find(f"{{{ns}}}author")
    if author is None:
        return None
    return _text(author.find(f"{{{ns}}}name")) or _text(author.find(f"{{{ns}}}email"))


def _atom_entry(node: etree._Element, ns: str, base: str | None) -> RawEntry:
    base = _base(node, base)
    entry = RawEntry()
    entry.title, entry.title_is_html = _atom_text(node.find(f"{{{ns}}}title"))
    entry.link = _atom_link(node, ns, base)
    entry.guid = _text(node.find(f"{{{ns}}}id"))
    entry.published = _text(node.find(f"{{{ns}}}published")) or _text(
        node.find(f"{{{ns}}}issued")
    ) or _text(node.find(f"{{{ns}}}created"))
    entry.updated = _text(node.find(f"{{{ns}}}updated")) or _text(node.find(f"{{{ns}}}modified"))
    entry.author = _atom_author(node, ns)
    entry.content, entry.content_is_html = _atom_text(node.find(f"{{{ns}}}content"))
    entry.summary, entry.summary_is_html = _atom_text(node.find(f"{{{ns}}}summary"))
    for link in node.findall(f"{{{ns}}}link"):
        if (link.get("rel") or "").lower() == "enclosure":
            _add_enclosure(entry, link.get("href"), link.get("type"), link.get("length"),
                           _base(link, base))
    _media_enclosures(node, entry, base)
    return entry


def _read_atom(root: etree._Element, ns: str, base: str | None) -> RawFeed:
    base = _base(root, base)
    feed = RawFeed(version="atom10" if ns == ATOM else "atom03")
    feed.title, title_is_html = _atom_text(root.find(f"{{{ns}}}title"))
    if feed.title and title_is_html:
        feed.title = plain_text(feed.title)
    feed.link = _atom_link(root, ns, base)
    feed.update_period = _text(root.find(f"{{{SY}}}updatePeriod"))
    feed.update_frequency = _text(root.find(f"{{{SY}}}updateFrequency"))
    entries = root.findall(f"{{{ns}}}entry") or root.findall(f"{{{ns}}}item")  # as feedparser
    feed.entries = [_atom_entry(node, ns, base) for node in entries]
    return feed


def plain_text(html: str) -> str:
    """Text of a short HTML string such as a title."""
    if "<" not in html and "&" not in html:
        return html
    try:
        return " ".join(lxml.html.fromstring(f"<div>{html}</div>").text_content().split())
    except (etree.ParserError, ValueError):
        return html


# -- entry points ------------------------------------------------------------------------


_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([\w.:-]+)", re.I)


def _charset_conflict(data: bytes, content_type: str) -> bool:
    """True when the HTTP charset differs from what the document itself says."""
    match = _CHARSET.search(content_type or "")
    if not match:
        return False
    header = match.group(1).lower().replace("_", "-")
    declared = _DECLARED.match(data[:300].lstrip(b"\xef\xbb\xbf"))
    own = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    return header != own and {header, own} != {"utf8", "utf-8"}


def read_xml_fast(data: bytes, url: str | None, content_type: str = "") -> RawFeed | None:
    """The feed read by lxml, or None if lxml cannot read it strictly (then use feedparser)."""
    if _charset_conflict(data, content_type):
        return None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None or root.getroottree().docinfo.internalDTD is not None:
        return None
    ns, local = _ns(root.tag)
    if local == "rss" and ns == "":
        version = "rss" + (root.get("version") or "").replace(".", "")
        return _read_rss(root, version, url)
    if local == "RDF" and ns == RDF:
        return _read_rss(root, "rss10" if any(
            _ns(n.tag)[0] == RSS1 for n in root if isinstance(n.tag, str)
        ) else "rss090", url)
    if local == "feed" and ns in {ATOM, ATOM03}:
        return _read_atom(root, ns, url)
    return None


def looks_like_json(data: bytes, content_type: str) -> bool:
    start = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"{") or "json" in (content_type or "").lower()


def _json_author(item: dict[str, object]) -> str | None:
    authors = item.get("authors")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        name = authors[0].get("name")
        return name if isinstance(name, str) else None
    author = item.get("author")
    if isinstance(author, dict) and isinstance(author.get("name"), str):
        return str(author["name"])
    return None


def _string(value: object) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None


def read_json_feed(data: bytes, url: str | None) -> RawFeed:
    """A JSON Feed 1.0 or 1.1; NotAFeed if it is not one."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NotAFeed(f"not a feed: invalid JSON ({error})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list) or "version" not in doc:
        raise NotAFeed("not a feed: JSON that is not a JSON Feed (no version and items)")
    version = "json1" + ("1" if str(doc["version"]).endswith("1.1") else "0")
    feed = RawFeed(version=version, title=_string(doc.get("title")))
    feed.link = _absolute(_string(doc.get("home_page_url")), url)
    items = doc.get("items")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        entry = RawEntry(
            title=_string(item.get("title")),
            link=_absolute(_string(item.get("url")) or _string(item.get("external_url")), url),
            guid=_string(item.get("id")),
            published=_string(item.get("date_published")),
            updated=_string(item.get("date_modified")),
            author=_json_author(item) or _json_author(doc),
            summary=_string(item.get("summary")),
            summary_is_html=False,
        )
        html, text = _string(item.get("content_html")), _string(item.get("content_text"))
        entry.content, entry.content_is_html = (html, True) if html else (text, False)
        attachments = item.get("attachments")
        for attachment in attachments if isinstance(attachments, list) else []:
            if isinstance(attachment, dict):
                _add_enclosure(entry, _string(attachment.get("url")),
                               _string(attachment.get("mime_type")),
                               _string(attachment.get("size_in_bytes")), url)
        feed.entries.append(entry)
    return feed


def read_with_feedparser(data: bytes, url: str | None, content_type: str) -> RawFeed:
    """The feed as feedparser reads it, broken feeds included; NotAFeed if it finds none."""
    import feedparser

    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(data, response_headers=headers, resolve_relative_uris=False)
    problem = None
    if parsed.get("bozo"):
        problem = " ".join(str(parsed.get("bozo_exception", "ill-formed feed")).split())[:300]
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed(f"not a feed{': ' + problem if problem else ''}")
    feed = RawFeed(
        version=parsed.get("version") or "unknown",
        title=parsed.feed.get("title"),
        link=_absolute(parsed.feed.get("link"), url),
        problem=problem,
        ttl=_string(parsed.feed.get("ttl")),
        update_period=_string(parsed.feed.get("sy_updateperiod")),
        update_frequency=_string(parsed.feed.get("sy_updatefrequency")),
    )
    for item in parsed.entries:
        entry = RawEntry(
            title=item.get("title"),
            link=_absolute(item.get("link"), url),
            guid=item.get("id"),
            author=item.get("author"),
            published=item.get("published") or item.get("created"),
            updated=item.get("updated"),
        )
        contents = item.get("content") or []
        if contents:
            entry.content = contents[0].get("value")
            entry.content_is_html = "html" in (contents[0].get("type") or "html")
        detail = item.get("summary_detail") or {}
        entry.summary = item.get("summary")
        entry.summary_is_html = "html" in (detail.get("type") or "html")
        for enclosure in item.get("enclosures") or []:
            _add_enclosure(entry, enclosure.get("href"), enclosure.get("type"),
                           enclosure.get("length"), url)
        for media in item.get("media_content") or []:
            _add_enclosure(entry, media.get("url"), media.get("type"), media.get("filesize"),
                           url)
        feed.entries.append(entry)
    return feed
