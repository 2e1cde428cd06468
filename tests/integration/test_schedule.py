"""Scheduling on the loopback server with a fake clock: a feed that posts hourly is fetched
hourly, a monthly one rarely; the feed's and the server's hints are honoured and clamped; the
user's per-feed interval wins; a feed fetched successfully is not due again at once (H2)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.integration.feedserver import FeedServer
from tests.support import run_tidings
from tidings.ingest.refresh import refresh
from tidings.ingest.schedule import HINT_MAX, Policy
from tidings.storage import Library

START = datetime(2026, 3, 2, 0, 0, tzinfo=timezone.utc)


def rss(items: list[datetime], channel_extra: str = "", name: str = "feed") -> bytes:
    entries = "".join(
        f"<item><guid>{name}-{moment.isoformat()}</guid><title>{name} at {moment:%d %H:%M}"
        f"</title><pubDate>{format_datetime(moment)}</pubDate><description>Text.</description>"
        "</item>"
        for moment in items
    )
    return (
        "<?xml version='1.0'?><rss version='2.0' "
        "xmlns:sy='http://purl.org/rss/1.0/modules/syndication/'><channel>"
        f"<title>{name}</title><link>https://example.org/</link>{channel_extra}{entries}"
        "</channel></rss>"
    ).encode()


class Clock:
    def __init__(self) -> None:
        self.now = START


def posting_feed(server: FeedServer, path: str, clock: Clock, every: timedelta,
                 headers: dict[str, str] | None = None, channel_extra: str = "") -> str:
    """A feed whose newest items were posted every `every` up to the clock's now."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        steps = int((clock.now - START) / every)
        latest = START + steps * every
        body = rss([latest - i * every for i in range(10)], channel_extra, path.strip("/"))
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    server.handlers[path] = handle
    return server.url(path)


def subscribe(library_path: Path, *urls: str) -> list[int]:
    library = Library.open(library_path)
    try:
        return [library.add_feed(url) for url in urls]
    finally:
        library.close()


def feed_rows(library_path: Path) -> dict[int, dict]:
    library = Library.open(library_path)
    try:
        return {row["id"]: row for row in library.feeds_overview()}
    finally:
        library.close()


async def test_hourly_feeds_are_fetched_hourly_and_monthly_ones_rarely(
    feed_server: FeedServer, library_path: Path
) -> None:
    clock = Clock()
    hourly = posting_feed(feed_server, "/hourly", clock, timedelta(hours=1))
    monthly = posting_feed(feed_server, "/monthly", clock, timedelta(days=30))
    subscribe(library_path, hourly, monthly)
    policy = Policy(min_interval=15 * 60, max_interval=24 * 3600)
    clock.now = START + timedelta(minutes=1)
    for _step in range(3 * 24 * 2):  # three days, looking every half hour
        await refresh(library_path, policy=policy, now=clock.now, fetch_pages=False)
        clock.now += timedelta(minutes=30)

    hourly_fetches = len(feed_server.requests_to("/hourly"))
    monthly_fetches = len(feed_server.requests_to("/monthly"))
    assert 66 <= hourly_fetches <= 74  # about once an hour over 72 hours
    assert 3 <= monthly_fetches <= 4  # the longest interval: once a day
    rows = {row["url"]: row for row in feed_rows(library_path).values()}
    assert rows[hourly]["next_interval"] == 3600
    assert rows[hourly]["schedule_reason"] == "posts about every 1h"
    assert rows[monthly]["next_interval"] == 24 * 3600


async def test_feed_and_server_hints_are_honoured_and_clamped(
    feed_server: FeedServer, library_path: Path
) -> None:
    clock = Clock()
    hour = timedelta(hours=1)
    expires_at = datetime.now(timezone.utc) + timedelta(hours=5)  # against the Date header
    feeds = {
        "/ttl": posting_feed(feed_server, "/ttl", clock, hour, channel_extra="<ttl>360</ttl>"),
        "/sy": posting_feed(
            feed_server, "/sy", clock, hour,
            channel_extra="<sy:updatePeriod>daily</sy:updatePeriod>"
            "<sy:updateFrequency>2</sy:updateFrequency>",
        ),
        "/max-age": posting_feed(
            feed_server, "/max-age", clock, hour, {"Cache-Control": "public, max-age=7200"}
        ),
        "/expires": posting_feed(
            feed_server, "/expires", clock, hour,
            {"Expires": format_datetime(expires_at, usegmt=True)},
        ),
        "/huge-ttl": posting_feed(
            feed_server, "/huge-ttl", clock, hour, channel_extra="<ttl>99999999999999999</ttl>"
        ),
        "/huge-age": posting_feed(
            feed_server, "/huge-age", clock, hour, {"Cache-Control": "max-age=99999999999999"}
        ),
        "/nonsense": posting_feed(
            feed_server, "/nonsense", clock, hour,
            {"Cache-Control": "max-age=-5, max-age=abc", "Expires": "yesterday-ish"},
            channel_extra="<ttl>-3</ttl><sy:updatePeriod>fortnightly</sy:updatePeriod>",
        ),
    }
    ids = dict(zip(feeds, subscribe(library_path, *feeds.values())))
    summary = await refresh(library_path, now=clock.now, fetch_pages=False)
    assert summary.feeds_fetched == len(feeds) and summary.feeds_failed == 0
    rows = feed_rows(library_path)

    def interval(path: str) -> int:
        return rows[ids[path]]["next_interval"]

    assert interval("/ttl") == 6 * 3600
    assert rows[ids["/ttl"]]["schedule_reason"] == "the feed asks for 6h"
    assert interval("/sy") == 12 * 3600
    assert interval("/max-age") == 2 * 3600
    assert rows[ids["/max-age"]]["schedule_reason"] == "the server asks for 2h"
    assert 5 * 3600 - 120 <= interval("/expires") <= 5 * 3600 + 120  # the server's Date is real
    assert interval("/huge-ttl") == 3600  # not a hint at all: nine digits at most
    assert interval("/huge-age") == HINT_MAX  # clamped to a week
    assert interval("/nonsense") == 3600
    due = datetime.fromisoformat(rows[ids["/ttl"]]["next_due"])
    assert due == clock.now + timedelta(hours=6)

    # four hours on, only the feeds whose interval has passed are fetched again
    before = {path: len(feed_server.requests_to(path)) for path in feeds}
    clock.now += timedelta(hours=4)
    again = await refresh(library_path, now=clock.now, fetch_pages=False)
    fetched = {path for path in feeds if len(feed_server.requests_to(path)) > before[path]}
    assert fetched == {"/max-age", "/huge-ttl", "/nonsense"}
    assert again.feeds_skipped == len(feeds) - 3


