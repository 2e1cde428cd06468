"""`tidings download`: save an article's enclosure (a podcast episode, a video) to a folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from tidings.tui.cli import Context, cli, pass_context


@cli.command()
@click.argument("article_id", type=click.IntRange(min=1, max=2**63 - 1))
@click.option("--enclosure", "index", type=click.IntRange(min=1, max=1000), default=1,
              show_default=True, help="Which enclosure, counting from 1 (see show --json).")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Save here (default: download_dir in the config, else Downloads).")
@click.option("--max-mb", type=click.IntRange(min=1, max=1_000_000),
              help="Refuse anything larger (default: download_max_mb in the config, 2048).")
@pass_context
def download(
    ctx: Context, article_id: int, index: int, folder: Path | None, max_mb: int | None
) -> None:
    """Download an article's enclosure; an interrupted download resumes when run again."""
    from tidings.ingest.download import DownloadError, download as fetch_file, file_name
    from tidings.tui.config import load_config
    from tidings.tui.paths import downloads_dir

    library = ctx.library
    library.summary(article_id)  # NotFound names the id
    enclosures = library.enclosures(article_id)
    if not enclosures:
        raise click.ClickException(f"article {article_id} has no enclosures")
    if index > len(enclosures):
        raise click.ClickException(
            f"article {article_id} has {len(enclosures)} enclosure(s), not {index}"
        )
    config = load_config()[0]
    target = folder or downloads_dir(config.download_dir)
    limit = (max_mb or config.download_max_mb) * 2**20
    enclosure = enclosures[index - 1]
    name = file_name(enclosure.url, f"enclosure-{article_id}-{index}")
    try:
        if sys.stderr.isatty():
            saved = _with_bar(fetch_file, enclosure.url, target, name, limit)
        else:
            saved = fetch_file(enclosure.url, target, name=name, max_bytes=limit)
    except DownloadError as error:
        raise click.ClickException(str(error)) from None
    resumed = f" (resumed at {saved.resumed_from} bytes)" if saved.resumed_from else ""
    click.echo(f"{saved.path}\t{saved.size} bytes{resumed}")


def _with_bar(fetch_file: Any, url: str, folder: Path, name: str, limit: int) -> Any:
    """The download with a progress bar on stderr."""
    from rich.console import Console
    from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn,
                               TransferSpeedColumn)

    with Progress(TextColumn("downloading", markup=False), BarColumn(), DownloadColumn(),
                  TransferSpeedColumn(), transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("download", total=None)

        def advance(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        return fetch_file(url, folder, name=name, max_bytes=limit, progress=advance)
