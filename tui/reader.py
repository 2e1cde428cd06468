"""Opening articles: the pane follows the list's cursor once it rests, an article chosen
elsewhere (a related article, an entity page's sentence) opens with a span marked, and an
open article becomes read by the config's `mark_read` rule: after `mark_read_delay` seconds
on screen ("delay"), once its end has been on screen ("end"), or only by hand ("hand").
Nothing counts as read that the user did not open or move to and could not see: not the
article shown at launch, nor one behind the list at narrow widths.

Opening is idempotent: the list's cursor settling on the article already shown does not
open it again, so a span marked on opening stays marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.timer import Timer

from tidings.storage import NotFound
from tidings.tui.controller import Controller
from tidings.tui.views import View

Span = tuple[int, int]


@dataclass
class ArticleOpened(Message):
    """The pane shows this article now (None: nothing)."""

    article_id: int | None


class Reader(Controller):
    """Which article the pane shows, and when it counts as read."""

    _read_timer: Timer | None = None
    _open_timer: Timer | None = None

    _chosen: int | None = None  # the article the user opened or moved to, and so may read

    def cursor_moved(self, article_id: int, by_user: bool = True) -> None:
        """Open the article under the cursor once the cursor rests (`open_delay`), so holding
        `j` moves the list at key-repeat speed instead of drawing every article it passes."""
        self._stop_open_timer()
        self._chosen = article_id if by_user else None
        delay = self.tidings.open_delay
        if delay <= 0:
            self.open(article_id)
        else:
            self._open_timer = self.set_timer(delay, self._open_current)

    def _stop_open_timer(self) -> None:
        if self._open_timer is not None:
            self._open_timer.stop()
            self._open_timer = None

    def _open_current(self) -> None:
        self._open_timer = None
        self.open(self.main.article_list.current)

    def showing(self, article_id: int | None) -> bool:
        article = self.main.pane.article
        return article is not None and article.id == article_id

    def open(self, article_id: int | None, span: Span | None = None) -> None:
        """Show an article with whatever is stored about it (marking `span`), and start its
        read timer; the article already shown is only scrolled to the span."""
        pane = self.main.pane
        if article_id is not None and self.showing(article_id):
            self._mark(span)
            return
        self.stop_read_timer()
        if article_id is None:
            pane.show(None)
            self.main.sidebar.show([], [], None, self.tidings.palette)
            self.post_message(ArticleOpened(None))
            return
        library = self.tidings.library
        try:
            article = library.article(article_id)
        except NotFound:
            return
        mentions = library.mentions(article_id)
        timeline = library.timeline(article_id)
        pane.show(article, mentions, timeline)
        if self.tidings.writes.pending:  # annotations made but not written yet show too
            pane.update_marks(annotations=self.tidings.writes.annotations(article_id, article.annotations))
        pending = library.is_queued(article_id)
        self.main.sidebar.show(mentions, timeline, article.published, self.tidings.palette, pending)
        self._mark(span)
        if not article.read:
            self.start_read_timer(article_id)
            self.call_after_refresh(self._check_end, article_id)
        self.post_message(ArticleOpened(article_id))

    def _check_end(self, article_id: int) -> None:
        """A short article is on screen whole as soon as it opens."""
        pane = self.main.pane
        if self.showing(article_id) and self.main.pane_visible:
            self.scrolled(article_id, pane.at_end)

    def start_read_timer(self, article_id: int) -> None:
        """Under the "delay" rule, count the article read after a while on screen, if the
        user chose it and the pane shows it."""
        self.stop_read_timer()
        if self.tidings.config.mark_read != "delay" or self._chosen != article_id:
            return
        self._read_timer = self.set_timer(
            self.tidings.config.mark_read_delay, lambda: self._read_after_delay(article_id)
        )

    def scrolled(self, article_id: int, at_end: bool) -> None:
        """Under the "end" rule, the article is read once its end has been on screen."""
        if at_end and self.tidings.config.mark_read == "end" and self._chosen == article_id:
            self.main.set_read(article_id, True)

    def _mark(self, span: Span | None) -> None:
        if span is not None:
            self.main.pane.update_marks(marked=[span])
            self.main.pane.scroll_to_offset(span[0])

    def show(self, article_id: int, span: Span | None = None, view: View | None = None) -> None:
        """Show an article chosen outside the list: in `view` if given, with the list's
        cursor on it when it is there, marking `span`; the pane takes the focus."""
        main = self.main
        if view is not None and view != main.view:
            main.view = view
            main.reload_list(keep=article_id)
        self._chosen = article_id
        self.open(article_id, span)
        if article_id in main.article_list.ids:
            main.article_list.move_to(main.article_list.ids.index(article_id))
        main.pane.focus()

    def selected(self, article_id: int) -> None:
        """Enter on the list: open at once, mark read, read in the pane."""
        self._stop_open_timer()
        self._chosen = article_id
        self.open(article_id)
        if self.tidings.config.mark_read == "delay":
            self.main.set_read(article_id, True)
        self.main.pane.focus()
        self.call_after_refresh(self._check_end, article_id)

    def stop_read_timer(self) -> None:
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None

    def _read_after_delay(self, article_id: int) -> None:
        self._read_timer = None
        if self.showing(article_id) and self.main.pane_visible:
            self.main.set_read(article_id, True)
