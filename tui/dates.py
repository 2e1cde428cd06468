"""Dates as the article list shows them: short, relative when recent."""

from __future__ import annotations

from datetime import date, datetime, timezone


def _parse(published: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def short_date(published: str | None, now: datetime | None = None) -> str:
    """'5m', '3h', 'Tue', '12 Feb', '12 Feb 24': at most 9 characters."""
    if not published:
        return ""
    moment = _parse(published)
    if moment is None:
        return published[:9]
    now = now or datetime.now(timezone.utc)
    has_time = "T" in published
    age = now - moment
    if has_time and 0 <= age.total_seconds() < 3600:
        return f"{max(1, int(age.total_seconds() // 60))}m"
    if has_time and 0 <= age.total_seconds() < 86400:
        return f"{int(age.total_seconds() // 3600)}h"
    if 0 <= age.days < 7 and moment.date() != now.date():
        return moment.strftime("%a")
    if moment.year == now.year:
        return f"{moment.day} {moment:%b}"
    return f"{moment.day} {moment:%b %y}"


def long_date(published: str | None) -> str:
    """'Wednesday 26 February 2025' (with the time when it is known)."""
    if not published:
        return ""
    moment = _parse(published)
    if moment is None:
        return published
    text = f"{moment:%A} {moment.day} {moment:%B %Y}"
    if "T" in published:
        text += f", {moment:%H:%M} UTC"
    return text


def timeline_date(value: str, precision: str) -> str:
    """A timeline date at its own precision: '12 Feb 2025', 'week of 17 Feb', 'Feb 2025', '2023'."""
    try:
        if precision == "day":
            day = date.fromisoformat(value)
            return f"{day.day} {day:%b %Y}"
        if precision == "week":
            monday = week_start(value)
            return f"week of {monday.day} {monday:%b}"
        if precision == "month":
            year, month = value.split("-")[:2]
            return f"{date(int(year), int(month), 1):%b} {year}"
    except ValueError:
        pass
    return value


def week_start(value: str) -> date:
    """The Monday of an ISO week written '2025-W08'."""
    year, week = value.split("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def timeline_sort_key(value: str, precision: str) -> str:
    """A key that sorts dates of mixed precision chronologically (a week by its Monday)."""
    if precision == "week":
        try:
            return week_start(value).isoformat()
        except ValueError:
            return value
    return value
