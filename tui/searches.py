"""Searching from the app: the `/` prompt's query run as the user types, the matching words
highlighted, saved searches as views.

The prompt checks each change and, after a pause in typing, posts `SearchChanged`; the
query runs in a thread worker that posts `SearchResults`. Results of an older query than
the last one asked for are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.message import Message

from tidings.storage import QueryError
from tidings.tui.controller import Controller
from tidings.tui.search import Highlighter, query_text, saved_views, search_ids
from tidings.tui.views import BUILT_IN_VIEWS, View, feed_and_tag_views
from tidings.tui.widgets.name_prompt import NamePrompt
from tidings.tui.widgets.view_selector import ViewSelector


@dataclass
class SearchResults(Message):
    """The ids a view shows under its query (or `error` if the query was refused)."""

    generation: int
    view: View
    ids: list[int]
    keep: int | None
    error: str | None = None


@dataclass
class ViewsCounted(Message):
    """The saved searches as views, each with its unread count."""

    saved: list[View]


class Searches(Controller):
    """Runs the view's query, shows its results and highlights; saves and offers searches."""

    generation = 0
    _answered = 0
    highlighter: Highlighter | None = None

    @property
    def busy(self) -> bool:
        """A query is waiting for the pause in typing or for its results."""
        return self.main.search.waiting or self._answered < self.generation

    def run(self, view: View, keep: int | None) -> None:
        """Find the view's ids under its query in a worker; `SearchResults` follows."""
        self.generation += 1
        self._search(self.generation, view, keep)

    @work(thread=True, exit_on_error=False, group="search")
    def _search(self, generation: int, view: View, keep: int | None) -> None:
        library = self.tidings.library.for_thread()
        try:
            results = SearchResults(generation, view, search_ids(library, view), keep)
        except QueryError as error:
            results = SearchResults(generation, view, [], keep, error=str(error))
        self.post_message(results)

    def on_search_results(self, message: SearchResults) -> None:
        message.stop()
        if message.generation < self.generation:
            return  # superseded by a later query
        self._answered = message.generation
        main = self.main
        if message.view != main.view:
            return  # the user has moved on to another view or query
        if message.error:
            main.search.show_error(message.error)
            if not main.search.has_class("-shown"):
                self.notify(f"search: {message.error}", severity="warning", markup=False)
            return
        main.article_list.set_ids(message.ids, keep=message.keep)
        if not message.ids:
            main.reader.open(None)
        self.show_highlights(Highlighter.for_query(query_text(main.view)))
        main.update_status()

    def show_highlights(self, highlighter: Highlighter | None) -> None:
        """Mark these words in the list's titles and in the pane (None: mark nothing)."""
        if highlighter == self.highlighter:
            return
        self.highlighter = highlighter
        article_list = self.main.article_list
        article_list.highlighter = highlighter
        article_list.set_ids(article_list.ids, keep=article_list.current)
        self.main.pane.highlighter = highlighter
        self.main.pane.update_marks()

    # -- saved searches and views ------------------------------------------------------

    def save(self) -> None:
        text = query_text(self.main.view)
        if not text:
            self.notify("Search first (/), then save the query", severity="warning")
            return

        def save(name: str | None) -> None:
            if not name:
                return
            self.tidings.writes.add(  # off the UI thread; a refusal is said as "not saved: why"
                "save_search", name, text,
                on_done=lambda _r: self.notify(f"Saved search {name!r}: press v to show it",
                                               timeout=3, markup=False),
            )

        self.app.push_screen(NamePrompt("Save this search as", text), save)

    def choose_view(self) -> None:
        self._count_saved()

    @work(thread=True, exit_on_error=False, group="views", exclusive=True)
    def _count_saved(self) -> None:
        """The view selector, once each saved search's unread count is known (a query each)."""
        self.post_message(ViewsCounted(saved_views(self.tidings.library.for_thread(), counts=True)))

    def on_views_counted(self, message: ViewsCounted) -> None:
        message.stop()

        def chosen(view: View | None) -> None:
            if view is not None:
                self.main.show_view(view)

        views = self.available_views(message.saved)
        self.app.push_screen(ViewSelector(views, self.main.view, self._delete_saved), chosen)

    def _delete_saved(self, view: View) -> bool:
        """Delete the saved search a view runs (found by its query); True if it went."""
        library = self.tidings.library
        for saved in library.saved_searches(counts=False):
            if saved.query == view.key and view.name.startswith(f"Search: {saved.name}"):
                self.tidings.writes.add("delete_search", saved.name)
                self.notify(f"Deleted the saved search {saved.name!r}", timeout=3, markup=False)
                return True
        return False

    def available_views(self, saved: list[View] | None = None) -> list[View]:
        """Built-in views, then the saved searches, then the feeds and tags."""
        library = self.tidings.library
        others = feed_and_tag_views(library)
        built_in = len(BUILT_IN_VIEWS)
        if saved is None:
            saved = saved_views(library)
        return others[:built_in] + saved + others[built_in:]
