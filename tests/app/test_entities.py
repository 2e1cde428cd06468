"""The entity browser (`E`) and an entity's page: its articles, its timeline across the
library, the entities it appears with; each opens its article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Sparkline

from tidings.storage.enrichment import period_start
from tests.app.conftest import _mention, make_app, screen_text
from tidings.storage import Library
from tidings.tui.commands import all_commands
from tidings.tui.main_screen import MainScreen
from tidings.tui.widgets.entity_browser import EntityBrowser
from tidings.tui.widgets.entity_page import EntityPage

WIDE = (180, 40)


async def until(pilot: Pilot, test) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        await pilot.pause(0.02)
        if test():
            return


async def open_rostock(pilot: Pilot) -> EntityPage:
    app = pilot.app
    await pilot.press("E")
    await until(pilot, lambda: getattr(app.screen, "entities", None) is not None)
    await pilot.press(*"rostock")
    await pilot.pause()
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, EntityPage) and app.screen.data is not None)
    return app.screen  # type: ignore[return-value]


async def test_the_browser_lists_entities_and_narrows_as_you_type(demo_path: Path) -> None:
    app = make_app(demo_path)
    async with app.run_test(size=WIDE) as pilot:
        assert "Entity browser" in {c.title for c in all_commands(app)}
        await pilot.press("E")
        await until(pilot, lambda: getattr(app.screen, "entities", None) is not None)
        entities = app.library.entities()
        total = len(entities)
        screen = screen_text(app)
        assert f"Entities · {total} of {total}" in screen
        top = entities[0]  # the most written about first
        assert f"● {top['name']}  " in screen.splitlines()[next(
            n for n, line in enumerate(screen.splitlines()) if "Entities · " in line and " of " in line
        ) + 2]
        rostock = app.library.entity_named("Rostock")
        await pilot.press(*"ros")
        await pilot.pause()
        screen = screen_text(app)
        assert f"Rostock  place · {rostock['article_count']} articles" in screen
        shown = app.screen.shown
        assert 0 < len(shown) < total and all("ros" in r["name"].lower() for r in shown)
        assert f"Entities · {len(shown)} of {total}" in screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EntityBrowser)


async def test_an_entity_page_shows_articles_timeline_and_company(demo_path: Path) -> None:
    app = make_app(demo_path)
    async with app.run_test(size=WIDE) as pilot:
        page = await open_rostock(pilot)
        library = app.library
        rostock = library.entity_named("Rostock")
        screen = screen_text(app)
        ids = library.entity_article_ids(rostock["id"])
        assert f"Rostock · place · {len(ids)} articles" in screen
        assert [a.id for a in page.data.articles] == ids
        dates = [a.published for a in page.data.articles]
        assert dates == sorted(dates, reverse=True)  # newest first
        titles = [library.summary(i).title for i in ids]
        drawn = [item.plain for item in page.query_one("#entity-articles").items]
        assert len(drawn) == len(titles) and all(t in d for t, d in zip(titles, drawn))
        assert titles[0][:30] in screen
        timeline = page.data.timeline
        assert timeline and [period_start(r["date"]) for r in timeline] == sorted(
            period_start(r["date"]) for r in timeline
        )
        assert all("Rostock" in r["sentence"] for r in timeline)
        assert "Often with" in screen and "Bornholm" in screen
        # beside the timeline, a sparkline of the articles mentioning it per day
        unit, first, counts = page.data.activity
        published = sorted(library.summary(i).published[:10] for i in ids)
        assert unit == "day" and first == published[0] and sum(counts) == len(ids)
        assert len(counts) == (date.fromisoformat(published[-1]) - date.fromisoformat(first)).days + 1
        assert list(page.query_one(Sparkline).data) == counts
        start = date.fromisoformat(first)
        assert f"Articles per day since {start.day} {start:%b %Y} · peak {max(counts)}" in screen
        # a timeline item opens its article, scrolled to and marking the sentence
        await pilot.press("tab")
        listing = page.query_one("#entity-timeline")
        assert listing.has_focus
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = timeline[1]
        assert not isinstance(app.screen, EntityPage)
        assert app.main.pane.article.id == chosen["article_id"]
        assert app.main.view.name == "Mentioning Rostock"
        assert sorted(app.main.article_list.ids) == sorted(ids)
        assert app.main.article_list.current == chosen["article_id"]
        start = chosen["sentence_start"]
        assert app.main.pane.marks.marked == [(start, start + len(chosen["sentence"]))]


async def test_articles_and_co_mentioned_entities_open_from_the_page(demo_path: Path) -> None:
    app = make_app(demo_path)
    async with app.run_test(size=WIDE) as pilot:
        page = await open_rostock(pilot)
        newest = page.data.articles[0]
        await pilot.press("tab", "tab")  # to "Often with"
        await pilot.press("enter")
        await until(pilot, lambda: page.data is not None and page.data.entity["name"] != "Rostock")
        assert "Bornholm ·" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        page = await open_rostock(pilot)
        await pilot.press("enter")  # the newest article
        await pilot.pause()
        assert app.main.pane.article.id == newest.id
        assert app.main.article_list.current == newest.id


async def test_the_open_article_follows_a_retyping_by_another_articles_analysis(
    library_path: Path,
) -> None:
    """A name's type is decided across the library: when another article's analysis re-types
    it, the open article's sidebar follows without being reopened."""
    def store(guid: str, label: str, times: int) -> int:
        library = Library.open(library_path)
        article_id = library.query("select id from articles where guid = ?", [guid])[0]["id"]
        queued = library.queued_articles([article_id])[0]
        library.store_enrichment(
            queued, entities=[], version=1, backend="test", timeline=[],
            title_entities=[_mention(queued.title, queued.title.split()[0], label, "Halvik")] * times,
        )
        library.close()
        return article_id

    library = Library.open(library_path)
    library.db.execute("update articles set title = 'Halvik ' || title")
    library.close()
    store("harbour", "ORG", 1)
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: "Halvik  org" in screen_text(app))
        assert "Halvik  org" in screen_text(app)
        other = store("fishermen", "GPE", 3)  # three place mentions outweigh one organisation
        main = app.screen
        assert isinstance(main, MainScreen)
        main.enriched(other)
        await until(pilot, lambda: "Halvik  place" in screen_text(app))
        assert "Halvik  place" in screen_text(app) and "Halvik  org" not in screen_text(app)
