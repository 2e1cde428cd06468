"""Re-finding a highlight after the text it was made on has changed.

An annotation keeps the W3C Web Annotation text-quote selector (the quote with a little
context before and after) and a text-position selector (start, end). When an article is
updated, the position is tried first, then every occurrence of the quote is scored by how
well its context matches and how near it lies to the old position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT = 32


@dataclass(frozen=True)
class Selector:
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


def select(text: str, start: int, end: int) -> Selector:
    """The selector for text[start:end], with up to CONTEXT characters of context."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"range {start}-{end} is outside the text")
    return Selector(
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
    )


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _candidates(text: str, quote: str) -> list[tuple[int, int]]:
    spans = []
    at = text.find(quote)
    while at != -1:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    if spans:
        return spans
    # The same words with different spacing or line breaks.
    words = quote.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(word) for word in words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def reanchor(text: str, old: Selector) -> Selector | None:
    """Where the highlight stands in the new text, or None when it cannot be re-found."""
    if text[old.start : old.end] == old.quote:
        here = select(text, old.start, old.end)
        if here.prefix == old.prefix and here.suffix == old.suffix:
            return here
    best: tuple[float, int, int] | None = None
    for start, end in _candidates(text, old.quote):
        context = _similarity(old.prefix, text[max(0, start - CONTEXT) : start]) + _similarity(
            old.suffix, text[end : end + CONTEXT]
        )
        nearness = 1.0 / (1.0 + abs(start - old.start) / 100.0)
        score = context * 2 + nearness
        if best is None or score > best[0]:
            best = (score, start, end)
    if best is None:
        return None
    return select(text, best[1], best[2])
