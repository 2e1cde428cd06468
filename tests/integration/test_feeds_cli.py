"""The feed commands as a user runs them: subprocess, real library, real server on 127.0.0.1."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.integration.feedserver import FeedServer
from tests.integration.test_feeds_refresh import ITEM, rss
from tests.support import SHARED, run_tidings

NEWSBOAT = SHARED / "corpora" / "newsboat" / "data"


def _ok(*args: str, db: Path) -> str:
    result = run_tidings(*args, db=db)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_add_discovers_lists_tags_refreshes_and_removes(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    db = tmp_path / "lib.db"
    feed_url = feed_server.add("/feed.xml", rss([ITEM]))
    feed_server.add(
        "/", "<html><head><link rel='alternate' type='application/rss+xml' href='/feed.xml'>"
        "</head><body>Home</body></html>", "text/html",
    )
    added = run_tidings("add", feed_server.url("/"), "--tag", "local", db=db)
    assert added.returncode == 0, added.stderr
    feed_id, title, url = added.stdout.strip().split("\t")
    assert (title, url) == ("Harbour News", feed_url)
    assert "Harbour News: 1 article stored" in added.stderr

    listed = json.loads(_ok("feeds", "--json", db=db))
    assert listed[0]["tags"] == ["local"] and listed[0]["articles"] == 1
    assert listed[0]["unread"] == 1 and listed[0]["last_status"] == 200

    again = run_tidings("add", feed_url, db=db)
    assert again.returncode == 1 and "already subscribed" in again.stderr

    _ok("tag", feed_id, "harbours", "news", db=db)
    assert json.loads(_ok("feeds", "--json", db=db))[0]["tags"] == ["harbours", "local", "news"]

    broken = run_tidings("add", feed_server.url("/missing"), db=db)
    assert broken.returncode == 1 and "404" in broken.stderr and "Traceback" not in broken.stderr

    summary = json.loads(_ok("refresh", "--all", "--json", db=db))
    assert summary["feeds_unchanged"] == 1 and summary["feeds_failed"] == 0

    article_id = json.loads(_ok("list", "--json", db=db))[0]["id"]
    _ok("mark", str(article_id), "--star", db=db)
    removed = _ok("remove", "Harbour News", db=db)
    assert "1 starred or annotated articles kept" in removed
    assert json.loads(_ok("feeds", "--json", db=db)) == []
    [kept] = json.loads(_ok("list", "--json", db=db))
    assert kept["starred"] and kept["feed"] == "Harbour News (removed)"


def test_refresh_exits_0_when_feeds_fail_and_1_when_the_library_is_unwritable(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    db = tmp_path / "lib.db"
    opml = tmp_path / "subs.opml"
    opml.write_text(
        "<opml version='2.0'><body>"
        f"<outline text='Down' xmlUrl='{feed_server.url('/missing.xml')}'/>"
        f"<outline text='Up' xmlUrl='{feed_server.add('/feed.xml', rss([ITEM]))}'/>"
        "</body></opml>"
    )
    _ok("import-opml", str(opml), db=db)
    result = run_tidings("refresh", db=db)
    assert result.returncode == 0
    assert "1 fetched, 0 unchanged, 1 failed; 1 new articles" in result.stdout
    assert "HTTP 404" in result.stderr

    feed_server.add("/feed.xml", rss([ITEM, dict(ITEM, guid="harbour-2", title="Second")]))
    connection = sqlite3.connect(db)
    connection.execute("begin exclusive")  # another process holds the write lock
    try:
        locked = run_tidings("refresh", "Up", db=db)  # waits out the busy timeout, then fails
    finally:
        connection.rollback()
        connection.close()
    assert locked.returncode == 1 and "Traceback" not in locked.stderr
    assert locked.stderr.strip().count("\n") == 0, locked.stderr


def test_opml_round_trip_keeps_folders_as_tags(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    imported = _ok("import-opml", str(NEWSBOAT / "category.opml"), db=db)
    assert "feeds added" in imported
    before = {(f["url"], tuple(f["tags"])) for f in json.loads(_ok("feeds", "--json", db=db))}
    assert any(tags for _url, tags in before)

    out = tmp_path / "out.opml"
    _ok("export-opml", "--output", str(out), db=db)
    other = tmp_path / "other.db"
    _ok("import-opml", str(out), db=other)
    after = {(f["url"], tuple(f["tags"])) for f in json.loads(_ok("feeds", "--json", db=other))}
    assert after == before

    bad = tmp_path / "bad.opml"
    bad.write_text("<html>nope</html>")
    failed = run_tidings("import-opml", str(bad), db=db)
    assert failed.returncode == 1 and failed.stderr.startswith("Error:")
    assert failed.stderr.strip().count("\n") == 0


def test_import_newsboat_urls_and_cache(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    urls = tmp_path / "urls"
    urls.write_text(
        "# my feeds\n"
        'https://one.example/feed.xml news "long tag" ~"One Example"\n'
        "https://two.example/rss\n"
        'query:Unread:unread = "yes"\n'
        "exec:~/bin/feed.sh\n"
        "filter:~/f.sh:https://three.example/\n"
    )
    cache = tmp_path / "cache.db"
    connection = sqlite3.connect(cache)
    connection.executescript(
        """
        create table rss_feed (rssurl varchar primary key, url varchar, title varchar);
        insert into rss_feed values ('https://two.example/rss', 'https://two.example/', 'Two: the feed');
        create table rss_item (id integer primary key, guid varchar, title varchar,
          author varchar, url varchar, feedurl varchar, pubDate integer, content varchar,
          unread integer, enclosure_url varchar, enclosure_type varchar, enqueued integer,
          flags varchar, deleted integer default 0, base varchar);
        insert into rss_item (guid, title, author, url, feedurl, pubDate, content, unread,
          flags, deleted) values
          ('g1', 'Read one', 'A', 'https://one.example/1', 'https://one.example/feed.xml',
           1740000000, '<p>Body one.</p>', 0, '', 0),
          ('g2', 'Flagged one', '', 'https://one.example/2', 'https://one.example/feed.xml',
           1740000100, '<p>Body two.</p>', 1, 's', 0),
          ('g3', 'Unread one', '', 'https://one.example/3', 'https://one.example/feed.xml',
           1740000200, '<p>Body three.</p>', 1, '', 0),
          ('g4', 'Deleted', '', 'https://one.example/4', 'https://one.example/feed.xml',
           1740000300, '<p>Gone.</p>', 1, '', 1);
        """
    )
    connection.commit()
    connection.close()

    result = run_tidings("import-newsboat", "--urls", str(urls), "--cache", str(cache), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Warning:") == 3  # the three lines newsboat-only
    assert all(kind in result.stderr for kind in ("query", "exec", "filter"))
    feeds = {f["url"]: f for f in json.loads(_ok("feeds", "--json", db=db))}
    assert set(feeds) == {"https://one.example/feed.xml", "https://two.example/rss"}
    one = feeds["https://one.example/feed.xml"]
    assert one["title"] == "One Example" and one["tags"] == ["long tag", "news"]
    assert feeds["https://two.example/rss"]["title"] == "Two: the feed"  # from the cache, not its URL

    articles = {a["title"]: a for a in json.loads(_ok("list", "--json", db=db))}
    assert set(articles) == {"Read one", "Flagged one", "Unread one"}
    assert articles["Read one"]["read"] and not articles["Read one"]["starred"]
    assert articles["Flagged one"]["starred"] and not articles["Flagged one"]["read"]
    assert not articles["Unread one"]["read"]
    shown = json.loads(_ok("show", str(articles["Read one"]["id"]), "--json", db=db))
    assert shown["text"] == "Body one." and shown["published"].startswith("2025-02-19")


def test_only_http_urls_are_accepted(tmp_path: Path) -> None:
    result = run_tidings("add", "file:///etc/passwd", db=tmp_path / "lib.db")
    assert result.returncode == 2 and "only http and https" in result.stderr
