"""HTML to paragraphs: what a reading pane needs from markup, and nothing that runs or navigates.

Paragraphs, headings, list items, quotes and table cells become paragraphs; scripts, styles,
forms, navigation and page chrome do not.
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
_SPACES_BUT_NEWLINE = re.compile(r"[^\S\n]+")
_CONTROL_SPACES = re.compile("[\x0b\x0c\x1c-\x1f]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _parse(html: str) -> etree._Element | None:
    if not html.strip():
        return None
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def html_to_paragraphs(html: str) -> list[str]:
    """The readable paragraphs of an HTML fragment or page, in document order."""
    root = _parse(_xml_text(html))
    if root is None:
        return []
    return _paragraphs_of(root)


def _paragraphs_of(root: etree._Element) -> list[str]:
    """The paragraphs under root. The tree is changed in place (callers are done with it):
    dropped elements go, a line break marks each block's edges and each <br>, and lxml's C
    serialiser writes the text; only the final split and whitespace collapse run in Python
    (a third less CPU per feed item than walking the tree in Python)."""
    if not isinstance(root.tag, str) or root.tag in _DROP:
        return []
    etree.strip_elements(root, *_DROP, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for node in root.iter(*_BLOCKS, "br"):
        if node.tag != "br":
            node.text = "\n" + (node.text or "")
        node.tail = "\n" + (node.tail or "")
    text = etree.tostring(root, method="text", encoding="unicode", with_tail=False)
    # every run of spaces but line breaks (nbsp included) becomes one space, in C
    lines = _SPACES_BUT_NEWLINE.sub(" ", text).split("\n")
    return [line for line in (raw.strip() for raw in lines) if line]


def _xml_text(html: str) -> str:
    """The markup without the characters lxml parses but will not set back as text: control
    characters that are spaces become spaces, the others go (storage strips them anyway)."""
    if _NOT_XML.search(html) is None:
        return html
    return _NOT_XML.sub("", _CONTROL_SPACES.sub(" ", html))


def fragment_paragraphs(html: str) -> list[str]:
    """The paragraphs of a feed's HTML content: what the library stores (a refresh's hot path;
    the cleaned markup `html_fragment` also makes is not needed for that)."""
    if not html.strip():
        return []
    try:
        root = etree.fromstring(_xml_text(html), _fragment_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    body = root.find("body") if root is not None else None
    return [] if body is None else _paragraphs_of(body)


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
        root = etree.fromstring(_xml_text(html), _fragment_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return [], ""
    body = root.find("body") if root is not None else None
    if body is None:
        return [], ""
    _clean(body, base_url)
    inner = etree.tostring(body, method="html", encoding="unicode").strip()
    return _paragraphs_of(body), inner[len("<body>") : -len("</body>")].strip()

