"""`database is locked` (issue 12, item 4): another process holds the write lock; a star
made meanwhile neither freezes the app nor is lost. It waits (the status line says so), is
retried, and lands when the lock frees."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tidings.storage import Library
from tidings.storage import library as library_module
from tests.app.conftest import build_library, make_app, screen_text
from tests.support import REPO

HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("begin immediate")
    conn.execute("update feeds set title = title")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("commit")
    """
)


async def test_a_star_made_while_another_process_holds_the_lock_is_kept_and_written(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_MS", 300)  # give up waiting quickly
    build_library(library_path)
    app = make_app(library_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        article = app.main.article_list.current
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(library_path), "3"],
                                  stdout=subprocess.PIPE, text=True, cwd=REPO)
        assert holder.stdout is not None and holder.stdout.readline().startswith("locked")
        started = time.monotonic()
        await pilot.press("s")
        await pilot.pause(0.8)
        assert time.monotonic() - started < 2.5  # the UI thread did not wait for the lock
        assert "1 mark pending (library locked, retrying)" in screen_text(app)
        await pilot.press("j")  # the app still answers
        await pilot.pause()
        assert app.main.article_list.current != article
        holder.wait(timeout=20)
        assert app.marks.flush(timeout=10)
        await pilot.pause()
        assert "mark pending" not in screen_text(app)
    library = Library.open(library_path)
    assert library.summary(article).starred  # the star was not lost
    library.close()
