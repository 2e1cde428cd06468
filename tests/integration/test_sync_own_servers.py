"""Sync against our own Google Reader API and Miniflux test servers (tests/integration/
sync_servers.py: no FreshRSS or Miniflux can be installed here, so these follow the published
API documents, including where FreshRSS and Miniflux differ). Run as a user runs it: the
`tidings` command in a subprocess, on a real library file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.sync_servers import GoogleReaderServer, MinifluxServer
from tests.support import run_tidings
from tidings.ingest.sync.engine import sync_blocking
from tidings.storage import Library

SERVERS = {
    "google_reader_test_server_freshrss_flavour": ("greader", lambda: GoogleReaderServer("freshrss")),
    "google_reader_test_server_miniflux_flavour": ("greader", lambda: GoogleReaderServer("miniflux")),
    "miniflux_rest_test_server": ("miniflux", MinifluxServer),
}
SECRET = {"greader": "s3cret pass", "miniflux": "miniflux-api-token"}


@pytest.fixture(params=sorted(SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[Any]:
    kind, make = SERVERS[request.param]
    with make() as srv:
        srv.kind = kind
        news = srv.data.add_feed("World News", "https://example.com/world.xml", "News")
        tech = srv.data.add_feed("Tech Notes", "https://example.com/tech.xml", "Tech")
        for n, title in enumerate(["Alpha", "Bravo", "Charlie", "Delta", "Echo"]):
            srv.data.add_entry(news if n % 2 == 0 else tech, title)
        yield srv


def _add(db: Path, server: Any, tmp_path: Path, name: str = "srv", secret: str | None = None) -> None:
    """The three ways to give the secret, one per server, so each is tested."""
    secret = secret or SECRET[server.kind]
    args = ["account", "add", name, "--kind", server.kind, "--url", server.url]
    env: dict[str, str] = {"TIDINGS_PASSWORD": ""}
    if server.kind == "greader":
        args += ["--user", server.user]
        if getattr(server, "flavour", "") == "freshrss":
            env = {"TIDINGS_PASSWORD": secret}
        else:  # a command run as an argument list, like `pass show reader`
            path = tmp_path / f"{name}.pass"
            path.write_text(secret + "\n")
            args += ["--password-command", f"cat '{path}'"]
    else:
        path = tmp_path / f"{name}.secret"
        path.write_text(secret + "\n")
        path.chmod(0o600)
        args += ["--password-file", str(path)]
    result = run_tidings(*args, db=db, env=env)
    assert result.returncode == 0, result.stderr
    server.env = env


def _sync(db: Path, server: Any, *names: str) -> subprocess.CompletedProcess[str]:
    return run_tidings("sync", *names, db=db, env=server.env)


def _articles(db: Path) -> dict[str, dict[str, Any]]:
    """The library's articles by title (read in-process: each subprocess costs a second)."""
    library = Library.open(db)
    try:
        return {a.title: a.to_dict() for a in library.articles()}
    finally:
        library.close()


def _mark(db: Path, article_id: int, *flags: str) -> None:
    """Mark as `tidings mark` does: through the library's one mark operation."""
    library = Library.open(db)
    try:
        for flag in flags:
            field = "starred" if "star" in flag else "read"
            library.mark([article_id], **{field: not flag.startswith("--un")})
    finally:
        library.close()


def _no_secret_anywhere(server: Any, *outputs: str) -> None:
    secret = SECRET[server.kind]
    for _method, target, _headers, _body in server.requests:
        assert secret not in target and secret.replace(" ", "+") not in target
        assert secret.replace(" ", "%20") not in target
    for text in outputs:
        assert secret not in text


