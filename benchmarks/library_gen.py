"""A large synthetic library for benchmarks: articles, feeds, entities, mentions, timelines.

Deterministic (seeded). Rows go in by batches in one transaction and the full-text index is
built once at the end, so 100,000 articles take a minute or two. Words, names and dates
follow skewed (Zipf-like) distributions, as in real news: a few everywhere, most rare.

    .venv/bin/python -m benchmarks.library_gen OUT.db --articles 100000
"""

from __future__ import annotations

import argparse
import random
import time
from itertools import accumulate
from datetime import date, timedelta
from pathlib import Path

from tidings.storage import Library
from tidings.storage.migrations import recount_articles
from tidings.storage.rows import content_hash

LABELS = ["PERSON"] * 5 + ["ORG"] * 3 + ["GPE"] * 4 + ["NORP"]
SYLLABLES = "ka lo mi ren sa to vi na de ber lin ost har mon ta riz ul pe gor an".split()
VOCABULARY_SIZE = 20_000
BATCH = 5_000


def _name(rng: random.Random) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(rng.randint(1, 2))
    )


def vocabulary(seed: int = 7) -> list[str]:
    """The generator's words, most frequent first (rank r has weight 1/(r+1))."""
    rng = random.Random(seed)
    words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
             for _ in range(VOCABULARY_SIZE * 2)]
    return list(dict.fromkeys(words))[:VOCABULARY_SIZE]


def generate(path: Path, articles: int, seed: int = 7, feeds: int = 200) -> None:
    rng = random.Random(seed)
    words = vocabulary(seed)
    weights = list(accumulate(1 / (rank + 1) for rank in range(len(words))))
    first_label: dict[str, str] = {}  # a name has one type in a library (entities_name)
    for _ in range(24000):
        name, label = _name(rng), rng.choice(LABELS)
        first_label.setdefault(name, label)
    entities = list(first_label.items())[:20000]
    entity_weights = list(accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(entities))))
    library = Library.open(path)
    start = date(2024, 1, 1)
    db = library.db
    # The search index is built once at the end: its triggers are set aside meanwhile.
    triggers = [row[0] for row in db.execute(
        "select sql from sqlite_master where type = 'trigger' and tbl_name = 'articles'")]
    with library.write():
        for (name,) in db.execute(
            "select name from sqlite_master where type = 'trigger' and tbl_name = 'articles'"
        ).fetchall():
            db.execute(f"drop trigger [{name}]")
        db.conn.executemany(
            "insert into feeds (id, kind, url, title, created) values (?, 'feed', ?, ?, '2024-01-01')",
            [(i + 1, f"http://127.0.0.1/feed{i}.xml", f"Feed {i}") for i in range(feeds)],
        )
        db.conn.executemany(
            "insert into entities (id, name, label, article_count) values (?, ?, ?, 0)",
            [(i + 1, name, label) for i, (name, label) in enumerate(entities)],
        )
        for first in range(0, articles, BATCH):
            rows, mentions, timeline, enriched = [], [], [], []
            for n in range(first, min(first + BATCH, articles)):
                body = rng.choices(words, cum_weights=weights, k=150)
                title = " ".join(rng.choices(words, cum_weights=weights, k=8)).capitalize()
                text = "\n\n".join(" ".join(body[i : i + 30]) + "." for i in range(0, 150, 30))
                published = (start + timedelta(days=n * 700 // articles)).isoformat()
                article_id = n + 1
                rows.append((article_id, rng.randint(1, feeds), f"g{n}", title, text, published,
                             published, int(rng.random() < 0.6), content_hash(title, text)))
                chosen = set(rng.choices(range(len(entities)), cum_weights=entity_weights, k=8))
                mentions += [(article_id, e + 1, 31 * k, 31 * k + 5, entities[e][0])
                             for k, e in enumerate(chosen)]
                day = (start + timedelta(days=n * 700 // articles + rng.randint(-20, 20))).isoformat()
                timeline += [(article_id, "on Monday", s, s + 9, day, text[:30], 0, 30) for s in (0, 62)]
                enriched.append((article_id, published))
            db.conn.executemany(
                "insert into articles (id, feed_id, guid, title, text, published, fetched, read, "
                "content_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            db.conn.executemany(
                "insert into mentions (article_id, entity_id, field, start, end, text) "
                "values (?, ?, 'text', ?, ?, ?)", mentions)
            db.conn.executemany(
                "insert into timeline (article_id, expression, start, end, date, precision, "
                "sentence, sentence_start, sentence_end) values (?, ?, ?, ?, ?, 'day', ?, ?, ?)",
                timeline)
            db.conn.executemany(
                "insert into enrichments (article_id, version, backend, computed) "
                "values (?, 1, 'synthetic', ?)", enriched)
        db.execute(
            "update entities set article_count = (select count(distinct article_id) "
            "from mentions m where m.entity_id = entities.id)"
        )
        db.execute(  # the index as the triggers would have written it (it holds no content)
            "insert into articles_fts (rowid, title, text) "
            "select id, tidings_fold(title), tidings_fold(text) from articles"
        )
        for sql in triggers:
            db.execute(sql)
        recount_articles(db)  # its triggers were set aside too
    db.execute("analyze")
    library.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    started = time.perf_counter()
    generate(args.out, args.articles)
    print(f"generated {args.articles} articles in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
