"""Refreshing feeds: fetch concurrently, parse off the event loop, store in one worker.

Built to run inside the app's event loop as well as from the command line: network waits are
asyncio; parsing (CPU-heavy) runs in worker processes when there are many feeds, else in a
thread; every SQLite call runs in the refresh's one store worker, with its own `Library`.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import threading
import sqlite3
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from tidings.ingest.backoff import retry_delay
from tidings.ingest.children import process_pool
from tidings.ingest.dates import normalise_published
from tidings.ingest.extract import Extracted, decode_page, extract_article
from tidings.ingest.feed_entries import FeedParseError, ParsedEntry, ParsedFeed, parse_feed
from tidings.ingest.fetch import (
    CONCURRENCY,
    PER_HOST,
    Fetched,
    FetchError,
    HostLimiter,
    fetch,
    is_http_url,
    make_client,
)
from tidings.ingest.schedule import Policy, decide, posting_gap, retry_after_wait
from tidings.ingest.store_worker import StoreWorker
from tidings.storage import FeedState, FetchOutcome, Library, Schedule, prepare_article

T = TypeVar("T")
PROCESS_POOL_MIN_FEEDS = 64  # below this, starting worker processes costs more than it saves
MAX_PAGES_PER_FEED = 10
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
PAGE_TIMEOUT = 30.0
# spawn, not fork: the app has threads running, and forking them is unsafe
_SPAWN = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class FeedError:
    feed_id: int
    title: str
    url: str
    error: str


@dataclass(frozen=True)
class RefreshProgress:
    """Sent after each feed: how far the refresh is and what happened to that feed."""

    done: int
    total: int
    feed_id: int
    title: str
    outcome: str  # "fetched", "unchanged" or "failed"


@dataclass
class RefreshSummary:
    feeds_fetched: int = 0
    feeds_unchanged: int = 0
    feeds_failed: int = 0
    feeds_skipped: int = 0  # backing off after failures (only when refreshing all feeds)
    articles_new: int = 0
    articles_updated: int = 0
    errors: list[FeedError] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)  # the new articles, for hooks and the app

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        """The one-line summary the command line prints."""
        text = (
            f"{self.feeds_fetched} fetched, {self.feeds_unchanged} unchanged, "
            f"{self.feeds_failed} failed; {self.articles_new} new articles, "
            f"{self.articles_updated} updated"
        )
        if self.feeds_skipped:
            text += f" ({self.feeds_skipped} feeds not due yet)"
        return text


# A cold refresh makes about a million short-lived objects (parsed feeds, rows), nearly none
# of them in reference cycles, and the collector walked the young ones every 700 and everything
# now and then: 0.4 s of the main process's CPU on 1000 x 20 feeds, 0.05 s with these.
REFRESH_GC_THRESHOLD = 50_000
_gc_lock = threading.Lock()
_gc_state: dict[str, Any] = {"refreshes": 0, "threshold": gc.get_threshold()}


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """While refreshes run, what existed before is frozen out of collection (the app's
    widgets, imported modules) and the young generation is collected 70 times less often."""
    with _gc_lock:
        _gc_state["refreshes"] += 1
        if _gc_state["refreshes"] == 1:
            _gc_state["threshold"] = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(REFRESH_GC_THRESHOLD, *_gc_state["threshold"][1:])
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["refreshes"] -= 1
            if _gc_state["refreshes"] == 0:
                gc.set_threshold(*_gc_state["threshold"])
                gc.unfreeze()


def _use_processes(feeds: int) -> bool:
    """Worker processes pay off for many feeds on several cores; threads serve a few."""
    return feeds >= PROCESS_POOL_MIN_FEEDS and (os.cpu_count() or 1) > 1


def _parse_pool(feeds: int) -> Executor:
    """Worker processes for many feeds (parsing is CPU-bound), one thread for a few."""
    if _use_processes(feeds):
        return process_pool(min(os.cpu_count() or 1, 4), _SPAWN)
    return ThreadPoolExecutor(1, thread_name_prefix="tidings-parse")


def _parse_and_prepare(body: bytes, url: str, content_type: str) -> ParsedFeed:
    """The feed parsed and its articles' rows made, in a parse process: the store thread,
    which every feed's articles pass through one at a time, then only writes them."""
    parsed = parse_feed(body, url, content_type)
    for entry in parsed.entries:
        entry.prepared = prepare_article(entry.article)
    return parsed


def _extract_page(body: bytes, url: str, content_type: str) -> Extracted:
    return extract_article(decode_page(body, content_type), url)


