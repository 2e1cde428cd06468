"""Commands for finding things: search, saved searches, entities across the library."""

from __future__ import annotations


import click

from tidings.storage import QueryError
from tidings.tui.cli import Context, cli, dump_json, pass_context
from tidings.tui.cli.articles import summary_json


@cli.command()
@click.argument("query", required=False)
@click.option("--json", "as_json", is_flag=True, help="A JSON array of articles.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
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
            click.echo(f"{s.name}\t{s.unread} unread\t{s.query}")
        return
    if not query:
        raise click.UsageError("give a QUERY (or --saved)")
    try:
        if save_as:
            library.save_search(save_as, query)
            click.echo(f"saved {save_as!r}")
            return
        rows = library.find(query, limit=limit)
    except QueryError as error:
        raise click.UsageError(f"bad query: {error}") from None
    if as_json:
        dump_json([summary_json(row) for row in rows])
        return
    for row in rows:
        marks = ("N" if not row.read else " ") + ("*" if row.starred else " ")
        click.echo(f"{row.id:>6} {marks} {(row.published or '')[:10]:<10}  {row.title}")


@cli.command()
@click.option("--type", "kind", type=click.Choice(["person", "org", "place", "other"]))
@click.option("--limit", type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True)
@pass_context
def entities(ctx: Context, kind: str | None, limit: int | None, as_json: bool) -> None:
    """Entities across the library with their article counts."""
    labels = {"person": {"PERSON"}, "org": {"ORG"}, "place": {"GPE", "LOC", "FAC"}}
    rows = [
        row
        for row in ctx.library.entities()
        if kind is None
        or (row["label"] in labels[kind] if kind in labels else
            row["label"] not in {"PERSON", "ORG", "GPE", "LOC", "FAC"})
    ][:limit]
    if as_json:
        dump_json(rows)
        return
    for row in rows:
        click.echo(f"{row['article_count']:>5}  {row['label']:<8} {row['name']}")


@cli.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def entity(ctx: Context, name: str, as_json: bool) -> None:
    """One entity: the articles that mention it, who it appears with, its timeline."""
    library = ctx.library
    found = library.entity_named(name)
    if found is None:
        raise click.ClickException(f"no entity called {name!r}")
    ids = library.entity_article_ids(found["id"])
    summaries = library.summaries(ids)
    articles = [summary_json(summaries[i]) for i in ids]
    data = {
        **found,
        "articles": articles,
        "co_mentioned": library.co_mentioned(found["id"]),
        "timeline": library.entity_timeline(found["id"]),
    }
    if as_json:
        dump_json(data)
        return
    click.echo(f"{found['name']} ({found['label']}), {found['article_count']} articles")
    click.echo("\nTimeline")
    for item in data["timeline"]:
        click.echo(f"  {item['date']:<10}  {item['sentence']}  [{item['article_id']}]")
    click.echo("\nArticles")
    for article in articles:
        click.echo(f"  {article['id']:>6}  {(article['published'] or '')[:10]}  {article['title']}")
    click.echo("\nOften with")
    for other in data["co_mentioned"]:
        click.echo(f"  {other['articles']:>3}  {other['name']} ({other['label']})")
