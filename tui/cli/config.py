"""`tidings config`: where the settings file lives, and what Tidings reads from it."""

from __future__ import annotations

import json

import click

from tidings.tui.cli import cli
from tidings.tui.config import config_path, load_config


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
    click.echo(f'theme = "{settings.theme}"')
    click.echo(f"mark_read_delay = {settings.mark_read_delay}")
    click.echo(f'sort = "{settings.sort}"')
    click.echo(f"refresh_concurrency = {settings.refresh_concurrency}")
    click.echo(f'default_view = "{settings.default_view}"')
    from tidings.ingest.schedule import format_duration

    click.echo(f'auto_reload = "{format_duration(settings.auto_reload) if settings.auto_reload else "off"}"')
    click.echo(f'feed_interval_min = "{format_duration(settings.feed_interval_min)}"')
    click.echo(f'feed_interval_max = "{format_duration(settings.feed_interval_max)}"')
    click.echo(f"notify_command = {json.dumps(settings.notify_command, ensure_ascii=False)}")
    click.echo(f"notify_search = {json.dumps(settings.notify_search, ensure_ascii=False)}")
    click.echo(f"player_command = {json.dumps(settings.player_command, ensure_ascii=False)}")
    click.echo(f"download_dir = {json.dumps(settings.download_dir, ensure_ascii=False)}")
    click.echo(f"download_max_mb = {settings.download_max_mb}")
    click.echo("[send_to]")
    for name, argv in sorted(settings.send_to.items()):
        click.echo(f"{json.dumps(name, ensure_ascii=False)} = {json.dumps(argv, ensure_ascii=False)}")
    click.echo("[keymap]")
    for binding_id, keys in sorted(settings.keymap.items()):
        click.echo(f'"{binding_id}" = "{keys}"')
    if problems:
        raise SystemExit(1)
