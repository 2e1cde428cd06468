"""Storing articles and marking them: the one way articles get into the library.

Single articles, imports and a refresh's batches all go through `_store_all`: new articles
are inserted, changed ones updated with their highlights re-anchored, unchanged ones left
alone; new and changed ones are queued for analysis. Marks go through `mark`, which reaches
every copy of a story.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tidings.storage import anchoring
from tidings.storage.annotations import AnnotationQueries
from tidings.storage.base import chunks, marks, now
from tidings.storage.clean import MAX_NAME_CHARS, MAX_TITLE_CHARS, one_line, one_line_url
from tidings.storage.duplicates import DuplicateQueries
from tidings.storage.errors import NotFound
from tidings.storage.records import ArticleIn, StoreResult

INSERT_ROWS = 200  # new articles per INSERT statement (well under SQLite's 32,766 variables)
from tidings.storage.rows import article_row


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

    def store_articles(self, feed_id: int, articles: Iterable[ArticleIn]) -> list[StoreResult]:
        """Insert or update many articles in one transaction."""
        with self.write():
            return self._store_all(feed_id, articles)

    def _store_all(self, feed_id: int, articles: Iterable[ArticleIn]) -> list[StoreResult]:
        """Insert or update articles of one feed (unique on feed and guid), in the caller's
        transaction. One lookup finds which guids the feed already holds (a refresh stores
        tens of thousands of articles at once)."""
        rows = [(article, article_row(feed_id, article)) for article in articles]
        known = self._known(feed_id, [row["guid"] for _article, row in rows])
        stamp = now()
        results: list[StoreResult | None] = []
        pending: list[tuple[int, ArticleIn, dict[str, Any]]] = []  # new: (place, article, row)
        pending_keys: set[str] = set()  # their guids and normalised URLs

        def insert_pending() -> None:
            self._insert_new(feed_id, pending, stamp, known, results)
            pending.clear()
            pending_keys.clear()

        for article, row in rows:
            keys = {"guid:" + row["guid"]}
            if row["url_key"]:
                keys.add("url:" + row["url_key"])
            if keys & pending_keys:
                insert_pending()  # a repeat within the batch meets the first as stored
            held = known.get(row["guid"])
            if held is None:
                pending.append((len(results), article, row))
                pending_keys.update(keys)
                results.append(None)
                continue
            else:
                article_id, digest = held
                if digest == row["content_hash"]:
                    results.append(StoreResult(article_id, "unchanged"))
                    continue
                known[row["guid"]] = (article_id, row["content_hash"])
                self._update(article_id, row, stamp)
                self._reanchor(article_id, row["text"])
                self.db.execute("delete from related_links where article_id = ?", [article_id])
                self._add_related(article_id, article.related)
                self._replace_enclosures(article_id, article.enclosures)
                status = "updated"
            self._queue(article_id, stamp)
            results.append(StoreResult(article_id, status))
        insert_pending()
        stored = [result for result in results if result is not None]
        self._run_rules_on(stored)
        return stored

    def _insert_new(
        self,
        feed_id: int,
        pending: list[tuple[int, ArticleIn, dict[str, Any]]],
        stamp: str,
        known: dict[str, tuple[int, str]],
        results: list[StoreResult | None],
    ) -> None:
        """Insert new articles with one statement per INSERT_ROWS rows: the full-text index's
        trigger then buffers them together (a statement per article made FTS5 flush its index
        once per article: 2.5x the CPU of indexing them)."""
        if not pending:
            return
        columns = [*pending[0][2], "fetched"]
        names = ", ".join(f"[{name}]" for name in columns)
        one_row = "(" + ", ".join("?" * len(columns)) + ")"
        for start in range(0, len(pending), INSERT_ROWS):
            chunk = pending[start : start + INSERT_ROWS]
            self.db.execute(
                f"insert into articles ({names}) values " + ", ".join([one_row] * len(chunk)),
                [value for _place, _article, row in chunk for value in (*row.values(), stamp)],
            )
        ids = self._known(feed_id, [row["guid"] for _place, _article, row in pending])
        for place, article, row in pending:
            article_id = ids[row["guid"]][0]
            known[row["guid"]] = (article_id, row["content_hash"])
            self._add_related(article_id, article.related)
            if article.enclosures:
                self._replace_enclosures(article_id, article.enclosures, new=True)
            self._join_by_url(article_id, row["url_key"])
            results[place] = StoreResult(article_id, "new")
        self._queue_all([ids[row["guid"]][0] for _place, _article, row in pending], stamp)

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
