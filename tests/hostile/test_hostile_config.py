"""A hostile config file (issue 12, item 6): reported in one plain line, defaults stand in,
no traceback; and the app says in its exit status when it crashed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.storage import Library
from tidings.tui import app as app_module
from tidings.tui.config import Config, load_config
from tests.support import run_tidings

DEEP = "x = " + "[" * 5000 + "]" * 5000 + "\n"


def test_arrays_5000_deep_are_reported_and_defaults_stand_in(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(DEEP)
    config, problems = load_config(path)
    assert config == Config()
    assert problems == [f"{path}: nested too deeply to read; using defaults"]


def test_markup_and_escapes_in_keys_and_values_are_quoted_plainly(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "[/oops]"\n"[/x]" = 1\n"\\u001b[2J" = "\\u009b31m"\nsort = "\\u001b]0;t"\n')
    config, problems = load_config(path)
    assert config.theme == "[/oops]"  # a string: the app reports it as an unknown theme
    assert any("[/x] is not a setting" in p for p in problems)
    assert all(c.isprintable() for p in problems for c in p)


def test_tidings_config_reports_a_deep_file_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(DEEP)
    result = run_tidings("config", env={"TIDINGS_CONFIG_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "nested too deeply" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "config.toml").write_text('theme = "\\u001b[2Jx"\n')
    result = run_tidings("config", env={"TIDINGS_CONFIG_DIR": str(tmp_path)})
    assert "\x1b" not in result.stdout and 'theme = "\\u001b[2Jx"' in result.stdout


def test_the_app_exits_non_zero_after_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIDINGS_CONFIG_DIR", str(tmp_path))
    original_run = app_module.TidingsApp.run

    def crash_on_mount(self: app_module.TidingsApp) -> None:
        raise RuntimeError("boom")

    def headless_run(self: app_module.TidingsApp, **options: object) -> object:
        return original_run(self, headless=True)

    monkeypatch.setattr(app_module.TidingsApp, "on_mount", crash_on_mount)
    monkeypatch.setattr(app_module.TidingsApp, "run", headless_run)
    with pytest.raises(SystemExit) as exited:
        app_module.run_app(Library.open(tmp_path / "lib.db"))
    assert exited.value.code not in (0, None)
