"""How long a failed feed waits: ingest decides it, storage records when the feed is due."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tidings.ingest.backoff import BACKOFF_BASE, BACKOFF_MAX, retry_delay
from tidings.storage import FetchOutcome, Library


def test_failures_in_a_row_double_the_wait_up_to_a_day() -> None:
    assert [retry_delay(n) for n in (1, 2, 3)] == [BACKOFF_BASE, 2 * BACKOFF_BASE, 4 * BACKOFF_BASE]
    assert retry_delay(40) == BACKOFF_MAX


def test_a_servers_retry_after_is_honoured_within_bounds() -> None:
    assert retry_delay(1, 120.0) == 120.0
    assert retry_delay(1, -5.0) == 0.0
    assert retry_delay(1, 1e300) == BACKOFF_MAX
    assert retry_delay(3, math.inf) == 4 * BACKOFF_BASE  # not a number a server may send


def test_one_call_records_a_failure_and_a_later_success(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.db")
    feed = library.add_feed("https://example.org/feed.xml")
    before = datetime.now(timezone.utc)
    library.record_fetch(feed, FetchOutcome(503, error="Service Unavailable", retry_in=600))
    state = library.feed(feed)
    assert state["error_count"] == 1 and state["last_error"] == "Service Unavailable"
    due = datetime.fromisoformat(state["next_due"])
    assert before + timedelta(seconds=590) <= due <= before + timedelta(seconds=610)
    assert library.feeds_to_refresh() == []  # backing off
    library.record_fetch(feed, FetchOutcome(200, etag='"v2"', title="Example News"))
    state = library.feed(feed)
    assert (state["error_count"], state["next_due"], state["etag"]) == (0, None, '"v2"')
    assert state["title"] == "Example News"
    library.close()
