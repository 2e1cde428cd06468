"""Library queries only the reader needs (views, next unread, marking a whole view read).

They take a `Library` and use its `query`/`db`; they may move into storage later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

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
    unread: int | None = field(default=None, compare=False)  # shown by the view selector

    def filtered(self, text: str) -> View:
        return View(self.kind, self.key, self.name, text)


BUILT_IN_VIEWS = [
    View("all", name="All articles"),
    View("unread", name="Unread"),
    View("starred", name="Starred"),
    View("annotated", name="Annotated"),
]


def feed_and_tag_views(library: Library) -> list[View]:
    """Every view the selector offers, each with its unread count: the built-in ones, then
    each feed, then each tag (counts from an index: fast at a million articles)."""
    counts = library.unread_counts()
    by_feed, stories = counts["feeds"], counts["stories"]
    feeds = library.query("select id, title from feeds order by lower(title)")
    tags: dict[str, int] = {}
    for row in library.query("select feed_id, tag from feed_tags order by lower(tag)"):
        tags[row["tag"]] = tags.get(row["tag"], 0) + stories.get(row["feed_id"], 0)
    unread = sum(stories.values())
    built_in = dict(all=unread, unread=unread, starred=counts["starred"],
                    annotated=counts["annotated"])
    return (
        [replace(view, unread=built_in[view.kind]) for view in BUILT_IN_VIEWS]
        + [View("feed", str(row["id"]), f"Feed: {row['title']}", unread=by_feed.get(row["id"], 0))
           for row in feeds]
        + [View("tag", tag, f"Tag: {tag}", unread=count) for tag, count in tags.items()]
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


def entity_id(library: Library, name: str, label: str) -> int | None:
    rows = library.query("select id from entities where name = ? and label = ?", [name, label])
    return int(rows[0]["id"]) if rows else None