async def test_retry_after_is_honoured_and_a_huge_one_clamped(
    feed_server: FeedServer, library_path: Path
) -> None:
    def unavailable(seconds: str):  # type: ignore[no-untyped-def]
        def handle(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(503)
            handler.send_header("Retry-After", seconds)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        return handle

    feed_server.handlers["/busy"] = unavailable("7200")
    feed_server.handlers["/hostile"] = unavailable("99999999999999999999")
    busy, hostile = subscribe(library_path, feed_server.url("/busy"), feed_server.url("/hostile"))
    now = START
    summary = await refresh(library_path, now=now, fetch_pages=False)
    assert summary.feeds_failed == 2
    rows = feed_rows(library_path)
    assert datetime.fromisoformat(rows[busy]["next_due"]) == now + timedelta(hours=2)
    assert datetime.fromisoformat(rows[hostile]["next_due"]) <= now + timedelta(seconds=HINT_MAX)
    later = await refresh(library_path, now=now + timedelta(hours=1), fetch_pages=False)
    assert later.feeds_failed == 0 and len(feed_server.requests_to("/busy")) == 1
    await refresh(library_path, now=now + timedelta(hours=2, seconds=1), fetch_pages=False)
    assert len(feed_server.requests_to("/busy")) == 2


async def test_a_per_feed_interval_wins_over_rate_and_hints(
    feed_server: FeedServer, library_path: Path, tmp_path: Path
) -> None:
    clock = Clock()
    url = posting_feed(
        feed_server, "/hinted", clock, timedelta(hours=1), {"Cache-Control": "max-age=86400"},
        channel_extra="<ttl>720</ttl>",
    )
    other = posting_feed(feed_server, "/other", clock, timedelta(hours=1))
    [feed_id, other_id] = subscribe(library_path, url, other)
    result = run_tidings("feed-interval", str(feed_id), str(other_id), "10m", db=library_path)
    assert result.returncode == 0, result.stderr
    assert "every 10m (set for this feed)" in result.stdout
    for _step in range(6):  # an hour, looking every ten minutes and a second
        await refresh(library_path, now=clock.now, fetch_pages=False)
        clock.now += timedelta(minutes=10, seconds=1)
    assert len(feed_server.requests_to("/hinted")) == 6
    listed = json.loads(run_tidings("feeds", "--json", db=library_path).stdout)
    shown = {row["id"]: row for row in listed}[feed_id]
    assert shown["interval"] == 600 and shown["interval_set"] == 600
    assert shown["schedule"] == "set for this feed"
    assert datetime.fromisoformat(shown["next_fetch"]) > clock.now - timedelta(minutes=10)

    back = run_tidings("feed-interval", str(feed_id), "auto", db=library_path)
    assert back.returncode == 0, back.stderr
    await refresh(library_path, [feed_id], now=clock.now, fetch_pages=False)
    assert feed_rows(library_path)[feed_id]["next_interval"] == 86400  # the hints again
    for bad in ("0s", "soon", "2x", "99999999999999999999d"):
        refused = run_tidings("feed-interval", str(feed_id), bad, db=library_path)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr, bad


async def test_a_fetched_feed_is_not_due_again_at_once(
    feed_server: FeedServer, library_path: Path
) -> None:
    """Issue 12 H2: with many feeds, the second refresh fetched all of them again."""
    clock = Clock()
    paths = [f"/feed{i}" for i in range(30)]
    urls = [posting_feed(feed_server, path, clock, timedelta(hours=1)) for path in paths]
    subscribe(library_path, *urls)
    first = await refresh(library_path, fetch_pages=False)
    assert first.feeds_fetched == 30
    second = await refresh(library_path, fetch_pages=False)
    assert (second.feeds_fetched, second.feeds_unchanged, second.feeds_skipped) == (0, 0, 30)
    assert all(len(feed_server.requests_to(path)) == 1 for path in paths)
    cli = run_tidings("refresh", db=library_path)
    assert cli.returncode == 0 and "30 feeds not due yet" in cli.stdout
    assert all(len(feed_server.requests_to(path)) == 1 for path in paths)
    forced = run_tidings("refresh", "--all", db=library_path)
    assert forced.returncode == 0 and "30 fetched" in forced.stdout
