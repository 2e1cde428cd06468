"""Where a sync account's secret comes from: a command run without a shell, a file, or the
environment; each failure is one line that never holds the secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.ingest.sync.base import SyncError, check_server_url
from tidings.ingest.sync.secrets import secret_for
from tidings.storage.records import Account


def account(source: str, ref: str | None) -> Account:
    return Account(1, "home", "ttrss", "https://rss.example/", "me", source, ref, "", None, None)


def test_the_command_runs_as_an_argument_list_never_a_shell(tmp_path: Path) -> None:
    assert secret_for(account("command", "printf '%s\\n' 'pass word' 'second line'")) == "pass word"
    # no shell: $HOME and ; are plain arguments
    assert secret_for(account("command", "echo $HOME; rm -rf /")) == "$HOME; rm -rf /"
    with pytest.raises(SyncError, match="was not found"):
        secret_for(account("command", "no-such-command-here --x"))
    with pytest.raises(SyncError, match=r"failed \(exit 3\)"):
        secret_for(account("command", "sh -c 'echo s3cret; exit 3'"))
    with pytest.raises(SyncError, match="printed nothing"):
        secret_for(account("command", "true"))


def test_file_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pass"
    path.write_text("from a file\nignored\n")
    assert secret_for(account("file", str(path))) == "from a file"
    with pytest.raises(SyncError, match="cannot read the password file"):
        secret_for(account("file", str(tmp_path / "missing")))
    monkeypatch.setenv("TIDINGS_PASSWORD", "from the environment")
    assert secret_for(account("env", None)) == "from the environment"
    monkeypatch.delenv("TIDINGS_PASSWORD")
    with pytest.raises(SyncError, match="TIDINGS_PASSWORD is not set"):
        secret_for(account("env", None))


def test_server_urls_are_http_without_credentials() -> None:
    assert check_server_url("https://rss.example/tt-rss/") == "https://rss.example/tt-rss/"
    for bad in ("ftp://rss.example/", "file:///etc/passwd", "javascript:alert(1)",
                "https://me:pw@rss.example/", "https://me@rss.example/"):
        with pytest.raises(ValueError):
            check_server_url(bad)
