"""Every feed of three projects' test suites, served over HTTP and refreshed in one go.

No feed may crash the refresh; each one either stores entries or records an error (or truly
has no entries); titles and links agree with gofeed's expected parses.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tidings.ingest.refresh import RefreshSummary, refresh
from tidings.storage import Library
from tests.integration.feedserver import FeedServer
from tests.support import SHARED

CORPORA = SHARED / "corpora"
AGREEMENT_FLOOR = 0.9


@dataclass
class CorpusFeed:
    path: Path
    url_path: str
    expected: Path | None  # gofeed's parse of it


def corpus_feeds() -> list[CorpusFeed]:
    """The feed files of the three corpora, each with a unique path on the test server."""
    feeds: list[CorpusFeed] = []
    for path in sorted((CORPORA / "feedparser" / "tests").rglob("*")):
        if path.is_file():
            feeds.append(CorpusFeed(path, "/fp/" + str(path.relative_to(CORPORA)), None))
    gofeed = CORPORA / "gofeed" / "testdata"
    for path in sorted(gofeed.rglob("*")):
        if not path.is_file() or path.name.endswith("_expected.json"):
            continue
        if path.suffix == ".json" and (path.with_suffix(".xml").exists() or "parser/json" not in
                                       str(path) and "translator/json" not in str(path)
                                       and "universal" not in str(path)):
            continue  # an expected parse, not a feed
        expected = path.with_suffix(".json") if path.suffix == ".xml" else path.with_name(
            path.stem + "_expected.json"
        )
        feeds.append(CorpusFeed(path, "/gf/" + str(path.relative_to(gofeed)),
                                expected if expected.exists() else None))
    for path in sorted((CORPORA / "newsboat" / "data").iterdir()):
        if path.suffix in {".xml", ".atom", ".rss"}:
            feeds.append(CorpusFeed(path, "/nb/" + path.name, None))
    return feeds


def _feedparser_headers() -> dict[str, dict[str, str]]:
    index = json.loads((CORPORA / "feedparser" / "index.json").read_text())
    return {"feedparser/tests/" + item["file"]: item.get("http_headers") or {} for item in index}


def serve_corpus(server: FeedServer) -> list[CorpusFeed]:
    headers = _feedparser_headers()
    feeds = corpus_feeds()
    for feed in feeds:
        extra = dict(headers.get(str(feed.path.relative_to(CORPORA)), {}))
        content_type = extra.pop("Content-type", None) or extra.pop("Content-Type", None)
        server.add(feed.url_path, feed.path.read_bytes(), content_type or "application/xml",
                   headers=extra)
    return feeds


@dataclass
class CorpusRun:
    feeds: list[CorpusFeed]
    ids: dict[str, int]
    summary: RefreshSummary
    library_path: Path
    server: FeedServer


def run_corpus(server: FeedServer, library_path: Path) -> CorpusRun:
    """Subscribe to every corpus feed and refresh them all once."""
    feeds = serve_corpus(server)
    library = Library.open(library_path)
    ids = {feed.url_path: library.add_feed(server.url(feed.url_path)) for feed in feeds}
    library.close()
    summary = asyncio.run(
        refresh(library_path, concurrency=32, per_host=0, fetch_pages=False)
    )
    return CorpusRun(feeds, ids, summary, library_path, server)


def _norm(text: object) -> str:
    """A title as a reader sees it: markup and escaping removed (gofeed keeps both)."""
    value = " ".join(str(text or "").split())
    for _ in range(3):
        unescaped = html.unescape(re.sub(r"<[^>]*>", "", value))
        if unescaped == value:
            break
        value = " ".join(unescaped.split())
    return value


def _expected_link(item: dict[str, Any]) -> str | None:
    if isinstance(item.get("link"), str):
        return item["link"]
    links = item.get("links")
    if isinstance(links, list):
        hrefs = [link.get("href") if isinstance(link, dict) else link for link in links]
        for link in links:
            if isinstance(link, dict) and link.get("rel", "alternate") == "alternate":
                return link.get("href")
        return next((h for h in hrefs if isinstance(h, str)), None)
    return None


def gofeed_agreement(run: CorpusRun) -> tuple[int, int, list[str]]:
    """(agreeing, compared, disagreements) over feed titles, item titles and item links."""
    library = Library.open(run.library_path)
    agree = compared = 0
    misses: list[str] = []

    def check(what: str, expected: str, got: set[str]) -> None:
        nonlocal agree, compared
        compared += 1
        if expected in got:
            agree += 1
        else:
            misses.append(f"{what}: expected {expected!r}, got {sorted(got)[:3]!r}")

    try:
        for feed in run.feeds:
            if feed.expected is None:
                continue
            try:
                expected = json.loads(feed.expected.read_text())
            except (ValueError, UnicodeDecodeError):
                continue
            if not isinstance(expected, dict):
                continue
            feed_id = run.ids[feed.url_path]
            row = library.feed(feed_id)
            rows = library.query(
                "select title, url from articles where feed_id = ? order by id", [feed_id]
            )
            name = feed.url_path
            if _norm(expected.get("title")):
                check(f"{name} feed title", _norm(expected["title"]), {_norm(row["title"])})
            items = expected.get("items") or expected.get("entries") or []
            titles = {_norm(r["title"]) for r in rows}
            links = {r["url"] for r in rows}
            for item in items if isinstance(items, list) else []:
                if _norm(item.get("title")):
                    check(f"{name} item title", _norm(item["title"]), titles)
                link = _expected_link(item)
                if link and re.match(r"https?://", link):
                    check(f"{name} item link", link, links)
    finally:
        library.close()
    return agree, compared, misses


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusRun]:
    with FeedServer() as server:
        yield run_corpus(server, tmp_path_factory.mktemp("corpus") / "library.db")


def _has_entries(path: Path) -> bool:
    data = path.read_bytes().replace(b"\x00", b"").lower()
    return bool(re.search(rb"<(\w+:)?(item|entry)[\s>/]", data)) or b'"items"' in data


def test_every_feed_stores_entries_or_records_an_error(corpus_run: CorpusRun) -> None:
    summary = corpus_run.summary
    assert summary.feeds_fetched + summary.feeds_failed == len(corpus_run.feeds)
    library = Library.open(corpus_run.library_path)
    counts = dict(
        library.db.execute("select feed_id, count(*) from articles group by feed_id").fetchall()
    )
    silent = []
    for feed in corpus_run.feeds:
        row = library.feed(corpus_run.ids[feed.url_path])
        assert row["last_fetched"], feed.url_path
        if not counts.get(row["id"]) and not row["last_error"] and _has_entries(feed.path):
            silent.append(feed.url_path)
    library.close()
    assert not silent, f"{len(silent)} feeds lost their entries silently: {silent[:10]}"
    assert all("\n" not in error.error and "Traceback" not in error.error
               for error in summary.errors)


def test_titles_and_links_agree_with_gofeed(corpus_run: CorpusRun) -> None:
    agree, compared, misses = gofeed_agreement(corpus_run)
    assert compared > 100
    assert agree / compared >= AGREEMENT_FLOOR, misses[:20]
