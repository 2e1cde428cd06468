"""Fixtures for the app tests: a real library file in tmp_path and the app opened on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.ingest.enricher import enrich_now
from tidings.ingest.file_import import import_file
from tidings.storage import ArticleIn, Library
from tidings.tui.app import TidingsApp
from tidings.tui.config import Config
from tidings.enrich.model import Mention, TimelineItem
from tests.support import private_copy

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
    app = TidingsApp(Library.open(path), config=config or Config(mark_read_delay=60), enrich=False)
    app.open_delay = 0  # the pane follows the cursor at once, so each press can be checked
    return app


def screen_text(app: TidingsApp) -> str:
    """The screen as plain text, as a user would read it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


FILLER = "\n\n".join(f"Filler paragraph {n} about the harbour and its long history." for n in range(30))
LONG_TEXT = (
    "Anna Berg signed the harbour deal in Rostock on 12 February 2019. "
    "The Baltic Shipping Company will pay for the new quay. Last week the unions agreed. "
    "The port was sold in 2018.\n\n" + FILLER + "\n\nTalks resume on Thursday in Gdansk, Berg said."
)


def _mention(text: str, word: str, label: str, canonical: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(text=word, label=label, start=start, end=start + len(word), canonical=canonical)


def _dated(text: str, expression: str, date: str, precision: str) -> TimelineItem:
    start = text.index(expression)
    sentence_start = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    if text.rfind(". ", 0, start) == -1:
        sentence_start = max(text.rfind("\n", 0, start) + 1, 0)
    sentence_end = text.index(".", start) + 1
    return TimelineItem(**{
        "expression": expression, "start": start, "end": start + len(expression), "date": date,
        "precision": precision, "sentence": text[sentence_start:sentence_end],
        "sentence_start": sentence_start, "sentence_end": sentence_end,
    })


def enrich_by_hand(path: Path, guid: str = "harbour") -> None:
    """Store entities and a timeline for the long harbour article, as the enricher would."""
    library = Library.open(path)
    article_id = library.query("select id from articles where guid = ?", [guid])[0]["id"]
    queued = library.queued_articles([article_id])[0]
    text = queued.text
    library.store_enrichment(
        queued,
        entities=[
            _mention(text, "Anna Berg", "PERSON", "Anna Berg"),
            _mention(text, "Rostock", "GPE", "Rostock"),
            _mention(text, "Baltic Shipping Company", "ORG", "Baltic Shipping Company"),
            _mention(text, "Gdansk", "GPE", "Gdansk"),
            _mention(text, "Berg", "PERSON", "Anna Berg", nth=1),
        ],
        title_entities=[_mention(queued.title, "Rostock", "GPE", "Rostock")],
        timeline=[
            _dated(text, "12 February 2019", "2019-02-12", "day"),
            _dated(text, "Last week", "2019-W06", "week"),
            _dated(text, "2018", "2018", "year"),
            _dated(text, "Thursday", "2019-02-21", "day"),
        ],
        version=1,
        backend="test",
    )
    library.close()


@pytest.fixture
def long_path(tmp_path: Path) -> Path:
    """A library whose first article is long and has stored entities and a timeline."""
    harbour = ARTICLES[0]
    long_harbour = ArticleIn(
        guid=harbour.guid, title=harbour.title, text=LONG_TEXT, url=harbour.url,
        author=harbour.author, published=harbour.published, related=harbour.related,
    )
    path = build_library(tmp_path / "library.db", [long_harbour, *ARTICLES[1:]])
    enrich_by_hand(path)
    return path


def notices(app: TidingsApp) -> str:
    """Every notification the app has shown (Pilot runs do not draw toasts)."""
    return "\n".join(str(n.message) for n in app._notifications)


DEMO = Path(__file__).parents[2] / "demo"


@pytest.fixture(scope="session")
def demo_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo articles (one story told by several), enriched once for the session."""
    path = tmp_path_factory.mktemp("demo") / "library.db"
    library = Library.open(path)
    for file in sorted(DEMO.glob("*.md")):
        import_file(library, file)
    for queued in library.queued(limit=100):
        enrich_now(library, queued)
    library.close()
    return path


@pytest.fixture
def demo_path(demo_library: Path, tmp_path: Path) -> Path:
    return private_copy(demo_library, tmp_path)
