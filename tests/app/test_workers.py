"""Background work that fails: the app records it, says so in plain text and stays up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import make_app, notices
from tidings.tui import stories

WIDE = (160, 30)


async def test_a_failed_worker_is_reported_and_the_app_keeps_going(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("disk [b]on fire[/b]")

    monkeypatch.setattr(stories, "load_story", broken)
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.3)
        assert app.is_running
        assert any("disk [b]on fire[/b]" in error for error in app.worker_errors)
        # the notice shows the error as written, not as markup
        assert "disk [b]on fire[/b]" in notices(app)
        first = app.main.pane.article.title
        await pilot.press("j")
        await pilot.pause(0.3)
        assert app.main.pane.article.title != first  # still reading
        assert app.is_running
