"""The app against hostile feeds, servers and config (issue 12, High 1, H4, item 17): every
string from outside reaches the screen as plain text, the app stays up, and `F` lists every
feed whose last fetch failed, from the library, and retries one."""

from __future__ import annotations

from pathlib import Path

from tidings.storage import ArticleIn, Library
from tidings.storage.records import FetchOutcome
from tidings.tui.app import TidingsApp
from tidings.tui.config import Config
from tests.app.conftest import make_app, notices, screen_text
from tests.integration.feedserver import FeedServer
from tests.integration.test_feeds_refresh import ITEM, rss

CLICK = "[@click=app.screenshot('x.svg','/tmp')]x"
UNBALANCED = "Unbalanced [/] title"


async def test_hostile_feeds_and_reasons_stay_plain_and_f_lists_failures_from_the_library(
    feed_server: FeedServer, library_path: Path, tmp_path: Path
) -> None:
    good = feed_server.add("/good.xml", rss([{**ITEM, "title": CLICK}], title=CLICK))
    broken = feed_server.respond("/broken", 500, "Broken [/] closing")
    clicky = feed_server.respond("/clicky", 500, CLICK)
    busy = feed_server.respond("/busy", 503, "Busy", headers={"Retry-After": "9" * 30})
    library = Library.open(library_path)
    library.add_feed(good)
    broken_id = library.add_feed(broken, title=UNBALANCED)
    library.add_feed(clicky, title="[b]Clicky")
    library.add_feed(busy, title="[/busy]")
    # A failure recorded by `tidings refresh` in another window, before the app started.
    cli_failed = library.add_feed("https://cli.example/feed", title="[red]From the CLI")
    library.record_fetch(
        cli_failed, FetchOutcome(404, error="HTTP 404 [/]Not Found", retry_in=300)
    )
    library.close()

    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and not app.worker_errors
        shown = notices(app)
        assert f"{UNBALANCED}: HTTP 500 Broken [/] closing" in shown
        assert "3 failed: F lists them" in shown
        assert CLICK in screen_text(app)  # the stored article's title, as plain text

        await pilot.press("r")  # a second refresh: the failed feeds wait for their retry
        await app.workers.wait_for_complete()
        await pilot.press("F")
        await pilot.pause()
        text = screen_text(app)
        for expected in (UNBALANCED, "Broken [/] closing", "[b]Clicky", "[/busy]",
                         "[red]From the CLI", "HTTP 404 [/]Not Found", feed_server.url("/busy")):
            assert expected in text, expected
        assert "4" in text.split("Feeds that failed · ")[1][:2]

        # The server is fixed: retrying the highlighted feed from F fetches it at once.
        feed_server.add("/broken", rss([{**ITEM, "guid": "fixed", "title": "Fixed now", "link": "https://harbour.example/fixed"}]))
        del feed_server.handlers["/broken"]
        screen = app.screen
        rows = [row["id"] for row in screen.failed]  # type: ignore[attr-defined]
        for _ in range(rows.index(broken_id)):
            await pilot.press("down")
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Fixed now" in screen_text(app)
        failed_now = {row["id"] for row in Library.open(library_path).failed_feeds()}
        assert broken_id not in failed_now and cli_failed in failed_now
        assert app.is_running


async def test_hostile_config_keys_and_names_reach_the_screen_as_plain_text(
    library_path: Path,
) -> None:
    library = Library.open(library_path)
    feed = library.local_feed("[/] feed [@click=app.quit]")
    article = library.store_article(
        feed, ArticleIn(guid="x", title=UNBALANCED, text="The harbour [/] was dredged.")
    ).id
    library.annotate(article, 0, 11, note="[/note] " + CLICK)
    library.save_search("[/saved]", "harbour")
    library.close()
    config = Config(
        theme="[/oops]", mark_read_delay=60,
        keymap={"app.help": "question_mark,[/x]", "[/x]": "y"},
    )
    app = TidingsApp(Library.open(library_path), config=config, enrich=False,
                     notices=["config: [/x] is not a setting; using the default"])
    app.open_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "unknown theme '[/oops]'" in notices(app)
        assert "[/x] is not a setting" in notices(app)
        await pilot.press("question_mark")  # help: keys from the keymap in table cells
        await pilot.pause()
        assert "Tidings keys" in screen_text(app)
        await pilot.press("escape", "v")  # views: feed and saved-search names
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "[/saved]" in text and "[/] feed [@click=app.quit]" in text
        await pilot.press("escape", "N")  # annotations: the quote and the note
        await pilot.pause()
        assert "[/note]" in screen_text(app)
        await pilot.press("escape", "ctrl+p")  # the palette: view names and key help
        await pilot.pause()
        await pilot.press(*"feed")
        await pilot.pause(0.3)
        assert "[/] feed" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running and not app.worker_errors
