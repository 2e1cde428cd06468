"""The `/` prompt's search: which ids a view shows under a query, and the words to highlight.

Everything here is plain Python over a `Library`; the prompt runs `search_ids` in a thread
worker with a connection of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style

from tidings.storage import Library, QueryError
from tidings.storage.search_language import fold, parse
from tidings.tui.views import View, view_ids

Span = tuple[int, int]

# Views whose restriction is a term of the search language: the query gets the term added.
_FLAG_TERMS = {"unread": "is:unread", "starred": "is:starred", "annotated": "is:annotated"}
_WORD = re.compile(r"\w+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly")


def needs_search(view: View) -> bool:
    """Whether the view's ids come from the search language (a saved search or a query)."""
    return view.kind == "search" or bool(view.text.strip())


def query_text(view: View) -> str:
    """The whole query a view runs: a saved search's query and the prompt's text."""
    parts = [view.key if view.kind == "search" else "", _FLAG_TERMS.get(view.kind, ""), view.text]
    return " ".join(part.strip() for part in parts if part.strip())


def search_ids(library: Library, view: View) -> list[int]:
    """The ids the view shows under its query, in the query's order; QueryError if malformed."""
    ids = library.find_ids(query_text(view))
    if view.kind in {"feed", "tag", "entity"}:
        allowed = set(view_ids(library, View(view.kind, view.key)))
        ids = [i for i in ids if i in allowed]
    return ids


def check(text: str) -> str | None:
    """The short message for a malformed query, or None."""
    try:
        parse(text)
    except QueryError as error:
        return str(error)
    return None


def _fold(word: str) -> str:
    return fold(word.lower())


def stem(word: str) -> str:
    """A light stand-in for the index's Porter stemmer: enough to find the word that matched."""
    word = _fold(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 2 and word.endswith("y"):
        word = word[:-1] + "i"
    return word


@dataclass(frozen=True)
class Highlighter:
    """Finds the words of a query's full-text terms in a text."""

    stems: frozenset[str]
    prefixes: frozenset[str] = frozenset()  # the last word typed, matched as a word's start

    @classmethod
    def for_query(cls, text: str) -> Highlighter | None:
        """The highlighter for a query's positive words and phrases; None if it has none."""
        try:
            query = parse(text)
        except QueryError:
            return None
        words = [t for t in query.terms if t.key is None and not t.negated]
        stems = {stem(word) for term in words for word in _WORD.findall(term.value)}
        prefixes = {_fold(term.value) for term in words if term.prefix}
        return cls(frozenset(stems), frozenset(prefixes)) if stems else None

    def spans(self, text: str) -> list[Span]:
        return [
            (m.start(), m.end())
            for m in _WORD.finditer(text)
            if stem(m.group()) in self.stems or _fold(m.group()).startswith(tuple(self.prefixes) or ("\0",))
        ]


def highlighted_segments(text: str, spans: Sequence[Span], style: Style, found: Style) -> list[Segment]:
    """Segments of text in style, with the spans in style + found."""
    segments: list[Segment] = []
    at = 0
    for start, end in spans:
        if start > at:
            segments.append(Segment(text[at:start], style))
        segments.append(Segment(text[start:end], style + found))
        at = end
    if at < len(text) or not segments:
        segments.append(Segment(text[at:], style))
    return segments


def saved_views(library: Library, *, counts: bool = False) -> list[View]:
    """One view per saved search; with counts (a query each: run it in a worker) the name
    says how many of its articles are unread."""
    views = []
    for saved in library.saved_searches(counts=counts):
        name = f"Search: {saved.name}"
        if saved.error is not None:
            name += f" · cannot run: {saved.error}"
        elif saved.unread is not None:
            name += f" · {saved.unread} unread"
        views.append(View("search", saved.query, name))
    return views
