"""The schedule's server and feed values are hostile (issue 12, audit of issue 14's parsing):
Cache-Control, Expires, Date, Retry-After, <ttl> and sy:update* of any content give a next
fetch within the documented bounds (ingest/schedule.py) and never raise; on a real server, a
feed sending them touches no other feed."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tidings.ingest.backoff import BACKOFF_MAX, retry_delay
from tidings.ingest.fetch import retry_after_seconds
from tidings.ingest.refresh import refresh
from tidings.ingest.schedule import (
    HINT_MAX,
    Policy,
    decide,
    feed_hint,
    http_hint,
    retry_after_wait,
)
from tidings.storage import Library
from tests.integration.feedserver import FeedServer
from tests.integration.test_feeds_refresh import ITEM, rss

NOW = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
POLICY = Policy()
HOLD_MAX = 30.0  # seconds a held response waits at most
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

HOSTILE_VALUES = [
    "99999999999999999999", str(2**63), str(2**64 + 1), "-1", "-99999999999", "0", "NaN", "nan",
    "inf", "-inf", "Infinity", "1e308", "1e400", "max-age=99999999999999999999", "max-age=-5",
    "max-age=nan", "max-age=inf", "max-age=1e9", "max-age=٣٣", "max-age=5, max-age=999999999",
    "public, max-age=\"60\"", "Thu, 01 Jan 0000 00:00:00 GMT", "Mon, 01 Jan 0001 00:00:00 +2359",
    "Fri, 31 Dec 9999 23:59:59 GMT", "Fri, 31 Dec 9999 23:59:59 -2359", "Sun, 32 Foo 2026 99:99:99",
    "Mon, 01 Jan 99999 00:00:00 GMT", "yesterday", "\x00\x1b[31m", "é" * 50, "x" * 100_000,
]
values = st.one_of(
    st.none(), st.text(max_size=200), st.sampled_from(HOSTILE_VALUES),
    st.from_regex(r"-?[0-9]{1,40}(\.[0-9]{0,5})?", fullmatch=True),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.strftime("%a, %d %b %Y %H:%M:%S %z")),
)


def headers(**fields: str | None) -> httpx.Headers:
    """Headers as httpx builds them from a server's bytes (UTF-8 and all)."""
    return httpx.Headers([(name.replace("_", "-").encode(), value.encode("utf-8", "surrogatepass"))
                          for name, value in fields.items() if value is not None])


@SETTINGS
@given(cache_control=values, expires=values, date=values, ttl=values, period=values,
       frequency=values)
@example(cache_control="max-age=99999999999999999999", expires=None, date=None, ttl=str(2**64),
         period="hourly", frequency="0")
@example(cache_control=None, expires="Fri, 31 Dec 9999 23:59:59 -2359",
         date="Mon, 01 Jan 0001 00:00:00 +2359", ttl="-5", period="yearly", frequency="-1")
def test_any_freshness_values_give_a_next_fetch_within_bounds(
    cache_control: str | None, expires: str | None, date: str | None, ttl: str | None,
    period: str | None, frequency: str | None,
) -> None:
    server = http_hint(headers(cache_control=cache_control, expires=expires, date=date), NOW)
    feed = feed_hint(ttl, period, frequency)
    for hint in (server, feed):
        assert hint is None or (isinstance(hint, int) and 1 <= hint <= HINT_MAX)
    decision = decide(POLICY, now=NOW, hints=[("the feed asks for", feed),
                                              ("the server asks for", server)])
    assert POLICY.min_interval <= decision.interval <= HINT_MAX
    due = datetime.fromisoformat(decision.due(NOW))
    assert NOW + timedelta(seconds=POLICY.min_interval) <= due <= NOW + timedelta(seconds=HINT_MAX)


@SETTINGS
@given(value=values, failures=st.integers(min_value=-5, max_value=10**6))
@example(value="nan", failures=1)
@example(value=str(2**63), failures=2**31)
def test_any_retry_after_gives_a_retry_within_a_day(value: str | None, failures: int) -> None:
    seconds = retry_after_seconds(value)
    assert seconds is None or 0 <= seconds
    delay = retry_delay(failures, retry_after_wait(seconds))
    assert 0 <= delay <= BACKOFF_MAX


@SETTINGS
@given(st.one_of(st.floats(), st.integers(min_value=-(2**70), max_value=2**70), st.none()))
def test_retry_after_wait_clamps_any_number(seconds: float | None) -> None:
    wait = retry_after_wait(seconds)
    assert wait is None or 0 <= wait <= HINT_MAX


def test_nan_is_no_retry_after() -> None:  # min/max let NaN through before
    assert retry_after_wait(float("nan")) is None


# -- a hostile server on 127.0.0.1 ----------------------------------------------------------


