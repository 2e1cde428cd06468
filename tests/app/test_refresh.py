"""`r` refreshes feeds in the background: progress in the status line, failures listed."""

from __future__ import annotations

import asyncio
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tidings.storage import ArticleIn, Library
from tidings.storage.records import FetchOutcome
from tests.app.conftest import make_app, notices, screen_text


@dataclass
class Step:
    done: int
    total: int


@dataclass
class Failure:
    title: str
    url: str
    error: str


@dataclass
class Summary:
    feeds_fetched: int = 2
    feeds_failed: int = 1
    articles_new: int = 1
    articles_updated: int = 0
    errors: list[Failure] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)


def fake_refresh_module(release: asyncio.Event) -> types.ModuleType:
    module = types.ModuleType("tidings.ingest.refresh")

    async def refresh(library_path, feed_ids=None, *, concurrency=16, progress=None, **_options):  # type: ignore[no-untyped-def]
        progress(Step(1, 3))
        await release.wait()
        library = Library.open(library_path)
        library.store_article(
            library.local_feed("Baltic News"),
            ArticleIn(guid="new", title="Fresh from the feed", text="New.", published="2019-03-01"),
        )
        broken = library.add_feed("https://bad.example/rss", title="[b]Broken feed")
        library.record_fetch(broken, FetchOutcome(500, error="HTTP 500", retry_in=300))
        library.close()
        return Summary(errors=[Failure("[b]Broken feed", "https://bad.example/rss", "HTTP 500")])

    module.refresh = refresh  # type: ignore[attr-defined]
    return module


async def test_r_refreshes_with_progress_then_lists_failures_and_keeps_the_cursor(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = asyncio.Event()
    monkeypatch.setitem(sys.modules, "tidings.ingest.refresh", fake_refresh_module(release))
    app = make_app(library_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("j", "r")
        await pilot.pause()
        assert "refreshing 1/3" in screen_text(app)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Fresh from the feed" in text and "refreshing" not in text
        assert app.main.pane.article.title == "Fishermen protest quotas"  # the cursor stayed
        assert "[b]Broken feed: HTTP 500" in notices(app)
        await pilot.press("F")
        await pilot.pause()
        assert "https://bad.example/rss" in screen_text(app)


async def test_r_without_the_refresh_module_says_so(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tidings.ingest.refresh", None)  # import fails
    app = make_app(library_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert "refresh is not available" in notices(app)
