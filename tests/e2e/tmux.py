"""A real terminal for end-to-end tests: tmux on a private socket, driven by send-keys."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path


class Terminal:
    """One tmux session running one command in a pane of a fixed size."""

    def __init__(self, command: list[str], *, env: dict[str, str], cwd: Path,
                 width: int = 160, height: int = 45) -> None:
        self.socket = f"tidings-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        # COLUMNS and LINES would override the pane's size (pytest-xdist's workers set 80x24).
        shell = f"cd {shlex.quote(str(cwd))} && env -u COLUMNS -u LINES {exports} {shlex.join(command)}"
        self._tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), shell)

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30,
            env={**os.environ, "TMUX": ""},
        )
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "main")

    def wait_until(self, check: Callable[[str], bool], what: str, timeout: float = 30.0) -> str:
        """The screen once check(screen) holds; AssertionError with the screen if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"never saw {what}; the screen was:\n{self.screen()}")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """The screen once it shows text."""
        return self.wait_until(lambda screen: text in screen, repr(text), timeout)

    def press(self, *keys: str, pause: float = 0.3) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", "main", key)
            time.sleep(pause)

    def pane_pid(self) -> int:
        """The process the pane runs (the command, once it has exec'd)."""
        return int(self._tmux("list-panes", "-t", "main", "-F", "#{pane_pid}").split()[0])

    def is_running(self) -> bool:
        return "main" in self._tmux("list-sessions", "-F", "#{session_name}")

    def wait_until_closed(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.is_running():
                return
            time.sleep(0.1)
        raise AssertionError(f"the app did not quit; the screen was:\n{self.screen()}")

    def close(self) -> None:
        self._tmux("kill-server")
