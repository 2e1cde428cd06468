"""HTML to paragraphs: what a reading pane needs from markup, and nothing that runs or navigates.

Paragraphs, headings, list items, quotes and table cells become paragraphs; scripts, styles,
forms, navigation and page chrome do not. The structure a reader needs survives as plain
text, as newsboat shows it: `## ` before a heading, `• ` or `1. ` before a list item, `> `
before each paragraph of a block quote, `[n]` after a link's text (the links are listed by
`numbered_links`, in the same order) and a line `[image: alt][n]` for an image.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import urljoin

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
    return _paragraphs_of(root)


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_WEB = re.compile(r"^https?://", re.I)


def _link_target(node: etree._Element) -> str | None:
    """The web address an <a> or <img> leads to, if it is one a reader can open."""
    if node.tag == "a":
        url = (node.get("href") or "").strip()
    elif node.tag == "img":
        url = (node.get("src") or "").strip()
    else:
        return None
    return url if _WEB.match(url) else None


# What may stand in a body read by `_plain_paragraphs`: paragraphs and phrasing markup whose
# text is all a reader sees of it (links get their [n] marks).
_PLAIN_INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strike "
    "strong sub sup time tt u var".split()
)


def _plain_paragraphs(body: etree._Element, links: list[str]) -> list[str] | None:
    """What `_walked_paragraphs` gives for a body of <p> paragraphs and inline markup, read
    a paragraph at a time by lxml's serialiser instead of element by element in Python (the
    walk was the largest cost of parsing a feed); None when the body holds anything else.
    Writes the links' [n] marks into the tree."""
    anchors = []
    for node in body.iterdescendants():
        tag = node.tag
        if tag == "a":
            anchors.append(node)
        elif tag not in _PLAIN_INLINE and (tag != "p" or node.getparent() is not body):
            return None  # blocks, lists, images, line breaks, comments...
    if any(next(anchor.iterdescendants("a"), None) is not None for anchor in anchors):
        return None  # nested links: the walk numbers the inner one first
    for anchor in anchors:  # each link's mark goes where the walk puts it: after its text
        target = _link_target(anchor)
        if target and "".join(anchor.itertext()).strip():
            if target not in links:
                links.append(target)
            anchor.tail = f"[{links.index(target) + 1}]{anchor.tail or ''}"
    paragraphs: list[str] = []
    current: list[str] = [body.text or ""]
    for child in body:
        if child.tag == "p":
            _flush_lines("".join(current), paragraphs)
            _flush_lines(_text_of(child), paragraphs)
            current = [child.tail or ""]
        else:
            current += [_text_of(child), child.tail or ""]
    _flush_lines("".join(current), paragraphs)
    return paragraphs


def _text_of(node: etree._Element) -> str:
    """The text in node and its descendants, in document order (serialised by lxml: a
    sixth of the CPU of joining `itertext`)."""
    return etree.tostring(node, method="text", encoding="unicode", with_tail=False)


def _flush_lines(text: str, paragraphs: list[str]) -> None:
    """Each line of text with its spaces collapsed, as a paragraph unless it is empty."""
    for line in text.split("\n"):
        line = _collapse(line)
        if line:
            paragraphs.append(line)


def _collapse(line: str) -> str:
    """Every run of spaces of any kind (nbsp included) as one plain space, none at the ends.
    Most lines hold single plain spaces only (every other space is unprintable): two scans
    in C find that at half the cost of splitting the line into words and joining them."""
    if "  " not in line and line.isprintable():
        return line.strip(" ")
    return " ".join(line.split())


def _paragraphs_of(root: etree._Element, links: list[str] | None = None) -> list[str]:
    """Paragraphs with their structure marked in plain text; `links` (when given) collects
    the numbered links' addresses, link n at index n - 1."""
    if links is not None and root.tag == "body" and not links:
        plain = _plain_paragraphs(root, links)
        if plain is not None:
            return plain
    return _walked_paragraphs(root, links)


