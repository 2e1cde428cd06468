"""The counts the view selector and the status line read (`article_counts`, kept by triggers)
stay equal to a full count of the articles after every kind of change: storing, marks, rules
hiding and showing, duplicate grouping, a feed removed and a refresh."""

from __future__ import annotations

from pathlib import Path

from tests.integration.feedserver import FeedServer
from tidings.ingest.refresh import refresh
from tidings.storage import ArticleIn, Library

FULL_COUNT = """
select feed_id, count(*), sum(read = 0), sum(read = 0 and dup_of is null),
       sum(read = 0 and dup_of is null and hidden_by is null),
       sum(starred = 1 and read = 0), sum(hidden_by is not null and read = 0)
from articles group by feed_id having count(*) > 0 order by feed_id
"""
KEPT = """
select feed_id, articles, unread, unread_stories, unread_shown, starred_unread, hidden_unread
from article_counts where articles > 0 order by feed_id
"""


def assert_exact(library: Library) -> None:
    full = [tuple(row) for row in library.db.execute(FULL_COUNT).fetchall()]
    kept = [tuple(row) for row in library.db.execute(KEPT).fetchall()]
    assert kept == full
    unread_stories = library.db.execute(
        "select count(*) from articles where read = 0 and dup_of is null and hidden_by is null"
    ).fetchone()[0]
    assert library.count_unread() == unread_stories
    counts = library.unread_counts()
    assert counts["starred"] == library.db.execute(
        "select count(*) from articles where starred = 1 and read = 0").fetchone()[0]
    assert counts["hidden"] == library.db.execute(
        "select count(*) from articles where hidden_by is not null and read = 0").fetchone()[0]
    total = library.db.execute("select count(*) from articles").fetchone()[0]
    assert library.change_signature()[2] == total


def articles(prefix: str, n: int) -> list[ArticleIn]:
    return [
        ArticleIn(guid=f"{prefix}{i}", title=f"{prefix} story {i} about harbours",
                  text=f"The {prefix} text number {i} says the ferry is late.",
                  url=f"https://news.example/{prefix}/{i}",
                  published=f"2025-02-{i + 1:02d}T09:00:00+00:00")
        for i in range(n)
    ]


def test_counts_follow_stores_marks_rules_duplicates_and_removal(library: Library) -> None:
    news = library.add_feed("https://news.example/feed.xml")
    wire = library.local_feed("Wire")
    stored = library.store_articles(news, articles("n", 12))
    ids = [result.id for result in stored]
    assert_exact(library)
    assert library.count_unread() == 12

    library.mark(ids[:5], read=True)
    library.mark(ids[3:7], starred=True)
    library.mark(ids[:2], read=False)
    assert_exact(library)

    library.store_articles(wire, articles("n", 3))  # the same URLs: duplicates
    assert library.db.execute("select count(*) from articles where dup_of is not null").fetchone()[0]
    assert_exact(library)

    library.add_rule("no ferries", "story 8", "hide")
    library.apply_rules()
    assert library.db.execute("select count(*) from articles where hidden_by is not null").fetchone()[0]
    assert_exact(library)
    library.remove_rule("no ferries")
    assert_exact(library)

    library.regroup_duplicates()
    assert_exact(library)

    library.remove_feed(news)  # its starred articles move to a local collection
    assert_exact(library)
    assert library.db.execute("select count(*) from article_counts where feed_id = ?",
                              [news]).fetchone()[0] == 0


def rss(n: int) -> str:
    items = "".join(
        f"<item><guid>r{i}</guid><title>Refreshed {i}</title>"
        f"<description>Item {i} of the feed.</description></item>"
        for i in range(n)
    )
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title>"
            f"<link>https://feed.example/</link>{items}</channel></rss>")


async def test_counts_follow_a_refresh(feed_server: FeedServer, library_path: Path) -> None:
    url = feed_server.add("/feed.xml", rss(5))
    library = Library.open(library_path)
    library.add_feed(url)
    library.close()
    summary = await refresh(library_path, fetch_pages=False)
    assert summary.articles_new == 5
    library = Library.open(library_path)
    try:
        assert_exact(library)
        assert library.unread_counts()["stories"] == 5
    finally:
        library.close()
