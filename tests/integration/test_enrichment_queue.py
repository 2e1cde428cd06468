"""The enrichment queue: newest first, the open article ahead, surviving restarts, and the
background worker filling the library with entities and timelines."""

from __future__ import annotations

import threading
from pathlib import Path

from tidings.ingest.enricher import Enricher, enrich_now
from tidings.ingest.file_import import import_file
from tidings.storage import ArticleIn, Library
from tests.support import SAMPLE, SAMPLE_PUBLISHED


def _store(library: Library, n: int) -> list[int]:
    feed = library.local_feed("Wire")
    return [
        library.store_article(
            feed,
            ArticleIn(guid=f"g{i}", title=f"Story {i}", published=f"2025-03-{i + 1:02d}",
                      text=f"Officials met in Paris on Monday, story {i} says."),
        ).id
        for i in range(n)
    ]


def test_queue_is_newest_first_and_the_open_article_jumps_it(library_path: Path) -> None:
    library = Library.open(library_path)
    ids = _store(library, 5)
    assert [a.id for a in library.queued(limit=5)] == list(reversed(ids))
    library.prioritise([ids[1]])
    assert library.queued(limit=1)[0].id == ids[1]
    library.close()
    reopened = Library.open(library_path)  # the queue survives a restart, priorities too
    assert reopened.queue_size() == 5
    assert reopened.queued(limit=1)[0].id == ids[1]


def test_a_result_for_text_that_changed_meanwhile_is_not_stored(library: Library) -> None:
    (article_id,) = _store(library, 1)
    stale = library.queued_articles([article_id])[0]
    library.store_article(
        library.local_feed("Wire"),
        ArticleIn(guid="g0", title="Story 0", text="Corrected: officials met in Rome.",
                  published="2025-03-01"),
    )
    assert not enrich_now(library, stale)
    assert library.is_queued(article_id) and library.mentions(article_id) == []
    fresh = library.queued_articles([article_id])[0]
    assert enrich_now(library, fresh)
    assert not library.is_queued(article_id)
    assert "Rome" in {m.canonical for m in library.mentions(article_id)}


def test_background_enricher_fills_entities_and_timeline(library_path: Path) -> None:
    library = Library.open(library_path)
    sample = import_file(library, SAMPLE, published=SAMPLE_PUBLISHED).result.id
    others = _store(library, 3)
    done: list[int] = []
    all_done = threading.Event()

    def on_done(article_id: int) -> None:
        done.append(article_id)
        if len(done) == 4:
            all_done.set()

    library.prioritise([sample])
    enricher = Enricher(library_path, on_done)
    enricher.start()
    assert all_done.wait(timeout=120), f"only {done} were enriched"
    enricher.stop()
    enricher.join(timeout=10)
    assert done[0] == sample  # the prioritised article came first
    assert set(done) == {sample, *others}
    assert library.queue_size() == 0

    dates = {item.date for item in library.timeline(sample)}
    assert {"2025-02-12", "2025-02-27"} <= dates
    article = library.article(sample)
    for mention in library.mentions(sample):
        source = article.title if mention.field == "title" else article.text
        assert source[mention.start : mention.end] == mention.text
    people = {m.canonical for m in library.mentions(sample) if m.label == "PERSON"}
    assert {"Sergei Lavrov", "Marco Rubio", "Vladimir Putin"} <= people
    paris = [e for e in library.entities() if e["name"] == "Paris"]
    assert paris and paris[0]["article_count"] == 3


def test_an_article_opened_while_the_worker_runs_is_analysed_after_at_most_one_other(
    library_path: Path,
) -> None:
    """The worker process gets the next article as the last one's result comes back (it
    analyses while the thread stores): each article once, and an opened one still goes
    ahead of the queue."""
    library = Library.open(library_path)
    ids = _store(library, 6)  # queued newest first: ids[5], ids[4], ...
    opened = ids[0]  # the oldest: last in the queue
    done: list[int] = []
    all_done = threading.Event()

    def on_done(article_id: int) -> None:  # in the enricher's thread: a connection of its own
        done.append(article_id)
        if len(done) == 1:
            reader = Library.open(library_path)
            reader.prioritise([opened])  # the user opens it as the first result is stored
            reader.close()
        if len(done) == len(ids):
            all_done.set()

    enricher = Enricher(library_path, on_done, use_process=True)
    enricher.start()
    try:
        assert all_done.wait(timeout=120), f"only {done} were enriched"
    finally:
        enricher.stop()
        enricher.join(timeout=10)
    assert sorted(done) == sorted(ids)  # each article analysed and reported once
    assert done[0] == ids[5]
    assert opened in done[1:3]  # after the one already in the worker, at most
    assert library.queue_size() == 0
    library.close()
