"""A terminal that goes away without a hang-up signal: the app quits and keeps what was done.

Closing a window or losing an SSH connection normally sends SIGHUP, which ends the app. Under
`make run`, `nohup` or a wrapper that does not pass the signal on, none arrives: the terminal is
simply gone, and Textual's input thread then reads end-of-file in a loop on a full core. The
app has to notice by itself, quit, and save what the user did.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal
from tests.support import REPO, SAMPLE, SAMPLE_PUBLISHED, run_tidings

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed (make test installs it)"),
]

# The app, with SIGHUP ignored (as under nohup): the exec keeps the signal ignored.
IGNORING_HANGUPS = (
    "import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_IGN); "
    "os.execv(sys.executable, [sys.executable, '-m', 'tidings', '--db', sys.argv[1]])"
)


def ended(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status  # ended, waiting to be reaped by whoever adopted it


def test_the_app_quits_when_its_terminal_is_gone_and_keeps_the_star(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    imported = run_tidings("import", str(SAMPLE), "--published", SAMPLE_PUBLISHED, db=db)
    assert imported.returncode == 0, imported.stderr
    config = tmp_path / "config"
    config.mkdir()
    env = {"TIDINGS_CONFIG_DIR": str(config), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    terminal = Terminal([sys.executable, "-c", IGNORING_HANGUPS, str(db)], env=env, cwd=REPO,
                        width=120, height=40)
    try:
        terminal.wait_for("Russia-US talks set for Thursday")
        pid = terminal.pane_pid()
        terminal.press("s")
        terminal.wait_until(lambda screen: "★" in screen.splitlines()[0], "the first row starred")
    finally:
        terminal.close()  # the terminal goes; the app is sent no signal it heeds
    deadline = time.monotonic() + 20
    while not ended(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if not ended(pid):
        os.kill(pid, 9)
        pytest.fail("the app kept running after its terminal was gone")
    listed = json.loads(run_tidings("list", "--json", db=db).stdout)
    assert listed[0]["starred"] is True
