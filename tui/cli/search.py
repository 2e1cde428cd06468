"""Commands for finding things: search, saved searches, entities across the library."""

from __future__ import annotations

import re

import click

from tidings.storage import QueryError
from tidings.storage.enrichment import PAGE_ARTICLES
from tidings.tui.cli import LIMIT, Context, cli, dump_json, pass_context
from tidings.tui.cli.enrichment import entities_up_to_date
from tidings.tui.cli.articles import summary_json


# Terms that read entities: the queue is analysed before they are answered.
_ENTITY_TERM = re.compile(r"(?:^|[\s-])(?:entity|type):", re.IGNORECASE)


@cli.command()
@click.argument("query", required=False)
@click.option("--json", "as_json", is_flag=True, help="A JSON array of articles.")
@click.option("--limit", type=LIMIT, default=50, show_default=True)
@click.option("--save", "save_as", metavar="NAME", help="Save the query under NAME instead.")
@click.option("--saved", is_flag=True, help="List the saved searches with unread counts.")
@click.option("--delete", "delete_name", metavar="NAME", help="Delete a saved search.")
@pass_context
def search(
    ctx: Context,
    query: str | None,
    as_json: bool,
    limit: int,
    save_as: str | None,
    saved: bool,
    delete_name: str | None,
) -> None:
    """Search articles: words, "phrases", feed:, tag:, is:unread|starred|annotated,
    entity:NAME, type:person|org|place, after:DATE, before:DATE, @7d, sort:date, -term."""
    library = ctx.library
    if saved or delete_name:
        if delete_name:
            library.delete_search(delete_name)
        searches = library.saved_searches()
        if as_json:
            dump_json([s.to_dict() for s in searches])
        for s in searches if not as_json else []:
            count = f"{s.unread} unread" if s.error is None else f"error: {s.error}"
            click.echo(f"{s.name}\t{count}\t{s.query}")
        return
    if not query:
        raise click.UsageError("give a QUERY (or --saved)")
    try:
        if save_as is not None:
            library.save_search(save_as, query)
            click.echo(f"saved {save_as!r}")
            return
        if _ENTITY_TERM.search(query):
            entities_up_to_date(library, say=False)  # the partial-answer line below says it
        rows = library.find(query, limit=limit)
    except QueryError as error:
        raise click.UsageError(f"bad query: {error}") from None
    if not rows:
        click.echo(f"No articles match {query!r}.", err=True)
    waiting = library.queue_size()
    if waiting and re.search(r"(^|\s)-?(entity|type):", query):
        click.echo(
            f"Partial answer: {waiting} articles still wait for analysis and may also match"
            " (tidings reindex analyses them now).",
            err=True,
        )
    if as_json:
        dump_json([summary_json(row) for row in rows])
        return
    for row in rows:
        marks = ("N" if not row.read else " ") + ("*" if row.starred else " ")
        click.echo(f"{row.id:>6} {marks} {(row.published or '')[:10]:<10}  {row.title}")


@cli.command()
@click.option("--type", "kind", type=click.Choice(["person", "org", "place", "other"]))
@click.option("--limit", type=LIMIT)
@click.option("--json", "as_json", is_flag=True)
@pass_context
def entities(ctx: Context, kind: str | None, limit: int | None, as_json: bool) -> None:
    """Entities across the library with their article counts and types (person, org,
    place, other; the JSON keeps the model's label beside the type)."""
    entities_up_to_date(ctx.library)
    rows = ctx.library.entities(kind, limit)
    if as_json:
        dump_json(rows)
        return
    for row in rows:
        click.echo(f"{row['article_count']:>5}  {row['type']:<6} {row['name']}")


@cli.command()
@click.argument("name")
@click.option("--limit", type=LIMIT, default=PAGE_ARTICLES, show_default=True,
              help="Its newest articles to list, with their timeline and companions.")
@click.option("--all", "every", is_flag=True, help="Every article that mentions it, and the whole timeline.")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def entity(ctx: Context, name: str, limit: int, every: bool, as_json: bool) -> None:
    """One entity: the articles that mention it (newest first), its timeline in them and who it
    appears with, as its page in the app shows them."""
    library = ctx.library
    entities_up_to_date(library)
    candidates = library.entity_candidates(name)
    if not candidates:
        raise click.ClickException(f"no entity called {name!r}")
    if len(candidates) > 1:
        listed = "; ".join(f"{c['name']} ({c['type']}, {c['article_count']} articles)" for c in candidates[:10])
        raise click.ClickException(f"{name!r} may be any of: {listed}")
    found = candidates[0]
    ids = library.entity_article_ids(found["id"], limit=None if every else limit)
    among = None if every else ids
    summaries = library.summaries(ids)
    articles = [summary_json(summaries[i]) for i in ids]
    data = {
        **found,
        "articles": articles,
        "co_mentioned": library.co_mentioned(found["id"], article_ids=among),
        "timeline": library.entity_timeline(found["id"], article_ids=among),
    }
    if as_json:
        dump_json(data)
        return
    click.echo(f"{found['name']} ({found['type']}), {found['article_count']:,} articles")
    if len(ids) < found["article_count"]:
        click.echo(f"(its newest {len(ids):,}; --all for every one)")
    click.echo("\nTimeline")
    for item in data["timeline"]:
        click.echo(f"  {item['date']:<10}  {item['sentence']}  [{item['article_id']}]")
    click.echo("\nArticles")
    for article in articles:
        click.echo(f"  {article['id']:>6}  {(article['published'] or '')[:10]}  {article['title']}")
    click.echo("\nOften with")
    for other in data["co_mentioned"]:
        click.echo(f"  {other['articles']:>3}  {other['name']} ({other['type']})")
