"""End to end in a real terminal: import the sample, read it in the app, mark it, quit."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal
from tests.support import REPO, SAMPLE, SAMPLE_PUBLISHED, run_tidings

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed (make test installs it)"),
]


@pytest.fixture
def terminal_env(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "config"
    config.mkdir()
    return {"TIDINGS_CONFIG_DIR": str(config), "TERM": "xterm-256color", "LANG": "C.UTF-8"}


@pytest.fixture
def app_terminal(tmp_path: Path, terminal_env: dict[str, str]) -> Iterator[tuple[Terminal, Path]]:
    db = tmp_path / "lib.db"
    imported = run_tidings("import", str(SAMPLE), "--published", SAMPLE_PUBLISHED, db=db)
    assert imported.returncode == 0, imported.stderr
    terminal = Terminal([sys.executable, "-m", "tidings", "--db", str(db)], env=terminal_env, cwd=REPO)
    yield terminal, db
    terminal.close()


def quit_app(terminal: Terminal) -> None:
    """q in the pane goes back to the list, q in the list quits (as in newsboat)."""
    terminal.press("q", pause=1.0)
    if terminal.is_running():  # it was in the pane: now in the list
        terminal.press("q")
    terminal.wait_until_closed()


def test_read_star_and_quit_in_a_real_terminal(app_terminal: tuple[Terminal, Path]) -> None:
    terminal, db = app_terminal
    screen = terminal.wait_for("Russian and US diplomats will meet in Istanbul")
    assert "Russia-US talks set for Thursday" in screen
    assert "Also, read this" not in screen  # furniture stayed out of the body
    # The timeline arrives from the background enricher: the call and the talks' Thursday.
    screen = terminal.wait_for("27 Feb 2025", timeout=60)
    assert "12 Feb 2025" in screen

    terminal.press("s", "Enter")
    # The row shows the star, and the unread dot is gone.
    terminal.wait_until(
        lambda screen: "★" in screen.splitlines()[0] and "●" not in screen.splitlines()[0],
        "the first row starred and read",
    )
    quit_app(terminal)

    listed = json.loads(run_tidings("list", "--json", db=db).stdout)
    assert listed[0]["starred"] is True
    assert listed[0]["read"] is True


def test_entity_then_a_noted_highlight_survive_quitting(app_terminal: tuple[Terminal, Path]) -> None:
    terminal, db = app_terminal
    terminal.wait_for("27 Feb 2025", timeout=60)
    # Over to the sidebar's entities (list -> pane -> timeline -> entities) and choose the first.
    screen = terminal.wait_for("Sergei Lavrov")
    terminal.press("Tab", "Tab", "Tab", "Enter")
    # Back to the pane: select the first sentence, highlight it with a note, save.
    terminal.press("BTab", "BTab", "Right", "a")
    terminal.wait_for("ctrl+s save")
    terminal.press("talks matter", "C-s")
    terminal.wait_until(lambda s: "ctrl+s save" not in s, "the note editor closed")
    quit_app(terminal)

    shown = json.loads(run_tidings("show", "1", "--json", db=db).stdout)
    (note,) = shown["annotations"]
    assert note["note"] == "talks matter"
    first_sentence = shown["text"].split(". ")[0]
    assert note["quote"].startswith(first_sentence[:40])
    assert shown["text"][note["start"] : note["end"]] == note["quote"]
    assert "Sergei Lavrov" in screen
