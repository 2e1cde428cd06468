"""A 10 MB article (issue 12, item 11): `show` prints all of it without analysing it, the app
opens its first part and says so, and the enricher analyses a bounded part only. Times and
memory are measured by benchmarks/bench_long_article.py, not here."""

from __future__ import annotations

from pathlib import Path

from tidings.ingest.enricher import analyse_article
from tidings.storage import ArticleIn, Library
from tidings.storage.enrichment import ANALYSED_CHARS, analysed_part
from tests.app.conftest import make_app, screen_text
from tests.hostile.test_hostile_cli import run

PARAGRAPH = "Anna Berg, the mayor of Rostock, said the harbour would be dredged. " * 8
TEXT = "\n\n".join([PARAGRAPH] * (10 * 2**20 // (len(PARAGRAPH) + 2)))


def _library(path: Path) -> int:
    library = Library.open(path)
    article = library.store_article(
        library.local_feed("Long"),
        ArticleIn(guid="long", title="A very long article", text=TEXT, published="2025-03-01"),
    ).id
    library.close()
    return article


def test_the_analysed_part_is_bounded_at_a_paragraph_break() -> None:
    part = analysed_part(TEXT)
    assert len(part) <= ANALYSED_CHARS and TEXT.startswith(part) and part.endswith(PARAGRAPH)
    assert analysed_part("short") == "short"


def test_show_prints_all_of_it_without_analysing(library_path: Path) -> None:
    article = _library(library_path)
    result = run(library_path, "show", str(article))
    assert result.exit_code == 0 and len(result.output) > len(TEXT)
    assert Library.open(library_path).is_queued(article)  # not analysed by a plain show


def test_the_enricher_analyses_only_the_bounded_part() -> None:
    result = analyse_article("A very long article", TEXT, "2025-03-01")
    assert all(m.end <= ANALYSED_CHARS for m in result.analysis.entities)


async def test_the_app_opens_the_first_part_and_says_so(library_path: Path) -> None:
    article = _library(library_path)
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.pane.article is not None and app.main.pane.article.id == article
        pane = app.main.pane
        assert pane.full_length == len(TEXT)
        assert "Long article:" in "\n".join(pane.text_lines[-12:])
        assert "A very long article" in screen_text(app)
