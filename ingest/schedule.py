"""When each feed is fetched next.

A feed's interval is the one its user set, if any; otherwise it follows the feed's posting
rate (the median gap between its recent items), kept between the policy's bounds. The feed
and its server may ask to be fetched less often (`<ttl>`, `sy:updatePeriod` and
`sy:updateFrequency`, `Cache-Control: max-age`, `Expires`): the longer of the two wins, up to
HINT_MAX, so a hostile "come back in 300 years" holds a feed back a week at most. Every value
from a feed or server is parsed defensively: anything odd is no hint at all. So whatever a
server sends, a feed fetched successfully is due again between the policy's shortest interval
and HINT_MAX (a week) later, or after the interval its user set; one that failed, between now
and a day later (ingest/backoff.py, Retry-After clamped by `retry_after_wait`).

Pure functions of their arguments (the clock included), so tests can run a month in a loop.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from statistics import median

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
WEEK = 7 * DAY
HINT_MAX = WEEK  # no hint holds a feed back longer than this
USER_MIN = 10  # the shortest interval a user may set for a feed, seconds
USER_MAX = 365 * DAY
RECENT_ITEMS = 20  # the posting rate is learnt from this many newest items

_UNITS = {"s": 1, "m": MINUTE, "h": HOUR, "d": DAY, "w": WEEK}
_DURATION = re.compile(r"([0-9]{1,9})\s*([smhdw])")
_PERIODS = {"hourly": HOUR, "daily": DAY, "weekly": WEEK, "monthly": 30 * DAY,
            "yearly": 365 * DAY}
# ASCII digits only (Python's \d also takes "٣"); sixteen digits and more is no hint at all
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?([0-9]{1,15})\"?\s*(?:$|[,;\s])", re.I)
MAX_HEADER_CHARS = 4096  # a longer Cache-Control, Expires or Date is no hint at all


@dataclass(frozen=True)
class Policy:
    """The bounds of adaptive scheduling, and the interval when a feed's dates say nothing."""

    min_interval: int = 15 * MINUTE
    max_interval: int = DAY
    default_interval: int = HOUR

    def __post_init__(self) -> None:
        if not 0 < self.min_interval <= self.max_interval:
            raise ValueError("the shortest interval must be positive and at most the longest")


@dataclass(frozen=True)
class Decision:
    interval: int  # seconds until the next fetch
    reason: str  # for `tidings feeds`: why this interval

    def due(self, now: datetime) -> str:
        return (now + timedelta(seconds=self.interval)).isoformat()


def parse_duration(text: str) -> int:
    """Seconds in "90s", "15m", "2h", "1d", "1w" or a combination ("1h30m"); ValueError else."""
    cleaned = text.strip().lower().replace(" ", "")
    if not cleaned:
        raise ValueError("an empty duration")
    position, total = 0, 0
    for match in _DURATION.finditer(cleaned):
        if match.start() != position:
            break
        total += int(match.group(1)) * _UNITS[match.group(2)]
        position = match.end()
    if position != len(cleaned):
        raise ValueError(f"{text.strip()!r} is not a duration like 90s, 15m, 2h, 1d or 1w")
    return total


