"""Reader speed on a big library: first paint from the command, per-key latency, open time, memory.

Run by hand (prints figures beside their targets; no assertions):

    .venv/bin/python benchmarks/bench_tui.py [--articles 100000] [--presses 1000] [--db PATH]
    .venv/bin/python benchmarks/bench_tui.py --db var/lib1m.db    # 1,000,000 from library_gen.py

Targets (issue 15, at 1,000,000 articles): first paint under 1 s and at most 1.3x that of a
1,000-article library of the same kind, measured in the same run (runs alternate between the
two); key to frame p95 under 30 ms; opening an article p95 under 50 ms. Wall-clock figures:
the load average is printed beside them.

1. Builds (once, then reuses) a library of N articles with the storage APIs in one write
   transaction; every article is queued for enrichment, as after a big refresh, and the 300
   newest get stored entities and a timeline.
2. First paint: `tidings --db PATH` in a 200x50 tmux pane, until the status line shows the
   list ("All articles · N shown"), like ../shared/bench/bench.py times newsboat; VmHWM then.
3. Per-key latency: 1,000 `j` presses through Pilot (p50, p95, max), with the enricher at
   work: the newest 2,000 articles (--queue) are queued for analysis first, as after a big
   refresh, and the figures say how many it analysed during the presses.
4. Open time of an article with stored entities and timeline (the pane and sidebar filled).
"""

from __future__ import annotations

import argparse
import hashlib
import asyncio
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tidings.storage import Library  # noqa: E402
from tidings.storage.base import now  # noqa: E402

PEOPLE = ["Anna Berg", "Jonas Weber", "Maria Lopez", "Ahmet Yilmaz", "Sofia Rossi", "Li Wei"]
PLACES = ["Rostock", "Gdansk", "Istanbul", "Lisbon", "Riga", "Tallinn", "Oslo", "Kiel"]
ORGS = ["Baltic Shipping Company", "the port authority", "the European Commission", "Nordbank"]
FEEDS = 50
START = datetime(2021, 1, 1, tzinfo=timezone.utc)


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(PEOPLE)} met officials of {rng.choice(ORGS)} in {rng.choice(PLACES)} "
        f"on {rng.randint(1, 28)} February 2025 to discuss the {rng.choice(['harbour', 'ferry', 'quota', 'rail'])} plan."
    )


def build(path: Path, count: int) -> None:
    """A library of `count` articles across FEEDS feeds, all queued for enrichment."""
    rng = random.Random(7)
    started = time.perf_counter()
    library = Library.open(path)
    feed_ids = [library.local_feed(f"Bench feed {n:02d}") for n in range(FEEDS)]
    stamp = now()
    with library.write() as db:
        batch: list[dict] = []
        for n in range(count):
            title = f"{rng.choice(PLACES)} {rng.choice(['talks', 'vote', 'deal', 'strike'])} #{n}"
            text = "\n\n".join(
                " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
                for _ in range(rng.randint(3, 6))
            )
            batch.append(
                {
                    "feed_id": feed_ids[n % FEEDS], "guid": f"g{n}", "title": title,
                    "url": f"https://example.org/{n}", "author": rng.choice(PEOPLE),
                    "published": (START + timedelta(minutes=20 * n)).isoformat(),
                    "fetched": stamp, "text": text, "read": int(rng.random() < 0.6),
                    "content_hash": hashlib.sha256(f"{title}\x00{text}".encode()).hexdigest()[:32],
                }
            )
            if len(batch) == 5000:
                library.table("articles").insert_all(batch)
                batch = []
        if batch:
            library.table("articles").insert_all(batch)
        db.execute(
            "insert into enrich_queue (article_id, priority, queued) select id, 0, ? from articles",
            [stamp],
        )
    newest = [row[0] for row in library.db.execute(
        "select id from articles order by published desc, id desc limit 300").fetchall()]
    from tidings.ingest.enricher import enrich_now

    for article in library.queued_articles(newest):
        enrich_now(library, article)
    library.db.execute("analyze")
    library.close()
    print(f"built {count} articles in {time.perf_counter() - started:.1f} s "
          f"({path.stat().st_size / 2**20:.0f} MB)")


