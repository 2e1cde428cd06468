"""Feed subscriptions, their tags and their fetch state (ETag, errors, back-off).

A subscribed feed's title is its URL until the first fetch names it; a title the user gave
(or an OPML file gave) is kept. Removing a feed keeps what the user wrote: its starred and
annotated articles move to a local collection named after it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from tidings.storage.articles import ArticleQueries
from tidings.storage.clean import (
    MAX_NAME_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    clean_row,
    one_line,
    one_line_url,
)
from tidings.storage.errors import FeedExists, LibraryError, NotFound
from tidings.storage.records import (
    FeedName,
    FeedState,
    FetchOutcome,
    Schedule,
    StoreResult,
    from_row,
)


BACKOFF_MAX_SECONDS = 24 * 3600.0


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class FeedQueries(ArticleQueries):
    """Feeds: subscriptions, tags and fetch state; a base of `storage.Library`."""

    # -- subscriptions -----------------------------------------------------------------

    def add_feed(
        self,
        url: str,
        *,
        title: str | None = None,
        tags: Iterable[str] = (),
        full_text: bool = False,
    ) -> int:
        """Subscribe to url; FeedExists (with its id) if the library already follows it."""
        url = one_line(url)
        if not url or len(url) > MAX_URL_CHARS:
            raise LibraryError(f"a feed URL must be 1 to {MAX_URL_CHARS} characters long")
        existing = self.query("select id from feeds where url = ?", [url])
        if existing:
            raise FeedExists(f"already subscribed to {url}", int(existing[0]["id"]))
        with self.write():
            feed_id = int(
                self.table("feeds")
                .insert(
                    clean_row(
                        {
                            "kind": "feed",
                            "url": url,
                            "title": one_line(title or "", MAX_TITLE_CHARS) or url,
                            "full_text": int(full_text),
                            "created": _now().isoformat(),
                        }
                    )
                )
                .last_pk
            )
            self._add_tags(feed_id, tags)
        return feed_id

    def feed_id(self, ref: str | int) -> int:
        """A subscribed feed by id, URL or exact title; NotFound otherwise."""
        ref = str(ref).strip()
        if ref.isascii() and ref.isdigit() and int(ref) >= 2**63:
            raise NotFound(f"no feed {ref[:30]!r} (give its id, URL or title)")
        if ref.isascii() and ref.isdigit():
            rows = self.query("select id from feeds where id = ? and kind = 'feed'", [int(ref)])
        else:
            rows = self.query(
                "select id from feeds where kind = 'feed' and (url = ? or title = ?) order by id",
                [ref, ref],
            )
        if not rows:
            raise NotFound(f"no feed {one_line(ref, 200)!r} (give its id, URL or title)")
        return int(rows[0]["id"])

    def set_feed_url(self, feed_id: int, url: str) -> None:
        """Follow a permanent redirect, unless another subscription already has that URL."""
        url = one_line_url(url) or ""
        if not url:
            return
        if self.query("select 1 from feeds where url = ? and id != ?", [url, feed_id]):
            return
        with self.write() as db:
            db.execute(
                "update feeds set title = case when title = url then ? else title end, url = ? "
                "where id = ?",
                [url, url, feed_id],
            )

    def count_feeds(self) -> int:
        """Feeds fetched directly (not those a sync account brings)."""
        return int(
            self.query(
                "select count(*) as n from feeds where kind = 'feed' and account_id is null"
            )[0]["n"]
        )

    def feed_names(self) -> list[FeedName]:
        """Every feed, subscribed or local, by title."""
        rows = self.query("select id, title from feeds order by lower(title), id")
        return [FeedName(row["id"], row["title"]) for row in rows]

    def tags(self) -> list[str]:
        """Every tag given to a feed."""
        return [row["tag"] for row in self.query("select distinct tag from feed_tags order by lower(tag)")]

    def remove_feed(self, feed_id: int) -> int:
        """Unsubscribe; starred and annotated articles move to a local collection, the rest go.

        Returns how many articles were kept. A feed a sync account brings is the server's to
        drop: removing it here would only see it come back, empty, with the next sync.
        """
        feed = self.feed(feed_id)
        if feed.get("account_id") is not None:
            account = self.query(
                "select name from sync_accounts where id = ?", [feed["account_id"]]
            )
            name = account[0]["name"] if account else "?"
            raise LibraryError(
                f"{feed['title']} comes from the sync account {name!r}: unsubscribe on the "
                f"server, or remove the account (tidings account remove {name})"
            )
        keep_sql = (
            "select id from articles where feed_id = ? and (starred = 1 or exists "
            "(select 1 from annotations n where n.article_id = articles.id))"
        )
        kept = [row["id"] for row in self.query(keep_sql, [feed_id])]
        keeper = self.local_feed(f"{feed['title']} (removed)") if kept else None
        children = self._tables_referencing("articles")
        with self.write() as db:
            if kept:
                marks = ",".join("?" * len(kept))
                db.execute(
                    f"update articles set feed_id = ? where id in ({marks})", [keeper, *kept]
                )
            doomed = "select id from articles where feed_id = ?"
            for table, column in children:
                db.execute(f"delete from [{table}] where [{column}] in ({doomed})", [feed_id])
            db.execute("delete from articles where feed_id = ?", [feed_id])
            db.execute("delete from feed_tags where feed_id = ?", [feed_id])
            db.execute("delete from feeds where id = ?", [feed_id])
        return len(kept)

    def _tables_referencing(self, target: str) -> list[tuple[str, str]]:
        found = []
        for name in self.db.table_names():
            if name.startswith(f"{target}_fts"):
                continue
            for key in self.db.execute(f"pragma foreign_key_list([{name}])").fetchall():
                if key[2] == target:
                    found.append((name, key[3]))
        return found

    # -- tags --------------------------------------------------------------------------

    def _add_tags(self, feed_id: int, tags: Iterable[str]) -> None:
        rows = [
            {"feed_id": feed_id, "tag": tag}
            for tag in {one_line(t, MAX_NAME_CHARS) for t in tags}
            if tag
        ]
        if rows:
            self.table("feed_tags").insert_all(rows, ignore=True)

    def tag_feed(self, feed_id: int, add: Iterable[str] = (), remove: Iterable[str] = ()) -> None:
        self.feed(feed_id)
        with self.write() as db:
            self._add_tags(feed_id, add)
            for tag in remove:
                db.execute("delete from feed_tags where feed_id = ? and tag = ?", [feed_id, tag])

    def tag_feeds(
        self, feed_ids: Iterable[int], add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> None:
        """Tag many feeds in one transaction (every feed checked first)."""
        ids = [self.feed(feed_id)["id"] for feed_id in feed_ids]
        add, remove = list(add), list(remove)
        with self.write():
            for feed_id in ids:
                self.tag_feed(feed_id, add, remove)

    def feeds_by_tag(self) -> dict[str, list[int]]:
        """Each tag with the ids of the feeds it is given to."""
        found: dict[str, list[int]] = {}
        for row in self.query("select tag, feed_id from feed_tags order by tag, feed_id"):
            found.setdefault(row["tag"], []).append(int(row["feed_id"]))
        return found

    def feed_tags(self, feed_id: int) -> list[str]:
        rows = self.query("select tag from feed_tags where feed_id = ? order by tag", [feed_id])
        return [row["tag"] for row in rows]

    # -- listing -----------------------------------------------------------------------

    def feed(self, feed_id: int) -> dict[str, Any]:
        rows = self.query("select * from feeds where id = ? and kind = 'feed'", [feed_id])
        if not rows:
            raise NotFound(f"no feed with id {feed_id}")
        return rows[0]

    def feeds_overview(self) -> list[dict[str, Any]]:
        """Every subscribed feed with its tags, article and unread counts and fetch state (the
        counts kept by triggers: counting them took 2.8 s at a million articles)."""
        rows = self.query(
            """
            select f.id, f.title, f.url, f.site_url, f.full_text, f.last_fetched,
                   f.last_status, f.last_error, f.last_warning, f.error_count, f.next_due,
                   f.user_interval, f.next_interval, f.schedule_reason,
                   coalesce(c.articles, 0) as articles, coalesce(c.unread, 0) as unread
            from feeds f
            left join article_counts c on c.feed_id = f.id
            where f.kind = 'feed'
            order by f.title collate nocase, f.id
            """
        )
        tags: dict[int, list[str]] = {}
        for row in self.query("select feed_id, tag from feed_tags order by tag"):
            tags.setdefault(row["feed_id"], []).append(row["tag"])
        for row in rows:
            row["tags"] = tags.get(row["id"], [])
            row["full_text"] = bool(row["full_text"])
        return rows

    def failed_feeds(self) -> list[dict[str, Any]]:
        """Every feed whose last fetch failed, whoever fetched it (app or command line),
        with its error and when it is due again."""
        return self.query(
            "select id, title, url, last_error, last_status, last_fetched, error_count, next_due "
            "from feeds where kind = 'feed' and last_error is not null "
            "order by title collate nocase, id"
        )

    def feeds_with_unread(self) -> list[tuple[int, str]]:
        """(id, title) of every feed or collection with unread articles, by title."""
        rows = self.db.execute(
            "select f.id, f.title from feeds f where exists (select 1 from articles a "
            "where a.feed_id = f.id and a.read = 0 and a.hidden_by is null) "
            "order by lower(f.title), f.id"
        ).fetchall()
        return [(row[0], row[1]) for row in rows]

    def feed_title(self, feed_id: int) -> str | None:
        """The title of a feed or collection, None if there is no such feed."""
        row = self.db.execute("select title from feeds where id = ?", [feed_id]).fetchone()
        return row[0] if row else None

    def feed_kind(self, feed_id: int) -> str | None:
        """'feed' (subscribed), 'local' (a collection), or None if there is no such feed."""
        row = self.db.execute("select kind from feeds where id = ?", [feed_id]).fetchone()
        return row[0] if row else None

    # -- refresh state -----------------------------------------------------------------

    def feeds_to_refresh(
        self,
        feed_ids: Iterable[int] | None = None,
        *,
        now: datetime | None = None,
        due_only: bool = True,
    ) -> list[FeedState]:
        """The given feeds; else every feed that is due at `now` (never fetched, or its next
        fetch has come: the schedule, a failure's back-off); or, if not due_only, every feed
        but those backing off after a failure (a server's Retry-After is honoured)."""
        sql = (
            "select id, url, title, etag, last_modified, full_text, error_count, "
            "user_interval, posting_gap, feed_hint from feeds "
            "where kind = 'feed' and url is not null and account_id is null"
        )
        params: list[Any] = []
        if feed_ids is not None:
            ids = list(feed_ids)
            if not ids:
                return []
            sql += f" and id in ({','.join('?' * len(ids))})"
            params += ids
        else:
            scheduled = "" if due_only else "error_count = 0 or "
            sql += f" and ({scheduled}next_due is null or next_due <= ?)"
            params.append((now or _now()).isoformat())
        return [
            from_row(FeedState, row, error_count=row["error_count"] or 0)
            for row in self.query(sql + " order by id", params)
        ]

    def set_feed_interval(self, feed_ids: Iterable[int], seconds: int | None) -> None:
        """Fetch these feeds every `seconds` (None: back to adaptive scheduling). The next
        fetch moves to the last fetch plus the new interval (now, if never fetched)."""
        ids = [self.feed(feed_id)["id"] for feed_id in feed_ids]
        with self.write() as db:
            for feed_id in ids:
                db.execute("update feeds set user_interval = ? where id = ?", [seconds, feed_id])
                if seconds is not None:
                    db.execute(
                        "update feeds set next_interval = ?, schedule_reason = ?, next_due = "
                        "case when last_fetched is null then null else "
                        "strftime('%Y-%m-%dT%H:%M:%S+00:00', last_fetched, ? || ' seconds') end "
                        "where id = ? and error_count = 0",
                        [seconds, "set for this feed", seconds, feed_id],
                    )

    def known_guids(self, feed_id: int) -> set[str]:
        rows = self.db.execute("select guid from articles where feed_id = ?", [feed_id])
        return {row[0] for row in rows.fetchall()}

    def record_fetch(self, feed_id: int, outcome: FetchOutcome) -> list[StoreResult]:
        """Record what one fetch of a feed came to, in one transaction: its articles and new
        fetch state (validators, title, a permanent move), that it had not changed, or its
        failure and when to try again (ingest decides; storage records)."""
        return self.record_fetches([(feed_id, outcome)])[0]

    def record_fetches(
        self, fetches: Sequence[tuple[int, FetchOutcome]]
    ) -> list[list[StoreResult]]:
        """`record_fetch` for several feeds in one transaction, each feed's results in the
        order given: their new articles are inserted together (see `_store_feeds`)."""
        with self.write():
            fetched = [(feed_id, outcome) for feed_id, outcome in fetches
                       if outcome.error is None and not outcome.not_modified]
            stored = iter(self._store_feeds(
                [(feed_id, outcome.articles) for feed_id, outcome in fetched]))
            results: list[list[StoreResult]] = []
            for feed_id, outcome in fetches:
                if outcome.error is not None:
                    self._record_failure(feed_id, outcome)
                    results.append([])
                elif outcome.not_modified:
                    self._record_state(feed_id, outcome, "last_error = null, last_warning = null")
                    self._record_schedule(feed_id, outcome.schedule, learnt=False)
                    results.append([])
                else:
                    results.append(next(stored))
                    self._record_fetched(feed_id, outcome)
            return results

    def _record_fetched(self, feed_id: int, outcome: FetchOutcome) -> None:
        """A full fetch's new state: validators, title, site, schedule, a permanent move."""
        self._record_state(
            feed_id,
            outcome,
            "etag = :etag, last_modified = :last_modified, last_error = null, "
            "last_warning = :problem, "
            "site_url = coalesce(:site_url, site_url), "
            "title = case when title = url and :title is not null then :title else title end",
        )
        self._record_schedule(feed_id, outcome.schedule, learnt=True)
        if outcome.moved_to:
            self.set_feed_url(feed_id, outcome.moved_to)

    def _record_schedule(self, feed_id: int, schedule: Schedule | None, learnt: bool) -> None:
        """When the feed is next due (at once without a schedule); after a full fetch also
        what was learnt about it."""
        if schedule is None:
            return
        self.db.execute(
            "update feeds set next_due = ?, next_interval = ?, schedule_reason = ? where id = ?",
            [schedule.next_due, schedule.interval, one_line(schedule.reason, 200), feed_id],
        )
        if learnt:
            self.db.execute(
                "update feeds set posting_gap = ?, feed_hint = ? where id = ?",
                [schedule.posting_gap, schedule.feed_hint, feed_id],
            )

    def _record_state(self, feed_id: int, outcome: FetchOutcome, changes: str) -> None:
        """A fetch that worked: the feed's state, its failures forgotten, due again."""
        values = clean_row(
            {
                "etag": outcome.etag,
                "last_modified": outcome.last_modified,
                "problem": one_line(outcome.problem, 500) if outcome.problem else None,
                "site_url": one_line_url(outcome.site_url),
                "title": one_line(outcome.title or "", MAX_TITLE_CHARS) or None,
            }
        )
        self.db.execute(
            f"update feeds set {changes}, last_fetched = :fetched, last_status = :status, "
            "error_count = 0, next_due = null where id = :id",
            {**values, "fetched": (outcome.at or _now()).isoformat(), "status": outcome.status,
             "id": feed_id},
        )

    def _record_failure(self, feed_id: int, outcome: FetchOutcome) -> None:
        """The error, one more failure in a row, and when to try again."""
        now = outcome.at or _now()
        retry_in = outcome.retry_in or 0.0  # clamped again here: a day at most, never negative
        wait = timedelta(seconds=min(max(retry_in, 0.0), BACKOFF_MAX_SECONDS)
                         if math.isfinite(retry_in) else BACKOFF_MAX_SECONDS)
        self.db.execute(
            "update feeds set last_fetched = ?, last_status = ?, last_error = ?, "
            "error_count = coalesce(error_count, 0) + 1, next_due = ? where id = ?",
            [now.isoformat(), outcome.status, one_line(outcome.error or "", 500),
             (now + wait).isoformat(), feed_id],
        )

    # -- newsboat history --------------------------------------------------------------

    def apply_marks(self, feed_id: int, marks: dict[str, tuple[bool, bool]]) -> int:
        """Mark this feed's articles read and/or starred by guid (marks are only ever added,
        never cleared), through `mark`. Returns how many marks changed."""
        ids = {
            row["guid"]: row["id"]
            for row in self.query("select id, guid from articles where feed_id = ?", [feed_id])
        }
        read = [ids[guid] for guid, (is_read, _) in marks.items() if is_read and guid in ids]
        starred = [ids[guid] for guid, (_, is_starred) in marks.items() if is_starred and guid in ids]
        with self.write():
            return self.mark(read, read=True) + self.mark(starred, starred=True)
