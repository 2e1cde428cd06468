"""The library file: schema, marks, annotations that survive text changes, search, hostility."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tidings.storage.search_language import QueryError
from tidings.storage import (
    ArticleIn, Library, NewerLibrary, NotALibrary, NotFound, prepare_article,
)
from tidings.storage.migrations import migrations
from tidings.enrich.model import Mention


def _article(guid: str = "g1", text: str = "First paragraph.\n\nSecond paragraph.", **kw) -> ArticleIn:
    return ArticleIn(guid=guid, title=kw.pop("title", "A title"), text=text, **kw)


def test_open_creates_schema_in_wal_mode_and_reopens(library_path: Path) -> None:
    lib = Library.open(library_path)
    assert {"feeds", "articles", "annotations", "related_links", "articles_fts"} <= set(
        lib.db.table_names()
    )
    assert lib.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert lib.db.execute("pragma foreign_keys").fetchone()[0] == 1
    lib.close()
    again = Library.open(library_path)  # migrations run again and find nothing to do
    assert [m.name for m in migrations.applied(again.db)] == [m.name for m in migrations._migrations]


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(NotALibrary):
        Library.open(path)
    assert path.read_text().startswith("these are my notes")  # untouched


def test_another_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("create table recipes (name text)")
    conn.commit()
    conn.close()
    with pytest.raises(NotALibrary):
        Library.open(path)
    tables = [r[0] for r in sqlite3.connect(path).execute("select name from sqlite_master")]
    assert tables == ["recipes"]


def test_a_library_from_a_newer_version_is_refused(library_path: Path) -> None:
    lib = Library.open(library_path)
    lib.db["_sqlite_migrations"].insert(
        {"migration_set": "tidings", "name": "m999_from_the_future", "applied_at": "2030"}
    )
    lib.close()
    with pytest.raises(NewerLibrary, match="newer Tidings"):
        Library.open(library_path)


def test_same_guid_is_one_article_and_an_update_keeps_marks(library: Library) -> None:
    feed = library.local_feed("Wire")
    first = library.store_article(feed, _article())
    library.mark([first.id], read=True, starred=True)
    assert library.store_article(feed, _article()).status == "unchanged"
    updated = library.store_article(feed, _article(text="First paragraph, corrected.\n\nMore."))
    assert (updated.id, updated.status) == (first.id, "updated")
    article = library.article(first.id)
    assert article.read and article.starred
    assert article.text.startswith("First paragraph, corrected.")
    assert len(library.articles()) == 1


def test_marks_are_stamped_and_unknown_ids_refused(library: Library) -> None:
    feed = library.local_feed("Wire")
    article_id = library.store_article(feed, _article()).id
    library.mark([article_id], starred=True)
    row = library.query("select starred, starred_at, read_at from articles")[0]
    assert row["starred"] == 1 and row["starred_at"] and row["read_at"] is None
    with pytest.raises(NotFound):
        library.mark([article_id, 999], read=True)
    assert not library.article(article_id).read  # nothing half-done


def test_views_filter_and_order_newest_first(library: Library) -> None:
    feed = library.local_feed("Wire")
    ids = [
        library.store_article(feed, _article(guid=f"g{i}", title=f"t{i}", published=f"2025-01-0{i}")).id
        for i in range(1, 5)
    ]
    library.mark([ids[0]], read=True)
    library.mark([ids[1]], starred=True)
    assert [a.title for a in library.articles()] == ["t4", "t3", "t2", "t1"]
    assert [a.title for a in library.articles(unread=True)] == ["t4", "t3", "t2"]
    assert [a.title for a in library.articles(starred=True)] == ["t2"]
    assert library.article_ids(unread=True) == [ids[3], ids[2], ids[1]]


def test_control_characters_are_stripped_from_everything_stored(library: Library) -> None:
    feed = library.local_feed("Evil\x1b[2J feed")
    hostile = "Title\x1b]52;c;aGk=\x07 with \x9b31m C1 and \x7f DEL"
    article_id = library.store_article(
        feed, _article(title=hostile, text="Body\x00 text\x08.\r\nTab\tstays.", author="A\x1bB")
    ).id
    article = library.article(article_id)
    assert article.title == "Title]52;c;aGk= with 31m C1 and DEL"  # one line, single spaces
    assert article.text == "Body text.\nTab\tstays."
    assert article.author == "AB"
    assert article.feed == "Evil[2J feed"


def test_an_article_prepared_elsewhere_is_stored_as_the_article_itself(library: Library) -> None:
    """A refresh makes rows in its parse processes (`prepare_article`); what is stored, and
    how a second fetch of the same article is told apart, must not depend on where."""
    feed = library.local_feed("Wire")
    hostile = _article(guid="p", title="Quay\x1b[2J  works", text="Dredging\x00 starts.\r\nSoon.",
                       url="https://www.harbour.example/quay/?utm_source=x", author="A\x9bB")
    plain = _article(guid="q", title=hostile.title, text=hostile.text, url=hostile.url,
                     author=hostile.author)
    first = library.store_articles(feed, [prepare_article(hostile), plain])
    assert [r.status for r in first] == ["new", "new"]
    stored = [library.article(r.id) for r in first]
    assert stored[0].title == stored[1].title == "Quay[2J works"
    assert stored[0].text == stored[1].text == "Dredging starts.\nSoon."
    assert stored[0].author == stored[1].author == "AB"
    again = library.store_articles(feed, [prepare_article(plain), hostile])  # swapped
    assert [r.status for r in again] == ["unchanged", "unchanged"]


def test_annotation_follows_its_quote_when_text_changes(library: Library) -> None:
    feed = library.local_feed("Wire")
    text = "Talks open on Thursday in Istanbul.\n\nThe outcome will show how quickly we move."
    article_id = library.store_article(feed, _article(text=text)).id
    note = library.annotate_quote(article_id, "how quickly we move", note="key quote")
    new_text = "Updated: talks open on Thursday.\n\nA new paragraph.\n\n" + text.split("\n\n")[1]
    library.store_article(feed, _article(text=new_text))
    moved = library.annotation(note.id)
    assert not moved.orphaned
    assert new_text[moved.start : moved.end] == "how quickly we move"
    assert moved.note == "key quote"


def test_annotation_whose_quote_is_gone_is_kept_as_orphaned(library: Library) -> None:
    feed = library.local_feed("Wire")
    article_id = library.store_article(feed, _article(text="The minister resigned today.")).id
    note = library.annotate_quote(article_id, "resigned", note="why?")
    library.store_article(feed, _article(text="The minister stays in office."))
    kept = library.annotation(note.id)
    assert kept.orphaned and kept.quote == "resigned" and kept.note == "why?"


def test_annotation_picks_the_occurrence_with_matching_context(library: Library) -> None:
    feed = library.local_feed("Wire")
    text = "He said no. Later, in Paris, he said no again."
    article_id = library.store_article(feed, _article(text=text)).id
    second = text.rindex("said no")
    note = library.annotate(article_id, second, second + len("said no"))
    new_text = "Intro.\n\n" + text
    library.store_article(feed, _article(text=new_text))
    moved = library.annotation(note.id)
    assert moved.start == new_text.rindex("said no")


def test_annotate_quote_missing_text_is_an_error(library: Library) -> None:
    feed = library.local_feed("Wire")
    article_id = library.store_article(feed, _article()).id
    with pytest.raises(NotFound, match="does not contain"):
        library.annotate_quote(article_id, "not in the text")


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "*", "a\"b(c)", "NEAR(", "-x", "title:"])
def test_search_never_breaks_on_user_text(library: Library, query: str) -> None:
    feed = library.local_feed("Wire")
    library.store_article(feed, _article(title="Istanbul talks", text="Diplomats meet."))
    try:  # no SQL error is the point; results may be empty, or the query refused plainly
        library.find(query)
    except QueryError:
        pass


def test_search_ranks_title_matches_first_and_follows_updates(library: Library) -> None:
    feed = library.local_feed("Wire")
    body = library.store_article(
        feed, _article(guid="a", title="Markets", text="Istanbul and Ankara")
    ).id
    title = library.store_article(
        feed, _article(guid="b", title="Istanbul talks", text="Diplomats meet.")
    ).id
    assert [a.id for a in library.find("istanbul")] == [title, body]
    library.store_article(feed, _article(guid="a", title="Markets", text="Nothing here"))
    assert [a.id for a in library.find("istanbul")] == [title]


def test_view_ids_by_tag_entity_and_oldest_first(library: Library) -> None:
    wire, blog = library.local_feed("Wire"), library.local_feed("Blog")
    library.db.execute("insert into feed_tags (feed_id, tag) values (?, 'world')", [wire])
    first = library.store_article(wire, _article(guid="w1", published="2025-01-01")).id
    second = library.store_article(wire, _article(guid="w2", published="2025-01-02")).id
    other = library.store_article(blog, _article(guid="b1", published="2025-01-03")).id
    queued = library.queued_articles([second])[0]
    library.store_enrichment(
        queued, entities=[Mention(text="Ana", label="PERSON", start=0, end=3, canonical="Ana")],
        title_entities=[], timeline=[], version=1, backend="test",
    )
    ana = library.entity_named("Ana")
    assert ana is not None
    assert library.article_ids(tag="world") == [second, first]
    assert library.article_ids(tag="world", oldest_first=True) == [first, second]
    assert library.article_ids(entity_id=ana["id"]) == [second]
    assert library.article_ids(oldest_first=True) == [first, second, other]


def test_a_library_says_it_is_one_in_its_header(library_path: Path) -> None:
    from tidings.storage.migrations import APPLICATION_ID

    Library.open(library_path).close()
    conn = sqlite3.connect(library_path)
    assert conn.execute("pragma application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_library_from_before_the_header_stamp_still_opens(library_path: Path) -> None:
    lib = Library.open(library_path)
    feed = lib.local_feed("Wire")
    lib.store_article(feed, _article())
    lib.db.execute("pragma application_id = 0")  # as Tidings wrote libraries before
    lib.db.execute("delete from _sqlite_migrations where name = 'm012_arch_application_id'")
    lib.close()
    again = Library.open(library_path)
    assert len(again.articles()) == 1
    assert again.db.execute("pragma application_id").fetchone()[0] != 0  # stamped now
    again.close()


def test_another_application_s_database_is_refused_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("pragma application_id = 1179863619")  # some other program's
    conn.execute("create table _sqlite_migrations (migration_set, name, applied_at)")
    conn.commit()
    conn.close()
    with pytest.raises(NotALibrary):
        Library.open(path)
