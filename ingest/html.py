"""HTML to paragraphs: what a reading pane needs from markup, and nothing that runs or navigates.

Paragraphs, headings, list items, quotes and table cells become paragraphs; scripts, styles,
forms, navigation and page chrome do not.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_DROP = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "form", "button", "select", "textarea", "input", "nav", "aside", "footer", "header", "menu",
}
_BLOCKS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "blockquote", "pre", "figcaption", "td", "th", "dt", "dd", "tr", "ul", "ol", "table",
    "figure", "address", "details", "summary", "body", "dl", "hr",
}
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


def _parse(html: str) -> etree._Element | None:
    if not html.strip():
        return None
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def html_to_paragraphs(html: str) -> list[str]:
    """The readable paragraphs of an HTML fragment or page, in document order."""
    root = _parse(html)
    if root is None:
        return []
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(current)).strip()
        if text:
            paragraphs.extend(part.strip() for part in text.split("\n") if part.strip())
        current.clear()

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _DROP or not isinstance(node.tag, str):
            if node.tail:
                current.append(node.tail)
            return
        if tag in _BLOCKS:
            flush()
        if tag == "br":
            current.append("\n")
        if node.text:
            current.append(node.text)
        for child in node:
            walk(child)
        if tag in _BLOCKS:
            flush()
        if node.tail:
            current.append(node.tail)

    walk(root)
    flush()
    return paragraphs


def html_title(html: str) -> str | None:
    """The page's title: og:title, then <title>, then the first <h1>."""
    root = _parse(html)
    if root is None:
        return None
    for xpath in ("//meta[@property='og:title']/@content", "//title/text()", "//h1//text()"):
        found = [t.strip() for t in root.xpath(xpath) if isinstance(t, str) and t.strip()]
        if found:
            return _SPACE.sub(" ", found[0])
    return None