def first_paint(paths: list[Path], runs: int) -> list[list[float]]:
    """Time from the command to the list on screen, in tmux, and the memory then, for each
    library in turn (alternating, so machine load falls on all alike); the times per library."""
    tidings = shutil.which("tidings", path=str(Path(sys.executable).parent)) or "tidings"
    # Bytecode as an installed package has it (pip compiles it): with PYTHONDONTWRITEBYTECODE
    # set, an editable install would compile every module of ours from source at each start.
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(root / part) for part in
                    ("tidings", "tui", "storage", "ingest", "enrich"))], check=True)
    sock = f"tidings-bench-{os.getpid()}"
    tmux = ["tmux", "-L", sock, "-f", "/dev/null"]
    ready = re.compile(r"All articles · \d+ shown")  # a story in several feeds shows once
    config = tempfile.mkdtemp()
    subprocess.run(tmux + ["new-session", "-d", "-s", "idle", "-x", "200", "-y", "50", "sleep 600"], check=True)
    server = int(subprocess.run(tmux + ["display", "-p", "-t", "idle", "#{pid}"],
                                capture_output=True, text=True).stdout)
    walls: list[list[float]] = [[] for _ in paths]
    memory: list[list[float]] = [[] for _ in paths]
    try:
        for run in range(runs):
            for which, path in enumerate(paths):
                command = (f"exec env TIDINGS_CONFIG_DIR={shlex.quote(config)} "
                           f"{shlex.quote(tidings)} --db {shlex.quote(str(path))}")
                name = f"run{run}-{which}"
                started = time.monotonic()
                subprocess.run(tmux + ["new-session", "-d", "-s", name, "-x", "200", "-y", "50",
                                       command], check=True)
                pid = int(subprocess.run(tmux + ["display", "-p", "-t", name, "#{pane_pid}"],
                                         capture_output=True, text=True).stdout)
                while time.monotonic() - started < 30:
                    screen = subprocess.run(tmux + ["capture-pane", "-p", "-t", name],
                                            capture_output=True, text=True).stdout
                    if ready.search(screen):
                        walls[which].append(time.monotonic() - started)
                        break
                    time.sleep(0.01)
                else:
                    print("not ready after 30 s; screen:\n" + screen)
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    memory[which].append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
                except (OSError, AttributeError):  # the app had already gone
                    pass
                subprocess.run(tmux + ["send-keys", "-t", name, "q"])
                for _ in range(100):
                    if subprocess.run(tmux + ["has-session", "-t", name],
                                      capture_output=True).returncode:
                        break
                    time.sleep(0.1)
                else:
                    subprocess.run(tmux + ["kill-session", "-t", name])
    finally:
        os.kill(server, 15)
    for path, times, peak in zip(paths, walls, memory):
        if times:
            print(f"first paint of {path.name} ({_articles(path)} articles): median "
                  f"{statistics.median(times):.2f} s [{min(times):.2f}-{max(times):.2f}] over "
                  f"{len(times)} runs; peak memory (VmHWM) {statistics.median(peak):.0f} MB")
    return walls


def _articles(path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("select count(*) from articles").fetchone()[0])
    finally:
        conn.close()


def queue_newest(path: Path, wanted: int) -> int:
    """Queue the newest articles for analysis until `wanted` are queued, as after a big
    refresh, so the enricher works while keys are pressed; how many are queued."""
    library = Library.open(path)
    try:
        queued = library.queue_size()
        if queued < wanted:
            with library.write() as db:
                db.execute(
                    "insert or ignore into enrich_queue (article_id, priority, queued) "
                    "select id, 0, datetime('now') from articles order by id desc limit ?",
                    [wanted],
                )
        return library.queue_size()
    finally:
        library.close()


