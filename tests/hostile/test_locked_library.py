"""`database is locked` (issue 12, item 4): another process holds the write lock; a star
made meanwhile neither freezes the app nor is lost. It waits (the status line says so), is
retried, and lands when the lock frees."""

from __future__ import annotations

import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tidings.storage import Library
from tidings.storage import library as library_module
from tidings.tui.app import keep_waiting_writes
from tidings.tui.writer import pending_path
from tests.app.conftest import build_library, make_app, notices, screen_text
from tests.support import REPO

HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("begin immediate")
    conn.execute("update feeds set title = title")
    print("locked", flush=True)
    sys.stdin.readline()  # until the test lets go
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
        holder = hold_lock(library_path)
        await pilot.press("s")
        await pilot.pause(0.8)
        assert "1 mark pending (library locked, retrying)" in screen_text(app)
        await pilot.press("j")  # the app still answers
        await pilot.pause()
        assert app.main.article_list.current != article
        assert holder.poll() is None  # ... while the lock is held: the UI did not wait for it
        release(holder)
        assert app.writes.flush(timeout=10)
        await pilot.pause()
        assert "mark pending" not in screen_text(app)
    library = Library.open(library_path)
    assert library.summary(article).starred  # the star was not lost
    library.close()


def hold_lock(path: Path) -> subprocess.Popen[str]:
    """Another process (a real one) holding the library's write lock until `release`."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert holder.stdout is not None and holder.stdout.readline().startswith("locked")
    return holder


def release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.close()
    assert holder.wait(timeout=20) == 0


def stored_notes(path: Path) -> list[tuple[str, str]]:
    library = Library.open(path)
    notes = [(n.quote, n.note) for _summary, kept in library.all_annotations() for n in kept]
    library.close()
    return notes


async def test_a_note_made_while_another_process_holds_the_lock_is_kept_and_written(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_MS", 300)
    build_library(library_path)
    app = make_app(library_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("enter", "right")
        quote = app.main.pane.selected_text
        holder = hold_lock(library_path)
        await pilot.press("a", *"kept", "ctrl+s")  # a highlight with a note
        await pilot.pause(0.8)
        assert "1 annotation pending (library locked, retrying)" in screen_text(app)
        assert app.main.pane.marks.annotations[0].note == "kept"  # shown while it waits
        await pilot.press("s")  # the app still answers: a star queues behind the note
        await pilot.pause()
        assert "1 annotation, 1 mark pending" in screen_text(app)
        assert "★" in screen_text(app).splitlines()[0][:4]  # the list shows the star already
        assert stored_notes(library_path) == []
        assert holder.poll() is None  # all this while the lock is held: the UI did not wait for it
        release(holder)
        assert app.writes.flush(timeout=10)
        await pilot.pause()
        assert "annotation pending" not in screen_text(app)
        assert "mark pending" not in screen_text(app)
    assert stored_notes(library_path) == [(quote, "kept")]  # the note was not lost


async def test_quitting_while_the_lock_is_held_keeps_the_note_for_the_next_start(
    library_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_MS", 300)
    build_library(library_path)
    kept = pending_path(library_path)
    app = make_app(library_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("enter", "right")
        quote = app.main.pane.selected_text
        holder = hold_lock(library_path)
        await pilot.press("a", *"for later", "ctrl+s")
        await pilot.pause(0.3)
        app.main.pane.blur()
        await pilot.press("escape", "q")  # quit waits for the write, and says so
        await pilot.pause()
        assert app.is_running and "quitting once written" in notices(app)
        await pilot.press("q")  # quit now
        await pilot.pause()
    keep_waiting_writes(app.writes, kept)  # what `tidings` does once the app has closed
    assert "1 annotation kept in" in capsys.readouterr().err
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stored_notes(library_path) == []
    release(holder)
    app = make_app(library_path)  # the next start writes it
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        assert app.writes.flush(timeout=10)
        await pilot.pause()
    assert stored_notes(library_path) == [(quote, "for later")]
    assert not kept.exists()
