"""Snapshots of the screens people see, on the pinned Textual (regenerate with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import make_app
from tidings.tui.config import Config


def test_main_screen(long_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(long_path), terminal_size=(160, 40))


def test_narrow_layout(long_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(long_path), terminal_size=(80, 24))


def test_narrow_layout_with_the_sidebar_over_the_pane(long_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(long_path), terminal_size=(80, 24), press=["t"])


def test_help_screen(long_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(long_path), terminal_size=(120, 60), press=["question_mark"])


def test_light_theme(long_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = make_app(long_path, Config(theme="tidings-light", mark_read_delay=60))
    assert snap_compare(app, terminal_size=(160, 40))
