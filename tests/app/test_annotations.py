"""Annotations from the keyboard: select by sentence or word, highlight, note, list, edit, delete."""

from __future__ import annotations

from pathlib import Path

from tidings.storage import Annotation, Library
from tidings.tui.app import TidingsApp
from tests.app.conftest import make_app, notices, screen_text
from tests.app.test_reading import style_of
from tidings.tui.themes import theme_files

WIDE = (160, 30)
FIRST = "Anna Berg signed the harbour deal in Rostock on 12 February 2019."
SECOND = "The Baltic Shipping Company will pay for the new quay."


def stored(path: Path, app: TidingsApp) -> list[Annotation]:
    """The annotations in the library once the app's writer has applied what it holds."""
    assert app.writes.flush(10)
    library = Library.open(path)
    article_id = library.query("select id from articles where guid = 'harbour'")[0]["id"]
    notes = library.annotations(article_id)
    library.close()
    return notes


def yellow() -> str:
    return theme_files()[0]["tidings-dark"].highlights["yellow"].lower()


async def test_h_highlights_the_selected_sentence_and_it_survives_a_restart(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "right")
        assert app.main.pane.selected_text == FIRST
        await pilot.press("h")
        await pilot.pause()
        assert [n.quote for n in stored(library_path, app)] == [FIRST]
        assert "Highlighted" in notices(app)
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert style_of(app, "Anna Berg signed").bgcolor.name == yellow()
        row = next(line for line in screen_text(app).splitlines() if "Harbour deal" in line)
        assert row.startswith("  1 ")  # read (enter opened it), not starred, one annotation


async def test_selection_moves_by_sentence_extends_with_shift_and_by_word_with_ctrl(
    library_path: Path,
) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "right", "right")
        assert app.main.pane.selected_text == SECOND
        await pilot.press("left", "shift+right")
        assert app.main.pane.selected_text == FIRST + " " + SECOND
        await pilot.press("escape", "ctrl+right")
        assert app.main.pane.selected_text == "Anna"
        await pilot.press("ctrl+shift+right", "ctrl+shift+right")
        assert app.main.pane.selected_text == "Anna Berg signed"
        await pilot.press("h")
        await pilot.pause()
        assert [n.quote for n in stored(library_path, app)] == ["Anna Berg signed"]


async def test_a_highlights_with_a_note(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "right", "right", "a")
        await pilot.pause()
        assert SECOND in screen_text(app)  # the quote above the editor
        await pilot.press(*"Who pays? [b]not[/b]", "ctrl+s")
        await pilot.pause()
        notes = stored(library_path, app)
        assert [(n.quote, n.note) for n in notes] == [(SECOND, "Who pays? [b]not[/b]")]


async def test_escape_in_the_note_editor_saves_nothing(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "right", "a", *"draft", "escape")
        await pilot.pause()
        assert stored(library_path, app) == []


async def test_N_lists_annotations_to_jump_edit_recolour_and_delete(long_path: Path) -> None:
    library = Library.open(long_path)
    article_id = library.query("select id from articles where guid = 'harbour'")[0]["id"]
    text = library.article(article_id).text
    at = text.index("Talks resume")
    library.annotate(article_id, 0, 9, note="who is she")
    library.annotate(article_id, at, at + 12)
    library.close()
    app = make_app(long_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("N")
        await pilot.pause()
        text_now = screen_text(app)
        assert "Annotations · 2" in text_now and "✎ who is she" in text_now
        await pilot.press("down", "enter")  # jump to the second, far down the article
        await pilot.pause()
        assert app.main.pane.scroll_y > 0
        assert app.focused is app.main.pane
        await pilot.press("N", "e", "end", *" (edited)", "ctrl+s")
        await pilot.pause()
        assert stored(long_path, app)[0].note == "who is she (edited)"
        await pilot.press("N", "c")
        await pilot.pause()
        assert stored(long_path, app)[0].colour == "green"
        await pilot.press("escape", "N", "down", "d")
        await pilot.pause()
        assert [n.quote for n in stored(long_path, app)] == ["Anna Berg"]
        assert "Annotation deleted" in notices(app)


async def test_annotated_view_lists_only_annotated_articles(library_path: Path) -> None:
    library = Library.open(library_path)
    library.annotate_quote(library.articles()[1].id, "quotas")
    library.close()
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        for name in ("All articles", "Unread", "Starred", "Annotated", "Feed: Baltic News"):
            assert name in text
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert app.main.pane.article.title == "Fishermen protest quotas"
        assert len(app.main.article_list.ids) == 1
        assert "Annotated · 1 shown" in screen_text(app)
