"""Commands on entities and timelines: reindex, doctor."""

from __future__ import annotations

import click

from tidings.tui.cli import Context, cli, pass_context


@cli.command()
@click.option("--all", "all_articles", is_flag=True, help="Recompute every article, not only stale ones.")
@pass_context
def reindex(ctx: Context, all_articles: bool) -> None:
    """Compute entities and timelines for queued and stale articles (all with --all)."""
    from rich.progress import Progress

    from tidings.enrich import ENRICH_VERSION, backend_info
    from tidings.ingest.enricher import enrich_now

    library = ctx.library
    library.requeue(all_articles=all_articles, version=ENRICH_VERSION)
    total = library.queue_size()
    with Progress(transient=True, disable=not click.get_text_stream("stderr").isatty()) as bar:
        task = bar.add_task("Enriching", total=total)
        while batch := library.queued(limit=32):
            for article in batch:
                enrich_now(library, article)
                bar.advance(task)
    click.echo(f"enriched {total} articles with {backend_info()}")


@cli.command()
@pass_context
def doctor(ctx: Context) -> None:
    """Show what Tidings runs with: library, entity backend, queue."""
    from tidings.enrich import ENRICH_VERSION, backend_info

    library = ctx.library
    click.echo(f"library: {library.path}")
    click.echo(f"entities: {backend_info()} (version {ENRICH_VERSION})")
    click.echo(f"queued for enrichment: {library.queue_size()}")