def _walked_paragraphs(root: etree._Element, links: list[str] | None) -> list[str]:
    """`_paragraphs_of` for any markup: element by element."""
    paragraphs: list[str] = []
    current: list[str] = []
    prefix: list[str] = [""]  # the marker the next paragraph starts with
    quote_depth = [0]

    def flush() -> None:
        if not current:
            return
        first = True
        for line in "".join(current).split("\n"):
            line = _collapse(line)
            if line:
                lead = ("> " * quote_depth[0]) + (prefix[0] if first else "")
                paragraphs.append(lead + line)
                first = False
        current.clear()
        prefix[0] = ""

    def number(url: str) -> int:
        assert links is not None
        if url not in links:
            links.append(url)
        return links.index(url) + 1

    def walk(node: etree._Element, ordinal: int | None = None) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _DROP or not isinstance(node.tag, str):
            if node.tail:
                current.append(node.tail)
            return
        if tag in _BLOCKS and current:
            flush()
        if tag in _HEADINGS:
            prefix[0] = "## "
        elif tag == "li":
            prefix[0] = f"{ordinal}. " if ordinal is not None else "• "
        elif tag == "blockquote":
            quote_depth[0] += 1
        if tag == "br":
            current.append("\n")
        if tag == "img":
            alt = " ".join((node.get("alt") or "").split())
            target = _link_target(node)
            label = f"[image: {alt}]" if alt else "[image]"
            if links is not None and target:
                label += f"[{number(target)}]"
            if current:
                flush()
            current.append(label)
            flush()
        if node.text:
            current.append(node.text)
        count = 0
        for child in node:
            if tag == "ol" and child.tag == "li":
                count += 1
                walk(child, count)
            else:
                walk(child)
        if tag == "a" and links is not None:
            target = _link_target(node)
            if target and "".join(node.itertext()).strip():
                current.append(f"[{number(target)}]")
        if tag in _BLOCKS and current:
            flush()
        if tag == "blockquote":
            quote_depth[0] -= 1
        if node.tail:
            current.append(node.tail)

    walk(root)
    flush()
    return paragraphs


def numbered_links(html: str | None) -> list[str]:
    """The addresses that `[n]` marks in an article's text, link n at index n - 1 (the
    cleaned HTML a feed entry was stored with, read the way its text was made)."""
    if not html:
        return []
    try:
        root = etree.fromstring(f"<body>{html}</body>", _fragment_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    body = root.find("body") if root is not None else None
    if body is None:
        return []
    links: list[str] = []
    _paragraphs_of(body, links)
    return links


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



_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "background", "cite"}
_ABSOLUTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_local = threading.local()


def _fragment_parser() -> etree.HTMLParser:
    """One plain-element HTML parser per thread (parsers are not shared between threads)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True, default_doctype=False
        )
    return parser


def _drop(node: etree._Element) -> None:
    """Remove node and its children, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _clean(body: etree._Element, base_url: str | None) -> None:
    """Drop what runs or navigates away, event handlers and styles; make links absolute."""
    doomed = []
    for node in body.iter():
        tag = node.tag
        if not isinstance(tag, str):
            doomed.append(node)
            continue
        if tag in _DROP:
            doomed.append(node)
            continue
        for name, value in node.attrib.items():
            lowered = name.lower()
            if lowered.startswith("on") or lowered in {"style", "srcdoc"}:
                del node.attrib[name]
            elif lowered in _URL_ATTRIBUTES:
                compact = "".join(value.split()).lower()
                if compact.startswith(_UNSAFE_SCHEMES):
                    del node.attrib[name]
                elif base_url and not _ABSOLUTE.match(value.strip()):
                    try:
                        node.attrib[name] = urljoin(base_url, value.strip())
                    except ValueError:
                        del node.attrib[name]
    for node in doomed:
        _drop(node)


def html_fragment(html: str, base_url: str | None = None) -> tuple[list[str], str]:
    """A feed's HTML content as (paragraphs, cleaned HTML with absolute links), in one parse."""
    if not html.strip():
        return [], ""
    try:
        root = etree.fromstring(html, _fragment_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return [], ""
    body = root.find("body") if root is not None else None
    if body is None:
        return [], ""
    _clean(body, base_url)
    inner = etree.tostring(body, method="html", encoding="unicode").strip()
    return _paragraphs_of(body, []), inner[len("<body>") : -len("</body>")].strip()



def fragment_text(html: str, base_url: str | None = None) -> tuple[list[str], list[str]]:
    """A feed's HTML content as (paragraphs, the addresses their [n] marks name), in one
    parse: what a refresh stores (the cleaned markup itself is not kept, nor serialised)."""
    if not html.strip():
        return [], []
    try:
        root = etree.fromstring(html, _fragment_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return [], []
    body = root.find("body") if root is not None else None
    if body is None:
        return [], []
    _clean(body, base_url)
    links: list[str] = []
    return _paragraphs_of(body, links), links
