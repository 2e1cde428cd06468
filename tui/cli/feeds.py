"""Commands on feeds: add, feeds, remove, tag, refresh, OPML and newsboat import/export."""

from __future__ import annotations

import asyncio
import json
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tidings.storage import FeedExists, Library
from tidings.storage.clean import one_line
from tidings.tui.cli import Context, cli, pass_context
from tidings.storage.private_files import write_private

if TYPE_CHECKING:
    from tidings.ingest.refresh import RefreshProgress, RefreshSummary
    from tidings.ingest.schedule import Policy
    from tidings.tui.config import Config

# ingest modules (httpx, lxml, feedparser) are imported inside the commands that use them,
# so that every other command starts without loading them.


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _warn(message: str) -> None:
    """A warning about a file's contents: the file's text is shown as plain, one line."""
    click.echo(f"Warning: {one_line(message, 500)}", err=True)


MAX_FILE_BYTES = 64 * 2**20


def _read_bytes(path: Path) -> bytes:
    """A regular file's bytes; a FIFO, device or folder is refused rather than read forever."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise click.ClickException(f"{path}: not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise click.ClickException(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB")
        return path.read_bytes()
    except OSError as error:
        raise click.ClickException(f"cannot read {path}: {error.strerror}") from None


def _subscribe(
    library: Library, url: str, title: str | None, tags: list[str], full_text: bool = False
) -> int | None:
    """Add a feed, or add the tags to the one already there; None when it already was."""
    try:
        return library.add_feed(url, title=title, tags=tags, full_text=full_text)
    except FeedExists as exists:
        if tags:
            library.tag_feed(exists.feed_id, add=tags)
        return None


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--title", help="The feed's title (default: the feed's own).")
@click.option("--tag", "tags", multiple=True, help="A tag for the feed (repeatable).")
@click.option("--full-text", is_flag=True, help="Fetch each article's page for its full text.")
@click.option("--interval", help="Fetch every INTERVAL (15m, 2h, 1d) instead of adaptively.")
@pass_context
def add(
    ctx: Context,
    urls: tuple[str, ...],
    title: str | None,
    tags: tuple[str, ...],
    full_text: bool,
    interval: str | None,
) -> None:
    """Subscribe to feeds (or to the feed a web page links to), then fetch them."""
    from tidings.ingest.discover import DiscoveryError, discover
    from tidings.ingest.fetch import is_http_url
    from tidings.ingest.refresh import refresh_sync

    for url in urls:
        if not is_http_url(url):
            raise click.BadParameter(f"{url}: only http and https URLs are accepted", param_hint="URL")
    seconds = _interval(interval) if interval is not None else None
    library = ctx.library
    added: list[int] = []
    failed = 0
    for url in urls:
        try:
            found = asyncio.run(discover(url))
        except DiscoveryError as error:
            click.echo(f"Error: {error}", err=True)
            failed += 1
            continue
        feed_id = _subscribe(library, found.url, title, list(tags), full_text)
        if feed_id is None:
            click.echo(f"Error: already subscribed to {found.url}", err=True)
            failed += 1
            continue
        added.append(feed_id)
    if added:
        if seconds is not None:
            library.set_feed_interval(added, seconds)
        summary = refresh_sync(library.path, added, policy=_policy())
        counts = {row["id"]: row["articles"] for row in library.feeds_overview()}
        for feed_id in added:
            feed = library.feed(feed_id)
            click.echo(f"{feed_id}\t{feed['title']}\t{feed['url']}")
            stored = counts.get(feed_id, 0)
            click.echo(f"{feed['title']}: {stored} article{'s' if stored != 1 else ''} stored", err=True)
        _report_errors(summary)
    if failed:
        raise SystemExit(1)


def _feed_json(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "title", "url", "site_url", "tags", "articles", "unread", "full_text",
            "last_fetched", "last_status", "last_error", "last_warning", "error_count",
            "next_due")
    data = {key: row[key] for key in keys}
    data["interval"] = row["user_interval"] or row["next_interval"]  # seconds; null: not yet
    data["interval_set"] = row["user_interval"]  # the user's own, null when adaptive
    data["schedule"] = row["schedule_reason"]
    data["next_fetch"] = row["next_due"] or _now_iso()  # never fetched: due now
    return data


def _now_iso() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _schedule_text(row: dict[str, Any]) -> str:
    from tidings.ingest.schedule import format_duration

    interval = row["user_interval"] or row["next_interval"]
    every = f"every {format_duration(interval)}" if interval else "not scheduled yet"
    why = f" ({row['schedule_reason']})" if interval and row["schedule_reason"] else ""
    nxt = (row["next_due"] or "now")[:16].replace("T", " ")
    return f"{every}{why}, next {nxt}"


def _policy() -> Policy:
    """Scheduling bounds from the config (problems in it are reported by `tidings config`)."""
    from tidings.tui.config import load_config

    return load_config()[0].schedule_policy()


def _interval(text: str) -> int | None:
    """A feed interval from the command line: a duration, or "auto" for adaptive (None)."""
    from tidings.ingest.schedule import USER_MAX, USER_MIN, format_duration, parse_duration

    if text.strip().lower() in {"auto", "adaptive", "default"}:
        return None
    try:
        seconds = parse_duration(text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="INTERVAL") from None
    if not USER_MIN <= seconds <= USER_MAX:
        raise click.BadParameter(
            f"{text.strip()}: between {format_duration(USER_MIN)} and {format_duration(USER_MAX)}",
            param_hint="INTERVAL",
        )
    return seconds


@cli.command("feeds")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of feeds.")
@pass_context
def feeds_(ctx: Context, as_json: bool) -> None:
    """List subscribed feeds with their counts, last fetch and last error."""
    rows = ctx.library.feeds_overview()
    if as_json:
        _dump([_feed_json(row) for row in rows])
    if not rows:
        click.echo("No feeds yet: subscribe with `tidings add URL`.", err=True)
    if as_json or not rows:
        return
    click.echo(f"{'id':>5}  {'unread':>5}/{'all':<5}  title [tags]")
    for row in rows:
        tags = f" [{', '.join(row['tags'])}]" if row["tags"] else ""
        fetched = (row["last_fetched"] or "never")[:16].replace("T", " ")
        status = row["last_status"] if row["last_status"] is not None else "-"
        click.echo(
            f"{row['id']:>5}  {row['unread']:>5}/{row['articles']:<5}  {row['title']}{tags}"
        )
        click.echo(f"       {row['url']}  (fetched {fetched}, status {status})")
        click.echo(f"       {_schedule_text(row)}")
        if row["last_error"]:
            click.echo(f"       error: {row['last_error']}")
        elif row["last_warning"]:
            click.echo(f"       warning: {row['last_warning']}")


@cli.command()
@click.argument("feed")
@pass_context
def remove(ctx: Context, feed: str) -> None:
    """Unsubscribe from a feed (by id, URL or title). Starred and annotated articles stay."""
    library = ctx.library
    feed_id = library.feed_id(feed)
    title = library.feed(feed_id)["title"]
    kept = library.remove_feed(feed_id)
    note = f"; {kept} starred or annotated articles kept in \"{title} (removed)\"" if kept else ""
    click.echo(f"removed {feed_id}\t{title}{note}")


@cli.command()
@click.argument("args", nargs=-1, required=True, metavar="FEED... TAG...")
@click.option("--feed", "-f", "feeds", multiple=True,
              help="A feed to tag (repeatable); then every argument is a tag.")
@click.option("--remove", "remove_", is_flag=True, help="Remove these tags instead.")
@pass_context
def tag(ctx: Context, args: tuple[str, ...], feeds: tuple[str, ...], remove_: bool) -> None:
    """Tag feeds (by id, URL or title): `tag 3 7 12 news` tags three feeds with "news".

    Without --feed, leading arguments that name feeds are the feeds and the rest are tags
    (at least one). All feeds are checked before any is tagged.
    """
    library = ctx.library
    names, tags = _feeds_then_tags(library, list(args)) if not feeds else (list(feeds), list(args))
    if not tags:
        raise click.UsageError("give at least one tag after the feeds")
    if any(not one_line(t) for t in tags):
        raise click.BadParameter("a tag cannot be empty", param_hint="TAGS")
    ids = list(dict.fromkeys(library.feed_id(feed) for feed in names))
    library.tag_feeds(ids, add=[] if remove_ else tags, remove=tags if remove_ else [])
    for feed_id in ids:
        click.echo(f"{feed_id}\t{', '.join(library.feed_tags(feed_id))}")


def _feeds_then_tags(library: Library, args: list[str]) -> tuple[list[str], list[str]]:
    """Split `FEED... TAG...`: the longest run of leading arguments naming feeds, leaving at
    least one tag. The first argument must name a feed (its error says why otherwise)."""
    from tidings.storage import NotFound

    split = 1
    library.feed_id(args[0])
    while split < len(args) - 1:
        try:
            library.feed_id(args[split])
        except NotFound:
            break
        split += 1
    return args[:split], args[split:]


def _report_errors(summary: RefreshSummary) -> None:
    for error in summary.errors:
        click.echo(one_line(f"failed: {error.title} ({error.url}): {error.error}", 1000), err=True)


@cli.command("feed-interval")
@click.argument("feeds", nargs=-1, required=True)
@click.argument("interval")
@pass_context
def feed_interval(ctx: Context, feeds: tuple[str, ...], interval: str) -> None:
    """Fetch feeds every INTERVAL (90s, 15m, 2h, 1d, 1w), or "auto" to let their posting
    rate decide: `tidings feed-interval 3 "Slow Blog" 1d`."""
    seconds = _interval(interval)
    library = ctx.library
    ids = list(dict.fromkeys(library.feed_id(feed) for feed in feeds))
    library.set_feed_interval(ids, seconds)
    rows = {row["id"]: row for row in library.feeds_overview()}
    for feed_id in ids:
        click.echo(f"{feed_id}\t{rows[feed_id]['title']}\t{_schedule_text(rows[feed_id])}")


@cli.command("refresh")
@click.argument("feeds", nargs=-1)
@click.option("--all", "all_feeds", is_flag=True,
              help="Every feed, due or not (feeds backing off after a failure still wait).")
@click.option("--concurrency", type=click.IntRange(1, 256), default=64, show_default=True,
              help="Feeds fetched at once (each host still gets at most --per-host).")
@click.option("--per-host", type=click.IntRange(0, 256), default=4, show_default=True,
              help="Requests at once to one host (0: no limit beyond --concurrency).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_context
def refresh_(
    ctx: Context,
    feeds: tuple[str, ...],
    all_feeds: bool,
    concurrency: int,
    per_host: int,
    as_json: bool,
) -> None:
    """Fetch the feeds that are due (or the given ones, or --all) and store new and updated
    articles; each feed's next fetch follows its schedule (see `tidings feeds`).

    Exits 0 even when some feeds fail (their errors are stored and shown); 1 only when the
    library cannot be written.
    """
    from tidings.ingest.refresh import refresh_sync
    from tidings.tui.config import load_config

    library = ctx.library
    ids = [library.feed_id(feed) for feed in feeds] or None
    config = load_config()[0]
    options: dict[str, Any] = {
        "concurrency": concurrency, "per_host": per_host, "due_only": not all_feeds,
        "policy": config.schedule_policy(),
    }
    show_bar = not as_json and sys.stderr.isatty()
    if show_bar:
        summary = _refresh_with_bar(ctx.db_path, ids, options)
    else:
        summary = refresh_sync(ctx.db_path, ids, **options)
    _notify(library, config, summary.new_ids)
    if as_json:
        _dump(summary.to_dict())
        return
    _report_errors(summary)
    click.echo(summary.line())


def _notify(library: Library, config: Config, new_ids: list[int]) -> None:
    """Run notify_command for the new articles (waiting a little for it), warning on failure."""
    if not config.notify_command or not new_ids:
        return
    from tidings.tui.hooks import HookError, notify_new

    try:
        notify_new(library, config.notify_command, config.notify_search, new_ids, wait=10)
    except HookError as error:
        _warn(str(error))


def _refresh_with_bar(
    path: Path, ids: list[int] | None, options: dict[str, Any]
) -> RefreshSummary:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from tidings.ingest.refresh import refresh_sync

    with Progress(
        TextColumn("refreshing"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[last]}", markup=False), transient=True,
        console=None,
    ) as bar:
        task = bar.add_task("refresh", total=None, last="")

        def advance(step: RefreshProgress) -> None:
            bar.update(task, completed=step.done, total=step.total, last=step.title[:40])

        return refresh_sync(path, ids, progress=advance, **options)


@cli.command("import-opml")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def import_opml(ctx: Context, file: Path) -> None:
    """Subscribe to the feeds of an OPML file; its folders become tags."""
    from tidings.ingest.opml import OpmlError, read_opml

    try:
        feeds, warnings = read_opml(_read_bytes(file))
    except OpmlError as error:
        raise click.ClickException(f"{file}: {error}") from None
    for warning in warnings:
        _warn(warning)
    library = ctx.library
    added = sum(
        _subscribe(library, feed.url, feed.title, feed.tags) is not None for feed in feeds
    )
    click.echo(f"{added} feeds added, {len(feeds) - added} already subscribed")


@cli.command("export-opml")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@pass_context
def export_opml(ctx: Context, output: Path | None) -> None:
    """Write every subscription as OPML 2.0; tags become folders."""
    from tidings.ingest.opml import write_opml

    text = write_opml(ctx.library.feeds_overview())
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_private(output, text)
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None


@cli.command("import-newsboat")
@click.option("--urls", type=click.Path(dir_okay=False, path_type=Path),
              help="Newsboat's urls file (default: ~/.newsboat/urls or the XDG one).")
@click.option("--cache", type=click.Path(dir_okay=False, path_type=Path),
              help="Newsboat's cache.db: its articles, read state and flags come along.")
@pass_context
def import_newsboat(ctx: Context, urls: Path | None, cache: Path | None) -> None:
    """Move over from newsboat: subscriptions with tags, then articles with read and flagged."""
    from tidings.ingest.newsboat import NewsboatError, default_paths, read_cache, read_urls
    from tidings.storage.newsboat_cache import read_newsboat_feed_titles

    default_urls, default_cache = default_paths()
    urls_path = urls or default_urls
    if not urls_path.is_file():
        raise click.ClickException(f"{urls_path}: no such file (give --urls)")
    try:
        text = _read_bytes(urls_path).decode("utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(f"{urls_path}: not UTF-8 text") from None
    feeds, warnings = read_urls(text)
    for warning in warnings:
        _warn(f"{urls_path}: {warning}")
    library = ctx.library
    cache_path = cache or (default_cache if default_cache.is_file() else None)
    # Feeds are titled as newsboat shows them: the urls file's ~title, else the title its
    # cache keeps; the rest take their own title on the first refresh.
    titles = read_newsboat_feed_titles(cache_path) if cache_path and cache_path.is_file() else {}
    added = sum(
        _subscribe(library, feed.url, feed.title or titles.get(feed.url), feed.tags) is not None
        for feed in feeds
    )
    click.echo(f"{added} feeds added, {len(feeds) - added} already subscribed")
    untitled = sum(1 for feed in feeds if not (feed.title or titles.get(feed.url)))
    if untitled:
        _warn(f"{untitled} feeds take their titles on the first refresh (tidings refresh)")
    if cache_path is None:
        return
    try:
        cached = read_cache(cache_path)
    except NewsboatError as error:
        raise click.ClickException(str(error)) from None
    subscribed = {feed.url for feed in feeds}
    stored = marked = 0
    for feed_url, items in cached.items():
        if feed_url not in subscribed:
            continue
        feed_id = library.feed_id(feed_url)
        library.store_articles(feed_id, [item.article for item in items])
        stored += len(items)
        marked += library.apply_marks(
            feed_id, {item.article.guid: (item.read, item.starred) for item in items}
        )
    click.echo(f"{stored} articles from the cache, {marked} read or starred marks applied")
