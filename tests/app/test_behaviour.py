"""Behaviour a new user relies on (issue 13): when articles become read, undo, the
annotations list keeping its place, → after a highlight, o with a link number."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest

from tests.app.conftest import build_library, make_app, notices
from tests.app.test_annotations import FIRST, SECOND, WIDE, stored
from tidings.storage import ArticleIn, Library
from tidings.tui.config import Config


def unread(path: Path) -> list[str]:
    library = Library.open(path)
    titles = [a.title for a in library.articles() if not a.read]
    library.close()
    return titles


async def test_nothing_is_read_until_the_user_opens_or_moves_to_it(library_path: Path) -> None:
    """Item 11: the article shown at launch is not read after the delay; one the user moves
    to is; at 80 columns the list hides the pane, so moving the cursor reads nothing."""
    app = make_app(library_path, Config(mark_read_delay=0.2))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.6)
        assert len(unread(library_path)) == 4
        await pilot.press("j")
        await pilot.pause(0.6)
        assert "Fishermen protest quotas" not in unread(library_path)
        assert len(unread(library_path)) == 3
    app = make_app(library_path, Config(mark_read_delay=0.2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j")  # onto an unread one
        await pilot.pause(0.6)
        assert len(unread(library_path)) == 3  # moved onto, but never shown
        await pilot.press("enter")
        await pilot.pause()
        assert len(unread(library_path)) == 2


@pytest.mark.parametrize("rule", ["hand", "end"])
async def test_the_read_rule_is_a_setting(long_path: Path, rule: str) -> None:
    app = make_app(long_path, Config(mark_read=rule, mark_read_delay=0.1))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause(0.4)
        assert "Harbour deal signed in Rostock" in unread(long_path)  # long: its end not seen
        await pilot.press("end")
        await pilot.pause(0.3)
        read = "Harbour deal signed in Rostock" not in unread(long_path)
        assert read == (rule == "end")
        await pilot.press("q", "j")  # a short article: all of it on screen at once
        await pilot.pause(0.4)
        assert ("Fishermen protest quotas" not in unread(long_path)) == (rule == "end")


async def test_u_undoes_read_star_mark_all_and_a_deleted_annotation(library_path: Path) -> None:
    """Item 14."""
    library = Library.open(library_path)
    library.annotate(1, 0, 9, note="who")
    library.close()
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("m", "s")
        await pilot.pause()
        assert len(unread(library_path)) == 3
        await pilot.press("u")  # the star
        await pilot.pause()
        assert Library.open(library_path).articles(starred=True) == []
        await pilot.press("u")  # the read mark
        await pilot.pause()
        assert len(unread(library_path)) == 4
        await pilot.press("j", "m", "A", "y")
        await pilot.pause()
        assert unread(library_path) == []
        await pilot.press("u")
        await pilot.pause()
        assert len(unread(library_path)) == 3  # back to before A (m on the second stays)
        assert "Undone: marked 3 articles read" in notices(app)
        await pilot.press("k", "N", "d")
        await pilot.pause()
        assert stored(library_path, app) == []
        await pilot.press("u")
        await pilot.pause()
        assert [(n.quote, n.note) for n in stored(library_path, app)] == [("Anna Berg", "who")]
        assert app.main.pane.marks.annotations  # drawn again
        await pilot.press("u", "u")  # the m on the second article, then nothing left
        await pilot.pause()
        assert len(unread(library_path)) == 4 and "Nothing to undo" in notices(app)


async def test_c_keeps_the_cursor_on_the_recoloured_annotation(long_path: Path) -> None:
    """Item 12, first half: the second c recolours the same annotation again."""
    library = Library.open(long_path)
    library.annotate(1, 0, 9)
    at = library.article(1).text.index("Talks resume")
    library.annotate(1, at, at + 12)
    library.close()
    app = make_app(long_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("N", "down", "c")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        first, second = stored(long_path, app)
        assert (first.colour, second.colour) == ("yellow", "blue")  # yellow → green → blue


async def test_after_h_right_selects_the_next_sentence(library_path: Path) -> None:
    """Item 12, second half."""
    app = make_app(library_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "right", "h")
        await pilot.pause()
        await pilot.press("right")
        assert app.main.pane.selected_text == SECOND
        assert [n.quote for n in stored(library_path, app)] == [FIRST]


async def test_o_and_a_number_opens_that_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 18: links numbered in the text, listed at the end, opened by number."""
    from tidings.ingest.html import html_fragment

    paragraphs, html = html_fragment(
        "<p>Schools <a href='/close'>close</a>.</p><ul><li>Buses <a href='https://e.org/bus'>stop</a></li></ul>",
        "https://e.org/",
    )
    article = ArticleIn(guid="s", title="Storm", text="\n\n".join(paragraphs), html=html,
                        url="https://e.org/storm", published="2019-01-01")
    path = build_library(tmp_path / "lib.db", [article])
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, new=0: opened.append(url) or True)
    app = make_app(path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        lines = [line.strip() for line in app.main.pane.text_lines if line.strip()]
        assert "Schools close[1]." in lines and "• Buses stop[2]" in lines
        assert lines[-2:] == ["[1]: https://e.org/close", "[2]: https://e.org/bus"]
        await pilot.press("o", "2")
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        assert opened == ["https://e.org/bus"]
        await pilot.press("o")
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        assert opened == ["https://e.org/bus", "https://e.org/storm"]
        await pilot.press("o", "9")
        await pilot.pause(1.2)
        assert "No link 9" in notices(app)


async def test_v_lists_tags_as_a_tree_with_counts_in_natural_order_and_narrows(tmp_path: Path) -> None:
    """Items 15 and 16c."""
    path = tmp_path / "lib.db"
    library = Library.open(path)
    ids = {}
    for number in (166, 27, 3):
        ids[number] = library.add_feed(f"https://e.org/{number}", title=f"Podcast #{number}")
        library.store_articles(ids[number], [ArticleIn(guid=f"g{number}", title=f"Episode {number}",
                                                      text="Talk.", published="2019-01-01")])
    library.tag_feed(ids[166], add=["audio"])
    library.tag_feed(ids[27], add=["audio"])
    library.save_search("talks", "talk")
    library.close()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause(0.5)
        selector = app.screen
        names = [("  " * v.depth) + selector.label(v) for v in selector.shown]
        assert names[:5] == ["All articles · 3 unread", "Unread · 3 unread", "Starred · 0 unread",
                             "Annotated · 0 unread", "Hidden by rules · 0 unread"]
        at = next(i for i, name in enumerate(names) if name.startswith("Search: talks"))
        assert names[at + 1:] == [
            "Tag: audio · 2 unread",
            "  Feed: Podcast #27 · 1 unread",   # natural order: 27 before 166
            "  Feed: Podcast #166 · 1 unread",
            "Feed: Podcast #3 · 1 unread",      # no tag
        ]
        await pilot.press(*"#16")
        await pilot.pause()
        assert [v.name for v in selector.shown] == ["Feed: Podcast #166"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.view.name == "Feed: Podcast #166"
        await pilot.press("v")
        await pilot.pause(0.5)
        await pilot.press(*"talks", "delete")
        await pilot.pause()
        assert Library.open(path).saved_searches(counts=False) == []
        assert "Deleted the saved search 'talks'" in notices(app)


async def test_an_undated_article_shows_when_it_was_fetched(tmp_path: Path) -> None:
    """Item 16."""
    path = build_library(tmp_path / "lib.db", [ArticleIn(guid="u", title="No date here", text="Body.")])
    app = make_app(path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        row = app.main.article_list.render_line(0).text
        assert "~" in row.split("No date here")[1]  # the fetch time, marked
        facts = " ".join(app.main.pane.text_lines[1:4])  # (wraps in a narrow pane)
        assert facts.startswith("Baltic News · fetched ") and "(the feed gives no date)" in facts


async def test_the_entity_browser_says_its_counts_are_partial_while_analysis_waits(long_path: Path) -> None:
    """Item 16b: three of the four articles still wait for analysis."""
    from tests.app.conftest import screen_text

    app = make_app(long_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("E")
        await pilot.pause(0.5)
        assert "partial: 3 articles still to analyse" in screen_text(app)
        assert "analysing: 0 of 3 done" in screen_text(app)


async def test_notices_go_to_the_status_line_not_over_the_text(library_path: Path) -> None:
    """Item 5: a notice does not cover the pane; warnings still pop up."""
    from tests.app.conftest import screen_text

    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert screen_text(app).splitlines()[-2].startswith(" Entity colours off  All articles")


async def test_the_timeline_cursor_shows_only_when_the_timeline_has_the_focus(long_path: Path) -> None:
    """Item 2: an article opens with every date drawn plainly; tab to the timeline shows the
    cursor, its date drawn over it in the cursor's text colour."""
    from tidings.tui.widgets.sidebar import TimelineList

    app = make_app(long_path)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        timeline = app.main.query_one(TimelineList)
        cursor = app.theme_variables["reader-cursor"].lower()

        def lit() -> list[str]:
            return [strip.text.strip() for strip in timeline._strips
                    if any(s.style and s.style.bgcolor and s.style.bgcolor.name == cursor for s in strip)]

        assert lit() == []
        await pilot.press("enter", "tab")
        await pilot.pause()
        assert app.focused is timeline
        assert lit() and lit()[0] == "2018"
        text_colour = app.theme_variables["reader-cursor-text"].lower()
        first = timeline._strips[0]
        assert all(s.style.color.name == text_colour for s in first if s.text.strip())
