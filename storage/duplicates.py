"""Near-duplicate articles: the same story from several feeds, or one article under two URLs.

Duplicates form a group led by one article (its representative): the others point at it with
`dup_of`. Cross-feed views show the group once; marking it read marks every copy, so a copy
needs evidence of being the same story, checked against the representative itself, never
through another copy (groups do not chain: templated stories "A defends X in Hanoi", "B
defends Y in Lagos" would otherwise gather hundreds of unrelated articles). The evidence is
the same normalised URL as the representative, or text fingerprints (enrich.fingerprint, in
four 16-bit bands so candidates come from an index) at most MAX_DISTANCE bits apart together
with titles that share most of their words. Groups are never merged with each other.
"""

from __future__ import annotations

import re
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


_TITLE_WORD = re.compile(r"\w+")
_STOP = frozenset(
    "a an and are as at be by for from has have in into is it its new of on or over says "
    "than that the this to up was were will with after before about".split()
)
MIN_TITLE_OVERLAP = 0.5  # of the shorter title's words


def _title_words(title: str | None) -> set[str]:
    return {w for w in _TITLE_WORD.findall((title or "").lower()) if w not in _STOP}


def titles_close(a: str | None, b: str | None) -> bool:
    """True when the titles share at least half the words of the shorter one (stop words
    aside); a missing title says nothing against."""
    words_a, words_b = _title_words(a), _title_words(b)
    if not words_a or not words_b:
        return True
    return len(words_a & words_b) >= MIN_TITLE_OVERLAP * min(len(words_a), len(words_b))


class DuplicateQueries(LibraryBase):
    """Duplicate groups, mixed into `storage.Library`. Call inside a write transaction."""

    def _join_by_url(self, article_id: int, key: str | None) -> None:
        """A new article joins the group of a representative with the same normalised URL."""
        if key is None:
            return
        leaders = self.db.execute(
            "select distinct coalesce(a.dup_of, a.id) from articles a where a.url_key = ? "
            "and a.id != ?",
            [key, article_id],
        ).fetchall()
        same = [
            leader
            for (leader,) in leaders
            if leader != article_id
            and self.db.execute(
                "select 1 from articles where id = ? and url_key = ?", [leader, key]
            ).fetchone()
        ]
        if same:
            self._join(article_id, min(same))

    def _record_fingerprint(self, article_id: int, fingerprint: int | None) -> None:
        self.db.execute("delete from fingerprints where article_id = ?", [article_id])
        if fingerprint is None:
            return
        bands = _bands(fingerprint)
        self.db.execute(
            "insert into fingerprints (article_id, hash, b0, b1, b2, b3) values (?, ?, ?, ?, ?, ?)",
            [article_id, fingerprint, *bands],
        )
        own = self.db.execute(
            "select dup_of, title, exists (select 1 from articles d where d.dup_of = a.id) "
            "from articles a where id = ?",
            [article_id],
        ).fetchone()
        if own is None or own[0] is not None or own[2]:
            return  # already in a group (by URL): groups are never merged
        candidates = self.db.execute(
            "select f.article_id, f.hash, a.title from fingerprints f "
            "join articles a on a.id = f.article_id where f.article_id != ? and a.dup_of is null "
            "and (f.b0 = ? or f.b1 = ? or f.b2 = ? or f.b3 = ?)",
            [article_id, *bands],
        ).fetchall()
        leaders = [
            other
            for other, value, title in candidates
            if _distance(value, fingerprint) <= MAX_DISTANCE and titles_close(own[1], title)
        ]
        if leaders:
            self._join(article_id, min(leaders))

    def _join(self, article_id: int, leader: int) -> None:
        """Put a lone article in leader's group; two lone articles are led by the older."""
        alone = not self.db.execute(
            "select 1 from articles where dup_of = ? limit 1", [leader]
        ).fetchone()
        if alone and article_id < leader:
            article_id, leader = leader, article_id
        self.db.execute("update articles set dup_of = ? where id = ?", [leader, article_id])

    def _group(self, ids: Iterable[int]) -> set[int]:
        """The ids with every member of their groups."""
        ids = list(ids)
        leaders = self.ids_in_chunks("select coalesce(dup_of, id) from articles where id in ({})", ids)
        members = self.ids_in_chunks(
            "select id from articles where id in ({0}) or dup_of in ({0})", sorted(leaders)
        )
        return members | set(ids)

    def duplicates(self, article_id: int) -> list[int]:
        """The other articles in this article's group, oldest first."""
        return sorted(self._group([article_id]) - {article_id})

    def regroup_duplicates(self) -> int:
        """Rebuild every group from its evidence (libraries grouped by the old, chaining rule);
        returns how many articles are copies afterwards."""
        self.db.execute("update articles set dup_of = null where dup_of is not null")
        rows = self.db.execute(
            "select a.id, a.url_key, f.hash from articles a "
            "left join fingerprints f on f.article_id = a.id order by a.id"
        ).fetchall()
        for article_id, key, fingerprint in rows:
            self._join_by_url(article_id, key)
            if fingerprint is not None:
                self._record_fingerprint(article_id, fingerprint)
        return int(
            self.db.execute("select count(*) from articles where dup_of is not null").fetchone()[0]
        )
