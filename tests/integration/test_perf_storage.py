"""Speed-at-scale changes to the library that users can check: what the slimming migration
keeps, the enricher's queue order from its index, and one enrichment worker per library."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.ingest.enricher import WorkerLock
from tidings.storage import ArticleIn, FetchOutcome, Library
from tidings.storage.migrations import migrations


def test_slimming_migration_keeps_text_marks_and_notes(library_path: Path) -> None:
    library = Library.open(library_path)
    feed = library.local_feed("Wire")
    text = "The harbour board met on Tuesday.\n\nDredging starts in May."
    article_id = library.store_article(feed, ArticleIn(guid="a", title="Harbour", text=text)).id
    library.mark([article_id], read=True, starred=True)
    note = library.annotate_quote(article_id, "Dredging starts", note="ask the board")
    # As an older Tidings left it: the HTML beside the text, a summary that is the text.
    old_html = "<p>The harbour board met</p>"
    with library.write() as db:
        db.execute("update articles set html = ?, summary = text", [old_html])
        db.execute(f"delete from {migrations.migrations_table} where name = 'm012_perf_text_once'")
    library.close()

    reopened = Library.open(library_path)
    row = reopened.db.execute("select html, summary from articles").fetchone()
    assert row == (old_html, None)  # HTML stored before is kept (its links are read from it)
    article = reopened.article(article_id)
    assert article.text == text and article.read and article.starred
    assert [(a.quote, a.note) for a in article.annotations] == [(note.quote, "ask the board")]
    assert reopened.find_ids("dredging") == [article_id]  # the search index still agrees


def test_queue_order_survives_a_changed_publication_date(library: Library) -> None:
    feed = library.local_feed("Wire")
    ids = [
        library.store_article(
            feed, ArticleIn(guid=f"g{i}", title=f"Story {i}", text=f"Story {i} text.",
                            published=f"2025-03-0{i + 1}")
        ).id
        for i in range(3)
    ]
    assert [a.id for a in library.queued(limit=3)] == ids[::-1]
    plan = library.db.execute(
        "explain query plan select q.article_id from enrich_queue q "
        "order by q.priority desc, q.published desc, q.article_id desc limit 1"
    ).fetchall()
    assert "enrich_queue_next" in str(plan) and "TEMP B-TREE" not in str(plan)
    # The oldest story is corrected with a newer date: it is now the newest in the queue.
    library.store_article(
        feed, ArticleIn(guid="g0", title="Story 0", text="Story 0, corrected.",
                        published="2025-03-09")
    )
    assert library.queued(limit=1)[0].id == ids[0]


def test_one_enrichment_worker_per_library(library_path: Path) -> None:
    first, second = WorkerLock(library_path), WorkerLock(library_path)
    assert first.acquire()
    assert not second.acquire()  # a second app waits instead of halving the first
    first.release()
    assert second.acquire()
    second.release()
    assert oct(Path(f"{library_path}.enrich-lock").stat().st_mode & 0o777) == "0o600"


def test_every_view_has_its_unread_count_from_the_index(library: Library) -> None:
    from tidings.tui.views import feed_and_tag_views

    harbour = library.add_feed("https://harbour.example/feed", title="Harbour", tags=["local"])
    ferry = library.add_feed("https://ferry.example/feed", title="Ferry", tags=["local"])
    harbour_id = getattr(harbour, "id", harbour)
    ferry_id = getattr(ferry, "id", ferry)
    stored = [
        library.store_article(feed, ArticleIn(guid=f"g{i}", title=f"Story {i}", text=f"Text {i}."))
        .id
        for i, feed in enumerate([harbour_id, harbour_id, harbour_id, ferry_id])
    ]
    library.mark(stored[:1], read=True)
    library.mark(stored[1:2], starred=True)
    names = {view.name: view.unread for view in feed_and_tag_views(library)}
    assert names["Feed: Harbour"] == 2 and names["Feed: Ferry"] == 1
    assert names["Tag: local"] == 3 and names["All articles"] == 3 and names["Unread"] == 3
    assert names["Starred"] == 1 and names["Annotated"] == 0
    plan = str(library.db.execute(
        "explain query plan select feed_id, count(*), sum(dup_of is null) from articles "
        "where read = 0 group by feed_id").fetchall())
    assert "COVERING INDEX articles_unread_feed" in plan


def test_common_words_rank_the_newest_matches_and_still_find_every_one(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tidings.storage.library as library_module

    feed = library.local_feed("Wire")
    ids = [
        library.store_article(
            feed, ArticleIn(guid=f"g{i}", title="Quay report" if i == 0 else f"Story {i}",
                            text=f"The quay was busy on day {i}.", published=f"2025-03-{i + 1:02d}")
        ).id
        for i in range(8)
    ]
    assert library.find_ids("quay")[0] == ids[0]  # few matches: the title match ranks first
    monkeypatch.setattr(library_module, "RANK_WINDOW", 3)
    found = library.find_ids("quay")
    assert sorted(found) == sorted(ids)  # every match is still there
    assert set(found[:3]) == set(ids[-3:])  # relevance orders the newest three...
    assert found[3:] == ids[-4::-1]  # ...and older matches follow, newest first
    assert library.find_ids("quay", limit=5) == found[:5]


def test_a_new_library_uses_large_pages_and_keeps_them(tmp_path: Path) -> None:
    fresh = Library.open(tmp_path / "new.db")
    assert fresh.db.execute("pragma page_size").fetchone()[0] == 32768
    assert fresh.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    fresh.close()
    again = Library.open(tmp_path / "new.db")
    assert again.db.execute("pragma page_size").fetchone()[0] == 32768
    again.close()


def test_a_refresh_stores_a_feed_in_bulk_as_it_would_one_by_one(library: Library) -> None:
    feed = library.add_feed("https://harbour.example/feed", title="Harbour")
    feed_id = getattr(feed, "id", feed)
    entries = [
        ArticleIn(guid="a", title="Dredging plan", text="The harbour will be dredged.",
                  url="https://harbour.example/dredging"),
        ArticleIn(guid="b", title="Ferry times", text="Ferries run hourly from May."),
        ArticleIn(guid="a", title="Dredging plan", text="The harbour will be dredged in May.",
                  url="https://harbour.example/dredging"),
        ArticleIn(guid="c", title="Dredging plan (repost)", text="The harbour will be dredged.",
                  url="https://harbour.example/dredging?utm_source=feed"),
    ]
    results = library.store_articles(feed_id, entries)  # the one insert path a refresh takes
    assert [r.status for r in results] == ["new", "new", "updated", "new"]
    first, ferry, again, repost = (r.id for r in results)
    assert again == first and len({first, ferry, repost}) == 3
    assert library.article(first).text.endswith("in May.")  # the later version wins
    assert library.db.execute("select dup_of from articles where id = ?", [repost]).fetchone() \
        == (first,)  # same page: the repost joins the first, not the other way round
    assert library.find_ids("ferries") == [ferry] and library.queue_size() == 3


def test_the_list_views_read_their_ids_from_covering_indexes(library: Library) -> None:
    for where, index in [  # as the list views ask (articles hidden by rules left out)
        ("a.dup_of is null and a.hidden_by is null", "articles_list"),
        ("a.read = 0 and a.dup_of is null and a.hidden_by is null", "articles_list_unread"),
        ("a.starred = 1 and a.dup_of is null and a.hidden_by is null", "articles_list_starred"),
    ]:
        plan = str(library.db.execute(
            f"explain query plan select a.id from articles a where {where} "
            "order by a.published desc, a.id desc").fetchall())
        assert f"COVERING INDEX {index}" in plan and "TEMP B-TREE" not in plan


def _harbour_fetches(library: Library) -> list[tuple[int, FetchOutcome]]:
    """Three feeds fetched at once: a story both papers carry (the same page), a repeated
    guid, a feed that failed and one that had not changed."""
    ids = [getattr(f, "id", f) for f in (
        library.add_feed(f"https://{name}.example/feed", title=name.title())
        for name in ("gazette", "courier", "broken", "quiet"))]
    story = "https://port.example/dredging"
    return [
        (ids[0], FetchOutcome(200, [
            ArticleIn(guid="g1", title="Dredging plan", text="The harbour will be dredged.",
                      url=story),
            ArticleIn(guid="g2", title="Ferry times", text="Ferries run hourly from May."),
            ArticleIn(guid="g1", title="Dredging plan", text="Dredged in May.", url=story),
        ], title="The Gazette")),
        (ids[1], FetchOutcome(200, [
            ArticleIn(guid="c1", title="Dredging plan", text="The harbour will be dredged.",
                      url=story + "?utm_source=rss"),
            ArticleIn(guid="c2", title="Quay repairs", text="The quay reopens in June."),
        ])),
        (ids[2], FetchOutcome(None, error="cannot connect", retry_in=60.0)),
        (ids[3], FetchOutcome(304, not_modified=True)),
    ]


def _state(library: Library) -> list[tuple[object, ...]]:
    return library.db.execute(
        "select a.id, f.url, a.guid, a.text, a.dup_of, q.article_id is not null from articles a "
        "join feeds f on f.id = a.feed_id left join enrich_queue q on q.article_id = a.id "
        "order by a.id").fetchall()


def test_feeds_recorded_together_store_what_one_by_one_would(tmp_path: Path) -> None:
    """A refresh's batch records its feeds in one call (their new articles in one INSERT):
    the same articles, ids, duplicate groups, queue and feed states as feed by feed."""
    apart, together = (Library.open(tmp_path / name) for name in ("apart.db", "together.db"))
    one_by_one = [apart.record_fetch(feed_id, outcome)
                  for feed_id, outcome in _harbour_fetches(apart)]
    at_once = together.record_fetches(_harbour_fetches(together))
    assert at_once == one_by_one
    assert [[r.status for r in feed] for feed in at_once] == [
        ["new", "new", "updated"], ["new", "new"], [], []]
    assert _state(together) == _state(apart)
    gazette_story, courier_story = at_once[0][0].id, at_once[1][0].id
    assert together.db.execute("select dup_of from articles where id = ?",
                               [courier_story]).fetchone() == (gazette_story,)
    feeds = "select url, title, last_error, error_count, last_status from feeds order by id"
    assert together.db.execute(feeds).fetchall() == apart.db.execute(feeds).fetchall()
    apart.close()
    together.close()


def test_the_feed_overview_counts_match_the_articles(library: Library) -> None:
    """`feeds list` and the OPML export read kept counts, not a count of every article:
    they still agree with the articles after stores, marks and a refresh's batch."""
    fetches = _harbour_fetches(library)
    library.record_fetches(fetches)
    library.store_articles(fetches[0][0], [ArticleIn(guid="g9", title="Late", text="Late news.")])
    some = [row[0] for row in library.db.execute("select id from articles limit 2")]
    library.mark(some, read=True)
    overview = {row["id"]: (row["articles"], row["unread"]) for row in library.feeds_overview()}
    counted = dict.fromkeys(overview, (0, 0)) | {
        feed_id: (articles, unread) for feed_id, articles, unread in library.db.execute(
            "select feed_id, count(*), sum(read = 0) from articles group by feed_id")}
    assert overview == counted and overview[fetches[0][0]][0] == 3
