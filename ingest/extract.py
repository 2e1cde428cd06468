"""Main-text extraction from a whole web page (article pages, imported .html files)."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.html import html_title, html_to_paragraphs


@dataclass
class Extracted:
    title: str | None
    paragraphs: list[str]
    published: str | None = None
    author: str | None = None


def extract_article(html: str, url: str | None = None) -> Extracted:
    """The article in a page: trafilatura's main text, or every paragraph if it finds none."""
    import trafilatura  # slow to import: only when a page is extracted

    text = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=False, favor_precision=True
    )
    meta = trafilatura.extract_metadata(html, default_url=url)
    paragraphs = [line.strip() for line in (text or "").split("\n") if line.strip()]
    if not paragraphs:
        paragraphs = html_to_paragraphs(html)
    title = (meta.title if meta else None) or html_title(html)
    return Extracted(
        title=title,
        paragraphs=paragraphs,
        published=meta.date if meta else None,
        author=meta.author if meta else None,
    )
