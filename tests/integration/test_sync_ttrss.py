"""Sync against a REAL Tiny Tiny RSS (Debian's tt-rss, API level 15, on 127.0.0.1): tt-rss
fetches feeds from our loopback feed server, `tidings` runs as a user runs it."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from tests.integration.feedserver import FeedServer
from tests.integration.ttrss_server import PASSWORD, USER, TtRss
from tests.support import run_tidings
from tidings.storage import Library


def rss(server: FeedServer, name: str, titles: list[str]) -> str:
    items = "".join(
        f"<item><title>{t}</title><link>{server.base}/{name}/{i}.html</link>"
        f"<guid isPermaLink='false'>{name}-{i}</guid>"
        f"<pubDate>Mon, 30 Nov 2026 1{i % 10}:00:00 +0000</pubDate>"
        f"<description><![CDATA[<p>{t} is the story.</p><p>Second paragraph.</p>]]></description></item>"
        for i, t in enumerate(titles)
    )
    body = (f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
            f"<title>{name} feed</title><link>{server.base}/</link><description>d</description>"
            f"{items}</channel></rss>")
    return server.add(f"/{name}.rss", body, conditional=False)


def _articles(db: Path) -> dict[str, dict[str, Any]]:
    library = Library.open(db)
    try:
        return {a.title: a.to_dict() for a in library.articles()}
    finally:
        library.close()


def _mark(db: Path, article_id: int, **marks: bool) -> None:
    library = Library.open(db)
    try:
        library.mark([article_id], **marks)
    finally:
        library.close()


def _account(db: Path, ttrss: TtRss, tmp_path: Path, password: str = PASSWORD) -> dict[str, str]:
    secret = tmp_path / "ttrss.pass"
    secret.write_text(password + "\n")
    secret.chmod(0o600)
    result = run_tidings(
        "account", "add", "home", "--kind", "ttrss", "--url", ttrss.url, "--user", USER,
        "--password-file", str(secret), db=db,
    )
    assert result.returncode == 0, result.stderr
    return {}


def test_real_ttrss_feeds_articles_and_marks_both_ways(
    ttrss: TtRss, ttrss_feeds: FeedServer, tmp_path: Path
) -> None:
    name = f"t{uuid.uuid4().hex[:6]}"
    titles = [f"{name} {word}" for word in ("Alpha", "Bravo", "Charlie", "Delta", "Echo")]
    feed_id = ttrss.subscribe(rss(ttrss_feeds, name, titles))
    db = tmp_path / "lib.db"
    _account(db, ttrss, tmp_path)

    result = run_tidings("sync", db=db)
    assert result.returncode == 0, result.stderr
    feeds = {f["title"]: f for f in json.loads(run_tidings("feeds", "--json", db=db).stdout)}
    assert f"{name} feed" in feeds
    assert feeds[f"{name} feed"]["url"] == f"{ttrss_feeds.base}/{name}.rss"
    articles = _articles(db)
    assert set(titles) <= set(articles)
    shown = json.loads(run_tidings("show", str(articles[titles[0]]["id"]), "--json", db=db).stdout)
    assert shown["text"] == f"{titles[0]} is the story.\n\nSecond paragraph."
    # synced feeds come through the server: refresh leaves them alone
    assert json.loads(run_tidings("refresh", "--json", db=db).stdout)["feeds_fetched"] == 0

    # read and star locally, sync: the server shows them
    _mark(db, articles[titles[0]]["id"], read=True)
    _mark(db, articles[titles[1]]["id"], starred=True)
    result = run_tidings("sync", db=db)
    assert result.returncode == 0 and "2 marks pushed" in result.stdout, result.stderr
    server = ttrss.headlines(feed_id)
    assert server[titles[0]]["unread"] is False and server[titles[1]]["marked"] is True
    assert server[titles[2]]["unread"] is True

    # read and star on the server, sync: the library shows them
    ttrss.set(server[titles[2]]["id"], read=True, starred=True)
    assert run_tidings("sync", db=db).returncode == 0
    articles = _articles(db)
    assert articles[titles[2]]["read"] and articles[titles[2]]["starred"]

    # both changed Delta's read mark: the local change wins; only the server starred Echo
    ttrss.set(server[titles[3]]["id"], read=True)
    _mark(db, articles[titles[3]]["id"], read=True)
    _mark(db, articles[titles[3]]["id"], read=False)
    ttrss.set(server[titles[4]]["id"], starred=True)
    assert run_tidings("sync", db=db).returncode == 0
    articles, server = _articles(db), ttrss.headlines(feed_id)
    assert not articles[titles[3]]["read"] and server[titles[3]]["unread"] is True
    assert articles[titles[4]]["starred"]

    # a new article on the server arrives with the next sync, once
    rss(ttrss_feeds, name, [*titles, f"{name} Foxtrot"])
    ttrss.update(feed_id)
    result = run_tidings("sync", db=db)
    assert result.returncode == 0 and "1 new articles" in result.stdout, result.stdout
    assert run_tidings("sync", db=db).stdout.startswith("home: 0 new articles")
    assert len([t for t in _articles(db) if t.startswith(name)]) == 6

    # subscribe through tidings: tt-rss subscribes (subscribeToFeed), the sync brings it
    second = rss(ttrss_feeds, f"{name}b", [f"{name}b One"])
    result = run_tidings("account", "subscribe", "home", second, db=db)
    assert result.returncode == 0, result.stderr
    new_feed = next(f for f in ttrss.api("getFeeds", cat_id=-3) if f["feed_url"] == second)
    ttrss.update(new_feed["id"])
    assert run_tidings("sync", db=db).returncode == 0
    assert f"{name}b One" in _articles(db)


async def test_real_ttrss_expired_session_is_logged_in_again_once(ttrss: TtRss, tmp_path: Path) -> None:
    """tt-rss answers NOT_LOGGED_IN to a session it no longer knows: one new login, then on."""
    from tidings.ingest.sync.base import make_client
    from tidings.ingest.sync.engine import _AccountSync, _Db
    from tidings.ingest.sync.ttrss import TinyTinyRSS

    db_path = tmp_path / "lib.db"
    library = Library.open(db_path)
    account = library.add_account("home", "ttrss", ttrss.url, USER, "env", None)
    library.close()
    db = _Db(db_path)
    async with make_client() as client:
        adapter = TinyTinyRSS(client, ttrss.url, USER, PASSWORD)
        await adapter.login()
        adapter.sid = "a-session-the-server-forgot"
        job = _AccountSync(db, account, adapter, None)
        feeds = await job._call(adapter.feeds)
        assert job.relogged and adapter.sid != "a-session-the-server-forgot"
        assert isinstance(feeds, list)
    db.close()


async def test_real_ttrss_annotations_go_to_the_article_note_as_an_option(
    ttrss: TtRss, ttrss_feeds: FeedServer, tmp_path: Path
) -> None:
    name = f"n{uuid.uuid4().hex[:6]}"
    feed_id = ttrss.subscribe(rss(ttrss_feeds, name, [f"{name} Noted"]))
    db = tmp_path / "lib.db"
    secret = tmp_path / "pass"
    secret.write_text(PASSWORD)
    result = run_tidings("account", "add", "notes", "--kind", "ttrss", "--url", ttrss.url,
                         "--user", USER, "--password-file", str(secret), "--push-notes", db=db)
    assert result.returncode == 0, result.stderr
    assert run_tidings("sync", db=db).returncode == 0
    library = Library.open(db)
    article = next(a for a in library.articles() if a.title == f"{name} Noted")
    library.annotate_quote(article.id, "is the story", note="check this")
    library.close()
    result = run_tidings("sync", db=db)
    assert result.returncode == 0 and "1 notes pushed" in result.stdout, result.stdout
    remote = ttrss.headlines(feed_id)[f"{name} Noted"]["id"]
    note = ttrss.api("getArticle", article_id=str(remote))[0]["note"]
    assert note == "\u201cis the story\u201d \u2014 check this"
    assert "notes pushed" not in run_tidings("sync", db=db).stdout  # unchanged: not again


def test_real_ttrss_wrong_password_and_stopped_server(
    ttrss: TtRss, tmp_path: Path
) -> None:
    db = tmp_path / "lib.db"
    _account(db, ttrss, tmp_path, password="not the password")
    result = run_tidings("sync", db=db)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: home: tt-rss refused the login: wrong user name or password"
    ]
    assert "not the password" not in result.stdout + result.stderr

    # the server stops: one line, and the mark made locally waits in the journal
    good = tmp_path / "good"
    good.mkdir()
    db = good / "lib.db"
    _account(db, ttrss, good)
    assert run_tidings("sync", db=db).returncode == 0
    some = next(iter(_articles(db).values()))
    _mark(db, some["id"], starred=not some["starred"])
    ttrss.stop()  # this test runs last in the module; the session fixture's stop is then a no-op
    result = run_tidings("sync", db=db)
    assert result.returncode == 1
    host = ttrss.url.split("//")[1].strip("/")
    assert result.stderr.strip().splitlines() == [
        f"Error: home: cannot reach the server at {host} (connection refused or no route)"
    ]
    library = Library.open(db)
    try:
        assert library.account_counts(library.account("home").id)["pending_marks"] == 1
    finally:
        library.close()
