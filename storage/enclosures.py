"""Enclosures: the files an article carries (podcast episodes, videos), kept in feed order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.storage.clean import strip_controls
from tidings.storage.records import Enclosure

if TYPE_CHECKING:
    from sqlite_utils import Database


class EnclosureQueries:
    """Mixed into `storage.Library` (which provides `db`)."""

    db: Database

    def enclosures(self, article_id: int) -> list[Enclosure]:
        rows = self.db.execute(
            "select url, type, length from enclosures where article_id = ? order by position",
            [article_id],
        ).fetchall()
        return [Enclosure(url, kind, length) for url, kind, length in rows]

    def _replace_enclosures(
        self, article_id: int, enclosures: list[tuple[str, str | None, int | None]],
        new: bool = False,
    ) -> None:
        """Store an article's enclosures (in the caller's transaction); `new`: none yet."""
        if not new:
            self.db.execute("delete from enclosures where article_id = ?", [article_id])
        if enclosures:
            self.db.conn.executemany(
                "insert into enclosures (article_id, position, url, type, length) "
                "values (?, ?, ?, ?, ?)",
                [
                    (article_id, i, strip_controls(url), kind and strip_controls(kind), length)
                    for i, (url, kind, length) in enumerate(enclosures)
                ],
            )
