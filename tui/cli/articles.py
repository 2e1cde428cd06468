"""Commands on articles: import, list, show, mark, annotate, export annotations."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any

import click

from tidings.ingest.dates import normalise_published
from tidings.storage import Annotation, ArticleSummary, Library, MentionRow
from tidings.storage.enrichment import ANALYSED_CHARS
from tidings.storage.entity_types import type_of
from tidings.storage.records import ANNOTATION_COLOURS
from tidings.tui.cli import ARTICLE_ID, LIMIT, Context, cli, dump_json, pass_context
from tidings.storage.private_files import write_private


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return normalise_published(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _http_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from tidings.storage.clean import MAX_URL_CHARS

    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise click.BadParameter("only http and https URLs are accepted")
    if any(c.isspace() or not c.isprintable() for c in value) or len(value) > MAX_URL_CHARS:
        raise click.BadParameter("a URL has no spaces or control characters (write %20)")
    return value


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", callback=_published, help="Publication date (YYYY-MM-DD or ISO 8601).")
@click.option("--url", callback=_http_url, help="The article's URL (also its identity).")
@click.option("--feed", help="The local collection to put it in (default: Local).")
@pass_context
def import_(
    ctx: Context, paths: tuple[Path, ...], published: str | None, url: str | None, feed: str | None
) -> None:
    """Import articles from .txt, .md or .html files. Prints each new article's id and title."""
    from tidings.ingest.file_import import ImportError_, import_file  # the app's start need not load these

    failed = 0
    for path in paths:
        try:
            imported = import_file(ctx.library, path, published=published, url=url, feed=feed)
        except ImportError_ as error:
            click.echo(f"Error: {error}", err=True)
            failed += 1
            continue
        if imported.result.status == "new":
            click.echo(f"{imported.result.id}\t{imported.title}")
        else:
            click.echo(f"{imported.result.id}\t{imported.title} ({imported.result.status})", err=True)
    if failed:
        raise SystemExit(1)


def summary_json(row: ArticleSummary) -> dict[str, Any]:
    """An article list row as `list --json` and `search --json` print it."""
    data = row.to_dict()
    del data["feed_id"]
    del data["fetched"]  # (the app's list shows it for undated articles; JSON keeps its shape)
    return data


@cli.command("list")
@click.option("--unread", is_flag=True, help="Only unread articles.")
@click.option("--starred", is_flag=True, help="Only starred articles.")
@click.option("--limit", type=LIMIT, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="A JSON array, newest first.")
@pass_context
def list_(ctx: Context, unread: bool, starred: bool, limit: int | None, as_json: bool) -> None:
    """List articles, newest first (N = unread, * = starred)."""
    rows = ctx.library.articles(unread=unread, starred=starred, limit=limit)
    if as_json:
        dump_json([summary_json(row) for row in rows])
        return
    for row in rows:
        marks = ("N" if not row.read else " ") + ("*" if row.starred else " ")
        date = (row.published or "")[:10].ljust(10)
        click.echo(f"{row.id:>6} {marks} {date}  {row.feed[:20]:<20}  {row.title}")


def article_json(library: Library, article_id: int, *, analyse: bool = True) -> dict[str, Any]:
    """What `tidings show --json` prints: offsets are character offsets into `text`.

    An article still queued for enrichment is analysed on demand (unless told not to).
    """
    article = library.article(article_id)
    if analyse and library.is_queued(article_id):
        from tidings.ingest.enricher import enrich_now  # loads the entity backend: only now

        for queued in library.queued_articles([article_id]):
            enrich_now(library, queued)
    data = article.to_dict()
    data["annotations"] = [_annotation_json(a) for a in article.annotations]
    data["related"] = [link.to_dict() for link in article.related]
    data["tags"] = library.article_tags(article_id)  # put on it by rules (feed tags aside)
    mentions = library.mentions(article_id)
    data["entities"] = [_mention_json(m) for m in mentions if m.field == "text"]
    data["title_entities"] = [_mention_json(m) for m in mentions if m.field == "title"]
    data["timeline"] = [item.to_dict() for item in library.timeline(article_id)]
    data["duplicates"] = library.duplicates(article_id)
    data["related_articles"] = [
        {**r.to_dict(), "title": library.summary(r.article_id).title}
        for r in library.related(article_id)
    ]
    return data


def _mention_json(mention: MentionRow) -> dict[str, Any]:
    """A mention with its entity's type (person, org, place, other) beside the model's label."""
    data = mention.to_dict()
    del data["field"]
    data["type"] = type_of(mention.label)
    return data


def _annotation_json(note: Annotation) -> dict[str, Any]:
    return {
        "id": note.id,
        "quote": note.quote,
        "prefix": note.prefix,
        "suffix": note.suffix,
        "start": note.start,
        "end": note.end,
        "note": note.note,
        "colour": note.colour,
        "orphaned": note.orphaned,
        "created": note.created,
        "updated": note.updated,
    }


