"""An article as a row of the articles table: cleaned, hashed and keyed for duplicates."""

from __future__ import annotations

import hashlib
from typing import Any

from tidings.storage.clean import (
    MAX_NAME_CHARS,
    MAX_TITLE_CHARS,
    clean_row,
    one_line,
    one_line_url,
)
from tidings.storage.duplicates import url_key
from tidings.storage.records import ArticleIn, PreparedArticle


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\x00{text}".encode()).hexdigest()[:32]


def prepare_article(article: ArticleIn | PreparedArticle) -> PreparedArticle:
    """The article with its row made (pure CPU: a refresh runs it in its parse processes)."""
    if isinstance(article, PreparedArticle):
        return article
    row = clean_row(
        {
            "guid": article.guid,
            "title": article.title,
            "url": article.url,
            "author": article.author,
            "published": article.published,
            "text": article.text,
            # The words are stored once: the source's HTML only when its links were not given
            # (it doubled a refreshed library), a summary only when it is not the text itself.
            "html": None if article.links else article.html,
            "links": "\n".join(article.links) or None,
            "summary": article.summary if article.summary != article.text else None,
        }
    )
    row["title"] = one_line(row["title"], MAX_TITLE_CHARS)
    row["url"] = one_line_url(row["url"])
    row["author"] = one_line(row["author"], MAX_NAME_CHARS) or None if row["author"] else None
    row["content_hash"] = content_hash(row["title"], row["text"])
    row["url_key"] = url_key(row["url"])
    return PreparedArticle(article, row)


def article_row(feed_id: int, article: ArticleIn | PreparedArticle) -> dict[str, Any]:
    """The columns an article's row takes from the article itself (not fetched/updated)."""
    return {"feed_id": feed_id, **prepare_article(article).row}
