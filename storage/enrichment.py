"""Entities, mentions and timelines in the library, and the queue of articles awaiting them.

Storing an article queues it; the background enricher takes the queue newest first, and the
article being read jumps ahead. The queue is a table, so it survives restarts. Results are
storage's records; what `enrich` produces comes in as any object with the fields storage
reads (`MentionLike`, `DatedLike`): storage imports nothing of ours.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from tidings.storage.base import now
from tidings.storage.duplicates import DuplicateQueries
from tidings.storage.clean import clean_row, clean_value
from tidings.storage.records import (
    DATED_COLUMNS,
    DatedLike,
    MentionLike,
    MentionRow,
    QueuedArticle,
    TimelineRow,
    dated_values,
)
from tidings.storage.entity_types import add_votes, article_votes, retype, type_of

# A mention whose label rests on a gazetteer or the words around it ("the island of Bornholm")
# outweighs the model's guesses: they are not independent (the same model errs the same way on
# the same name), so one explicit cue counts as much as ten of them.
SURE_WEIGHT = 10

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


# The entity page's bounded queries (its newest articles, its activity; companions outside the
# page) read the entity's this many most recently stored articles: a name in 400,000 costs
# what one in 1,000 does. The page's timeline and companions come from the articles it lists.
RECENT = 1000
PAGE_ARTICLES = 200  # the newest articles an entity's page lists (`tidings entity` too)
ANALYSED_CHARS = 100_000  # a longer article is analysed (and shown in the app) up to here


def analysed_part(text: str) -> str:
    """The part of a long text that is analysed and shown in the app: its start, cut at a
    paragraph break near ANALYSED_CHARS (a 10 MB article would take minutes and a
    gigabyte to analyse whole)."""
    if len(text) <= ANALYSED_CHARS:
        return text
    cut = text.rfind("\n\n", 0, ANALYSED_CHARS)
    return text[: cut if cut > ANALYSED_CHARS // 2 else ANALYSED_CHARS]


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

    def record_enrich_failure(self, article_id: int, error: str) -> None:
        """The article's analysis failed: keep why, and take it off the queue (a later
        `reindex` or a changed text queues it again)."""
        with self.write() as db:
            db.execute("delete from enrich_queue where article_id = ?", [article_id])
            db.execute(
                "insert or replace into enrich_failures (article_id, error, failed) "
                "values (?, ?, datetime('now'))",
                [article_id, " ".join(error.split())[:500]],
            )

    def enrich_failures(self) -> list[dict[str, Any]]:
        return self.query(
            "select article_id, error, failed from enrich_failures order by article_id"
        )

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
        related_places: Iterable[str] = (),
    ) -> bool:
        """Replace an article's mentions and timeline; False if it changed since it was read.
        `related_places` ("Denmark" for "Danish") are kept as mentions without a span or a vote:
        the article is found under them, nothing is highlighted."""
        with self.write() as db:
            conn = db.conn
            current = conn.execute(
                "select content_hash from articles where id = ?", [article.id]
            ).fetchone()
            if current is None or current[0] != article.content_hash:
                return False
            old_rows = conn.execute(
                "select entity_id, label, weight from mentions where article_id = ?", [article.id]
            ).fetchall()
            old = article_votes(old_rows)
            touched = {entity_id for entity_id, _ in old}
            add_votes(conn, old, -1)
            conn.execute("delete from mentions where article_id = ?", [article.id])
            conn.execute("delete from timeline where article_id = ?", [article.id])
            rows = [(field, m) for field, found in (("text", entities), ("title", title_entities))
                    for m in found]
            ids = self._entity_ids([(m.canonical, m.label) for _, m in rows])
            new = [(entity_id, m.label, SURE_WEIGHT if getattr(m, "sure", False) else 1)
                   for entity_id, (_, m) in zip(ids, rows)]
            related = {self._entity_ids([(place, "GPE")])[0]: place for place in related_places}
            conn.executemany(
                "insert into mentions (article_id, entity_id, field, start, end, text, label, weight) "
                "values (?, ?, ?, ?, ?, ?, ?, ?)",
                [(article.id, entity_id, field, m.start, m.end, m.text, m.label, weight)
                 for (field, m), (entity_id, _, weight) in zip(rows, new)]
                + [(article.id, entity_id, "related", 0, 0, place, "GPE", 0)
                   for entity_id, place in related.items()],
            )
            touched.update(ids, related)
            add_votes(conn, article_votes(new), 1)
            retype(conn, touched)
            conn.executemany(
                f"insert into timeline (article_id, {', '.join(DATED_COLUMNS)}) "
                f"values (?{', ?' * len(DATED_COLUMNS)})",
                [(article.id, *map(clean_value, dated_values(item))) for item in timeline],
            )
            self._count_articles({row[0] for row in old_rows}, set(ids) | set(related))
            conn.execute(
                "insert or replace into enrichments (article_id, version, backend, computed) "
                "values (?, ?, ?, ?)",
                [article.id, version, backend, now()],
            )
            self._record_fingerprint(article.id, fingerprint)
            conn.execute("delete from enrich_queue where article_id = ?", [article.id])
            conn.execute("delete from enrich_failures where article_id = ?", [article.id])
            return True

    def _entity_ids(self, names: list[tuple[str, str]]) -> list[int]:
        """The entity of each (name, label), in order: the names the library knows in one
        query, the others one at a time (a lone surname may join a person named just before)."""
        known: dict[str, int] = {}
        distinct = list(dict.fromkeys(name for name, _ in names))
        for start in range(0, len(distinct), 500):
            chunk = distinct[start:start + 500]
            known.update((name, int(entity_id)) for entity_id, name in self.db.conn.execute(
                f"select id, name from entities where name in ({','.join('?' * len(chunk))})", chunk))
        ids = []
        for name, label in names:
            if name not in known:
                known[name] = self._entity_id(name, label)
            ids.append(known[name])
        return ids

    def _entity_id(self, name: str, label: str) -> int:
        """The entity called name; a lone surname joins the one person of the library who has it."""
        db = self.db
        row = db.execute("select id from entities where name = ?", [name]).fetchone()
        if row:
            return int(row[0])
        if label == "PERSON" and " " not in name:
            rows = db.execute(
                "select id from entities where last_word = ? and type = 'person' limit 2", [name]
            ).fetchall()
            if len(rows) == 1:
                return int(rows[0][0])
        clean = clean_row({"n": name})["n"]
        cursor = db.execute(
            "insert into entities (name, label, type, last_word, article_count) values (?, ?, ?, ?, 0)",
            [clean, label, type_of(label), clean.rsplit(" ", 1)[1] if " " in clean else None],
        )
        return int(cursor.lastrowid)

    def _count_articles(self, before: set[int], after: set[int]) -> None:
        """Keep each entity's article count: one more for entities the article now names, one
        less for those it no longer does (a recount per entity grew with the library: 40 ms an
        article at 12,000 analysed)."""
        for delta, ids in ((1, after - before), (-1, before - after)):
            if ids:
                marks = ",".join("?" * len(ids))
                self.db.execute(
                    f"update entities set article_count = article_count + ? where id in ({marks})",
                    [delta, *ids],
                )

    def mentions(self, article_id: int) -> list[MentionRow]:
        """The article's entity mentions (in the title and the text), in order."""
        rows = self.query(
            "select m.text, e.label, m.start, m.end, e.name as canonical, m.field "
            "from mentions m join entities e on e.id = m.entity_id "
            "where m.article_id = ? and m.field != 'related' order by m.field = 'text', m.start",
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
            "select id, name, type, label, article_count from entities where id = ?", [entity_id]
        )
        return rows[0] if rows else None

    def find_entity(self, name: str, label: str | None = None) -> int | None:
        """The id of the entity of exactly this name (one per name, whatever the label)."""
        row = self.db.execute("select id from entities where name = ?", [name]).fetchone()
        return None if row is None else int(row[0])

    def entity_candidates(self, name: str) -> list[dict[str, Any]]:
        """Entities name may stand for, most written about first: the one called name; else
        those mentioned as name ("Lavrov") and the people whose surname it is ("Jensen")."""
        exact = self.query(
            "select id, name, type, label, article_count from entities where name = ? collate nocase "
            "order by name = ? desc, article_count desc limit 1",
            [name, name],
        )
        if exact:
            return exact
        return self.query(
            "select id, name, type, label, article_count from entities where id in "
            "(select entity_id from mentions where text = ? collate nocase "
            "union select id from entities where last_word = ? collate nocase and type = 'person') "
            "order by article_count desc, name",
            [name, name],
        )

    def entity_named(self, name: str) -> dict[str, Any] | None:
        """The entity name stands for when it stands for one (see `entity_candidates`)."""
        found = self.entity_candidates(name)
        return found[0] if len(found) == 1 else None

    def entity_article_ids(self, entity_id: int, limit: int | None = None) -> list[int]:
        """Articles that mention the entity, newest first (dates from the narrow
        articles_filters index, not each article's row). With a limit, the newest of its
        RECENT most recently stored articles: "US" in 400,000 articles then costs what a
        rare name does (sorting them all by date took 0.6 s at a million)."""
        floor = self._recent_floor(entity_id) if limit is not None else 0
        sql = (
            "select a.id from articles a indexed by articles_filters where a.id in "
            "(select article_id from mentions where entity_id = ? and article_id >= ?) "
            "order by a.published desc, a.id desc"
        )
        params: list[Any] = [entity_id, floor]
        if limit is not None:
            sql += " limit ?"
            params.append(limit)
        return [row[0] for row in self.db.execute(sql, params).fetchall()]

    def entity_article_count(self, entity_id: int) -> int:
        """How many articles mention the entity (from the mentions index alone)."""
        return int(self.db.execute(
            "select count(distinct article_id) from mentions where entity_id = ?", [entity_id]
        ).fetchone()[0])

    def _recent_floor(self, entity_id: int) -> int:
        """The lowest id among the entity's RECENT most recently stored articles (0 when
        it has fewer): what the entity page's bounded queries start from."""
        row = self.db.execute(
            "select article_id from mentions where entity_id = ? order by article_id desc "
            "limit 1 offset ?",
            [entity_id, RECENT - 1],
        ).fetchone()
        return int(row[0]) if row else 0

    def entity_timeline(
        self, entity_id: int, article_ids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        """Dated items whose sentence mentions the entity, by date: across the library, or
        only in `article_ids` (the page's articles). Those articles' own rows are read,
        not every mention of the entity: on a cold page cache at a million articles the
        library-wide join over a common name's newest 1,000 articles took 330 ms (p95)."""
        if article_ids is None:
            rows = self.query(
                "select distinct t.article_id, a.title, t.expression, t.date, t.precision, "
                "t.sentence, t.start, t.sentence_start from mentions m "
                "cross join timeline t on t.article_id = m.article_id "
                "and m.start >= t.sentence_start and m.start < t.sentence_end "
                "cross join articles a on a.id = t.article_id "
                "where m.entity_id = ? and m.field = 'text'",
                [entity_id],
            )
        else:
            rows = self.query(
                "select t.article_id, a.title, t.expression, t.date, t.precision, "
                "t.sentence, t.start, t.sentence_start from timeline t "
                "join articles a on a.id = t.article_id "
                "where t.article_id in (select value from json_each(?)) and exists "
                "(select 1 from mentions m where m.article_id = t.article_id "
                "and m.entity_id = ? and m.field = 'text' "
                "and m.start >= t.sentence_start and m.start < t.sentence_end)",
                [json.dumps(list(article_ids)), entity_id],
            )
        # One item per sentence and date: "on Monday ... Monday's vote" is one event.
        unique: dict[tuple[int, int, str], dict[str, Any]] = {}
        for row in sorted(rows, key=lambda row: row["start"]):
            sentence = row["start"] if row["sentence_start"] is None else row["sentence_start"]
            unique.setdefault((row["article_id"], sentence, row["date"]), row)
        return sorted(unique.values(), key=lambda row: (period_start(row["date"]), row["article_id"]))

    def mentions_over_time(
        self, entity_id: int, max_days: int = 92, bounded: bool = False
    ) -> tuple[str, str | None, list[int]]:
        """Articles mentioning the entity per day (per ISO week when they span more than
        `max_days`): the unit ("day" or "week"), the first bucket's date and the counts,
        with empty buckets as zeros, oldest first; `bounded`: of its RECENT most recently
        stored articles only. Dates come from the narrow articles_filters index: reading each
        article's row cost 30 ms more on a cold page cache at a million articles."""
        rows = self.db.execute(
            "select substr(a.published, 1, 10) as day, count(*) from articles a "
            "indexed by articles_filters where a.id in "
            "(select article_id from mentions where entity_id = ? and article_id >= ?) "
            "and a.published is not null group by day order by day",
            [entity_id, self._recent_floor(entity_id) if bounded else 0],
        ).fetchall()
        days: dict[date, int] = {}
        for day, count in rows:
            try:
                days[date.fromisoformat(day)] = count
            except ValueError:
                continue
        if not days:
            return "day", None, []
        first, last = min(days), max(days)
        if (last - first).days <= max_days:
            counts = [days.get(first + timedelta(days=k), 0) for k in range((last - first).days + 1)]
            return "day", first.isoformat(), counts
        monday = first - timedelta(days=first.weekday())
        weeks = [0] * ((last - monday).days // 7 + 1)
        for day, count in days.items():
            weeks[(day - monday).days // 7] += count
        return "week", monday.isoformat(), weeks

    def co_mentioned(
        self, entity_id: int, limit: int = 10, article_ids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        """The entities that share the most articles with this one: among `article_ids`
        (the page's articles), else among its RECENT latest (so a name in thousands of
        stories costs no more than a rare one)."""
        if article_ids is None:
            among = "select article_id from mentions where entity_id = ? order by article_id desc limit ?"
            params: list[Any] = [entity_id, RECENT]
        else:
            among, params = "select value from json_each(?)", [json.dumps(list(article_ids))]
        return self.query(
            "select e.id, e.name, e.type, e.label, count(distinct m.article_id) as articles "
            "from mentions m join entities e on e.id = m.entity_id "
            f"where m.article_id in ({among}) "
            "and e.id != ? group by e.id order by articles desc, e.name limit ?",
            [*params, entity_id, limit],
        )

    def entities(self, kind: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Entities across the library, most written about first; kind is person, org, place or other."""
        sql = "select id, name, type, label, article_count from entities where article_count > 0"
        params: list[Any] = []
        if kind:
            sql += " and type = ?"
            params.append(kind)
        sql += " order by article_count desc, name"
        if limit:
            sql += " limit ?"
            params.append(limit)
        return self.query(sql, params)
