"""End to end in a real terminal: the app open with auto-reload at a short interval, the
loopback server adds an item, and the new article appears without moving the cursor."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal
from tests.integration.feedserver import FeedServer
from tests.support import REPO, run_tidings

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed (make test installs it)"),
]


def rss(count: int) -> str:
    items = "".join(
        f"<item><guid>item-{n}</guid><title>Item number {n}</title>"
        f"<pubDate>Mon, 0{1 + n} Feb 2021 10:00:00 +0000</pubDate>"
        f"<description>Body of item {n}.</description></item>"
        for n in reversed(range(count))
    )
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Loop News</title>{items}"
            "</channel></rss>")


def list_line(screen: str, title: str) -> int:
    """The screen line where the list (left column) shows title."""
    for number, line in enumerate(screen.splitlines()):
        if title in line.split("│")[0]:
            return number
    raise AssertionError(f"{title!r} is not in the list:\n{screen}")


def pane_title(screen: str) -> str:
    """The reading pane's first line (the open article's title)."""
    first = screen.splitlines()[0] if screen else ""
    return first.split("│")[1] if "│" in first else ""


def test_auto_reload_shows_a_new_item_without_moving_the_cursor(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('auto_reload = "5s"\nmark_read_delay = 600\n')
    env = {"TIDINGS_CONFIG_DIR": str(config), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    db = tmp_path / "lib.db"
    with FeedServer() as server:
        url = server.add("/feed.xml", rss(3), conditional=False)
        added = run_tidings("add", url, "--interval", "10s", db=db, env=env)
        assert added.returncode == 0, added.stderr
        terminal = Terminal([sys.executable, "-m", "tidings", "--db", str(db)], env=env,
                            cwd=REPO, width=100, height=30)
        try:
            terminal.wait_for("Item number 0")
            terminal.press("j", "j")  # the cursor on the third row: Item number 0
            screen = terminal.wait_until(
                lambda s: "Item number 0" in pane_title(s), "the pane showing Item number 0"
            )
            line = list_line(screen, "Item number 0")

            server.add("/feed.xml", rss(4), conditional=False)  # a new item, newest of all
            screen = terminal.wait_for("Item number 3", timeout=60)
            screen = terminal.wait_for("1 new")
            assert list_line(screen, "Item number 3") < line  # at the top of the list
            assert "Item number 0" in pane_title(screen)  # still the open article
            terminal.press("s")  # the star lands on the article under the cursor
            terminal.wait_until(lambda s: "★" in s.splitlines()[list_line(s, "Item number 0")],
                                "the star on Item number 0")
            terminal.press("q")
            terminal.wait_until_closed()
        finally:
            terminal.close()
    listed = json.loads(run_tidings("list", "--json", db=db).stdout)
    assert [row["title"] for row in listed if row["starred"]] == ["Item number 0"]
    assert "Item number 3" in [row["title"] for row in listed]
