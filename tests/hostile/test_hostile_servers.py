"""Hostile servers (issue 12, High 3): every value a server sends is parsed defensively and
clamped, and one feed's failure never touches another feed of the same refresh."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tidings.ingest.fetch import (
    MAX_RETRY_AFTER,
    FetchError,
    content_length,
    fetch,
    make_client,
    retry_after_seconds,
)
from tidings.ingest.refresh import refresh
from tidings.storage import Library
from tests.integration.feedserver import FeedServer
from tests.integration.test_feeds_refresh import ITEM, rss


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        ("99999999999999999999", float(MAX_RETRY_AFTER)),
        ("9" * 5000, float(MAX_RETRY_AFTER)),
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("²", None),
        ("١٢", None),
        ("Fri, 31 Dec 9999 23:59:59 GMT", float(MAX_RETRY_AFTER)),
        ("Mon, 01 Jan 1900 00:00:00 GMT", 0.0),
        ("Mon, 01 Jan 99999 00:00:00 GMT", None),
        ("", None),
    ],
)
def test_retry_after_is_clamped_or_ignored(value: str, expected: float | None) -> None:
    assert retry_after_seconds(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("10", 10), ("²", None), ("-1", None), ("1e9", None), ("9" * 40, 10**19), (None, None)],
)
def test_content_length_takes_only_ascii_digits(value: str | None, expected: int | None) -> None:
    assert content_length(value) == expected


async def test_a_hostile_503_is_one_line_error_with_a_clamped_wait(feed_server: FeedServer) -> None:
    url = feed_server.respond(
        "/busy", 503, "Broken [/] closing \x1b[31m",
        headers={"Retry-After": "99999999999999999999"},
    )
    async with make_client(2) as client:
        with pytest.raises(FetchError) as caught:
            await fetch(client, url)
    assert caught.value.retry_after == MAX_RETRY_AFTER
    assert "\x1b" not in str(caught.value) and "\n" not in str(caught.value)
    assert "Broken [/] closing" in str(caught.value)


async def test_one_hostile_feed_touches_no_other_and_its_failure_is_recorded(
    feed_server: FeedServer, library_path: Path
) -> None:
    good = [feed_server.add(f"/good{i}.xml", rss([{**ITEM, "guid": f"g{i}"}], f"Good {i}"))
            for i in range(3)]
    huge = feed_server.respond(
        "/huge", 503, "Service Unavailable", headers={"Retry-After": "99999999999999999999"}
    )
    negative = feed_server.respond("/negative", 429, "Slow", headers={"Retry-After": "-30"})
    dated = feed_server.respond(
        "/dated", 503, "Later", headers={"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"}
    )
    library = Library.open(library_path)
    ids = {url: library.add_feed(url) for url in [*good, huge, negative, dated]}

    summary = await refresh(library_path)

    assert (summary.feeds_fetched, summary.feeds_failed) == (3, 3)
    for _ in range(2):  # and the next refresh neither dies nor refetches the failures early
        again = await refresh(library_path)
        assert again.feeds_failed == 0
    rows = {row["url"]: row for row in library.feeds_overview()}
    for url in good:
        assert rows[url]["articles"] == 1 and rows[url]["last_error"] is None
    now = datetime.now(timezone.utc)
    for url in (huge, negative, dated):
        row = rows[url]
        assert row["last_error"] and row["error_count"] == 1, row
        due = datetime.fromisoformat(row["next_due"])
        assert now < due <= now + timedelta(days=1, minutes=1), (url, row["next_due"])
    assert ids
    library.close()
