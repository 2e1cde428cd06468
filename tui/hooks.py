"""Commands the user configured: `notify_command` after a refresh, `player_command` for
enclosures, and the "send to" commands of the palette.

Each is an argument list, run without a shell: placeholders (`{url}`, `{title}`,
`{text_file}`, `{count}`, `{titles}`, `{feed}`, `{id}`) are replaced inside single arguments,
in one pass, so a title such as `; rm -rf ~` or `$(reboot)` reaches the program as one literal
argument and a title containing `{url}` is not expanded again. The programs die with Tidings
(PR_SET_PDEATHSIG on Linux, set before the program starts) and are reaped in the background.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from tidings.storage import Library, NotFound

PLACEHOLDER = re.compile(r"\{(url|title|text_file|count|titles|feed|id)\}")
MAX_TITLES = 20
MAX_TITLE_CHARS = 200
_PR_SET_PDEATHSIG = 1


class HookError(Exception):
    """A command that could not be started; the message is one line."""


def expand(argv: Iterable[str], values: Mapping[str, str]) -> list[str]:
    """The argument list with placeholders replaced (unknown or missing ones left empty)."""
    return [PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), part) for part in argv]


# On Linux a hook starts as a tiny Python that asks for SIGTERM when Tidings dies, then
# becomes the program (exec keeps the request). Not preexec_fn: code between fork and exec is
# unsafe while the app's threads hold locks.
_TRAMPOLINE = (
    "import ctypes, os, signal, sys\n"
    "try:\n"
    f"    ctypes.CDLL(None).prctl({_PR_SET_PDEATHSIG}, signal.SIGTERM, 0, 0, 0)\n"
    "except (OSError, AttributeError):\n"
    "    pass\n"
    "if os.getppid() != int(sys.argv[1]):\n"
    "    sys.exit(1)\n"
    "os.execvp(sys.argv[2], sys.argv[2:])\n"
)


def _command(argv: list[str]) -> list[str]:
    """argv as started: through the trampoline on Linux; HookError if it cannot be found."""
    program = argv[0]
    if not (os.sep in program and os.access(program, os.X_OK)) and shutil.which(program) is None:
        raise HookError(f"cannot run {program!r}: no such program")
    if sys.platform.startswith("linux"):
        return [sys.executable, "-I", "-S", "-c", _TRAMPOLINE, str(os.getpid()), *argv]
    return argv


def run(argv: list[str], *, wait: float | None = None, cleanup: Path | None = None) -> int | None:
    """Start argv (no shell, no terminal I/O); wait up to `wait` seconds for its exit code,
    else reap it in the background. `cleanup` is deleted once it has exited.

    Start it from a thread that outlives it (the UI thread, the command line's main thread):
    the kernel's parent-death signal follows the starting thread.
    """
    if not argv or not argv[0]:
        raise HookError("an empty command")
    try:
        process = subprocess.Popen(
            _command(argv), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, close_fds=True,
        )
    except OSError as error:
        raise HookError(f"cannot run {argv[0]!r}: {error.strerror or error}") from None

    def reap() -> int:
        code = process.wait()
        if cleanup is not None:
            cleanup.unlink(missing_ok=True)
        return code

    if wait is not None:
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            pass
        else:
            return reap()
    threading.Thread(target=reap, name="tidings-hook-reaper", daemon=True).start()
    return None


def text_file(text: str) -> Path:
    """The article's text in a private temporary file (0600) for `{text_file}`."""
    descriptor, name = tempfile.mkstemp(prefix="tidings-", suffix=".txt")
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    return Path(name)


def send_to(library: Library, article_id: int, argv: list[str],
            wait: float | None = None) -> int | None:
    """Run a "send to" command on an article (its text file made only if the command uses it)."""
    article = library.article(article_id)
    values = {"url": article.url or "", "title": article.title, "feed": article.feed,
              "id": str(article.id)}
    made = None
    if any("{text_file}" in part for part in argv):
        made = text_file(article.text)
        values["text_file"] = str(made)
    try:
        return run(expand(argv, values), wait=wait, cleanup=made)
    except HookError:
        if made is not None:
            made.unlink(missing_ok=True)
        raise


def notify_new(
    library: Library, argv: list[str], search: str, new_ids: Iterable[int],
    wait: float | None = None,
) -> int:
    """Run notify_command for the new articles matching the saved search `search` (every new
    article that is not hidden when empty). Returns how many matched (0: nothing run)."""
    new = set(new_ids)
    if not argv or not new:
        return 0
    if search:
        saved = {item.name: item.query for item in library.saved_searches(counts=False)}
        if search not in saved:
            raise HookError(f"notify_search: no saved search called {search!r}")
        wanted = [i for i in library.find_ids(saved[search]) if i in new]
    else:
        wanted = sorted(library.not_hidden(new), reverse=True)
    if not wanted:
        return 0
    titles = []
    for article_id in wanted[:MAX_TITLES]:
        try:
            titles.append(" ".join(library.summary(article_id).title.split())[:MAX_TITLE_CHARS])
        except NotFound:
            continue
    run(expand(argv, {"count": str(len(wanted)), "titles": "\n".join(titles)}), wait=wait)
    return len(wanted)


def play(url: str, argv: list[str], title: str = "", wait: float | None = None) -> bool:
    """Open an enclosure with player_command (`{url}`, `{title}`), else the browser; http(s)
    only. False when nothing could open it."""
    from tidings.tui.links import is_web_url, open_in_browser

    if not is_web_url(url):
        return False
    if not argv:
        return open_in_browser(url)
    arguments = expand(argv, {"url": url, "title": title})
    if not any("{url}" in part for part in argv):
        arguments.append(url)
    run(arguments, wait=wait)
    return True
