"""The search language: every part parsed, malformed queries refused, results right on a
library where the answer is known by construction."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.storage import ArticleIn, Library
from tidings.storage.search_language import QueryError, compile_query, parse
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
    library.find(text)
    library.find(f"feed:{text}")
