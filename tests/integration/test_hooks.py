"""Every command hook runs as an argument list: notify_command after a refresh (the command
line's, on the loopback server), "send to" commands and player_command. A title containing
`; rm -rf ~` or `$(...)` reaches the program as one literal argument, and no shell runs it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.integration.feedserver import FeedServer
from tests.support import run_tidings
from tidings.storage import ArticleIn, Library
from tidings.tui.hooks import HookError, expand, notify_new, play, send_to

RECORDER = """
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
files = {arg: pathlib.Path(arg).read_text() for arg in sys.argv[2:]
         if arg.startswith("/") and pathlib.Path(arg).is_file()}
with out.open("a") as handle:
    handle.write(json.dumps({"argv": sys.argv[2:], "files": files}) + "\\n")
"""


@pytest.fixture
def recorder(tmp_path: Path) -> tuple[list[str], Path]:
    script = tmp_path / "record.py"
    script.write_text(RECORDER)
    out = tmp_path / "calls.jsonl"
    return [sys.executable, str(script), str(out)], out


def calls(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []


def hostile(tmp_path: Path) -> list[str]:
    canary = tmp_path / "pwned"
    return [
        "Ferry; rm -rf ~",
        f"$(touch {canary}) and `touch {canary}`",
        "Quotes ' \" and {url} stay",
    ]


def test_placeholders_expand_in_one_pass() -> None:
    assert expand(["x", "--t={title}", "{url}", "{nope}", "{count} new"],
                  {"title": "{url}", "url": "https://a.example/"}) == [
        "x", "--t={url}", "https://a.example/", "{nope}", " new"]


def test_notify_command_after_a_refresh(
    feed_server: FeedServer, tmp_path: Path, recorder: tuple[list[str], Path]
) -> None:
    argv, out = recorder
    titles = hostile(tmp_path)
    items = "".join(
        f"<item><guid>g{n}</guid><title>{title.replace('&', '&amp;')}</title>"
        "<description>Text.</description></item>"
        for n, title in enumerate(titles)
    )
    url = feed_server.add("/feed.xml", "<?xml version='1.0'?><rss version='2.0'><channel>"
                          f"<title>Hooks</title>{items}</channel></rss>")
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "config.toml").write_text(
        "notify_command = " + json.dumps([*argv, "{count}", "{titles}"]) + "\n"
    )
    db = tmp_path / "lib.db"
    library = Library.open(db)
    library.add_feed(url)
    library.close()
    result = run_tidings("refresh", db=db, env={"TIDINGS_CONFIG_DIR": str(config_dir)})
    assert result.returncode == 0, result.stderr
    [call] = calls(out)
    assert call["argv"][0] == "3"
    assert sorted(call["argv"][1].split("\n")) == sorted(titles)  # one argument, literal
    assert not (tmp_path / "pwned").exists()

    again = run_tidings("refresh", "--all", db=db, env={"TIDINGS_CONFIG_DIR": str(config_dir)})
    assert again.returncode == 0 and len(calls(out)) == 1  # nothing new: no notification


def test_notify_only_for_a_saved_search(library: Library, recorder) -> None:  # type: ignore[no-untyped-def]
    argv, out = recorder
    feed = library.local_feed("Wire")
    ids = [library.store_article(feed, ArticleIn(guid=t, title=t, text=t)).id
           for t in ("Ferry strike", "Football", "Ferry fares")]
    library.save_search("ferries", "ferry")
    assert notify_new(library, [*argv, "{count}", "{titles}"], "ferries", ids, wait=10) == 2
    count, titles = calls(out)[0]["argv"]
    assert count == "2" and sorted(titles.split("\n")) == ["Ferry fares", "Ferry strike"]
    assert notify_new(library, argv, "ferries", [ids[1]], wait=10) == 0
    with pytest.raises(HookError, match="no saved search"):
        notify_new(library, argv, "missing", ids)


def test_send_to_and_player_commands(library: Library, tmp_path: Path, recorder) -> None:  # type: ignore[no-untyped-def]
    argv, out = recorder
    feed = library.local_feed("Wire")
    for n, title in enumerate(hostile(tmp_path)):
        article = library.store_article(feed, ArticleIn(
            guid=str(n), title=title, text=f"Body of {title}", url=f"https://x.example/{n}?a=1&b=2",
        )).id
        assert send_to(library, article, [*argv, "{title}", "{url}", "{text_file}"], wait=10) == 0
        call = calls(out)[-1]
        assert call["argv"][:2] == [title, f"https://x.example/{n}?a=1&b=2"]
        text_path = call["argv"][2]
        assert call["files"][text_path] == f"Body of {title}"
        assert not Path(text_path).exists()  # removed once the program exited

        assert play("https://media.example/ep.mp3", [*argv, "--title={title}", "{url}"],
                    title=title, wait=10)
        assert calls(out)[-1]["argv"] == [f"--title={title}", "https://media.example/ep.mp3"]
    assert play("https://media.example/ep.mp3", argv, wait=10)  # no {url}: appended
    assert calls(out)[-1]["argv"] == ["https://media.example/ep.mp3"]
    before = len(calls(out))
    assert not play("file:///etc/passwd", argv, wait=10)
    assert not play("javascript:alert(1)", argv, wait=10)
    assert len(calls(out)) == before
    assert not (tmp_path / "pwned").exists()
    with pytest.raises(HookError, match="cannot run"):
        send_to(library, article, [str(tmp_path / "no-such-program"), "{url}"])


def test_a_hook_dies_with_tidings(tmp_path: Path) -> None:
    """SIGKILL the process that started a hook: the hook's program is gone 2 s later."""
    import os
    import signal
    import subprocess
    import time

    pid_file = tmp_path / "child.pid"
    hook = tmp_path / "hook.py"
    hook.write_text("import os, sys, time\n"
                    "open(sys.argv[1], 'w').write(str(os.getpid()))\ntime.sleep(120)\n")
    starter = tmp_path / "starter.py"
    starter.write_text(
        "import sys, time\n"
        "from tidings.tui.hooks import run\n"
        f"run([sys.executable, {str(hook)!r}, {str(pid_file)!r}])\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, str(starter)])
    try:
        for _ in range(100):
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.1)
        child = int(pid_file.read_text())
        os.kill(child, 0)  # running
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    time.sleep(2)
    try:
        os.kill(child, 0)
    except ProcessLookupError:
        return
    os.kill(child, signal.SIGKILL)
    raise AssertionError(f"hook process {child} outlived its parent")
