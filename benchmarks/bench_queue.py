"""Time from storing an article to its highlights being in the library, with a busy queue.

Fills a library with N queued articles, starts the background Enricher (worker process,
low priority), then stores a new article, prioritises it as the app does when it is opened,
and measures until the enricher reports it done. Run by hand:

    .venv/bin/python benchmarks/bench_queue.py [--backlog 500] [--trials 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

from tidings.ingest.enricher import Enricher
from tidings.storage import ArticleIn, Library

PARAGRAPH = (
    "Delegations led by Foreign Minister Anna Lindqvist and her Danish counterpart Lars Holm "
    "met in Copenhagen on Tuesday and will meet again in Stockholm next week, officials said. "
    "The talks, which began in March, are expected to conclude by June 30."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backlog", type=int, default=500)
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        library = Library.open(path)
        feed = library.local_feed("Bench")
        library.store_articles(
            feed,
            [
                ArticleIn(guid=f"b{i}", title=f"Backlog {i}", text="\n\n".join([PARAGRAPH] * 6),
                          published="2025-03-01")
                for i in range(args.backlog)
            ],
        )
        done: dict[int, float] = {}
        arrived = threading.Condition()

        def on_done(article_id: int) -> None:
            with arrived:
                done[article_id] = time.perf_counter()
                arrived.notify_all()

        enricher = Enricher(path, on_done)
        started = time.perf_counter()
        enricher.start()
        with arrived:
            arrived.wait_for(lambda: len(done) >= 1, timeout=60)
        print(f"first article enriched after {time.perf_counter() - started:.2f} s (model load)")
        latencies = []
        for trial in range(args.trials):
            stored = time.perf_counter()
            article_id = library.store_article(
                feed,
                ArticleIn(guid=f"open{trial}", title=f"Opened {trial}",
                          text="\n\n".join([PARAGRAPH] * 6), published="2025-03-02"),
            ).id
            library.prioritise([article_id])
            enricher.wake()
            with arrived:
                arrived.wait_for(lambda: article_id in done, timeout=30)
            latencies.append(done[article_id] - stored)
            time.sleep(0.5)
        enricher.stop()
        print(
            f"stored -> highlighted for the opened article, backlog {args.backlog}: "
            f"median {statistics.median(latencies) * 1000:.0f} ms, "
            f"max {max(latencies) * 1000:.0f} ms over {args.trials} trials"
        )
        remaining = library.queue_size()
        print(f"backlog still queued: {remaining} (the opened articles jumped it)")


if __name__ == "__main__":
    main()
