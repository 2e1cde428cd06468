"""Near-duplicate articles: the same story from several feeds, or one article under two URLs.

Duplicates form a group named by its first article (the lowest id): the others point at it
with `dup_of`. Cross-feed views show the group once; marking it read marks every copy.
Two articles are one when their normalised URLs match, or when their text fingerprints
(enrich.fingerprint, stored in four 16-bit bands so candidates come from an index) differ
in at most MAX_DISTANCE bits.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tidings.storage.base import LibraryBase

MAX_DISTANCE = 3  # of 64 bits; four bands guarantee every such pair shares a band
_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "ref", "cmpid", "ocid")


def url_key(url: str | None) -> str | None:
    """The URL without scheme, www., fragment, tracking parameters or trailing slash."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # hostile URLs: "http://[bad"
        return None
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING))
    )
    return urlunsplit(("", host, parts.path.rstrip("/") or "/", query, "")).lstrip("/")


def _bands(fingerprint: int) -> list[int]:
    unsigned = fingerprint & (1 << 64) - 1
    return [(unsigned >> (16 * i)) & 0xFFFF for i in range(4)]


def _distance(a: int, b: int) -> int:
    return bin((a ^ b) & (1 << 64) - 1).count("1")


class DuplicateQueries(LibraryBase):
    """Duplicate groups, mixed into `storage.Library`. Call inside a write transaction."""

    def _join_by_url(self, article_id: int, key: str | None) -> None:
        if key is None:
            return
        others = {
            row[0]
            for row in self.db.execute(
                "select id from articles where url_key = ? and id != ?", [key, article_id]
            ).fetchall()
        }
        self._merge(article_id, others)

    def _record_fingerprint(self, article_id: int, fingerprint: int | None) -> None:
        self.db.execute("delete from fingerprints where article_id = ?", [article_id])
        if fingerprint is None:
            return
        bands = _bands(fingerprint)
        self.db.execute(
            "insert into fingerprints (article_id, hash, b0, b1, b2, b3) values (?, ?, ?, ?, ?, ?)",
            [article_id, fingerprint, *bands],
        )
        candidates = self.db.execute(
            "select article_id, hash from fingerprints where article_id != ? and "
            "(b0 = ? or b1 = ? or b2 = ? or b3 = ?)",
            [article_id, *bands],
        ).fetchall()
        self._merge(
            article_id,
            {other for other, value in candidates if _distance(value, fingerprint) <= MAX_DISTANCE},
        )

    def _merge(self, article_id: int, others: set[int]) -> None:
        """Put the article and the groups of others into one group led by the lowest id."""
        if not others:
            return
        members = self._group({article_id, *others})
        leader = min(members)
        marks = ",".join("?" * len(members))
        self.db.execute(
            f"update articles set dup_of = case when id = ? then null else ? end "
            f"where id in ({marks})",
            [leader, leader, *members],
        )

    def _group(self, ids: Iterable[int]) -> set[int]:
        """The ids with every member of their groups."""
        ids = list(ids)
        marks = ",".join("?" * len(ids))
        leaders = {
            row[0]
            for row in self.db.execute(
                f"select coalesce(dup_of, id) from articles where id in ({marks})", ids
            ).fetchall()
        }
        if not leaders:
            return set(ids)
        marks = ",".join("?" * len(leaders))
        members = self.db.execute(
            f"select id from articles where id in ({marks}) or dup_of in ({marks})",
            [*leaders, *leaders],
        ).fetchall()
        return {row[0] for row in members} | set(ids)

    def duplicates(self, article_id: int) -> list[int]:
        """The other articles in this article's group, oldest first."""
        return sorted(self._group([article_id]) - {article_id})
