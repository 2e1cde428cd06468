"""The search language: every part parsed, malformed queries refused, results right on a
library where the answer is known by construction."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from tidings.storage import ArticleIn, Library
from tidings.storage.search_language import QueryError, compile_query, fold, parse
from tidings.enrich.model import Mention


def test_parse_words_phrases_keys_negation_and_age() -> None:
    query = parse('talks "State Department" -Moscow feed:"Wire One" is:unread @7d sort:date')
    assert [(t.negated, t.key, t.value, t.phrase) for t in query.terms] == [
        (False, None, "talks", False),
        (False, None, "State Department", True),
        (True, None, "Moscow", False),
        (False, "feed", "Wire One", True),
        (False, "is", "unread", False),
        (False, "age", "@7d", False),
    ]
    assert query.sort == "date"


def test_unknown_keys_and_times_stay_words() -> None:
    assert [(t.key, t.value) for t in parse("meeting 10:30 re:budget").terms] == [
        (None, "meeting"), (None, "10:30"), (None, "re:budget"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"open phrase', "unbalanced quote"),
        ("is:everything", "is: takes"),
        ("type:animal", "type: takes"),
        ("after:yesterday", "after: takes a date"),
        ("before:2025-13-01", "before: takes a date"),
        ("sort:random", "sort: takes"),
        ("feed:", "feed: needs a value"),
        ('entity:""', "entity: needs a value"),
    ],
)
def test_malformed_queries_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse(text)


@pytest.fixture
def known(library: Library) -> dict[str, int]:
    """Six articles in two feeds; which query finds which is known by construction."""
    wire = library.local_feed("Wire")
    blog = library.local_feed("Policy Blog")
    library.db.execute("insert into feed_tags (feed_id, tag) values (?, 'world')", [wire])
    specs = {
        "talks": (wire, "Istanbul talks on Thursday", "Diplomats meet in Istanbul.", "2025-02-26"),
        "call": (wire, "Leaders speak by phone", "A call about talks in Istanbul.", "2025-02-12"),
        "market": (blog, "Markets rally", "Stocks rose in Frankfurt.", "2025-02-20"),
        "state": (blog, "State Department briefing", "The State Department said little.", "2025-01-05"),
        "old": (wire, "Archive piece", "Talks in Geneva years ago.", "2023-06-01"),
        "lavrov": (wire, "Lavrov speaks", "Sergei Lavrov said Russia was ready. Lavrov smiled.", "2025-02-25"),
    }
    ids = {}
    for key, (feed, title, text, published) in specs.items():
        ids[key] = library.store_article(
            feed, ArticleIn(guid=key, title=title, text=text, published=published)
        ).id
    library.mark([ids["call"]], read=True)
    library.mark([ids["market"]], starred=True)
    library.annotate_quote(ids["state"], "said little", note="typical")
    article = library.queued_articles([ids["lavrov"]])[0]
    library.store_enrichment(
        article,
        entities=[
            Mention(**{"text": "Sergei Lavrov", "label": "PERSON", "start": 0, "end": 13, "canonical": "Sergei Lavrov"}),
            Mention(**{"text": "Russia", "label": "GPE", "start": 19, "end": 25, "canonical": "Russia"}),
            Mention(**{"text": "Lavrov", "label": "PERSON", "start": 37, "end": 43, "canonical": "Sergei Lavrov"}),
        ],
        title_entities=[], timeline=[], version=1, backend="test",
    )
    return ids



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("istanbul", {"talks", "call"}),
        ('"State Department"', {"state"}),
        ("talks -geneva", {"talks", "call"}),
        ("-talks", {"market", "state", "lavrov"}),
        ("feed:wire", {"talks", "call", "old", "lavrov"}),
        ("feed:wire -feed:blog talks", {"talks", "call", "old"}),
        ("tag:world is:unread", {"talks", "old", "lavrov"}),
        ("talks feed:wire is:unread", {"talks", "old"}),  # "call" is read
        ("talks feed:wire -is:unread", {"call"}),
        ("talks feed:wire is:unread -feed:blog", {"talks", "old"}),
        ("said feed:blog is:unread", {"state"}),
        ("is:starred", {"market"}),
        ("is:annotated", {"state"}),
        ("-is:read feed:blog", {"market", "state"}),
        ('entity:"Sergei Lavrov"', {"lavrov"}),
        ("entity:lavrov", {"lavrov"}),
        ("type:person", {"lavrov"}),
        ("type:place -type:person", set()),
        ("after:2025-02-20 before:2025-02-26", {"market", "lavrov"}),
        ("@10d", {"talks", "market", "lavrov"}),
        ("talks @1y", {"talks", "call"}),
    ],
)
def test_results_on_a_known_library(
    library: Library,
    known: dict[str, int],
    text: str,
    expected: set[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Ages count back from a fixed day, the day after the newest article.
    real = compile_query
    monkeypatch.setattr(
        "tidings.storage.library.compile_query", lambda q, today=None: real(q, today=date(2025, 2, 27))
    )
    names = {article_id: name for name, article_id in known.items()}
    assert {names[a.id] for a in library.find(text)} == expected


def test_relevance_puts_title_matches_first_and_sort_date_overrides(
    library: Library, known: dict[str, int]
) -> None:
    assert [a.id for a in library.find("talks")][0] == known["talks"]
    assert [a.id for a in library.find("istanbul sort:date")] == [known["talks"], known["call"]]
    assert [a.id for a in library.find("istanbul")] == [known["talks"], known["call"]]
    assert library.find_ids("feed:wire sort:date") == [
        known["talks"], known["lavrov"], known["call"], known["old"]
    ]


@pytest.mark.parametrize("text", ["AND", "OR NOT", "NEAR(a b)", "*", "^x", "a:b:c", "'", "\\", "%_"])
def test_fts_syntax_in_user_text_never_breaks(library: Library, known: dict[str, int], text: str) -> None:
    try:  # a misplaced OR is refused with a message (QueryError); nothing reaches SQL broken
        library.find(text)
    except QueryError as error:
        assert text.startswith("OR") and "OR needs words" in str(error)
    library.find(f"feed:{text}")


@pytest.fixture
def nordic(tmp_path) -> Library:  # type: ignore[no-untyped-def]
    library = Library.open(tmp_path / "nordic.db")
    feed = library.local_feed("Wire")
    library.store_articles(feed, [
        ArticleIn(guid="1", title="Cable laid off Rønne", text="The cable reached Rønne harbour.",
                  published="2025-02-01"),
        ArticleIn(guid="2", title="Fishermen protest", text="Fishermen met in Straße Hall.",
                  published="2025-02-02"),
        ArticleIn(guid="3", title="Council vote", text="The council voted on quotas.",
                  published="2025-02-03"),
    ])
    return library


def titles(library: Library, text: str) -> set[str]:
    return {a.title for a in library.find(text)}


def test_the_last_word_matches_as_a_prefix(nordic: Library) -> None:
    """Issue 13 item 17: search as you type finds 'cable' from 'cab'."""
    assert titles(nordic, "cab") == {"Cable laid off Rønne"}
    assert titles(nordic, "harbour cab") == {"Cable laid off Rønne"}
    assert titles(nordic, "cab harbour") == set()  # only the last word is a prefix
    assert titles(nordic, '"cab"') == set()  # a quoted phrase is whole words


def test_accents_and_special_letters_fold_both_ways(nordic: Library) -> None:
    assert titles(nordic, "ronne") == {"Cable laid off Rønne"}
    assert titles(nordic, "Rønne") == {"Cable laid off Rønne"}
    assert titles(nordic, "strasse") == {"Fishermen protest"}


def test_fold_is_whole_text_decomposition_without_marks() -> None:
    """Folded a character at a time, the text is what decomposing it whole and dropping
    every mark gives: precomposed and combining accents, ligatures, full-width letters."""
    text = "Ångström’s ﬁnal Ｒønne Straße e\u0301te\u0301 Łódź x\u0327\u0301 ǿ 12½ café"
    whole = "".join(c for c in unicodedata.normalize("NFKD", text.replace("ø", "o").replace(
        "ß", "ss").replace("Ł", "L")) if not unicodedata.combining(c))
    assert fold(text) == whole.replace("ø", "o")
    assert fold(text) == "Angstrom’s final Ronne Strasse ete Lodz x o 121⁄2 cafe"
    assert fold(fold(text)) == fold(text)  # nothing folded folds further


def test_or_and_parentheses(nordic: Library) -> None:
    assert titles(nordic, "cable OR fishermen") == {"Cable laid off Rønne", "Fishermen protest"}
    assert titles(nordic, "(cable OR council) quotas") == {"Council vote"}
    assert titles(nordic, "cable or fishermen") == set()  # lower-case "or" is a word
    for bad, message in [("cable OR", "OR needs words"), ("(cable", "unbalanced"),
                         ("()", "empty parentheses"), ("-(cable)", "negate words")]:
        with pytest.raises(QueryError, match=message):
            nordic.find(bad)


def test_a_migration_folds_an_index_built_before(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A library from before the folded index: reopening rebuilds it."""
    path = tmp_path / "old.db"
    library = Library.open(path)
    library.store_articles(library.local_feed("Wire"), [
        ArticleIn(guid="1", title="Rønne", text="Rønne harbour.", published="2025-02-01")])
    db = library.db
    for (name,) in db.execute("select name from sqlite_master where type='trigger' and sql like '%articles_fts%'").fetchall():
        db.execute(f'drop trigger "{name}"')
    db.execute("drop table articles_fts")
    db["articles"].enable_fts(["title", "text"], create_triggers=True,
                              tokenize="porter unicode61 remove_diacritics 2")
    db.execute("delete from _sqlite_migrations where name = 'm013_ui_search_folds_accents'")
    assert library.find("ronne") == []
    library.close()
    library = Library.open(path)
    assert [a.title for a in library.find("ronne")] == ["Rønne"]
    library.mark([library.find("ronne")[0].id], read=True)  # marks no longer touch the index
    library.store_articles(library.local_feed("Wire"), [
        ArticleIn(guid="2", title="Sønderborg", text="Ferry to Sønderborg.", published="2025-02-02")])
    assert [a.title for a in library.find("sonderborg")] == ["Sønderborg"]


