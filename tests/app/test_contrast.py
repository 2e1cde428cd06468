"""Item 1-3 of the readability issue: every text each shipped theme draws meets WCAG AA.

The ratios are computed from the rendered screen (the compositor's segments), not from the
theme files: the list with its cursor, read and unread rows, the pane's title, meta, body,
entity colours, annotation highlights of every colour, search hits and the selection, the
sidebar's timeline with its cursor, dialogs, the help, the status line and the key hints.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import LONG_TEXT, make_app, screen_text
from tests.app.contrast import failures, invisible
from tidings.storage import Library
from tidings.tui.app import TidingsApp
from tidings.tui.config import Config
from tidings.tui.themes import theme_files

THEMES = sorted(theme_files()[0])


@pytest.fixture
def annotated_path(long_path: Path) -> Path:
    """The long article with one highlight of every colour a theme defines, the first over
    a person's name (entity colour on a highlight background)."""
    library = Library.open(long_path)
    colours = {name for theme in theme_files()[0].values() for name in theme.highlights}
    at = LONG_TEXT.index("Anna Berg")
    library.annotate(1, at, at + len("Anna Berg signed"), note="who", colour="yellow")
    offset = LONG_TEXT.index("Filler paragraph 0")
    for n, colour in enumerate(sorted(colours - {"yellow"})):
        start = offset + n * 62
        library.annotate(1, start, start + 16, colour=colour)
    library.close()
    return long_path


async def _states(app: TidingsApp):  # type: ignore[no-untyped-def]
    """Yield (what, app) after driving the app into each state a user sees."""
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        yield "list focused, article open", app
        app.main.article_list.move_to(1)  # a read row and an unread row above and below the cursor
        app.library.mark([1], read=True)
        app.main.article_list.refresh_article(1)
        await pilot.pause()
        yield "a read row and the cursor on an unread one", app
        app.main.article_list.move_to(0)
        await pilot.press("enter", "right")  # open it, select the first sentence
        await pilot.pause()
        yield "pane focused with a selection", app
        await pilot.press("tab")  # the timeline, its cursor on the first date
        await pilot.pause()
        yield "timeline focused", app
        await pilot.press("tab")
        await pilot.pause()
        yield "entities focused", app
        await pilot.press("question_mark")
        await pilot.pause()
        yield "help", app
        await pilot.press("escape", "A")
        await pilot.pause()
        yield "confirm dialog", app
        await pilot.press("escape", "N")
        await pilot.pause()
        yield "annotations list", app
        await pilot.press("escape", "E")
        await pilot.pause(0.5)
        yield "entity browser", app
        await pilot.press("enter")
        await pilot.pause(0.5)
        yield "entity page", app
        await pilot.press("escape", "escape")
        await pilot.pause()
        app.main.pane.focus()
        await pilot.press("slash", *"harbour")
        await pilot.pause(0.5)
        yield "search as you type, hits marked", app


@pytest.mark.parametrize("theme", THEMES)
async def test_every_text_meets_wcag_aa_in_every_state(theme: str, annotated_path: Path) -> None:
    app = make_app(annotated_path, Config(theme=theme, mark_read_delay=60))
    problems: list[str] = []
    screens: list[str] = []
    async for what, shown in _states(app):
        screens.append(screen_text(shown))
        problems += [f"{what}: {problem}" for problem in failures(shown)]
    drawn = "\n".join(screens)
    sights = ("Harbour deal signed", "Timeline · 4", "app.next", "Mark all 4 shown", "search:",
              "Annotations · ", "type to narrow", "Anna Berg")
    for sight in sights:
        assert sight in drawn  # every state was on screen
    assert problems == []


@pytest.mark.parametrize("theme", THEMES)
async def test_no_visible_character_is_drawn_in_its_own_background(theme: str, annotated_path: Path) -> None:
    app = make_app(annotated_path, Config(theme=theme, mark_read_delay=60))
    problems: list[str] = []
    async for what, shown in _states(app):
        problems += [f"{what}: {problem}" for problem in invisible(shown)]
    assert problems == []
