"""Every end-anchored rule regex answers as the plain regex would, at every position of real text."""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tidings.enrich
from tidings.enrich.pinned_regex import EndAnchored, LiteralHeaded

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"
_TRICKY = ("Shares of The union of Tema, rival \nAcme said MEMBER Jones, co-author Rivals Adidas and Puma beat "
           "Leeds drew with Bath 2-1 in Elgin and Nairn, the Kelvin sign \u212a ſ and staff at \n")


def _patterns() -> list[tuple[str, EndAnchored]]:
    found = []
    for info in pkgutil.iter_modules(tidings.enrich.__path__):
        module = importlib.import_module(f"tidings.enrich.{info.name}")
        found += [(f"{info.name}.{name}", value) for name, value in vars(module).items() if isinstance(value, EndAnchored)]
    return found


def test_the_rules_use_end_anchored_patterns() -> None:
    assert len(_patterns()) >= 5
    assert all(p.tails for _, p in _patterns()), [name for name, p in _patterns() if not p.tails]


@pytest.mark.parametrize("name,pattern", _patterns())
def test_same_answers_as_the_plain_regex(name: str, pattern: EndAnchored) -> None:
    texts = [_TRICKY] + [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))[::3]]
    for text in texts:
        for end in range(len(text) + 1):
            for window in (20, 60):
                lo = max(0, end - window)
                plain = pattern.pattern.search(text, lo, end)
                fast = pattern.search(text, lo, end)
                assert (fast and (fast.span(), fast.groups())) == (plain and (plain.span(), plain.groups())), (name, end)


def _headed() -> list[tuple[str, LiteralHeaded]]:
    found = []
    for info in pkgutil.iter_modules(tidings.enrich.__path__):
        module = importlib.import_module(f"tidings.enrich.{info.name}")
        found += [(f"{info.name}.{name}", value) for name, value in vars(module).items() if isinstance(value, LiteralHeaded)]
    return found


def test_whole_text_scans_have_literal_heads() -> None:
    assert _headed() and all(p.heads for _, p in _headed())


@pytest.mark.parametrize("name,pattern", _headed())
def test_whole_text_scans_find_what_the_plain_regex_finds(name: str, pattern: LiteralHeaded) -> None:
    texts = [_TRICKY, "the town of Elgin and the city of the town of Nairn, Route 9A and Interstate 20 reports port of Tema",
             "Then-President Acting Chief Executive Sen. Warren, Danish-born Swedes on Monday 2020-2021 Sept. 3 Mayor"]
    texts += [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    for text in texts:
        assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == \
            [(m.span(), m.groups()) for m in pattern.pattern.finditer(text)], name
        for pos, endpos in ((1, len(text) - 1), (len(text) // 3, len(text) // 2), (7, 300)):
            assert [(m.span(), m.groups()) for m in pattern.finditer(text, pos, endpos)] == \
                [(m.span(), m.groups()) for m in pattern.pattern.finditer(text, pos, endpos)], name


_ALPHABET = "aeiostnrlThSOfKk’'-_.,;\n \u00a0\u212a\u017f\u00e92"
_WORDS = ["of ", "the ", "at ", "rival ", "shares ", "Route ", "town ", "Monday ", "beat ", "de ", "van ", "said ", "and "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(alphabet=_ALPHABET, max_size=4), max_size=12), st.integers(0, 80))
def test_random_text_gets_the_plain_answers(parts: list[str], cut: int) -> None:
    text = "".join(parts)
    end = min(cut, len(text))
    for _, pattern in _patterns():
        for lo in (0, max(0, end - 20)):
            plain, fast = pattern.pattern.search(text, lo, end), pattern.search(text, lo, end)
            assert (fast and fast.span()) == (plain and plain.span())
    for _, pattern in _headed():
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in pattern.pattern.finditer(text)]
