"""The word-before helpers give what the regexes they replace find, at every position of real text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.enrich.words_before import word_before, word_before_of

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"
_TRICKY = "the town of Elgin\n\nsaid  of \nRostock, U.S. spokesman\tJohn Kirby’s rival of of X of \nY _a_ b’c-d.e f\u00e9 \u00a0g "


def _texts() -> list[str]:
    return [_TRICKY] + [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))[:12]]


@pytest.mark.parametrize("window", [3, 5, 30, 40])
def test_word_before_is_the_regex_search(window: int) -> None:
    plain = re.compile(r"(\w+) $")
    token = re.compile(r"([\w.’'\-]+) $")
    for text in _texts():
        for pos in range(len(text) + 1):
            found = plain.search(text, max(0, pos - window), pos)
            assert word_before(text, pos, window) == (found.group(1) if found else None), (text[:40], pos)
            found = token.search(text, max(0, pos - window), pos)
            assert word_before(text, pos, window, ".’'-") == (found.group(1) if found else None), (text[:40], pos)


@pytest.mark.parametrize("window", [4, 5, 6, 30])
def test_word_before_of_is_the_regex_search(window: int) -> None:
    pattern = re.compile(r"(\w+)(?: of)? $")
    for text in _texts():
        for pos in range(len(text) + 1):
            found = pattern.search(text, max(0, pos - window), pos)
            expected = (found.group(1), found.group(0).endswith(" of ")) if found else None
            got = word_before_of(text, pos, window)
            assert (tuple(got) if got else None) == expected, (text[:40], pos)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab_1 of\n’'-.\u00e9\u00a0", max_size=40), st.integers(0, 40), st.integers(1, 12))
def test_random_text_gets_the_regex_answers(text: str, pos: int, window: int) -> None:
    pos = min(pos, len(text))
    found = re.compile(r"(\w+)(?: of)? $").search(text, max(0, pos - window), pos)
    got = word_before_of(text, pos, window)
    assert (tuple(got) if got else None) == ((found.group(1), found.group(0).endswith(" of ")) if found else None)
    found = re.compile(r"([\w.’'\-]+) $").search(text, max(0, pos - window), pos)
    assert word_before(text, pos, window, ".’'-") == (found.group(1) if found else None)