def test_any_part_of_a_persons_name_finds_them(nordic: Library) -> None:
    from tidings.enrich.model import Mention

    """entity:Jensen finds an article that only ever says "Mette Jensen"; a part of an
    organisation's name does not (a part of "Wire Council" is not that council)."""
    article_id = nordic.find_ids("fishermen")[0]
    queued = nordic.queued_articles([article_id])[0]
    at = queued.text.index("Straße")
    nordic.store_enrichment(
        queued,
        entities=[Mention(text="Straße Hall", label="ORG", start=at, end=at + 11, canonical="Straße Hall")],
        title_entities=[], timeline=[], version=1, backend="test",
    )
    other_id = nordic.find_ids("cable")[0]
    queued = nordic.queued_articles([other_id])[0]
    nordic.store_enrichment(
        queued,
        entities=[Mention(text="Rønne", label="GPE", start=18, end=23, canonical="Rønne")],
        title_entities=[], timeline=[], version=1, backend="test",
    )
    nordic.db.execute("insert into entities (name, label) values ('Mette Jensen', 'PERSON')")
    person = nordic.db.execute("select id from entities where name = 'Mette Jensen'").fetchone()[0]
    nordic.db.execute(
        "insert into mentions (article_id, entity_id, field, start, end, text) "
        "values (?, ?, 'text', 0, 3, 'The')", [other_id, person],
    )
    assert titles(nordic, "entity:Jensen") == {"Cable laid off Rønne"}
    assert titles(nordic, "entity:Mette") == {"Cable laid off Rønne"}
    assert titles(nordic, 'entity:"Mette Jensen"') == {"Cable laid off Rønne"}
    assert titles(nordic, "entity:Jens") == set()  # whole parts of the name, not letters
    assert titles(nordic, "entity:Hall") == set()  # organisations by their name or forms
    assert titles(nordic, '"entity:Straße Hall"') == set()
    assert titles(nordic, 'entity:"Straße Hall"') == {"Fishermen protest"}


def test_feed_matches_a_title_exactly_or_as_words_not_any_substring(library: Library) -> None:
    titles = ["Desk #3", "Desk #30", "News Desk #3 Daily", "Desktop news", "The Guardian",
              "Guardians of the Galaxy fan site"]
    ids = {}
    for title in titles:
        feed = library.local_feed(title)
        ids[title] = library.store_article(feed, ArticleIn(guid=title, title=title, text="x")).id
    found = lambda query: {t for t, i in ids.items() if i in set(library.find_ids(query))}  # noqa: E731
    assert found('feed:"Desk #3"') == {"Desk #3", "News Desk #3 Daily"}
    assert found("feed:desk") == {"Desk #3", "Desk #30", "News Desk #3 Daily"}
    assert found("feed:guardian") == {"The Guardian"}
    assert found('feed:"the guardian"') == {"The Guardian"}
    assert found("-feed:desk") == {"Desktop news", "The Guardian",
                                   "Guardians of the Galaxy fan site"}
