"""The three regions: entity colours in the pane, the timeline and entities in the sidebar."""

from __future__ import annotations

import threading
from pathlib import Path

from rich.style import Style

from tidings.storage import Library
from tests.app.conftest import build_library, make_app, screen_text
from tidings.storage import ArticleIn
from tidings.tui.views import View
from tidings.tui.app import TidingsApp
from tidings.tui.themes import theme_files
from tidings.tui.widgets.sidebar import EntityList, TimelineList
from tidings.enrich.model import Mention

WIDE = (160, 30)


def style_of(app: TidingsApp, word: str) -> Style:
    """The style the pane draws a word with (the first segment holding it)."""
    for strip in app.main.pane._strips:
        for segment in strip:
            if word in segment.text:
                return segment.style or Style()
    raise AssertionError(f"{word!r} is not in the pane")


def visible_pane(app: TidingsApp) -> str:
    """The pane's lines on screen now."""
    top = int(app.main.pane.scroll_y)
    return "\n".join(app.main.pane.text_lines[top : top + app.main.pane.scrollable_content_region.height])


def colour(name: str) -> str:
    return theme_files()[0]["tidings-dark"].entities[name]


async def test_entities_are_coloured_by_type_and_e_toggles(long_path: Path) -> None:
    app = make_app(long_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert style_of(app, "Anna Berg").color.name == colour("PERSON").lower()
        assert style_of(app, "Baltic Shipping Company").color.name == colour("ORG").lower()
        assert style_of(app, "Rostock").color.name == colour("PLACE").lower()
        await pilot.press("e")
        await pilot.pause()
        assert style_of(app, "Anna Berg").color.name != colour("PERSON").lower()
        await pilot.press("e")
        await pilot.pause()
        assert style_of(app, "Anna Berg").color.name == colour("PERSON").lower()


async def test_timeline_in_date_order_at_each_precision_with_publication_mark(long_path: Path) -> None:
    app = make_app(long_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        order = ["2018", "week of 4 Feb", "12 Feb 2019", "◆ 14 Feb 2019 · published", "21 Feb 2019"]
        sidebar = "\n".join(line.split("│")[-1] for line in text.splitlines())
        positions = [sidebar.index(item) for item in order]
        assert positions == sorted(positions)
        assert "Talks resume on Thursday in" in sidebar  # the snippet


async def test_choosing_a_timeline_item_scrolls_to_and_marks_its_sentence(long_path: Path) -> None:
    app = make_app(long_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "Talks resume" not in visible_pane(app)
        timeline = app.query_one(TimelineList)
        timeline.focus()
        timeline.highlighted = len(timeline.items) - 1  # 21 Feb, the last date
        await pilot.press("enter")
        await pilot.pause()
        assert "Talks resume on Thursday in Gdansk, Berg said." in visible_pane(app)
        body = app.main.pane.article.text
        start, end = app.main.pane.marks.marked[0]
        assert body[start:end] == "Talks resume on Thursday in Gdansk, Berg said."
        assert style_of(app, "Talks resume").reverse


async def test_entities_list_counts_and_choosing_marks_every_mention(long_path: Path) -> None:
    app = make_app(long_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Anna Berg  person · 2" in text
        assert "Gdansk  place · 1" in text
        entities = app.query_one(EntityList)
        entities.focus()
        entities.highlighted = 0  # Anna Berg, the most mentioned
        await pilot.press("enter")
        await pilot.pause()
        body = app.main.pane.article.text
        assert [body[s:e] for s, e in app.main.pane.marks.marked] == ["Anna Berg", "Berg"]


async def test_f_on_an_entity_lists_the_articles_that_mention_it(long_path: Path) -> None:
    app = make_app(long_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        entities = app.query_one(EntityList)
        entities.focus()
        entities.highlighted = 0
        await pilot.press("f")
        await pilot.pause()
        assert len(app.main.article_list.ids) == 1
        assert "Mentioning Anna Berg" in screen_text(app)


async def test_related_links_end_the_pane_and_wrap_under_their_text(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        lines = [line.strip() for line in app.main.pane.text_lines if line.strip()]
        assert lines[-2:] == ["Related", "• Earlier: the port in winter  https://example.org/winter"]
    app = make_app(library_path)
    async with app.run_test(size=(120, 30)) as pilot:  # a narrower pane: the item wraps
        await pilot.pause()
        drawn = [strip.text.rstrip() for strip in app.main.pane._strips]
        at = next(i for i, line in enumerate(drawn) if line.lstrip().startswith("• Earlier"))
        bullet, follows = drawn[at], drawn[at + 1]
        assert "https://example.org/winter" in follows
        indent = len(bullet) - len(bullet.lstrip())
        assert follows.startswith(" " * (indent + 2)) and follows[indent + 2] != " "


async def test_a_long_url_stays_on_one_line_in_the_header(tmp_path: Path) -> None:
    url = "https://example.org/news/2019/02/14/a-very-long-slug-about-the-harbour-deal-in-rostock"
    path = build_library(tmp_path / "lib.db", [ArticleIn(guid="u", title="T", text="Body.", url=url, published="2019-02-14")])
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        shown = app.main.pane.text_lines[2].strip()
        assert shown.startswith("https://example.org/news/") and "…" in shown
        assert shown.endswith(url[-8:]) and len(shown) <= app.main.pane.scrollable_content_region.width


async def test_highlights_arrive_when_the_enricher_reports(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "Anna Berg" in screen_text(app)  # the text shows at once
        assert "pending" in screen_text(app)
        assert not app.main.pane.marks.mentions
        enrich_by_hand_short(library_path)
        article_id = app.main.pane.article.id
        reporter = threading.Thread(target=app.enricher_reported, args=(article_id,))
        reporter.start()
        await pilot.pause(0.2)
        reporter.join()
        await pilot.pause()
        assert style_of(app, "Anna Berg").color.name == colour("PERSON").lower()
        assert "pending" not in screen_text(app)


def enrich_by_hand_short(path: Path) -> None:
    library = Library.open(path)
    article_id = library.query("select id from articles where guid = 'harbour'")[0]["id"]
    queued = library.queued_articles([article_id])[0]
    start = queued.text.index("Anna Berg")
    library.store_enrichment(
        queued,
        entities=[Mention(text="Anna Berg", label="PERSON", start=start, end=start + 9,
                          canonical="Anna Berg")],
        title_entities=[], timeline=[], version=1, backend="test",
    )
    library.close()


async def test_narrow_layout_one_region_at_a_time(long_path: Path) -> None:
    """Items 4, 6 and 16b at 80x24: the list alone with whole titles; enter reads the article
    full width; t brings the timeline over it, and choosing a date closes the timeline and
    shows the sentence; q goes back to the list, and q in the list quits."""
    app = make_app(long_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        facts = "Baltic News · Thursday"
        assert "Timeline ·" not in text and facts not in text
        assert "[b]Council[/b] vote [link=https://x]delayed[/link]" in text  # 50 characters
        assert app.main.article_list.size.width == 80
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert facts in text and "Fishermen protest" not in text
        assert app.main.pane.outer_size.width == 80
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        assert "Timeline · 4" in text and facts not in text
        assert app.focused is app.main.query_one(TimelineList)
        await pilot.press("end", "enter")  # the last date: "Thursday", at the end of the text
        await pilot.pause()
        text = screen_text(app)
        assert "Timeline ·" not in text and "Talks resume on Thursday" in text
        assert app.focused is app.main.pane
        await pilot.press("q")
        await pilot.pause()
        assert app.focused is app.main.article_list and "Fishermen protest" in screen_text(app)
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_t_and_l_toggle_the_sidebar_and_the_list_when_wide(long_path: Path) -> None:
    app = make_app(long_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "Timeline · 4" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert "Timeline ·" not in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        text = screen_text(app)
        assert "Fishermen protest" not in text and "Anna Berg signed" in text
        await pilot.press("l", "t")
        await pilot.pause()
        text = screen_text(app)
        assert "Fishermen protest" in text and "Timeline · 4" in text


async def test_status_line_names_the_view_and_counts_its_own_articles(library_path: Path) -> None:
    """Item 7: no static label; the counts are the view's, not the library's; the analysis
    still to do is said (16b)."""
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        status = screen_text(app).splitlines()[-2]
        assert status.startswith(" All articles · 4 shown · 4 unread") and "Feeds" not in status
        assert "analysing: 0 of 4 done" in status  # no enricher runs in these tests
        await pilot.press("m", "s")
        await pilot.pause()
        assert "3 unread" in screen_text(app).splitlines()[-2]
        app.main.show_view(View("starred", name="Starred"))
        await pilot.pause()
        assert "Starred · 1 shown · 0 unread" in screen_text(app).splitlines()[-2]
        await pilot.press("m")
        await pilot.pause()
        assert "Starred · 1 shown · 1 unread" in screen_text(app).splitlines()[-2]
        app.main.show_view(View("all").filtered("entity:Berg"))  # 16b: said to be partial
        await pilot.pause(0.5)
        assert "partial: more may match once analysed" in screen_text(app).splitlines()[-2]
