"""The Tidings library: one SQLite file holding feeds, articles, marks and annotations.

Open it with `Library.open(path)`, which brings the schema up to date. SQLite connections
are not shared between threads: another thread reads and writes through
`library.for_thread()`, a connection of its own opened once per thread. Writes go through
`write()`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from tidings.storage import anchoring
from tidings.storage.base import chunks, now
from tidings.storage.clean import clean_row, strip_controls
from tidings.storage.enrichment import EnrichmentQueries
from tidings.storage.feeds import FeedQueries
from tidings.storage.related import RelatedQueries
from tidings.storage.sync import SyncQueries
from tidings.storage.rows import article_row
from tidings.storage.errors import LibraryError, NewerLibrary, NotALibrary, NotFound
from tidings.storage.migrations import APPLICATION_ID, known_migrations, migrations
from tidings.storage.search_language import compile_query, parse
from tidings.storage.records import (
    Annotation,
    Article,
    ArticleIn,
    ArticleSummary,
    RelatedLink,
    SavedSearch,
    StoreResult,
    from_row,
)

BUSY_TIMEOUT_MS = 10_000

_this_thread = threading.local()  # .library: the connection for_thread() opened here


_SUMMARY_SQL = """
select a.id, a.title, f.title as feed, a.feed_id, a.url, a.published, a.read, a.starred,
       (select count(*) from annotations n where n.article_id = a.id) as annotations,
       (select count(*) from articles d where d.dup_of = a.id) + 1 as sources
from articles a join feeds f on f.id = a.feed_id
"""


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def _connect(path: Path) -> Database:
    """A connection with the settings every connection needs (per connection in SQLite)."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    db.execute("pragma busy_timeout = %d" % BUSY_TIMEOUT_MS)
    db.execute("pragma synchronous = normal")
    db.execute("pragma foreign_keys = on")
    return db


