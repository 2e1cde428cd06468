"""What the list shows: views (all, unread, starred, annotated, a feed, a tag, an entity),
their ids in list order, and the next unread article among them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from tidings.storage import Library

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
    depth: int = field(default=0, compare=False)  # a feed under its tag in the selector

    def filtered(self, text: str) -> View:
        return View(self.kind, self.key, self.name, text)


BUILT_IN_VIEWS = [
    View("all", name="All articles"),
    View("unread", name="Unread"),
    View("starred", name="Starred"),
    View("annotated", name="Annotated"),
    View("hidden", name="Hidden by rules"),
]


def natural_key(text: str) -> list[object]:
    """Sort key that orders numbers by value: "#27" before "#166", "Feed 2" before "Feed 10"."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text)]


def feed_and_tag_views(library: Library) -> list[View]:
    """Every view the selector offers, each with its unread count: the built-in ones, then
    each tag with its feeds under it (a tree, as newsboat's tag view), then the feeds no tag
    holds; names in natural order. Counts come from an index: fast at a million articles."""
    counts = library.unread_counts()
    built_in = {"all": counts["stories"], "unread": counts["stories"],
                "starred": counts["starred"], "annotated": counts["annotated"],
                "hidden": counts["hidden"]}
    feeds = sorted(library.feed_names(), key=lambda feed: natural_key(feed.title))

    def feed_view(feed, depth: int = 0) -> View:  # type: ignore[no-untyped-def]
        return View("feed", str(feed.id), f"Feed: {feed.title}",
                    unread=counts["feeds"].get(feed.id, 0), depth=depth)

    views = [replace(view, unread=built_in[view.kind]) for view in BUILT_IN_VIEWS]
    by_tag = library.feeds_by_tag()
    tagged: set[int] = set()
    for tag in sorted(by_tag, key=natural_key):
        views.append(View("tag", tag, f"Tag: {tag}", unread=counts["tags"].get(tag, 0)))
        members = set(by_tag[tag])
        views += [feed_view(feed, 1) for feed in feeds if feed.id in members]
        tagged |= members
    views += [feed_view(feed) for feed in feeds if feed.id not in tagged]
    return views


def view_ids(
    library: Library,
    view: View,
    sort: str = "newest",
    hide_read: bool = False,
    limit: int | None = None,
) -> list[int]:
    """The ids of the articles in a view, in list order (a search's text is not applied
    here: searches go through the search language, tui/search.py); `hide_read` leaves read
    articles out of any view."""
    key = view.key
    return library.article_ids(
        unread=view.kind == "unread" or hide_read,
        hidden=view.kind == "hidden",
        starred=view.kind == "starred",
        annotated=view.kind == "annotated",
        feed_id=int(key) if view.kind == "feed" else None,
        tag=key if view.kind == "tag" else None,
        entity_id=int(key) if view.kind == "entity" else None,
        oldest_first=sort == "oldest",
        limit=limit,
    )


def next_unread(library: Library, ids: Sequence[int], index: int, step: int) -> int | None:
    """The index of the first unread article after (step 1) or before (step -1) index."""
    position = index + step
    while 0 <= position < len(ids):
        if step > 0:
            chunk = ids[position : position + CHUNK]
        else:
            chunk = list(reversed(ids[max(0, position - CHUNK + 1) : position + 1]))
        unread = library.unread_among(chunk)
        for offset, article_id in enumerate(chunk):
            if article_id in unread:
                return position + offset * step
        position += len(chunk) * step
    return None
