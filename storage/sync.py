"""Sync accounts in the library: accounts, the server ids of feeds and articles, resumable
sync state and the journal of local mark changes still to push.

The journal is written by triggers (migration m015_sync_accounts) in the same transaction as the mark,
so a change made through any path survives a restart or a SIGKILL until it is pushed.
Marks that come from a server go through `Library.mark` like every other mark; the journal
rows that writes in the same transaction are removed again, so they are not pushed back.

When both sides changed the same mark since the last sync, the local change wins: a mark
with a journal entry is pushed and the server's value for it is not applied.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tidings.storage.base import chunks, now
from tidings.storage.base import marks as placeholders
from tidings.storage.clean import strip_controls
from tidings.storage.errors import LibraryError, NotFound
from tidings.storage.records import Account, PendingMark, RemoteArticle, RemoteFeed, StoreResult

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.db import Table

    from tidings.storage.records import ArticleIn



class AccountExists(LibraryError):
    """Adding an account under a name the library already has."""


class SyncQueries:
    """Queries on sync accounts, mixed into `storage.Library`."""

    db: Database

    if TYPE_CHECKING:

        def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]: ...
        def write(self) -> Any: ...
        def table(self, name: str) -> Table: ...
        def _store_all(self, feed_id: int, articles: Iterable[ArticleIn]) -> list[StoreResult]: ...
        def mark(
            self, ids: Iterable[int], *, read: bool | None = None, starred: bool | None = None
        ) -> int: ...

    # -- accounts ----------------------------------------------------------------------

    def add_account(
        self,
        name: str,
        kind: str,
        url: str,
        user: str | None,
        secret_source: str,
        secret_ref: str | None,
    ) -> Account:
        name = strip_controls(name).strip()
        if not name:
            raise LibraryError("an account needs a name")
        if self.query("select 1 from sync_accounts where name = ?", [name]):
            raise AccountExists(f"there is already an account called {name!r}")
        with self.write():
            self.table("sync_accounts").insert(
                {
                    "name": name,
                    "kind": kind,
                    "url": url,
                    "user": user,
                    "secret_source": secret_source,
                    "secret_ref": secret_ref,
                    "created": now(),
                }
            )
        return self.account(name)

    def accounts(self, names: Iterable[str] = ()) -> list[Account]:
        """Every account by name, or the named ones (NotFound for a name not held)."""
        wanted = list(names)
        if wanted:
            return [self.account(name) for name in wanted]
        return [Account(**row) for row in self.query("select * from sync_accounts order by name")]

    def account(self, name: str) -> Account:
        rows = self.query("select * from sync_accounts where name = ?", [name])
        if not rows:
            raise NotFound(f"no account called {name!r}")
        return Account(**rows[0])

    def accounts_of_feeds(self, feed_ids: Iterable[int]) -> list[str]:
        """The names of the accounts these feeds come from (to sync instead of fetch)."""
        ids = list(feed_ids)
        rows = self.db.execute(
            "select distinct a.name from sync_accounts a join feeds f on f.account_id = a.id "
            f"where f.id in ({placeholders(ids)}) order by a.name",
            ids,
        ).fetchall() if ids else []
        return [row[0] for row in rows]

    def account_counts(self, account_id: int) -> dict[str, int]:
        feeds, articles, pending = self.db.execute(
            "select (select count(*) from feeds where account_id = :id), "
            "(select count(*) from sync_items where account_id = :id), "
            "(select count(distinct j.article_id || j.field) from sync_journal j "
            " join sync_items i on i.article_id = j.article_id where i.account_id = :id)",
            {"id": account_id},
        ).fetchone()
        return {"feeds": feeds, "articles": articles, "pending_marks": pending}

    def remove_account(self, name: str) -> int:
        """Forget an account; its feeds become local collections, so every article stays.
        Returns how many feeds were kept that way."""
        account = self.account(name)
        feeds = [row["id"] for row in self.query(
            "select id from feeds where account_id = ?", [account.id])]
        with self.write() as db:
            self._detach_feeds(feeds, account.name)
            db.execute(
                "delete from sync_journal where article_id in "
                "(select article_id from sync_items where account_id = ?)",
                [account.id],
            )
            for table in ("sync_items", "sync_state"):
                db.execute(f"delete from {table} where account_id = ?", [account.id])
            db.execute("delete from sync_accounts where id = ?", [account.id])
        return len(feeds)

    def _detach_feeds(self, feed_ids: list[int], account_name: str) -> None:
        """Turn account feeds into local collections (never fetched), keeping articles."""
        for feed_id in feed_ids:
            title = self.query("select title from feeds where id = ?", [feed_id])[0]["title"]
            name, n = f"{title} ({account_name})", 1
            while self.query(
                "select 1 from feeds where kind = 'local' and title = ?", [name]
            ):
                n += 1
                name = f"{title} ({account_name} {n})"
            self.db.execute(
                "update feeds set kind = 'local', title = ?, url = null, account_id = null, "
                "remote_id = null where id = ?",
                [name, feed_id],
            )

    def record_sync(self, account_id: int, error: str | None) -> None:
        """The outcome of a sync: when it ended well, or the one-line error it ended with.
        The error also goes on the account's feeds, where `feeds` and the app list errors."""
        message = None if error is None else strip_controls(error)[:500]
        stamp = now()
        with self.write() as db:
            if message is None:
                db.execute(
                    "update sync_accounts set last_sync = ?, last_error = null where id = ?",
                    [stamp, account_id],
                )
            else:
                db.execute(
                    "update sync_accounts set last_error = ? where id = ?", [message, account_id]
                )
            db.execute(
                "update feeds set last_error = ?, last_fetched = ? where account_id = ?",
                [message, stamp, account_id],
            )

    # -- sync state --------------------------------------------------------------------

    def sync_state(self, account_id: int) -> dict[str, str]:
        rows = self.query("select key, value from sync_state where account_id = ?", [account_id])
        return {row["key"]: row["value"] for row in rows}

    def _set_state(self, account_id: int, state: dict[str, str | None]) -> None:
        for key, value in state.items():
            if value is None:
                self.db.execute(
                    "delete from sync_state where account_id = ? and key = ?", [account_id, key]
                )
            else:
                self.db.execute(
                    "insert into sync_state (account_id, key, value) values (?, ?, ?) "
                    "on conflict(account_id, key) do update set value = excluded.value",
                    [account_id, key, str(value)],
                )

    def set_sync_state(self, account_id: int, state: dict[str, str | None]) -> None:
        with self.write():
            self._set_state(account_id, state)

    # -- feeds -------------------------------------------------------------------------

    def account_feeds(self, account_id: int) -> dict[str, int]:
        """The account's feeds: server id -> local feed id."""
        rows = self.query(
            "select remote_id, id from feeds where account_id = ?", [account_id]
        )
        return {row["remote_id"]: row["id"] for row in rows}

    def set_account_feeds(
        self, account: Account, feeds: list[RemoteFeed]
    ) -> tuple[int, int]:
        """Make the account's feeds those the server lists (titles, URLs, tags follow the
        server). A feed the library already fetches directly joins the account (it is then
        fetched through the server). Feeds the server no longer lists become local
        collections. Returns (added, dropped)."""
        known = self.account_feeds(account.id)
        listed = {feed.remote_id for feed in feeds}
        added = 0
        with self.write() as db:
            for feed in feeds:
                title = " ".join(strip_controls(feed.title).split()) or feed.url or feed.remote_id
                url = strip_controls(feed.url).strip() if feed.url else None
                site = strip_controls(feed.site_url).strip() if feed.site_url else None
                feed_id = known.get(feed.remote_id)
                if feed_id is None:
                    feed_id = self._account_feed(account.id, feed.remote_id, title, url, site)
                    added += 1
                else:
                    taken = url and self.query(
                        "select 1 from feeds where url = ? and id != ?", [url, feed_id]
                    )
                    db.execute(
                        "update feeds set title = ?, site_url = coalesce(?, site_url), "
                        "url = case when ? then url else ? end where id = ?",
                        [title, site, bool(taken), url, feed_id],
                    )
                tags = {strip_controls(tag).strip() for tag in feed.tags} - {""}
                db.execute("delete from feed_tags where feed_id = ?", [feed_id])
                if tags:
                    self.table("feed_tags").insert_all(
                        [{"feed_id": feed_id, "tag": tag} for tag in sorted(tags)], ignore=True
                    )
            with_url = {
                row["id"] for row in self.query(
                    "select id from feeds where account_id = ? and url is not null", [account.id])
            }  # feeds made for articles of unlisted feeds (tt-rss's archive) have none
            gone = [
                feed_id for remote_id, feed_id in known.items()
                if remote_id not in listed and feed_id in with_url
            ]
            self._detach_feeds(gone, account.name)
        return added, len(gone)

    def _account_feed(
        self, account_id: int, remote_id: str, title: str, url: str | None, site: str | None
    ) -> int:
        """A new account feed, or the direct subscription to the same URL taken over."""
        if url:
            row = self.query("select id, account_id from feeds where url = ?", [url])
            if row and row[0]["account_id"] is None:
                self.db.execute(
                    "update feeds set account_id = ?, remote_id = ?, title = ?, "
                    "next_due = null, error_count = 0, last_error = null where id = ?",
                    [account_id, remote_id, title, row[0]["id"]],
                )
                return int(row[0]["id"])
            if row:  # another account follows it too: this one keeps no URL of its own
                url = None
        return int(
            self.table("feeds")
            .insert(
                {
                    "kind": "feed",
                    "url": url,
                    "title": title,
                    "site_url": site,
                    "account_id": account_id,
                    "remote_id": remote_id,
                    "created": now(),
                }
            )
            .last_pk
        )

    # -- articles ----------------------------------------------------------------------

    @contextmanager
    def _server_marks(self) -> Iterator[None]:
        """Within a write: marks set here came from the server, so they are not journalled."""
        before = self.db.execute("select coalesce(max(id), 0) from sync_journal").fetchone()[0]
        yield
        self.db.execute("delete from sync_journal where id > ?", [before])

    def store_remote_articles(
        self, account: Account, items: list[RemoteArticle], state: dict[str, str | None]
    ) -> tuple[int, int]:
        """Store one page from the server with the sync state that follows it, in one
        transaction (so a sync killed mid-way resumes after the last whole page).
        Articles already known keep their local marks if changed locally. Returns
        (new, updated)."""
        new = updated = 0
        with self.write(), self._server_marks():
            feeds = self.account_feeds(account.id)
            mapped = self._mapped([item.remote_id for item in items], account.id)
            by_feed: dict[int, list[RemoteArticle]] = {}
            for item in items:
                if item.remote_id in mapped:
                    continue
                feed_id = feeds.get(item.remote_feed_id)
                if feed_id is None:
                    title = " ".join(strip_controls(item.feed_title).split()) or item.remote_feed_id
                    feed_id = feeds[item.remote_feed_id] = self._account_feed(
                        account.id, item.remote_feed_id, title, None, None
                    )
                by_feed.setdefault(feed_id, []).append(item)
            read: list[int] = []
            starred: list[int] = []
            for feed_id, group in by_feed.items():
                results = self._store_all(feed_id, [item.article for item in group])
                for item, result in zip(group, results):
                    new += result.status == "new"
                    updated += result.status == "updated"
                    if item.read:
                        read.append(result.id)
                    if item.starred:
                        starred.append(result.id)
                    self.db.execute(
                        "insert or replace into sync_items (account_id, remote_id, article_id) "
                        "values (?, ?, ?)",
                        [account.id, item.remote_id, result.id],
                    )
            if read:
                self.mark(read, read=True)
            if starred:
                self.mark(starred, starred=True)
            known = [item for item in items if item.remote_id in mapped]
            self._apply_marks(
                account.id,
                {item.remote_id: (item.read, item.starred) for item in known},
                mapped,
            )
            self._set_state(account.id, state)
        return new, updated

    def _mapped(self, remote_ids: list[str], account_id: int) -> dict[str, tuple[int, int, int]]:
        """remote id -> (article id, read, starred) for the ones the library holds."""
        found: dict[str, tuple[int, int, int]] = {}
        for chunk in chunks(remote_ids):
            rows = self.db.execute(
                "select i.remote_id, a.id, a.read, a.starred from sync_items i "
                "join articles a on a.id = i.article_id where i.account_id = ? "
                f"and i.remote_id in ({placeholders(chunk)})",
                [account_id, *chunk],
            ).fetchall()
            found.update({row[0]: (row[1], row[2], row[3]) for row in rows})
        return found

    def known_remote_ids(self, account_id: int, remote_ids: list[str]) -> set[str]:
        """Which of these server ids the library holds an article for."""
        return set(self._mapped(list(remote_ids), account_id))

    def _all_mapped(self, account_id: int) -> dict[str, tuple[int, int, int]]:
        rows = self.db.execute(
            "select i.remote_id, a.id, a.read, a.starred from sync_items i "
            "join articles a on a.id = i.article_id where i.account_id = ?",
            [account_id],
        ).fetchall()
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    def _pending_fields(self, account_id: int) -> set[tuple[int, str]]:
        rows = self.db.execute(
            "select distinct j.article_id, j.field from sync_journal j "
            "join sync_items i on i.article_id = j.article_id where i.account_id = ?",
            [account_id],
        ).fetchall()
        return {(row[0], row[1]) for row in rows}

    def _apply_marks(
        self,
        account_id: int,
        marks: dict[str, tuple[bool, bool]],
        mapped: dict[str, tuple[int, int, int]],
    ) -> int:
        """Set the server's (read, starred) on known articles, except marks changed locally
        and not yet pushed (the local change wins). Returns how many marks changed."""
        pending = self._pending_fields(account_id)
        changes: dict[tuple[str, bool], list[int]] = {}
        for remote_id, (read, starred) in marks.items():
            if remote_id not in mapped:
                continue
            article_id, local_read, local_starred = mapped[remote_id]
            if bool(local_read) != read and (article_id, "read") not in pending:
                changes.setdefault(("read", read), []).append(article_id)
            if bool(local_starred) != starred and (article_id, "starred") not in pending:
                changes.setdefault(("starred", starred), []).append(article_id)
        for (field, value), ids in changes.items():
            self.mark(ids, **{field: value})
        return sum(len(ids) for ids in changes.values())

    def apply_server_marks(
        self,
        account: Account,
        *,
        unread: set[str] | None = None,
        starred: set[str] | None = None,
        changes: dict[str, tuple[bool, bool]] | None = None,
        state: dict[str, str | None] | None = None,
    ) -> int:
        """Bring local marks level with the server's, in one transaction: either from the
        complete sets of unread and starred ids (every other known article is read and not
        starred) or from the marks of the articles that changed. Returns marks changed."""
        with self.write(), self._server_marks():
            mapped = self._all_mapped(account.id)
            marks: dict[str, tuple[bool, bool]] = dict(changes or {})
            if unread is not None and starred is not None:
                marks.update(
                    {rid: (rid not in unread, rid in starred) for rid in mapped}
                )
            changed = self._apply_marks(account.id, marks, mapped)
            if state:
                self._set_state(account.id, state)
        return changed

    # -- notes (where the protocol has a place for one, as an option) --------------------

    def notes_to_push(self, account_id: int) -> list[tuple[str, str, str | None]]:
        """(server id, note text, digest) for articles whose annotations changed since
        their note was last pushed; an article whose annotations are gone gets ''. The note
        is each highlight's quote with its note, in text order."""
        texts: dict[str, list[str]] = {}
        for remote_id, quote, note in self.db.execute(
            "select i.remote_id, n.quote, n.note from sync_items i "
            "join annotations n on n.article_id = i.article_id where i.account_id = ? "
            "order by i.remote_id, n.start, n.id",
            [account_id],
        ).fetchall():
            texts.setdefault(remote_id, []).append(f"\u201c{quote}\u201d" + (f" \u2014 {note}" if note else ""))
        state = self.sync_state(account_id)
        changed: list[tuple[str, str, str | None]] = []
        for remote_id, parts in texts.items():
            text = "\n\n".join(parts)
            digest = hashlib.sha256(text.encode()).hexdigest()[:16]
            if state.get(f"note:{remote_id}") != digest:
                changed.append((remote_id, text, digest))
        for key in state:
            if key.startswith("note:") and key[5:] not in texts:
                changed.append((key[5:], "", None))
        return changed

    # -- the journal -------------------------------------------------------------------

    def pending_marks(self, account_id: int) -> list[PendingMark]:
        """Local changes to push: one per article and field, with the value it has now."""
        rows = self.db.execute(
            "select group_concat(j.id), j.article_id, i.remote_id, j.field, a.read, a.starred "
            "from sync_journal j join sync_items i on i.article_id = j.article_id "
            "join articles a on a.id = j.article_id "
            "where i.account_id = ? group by j.article_id, j.field, i.remote_id "
            "order by min(j.id)",
            [account_id],
        ).fetchall()
        return [
            PendingMark(
                journal_ids=tuple(int(x) for x in ids.split(",")),
                article_id=article_id,
                remote_id=remote_id,
                field=field,
                value=bool(read if field == "read" else starred),
            )
            for ids, article_id, remote_id, field, read, starred in rows
        ]

    def clear_journal(self, journal_ids: Iterable[int]) -> None:
        """Forget journal rows the server has confirmed."""
        ids = list(journal_ids)
        with self.write() as db:
            for chunk in chunks(ids):
                db.execute(f"delete from sync_journal where id in ({placeholders(chunk)})", chunk)
