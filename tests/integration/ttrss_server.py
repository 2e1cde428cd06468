"""A real Tiny Tiny RSS server for the sync tests and benchmarks: started with the scripts in
tests/services/ttrss/ (private PostgreSQL + PHP's built-in server on 127.0.0.1), stopped by
the PIDs they recorded, and driven through its JSON API as another device would."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from tests.support import REPO

SCRIPTS = REPO / "tests" / "services" / "ttrss"
INSTALLED = Path("/usr/share/tt-rss/www")
USER, PASSWORD = "admin", "password"
START_SECONDS = 180


def unavailable() -> str | None:
    """Why a tt-rss server cannot be started here, or None."""
    if not INSTALLED.is_dir():
        return "tt-rss is not installed (make test installs it with apt-get; see tests/services/ttrss)"
    if os.geteuid() != 0:
        return "tt-rss's start script needs root (it runs PostgreSQL and PHP as their own users)"
    return None


def _free_pair() -> int:
    """A port p with p and p+1 (PostgreSQL) both free on 127.0.0.1."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port >= 65535:
            continue
        with socket.socket() as second:
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two free ports in a row")


class TtRss:
    """One running server: `api(op, **params)` as the admin user, `stop()` by PID.

    It runs under tests/services/ttrss/supervise.py, which stops it (and removes `remove`)
    as soon as this process ends, even by SIGKILL: no PostgreSQL outlives the test session."""

    def __init__(self, folder: Path, remove: Path | None = None) -> None:
        self.folder = folder
        port = _free_pair()
        self.supervisor = subprocess.Popen(
            [sys.executable, str(SCRIPTS / "supervise.py"), str(folder), str(port),
             *([str(remove)] if remove else [])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, start_new_session=True,
            env={**os.environ, "PGPORT": str(port + 1)},
        )
        assert self.supervisor.stdout is not None
        ready, _, _ = select.select([self.supervisor.stdout], [], [], START_SECONDS)
        answer = self.supervisor.stdout.readline().strip() if ready else "failed: timed out"
        if not answer.startswith("ready "):
            self._end_supervisor()
            raise RuntimeError(f"tt-rss did not start: {answer}")
        self.url = f"http://127.0.0.1:{port}/"
        self.api_url = self.url + "api/"
        self.client = httpx.Client(timeout=120)
        self.sid = self.api("login", user=USER, password=PASSWORD)["session_id"]

    def pids(self) -> list[int]:
        """The server's processes as start.sh recorded them (PostgreSQL's postmaster, PHP)."""
        state = dict(line.split("=", 1) for line in
                     (self.folder / "state.env").read_text().splitlines() if "=" in line)
        return [int(state[key]) for key in ("TTRSS_PG_PID", "TTRSS_PHP_PID") if state.get(key)]

    def api(self, op: str, **params: Any) -> Any:
        body = {"op": op, **params}
        if op != "login":
            body["sid"] = self.sid
        answer = json.loads(self.client.post(self.api_url, json=body).content)
        assert answer["status"] == 0, answer
        return answer["content"]

    def subscribe(self, url: str) -> int:
        """Subscribe on the server and let tt-rss fetch the feed now."""
        feed_id = int(self.api("subscribeToFeed", feed_url=url, category_id=0)["status"]["feed_id"])
        self.update(feed_id)
        return feed_id

    def update(self, feed_id: int) -> None:
        assert self.api("updateFeed", feed_id=feed_id)["status"] == "OK"

    def headlines(self, feed_id: int = -4) -> dict[str, dict[str, Any]]:
        """Every article of a feed by title, as getHeadlines shows it."""
        rows: list[dict[str, Any]] = []
        while True:
            page = self.api("getHeadlines", feed_id=feed_id, view_mode="all_articles",
                            limit=200, skip=len(rows))
            rows += page
            if len(page) < 200:
                return {row["title"]: row for row in rows}

    def set(self, article_id: int, *, read: bool | None = None, starred: bool | None = None) -> None:
        if read is not None:
            self.api("updateArticle", article_ids=str(article_id), field=2, mode=int(not read))
        if starred is not None:
            self.api("updateArticle", article_ids=str(article_id), field=0, mode=int(starred))

    def stop(self) -> None:
        """Stop it (the supervisor runs stop.sh); a second call does nothing."""
        if self.client.is_closed:
            return
        self.client.close()
        self._end_supervisor()

    def _end_supervisor(self) -> None:
        assert self.supervisor.stdin is not None
        try:
            self.supervisor.stdin.write("stop\n")
            self.supervisor.stdin.close()
        except BrokenPipeError:
            pass
        self.supervisor.wait(timeout=90)
