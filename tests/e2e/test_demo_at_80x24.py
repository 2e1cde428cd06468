"""Issue 13 in a real terminal (tmux, private socket) at 80x24: the demo opens with nothing
marked read, each title readable (40 characters at least), an article opens full width with
its text, and the sidebar comes over it and goes away again."""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal
from tests.support import REPO, run_tidings

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed (make test installs it)"),
]

DEMO = sorted((REPO / "demo").glob("*.md"))


def unread(db: Path) -> int:
    return sum(not a["read"] for a in json.loads(run_tidings("list", "--json", db=db).stdout))


def test_the_demo_at_80x24(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    imported = run_tidings("import", "--feed", "Tidings demo", *map(str, DEMO), db=db)
    assert imported.returncode == 0, imported.stderr
    titles = [line.split("\t", 1)[1] for line in imported.stdout.splitlines()]
    config = tmp_path / "config"
    config.mkdir()
    env = {"TIDINGS_CONFIG_DIR": str(config), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    terminal = Terminal([sys.executable, "-m", "tidings", "--db", str(db)], env=env, cwd=REPO,
                        width=80, height=24)
    try:
        screen = terminal.wait_for(f"{len(titles)} shown")
        for title in titles:  # each row shows at least 40 characters of its title
            assert title[:40] in screen, f"{title[:40]!r} not on\n{screen}"
        time.sleep(4)  # longer than the default mark_read_delay: still nothing read
        assert unread(db) == len(titles)
        assert f"{len(titles)} unread" in terminal.screen()

        terminal.press("Enter")
        screen = terminal.wait_for("demo.tidings.invalid")  # the article's address, full width
        first = screen.splitlines()[0].strip()
        assert first in titles
        assert not any(line.startswith("●") for line in screen.splitlines())  # the list made way
        body_lines = [line for line in screen.splitlines()[4:20] if line.strip()]
        assert len(body_lines) >= 5  # its text

        terminal.press("t")
        screen = terminal.wait_for("Timeline ·")
        assert "demo.tidings.invalid" not in screen  # over the pane
        terminal.press("t")
        screen = terminal.wait_until(lambda s: "Timeline ·" not in s and "demo.tidings.invalid" in s,
                                     "the sidebar closed and the article back")
        terminal.press("q")  # back to the list
        # the list's keys again and the article gone (the footer may be drawn a frame before the pane)
        screen = terminal.wait_until(lambda s: "⏎ Open" in s and "demo.tidings.invalid" not in s,
                                     "the list back in place of the article")
        assert all(title[:40] in screen for title in titles)
        terminal.press("q")
        terminal.wait_until_closed()
    finally:
        terminal.close()
    assert unread(db) == len(titles) - 1  # only the one opened
