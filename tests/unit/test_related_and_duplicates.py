"""Related stories by rare shared entities and words; near-duplicates shown once, read together."""

from __future__ import annotations

from tidings.enrich.fingerprint import distance, simhash
from tidings.ingest.enricher import enrich_now
from tidings.storage import ArticleIn, Library
from tidings.enrich.model import Mention, TimelineItem

WIRE = (
    "The central bank raised its main interest rate by a quarter of a point on Thursday, "
    "citing stubborn inflation in services and a labour market that remains tight despite "
    "slower growth. Governor Maria Lindqvist said further increases could not be ruled out "
    "if wage settlements in the spring stayed high, but that the board would weigh the risk "
    "of tipping the economy into recession. Markets had expected the move, and the currency "
    "was little changed after the announcement. Economists said the bank was likely to pause "
    "at its next meeting in June to assess the effect of the past year of rises."
)


def _mention(name: str, label: str = "PERSON") -> Mention:
    return Mention(text=name, label=label, start=0, end=len(name), canonical=name)


def _article(library: Library, feed: int, guid: str, title: str, names: list[str],
             text: str = "Body text.", url: str | None = None) -> int:
    article_id = library.store_article(
        feed, ArticleIn(guid=guid, title=title, text=text, url=url, published="2025-03-01")
    ).id
    queued = library.queued_articles([article_id])[0]
    library.store_enrichment(
        queued, entities=[_mention(n) for n in names], title_entities=[], timeline=[],
        version=1, backend="test",
    )
    return article_id


def test_rare_shared_entities_rank_first(library: Library) -> None:
    feed = library.local_feed("Wire")
    # "Common Person" is in every article; the rare names tie only some of them together.
    filler = [
        _article(library, feed, f"f{i}", f"Filler {i}", ["Common Person"]) for i in range(30)
    ]
    a = _article(library, feed, "a", "Budget talks", ["Common Person", "Ana Rare", "Bo Rare"])
    b = _article(library, feed, "b", "Budget vote", ["Common Person", "Ana Rare", "Bo Rare"])
    c = _article(library, feed, "c", "Cabinet news", ["Common Person", "Ana Rare"])
    related = library.related(a, limit=5)
    assert [r.article_id for r in related[:2]] == [b, c]
    assert related[0].shared == ["Bo Rare", "Ana Rare"]  # rarest first; "Common Person" says nothing
    assert not {r.article_id for r in related[:2]} & set(filler)


def test_an_article_not_analysed_finds_titles_like_its_own_among_its_neighbours(
    library: Library, monkeypatch
) -> None:
    """Before analysis (no entities) the related list comes from titles, searched among the
    articles stored near it: in a big library every title sharing a word cost seconds."""
    from tidings.storage import related

    monkeypatch.setattr(related, "TITLE_WINDOW", 5)
    feed = library.local_feed("Wire")

    def store(guid: str, title: str) -> int:
        return library.store_article(feed, ArticleIn(guid=guid, title=title, text="Body.")).id

    far = store("far", "Harbour cranes strike spreads")
    filler = [store(f"f{i}", f"Weather update {i}") for i in range(8)]
    near = store("near", "Harbour cranes strike talks")
    opened = store("opened", "Harbour cranes strike ends")
    found = [r.article_id for r in library.related(opened)]
    assert found[0] == near
    assert far not in found and far < opened - related.TITLE_WINDOW
    assert not set(found) & set(filler)


def test_related_links_in_the_library_come_first(library: Library) -> None:
    feed = library.local_feed("Wire")
    target = library.store_article(
        feed, ArticleIn(guid="t", title="Minerals deal agreed", text="A deal on minerals.",
                        url="https://example.org/minerals")
    ).id
    source = library.store_article(
        feed, ArticleIn(guid="s", title="Talks in Istanbul", text="Diplomats met.",
                        related=[("Minerals deal agreed", None)])
    ).id
    assert library.related(source)[0].article_id == target
    assert library.related(source)[0].linked


