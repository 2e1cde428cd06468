"""Invariants on real news text (the shared article-extraction corpus, when present)."""
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tidings import enrich
CORPUS = Path("/work/shared/corpora/scrapinghub-aeb/ground-truth.json")
ISO_DATE = re.compile(r"\d{4}(-W\d\d|-\d\d(-\d\d)?)?")


def _articles(limit: int) -> list[tuple[str, str]]:
    if not CORPUS.exists():
        pytest.skip("shared corpus not available")
    bodies = [v["articleBody"] for v in json.loads(CORPUS.read_text(encoding="utf-8")).values() if v.get("articleBody")]
    return [(b.split("\n")[0][:100], re.sub(r"\n+", "\n\n", b.strip())) for b in bodies[:limit]]


@pytest.mark.parametrize("backend, limit", [("fallback", 200), ("spacy", 12)])
def test_offsets_order_and_dates_hold_on_real_articles(backend, limit, monkeypatch):
    if backend == "fallback":
        monkeypatch.setenv("TIDINGS_NLP", "fallback")
    else:
        monkeypatch.delenv("TIDINGS_NLP", raising=False)
    for title, text in _articles(limit):
        result = enrich.analyse(title, text, dt.date(2019, 6, 14))
        assert all(text[m.start:m.end] == m.text for m in result.entities)
        assert all(title[m.start:m.end] == m.text for m in result.title_entities)
        assert [m.start for m in result.entities] == sorted(m.start for m in result.entities)
        assert [t.start for t in result.timeline] == sorted(t.start for t in result.timeline)
        for t in result.timeline:
            assert text[t.start:t.end] == t.expression
            assert text[t.sentence_start:t.sentence_end] == t.sentence
            assert ISO_DATE.fullmatch(t.date) and t.precision in {"day", "week", "month", "year"}


def test_extractor_output_with_headings_on_their_own_lines(monkeypatch):
    """Extracted text as an extractor gives it: headings and paragraphs one a line, no full stop
    between them ("coach of Gimnasia" / "The coach would ..." once cut "The" to nothing and crashed)."""
    monkeypatch.setenv("TIDINGS_NLP", "fallback")
    result = enrich.analyse("Coach", "He was out as coach of Gimnasia\nThe coach would now be free to sign.",
                            dt.date(2019, 6, 14))
    assert "The" not in [m.text for m in result.entities]
    extracted = CORPUS.parent / "output" / "trafilatura.json"
    if not extracted.exists():
        pytest.skip("shared corpus not available")
    for page in json.loads(extracted.read_text(encoding="utf-8"))["output"].values():
        text = page.get("articleBody") or ""
        result = enrich.analyse(text.split("\n")[0][:100], text, dt.date(2019, 6, 14))
        assert all(text[m.start:m.end] == m.text for m in result.entities)
