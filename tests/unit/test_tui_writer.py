"""The writer's kept file (tui/writer.py): what the app could not write before it quit is read
back whole, and a damaged or hostile file is moved aside with a one-line notice, never run."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tidings.storage import Library
from tidings.tui.writer import LibraryWriter, load_kept, pending_path


def test_waiting_writes_are_kept_privately_and_read_back(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.db")
    writer = LibraryWriter(library, lambda: None)  # not started: everything waits
    writer.mark([3, 4], read=True)
    writer.add("annotate", 3, 0, 9, note="[b]who[/b]")
    writer.add("prioritise", [3], [4], 5)  # not the user's data: not kept
    path = pending_path(library.path)
    assert writer.keep(path) == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    kept, problem = load_kept(path)
    assert problem is None
    assert [(w.action, w.args, w.kwargs) for w in kept] == [
        ("mark", ([3, 4],), {"read": True, "starred": None}),
        ("annotate", (3, 0, 9), {"note": "[b]who[/b]"}),
    ]
    library.close()


@pytest.mark.parametrize("text", [
    "[" * 100_000,
    '[{"action": "close", "args": [], "kwargs": {}}]',
    '[{"action": "prioritise", "args": [[1], [], 1], "kwargs": {}}]',
    '[{"action": "mark", "args": 5, "kwargs": {}}]',
    '{"action": "mark"}',
    "\x00\xff not json",
    b"\xff\xfe[]",
])
def test_a_damaged_or_hostile_kept_file_is_moved_aside_not_run(
    tmp_path: Path, text: str | bytes
) -> None:
    path = tmp_path / "lib.db.pending-writes.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    kept, problem = load_kept(path)
    assert kept == [] and problem is not None and "\n" not in problem
    assert not path.exists() and path.with_name(path.name + ".damaged").exists()


def test_no_kept_file_is_nothing_to_do(tmp_path: Path) -> None:
    assert load_kept(tmp_path / "absent.json") == ([], None)
