"""`tidings tag` takes several feeds in one call, checking all before tagging any."""

from __future__ import annotations

from pathlib import Path

from tests.support import run_tidings
from tidings.storage import Library


def test_tag_several_feeds_in_one_call(library_path: Path) -> None:
    library = Library.open(library_path)
    ids = [library.add_feed(f"https://example.org/{n}.xml", title=f"Feed {n}") for n in range(3)]
    library.close()
    result = run_tidings("tag", str(ids[0]), str(ids[1]), "Feed 2", "news", "world",
                         db=library_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{i}\tnews, world" for i in ids]
    numeric = run_tidings("tag", str(ids[0]), "99", "x", db=library_path)  # no feed 99: a tag
    assert numeric.returncode == 0
    missing = run_tidings("tag", "--feed", str(ids[0]), "--feed", "no such feed", "gone",
                          db=library_path)
    assert missing.returncode == 1 and "no feed 'no such feed'" in missing.stderr
    removed = run_tidings("tag", "--remove", str(ids[1]), str(ids[2]), "world", db=library_path)
    assert removed.stdout.splitlines() == [f"{ids[1]}\tnews", f"{ids[2]}\tnews"]
    library = Library.open(library_path)
    assert "gone" not in library.feed_tags(ids[0]) and "99" in library.feed_tags(ids[0])
    library.close()
    alone = run_tidings("tag", str(ids[0]), db=library_path)
    assert alone.returncode == 2 and "Traceback" not in alone.stderr
