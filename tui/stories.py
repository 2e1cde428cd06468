"""Entities and stories: the entity browser and pages, related articles and other sources at
the end of the pane, and the sidebar's story timeline.

Everything that reads more than one indexed row runs in a thread worker and comes back as a
`StoryLoaded` message, shown only if the same article is still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import work
from textual.message import Message

from tidings.storage import ArticleSummary, Library, Related
from tidings.tui.controller import Controller
from tidings.tui.views import View
from tidings.tui.widgets.entity_browser import EntityBrowser
from tidings.tui.widgets.entity_page import EntityChoice, EntityPage
from tidings.tui.widgets.item_list import Title
from tidings.tui.widgets.reading_pane import visible
from tidings.tui.widgets.story_widgets import RelatedChooser, StoryItem, StoryTimelineList

RELATED = 8


@dataclass
class StoryData:
    """What the worker found about one article."""

    article_id: int
    related: list[Related]
    sources: list[ArticleSummary]  # the other copies of this story (near-duplicates)
    summaries: dict[int, ArticleSummary]
    story: list[dict[str, Any]] | None  # the story timeline, when the sidebar shows it


@dataclass
class StoryLoaded(Message):
    data: StoryData


def load_story(library: Library, article_id: int, with_timeline: bool) -> StoryData:
    related = library.related(article_id, limit=RELATED)
    duplicates = library.duplicates(article_id)
    summaries = library.summaries([r.article_id for r in related] + duplicates + [article_id])
    story = library.story_timeline(article_id) if with_timeline else None
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


class Stories(Controller):
    """Entity browser and pages, related articles, other sources, the story timeline."""

    story_mode = False
    story: StoryData | None = None

    # -- entities ----------------------------------------------------------------------

    def browse_entities(self) -> None:
        def chosen(entity_id: int | None) -> None:
            if entity_id is not None:
                self.open_entity(entity_id)

        self.app.push_screen(EntityBrowser(self.tidings.library, self.tidings.palette), chosen)

    def open_entity(self, entity_id: int) -> None:
        page = EntityPage(self.tidings.library, entity_id, self.tidings.palette)
        self.app.push_screen(page, self._entity_chosen)

    def _entity_chosen(self, choice: EntityChoice | None) -> None:
        if choice is None:
            return
        view = View("entity", str(choice.entity_id), f"Mentioning {choice.entity_name}")
        self.main.reader.show(choice.article_id, choice.span, view)

    # -- the open article --------------------------------------------------------------

    def article_opened(self, article_id: int | None) -> None:
        """A new article is in the pane: look for its story."""
        self.main.pane.set_appendix(None)
        self.story = None
        if article_id is None:
            return
        if self.story_mode:
            self.query_story_timeline().show_items([], None)
            self._story_title("Story timeline · looking…")
        self._load(article_id, self.story_mode)

    @work(thread=True, exit_on_error=False, group="story", exclusive=True)
    def _load(self, article_id: int, with_timeline: bool) -> None:
        library = self.tidings.library.for_thread()
        self.post_message(StoryLoaded(load_story(library, article_id, with_timeline)))

    def on_story_loaded(self, message: StoryLoaded) -> None:
        message.stop()
        data = message.data
        if not self.main.reader.showing(data.article_id):
            return  # the user has moved on
        self.story = data
        text = appendix(data)
        if text:
            self.main.pane.set_appendix(text)
        if self.story_mode and data.story is not None:
            self._show_story_timeline(data)

    # -- related articles --------------------------------------------------------------

    def choose_related(self) -> None:
        data = self.story
        article = self.main.pane.article
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
                self.main.reader.show(article_id)

        self.app.push_screen(RelatedChooser(entries), chosen)

    # -- story timeline ----------------------------------------------------------------

    def query_story_timeline(self) -> StoryTimelineList:
        return self.main.sidebar.query_one(StoryTimelineList)

    def toggle_story_timeline(self) -> None:
        self.story_mode = not self.story_mode
        self.main.sidebar.set_class(self.story_mode, "-story")
        article = self.main.pane.article
        if not self.story_mode:
            if article is not None:
                self.main.show_enrichment(article.id)
            self.notify("Sidebar: this article's timeline", timeout=2)
            return
        self.notify("Sidebar: the story's timeline (this article and its closest related)", timeout=2)
        self.query_story_timeline().show_items([], None)
        self._story_title("Story timeline · looking…")
        if article is not None:
            self._load(article.id, True)

    def _show_story_timeline(self, data: StoryData) -> None:
        in_story = {row["article_id"] for row in data.story or []}
        # [n] is the number the related article has at the end of the pane (the legend says so)
        listed = [r.article_id for r in data.related if r.article_id in data.summaries]
        numbers = {article_id: n for n, article_id in enumerate(listed, 1) if article_id in in_story}
        items = [
            StoryItem(
                row["article_id"], row["title"], row["date"], row["precision"],
                row["sentence"] or row["expression"], (row["sentence_start"], row["sentence_end"]),
                numbers.get(row["article_id"], 0),
            )
            for row in data.story or []
        ]
        self.query_story_timeline().show_items(items, data.article_id)
        self._story_title(
            f"Story timeline · {len(items)} from {len({i.article_id for i in items})} articles"
        )

    def _story_title(self, text: str) -> None:
        self.main.sidebar.query_one("#timeline-title", Title).set_text(text)

    def story_item_chosen(self, item: StoryItem) -> None:
        start, end = item.span
        if self.main.reader.showing(item.article_id):
            self.main.pane.update_marks(marked=[(start, end)])
            self.main.pane.scroll_to_offset(start)
        else:
            self.main.reader.show(item.article_id, (start, end))
