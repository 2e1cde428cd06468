"""The Tidings app: the article list beside the reading pane."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Static

from storage import Library
from tui.config import Config
from tui.themes import DEFAULT_THEME, theme_files
from tui.widgets.article_list import ArticleList
from tui.widgets.help_screen import HelpScreen
from tui.widgets.reading_pane import ReadingPane


class TidingsApp(App[None]):
    """A terminal news reader."""

    TITLE = "Tidings"

    CSS = """
    Screen { layout: vertical; }
    #main { height: 1fr; }
    #articles { width: 2fr; min-width: 30; border-right: solid $primary-darken-2; }
    #pane { width: 3fr; }
    #status { height: 1; background: $primary-darken-2; color: $text; padding: 0 1; }
    """

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("j", "next_article", "Next", id="app.next"),
        Binding("k", "previous_article", "Previous", id="app.previous"),
        Binding("m", "toggle_read", "Read/unread", id="app.toggle_read"),
        Binding("s", "toggle_star", "Star", id="app.toggle_star"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="app.focus_next"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False,
                id="app.focus_previous"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(self, library: Library, *, config: Config | None = None, enrich: bool = True) -> None:
        super().__init__()
        self.library = library
        self.config = config or Config()
        self.enrich = enrich
        self.article_list = ArticleList(self._fetch_rows, id="articles")
        self.pane = ReadingPane(id="pane")

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield self.article_list
            yield self.pane
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        for theme_file in theme_files().values():
            self.register_theme(theme_file.theme)
        self.theme = DEFAULT_THEME
        self.reload_list()
        self.article_list.focus()

    # -- data --------------------------------------------------------------------------

    def _fetch_rows(self, ids: list[int]):  # type: ignore[no-untyped-def]
        return self.library.summaries(ids)

    def reload_list(self) -> None:
        keep = self.article_list.current
        self.article_list.set_ids(self.library.article_ids(), keep=keep)
        if not self.article_list.ids:
            self.pane.show(None)
        self.update_status()

    def update_status(self) -> None:
        total = len(self.article_list.ids)
        unread = self.library.count_unread()
        status = Text()
        status.append("Feeds", style="bold")
        status.append(f"  All articles · {total} shown · {unread} unread · ")
        status.append(str(self.library.path), style="dim")
        self.query_one("#status", Static).update(status)

    # -- events ------------------------------------------------------------------------

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.pane.show(self.library.article(message.article_id))

    def on_article_list_selected(self, message: ArticleList.Selected) -> None:
        self._set_read(message.article_id, True)
        self.pane.focus()

    # -- actions -----------------------------------------------------------------------

    def action_next_article(self) -> None:
        self.article_list.action_cursor_down()

    def action_previous_article(self) -> None:
        self.article_list.action_cursor_up()

    def _set_read(self, article_id: int, read: bool) -> None:
        self.library.mark([article_id], read=read)
        self.article_list.refresh_article(article_id)
        self.update_status()

    def action_toggle_read(self) -> None:
        article_id = self.article_list.current
        if article_id is not None:
            summary = self.library.summary(article_id)
            self._set_read(article_id, not summary.read)

    def action_toggle_star(self) -> None:
        article_id = self.article_list.current
        if article_id is not None:
            summary = self.library.summary(article_id)
            self.library.mark([article_id], starred=not summary.starred)
            self.article_list.refresh_article(article_id)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.binding_rows()))

    def binding_rows(self) -> list[tuple[str, str]]:
        """(keys, description) for every binding of the app and its panes, as remapped."""
        keys: dict[str, list[str]] = {}
        for node in (self, self.article_list, self.pane):
            for _key, binding in node._bindings:
                label = binding.description or binding.action
                keys.setdefault(label, []).append(self.get_key_display(binding))
        return [(", ".join(dict.fromkeys(shown)), label) for label, shown in keys.items()]


def run_app(library: Library) -> None:
    TidingsApp(library).run()
