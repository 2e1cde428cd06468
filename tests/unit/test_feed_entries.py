"""Feed parsing without the network: identity, dates, formats, XML safety, OPML, newsboat."""

from __future__ import annotations

import pytest

from tidings.ingest.feed_entries import FeedParseError, parse_date, parse_feed
from tidings.ingest.newsboat import read_urls
from tidings.ingest.opml import OpmlError, read_opml, write_opml
from tidings.ingest.xml_guard import UnsafeXML, check_xml


def _rss(items: str) -> bytes:
    return f"<rss version='2.0'><channel><title>T</title>{items}</channel></rss>".encode()


def test_identity_is_guid_then_link_then_a_hash_of_title_and_date() -> None:
    feed = parse_feed(
        _rss(
            "<item><guid>g-1</guid><link>https://x.example/1</link><title>A</title></item>"
            "<item><link>https://x.example/2</link><title>B</title></item>"
            "<item><title>C</title><pubDate>Wed, 26 Feb 2025 10:00:00 GMT</pubDate></item>"
            "<item><title>C</title><pubDate>Thu, 27 Feb 2025 10:00:00 GMT</pubDate></item>"
        ),
        "https://x.example/feed",
    )
    guids = [entry.article.guid for entry in feed.entries]
    assert guids[:2] == ["g-1", "https://x.example/2"]
    assert guids[2].startswith("sha256:") and guids[3].startswith("sha256:")
    assert guids[2] != guids[3]
    again = parse_feed(_rss("<item><title>C</title><pubDate>Wed, 26 Feb 2025 10:00:00 GMT"
                            "</pubDate></item>"), None)
    assert again.entries[0].article.guid == guids[2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Wed, 26 Feb 2025 10:00:00 +0300", "2025-02-26T07:00:00+00:00"),
        ("2025-02-26T10:00:00Z", "2025-02-26T10:00:00+00:00"),
        ("2025-02-26T10:00:00.52-05:00", "2025-02-26T15:00:00+00:00"),
        ("26 Feb 2025 10:00 GMT", "2025-02-26T10:00:00+00:00"),
        ("not a date", None),
        ("", None),
    ],
)
def test_dates_become_utc_iso(raw: str, expected: str | None) -> None:
    assert parse_date(raw) == expected


def test_atom_content_types_and_links() -> None:
    atom = b"""<feed xmlns='http://www.w3.org/2005/Atom' xml:base='https://a.example/blog/'>
      <title type='html'>&lt;b&gt;Blog&lt;/b&gt;</title>
      <entry><id>e1</id><title>One</title><link href='posts/1'/>
        <content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>First</p>
        <ul><li>item</li></ul><a href='x'>link</a></div></content></entry>
      <entry><id>e2</id><title>Two</title><link rel='self' href='/self'/>
        <link rel='alternate' href='https://a.example/2'/>
        <content type='text'>Plain &lt;not a tag&gt;</content></entry>
    </feed>"""
    feed = parse_feed(atom, "https://a.example/feed")
    assert feed.title == "Blog" and feed.version == "atom10"
    one, two = (entry.article for entry in feed.entries)
    assert one.url == "https://a.example/blog/posts/1"
    assert one.text == "First\n\n• item\n\nlink[1]"  # list items and numbered links kept
    assert one.links == ["https://a.example/blog/posts/x"]  # made absolute; no HTML kept
    assert one.html is None
    assert two.url == "https://a.example/2" and two.text == "Plain <not a tag>"


def test_a_short_summary_is_marked_for_the_page() -> None:
    feed = parse_feed(
        _rss("<item><guid>1</guid><link>https://x.example/1</link>"
             "<description>Teaser.</description></item>"
             "<item><guid>2</guid><description>Teaser.</description>"
             "<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
             "&lt;p&gt;Full text.&lt;/p&gt;</content:encoded></item>"),
        None,
    )
    assert [entry.summary_only for entry in feed.entries] == [True, False]
    assert feed.entries[1].article.text == "Full text."


def test_not_a_feed() -> None:
    with pytest.raises(FeedParseError, match="not a feed"):
        parse_feed(b"<html><body>Hello</body></html>", None)
    with pytest.raises(FeedParseError, match="empty"):
        parse_feed(b"  ", None)


