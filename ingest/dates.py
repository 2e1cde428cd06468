"""Publication dates as the library stores them: ISO 8601, a date or a UTC date-time."""

from __future__ import annotations

from datetime import date, datetime, timezone


def normalise_published(value: str) -> str:
    """`2025-02-26` stays a date; a date-time becomes UTC ISO 8601. ValueError if neither."""
    value = value.strip()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD or ISO 8601)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def published_date(published: str | None) -> date | None:
    """The calendar date of a stored publication date, for resolving "on Thursday"."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
