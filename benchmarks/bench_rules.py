"""Rules at ingest: 1,000 new articles stored with 50 rules in force (issue 14).

Target: the rule pass (every rule on the 1,000 new articles, one transaction) under 0.5 s,
on a library that already holds --articles articles. Rules mix words, phrases, feed:, tag:,
negations and every action. Prints wall and CPU time of the store with and without rules.

    .venv/bin/python -m benchmarks.bench_rules [--articles 20000] [--rules 50] [--new 1000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from benchmarks.library_gen import generate, vocabulary
from tidings.storage import ArticleIn, Library

ACTIONS = ["hide", "read", "star", "tag:muted"]


def _rules(words: list[str], count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    shapes = [
        lambda: rng.choice(words),
        lambda: f'"{rng.choice(words)} {rng.choice(words)}"',
        lambda: f"{rng.choice(words)} -{rng.choice(words)}",
        lambda: f"feed:{rng.choice(words)} {rng.choice(words)}",
        lambda: f"tag:{rng.choice(words)} is:unread",
        lambda: f"{rng.choice(words)} @30d",
    ]
    return [(f"rule{n}", rng.choice(shapes)(), rng.choice(ACTIONS)) for n in range(count)]


def _articles(words: list[str], count: int, rng: random.Random, tag: str) -> list[ArticleIn]:
    return [
        ArticleIn(
            guid=f"{tag}-{n}",
            title=" ".join(rng.choices(words, k=8)).capitalize(),
            text=" ".join(rng.choices(words, k=300)),
            published=f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T08:00:00+00:00",
        )
        for n in range(count)
    ]


def _store(library: Library, feed_id: int, articles: list[ArticleIn]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    library.store_feed_fetch(feed_id, articles, status=200, etag=None, last_modified=None,
                             title=None, site_url=None, problem=None)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rules", type=int, default=50)
    parser.add_argument("--new", type=int, default=1_000)
    args = parser.parse_args()
    rng = random.Random(14)
    words = vocabulary()[200:4000]  # content words, not the commonest
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        generate(path, args.articles)
        library = Library.open(path)
        feed_id = library.add_feed("https://bench.example/feed.xml")

        base_wall, base_cpu = _store(library, feed_id, _articles(words, args.new, rng, "plain"))
        plain = [row.id for row in library.articles(feed_id=feed_id)]
        for name, query, action in _rules(words, args.rules, rng):
            library.add_rule(name, query, action)
        # the pass a store runs, on 1,000 articles no rule has seen: matching and acting
        started_wall, started_cpu = time.perf_counter(), time.process_time()
        matched = library.apply_rules(plain)
        pass_wall = time.perf_counter() - started_wall
        pass_cpu = time.process_time() - started_cpu
        wall, cpu = _store(library, feed_id, _articles(words, args.new, rng, "ruled"))
        library.close()
    print(f"library of {args.articles:,} articles, {args.new:,} new, {args.rules} rules")
    print(f"store without rules   wall {base_wall:6.3f} s  cpu {base_cpu:6.3f} s")
    print(f"store with rules      wall {wall:6.3f} s  cpu {cpu:6.3f} s")
    print(f"rule pass             wall {pass_wall:6.3f} s  cpu {pass_cpu:6.3f} s  "
          f"(target 0.5 s: {'ok' if pass_wall < 0.5 else 'MISSED'}); "
          f"{sum(matched.values()):,} matches")


if __name__ == "__main__":
    main()
