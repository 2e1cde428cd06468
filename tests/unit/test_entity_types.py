"""One entity, one type across the library, decided from the evidence of all its mentions."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from tidings.enrich.model import Mention
from tidings.storage import ArticleIn, Library
from tidings.storage.enrichment import SURE_WEIGHT
from tidings.storage.entity_types import decide
from tidings.storage.migrations import migrations
from tidings.storage.search_language import fold


def _store(library: Library, guid: str, mentions: list[tuple[str, str, bool]], canonical: dict[str, str] = {}) -> int:
    """An article whose text mentions each (name, label, sure) once, in order."""
    text = ". ".join(name for name, _, _ in mentions) + "."
    feed = library.local_feed("Wire")
    article_id = library.store_article(feed, ArticleIn(guid=guid, title="T", text=text)).id
    queued = library.queued_articles([article_id])[0]
    found, pos = [], 0
    for name, label, sure in mentions:
        found.append(Mention(name, label, pos, pos + len(name), canonical.get(name, name), sure))
        pos += len(name) + 2
    assert library.store_enrichment(queued, entities=found, title_entities=[], timeline=[], version=1,
                                    backend="test")
    return article_id


def _types(library: Library) -> dict[str, str]:
    return {row["name"]: row["type"] for row in library.entities()}


def test_a_name_has_one_type_in_every_article_and_a_sure_cue_outweighs_guesses(library: Library) -> None:
    first = _store(library, "a", [("Bornholm", "PERSON", False), ("Rostock", "ORG", False)])
    assert _types(library) == {"Bornholm": "person", "Rostock": "org"}
    second = _store(library, "b", [("Bornholm", "GPE", True), ("Rostock", "GPE", False), ("Rostock", "GPE", False)])
    # "the island of Bornholm" (sure) outweighs one guess; Rostock ties one article to one: a place wins
    assert _types(library) == {"Bornholm": "place", "Rostock": "place"}
    # the first article's highlights follow the library's decision
    for article_id in (first, second):
        assert {m.canonical: m.label for m in library.mentions(article_id)} == {"Bornholm": "GPE", "Rostock": "GPE"}
    rows = library.entities()
    assert len(rows) == len({row["name"] for row in rows}) == 2


def test_re_enriching_an_article_withdraws_its_old_votes(library: Library) -> None:
    article = _store(library, "a", [("Energinet", "PERSON", False)])
    _store(library, "b", [("Energinet", "ORG", True)])
    assert _types(library) == {"Energinet": "org"}
    library.requeue(all_articles=True)
    queued = library.queued_articles([article])[0]
    library.store_enrichment(queued, entities=[], title_entities=[], timeline=[], version=2, backend="test")
    library.store_enrichment(queued, entities=[], title_entities=[], timeline=[], version=2, backend="test")
    votes = library.query("select label, weight from entity_votes where weight > 0")
    assert votes == [{"label": "ORG", "weight": SURE_WEIGHT}]


def test_article_counts_follow_re_analysis_without_recounting(library: Library) -> None:
    first = _store(library, "a", [("Energinet", "ORG", False), ("Rostock", "GPE", False), ("Rostock", "GPE", False)])
    _store(library, "b", [("Energinet", "ORG", False), ("Mette Jensen", "PERSON", False), ("Jensen", "PERSON", False)])
    library.requeue(all_articles=True)
    queued = library.queued_articles([first])[0]
    again = [Mention("Ystad", "GPE", 0, 5, "Ystad"), Mention("Energinet", "ORG", 7, 16, "Energinet")]
    library.store_enrichment(queued, entities=again, title_entities=[], timeline=[], version=2, backend="test",
                             related_places=["Denmark"])
    counts = {row["name"]: row["article_count"] for row in library.query("select name, article_count from entities")}
    recount = {row["name"]: row["n"] for row in library.query(
        "select e.name, count(distinct m.article_id) as n from entities e "
        "left join mentions m on m.entity_id = e.id group by e.id")}
    assert counts == recount == {"Energinet": 2, "Rostock": 0, "Mette Jensen": 1, "Ystad": 1, "Denmark": 1}


def test_other_wins_only_alone_and_ties_read_a_place_first() -> None:
    assert decide([("NORP", 5), ("GPE", 1)]) == ("place", "GPE")
    assert decide([("NORP", 2)]) == ("other", "NORP")
    assert decide([("ORG", 1), ("GPE", 1)]) == ("place", "GPE")
    assert decide([("PERSON", 3), ("ORG", 1), ("GPE", 1)]) == ("person", "PERSON")
    assert decide([("GPE", 1), ("LOC", 2), ("ORG", 2)]) == ("place", "LOC")
    assert decide([]) is None


def test_a_lone_surname_joins_the_one_person_who_has_it(library: Library) -> None:
    _store(library, "a", [("Mette Jensen", "PERSON", False)])
    later = _store(library, "b", [("Jensen", "PERSON", False)])
    assert [m.canonical for m in library.mentions(later)] == ["Mette Jensen"]
    assert library.entity_named("Jensen")["name"] == "Mette Jensen"
    assert {r.id for r in library.find("entity:Jensen")} == {later, later - 1}


def test_an_ambiguous_surname_lists_its_candidates(library: Library) -> None:
    _store(library, "a", [("Mette Jensen", "PERSON", False)])
    _store(library, "b", [("Lars Jensen", "PERSON", False)])
    assert library.entity_named("Jensen") is None
    assert sorted(c["name"] for c in library.entity_candidates("Jensen")) == ["Lars Jensen", "Mette Jensen"]
    assert len(library.find("entity:Jensen")) == 2


def test_a_surname_that_names_a_place_finds_the_place_only(library: Library) -> None:
    _store(library, "a", [("Jackson", "GPE", True)])
    _store(library, "b", [("Andrew Jackson", "PERSON", False)])
    assert library.entity_named("Jackson")["type"] == "place"
    assert len(library.find("entity:Jackson")) == 1


def test_the_migration_merges_names_stored_with_two_labels(library_path: Path) -> None:
    old = Database(library_path)
    old.conn.create_function("tidings_fold", 1, fold, deterministic=True)  # as every connection has
    migrations.apply(old, stop_before="m013_nlp_entities_one_type")
    old.execute("insert into feeds (id, kind, title, created) values (1, 'local', 'Wire', '2025-01-01')")
    old.execute("insert into articles (id, feed_id, guid, title, fetched, text) "
                "values (1, 1, 'a', 'T', '2025-01-01', 'Rostock Rostock')")
    old.execute("insert into entities (id, name, label, article_count) values (1, 'Rostock', 'ORG', 1), "
                "(2, 'Rostock', 'GPE', 1), (3, 'Rostock', 'LOC', 1)")
    old.execute("insert into mentions (article_id, entity_id, field, start, end, text) values "
                "(1, 1, 'text', 0, 7, 'Rostock'), (1, 2, 'text', 8, 15, 'Rostock'), (1, 3, 'title', 0, 7, 'Rostock')")
    old.conn.commit()
    old.close()
    library = Library.open(library_path)
    try:
        assert [(r["name"], r["type"], r["article_count"]) for r in library.entities()] == [("Rostock", "place", 1)]
        assert len({m.label for m in library.mentions(1)}) == 1
    finally:
        library.close()


def test_mentions_over_time_by_day_then_by_week(library: Library) -> None:
    feed = library.local_feed("Wire")
    for guid, day in (("a", "2025-01-01"), ("b", "2025-01-01"), ("c", "2025-01-04"), ("d", "2025-06-30")):
        article = library.store_article(feed, ArticleIn(guid=guid, title=f"T {guid}", text=f"Rostock {guid}.",
                                                        published=day)).id
        queued = library.queued_articles([article])[0]
        library.store_enrichment(queued, entities=[Mention("Rostock", "GPE", 0, 7, "Rostock")],
                                 title_entities=[], timeline=[], version=1, backend="test")
        if guid == "c":
            rostock = library.entity_named("Rostock")["id"]
            assert library.mentions_over_time(rostock) == ("day", "2025-01-01", [2, 0, 0, 1])
    unit, first, weeks = library.mentions_over_time(rostock)
    assert (unit, first) == ("week", "2024-12-30")  # the Monday of the first article's week
    assert weeks[0] == 3 and weeks[-1] == 1 and sum(weeks) == 4 and len(weeks) == 27


def test_the_entity_page_reads_a_common_names_newest_articles_only(
    library: Library, monkeypatch
) -> None:
    """A name in more articles than RECENT: the page counts them all and shows the newest;
    its activity comes from the RECENT most recently stored, its timeline and companions
    from the articles it lists (a name in 400,000 articles of a big library costs what a
    rare one does)."""
    from tidings.enrich.model import TimelineItem
    from tidings.storage import enrichment
    from tidings.tui.widgets import entity_page
    from tidings.tui.widgets.entity_page import load_entity

    monkeypatch.setattr(enrichment, "RECENT", 3)
    feed = library.local_feed("Wire")
    for n in range(6):
        text = f"Rostock on {n + 1} May."
        article = library.store_article(feed, ArticleIn(
            guid=f"g{n}", title=f"T {n}", text=text, published=f"2025-05-{n + 1:02d}")).id
        queued = library.queued_articles([article])[0]
        library.store_enrichment(
            queued, entities=[Mention("Rostock", "GPE", 0, 7, "Rostock")], title_entities=[],
            timeline=[TimelineItem(f"{n + 1} May", 11, 11 + len(f"{n + 1} May"),
                                   f"2025-05-{n + 1:02d}", "day", text, 0, len(text))],
            version=1, backend="test")
    rostock = library.entity_named("Rostock")["id"]
    assert len(library.entity_timeline(rostock)) == 6
    data = load_entity(library, rostock)
    assert data is not None and data.article_count == 6
    assert [a.title for a in data.articles] == ["T 5", "T 4", "T 3"]
    assert [row["date"] for row in data.timeline] == ["2025-05-04", "2025-05-05", "2025-05-06"]
    assert sum(data.activity[2]) == 3
    monkeypatch.setattr(entity_page, "ARTICLES", 2)
    data = load_entity(library, rostock)
    assert data is not None and [a.title for a in data.articles] == ["T 5", "T 4"]
    assert [row["title"] for row in data.timeline] == ["T 4", "T 5"]
    assert sum(data.activity[2]) == 3


def test_an_entitys_timeline_shows_a_sentence_once_per_date(library: Library) -> None:
    """"Talks on Monday ... Monday's vote" in one sentence is one event on the entity's
    timeline; another date in that sentence, or the same date elsewhere, is another."""
    from tidings.enrich.model import TimelineItem

    text = "Rostock holds talks on Monday before Monday's vote and a rally on 9 May. Rostock votes on Monday."
    first, second = text.split(". ")[0] + ".", text.split(". ")[1]
    second_start = text.index(second)
    feed = library.local_feed("Wire")
    article = library.store_article(feed, ArticleIn(
        guid="g", title="T", text=text, published="2025-05-01")).id
    items = [
        TimelineItem(expr, text.index(expr, at), text.index(expr, at) + len(expr), day, "day",
                     sentence, start, start + len(sentence))
        for expr, at, day, sentence, start in [
            ("on Monday", 0, "2025-05-05", first, 0),
            ("Monday's", 0, "2025-05-05", first, 0),
            ("on 9 May", 0, "2025-05-09", first, 0),
            ("on Monday", second_start, "2025-05-05", second, second_start),
        ]
    ]
    library.store_enrichment(
        library.queued_articles([article])[0],
        entities=[Mention("Rostock", "GPE", 0, 7, "Rostock"),
                  Mention("Rostock", "GPE", second_start, second_start + 7, "Rostock")],
        title_entities=[], timeline=items, version=1, backend="test")
    rostock = library.entity_named("Rostock")["id"]
    for found in (library.entity_timeline(rostock), library.entity_timeline(rostock, [article])):
        assert [(row["expression"], row["date"]) for row in found] == [
            ("on Monday", "2025-05-05"), ("on Monday", "2025-05-05"), ("on 9 May", "2025-05-09")]
        assert [row["sentence_start"] for row in found] == [0, second_start, 0]
