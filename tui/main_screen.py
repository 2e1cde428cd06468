"""The main screen: the article list, the reading pane and the sidebar, with the search
prompt, the status line and the key hints below.

The screen lays the regions out, holds what the list shows (`view`) and answers the keys.
Opening articles (`Reader`), stories and entities (`Stories`) and searching (`Searches`)
are controllers of their own; the screen passes them the messages they react to.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from tidings.storage import PRIORITY_SOON, Library
from tidings.tui import views
from tidings.tui.feed_actions import FeedActions
from tidings.tui.reader import ArticleOpened, Reader
from tidings.tui.search import needs_search, query_text
from tidings.tui.searches import Searches
from tidings.tui.stories import Stories
from tidings.tui.views import View
from tidings.tui.widgets.annotations_screen import AnnotationChoice, AnnotationsScreen
from tidings.tui.widgets.article_list import ArticleList
from tidings.tui.widgets.confirm import ConfirmScreen
from tidings.tui.widgets.feed_errors import FeedErrorsScreen
from tidings.tui.widgets.help_screen import HelpScreen
from tidings.tui.widgets.key_hints import KeyHints
from tidings.tui.widgets.note_editor import NoteEditor
from tidings.tui.widgets.reading_pane import ReadingPane
from tidings.tui.widgets.search_prompt import SearchChanged, SearchPrompt
from tidings.tui.widgets.sidebar import EntityList, Sidebar, TimelineList
from tidings.tui.widgets.story_widgets import StoryTimelineList
from tidings.tui.workers import WorkerErrors

if TYPE_CHECKING:
    from tidings.tui.app import TidingsApp

PREFETCH = 5  # articles after the open one that the enricher should take next
LIBRARY_CHECK_SECONDS = 2.0  # how often the list looks for changes made by other processes
LINK_NUMBER_WAIT = 0.8  # seconds after o (and after each digit) for the number of a link
UNDO_DEPTH = 50  # changes `u` can take back, newest first
# After another article's analysis, how soon (at most) the open article's types are checked:
# a name's type is decided by its evidence across the library, so a new article may re-type it.
RETYPE_CHECK_SECONDS = 1.0


@dataclass
class LinkNotOpened(Message):
    url: str


@dataclass
class ListLoaded(Message):
    """Every id of a view whose first screen is already shown."""

    view: View
    ids: list[int]
    unread: int  # how many of them are unread, counted in the worker too


FIRST_SCREEN = 500  # ids shown at once; a longer list arrives from a worker just after


class WritesChanged(Message):
    """The writer applied a change, or found the library locked."""


class MainScreen(WorkerErrors, Screen[None], inherit_bindings=False):
    """The reader: list, pane and sidebar."""

    # Ids are what users remap in the config's [keymap]; they stay "app.*" as they were.
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="app.quit"),
        Binding("j", "next_article", "Next article", id="app.next"),
        Binding("k", "previous_article", "Previous article", id="app.previous"),
        Binding("J,n", "next_unread", "Next unread", id="app.next_unread"),
        Binding("K", "previous_unread", "Previous unread", id="app.previous_unread"),
        Binding("g", "first_article", "First article", show=False, id="app.first"),
        Binding("G", "last_article", "Last article", show=False, id="app.last"),
        Binding("m", "toggle_read", "Read/unread", id="app.toggle_read"),
        Binding("s", "toggle_star", "Star", id="app.toggle_star"),
        Binding("o", "open_url", "Open in browser", show=False, id="app.open_url"),
        Binding("A", "mark_all_read", "Mark all shown read", show=False, id="app.mark_all_read"),
        Binding("u", "undo", "Undo the last change", show=False, id="app.undo"),
        Binding("r", "refresh", "Refresh feeds", show=False, id="app.refresh"),
        Binding("F", "feed_errors", "Feed errors", show=False, id="app.feed_errors"),
        Binding("slash", "filter", "Search", id="app.filter"),
        Binding("S", "save_search", "Save the search", show=False, id="app.save_search"),
        Binding("v", "views", "Views", id="app.views"),
        Binding("E", "entities", "Entity browser", show=False, id="app.entities"),
        Binding("R", "related", "Related articles", show=False, id="app.related"),
        Binding("T", "story_timeline", "Article/story timeline", show=False,
                id="app.story_timeline"),
        Binding("t", "toggle_sidebar", "Timeline/entities", id="app.toggle_sidebar"),
        Binding("l", "toggle_list", "Toggle the list", show=False, id="app.toggle_list"),
        Binding("e", "toggle_entities", "Entity colours", show=False, id="app.toggle_entities"),
        Binding("N", "annotations", "Annotations", show=False, id="app.annotations"),
        Binding("tab", "app.focus_next", "Next region", show=False, id="app.focus_next"),
        Binding("shift+tab", "app.focus_previous", "Previous region", show=False,
                id="app.focus_previous"),
        Binding("question_mark", "help", "Help", id="app.help"),
        # feed-level work (tui/feed_actions.py)
        Binding("f", "next_unread_feed", "Next feed with unread", show=False,
                id="app.next_unread_feed"),
        Binding("C", "mark_feed_read", "Mark this feed (or tag) read", show=False,
                id="app.mark_feed_read"),
        Binding("ctrl+r", "reload_feed", "Reload this feed", show=False, id="app.reload_feed"),
        Binding("O", "open_all_unread", "Open every unread in the browser", show=False,
                id="app.open_all_unread"),
        Binding("z", "toggle_sort", "Newest/oldest first", show=False, id="app.toggle_sort"),
        Binding("H", "toggle_hide_read", "Hide/show read articles", show=False,
                id="app.toggle_hide_read"),
        Binding("X", "rule_from_article", "Rule from this article", show=False,
                id="app.rule_from_article"),
        Binding("p", "play_enclosure", "Play the enclosure", show=False,
                id="app.play_enclosure"),
    ]

    def __init__(self, view: View) -> None:
        super().__init__()
        self.view = view
        self.article_list = ArticleList(self._fetch_rows, id="articles")
        self.pane = ReadingPane(id="pane")
        self.sidebar = Sidebar(id="sidebar")
        self.search = SearchPrompt(id="search")
        self.reader = Reader(self)
        self.stories = Stories(self)
        self.searches = Searches(self)
        self.feeds = FeedActions(self)
        self.hide_read = False  # H: read articles left out of every view
        self.refresh_progress = ""
        self._unread_for: list[int] | None = None  # the ids the unread count was taken for
        self._unread_shown = 0
        self._status_due = False
        self._flash = ""  # a notice shown in the status line
        self._flash_timer: Timer | None = None
        self.undo_stack: list[tuple[str, Callable[[], None]]] = []
        self._link_timer: Timer | None = None
        self._link_number = ""
        self._retype_check: Timer | None = None

    @property
    def tidings(self) -> TidingsApp:
        return cast("TidingsApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield self.article_list
            yield self.pane
            yield self.sidebar
        yield self.search
        yield Static(id="status")
        yield KeyHints(id="keys")
        yield self.reader
        yield self.stories
        yield self.searches
        yield self.feeds

    def on_mount(self) -> None:
        # The width classes (-narrow, -medium, -wide) at once, not at the first resize: a
        # real terminal may paint the first frame before its size event arrives.
        breakpoints = self.app.HORIZONTAL_BREAKPOINTS or []
        chosen = set(self._get_breakpoint_classes(self.app.size.width, breakpoints))
        self.update_classes({name: name in chosen for _, name in breakpoints}, animate=False)
        self.apply_palette()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.apply_palette())
        self.reload_list()
        self.article_list.focus()
        self._library_state = self._library_signature()
        self.set_interval(LIBRARY_CHECK_SECONDS, self._follow_library)

    # -- following the library ---------------------------------------------------------

    def _library_signature(self) -> tuple[int, ...]:
        """What changes when another connection (`tidings refresh` in another window, the
        enricher) commits, and which articles exist: cheap enough to ask every few seconds."""
        return self.tidings.library.change_signature()

    def _follow_library(self) -> None:
        """New or removed articles appear in the list without moving the cursor; marks set
        elsewhere show on the rows."""
        try:
            state = self._library_signature()
        except Exception:  # noqa: BLE001 (locked or busy: try at the next tick)
            return
        if state == self._library_state or self.app.screen is not self:
            return  # unchanged, or a dialog is open: look again once it is closed
        old, self._library_state = self._library_state, state
        if state[1:] != old[1:]:
            self.reload_list(keep=True)
        else:
            self.article_list.set_ids(self.article_list.ids, keep=self.article_list.current)
            self.update_status()

    def apply_palette(self) -> None:
        self.pane.palette = self.tidings.palette
        article = self.pane.article
        if article is not None:
            self.show_enrichment(article.id)

    # -- the list ----------------------------------------------------------------------

    def _fetch_rows(self, ids: list[int]):  # type: ignore[no-untyped-def]
        """The rows as stored, with the read and star marks still waiting to be written."""
        rows = self.tidings.library.summaries(ids)
        writes = self.tidings.writes
        if writes.pending:
            for article_id, row in rows.items():
                read, starred = writes.wanted(article_id)
                if read is not None or starred is not None:
                    rows[article_id] = replace(row, read=row.read if read is None else read,
                                               starred=row.starred if starred is None else starred)
        return rows

    def show_view(self, view: View) -> None:
        self.view = view
        self.feeds.new_count = 0
        self.reload_list(keep=None)

    def reload_list(self, keep: int | None | bool = True) -> None:
        """Reload the shown ids; keep the cursor on the same article (at the same place on
        screen) unless told otherwise."""
        current = self.article_list.current if keep is True else keep or None
        if needs_search(self.view):
            self.searches.run(self.view, current)
            self.update_status()
            return
        self.searches.show_highlights(None)
        sort = self.tidings.config.sort
        ids = views.view_ids(
            self.tidings.library, self.view, sort, self.hide_read, limit=FIRST_SCREEN + 1
        )
        if len(ids) > FIRST_SCREEN and (current is None or current in ids):
            # A long list paints its first screen now and takes the rest from a worker
            # (a million ids cost a few tenths of a second: first paint need not wait),
            # started once that screen is out so that it does not share the GIL with it.
            self.article_list.set_ids(ids[:FIRST_SCREEN], keep=current)
            self.call_after_refresh(self._load_list, self.view, sort, self.hide_read)
        else:
            if len(ids) > FIRST_SCREEN:  # the cursor's article is further down: wait for all
                ids = views.view_ids(self.tidings.library, self.view, sort, self.hide_read)
            self.article_list.set_ids(ids, keep=current)
        if not ids:
            self.reader.open(None)
        self.update_status()

    @work(thread=True, exit_on_error=False, group="list", exclusive=True)
    def _load_list(self, view: View, sort: str, hide_read: bool) -> None:
        library = self.tidings.library.for_thread()
        ids = views.view_ids(library, view, sort, hide_read)
        self.post_message(ListLoaded(view, ids, self._count_unread(library, view, ids)))

    def on_list_loaded(self, message: ListLoaded) -> None:
        if message.view == self.view and not needs_search(self.view):
            self.article_list.set_ids(message.ids, keep=self.article_list.current)
            self._unread_for, self._unread_shown = self.article_list.ids, message.unread
            self.update_status()

    @staticmethod
    def _count_unread(library: Library, view: View, ids: list[int]) -> int:
        """The view's unread articles: the library's count for all of it, else among its
        ids (at hundreds of thousands of ids, in a worker: `_load_list`)."""
        if view.kind == "all" and not view.text:
            return library.count_unread()
        return len(library.unread_among(ids))

    def update_status(self) -> None:
        """The view, its search, what it shows and how much of that is unread, then refresh
        and analysis progress: the counts are the view's own, not the library's."""
        library = self.tidings.library
        ids = self.article_list.ids
        if self._unread_for is not ids:
            self._unread_for = ids
            self._unread_shown = self._count_unread(library, self.view, ids)
        status = Text()
        if self._flash:
            status.append(self._flash + "  ", style="bold reverse")
        status.append(self.view.name, style="bold")
        if self.view.text:
            status.append(" · search: ")
            status.append(self.view.text, style="italic")
        status.append(f" · {len(ids)} shown · {self._unread_shown} unread")
        if self.feeds.new_count:
            status.append(f" · {self.feeds.new_count} new", style="bold")
        if self.hide_read:
            status.append(" · read hidden")
        if self.refresh_progress:
            status.append(" · " + self.refresh_progress, style="bold")
        pending = self.tidings.writes.pending_summary()
        if pending:
            waiting = " (library locked, retrying)" if self.tidings.writes.waiting_for_lock else ""
            status.append(f" · {pending} pending{waiting}", style="bold")
        queued = library.queue_size()
        if queued:
            total = max(queued, self._analysis_total(queued))
            status.append(f" · analysing: {total - queued:,} of {total:,} done")
            if re.search(r"(^|\s)-?(entity|type):", query_text(self.view)) or self.view.kind == "entity":
                status.append(" · partial: more may match once analysed", style="bold")
        self.query_one("#status", Static).update(status)

    def flash(self, message: str, timeout: float) -> None:
        """Show a notice at the start of the status line for a while (plain text)."""
        self._flash = " ".join(message.split())
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(timeout, self._end_flash)
        self.update_status()

    def _end_flash(self) -> None:
        self._flash, self._flash_timer = "", None
        self.update_status()

    def _analysis_total(self, queued: int) -> int:
        """The size of the current analysis run: the queue at its largest since it was empty."""
        self._queue_peak = max(getattr(self, "_queue_peak", 0), queued)
        return self._queue_peak

    def unread_changed(self, article_ids: list[int], read: bool) -> None:
        """Keep the status line's unread count in step with marks set in the app."""
        shown = set(self.article_list.ids)
        delta = sum(1 for i in article_ids if i in shown)
        self._unread_shown = max(0, self._unread_shown + (-delta if read else delta))

    # -- opening articles (tui/reader.py) ----------------------------------------------

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.reader.cursor_moved(message.article_id, message.by_user)

    def on_article_list_selected(self, message: ArticleList.Selected) -> None:
        self.reader.selected(message.article_id)

    def on_article_opened(self, message: ArticleOpened) -> None:
        self.stories.article_opened(message.article_id)
        if message.article_id is not None:
            self.prioritise()

    def prioritise(self) -> None:
        """Ask the enricher to take the open article and the next few first."""
        library = self.tidings.library
        ids = self.article_list.ids
        at = self.article_list.cursor
        wanted = [i for i in ids[at : at + 1 + PREFETCH] if library.is_queued(i)]
        if wanted:
            self.tidings.prioritise(wanted[:1], wanted[1:], PRIORITY_SOON)

    def enriched(self, article_id: int) -> None:
        """The enricher stored entities and a timeline for an article: the open one's are
        redrawn; another's may have re-typed a name the open one shows (checked at most once
        a RETYPE_CHECK_SECONDS, however fast the queue goes)."""
        if self.reader.showing(article_id):
            self.show_enrichment(article_id)
        elif self.pane.article is not None and self._retype_check is None:
            self._retype_check = self.set_timer(RETYPE_CHECK_SECONDS, self._check_retyped)

    def _check_retyped(self) -> None:
        """Redraw the open article's entities if the library's differ from those the pane shows
        (a name re-typed by another article's evidence)."""
        self._retype_check = None
        article = self.pane.article
        if article is None:
            return
        if self.tidings.library.mentions(article.id) != self.pane.marks.mentions:
            self.show_enrichment(article.id)

    def show_enrichment(self, article_id: int) -> None:
        """Redraw the open article's entities and timeline (the pane keeps its place)."""
        article = self.pane.article
        if article is None:
            return
        library = self.tidings.library
        mentions = library.mentions(article_id)
        timeline = library.timeline(article_id)
        self.pane.set_enrichment(mentions, timeline)
        pending = library.is_queued(article_id)
        self.sidebar.show(mentions, timeline, article.published, self.tidings.palette, pending)

    # -- searching (tui/searches.py) ---------------------------------------------------

    def action_filter(self) -> None:
        self.search.open(self.view.text)

    def on_search_changed(self, message: SearchChanged) -> None:
        self.view = self.view.filtered(message.text)
        self.reload_list()

    def on_search_prompt_closed(self, _message: SearchPrompt.Closed) -> None:
        self.article_list.focus()

    def action_save_search(self) -> None:
        self.searches.save()

    def action_views(self) -> None:
        self.searches.choose_view()

    # -- stories and entities (tui/stories.py) -----------------------------------------

    def action_entities(self) -> None:
        self.stories.browse_entities()

    def action_related(self) -> None:
        self.stories.choose_related()

    def action_story_timeline(self) -> None:
        self.stories.toggle_story_timeline()

    def on_story_timeline_list_chosen(self, message: StoryTimelineList.Chosen) -> None:
        self.stories.story_item_chosen(message.item)

    # -- sidebar -----------------------------------------------------------------------

    def on_timeline_list_chosen(self, message: TimelineList.Chosen) -> None:
        row = message.row
        start, end = row.sentence_start, row.sentence_end
        if end <= start:
            start, end = row.start, row.end
        self._show_in_pane()
        self.pane.update_marks(marked=[(start, end)])
        self.pane.scroll_to_offset(start)

    def on_entity_list_chosen(self, message: EntityList.Chosen) -> None:
        spans = message.entry.spans
        self._show_in_pane()
        self.pane.update_marks(marked=spans)
        if spans:
            self.pane.scroll_to_offset(spans[0][0])

    def _show_in_pane(self) -> None:
        """A sidebar item was chosen: when the sidebar covers the pane, close it so the
        sentence shows (item 6)."""
        if self.overlaid and self.has_class("-sidebar-open"):
            self.remove_class("-sidebar-open")
            self.pane.focus()

    def on_entity_list_find_articles(self, message: EntityList.FindArticles) -> None:
        entry = message.entry
        entity = self.tidings.library.find_entity(entry.name, entry.label)
        if entity is not None:
            self.show_view(View("entity", str(entity), f"Mentioning {entry.name}"))
            self.article_list.focus()

    # -- pane and annotations ----------------------------------------------------------

    def on_reading_pane_at_end(self, _message: ReadingPane.AtEnd) -> None:
        self.action_next_unread()

    def on_reading_pane_highlight_requested(self, message: ReadingPane.HighlightRequested) -> None:
        if not message.with_note:
            self._annotate(message.article_id, message.start, message.end, "")
            return
        quote = self.pane.selected_text

        def save(note: str | None) -> None:
            if note is not None:
                self._annotate(message.article_id, message.start, message.end, note)

        self.app.push_screen(NoteEditor(quote), save)

    def _annotate(self, article_id: int, start: int, end: int, note: str) -> None:
        """Highlight now; the write leaves the UI thread (tui/writer.py)."""
        self.tidings.writes.add("annotate", article_id, start, end, note=note)
        self._reload_annotations(article_id)
        self.pane.selection_used()
        self.notify("Highlighted" + (" with a note" if note else ""), timeout=2)

    def _reload_annotations(self, article_id: int) -> None:
        """The pane shows the article's annotations as stored, with the waiting changes."""
        if self.pane.article is not None and self.pane.article.id == article_id:
            stored = self.tidings.library.annotations(article_id)
            self.pane.update_marks(annotations=self.tidings.writes.annotations(article_id, stored))
        self.article_list.refresh_article(article_id)

    def action_annotations(self, on: int | None = None) -> None:
        """The article's annotations, the cursor on annotation `on` (by id) if given."""
        article = self.pane.article
        if article is None:
            return
        stored = self.tidings.library.annotations(article.id)
        notes = [n for n in self.tidings.writes.annotations(article.id, stored) if n.id]  # written ones
        if not notes:
            self.notify("No annotations in this article yet: select with →, then h or a")
            return
        at = next((i for i, n in enumerate(notes) if n.id == on), 0)
        self.app.push_screen(AnnotationsScreen(notes, self.tidings.palette, at), self._annotation_chosen)

    def _annotation_chosen(self, choice: AnnotationChoice | None) -> None:
        if choice is None:
            return
        writes = self.tidings.writes
        note = choice.annotation
        if choice.action == "jump":
            self.pane.update_marks(marked=[(note.start, note.end)])
            self.pane.scroll_to_offset(note.start)
            self.pane.focus()
        elif choice.action == "delete":
            writes.add("delete_annotation", note.id)
            self._reload_annotations(note.article_id)

            def restore() -> None:
                writes.add("annotate", note.article_id, note.start, note.end, note=note.note,
                           colour=note.colour)
                self._reload_annotations(note.article_id)

            self._remember("deleted annotation", restore)
            self.notify("Annotation deleted · u undoes", timeout=2)
        elif choice.action == "colour":
            palette = self.tidings.palette
            names = list(palette.highlights) if palette else ["yellow"]
            following = names[(names.index(note.colour) + 1) % len(names)] if note.colour in names else names[0]
            writes.add("update_annotation", note.id, colour=following)
            self._reload_annotations(note.article_id)
            self.action_annotations(on=note.id)  # back on the same one, for the next c
        elif choice.action == "edit":

            def save(text: str | None) -> None:
                if text is not None:
                    writes.add("update_annotation", note.id, note=text)
                    self._reload_annotations(note.article_id)

            self.app.push_screen(NoteEditor(note.quote, note.note), save)

    # -- moving and marking ------------------------------------------------------------

    def action_next_article(self) -> None:
        self.article_list.action_cursor_down()

    def action_previous_article(self) -> None:
        self.article_list.action_cursor_up()

    def action_first_article(self) -> None:
        self.article_list.action_first()

    def action_last_article(self) -> None:
        self.article_list.action_last()

    def action_next_unread(self) -> None:
        self._move_to_unread(1)

    def action_previous_unread(self) -> None:
        self._move_to_unread(-1)

    def _move_to_unread(self, step: int) -> None:
        index = views.next_unread(
            self.tidings.library, self.article_list.ids, self.article_list.cursor, step
        )
        if index is None:
            self.notify("No more unread articles" + (" here" if step > 0 else " above"), timeout=2)
        else:
            self.article_list.move_to(index)

    def set_read(self, article_id: int, read: bool) -> None:
        """Mark one article read or unread (nothing happens if it already is). The write
        leaves the UI thread (tui/writer.py) and is retried while the library is locked."""
        if self._is_read(article_id) == read:
            return
        self.tidings.writes.mark([article_id], read=read)
        self.unread_changed([article_id], read)
        self.article_list.refresh_article(article_id)
        self.update_status()

    def _is_read(self, article_id: int) -> bool:
        """Read as the library has it, or as a mark waiting to be written will make it."""
        wanted, _starred = self.tidings.writes.wanted(article_id)
        return wanted if wanted is not None else self.tidings.library.summary(article_id).read

    def _is_starred(self, article_id: int) -> bool:
        _read, wanted = self.tidings.writes.wanted(article_id)
        return wanted if wanted is not None else self.tidings.library.summary(article_id).starred

    def _remember(self, what: str, undo: Callable[[], None]) -> None:
        """Keep a way back from a change the user made (`u` takes the last one back)."""
        self.undo_stack.append((what, undo))
        del self.undo_stack[:-UNDO_DEPTH]

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo", timeout=2)
            return
        what, undo = self.undo_stack.pop()
        undo()
        self.notify(f"Undone: {what}", timeout=3, markup=False)

    def action_toggle_read(self) -> None:
        article_id = self.article_list.current
        if article_id is not None:
            self.reader.stop_read_timer()
            was = self._is_read(article_id)
            self.set_read(article_id, not was)
            self._remember("marked " + ("unread" if was else "read"), lambda: self.set_read(article_id, was))

    def action_toggle_star(self) -> None:
        article_id = self.article_list.current
        if article_id is not None:
            was = self._is_starred(article_id)
            self._set_star(article_id, not was)
            self._remember("unstarred" if was else "starred", lambda: self._set_star(article_id, was))

    def _set_star(self, article_id: int, starred: bool) -> None:
        self.tidings.writes.mark([article_id], starred=starred)
        self.article_list.refresh_article(article_id)
        self.update_status()

    def action_mark_all_read(self) -> None:
        ids = list(self.article_list.ids)
        if not ids:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                library = self.tidings.library
                unread = sorted(library.unread_among(ids))
                self.tidings.writes.mark(ids, read=True)
                self._marks_changed()
                self._remember(
                    f"marked {len(unread)} articles read", lambda: self._mark_unread_again(unread)
                )
                self.notify(f"{len(unread)} marked read · u undoes", timeout=3)

        self.app.push_screen(ConfirmScreen(f"Mark all {len(ids)} shown articles as read?"), answer)

    def _mark_unread_again(self, ids: list[int]) -> None:
        if ids:
            self.tidings.writes.mark(ids, read=False)
        self._marks_changed()

    def _marks_changed(self) -> None:
        """Redraw the list and recount after marks changed on many articles."""
        self._unread_for = None
        self.article_list.set_ids(self.article_list.ids, keep=self.article_list.current)
        self.update_status()

    def writes_changed(self, annotations: bool) -> None:
        """The writer applied a change (or found the library locked): redraw rows, status
        and (when an annotation was written) the open article's annotations."""
        self._marks_changed()
        if annotations and self.pane.article is not None:
            self._reload_annotations(self.pane.article.id)

    def action_open_url(self) -> None:
        """o: the article's address; o then a number (within a second): its link n."""
        article = self.pane.article
        if article is not None and self.pane.links:
            self._link_number = ""
            self._arm_link_timer()
            return
        self._open_article_url()

    def _arm_link_timer(self) -> None:
        if self._link_timer is not None:
            self._link_timer.stop()
        self._link_timer = self.set_timer(LINK_NUMBER_WAIT, self._open_numbered_link)

    def on_key(self, event: events.Key) -> None:
        if self._link_timer is not None and event.character and event.character.isdigit():
            event.stop()
            event.prevent_default()
            self._link_number += event.character
            self._arm_link_timer()

    def _open_numbered_link(self) -> None:
        self._link_timer = None
        number, self._link_number = self._link_number, ""
        if not number:
            self._open_article_url()
            return
        links = self.pane.links
        if not 1 <= int(number) <= len(links):
            self.notify(f"No link {number}: this article has {len(links)}", severity="warning")
            return
        self._open_checked(links[int(number) - 1])

    def _open_article_url(self) -> None:
        article = self.pane.article
        self._open_checked(article.url if article else None, "This article has no web address to open")

    def _open_checked(self, url: str | None, missing: str = "That link is not a web address") -> None:
        from tidings.tui.links import is_web_url

        if url is None or not is_web_url(url):
            self.notify(missing, severity="warning")
            return
        self._open_url(url)

    @work(thread=True, exit_on_error=False, group="browser")
    def _open_url(self, url: str) -> None:
        from tidings.tui.links import open_in_browser

        if not open_in_browser(url):
            self.post_message(LinkNotOpened(url))

    def on_link_not_opened(self, _message: LinkNotOpened) -> None:
        self.notify("No browser could open the link", severity="warning")

    # -- layout ------------------------------------------------------------------------

    @property
    def overlaid(self) -> bool:
        """Below 160 columns the sidebar is shown over the pane (t), not beside it."""
        return not self.has_class("-wide")

    def action_toggle_sidebar(self) -> None:
        if self.overlaid:
            self.set_class(not self.has_class("-sidebar-open"), "-sidebar-open")
            if self.has_class("-sidebar-open"):
                self.query_one(TimelineList).focus()
            else:
                self._close_overlay()
        else:
            self.toggle_class("-sidebar-closed")

    def _close_overlay(self) -> None:
        """Back from the sidebar over the pane: to the pane when an article is being read."""
        self.remove_class("-sidebar-open")
        if self.has_class("-reading") or self.has_class("-medium"):
            self.pane.focus()
        else:
            self.article_list.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Below 100 columns one region shows at a time: the one with the focus."""
        if event.widget is self.pane:
            self.add_class("-reading")
        elif event.widget is self.article_list:
            self.remove_class("-reading", "-sidebar-open")

    @property
    def pane_visible(self) -> bool:
        """The pane is on screen (at narrow widths it hides while the list has the focus)."""
        return bool(self.pane.display)

    def on_reading_pane_scrolled(self, message: ReadingPane.Scrolled) -> None:
        article = self.pane.article
        if article is not None and self.pane_visible:
            self.reader.scrolled(article.id, message.at_end)

    def on_reading_pane_back(self, _message: ReadingPane.Back) -> None:
        self.remove_class("-sidebar-open")
        if self.has_class("-list-hidden"):
            self.remove_class("-list-hidden")
        self.article_list.focus()

    def action_toggle_list(self) -> None:
        self.toggle_class("-list-hidden")
        if self.has_class("-list-hidden") and self.article_list.has_focus:
            self.pane.focus()

    def action_toggle_entities(self) -> None:
        shown = not self.pane.marks.show_entities
        self.pane.update_marks(show_entities=shown)
        self.notify("Entity colours " + ("on" if shown else "off"), timeout=2)

    # -- refresh -----------------------------------------------------------------------

    def action_refresh(self, feed_ids: list[int] | None = None) -> None:
        self.start_refresh(feed_ids)

    @property
    def refreshing(self) -> bool:
        return any(w.group == "refresh" and w.is_running for w in self.workers)

    def start_refresh(
        self, feed_ids: list[int] | None = None, due_only: bool = False, background: bool = False
    ) -> None:
        """Refresh these feeds, or those due (auto-reload), or every feed but those backing
        off (`r`). A background refresh says nothing unless something failed."""
        try:
            from tidings.ingest.refresh import refresh
        except ImportError:
            self.notify("refresh is not available", severity="warning")
            return
        self._refresh_feeds(refresh, feed_ids, due_only, background)

    @work(name="refresh", group="refresh", exclusive=True, exit_on_error=False)
    async def _refresh_feeds(
        self,
        refresh: Any,
        feed_ids: list[int] | None = None,
        due_only: bool = False,
        background: bool = False,
    ) -> None:
        """Refresh feeds and sync accounts together on the app's loop (both fetch
        asynchronously and store in workers of their own, so reading goes on), with progress
        in the status line and failures as notifications (`F` lists them: a failed sync is
        recorded on its account's feeds). Given feeds, only those and their accounts. A
        background refresh (auto-reload) fetches the feeds that are due and says nothing: the
        status line counts what is new."""
        parts = {"refresh": "refreshing…", "sync": ""}

        def show() -> None:
            self.refresh_progress = " · ".join(part for part in parts.values() if part)
            self.update_status()

        def progress(step: Any) -> None:
            parts["refresh"] = f"refreshing {step.done}/{step.total}"
            show()

        def sync_progress(step: Any) -> None:
            parts["sync"] = f"syncing {step.account}: {step.stage} ({step.articles} new)"
            show()

        config = self.tidings.config
        jobs = [
            refresh(
                self.tidings.library.path,
                feed_ids,
                concurrency=config.refresh_concurrency,
                progress=progress,
                due_only=due_only,
                policy=config.schedule_policy(),
            )
        ]
        library = self.tidings.library
        if feed_ids is None:
            accounts = [account.name for account in library.accounts()]
        else:
            accounts = library.accounts_of_feeds(feed_ids)
        if accounts:
            from tidings.ingest.sync.engine import sync_accounts

            parts["sync"] = "syncing…"
            jobs.append(sync_accounts(library.path, accounts, progress=sync_progress))
        show()
        try:
            summary, *synced = await asyncio.gather(*jobs)
        finally:
            self.refresh_progress = ""
            self.update_status()
        self.feeds.refreshed(summary, background)
        if background:
            if summary.articles_new or summary.articles_updated or synced:
                self.reload_list()
            else:
                self.update_status()
            return
        failed_syncs = synced[0].failed if synced else []
        errors = [f"{e.title}: {e.error}" for e in summary.errors]
        errors += [f"{r.name} (sync): {r.error}" for r in failed_syncs]
        for error in errors[:3]:
            self.notify(error, severity="error", timeout=8, markup=False)
        message = (
            f"{summary.articles_new} new, {summary.articles_updated} updated"
            f" from {summary.feeds_fetched} feeds"
        )
        if synced and synced[0].accounts:
            message += "; " + synced[0].line()
        if errors:  # feeds and accounts
            self.notify(f"{message}; {len(errors)} failed: F lists them", severity="warning",
                        timeout=8, markup=False)
        else:
            self.notify(message, timeout=4, markup=False)
        self.reload_list()

    def action_feed_errors(self) -> None:
        failed = self.tidings.library.failed_feeds()
        if not failed:
            self.notify("No feed failed at its last fetch")
            return

        def retry(feed_id: int | None) -> None:
            if feed_id is not None:
                self.action_refresh([feed_id])

        self.app.push_screen(FeedErrorsScreen(failed), retry)

    # -- feed-level work (tui/feed_actions.py) ----------------------------------------

    def action_next_unread_feed(self) -> None:
        self.feeds.next_unread_feed()

    def action_mark_feed_read(self) -> None:
        self.feeds.mark_feed_read()

    def action_reload_feed(self) -> None:
        self.feeds.reload_feed()

    def action_open_all_unread(self) -> None:
        self.feeds.open_all_unread()

    def action_toggle_sort(self) -> None:
        self.feeds.toggle_sort()

    def action_toggle_hide_read(self) -> None:
        self.feeds.toggle_hide_read()

    def action_rule_from_article(self) -> None:
        self.feeds.rule_from_article()

    def action_play_enclosure(self) -> None:
        self.feeds.play_enclosure()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.tidings.binding_sections()))