def test_story_timeline_merges_related_timelines_in_date_order(library: Library) -> None:
    feed = library.local_feed("Wire")
    ids = []
    for guid, date, expression in [("x", "2025-02-12", "February 12"), ("y", "2025-W08", "last week")]:
        article_id = library.store_article(
            feed, ArticleIn(guid=guid, title=f"Story {guid}", text=f"It happened {expression}.")
        ).id
        queued = library.queued_articles([article_id])[0]
        library.store_enrichment(
            queued, entities=[_mention("Ana Rare")], title_entities=[],
            timeline=[TimelineItem(**{"expression": expression, "start": 12, "end": 12 + len(expression),
                       "date": date, "precision": "day" if "W" not in date else "week",
                       "sentence": f"It happened {expression}.", "sentence_start": 0,
                       "sentence_end": 13 + len(expression)})],
            version=1, backend="test",
        )
        ids.append(article_id)
    story = library.story_timeline(ids[1])
    assert [(item["article_id"], item["date"]) for item in story] == [
        (ids[0], "2025-02-12"), (ids[1], "2025-W08")
    ]


def test_fingerprints_tell_copies_from_other_stories() -> None:
    copy = WIRE.replace("Thursday", "Wednesday")
    other = WIRE.replace("central bank", "finance ministry").replace("interest rate", "fuel tax")
    assert distance(simhash(WIRE), simhash(copy)) <= 3  # type: ignore[arg-type]
    assert distance(simhash(WIRE), simhash("Unrelated. " * 5 + other[::-1])) > 10  # type: ignore[arg-type]
    assert simhash("Too short to judge.") is None


def test_same_story_in_two_feeds_shows_once_and_reads_together(library: Library) -> None:
    one, two = library.local_feed("Paper One"), library.local_feed("Paper Two")
    first = library.store_article(one, ArticleIn(guid="1", title="Rates up", text=WIRE)).id
    second = library.store_article(
        two, ArticleIn(guid="2", title="Bank raises rates", text=WIRE.replace("Thursday", "Wednesday"))
    ).id
    different = library.store_article(
        two, ArticleIn(guid="3", title="Fuel tax", text=WIRE.replace("central bank", "finance ministry")
                       .replace("interest rate", "fuel tax").replace("inflation", "emissions")
                       .replace("Governor Maria Lindqvist", "Minister Jon Berg")
                       .replace("Markets had expected the move", "Drivers had feared the move"))
    ).id
    for queued in library.queued(limit=10):
        enrich_now(library, queued)
    assert library.duplicates(second) == [first]
    assert library.duplicates(different) == []
    listed = {a.id: a.sources for a in library.articles()}
    assert listed == {first: 2, different: 1}
    assert second in library.article_ids(feed_id=two)  # a feed still shows its own copy
    library.mark([first], read=True)
    assert library.article(second).read and not library.article(different).read


def test_one_article_under_two_urls_is_one_story(library: Library) -> None:
    one, two = library.local_feed("Paper One"), library.local_feed("Aggregator")
    a = library.store_article(
        one, ArticleIn(guid="a", title="Port strike", text="Short.",
                       url="https://www.example.org/strike/")
    ).id
    b = library.store_article(
        two, ArticleIn(guid="b", title="Port strike", text="Short teaser.",
                       url="http://example.org/strike?utm_source=rss#top")
    ).id
    assert library.duplicates(b) == [a]
    assert [x.id for x in library.find("strike")] == [a]


def test_url_keys_ignore_scheme_www_tracking_and_survive_hostile_urls() -> None:
    from tidings.storage.duplicates import url_key

    assert url_key("https://www.Example.org/a/?utm_source=x&id=3#frag") == "example.org/a?id=3"
    assert url_key("http://example.org/a?id=3") == "example.org/a?id=3"
    for hostile in ["http://[bad", "javascript:alert(1)", "file:///etc/passwd", "", None]:
        assert url_key(hostile) is None


