"""Highlights and notes on articles, anchored by quote so they survive changes to the text.

Nothing a user wrote is ever deleted by a change to the article: a highlight whose quote
is gone is marked orphaned (see `ArticleQueries._reanchor`).
"""

from __future__ import annotations

import re
from typing import Any

from tidings.storage import anchoring
from tidings.storage.base import LibraryBase, now
from tidings.storage.clean import clean_row
from tidings.storage.errors import LibraryError, NotFound
from tidings.storage.records import ANNOTATION_COLOURS, Annotation, from_row


def _check_colour(colour: str) -> None:
    """A highlight colour is a theme's name for one (the shipped themes have
    ANNOTATION_COLOURS; a user's theme may name others), never arbitrary text."""
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,30}", colour):
        raise LibraryError(
            f"no highlight colour {colour[:20]!r} (try {', '.join(ANNOTATION_COLOURS)})"
        )


class AnnotationQueries(LibraryBase):
    """Annotations, a base of `storage.Library`."""

    def article_text(self, article_id: int) -> str:
        """An article's body; NotFound if the library does not hold it."""
        row = self.db.execute("select text from articles where id = ?", [article_id]).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return str(row[0])

    def annotations(self, article_id: int) -> list[Annotation]:
        return [
            self._annotation(row)
            for row in self.query(
                "select * from annotations where article_id = ? order by start, id", [article_id]
            )
        ]

    @staticmethod
    def _annotation(row: dict[str, Any]) -> Annotation:
        return from_row(
            Annotation,
            row,
            prefix=row["prefix"] or "",
            suffix=row["suffix"] or "",
            note=row["note"] or "",
            colour=row["colour"] or "yellow",
        )

    def annotation(self, annotation_id: int) -> Annotation:
        rows = self.query("select * from annotations where id = ?", [annotation_id])
        if not rows:
            raise NotFound(f"no annotation with id {annotation_id}")
        return self._annotation(rows[0])

    def annotate(
        self, article_id: int, start: int, end: int, note: str = "", colour: str = "yellow"
    ) -> Annotation:
        """Highlight text[start:end] of an article, with an optional note."""
        _check_colour(colour)
        text = self.article_text(article_id)
        selector = anchoring.select(text, start, end)
        stamp = now()
        with self.write():
            annotation_id = int(
                self.table("annotations")
                .insert(
                    clean_row(
                        {
                            "article_id": article_id,
                            "quote": selector.quote,
                            "prefix": selector.prefix,
                            "suffix": selector.suffix,
                            "start": start,
                            "end": end,
                            "note": note,
                            "colour": colour,
                            "orphaned": 0,
                            "created": stamp,
                            "updated": stamp,
                        }
                    )
                )
                .last_pk
            )
        return self.annotation(annotation_id)

    def annotate_quote(
        self, article_id: int, quote: str, note: str = "", colour: str = "yellow"
    ) -> Annotation:
        """Highlight the first occurrence of quote in the article's body."""
        text = self.article_text(article_id)
        at = text.find(quote) if quote else -1
        if at == -1:
            raise NotFound(f"article {article_id} does not contain {quote!r}")
        return self.annotate(article_id, at, at + len(quote), note, colour)

    def update_annotation(
        self, annotation_id: int, *, note: str | None = None, colour: str | None = None
    ) -> Annotation:
        self.annotation(annotation_id)
        changes: dict[str, Any] = {"updated": now()}
        if note is not None:
            changes["note"] = note
        if colour is not None:
            _check_colour(colour)
            changes["colour"] = colour
        with self.write():
            self.table("annotations").update(annotation_id, clean_row(changes))
        return self.annotation(annotation_id)

    def delete_annotation(self, annotation_id: int) -> None:
        self.annotation(annotation_id)
        with self.write() as db:
            db.execute("delete from annotations where id = ?", [annotation_id])