def raw_response(server: FeedServer, path: str, status: int, lines: list[bytes],
                 body: bytes = b"", hold: threading.Event | None = None) -> str:
    """path answers with exactly these header lines (duplicates, raw UTF-8 bytes and all);
    with `hold`, only once it is set (or after HOLD_MAX seconds)."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        if hold is not None:
            hold.wait(HOLD_MAX)
        head = [f"HTTP/1.1 {status} Hostile".encode(), *lines,
                f"Content-Length: {len(body)}".encode(), b"Content-Type: application/rss+xml"]
        handler.wfile.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        handler.close_connection = True

    server.handlers[path] = handle
    return server.url(path)


def feed_body(name: str, extra: str = "") -> bytes:
    """A one-item feed, with `extra` (ttl, sy:update*) in its channel."""
    text = rss([{**ITEM, "guid": name, "title": f"Item of {name}"}], name)
    text = text.replace("<rss version='2.0'", "<rss version='2.0' "
                        "xmlns:sy='http://purl.org/rss/1.0/modules/syndication/'")
    return text.replace("<channel>", f"<channel>{extra}").encode()


async def test_a_hostile_server_gets_clamped_schedules_and_stalls_no_other_feed(
    feed_server: FeedServer, library_path: Path
) -> None:
    good = [feed_server.add(f"/good{i}.xml", feed_body(f"good{i}")) for i in range(4)]
    fresh = {  # 200 with hostile freshness headers or feed elements: stored, clamped
        "huge-max-age": [b"Cache-Control: max-age=99999999999999999999999"],
        "duplicated": [b"Cache-Control: max-age=5", b"Cache-Control: max-age=9999999999",
                       b"Expires: Fri, 31 Dec 9999 23:59:59 GMT", b"Expires: 0"],
        "year-9999": [b"Expires: Fri, 31 Dec 9999 23:59:59 -2359",
                      b"Date: Mon, 01 Jan 0001 00:00:00 +2359"],
        "year-0": [b"Expires: Thu, 01 Jan 0000 00:00:00 GMT", b"Date: garbage \xff\xfe"],
        "non-ascii": ["Cache-Control: max-age=٣٣٣٣٣٣".encode(), "Expires: é".encode()],
        "long": [b"Cache-Control: " + b"max-age=1, " * 700 + b"max-age=604800000"],
    }
    channel = {
        "huge-max-age": f"<ttl>{2**64}</ttl>",
        "duplicated": "<ttl>-5</ttl><ttl>NaN</ttl>",
        "year-9999": "<sy:updatePeriod>yearly</sy:updatePeriod><sy:updateFrequency>0</sy:updateFrequency>",
        "year-0": "<sy:updatePeriod>hourly\u202e</sy:updatePeriod><sy:updateFrequency>1e9</sy:updateFrequency>",
        "non-ascii": "<ttl>١٢</ttl>",
        "long": "<ttl>" + "9" * 5000 + "</ttl>",
    }
    stored = [raw_response(feed_server, f"/{name}", 200, lines, feed_body(name, channel[name]))
              for name, lines in fresh.items()]
    failing = [  # 503 and 429 with hostile Retry-After values: recorded, retried within a day
        raw_response(feed_server, f"/retry{i}", 503 if i % 2 else 429, [b"Retry-After: " + value])
        for i, value in enumerate([
            str(2**64).encode(), b"-1", b"NaN", b"inf", b"1e400", b"\xff\xfe",
            b"Fri, 31 Dec 9999 23:59:59 GMT", b"Thu, 01 Jan 0000 00:00:00 GMT",
        ])
    ]
    failing.append(raw_response(feed_server, "/retry-twice", 503,
                                [b"Retry-After: 5", b"Retry-After: 99999999999999999999"]))
    # The stalled feed answers once every other feed is done: had the refresh waited for it,
    # it would answer after HOLD_MAX seconds, before the others.
    others_done = threading.Event()
    stalled = raw_response(feed_server, "/stalled", 503, [b"Retry-After: 1e400"], hold=others_done)
    library = Library.open(library_path)
    ids = {url: library.add_feed(url) for url in [*good, *stored, *failing, stalled]}
    order: list[int] = []

    def progress(p: Any) -> None:
        order.append(p.feed_id)
        if len(order) == len(ids) - 1:
            others_done.set()

    summary = await refresh(library_path, fetch_pages=False, progress=progress)

    assert summary.feeds_fetched == len(good) + len(stored)
    assert summary.feeds_failed == len(failing) + 1
    assert order[-1] == ids[stalled]  # the others did not wait for it
    rows = {row["url"]: row for row in library.feeds_overview()}
    now = datetime.now(timezone.utc)
    for url in [*good, *stored]:
        row = rows[url]
        assert row["articles"] == 1 and row["last_error"] is None, row
        due = datetime.fromisoformat(row["next_due"])
        assert now + timedelta(seconds=POLICY.min_interval - 120) <= due
        assert due <= now + timedelta(seconds=HINT_MAX, minutes=2), (url, row["next_due"])
    for url in [*failing, stalled]:
        row = rows[url]
        assert row["last_error"].startswith("HTTP ") and row["error_count"] == 1, (url, row["last_error"])  # what it served
        due = datetime.fromisoformat(row["next_due"])
        assert due <= now + timedelta(seconds=BACKOFF_MAX, minutes=2), (url, row["next_due"])
    again = await refresh(library_path, fetch_pages=False)  # and the next refresh is fine too
    assert again.feeds_failed <= len(failing) + 1
    library.close()

