"""Turn a matched expression into an ISO date, given the publication date and tense."""
from __future__ import annotations

import dataclasses
import datetime as dt

from tidings.enrich.date_grammar import DateExpression
from tidings.enrich.tense import Tense

_PAST_WORDS = {"since", "earlier", "previous"}
# A span running up to the date: ahead unless the sentence is in the past, then the nearer side.
_UP_TO_WORDS = {"until", "till", "through", "thru"}
# A target date ("schedules for December", "by March"): the tense of a past verb says little.
_TARGET_WORDS = {"for", "by"}


def resolve(expr: DateExpression, published: dt.date | None, tense: Tense | None) -> tuple[str, str] | None:
    """(ISO date, precision) or None when the expression cannot be placed."""
    if tense == "unsure":
        tense = None
    if expr.preceded_by in _PAST_WORDS:
        tense = "past"
    elif expr.preceded_by in _UP_TO_WORDS:
        tense = None if tense == "past" else "future"
    elif expr.preceded_by == "for" and expr.kind == "weekday" and not expr.rel:
        tense = "future"  # "called a strike for Wednesday": a day something is set for lies ahead
    elif expr.preceded_by in _TARGET_WORDS and tense == "past" or expr.preceded_by == "from" and tense in (
            "present", None):
        tense = None  # "schedules for December"; "the ban runs from Feb. 9": either side
    if expr.year_shift is not None and published is not None:  # "in January last year"
        expr = dataclasses.replace(expr, year=published.year + expr.year_shift)
    if expr.kind in ("iso", "date") and expr.year is not None:
        return _day(expr.year, expr.month, expr.day)
    if expr.kind in ("month", "year") and expr.year is not None:
        if expr.month is None:
            return f"{expr.year:04d}", "year"
        return f"{expr.year:04d}-{expr.month:02d}", "month"
    if published is None:
        return None
    if expr.kind == "date":
        return _month_day(expr.month, expr.day, expr.weekday, published, tense)
    if expr.kind == "month":
        return _month(expr.month, expr.rel, published, tense)
    if expr.kind == "weekday":
        return _weekday(expr.weekday, expr.rel, published, tense)
    if expr.kind == "relday":
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1}.get(
            " ".join(expr.word.split()), 0)  # "this morning" is the day of publication
        return (published + dt.timedelta(days=offset)).isoformat(), "day"
    if expr.kind == "relperiod":
        return _period(expr.unit, {"last": -1, "this": 0, "next": 1}[expr.rel], published)
    if expr.kind == "weekend":
        # Saturday and Sunday share the ISO week of the days before them.
        return _period("week", -1 if tense == "past" and published.weekday() < 5 else 0, published)
    if expr.kind == "season":
        return _season(expr.unit, expr.rel, published)
    if expr.kind == "ago" and expr.unit == "decade":
        return _period("year", -10 * expr.number, published)
    if expr.kind == "ago":
        return _period(expr.unit, -expr.number, published)
    return None


def after_day(expr: DateExpression, day: dt.date) -> tuple[str, str]:
    """"the following day" (or morning, week), "the previous day": counted from `day`."""
    step = -1 if expr.rel == "previous" else 1
    if expr.unit == "week":
        return iso_week(day + dt.timedelta(weeks=step)), "week"
    return (day + dt.timedelta(days=step)).isoformat(), "day"


def from_last_date(expr: DateExpression, last: dt.date, precision: str) -> tuple[str, str] | None:
    """"two years later", "the year before", "the following month", "in November that year": counted
    from the last date the text gave, at the precision the expression names (None when that date is
    too coarse: a month after "in 2016")."""
    step = -1 if expr.rel in ("before", "previous") else 1
    n = (expr.number or 1) * step
    if expr.rel == "that":
        return f"{last.year:04d}-{expr.month:02d}", "month"
    if expr.month is not None and expr.unit == "year":  # "in September the following year"
        return f"{last.year + n:04d}-{expr.month:02d}", "month"
    if expr.unit == "year":
        return f"{last.year + n:04d}", "year"
    if expr.unit == "month" and precision != "year":
        months = last.year * 12 + last.month - 1 + n
        return f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
    if expr.unit in ("day", "week") and precision == "day":
        day = last + dt.timedelta(days=n * (7 if expr.unit == "week" else 1))
        return (iso_week(day), "week") if expr.unit == "week" else (day.isoformat(), "day")
    return None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _day(year: int, month: int, day: int) -> tuple[str, str] | None:
    try:
        return dt.date(year, month, day).isoformat(), "day"
    except ValueError:
        return None


