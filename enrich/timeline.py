"""Build the article timeline: every dated expression of the body, resolved."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from tidings.enrich.date_grammar import DateExpression, find_dates
from tidings.enrich.date_resolve import after_day, from_last_date, resolve
from tidings.enrich.model import TimelineItem
from tidings.enrich.segments import Span, layout
from tidings.enrich.pinned_regex import EndAnchored
from tidings.enrich.tense import REPORTING, SCORE, clause_has_cue, sentence_cues, tense_for

_COORDINATED = re.compile(r",? (?:and|or|to) |, |-|–")
_JOINED = re.compile(r",? (?:and|or|to|through) |-|–")  # weekdays in order ("on Saturday and Sunday"), not ", "
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
    spoken = _day_of_quotes(text, published, dated, tags)
    pinned: dict[tuple[int, int], str] = {}  # (month, day) -> the date a year or a weekday fixed
    loose: list[tuple[int, DateExpression]] = []  # items of a month and day alone
    last_day: dt.date | None = None
    last: tuple[dt.date, str] | None = None  # the last date named, at its precision
    for sent, exprs in dated:
        cues = sentence_cues(text, sent, tags)
        spans = [Span(e.start, e.end) for e in exprs if not e.possessive]  # "next year's budget" takes no verb
        tense, previous = None, None
        told: dt.date | None = None  # a past date this sentence names first ("said in February it would ...")
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
            coordinated = previous is not None and bool(_COORDINATED.fullmatch(text, previous.end, expr.start))
            if not coordinated:
                tense = tense_for(text, sent, expr.start, expr.end, cues, expr.possessive, spans) \
                    or _direction_of_others(exprs, expr)
            day = spoken if spoken and expr.kind == "relday" and _quoted(text, expr.start) else published
            resolved = _in_the_years_frame(expr, exprs, published) or resolve(expr, day, tense)
            if coordinated and previous.kind == expr.kind == "weekday" and last_day is not None \
                    and items and items[-1].start == previous.start and not expr.possessive \
                    and _JOINED.fullmatch(text, previous.end, expr.start):
                resolved = _next_weekday(last_day, expr.weekday)  # "on Saturday and Sunday": Sunday follows
            previous = expr  # "in May and June": June shares May's tense
            if resolved is not None and told is not None and tense == "future":
                resolved = _ahead_of(told, expr, resolved) or resolved
            if told is None and _SAID_ON.search(text, max(0, expr.start - 20), expr.start):
                told = _past_point(expr, resolved, published)
            if resolved is not None:
                if expr.kind == "date" and (expr.year is not None or expr.weekday is not None):
                    pinned.setdefault((expr.month, expr.day), resolved[0])
                elif expr.kind == "date" and expr.year_shift is None:
                    loose.append((len(items), expr))
                items.append(_item(text, sent, expr.start, expr.end, *resolved))
                if resolved[1] == "day":
                    last_day = dt.date.fromisoformat(resolved[0])
                if not _when_said(text, expr):  # "NZC said on Tuesday ... the following month": the month
                    last = _point(*resolved) or last  # counts from the events told, not from the telling
    for k, expr in loose:  # "free from September 1" ... "will run on Tuesday, September 1"
        if (expr.month, expr.day) in pinned:
            items[k] = dataclasses.replace(items[k], date=pinned[(expr.month, expr.day)])
    return items


def _next_weekday(day: dt.date, weekday: int) -> tuple[str, str]:
    """The first `weekday` after `day`."""
    return (day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)).isoformat(), "day"


def _past_point(expr: DateExpression, resolved: tuple[str, str] | None, published: dt.date | None) -> dt.date | None:
    """The day or month a past expression of telling names, as a day, when it lies before publication
    (no year given: "September 2015" in "cars registered before September 2015" tells nothing)."""
    if resolved is None or published is None or expr.kind not in ("date", "month", "weekday", "relday") \
            or expr.year is not None:
        return None
    point = _point(*resolved)
    return point[0] if point and point[0] < published else None


def _ahead_of(told: dt.date, expr: DateExpression, resolved: tuple[str, str]) -> tuple[str, str] | None:
    """"Apollo said in February it would raise prices from April 1": what lay ahead when it was said is
    the first such date after the telling, not after publication (a month and day, or a month, alone)."""
    if expr.kind not in ("date", "month") or expr.year is not None or expr.year_shift is not None or expr.rel:
        return None
    point = _point(*resolved)
    if point is None:
        return None
    earlier = point[0].replace(year=point[0].year - 1) if not (point[0].month == 2 and point[0].day == 29) else None
    if earlier is not None and earlier > told:
        return (earlier.isoformat(), "day") if resolved[1] == "day" else (f"{earlier.year:04d}-{earlier.month:02d}", "month")
    return None


def _in_the_years_frame(expr: DateExpression, exprs: list[DateExpression], published: dt.date | None) -> tuple[str, str] | None:
    """A month alone in a sentence that names its year ("the third outage this year, after outages in
    March and April", "will open on April 12, 2025, and move to Ontario in August") is a month of
    that year (a later month than the dated one, for the second)."""
    if published is None or expr.kind != "month" or expr.rel or expr.year is not None or expr.year_shift is not None:
        return None
    if expr.month is None:
        return None
    if any(e.kind == "relperiod" and e.unit == "year" and e.rel == "this" for e in exprs):
        return f"{published.year:04d}-{expr.month:02d}", "month"  # ("next year" and "last year" frame nothing:
        # "opens in March and is finished next year")
    earlier = [e for e in exprs if e.end <= expr.start and e.year is not None and e.month is not None]
    if earlier and earlier[-1].month < expr.month:  # "will open on April 12, 2025, and move ... in August"
        return f"{earlier[-1].year:04d}-{expr.month:02d}", "month"
    return None


def _day_of_quotes(text: str, published: dt.date | None, dated: Dated, tags: dict[int, str]) -> dt.date | None:
    """The day the article's quotes were spoken, when its first sentence tells of a game or an evening
    the day before publication ("beat Hawthorn on Saturday night", "won 98-91 on Saturday", published
    on Sunday): a coach's "tonight" and "tomorrow" after the game count from the game's day, not from
    the morning the report came out (a daytime event without a score may be quoted the next day)."""
    if published is None or not dated:
        return None
    sent, exprs = dated[0]
    first = exprs[0]
    if sent.start != layout(text)[0][1][0].start or first.kind not in ("weekday", "relday") or first.rel:
        return None
    if first.kind == "relday" and " ".join(first.word.split()) not in ("last night", "yesterday"):
        return None
    day = published - dt.timedelta(days=1)
    if first.kind == "weekday" and first.weekday != day.weekday() or not (
            text[first.start:first.end].endswith(("night", "evening")) or SCORE.search(text, sent.start, sent.end)):
        return None
    if first.kind == "weekday":
        cues = sentence_cues(text, sent, tags)
        if tense_for(text, sent, first.start, first.end, cues) not in ("past", "unsure", None):
            return None
    return day


# "said on Tuesday", "announced Monday", "said in February": the date something was told.
_SAID_ON = EndAnchored(r"\b(?:" + "|".join(sorted(REPORTING)) + r")(?: on| in)? $")


def _when_said(text: str, expr: DateExpression) -> bool:
    return expr.kind in ("weekday", "relday", "date") and bool(_SAID_ON.search(text, max(0, expr.start - 20),
                                                                                 expr.start))


def _quoted(text: str, pos: int) -> bool:
    """True when `pos` lies inside quotation marks of its paragraph."""
    para = text.rfind("\n", 0, pos) + 1
    before = text[para:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1

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
