"""`tidings sync` in a real terminal: a progress bar while a slow server answers, then the
per-account line and the one-line summary (the bar is gone)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal
from tests.integration.sync_servers import GoogleReaderServer
from tests.support import REPO, run_tidings

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed (make test installs it)"),
]


def test_sync_shows_a_progress_bar_then_a_summary(tmp_path: Path) -> None:
    with GoogleReaderServer("freshrss") as server:
        feed = server.data.add_feed("World News", "https://example.com/world.xml")
        for n in range(30):
            server.data.add_entry(feed, f"Story {n}")
        db = tmp_path / "lib.db"
        env = {"TIDINGS_PASSWORD": server.password}
        added = run_tidings("account", "add", "home", "--kind", "greader", "--url", server.url,
                            "--user", server.user, db=db, env=env)
        assert added.returncode == 0, added.stderr
        server.delay = 0.4
        config = tmp_path / "config"
        config.mkdir()
        terminal = Terminal(
            ["sh", "-c", f"{sys.executable} -m tidings --db {db} sync; echo EXIT=$?; sleep 30"],
            env={**env, "TIDINGS_CONFIG_DIR": str(config), "TERM": "xterm-256color",
                 "LANG": "C.UTF-8"},
            cwd=REPO, width=100, height=20,
        )
        try:
            # the bar names the account, its stage and the articles so far
            terminal.wait_until(lambda screen: "syncing" in screen and "home:" in screen,
                                "the progress bar", timeout=60)
            screen = terminal.wait_for("EXIT=", timeout=90)
            assert "EXIT=0" in screen
            assert "home: 30 new articles" in screen
            assert "1 of 1 accounts synced; 30 new articles" in screen
            assert "syncing" not in screen  # the bar went away
        finally:
            terminal.close()
