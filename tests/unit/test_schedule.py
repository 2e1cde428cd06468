"""The scheduler's pure parts: durations, hints parsed defensively, the posting rate."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tidings.ingest.schedule import (
    HINT_MAX,
    Policy,
    decide,
    feed_hint,
    format_duration,
    http_hint,
    parse_duration,
    posting_gap,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def test_durations_read_and_written() -> None:
    assert parse_duration("90s") == 90
    assert parse_duration("15m") == 900
    assert parse_duration(" 1h30m ") == 5400
    assert parse_duration("2D") == 2 * 86400
    assert format_duration(5400) == "1h30m" and format_duration(604800) == "1w"
    for bad in ("", "soon", "5", "1h-2m", "m5", "1y", "9999999999h"):
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_feed_hints_parsed_defensively() -> None:
    assert feed_hint("60", None, None) == 3600
    assert feed_hint(None, "hourly", "2") == 1800
    assert feed_hint(None, " Daily ", None) == 86400
    assert feed_hint("30", "daily", "1") == 86400  # the longer one
    assert feed_hint("999999999", None, None) == HINT_MAX
    for ttl, period, frequency in (
        ("-1", None, None), ("1e9", None, None), ("٣", None, None), ("0", None, None),
        (None, "fortnightly", None), (None, "daily", "0"), (None, "daily", "x"),
    ):
        assert feed_hint(ttl, period, frequency) is None


def test_http_hints() -> None:
    assert http_hint({"cache-control": "public, max-age=600"}) == 600
    assert http_hint({"cache-control": "no-cache, max-age=600"}) is None
    assert http_hint({"cache-control": "s-maxage=60"}) is None
    date = "Mon, 02 Mar 2026 12:00:00 GMT"
    assert http_hint({"expires": "Mon, 02 Mar 2026 14:00:00 GMT", "date": date}) == 7200
    assert http_hint({"expires": "0", "date": date}) is None
    assert http_hint({"expires": "Mon, 02 Mar 9999 14:00:00 GMT", "date": date}) == HINT_MAX
    assert http_hint({"expires": "Mon, 02 Mar 2026 10:00:00 GMT", "date": date}) is None


def test_the_posting_rate_is_the_median_gap_and_slows_when_quiet() -> None:
    hourly = [(NOW - timedelta(hours=i)).isoformat() for i in range(10)]
    assert posting_gap(hourly, NOW) == 3600
    assert posting_gap(hourly[:1] + [None, "garbage"], NOW) is None
    quiet = [(NOW - timedelta(days=10, hours=i)).isoformat() for i in range(10)]
    assert posting_gap(quiet, NOW) >= 5 * 86400
    future = [(NOW + timedelta(days=i)).isoformat() for i in range(1, 5)]
    assert posting_gap(future + hourly, NOW) == 3600  # items dated ahead are not counted


def test_decisions() -> None:
    policy = Policy(min_interval=900, max_interval=86400)
    minutely = [(NOW - timedelta(minutes=i)).isoformat() for i in range(10)]
    assert decide(policy, now=NOW, published=minutely).interval == 900
    assert decide(policy, now=NOW).reason == "default (no dated items yet)"
    assert decide(policy, now=NOW, known_gap=7200).interval == 7200
    hinted = decide(policy, now=NOW, published=minutely, hints=[("ttl", 5000), ("age", 4000)])
    assert (hinted.interval, hinted.reason) == (5000, "ttl 1h23m")
    assert decide(policy, now=NOW, user_interval=60, hints=[("ttl", 5000)]).interval == 60
    with pytest.raises(ValueError):
        Policy(min_interval=100, max_interval=50)
