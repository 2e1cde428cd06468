"""Paragraph, sentence and word segmentation with offsets, identical for every backend."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# Abbreviations after which a full stop does not end a sentence.
_NO_BREAK_BEFORE_DOT = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Sgt|Rep|Sen|Gov|St|Jr|Sr|Rev|Hon|No|vs|Inc|Corp|Co|Ltd"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Adm|Cmdr|Maj|Brig|Supt)"
    r"|\b[A-Z]|(?:[A-Z]\.)+[A-Z])$"
)
# A word starts and ends with a letter or digit; inside, runs of letters and digits may be joined
# by hyphens, apostrophes, full stops and underscores ("al-Sharaa", "Biden’s", "1,000" is two words);
# capitals with full stops ("U.S.") keep their last stop. Written to begin with the first letter,
# so the regex engine skips to letters in its fast scan, and as runs, so it never backs off a
# letter (tests/unit/test_enrich_scanning.py holds it to the plain pattern).
_WORD = re.compile(r"[^\W_](?:(?<=[A-Z])\.(?:[A-Z]\.)+|[^\W_]*(?:[\-'’._]+[^\W_]+)*)")


class Span(NamedTuple):
    """A slice of a larger string (a tuple: cheap to make by the thousand)."""

    start: int
    end: int


def paragraphs(text: str) -> list[Span]:
    """Non-blank paragraphs, split on blank lines."""
    spans, pos = [], 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        spans.append(Span(pos, brk.start()))
        pos = brk.end()
    spans.append(Span(pos, len(text)))
    return [_trim(text, s) for s in spans if text[s.start:s.end].strip()]


def sentences(text: str, para: Span) -> list[Span]:
    """Sentences of one paragraph; a rule splitter, since the parser is not loaded."""
    spans, pos = [], para.start
    for end in _SENTENCE_END.finditer(text, para.start, para.end):
        if end.group().startswith(".") and _NO_BREAK_BEFORE_DOT.search(text, max(para.start, end.start() - 12),
                                                                        end.start()):
            continue
        spans.append(Span(pos, end.end()))
        pos = end.end()
    spans.append(Span(pos, para.end))
    return [_trim(text, s) for s in spans if text[s.start:s.end].strip()]


@lru_cache(maxsize=4)
def layout(text: str) -> tuple[tuple[Span, tuple[Span, ...]], ...]:
    """Paragraphs of `text` with their sentences; cached, as several steps need them."""
    return tuple((para, tuple(sentences(text, para))) for para in paragraphs(text))


class Tokens(NamedTuple):
    """The words of one text, found by one scan and shared by every pass that reads words
    (names, titles, tense cues): parallel lists, so a pass indexes instead of re-scanning."""

    starts: list[int]
    ends: list[int]
    strs: list[str]

    def within(self, span: Span) -> range:
        """Indexes of the words inside `span`. Spans end at white space or at the end of the
        text, so the words of a span are exactly those of the whole text that start inside it."""
        return range(bisect_left(self.starts, span.start), bisect_left(self.starts, span.end))


@lru_cache(maxsize=4)
def tokens(text: str) -> Tokens:
    """The words of `text` (keeping "U.S.", "al-Sharaa", "Biden’s" whole); cached, as several passes need them."""
    found = list(_WORD.finditer(text))
    return Tokens(list(map(re.Match.start, found)), list(map(re.Match.end, found)), list(map(re.Match.group, found)))


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
