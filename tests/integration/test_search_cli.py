"""`tidings search`, saved searches and the entity commands on the demo library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import REPO, private_copy, run_tidings


@pytest.fixture(scope="module")
def demo_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo articles, imported and enriched once for the module."""
    db = tmp_path_factory.mktemp("demo") / "lib.db"
    paths = sorted(str(p) for p in (REPO / "demo").glob("*.md"))
    assert run_tidings("import", *paths, db=db).returncode == 0
    assert run_tidings("reindex", db=db).returncode == 0
    return db


@pytest.fixture
def db(tmp_path: Path, demo_library: Path) -> Path:
    return private_copy(demo_library, tmp_path)


def _titles(db: Path, *args: str) -> list[str]:
    result = run_tidings("search", *args, "--json", db=db)
    assert result.returncode == 0, result.stderr
    return [row["title"] for row in json.loads(result.stdout)]


def test_search_words_filters_and_negation(db: Path) -> None:
    assert _titles(db, "converter station") == ["Rostock council approves converter station",
                                                "Rostock prepares its port for the Bornholm cable"]
    everything = _titles(db, "cable")
    without = _titles(db, "cable -fishermen")
    assert without and set(without) < set(everything)
    assert all("fishermen" not in t.lower() for t in without)
    dated = _titles(db, "after:2026-03-10 before:2026-03-19 sort:date")
    assert dated == ["Rostock council approves converter station",
                     "European Commission signals support for Baltic energy island"]


def test_search_by_entity_any_form(db: Path) -> None:
    full = _titles(db, 'entity:"Katrin Albers"')
    assert len(full) >= 3
    assert _titles(db, "entity:Albers") == full


def test_malformed_query_is_a_usage_error(db: Path) -> None:
    result = run_tidings("search", "is:everything", db=db)
    assert result.returncode == 2
    assert "bad query" in result.stderr and "Traceback" not in result.stderr


def test_saved_searches_with_unread_counts(db: Path) -> None:
    assert run_tidings("search", "--save", "Rostock", "rostock", db=db).returncode == 0
    saved = json.loads(run_tidings("search", "--saved", "--json", db=db).stdout)
    assert saved == [{"name": "Rostock", "query": "rostock", "unread": len(_titles(db, "rostock"))}]
    bad = run_tidings("search", "--save", "Bad", '"open', db=db)
    assert bad.returncode == 2
    assert run_tidings("search", "--delete", "Rostock", db=db).returncode == 0
    assert json.loads(run_tidings("search", "--saved", "--json", db=db).stdout) == []


def test_entity_page_lists_articles_companions_and_timeline(db: Path) -> None:
    result = run_tidings("entity", "Vinther", "--json", db=db)
    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)
    assert page["name"] == "Lars Vinther" and page["label"] == "PERSON"
    published = [a["published"] for a in page["articles"]]
    assert published == sorted(published, reverse=True) and len(published) >= 3
    shared = [other["articles"] for other in page["co_mentioned"]]
    assert shared == sorted(shared, reverse=True) and max(shared) <= len(published)
    # He meets the fishermen's leader in two stories.
    assert any(other["name"] == "Peter Kofoed" for other in page["co_mentioned"])
    assert page["timeline"], "his sentences carry dates"
    assert all("Vinther" in item["sentence"] for item in page["timeline"])
    missing = run_tidings("entity", "Nobody Atall", db=db)
    assert missing.returncode == 1 and "no entity" in missing.stderr


def test_entity_lists_its_newest_articles_and_all_on_request(db: Path) -> None:
    """As the app's page: the newest --limit articles with their timeline and companions;
    --all for every article and the whole timeline (a name in 377,000 articles once stopped
    with "too many SQL variables")."""
    every = json.loads(run_tidings("entity", "Bornholm", "--all", "--json", db=db).stdout)
    assert len(every["articles"]) == every["article_count"] >= 5
    newest = json.loads(run_tidings("entity", "Bornholm", "--limit", "2", "--json", db=db).stdout)
    assert newest["articles"] == every["articles"][:2]
    ids = {a["id"] for a in newest["articles"]}
    assert {item["article_id"] for item in newest["timeline"]} <= ids
    assert {item["article_id"] for item in every["timeline"]} - ids, "--all dates the older ones too"
    assert all(other["articles"] <= 2 for other in newest["co_mentioned"])
    text = run_tidings("entity", "Bornholm", "--limit", "2", db=db).stdout
    assert "(its newest 2; --all for every one)" in text


def test_entities_by_type(db: Path) -> None:
    people = json.loads(run_tidings("entities", "--type", "person", "--json", db=db).stdout)
    assert people and all(row["label"] == "PERSON" for row in people)
    counts = [row["article_count"] for row in people]
    assert counts == sorted(counts, reverse=True)
