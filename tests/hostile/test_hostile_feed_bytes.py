"""Feed bytes as hostile or unlucky servers send them (issue 12, item 15): an invalid byte in
a UTF-8 feed, a byte-order mark against the HTTP charset, a DOCTYPE after 70 KB of comments,
and a FIFO given as a file."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tidings.ingest.feed_entries import FeedParseError, parse_feed
from tests.hostile.test_hostile_cli import run

FEED = (
    "<?xml version='1.0' encoding='{enc}'?><rss version='2.0'><channel><title>Café news</title>"
    "<item><title>Un café à Ávila</title><guid>1</guid><description>Le café.</description>"
    "</item></channel></rss>"
)


def test_one_invalid_byte_keeps_a_utf8_feed_utf8() -> None:
    """"Á" is C3 81 in UTF-8; 0x81 is undefined in cp1252, so a decoder hunting for a
    charset that takes every byte lands on ISO-8859-2 ("cafĂŠ")."""
    data = FEED.format(enc="utf-8").encode("utf-8").replace(b"Le caf", b"Le \xff caf")
    parsed = parse_feed(data, "https://example.org/feed", "application/rss+xml; charset=utf-8")
    assert parsed.title == "Café news"
    assert parsed.entries[0].article.title == "Un café à Ávila"
    parsed = parse_feed(data, "https://example.org/feed", "application/rss+xml")
    assert parsed.entries[0].article.title == "Un café à Ávila"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_a_byte_order_mark_wins_over_the_http_charset(encoding: str) -> None:
    data = FEED.format(enc=encoding.removesuffix("-sig")).encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    parsed = parse_feed(data, "https://example.org/feed", "text/xml; charset=iso-8859-1")
    assert parsed.entries[0].article.title == "Un café à Ávila"


def test_a_doctype_after_70_kb_of_comments_is_still_refused() -> None:
    data = (
        "<?xml version='1.0'?>" + "<!-- " + "x" * 70_000 + " -->"
        + "<!DOCTYPE rss [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
        + "<rss version='2.0'><channel><title>&b;</title></channel></rss>"
    ).encode()
    with pytest.raises(FeedParseError, match="nested XML entities"):
        parse_feed(data, "https://example.org/feed", "application/rss+xml")


def test_import_opml_refuses_a_fifo_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "feeds.opml"
    os.mkfifo(fifo)
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(
        run(tmp_path / "lib.db", "import-opml", str(fifo))), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock the reader, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("import-opml blocked on a FIFO")
    assert result[0].exit_code == 1 and "not a regular file" in result[0].output  # type: ignore[attr-defined]
