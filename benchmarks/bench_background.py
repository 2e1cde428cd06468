"""Background analysis at scale: the queue query, articles per second on one core, two instances.

    .venv/bin/python benchmarks/bench_background.py [--queued 100000] [--seconds 40] [--db PATH]

1. Queue query: a library with --queued articles waiting for analysis (the newest few thousand
   are ~600-word wire stories, the rest short); `Library.queued(limit=1)` timed 500 times.
   Target: p95 under 1 ms at 100,000 queued.
2. One app's enricher (the real `Enricher`: a thread and one worker process at nice 10) for
   --seconds: articles per second, and the worker's CPU (user+system over wall) and threads.
   Target: at least 20 articles/s, the worker within one core (<= 105% CPU), the other left free.
3. A second instance (another process on the same library, as a second `tidings` would be)
   beside the first for --seconds. Target: the first keeps at least half its rate alone.

CPU figures come from /proc and hold on a loaded machine; articles/s is wall-clock, so the
load average is printed beside it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_enrich import make_article  # noqa: E402
from tidings.storage import Library  # noqa: E402
from tidings.storage.rows import content_hash  # noqa: E402

REALISTIC = 3_000  # the newest articles, which the enricher takes first


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def build(path: Path, queued: int) -> None:
    """`queued` articles, all queued; the newest REALISTIC of them are full wire stories."""
    rng = random.Random(5)
    library = Library.open(path)
    feed = library.local_feed("Bench")
    started = time.perf_counter()
    with library.write() as db:
        rows = []
        for n in range(queued):
            if n >= queued - REALISTIC:  # dated after every backlog item: the enricher takes them first
                title, text, _ = make_article(rng)
                published = f"2025-01-01T{n % 24:02d}:{n % 60:02d}:00+00:00"
            else:
                title, text = f"Backlog story {n}", f"Short backlog item {n} from the wire."
                published = f"20{20 + n * 5 // queued:02d}-01-01T00:00:{n % 60:02d}+00:00"
            rows.append((feed, f"g{n}", title, text, published, published, content_hash(title, text)))
            if len(rows) == 10_000 or n == queued - 1:
                db.conn.executemany(
                    "insert into articles (feed_id, guid, title, text, published, fetched, "
                    "content_hash) values (?, ?, ?, ?, ?, ?, ?)", rows)
                rows = []
        db.execute("insert into enrich_queue (article_id, priority, queued) "
                   "select id, 0, '2025-01-01' from articles")
    library.db.execute("analyze")
    library.close()
    print(f"built {queued} queued articles in {time.perf_counter() - started:.0f} s")


def queue_query(path: Path) -> None:
    library = Library.open(path)
    queued = library.queue_size()
    samples, got = [], []
    for _ in range(500):
        started = time.perf_counter()
        batch = library.queued(limit=1)
        samples.append((time.perf_counter() - started) * 1000)
        got.append(len(batch))
    library.close()
    if min(got) == 0:
        print("queue query: returned no article: NOT A FIGURE")
        return
    p95 = statistics.quantiles(samples, n=20)[-1]
    print(f"queue query at {queued} queued: median {statistics.median(samples):.3f} ms, "
          f"p95 {p95:.3f} ms, 1 article each time; target < 1 ms: {p95:.3f}/1 = {p95:.2f}x "
          f"{verdict(p95 < 1)}")


def _children() -> list[int]:
    """This process's worker processes (multiprocessing's spawned children)."""
    found = []
    me = str(os.getpid())
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if (stat[stat.rindex(")") + 2 :].split()[1] == me and b"spawn_main" in cmdline
                and b"resource_tracker" not in cmdline):
            found.append(int(entry.name))
    return found


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_enricher(path: Path, seconds: float, report: bool, then: Any = None) -> float:
    """Run one Enricher for `seconds` after its first article (calling `then()` at that
    moment); return articles per second."""
    from tidings.ingest.enricher import Enricher

    done: list[float] = []
    first = threading.Event()

    def on_done(_article_id: int) -> None:
        done.append(time.perf_counter())
        first.set()

    enricher = Enricher(path, on_done)
    started = time.perf_counter()
    enricher.start()
    if not first.wait(timeout=seconds + 120):
        enricher.stop()
        if report:
            print("no article analysed (another instance holds the library's worker lock?)")
        return 0.0
    warm = time.perf_counter()
    if report:
        print(f"  first article after {warm - started:.1f} s (worker start and model load)")
    if then is not None:
        then()
    workers = _children()
    cpu_before = {pid: _cpu_seconds(pid) for pid in workers}
    own_before = time.process_time()
    time.sleep(seconds)
    wall = time.perf_counter() - warm
    cpu = {pid: _cpu_seconds(pid) - cpu_before[pid] for pid in workers}
    threads = {pid: len(os.listdir(f"/proc/{pid}/task")) for pid in workers}
    own = time.process_time() - own_before
    count = sum(1 for t in done if t > warm)
    enricher.stop()
    enricher.join(timeout=30)
    rate = count / wall
    if report:
        worker_cpu = sum(cpu.values()) / wall * 100
        print(f"  {count} articles in {wall:.0f} s: {rate:.1f} articles/s (wall; load average "
              f"{os.getloadavg()[0]:.1f}); target >= 20: {rate / 20:.2f}x {verdict(rate >= 20)}")
        print(f"  worker CPU {worker_cpu:.0f}% ({sum(cpu.values()) / max(count, 1) * 1000:.0f} ms "
              f"CPU per article), {sum(threads.values())} threads; app side {own / wall * 100:.0f}%; "
              f"target: one core (<= 105%): {verdict(worker_cpu <= 105)}")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queued", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--db", type=Path, help="reuse (or create) this library")
    parser.add_argument("--instance", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.instance:  # the second app, in a process of its own, for the first one's window
        from tidings.ingest.enricher import Enricher

        done: list[int] = []
        enricher = Enricher(args.db, done.append)
        enricher.start()
        time.sleep(args.seconds)
        enricher.stop()
        print(f"{len(done) / args.seconds:.3f}")
        return
    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "queue.db"
    if not path.exists():
        build(path, args.queued)
    queue_query(path)
    print(f"one instance, {args.seconds:.0f} s:")
    alone = run_enricher(path, args.seconds, report=True)
    print(f"two instances on the same library, {args.seconds:.0f} s:")
    started: list[subprocess.Popen[str]] = []

    def start_second() -> None:  # once the first is working, as when a second app opens
        started.append(subprocess.Popen(
            [sys.executable, __file__, "--db", str(path), "--seconds", str(args.seconds),
             "--instance"], stdout=subprocess.PIPE, text=True))

    beside = run_enricher(path, args.seconds, report=True, then=start_second)
    out, _ = started[0].communicate(timeout=args.seconds + 300)
    other = float(out.strip() or 0)
    share = beside / alone if alone else 0.0
    print(f"  first instance {beside:.1f} articles/s beside the second ({other:.1f} articles/s): "
          f"{share:.2f} of its rate alone; target >= 0.5: {verdict(share >= 0.5)}")
    folder.cleanup()


if __name__ == "__main__":
    main()
