"""What the user changes in the library (marks, annotations, notes, saved searches, rules),
written off the UI thread and retried until the library takes it.

Another process may hold the library's write lock for a long time (a big import, a refresh
in another window). A change the user made must neither freeze the app while it waits nor be
lost: writes queue here, in order, and one thread of their own applies them, retrying while
the library is locked. The status line says how many wait. At exit, writes still waiting
are kept in a private file beside the library (`pending_path`) and queued again the next
time the app opens it.

A write names one of the `ACTIONS` below with JSON-able arguments, so that it can be kept.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from tidings.storage import PRIORITY_OPEN, Annotation, Library, LibraryError, QueryError
from tidings.storage.private_files import write_private

RETRY_SECONDS = 0.5
BUSY_MS = 500  # each attempt waits this long for the lock, so quitting never waits long
PRIORITY = "prioritise"  # not the user's data: coalesced, never counted, never kept


def _add_rule(library: Library, name: str, query: str, feed_id: int | None) -> tuple[str, int]:
    """Save a hiding rule and run it on what is stored: (its name, articles it hides)."""
    rule = library.add_rule(name, query, "hide", feed_id)
    return rule.name, library.apply_rules(None, [rule.name]).get(rule.name, 0)


def _prioritise(library: Library, first: list[int], next_few: list[int], soon: int) -> None:
    """Have the enricher take the open article, then the next few, first."""
    library.prioritise(first, priority=PRIORITY_OPEN)
    library.prioritise(next_few, priority=soon)


# Library method (or function) of each write, and what the status line calls it.
ACTIONS: dict[str, tuple[Callable[..., Any], str]] = {
    "mark": (Library.mark, "mark"),
    "annotate": (Library.annotate, "annotation"),
    "update_annotation": (Library.update_annotation, "annotation"),
    "delete_annotation": (Library.delete_annotation, "annotation"),
    "save_search": (Library.save_search, "saved search"),
    "delete_search": (Library.delete_search, "saved search"),
    "add_rule": (_add_rule, "rule"),
    PRIORITY: (_prioritise, ""),
}
ANNOTATION_WRITES = {"annotate", "update_annotation", "delete_annotation"}


@dataclass(frozen=True)
class Write:
    action: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    on_done: Callable[[Any], None] | None = field(default=None, compare=False)

    @cached_property
    def marked(self) -> frozenset[int]:
        """The articles a mark is for, as a set (marking all read may name a million)."""
        return frozenset(self.args[0]) if self.action == "mark" else frozenset()

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action, "args": list(self.args), "kwargs": self.kwargs}


@dataclass(frozen=True)
class Finished:
    """A write the library took (`result`) or refused for good (`error`, said to the user)."""

    write: Write
    result: Any = None
    error: str | None = None


class _Unopened(Exception):
    """The writer's own connection could not be opened (yet)."""


def _locked(error: sqlite3.OperationalError) -> bool:
    """Worth retrying: another connection holds the lock (not a read-only file, say)."""
    return "locked" in str(error) or "busy" in str(error)


