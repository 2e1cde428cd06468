"""The config file: defaults, every setting, problems named by line, saving the theme."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tidings.tui.cli import cli
from tidings.tui.config import Config, load_config, save_setting


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml") == (Config(), [])


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'theme = "nord"\nmark_read_delay = 1\nsort = "oldest"\nrefresh_concurrency = 4\n'
        'default_view = "unread"\n[keymap]\n"app.next" = "x,down"\n',
    )
    config, problems = load_config(path)
    assert problems == []
    assert config == Config("nord", {"app.next": "x,down"}, 1.0, "oldest", 4, "unread")


def test_bad_values_are_named_by_line_and_fall_back(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nsort = "sideways"\n\nrefresh_concurrency = true\nspeed = 3\n')
    config, problems = load_config(path)
    assert config.theme == "nord"  # the good setting is kept
    assert config.sort == "newest" and config.refresh_concurrency == 64
    assert problems == [
        f"{path}, line 2: sort has a bad value 'sideways'; using the default",
        f"{path}, line 4: refresh_concurrency has a bad value True; using the default",
        f"{path}, line 5: speed is not a setting; using the default",
    ]


def test_a_broken_file_gives_its_line_and_defaults(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, 'theme = "nord"\nsort = \n'))
    assert config == Config()
    assert len(problems) == 1 and "line 2" in problems[0] and "using defaults" in problems[0]


def test_saving_the_theme_keeps_every_other_line(tmp_path: Path) -> None:
    path = write(tmp_path, '# mine\ntheme = "nord"\nsort = "oldest"\n[keymap]\n"app.next" = "x"\n')
    save_setting("theme", "tidings-light", path)
    assert path.read_text() == (
        '# mine\ntheme = "tidings-light"\nsort = "oldest"\n[keymap]\n"app.next" = "x"\n'
    )
    fresh = tmp_path / "new" / "config.toml"
    save_setting("theme", "nord", fresh)
    write(tmp_path, '[keymap]\n"app.next" = "x"\n')
    save_setting("theme", "nord", path)
    assert load_config(fresh)[0].theme == "nord"
    assert load_config(path)[0] == Config("nord", {"app.next": "x"})


def test_tidings_config_path_prints_the_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TIDINGS_CONFIG_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["config", "--path"])
    assert result.exit_code == 0
    assert result.output.strip() == str(tmp_path / "config.toml")
    write(tmp_path, "sort = 3\n")
    result = CliRunner().invoke(cli, ["config"])
    assert result.exit_code == 1
    assert "line 1: sort has a bad value 3" in result.output


def test_scheduling_and_hook_settings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'auto_reload = "10m"\nfeed_interval_min = "5m"\nfeed_interval_max = "2d"\n'
        'notify_command = ["notify-send", "{count} new", "{titles}"]\nnotify_search = "boats"\n'
        'player_command = ["mpv", "{url}"]\ndownload_dir = "~/Podcasts"\ndownload_max_mb = 500\n'
        '[send_to]\n"Copy URL" = ["wl-copy", "{url}"]\n',
    )
    config, problems = load_config(path)
    assert problems == []
    assert (config.auto_reload, config.feed_interval_min, config.feed_interval_max) == (
        600, 300, 172800)
    assert config.notify_command == ["notify-send", "{count} new", "{titles}"]
    assert config.player_command == ["mpv", "{url}"] and config.download_max_mb == 500
    assert config.send_to == {"Copy URL": ["wl-copy", "{url}"]}
    policy = config.schedule_policy()
    assert (policy.min_interval, policy.max_interval) == (300, 172800)
    assert load_config(write(tmp_path, "auto_reload = false\n"))[0].auto_reload == 0


def test_bad_scheduling_and_hook_settings_fall_back(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'auto_reload = "1s"\nfeed_interval_min = "soon"\nnotify_command = "notify-send hi"\n'
        'player_command = []\nsend_to = ["x"]\ndownload_max_mb = 0\n',
    )
    config, problems = load_config(path)
    assert config == Config()
    assert [p.split(": ", 1)[1].split(" ")[0] for p in problems] == [
        "auto_reload", "feed_interval_min", "notify_command", "player_command", "send_to",
        "download_max_mb"]
