"""Pure helpers of the reader: timeline dates, sentence spans, safe links."""

from __future__ import annotations

import pytest

from tidings.tui.dates import timeline_date, timeline_sort_key
from tidings.tui.links import is_web_url
from tidings.tui.sentences import sentence_spans, word_spans


@pytest.mark.parametrize(
    ("value", "precision", "shown"),
    [
        ("2025-02-12", "day", "12 Feb 2025"),
        ("2025-W08", "week", "week of 17 Feb"),
        ("2025-02", "month", "Feb 2025"),
        ("2023", "year", "2023"),
        ("garbage", "day", "garbage"),
    ],
)
def test_timeline_dates_at_their_precision(value: str, precision: str, shown: str) -> None:
    assert timeline_date(value, precision) == shown


def test_mixed_precisions_sort_chronologically() -> None:
    items = [("2025-02-27", "day"), ("2025-W08", "week"), ("2025-02", "month"), ("2023", "year")]
    ordered = sorted(items, key=lambda i: timeline_sort_key(*i))
    assert ordered == [("2023", "year"), ("2025-02", "month"), ("2025-W08", "week"), ("2025-02-27", "day")]


def test_sentences_split_on_end_punctuation_quotes_and_lines() -> None:
    text = 'He said “Stop.” Then left! Why?\n\nA new paragraph ends here'
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "He said “Stop.”", "Then left!", "Why?", "A new paragraph ends here",
    ]
    assert [("  two  words "[s:e]) for s, e in word_spans("  two  words ")] == ["two", "words"]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=c", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("https://example.org/$(rm -rf ~)", False),
        ("-new-tab", False),
        (None, False),
    ],
)
def test_only_web_urls_open(url: str | None, ok: bool) -> None:
    assert is_web_url(url) is ok