class _Refresh:
    def __init__(
        self,
        store: StoreWorker,
        pool: Executor,
        concurrency: int,
        per_host: int,
        fetch_pages: bool,
        progress: Callable[[RefreshProgress], None] | None,
        policy: Policy,
        now: datetime,
    ) -> None:
        self.policy = policy
        self.now = now
        self.store = store
        self.pool = pool
        self.concurrency = max(1, concurrency)
        self.limiter = HostLimiter(per_host)
        self.fetch_pages = fetch_pages
        self.progress = progress
        self.summary = RefreshSummary()
        self.slots = asyncio.Semaphore(self.concurrency)  # fetching and parsing
        self.in_flight = asyncio.Semaphore(4 * self.concurrency)  # also waiting to be stored
        self.client = make_client(self.concurrency, per_host)
        self.done = 0

    async def _in_pool(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)

    async def run(self, feeds: list[FeedState]) -> None:
        async with self.client:
            tasks = [asyncio.create_task(self._feed(feed, len(feeds))) for feed in feeds]
            try:
                for task in asyncio.as_completed(tasks):
                    await task
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)

    async def _feed(self, feed: FeedState, total: int) -> None:
        async with self.in_flight:
            outcome = await self._fetch_and_store(feed)
        self.done += 1
        if outcome == "fetched":
            self.summary.feeds_fetched += 1
        elif outcome == "unchanged":
            self.summary.feeds_unchanged += 1
        else:
            self.summary.feeds_failed += 1
        if self.progress is not None:
            self.progress(RefreshProgress(self.done, total, feed.id, feed.title, outcome))

    async def _fail(self, feed: FeedState, error: FetchError | str) -> str:
        message = " ".join(str(error).split())[:500]
        status = error.status if isinstance(error, FetchError) else None
        retry_after = retry_after_wait(error.retry_after) if isinstance(error, FetchError) else None
        outcome = FetchOutcome(
            status, error=message, retry_in=retry_delay(feed.error_count + 1, retry_after),
            at=self.now,
        )
        try:
            await self.store.write(Library.record_fetch, feed.id, outcome)
        except sqlite3.Error:
            raise  # the library itself cannot be written: the refresh fails
        except Exception as failure:  # noqa: BLE001 (one feed's failure touches no other)
            message += f" (not recorded: {type(failure).__name__})"
        self.summary.errors.append(FeedError(feed.id, feed.title, feed.url, message))
        return "failed"

    async def _fetch_and_store(self, feed: FeedState) -> str:
        async with self.slots:
            try:
                got = await self._fetch_and_parse(feed)
            except Exception as error:  # noqa: BLE001 (a bug here costs one feed, not the refresh)
                got = FetchError(f"cannot fetch: {type(error).__name__}: {error}"[:300])
        if isinstance(got, FetchError):
            return await self._fail(feed, got)
        try:
            return await self._store_fetched(feed, got)
        except sqlite3.OperationalError:
            raise  # locked or read-only library: every feed would fail the same way
        except Exception as error:  # noqa: BLE001 (this feed's data could not be stored)
            return await self._fail(feed, f"cannot store: {type(error).__name__}: {error}"[:300])

    async def _store_fetched(
        self, feed: FeedState, got: tuple[Fetched, ParsedFeed] | Fetched
    ) -> str:
        if isinstance(got, Fetched):  # not modified
            unchanged = FetchOutcome(
                304, not_modified=True, schedule=self._schedule(feed, got, None), at=self.now
            )
            await self.store.write(Library.record_fetch, feed.id, unchanged)
            return "unchanged"
        fetched, parsed = got
        outcome = FetchOutcome(
            fetched.status,
            [entry.prepared or entry.article for entry in parsed.entries],
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            title=parsed.title,
            site_url=parsed.site_url,
            problem=parsed.problem,
            moved_to=fetched.moved_to,
            schedule=self._schedule(feed, fetched, parsed),
            at=self.now,
        )
        results = await self.store.write(Library.record_fetch, feed.id, outcome)
        for result in results:
            if result.status == "new":
                self.summary.articles_new += 1
                self.summary.new_ids.append(result.id)
            elif result.status == "updated":
                self.summary.articles_updated += 1
        return "fetched"

    def _schedule(self, feed: FeedState, fetched: Fetched, parsed: ParsedFeed | None) -> Schedule:
        """When to fetch this feed next, from what this fetch (or an earlier one) showed."""
        hint = parsed.hint if parsed is not None else feed.feed_hint
        published = [e.article.published for e in parsed.entries] if parsed is not None else []
        decision = decide(
            self.policy,
            now=self.now,
            user_interval=feed.user_interval,
            published=published,
            known_gap=feed.posting_gap,
            hints=[("the feed asks for", hint), ("the server asks for", fetched.freshness)],
        )
        learnt = posting_gap(published, self.now)
        return Schedule(
            next_due=decision.due(self.now),
            interval=decision.interval,
            reason=decision.reason,
            posting_gap=int(learnt) if learnt is not None else feed.posting_gap,
            feed_hint=hint,
        )

    async def _fetch_and_parse(
        self, feed: FeedState
    ) -> tuple[Fetched, ParsedFeed] | FetchError | Fetched:
        """The fetched and parsed feed, the bare response when unchanged (304), or the error."""
        try:
            fetched = await fetch(
                self.client,
                feed.url,
                limiter=self.limiter,
                etag=feed.etag,
                last_modified=feed.last_modified,
            )
        except FetchError as error:
            return error
        if fetched.not_modified:
            return fetched
        try:
            parsed: ParsedFeed = await self._in_pool(
                _parse_and_prepare, fetched.body, fetched.url, fetched.content_type
            )
        except FeedParseError as error:
            return FetchError(str(error), fetched.status)
        except Exception as error:  # a parser bug must cost one feed, not the refresh
            return FetchError(f"cannot parse: {type(error).__name__}: {error}"[:300])
        if self.fetch_pages:
            await self._full_texts(feed, parsed.entries)
        return fetched, parsed

    async def _full_texts(self, feed: FeedState, entries: list[ParsedEntry]) -> None:
        """Fetch and extract the article page of new entries that carry only a summary."""
        wanted = [
            entry
            for entry in entries
            if (feed.full_text or entry.summary_only)
            and entry.article.url
            and is_http_url(entry.article.url)
        ]
        if not wanted:
            return
        known = await self.store.call(Library.known_guids, feed.id)
        wanted = [entry for entry in wanted if entry.article.guid not in known]
        await asyncio.gather(*(self._full_text(entry) for entry in wanted[:MAX_PAGES_PER_FEED]))

    async def _full_text(self, entry: ParsedEntry) -> None:
        article = entry.article
        entry.prepared = None  # the article may change below: the store prepares it again
        assert article.url is not None
        try:
            page = await fetch(
                self.client, article.url, limiter=self.limiter, accept=PAGE_ACCEPT,
                total_timeout=PAGE_TIMEOUT,
            )
            extracted = await self._in_pool(_extract_page, page.body, page.url, page.content_type)
        except FetchError:
            return  # keep the feed's summary
        except Exception:  # an extractor failure keeps the summary too
            return
        text = "\n\n".join(extracted.paragraphs)
        if len(text) > len(article.text):
            article.summary = article.summary or article.text or None
            article.text = text
            article.html = None
            article.links = []  # the page's text has no [n] marks
        article.related = extracted.related or article.related
        if not article.published and extracted.published:
            try:
                article.published = normalise_published(extracted.published)
            except ValueError:
                pass


