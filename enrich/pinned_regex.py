r"""Regexes whose matches begin or end with one of a few literal strings, read off the pattern itself.

The rules search, for every name of every article, the words before the name with regexes that
must end where the window ends (r"\b(?:rival|owner of) $"); the engine tries such a regex at
every position of the window. Every match ends with one of a few strings ("al ", "of "): when
the text before the name ends with none of them, there is no match and the engine need not run
(`EndAnchored`). Likewise a scan of the whole text for "Route 9" or "the town of X" need only try
where "Route" or "town" occurs, found by one scan for those heads (`LiteralHeaded`); a pattern
that begins with a lookahead or a word boundary is tried by the engine at every position.
The answers are the regexes' own (tests/unit/test_enrich_pinned_regex.py compares them on the
gold articles).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

from tidings.enrich.literal_regex import alternation

_TAIL = 8  # characters of each match's end (or start) that are read off the pattern
_MAX_TAILS = 4096  # beyond this many, a pattern is searched as it is
Tails = set[tuple[str, bool]]  # (a possible end of a match, whether what comes before it is unknown)


class EndAnchored:
    """A compiled pattern ending in "$", whose `search` skips the engine when no match can end there."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = re.compile(pattern, flags)
        self.tails = _tails_of(self.pattern)

    def search(self, text: str, pos: int, endpos: int) -> re.Match | None:
        """`re.Pattern.search(text, pos, endpos)`."""
        if self.tails is not None:
            # Ends are kept in lower case (a pattern may ignore case); "$" matches before a newline
            # that ends the window too; a non-ASCII letter may match an ASCII one ignoring case: then
            # the engine decides.
            tail = text[max(pos, endpos - _TAIL - 1):endpos]
            if tail.isascii():
                tail = tail.lower()
                if not tail.endswith(self.tails) and not (tail.endswith("\n") and tail[:-1].endswith(self.tails)):
                    return None
        return self.pattern.search(text, pos, endpos)


class LiteralHeaded:
    """A compiled pattern whose `finditer` tries only where one of its literal heads occurs."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = re.compile(pattern, flags)
        heads = _heads_of(self.pattern)
        # One scan for every head: a trie of literals, which the engine skips through quickly.
        self._heads = re.compile(alternation(heads)) if heads else None
        self.heads = heads

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        """`re.Pattern.finditer(text, pos, endpos)`: the leftmost matches that do not overlap."""
        end = len(text) if endpos is None else endpos
        if self._heads is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        done = pos
        head = self._heads.search(text, pos, end)
        while head:
            start = head.start()
            if start >= done:
                m = self.pattern.match(text, start, end)
                if m:
                    done = m.end()
                    yield m
            head = self._heads.search(text, max(start + 1, done), end)  # a head may start inside another


def _heads_of(pattern: re.Pattern) -> tuple[str, ...] | None:
    """The strings every match starts with one of (case kept), or None when there are many or none."""
    if pattern.flags & re.IGNORECASE:  # other letters may match ignoring case
        return None
    heads = _sequence(list(_parser.parse(pattern.pattern, pattern.flags)), fold=False, forward=True)
    if heads is None or len(heads) > 400 or any(not h for h, _ in heads):
        return None
    return tuple(sorted({h for h, _ in heads}))


def _tails_of(pattern: re.Pattern) -> tuple[str, ...] | None:
    """The strings every match ends with one of, or None when the pattern does not pin them down."""
    if pattern.flags & re.MULTILINE:
        return None
    items = list(_parser.parse(pattern.pattern, pattern.flags))
    if not items or items[-1] != (sre.AT, sre.AT_END):
        return None
    tails = _sequence(items, fold=True)
    if tails is None or any(not t for t, _ in tails):
        return None
    return tuple(sorted({t for t, _ in tails}))


def _sequence(items: list, fold: bool, forward: bool = False) -> Tails | None:
    """Possible ends (or, `forward`, starts) of what a sequence of parsed items matches, in lower
    case when `fold` (a letter may then stand for both cases, which the matches may hold)."""
    out: Tails = set()
    partial: Tails = {("", False)}
    for op, av in (items if forward else reversed(items)):
        pieces = _item(op, av, fold, forward)
        if pieces is None:
            return None
        following: Tails = set()
        for tail, _ in partial:
            for piece, stop in pieces:
                joined = (tail + piece)[:_TAIL] if forward else (piece + tail)[-_TAIL:]
                (out if stop or len(joined) >= _TAIL else following).add((joined, True if stop else False))
        partial = following
        if len(out) + len(partial) > _MAX_TAILS:
            return None
        if not partial:
            break
    return out | partial


def _item(op, av, fold: bool, forward: bool) -> Tails | None:
    """Possible ends (starts) of what one parsed item matches: (string, True when the item's match
    may hold more before (after) it that is not pinned down)."""
    if op is sre.LITERAL:
        return _char(chr(av), fold)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {("", False)}
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in av) and len(av) <= 8:
        out: Tails = set()
        for _, code in av:
            out |= _char(chr(code), fold)
        return out
    if op is sre.SUBPATTERN:
        if not fold and av[1] & re.IGNORECASE:  # "(?i:...)": exact heads are not known
            return None
        return _sequence(list(av[3]), fold, forward)
    if op is sre.BRANCH:
        out = set()
        for branch in av[1]:
            tails = _sequence(list(branch), fold, forward)
            if tails is None:
                return None
            out |= tails
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, sub = av
        tails = _sequence(list(sub), fold, forward)
        if tails is None:
            return None
        return {(t, True) for t, _ in tails} | ({("", False)} if low == 0 else set())
    return {("", True)}  # a character class, a back reference...: nothing pinned down


def _char(c: str, fold: bool) -> Tails:
    if not fold:
        return {(c, False)}
    return {(c.lower(), False)} if c.isascii() else {("", True)}