async def keys_and_open(path: Path, presses: int, enrich: bool, queue: int) -> None:
    """Per-key latency of `j` through Pilot, then the open time of enriched articles."""
    os.environ["TIDINGS_CONFIG_DIR"] = tempfile.mkdtemp()
    from tidings.tui.app import TidingsApp
    from tidings.tui.config import Config

    queued = queue_newest(path, queue) if enrich else 0
    app = TidingsApp(Library.open(path), config=Config(), enrich=enrich)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause(2)  # the enricher starts after the first frame
        frames: list[float] = []
        screen = app.screen
        compositor_refresh = screen._compositor_refresh

        def timed_refresh() -> None:  # when each frame has been written to the terminal
            compositor_refresh()
            frames.append(time.perf_counter())

        screen._compositor_refresh = timed_refresh  # type: ignore[method-assign]
        to_frame, pilot_wall = [], []
        for _ in range(presses):
            seen = len(frames)
            started = time.perf_counter()
            await pilot.press("j")
            pilot_wall.append((time.perf_counter() - started) * 1000)
            if len(frames) > seen:
                to_frame.append((frames[seen] - started) * 1000)
        to_frame.sort()
        pilot_wall.sort()
        if enrich:
            left = app.library.queue_size()
            print(f"enricher: {queued} articles queued before the presses, {left} after "
                  f"({queued - left} analysed meanwhile{'' if queued > left else ': NOT RUNNING'})")
        await pilot.pause(0.2)
        settle = []
        opened: list[float] = []
        reader = app.main.reader
        open_article = reader.open

        def timed_open(article_id: int | None) -> None:
            open_article(article_id)
            opened.append(time.perf_counter())

        reader.open = timed_open  # type: ignore[method-assign]
        for _ in range(20):  # one press, then the frame with that article in the pane
            count = len(opened)
            started = time.perf_counter()
            await pilot.press("j")
            deadline = time.perf_counter() + 5
            while time.perf_counter() < deadline:
                if len(opened) > count and frames and frames[-1] > opened[-1]:
                    settle.append((next(f for f in frames if f > opened[-1]) - started) * 1000)
                    break
                await asyncio.sleep(0.002)
        settle.sort()
        label = "with the enricher running" if enrich else "without the enricher"
        p95 = to_frame[int(len(to_frame) * 0.95)]
        print(f"key j ({label}), key to the frame that shows the move: "
              f"p50 {statistics.median(to_frame):.1f} ms, p95 {p95:.1f} ms, "
              f"max {to_frame[-1]:.1f} ms over {len(to_frame)} presses; target p95 < 30 ms: "
              f"{p95 / 30:.2f}x {'ok' if p95 < 30 else 'MISSED'}")
        print(f"  Pilot's own wall time per press (it sleeps at least 2 x 20 ms to detect idle): "
              f"p50 {statistics.median(pilot_wall):.0f} ms, p95 {pilot_wall[int(len(pilot_wall) * 0.95)]:.0f} ms")
        print(f"  one press until the frame with that article in the pane (includes the "
              f"{app.open_delay * 1000:.0f} ms rest): median {statistics.median(settle):.0f} ms, "
              f"max {settle[-1]:.0f} ms")
        library = app.library
        enriched = [row[0] for row in library.db.execute(
            "select article_id from enrichments order by article_id limit 100").fetchall()]
        opens = []
        for article_id in enriched:
            started = time.perf_counter()
            open_article(article_id)
            opens.append((time.perf_counter() - started) * 1000)
        await pilot.pause()
        opens.sort()
        mentions = len(library.mentions(enriched[0]))
        timeline = len(library.timeline(enriched[0]))
        p95 = opens[int(len(opens) * 0.95)]
        if not mentions:
            print("the opened articles have no entities: NOT A FIGURE for opening an enriched one")
        print(f"open an enriched article (about {mentions} mentions, {timeline} dates): "
              f"median {statistics.median(opens):.1f} ms, p95 {p95:.1f} ms over {len(opens)} "
              f"articles; target p95 < 50 ms: {p95 / 50:.2f}x {'ok' if p95 < 50 else 'MISSED'}")
    status = Path("/proc/self/status").read_text()
    peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
    print(f"peak memory of this process (Pilot app + benchmark): {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None,
                        help="a library to measure (e.g. one from benchmarks/library_gen.py)")
    parser.add_argument("--queue", type=int, default=2000,
                        help="articles queued for analysis, so the enricher works during the keys")
    parser.add_argument("--only", choices=["paint", "keys"], default=None,
                        help="measure only the first paint, or only keys and opening")
    parser.add_argument("--small", type=int, default=1000,
                        help="articles in the small library whose first paint is the baseline")
    args = parser.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / f"tidings-bench-{args.articles}.db"
    small = Path(tempfile.gettempdir()) / f"tidings-bench-small-{args.small}-{bool(args.db)}.db"
    if not path.exists():
        build(path, args.articles)
    else:
        print(f"reusing {path} ({path.stat().st_size / 2**20:.0f} MB)")
    if not small.exists():  # the same kind of library as the big one, only smaller
        if args.db:
            from benchmarks.library_gen import generate

            generate(small, args.small)
        else:
            build(small, args.small)
    print(f"load average {os.getloadavg()[0]:.1f}")
    if args.only != "keys":
        paint(path, small, args.runs)
    if args.only != "paint":
        asyncio.run(keys_and_open(path, args.presses, enrich=True, queue=args.queue))
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


def paint(path: Path, small: Path, runs: int) -> None:
    """First paint of the big library and of the small one, alternating, and their ratio."""
    big_times, small_times = first_paint([path, small], runs)
    if big_times and small_times:
        big, base = statistics.median(big_times), statistics.median(small_times)
        print(f"first paint {big:.2f} s (target < 1 s: {'ok' if big < 1 else 'MISSED'}); "
              f"{big / base:.2f}x the small library's {base:.2f} s (target <= 1.3x: "
              f"{'ok' if big / base <= 1.3 else 'MISSED'})")


if __name__ == "__main__":
    main()
