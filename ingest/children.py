"""Worker processes that start under any stderr and die with the process that started them.

Two failures this prevents. Under Textual, `sys.stderr` is a capture whose `fileno()` is -1;
multiprocessing passes that number to its resource tracker and the first worker process then
fails with "bad value(s) in fds_to_keep". And a worker waiting on its queue never notices that
its parent was killed (SIGKILL runs no clean-up): it, and the resource tracker it keeps alive,
would hold the library open for as long as the machine runs.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import resource_tracker
from multiprocessing.context import BaseContext
from typing import Any

PARENT_CHECK_SECONDS = 0.2
_PR_SET_PDEATHSIG = 1


def _stderr_usable() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.fileno() >= 0
    except Exception:  # noqa: BLE001 (io.UnsupportedOperation, ValueError on a closed file...)
        return False


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr (devnull if ours is captured).

    It is started once per process and reused, so worker pools started later, from any
    thread and under any stderr, need no file descriptor of the app's stderr.
    """
    if _stderr_usable():
        resource_tracker.ensure_running()
        return
    saved = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as null:
        sys.stderr = null
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent(parent: int) -> None:
    """In a child: exit as soon as `parent` is gone.

    Linux's PR_SET_PDEATHSIG sends SIGKILL when the parent's thread ends (immediately, even
    while the child is busy in C code); a watcher thread that notices the child was
    re-parented covers other systems and the thread subtlety.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before we got here
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="tidings-parent-watch",
                     daemon=True).start()


def _init_child(parent: int, initializer: Callable[..., Any] | None, args: tuple[Any, ...]) -> None:
    die_with_parent(parent)
    if initializer is not None:
        initializer(*args)


def process_pool(
    workers: int,
    context: BaseContext | None = None,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
) -> ProcessPoolExecutor:
    """A ProcessPoolExecutor whose workers die with this process and start under Textual."""
    start_resource_tracker()
    return ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_child,
        initargs=(os.getpid(), initializer, initargs),
    )
