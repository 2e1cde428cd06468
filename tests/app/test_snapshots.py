"""Snapshots of the screens people see, on the pinned Textual (regenerate with
--snapshot-update only after looking at what changed: the ui engineer owns these files).

The main screen with an article open at the three sizes terminals open at, each shipped
theme at one size, the help, the annotations list and an entity page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import make_app
from tidings.storage import Library
from tidings.tui.config import Config
from tidings.tui.themes import theme_files


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(0.3)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
def test_main_screen_with_an_article_open(long_path: Path, snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(long_path), terminal_size=size, press=["enter"])


@pytest.mark.parametrize("theme", sorted(theme_files()[0]))
def test_each_theme(long_path: Path, snap_compare, theme: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(long_path, Config(theme=theme, mark_read_delay=60))
    assert snap_compare(app, terminal_size=(120, 40), press=["enter", "right", "t"])


def test_narrow_layout_with_the_sidebar_over_the_pane(long_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(long_path), terminal_size=(80, 24), press=["enter", "t"])


def test_help_screen(long_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(long_path), terminal_size=(120, 50), press=["question_mark"])


def test_annotations_list(long_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    library = Library.open(long_path)
    text = library.article(1).text
    library.annotate(1, 0, 9, note="who is she")
    at = text.index("Talks resume")
    library.annotate(1, at, at + 12, colour="green")
    library.close()
    assert snap_compare(make_app(long_path), terminal_size=(120, 40), press=["N"])


def test_entity_page_at_80_columns(long_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def open_page(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("E")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)

    assert snap_compare(make_app(long_path), terminal_size=(80, 24), run_before=open_page)
