"""Commands for sync accounts: `account add|list|remove` and `sync`.

A secret is never taken on the command line or stored: the account keeps where it comes
from (a command run as an argument list, a file, or $TIDINGS_PASSWORD) and sync reads it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tidings.storage.records import Account
from tidings.tui.cli import Context, cli, dump_json, pass_context

if TYPE_CHECKING:
    from tidings.ingest.sync.engine import SyncProgress, SyncSummary

KINDS = ("ttrss", "greader", "miniflux")
ENV_VAR = "TIDINGS_PASSWORD"


@cli.group("account")
def account() -> None:
    """Sync accounts on Tiny Tiny RSS, Google Reader API or Miniflux servers."""


@account.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice(KINDS), required=True, help="The server's API.")
@click.option("--url", required=True, help="The server's address (http or https).")
@click.option("--user", help="User name (Miniflux needs none: its API token is the password).")
@click.option("--password-command", help="A command printing the password (run without a shell).")
@click.option("--password-file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file whose first line is the password.")
@click.option("--push-notes", is_flag=True,
              help="tt-rss only: send each article's annotations as its tt-rss note.")
@pass_context
def account_add(
    ctx: Context,
    name: str,
    kind: str,
    url: str,
    user: str | None,
    password_command: str | None,
    password_file: Path | None,
    push_notes: bool,
) -> None:
    """Add an account; the password comes from --password-command, --password-file or
    $TIDINGS_PASSWORD at each sync, and is never stored."""
    import shlex

    from tidings.ingest.sync.base import check_server_url

    try:
        check_server_url(url)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--url") from None
    if kind != "miniflux" and not user:
        raise click.UsageError(f"a {kind} account needs --user")
    if push_notes and kind != "ttrss":
        raise click.UsageError("--push-notes needs a ttrss account (the others have no note)")
    if password_command and password_file:
        raise click.UsageError("give --password-command or --password-file, not both")
    if password_command:
        try:
            if not shlex.split(password_command):
                raise ValueError("it is empty")
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--password-command") from None
        source, ref = "command", password_command
    elif password_file:
        if not password_file.is_file():
            raise click.BadParameter(f"{password_file}: no such file", param_hint="--password-file")
        source, ref = "file", str(password_file.resolve())
        if password_file.stat().st_mode & 0o077:
            click.echo(f"Warning: {password_file} can be read by other users (chmod 600 it)",
                       err=True)
    else:
        source, ref = "env", None
        if not os.environ.get(ENV_VAR):
            click.echo(f"Note: the password will be read from ${ENV_VAR} at each sync", err=True)
    added = ctx.library.add_account(name, kind, url, user, source, ref)
    if push_notes:
        from tidings.ingest.sync.engine import NOTES_OPTION

        ctx.library.set_sync_state(added.id, {NOTES_OPTION: "1"})
    click.echo(f"added {added.name} ({added.kind}, {added.url}); run: tidings sync {added.name}")


def _password_text(account: Account) -> str:
    if account.secret_source == "command":
        return f"command: {account.secret_ref}"
    if account.secret_source == "file":
        return f"file: {account.secret_ref}"
    return f"${ENV_VAR}"


def _account_json(account: Account, counts: dict[str, int]) -> dict[str, Any]:
    data = account.to_dict()
    data.pop("secret_ref")
    data["password_from"] = _password_text(account)
    return {**data, **counts}


@account.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of accounts.")
@pass_context
def account_list(ctx: Context, as_json: bool) -> None:
    """List accounts with their feeds, articles, marks waiting to be pushed and last sync."""
    library = ctx.library
    rows = [(a, library.account_counts(a.id)) for a in library.accounts()]
    if as_json:
        dump_json([_account_json(a, counts) for a, counts in rows])
        return
    for a, counts in rows:
        user = f" as {a.user}" if a.user else ""
        click.echo(f"{a.name}  {a.kind}  {a.url}{user}  (password from {_password_text(a)})")
        synced = (a.last_sync or "never")[:16].replace("T", " ")
        click.echo(
            f"    {counts['feeds']} feeds, {counts['articles']} articles, "
            f"{counts['pending_marks']} marks to push; last sync {synced}"
        )
        if a.last_error:
            click.echo(f"    error: {a.last_error}")


@account.command("remove")
@click.argument("name")
@pass_context
def account_remove(ctx: Context, name: str) -> None:
    """Forget an account. Its articles stay: its feeds become local collections."""
    kept = ctx.library.remove_account(name)
    click.echo(f"removed {name}; its {kept} feeds stay as local collections")


@account.command("subscribe")
@click.argument("name")
@click.argument("urls", nargs=-1, required=True)
@pass_context
def account_subscribe(ctx: Context, name: str, urls: tuple[str, ...]) -> None:
    """Subscribe the account to feeds on its server, then sync it."""
    import asyncio

    from tidings.ingest.fetch import is_http_url
    from tidings.ingest.sync.base import SyncError
    from tidings.ingest.sync.engine import subscribe, sync_blocking

    for url in urls:
        if not is_http_url(url):
            raise click.BadParameter(f"{url}: only http and https URLs are accepted", param_hint="URL")
    ctx.library.account(name)  # NotFound -> one line, exit 1
    try:
        asyncio.run(subscribe(ctx.db_path, name, list(urls)))
    except SyncError as error:
        raise click.ClickException(f"{name}: {error}") from None
    summary = sync_blocking(ctx.db_path, [name])
    for result in summary.accounts:
        if result.error:
            raise click.ClickException(f"{name}: subscribed, but the sync failed: {result.error}")
        click.echo(f"subscribed to {len(urls)} feeds; {result.line()}")


@cli.command("sync")
@click.argument("names", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@pass_context
def sync_(ctx: Context, names: tuple[str, ...], as_json: bool) -> None:
    """Sync the named accounts (default: all): local marks go up, feeds, new articles and
    the server's marks come down. When a mark changed on both sides, the local one wins.
    Exits 1 if any account failed (one line each on stderr)."""
    from tidings.ingest.sync.engine import sync_blocking

    library = ctx.library
    for name in names:
        library.account(name)  # NotFound -> one line, exit 1
    if not as_json and sys.stderr.isatty():
        summary = _sync_with_bar(ctx.db_path, list(names))
    else:
        summary = sync_blocking(ctx.db_path, list(names))
    if as_json:
        dump_json(summary.to_dict())
    else:
        for result in summary.accounts:
            if not result.error:
                click.echo(result.line())
        click.echo(summary.line())
    for result in summary.failed:
        click.echo(f"Error: {result.name}: {result.error}", err=True)
    if summary.failed:
        raise SystemExit(1)


def _sync_with_bar(path: Path, names: list[str]) -> SyncSummary:
    from rich.progress import BarColumn, Progress, TextColumn

    from tidings.ingest.sync.engine import sync_blocking

    with Progress(
        TextColumn("syncing"), BarColumn(), TextColumn("{task.fields[what]}", markup=False),
        transient=True,
    ) as bar:
        task = bar.add_task("sync", total=None, what="")

        def advance(step: SyncProgress) -> None:
            bar.update(task, what=f"{step.account}: {step.stage}, {step.articles} new articles")

        return sync_blocking(path, names, progress=advance)
