"""OPML subscription lists: folders become tags on import, and tags become folders on export."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from tidings.ingest.fetch import is_http_url
from tidings.ingest.xml_guard import UnsafeXML, check_xml


class OpmlError(ValueError):
    """A file that is not a readable OPML subscription list; the message is one line."""


@dataclass
class OpmlFeed:
    url: str
    title: str | None = None
    tags: list[str] = field(default_factory=list)


def _category_tags(value: str | None) -> list[str]:
    """OPML 2.0 `category`: comma-separated slash paths; each path's last part is a tag."""
    tags = []
    for path in (value or "").split(","):
        parts = [part.strip() for part in path.split("/") if part.strip()]
        if parts:
            tags.append(parts[-1])
    return tags


def read_opml(data: bytes) -> tuple[list[OpmlFeed], list[str]]:
    """The feeds in an OPML file (http(s) only) and warnings about outlines skipped."""
    try:
        check_xml(data)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(data, parser)
    except UnsafeXML as error:
        raise OpmlError(str(error)) from None
    except etree.XMLSyntaxError as error:
        raise OpmlError(f"not OPML: {error}") from None
    if root is None or root.tag != "opml":
        raise OpmlError("not OPML: the root element is not <opml>")
    body = root.find("body")
    if body is None:
        raise OpmlError("OPML without a <body>: no subscriptions in it")
    feeds: dict[str, OpmlFeed] = {}
    warnings: list[str] = []

    def walk(node: etree._Element, folders: list[str]) -> None:
        for outline in node.iterfind("outline"):
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            title = (outline.get("title") or outline.get("text") or "").strip() or None
            if url:
                if not is_http_url(url):
                    warnings.append(f"skipped {url[:100]}: not an http(s) URL")
                    continue
                feed = feeds.setdefault(url, OpmlFeed(url, title))
                for tag in folders + _category_tags(outline.get("category")):
                    if tag not in feed.tags:
                        feed.tags.append(tag)
            walk(outline, folders + ([title] if not url and title else []))

    walk(body, [])
    return list(feeds.values()), warnings


def write_opml(feeds: list[dict[str, object]], title: str = "Tidings subscriptions") -> str:
    """OPML 2.0: each tag a folder holding its feeds; untagged feeds at the top level."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    folders: dict[str, etree._Element] = {}

    def outline(parent: etree._Element, feed: dict[str, object]) -> None:
        attributes = {"type": "rss", "text": str(feed["title"]), "title": str(feed["title"]),
                      "xmlUrl": str(feed["url"])}
        if feed.get("site_url"):
            attributes["htmlUrl"] = str(feed["site_url"])
        etree.SubElement(parent, "outline", attributes)

    for feed in feeds:
        tags = feed.get("tags") or []
        assert isinstance(tags, list)
        if not tags:
            outline(body, feed)
        for tag in tags:
            if tag not in folders:
                folders[tag] = etree.SubElement(body, "outline", text=tag, title=tag)
            outline(folders[tag], feed)
    return etree.tostring(root, encoding="unicode", pretty_print=True)
