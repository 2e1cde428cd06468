r"""The word just before a position, found by stepping back over its letters.

The rules ask, for every name of every article, which word comes before it ("town of X",
"spokesman John Kirby"). A regex such as r"(\w+) $" searched in a window before the name is
tried at every position of the window; stepping back from the name reads only the word
itself and finds the same one (tests/unit/test_enrich_words_before.py compares them).
"""
from __future__ import annotations

from typing import NamedTuple


class WordBefore(NamedTuple):
    """A word before a position, and whether " of" stands between it and the position."""

    word: str
    of: bool


def word_before(text: str, pos: int, window: int, extra: str = "") -> str | None:
    r"""The word (letters, digits, "_" and the characters of `extra`) that ends one space before
    `pos`, cut `window` characters before `pos`: what r"([\w<extra>]+) $" finds when searched in
    text[pos - window:pos] (a window ending in a newline: "$" matches before it)."""
    lo = max(0, pos - window)
    hi = _end(text, lo, pos)
    if hi - 1 <= lo or text[hi - 1] != " ":
        return None
    start = _word_start(text, lo, hi - 1, extra)
    return text[start:hi - 1] if start < hi - 1 else None


def word_before_of(text: str, pos: int, window: int) -> WordBefore | None:
    r"""What r"(\w+)(?: of)? $" finds when searched in text[pos - window:pos]: the word before
    " of " if there is one ("the town of X"), else the word before the space."""
    lo = max(0, pos - window)
    hi = _end(text, lo, pos)
    if hi - 4 > lo and text.startswith(" of ", hi - 4):
        start = _word_start(text, lo, hi - 4, "")
        if start < hi - 4:
            return WordBefore(text[start:hi - 4], True)
    if hi - 1 <= lo or text[hi - 1] != " ":  # (not word_before(text, hi, ...): "$" before a newline once only)
        return None
    start = _word_start(text, lo, hi - 1, "")
    return WordBefore(text[start:hi - 1], False) if start < hi - 1 else None


def _end(text: str, lo: int, pos: int) -> int:
    """Where a pattern ending in " $" must end: before a newline that ends the window."""
    return pos - 1 if pos - 1 >= lo and text[pos - 1:pos] == "\n" else pos


def _word_start(text: str, lo: int, end: int, extra: str) -> int:
    r"""The start of the run of word characters (as regex's \w) and `extra` ending at `end`, not before `lo`."""
    start = end
    while start > lo:
        c = text[start - 1]
        if not (c.isalnum() or c == "_" or c in extra):
            break
        start -= 1
    return start


def opens_sentence(text: str, start: int) -> bool:
    """Whether a name at `start` opens a sentence (only quotes, brackets and spaces after the full stop)."""
    before = text[max(0, start - 4):start].rstrip(" “\"‘'(")
    return not before or before[-1] in ".!?\n"
