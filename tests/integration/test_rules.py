"""Rules at ingest (refresh on the loopback server, file import, the storing call sync uses)
and applied later; hidden articles are kept, found by is:hidden, and shown again when their
rule is removed; the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.feedserver import FeedServer
from tests.support import run_tidings
from tidings.ingest.refresh import refresh
from tidings.storage import ArticleIn, Library


def rss(items: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><author>{author}</author>"
        f"<description>{title}. More text follows here.</description>"
        "<pubDate>Tue, 04 Feb 2025 09:30:00 +0000</pubDate></item>"
        for guid, title, author in items
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour News</title>"
        f"<link>https://harbour.example/</link>{body}</channel></rss>"
    )


ITEMS = [
    ("1", "Sponsored: the best boats money can buy", "ads@example.org"),
    ("2", "Harbour to be dredged", "Ann Smith"),
    ("3", "Football results from the weekend", "Sports desk"),
    ("4", "Ferry timetable changes", "Ann Smith"),
]


def titles(library: Library, query: str) -> set[str]:
    return {row.title for row in library.find(query, limit=None)}


async def test_rules_run_on_new_articles_at_refresh(
    feed_server: FeedServer, library_path: Path
) -> None:
    url = feed_server.add("/feed.xml", rss(ITEMS))
    library = Library.open(library_path)
    feed_id = library.add_feed(url)
    other = library.local_feed("Elsewhere")
    library.add_rule("no ads", "sponsored", "hide")
    library.add_rule("sport read", "football", "read")
    library.add_rule("ann", "dredged", "star", feed_id=feed_id)
    library.add_rule("ferries", "ferry", "tag:transport")
    library.add_rule("ferries elsewhere", "timetable", "hide", feed_id=other)
    library.close()

    summary = await refresh(library_path, fetch_pages=False)
    assert summary.articles_new == 4

    library = Library.open(library_path)
    listed = {row.title: row for row in library.articles()}
    assert "Sponsored: the best boats money can buy" not in listed  # hidden ...
    assert titles(library, "is:hidden") == {"Sponsored: the best boats money can buy"}  # kept
    assert "sponsored" not in {t.lower() for t in titles(library, "boats")}
    assert listed["Football results from the weekend"].read
    assert listed["Harbour to be dredged"].starred
    assert titles(library, "tag:transport") == {"Ferry timetable changes"}
    assert not listed["Ferry timetable changes"].read  # the rule for another feed did nothing
    assert library.count_unread() == 2

    # an article already stored is not touched again by a later fetch
    library.mark([listed["Football results from the weekend"].id], read=False)
    library.close()
    await refresh(library_path, due_only=False, fetch_pages=False)
    library = Library.open(library_path)
    assert not {row.title: row for row in library.articles()}[
        "Football results from the weekend"].read

    # removing the rule shows what it hid again
    assert library.remove_rule("no ads") == 1
    assert "Sponsored: the best boats money can buy" in {row.title for row in library.articles()}
    assert titles(library, "is:hidden") == set()
    library.close()


def test_rules_run_on_imported_and_synced_articles(library: Library, tmp_path: Path) -> None:
    library.add_rule("mute", "lottery", "hide")
    note = tmp_path / "note.md"
    note.write_text("# Lottery win in the harbour\n\nA fisherman won the lottery.\n")
    result = run_tidings("import", str(note), db=library.path)
    assert result.returncode == 0, result.stderr
    assert titles(library, "is:hidden") == {"Lottery win in the harbour"}

    # the storing call a sync uses runs the rules on what it stores, in the same transaction
    feed = library.local_feed("Synced")
    stored = library.store_articles(feed, [
        ArticleIn(guid="a", title="Lottery numbers", text="Numbers drawn."),
        ArticleIn(guid="b", title="Harbour news", text="Boats."),
    ])
    assert [r.status for r in stored] == ["new", "new"]
    assert titles(library, "is:hidden") == {"Lottery win in the harbour", "Lottery numbers"}
    # and apply_rules(ids) is there for articles stored another way
    library.add_rule("boats", "boats", "star")
    assert library.apply_rules([stored[1].id]) == {"mute": 0, "boats": 1}
    assert library.summary(stored[1].id).starred


def test_a_rule_applied_to_stored_articles_and_the_command_line(
    library: Library, tmp_path: Path
) -> None:
    feed = library.add_feed("https://wire.example/feed.xml", title="Wire")
    for n in range(5):
        library.store_article(feed, ArticleIn(guid=str(n), title=f"Crypto story {n}", text="x"))
    library.store_article(feed, ArticleIn(guid="k", title="Harbour", text="x"))
    db = library.path

    added = run_tidings("rule", "add", "crypto", "crypto", "--action", "hide", db=db)
    assert added.returncode == 0, added.stderr
    assert library.count_unread() == 6  # a new rule waits for new articles ...
    applied = run_tidings("rule", "apply", "crypto", db=db)
    assert applied.stdout.strip() == "rule 'crypto' matched 5 articles"  # ... or for apply
    assert library.count_unread() == 1

    run_tidings("rule", "add", "wire", "harbour", "--action", "tag:port", "--feed", "Wire",
                db=db)
    listed = json.loads(run_tidings("rule", "list", "--json", db=db).stdout)
    assert [(r["name"], r["action"], r["feed"], r["hidden"]) for r in listed] == [
        ("crypto", "hide", None, 5), ("wire", "tag:port", "Wire", 0)]
    text = run_tidings("rule", "list", db=db).stdout
    assert "crypto\thide\tcrypto  (5 hidden)" in text

    for args, message in (
        (["add", "x", 'unbalanced "', "--action", "hide"], "bad query"),
        (["add", "x", "q", "--action", "delete"], "bad action"),
        (["add", "x", "q", "--action", "tag:"], "bad action"),
        (["add", "crypto", "q", "--action", "hide"], "exists"),
        (["add", "", "q", "--action", "hide"], "name"),
        (["add", "y", "q", "--action", "hide", "--feed", "nope"], "no feed"),
        (["remove", "nope"], "no rule"),
        (["apply", "nope"], "no rule"),
    ):
        refused = run_tidings("rule", *args, db=db)
        assert refused.returncode in {1, 2} and message in refused.stderr, (args, refused.stderr)
        assert "Traceback" not in refused.stderr

    removed = run_tidings("rule", "remove", "crypto", db=db)
    assert removed.stdout.strip() == "removed rule 'crypto'; 5 hidden articles shown again"
    assert library.count_unread() == 6
