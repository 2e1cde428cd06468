"""The first screen: the list beside the reading pane, and its keys."""

from __future__ import annotations

from pathlib import Path

from tidings.storage import Library
from tests.app.conftest import make_app, screen_text


def list_row(app, title: str) -> str:  # type: ignore[no-untyped-def]
    """The list's row for an article (the left part of the screen line holding its title)."""
    line = next(line for line in screen_text(app).splitlines() if title in line)
    return line[: line.index(title) + len(title)]


def marks(path: Path, title: str) -> tuple[bool, bool]:
    library = Library.open(path)
    row = next(s for s in library.articles() if s.title == title)
    library.close()
    return row.read, row.starred


async def test_list_shows_every_article_newest_first(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        positions = [
            text.index(title)
            for title in ("Harbour deal", "Fishermen", "[b]Council[/b]", "Bids open")
        ]
        assert positions == sorted(positions)
        assert "14 Feb 19" in text
        assert "Baltic News" in text


async def test_the_pane_shows_the_article_under_the_cursor(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert "Anna Berg signed the harbour deal" in screen_text(app)
        await pilot.press("j")
        await pilot.pause()
        text = screen_text(app)
        assert "Fishermen gathered at the quay" in text
        assert "Anna Berg signed" not in text


async def test_j_k_and_arrows_move(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        titles = []
        for key in ("j", "j", "k", "down", "down", "up", "down", "down"):
            await pilot.press(key)
            titles.append(app.main.pane.article.title if app.main.pane.article else None)
        assert titles == [
            "Fishermen protest quotas",
            "[b]Council[/b] vote [link=https://x]delayed[/link]",
            "Fishermen protest quotas",
            "[b]Council[/b] vote [link=https://x]delayed[/link]",
            "Bids open for the ferry line",
            "[b]Council[/b] vote [link=https://x]delayed[/link]",
            "Bids open for the ferry line",
            "Bids open for the ferry line",  # stays on the last article
        ]


async def test_enter_opens_marks_read_and_focuses_the_pane(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.focused is app.main.pane
        assert marks(library_path, "Fishermen protest quotas") == (True, False)
        assert marks(library_path, "Harbour deal signed in Rostock") == (False, False)


async def test_m_toggles_read_and_s_stars(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        first_row = list_row(app, "Harbour deal")
        assert "●" in first_row and "★" not in first_row
        await pilot.press("m")
        await pilot.pause()
        assert marks(library_path, "Harbour deal signed in Rostock") == (True, False)
        assert "●" not in list_row(app, "Harbour deal")
        await pilot.press("s")
        await pilot.pause()
        assert marks(library_path, "Harbour deal signed in Rostock") == (True, True)
        assert "★" in list_row(app, "Harbour deal")
        await pilot.press("m", "s")
        await pilot.pause()
        assert marks(library_path, "Harbour deal signed in Rostock") == (False, False)


async def test_tab_moves_focus_between_regions(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert app.focused is app.main.article_list
        await pilot.press("tab")
        assert app.focused is app.main.pane
        await pilot.press("shift+tab")
        assert app.focused is app.main.article_list


async def test_question_mark_lists_every_binding(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for description in ("Quit", "Next", "Previous", "Read/unread", "Star", "Help", "Open"):
            assert description in text
        await pilot.press("escape")
        await pilot.pause()
        assert "Tidings keys" not in screen_text(app)


async def test_q_quits(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_markup_like_titles_show_literally(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("j", "j")
        await pilot.pause()
        text = screen_text(app)
        assert "[b]Council[/b] vote [link=https://x]delayed[/link]" in text
        assert "The council [i]postponed[/i] its vote." in text


async def test_a_long_list_paints_its_first_screen_then_holds_every_article(
    library_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tidings.tui import main_screen

    monkeypatch.setattr(main_screen, "FIRST_SCREEN", 2)  # as a million-article list would
    library = Library.open(library_path)
    every = library.article_ids()
    library.close()
    assert len(every) > 2
    app = make_app(library_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.article_list.ids == every
        assert f"{len(every)} shown" in screen_text(app)
        await pilot.press("j")
        assert app.screen.article_list.current == every[1]


async def test_a_long_views_unread_count_arrives_with_its_ids(
    library_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The worker that loads a long view counts its unread too (off the UI thread): the
    status line's count is the view's own, not the first screen's."""
    from tidings.tui import main_screen
    from tidings.tui.views import View

    monkeypatch.setattr(main_screen, "FIRST_SCREEN", 1)
    library = Library.open(library_path)
    every = library.article_ids()
    library.mark(every[:1], read=True)
    unread = len(library.article_ids(unread=True))
    library.close()
    assert 1 < unread < len(every)
    app = make_app(library_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        app.screen.show_view(View("unread", name="Unread"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.screen.article_list.ids) == unread
        assert f"{unread} shown · {unread} unread" in screen_text(app)