@pytest.mark.parametrize(
    "prolog",
    [
        "<!DOCTYPE r [<!ENTITY a 'x'><!ENTITY b '&a;&a;'>]>",
        "<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>",
        "<!DOCTYPE r [<!ENTITY x PUBLIC 'p' 'http://evil.example/x'>]>",
        "<!DOCTYPE r [<!ENTITY % p SYSTEM 'http://evil.example/p.dtd'> %p;]>",
    ],
)
def test_dangerous_entity_declarations_are_refused(prolog: str) -> None:
    with pytest.raises(UnsafeXML):
        check_xml(f"<?xml version='1.0'?>{prolog}<r/>".encode())
    with pytest.raises(UnsafeXML):
        check_xml(f"<?xml version='1.0' encoding='utf-16'?>{prolog}<r/>".encode("utf-16"))


def test_plain_entities_and_doctypes_are_allowed() -> None:
    check_xml(b"<!DOCTYPE rss PUBLIC '-//Netscape//DTD RSS 0.91//EN' 'http://x/rss.dtd'><rss/>")
    check_xml(b"<!DOCTYPE r [<!ENTITY copy '&#169;'><!ENTITY me 'Me'>]><r/>")


def test_opml_folders_become_tags_and_back() -> None:
    feeds, warnings = read_opml(
        b"<opml version='2.0'><body><outline text='News'>"
        b"<outline text='A' xmlUrl='https://a.example/feed'/>"
        b"<outline text='Local'><outline text='B' xmlUrl='https://b.example/rss'/></outline>"
        b"</outline><outline text='C' xmlUrl='file:///etc/passwd'/></body></opml>"
    )
    assert [(f.url, f.title, f.tags) for f in feeds] == [
        ("https://a.example/feed", "A", ["News"]),
        ("https://b.example/rss", "B", ["News", "Local"]),
    ]
    assert len(warnings) == 1
    written = write_opml([{"title": f.title, "url": f.url, "tags": f.tags} for f in feeds])
    again, _ = read_opml(written.encode())
    assert {(f.url, tuple(sorted(f.tags))) for f in again} == {
        ("https://a.example/feed", ("News",)),
        ("https://b.example/rss", ("Local", "News")),
    }
    with pytest.raises(OpmlError):
        read_opml(b"<opml version='2.0'><head/></opml>")


def test_newsboat_urls_lines() -> None:
    feeds, warnings = read_urls(
        'https://a.example/feed tech "two words" ~"My Title" !hidden\n'
        "# comment\n\n"
        "query:Starred:flags # \"s\"\n"
        "https://b.example/rss\n"
        "gopher://old.example/\n"
    )
    assert [(f.url, f.tags, f.title) for f in feeds] == [
        ("https://a.example/feed", ["tech", "two words"], "My Title"),
        ("https://b.example/rss", [], None),
    ]
    assert len(warnings) == 2


def test_article_structure_survives_as_plain_text_with_numbered_links() -> None:
    """Issue 13 item 18: lists, headings, quotes, links and images as newsboat shows them."""
    from tidings.ingest.html import html_fragment, numbered_links

    paragraphs, cleaned = html_fragment(
        "<h2>Storm</h2><p>Schools <a href='/close'>close</a> at <b>noon</b>.</p>"
        "<ul><li>Buses stop</li><li>Ferries <a href='https://e.org/ferry'>wait</a></li></ul>"
        "<ol><li>First</li><li>Second</li></ol>"
        "<blockquote><p>Stay home.</p><p>Really.</p></blockquote>"
        "<img src='https://e.org/harbour.png' alt='The harbour at noon'>"
        "<p>Again <a href='/close'>the schools</a>; <a href='javascript:x()'>no</a>.</p>",
        "https://e.org/news/",
    )
    assert paragraphs == [
        "## Storm",
        "Schools close[1] at noon.",
        "• Buses stop",
        "• Ferries wait[2]",
        "1. First",
        "2. Second",
        "> Stay home.",
        "> Really.",
        "[image: The harbour at noon][3]",
        "Again the schools[1]; no.",
    ]
    assert numbered_links(cleaned) == [
        "https://e.org/close", "https://e.org/ferry", "https://e.org/harbour.png",
    ]
