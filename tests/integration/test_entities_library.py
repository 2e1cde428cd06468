"""Entities across a library: the demo and the gold articles imported together, as a user would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support import REPO, private_copy, run_tidings
from tidings.storage import ArticleIn, Library
from tidings.tui.cli import enrichment

TYPES = {"person", "org", "place", "other"}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo and gold articles imported, nothing analysed yet (the queue holds them all)."""
    db = tmp_path_factory.mktemp("library") / "lib.db"
    demo = sorted(str(p) for p in (REPO / "demo").glob("*.md"))
    gold = sorted(str(p) for p in (REPO / "tests" / "eval" / "gold").glob("*.txt"))
    assert run_tidings("import", "--feed", "Demo", *demo, db=db).returncode == 0
    assert run_tidings("import", "--feed", "Gold", *gold, db=db).returncode == 0
    return db


@pytest.fixture
def db(tmp_path: Path, imported: Path) -> Path:
    return private_copy(imported, tmp_path)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory, imported: Path) -> Path:
    """The same library once its queue is analysed (by the first command that reads entities), so the
    tests that are not about the queue do not analyse all of it again."""
    db = tmp_path_factory.mktemp("analysed") / "lib.db"
    shutil.copy(imported, db)
    assert run_tidings("entities", "--limit", "1", db=db).returncode == 0
    return db


@pytest.fixture
def analysed_db(tmp_path: Path, analysed: Path) -> Path:
    return private_copy(analysed, tmp_path)


def _entities(db: Path) -> list[dict]:
    result = run_tidings("entities", "--json", db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_entities_analyses_the_queue_first_and_gives_each_name_one_type(db: Path) -> None:
    rows = _entities(db)
    names = [row["name"] for row in rows]
    assert len(names) == len(set(names)), "a name listed twice"
    assert {row["type"] for row in rows} <= TYPES
    assert all(row["label"] for row in rows)  # the model's label is kept beside the type
    by_name = {row["name"]: row["type"] for row in rows}
    assert by_name["Bornholm"] == "place" and by_name["Rostock"] == "place"
    assert by_name["Energinet"] == "org" and by_name["50Hertz"] == "org" and by_name["Prysmian"] == "org"
    assert not {"Danish", "German", "Baltic"} & set(by_name)
    # "Energinet, the Danish grid operator" relates the article to Denmark, which it never names
    under_denmark = [row["title"] for row in json.loads(
        run_tidings("search", "entity:Denmark", "--json", "--limit", "100", db=db).stdout)]
    assert "Energinet and 50Hertz pick Rostock for Baltic power link" in under_denmark
    assert "queued for enrichment: 0" in run_tidings("doctor", db=db).stdout
    lines = run_tidings("entities", "--type", "place", "--limit", "5", db=db).stdout.splitlines()
    assert len(lines) == 5 and all(line.split()[1] == "place" for line in lines)
    places = run_tidings("entities", "--type", "place", db=db).stdout.splitlines()
    assert "Bornholm" in {line.split(None, 2)[2] for line in places}
    counts = [int(line.split()[0]) for line in places]
    assert counts == sorted(counts, reverse=True) and places[:5] == lines  # most written about first


def test_a_surname_finds_the_one_person_who_has_it(analysed_db: Path) -> None:
    db = analysed_db
    found = run_tidings("entity", "Jensen", "--json", db=db)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["name"] == "Mette Jensen"
    titles = [row["title"] for row in json.loads(run_tidings("search", "entity:Jensen", "--json", db=db).stdout)]
    assert titles == ["Odense approves tram extension despite cost warnings"]


def test_an_ambiguous_surname_lists_the_candidates(analysed_db: Path, tmp_path: Path) -> None:
    db = analysed_db
    other = tmp_path / "jensen.txt"
    other.write_text("Lars Jensen wins Aarhus chess title\nLars Jensen, a teacher, won the title on Sunday.\n")
    assert run_tidings("import", str(other), db=db).returncode == 0
    result = run_tidings("entity", "Jensen", db=db)
    assert result.returncode == 1
    assert "Mette Jensen (person" in result.stderr and "Lars Jensen (person" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_long_queue_is_reported_on_stderr_instead_of_analysed(library: Library, monkeypatch, capsys) -> None:
    feed = library.local_feed("Wire")
    for k in range(3):
        library.store_article(feed, ArticleIn(guid=f"g{k}", title=f"Grid news {k}",
                                                 text=f"Shares of Energinet rose {k} per cent in Copenhagen."))
    monkeypatch.setattr(enrichment, "ANALYSE_FIRST_LIMIT", 2)
    enrichment.entities_up_to_date(library)
    assert "3 articles are still waiting for analysis" in capsys.readouterr().err
    assert library.queue_size() == 3
    monkeypatch.setattr(enrichment, "ANALYSE_FIRST_LIMIT", 3)
    enrichment.entities_up_to_date(library)
    assert library.queue_size() == 0
    assert library.entity_named("Energinet")["type"] == "org"


def test_the_demo_alone_gives_its_names_one_type_each(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    demo = sorted(str(p) for p in (REPO / "demo").glob("*.md"))
    assert run_tidings("import", *demo, db=db).returncode == 0
    by_name = {row["name"]: row["type"] for row in _entities(db)}
    assert len(by_name) == len(_entities(db))
    expected = {"Bornholm": "place", "Rostock": "place", "Energinet": "org", "50Hertz": "org", "Prysmian": "org"}
    assert {name: by_name.get(name) for name in expected} == expected
    assert not {"Danish", "German", "Baltic"} & set(by_name)
    # the highlights follow: every mention of Bornholm in every article is drawn as a place
    shown = [json.loads(run_tidings("show", str(i), "--json", db=db).stdout) for i in range(1, len(demo) + 1)]
    bornholm = [m for article in shown for m in article["entities"] + article["title_entities"]
                if m["canonical"] == "Bornholm"]
    assert bornholm and {m["type"] for m in bornholm} == {"place"}
    assert {m["label"] for m in bornholm} <= {"GPE", "LOC", "FAC"}


def test_the_queue_is_analysed_in_batches_each_stored_whole(library: Library, monkeypatch) -> None:
    """More than a batch waiting: every article is analysed; an analysis that fails part way
    keeps the batches stored before it and leaves the rest queued."""
    from tidings.ingest import enricher

    feed = library.local_feed("Wire")
    for k in range(5):
        library.store_article(feed, ArticleIn(guid=f"g{k}", title=f"Grid news {k}",
                                                 text=f"Shares of Energinet rose {k} per cent in Copenhagen."))
    monkeypatch.setattr(enrichment, "ANALYSE_BATCH", 2)
    real = enricher.analyse_article
    calls = []

    def fails_on_the_fourth(title: str, text: str, published: str | None):
        calls.append(title)
        if len(calls) == 4:
            raise RuntimeError("worker died")
        return real(title, text, published)

    monkeypatch.setattr(enricher, "analyse_article", fails_on_the_fourth)
    with pytest.raises(RuntimeError):
        enrichment.analyse_queue(library)
    assert library.queue_size() == 3  # the first batch of two is stored, the second is not
    monkeypatch.setattr(enricher, "analyse_article", real)
    assert enrichment.analyse_queue(library) == 3
    assert library.queue_size() == 0
    assert library.entity_article_count(library.entity_named("Energinet")["id"]) == 5
