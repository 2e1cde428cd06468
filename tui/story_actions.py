"""The app's side of entities and stories: the entity browser and pages, related articles
and other sources at the end of the pane, and the sidebar's story timeline.

A mixin for `TidingsApp` (which owns the bindings; see its BINDINGS). Everything that reads
more than one indexed row runs in a thread worker with its own library connection and comes
back only if the same article is still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual import work

from tidings.storage import ArticleSummary, Library
from tidings.storage.related import Related
from tidings.tui.views import View
from tidings.tui.widgets.entity_browser import EntityBrowser
from tidings.tui.widgets.entity_page import EntityChoice, EntityPage
from tidings.tui.widgets.item_list import Title
from tidings.tui.widgets.reading_pane import visible
from tidings.tui.widgets.story_widgets import RelatedChooser, StoryItem, StoryTimelineList

if TYPE_CHECKING:
    from tidings.tui.app import TidingsApp

    _Base = TidingsApp
else:
    _Base = object

Span = tuple[int, int]
RELATED = 8


@dataclass
class StoryData:
    """What the worker found about one article."""

    article_id: int
    related: list[Related]
    sources: list[ArticleSummary]  # the other copies of this story (near-duplicates)
    summaries: dict[int, ArticleSummary]
    story: list[dict[str, Any]] | None  # the story timeline, when the sidebar shows it


def load_story(path: Path, article_id: int, with_timeline: bool) -> StoryData:
    library = Library.open(path)
    try:
        related = library.related(article_id, limit=RELATED)
        duplicates = library.duplicates(article_id)
        summaries = library.summaries([r.article_id for r in related] + duplicates + [article_id])
        story = library.story_timeline(article_id) if with_timeline else None
    finally:
        library.close()
    sources = [summaries[i] for i in duplicates if i in summaries]
    return StoryData(article_id, related, sources, summaries, story)


def appendix(data: StoryData) -> Text:
    """The end of the pane: the other sources of this story, then the related articles."""
    text = Text()
    if data.sources:
        text.append("Also from", Style(bold=True))
        for source in data.sources:
            text.append("\n• " + visible(source.feed), Style(bold=True))
            text.append(" — " + visible(source.title), Style(italic=True))
    found = [r for r in data.related if r.article_id in data.summaries]
    if found:
        if text:
            text.append("\n\n")
        text.append("Related in your library", Style(bold=True))
        text.append("  (R to open one)", Style(dim=True))
        for number, related in enumerate(found, 1):
            summary = data.summaries[related.article_id]
            text.append(f"\n{number}. ", Style(bold=True))
            text.append(visible(summary.title), Style(italic=True))
            if related.shared:
                text.append("\n   shared: " + ", ".join(visible(n) for n in related.shared[:5]), Style(dim=True))
            elif related.linked:
                text.append("\n   linked from this article", Style(dim=True))
    return text


class StoryActions(_Base):
    """Entity browser and pages, related articles, other sources, the story timeline."""

    story_mode: bool = False
    story: StoryData | None = None
    _pending_mark: tuple[int, Span] | None = None

    # -- entities ----------------------------------------------------------------------

    def action_entities(self) -> None:
        def chosen(entity_id: int | None) -> None:
            if entity_id is not None:
                self.open_entity(entity_id)

        self.push_screen(EntityBrowser(self.library.path, self.palette), chosen)

    def open_entity(self, entity_id: int) -> None:
        self.push_screen(EntityPage(self.library.path, entity_id, self.palette), self._entity_chosen)

    def _entity_chosen(self, choice: EntityChoice | None) -> None:
        if choice is None:
            return
        view = View("entity", str(choice.entity_id), f"Mentioning {choice.entity_name}")
        self.open_article(choice.article_id, choice.span, view)

    def open_article(self, article_id: int, span: Span | None = None, view: View | None = None) -> None:
        """Show an article: in `view` if given (else in the list as it is), with the list's
        cursor on it when it is there, scrolled to and marking `span` if given."""
        self._pending_mark = (article_id, span) if span else None
        if view is not None and view != self.view:
            self.view = view
            self.reload_list(keep=article_id)
        if article_id in self.article_list.ids:
            self.article_list.move_to(self.article_list.ids.index(article_id))
        else:
            self._open(article_id)
        self.pane.focus()

    # -- the open article --------------------------------------------------------------

    def article_opened(self, article_id: int | None) -> None:
        """Called by `_open`: apply a waiting scroll target, then look for the story."""
        self.pane.appendix = None
        self.story = None
        if article_id is None:
            return
        pending = self._pending_mark
        if pending is not None and pending[0] == article_id:
            # kept until another article opens: the list may open this one again as its
            # cursor settles on it
            self.pane.update_marks(marked=[pending[1]])
            self.pane.scroll_to_offset(pending[1][0])
        else:
            self._pending_mark = None
        if self.story_mode:
            self.query_one(StoryTimelineList).show_items([], None)
            self._story_title("Story timeline · looking…")
        self._load_story(self.library.path, article_id, self.story_mode)

    @work(thread=True, group="story", exclusive=True)
    def _load_story(self, path: Path, article_id: int, with_timeline: bool) -> None:
        data = load_story(path, article_id, with_timeline)
        self.call_from_thread(self._story_loaded, data)

    def _story_loaded(self, data: StoryData) -> None:
        article = self.pane.article
        if article is None or article.id != data.article_id:
            return  # the user has moved on
        self.story = data
        text = appendix(data)
        if text:
            scroll = self.pane.scroll_y
            self.pane.appendix = text
            self.pane.update_marks()
            self.pane.scroll_to(y=scroll, animate=False)
        if self.story_mode and data.story is not None:
            self._show_story_timeline(data)

    # -- related articles --------------------------------------------------------------

    def action_related(self) -> None:
        data = self.story
        article = self.pane.article
        if article is None:
            return
        if data is None or data.article_id != article.id:
            self.notify("Still looking for related articles…", timeout=2)
            return
        entries = [(r.article_id, data.summaries[r.article_id], r.shared) for r in data.related
                   if r.article_id in data.summaries]
        entries += [(s.id, s, [f"same story, from {s.feed}"]) for s in data.sources]
        if not entries:
            self.notify("No related articles in the library", timeout=2)
            return

        def chosen(article_id: int | None) -> None:
            if article_id is not None:
                self.open_article(article_id)

        self.push_screen(RelatedChooser(entries), chosen)

    # -- story timeline ----------------------------------------------------------------

    def action_story_timeline(self) -> None:
        self.story_mode = not self.story_mode
        timeline = self.query_one(StoryTimelineList)
        self.sidebar.set_class(self.story_mode, "-story")
        article = self.pane.article
        if not self.story_mode:
            if article is not None:
                self._show_enrichment(article.id, keep_scroll=True)
            self.notify("Sidebar: this article's timeline", timeout=2)
            return
        self.notify("Sidebar: the story's timeline (this article and its closest related)", timeout=2)
        timeline.show_items([], None)
        self._story_title("Story timeline · looking…")
        if article is not None:
            self._load_story(self.library.path, article.id, True)

    def _show_story_timeline(self, data: StoryData) -> None:
        sources = [data.article_id] + [
            r.article_id for r in data.related if r.article_id in {row["article_id"] for row in data.story or []}
        ]
        items = [
            StoryItem(
                row["article_id"], row["title"], row["date"], row["precision"],
                row["sentence"] or row["expression"], (row["sentence_start"], row["sentence_end"]),
                sources.index(row["article_id"]) if row["article_id"] in sources else 0,
            )
            for row in data.story or []
        ]
        self.query_one(StoryTimelineList).show_items(items, data.article_id)
        self._story_title(
            f"Story timeline · {len(items)} from {len({i.article_id for i in items})} articles"
        )

    def _story_title(self, text: str) -> None:
        self.sidebar.query_one("#timeline-title", Title).set_text(text)

    def on_story_timeline_list_chosen(self, message: StoryTimelineList.Chosen) -> None:
        item = message.item
        start, end = item.span
        article = self.pane.article
        if article is not None and article.id == item.article_id:
            self.pane.update_marks(marked=[(start, end)])
            self.pane.scroll_to_offset(start)
        else:
            self.open_article(item.article_id, (start, end))
