"""Refresh benchmark: Tidings side by side with newsboat in one run of ../shared/bench's harness.

    .venv/bin/python benchmarks/bench_refresh.py [--hosts 50] [--sizes 1000x20@8] [--runs 1]
    .venv/bin/python benchmarks/bench_refresh.py --into var/lib1m.db [--runs 3]  # 1M vs empty

The first form runs `../shared/bench/bench.py --hosts 50` (feeds spread over 50 loopback
hosts, 50 ms latency, 3 passes) for newsboat (8 threads; `apt-get install newsboat time tmux`)
and then for Tidings with its default concurrency, on the same feeds and server settings, and
prints the ratios beside the targets: cold refresh <= 0.5 of newsboat's, all-304 refresh <= 0.1
of newsboat's (newsboat's all-304 pass is its third: it stores ETags only from its second
fetch), library on disk <= 1.3x newsboat's cache, peak memory < 250 MB. CPU seconds (user +
system, from the harness) are printed beside wall times: on a loaded machine they are the
steadier figure.

`--into BIG` times a cold refresh of the same 1000 x 20 feeds into a copy of a big library
(e.g. 1,000,000 articles from `benchmarks/library_gen.py`) against one into an empty library,
same server, one after the other (best of `--runs`). Target: at most 1.2x. The big library is
copied (untimed) through SQLite's backup API, so it may be in use and is never written.

The harness calls this file again as the reader's refresh command with `--db` and `--opml`: it
subscribes to the OPML's feeds (already subscribed ones are skipped) and refreshes every one
of them and no other, due or not (as `newsboat -x reload` does; a big library's own feeds are
left alone), in one process, so each pass costs one interpreter start, as newsboat's does.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
HARNESS = REPO.parent / "shared" / "bench"
WORK = REPO / "var" / "bench-refresh"


def refresh_pass(db: Path, opml: Path, concurrency: int | None) -> None:
    """One pass, as the harness times it: subscribe to the OPML's feeds, refresh them all
    (only them: a big library's own feeds are not the benchmark's)."""
    from tidings.ingest.opml import read_opml
    from tidings.ingest.refresh import refresh_sync
    from tidings.storage import Library
    from tidings.storage.feeds import FeedExists

    library = Library.open(db)
    feeds, _warnings = read_opml(opml.read_bytes())
    known = {row["url"] for row in library.feeds_overview()}
    with library.write():  # one transaction (newsboat reads its URL file and subscribes nothing)
        for feed in feeds:
            if feed.url not in known:
                try:
                    library.add_feed(feed.url, title=feed.title, tags=feed.tags)
                except FeedExists:
                    pass
    wanted = {feed.url for feed in feeds}
    ids = [row["id"] for row in library.feeds_overview() if row["url"] in wanted]
    library.close()
    # named feeds are fetched due or not: newsboat's `-x reload` fetches them all, and the
    # all-304 pass must ask the server about every feed (a schedule would skip them all)
    options: dict[str, Any] = {}
    if concurrency is not None:
        options["concurrency"] = concurrency
    summary = refresh_sync(db, ids, **options)
    print(summary.line())


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def run_harness(args: argparse.Namespace) -> None:
    work = args.work
    shutil.rmtree(work / "runs", ignore_errors=True)
    (work / "results.jsonl").unlink(missing_ok=True)
    common = ["--sizes", args.sizes, "--runs", str(args.runs), "--passes", "3", "--no-tui",
              "--hosts", str(args.hosts), "--port", str(args.port), "--work", str(work),
              "--threads", "8"]
    bench = [sys.executable, str(HARNESS / "bench.py"), *common]
    subprocess.run(bench, env={**os.environ, "READER": "newsboat"}, check=True)
    command = f"{sys.executable} {Path(__file__).resolve()} --db {{db}} --opml {{opml}}"
    if args.concurrency:
        command += f" --concurrency {args.concurrency}"
    tidings = {**os.environ, "READER": "tidings", "READER_CMD": command,
               "READER_ROWS_SQL": "select count(*) from articles", "READER_DB_NAME": "tidings.db"}
    subprocess.run(bench, env=tidings, check=True)
    report(work)


def report(work: Path) -> None:
    records = [json.loads(line) for line in (work / "results.jsonl").read_text().splitlines()]
    by = {(r["reader"], r["size"], r["phase"]): r for r in records if r["what"] == "refresh"}
    sizes = sorted({r["size"] for r in records})
    for size in sizes:
        nb = {p: by.get(("newsboat", size, p)) for p in ("cold", "warm2", "warm3")}
        td = {p: by.get(("tidings", size, p)) for p in ("cold", "warm2", "warm3")}
        if not all(nb.values()) or not all(td.values()):
            print(f"{size}: a pass is missing; see {work}/runs")
            continue
        rows = int(td["cold"]["rows"] or 0)
        print(f"\n{size} feeds x items, {rows} articles stored by Tidings "
              f"({nb['cold']['rows']} by newsboat); load average {os.getloadavg()[0]:.1f}")
        if rows == 0:
            print("Tidings stored nothing: NOT A FIGURE")
            continue
        # the all-304 pass of each: newsboat's third (it stores ETags from its second fetch),
        # Tidings' first pass in which the server answered 304 to every feed
        nb304 = nb["warm3"]
        td304 = next((td[p] for p in ("warm2", "warm3")
                      if td[p]["http200"] == 0 and td[p]["http304"] > 0), None)
        if nb304["http200"]:
            print(f"  (newsboat's third pass had {nb304['http200']} answers of 200: the server "
                  "was shared, or newsboat changed; its all-304 figure is suspect)")

        def line(label: str, a: dict, b: dict, target: float) -> None:
            ratio = b["wall_s"][0] / a["wall_s"][0]
            print(f"  {label:<16} newsboat {a['wall_s'][0]:6.2f} s ({a['cpu_s'][0]:5.1f} s CPU)  "
                  f"Tidings {b['wall_s'][0]:6.2f} s ({b['cpu_s'][0]:5.1f} s CPU)  ratio "
                  f"{ratio:.2f} (CPU {b['cpu_s'][0] / a['cpu_s'][0]:.2f})  target <= {target}: "
                  f"{verdict(ratio <= target)}")

        line("cold refresh", nb["cold"], td["cold"], 0.5)
        if td304 is None:
            print("  all-304 refresh: Tidings never had every feed answer 304: NOT A FIGURE")
        else:
            line("all-304 refresh", nb304, td304, 0.1)
        size_ratio = td["cold"]["db_mb"][0] / nb["cold"]["db_mb"][0]
        print(f"  library on disk  newsboat {nb['cold']['db_mb'][0]:.1f} MB  Tidings "
              f"{td['cold']['db_mb'][0]:.1f} MB  ratio {size_ratio:.2f}  target <= 1.3: "
              f"{verdict(size_ratio <= 1.3)}")
        peak = max(td[p]["maxrss_mb"][0] for p in td)
        print(f"  peak memory      newsboat {max(nb[p]['maxrss_mb'][0] for p in nb):.0f} MB  "
              f"Tidings {peak:.0f} MB (largest process)  target < 250 MB: {verdict(peak < 250)}")


def _serve(feeds: Path, port: int, hosts: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, str(HARNESS / "serve.py"), "--root", str(feeds), "--port", str(port),
         "--hosts", str(hosts), "--latency-ms", "50", "--max-seconds", "3600"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stats", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the feed server did not start")


def _timed_pass(db: Path, opml: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one refresh pass in a process of its own, children included."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, __file__, "--db", str(db), "--opml", str(opml)], check=True,
                   stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - started, cpu


def _copy_library(source: Path, target: Path) -> None:
    """A consistent copy of a library that may be in use (its write-ahead log included),
    read through SQLite's backup API without writing to it."""
    import sqlite3

    reader = sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def into_big(args: argparse.Namespace) -> None:
    import sqlite3

    size = "1000x20"
    feeds = args.work / f"feeds-{size}-s1-p{args.port}-h{args.hosts}"
    if not (feeds / "manifest.json").exists():
        subprocess.run([sys.executable, str(HARNESS / "gen_feeds.py"), "--out", str(feeds),
                        "--feeds", "1000", "--items", "20", "--seed", "1", "--port",
                        str(args.port), "--hosts", str(args.hosts)], check=True,
                       stdout=subprocess.DEVNULL)
    opml = feeds / "feeds.opml"
    runs = args.work / "into"
    shutil.rmtree(runs, ignore_errors=True)
    runs.mkdir(parents=True)
    big_count = sqlite3.connect(f"file:{args.into.resolve()}?mode=ro", uri=True).execute(
        "select count(*) from articles").fetchone()[0]
    server = _serve(feeds, args.port, args.hosts)
    results: dict[str, list[tuple[float, float]]] = {"empty": [], "big": []}
    try:
        for run in range(args.runs):
            for kind in ("empty", "big"):
                db = runs / f"{kind}-{run}.db"
                if kind == "big":
                    _copy_library(args.into, db)  # not timed
                urllib.request.urlopen(f"http://127.0.0.1:{args.port}/_reset").read()
                results[kind].append(_timed_pass(db, opml))
                stats = json.loads(urllib.request.urlopen(
                    f"http://127.0.0.1:{args.port}/_stats").read())
                added = sqlite3.connect(db).execute(
                    "select count(*) from articles a join feeds f on f.id = a.feed_id "
                    "where f.url like '%/feed-%'").fetchone()[0]
                print(f"  cold refresh into the {kind} library: {results[kind][-1][0]:.2f} s wall, "
                      f"{results[kind][-1][1]:.1f} s CPU; {added} articles stored, "
                      f"{stats.get('200', 0)} feeds answered 200", flush=True)
                if added == 0:
                    print("  nothing stored: NOT A FIGURE")
                    return
                db.unlink()
                for suffix in ("-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
    finally:
        server.terminate()
        server.wait()
    empty_wall = min(w for w, _ in results["empty"])
    big_wall = min(w for w, _ in results["big"])
    empty_cpu = min(c for _, c in results["empty"])
    big_cpu = min(c for _, c in results["big"])
    ratio = big_wall / empty_wall
    print(f"cold refresh of 1000 x 20 feeds into {big_count} articles vs empty (best of "
          f"{args.runs}): {big_wall:.2f} s / {empty_wall:.2f} s = {ratio:.2f} (CPU "
          f"{big_cpu:.1f} / {empty_cpu:.1f} s = {big_cpu / empty_cpu:.2f}); target <= 1.2: "
          f"{verdict(ratio <= 1.2)}; load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="(harness) the library to refresh")
    parser.add_argument("--opml", type=Path, help="(harness) the subscriptions")
    parser.add_argument("--concurrency", type=int, default=None,
                        help="feeds fetched at once (default: Tidings' own default)")
    parser.add_argument("--sizes", default="1000x20@8", help="the harness's --sizes")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--port", type=int, default=8911)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--into", type=Path, help="compare a cold refresh into this library")
    parser.add_argument("--report", action="store_true", help="only print the last run's ratios")
    args = parser.parse_args()
    args.work = args.work.resolve()  # the harness runs each pass in a folder of its own
    if args.db and args.opml:
        refresh_pass(args.db, args.opml, args.concurrency)
    elif args.report:
        report(args.work)
    elif args.into:
        into_big(args)
    else:
        run_harness(args)


if __name__ == "__main__":
    main()
