"""Paths and helpers the tests share (fixtures are in conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "istanbul-talks.txt"
SAMPLE_PUBLISHED = "2025-02-26"


def private_copy(library: Path, tmp_path: Path) -> Path:
    """A copy of a library a module built once, for one test to change as it likes."""
    copy = tmp_path / library.name
    shutil.copy(library, copy)
    return copy


def run_tidings(
    *args: str,
    db: Path | None = None,
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the `tidings` command as a user would, in a subprocess."""
    command = [sys.executable, "-m", "tidings"]
    if db is not None:
        command += ["--db", str(db)]
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        command + list(args), capture_output=True, text=True, input=input, env=full_env,
        timeout=120,
    )
