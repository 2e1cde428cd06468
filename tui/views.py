"""Library queries only the reader needs (views, next unread, marking a whole view read).

They take a `Library` and use its `query`/`db`; they may move into storage later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tidings.storage import Library
from tidings.storage.base import now

CHUNK = 500


@dataclass(frozen=True)
class View:
    """What the list shows: a kind ('all', 'unread', 'starred', 'annotated', 'feed', 'tag',
    'entity') with its key (feed id, tag, entity id), optionally filtered by title text."""

    kind: str = "all"
    key: str = ""
    name: str = "All articles"
    text: str = ""

    def filtered(self, text: str) -> View:
        return View(self.kind, self.key, self.name, text)


BUILT_IN_VIEWS = [
    View("all", name="All articles"),
    View("unread", name="Unread"),
    View("starred", name="Starred"),
    View("annotated", name="Annotated"),
]


def feed_and_tag_views(library: Library) -> list[View]:
    """Every view the selector offers: the built-in ones, then each feed, then each tag."""
    feeds = library.query(
        "select f.id, f.title, count(a.id) as n, sum(a.read = 0) as unread from feeds f "
        "left join articles a on a.feed_id = f.id group by f.id order by lower(f.title)"
    )
    tags = library.query("select distinct tag from feed_tags order by lower(tag)")
    return (
        BUILT_IN_VIEWS
        + [View("feed", str(row["id"]), f"Feed: {row['title']}") for row in feeds]
        + [View("tag", row["tag"], f"Tag: {row['tag']}") for row in tags]
    )


def view_ids(library: Library, view: View, sort: str = "newest") -> list[int]:
    """The ids of the articles in a view, in list order (a search's text is not applied
    here: searches go through the search language, tui/search.py)."""
    key = view.key
    return library.article_ids(
        unread=view.kind == "unread",
        starred=view.kind == "starred",
        annotated=view.kind == "annotated",
        feed_id=int(key) if view.kind == "feed" else None,
        tag=key if view.kind == "tag" else None,
        entity_id=int(key) if view.kind == "entity" else None,
        oldest_first=sort == "oldest",
    )


def unread_among(library: Library, ids: Sequence[int]) -> set[int]:
    """Which of these ids are unread."""
    found: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = library.db.execute(
            f"select id from articles where read = 0 and id in ({marks})", chunk
        ).fetchall()
        found.update(row[0] for row in rows)
    return found


def next_unread(library: Library, ids: Sequence[int], index: int, step: int) -> int | None:
    """The index of the first unread article after (step 1) or before (step -1) index."""
    position = index + step
    while 0 <= position < len(ids):
        if step > 0:
            chunk = ids[position : position + CHUNK]
        else:
            chunk = list(reversed(ids[max(0, position - CHUNK + 1) : position + 1]))
        unread = unread_among(library, chunk)
        for offset, article_id in enumerate(chunk):
            if article_id in unread:
                return position + offset * step
        position += len(chunk) * step
    return None


def mark_read(library: Library, ids: Sequence[int]) -> None:
    """Mark many articles read in one transaction (a whole view at once)."""
    stamp = now()
    with library.write() as db:
        for start in range(0, len(ids), CHUNK):
            chunk = list(ids[start : start + CHUNK])
            marks = ",".join("?" * len(chunk))
            db.execute(
                f"update articles set read = 1, read_at = ? where read = 0 and id in ({marks})",
                [stamp, *chunk],
            )


def entity_id(library: Library, name: str) -> int | None:
    """The entity called name (one per name across the library)."""
    rows = library.query("select id from entities where name = ?", [name])
    return int(rows[0]["id"]) if rows else None

