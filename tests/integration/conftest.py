"""Fixtures for integration tests: a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.feedserver import FeedServer
from tests.integration.ttrss_server import TtRss
from tests.integration.ttrss_server import unavailable as ttrss_unavailable


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


@pytest.fixture(scope="session")
def ttrss() -> Iterator[TtRss]:
    """One real tt-rss server per test session (skipped only where it cannot be installed)."""
    reason = ttrss_unavailable()
    if reason:
        pytest.skip(reason)
    # not under pytest's base folder: pytest sets /tmp/pytest-of-<user> back to 0700 whenever a
    # session starts, and PostgreSQL and PHP run as their own users
    folder = Path(tempfile.mkdtemp(prefix="tidings-ttrss-"))
    server = TtRss(folder / "server", remove=folder)  # stopped and removed even if we are killed
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def ttrss_feeds() -> Iterator[FeedServer]:
    """The feeds tt-rss fetches, served by our loopback feed server."""
    with FeedServer() as server:
        yield server
