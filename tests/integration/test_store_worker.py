"""The refresh's store worker: writes batched into one transaction, one savepoint each."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tidings.ingest.store_worker import StoreWorker
from tidings.storage import ArticleIn, Library


def _store(library: Library, feed_id: int, guid: str) -> int:
    return library.store_article(feed_id, ArticleIn(guid=guid, title=guid, text=f"Text {guid}.")).id


def _broken(library: Library, feed_id: int, guid: str) -> int:
    _store(library, feed_id, guid)
    raise ValueError(f"feed {guid} could not be stored")


async def test_one_failed_write_rolls_back_alone(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    library = Library.open(path)
    feed = library.local_feed("Wire")
    library.close()
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
    library = Library.open(path)
    feed = library.local_feed("Wire")
    library.close()
    worker = StoreWorker(path)
    try:
        await asyncio.gather(*(worker.write(_store, feed, f"g{n}") for n in range(20)))
        known = await worker.call(Library.known_guids, feed)
    finally:
        await asyncio.to_thread(worker.close)
    assert known == {f"g{n}" for n in range(20)}