def _month_day(month: int, day: int, weekday: int | None, published: dt.date,
               tense: Tense | None) -> tuple[str, str] | None:
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    named_day = [c for c in candidates if c.weekday() == weekday]
    if len(named_day) == 1:  # "Tuesday, November 19": the year in which it is a Tuesday
        return named_day[0].isoformat(), "day"
    chosen = _pick(candidates, published, tense)
    return (chosen.isoformat(), "day") if chosen else None


def _month(month: int, rel: str | None, published: dt.date, tense: Tense | None) -> tuple[str, str]:
    this_month = dt.date(published.year, published.month, 1)
    candidates = [dt.date(y, month, 1) for y in (published.year - 1, published.year, published.year + 1)]
    if rel == "last":
        chosen = max(c for c in candidates if c < this_month)
    elif rel == "next":
        chosen = min(c for c in candidates if c > this_month)
    elif rel == "this":
        chosen = candidates[1]
    else:
        chosen = _pick(candidates, this_month, tense)
    return f"{chosen.year:04d}-{chosen.month:02d}", "month"


def _pick(candidates: list[dt.date], ref: dt.date, tense: Tense | None) -> dt.date | None:
    """The candidate on the side of `ref` the tense points to, else the nearest."""
    if tense == "past":
        side = [c for c in candidates if c <= ref]
        return max(side) if side else None
    if tense in ("future", "present"):
        side = [c for c in candidates if c >= ref]
        return min(side) if side else None
    return min(candidates, key=lambda c: (abs((c - ref).days), c < ref)) if candidates else None


def _weekday(weekday: int, rel: str | None, published: dt.date, tense: Tense | None) -> tuple[str, str]:
    today = published.weekday()
    if rel == "this":
        offset = weekday - today
    elif rel == "last":
        offset = -((today - weekday) % 7 or 7)
    elif rel == "next":
        offset = (weekday - today) % 7 or 7
    elif tense in ("future", "present"):
        offset = (weekday - today) % 7
    elif tense == "past":
        offset = -((today - weekday) % 7)
    else:
        offset = min((weekday - today) % 7, -((today - weekday) % 7), key=abs)
    return (published + dt.timedelta(days=offset)).isoformat(), "day"


def _period(unit: str, offset: int, published: dt.date) -> tuple[str, str]:
    if unit in ("week", "weekend"):
        return iso_week(published + dt.timedelta(weeks=offset)), "week"
    if unit == "day":
        return (published + dt.timedelta(days=offset)).isoformat(), "day"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return f"{published.year + offset:04d}", "year"



# A season's first and last month (winter runs into the next year); northern seasons, as most news.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}


def _season(name: str, rel: str, published: dt.date) -> tuple[str, str]:
    """"last spring" is the last spring that ended before publication, "next summer" the first that
    starts after it; dated by the year it starts in."""
    first, last = _SEASONS[name]
    month = published.year * 12 + published.month - 1
    def starts(y: int) -> int: return y * 12 + first - 1
    def ends(y: int) -> int: return y * 12 + last - 1
    if rel == "last":
        year = max(y for y in range(published.year - 2, published.year + 1) if ends(y) < month)
    elif rel == "next":
        year = min(y for y in range(published.year - 1, published.year + 2) if starts(y) > month)
    else:
        year = published.year - 1 if name == "winter" and published.month <= 2 else published.year
    return f"{year:04d}", "year"