class Library(FeedQueries, RelatedQueries, EnrichmentQueries, SyncQueries):
    """A connection to one library file, with the queries the rest of Tidings needs."""

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Library:
        """Open (creating if need be) the library at path and bring its schema up to date."""
        path = Path(path)
        if path.is_dir():
            raise NotALibrary(f"{path} is a directory, not a Tidings library")
        existed = path.exists() and path.stat().st_size > 0
        if not existed:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = _connect(path)
            tables = set(db.table_names())
        except sqlite3.DatabaseError as error:
            raise NotALibrary(f"{path} is not a Tidings library ({error})") from None
        if existed:
            cls._check_is_ours(db, path, tables)
        try:
            db.execute("pragma journal_mode = wal")
            migrations.apply(db)
        except sqlite3.DatabaseError as error:
            raise LibraryError(f"cannot open library {path}: {error}") from None
        return cls(db, path)

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

    def defer_checkpoints(self, pages: int) -> None:
        """Let the write-ahead log grow to `pages` before SQLite folds it back (a long run of
        writes, such as a refresh, checkpoints once at the end with `checkpoint`)."""
        self.db.execute(f"pragma wal_autocheckpoint = {int(pages)}")

    def checkpoint(self) -> None:
        """Fold the write-ahead log back into the library file, without waiting for readers."""
        self.db.execute("pragma wal_checkpoint(passive)")

    # -- feeds -------------------------------------------------------------------------

    def local_feed(self, name: str) -> int:
        """The id of the local collection called name, created if new."""
        name = strip_controls(name).strip() or "Local"
        row = self.query("select id from feeds where kind = 'local' and title = ?", [name])
        if row:
            return int(row[0]["id"])
        with self.write():
            return int(
                self.table("feeds")
                .insert({"kind": "local", "title": name, "created": now()})
                .last_pk
            )

    # -- articles ----------------------------------------------------------------------

    def store_article(self, feed_id: int, article: ArticleIn) -> StoreResult:
        """Insert or update one article (unique on feed and guid) in its own transaction."""
        with self.write():
            return self._store(feed_id, article)

    def store_articles(self, feed_id: int, articles: Iterable[ArticleIn]) -> list[StoreResult]:
        """Insert or update many articles in one transaction."""
        with self.write():
            return [self._store(feed_id, article) for article in articles]

    def _store(self, feed_id: int, article: ArticleIn) -> StoreResult:
        row = article_row(feed_id, article)
        existing = self.query(
            "select id, text, content_hash from articles where feed_id = ? and guid = ?",
            [feed_id, row["guid"]],
        )
        articles = self.table("articles")
        if not existing:
            row["fetched"] = now()
            article_id = int(articles.insert(row).last_pk)
            self._replace_related(article_id, article.related)
            self._queue(article_id)
            self._join_by_url(article_id, row["url_key"])
            return StoreResult(article_id, "new")
        old = existing[0]
        article_id = int(old["id"])
        if old["content_hash"] == row["content_hash"]:
            return StoreResult(article_id, "unchanged")
        row["updated"] = now()
        articles.update(article_id, row)
        self._reanchor(article_id, row["text"])
        self._replace_related(article_id, article.related)
        self._queue(article_id)
        return StoreResult(article_id, "updated")

    def _replace_related(self, article_id: int, related: list[tuple[str, str | None]]) -> None:
        self.db.execute("delete from related_links where article_id = ?", [article_id])
        rows = [
            clean_row({"article_id": article_id, "position": i, "title": title, "url": url})
            for i, (title, url) in enumerate(related)
        ]
        if rows:
            self.table("related_links").insert_all(rows)

    def _reanchor(self, article_id: int, text: str) -> None:
        """Move each highlight to where its quote now stands, or mark it orphaned (never delete)."""
        for note in self.annotations(article_id):
            old = anchoring.Selector(note.quote, note.prefix, note.suffix, note.start, note.end)
            new = anchoring.reanchor(text, old)
            if new is None:
                self.table("annotations").update(note.id, {"orphaned": 1})
            else:
                self.table("annotations").update(
                    note.id,
                    {
                        "prefix": new.prefix,
                        "suffix": new.suffix,
                        "start": new.start,
                        "end": new.end,
                        "orphaned": 0,
                    },
                )

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
            annotations=self.annotations(article_id),
            related=[
                RelatedLink(r["title"], r["url"])
                for r in self.query(
                    "select title, url from related_links where article_id = ? order by position",
                    [article_id],
                )
            ],
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
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
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
    ) -> list[int]:
        """The ids of the articles in a view, newest (or oldest) first: all the list needs
        up front."""
        where, params = self._filters(unread, starred, annotated, feed_id, tag, entity_id)
        order = "asc" if oldest_first else "desc"
        sql = f"select a.id from articles a{where} order by a.published {order}, a.id {order}"
        return [row[0] for row in self.db.execute(sql, params).fetchall()]

    def summaries(self, ids: list[int]) -> dict[int, ArticleSummary]:
        """List rows for these ids (the few on screen), keyed by id."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.query(_SUMMARY_SQL + f" where a.id in ({marks})", ids)
        return {row["id"]: self._summary(row) for row in rows}

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
        sql = (
            "select a.id from articles a join feeds f on f.id = a.feed_id"
            + compiled.joins + compiled.where + " order by " + compiled.order
        )
        params = list(compiled.params)
        if limit is not None:
            sql += " limit ?"
            params.append(limit)
        return [row[0] for row in self.db.execute(sql, params).fetchall()]

    def save_search(self, name: str, text: str) -> None:
        """Keep a query under a name (replacing one of that name); QueryError if malformed."""
        parse(text)
        with self.write() as db:
            db.execute(
                "insert into saved_searches (name, query, created) values (?, ?, ?) "
                "on conflict(name) do update set query = excluded.query",
                [strip_controls(name), strip_controls(text), now()],
            )

    def saved_searches(self, *, counts: bool = True) -> list[SavedSearch]:
        """Saved searches by name; with counts (a query each) how many of their articles
        are unread."""
        return [
            SavedSearch(
                row["name"],
                row["query"],
                len(self.find_ids(row["query"] + " is:unread")) if counts else None,
            )
            for row in self.query("select name, query from saved_searches order by name")
        ]

    def delete_search(self, name: str) -> None:
        with self.write() as db:
            if not db.execute("delete from saved_searches where name = ?", [name]).rowcount:
                raise NotFound(f"no saved search called {name!r}")

    def count_unread(self) -> int:
        """Unread stories (a story found in several feeds counts once)."""
        return int(
            self.db.execute(
                "select count(*) from articles where read = 0 and dup_of is null"
            ).fetchone()[0]
        )

    def require_articles(self, ids: Iterable[int]) -> list[int]:
        """The ids as given, or NotFound naming the first the library does not hold."""
        ids = list(ids)
        held = self.ids_in_chunks("select id from articles where id in ({})", sorted(set(ids)))
        for article_id in ids:
            if article_id not in held:
                raise NotFound(f"no article with id {article_id}")
        return ids

    def unread_among(self, ids: Sequence[int]) -> set[int]:
        """Which of these ids are unread."""
        return self.ids_in_chunks("select id from articles where read = 0 and id in ({})", list(ids))

    def mark(
        self, ids: Iterable[int], *, read: bool | None = None, starred: bool | None = None
    ) -> int:
        """Set read and/or starred on articles, stamping when each mark was set; returns how
        many marks changed. Read marks reach every copy of a story (its near-duplicates);
        stars only the article starred. Every caller (keys, CLI, imports) comes here."""
        ids = self.require_articles(ids)
        stamp = now()
        changed = 0
        with self.write() as db:
            if read is not None:
                for chunk in chunks(sorted(self._group(ids))):
                    changed += db.execute(
                        "update articles set read = ?, read_at = ? "
                        f"where read != ? and id in ({_marks(chunk)})",
                        [int(read), stamp if read else None, int(read), *chunk],
                    ).rowcount
            if starred is not None:
                for chunk in chunks(sorted(set(ids))):
                    changed += db.execute(
                        "update articles set starred = ?, starred_at = ? "
                        f"where starred != ? and id in ({_marks(chunk)})",
                        [int(starred), stamp if starred else None, int(starred), *chunk],
                    ).rowcount
        return changed

    # -- annotations -------------------------------------------------------------------

    def annotations(self, article_id: int) -> list[Annotation]:
        return [
            self._annotation(row)
            for row in self.query(
                "select * from annotations where article_id = ? order by start, id", [article_id]
            )
        ]

    @staticmethod
    def _annotation(row: dict[str, Any]) -> Annotation:
        return from_row(
            Annotation,
            row,
            prefix=row["prefix"] or "",
            suffix=row["suffix"] or "",
            note=row["note"] or "",
            colour=row["colour"] or "yellow",
        )

    def annotation(self, annotation_id: int) -> Annotation:
        rows = self.query("select * from annotations where id = ?", [annotation_id])
        if not rows:
            raise NotFound(f"no annotation with id {annotation_id}")
        return self._annotation(rows[0])

    def annotate(
        self, article_id: int, start: int, end: int, note: str = "", colour: str = "yellow"
    ) -> Annotation:
        """Highlight text[start:end] of an article, with an optional note."""
        text = self.article(article_id).text
        selector = anchoring.select(text, start, end)
        stamp = now()
        with self.write():
            annotation_id = int(
                self.table("annotations")
                .insert(
                    clean_row(
                        {
                            "article_id": article_id,
                            "quote": selector.quote,
                            "prefix": selector.prefix,
                            "suffix": selector.suffix,
                            "start": start,
                            "end": end,
                            "note": note,
                            "colour": colour,
                            "orphaned": 0,
                            "created": stamp,
                            "updated": stamp,
                        }
                    )
                )
                .last_pk
            )
        return self.annotation(annotation_id)

    def annotate_quote(
        self, article_id: int, quote: str, note: str = "", colour: str = "yellow"
    ) -> Annotation:
        """Highlight the first occurrence of quote in the article's body."""
        text = self.article(article_id).text
        at = text.find(quote) if quote else -1
        if at == -1:
            raise NotFound(f"article {article_id} does not contain {quote!r}")
        return self.annotate(article_id, at, at + len(quote), note, colour)

    def update_annotation(
        self, annotation_id: int, *, note: str | None = None, colour: str | None = None
    ) -> Annotation:
        self.annotation(annotation_id)
        changes: dict[str, Any] = {"updated": now()}
        if note is not None:
            changes["note"] = note
        if colour is not None:
            changes["colour"] = colour
        with self.write():
            self.table("annotations").update(annotation_id, clean_row(changes))
        return self.annotation(annotation_id)

    def delete_annotation(self, annotation_id: int) -> None:
        self.annotation(annotation_id)
        with self.write() as db:
            db.execute("delete from annotations where id = ?", [annotation_id])

    def all_annotations(self) -> list[tuple[ArticleSummary, list[Annotation]]]:
        """Every annotated article, newest first, with its annotations in text order."""
        return [
            (summary, self.annotations(summary.id)) for summary in self.articles(annotated=True)
        ]

    # -- enrichment queue --------------------------------------------------------------

    def _queue(self, article_id: int, priority: int = 0) -> None:
        self.table("enrich_queue").upsert(
            {"article_id": article_id, "priority": priority, "queued": now()}, pk="article_id"
        )
