"""The enrichment thread (issue 12, item 18): an article whose analysis fails is recorded
with its error and skipped; the thread goes on with the others."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tidings.ingest import enricher as enricher_module
from tidings.storage import ArticleIn, Library


def test_a_failing_article_is_recorded_and_skipped(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = enricher_module.analyse_article

    def analyse(title: str, text: str, published: str | None) -> dict[str, Any]:
        if "poison" in title:
            raise ValueError("cannot analyse [/] this")
        return real(title, text, published)

    monkeypatch.setattr(enricher_module, "analyse_article", analyse)
    library = Library.open(library_path)
    feed = library.local_feed("Wire")
    ids = {
        title: library.store_article(
            feed, ArticleIn(guid=title, title=title, text=f"Anna Berg met officials in Oslo. {title}.",
                            published=published)
        ).id
        for title, published in [("poison pill", "2025-03-03"), ("Calm news", "2025-03-01"),
                                 ("More news", "2025-03-02")]
    }
    done: list[int] = []
    worker = enricher_module.Enricher(library_path, on_done=done.append, use_process=False)
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while library.queue_size() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        worker.stop()
        worker.join(timeout=10)
    assert library.queue_size() == 0
    assert worker.is_alive() is False
    failures = library.enrich_failures()
    assert [(row["article_id"], row["error"]) for row in failures] == [
        (ids["poison pill"], "ValueError: cannot analyse [/] this")
    ]
    enriched = {row[0] for row in library.db.execute("select article_id from enrichments")}
    assert enriched == {ids["Calm news"], ids["More news"]}
    library.close()
