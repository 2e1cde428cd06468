"""The Tidings library: one SQLite file holding feeds, articles, marks and annotations.

Open it with `Library.open(path)`, which brings the schema up to date. SQLite connections
are not shared between threads: another thread reads and writes through
`library.for_thread()`, a connection of its own opened once per thread. Writes go through
`write()`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from tidings.storage.base import chunks, marks, now
from tidings.storage.clean import MAX_NAME_CHARS, one_line, strip_controls
from tidings.storage.enclosures import EnclosureQueries
from tidings.storage.enrichment import EnrichmentQueries
from tidings.storage.feeds import FeedQueries
from tidings.storage.related import RelatedQueries
from tidings.storage.rules import RuleQueries
from tidings.storage.sync import SyncQueries
from tidings.storage.errors import LibraryError, NewerLibrary, NotALibrary, NotFound
from tidings.storage.migrations import APPLICATION_ID, known_migrations, migrations
from tidings.storage.search_language import QueryError, compile_query, fold, parse, word_in
from tidings.storage.records import (
    Annotation,
    Article,
    ArticleSummary,
    RelatedLink,
    SavedSearch,
    from_row,
)

BUSY_TIMEOUT_MS = 10_000
# An article's row (~3 KB of text) fits a 4 KB page once, leaving a quarter of it empty. A page
# leaves on average half a row unused: a tenth of a 16 KB page, a twentieth of a 32 KB one. On
# the 1000 x 20 benchmark feeds (newsboat's cache 85 MB): 4 KB pages 112 MB (before the columns
# and indexes since added), 16 KB 109 MB, 32 KB 106 MB, 64 KB 107 MB (each once vacuumed).
# The million-article library's searches were no slower at 32 KB than at 4 KB.
PAGE_SIZE = 32_768
RANK_WINDOW = 5_000  # full-text matches ordered by relevance; older ones follow by date

_this_thread = threading.local()  # .library: the connection for_thread() opened here


def _writable(path: Path) -> bool:
    """Whether we may write the library and create its WAL files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_error(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


_SUMMARY_SQL = """
select a.id, a.title, f.title as feed, a.feed_id, a.url, a.published, a.fetched, a.read, a.starred,
       (select count(*) from annotations n where n.article_id = a.id) as annotations,
       (select count(*) from articles d where d.dup_of = a.id) + 1 as sources
from articles a join feeds f on f.id = a.feed_id
"""


def _connect(path: Path) -> Database:
    """A connection with the settings every connection needs (per connection in SQLite)."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.create_function("tidings_fold", 1, fold, deterministic=True)  # the search index's
    db = Database(conn, execute_plugins=False)
    db.execute("pragma busy_timeout = %d" % BUSY_TIMEOUT_MS)
    db.execute("pragma synchronous = normal")
    db.execute("pragma foreign_keys = on")
    conn.create_function("tidings_word_in", 2, word_in, deterministic=True)
    return db


class Library(
    FeedQueries, RelatedQueries, EnrichmentQueries, SyncQueries, RuleQueries, EnclosureQueries
):
    """A connection to one library file, with the queries the rest of Tidings needs: feeds
    (storage/feeds.py), storing and marking articles (articles.py), annotations
    (annotations.py), entities and the analysis queue (enrichment.py), related articles
    (related.py), sync accounts and their journal (sync.py); reading articles and searching
    here."""

    read_only = False  # opened for reading only (a read-only file system or file)

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Library:
        """Open (creating if need be) the library at path and bring its schema up to date.

        A new library is private: its folder 0700 (when we create it), the file 0600 (SQLite
        gives its WAL files the same mode). A library on a read-only file system (or one we
        may not write) opens read-only when its schema is current: reading commands work.
        """
        path = Path(path)
        if path.is_dir():
            raise NotALibrary(f"{path} is a directory, not a Tidings library")
        existed = path.exists() and path.stat().st_size > 0
        if not existed:
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
            except OSError as error:
                raise LibraryError(f"cannot create library {path}: {error.strerror}") from None
        elif not _writable(path):
            return cls._open_read_only(path)
        try:
            db = _connect(path)
            tables = set(db.table_names())
        except sqlite3.OperationalError as error:  # locked, unreadable, no space: not "not ours"
            if existed and _read_only_error(error):
                return cls._open_read_only(path)
            raise LibraryError(f"cannot open library {path}: {error}") from None
        except sqlite3.DatabaseError as error:
            raise NotALibrary(f"{path} is not a Tidings library ({error})") from None
        if existed:
            cls._check_is_ours(db, path, tables)
        try:
            if not tables:  # before the first write; an existing file keeps its page size
                db.execute(f"pragma page_size = {PAGE_SIZE}")
            db.execute("pragma journal_mode = wal")
            migrations.apply(db)
        except sqlite3.DatabaseError as error:
            if existed and _read_only_error(error):
                db.close()
                return cls._open_read_only(path)
            raise LibraryError(f"cannot open library {path}: {error}") from None
        return cls(db, path)

    @classmethod
    def _open_read_only(cls, path: Path) -> Library:
        """The library for reading only; LibraryError if its schema would need upgrading."""
        uri = path.resolve().as_uri()
        try:
            try:
                conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
                conn.execute("select count(*) from sqlite_master").fetchone()
            except sqlite3.OperationalError:  # a WAL library on a read-only file system
                conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
            db = Database(conn, execute_plugins=False)
            db.execute("pragma busy_timeout = %d" % BUSY_TIMEOUT_MS)
            tables = set(db.table_names())
        except sqlite3.DatabaseError as error:
            raise LibraryError(f"cannot open library {path} (read-only): {error}") from None
        cls._check_is_ours(db, path, tables)
        pending = {m.name for m in migrations._migrations} - {m.name for m in migrations.applied(db)}
        if pending:
            db.close()
            raise LibraryError(
                f"library {path} is read-only and needs upgrading: open it once where it "
                "can be written"
            )
        library = cls(db, path)
        library.read_only = True
        return library

    def for_thread(self) -> Library:
        """This library for the calling thread: itself on the thread that opened it, else a
        connection opened once per thread and kept (no migrations: `open` ran them)."""
        if threading.get_ident() == self.thread_id:
            return self
        library: Library | None = getattr(_this_thread, "library", None)
        if library is None or library.path != self.path:
            if library is not None:
                library.close()
            try:
                if self.read_only:
                    library = type(self)._open_read_only(self.path)
                else:
                    library = type(self)(_connect(self.path), self.path)
            except sqlite3.DatabaseError as error:
                raise LibraryError(f"cannot open library {self.path}: {error}") from None
            _this_thread.library = library
        return library

    @staticmethod
    def _check_is_ours(db: Database, path: Path, tables: set[str]) -> None:
        """A library says so in its header (application_id); one from before that stamp is
        known by its migrations; an empty file is fine (it becomes a library)."""
        stamp = db.execute("pragma application_id").fetchone()[0]
        not_ours = NotALibrary(f"{path} is an SQLite file but not a Tidings library")
        if stamp not in (0, APPLICATION_ID):
            raise not_ours
        applied = {m.name for m in migrations.applied(db)}
        if stamp == 0 and not applied and tables:
            raise not_ours
        unknown = applied - known_migrations()
        if unknown:
            raise NewerLibrary(
                f"{path} was written by a newer Tidings (schema {sorted(unknown)[-1]}); "
                "upgrade Tidings to open it"
            )

    def close(self) -> None:
        self.db.close()

    def wait_for_lock(self, milliseconds: int) -> None:
        """How long this connection's writes wait for another's lock before `database is
        locked` (a writer that retries on its own waits briefly, so it can stop quickly)."""
        self.db.execute(f"pragma busy_timeout = {max(0, int(milliseconds))}")

    def defer_checkpoints(self, size: int) -> None:
        """Let the write-ahead log grow to `size` bytes before SQLite folds it back (a long run
        of writes, such as a refresh, checkpoints once at the end with `checkpoint`)."""
        page = int(self.db.execute("pragma page_size").fetchone()[0])
        self.db.execute(f"pragma wal_autocheckpoint = {max(1, int(size) // page)}")

    def use_page_cache(self, size: int) -> None:
        """Keep up to `size` bytes of the library's pages in this connection's cache (SQLite's
        default is 2 MB). A refresh into a big library inserts into indexes whose keys fall
        anywhere (URLs, titles, dates): with the default cache nearly every insert read its
        index pages again from the file."""
        self.db.execute(f"pragma cache_size = {-max(1, int(size) // 1024)}")

    def change_signature(self) -> tuple[int, int, int]:
        """What changes when another connection commits (SQLite's data_version), and which
        articles exist (the newest id, the count from `article_counts`): a few hundred
        microseconds at any size, so the UI thread can ask every few seconds."""
        version = self.db.execute("pragma data_version").fetchone()[0]
        top = self.db.execute("select max(id) from articles").fetchone()[0]
        count = self.db.execute("select total(articles) from article_counts").fetchone()[0]
        return (int(version), int(top or 0), int(count))

    def checkpoint(self) -> None:
        """Fold the write-ahead log back into the library file, without waiting for readers."""
        self.db.execute("pragma wal_checkpoint(passive)")

    def article(self, article_id: int) -> Article:
        rows = self.query(
            "select a.*, f.title as feed from articles a join feeds f on f.id = a.feed_id "
            "where a.id = ?",
            [article_id],
        )
        if not rows:
            raise NotFound(f"no article with id {article_id}")
        return from_row(
            Article,
            rows[0],
            links=(rows[0]["links"] or "").split("\n") if rows[0]["links"] else [],
            annotations=self.annotations(article_id),
            related=[
                RelatedLink(r["title"], r["url"])
                for r in self.query(
                    "select title, url from related_links where article_id = ? order by position",
                    [article_id],
                )
            ],
            enclosures=self.enclosures(article_id),
        )

    def articles(
        self,
        *,
        unread: bool = False,
        starred: bool = False,
        annotated: bool = False,
        feed_id: int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleSummary]:
        """Article list rows, newest first."""
        where, params = self._filters(unread, starred, annotated, feed_id)
        sql = _SUMMARY_SQL + where + " order by a.published desc, a.id desc"
        if limit is not None:
            sql += " limit ? offset ?"
            params += [limit, offset]
        return [self._summary(row) for row in self.query(sql, params)]

    @staticmethod
    def _filters(
        unread: bool,
        starred: bool,
        annotated: bool,
        feed_id: int | None,
        tag: str | None = None,
        entity_id: int | None = None,
        hidden: bool = False,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if hidden:
            clauses.append("a.hidden_by is not null")
        elif not annotated:  # hidden by a rule: left out, but what the user wrote never is
            clauses.append("a.hidden_by is null")
        if unread:
            clauses.append("a.read = 0")
        if starred:
            clauses.append("a.starred = 1")
        if annotated:
            clauses.append("exists (select 1 from annotations n where n.article_id = a.id)")
        if tag is not None:
            clauses.append("a.feed_id in (select feed_id from feed_tags where tag = ?)")
            params.append(tag)
        if entity_id is not None:
            clauses.append("a.id in (select article_id from mentions where entity_id = ?)")
            params.append(entity_id)
        if feed_id is not None:
            clauses.append("a.feed_id = ?")
            params.append(feed_id)
        else:  # across feeds, a story found in several shows once
            clauses.append("a.dup_of is null")
        return (" where " + " and ".join(clauses) if clauses else ""), params

    @staticmethod
    def _summary(row: dict[str, Any]) -> ArticleSummary:
        return from_row(ArticleSummary, row)

    def article_ids(
        self,
        *,
        unread: bool = False,
        starred: bool = False,
        annotated: bool = False,
        feed_id: int | None = None,
        tag: str | None = None,
        entity_id: int | None = None,
        oldest_first: bool = False,
        hidden: bool = False,
        limit: int | None = None,
    ) -> list[int]:
        """The ids of the articles in a view, newest (or oldest) first: all the list needs
        up front (or its first `limit`: a first screen that need not wait for a million).
        `hidden`: only the articles rules hid."""
        where, params = self._filters(
            unread, starred, annotated, feed_id, tag, entity_id, hidden
        )
        order = "asc" if oldest_first else "desc"
        sql = f"select a.id from articles a{where} order by a.published {order}, a.id {order}"
        if limit is not None:
            sql += " limit ?"
            params = [*params, limit]
        return [row[0] for row in self.db.execute(sql, params).fetchall()]

    def summaries(self, ids: list[int]) -> dict[int, ArticleSummary]:
        """List rows for these ids (the few on screen, or all an export names), keyed by id."""
        found: dict[int, ArticleSummary] = {}
        for chunk in chunks(ids):  # SQLite binds at most 32,766 values a statement
            rows = self.query(_SUMMARY_SQL + f" where a.id in ({marks(chunk)})", chunk)
            found.update((row["id"], self._summary(row)) for row in rows)
        return found

    def summary(self, article_id: int) -> ArticleSummary:
        rows = self.query(_SUMMARY_SQL + " where a.id = ?", [article_id])
        if not rows:
            raise NotFound(f"no article with id {article_id}")
        return self._summary(rows[0])

    def find(self, text: str, *, limit: int | None = 100) -> list[ArticleSummary]:
        """Articles matching a query in the search language (storage.query), best first;
        QueryError if it is malformed."""
        ids = self.find_ids(text, limit=limit)
        rows = self.summaries(ids)
        return [rows[i] for i in ids]

    def find_ids(self, text: str, *, limit: int | None = None) -> list[int]:
        """The ids of the articles matching a query, in its order: what the list shows.

        Only ids are ranked and sorted; list rows are fetched for the few that are shown.
        """
        compiled = compile_query(parse(text))
        # Words: each match's marks, feed and date are read from a narrow index, not from
        # its ~3 KB row (a million-article library answers from pages that stay in memory).
        narrow = " indexed by articles_filters" if "articles_fts" in compiled.joins else ""
        sql = (
            f"select a.id from articles a{narrow} join feeds f on f.id = a.feed_id"
            + compiled.joins + compiled.where
        )
        params = list(compiled.params)
        floor = self._rank_floor(compiled)
        if floor is None:
            return self._ids(sql + " order by " + compiled.order, params, limit)
        # Words found in most articles: relevance orders the newest RANK_WINDOW matches, and
        # older matches follow newest first (scoring them all took 0.5 s at a million).
        ranked = self._ids(
            sql + " and articles_fts.rowid >= ? order by " + compiled.order, [*params, floor],
            limit,
        )
        if limit is not None and len(ranked) >= limit:
            return ranked
        rest = self._ids(
            sql + " and articles_fts.rowid < ? order by articles_fts.rowid desc",
            [*params, floor], None if limit is None else limit - len(ranked),
        )
        return ranked + rest

    def _rank_floor(self, compiled: Any) -> int | None:
        """The lowest id of the newest RANK_WINDOW full-text matches, when a relevance-ordered
        query has more matches than that (one cheap pass over the index, no scoring)."""
        if "bm25(" not in compiled.order or not compiled.where.startswith(
            " where articles_fts match ?"
        ):
            return None
        row = self.db.execute(
            "select rowid from articles_fts where articles_fts match ? "
            "order by rowid desc limit 1 offset ?",
            [compiled.params[0], RANK_WINDOW - 1],
        ).fetchone()
        return None if row is None else int(row[0])

    def _ids(self, sql: str, params: list[Any], limit: int | None) -> list[int]:
        if limit is not None:
            sql += " limit ?"
            params = [*params, limit]
        return [row[0] for row in self.db.execute(sql, params).fetchall()]

    def save_search(self, name: str, text: str) -> None:
        """Keep a query under a name (replacing one of that name); QueryError if malformed,
        LibraryError for an empty name."""
        name = one_line(name)[:MAX_NAME_CHARS]
        if not name:
            raise LibraryError("a saved search needs a name")
        compile_query(parse(text))
        with self.write() as db:
            db.execute(
                "insert into saved_searches (name, query, created) values (?, ?, ?) "
                "on conflict(name) do update set query = excluded.query",
                [name, strip_controls(text), now()],
            )

    def saved_searches(self, *, counts: bool = True) -> list[SavedSearch]:
        """Saved searches by name; with counts (a query each) how many of their articles
        are unread. One that no longer compiles (saved by an older Tidings) has its error
        instead of a count."""
        found = []
        for row in self.query("select name, query from saved_searches order by name"):
            try:
                unread = len(self.find_ids(row["query"] + " is:unread")) if counts else None
                found.append(SavedSearch(row["name"], row["query"], unread))
            except QueryError as error:
                found.append(SavedSearch(row["name"], row["query"], None, str(error)))
        return found

    def delete_search(self, name: str) -> None:
        with self.write() as db:
            if not db.execute("delete from saved_searches where name = ?", [name]).rowcount:
                raise NotFound(f"no saved search called {name!r}")

    def unread_counts(self) -> dict[str, Any]:
        """Every view's unread count, from `article_counts` (one row a feed, kept by triggers),
        never the articles: a million-article library answers as fast as a small one. Keys:
        "stories" (unread, a story in several feeds once), "feeds" {feed id: unread},
        "tags" {tag: unread stories}, "starred", "annotated", "hidden" (by rules)."""
        feeds: dict[int, int] = {}
        stories: dict[int, int] = {}
        starred = hidden = 0
        for feed_id, unread, unique, starred_unread, hidden_unread in self.db.execute(
            "select feed_id, unread, unread_stories, starred_unread, hidden_unread "
            "from article_counts where unread > 0"
        ).fetchall():
            feeds[feed_id], stories[feed_id] = unread, unique
            starred, hidden = starred + starred_unread, hidden + hidden_unread
        tags: dict[str, int] = {}
        for feed_id, tag in self.db.execute("select feed_id, tag from feed_tags").fetchall():
            tags[tag] = tags.get(tag, 0) + stories.get(feed_id, 0)
        annotated = self.db.execute(
            "select count(*) from articles a where a.read = 0 and a.dup_of is null and a.id in "
            "(select article_id from annotations)"
        ).fetchone()[0]
        return {"stories": sum(stories.values()), "feeds": feeds, "tags": tags,
                "starred": starred, "annotated": annotated, "hidden": hidden}

    def count_unread(self) -> int:
        """Unread stories (a story found in several feeds counts once), rules' hidden left
        out: from `article_counts`, kept by triggers."""
        return int(self.db.execute("select total(unread_shown) from article_counts").fetchone()[0])

    def all_annotations(self) -> list[tuple[ArticleSummary, list[Annotation]]]:
        """Every annotated article, newest first, with its annotations in text order."""
        return [
            (summary, self.annotations(summary.id)) for summary in self.articles(annotated=True)
        ]
