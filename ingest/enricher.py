"""The enrichment queue's worker: entities and timelines computed off the UI thread.

Articles are queued when stored. `Enricher` is a daemon thread with its own library
connection that takes the queue (the open article first) one article at a time and sends
each to a single worker process at low priority, so spaCy neither holds the app's GIL nor
competes with it for a core. One article in flight at a time keeps priorities honest: the
article the user opens is next, after at most one other.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tidings.enrich import ENRICH_VERSION, analyse
from tidings.enrich.fingerprint import simhash
from tidings.ingest.children import process_pool
from tidings.ingest.dates import published_date
from tidings.storage import Library
from tidings.storage.enrichment import QueuedArticle


def analyse_article(title: str, text: str, published: str | None) -> dict[str, Any]:
    """Analyse one article; a plain dict so it crosses a process boundary cheaply."""
    result = analyse(title, text, published_date(published)).to_dict()
    result["fingerprint"] = simhash(text)
    return result


def store_analysis(library: Library, article: QueuedArticle, result: dict[str, Any]) -> bool:
    return library.store_enrichment(
        article,
        entities=result["entities"],
        title_entities=result["title_entities"],
        timeline=result["timeline"],
        version=ENRICH_VERSION,
        backend=result["backend"],
        fingerprint=result["fingerprint"],
    )


def enrich_now(library: Library, article: QueuedArticle) -> bool:
    """Analyse and store one article in this thread (command line, tests)."""
    return store_analysis(
        library, article, analyse_article(article.title, article.text, article.published)
    )


def _lower_priority() -> None:
    try:
        os.nice(10)
    except OSError:
        pass


class Enricher(threading.Thread):
    """Works through the queue until stopped; calls on_done(article_id) after each article."""

    def __init__(
        self,
        library_path: Path,
        on_done: Callable[[int], None] | None = None,
        *,
        use_process: bool = True,
    ) -> None:
        super().__init__(name="tidings-enricher", daemon=True)
        self.library_path = library_path
        self.on_done = on_done
        self.use_process = use_process
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def wake(self) -> None:
        """New work may be queued (an article stored or prioritised)."""
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def run(self) -> None:
        library = Library.open(self.library_path)
        pool = (
            process_pool(1, initializer=_lower_priority)
            if self.use_process
            else None
        )
        try:
            while not self._stopping.is_set():
                self._wake.clear()
                batch = library.queued(limit=1)
                if not batch:
                    self._wake.wait(timeout=5)
                    continue
                article = batch[0]
                if pool is None:
                    result = analyse_article(article.title, article.text, article.published)
                else:
                    result = pool.submit(
                        analyse_article, article.title, article.text, article.published
                    ).result()
                if self._stopping.is_set():
                    break
                if store_analysis(library, article, result) and self.on_done:
                    self.on_done(article.id)
        finally:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            library.close()
