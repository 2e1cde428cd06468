"""Themes and config in the app: switching live and saving, user themes, NO_COLOR, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.storage import Library
from tests.app.conftest import notices, screen_text
from tests.app.test_reading import style_of
from tidings.tui.app import TidingsApp, run_app
from tidings.tui.config import Config, load_config
from tidings.tui.themes import THEMES_DIR, theme_files

WIDE = (160, 30)


def test_four_shipped_themes_each_with_every_colour_group() -> None:
    themes, problems = theme_files()
    assert problems == []
    assert {"tidings-dark", "tidings-light", "tidings-high-contrast", "nord"} <= set(themes)
    for theme in themes.values():
        assert {"PERSON", "ORG", "PLACE", "OTHER"} <= set(theme.entities)
        assert theme.highlights and {"date", "today"} <= set(theme.timeline)
    assert not themes["tidings-light"].theme.dark


async def test_switching_theme_recolours_live_and_saves_the_choice(
    long_path: Path, config_home: Path
) -> None:
    app = TidingsApp(Library.open(long_path), config=Config(), enrich=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"tidings-light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "tidings-light"
        light = theme_files()[0]["tidings-light"].entities["PERSON"].lower()
        assert style_of(app, "Anna Berg").color.name == light
    assert load_config(config_home / "config.toml")[0].theme == "tidings-light"


async def test_a_user_theme_from_the_config_dir_is_offered(long_path: Path, config_home: Path) -> None:
    (config_home / "themes").mkdir()
    text = (THEMES_DIR / "nord.toml").read_text().replace('name = "nord"', 'name = "mine"')
    (config_home / "themes" / "mine.toml").write_text(text.replace("#88c0d0", "#123456", 1))
    (config_home / "themes" / "broken.toml").write_text("name = ")
    app = TidingsApp(Library.open(long_path), config=Config(theme="mine"), enrich=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.theme == "mine"
        assert "broken.toml" in notices(app)


async def test_no_color_is_honoured(library_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = TidingsApp(Library.open(library_path), config=Config(), enrich=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.no_color
        assert "Harbour deal" in screen_text(app)


def test_a_bad_config_file_is_reported_in_the_app_and_defaults_used(
    library_path: Path, config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (config_home / "config.toml").write_text('theme = "nord"\nmark_read_delay = -1\n')
    seen: dict[str, object] = {}

    def fake_run(self: TidingsApp) -> None:
        seen["theme"] = self.config.theme
        seen["delay"] = self.config.mark_read_delay
        seen["notices"] = self.notices

    monkeypatch.setattr(TidingsApp, "run", fake_run)
    run_app(Library.open(library_path))
    assert seen["theme"] == "nord" and seen["delay"] == 3.0
    assert seen["notices"] == [
        f"{config_home / 'config.toml'}, line 2: mark_read_delay has a bad value -1; using the default"
    ]
