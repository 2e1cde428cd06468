"""Where an account's password (or API token) comes from at sync time; it is never stored.

"command": run the stored command line as an argument list (shlex.split, never a shell) and
use the first line of its standard output, like newsboat's `*-passwordeval`.
"file": the first line of a file. "env": the TIDINGS_PASSWORD environment variable.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from tidings.ingest.sync.base import SyncError
from tidings.storage.records import Account

ENV_VAR = "TIDINGS_PASSWORD"
COMMAND_TIMEOUT = 60.0


def _first_line(value: str) -> str:
    lines = value.splitlines()
    return lines[0] if lines else ""


def run_password_command(command: str) -> str:
    """The first line the command prints; SyncError if it cannot run, fails or prints none.
    It may not outlive its deadline (no preexec hook: the app calls this with threads running)."""
    try:
        argv = shlex.split(command)
    except ValueError as error:
        raise SyncError(f"the password command cannot be parsed: {error}") from None
    if not argv:
        raise SyncError("the password command is empty")
    try:
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise SyncError(f"the password command {argv[0]!r} was not found") from None
    except PermissionError:
        raise SyncError(f"the password command {argv[0]!r} cannot be run") from None
    except subprocess.TimeoutExpired:
        raise SyncError(f"the password command {argv[0]!r} took over {COMMAND_TIMEOUT:.0f} s") from None
    if done.returncode != 0:
        raise SyncError(f"the password command {argv[0]!r} failed (exit {done.returncode})")
    secret = _first_line(done.stdout.decode("utf-8", "replace"))
    if not secret:
        raise SyncError(f"the password command {argv[0]!r} printed nothing")
    return secret


def read_password_file(path: str) -> str:
    try:
        secret = _first_line(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise SyncError(f"cannot read the password file {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise SyncError(f"the password file {path} is not UTF-8 text") from None
    if not secret:
        raise SyncError(f"the password file {path} is empty")
    return secret


def secret_for(account: Account) -> str:
    """The account's secret, fetched now from where the account says it comes from."""
    if account.secret_source == "command":
        return run_password_command(account.secret_ref or "")
    if account.secret_source == "file":
        return read_password_file(account.secret_ref or "")
    secret = os.environ.get(ENV_VAR, "")
    if not secret:
        raise SyncError(f"{ENV_VAR} is not set (account {account.name!r} reads its password from it)")
    return secret
