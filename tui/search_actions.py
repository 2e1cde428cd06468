"""The app's side of searching: the `/` prompt, results, highlights and saved searches.

A mixin for `TidingsApp` (which owns the bindings; see its BINDINGS), kept apart from
app.py so that file stays the wiring of the widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from tidings.storage import Library
from tidings.storage.search_language import QueryError
from tidings.tui.views import View
from tidings.tui.search import Highlighter, query_text, saved_views
from tidings.tui.widgets.name_prompt import NamePrompt
from tidings.tui.widgets.search_prompt import SearchPrompt
from tidings.tui.widgets.view_selector import ViewSelector

if TYPE_CHECKING:
    from tidings.tui.app import TidingsApp

    _Base = TidingsApp
else:
    _Base = object


class SearchActions(_Base):
    """Search as you type, highlights of the matching words, saved searches as views."""

    search: SearchPrompt
    highlighter: Highlighter | None = None

    # -- the prompt --------------------------------------------------------------------

    def action_filter(self) -> None:
        self.search.open(self.view.text)

    def on_search_prompt_changed(self, message: SearchPrompt.Changed) -> None:
        self.view = self.view.filtered(message.text)
        self.reload_list()

    def on_search_prompt_closed(self, _message: SearchPrompt.Closed) -> None:
        self.article_list.focus()

    def run_search(self, keep: int | None) -> None:
        """Find the view's articles in a worker; `on_search_prompt_results` shows them."""
        self.search.run(self.library.path, self.view, keep)
        self.update_status()

    def on_search_prompt_results(self, message: SearchPrompt.Results) -> None:
        if message.view != self.view:
            return  # the user has moved on to another view or query
        if message.error:
            if not self.search.has_class("-shown"):
                self.notify(f"search: {message.error}", severity="warning")
            return
        self.article_list.set_ids(message.ids, keep=message.keep)
        if not message.ids:
            self._open(None)
        self.show_highlights(Highlighter.for_query(query_text(self.view)))
        self.update_status()

    def show_highlights(self, highlighter: Highlighter | None) -> None:
        """Mark these words in the list's titles and in the pane (None: mark nothing)."""
        if highlighter == self.highlighter:
            return
        self.highlighter = highlighter
        self.article_list.highlighter = highlighter
        self.article_list.set_ids(self.article_list.ids, keep=self.article_list.current)
        self.pane.highlighter = highlighter
        self.pane.update_marks()

    # -- saved searches ----------------------------------------------------------------

    def action_save_search(self) -> None:
        text = query_text(self.view)
        if not text:
            self.notify("Search first (/), then save the query", severity="warning")
            return

        def save(name: str | None) -> None:
            if not name:
                return
            try:
                self.library.save_search(name, text)
            except QueryError as error:
                self.notify(f"not saved: {error}", severity="warning")
                return
            self.notify(f"Saved search {name!r}: press v to show it", timeout=3)

        self.push_screen(NamePrompt("Save this search as", text), save)

    def action_views(self) -> None:
        self._views_with_counts(self.library.path)

    @work(thread=True, group="views", exclusive=True)
    def _views_with_counts(self, path: Any) -> None:
        """The view selector, once each saved search's unread count is known (a query each)."""
        library = Library.open(path)
        try:
            saved = saved_views(library, counts=True)
        finally:
            library.close()
        self.call_from_thread(self._show_selector, saved)

    def _show_selector(self, saved: list[View]) -> None:
        def chosen(view: View | None) -> None:
            if view is not None:
                self.show_view(view)

        views = self.available_views(saved)
        self.push_screen(ViewSelector(views, self.view), chosen)

    def available_views(self, saved: list[View] | None = None) -> list[View]:
        """Built-in views, then the saved searches, then the feeds and tags."""
        from tidings.tui import views

        others = views.feed_and_tag_views(self.library)
        built_in = len(views.BUILT_IN_VIEWS)
        if saved is None:
            saved = saved_views(self.library)
        return others[:built_in] + saved + others[built_in:]
