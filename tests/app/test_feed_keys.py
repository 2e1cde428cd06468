"""Feed-level keys and auto-reload in the app: a background refresh on the loopback server
brings a new article without moving the cursor, the open article or the list's scroll; next
feed with unread, mark a feed or tag read, sort and hide-read toggles, a rule in two keys,
opening every unread article, playing an enclosure, "send to" from the palette."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from tests.app.conftest import make_app, notices, screen_text
from tests.integration.feedserver import FeedServer
from tidings.ingest.refresh import refresh
from tidings.storage import ArticleIn, Library
from tidings.tui.config import Config


def rss(count: int) -> str:
    items = "".join(
        f"<item><guid>item-{n}</guid><title>Item number {n}</title>"
        f"<pubDate>Mon, 0{1 + n % 9} Feb 2021 10:00:00 +0000</pubDate>"
        f"<description>Body {n}.</description></item>"
        for n in reversed(range(count))
    )
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Loop</title>{items}"
            "</channel></rss>")


async def wait_for(condition, seconds: float = 15.0) -> bool:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.1)):
        if condition():
            return True
        await asyncio.sleep(0.1)
    return condition()


async def test_auto_reload_adds_articles_without_moving_anything(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library = Library.open(path)
    filler = library.local_feed("Older")
    library.store_articles(filler, [
        ArticleIn(guid=f"old{n}", title=f"Older story {n}", text="x", published=f"2020-01-{n + 1:02d}")
        for n in range(28)
    ])
    with FeedServer() as server:
        url = server.add("/feed.xml", rss(3))
        feed_id = library.add_feed(url)
        library.close()
        await refresh(path, fetch_pages=False)
        library = Library.open(path)
        library.set_feed_interval([feed_id], 1)  # due again every second (the CLI allows 10s)
        library.close()

        app = make_app(path, Config(mark_read_delay=60, auto_reload=1))
        async with app.run_test(size=(100, 24)) as pilot:
            await pilot.press("j", "j", "j", "j", "j")
            await pilot.pause()
            main = app.main
            listed = main.article_list
            before_id = listed.current
            before_line = listed.cursor - int(listed.scroll_y)
            opened = main.pane.article.id
            assert opened == before_id
            before_count = len(listed.ids)

            server.add("/feed.xml", rss(4))  # the loopback server gets a new item
            assert await wait_for(lambda: len(main.article_list.ids) == before_count + 1)
            await pilot.pause()
            assert listed.current == before_id  # the cursor stayed on its article ...
            assert listed.cursor - int(listed.scroll_y) == before_line  # ... on its line
            assert main.pane.article.id == opened  # the open article did not change
            assert "1 new" in screen_text(app)
            assert "Item number 3" in [s.title for s in
                                       Library.open(path).summaries(listed.ids).values()]


@pytest.fixture
def two_feeds(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    library = Library.open(path)
    alpha = library.add_feed("https://alpha.example/feed.xml", title="Alpha", tags=["news"])
    beta = library.add_feed("https://beta.example/feed.xml", title="Beta", tags=["news"])
    gamma = library.local_feed("Gamma notes")
    library.store_articles(alpha, [
        ArticleIn(guid="a1", title="Alpha one", text="A.", url="https://alpha.example/1",
                  author="Ann Smith", published="2019-02-10"),
        ArticleIn(guid="a2", title="Alpha two", text="A.", url="https://alpha.example/2",
                  published="2019-02-09",
                  enclosures=[("https://alpha.example/ep.mp3", "audio/mpeg", 2_000_000)]),
    ])
    library.store_articles(beta, [
        ArticleIn(guid="b1", title="Beta one", text="B.", url="https://beta.example/1",
                  author="Bo Lund", published="2019-02-08"),
    ])
    library.store_articles(gamma, [
        ArticleIn(guid="g1", title="Gamma one", text="G.", published="2019-02-07"),
    ])
    library.close()
    return path


async def test_feed_keys(two_feeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url) or True)
    app = make_app(two_feeds)
    async with app.run_test(size=(120, 30)) as pilot:
        main = app.main
        await pilot.press("f")  # next feed with unread: the first, Alpha
        await pilot.pause()
        assert main.view.name == "Feed: Alpha"
        await pilot.press("f")
        await pilot.pause()
        assert main.view.name == "Feed: Beta"

        await pilot.press("C")  # mark this feed read, after a question
        await pilot.pause()
        assert "Mark 1 unread articles of Beta as read?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        library = app.library
        assert library.article_ids(unread=True, feed_id=library.feed_id("Beta")) == []
        await pilot.press("f")
        await pilot.pause()
        assert main.view.name == "Feed: Gamma notes"  # Beta has nothing unread now

        main.show_view(next(v for v in app.available_views() if v.name == "Tag: news"))
        await pilot.pause()
        await pilot.press("z")  # oldest first
        await pilot.pause()
        titles = [library.summary(i).title for i in main.article_list.ids]
        assert titles == ["Beta one", "Alpha two", "Alpha one"]
        await pilot.press("H")  # hide read
        await pilot.pause()
        assert [library.summary(i).title for i in main.article_list.ids] == [
            "Alpha two", "Alpha one"]
        assert "read hidden" in screen_text(app)
        await pilot.press("H", "z")
        await pilot.pause()

        await pilot.press("O")  # every unread article of the view in the browser
        await app.workers.wait_for_complete()
        assert sorted(opened) == ["https://alpha.example/1", "https://alpha.example/2"]
        assert library.article_ids(unread=True, tag="news") == []
        await pilot.press("C")
        await pilot.pause()
        assert "Nothing unread there" in notices(app)


async def test_a_rule_from_the_open_article_in_two_keys(two_feeds: Path) -> None:
    app = make_app(two_feeds)
    async with app.run_test(size=(120, 30)) as pilot:
        main = app.main
        library = app.library
        assert main.pane.article.title == "Alpha one"
        await pilot.press("X")
        await pilot.pause()
        assert "by Ann Smith" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        titles = {library.summary(i).title for i in main.article_list.ids}
        assert "Alpha one" not in titles and "Alpha two" in titles
        assert "Rule 'hide author Ann Smith' hides 1 articles" in notices(app)
        rule = library.rule("hide author Ann Smith")
        assert (rule.query, rule.action) == ('author:"Ann Smith"', "hide")
        new = library.store_article(library.feed_id("Beta"), ArticleIn(
            guid="b2", title="Beta two", text="B.", author="ann smith"))
        assert library.summary(new.id).id not in library.article_ids()  # hidden at ingest

        await pilot.press("X", "f")  # the open article's feed
        await pilot.pause()
        assert {library.summary(i).feed for i in main.article_list.ids} == {"Beta",
                                                                           "Gamma notes"}
        main.show_view(next(v for v in app.available_views() if v.kind == "hidden"))
        await pilot.pause()
        assert {library.summary(i).title for i in main.article_list.ids} == {
            "Alpha one", "Alpha two", "Beta two"}


async def test_enclosure_player_and_send_to(two_feeds: Path, tmp_path: Path) -> None:
    script = tmp_path / "record.py"
    script.write_text("import json, sys, pathlib\n"
                      "pathlib.Path(sys.argv[1]).open('a').write(json.dumps(sys.argv[2:]) + '\\n')\n")
    out = tmp_path / "calls.jsonl"
    recorder = [sys.executable, str(script), str(out)]
    config = Config(mark_read_delay=60, player_command=[*recorder, "{url}"],
                    send_to={"Save [b]it[/b]": [*recorder, "{title}", "{url}"]})
    app = make_app(two_feeds, config)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert "This article has no enclosure" in notices(app)
        await pilot.press("j")
        await pilot.pause()
        shown = screen_text(app)
        assert "Enclosures" in shown and "audio/mpeg" in shown and "1.9 MB" in shown
        await pilot.press("p")
        # a whole line: the recorder creates the file before it writes to it
        assert await wait_for(lambda: out.exists() and out.read_text().endswith("\n"))
        assert json.loads(out.read_text().splitlines()[0]) == ["https://alpha.example/ep.mp3"]

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"send to")
        await pilot.pause(0.5)
        assert "Send to: Save [b]it[/b]" in screen_text(app)
        await pilot.press("enter")
        assert await wait_for(lambda: out.read_text().count("\n") == 2)
        assert json.loads(out.read_text().splitlines()[1]) == [
            "Alpha two", "https://alpha.example/2"]
