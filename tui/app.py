"""The Tidings app: the article list, the reading pane and the sidebar (timeline, entities).

The app wires the widgets to the library. Reads it does on the UI thread are single indexed
queries; entities and timelines are computed by the `Enricher` thread, which the app starts
on mount, points at the open article, and listens to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from tidings.storage import Library, NotFound
from tidings.tui import views
from tidings.tui.commands import TidingsCommands
from tidings.tui.config import Config, config_path, save_setting
from tidings.tui.views import View
from tidings.tui.search import needs_search
from tidings.tui.search_actions import SearchActions
from tidings.tui.story_actions import StoryActions
from tidings.tui.paths import config_dir
from tidings.tui.themes import DEFAULT_THEME, ThemeFile, theme_files
from tidings.tui.widgets.annotations_screen import AnnotationChoice, AnnotationsScreen
from tidings.tui.widgets.article_list import ArticleList
from tidings.tui.widgets.confirm import ConfirmScreen
from tidings.tui.widgets.feed_errors import FeedErrorsScreen
from tidings.tui.widgets.help_screen import HelpScreen
from tidings.tui.widgets.key_hints import KeyHints
from tidings.tui.widgets.note_editor import NoteEditor
from tidings.tui.widgets.reading_pane import ReadingPane
from tidings.tui.widgets.search_prompt import SearchPrompt
from tidings.tui.widgets.sidebar import EntityList, Sidebar, TimelineList

PREFETCH = 5  # articles after the open one that the enricher should take next
OPEN_DELAY = 0.05  # seconds the list cursor rests before the pane follows it
# The enricher's start (importing the NLP code, forking its worker) competes with the first
# paint for the CPU and the GIL: it waits until the first screen is out (0.5 s on 100k).
ENRICHER_START_DELAY = 0.5


@dataclass
class Enriched(Message):
    """The enricher stored entities and a timeline for an article."""

    article_id: int


class TidingsApp(SearchActions, StoryActions, App[None]):
    """A terminal news reader."""

    TITLE = "Tidings"
    COMMANDS = {TidingsCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    CSS = """
    Screen { layout: vertical; }
    #main { height: 1fr; }
    #articles { width: 2fr; min-width: 30; border-right: solid $primary-darken-2; }
    #pane { width: 3fr; }
    #sidebar { width: 36; border-left: solid $primary-darken-2; }
    #status { height: 1; background: $primary-darken-2; color: $text; padding: 0 1; }
    Screen.-narrow #articles { width: 1fr; }
    Screen.-narrow #sidebar { display: none; }
    Screen.-narrow.-sidebar-open #sidebar { display: block; width: 3fr; border-left: none; }
    Screen.-narrow.-sidebar-open #pane { display: none; }
    Screen.-wide.-sidebar-closed #sidebar { display: none; }
    Screen.-list-hidden #articles { display: none; }
    """

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
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
    ]

    def __init__(
        self,
        library: Library,
        *,
        config: Config | None = None,
        enrich: bool = True,
        notices: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.notices = list(notices or [])
        self.library = library
        self.config = config or Config()
        self.enrich = enrich
        self.enricher: Any = None
        self.theme_files, self.theme_problems = theme_files(config_dir() / "themes")
        self.view = self._default_view()
        self.article_list = ArticleList(self._fetch_rows, id="articles")
        self.pane = ReadingPane(id="pane")
        self.sidebar = Sidebar(id="sidebar")
        self.search = SearchPrompt(id="search")
        self.refresh_progress = ""
        self.feed_errors: list[tuple[str, str, str]] = []  # (feed, url, error) from the last refresh
        self._read_timer: Timer | None = None
        self._open_timer: Timer | None = None
        self.open_delay = OPEN_DELAY
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        # Themes are chosen before the first styling pass: switching after mount restyles
        # every widget, which cost a third of the first paint.
        for theme_file in self.theme_files.values():
            self.register_theme(theme_file.theme)
        wanted = self.config.theme
        if wanted not in self.theme_files:
            if wanted != DEFAULT_THEME:
                self.notices.append(f"unknown theme {wanted!r}; using {DEFAULT_THEME}")
            wanted = DEFAULT_THEME
        self.theme = wanted

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield self.article_list
            yield self.pane
            yield self.sidebar
        yield self.search
        yield Static(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        self._apply_palette()
        self.theme_changed_signal.subscribe(self, lambda _theme: self._apply_palette())
        for problem in self.notices + self.theme_problems:
            self.notify(problem, severity="warning", timeout=15)
        self.reload_list()
        self.article_list.focus()
        if self.enrich:
            self.set_timer(ENRICHER_START_DELAY, self._start_enricher)

    def on_unmount(self) -> None:
        if self.enricher is not None:
            self.enricher.stop()

    def _default_view(self) -> View:
        wanted = self.config.default_view
        for view in views.BUILT_IN_VIEWS:
            if view.kind == wanted:
                return view
        return views.BUILT_IN_VIEWS[0]

    # -- enrichment --------------------------------------------------------------------

    @work(thread=True, group="enricher")
    def _start_enricher(self) -> None:
        """Import the enricher (and its NLP stack) off the UI thread, after the first paint."""
        from tidings.ingest.enricher import Enricher

        enricher = Enricher(self.library.path, on_done=self._enriched_in_thread)
        enricher.start()
        self.call_from_thread(self._enricher_started, enricher)

    def _enricher_started(self, enricher: Any) -> None:
        if not self.is_running:
            enricher.stop()
            return
        self.enricher = enricher
        self._prioritise()

    def _enriched_in_thread(self, article_id: int) -> None:
        """Called on the enricher's thread: hand the news to the UI thread."""
        try:
            self.call_from_thread(self.post_message, Enriched(article_id))
        except RuntimeError:  # the app is closing
            pass

    def on_enriched(self, message: Enriched) -> None:
        article = self.pane.article
        if article is not None and article.id == message.article_id:
            self._show_enrichment(article.id, keep_scroll=True)

    def _prioritise(self) -> None:
        """Ask the enricher to take the open article and the next few first."""
        if self.enricher is None:
            return
        ids = self.article_list.ids
        at = self.article_list.cursor
        wanted = [i for i in ids[at : at + 1 + PREFETCH] if self.library.is_queued(i)]
        if wanted:
            self.library.prioritise(wanted[:1])
            self.library.prioritise(wanted[1:], priority=50)
            self.enricher.wake()

    # -- themes ------------------------------------------------------------------------

    @property
    def palette(self) -> ThemeFile | None:
        return self.theme_files.get(self.theme) or self.theme_files.get(DEFAULT_THEME)

    def _apply_palette(self) -> None:
        self.pane.palette = self.palette
        article = self.pane.article
        if article is not None:
            self._show_enrichment(article.id, keep_scroll=True)

    def switch_theme(self, name: str) -> None:
        """Use a theme now and save the choice in the config file."""
        self.theme = name
        try:
            save_setting("theme", name, config_path())
        except OSError as error:
            self.notify(f"could not save the theme: {error}", severity="warning")

    # -- the list ----------------------------------------------------------------------

    def _fetch_rows(self, ids: list[int]):  # type: ignore[no-untyped-def]
        return self.library.summaries(ids)

    def show_view(self, view: View) -> None:
        self.view = view
        self.reload_list(keep=None)

    def reload_list(self, keep: int | None | bool = True) -> None:
        """Reload the shown ids; keep the cursor on the same article unless told otherwise."""
        current = self.article_list.current if keep is True else keep or None
        if needs_search(self.view):
            self.run_search(current)  # in a worker (tui/search_actions.py)
            return
        self.show_highlights(None)
        ids = views.view_ids(self.library, self.view, self.config.sort)
        self.article_list.set_ids(ids, keep=current)
        if not ids:
            self._open(None)
        self.update_status()

    def update_status(self) -> None:
        status = Text()
        status.append("Feeds", style="bold")
        status.append(f"  {self.view.name}")
        if self.view.text:
            status.append(" · search: ")
            status.append(self.view.text, style="italic")
        unread = self.library.count_unread()
        status.append(f" · {len(self.article_list.ids)} shown · {unread} unread")
        if self.refresh_progress:
            status.append(" · " + self.refresh_progress, style="bold")
        status.append(" · " + self.library.path.name, style="dim")
        self.query_one("#status", Static).update(status)

    # -- opening an article ------------------------------------------------------------

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        """Open the article under the cursor once the cursor rests (`open_delay`), so holding
        `j` moves the list at key-repeat speed instead of drawing every article it passes."""
        if self._open_timer is not None:
            self._open_timer.stop()
            self._open_timer = None
        if self.open_delay <= 0:
            self._open(message.article_id)
        else:
            self._open_timer = self.set_timer(self.open_delay, self._open_current)

    def _open_current(self) -> None:
        self._open_timer = None
        self._open(self.article_list.current)

    def on_article_list_selected(self, message: ArticleList.Selected) -> None:
        if self.pane.article is None or self.pane.article.id != message.article_id:
            self._open_current()
        self._set_read(message.article_id, True)
        self.pane.focus()

    def _open(self, article_id: int | None) -> None:
        """Show an article with whatever is stored about it, and start its read timer."""
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None
        if article_id is None:
            self.pane.show(None)
            self.sidebar.show([], [], None, self.palette)
            self.article_opened(None)
            return
        try:
            article = self.library.article(article_id)
        except NotFound:
            return
        mentions = self.library.mentions(article_id)
        timeline = self.library.timeline(article_id)
        self.pane.show(article, mentions, timeline)
        pending = self.library.is_queued(article_id)
        self.sidebar.show(mentions, timeline, article.published, self.palette, pending)
        self.article_opened(article_id)  # related, sources, story (tui/story_actions.py)
        self._prioritise()
        if not article.read:
            self._read_timer = self.set_timer(
                self.config.mark_read_delay, lambda: self._read_after_delay(article_id)
            )

    def _show_enrichment(self, article_id: int, *, keep_scroll: bool) -> None:
        article = self.pane.article
        if article is None:
            return
        mentions = self.library.mentions(article_id)
        timeline = self.library.timeline(article_id)
        scroll = self.pane.scroll_y
        self.pane.timeline = timeline
        self.pane.update_marks(mentions=mentions)
        if keep_scroll:
            self.pane.scroll_to(y=scroll, animate=False)
        pending = self.library.is_queued(article_id)
        self.sidebar.show(mentions, timeline, article.published, self.palette, pending)

    def _read_after_delay(self, article_id: int) -> None:
        self._read_timer = None
        if self.pane.article is not None and self.pane.article.id == article_id:
            self._set_read(article_id, True)

    # -- sidebar -----------------------------------------------------------------------

    def on_timeline_list_chosen(self, message: TimelineList.Chosen) -> None:
        row = message.row
        start, end = row.sentence_start, row.sentence_end
        if end <= start:
            start, end = row.start, row.end
        self.pane.update_marks(marked=[(start, end)])
        self.pane.scroll_to_offset(start)

    def on_entity_list_chosen(self, message: EntityList.Chosen) -> None:
        spans = message.entry.spans
        self.pane.update_marks(marked=spans)
        if spans:
            self.pane.scroll_to_offset(spans[0][0])

    def on_entity_list_find_articles(self, message: EntityList.FindArticles) -> None:
        entry = message.entry
        entity = views.entity_id(self.library, entry.name)
        if entity is not None:
            self.show_view(View("entity", str(entity), f"Mentioning {entry.name}"))
            self.article_list.focus()

    # -- pane --------------------------------------------------------------------------

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

        self.push_screen(NoteEditor(quote), save)

    def _annotate(self, article_id: int, start: int, end: int, note: str) -> None:
        self.library.annotate(article_id, start, end, note=note)
        self._reload_annotations(article_id)
        self.pane.update_marks(selection=None)
        self.notify("Highlighted" + (" with a note" if note else ""), timeout=2)

    def _reload_annotations(self, article_id: int) -> None:
        self.pane.update_marks(annotations=self.library.annotations(article_id))
        self.article_list.refresh_article(article_id)

    def action_annotations(self) -> None:
        article = self.pane.article
        if article is None:
            return
        notes = self.library.annotations(article.id)
        if not notes:
            self.notify("No annotations in this article yet: select with →, then h or a")
            return
        self.push_screen(AnnotationsScreen(notes, self.palette), self._annotation_chosen)

    def _annotation_chosen(self, choice: AnnotationChoice | None) -> None:
        if choice is None:
            return
        note = choice.annotation
        if choice.action == "jump":
            self.pane.update_marks(marked=[(note.start, note.end)])
            self.pane.scroll_to_offset(note.start)
            self.pane.focus()
        elif choice.action == "delete":
            self.library.delete_annotation(note.id)
            self._reload_annotations(note.article_id)
            self.notify("Annotation deleted", timeout=2)
        elif choice.action == "colour":
            names = list(self.palette.highlights) if self.palette else ["yellow"]
            following = names[(names.index(note.colour) + 1) % len(names)] if note.colour in names else names[0]
            self.library.update_annotation(note.id, colour=following)
            self._reload_annotations(note.article_id)
            self.action_annotations()
        elif choice.action == "edit":

            def save(text: str | None) -> None:
                if text is not None:
                    self.library.update_annotation(note.id, note=text)
                    self._reload_annotations(note.article_id)

            self.push_screen(NoteEditor(note.quote, note.note), save)

    # -- actions -----------------------------------------------------------------------

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
            self.library, self.article_list.ids, self.article_list.cursor, step
        )
        if index is None:
            self.notify("No more unread articles" + (" here" if step > 0 else " above"), timeout=2)
        else:
            self.article_list.move_to(index)

    def _set_read(self, article_id: int, read: bool) -> None:
        self.library.mark([article_id], read=read)
        self.article_list.refresh_article(article_id)
        self.update_status()

    def action_toggle_read(self) -> None:
        article_id = self.article_list.current
        if article_id is not None:
            if self._read_timer is not None:
                self._read_timer.stop()
                self._read_timer = None
            self._set_read(article_id, not self.library.summary(article_id).read)

    def action_toggle_star(self) -> None:
        article_id = self.article_list.current
        if article_id is not None:
            summary = self.library.summary(article_id)
            self.library.mark([article_id], starred=not summary.starred)
            self.article_list.refresh_article(article_id)

    def action_open_url(self) -> None:
        article = self.pane.article
        url = article.url if article else None
        from tidings.tui.links import is_web_url

        if not is_web_url(url):
            self.notify("This article has no web address to open", severity="warning")
            return
        assert url is not None
        self._open_url(url)

    @work(thread=True, group="browser")
    def _open_url(self, url: str) -> None:
        from tidings.tui.links import open_in_browser

        if not open_in_browser(url):
            self.call_from_thread(self.notify, "No browser could open the link", severity="warning")

    def action_mark_all_read(self) -> None:
        ids = list(self.article_list.ids)
        if not ids:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                views.mark_read(self.library, ids)
                self.article_list.set_ids(self.article_list.ids, keep=self.article_list.current)
                self.update_status()

        self.push_screen(ConfirmScreen(f"Mark all {len(ids)} shown articles as read?"), answer)

    def action_toggle_sidebar(self) -> None:
        if self.screen.has_class("-narrow"):
            self.screen.toggle_class("-sidebar-open")
            if self.screen.has_class("-sidebar-open"):
                self.query_one(TimelineList).focus()
            else:
                self.pane.focus()
        else:
            self.screen.toggle_class("-sidebar-closed")

    def action_toggle_list(self) -> None:
        self.screen.toggle_class("-list-hidden")
        if self.screen.has_class("-list-hidden") and self.article_list.has_focus:
            self.pane.focus()

    def action_toggle_entities(self) -> None:
        shown = not self.pane.marks.show_entities
        self.pane.update_marks(show_entities=shown)
        self.notify("Entity colours " + ("on" if shown else "off"), timeout=2)

    def action_refresh(self) -> None:
        try:
            from tidings.ingest.refresh import refresh
        except ImportError:
            self.notify("refresh is not available", severity="warning")
            return
        self._refresh_feeds(refresh)

    @work(group="refresh", exclusive=True)
    async def _refresh_feeds(self, refresh: Any) -> None:
        """Run the feeds refresh on the app's loop (it fetches asynchronously and stores in a
        worker of its own), with progress in the status line and failures as notifications."""

        def progress(step: Any) -> None:
            self.refresh_progress = f"refreshing {step.done}/{step.total}"
            self.update_status()

        self.refresh_progress = "refreshing…"
        self.update_status()
        try:
            summary = await refresh(
                Path(self.library.path),
                None,
                concurrency=self.config.refresh_concurrency,
                progress=progress,
            )
        except Exception as error:  # noqa: BLE001 (a failed refresh is shown, never a crash)
            self.refresh_progress = ""
            self.notify(f"refresh failed: {error}", severity="error")
            self.update_status()
            return
        self.refresh_progress = ""
        self.feed_errors = [(e.title, e.url, e.error) for e in summary.errors]
        for title, _url, error in self.feed_errors[:3]:
            self.notify(f"{title}: {error}", severity="error", timeout=8)
        if len(self.feed_errors) > 3:
            self.notify(f"{len(self.feed_errors)} feeds failed: press F for the list", severity="error")
        self.notify(
            f"{summary.articles_new} new, {summary.articles_updated} updated"
            f" from {summary.feeds_fetched} feeds",
            timeout=4,
        )
        self.reload_list()

    def action_feed_errors(self) -> None:
        if not self.feed_errors:
            self.notify("No feed failed in the last refresh")
            return
        self.push_screen(FeedErrorsScreen(self.feed_errors))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.binding_rows()))

    def keys_for(self, binding: Binding) -> str:
        """The keys a binding answers to now, after the user's keymap."""
        remapped = self._keymap.get(binding.id or "")
        if not remapped:
            return self.get_key_display(binding)
        return ", ".join(
            self.get_key_display(binding.with_key(key.strip())) for key in remapped.split(",")
        )

    def binding_owners(self) -> list[DOMNode]:
        """The app and the widgets whose bindings make up the keyboard."""
        return [
            self,
            self.article_list,
            self.pane,
            self.query_one(TimelineList),
            self.query_one(EntityList),
        ]

    def binding_rows(self) -> list[tuple[str, str]]:
        """(keys, description) for every binding of the app and its regions, as remapped."""
        keys: dict[str, list[str]] = {}
        for node in self.binding_owners():
            for _key, binding in node._bindings:
                if binding.description:
                    keys.setdefault(binding.description, []).append(self.keys_for(binding))
        rows = [(", ".join(dict.fromkeys(shown)), label) for label, shown in keys.items()]
        return rows + [("ctrl+p", "Command palette: every action, view and theme")]


def run_app(library: Library) -> None:
    from tidings.tui.config import load_config

    config, problems = load_config()
    TidingsApp(library, config=config, notices=problems).run()
