"""The enrichment queue's worker: entities and timelines computed off the UI thread.

Articles are queued when stored. `Enricher` is a daemon thread with its own library
connection that takes the queue (the open article first) one article at a time and sends
each to a single worker process at low priority, so spaCy neither holds the app's GIL nor
competes with it for a core. One article in the worker at a time keeps priorities honest: the
article the user opens is next, after at most one other. (The next one is handed over as the
last one's result comes back, so the worker analyses while this thread stores.)

The worker keeps to one core: its BLAS and OpenMP pools are limited to one thread before numpy
loads (OpenBLAS otherwise spins a second thread on the other core for a few per cent of speed).
And one worker serves a library however many apps have it open: the worker holds a lock file
beside the library, and an enricher that cannot take it waits, so a second instance never
halves the first (its prioritised articles are in the shared queue and are taken next).
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from tidings.enrich import ENRICH_VERSION, analyse
from tidings.enrich.fingerprint import simhash
from tidings.enrich.model import Analysis
from tidings.ingest.children import process_pool
from tidings.ingest.dates import published_date
from tidings.storage import Library, QueuedArticle
from tidings.storage.enrichment import analysed_part


@dataclass(frozen=True)
class Analysed:
    """One article's analysis and its text's fingerprint (dataclasses: they cross the
    process boundary as they are, and storage takes them as they are)."""

    analysis: Analysis
    fingerprint: int | None


def analyse_article(title: str, text: str, published: str | None) -> Analysed:
    """Analyse one article (in the worker process): its first ANALYSED_CHARS, so a 10 MB
    article costs what a long one does."""
    text = analysed_part(text)
    return Analysed(analyse(title, text, published_date(published)), simhash(text))


def store_analysis(library: Library, article: QueuedArticle, result: Analysed) -> bool:
    analysis = result.analysis
    return library.store_enrichment(
        article,
        entities=analysis.entities,
        title_entities=analysis.title_entities,
        timeline=analysis.timeline,
        related_places=analysis.related_places,
        version=ENRICH_VERSION,
        backend=analysis.backend,
        fingerprint=result.fingerprint,
    )


def enrich_now(library: Library, article: QueuedArticle) -> bool:
    """Analyse and store one article in this thread (command line, tests)."""
    return store_analysis(
        library, article, analyse_article(article.title, article.text, article.published)
    )


# Set in the worker before numpy (and so OpenBLAS) loads: one thread each, one core in all.
THREAD_LIMITS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                 "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
LOCK_RETRY_SECONDS = 5.0
# spawn, not fork: the app has threads running, and the child must load numpy afresh
_SPAWN = multiprocessing.get_context("spawn")


def _worker_init() -> None:
    """In the worker process: low priority, one thread for every maths library."""
    for name in THREAD_LIMITS:
        os.environ[name] = "1"
    try:
        os.nice(10)
    except OSError:
        pass


class WorkerLock:
    """An advisory lock on `<library>.enrich-lock`: held by the one enricher working on that
    library. The kernel drops it when its process ends, however it ends."""

    def __init__(self, library_path: Path) -> None:
        self.path = Path(f"{library_path}.enrich-lock")
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock if no other process holds it; never blocks."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError:
            return True  # a read-only folder: work unlocked rather than not at all
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None


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
        self.failures: list[tuple[int, str]] = []  # (article id, error) in this run
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def wake(self) -> None:
        """New work may be queued (an article stored or prioritised)."""
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def _new_pool(self) -> Executor | None:
        return process_pool(1, context=_SPAWN, initializer=_worker_init) if self.use_process else None

    @staticmethod
    def _submit(pool: Executor | None, article: QueuedArticle) -> Future[Analysed]:
        """The article's analysis under way in the worker (done at once without one); what
        goes wrong, a broken worker included, is raised by its result()."""
        future: Future[Analysed] = Future()
        try:
            if pool is not None:
                return pool.submit(analyse_article, article.title, article.text, article.published)
            future.set_result(analyse_article(article.title, article.text, article.published))
        except Exception as error:  # noqa: BLE001 (raised again by result(), as the pool does)
            future.set_exception(error)
        return future

    def _start_next(
        self, library: Library, pool: Executor | None, after: QueuedArticle
    ) -> tuple[QueuedArticle, Future[Analysed]] | None:
        """With a worker process, the article after `after` goes to it before `after` is
        stored, so the worker analyses while this thread writes (it sat idle a tenth of
        the time); the article a user opens still comes next after at most one other."""
        if pool is None:
            return None
        following = next((a for a in library.queued(limit=2) if a.id != after.id), None)
        return None if following is None else (following, self._submit(pool, following))

    def _failed(self, library: Library, article: QueuedArticle, error: str) -> None:
        """Record why the article failed and go on with the next."""
        self.failures.append((article.id, error))
        try:
            library.record_enrich_failure(article.id, error)
        except sqlite3.Error:
            pass  # it stays queued; the next pass tries it again
        if self.on_done:
            self.on_done(article.id)

    def run(self) -> None:
        lock = WorkerLock(self.library_path)
        while not lock.acquire():  # another instance's worker has this library
            self._stopping.wait(LOCK_RETRY_SECONDS)
            if self._stopping.is_set():
                return
        try:
            self._work()
        finally:
            lock.release()

    def _work(self) -> None:
        library = Library.open(self.library_path)
        pool = self._new_pool()
        ahead: tuple[QueuedArticle, Future[Analysed]] | None = None
        try:
            while not self._stopping.is_set():
                self._wake.clear()
                if ahead is None:
                    batch = library.queued(limit=1)
                    if not batch:
                        self._wake.wait(timeout=5)
                        continue
                    ahead = (batch[0], self._submit(pool, batch[0]))
                (article, analysis), ahead = ahead, None
                try:
                    result = analysis.result()
                    if self._stopping.is_set():
                        break
                    ahead = self._start_next(library, pool, article)
                    stored = store_analysis(library, article, result)
                except BrokenProcessPool as error:  # the worker died on this article
                    pool = self._new_pool()
                    self._failed(library, article, f"analysis process died ({error})")
                    continue
                except sqlite3.OperationalError:  # locked for now: the article stays queued
                    self._stopping.wait(LOCK_RETRY_SECONDS)
                    continue
                except Exception as error:  # noqa: BLE001 (one article must not stop the rest)
                    self._failed(library, article, f"{type(error).__name__}: {error}")
                    continue
                if stored and self.on_done:
                    self.on_done(article.id)
        finally:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            library.close()
