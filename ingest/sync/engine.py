"""Sync the library with each account's server: push local marks, then subscriptions, new
articles (paged, resumable) and the server's marks.

Order and rules:
1. Log in (an expired session is logged in again once, on any later call).
2. Push the journal: the current value of each mark changed locally, in batches; journal
   rows go only once the server has confirmed them.
3. Subscriptions: the server's feeds and categories become feeds and tags of the account.
4. New articles, a page at a time; each page is stored with the paging state in one
   transaction, so a sync that is killed resumes after its last whole page.
5. The server's marks for articles both sides know, in one transaction. A mark changed
   locally and not yet pushed is not overwritten: the local change wins.
A failure stops that account's sync with one line (stored on the account), keeps the
journal and everything stored so far, and goes on to the next account.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import httpx

from tidings.ingest.fetch import is_http_url

# the adapters register themselves in ADAPTERS on import
from tidings.ingest.sync import greader, miniflux, ttrss  # noqa: F401
from tidings.ingest.sync.base import (
    ADAPTERS,
    Adapter,
    SessionExpired,
    SyncError,
    make_client,
)
from tidings.ingest.sync.secrets import secret_for
from tidings.storage import Library
from tidings.storage.records import Account, RemoteFeed

T = TypeVar("T")
NOTES_OPTION = "option.push_notes"  # in the account's sync state: "1" pushes notes


@dataclass(frozen=True)
class SyncProgress:
    """Sent as a sync goes: which account, what it is doing, and articles stored so far."""

    account: str
    stage: str  # "login", "pushing", "feeds", "articles", "marks", "done", "failed"
    articles: int = 0


@dataclass
class AccountResult:
    name: str
    kind: str
    error: str | None = None
    feeds_added: int = 0
    feeds_dropped: int = 0
    articles_new: int = 0
    marks_pushed: int = 0
    marks_pulled: int = 0
    notes_pushed: int = 0
    pages: int = 0

    def line(self) -> str:
        if self.error:
            return f"{self.name}: failed: {self.error}"
        text = (
            f"{self.name}: {self.articles_new} new articles, {self.marks_pushed} marks pushed, "
            f"{self.marks_pulled} pulled"
        )
        if self.notes_pushed:
            text += f", {self.notes_pushed} notes pushed"
        if self.feeds_added or self.feeds_dropped:
            text += f"; {self.feeds_added} feeds added, {self.feeds_dropped} dropped"
        return text


@dataclass
class SyncSummary:
    accounts: list[AccountResult] = field(default_factory=list)

    @property
    def failed(self) -> list[AccountResult]:
        return [a for a in self.accounts if a.error]

    def line(self) -> str:
        """The one-line summary the command line prints."""
        if not self.accounts:
            return "no accounts to sync (add one with: tidings account add)"
        ok = len(self.accounts) - len(self.failed)
        return (
            f"{ok} of {len(self.accounts)} accounts synced; "
            f"{sum(a.articles_new for a in self.accounts)} new articles, "
            f"{sum(a.marks_pushed for a in self.accounts)} marks pushed, "
            f"{sum(a.marks_pulled for a in self.accounts)} pulled"
        )

    def to_dict(self) -> dict[str, Any]:
        return {"accounts": [asdict(a) for a in self.accounts]}


def _http_only(feed: RemoteFeed) -> RemoteFeed:
    """A server's feed with any URL that is not http(s) dropped (it is never fetched, but
    a library keeps only http(s) URLs)."""
    url = feed.url if feed.url and is_http_url(feed.url) else None
    site = feed.site_url if feed.site_url and is_http_url(feed.site_url) else None
    return replace(feed, url=url, site_url=site)


class _Db:
    """The sync's one library connection, in a thread of its own (the event loop never
    waits on SQLite)."""

    def __init__(self, path: Path) -> None:
        self._local: Library | None = None
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="tidings-sync-db")
        self._pool.submit(self._open, path).result()

    def _open(self, path: Path) -> None:
        self._local = Library.open(path)

    async def __call__(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        def run() -> T:
            assert self._local is not None
            return fn(self._local, *args, **kwargs)

        return await asyncio.get_running_loop().run_in_executor(self._pool, run)

    def close(self) -> None:
        def shut() -> None:
            if self._local is not None:
                self._local.close()

        self._pool.submit(shut).result()
        self._pool.shutdown()


class _AccountSync:
    def __init__(
        self,
        db: _Db,
        account: Account,
        adapter: Adapter,
        progress: Callable[[SyncProgress], None] | None,
    ) -> None:
        self.db = db
        self.account = account
        self.adapter = adapter
        self.progress = progress
        self.result = AccountResult(account.name, account.kind)
        self.relogged = False

    def _say(self, stage: str) -> None:
        if self.progress is not None:
            self.progress(SyncProgress(self.account.name, stage, self.result.articles_new))

    async def _call(self, make: Callable[[], Awaitable[T]]) -> T:
        """One server call; an expired session is logged in again once per sync."""
        try:
            return await make()
        except SessionExpired:
            if self.relogged:
                raise SyncError("the server ended the session again after a new login") from None
            self.relogged = True
            await self.adapter.login()
            return await make()

    async def run(self) -> AccountResult:
        self._say("login")
        await self.adapter.login()
        await self._push()
        await self._push_notes()
        self._say("feeds")
        feeds = [_http_only(feed) for feed in await self._call(self.adapter.feeds)]
        added, dropped = await self.db(Library.set_account_feeds, self.account, feeds)
        self.result.feeds_added, self.result.feeds_dropped = added, dropped
        await self._articles()
        self._say("marks")
        state = await self.db(Library.sync_state, self.account.id)
        marks = await self._call(lambda: self.adapter.server_marks(state))
        self.result.marks_pulled = await self.db(
            Library.apply_server_marks,
            self.account,
            unread=marks.unread,
            starred=marks.starred,
            changes=marks.changes,
            state=marks.state,
        )
        return self.result

    async def _push(self) -> None:
        pending = await self.db(Library.pending_marks, self.account.id)
        if not pending:
            return
        self._say("pushing")
        groups: dict[tuple[str, bool], list[Any]] = {}
        for mark in pending:
            groups.setdefault((mark.field, mark.value), []).append(mark)
        for (name, value), marks in groups.items():
            ids = [mark.remote_id for mark in marks]
            await self._call(lambda: self.adapter.push(name, value, ids))
            await self.db(
                Library.clear_journal, [jid for mark in marks for jid in mark.journal_ids]
            )
            self.result.marks_pushed += len(marks)

    async def _push_notes(self) -> None:
        """Annotations as the server's article note, where the protocol has one and the
        account asked for it (`account add --push-notes`)."""
        push_note = getattr(self.adapter, "push_note", None)
        state = await self.db(Library.sync_state, self.account.id)
        if push_note is None or state.get(NOTES_OPTION) != "1":
            return
        for remote_id, text, digest in await self.db(Library.notes_to_push, self.account.id):
            await self._call(lambda: push_note(remote_id, text))
            await self.db(Library.set_sync_state, self.account.id, {f"note:{remote_id}": digest})
            self.result.notes_pushed += 1

    async def _known(self, remote_ids: list[str]) -> set[str]:
        return await self.db(Library.known_remote_ids, self.account.id, remote_ids)

    async def _articles(self) -> None:
        self._say("articles")
        while True:
            state = await self.db(Library.sync_state, self.account.id)
            page = await self._call(lambda: self.adapter.articles_page(state, self._known))
            new, _updated = await self.db(
                Library.store_remote_articles, self.account, page.articles, page.state
            )
            self.result.articles_new += new
            self.result.pages += 1
            self._say("articles")
            if page.done:
                return


async def sync_accounts(
    library_path: Path,
    names: Iterable[str] = (),
    *,
    progress: Callable[[SyncProgress], None] | None = None,
    client: httpx.AsyncClient | None = None,
) -> SyncSummary:
    """Sync the named accounts (or all), one after another. Server failures are reported
    per account in the summary; only a library that cannot be read or written raises."""
    db = await asyncio.to_thread(_Db, Path(library_path))  # opening may wait on a lock
    summary = SyncSummary()
    own_client = client is None
    http = client or make_client()
    try:
        accounts = await db(Library.accounts, list(names))
        for account in accounts:
            summary.accounts.append(await _sync_one(db, account, http, progress))
    finally:
        if own_client:
            await http.aclose()
        await asyncio.to_thread(db.close)
    return summary


async def _sync_one(
    db: _Db,
    account: Account,
    http: httpx.AsyncClient,
    progress: Callable[[SyncProgress], None] | None,
) -> AccountResult:
    job: _AccountSync | None = None
    try:
        secret = await asyncio.to_thread(secret_for, account)
        adapter_type = ADAPTERS.get(account.kind)
        if adapter_type is None:
            raise SyncError(f"unknown account kind {account.kind!r}")
        adapter = adapter_type(http, account.url, account.user, secret)
        job = _AccountSync(db, account, adapter, progress)
        try:
            result = await job.run()
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            # an answer of a shape no check foresaw: one line, like every other failure
            raise SyncError(f"unexpected answer from the server ({type(error).__name__})") from None
    except SyncError as error:
        result = job.result if job is not None else AccountResult(account.name, account.kind)
        result.error = str(error)
        await db(Library.record_sync, account.id, result.error)
        if progress is not None:
            progress(SyncProgress(account.name, "failed", result.articles_new))
        return result
    await db(Library.record_sync, account.id, None)
    if progress is not None:
        progress(SyncProgress(account.name, "done", result.articles_new))
    return result


def sync_blocking(library_path: Path, names: Iterable[str] = (), **options: Any) -> SyncSummary:
    """`sync_accounts` for callers without an event loop (the command line)."""
    return asyncio.run(sync_accounts(library_path, names, **options))


async def subscribe(library_path: Path, name: str, urls: list[str]) -> None:
    """Subscribe the account to these feed URLs on its server (SyncError on the first that
    fails); the next sync brings their articles."""
    db = await asyncio.to_thread(_Db, Path(library_path))
    try:
        account = await db(Library.account, name)
        secret = await asyncio.to_thread(secret_for, account)
        adapter_type = ADAPTERS.get(account.kind)
        if adapter_type is None:
            raise SyncError(f"unknown account kind {account.kind!r}")
        async with make_client() as http:
            adapter = adapter_type(http, account.url, account.user, secret)
            await adapter.login()
            for url in urls:
                await adapter.subscribe(url)
    finally:
        await asyncio.to_thread(db.close)
