"""The article list: a line-API widget that draws only the rows on screen.

It holds the ordered ids of the articles in view and asks for the few rows it draws, so a
library of 100,000 articles costs one list of ints, not 100,000 widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tidings.storage import ArticleSummary
from tidings.tui.dates import short_date
from tidings.tui.search import Highlighter, highlighted_segments

Fetch = Callable[[list[int]], dict[int, ArticleSummary]]


class ArticleList(ScrollView, can_focus=True):
    """Rows of title, feed, date and marks; the cursor row is the article shown."""

    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("home", "first", "First", show=False, id="list.first"),
        Binding("end", "last", "Last", show=False, id="list.last"),
        Binding("enter", "select", "Open", id="list.open"),
    ]

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--star",
        "article-list--found",
    }

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        color: $reader-text;
    }
    ArticleList > .article-list--cursor { background: $reader-cursor-blur; color: $reader-text; }
    ArticleList:focus > .article-list--cursor {
        background: $reader-cursor; color: $reader-cursor-text;
    }
    ArticleList > .article-list--unread { text-style: bold; color: $reader-text; }
    ArticleList > .article-list--read { color: $reader-muted; }
    ArticleList > .article-list--meta { color: $reader-muted; }
    ArticleList > .article-list--star { color: $reader-text; }
    ArticleList > .article-list--found { text-style: bold underline; color: $reader-text; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto an article (`by_user`: a key or click moved it, not a reload)."""

        article_id: int
        by_user: bool = True

    @dataclass
    class Selected(Message):
        """The user chose to open an article."""

        article_id: int

    def __init__(self, fetch: Fetch, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fetch = fetch
        self._ids: list[int] = []
        self._rows: LRUCache[int, ArticleSummary] = LRUCache(1024)
        self._style_cache: dict[str, Style] | None = None
        self._moved_by_user = True
        self.highlighter: Highlighter | None = None  # the search's words, marked in titles

    # -- data --------------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    @property
    def current(self) -> int | None:
        """The id of the article under the cursor."""
        return self._ids[self.cursor] if 0 <= self.cursor < len(self._ids) else None

    def set_ids(self, ids: list[int], keep: int | None = None) -> None:
        """Show these articles; keep the cursor on article `keep` if it is still there, on
        the same line of the screen (articles added above it do not move what is seen)."""
        line = self.cursor - int(self.scroll_y)
        self._ids = ids
        self._rows.clear()
        self.virtual_size = Size(self.size.width, len(ids))
        kept = _index(ids, keep)  # one pass over a list that may hold a million ids
        index = 0 if kept is None else kept
        if kept is not None and 0 <= line < max(1, self.size.height):
            self.scroll_to(y=max(0, index - line), animate=False, immediate=True)
        self._moved_by_user = False
        try:
            self.cursor = min(index, max(0, len(ids) - 1))
        finally:
            self._moved_by_user = True
        self.refresh()

    def refresh_article(self, article_id: int) -> None:
        """Redraw one article's row after its marks changed."""
        self._rows.discard(article_id)
        if article_id in self._ids:
            self.refresh_line(self._ids.index(article_id))

    def refresh_line(self, index: int) -> None:
        self.refresh(Region(0, index - int(self.scroll_y), self.size.width, 1))

    def summary(self, article_id: int) -> ArticleSummary | None:
        row = self._rows.get(article_id)
        if row is None:
            self._load_window(self._ids.index(article_id) if article_id in self._ids else 0)
            row = self._rows.get(article_id)
        return row

    def _load_window(self, index: int) -> None:
        """Fetch the rows around index in one query."""
        start = max(0, index - 8)
        wanted = self._ids[start : index + max(self.size.height, 1) + 8]
        missing = [i for i in wanted if self._rows.get(i) is None]
        for article_id, row in self._fetch(missing).items():
            self._rows.set(article_id, row)

    # -- drawing -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        width = self.size.width
        if index >= len(self._ids):
            return Strip.blank(width, self.rich_style)
        article_id = self._ids[index]
        row = self._rows.get(article_id)
        if row is None:
            self._load_window(index)
            row = self._rows.get(article_id)
        if row is None:
            return Strip.blank(width, self.rich_style)
        return self._row_strip(row, index == self.cursor, width)

    def _styles(self) -> dict[str, Style]:
        """The component styles, looked up once per theme or style change, not once per row."""
        if self._style_cache is None:
            self._style_cache = {
                name: self.get_component_rich_style(f"article-list--{name}", partial=True)
                for name in ("unread", "read", "meta", "star", "cursor", "found")
            }
            self._style_cache["base"] = self.rich_style
        return self._style_cache

    def notify_style_update(self) -> None:
        self._style_cache = None
        super().notify_style_update()

    def _row_strip(self, row: ArticleSummary, is_cursor: bool, width: int) -> Strip:
        styles = self._styles()
        base = styles["base"]
        text_style = styles["read" if row.read else "unread"]
        meta = styles["meta"]
        star = styles["star"]
        cursor = styles["cursor"] if is_cursor else Style()
        marks = [
            Segment("●" if not row.read else " ", base + text_style + cursor),
            Segment("★" if row.starred else " ", base + star + cursor),
            Segment(_count(row.annotations), base + meta + cursor),
            Segment(" ", base + cursor),
        ]
        date, feed, sources = _row_parts(row, width)
        title_width = max(0, width - 4 - cell_len(date) - cell_len(feed) - cell_len(sources))
        title = _fit(row.title, title_width)
        segments = marks + [
            *self._title_segments(title, base + text_style + cursor, styles["found"]),
            Segment(sources, base + meta + cursor),
            Segment(feed, base + meta + cursor),
            Segment(date, base + meta + cursor),
        ]
        return Strip(segments).adjust_cell_length(width, base + cursor)

    def _title_segments(self, title: str, style: Style, found: Style) -> list[Segment]:
        if self.highlighter is None:
            return [Segment(title, style)]
        return highlighted_segments(title, self.highlighter.spans(title), style, found)

    # -- cursor ------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_cursor()
        article_id = self.current
        if article_id is not None:
            self.post_message(self.Highlighted(article_id, self._moved_by_user))

    def scroll_to_cursor(self) -> None:
        """Keep the cursor on screen; when it leaves, bring it to the middle of the list, so
        walking down repaints the whole list once per half page rather than on every key."""
        top = int(self.scroll_y)
        height = max(1, self.size.height)
        if not top <= self.cursor < top + height:
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False)

    def move_to(self, index: int) -> None:
        if self._ids:
            self.cursor = max(0, min(index, len(self._ids) - 1))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(1, self.size.height - 1))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(1, self.size.height - 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self._ids) - 1)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_y)
        if 0 <= index < len(self._ids):
            self.move_to(index)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._ids))


