"""Build the article timeline: every dated expression of the body, resolved."""
from __future__ import annotations

import datetime as dt

from enrich.date_grammar import find_dates
from enrich.date_resolve import resolve
from enrich.model import TimelineItem
from enrich.segments import Span, paragraphs, sentences
from enrich.tense import tense_for


def build_timeline(text: str, published: dt.date | None, tags: dict[int, str]) -> list[TimelineItem]:
    """Timeline items of `text`, sorted by position; `tags` as in `tense_for`."""
    items = []
    for para in paragraphs(text):
        for sent in sentences(text, para):
            found = find_dates(text, sent.start, sent.end)
            spans = [Span(e.start, e.end) for e in found]
            for expr in found:
                tense = tense_for(text, sent, expr.start, expr.end, tags, expr.possessive, spans)
                resolved = resolve(expr, published, tense)
                if resolved is None:
                    continue
                items.append(_item(text, sent, expr.start, expr.end, *resolved))
    return items


def _item(text: str, sent: Span, start: int, end: int, date: str, precision: str) -> TimelineItem:
    return TimelineItem(
        expression=text[start:end], start=start, end=end, date=date, precision=precision,
        sentence=text[sent.start:sent.end], sentence_start=sent.start, sentence_end=sent.end,
    )
