"""The fast scanning paths find what the plain regexes they replace find, on real articles.

The shared word pass and the title trie were written for speed; these tests hold them to
the straightforward versions (a word regex run per sentence, a longest-first alternation).
"""
from __future__ import annotations

import re
from pathlib import Path

from tidings.enrich import titles
from tidings.enrich.context_labels import lower_camel_spans
from tidings.enrich.literal_regex import alternation
from tidings.enrich.segments import layout, tokens

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"
_EDGES = "a_b c__d e_ 'x' U.S. al-Sharaa Biden’s x.-y ..a.. 1,000.5 3M 50Hertz _a_ é-ü Lt. Gen. Sen.Warren"
# The word pattern as first written: a letter or digit, then any word characters, hyphens,
# apostrophes and full stops, ending on a letter or digit.
_PLAIN_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w\-'’.]*[^\W_])?")


def _texts() -> list[str]:
    return [_EDGES] + [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]


def test_shared_words_are_the_words_of_each_sentence() -> None:
    for text in _texts():
        toks = tokens(text)
        for _, sents in layout(text):
            for sent in sents:
                inside = toks.within(sent)
                plain = [m.span() for m in _PLAIN_WORD.finditer(text, sent.start, sent.end)]
                assert list(zip(toks.starts[inside.start:inside.stop], toks.ends[inside.start:inside.stop])) == plain
                assert toks.strs[inside.start:inside.stop] == [text[s:e] for s, e in plain]


def test_title_trie_matches_like_the_longest_first_alternation() -> None:
    longest_first = "|".join(re.escape(t) for t in sorted(titles._TITLES, key=len, reverse=True))
    plain = re.compile(titles.TITLE_RUN.pattern.replace(titles.TITLE_ALTERNATION, longest_first))
    assert plain.pattern != titles.TITLE_RUN.pattern
    for text in _texts():
        for pos in range(len(text)):
            a, b = titles.TITLE_RUN.match(text, pos), plain.match(text, pos)
            assert (a and a.span()) == (b and b.span()), text[pos:pos + 40]


def test_trie_of_words_with_shared_prefixes() -> None:
    pattern = re.compile(rf"(?:{alternation(['Chief', 'Chief Executive', 'Chief Executive Officer', 'Sen.', 'Senator'])})")
    assert pattern.match("Chief Executive Officer Jane").group() == "Chief Executive Officer"
    assert pattern.match("Chief Executive said").group() == "Chief Executive"
    assert pattern.match("Chief Justice").group() == "Chief"
    assert pattern.match("Sen. Warren").group() == "Sen."
    assert pattern.match("Senator Warren").group() == "Senator"
    assert pattern.match("Sen Warren") is None


def test_no_word_in_lower_case_begins_a_name() -> None:
    from tidings.enrich.fallback_ner import _name_word

    words = {w for text in _texts() for w in tokens(text).strs} | {"al-sharaa", "50hertz", "3m", "ibn-x", "d’arc"}
    assert not [w for w in words if w.islower() and _name_word(w)]
    assert _name_word("al-Sharaa") and _name_word("50Hertz")


def test_lower_camel_scan_finds_what_the_plain_pattern_finds() -> None:
    plain = re.compile(r"(?<![\w\-’'])[a-z]{1,2}[A-Z][a-z][A-Za-z]+\b")
    edges = "iPhone eBay xxPhone a.iPad -eBay ’eBay _eBay 3eBay ebayPhone iPhoneé éiPhone aB iPh\niOS iPhone_ eBay"
    for text in [edges] + _texts():
        assert lower_camel_spans(text) == [m.span() for m in plain.finditer(text)]