def test_first_sync_brings_feeds_tags_and_articles(server: Any, tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    server.data.set(server.data.by_title("Bravo").id, read=True)
    server.data.set(server.data.by_title("Charlie").id, starred=True)
    _add(db, server, tmp_path)
    result = _sync(db, server)
    assert result.returncode == 0, result.stderr
    assert "5 new articles" in result.stdout
    feeds = {f["title"]: f for f in json.loads(run_tidings("feeds", "--json", db=db).stdout)}
    assert set(feeds) == {"World News", "Tech Notes"}
    assert feeds["World News"]["tags"] == ["News"] and feeds["Tech Notes"]["tags"] == ["Tech"]
    articles = _articles(db)
    assert set(articles) == {"Alpha", "Bravo", "Charlie", "Delta", "Echo"}
    assert articles["Bravo"]["read"] and not articles["Alpha"]["read"]
    assert articles["Charlie"]["starred"] and not articles["Alpha"]["starred"]
    shown = json.loads(run_tidings("show", str(articles["Alpha"]["id"]), "--json", db=db).stdout)
    assert shown["text"] == "Body text of the entry." and shown["url"].startswith("https://example.com/")
    # synced feeds are fetched through the server, never directly by refresh
    refreshed = run_tidings("refresh", "--json", db=db)
    assert json.loads(refreshed.stdout)["feeds_fetched"] == 0
    again = _sync(db, server)
    assert again.returncode == 0 and "0 new articles" in again.stdout
    assert len(_articles(db)) == 5
    accounts = json.loads(run_tidings("account", "list", "--json", db=db).stdout)
    assert accounts[0]["name"] == "srv" and accounts[0]["articles"] == 5
    assert SECRET[server.kind] not in json.dumps(accounts)
    _no_secret_anywhere(server, result.stdout, result.stderr)


def test_hostile_server_text_is_stored_plain(tmp_path: Path) -> None:
    """Control characters are stripped from what a server sends; non-http URLs are dropped."""
    with GoogleReaderServer("freshrss") as server:
        server.kind = "greader"
        feed = server.data.add_feed("Evil\x1b[2J feed\x07", "file:///etc/passwd", "Tag\x1b]52;c;x\x07")
        entry = server.data.add_entry(feed, "Title\x1b[31m red\x9b", content="<p>Body\x00 text</p>")
        server.data.entries[entry].url = "javascript:alert(1)"
        db = tmp_path / "lib.db"
        _add(db, server, tmp_path)
        assert _sync(db, server).returncode == 0
        library = Library.open(db)
        try:
            (row,) = library.feeds_overview()
            article = library.article(library.articles()[0].id)
        finally:
            library.close()
        assert row["title"] == "Evil[2J feed" and row["url"] is None
        assert row["tags"] == ["Tag]52;c;x"]
        assert article.title == "Title[31m red" and article.url is None
        assert "\x00" not in article.text and "Body" in article.text


@pytest.mark.parametrize("answer", [b"[" * 100_000, b'{"itemRefs": [{"id": {"x": 1}}]}',
                                    b'{"entries": [{"id": "abc"}]}', b"\xff\xfe"],
                         ids=["nested-too-deep", "id-an-object", "id-a-word", "not-utf8"])
def test_malformed_answers_are_one_line(
    answer: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process (the command line's one-line output is tested above): the sync of that
    account ends with one line saying the answer was malformed."""
    with GoogleReaderServer("freshrss") as greader, MinifluxServer() as miniflux:
        for server, kind, user, path in (
            (greader, "greader", greader.user, "/reader/api/0/stream/items/ids"),
            (miniflux, "miniflux", None, "/v1/entries"),
        ):
            server.data.add_feed("World News", "https://example.com/world.xml")
            db = tmp_path / f"{kind}.db"
            library = Library.open(db)
            library.add_account(kind, kind, server.url, user, "env", None)
            library.close()
            monkeypatch.setenv("TIDINGS_PASSWORD", SECRET[kind])
            server.malformed[path] = answer
            (result,) = sync_blocking(db).accounts
            assert result.error and "\n" not in result.error
            assert "malformed answer" in result.error or "unexpected answer" in result.error


def test_marks_go_both_ways_and_the_local_change_wins(server: Any, tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    _add(db, server, tmp_path)
    assert _sync(db, server).returncode == 0
    ids = {title: a["id"] for title, a in _articles(db).items()}
    data = server.data

    # local -> server
    _mark(db, ids["Alpha"], "--read")
    _mark(db, ids["Bravo"], "--star")
    result = _sync(db, server)
    assert result.returncode == 0, result.stderr
    assert "2 marks pushed" in result.stdout
    assert data.by_title("Alpha").read and data.by_title("Bravo").starred
    assert not data.by_title("Charlie").read

    # server -> local
    data.set(data.by_title("Charlie").id, read=True, starred=True)
    data.set(data.by_title("Alpha").id, read=False)
    assert _sync(db, server).returncode == 0
    articles = _articles(db)
    assert articles["Charlie"]["read"] and articles["Charlie"]["starred"]
    assert not articles["Alpha"]["read"]

    # both sides changed Delta's read mark: the local change wins, on both sides
    data.set(data.by_title("Delta").id, read=True)
    _mark(db, ids["Delta"], "--read", "--unread")
    # only the server changed Echo: the server's mark comes down
    data.set(data.by_title("Echo").id, starred=True)
    assert _sync(db, server).returncode == 0
    articles = _articles(db)
    assert not articles["Delta"]["read"] and not data.by_title("Delta").read
    assert articles["Echo"]["starred"]
    _no_secret_anywhere(server)


def test_subscribing_on_the_server_then_syncing(server: Any, tmp_path: Path) -> None:
    """quickadd (Google Reader API), POST /v1/feeds into a category (Miniflux)."""
    db = tmp_path / "lib.db"
    _add(db, server, tmp_path)
    url = "https://example.org/new-feed.xml"
    result = run_tidings("account", "subscribe", "srv", url, db=db, env=server.env)
    assert result.returncode == 0, result.stderr
    assert "subscribed to 1 feeds" in result.stdout
    assert any(f.url == url for f in server.data.feeds.values())
    assert "First from new-feed.xml" in _articles(db)
    bad = run_tidings("account", "subscribe", "srv", "file:///etc/passwd", db=db, env=server.env)
    assert bad.returncode == 2 and "only http and https" in bad.stderr


def test_failures_are_one_line_exit_1_and_keep_the_journal(server: Any, tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    _add(db, server, tmp_path)
    assert _sync(db, server).returncode == 0
    alpha = _articles(db)["Alpha"]["id"]

    def pending() -> int:
        library = Library.open(db)
        try:
            return library.account_counts(library.account("srv").id)["pending_marks"]
        finally:
            library.close()

    def fails(expected: str) -> None:
        result = _sync(db, server)
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0] and "Traceback" not in result.stderr
        _no_secret_anywhere(server, result.stdout, result.stderr)

    _mark(db, alpha, "--read")
    assert pending() == 1

    # a 500 on the push: nothing lost, the mark goes on the next sync
    push = "/reader/api/0/edit-tag" if server.kind == "greader" else "/v1/entries"
    server.fail(push, 500)
    fails("HTTP 500")
    assert pending() == 1 and not server.data.by_title("Alpha").read

    # a malformed answer (Miniflux's Google Reader API answers [] to paths it lacks)
    feeds_path = "/reader/api/0/subscription/list" if server.kind == "greader" else "/v1/feeds"
    server.malformed[feeds_path] = b"[]" if server.kind == "greader" else b"{}"
    fails("malformed answer")
    del server.malformed[feeds_path]

    # the session ends in the middle of a sync: logged in again once, the sync goes through
    logins = sum(1 for r in server.requests if r[1] == "/accounts/ClientLogin")
    server.expire_in = 3 if server.kind == "greader" else 2  # just after the login
    if server.kind == "miniflux":  # a token has no session: a revoked one is refused
        fails("refused")
        server.sessions = {SECRET["miniflux"]}
    else:
        result = _sync(db, server)
        assert result.returncode == 0, result.stderr
        assert sum(1 for r in server.requests if r[1] == "/accounts/ClientLogin") == logins + 2
    assert _sync(db, server).returncode == 0
    assert pending() == 0 and server.data.by_title("Alpha").read

    # a wrong password
    wrong = {**server.env}
    if server.kind == "greader" and "TIDINGS_PASSWORD" in wrong and wrong["TIDINGS_PASSWORD"]:
        wrong["TIDINGS_PASSWORD"] = "not it"
        result = run_tidings("sync", db=db, env=wrong)
    else:
        run_tidings("account", "remove", "srv", db=db)
        _add(db, server, tmp_path, name="srv", secret="not it")
        result = _sync(db, server)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "refused" in result.stderr

    # the server is down
    _mark(db, alpha, "--unread")
    server.stop()
    result = _sync(db, server)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: srv: cannot reach the server at {server.url[7:]} (connection refused or no route)"
    ]
    feeds = json.loads(run_tidings("feeds", "--json", db=db).stdout)
    assert all("cannot reach" in f["last_error"] for f in feeds)  # `feeds` and F list it


def test_a_500_in_the_middle_of_paging_applies_whole_pages_only(server: Any, tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    feed = next(iter(server.data.feeds))
    for n in range(300):
        server.data.add_entry(feed, f"Bulk {n:03d}")
    _add(db, server, tmp_path)
    path = "/reader/api/0/stream/items/contents" if server.kind == "greader" else "/v1/entries"
    server.fail(path, None, 500)  # the first page comes, the second fails
    result = _sync(db, server)
    assert result.returncode == 1 and "HTTP 500" in result.stderr
    # a page is stored whole or not at all: Miniflux pages by 250 entries; a Google Reader
    # page is 1,000 ids whose contents come 250 at a time, so none of it is stored
    assert len(_articles(db)) == (250 if server.kind == "miniflux" else 0)
    result = _sync(db, server)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        titles = [row[0] for row in conn.execute("select title from articles")]
    assert len(titles) == len(set(titles)) == 305


@pytest.mark.parametrize("flavour", ["freshrss", "miniflux"])
def test_google_reader_ot_differences_do_not_lose_old_articles_fetched_late(
    flavour: str, tmp_path: Path
) -> None:
    """Miniflux compares `ot` with the publication date: an article published a month ago and
    fetched after the last sync is older than `ot` there, and must still arrive."""
    with GoogleReaderServer(flavour) as server:
        server.kind = "greader"
        feed = server.data.add_feed("World News", "https://example.com/world.xml")
        server.data.add_entry(feed, "Recent")
        db = tmp_path / "lib.db"
        _add(db, server, tmp_path)
        assert _sync(db, server).returncode == 0
        server.data.add_entry(feed, "Old but new here", published=int(time.time()) - 30 * 86400)
        result = _sync(db, server)
        assert result.returncode == 0, result.stderr
        assert set(_articles(db)) == {"Recent", "Old but new here"}
        assert not any("/stream/contents" in r[1] for r in server.requests)


def test_sigkill_during_a_sync_then_sync_again(tmp_path: Path) -> None:
    """Killed mid-sync: the next sync brings every article once, the local mark made before
    survives and reaches the server, and the library passes SQLite's integrity check."""
    with GoogleReaderServer("freshrss") as server:
        server.kind = "greader"
        feed = server.data.add_feed("World News", "https://example.com/world.xml")
        for n in range(300):
            server.data.add_entry(feed, f"Story {n:04d}")
        db = tmp_path / "lib.db"
        _add(db, server, tmp_path)
        server.data.add_entry(feed, "Marked before")
        first = run_tidings("sync", db=db, env=server.env)
        assert first.returncode == 0
        marked = _articles(db)["Marked before"]["id"]
        for n in range(300, 1500):
            server.data.add_entry(feed, f"Story {n:04d}")
        _mark(db, marked, "--star")
        server.delay = 0.1
        child = subprocess.Popen(
            [sys.executable, "-m", "tidings", "--db", str(db), "sync"],
            env={**os.environ, **server.env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                with sqlite3.connect(db) as conn:
                    count = conn.execute("select count(*) from sync_items").fetchone()[0]
                if count > 301:  # part of the second run is stored
                    break
                time.sleep(0.05)
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait(10)
        with sqlite3.connect(db) as conn:
            assert 301 < conn.execute("select count(*) from articles").fetchone()[0] < 1501
        server.delay = 0
        result = run_tidings("sync", db=db, env=server.env)
        assert result.returncode == 0, result.stderr
        with sqlite3.connect(db) as conn:
            assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
            titles = [r[0] for r in conn.execute("select title from articles")]
            assert conn.execute("select starred from articles where id = ?", [marked]).fetchone()[0] == 1
        assert len(titles) == len(set(titles)) == 1501
        assert server.data.by_title("Marked before").starred
