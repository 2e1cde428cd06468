"""Commands on entities and timelines: reindex, doctor."""

from __future__ import annotations

import sys

import click

from tidings.storage import Library
from tidings.tui.cli import Context, cli, pass_context


@cli.command()
@click.option("--all", "all_articles", is_flag=True, help="Recompute every article, not only stale ones.")
@pass_context
def reindex(ctx: Context, all_articles: bool) -> None:
    """Compute entities and timelines for queued and stale articles (all with --all)."""
    from tidings.enrich import ENRICH_VERSION, backend_info

    library = ctx.library
    library.requeue(all_articles=all_articles, version=ENRICH_VERSION)
    total = analyse_queue(library)
    click.echo(f"enriched {total} articles with {backend_info()}")


# Commands that read entities analyse at most this many waiting articles before answering
# (a few seconds with spaCy); with more waiting they answer at once and say so on stderr.
ANALYSE_FIRST_LIMIT = 500
# Articles analysed, then stored in one transaction: with 32 KB pages a commit an article
# rewrote the same index pages into the WAL each time (640 articles into a 20,000-article
# library: 10.3 s one by one, 7.9 s in batches of 32). Analyses are derived data: an
# interrupted batch is only analysed again.
ANALYSE_BATCH = 32


def analyse_queue(library: Library) -> int:
    """Enrich every queued article, with a progress bar on a terminal; how many there were."""
    from rich.console import Console
    from rich.progress import Progress

    from tidings.ingest.enricher import analyse_article, store_analysis

    total = library.queue_size()
    if not total:
        return 0
    with Progress(transient=True, console=Console(file=sys.stderr), disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("Analysing articles", total=total)
        while batch := library.queued(limit=ANALYSE_BATCH):
            results = []
            for article in batch:
                results.append(analyse_article(article.title, article.text, article.published))
                bar.advance(task)
            with library.write():  # one commit a batch, not one an article (see ANALYSE_BATCH)
                for article, result in zip(batch, results):
                    store_analysis(library, article, result)
    return total


def entities_up_to_date(library: Library, say: bool = True) -> None:
    """Before a command reads entities: analyse what is waiting, or (unless the caller says
    it itself) say on stderr how much is."""
    waiting = library.queue_size()
    if not waiting:
        return
    if waiting <= ANALYSE_FIRST_LIMIT:
        analyse_queue(library)
        return
    if say:
        click.echo(
            f"{waiting} articles are still waiting for analysis; their entities are not counted yet "
            "(run `tidings reindex`, or open the app)",
            err=True,
        )


@cli.command()
@pass_context
def doctor(ctx: Context) -> None:
    """Show what Tidings runs with: library, entity backend, queue."""
    from tidings.enrich import ENRICH_VERSION, backend_info

    library = ctx.library
    click.echo(f"library: {library.path}")
    click.echo(f"entities: {backend_info()} (version {ENRICH_VERSION})")
    click.echo(f"queued for enrichment: {library.queue_size()}")
