"""Storing articles and marking them: the one way articles get into the library.

Single articles, imports and a refresh's batches all go through `_store_feeds`: new articles
are inserted, changed ones updated with their highlights re-anchored, unchanged ones left
alone; new and changed ones are queued for analysis. Marks go through `mark`, which reaches
every copy of a story.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tidings.storage import anchoring
from tidings.storage.annotations import AnnotationQueries
from tidings.storage.base import chunks, marks, now
from tidings.storage.clean import MAX_NAME_CHARS, MAX_TITLE_CHARS, one_line, one_line_url
from tidings.storage.duplicates import DuplicateQueries
from tidings.storage.errors import NotFound
from tidings.storage.records import ArticleIn, PreparedArticle, StoreResult

from tidings.storage.rows import article_row, prepare_article

INSERT_ROWS = 500  # new articles per INSERT statement (well under SQLite's 32,766 variables)


@dataclass(frozen=True)
class _Pending:
    """A new article waiting for its INSERT: which feed of the batch, its place there."""

    feed: int
    place: int
    feed_id: int
    article: ArticleIn
    row: dict[str, Any]


class ArticleQueries(AnnotationQueries, DuplicateQueries):
    """Storing and marking articles, a base of `storage.Library`."""

    if TYPE_CHECKING:  # from storage/rules.py and storage/enclosures.py, mixed into Library

        def _run_rules_on(self, results: Iterable[StoreResult]) -> None: ...
        def _replace_enclosures(
            self, article_id: int, enclosures: list[tuple[str, str | None, int | None]],
            new: bool = False,
        ) -> None: ...

    def local_feed(self, name: str) -> int:
        """The id of the local collection called name, created if new."""
        name = one_line(name, MAX_NAME_CHARS) or "Local"
        row = self.query("select id from feeds where kind = 'local' and title = ?", [name])
        if row:
            return int(row[0]["id"])
        with self.write():
            return int(
                self.table("feeds")
                .insert({"kind": "local", "title": name, "created": now()})
                .last_pk
            )

    # -- storing -----------------------------------------------------------------------

    def store_article(self, feed_id: int, article: ArticleIn) -> StoreResult:
        """Insert or update one article (unique on feed and guid) in its own transaction;
        every path that stores articles runs the rules on the new ones (`_store_all`)."""
        return self.store_articles(feed_id, [article])[0]

    def store_articles(
        self, feed_id: int, articles: Iterable[ArticleIn | PreparedArticle]
    ) -> list[StoreResult]:
        """Insert or update many articles in one transaction."""
        with self.write():
            return self._store_all(feed_id, articles)

    def _store_all(
        self, feed_id: int, articles: Iterable[ArticleIn | PreparedArticle]
    ) -> list[StoreResult]:
        """Insert or update articles of one feed (unique on feed and guid), in the caller's
        transaction."""
        return self._store_feeds([(feed_id, articles)])[0]

    def _store_feeds(
        self, feeds: Sequence[tuple[int, Iterable[ArticleIn | PreparedArticle]]]
    ) -> list[list[StoreResult]]:
        """Insert or update the articles of several feeds, in the caller's transaction; each
        feed's results in its order. One lookup a feed finds which guids it already holds;
        the new articles of every feed go in together, INSERT_ROWS to a statement: the
        full-text index writes a segment per statement (and merges them later), so a
        statement per feed cost a refresh a fifth more CPU."""
        stamp = now()
        known: dict[int, dict[str, tuple[int, str]]] = {}
        results: list[list[StoreResult | None]] = []
        pending: list[_Pending] = []
        pending_keys: set[str] = set()  # their feeds' guids and their normalised URLs

        def insert_pending() -> None:
            self._insert_new(pending, stamp, known, results)
            pending.clear()
            pending_keys.clear()

        for index, (feed_id, articles) in enumerate(feeds):
            if feed_id in known:
                insert_pending()  # the same feed twice: the second meets the first as stored
            rows = [(p.article, article_row(feed_id, p)) for p in map(prepare_article, articles)]
            held_here = known[feed_id] = self._known(feed_id, [row["guid"] for _a, row in rows])
            feed_results: list[StoreResult | None] = []
            results.append(feed_results)
            for article, row in rows:
                keys = {f"guid:{feed_id}:{row['guid']}"}
                if row["url_key"]:
                    keys.add("url:" + row["url_key"])
                if keys & pending_keys:
                    insert_pending()  # a repeat within the batch meets the first as stored
                held = held_here.get(row["guid"])
                if held is None:
                    pending.append(_Pending(index, len(feed_results), feed_id, article, row))
                    pending_keys.update(keys)
                    feed_results.append(None)
                    continue
                article_id, digest = held
                if digest == row["content_hash"]:
                    feed_results.append(StoreResult(article_id, "unchanged"))
                    continue
                held_here[row["guid"]] = (article_id, row["content_hash"])
                self._update(article_id, row, stamp)
                self._reanchor(article_id, row["text"])
                self.db.execute("delete from related_links where article_id = ?", [article_id])
                self._add_related(article_id, article.related)
                self._replace_enclosures(article_id, article.enclosures)
                self._queue(article_id, stamp)
                feed_results.append(StoreResult(article_id, "updated"))
        insert_pending()
        stored = [[result for result in feed if result is not None] for feed in results]
        self._run_rules_on([result for feed in stored for result in feed])
        return stored

    def _insert_new(
        self,
        pending: list[_Pending],
        stamp: str,
        known: dict[int, dict[str, tuple[int, str]]],
        results: list[list[StoreResult | None]],
    ) -> None:
        """Insert new articles, whatever their feeds, with one statement per INSERT_ROWS
        rows: the full-text index's trigger then buffers them together (a statement per
        article made FTS5 flush its index once per article: 2.5x the CPU of indexing them)."""
        if not pending:
            return
        columns = [*pending[0].row, "fetched"]
        names = ", ".join(f"[{name}]" for name in columns)
        one_row = "(" + ", ".join("?" * len(columns)) + ")"
        for start in range(0, len(pending), INSERT_ROWS):
            chunk = pending[start : start + INSERT_ROWS]
            self.db.execute(
                f"insert into articles ({names}) values " + ", ".join([one_row] * len(chunk)),
                [value for new in chunk for value in (*new.row.values(), stamp)],
            )
        guids: dict[int, list[str]] = {}
        for new in pending:
            guids.setdefault(new.feed_id, []).append(new.row["guid"])
        ids = {feed_id: self._known(feed_id, wanted) for feed_id, wanted in guids.items()}
        new_ids: list[int] = []
        for new in pending:
            article_id = ids[new.feed_id][new.row["guid"]][0]
            new_ids.append(article_id)
            known[new.feed_id][new.row["guid"]] = (article_id, new.row["content_hash"])
            self._add_related(article_id, new.article.related)
            if new.article.enclosures:
                self._replace_enclosures(article_id, new.article.enclosures, new=True)
            self._join_by_url(article_id, new.row["url_key"])
            results[new.feed][new.place] = StoreResult(article_id, "new")
        self._queue_all(new_ids, stamp)

    def _known(self, feed_id: int, guids: list[str]) -> dict[str, tuple[int, str]]:
        """(id, content hash) of the feed's articles with these guids."""
        rows = self.rows_in_chunks(
            "select guid, id, content_hash from articles where feed_id = ? and guid in ({})",
            sorted(set(guids)),
            feed_id,
        )
        return {guid: (article_id, digest) for guid, article_id, digest in rows}

    def _update(self, article_id: int, row: dict[str, Any], stamp: str) -> None:
        row = {**row, "updated": stamp}
        columns = ", ".join(f"[{name}] = ?" for name in row)
        self.db.execute(f"update articles set {columns} where id = ?", [*row.values(), article_id])

    def _add_related(self, article_id: int, related: list[tuple[str, str | None]]) -> None:
        if related:
            self.db.conn.executemany(
                "insert into related_links (article_id, position, title, url) values (?, ?, ?, ?)",
                [
                    (article_id, i, one_line(title, MAX_TITLE_CHARS), one_line_url(url))
                    for i, (title, url) in enumerate(related)
                ],
            )

    def _queue(self, article_id: int, stamp: str) -> None:
        """Queue an article for analysis (again, if it changed), behind the open ones."""
        self._queue_all([article_id], stamp)

    def _queue_all(self, article_ids: list[int], stamp: str) -> None:
        """Queue articles for analysis in one prepared statement (a refresh queues thousands)."""
        self.db.conn.executemany(
            "insert into enrich_queue (article_id, priority, queued) values (?, 0, ?) "
            "on conflict(article_id) do update set priority = 0, queued = excluded.queued",
            [(article_id, stamp) for article_id in article_ids],
        )

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

    # -- marks -------------------------------------------------------------------------

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
                        f"where read != ? and id in ({marks(chunk)})",
                        [int(read), stamp if read else None, int(read), *chunk],
                    ).rowcount
            if starred is not None:
                for chunk in chunks(sorted(set(ids))):
                    changed += db.execute(
                        "update articles set starred = ?, starred_at = ? "
                        f"where starred != ? and id in ({marks(chunk)})",
                        [int(starred), stamp if starred else None, int(starred), *chunk],
                    ).rowcount
        return changed
