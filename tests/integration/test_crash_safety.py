"""Nothing written is lost when a writer is killed mid-work (SIGKILL, no chance to clean up)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tidings.storage import Library
from tests.processes import alive, descendants
from tests.support import REPO

WRITER = textwrap.dedent(
    """
    import sys
    from tidings.storage import ArticleIn, Library

    library = Library.open(sys.argv[1])
    feed = library.local_feed("Bulk")
    base = library.store_article(feed, ArticleIn(guid="base", title="Base", text="word " * 400)).id
    print("ready", base, flush=True)
    i = 0
    while True:
        i += 1
        if sys.argv[2] == "import":
            batch = [
                ArticleIn(guid=f"g{i}-{j}", title=f"Article {i}-{j}", text="text " * 300)
                for j in range(50)
            ]
            library.store_articles(feed, batch)
            print("committed", i, flush=True)
        else:
            note = library.annotate(base, i % 300, i % 300 + 4, note=f"note {i}")
            print("committed", note.id, flush=True)
    """
)


def _kill_mid_work(db: Path, mode: str, commits: int) -> list[int]:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), mode],
        stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("ready")
    committed = []
    for line in process.stdout:
        committed.append(int(line.split()[1]))
        if len(committed) >= commits:
            break
    children = descendants(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    time.sleep(2)
    assert not alive(children), "a process of ours outlived the killed writer"
    return committed


def _check_integrity(library: Library) -> None:
    assert library.db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert library.db.execute("pragma foreign_key_check").fetchall() == []


def test_killed_bulk_import_leaves_whole_batches_only(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    committed = _kill_mid_work(db, "import", commits=20)
    library = Library.open(db)
    _check_integrity(library)
    count = library.db.execute("select count(*) from articles where guid != 'base'").fetchone()[0]
    assert count % 50 == 0  # no half batch
    assert count >= len(committed) * 50
    fts = library.db.execute("select count(*) from articles_fts").fetchone()[0]
    assert fts == count + 1  # the search index kept up


def test_killed_annotator_loses_no_committed_annotation(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    committed = _kill_mid_work(db, "annotate", commits=200)
    library = Library.open(db)
    _check_integrity(library)
    stored = {row["id"]: row["note"] for row in library.query("select id, note from annotations")}
    for annotation_id in committed:
        assert annotation_id in stored
    assert all(stored[i] for i in committed)
    # The library still takes writes after the crash.
    base = library.query("select id from articles where guid = 'base'")[0]["id"]
    assert library.annotate(base, 0, 4, note="after the crash").note == "after the crash"
