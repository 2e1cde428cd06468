"""Property-based tests (hypothesis) where input is open-ended (issue 12): the search
language, the config loader, text cleaning, feed parsing of arbitrary bytes and annotation
re-anchoring. Example counts stay modest so the suite stays fast."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tidings.ingest.feed_entries import FeedParseError, parse_feed
from tidings.storage import ArticleIn, Library
from tidings.storage.anchoring import reanchor, select
from tidings.storage.clean import one_line, strip_controls
from tidings.storage.search_language import QueryError, _fold_char, fold
from tidings.tui.config import Config, load_config

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters hostile input is made of: markup, quotes, controls, bidi, zero-width, letters.
NASTY = st.sampled_from(
    list("[]/@:-\"'()*\\ \t\n\r") + ["\x00", "\x1b", "\x07", "\x85", "\x9b", "\u202e", "\u2066",
     "\u200b", "\ufeff", "\u200d", "é", "ø", "日", "@7d", "is:", "feed:", "after:", "-x", "9" * 30]
)
TEXTS = st.one_of(st.text(max_size=80), st.lists(NASTY, max_size=30).map("".join))

_LIBRARY_DIR = Path(tempfile.mkdtemp(prefix="tidings-props-"))
_LIBRARY = Library.open(_LIBRARY_DIR / "lib.db")
_LIBRARY.store_article(
    _LIBRARY.local_feed("Wire"),
    ArticleIn(guid="a", title="Harbour café", text="The harbour was dredged in Rønne.",
              published="2025-03-01"),
)


@FAST
@given(TEXTS)
@example("\x00")  # a NUL ended FTS5's string early: "unterminated string"
@example("@99999999999d")
def test_any_search_gives_results_or_a_short_error(query: str) -> None:
    try:
        ids = _LIBRARY.find_ids(query)
    except QueryError as error:
        message = str(error)
        assert 0 < len(message) <= 120 and "\n" not in message
    else:
        assert isinstance(ids, list)


_TOML_VALUES = st.recursive(
    st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=False), st.booleans()),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=10,
)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"
                             for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return repr(value)


@FAST
@given(st.dictionaries(st.sampled_from(["theme", "sort", "mark_read_delay", "default_view",
                                        "refresh_concurrency", "keymap", "[/x]", "nope"]),
                       _TOML_VALUES, max_size=5),
       st.text(max_size=40))
def test_the_config_loader_never_raises_and_reports_plainly(data: dict[str, object], junk: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        text = "\n".join(f'"{k}" = {_toml(v)}' for k, v in data.items())
        for content in (text, text + "\n" + junk, "x = " + "[" * 3000 + "]" * 3000):
            path.write_text(content, encoding="utf-8")
            config, problems = load_config(path)
            assert isinstance(config, Config)
            assert all(p.isprintable() for p in problems)


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\ufeff\u2060]")


@FAST
@given(TEXTS, st.integers(min_value=1, max_value=200))
def test_text_cleaning_is_idempotent_and_one_line_metadata_is_clean(text: str, limit: int) -> None:
    line = one_line(text, limit)
    assert one_line(line, limit) == line
    assert len(line) <= limit and not _INVISIBLE.search(line)
    assert "\n" not in line and line == line.strip()
    body = strip_controls(text)
    assert strip_controls(body) == body
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", body)
    assert all(c in body for c in "\u200d\u200c" if c in text)  # scripts keep their joiners


@FAST
@given(st.one_of(
    st.binary(max_size=400),
    st.lists(st.sampled_from([b"<?xml version='1.0'?>", b"<rss version='2.0'>", b"<channel>",
                              b"<item>", b"<title>", b"</title>", b"&eacute;", b"<!DOCTYPE x [",
                              b"<!ENTITY a 'b'>", b"]>", b"\xff\xfe", b"\xef\xbb\xbf", b"{",
                              b'"items": [', b"\x00", b"]]>", b"<![CDATA[", b"x" * 50]),
             max_size=20).map(b"".join),
), st.sampled_from(["", "application/rss+xml", "text/xml; charset=iso-8859-1",
                    "application/json", "text/html; charset=utf-16"]))
def test_feed_parsing_of_arbitrary_bytes_gives_a_feed_or_a_one_line_error(
    data: bytes, content_type: str
) -> None:
    try:
        parsed = parse_feed(data, "https://example.org/feed", content_type)
    except FeedParseError as error:
        assert "\n" not in str(error)
    else:
        for entry in parsed.entries:
            assert isinstance(entry.article.title, str)


@FAST
@given(st.text(min_size=1, max_size=200), st.data())
def test_reanchoring_finds_the_quote_or_says_it_cannot(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    old = select(text, start, end)
    assert reanchor(text, old) == old  # an unchanged text keeps the highlight where it was
    prefix = data.draw(st.text(max_size=20))
    suffix = data.draw(st.text(max_size=20))
    moved = reanchor(prefix + text + suffix, old)
    assert moved is not None
    assert (prefix + text + suffix)[moved.start:moved.end] == old.quote
    edited = data.draw(st.text(max_size=200))
    found = reanchor(edited, old)
    if found is not None:
        assert 0 <= found.start < found.end <= len(edited)
        assert found.quote == edited[found.start:found.end]


@FAST
@given(st.one_of(TEXTS, st.text(alphabet=st.characters(blacklist_categories=()), max_size=40)))
@example("\ud800\u00e9 \udfff\u202e")  # lone surrogates (a JSON escape can carry one)
def test_fold_and_control_stripping_treat_each_character_alone(text: str) -> None:
    """What the index holds is each character folded on its own, and what is stored is the
    text without its control characters, whatever surrounds them (the fast paths find both
    in what is left of the UTF-8 once visible ASCII is deleted)."""
    assert fold(text) == "".join(_fold_char(c) if ord(c) > 127 else c for c in text)
    assert strip_controls(text) == re.sub(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", "",
        text.replace("\r\n", "\n").replace("\r", "\n"),
    )
