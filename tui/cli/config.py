"""`tidings config`: where the settings file lives, and what Tidings reads from it."""

from __future__ import annotations

import json

import click

from tidings.tui.cli import cli
from tidings.tui.config import config_path, load_config


def _quote(value: str) -> str:
    return json.dumps(value)


@cli.command()
@click.option("--path", "show_path", is_flag=True, help="Print the config file's path and exit.")
def config(show_path: bool) -> None:
    """Show the settings in force (problems in the file go to stderr)."""
    path = config_path()
    if show_path:
        click.echo(str(path))
        return
    settings, problems = load_config(path)
    for problem in problems:
        click.echo(problem, err=True)
    click.echo(f"# {path}{'' if path.exists() else ' (not created yet: defaults)'}")
    # Values are quoted as JSON strings (valid TOML): control characters come out escaped.
    click.echo(f"theme = {_quote(settings.theme)}")
    click.echo(f"mark_read_delay = {settings.mark_read_delay}")
    click.echo(f"sort = {_quote(settings.sort)}")
    click.echo(f"refresh_concurrency = {settings.refresh_concurrency}")
    click.echo(f"default_view = {_quote(settings.default_view)}")
    from tidings.ingest.schedule import format_duration

    reload = format_duration(settings.auto_reload) if settings.auto_reload else "off"
    click.echo(f"auto_reload = {_quote(reload)}")
    click.echo(f"feed_interval_min = {_quote(format_duration(settings.feed_interval_min))}")
    click.echo(f"feed_interval_max = {_quote(format_duration(settings.feed_interval_max))}")
    click.echo(f"notify_command = {json.dumps(settings.notify_command)}")
    click.echo(f"notify_search = {_quote(settings.notify_search)}")
    click.echo(f"player_command = {json.dumps(settings.player_command)}")
    click.echo(f"download_dir = {_quote(settings.download_dir)}")
    click.echo(f"download_max_mb = {settings.download_max_mb}")
    click.echo("[send_to]")
    for name, argv in sorted(settings.send_to.items()):
        click.echo(f"{_quote(name)} = {json.dumps(argv)}")
    click.echo("[keymap]")
    for binding_id, keys in sorted(settings.keymap.items()):
        click.echo(f"{_quote(binding_id)} = {_quote(keys)}")
    if problems:
        raise SystemExit(1)