def _index(ids: list[int], wanted: int | None) -> int | None:
    if wanted is None:
        return None
    try:
        return ids.index(wanted)
    except ValueError:
        return None


def _row_parts(row: ArticleSummary, width: int) -> tuple[str, str, str]:
    """The date, feed and sources columns that follow the title, narrowed so that the title
    keeps most of the row: the feed goes first below 60 columns, the date below 36."""
    # An undated article shows when it was first fetched, marked "~" (not the feed's date).
    shown = short_date(row.published) if row.published else "~" + short_date(row.fetched)
    date = " " + shown.rjust(10) if width >= 36 else ""
    feed = ""
    if width >= 60:
        feed_width = min(18, max(8, (width - 60) // 4 + 8))
        feed = "  " + _fit(row.feed, feed_width)
    others = row.sources - 1  # near-duplicates from other feeds or URLs, shown once
    sources = ""
    if others > 0:
        sources = f" +{others}" + (f" source{'s' if others > 1 else ''}" if width >= 60 else "")
    return date, feed, sources


def _count(annotations: int) -> str:
    """The annotation marker: a digit for one to nine, ✎ for more, blank for none."""
    if not annotations:
        return " "
    return str(annotations) if annotations < 10 else "✎"


def _fit(text: str, width: int) -> str:
    """The text cut to width cells, with an ellipsis when cut; newlines become spaces."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(0, width - 1)) + "…" if width else ""