def _templated(subject: str, verb: str, topic: str, place: str) -> tuple[str, str]:
    """A templated story, as a wire service or a content farm writes them: the same
    sentences with the names changed."""
    title = f"The {subject} {verb} {topic} rules in {place}"
    text = (
        f"The {subject} said on Tuesday that it {verb} the {topic} rules agreed last year. "
        "Officials told reporters the decision followed months of consultation with member "
        "states, industry groups and civil society organisations, and that further changes "
        "could follow before the end of the year if the review found gaps in the current "
        "framework. Critics said the move came too late and did too little, while supporters "
        "welcomed what they called a measured response to a difficult problem. "
        f"The meeting in {place} was attended by delegations from more than forty countries, "
        "and a final statement is expected later this week after talks resume on Thursday."
    )
    return title, text


def test_templated_but_distinct_stories_do_not_chain_into_one_group(library: Library) -> None:
    """Issue 12 H1: groups compare with their representative; a read mark reaches only copies."""
    subjects = ["European Central Bank", "World Bank", "finance ministry", "trade council",
                "health agency", "energy regulator", "port authority", "city council"]
    verbs = ["defends", "reviews", "tightens", "scraps", "delays", "backs", "questions", "ends"]
    topics = ["data privacy", "trade", "fishing", "banking", "housing", "aviation", "water",
              "mining"]
    places = ["Hanoi", "Lagos", "Quito", "Oslo", "Perth", "Tunis", "Riga", "Lima"]
    feeds = [library.local_feed(f"Wire {i}") for i in range(3)]
    ids: dict[int, str] = {}
    n = 0
    for shift in range(4):  # every two stories differ in who, what, which rules and where
        for i in range(8):
            s, v, t, p = (subjects[i], verbs[(i + shift) % 8], topics[(i + 2 * shift) % 8],
                          places[(i + 3 * shift) % 8])
            title, text = _templated(s, v, t, p)
            article = ArticleIn(guid=f"g{n}", title=title, text=text)
            ids[library.store_article(feeds[n % 3], article).id] = title
            n += 1
    # One true copy: the same story in another feed, lightly edited.
    title, text = _templated("World Bank", "reviews", "trade", "Lagos")
    original = next(i for i, t in ids.items() if t == title)
    copy = library.store_article(
        feeds[2], ArticleIn(guid="copy", title="World Bank reviews trade rules in Lagos",
                            text=text)
    ).id
    for queued in library.queued(limit=500):
        enrich_now(library, queued)

    for article_id, title in ids.items():
        for other in library.duplicates(article_id):
            assert other == copy or ids.get(other) == title, (title, ids.get(other))
    assert library.duplicates(copy) == [original]
    library.mark([original], read=True)
    read = {row[0] for row in library.db.execute("select id from articles where read = 1")}
    assert read == {original, copy}


def test_a_group_does_not_grow_through_its_members(library: Library) -> None:
    """A is B's copy and B is C's, but C is no copy of A: C stays out of A's group."""
    feed = library.local_feed("Wire")
    words = WIRE.split()
    one = words[:5] + ["Friday"] + words[6:]
    two = one[:17] + ["bankers"] + one[18:]
    texts = [WIRE, " ".join(one), " ".join(two)]
    from tidings.storage.duplicates import MAX_DISTANCE

    a, b, c = (simhash(t) for t in texts)
    assert distance(a, b) <= MAX_DISTANCE and distance(b, c) <= MAX_DISTANCE  # type: ignore[arg-type]
    assert distance(a, c) > MAX_DISTANCE  # type: ignore[arg-type]
    ids = [library.store_article(feed, ArticleIn(guid=str(i), title="Rates up", text=t)).id
           for i, t in enumerate(texts)]
    for article_id in ids:  # in the order they arrived
        enrich_now(library, library.queued_articles([article_id])[0])
    assert library.duplicates(ids[0]) == [ids[1]]
    assert library.duplicates(ids[2]) == []


def test_regrouping_a_chained_library_breaks_the_chain(library: Library) -> None:
    feed = library.local_feed("Wire")
    a = library.store_article(feed, ArticleIn(guid="a", title="Rates up", text=WIRE)).id
    b = library.store_article(feed, ArticleIn(guid="b", title="Port strike", text="Dockers.")).id
    library.db.execute("update articles set dup_of = ? where id = ?", [a, b])  # the old chaining
    with library.write():
        assert library.regroup_duplicates() == 0
    assert library.duplicates(a) == []
