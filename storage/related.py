"""Related stories: other articles about the same people, places and words.

Two signals, each 0..1, mixed: the entities two articles share, each weighted by its
rarity (inverse document frequency: two stories naming a minor official are closer than two
naming "US"), and how much their titles share in words. Candidates come from the rare
entities (index lookups, the newest PER_ENTITY articles of each); only an article with too few
of them (not analysed yet, or naming no one) looks in the full-text index for titles that share
its words among the articles stored near it (see `_by_title_search`).
The article's own related links count first when the library holds them.
"""

from __future__ import annotations

import math
import re
from typing import Any

from tidings.storage.base import LibraryBase
from tidings.storage.enrichment import period_start
from tidings.storage.records import Related

ENTITY_WEIGHT = 0.7
TEXT_WEIGHT = 0.3
RAREST = 8  # entities of the article used to find candidates
PER_ENTITY = 1000  # newest articles mentioning each of them that are candidates
SHORTLIST = 100  # best candidates by entities whose titles are then compared
TOO_COMMON = 0.02  # entities in more than this share of a large library say little
ALWAYS_USEFUL = 20  # ...but an entity in this few articles is always worth following
TITLE_WINDOW = 10_000  # articles stored before and after one whose titles are searched
NEAREST = 100  # ...of which the nearest on each side that share a title word are compared
_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
_STOP = {
    "that", "this", "with", "from", "have", "will", "were", "what", "when", "where", "which",
    "their", "there", "they", "after", "about", "says", "said", "over", "into", "more", "than",
    "been", "would", "could", "amid", "against", "before", "while", "your", "also",
}


