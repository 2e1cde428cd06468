"""Fixtures for the app tests: a real library file in tmp_path and the app opened on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import ArticleIn, Library
from tui.app import TidingsApp
from tui.config import Config

# Far-past dates: the list shows them absolutely ("12 Feb 19"), so screens do not depend on today.
ARTICLES = [
    ArticleIn(
        guid="harbour",
        title="Harbour deal signed in Rostock",
        text=(
            "Anna Berg signed the harbour deal in Rostock on 12 February 2019. "
            "The Baltic Shipping Company will pay for the new quay.\n\n"
            "Talks resume on Thursday in Gdansk, Berg said."
        ),
        url="https://example.org/harbour",
        author="Lena Kraus",
        published="2019-02-14",
        related=[("Earlier: the port in winter", "https://example.org/winter")],
    ),
    ArticleIn(
        guid="fishermen",
        title="Fishermen protest quotas",
        text="Fishermen gathered at the quay at dawn.\n\nThey want the quotas lifted.",
        url="https://example.org/fish",
        published="2019-02-13",
    ),
    ArticleIn(
        guid="council",
        title="[b]Council[/b] vote [link=https://x]delayed[/link]",
        text="The council [i]postponed[/i] its vote.\n\nA decision is due in March.",
        url="https://example.org/council",
        published="2019-02-12",
    ),
    ArticleIn(
        guid="bids",
        title="Bids open for the ferry line",
        text="Three companies have bid for the ferry line.",
        url="https://example.org/bids",
        published="2019-02-11",
    ),
]


def build_library(path: Path, articles: list[ArticleIn] = ARTICLES, feed: str = "Baltic News") -> Path:
    library = Library.open(path)
    library.store_articles(library.local_feed(feed), articles)
    library.close()
    return path


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return build_library(tmp_path / "library.db")


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets an empty config directory of its own (never the developer's)."""
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("TIDINGS_CONFIG_DIR", str(folder))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return folder


def make_app(path: Path, config: Config | None = None) -> TidingsApp:
    """The app on a library file, without the background enricher (tests store enrichment)."""
    return TidingsApp(Library.open(path), config=config or Config(), enrich=False)


def screen_text(app: TidingsApp) -> str:
    """The screen as plain text, as a user would read it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
