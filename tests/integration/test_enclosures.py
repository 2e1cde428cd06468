"""Enclosures from RSS, Atom, Media RSS and JSON Feed on the loopback server, shown by
`show --json`; `tidings download`: resumable, size-capped, http(s) only, private files."""

from __future__ import annotations

import json
import os
import stat
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.integration.feedserver import FeedServer
from tests.support import run_tidings
from tidings.ingest.refresh import refresh
from tidings.storage import Library

RSS = """<?xml version='1.0'?>
<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel><title>Pod</title>
<item><guid>ep1</guid><title>Episode one</title><description>Talk.</description>
 <enclosure url='/media/ep1.mp3' type='audio/mpeg' length='1234'/>
 <enclosure url='file:///etc/passwd' type='text/plain' length='1'/>
</item>
<item><guid>ep2</guid><title>Episode two</title><description>Video.</description>
 <media:group>
  <media:content url='https://cdn.example/ep2.mp4' type='video/mp4' fileSize='99999999999999999999'/>
  <media:content url='https://cdn.example/ep2.webm' medium='video'/>
 </media:group>
</item>
</channel></rss>"""

ATOM = """<?xml version='1.0'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:media='http://search.yahoo.com/mrss/'>
<title>Casts</title><id>urn:casts</id><updated>2025-02-04T00:00:00Z</updated>
<entry><id>urn:a</id><title>Atom episode</title><updated>2025-02-04T00:00:00Z</updated>
 <link rel='alternate' href='https://casts.example/a'/>
 <link rel='enclosure' href='https://casts.example/a.ogg' type='audio/ogg' length='555'/>
 <media:content url='https://casts.example/a-thumb.jpg' type='image/jpeg'/>
 <summary>Listen.</summary></entry>
</feed>"""

JSON_FEED = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "Jsonpod",
    "items": [{"id": "j1", "title": "Json episode", "content_text": "Hear.",
               "attachments": [{"url": "https://j.example/j1.m4a", "mime_type": "audio/mp4",
                                "size_in_bytes": 42}]}],
})


def _show(db: Path, article_id: int) -> dict:
    result = run_tidings("show", str(article_id), "--json", db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


async def test_enclosures_from_rss_atom_media_rss_and_json_feed(
    feed_server: FeedServer, library_path: Path
) -> None:
    urls = [
        feed_server.add("/rss.xml", RSS),
        feed_server.add("/atom.xml", ATOM, "application/atom+xml"),
        feed_server.add("/feed.json", JSON_FEED, "application/feed+json"),
    ]
    library = Library.open(library_path)
    for url in urls:
        library.add_feed(url)
    library.close()
    summary = await refresh(library_path, fetch_pages=False)
    assert summary.articles_new == 4 and summary.feeds_failed == 0
    library = Library.open(library_path)
    by_title = {row.title: row.id for row in library.articles()}
    library.close()

    assert _show(library_path, by_title["Episode one"])["enclosures"] == [
        {"url": feed_server.url("/media/ep1.mp3"), "type": "audio/mpeg", "length": 1234},
    ]  # made absolute; the file: URL is not kept
    assert _show(library_path, by_title["Episode two"])["enclosures"] == [
        {"url": "https://cdn.example/ep2.mp4", "type": "video/mp4", "length": None},
        {"url": "https://cdn.example/ep2.webm", "type": "video/*", "length": None},
    ]
    assert _show(library_path, by_title["Atom episode"])["enclosures"] == [
        {"url": "https://casts.example/a.ogg", "type": "audio/ogg", "length": 555},
        {"url": "https://casts.example/a-thumb.jpg", "type": "image/jpeg", "length": None},
    ]
    assert _show(library_path, by_title["Json episode"])["enclosures"] == [
        {"url": "https://j.example/j1.m4a", "type": "audio/mp4", "length": 42},
    ]


def _serve_file(server: FeedServer, path: str, data: bytes, cut_at: int | None = None) -> None:
    """A file that honours Range; cut_at: the first full response stops after that many bytes."""
    cuts = [cut_at] if cut_at else []

    def handle(handler: BaseHTTPRequestHandler) -> None:
        wanted = handler.headers.get("Range", "")
        start = int(wanted[6:-1]) if wanted.startswith("bytes=") and wanted.endswith("-") else 0
        body = data[start:]
        handler.send_response(206 if start else 200)
        handler.send_header("Content-Type", "audio/mpeg")
        handler.send_header("Content-Length", str(len(body)))
        if start:
            handler.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        handler.end_headers()
        if cuts and not start:
            handler.wfile.write(body[: cuts.pop()])
            handler.wfile.flush()
            handler.close_connection = True
            handler.connection.shutdown(2)
            return
        handler.wfile.write(body)

    server.handlers[path] = handle


def _article_with(library_path: Path, *enclosure_urls: str) -> int:
    from tidings.storage import ArticleIn

    library = Library.open(library_path)
    try:
        feed = library.local_feed("Pods")
        article = ArticleIn(guid="x", title="Pod", text="t",
                            enclosures=[(url, "audio/mpeg", None) for url in enclosure_urls])
        return library.store_article(feed, article).id
    finally:
        library.close()


def test_download_resumes_caps_and_writes_privately(
    feed_server: FeedServer, library_path: Path, tmp_path: Path
) -> None:
    data = os.urandom(300_000)
    _serve_file(feed_server, "/ep.mp3", data, cut_at=100_000)
    _serve_file(feed_server, "/big.mp3", os.urandom(3 * 2**20))
    feed_server.redirect("/sneaky.mp3", "file:///etc/passwd")
    article = _article_with(library_path, feed_server.url("/ep.mp3"), feed_server.url("/big.mp3"),
                            feed_server.url("/sneaky.mp3"))
    folder = tmp_path / "downloads"

    first = run_tidings("download", str(article), "--dir", str(folder), db=library_path)
    assert first.returncode == 1 and "resume" in first.stderr and "Traceback" not in first.stderr
    part = folder / "ep.mp3.part"
    kept = part.stat().st_size  # what arrived before the cut (whole chunks)
    assert 0 < kept <= 100_000 and not (folder / "ep.mp3").exists()

    second = run_tidings("download", str(article), "--dir", str(folder), db=library_path)
    assert second.returncode == 0, second.stderr
    assert f"resumed at {kept} bytes" in second.stdout
    saved = folder / "ep.mp3"
    assert saved.read_bytes() == data and not part.exists()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert feed_server.requests_to("/ep.mp3")[-1].headers["range"] == f"bytes={kept}-"

    again = run_tidings("download", str(article), "--dir", str(folder), db=library_path)
    assert again.returncode == 0 and (folder / "ep (2).mp3").read_bytes() == data

    capped = run_tidings("download", str(article), "--enclosure", "2", "--dir", str(folder),
                         "--max-mb", "1", db=library_path)
    assert capped.returncode == 1 and "larger than the limit of 1 MB" in capped.stderr
    assert not list(folder.glob("big*"))

    refused = run_tidings("download", str(article), "--enclosure", "3", "--dir", str(folder),
                          db=library_path)
    assert refused.returncode == 1 and "non-http(s)" in refused.stderr
    for args, code in ((["4"], 1), (["--enclosure", "9"], 1), (["abc"], 2)):
        bad = run_tidings("download", *( [str(article)] + args if args[0].startswith("--")
                                         else args), db=library_path)
        assert bad.returncode == code and "Traceback" not in bad.stderr, (args, bad.stderr)
