"""The refresh's store worker: writes batched into one transaction, one savepoint each."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from tidings.ingest.store_worker import StoreWorker
from tidings.storage import ArticleIn, FetchOutcome, Library


def _store(library: Library, feed_id: int, guid: str) -> int:
    return library.store_article(feed_id, ArticleIn(guid=guid, title=guid, text=f"Text {guid}.")).id


def _broken(library: Library, feed_id: int, guid: str) -> int:
    _store(library, feed_id, guid)
    raise ValueError(f"feed {guid} could not be stored")


def _wire_feed(path: Path) -> int:
    """A new library at path with one local feed: its id."""
    library = Library.open(path)
    feed = library.local_feed("Wire")
    library.close()
    return feed


async def test_one_failed_write_rolls_back_alone(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    feed = _wire_feed(path)
    worker = StoreWorker(path)
    try:
        results = await asyncio.gather(
            worker.write(_store, feed, "a"),
            worker.write(_broken, feed, "b"),
            worker.write(_store, feed, "c"),
            return_exceptions=True,
        )
    finally:
        await asyncio.to_thread(worker.close)
    assert isinstance(results[1], ValueError) and "feed b" in str(results[1])
    library = Library.open(path)
    assert sorted(a.title for a in library.articles()) == ["a", "c"]  # b left nothing behind
    library.close()


async def test_reads_see_what_the_batches_wrote(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    feed = _wire_feed(path)
    worker = StoreWorker(path)
    try:
        await asyncio.gather(*(worker.write(_store, feed, f"g{n}") for n in range(20)))
        known = await worker.call(Library.known_guids, feed)
    finally:
        await asyncio.to_thread(worker.close)
    assert known == {f"g{n}" for n in range(20)}



async def test_a_feed_that_fails_in_a_batch_of_fetches_fails_alone(tmp_path: Path) -> None:
    """Fetches batched into one record_fetches: when one cannot be stored (here its feed was
    deleted meanwhile), the others are still stored, each on its own."""
    path = tmp_path / "lib.db"
    library = Library.open(path)
    ids = [getattr(f, "id", f) for f in (
        library.add_feed(f"https://{name}.example/feed") for name in ("one", "two", "three"))]
    library.close()

    def fetched(guid: str) -> FetchOutcome:
        return FetchOutcome(200, [ArticleIn(guid=guid, title=guid, text=f"Text {guid}.")])

    worker = StoreWorker(path)
    try:
        results = await asyncio.gather(
            worker.write(Library.record_fetch, ids[0], fetched("a")),
            worker.write(Library.record_fetch, max(ids) + 1, fetched("b")),
            worker.write(Library.record_fetch, ids[2], fetched("c")),
            return_exceptions=True,
        )
    finally:
        await asyncio.to_thread(worker.close)
    assert isinstance(results[1], sqlite3.IntegrityError)
    assert [[r.status for r in result] for result in (results[0], results[2])] == [["new"], ["new"]]
    library = Library.open(path)
    assert sorted(a.title for a in library.articles()) == ["a", "c"]  # b left nothing behind
    library.close()
