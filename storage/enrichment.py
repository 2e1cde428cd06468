"""Entities, mentions and timelines in the library, and the queue of articles awaiting them.

Storing an article queues it; the background enricher takes the queue newest first, and the
article being read jumps ahead. The queue is a table, so it survives restarts. Results are
storage's records; what `enrich` produces comes in as any object with the fields storage
reads (`MentionLike`, `DatedLike`): storage imports nothing of ours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from tidings.storage.base import now
from tidings.storage.duplicates import DuplicateQueries
from tidings.storage.clean import clean_row
from tidings.storage.records import (
    DatedLike,
    MentionLike,
    MentionRow,
    QueuedArticle,
    TimelineRow,
    dated_row,
)

# Priorities in the queue: the open article first, then the few after it, then the rest.
PRIORITY_OPEN = 100
PRIORITY_SOON = 50


def period_start(value: str) -> date:
    """The first day of a timeline date at any precision: 2025, 2025-02, 2025-W08, 2025-02-12."""
    if "-W" in value:
        year, week = value.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    if len(value) == 4:
        return date(int(value), 1, 1)
    if len(value) == 7:
        return date(int(value[:4]), int(value[5:]), 1)
    return date.fromisoformat(value)


class EnrichmentQueries(DuplicateQueries):
    """Queries on entities, timelines and the queue, mixed into `storage.Library`."""

    # -- the queue ---------------------------------------------------------------------

    def queued(self, limit: int = 16) -> list[QueuedArticle]:
        """The next articles to enrich: highest priority, then newest first."""
        rows = self.query(
            "select a.id, a.title, a.text, a.published, a.content_hash from enrich_queue q "
            "join articles a on a.id = q.article_id "
            "order by q.priority desc, q.published desc, q.article_id desc limit ?",
            [limit],
        )
        return [QueuedArticle(**row) for row in rows]

    def queued_articles(self, ids: Sequence[int]) -> list[QueuedArticle]:
        """These articles as the enricher takes them, if they are queued."""
        marks = ",".join("?" * len(ids))
        rows = self.query(
            "select a.id, a.title, a.text, a.published, a.content_hash from enrich_queue q "
            f"join articles a on a.id = q.article_id where a.id in ({marks})",
            list(ids),
        )
        return [QueuedArticle(**row) for row in rows]

    def queue_size(self) -> int:
        return int(self.db.execute("select count(*) from enrich_queue").fetchone()[0])

    def is_queued(self, article_id: int) -> bool:
        return bool(
            self.db.execute(
                "select 1 from enrich_queue where article_id = ?", [article_id]
            ).fetchone()
        )

    def prioritise(self, ids: Sequence[int], priority: int = PRIORITY_OPEN) -> None:
        """Move queued articles ahead (the one being read, the next few in the list)."""
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        with self.write() as db:
            db.execute(
                f"update enrich_queue set priority = max(priority, ?) where article_id in ({marks})",
                [priority, *ids],
            )

    def requeue(self, *, all_articles: bool = False, version: int | None = None) -> int:
        """Queue every article (all_articles) or those enriched with another version."""
        with self.write() as db:
            if all_articles:
                cursor = db.execute(
                    "insert or ignore into enrich_queue (article_id, priority, queued) "
                    "select id, 0, datetime('now') from articles"
                )
            else:
                cursor = db.execute(
                    "insert or ignore into enrich_queue (article_id, priority, queued) "
                    "select a.id, 0, datetime('now') from articles a "
                    "left join enrichments e on e.article_id = a.id "
                    "where e.version is null or e.version != ?",
                    [version],
                )
            return int(cursor.rowcount)

    # -- results -----------------------------------------------------------------------

    def store_enrichment(
        self,
        article: QueuedArticle,
        *,
        entities: Iterable[MentionLike],
        title_entities: Iterable[MentionLike],
        timeline: Iterable[DatedLike],
        version: int,
        backend: str,
        fingerprint: int | None = None,
    ) -> bool:
        """Replace an article's mentions and timeline; False if it changed since it was read."""
        with self.write() as db:
            current = db.execute(
                "select content_hash from articles where id = ?", [article.id]
            ).fetchone()
            if current is None or current[0] != article.content_hash:
                return False
            touched = {
                row[0]
                for row in db.execute(
                    "select distinct entity_id from mentions where article_id = ?", [article.id]
                ).fetchall()
            }
            db.execute("delete from mentions where article_id = ?", [article.id])
            db.execute("delete from timeline where article_id = ?", [article.id])
            for field, mentions in (("text", entities), ("title", title_entities)):
                for mention in mentions:
                    entity_id = self._entity_id(mention.canonical, mention.label)
                    touched.add(entity_id)
                    db.execute(
                        "insert into mentions (article_id, entity_id, field, start, end, text) "
                        "values (?, ?, ?, ?, ?, ?)",
                        [article.id, entity_id, field, mention.start, mention.end, mention.text],
                    )
            rows = [clean_row({"article_id": article.id, **dated_row(item)}) for item in timeline]
            if rows:
                self.table("timeline").insert_all(rows)
            self._count_articles(touched)
            self.table("enrichments").upsert(
                {"article_id": article.id, "version": version, "backend": backend,
                 "computed": now()},
                pk="article_id",
            )
            self._record_fingerprint(article.id, fingerprint)
            db.execute("delete from enrich_queue where article_id = ?", [article.id])
            return True

    def _entity_id(self, name: str, label: str) -> int:
        found = self.find_entity(name, label)
        if found is not None:
            return found
        cursor = self.db.execute(
            "insert into entities (name, label, article_count) values (?, ?, 0)",
            [clean_row({"n": name})["n"], label],
        )
        return int(cursor.lastrowid)

    def _count_articles(self, entity_ids: set[int]) -> None:
        if not entity_ids:
            return
        marks = ",".join("?" * len(entity_ids))
        self.db.execute(
            "update entities set article_count = (select count(distinct article_id) "
            f"from mentions m where m.entity_id = entities.id) where id in ({marks})",
            list(entity_ids),
        )

    def mentions(self, article_id: int) -> list[MentionRow]:
        """The article's entity mentions (in the title and the text), in order."""
        rows = self.query(
            "select m.text, e.label, m.start, m.end, e.name as canonical, m.field "
            "from mentions m join entities e on e.id = m.entity_id "
            "where m.article_id = ? order by m.field = 'text', m.start",
            [article_id],
        )
        return [MentionRow(**row) for row in rows]

    def timeline(self, article_id: int) -> list[TimelineRow]:
        """The article's dated items, in text order."""
        rows = self.query(
            "select expression, start, end, date, precision, sentence, sentence_start, "
            "sentence_end from timeline where article_id = ? order by start",
            [article_id],
        )
        return [TimelineRow(**row) for row in rows]

    def entity(self, entity_id: int) -> dict[str, Any] | None:
        rows = self.query(
            "select id, name, label, article_count from entities where id = ?", [entity_id]
        )
        return rows[0] if rows else None

    def find_entity(self, name: str, label: str) -> int | None:
        """The id of the entity of exactly this name and label."""
        row = self.db.execute(
            "select id from entities where name = ? and label = ?", [name, label]
        ).fetchone()
        return None if row is None else int(row[0])

    def entity_named(self, name: str) -> dict[str, Any] | None:
        """The entity called name, or mentioned as name ("Lavrov"), most written about first."""
        rows = self.query(
            "select id, name, label, article_count from entities where id in "
            "(select id from entities where name = ? collate nocase "
            "union select entity_id from mentions where text = ? collate nocase) "
            "order by name = ? collate nocase desc, article_count desc limit 1",
            [name, name, name],
        )
        return rows[0] if rows else None

    def entity_article_ids(self, entity_id: int) -> list[int]:
        """Articles that mention the entity, newest first (dates from the narrow
        articles_filters index, not each article's row)."""
        return [
            row[0]
            for row in self.db.execute(
                "select a.id from articles a indexed by articles_filters where a.id in "
                "(select article_id from mentions where entity_id = ?) "
                "order by a.published desc, a.id desc",
                [entity_id],
            ).fetchall()
        ]

    def entity_timeline(self, entity_id: int) -> list[dict[str, Any]]:
        """Dated items across the library whose sentence mentions the entity, by date."""
        rows = self.query(
            "select distinct t.article_id, a.title, t.expression, t.date, t.precision, "
            "t.sentence, t.start, t.sentence_start from mentions m "
            "join timeline t on t.article_id = m.article_id "
            "and m.start >= t.sentence_start and m.start < t.sentence_end "
            "join articles a on a.id = t.article_id "
            "where m.entity_id = ? and m.field = 'text'",
            [entity_id],
        )
        return sorted(rows, key=lambda row: (period_start(row["date"]), row["article_id"]))

    def co_mentioned(
        self, entity_id: int, limit: int = 10, recent: int = 1000
    ) -> list[dict[str, Any]]:
        """The entities that share the most articles with this one (among its `recent`
        latest articles, so a name in thousands of stories costs no more than a rare one)."""
        return self.query(
            "select e.id, e.name, e.label, count(distinct m.article_id) as articles "
            "from mentions m join entities e on e.id = m.entity_id "
            "where m.article_id in (select article_id from mentions where entity_id = ? "
            "order by article_id desc limit ?) "
            "and e.id != ? group by e.id order by articles desc, e.name limit ?",
            [entity_id, recent, entity_id, limit],
        )

    def entities(self, label: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Entities across the library, most written about first."""
        sql = "select id, name, label, article_count from entities where article_count > 0"
        params: list[Any] = []
        if label:
            sql += " and label = ?"
            params.append(label)
        sql += " order by article_count desc, name"
        if limit:
            sql += " limit ?"
            params.append(limit)
        return self.query(sql, params)
