"""Files Tidings writes for the user (exports, OPML, the config): private and all-or-nothing.

A file is written to a temporary file beside it (same folder, so same file system), flushed
to disk, then renamed over the old one: on a full disk or a crash the old file stays whole.
What we write is the user's reading history and notes, so it is readable by them only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def write_private(path: Path, text: str) -> None:
    """Replace path with text atomically, mode 0600; OSError (the old file intact) if not."""
    path = Path(path)
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=PRIVATE_DIR, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, PRIVATE_FILE)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
