"""The command line against hostile input (issue 12, items 5, 8-10, 12-15): one-line errors
and exit codes, never a traceback; files written whole and private; plain one-line metadata."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tidings.storage import ArticleIn, Library
from tidings.tui.cli import cli
from tests.support import REPO

HUGE = "99999999999999999999"


def run(db: Path, *args: str, input: str | None = None) -> Result:
    """The command in this process (fast); an uncaught exception would be a traceback."""
    result = CliRunner().invoke(cli, ["--db", str(db), *args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback from {args}") from result.exception
    return result


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    library = Library.open(path)
    feed = library.local_feed("Local")
    library.store_article(feed, ArticleIn(guid="a", title="Harbour dredged", text="The harbour."))
    library.add_feed("https://example.org/feed.xml", title="Harbour News")
    library.close()
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["mark", HUGE, "--read"],
        ["show", HUGE],
        ["annotate", HUGE, "--quote", "x"],
        ["remove", HUGE],
        ["tag", HUGE, "news"],
        ["refresh", HUGE],
        ["list", "--limit", HUGE],
        ["search", "harbour", "--limit", HUGE],
        ["entities", "--limit", HUGE],
    ],
)
def test_ids_and_limits_above_2_63_are_errors_not_tracebacks(db: Path, args: list[str]) -> None:
    result = run(db, *args)
    assert result.exit_code in {1, 2}, result.output


@pytest.mark.parametrize("query", ["@99999999999d", "@" + "9" * 400 + "y", "@36501000d harbour"])
def test_age_numbers_are_range_checked(db: Path, query: str) -> None:
    result = run(db, "search", query)
    assert result.exit_code == 2 and "bad query" in result.output
    assert run(db, "search", "--save", "old", query).exit_code == 2


def test_a_stored_search_that_no_longer_compiles_shows_its_error_in_place(db: Path) -> None:
    assert run(db, "search", "--save", "fine", "harbour").exit_code == 0
    library = Library.open(db)  # as an older Tidings saved it
    library.db.execute(
        "insert into saved_searches (name, query, created) values ('broken', '@99999999999d', '')"
    )
    library.close()
    listed = run(db, "search", "--saved")
    assert listed.exit_code == 0
    assert "broken\terror: @99999999999d: at most 100 years back" in listed.output
    assert "fine\t1 unread\tharbour" in listed.output
    data = json.loads(run(db, "search", "--saved", "--json").output)
    assert [row.get("error") is not None for row in data] == [True, False]
    assert run(db, "search", "--delete", "broken").exit_code == 0


def test_thousands_of_search_terms_are_refused(db: Path) -> None:
    result = run(db, "search", " ".join(f"w{i}" for i in range(20_000)))
    assert result.exit_code == 2 and "query too long" in result.output
    result = run(db, "search", " ".join(f"w{i}" for i in range(100)))
    assert result.exit_code == 2 and "too many terms" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["search", "--save", "", "harbour"],
        ["search", "--save", " \u200b\u202e ", "harbour"],
        ["tag", "2", ""],
        ["tag", "2", " \t "],
        ["annotate", "1", "--quote", "harbour", "--colour", "[red]purple"],
        ["import", "--url", "http://a b", "ARTICLE"],
        ["import", "--url", "http://a\x1bb", "ARTICLE"],
    ],
)
def test_empty_names_bad_colours_and_bad_urls_are_refused(
    db: Path, tmp_path: Path, args: list[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("A title\n\nA body long enough to be an article.\n")
    args = [str(article) if a == "ARTICLE" else a for a in args]
    assert run(db, *args).exit_code in {1, 2}
    assert run(db, "tag", "2", "news").exit_code == 0  # the same commands, well formed, work
    assert run(db, "import", "--url", "http://a.example/b%20c", str(article)).exit_code == 0


def test_ids_and_hostile_text_in_one_line_metadata_are_stripped(db: Path) -> None:
    library = Library.open(db)
    feed = library.local_feed("Wire \u202eSWEN\u202c\u200b")
    article_id = library.store_article(
        feed,
        ArticleIn(
            guid="b", title="Minister \u202eresigns\u202c\ufeff\u200b now\u2066!\u2069",
            text="Body \u202eevil\u202c keeps \u200d joiners \u200c and\nlines.",
            author="Ana\u200b \u202eLind", url="https://example.org/\u200ba",
        ),
    ).id
    library.close()
    shown = json.loads(run(db, "show", str(article_id), "--json").output)
    assert shown["title"] == "Minister resigns now!"
    assert shown["author"] == "Ana Lind" and shown["url"] == "https://example.org/a"
    assert shown["feed"] == "Wire SWEN"
    assert shown["text"] == "Body evil keeps \u200d joiners \u200c and\nlines."
    listed = run(db, "list").output
    assert not any(c in listed for c in "\u202e\u202c\u200b\ufeff\u2066\u2069")


def test_metadata_lengths_are_capped(db: Path) -> None:
    library = Library.open(db)
    feed = library.local_feed("x" * 10_000)
    article = library.article(library.store_article(feed, ArticleIn(
        guid="long", title="T" * 5_000_000, text="body", author="A" * 100_000,
        url="https://example.org/" + "u" * 10_000)).id)
    assert len(article.title) <= 500 and len(article.author or "") <= 200
    assert article.url is None  # a cut URL would lead elsewhere
    assert len(article.feed) <= 200
    feed_id = library.add_feed("https://example.org/f", title="F" * 5_000_000)
    assert len(library.feed(feed_id)["title"]) <= 500
    library.close()


def test_import_warnings_do_not_echo_escapes_from_the_file(db: Path, tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        "<?xml version='1.0' encoding='utf-8'?><opml version='2.0'><body>"
        "<outline text='x' xmlUrl='gopher://evil/\u009b31m\u009d52;c;aGk=\u009c'/>"
        "</body></opml>", encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "tidings", "--db", str(db), "import-opml", str(opml)],
        capture_output=True, text=True, cwd=REPO,
    )
    assert "Warning:" in result.stderr
    assert not any(c in result.stderr for c in "\x1b\x07\x9b\x9c\x9d")
    urls = tmp_path / "urls"
    urls.write_text("gopher://evil/\x1b[2J\x9b31m \"~Evil\x1b]0;title\x07\"\n")
    result = subprocess.run(
        [sys.executable, "-m", "tidings", "--db", str(db), "import-newsboat", "--urls", str(urls),
         "--cache", str(tmp_path / "none.db")],
        capture_output=True, text=True, cwd=REPO,
    )
    assert "Warning:" in result.stderr
    assert not any(c in result.stderr for c in "\x1b\x07\x9b")


def test_library_folder_exports_and_opml_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db = tmp_path / "data" / "tidings" / "lib.db"
        Library.open(db).close()
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
        assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
        for name in ("lib.db-wal", "lib.db-shm"):
            if (db.parent / name).exists():
                assert stat.S_IMODE((db.parent / name).stat().st_mode) == 0o600
        for args in (["export", "annotations", "--output"], ["export-opml", "--output"]):
            out = tmp_path / f"{args[0]}.out"
            assert run(db, *args, str(out)).exit_code == 0
            assert stat.S_IMODE(out.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def _sandbox(script: str) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a private mount namespace (to mount read-only or full file
    systems without touching the machine's); skips where that is not allowed."""
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if shutil.which("unshare") is None or probe.returncode != 0:
        pytest.skip("needs unshare -m (mount namespaces)")
    return subprocess.run(["unshare", "-m", "sh", "-ec", script], capture_output=True,
                          text=True, cwd=REPO, timeout=120)