@cli.command()
@click.argument("article_id", type=ARTICLE_ID)
@click.option("--json", "as_json", is_flag=True, help="The whole article as a JSON object.")
@pass_context
def show(ctx: Context, article_id: int, as_json: bool) -> None:
    """Show one article with its entities and timeline (analysed now if still queued; an
    article longer than 100,000 characters prints at once and says how to analyse it)."""
    library = ctx.library
    text = library.article_text(article_id)
    analyse = as_json or len(text) <= ANALYSED_CHARS
    data = article_json(library, article_id, analyse=analyse)
    if as_json:
        dump_json(data)
        return
    click.echo(data["title"])
    click.echo(" · ".join(str(x) for x in (data["feed"], data["published"], data["url"]) if x))
    click.echo()
    click.echo(data["text"])
    if not analyse and library.is_queued(article_id):
        click.echo(
            f"\n(A long article: its entities and timeline are not analysed yet; "
            f"`tidings reindex` or `tidings show {article_id} --json` analyses its first "
            f"{ANALYSED_CHARS:,} characters.)"
        )
    entities: dict[tuple[str, str], int] = {}
    for mention in data["entities"] + data["title_entities"]:
        key = (mention["canonical"], mention["type"])
        entities[key] = entities.get(key, 0) + 1
    if entities:
        click.echo("\nEntities")
        for (name, kind), count in sorted(entities.items(), key=lambda item: (-item[1], item[0])):
            click.echo(f"  {count:>3}  {name} ({kind})")
    if data["timeline"]:
        click.echo("\nTimeline")
        for item in sorted(data["timeline"], key=lambda item: (item["date"], item["start"])):
            click.echo(f"  {item['date']:<10}  {item['expression']} → {item['sentence']}")


@cli.command()
@click.argument("article_ids", nargs=-1, required=True, type=ARTICLE_ID)
@click.option("--read", "state", flag_value="read", help="Mark read.")
@click.option("--unread", "state", flag_value="unread", help="Mark unread.")
@click.option("--star", "state", flag_value="star", help="Star.")
@click.option("--unstar", "state", flag_value="unstar", help="Remove the star.")
@pass_context
def mark(ctx: Context, article_ids: tuple[int, ...], state: str | None) -> None:
    """Mark articles read or unread, starred or not."""
    if state is None:
        raise click.UsageError("say one of --read, --unread, --star, --unstar")
    if state in {"read", "unread"}:
        ctx.library.mark(article_ids, read=state == "read")
    else:
        ctx.library.mark(article_ids, starred=state == "star")


@cli.command()
@click.argument("article_id", type=ARTICLE_ID)
@click.option("--quote", required=True, help="Text to highlight (its first occurrence).")
@click.option("--note", default="", help="A note on the highlight.")
@click.option("--colour", type=click.Choice(ANNOTATION_COLOURS), default="yellow",
              show_default=True, help="Highlight colour.")
@pass_context
def annotate(ctx: Context, article_id: int, quote: str, note: str, colour: str) -> None:
    """Highlight a passage of an article, with an optional note."""
    annotation = ctx.library.annotate_quote(article_id, quote, note, colour)
    click.echo(f"{annotation.id}\t{annotation.start}-{annotation.end}")


@cli.group()
def export() -> None:
    """Export what you wrote."""


@export.command("annotations")
@click.option(
    "--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown",
    show_default=True,
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@pass_context
def export_annotations(ctx: Context, fmt: str, output: Path | None) -> None:
    """All annotations with their article's title, URL and date."""
    groups = ctx.library.all_annotations()
    if fmt == "json":
        text = json.dumps(
            [
                {**_annotation_json(note), "article_id": summary.id, "title": summary.title,
                 "url": summary.url, "published": summary.published, "feed": summary.feed}
                for summary, notes in groups
                for note in notes
            ],
            ensure_ascii=False,
            indent=2,
        )
    else:
        text = annotations_markdown(groups)
    if output:
        try:
            write_private(output, text + "\n")
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    else:
        click.echo(text)


def annotations_markdown(groups: list[tuple[ArticleSummary, list[Annotation]]]) -> str:
    """Annotations grouped by article, each a quote with its note beneath."""
    out = ["# Annotations"]
    for summary, notes in groups:
        out += ["", f"## {summary.title}", ""]
        facts = [x for x in (summary.feed, (summary.published or "")[:10], summary.url) if x]
        out.append(" · ".join(facts))
        for note in notes:
            out += ["", "> " + note.quote.replace("\n", "\n> ")]
            if note.orphaned:
                out.append(">\n> (orphaned: no longer found in the article)")
            if note.note:
                out += ["", note.note]
    return "\n".join(out)