async def refresh(
    library_path: Path,
    feed_ids: list[int] | None = None,
    *,
    concurrency: int = CONCURRENCY,
    per_host: int = PER_HOST,
    fetch_pages: bool = True,
    progress: Callable[[RefreshProgress], None] | None = None,
    due_only: bool = True,
    policy: Policy | None = None,
    now: datetime | None = None,
) -> RefreshSummary:
    """Fetch the given feeds (or every feed that is due at `now`, or every feed when not
    `due_only`), store what changed and schedule each feed's next fetch by `policy`.

    Feed failures are recorded on the feed and listed in the summary; only a library that
    cannot be read or written raises (LibraryError or sqlite3.Error).
    """
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    feeds, skipped = await asyncio.to_thread(
        _due_feeds, Path(library_path), feed_ids, now, due_only
    )
    if not feeds:
        return RefreshSummary(feeds_skipped=skipped)
    store = StoreWorker(Path(library_path))
    try:
        pool = _parse_pool(len(feeds))
        try:
            job = _Refresh(
                store, pool, concurrency, per_host, fetch_pages, progress, policy or Policy(), now
            )
            job.summary.feeds_skipped = skipped
            with _fewer_collections():
                await job.run(feeds)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return job.summary
    finally:
        await asyncio.to_thread(store.close)


def _due_feeds(
    path: Path, feed_ids: list[int] | None, now: datetime, due_only: bool
) -> tuple[list[FeedState], int]:
    """The feeds to fetch and how many others are not due (on a short-lived connection)."""
    library = Library.open(path)
    try:
        feeds = library.feeds_to_refresh(feed_ids, now=now, due_only=due_only)
        skipped = library.count_feeds() - len(feeds) if feed_ids is None else 0
        return feeds, max(0, skipped)
    finally:
        library.close()


def refresh_sync(
    library_path: Path, feed_ids: list[int] | None = None, **options: Any
) -> RefreshSummary:
    """`refresh` for callers without an event loop (the command line)."""
    return asyncio.run(refresh(library_path, feed_ids, **options))