def test_reading_commands_work_on_a_read_only_library(db: Path) -> None:
    tidings = f"{sys.executable} -m tidings --db {db}"
    folder = db.parent
    done = _sandbox(
        f"mount --bind {folder} {folder}; mount -o remount,bind,ro {folder}\n"
        f"{tidings} list; {tidings} search harbour; {tidings} feeds\n"
        f"{tidings} mark 1 --read || echo \"exit $?\""
    )
    assert done.returncode == 0, done.stderr
    assert "Harbour dredged" in done.stdout and "Harbour News" in done.stdout
    assert "exit 1" in done.stdout
    assert "not a Tidings library" not in done.stderr and "read" in done.stderr.lower()
    assert "Traceback" not in done.stderr


def test_an_export_on_a_full_disk_leaves_the_old_file_whole(db: Path, tmp_path: Path) -> None:
    library = Library.open(db)
    library.annotate_quote(1, "harbour", note="n" * 600_000)
    library.close()
    disk = tmp_path / "disk"
    disk.mkdir()
    tidings = f"{sys.executable} -m tidings --db {db}"
    done = _sandbox(
        f"mount -t tmpfs -o size=256k tmpfs {disk}\n"
        f"echo 'the good old export' > {disk}/notes.md\n"
        f"{tidings} export annotations --output {disk}/notes.md || echo \"exit $?\"\n"
        f"head -c 100 {disk}/notes.md; ls -a {disk}"
    )
    assert "exit 1" in done.stdout, done.stderr[-500:]
    assert "the good old export" in done.stdout
    assert "No space left" in done.stderr and "Traceback" not in done.stderr
    assert ".tmp" not in done.stdout  # the temporary file is gone
