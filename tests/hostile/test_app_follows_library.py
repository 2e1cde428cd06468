"""The list follows the library (issue 12, H3): articles another process added appear
without moving the cursor, and `A` then marks what is shown, new articles included."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tidings.storage import Library
from tests.app.conftest import build_library, make_app, screen_text
from tests.support import REPO

WRITER = textwrap.dedent(
    """
    import sys
    from tidings.storage import ArticleIn, Library

    library = Library.open(sys.argv[1])
    library.store_article(
        library.local_feed("Baltic News"),
        ArticleIn(guid="other-process", title="Added by another process", text="New.",
                  published="2030-01-01"),
    )
    """
)


async def test_articles_another_process_added_appear_without_moving_the_cursor(
    library_path: Path,
) -> None:
    build_library(library_path)
    app = make_app(library_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j", "j")
        await pilot.pause()
        current = app.main.article_list.current
        before = len(app.main.article_list.ids)
        subprocess.run([sys.executable, "-c", WRITER, str(library_path)], check=True, cwd=REPO)
        for _ in range(40):
            await pilot.pause(0.1)
            if len(app.main.article_list.ids) > before:
                break
        assert len(app.main.article_list.ids) == before + 1
        assert "Added by another" in screen_text(app)
        assert app.main.article_list.current == current  # the cursor stayed on its article
        await pilot.press("A", "y")
        await pilot.pause()
    library = Library.open(library_path)
    assert library.count_unread() == 0
    library.close()
