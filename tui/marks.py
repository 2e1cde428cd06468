"""Read and star marks written off the UI thread, retried until the library takes them.

Another process may hold the library's write lock for a long time (a big import, a refresh
in another window). A mark the user made must neither freeze the app while it waits nor be
lost: marks queue here, in order, and one thread of their own writes them, retrying while
the library is locked. The status line says how many wait; at exit the app waits for them.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from tidings.storage import Library, LibraryError

RETRY_SECONDS = 0.5


@dataclass(frozen=True)
class Mark:
    ids: tuple[int, ...]
    read: bool | None = None
    starred: bool | None = None


class _Unopened(Exception):
    """The writer's own connection could not be opened (yet)."""


def _open(library: Library) -> Library:
    try:
        return library.for_thread()
    except LibraryError as error:
        raise _Unopened(str(error)) from None


class MarkWriter:
    """Writes marks in the order they were made; `changed` is called (on the writer's
    thread) whenever the queue or its state changes."""

    def __init__(self, library: Library, changed: Callable[[], None]) -> None:
        self.library = library
        self.changed = changed
        self.waiting_for_lock = False  # the last attempt found the library locked
        self.dropped: list[str] = []  # marks the library refused (article gone): why
        self._queue: list[Mark] = []
        self._cond = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="tidings-marks", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> int:
        with self._cond:
            return len(self._queue)

    def add(self, ids: list[int], *, read: bool | None = None, starred: bool | None = None) -> None:
        with self._cond:
            self._queue.append(Mark(tuple(ids), read, starred))
            self._cond.notify_all()

    def wanted(self, article_id: int) -> tuple[bool | None, bool | None]:
        """(read, starred) this article will have once its queued marks are written."""
        read = starred = None
        with self._cond:
            for mark in self._queue:
                if article_id in mark.ids:
                    read = mark.read if mark.read is not None else read
                    starred = mark.starred if mark.starred is not None else starred
        return read, starred

    def flush(self, timeout: float) -> bool:
        """Wait until every queued mark is written; False if some still wait after timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._queue:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()

    def _run(self) -> None:
        library: Library | None = None
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    self._cond.wait()
                if not self._queue:
                    return
                mark = self._queue[0]
            try:
                library = library or _open(self.library)
                library.mark(mark.ids, read=mark.read, starred=mark.starred)
            except (sqlite3.OperationalError, _Unopened):  # locked or busy: keep it, try again
                self.waiting_for_lock = True
                self.changed()
                time.sleep(RETRY_SECONDS)
                continue
            except (LibraryError, sqlite3.Error) as error:  # the article is gone: nothing to mark
                self.dropped.append(str(error))
            with self._cond:
                self._queue.pop(0)
                self.waiting_for_lock = False
                self._cond.notify_all()
            self.changed()