class LibraryWriter:
    """Applies writes in the order they were made; `changed` is called (on the writer's
    thread) whenever the queue or its state changes."""

    def __init__(self, library: Library, changed: Callable[[], None]) -> None:
        self.library = library
        self.changed = changed
        self.waiting_for_lock = False  # the last attempt found the library locked
        self.finished: list[Finished] = []  # for the UI thread to act on (take_finished)
        self._queue: list[Write] = []
        self._cond = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="tidings-writer", daemon=True)

    def start(self) -> None:
        """Start writing (the app does once it runs, so `changed` has somewhere to go)."""
        self._thread.start()

    # -- the UI thread's side ------------------------------------------------------------

    def add(self, action: str, *args: Any, on_done: Callable[[Any], None] | None = None,
            **kwargs: Any) -> None:
        if action not in ACTIONS:
            raise ValueError(f"unknown write {action!r}")
        with self._cond:
            if action == PRIORITY:  # only the latest wish counts (the head may be in flight)
                self._queue[1:] = [w for w in self._queue[1:] if w.action != PRIORITY]
            self._queue.append(Write(action, args, kwargs, on_done))
            self._cond.notify_all()

    def mark(self, ids: list[int], *, read: bool | None = None, starred: bool | None = None) -> None:
        self.add("mark", list(ids), read=read, starred=starred)

    @property
    def pending(self) -> int:
        """The user's writes still waiting."""
        return len(self.waiting())

    def waiting(self) -> list[Write]:
        with self._cond:
            return [w for w in self._queue if w.action != PRIORITY]

    def pending_summary(self) -> str:
        """ "2 marks, 1 annotation" for the status line ("" when nothing waits)."""
        counts: dict[str, int] = {}
        for write in self.waiting():
            label = ACTIONS[write.action][1]
            counts[label] = counts.get(label, 0) + 1
        return ", ".join(f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items())

    def wanted(self, article_id: int) -> tuple[bool | None, bool | None]:
        """(read, starred) this article will have once its queued marks are written."""
        read = starred = None
        for write in self.waiting():
            if article_id in write.marked:
                read = write.kwargs.get("read") if write.kwargs.get("read") is not None else read
                starred = (write.kwargs.get("starred")
                           if write.kwargs.get("starred") is not None else starred)
        return read, starred

    def annotations(self, article_id: int, stored: list[Annotation]) -> list[Annotation]:
        """The article's annotations as they will be once the queued writes are applied
        (new ones waiting to be written have id 0), so the pane shows them at once."""
        notes = {note.id: note for note in stored}
        waiting: list[Annotation] = []
        for write in self.waiting():
            if write.action == "annotate" and write.args[0] == article_id:
                start, end = write.args[1], write.args[2]
                waiting.append(Annotation(0, article_id, "", "", "", start, end,
                                          write.kwargs.get("note", ""),
                                          write.kwargs.get("colour", "yellow"), False, "", ""))
            elif write.action == "delete_annotation":
                notes.pop(write.args[0], None)
            elif write.action == "update_annotation" and write.args[0] in notes:
                old = notes[write.args[0]]
                changes = {k: v for k, v in write.kwargs.items() if v is not None}
                notes[old.id] = Annotation(**{**old.to_dict(), **changes})
        return list(notes.values()) + waiting

    def take_finished(self) -> list[Finished]:
        with self._cond:
            done, self.finished = self.finished, []
        return done

    def flush(self, timeout: float) -> bool:
        """Wait until every queued write is applied; False if some still wait after timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._queue:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the write in hand (applied or not), so `keep` then keeps each once."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)

    # -- keeping writes across a quit ----------------------------------------------------

    def keep(self, path: Path) -> int:
        """Write the user's waiting writes to path (private, atomic); how many. OSError if not."""
        waiting = self.waiting()
        if waiting:
            write_private(path, json.dumps([w.to_json() for w in waiting]))
        return len(waiting)

    # -- the writer's thread -------------------------------------------------------------

    def _run(self) -> None:
        library: Library | None = None
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    self._cond.wait()
                if not self._queue or self._stopping:
                    return
                write = self._queue[0]
            try:
                library = library or _open(self.library)
                library.wait_for_lock(BUSY_MS)
                done = Finished(write, ACTIONS[write.action][0](library, *write.args, **write.kwargs))
            except _Unopened:
                done = None
            except sqlite3.OperationalError as error:
                done = None if _locked(error) else Finished(write, error=str(error))
            except (LibraryError, QueryError, sqlite3.Error, ValueError, TypeError) as error:
                done = Finished(write, error=str(error))  # e.g. the article is gone
            if done is None:  # locked or busy: keep it, try again
                self.waiting_for_lock = True
                self.changed()
                with self._cond:
                    self._cond.wait_for(lambda: self._stopping, RETRY_SECONDS)
                continue
            with self._cond:
                self._queue.pop(0)
                self.waiting_for_lock = False
                if write.action != PRIORITY or done.error is None:
                    self.finished.append(done)
                self._cond.notify_all()
            self.changed()


def _open(library: Library) -> Library:
    try:
        return library.for_thread()
    except LibraryError as error:
        raise _Unopened(str(error)) from None


def pending_path(library_path: Path) -> Path:
    """Where writes the library could not take before the app quit wait for its next start."""
    return library_path.with_name(library_path.name + ".pending-writes.json")


def load_kept(path: Path) -> tuple[list[Write], str | None]:
    """The writes kept at the last quit, and a problem to tell the user (or None). A file
    that cannot be read is left where it is, so nothing in it is lost."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], None
    except OSError as error:
        return [], f"cannot read the kept writes in {path}: {error}"
    try:
        items = json.loads(data.decode("utf-8"))
        writes = [_write_from(item) for item in items]
    except (ValueError, TypeError, KeyError, RecursionError) as error:
        aside = path.with_name(path.name + ".damaged")
        try:
            path.replace(aside)  # out of the way of the next quit's writes, still there to read
        except OSError:
            aside = path
        return [], f"the kept writes were damaged ({type(error).__name__}): left in {aside}"
    return writes, None


def _write_from(item: Any) -> Write:
    action, args, kwargs = item["action"], item["args"], item["kwargs"]
    if action not in ACTIONS or action == PRIORITY or not isinstance(args, list) \
            or not isinstance(kwargs, dict) or not all(isinstance(k, str) for k in kwargs):
        raise ValueError("not a write")
    return Write(action, tuple(args), kwargs)
