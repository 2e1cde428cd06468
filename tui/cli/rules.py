"""`tidings rule`: rules run on every new article (hide, mark read, star or tag what a query
matches), listed, removed (what they hid is shown again) and applied to stored articles."""

from __future__ import annotations

import click

from tidings.storage.rules import BadRule
from tidings.tui.cli import Context, cli, dump_json, pass_context


@cli.group()
def rule() -> None:
    """Rules on new articles: `tidings rule add noads "sponsored" --action hide`."""


@rule.command("add")
@click.argument("name")
@click.argument("query")
@click.option("--action", "action", required=True, metavar="hide|read|star|tag:T",
              help="What to do with each article the query matches.")
@click.option("--feed", "feed", help="Only for this feed (id, URL or title).")
@pass_context
def rule_add(ctx: Context, name: str, query: str, action: str, feed: str | None) -> None:
    """Run QUERY (the search language) on every new article and act on what it matches."""
    library = ctx.library
    feed_id = library.feed_id(feed) if feed is not None else None
    try:
        added = library.add_rule(name, query, action, feed_id)
    except BadRule as error:
        raise click.UsageError(str(error)) from None
    where = f" in {added.feed}" if added.feed else ""
    click.echo(f"rule {added.name!r}: {added.action} new articles matching {added.query}{where}")


@rule.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of rules.")
@pass_context
def rule_list(ctx: Context, as_json: bool) -> None:
    """Every rule with its action, feed and how many articles it hides."""
    library = ctx.library
    rows = []
    for item in library.rules():
        row = item.to_dict()
        row["hidden"] = library.hidden_count(item.id)
        rows.append(row)
    if as_json:
        dump_json(rows)
        return
    for row in rows:
        where = f"  [feed: {row['feed']}]" if row["feed"] else ""
        hidden = f"  ({row['hidden']} hidden)" if row["action"] == "hide" else ""
        click.echo(f"{row['name']}\t{row['action']}\t{row['query']}{where}{hidden}")


@rule.command("remove")
@click.argument("name")
@pass_context
def rule_remove(ctx: Context, name: str) -> None:
    """Delete a rule; the articles it hid are shown again (read and star marks stay)."""
    shown = ctx.library.remove_rule(name)
    click.echo(f"removed rule {name!r}; {shown} hidden articles shown again")


@rule.command("apply")
@click.argument("name")
@pass_context
def rule_apply(ctx: Context, name: str) -> None:
    """Run a rule on every article already stored."""
    matched = ctx.library.apply_rules(None, [name])
    click.echo(f"rule {name!r} matched {matched.get(name, 0)} articles")
