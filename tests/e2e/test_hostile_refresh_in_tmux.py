"""300 feeds on the loopback server, a few of them hostile, refreshed with `r` in a real
terminal (issue 12, High 1-3): the app stays up, starts its worker processes under Textual's
captured stderr, stores every good feed, and `F` lists the failures as plain text."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from tidings.storage import Library
from tests.e2e.tmux import Terminal
from tests.integration.feedserver import FeedServer
from tests.integration.test_feeds_refresh import ITEM, rss
from tests.support import REPO

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed (make test installs it)"),
]

GOOD = 296
CLICK = "[@click=app.screenshot('x.svg','/tmp')]x"


def test_r_with_300_feeds_and_hostile_ones_in_a_real_terminal(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    db = tmp_path / "lib.db"
    with FeedServer() as server:
        library = Library.open(db)
        for i in range(GOOD):
            items = [{**ITEM, "guid": f"{i}-{n}", "title": f"Story {n} of feed {i}",
                      "link": f"https://harbour.example/{i}/{n}"} for n in range(2)]
            library.add_feed(server.add(f"/feed{i}.xml", rss(items, title=f"Feed {i}")))
        huge_title = "Huge " + "T" * (5 * 2**20)
        library.add_feed(server.add("/huge-title.xml", rss(
            [{**ITEM, "guid": "huge", "title": "Under a huge feed title",
              "link": "https://harbour.example/huge"}],
            title=huge_title)))
        library.add_feed(server.respond("/broken", 500, "Broken [/] closing"),
                         title="Unbalanced [/] title")
        library.add_feed(server.respond("/click", 500, CLICK), title="[b]Clicky feed")
        library.add_feed(server.respond("/busy", 503, "Busy",
                                        headers={"Retry-After": "9" * 30}), title="[/busy]")
        assert library.count_feeds() == 300
        library.close()

        env = {"TIDINGS_CONFIG_DIR": str(config), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        terminal = Terminal([sys.executable, "-m", "tidings", "--db", str(db)], env=env,
                            cwd=REPO, width=160, height=45)
        try:
            terminal.wait_for("0 shown")
            terminal.press("r")
            deadline = time.monotonic() + 240
            library = Library.open(db)
            while time.monotonic() < deadline:
                fetched = library.db.execute(
                    "select count(*) from feeds where last_fetched is not null").fetchone()[0]
                if fetched == 300:
                    break
                assert terminal.is_running(), terminal.screen()
                time.sleep(0.5)
            screen = terminal.wait_until(lambda s: "refreshing" not in s, "the refresh ending",
                                         timeout=60)
            assert terminal.is_running(), screen
            stored = {row["title"]: row["articles"] for row in library.feeds_overview()}
            assert sum(1 for i in range(GOOD) if stored.get(f"Feed {i}") == 2) == GOOD
            assert any(title.startswith("Huge TTT") and len(title) <= 500 and count == 1
                       for title, count in stored.items())
            failed = {row["title"] for row in library.failed_feeds()}
            assert failed == {"Unbalanced [/] title", "[b]Clicky feed", "[/busy]"}
            library.close()

            terminal.press("F")
            screen = terminal.wait_for("Feeds that failed · 3", timeout=20)
            for text in ("Unbalanced [/] title", "HTTP 500 Broken [/] closing", "[b]Clicky feed",
                         "HTTP 500 [@click=app.screenshot('x.svg','/tmp')]x", "[/busy]",
                         "HTTP 503 Busy, retry after 604800 s"):
                assert text in screen, text
            terminal.press("Escape", "q")
            terminal.wait_until_closed(timeout=20)
        finally:
            terminal.close()
    assert not list(tmp_path.glob("**/x.svg")) and not Path("/tmp/x.svg").exists()
