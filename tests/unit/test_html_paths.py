"""The fast reading of plain paragraph markup gives exactly what the element walk gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tidings.ingest import html

PIECES = [
    "<p>", "</p>", "<p class='x'>", "<em>", "</em>", "<strong>", "</strong>", "<span>", "</span>",
    "<code>", "</code>", "<br>", "<div>", "</div>", "<ul><li>", "</li></ul>", "<h2>", "</h2>",
    "<blockquote>", "</blockquote>", "<img src='http://i.example/a.png' alt='A'>",
    "<script>x()</script>", "<!-- c -->", " ", "  ", "\n", "\t", "\u00a0", "\u2028", "word",
    "Wörd", "&amp;", "&lt;", "&nbsp;", "&#8217;", "&", "<", "\r\n",
    "<a href='http://a.example/'>", "<a href='/rel'>", "<a href='javascript:x()'>",
    "<a href='jav ascript:x()'>", "<a href='?q=1'>", "<a href=''>", "<a>", "</a>",
]


def _body(fragment: str) -> etree._Element | None:
    root = etree.fromstring(fragment, html._fragment_parser())
    return root.find("body") if root is not None else None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join),
       st.sampled_from([None, "http://base.example/dir/page"]))
def test_plain_paragraphs_match_the_walk(fragment: str, base: str | None) -> None:
    if not fragment.strip():
        return
    fast_body, walked_body = _body(fragment), _body(fragment)
    if fast_body is None or walked_body is None:
        return
    html._clean(fast_body, base)
    html._clean(walked_body, base)
    fast_links: list[str] = []
    walked_links: list[str] = []
    fast = html._plain_paragraphs(fast_body, fast_links)
    if fast is not None:
        assert (fast, fast_links) == (
            html._walked_paragraphs(walked_body, walked_links), walked_links)


def test_plain_markup_takes_the_fast_reading_with_numbered_links() -> None:
    body = _body("<p>One <em>two</em> <a href='/x'>three</a>.</p>tail<p>Four\nfive &amp; "
                 "<a href='/x'>six</a> <a href='javascript:x()'>no</a></p>")
    assert body is not None
    html._clean(body, "http://site.example/a/")
    links: list[str] = []
    assert html._plain_paragraphs(body, links) == [
        "One two three[1].", "tail", "Four", "five & six[1] no"]
    assert links == ["http://site.example/x"]
    assert html._plain_paragraphs(_body("<ul><li>item</li></ul>"), []) is None
