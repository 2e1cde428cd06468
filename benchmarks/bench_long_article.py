"""A 10 MB article: how long `tidings show` takes and how much memory, and how long the app
takes to open it (issue 12, item 11). Run by hand; prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_long_article.py [--mb 10]

Each measurement runs in a fresh process; times are wall clock and CPU (user + system of
the child), memory is the child's peak resident set (ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tidings.storage import ArticleIn, Library  # noqa: E402

PARAGRAPH = (
    "Anna Berg, the mayor of Rostock, said on Tuesday that the harbour would be dredged "
    "before the winter storms, and the Baltic Shipping Company agreed to pay for the new "
    "quay after talks in Gdansk last week. "
)

OPEN_IN_APP = textwrap.dedent(
    """
    import asyncio, sys, time
    from pathlib import Path
    from tidings.storage import Library
    from tidings.tui.app import TidingsApp
    from tidings.tui.config import Config

    async def main():
        app = TidingsApp(Library.open(Path(sys.argv[1])), config=Config(mark_read_delay=60),
                         enrich=False)
        app.open_delay = 0
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("enter")
            while app.main.pane.article is None or app.main.pane.article.id != int(sys.argv[2]):
                await pilot.pause(0.01)
            await pilot.pause()
            print(f"open {time.perf_counter() - started:.2f}")

    asyncio.run(main())
    """
)


def _child(command: list[str]) -> tuple[float, float, float, str]:
    """(wall s, cpu s, peak MB, stdout tail) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        print(done.stderr[-2000:], file=sys.stderr)
    return wall, cpu, after.ru_maxrss / 1024, done.stdout[-200:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=10.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tidings-long-"))
    db = folder / "lib.db"
    library = Library.open(db)
    paragraphs = int(args.mb * 2**20 / (len(PARAGRAPH) * 4 + 2))
    text = "\n\n".join(PARAGRAPH * 4 for _ in range(paragraphs))
    article = library.store_article(
        library.local_feed("Long"),
        ArticleIn(guid="long", title="A very long article", text=text, published="2025-03-01"),
    ).id
    library.close()
    print(f"article: {len(text) / 2**20:.1f} MB of text, {paragraphs} paragraphs")
    tidings = [sys.executable, "-m", "tidings", "--db", str(db)]
    wall, cpu, peak, _ = _child([*tidings, "show", str(article)])
    print(f"tidings show: {wall:.2f} s wall, {cpu:.2f} s CPU, "
          f"peak {peak:.0f} MB")
    wall, cpu, peak, _ = _child([*tidings, "show", "--json", str(article)])
    print(f"tidings show --json (analysed): {wall:.2f} s wall, {cpu:.2f} s CPU")
    wall, cpu, peak, out = _child([sys.executable, "-c", OPEN_IN_APP, str(db), str(article)])
    print(f"app: {out.strip()} s from enter to the pane; process {wall:.2f} s wall, "
          f"{cpu:.2f} s CPU, peak {peak:.0f} MB")
    os.environ.pop("TIDINGS_DB", None)


if __name__ == "__main__":
    main()
