"""What every part of the library builds on: the connection, queries and write transactions."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import Table


def now() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class LibraryBase:
    """A connection to one library file. Not shared between threads."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self.thread_id = threading.get_ident()

    @contextmanager
    def write(self) -> Iterator[Database]:
        """A write transaction that takes the lock at once and commits or rolls back whole.

        BEGIN IMMEDIATE lets a long refresh and the app interleave instead of failing on a
        lock upgrade; nested calls become savepoints.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        conn.execute("begin immediate")
        try:
            yield self.db
        except BaseException:
            conn.execute("rollback")
            raise
        conn.execute("commit")

    def table(self, name: str) -> Table:
        table = self.db[name]
        assert isinstance(table, Table)
        return table

    def query(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def ids_in_chunks(self, sql: str, ids: list[int]) -> set[int]:
        """The first column of `sql` run over the ids a chunk at a time: each `{}` in sql
        takes the chunk's placeholders (SQLite limits how many values one statement binds)."""
        return {row[0] for row in self.rows_in_chunks(sql, ids)}

    def rows_in_chunks(self, sql: str, values: list[Any], *before: Any) -> list[tuple[Any, ...]]:
        """The rows of `sql` run over the values a chunk at a time (each `{}` takes the chunk's
        placeholders); `before` are bound ahead of the chunk."""
        found: list[tuple[Any, ...]] = []
        for chunk in chunks(values):
            rows = self.db.execute(sql.format(marks(chunk)), [*before, *chunk * sql.count("{")])
            found.extend(rows.fetchall())
        return found


CHUNK = 400  # ids per statement: well under SQLite's limit on bound values, even bound twice


def chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def marks(values: list[Any]) -> str:
    """The placeholders for binding these values: "?,?,?"."""
    return ",".join("?" * len(values))
