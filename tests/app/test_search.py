"""The `/` prompt: the search language as you type, its errors, highlights, saved searches."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tidings.storage import Library
from tests.app.conftest import make_app, notices, screen_text
from tidings.tui.searches import SearchResults

WIDE = (160, 30)


async def settle(pilot: Pilot) -> None:
    """Wait until the prompt's query has run and its results are shown."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.02)
        if not app.main.searches.busy:
            break
    await pilot.pause()


def titles(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [app.main.article_list.summary(i).title for i in app.main.article_list.ids]


def star(path: Path, title: str) -> None:
    library = Library.open(path)
    library.mark([s.id for s in library.articles() if s.title == title], starred=True)
    library.close()


async def test_the_query_language_filters_the_list_as_you_type(library_path: Path) -> None:
    star(library_path, "Fishermen protest quotas")
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"quay")
        await settle(pilot)
        # ranked: the title is weighted, but neither title has the word; both bodies do
        assert sorted(titles(app)) == ["Fishermen protest quotas", "Harbour deal signed in Rostock"]
        await pilot.press(*" is:starred")
        await settle(pilot)
        assert titles(app) == ["Fishermen protest quotas"]
        await pilot.press(*["backspace"] * len("is:starred"), *"-fishermen")
        await settle(pilot)
        assert titles(app) == ["Harbour deal signed in Rostock"]
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.main.article_list.ids) == 4
        assert app.focused is app.main.article_list


async def test_a_malformed_query_shows_its_message_and_keeps_the_list(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"ferry")
        await settle(pilot)
        assert titles(app) == ["Bids open for the ferry line"]
        await pilot.press(*" is:")
        await settle(pilot)
        assert "is: needs a value" in screen_text(app)
        assert titles(app) == ["Bids open for the ferry line"]  # the last good results stay
        await pilot.press(*"nonsense")
        await settle(pilot)
        assert "is: takes unread" in screen_text(app)
        await pilot.press("enter")  # refused: the prompt stays open with its message
        await pilot.pause()
        assert app.main.search.has_class("-shown")
        await pilot.press(*["backspace"] * len(" is:nonsense"), *' "ferry')
        await settle(pilot)
        assert "unbalanced quote" in screen_text(app)
        await pilot.press('"')
        await settle(pilot)
        assert "unbalanced quote" not in screen_text(app)
        assert titles(app) == ["Bids open for the ferry line"]
        assert "Error" not in notices(app)


async def test_results_of_an_older_query_are_dropped(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"ferry")
        await settle(pilot)
        ferry = list(app.main.article_list.ids)
        searches = app.main.searches
        # the answer to a query the user has since replaced arrives late
        searches.post_message(
            SearchResults(searches.generation - 1, app.main.view, [999, 998], keep=None)
        )
        await pilot.pause()
        assert app.main.article_list.ids == ferry
        # and an answer for a view the user has left is not shown either
        searches.post_message(
            SearchResults(searches.generation, app.main.view.filtered("other"), [], keep=None)
        )
        await pilot.pause()
        assert app.main.article_list.ids == ferry


def _found_words(strips) -> list[str]:  # type: ignore[no-untyped-def]
    """The words drawn underlined (the search's mark) in these strips."""
    return [
        segment.text
        for strip in strips
        for segment in strip
        if segment.style is not None and segment.style.underline and segment.text.strip()
    ]


async def test_matching_words_are_marked_in_the_list_and_the_pane(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"harbours")  # the index stems: "harbours" finds "harbour"
        await settle(pilot)
        assert titles(app) == ["Harbour deal signed in Rostock"]
        row = app.main.article_list.render_line(0)
        assert _found_words([row]) == ["Harbour"]
        title_line = next(s for s in app.main.pane._strips if s.text.strip().startswith("Harbour deal"))
        body_line = next(s for s in app.main.pane._strips if "Anna Berg signed" in s.text)
        assert _found_words([title_line]) == ["Harbour"]
        assert _found_words([body_line]) == ["harbour"]  # not Rostock, not Anna Berg
        await pilot.press("escape")
        await settle(pilot)
        assert _found_words([app.main.article_list.render_line(0)]) == []
        assert "harbour" not in _found_words(app.main.pane._strips)


async def test_a_saved_search_is_a_view_with_its_unread_count(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert "Search first" in notices(app)
        await pilot.press("slash", *"quay", "enter")
        await settle(pilot)
        await pilot.press("S")
        await pilot.pause()
        await pilot.press(*"Quays", "enter")
        await pilot.pause()
        library = Library.open(library_path)
        assert [(s.name, s.query) for s in library.saved_searches()] == [("Quays", "quay")]
        library.mark([library.articles()[0].id], read=True)  # the harbour article
        library.close()
        await pilot.press("slash", "escape")
        await settle(pilot)
        await pilot.press("v")
        for _ in range(50):
            await pilot.pause(0.02)
            if "Search: Quays" in screen_text(app):
                break
        assert "Search: Quays · 1 unread" in screen_text(app)
        await pilot.press("down", "down", "down", "down", "down", "enter")  # after the 5 built-in views
        await settle(pilot)
        assert app.main.view.name.startswith("Search: Quays")
        assert sorted(titles(app)) == ["Fishermen protest quotas", "Harbour deal signed in Rostock"]
        assert "Search: Quays" in screen_text(app)
