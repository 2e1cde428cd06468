"""Importing articles from local files (.txt, .md, .html) into the library."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from tidings.ingest.dates import normalise_published
from tidings.ingest.extract import extract_article
from tidings.ingest.text_articles import ParsedText, parse_markdown, parse_text
from tidings.storage import ArticleIn, Library, StoreResult
from tidings.storage.clean import strip_controls

SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}
MAX_FILE_BYTES = 20 * 1024 * 1024


class ImportError_(ValueError):
    """A file that cannot be imported; the message names the file and why."""


@dataclass(frozen=True)
class Imported:
    path: Path
    result: StoreResult
    title: str


def read_text_file(path: Path) -> str:
    """The file's text, or ImportError_ for missing, unreadable, binary or huge files."""
    if not path.exists():
        raise ImportError_(f"{path}: no such file")
    if path.is_dir():
        raise ImportError_(f"{path}: is a directory")
    if not path.is_file():  # a FIFO or a device would be read forever
        raise ImportError_(f"{path}: not a regular file")
    if path.suffix.lower() not in SUFFIXES:
        raise ImportError_(f"{path}: unsupported file type (use .txt, .md or .html)")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportError_(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as error:
        raise ImportError_(f"{path}: cannot read ({error.strerror})") from None
    if b"\x00" in data:
        raise ImportError_(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if path.suffix.lower() in {".html", ".htm"}:
            return data.decode("cp1252", errors="replace")
        raise ImportError_(f"{path}: not UTF-8 text") from None


def parse_file(path: Path, raw: str) -> ParsedText:
    suffix = path.suffix.lower()
    if suffix in {".md", ".markdown"}:
        return parse_markdown(raw)
    if suffix in {".html", ".htm"}:
        page = extract_article(raw)
        parsed = ParsedText(title=page.title or path.stem, paragraphs=page.paragraphs)
        if page.published:
            parsed.meta["published"] = page.published
        if page.author:
            parsed.meta["author"] = page.author
        return parsed
    return parse_text(raw)


def import_file(
    library: Library,
    path: Path,
    *,
    published: str | None = None,
    url: str | None = None,
    feed: str | None = None,
) -> Imported:
    """Store one file as an article; importing the same content again changes nothing."""
    raw = strip_controls(read_text_file(path))
    try:
        parsed = parse_file(path, raw)
    except ValueError as error:
        raise ImportError_(f"{path}: {error}") from None
    if not parsed.paragraphs:
        raise ImportError_(f"{path}: no article text found")
    meta = parsed.meta
    published = published or meta.get("published") or meta.get("date")
    if published:
        try:
            published = normalise_published(published)
        except ValueError as error:
            raise ImportError_(f"{path}: {error}") from None
    url = url or meta.get("url")
    identity = url or "sha256:" + hashlib.sha256(
        f"{parsed.title}\n{parsed.text}".encode()
    ).hexdigest()
    feed_id = library.local_feed(feed or meta.get("feed") or "Local")
    article = ArticleIn(
        guid=identity,
        title=parsed.title,
        text=parsed.text,
        url=url,
        author=meta.get("author"),
        published=published,
        related=parsed.related,
    )
    return Imported(path, library.store_article(feed_id, article), parsed.title)
