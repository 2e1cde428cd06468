"""Run a throw-away tt-rss (start.sh) for as long as the process that asked for it lives.

usage: supervise.py DIR PORT [REMOVE]   (as root; env as start.sh's)

PostgreSQL and PHP's server outlive whoever started them: a test session killed mid-run
(SIGKILL leaves no `finally`) used to leave them running. This supervisor runs start.sh, says
`ready URL` (or `failed: why`) on stdout, then waits on stdin, a pipe whose other end only its
caller holds: a line `stop`, end of file (the caller died, with whatever signal) or a new
parent process all mean the same. It then stops a start.sh still running, runs stop.sh DIR and
removes REMOVE (a folder) if given. It runs in a session of its own, so a signal sent to the
caller's process group does not stop it before it has cleaned up.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
POLL_SECONDS = 0.5  # how often a parent change is looked for while stdin stays quiet


def caller_gone(parent: int, timeout: float | None) -> bool:
    """True once stdin says stop or ends, or our parent changed; False on timeout."""
    ready, _, _ = select.select([sys.stdin], [], [], timeout)
    if ready:
        return True  # "stop", or end of file
    return os.getppid() != parent


def main() -> int:
    folder, port = sys.argv[1], sys.argv[2]
    remove = sys.argv[3] if len(sys.argv) > 3 else None
    parent = os.getppid()
    starting = subprocess.Popen(
        [str(HERE / "start.sh"), folder, port], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )
    try:
        while starting.poll() is None:
            if caller_gone(parent, POLL_SECONDS):
                os.killpg(starting.pid, signal.SIGKILL)
                starting.wait()
                return cleanup(folder, remove)
        out, err = starting.communicate()
        if starting.returncode != 0:
            print(f"failed: {' '.join(err.split())[-500:]}", flush=True)
            return cleanup(folder, remove)
        url = next((line.split("=", 1)[1] for line in out.splitlines()
                    if line.startswith("TTRSS_API_URL=")), "")
        print(f"ready {url}", flush=True)
        while not caller_gone(parent, POLL_SECONDS):
            pass
    finally:
        if starting.poll() is None:
            os.killpg(starting.pid, signal.SIGKILL)
    return cleanup(folder, remove)


def cleanup(folder: str, remove: str | None) -> int:
    if (Path(folder) / "state.env").exists():
        subprocess.run([str(HERE / "stop.sh"), folder], capture_output=True, timeout=60)
    if remove:
        shutil.rmtree(remove, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
