"""Sync benchmark against a real Tiny Tiny RSS (as root, with tt-rss installed: `make ttrss`).

Run by hand: `.venv/bin/python benchmarks/bench_sync.py [--articles 1000]`. It starts a tt-rss
on 127.0.0.1 (tests/services/ttrss), lets it fetch one feed of N articles from a loopback feed
server, then measures, in this process:

1. the first sync of the N articles (target: under 20 s for 1,000);
2. a sync with nothing new (target: under 1 s plus one round trip per page);
3. pushing N read marks (target: a few requests, the ids batched).

Each prints wall time, this process's CPU time and the HTTP requests sent. The servers run
in other processes, so their CPU is not in the CPU figure.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.integration.feedserver import FeedServer  # noqa: E402
from tests.integration.ttrss_server import PASSWORD, USER, TtRss, unavailable  # noqa: E402
from tidings.ingest.sync.base import make_client  # noqa: E402
from tidings.ingest.sync.engine import sync_accounts  # noqa: E402
from tidings.storage import Library  # noqa: E402


def feed(server: FeedServer, n: int) -> str:
    items = "".join(
        f"<item><title>Story {i}</title><link>{server.base}/s/{i}.html</link>"
        f"<guid isPermaLink='false'>story-{i}</guid>"
        f"<pubDate>Mon, 30 Nov 2026 {i % 24:02d}:{i % 60:02d}:00 +0000</pubDate>"
        f"<description><![CDATA[<p>Paragraph one of story {i}, about the harbour.</p>"
        f"<p>Paragraph two with more words, so the body looks like news.</p>]]></description></item>"
        for i in range(n)
    )
    return server.add(
        "/big.rss",
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Big feed</title>"
        f"<link>{server.base}/</link><description>d</description>{items}</channel></rss>",
        conditional=False,
    )


async def timed_sync(db: Path, label: str) -> None:
    ops: Counter[str] = Counter()

    async def count(request: httpx.Request) -> None:
        body = request.content.decode(errors="replace")
        op = body.split('"op":', 1)[1].split(",", 1)[0].strip(' "}') if '"op":' in body else "?"
        ops[op] += 1

    client = make_client()
    client.event_hooks["request"].append(count)
    wall, cpu = time.perf_counter(), time.process_time()
    summary = await sync_accounts(db, client=client)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    await client.aclose()
    result = summary.accounts[0]
    assert not result.error, result.error
    print(
        f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU; {sum(ops.values())} requests "
        f"({', '.join(f'{op} {n}' for op, n in sorted(ops.items()))}); "
        f"{result.articles_new} new, {result.marks_pushed} pushed, {result.marks_pulled} pulled"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    reason = unavailable()
    if reason:
        sys.exit(f"cannot run: {reason}")
    folder = Path(tempfile.mkdtemp(prefix="tidings-bench-sync-"))
    server = TtRss(folder / "server", remove=folder)
    try:
        with FeedServer() as feeds:
            started = time.perf_counter()
            server.subscribe(feed(feeds, args.articles))
            print(f"tt-rss fetched {args.articles} articles in {time.perf_counter() - started:.1f} s")
        db = folder / "library.db"
        library = Library.open(db)
        secret = folder / "pass"
        secret.write_text(PASSWORD)
        library.add_account("bench", "ttrss", server.url, USER, "file", str(secret))
        library.close()
        asyncio.run(timed_sync(db, f"first sync of {args.articles} articles"))
        asyncio.run(timed_sync(db, "sync with nothing new"))
        library = Library.open(db)
        ids = [a.id for a in library.articles()]
        library.mark(ids, read=True)
        library.close()
        asyncio.run(timed_sync(db, f"push of {len(ids)} read marks"))
        unread = server.api("getUnread")["unread"]
        print(f"server's unread count afterwards: {unread}")
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
