"""The library's side of sync: the journal is written with the mark by any path, server
marks are not journalled, the local change wins, removing an account keeps every article."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tidings.storage import ArticleIn, Library, LibraryError
from tidings.storage.records import RemoteArticle, RemoteFeed


def _synced(library: Library, n: int = 3) -> tuple[object, dict[str, int]]:
    account = library.add_account("home", "ttrss", "http://127.0.0.1:1/", "me", "env", None)
    library.set_account_feeds(account, [RemoteFeed("7", "Server feed", "https://example.com/f.xml", tags=("News",))])
    items = [
        RemoteArticle(str(100 + i), "7", "Server feed",
                      ArticleIn(guid=f"ttrss:{100 + i}", title=f"Story {i}", text="Body."),
                      read=i == 1, starred=i == 2)
        for i in range(n)
    ]
    new, _ = library.store_remote_articles(account, items, {"ttrss.since_id": str(100 + n)})
    assert new == n
    ids = {a.title: a.id for a in library.articles()}
    return account, ids


def test_server_marks_are_not_journalled_local_ones_are_by_any_path(library: Library, library_path: Path) -> None:
    account, ids = _synced(library)
    summaries = {a.title: a for a in library.articles()}
    assert summaries["Story 1"].read and summaries["Story 2"].starred
    assert library.pending_marks(account.id) == []  # what came from the server stays unjournalled
    library.mark([ids["Story 0"]], read=True)
    # a second path (raw SQL, as a bulk "mark view read" might do) is journalled too
    with sqlite3.connect(library_path) as conn:
        conn.execute("update articles set starred = 1 where id = ?", [ids["Story 1"]])
    pending = {(m.remote_id, m.field, m.value) for m in library.pending_marks(account.id)}
    assert pending == {("100", "read", True), ("101", "starred", True)}
    # a local-only article is never journalled
    local = library.store_article(library.local_feed("Notes"), ArticleIn(guid="n", title="Mine", text="x"))
    library.mark([local.id], read=True)
    assert len(library.pending_marks(account.id)) == 2


def test_the_local_change_wins_and_other_marks_follow_the_server(library: Library) -> None:
    account, ids = _synced(library)
    library.mark([ids["Story 0"]], read=True)
    library.mark([ids["Story 0"]], read=False)  # changed locally, back to unread: still pending
    # the server says: 100 read (it changed there too), 101 now unread, 102 as before
    changed = library.apply_server_marks(account, unread={"101", "102"}, starred={"102"})
    summaries = {a.title: a for a in library.articles()}
    assert not summaries["Story 0"].read  # local wins
    assert not summaries["Story 1"].read  # server wins where only it changed
    assert changed == 1
    assert [(m.remote_id, m.field) for m in library.pending_marks(account.id)] == [("100", "read")]


def test_the_journal_survives_reopening_and_clears_only_what_was_confirmed(library_path: Path) -> None:
    library = Library.open(library_path)
    account, ids = _synced(library)
    library.mark([ids["Story 0"]], read=True)
    library.close()
    library = Library.open(library_path)
    pending = library.pending_marks(account.id)
    assert [(m.remote_id, m.value) for m in pending] == [("100", True)]
    library.mark([ids["Story 2"]], starred=False)  # made while the push was on its way
    library.clear_journal(pending[0].journal_ids)
    assert [(m.remote_id, m.field) for m in library.pending_marks(account.id)] == [("102", "starred")]
    library.close()


def test_removing_an_account_keeps_its_articles_as_local_collections(library: Library) -> None:
    account, ids = _synced(library)
    library.mark([ids["Story 0"]], starred=True)
    assert library.remove_account("home") == 1
    assert {a.title for a in library.articles()} == {"Story 0", "Story 1", "Story 2"}
    assert {a.feed for a in library.articles()} == {"Server feed (home)"}
    assert library.accounts() == [] and library.feeds_to_refresh() == []


def test_account_feeds_are_not_refreshed_and_a_direct_feed_joins_the_account(library: Library) -> None:
    direct = library.add_feed("https://example.com/f.xml")
    other = library.add_feed("https://example.com/other.xml")
    assert {f.id for f in library.feeds_to_refresh()} == {direct, other}
    _synced(library)
    assert [f.id for f in library.feeds_to_refresh()] == [other]
    assert library.account_feeds(library.account("home").id) == {"7": direct}
    assert library.feed_tags(direct) == ["News"]


def test_a_feed_of_an_account_is_not_removed_locally(library: Library) -> None:
    _synced(library)
    (feed_id,) = library.account_feeds(library.account("home").id).values()
    with pytest.raises(LibraryError, match="comes from the sync account 'home'"):
        library.remove_feed(feed_id)
    assert len(library.articles()) == 3


def test_feeds_name_the_account_they_come_from(library: Library) -> None:
    _synced(library)
    (feed_id,) = library.account_feeds(library.account("home").id).values()
    own = library.add_feed("https://example.com/own.xml")
    assert library.accounts_of_feeds([feed_id, own]) == ["home"]
    assert library.accounts_of_feeds([own]) == [] and library.accounts_of_feeds([]) == []
