"""`r` syncs accounts and refreshes feeds together in the background: the app keeps
answering while a (slow) server is talked to, progress shows in the status line, the
server's articles arrive, and a failed sync is one line, listed under `F` with its feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import make_app, notices, screen_text
from tests.integration.sync_servers import GoogleReaderServer
from tidings.storage import Library


async def test_r_syncs_accounts_in_the_background_with_progress(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with GoogleReaderServer("freshrss") as server:
        feed = server.data.add_feed("Synced News", "https://example.com/synced.xml")
        server.data.add_entry(feed, "Arrived through the sync server")
        server.delay = 0.3  # a slow server: every answer takes a while
        monkeypatch.setenv("TIDINGS_PASSWORD", server.password)
        library = Library.open(library_path)
        library.add_account("home", "greader", server.url, server.user, "env", None)
        library.add_account("gone", "greader", "http://127.0.0.1:9/", "x", "env", None)
        library.close()
        app = make_app(library_path)
        async with app.run_test(size=(160, 30)) as pilot:
            first = app.main.pane.article.title if app.main.pane.article else None
            await pilot.press("r")
            await pilot.pause(0.2)
            assert "syncing" in screen_text(app)
            await pilot.press("j")  # the app answers while the server is slow
            await pilot.pause()
            assert app.main.pane.article is not None and app.main.pane.article.title != first
            assert "syncing" in screen_text(app)
            await app.workers.wait_for_complete()
            await pilot.pause()
            text = screen_text(app)
            assert "Arrived through the sync server" in text and "syncing" not in text
            assert "gone (sync): cannot reach the server at 127.0.0.1:9" in notices(app)

            # the server goes away: the next r says so, and F lists the account's feeds
            server.stop()
            await pilot.press("r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "home (sync): cannot reach the server" in notices(app)
            await pilot.press("F")
            await pilot.pause()
            screen = screen_text(app)
            assert "Synced News" in screen and "cannot reach the server" in screen
