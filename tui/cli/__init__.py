"""The `tidings` command line: a click group whose commands live in small modules beside it.

Errors a user can act on print one line on stderr and exit 1 (2 for usage); no traceback.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import click

from tidings.storage import Library, LibraryError
from tidings import __version__
from tidings.tui.paths import default_library_path


class Context:
    """What every command gets: the library path, opened on first use."""

    def __init__(self, db: Path) -> None:
        self.db_path = db
        self._library: Library | None = None

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = Library.open(self.db_path)
        return self._library


pass_context = click.make_pass_decorator(Context)

# Ids and limits are SQLite integers: anything above 2**63 - 1 is a usage error, not a traceback.
SQLITE_MAX = 2**63 - 1
ARTICLE_ID = click.IntRange(1, SQLITE_MAX)
LIMIT = click.IntRange(1, SQLITE_MAX)


def dump_json(data: object) -> None:
    """Print data as indented JSON, non-ASCII text as it is."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _version_text() -> str:
    lines = [f"tidings {__version__}"]
    try:
        from tidings.enrich import backend_info

        lines.append(f"entities: {backend_info()}")
    except ImportError:
        pass
    return "\n".join(lines)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version_text())
        ctx.exit()


class TidingsGroup(click.Group):
    """A group that shows library errors as one line and exits 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except LibraryError as error:
            raise click.ClickException(str(error)) from None
        except sqlite3.DatabaseError as error:
            raise click.ClickException(f"library error: {error}") from None


@click.group(
    cls=TidingsGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Library file (default: $TIDINGS_DB, else the platform's user data directory).",
)
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
    help="Show the version and the entity backend, then exit.",
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """Tidings: a terminal news reader. With no command, opens the app."""
    ctx.obj = Context(db or default_library_path())
    if ctx.invoked_subcommand is None:
        if not sys.stdin.isatty():
            raise click.ClickException(
                "the reader needs a terminal to read keys from (standard input is not one); "
                "scripts can use its commands: tidings --help")
        from tidings.tui.app import run_app

        run_app(ctx.obj.library)


def main() -> None:
    """Entry point of the `tidings` script and `python -m tui`."""
    cli.main(prog_name="tidings")


from tidings.tui.cli import articles, config, enrichment, feeds, media, rules, search, sync  # noqa: E402,F401  (commands register themselves)
