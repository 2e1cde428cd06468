"""Build the article timeline: every dated expression of the body, resolved."""
from __future__ import annotations

import datetime as dt
import re

from tidings.enrich.date_grammar import DateExpression, find_dates
from tidings.enrich.date_resolve import after_day, from_last_date, resolve
from tidings.enrich.model import TimelineItem
from tidings.enrich.segments import Span, layout
from tidings.enrich.tense import clause_has_cue, sentence_cues, tense_for

_COORDINATED = re.compile(r",? (?:and|or|to) |, |-|–")
Dated = list[tuple[Span, list[DateExpression]]]


def dated_sentences(text: str) -> Dated:
    """The sentences of `text` that hold dated expressions, with those expressions."""
    pending = find_dates(text)
    out: Dated = []
    for para, sents in layout(text):
        if not pending:
            break
        if pending[0].start >= para.end:
            continue
        for sent in sents:
            group = []
            while pending and pending[0].start < sent.end:
                expr = pending.pop(0)
                if expr.start >= sent.start and expr.end <= sent.end:
                    group.append(expr)
            if group:
                out.append((sent, group))
    return out


def sentences_to_tag(text: str, dated: Dated) -> list[Span]:
    """Sentences where a tense-dependent date has no tense word in its clause: the tagger may help there."""
    out = []
    for sent, exprs in dated:
        cues = sentence_cues(text, sent, {})
        if any(e.needs_tense and not clause_has_cue(text, sent, e.start, e.end, cues) for e in exprs):
            out.append(sent)
    return out


def build_timeline(text: str, published: dt.date | None, dated: Dated, tags: dict[int, str]) -> list[TimelineItem]:
    """Timeline items, sorted by position; `tags` maps word offsets to Penn tags (may be empty)."""
    items = []
    last_day: dt.date | None = None
    last: tuple[dt.date, str] | None = None  # the last date named, at its precision
    for sent, exprs in dated:
        cues = sentence_cues(text, sent, tags)
        spans = [Span(e.start, e.end) for e in exprs if not e.possessive]  # "next year's budget" takes no verb
        tense, previous = None, None
        for expr in exprs:
            if expr.kind == "following" and expr.unit not in ("month", "year"):  # "the following day":
                if last_day is not None:                                         # after the last day named
                    items.append(_item(text, sent, expr.start, expr.end, *after_day(expr, last_day)))
                continue
            if expr.kind in ("following", "later"):  # "two years later", "the following month"
                counted = from_last_date(expr, *last) if last else None
                if counted:
                    items.append(_item(text, sent, expr.start, expr.end, *counted))
                    last = _point(*counted)
                continue
            if previous is None or not _COORDINATED.fullmatch(text, previous.end, expr.start):
                tense = tense_for(text, sent, expr.start, expr.end, cues, expr.possessive, spans) \
                    or _direction_of_others(exprs, expr)
            previous = expr  # "in May and June": June shares May's tense
            resolved = resolve(expr, published, tense)
            if resolved is not None:
                items.append(_item(text, sent, expr.start, expr.end, *resolved))
                if resolved[1] == "day":
                    last_day = dt.date.fromisoformat(resolved[0])
                last = _point(*resolved) or last
    return items


def _point(date: str, precision: str) -> tuple[dt.date, str] | None:
    """A resolved date as a day and its precision (a month or a year counts from its first day)."""
    if precision == "day":
        return dt.date.fromisoformat(date), precision
    if precision == "month":
        return dt.date(int(date[:4]), int(date[5:7]), 1), precision
    if precision == "year":
        return dt.date(int(date[:4]), 1, 1), precision
    return None


def _direction_of_others(exprs: list[DateExpression], expr: DateExpression) -> str | None:
    """Without a tense word, a sentence's "next Sunday" or "last week" gives the way its other dates
    point ("... next Sunday, while Auckland host Melbourne on Friday")."""
    ways = {"future" if e.rel == "next" or e.word == "tomorrow" else "past"
            for e in exprs if e is not expr and (e.rel in ("next", "last") or e.kind == "ago"
                                                 or e.word in ("tomorrow", "yesterday"))}
    return ways.pop() if len(ways) == 1 else None


def _item(text: str, sent: Span, start: int, end: int, date: str, precision: str) -> TimelineItem:
    return TimelineItem(
        expression=text[start:end], start=start, end=end, date=date, precision=precision,
        sentence=text[sent.start:sent.end], sentence_start=sent.start, sentence_end=sent.end,
    )