def format_duration(seconds: int) -> str:
    """The largest whole units: 5400 -> "1h30m"."""
    if seconds <= 0:
        return "0s"
    parts = []
    for unit, size in (("w", WEEK), ("d", DAY), ("h", HOUR), ("m", MINUTE), ("s", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts[:2])


def _clamp(value: float, low: int, high: int) -> int:
    return int(min(max(value, low), high))


# -- hints ---------------------------------------------------------------------------------


def _small_int(value: str | None) -> int | None:
    """A non-negative integer of at most nine digits, else None."""
    if value is None:
        return None
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        return None
    return int(value)


def feed_hint(
    ttl: str | None, update_period: str | None, update_frequency: str | None
) -> int | None:
    """Seconds the feed itself asks readers to wait: RSS `<ttl>` (minutes), or the
    syndication module's period divided by its frequency. The longer one, or None."""
    hints: list[int] = []
    minutes = _small_int(ttl)
    if minutes:
        hints.append(minutes * MINUTE)
    period = _PERIODS.get((update_period or "").strip().lower())
    if period is not None:
        frequency = _small_int(update_frequency) if update_frequency is not None else 1
        if frequency:
            hints.append(max(period // frequency, 1))
    return min(max(hints), HINT_MAX) if hints else None


def http_hint(headers: Mapping[str, str], now: datetime | None = None) -> int | None:
    """Seconds the server says the document stays fresh: Cache-Control max-age, else Expires
    (counted from the server's Date when it sends one). None if neither gives a positive time."""
    cache_control = headers.get("cache-control") or ""
    if len(cache_control) > MAX_HEADER_CHARS:
        return None
    if re.search(r"no-store|no-cache", cache_control, re.I):
        return None
    match = _MAX_AGE.search(" " + cache_control + " ")
    if match:
        seconds = int(match.group(1))
        return min(seconds, HINT_MAX) if seconds > 0 else None
    expires = _http_date(headers.get("expires"))
    if expires is None:
        return None
    base = _http_date(headers.get("date")) or now or datetime.now(timezone.utc)
    try:
        seconds = (expires - base).total_seconds()
    except OverflowError:
        return None
    return _clamp(seconds, 1, HINT_MAX) if seconds > 0 else None


def _http_date(value: str | None) -> datetime | None:
    if not value or len(value) > 100 or not value.isascii():
        return None
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def retry_after_wait(seconds: float | None) -> float | None:
    """A server's Retry-After, clamped to what a reader should honour (at most HINT_MAX);
    None for none or not a number (NaN slips through min and max)."""
    if seconds is None:
        return None
    try:
        value = float(seconds)
    except (OverflowError, ValueError, TypeError):
        return None
    return None if math.isnan(value) else min(max(value, 0.0), float(HINT_MAX))


# -- deciding ------------------------------------------------------------------------------


def posting_gap(published: Iterable[str | None], now: datetime) -> float | None:
    """The median gap in seconds between the newest items (dated up to now), or None when
    fewer than two are dated. A feed quiet for longer than its usual gap counts as slower."""
    times: list[datetime] = []
    for value in published:
        if not value:
            continue
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        if moment <= now + timedelta(minutes=5):
            times.append(moment)
    times = sorted(set(times), reverse=True)[:RECENT_ITEMS]
    if len(times) < 2:
        return None
    gaps = [(a - b).total_seconds() for a, b in zip(times, times[1:])]
    gap = median(gaps)
    quiet = (now - times[0]).total_seconds()
    return max(gap, quiet / 2) if quiet > 2 * gap else gap


def decide(
    policy: Policy,
    *,
    now: datetime,
    user_interval: int | None = None,
    published: Iterable[str | None] = (),
    hints: Iterable[tuple[str, int | None]] = (),
    known_gap: float | None = None,
) -> Decision:
    """The next interval: the user's if set, else the posting rate (from the items given,
    or `known_gap` learnt at an earlier fetch) within bounds, else the default; lengthened
    to the longest hint."""
    if user_interval:
        return Decision(user_interval, "set for this feed")
    gap = posting_gap(published, now)
    if gap is None:
        gap = known_gap
    if gap:
        interval = _clamp(gap, policy.min_interval, policy.max_interval)
        reason = f"posts about every {format_duration(int(gap))}"
    else:
        interval = _clamp(policy.default_interval, policy.min_interval, policy.max_interval)
        reason = "default (no dated items yet)"
    for name, seconds in hints:
        if seconds and seconds > interval:
            interval = min(int(seconds), HINT_MAX)
            reason = f"{name} {format_duration(interval)}"
    return Decision(interval, reason)
