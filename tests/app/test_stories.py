"""Stories in the app: related articles at the end of the pane (and `R` to open one), the
sidebar's story timeline (`T`), near-duplicates shown once with their other sources."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tidings.storage import ArticleIn, Library
from tidings.storage.enrichment import period_start
from tests.app.conftest import make_app, screen_text

WIDE = (180, 40)
BIDS = "Four groups bid to lay Bornholm–Rostock cable"


def article_id(path: Path, title: str) -> int:
    library = Library.open(path)
    try:
        return next(s.id for s in library.articles() if s.title == title)
    finally:
        library.close()


async def story_loaded(pilot: Pilot) -> None:
    """Wait until the worker has found the open article's related articles."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.02)
        if app.main.stories.story is not None and app.main.pane.article and app.main.stories.story.article_id == app.main.pane.article.id:
            break
    await pilot.pause()


def pane_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(app.main.pane.text_lines)


async def test_related_articles_end_the_pane_and_R_opens_one(demo_path: Path) -> None:
    app = make_app(demo_path)
    async with app.run_test(size=WIDE) as pilot:
        assert app.main.pane.article.title == BIDS  # the newest
        await story_loaded(pilot)
        text = pane_text(app)
        related = text[text.index("Related in your library"):]
        lines = related.splitlines()
        expected = app.library.related(app.main.pane.article.id, limit=8)
        closest = app.library.summary(expected[0].article_id).title
        assert lines[1] == f"1. {closest}"
        assert f"shared: {expected[0].shared[0]}" in lines[2]
        for other in expected[1:]:  # (a long title wraps)
            assert app.library.summary(other.article_id).title in " ".join(related.split())
        await pilot.press("R")
        await pilot.pause()
        assert "Related articles (enter opens)" in screen_text(app)
        await pilot.press("enter")  # the first: the closest
        await story_loaded(pilot)
        assert app.main.pane.article.title == closest
        assert app.main.article_list.current == app.main.pane.article.id  # the list followed
        assert "Related in your library" in pane_text(app)


async def test_T_switches_the_sidebar_to_the_story_timeline_and_back(demo_path: Path) -> None:
    app = make_app(demo_path)
    async with app.run_test(size=WIDE) as pilot:
        await story_loaded(pilot)
        own = len(app.library.timeline(app.main.pane.article.id))
        assert f"Timeline · {own}" in screen_text(app)
        await pilot.press("T")
        await story_loaded(pilot)
        await pilot.pause()
        story = app.query_one("#story-timeline").story
        assert len(story) > own
        assert {item.source for item in story} >= {0, 1}  # this article's and its closest's
        dates = [period_start(item.date) for item in story]
        assert dates == sorted(dates)
        assert f"Story timeline · {len(story)} from" in screen_text(app)
        listing = app.query_one("#story-timeline")
        *shown, legend = [item.plain for item in listing.items]  # each marked with its source
        assert legend.startswith("[n]: related article n")  # what the numbers mean (item 10)
        assert all("◆ this article" in s or "] " in s for s in shown)
        assert any("◆ this article" in s for s in shown)
        closest = app.library.summary(app.library.related(app.main.pane.article.id)[0].article_id).title
        assert any(f"[1] {closest[:20]}" in s for s in shown)
        # choosing an item from another article opens it at that sentence
        other = next(i for i, item in enumerate(story) if item.source == 1)
        listing.focus()
        listing.highlighted = other
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.pane.article.title == closest
        start, end = story[other].span
        assert app.main.pane.marks.marked == [(start, end)]
        top, height = int(app.main.pane.scroll_y), app.main.pane.scrollable_content_region.height
        assert top <= app.main.pane.line_of(start) < top + height  # the sentence is on screen
        await pilot.press("T")
        await pilot.pause()
        own = len(app.library.timeline(app.main.pane.article.id))
        assert f"Timeline · {own}" in screen_text(app)
        assert not listing.display


async def test_a_story_from_two_feeds_is_one_row_with_its_sources(demo_path: Path) -> None:
    library = Library.open(demo_path)
    original = library.article(article_id(demo_path, BIDS))
    library.store_article(
        library.local_feed("Nordic Wire"),
        ArticleIn(guid="copy", title="Four groups bid for the Bornholm cable", text=original.text,
                  url=original.url, published=original.published),
    )
    library.close()
    app = make_app(demo_path)
    async with app.run_test(size=WIDE) as pilot:
        await story_loaded(pilot)
        assert len(app.main.article_list.ids) == 7  # the copy is not a row of its own
        first_row = app.main.article_list.render_line(0).text
        assert "Four groups bid" in first_row and "+1" in first_row  # "+1 source" when wide
        text = pane_text(app)
        assert "Also from\n• Nordic Wire — Four groups bid for the Bornholm cable" in text
        second_row = app.main.article_list.render_line(1).text
        assert "+1" not in second_row
