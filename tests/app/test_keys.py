"""Keys across stories: unread jumps, paging, first/last, browser, mark all, filter, palette."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest

from tidings.storage import ArticleIn, Library
from tests.app.conftest import make_app, notices, screen_text
from tests.app.test_search import settle
from tidings.tui.commands import all_commands
from tidings.tui.config import Config

WIDE = (160, 30)


def titles_read(path: Path) -> dict[str, bool]:
    library = Library.open(path)
    rows = {s.title: s.read for s in library.articles()}
    library.close()
    return rows


def mark_read(path: Path, title: str) -> None:
    library = Library.open(path)
    library.mark([s.id for s in library.articles() if s.title == title], read=True)
    library.close()


async def test_J_n_and_K_jump_over_read_articles(library_path: Path) -> None:
    mark_read(library_path, "Fishermen protest quotas")
    mark_read(library_path, "[b]Council[/b] vote [link=https://x]delayed[/link]")
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("J")
        assert app.main.pane.article.title == "Bids open for the ferry line"
        await pilot.press("K")
        assert app.main.pane.article.title == "Harbour deal signed in Rostock"
        await pilot.press("n")
        assert app.main.pane.article.title == "Bids open for the ferry line"
        await pilot.press("n")  # nothing further: stays, says so
        await pilot.pause()
        assert app.main.pane.article.title == "Bids open for the ferry line"
        assert "No more unread" in notices(app)


async def test_g_and_G_go_to_first_and_last(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("G")
        assert app.main.pane.article.title == "Bids open for the ferry line"
        await pilot.press("g")
        assert app.main.pane.article.title == "Harbour deal signed in Rostock"


async def test_space_pages_the_pane_then_moves_to_the_next_unread(long_path: Path) -> None:
    mark_read(long_path, "Fishermen protest quotas")
    app = make_app(long_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")  # open: focus in the pane
        assert app.main.pane.scroll_y == 0
        await pilot.press("space")
        assert app.main.pane.scroll_y > 0
        await pilot.press("b")
        assert app.main.pane.scroll_y == 0
        while app.main.pane.scroll_y < app.main.pane.max_scroll_y:
            await pilot.press("space")
        await pilot.press("space")
        assert app.main.pane.article.title.startswith("[b]Council")  # the read one is skipped


async def test_o_opens_web_urls_only(library_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, new=0: opened.append(url) or True)
    library = Library.open(library_path)
    from tidings.storage import ArticleIn

    library.store_article(
        library.local_feed("Baltic News"),
        ArticleIn(guid="js", title="Sneaky", text="x", url="javascript:alert(1)", published="2018-01-01"),
    )
    library.close()
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        await app.workers.wait_for_complete()
        assert opened == ["https://example.org/harbour"]
        await pilot.press("G", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == ["https://example.org/harbour"]
        assert "no web address" in notices(app)


async def test_A_marks_all_shown_read_after_asking(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert "Mark all 4 shown articles as read?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert not any(titles_read(library_path).values())
        await pilot.press("A", "y")
        await pilot.pause()
        assert all(titles_read(library_path).values())
        assert "0 unread" in screen_text(app)


async def test_slash_searches_as_you_type_and_escape_clears(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"ferry")
        await settle(pilot)
        assert len(app.main.article_list.ids) == 1
        assert "search: ferry" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is app.main.article_list
        assert app.main.pane.article.title == "Bids open for the ferry line"
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert len(app.main.article_list.ids) == 4
        await pilot.press("slash", *"100%_[b]")
        await settle(pilot)
        assert app.main.article_list.ids == []  # no word is read as a wildcard or markup


async def test_articles_become_read_after_the_configured_delay(library_path: Path) -> None:
    app = make_app(library_path, Config(mark_read_delay=1.5))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j")  # Fishermen shown, then left before the delay
        assert titles_read(library_path)["[b]Council[/b] vote [link=https://x]delayed[/link]"] is False
        await pilot.pause(2.0)
        read = titles_read(library_path)
        assert read["Fishermen protest quotas"] is False
        assert read["[b]Council[/b] vote [link=https://x]delayed[/link]"] is True


async def test_palette_has_every_action_and_runs_them(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        titles = {command.title for command in all_commands(app)}
        for node in app.binding_owners():
            for _key, binding in node._bindings:
                if binding.description and binding.id not in ("app.focus_next", "app.focus_previous"):
                    assert binding.description in titles
        assert {"Show: Starred", "Theme: tidings-light", "Show: Feed: Baltic News"} <= titles
        await pilot.press("ctrl+p", *"Star")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        library = Library.open(library_path)
        assert library.articles(starred=True)[0].title == "Harbour deal signed in Rostock"
        library.close()


async def test_help_lists_every_binding_with_its_keys(library_path: Path) -> None:
    app = make_app(library_path, Config(keymap={"app.toggle_star": "x"}))
    async with app.run_test(size=(160, 120)) as pilot:  # tall enough for all of it at once
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for node in app.binding_owners():
            for _key, binding in node._bindings:
                if binding.id:  # (Textual's own scrolling keys have none and are not listed)
                    line = next(line for line in text.splitlines() if binding.id in line)
                    assert binding.description in line  # key, what it does, its id
        star_line = next(line for line in text.splitlines() if "app.toggle_star" in line)
        assert " x " in star_line and "Star" in star_line
        # Sections by where a key works: the arrows do different things in each region.
        lines = text.splitlines()
        titles = ["Everywhere", "In the article list", "In the reading pane", "In the timeline"]
        at = [next(i for i, line in enumerate(lines) if title in line) for title in titles]
        assert at == sorted(at)
        up_in_list = next(line for line in lines if "list.up" in line)
        up_in_pane = next(line for line in lines if "pane.scroll_up" in line)
        assert lines.index(up_in_list) > at[1] and lines.index(up_in_pane) > at[2]


async def test_keymap_from_config_remaps_keys(library_path: Path) -> None:
    app = make_app(library_path, Config(keymap={"app.next": "x", "app.toggle_star": "z"}))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("x")
        assert app.main.pane.article.title == "Fishermen protest quotas"
        await pilot.press("z")
        await pilot.pause()
        library = Library.open(library_path)
        assert [s.title for s in library.articles(starred=True)] == ["Fishermen protest quotas"]
        library.close()


async def test_the_pane_follows_the_cursor_once_it_rests(library_path: Path) -> None:
    app = make_app(library_path)
    app.open_delay = 0.3
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.5)
        opened: list[str] = []
        reader = app.main.reader
        original = reader.open
        reader.open = lambda article_id: (opened.append(article_id), original(article_id))  # type: ignore[method-assign]
        await pilot.press("j", "j", "j")
        assert opened == []  # moving fast: the list moves, the pane waits
        await pilot.pause(0.6)
        assert app.main.pane.article.title == "Bids open for the ferry line"
        assert len(opened) == 1


async def test_mark_all_shown_read_reaches_the_copies_in_other_feeds(library_path: Path) -> None:
    """A story in two feeds shows once; A marks the copy in the other feed read too."""
    library = Library.open(library_path)
    wire = library.local_feed("Wire")
    copy = library.store_article(wire, ArticleIn(
        guid="harbour-wire", title="Harbour deal signed", text="The same story, told by the wire.",
        url="https://example.org/harbour", published="2019-02-14",
    )).id
    leader = library.query("select dup_of from articles where id = ?", [copy])[0]["dup_of"]
    assert leader is not None  # the wire's copy joined the Baltic News story
    library.close()

    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert copy not in app.main.article_list.ids  # the list shows the story once
        await pilot.press("A", "y")
        await pilot.pause()

    library = Library.open(library_path)
    # read straight from the table: articles() would hide the copy
    unread = library.query("select id, title from articles where read = 0")
    library.close()
    assert unread == []
