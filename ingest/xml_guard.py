"""XML safety checks made on a feed's bytes before any parser sees them.

A feed may declare entities in its DOCTYPE: nested ones expand exponentially (the "billion
laughs"), and external ones (SYSTEM or PUBLIC) read local files or the network. Feeds have no
need for either, so a document declaring them is refused; plain text entities are allowed.
"""

from __future__ import annotations

import re

_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?[^\s>]+\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')", re.I)
MAX_ENTITIES = 64
_DECLARATION = re.compile(rb"<!(ENTITY|DOCTYPE)", re.I)
_ENTITY_WORD = re.compile(rb"<!ENTITY", re.I)


class UnsafeXML(ValueError):
    """A document this reader refuses to parse; the message says why in one line."""


def _ascii_view(data: bytes) -> bytes:
    """The whole document as single bytes, so UTF-16 and UTF-32 documents are checked too.

    All of it, not a prolog: a DOCTYPE may follow any amount of comments and whitespace.
    (The parsers are also told not to load DTDs or resolve entities: two defences.)"""
    if b"\x00" in data[:8]:
        return data.replace(b"\x00", b"")
    return data


def check_xml(data: bytes) -> None:
    """Raise UnsafeXML for external or nested entity declarations, or too many of them."""
    head = _ascii_view(data)
    if not _DECLARATION.search(head):
        return
    declarations = _ENTITY.findall(head)
    if len(declarations) > MAX_ENTITIES:
        raise UnsafeXML(f"refused: the feed declares more than {MAX_ENTITIES} XML entities")
    for parameter, value in declarations:
        if parameter:
            raise UnsafeXML("refused: the feed declares XML parameter entities")
        if value.upper() in {b"SYSTEM", b"PUBLIC"}:
            raise UnsafeXML("refused: the feed declares an external XML entity")
        if b"&" in value and not re.fullmatch(rb"[\"']&#\w+;[\"']", value):
            raise UnsafeXML("refused: the feed declares nested XML entities (entity bomb)")
    if _ENTITY_WORD.search(head) and not declarations:
        raise UnsafeXML("refused: the feed has an XML entity declaration this reader cannot check")

