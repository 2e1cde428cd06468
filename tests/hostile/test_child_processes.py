"""Worker processes (issue 12, High 2 and item 7): they start under Textual's captured stderr
(whose fileno() is -1) and none outlives a parent killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tidings.storage import ArticleIn, Library
from tests.integration.feedserver import FeedServer
from tests.integration.test_feeds_refresh import ITEM, rss
from tests.processes import alive, descendants, wait_for_descendants
from tests.support import REPO

needs_cores = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2, reason="worker processes are used only on several cores"
)

CAPTURED_STDERR_REFRESH = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path


    class Captured:  # what Textual puts in sys.stderr while the app runs
        def write(self, text): return len(text)
        def flush(self): pass
        def fileno(self): return -1


    sys.stderr = Captured()
    from tidings.ingest.refresh import refresh_sync

    summary = refresh_sync(Path(sys.argv[1]))
    print(json.dumps(summary.to_dict()))
    """
)


@needs_cores
def test_refresh_of_64_feeds_starts_its_workers_under_a_captured_stderr(
    feed_server: FeedServer, library_path: Path
) -> None:
    library = Library.open(library_path)
    for i in range(64):
        library.add_feed(feed_server.add(f"/f{i}.xml", rss([{**ITEM, "guid": f"g{i}"}])))
    library.close()
    done = subprocess.run(
        [sys.executable, "-c", CAPTURED_STDERR_REFRESH, str(library_path)],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["feeds_fetched"] == 64 and summary["feeds_failed"] == 0, summary
    assert summary["articles_new"] == 64


def _kill_and_check(process: subprocess.Popen[str], children: set[int]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    time.sleep(2)
    left = alive(children)
    for pid in left:  # do not leave them running for the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes left running 2 s after their parent died: {sorted(left)}"


@needs_cores
def test_a_killed_refresh_leaves_no_worker_or_tracker_running(
    feed_server: FeedServer, library_path: Path
) -> None:
    library = Library.open(library_path)
    for i in range(40):
        library.add_feed(feed_server.add(f"/f{i}.xml", rss([{**ITEM, "guid": f"g{i}"}])))
    for i in range(40):  # these keep the refresh busy while its workers are up
        library.add_feed(feed_server.url(f"/slow?{i}"))
    library.close()
    process = subprocess.Popen(
        [sys.executable, "-m", "tidings", "--db", str(library_path), "refresh", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )
    try:
        children = wait_for_descendants(process.pid, at_least=3)
        time.sleep(0.5)
        children |= descendants(process.pid)
    finally:
        _kill_and_check(process, children | set())


ENRICHER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tidings.ingest.enricher import Enricher

    enricher = Enricher(Path(sys.argv[1]), use_process=True)
    enricher.start()
    print("started", flush=True)
    time.sleep(120)
    """
)


def test_a_killed_enricher_host_leaves_no_worker_running(library_path: Path) -> None:
    library = Library.open(library_path)
    feed = library.local_feed("Bulk")
    library.store_articles(
        feed,
        [ArticleIn(guid=f"g{i}", title=f"Talks in Ankara {i}", text="Ministers met in Ankara. " * 400)
         for i in range(30)],
    )
    library.close()
    process = subprocess.Popen(
        [sys.executable, "-c", ENRICHER, str(library_path)],
        stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    children: set[int] = set()
    try:
        assert process.stdout is not None and process.stdout.readline().startswith("started")
        children = wait_for_descendants(process.pid, at_least=1)
    finally:
        _kill_and_check(process, children)
