"""Refresh benchmark: Tidings side by side with newsboat on ../shared/bench's feeds and server.

Run by hand (it takes minutes): `.venv/bin/python benchmarks/bench_refresh.py` runs the shared
harness twice, first for newsboat (`apt-get install newsboat time tmux`), then for Tidings, and
prints both side by side. Same feeds, same server, same 50 ms latency, one after the other.

The harness calls this file again as the reader's refresh command with `--db` and `--opml`:
it subscribes to the OPML's feeds (already subscribed ones are skipped) and refreshes them in
one process, so each pass costs one interpreter start, as newsboat's does.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HARNESS = REPO.parent / "shared" / "bench"


def refresh_pass(db: Path, opml: Path, concurrency: int) -> None:
    """One pass, as the harness times it: subscribe to the OPML's feeds, refresh them all."""
    from tidings.ingest.opml import read_opml
    from tidings.ingest.refresh import refresh_sync
    from tidings.storage import Library
    from tidings.storage.feeds import FeedExists

    library = Library.open(db)
    feeds, _warnings = read_opml(opml.read_bytes())
    known = {row["url"] for row in library.feeds_overview()}
    for feed in feeds:
        if feed.url not in known:
            try:
                library.add_feed(feed.url, title=feed.title, tags=feed.tags)
            except FeedExists:
                pass
    library.close()
    summary = refresh_sync(db, concurrency=concurrency, per_host=concurrency)
    print(summary.line())


def run_harness(sizes: str, runs: int, concurrency: int) -> None:
    env = {**os.environ, "SIZES": sizes, "THREADS": "8", "RUNS": str(runs), "PASSES": "3",
           "TUI_RUNS": "0"}
    subprocess.run([str(HARNESS / "bench_newsboat.sh")], env=env, check=True)
    command = f"{sys.executable} {Path(__file__).resolve()} --db {{db}} --opml {{opml}} " \
              f"--concurrency {concurrency}"
    tidings = {**env, "READER": "tidings", "READER_CMD": command, "READER_TUI_CMD": "",
               "READER_ROWS_SQL": "select count(*) from articles",
               "READER_DB_NAME": "tidings.db", "READER_CONFIG": ""}
    subprocess.run([str(HARNESS / "bench_newsboat.sh")], env=tidings, check=True)
    subprocess.run([sys.executable, str(HARNESS / "bench.py"), "--report"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="(harness) the library to refresh")
    parser.add_argument("--opml", type=Path, help="(harness) the subscriptions")
    parser.add_argument("--concurrency", type=int, default=32,
                        help="feeds fetched at once; also the per-host limit, since the "
                             "benchmark serves every feed from one host (default 32)")
    parser.add_argument("--sizes", default="1000x20@8", help="the harness's SIZES")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if args.db and args.opml:
        refresh_pass(args.db, args.opml, args.concurrency)
    else:
        run_harness(args.sizes, args.runs, args.concurrency)


if __name__ == "__main__":
    main()