class RelatedQueries(LibraryBase):
    """Related articles and story timelines, mixed into `storage.Library`."""

    def related(self, article_id: int, limit: int = 8) -> list[Related]:
        """The closest other articles, best first."""
        scores: dict[int, float] = {}
        shared: dict[int, list[str]] = {}
        for other, (score, names) in self._by_entities(article_id).items():
            scores[other] = ENTITY_WEIGHT * score
            shared[other] = names
        words = self._title_words(article_id)
        if len(scores) < limit:
            for other, score in self._by_title_search(article_id, words).items():
                scores[other] = scores.get(other, 0.0) + TEXT_WEIGHT * score
        else:
            shortlist = sorted(scores, key=lambda other: -scores[other])[:SHORTLIST]
            for other, score in self._title_overlap(words, shortlist).items():
                scores[other] += TEXT_WEIGHT * score
        linked = self._linked(article_id)
        for other in linked:
            scores[other] = scores.get(other, 0.0) + 1.0
        scores.pop(article_id, None)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], -item[0]))[:limit]
        return [
            Related(other, score, shared.get(other, []), other in linked)
            for other, score in ranked
        ]

    def _by_entities(self, article_id: int) -> dict[int, tuple[float, list[str]]]:
        # The library's size from `article_counts` (counting a million rows took 0.1 s).
        total = max(1, int(self.db.execute(
            "select total(articles) from article_counts").fetchone()[0]))
        mine = self.query(
            "select e.id, e.name, e.article_count from entities e where e.id in "
            "(select entity_id from mentions where article_id = ?) and e.article_count > 1",
            [article_id],
        )
        weights = {
            row["id"]: (math.log(total / row["article_count"]), row["name"])
            for row in mine
            if row["article_count"] <= max(ALWAYS_USEFUL, TOO_COMMON * total)
        }
        rarest = sorted(weights, key=lambda e: -weights[e][0])[:RAREST]
        if not rarest:
            return {}
        # Each entity's newest PER_ENTITY articles (an index range each): an entity in 20,000
        # articles of a big library would otherwise bring them all in, on every article opened.
        pairs: set[tuple[int, int]] = set()
        for entity_id in rarest:
            pairs.update(self.db.execute(
                "select entity_id, article_id from mentions where entity_id = ? "
                "and article_id != ? order by article_id desc limit ?",
                [entity_id, article_id, PER_ENTITY],
            ).fetchall())
        found: dict[int, tuple[float, list[str]]] = {}
        for entity_id, other in sorted(pairs):
            weight, name = weights[entity_id]
            score, names = found.get(other, (0.0, []))
            found[other] = (score + weight, names + [name])
        best = max((score for score, _ in found.values()), default=1.0) or 1.0
        return {
            other: (score / best, sorted(names, key=lambda n: -_weight_of(weights, n)))
            for other, (score, names) in found.items()
        }

    def _title_words(self, article_id: int) -> set[str]:
        row = self.db.execute("select title from articles where id = ?", [article_id]).fetchone()
        return _words(row[0]) if row else set()

    def _title_overlap(self, words: set[str], candidates: list[int]) -> dict[int, float]:
        """Share of title words in common (Jaccard) with each candidate."""
        if not words or not candidates:
            return {}
        marks = ",".join("?" * len(candidates))
        rows = self.db.execute(
            f"select id, title from articles where id in ({marks})", candidates
        ).fetchall()
        overlap = {}
        for other, title in rows:
            theirs = _words(title)
            overlap[other] = len(words & theirs) / len(words | theirs) if theirs else 0.0
        return overlap

    def _by_title_search(self, article_id: int, words: set[str], found: int = 30) -> dict[int, float]:
        """Articles stored near this one whose titles share the most words with its own
        (Jaccard, then nearness), scaled to 0..1.

        Candidates are the NEAREST before and after it within TITLE_WINDOW whose titles hold
        one of its words, read in rowid order from the full-text index. Ordering all matches
        by bm25 instead cost 0.8-2 s an article at a million (bm25 weighs each word by a pass
        over its whole posting list), and a story's relatives are near it in time.
        """
        if not words:
            return {}
        match = "title : (" + " OR ".join('"' + w.replace('"', '""') + '"' for w in sorted(words)) + ")"
        candidates: list[int] = []
        for low, high, order in ((article_id - TITLE_WINDOW, article_id - 1, "desc"),
                                 (article_id + 1, article_id + TITLE_WINDOW, "asc")):
            candidates += [row[0] for row in self.db.execute(
                "select rowid from articles_fts where articles_fts match ? "
                f"and rowid between ? and ? order by rowid {order} limit ?",
                [match, low, high, NEAREST],
            ).fetchall()]
        overlap = {other: score for other, score in self._title_overlap(words, candidates).items()
                   if score > 0}
        best = sorted(overlap, key=lambda other: (-overlap[other], abs(other - article_id)))[:found]
        top = max((overlap[other] for other in best), default=1.0)
        return {other: overlap[other] / top for other in best}

    def _linked(self, article_id: int) -> set[int]:
        """Articles in the library that this one lists among its related links."""
        rows = self.db.execute(
            "select a.id from related_links r join articles a on a.url = r.url "
            "where r.article_id = ? and r.url is not null "
            "union select a.id from related_links r join articles a on a.title = r.title "
            "where r.article_id = ?",
            [article_id, article_id],
        ).fetchall()
        return {row[0] for row in rows}

    def story_timeline(self, article_id: int, related: int = 3) -> list[dict[str, Any]]:
        """The article's timeline merged with its closest related articles', by date; each
        item names its source article."""
        sources = [article_id] + [r.article_id for r in self.related(article_id, limit=related)]
        marks = ",".join("?" * len(sources))
        rows = self.query(
            "select t.article_id, a.title, t.expression, t.date, t.precision, t.sentence, "
            "t.start, t.end, t.sentence_start, t.sentence_end from timeline t "
            f"join articles a on a.id = t.article_id where t.article_id in ({marks})",
            sources,
        )
        return sorted(
            rows, key=lambda r: (period_start(r["date"]), sources.index(r["article_id"]), r["start"])
        )


def _words(title: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(title) if w.lower() not in _STOP}


def _weight_of(weights: dict[int, tuple[float, str]], name: str) -> float:
    return next((w for w, n in weights.values() if n == name), 0.0)
