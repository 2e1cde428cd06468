"""An entity's page: the articles that mention it (newest first), the timeline of those
articles (dated items whose sentence mentions it, in date order), the entities it appears
with most often in them, and its activity over time.

Everything is read in one thread worker, which posts `EntityLoaded`. Choosing an article or a
timeline item answers an `EntityChoice` (the app opens the article, scrolled to the
sentence); choosing a co-mentioned entity opens that entity's page in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Sparkline

from tidings.storage import ArticleSummary, Library
from tidings.storage.enrichment import RECENT
from tidings.tui.dates import short_date, timeline_date
from tidings.tui.themes import ThemeFile
from tidings.tui.widgets.entity_browser import entity_item
from tidings.tui.widgets.item_list import ItemList, Title
from tidings.tui.widgets.reading_pane import visible
from tidings.tui.workers import WorkerErrors

ARTICLES = 200  # article rows drawn on the page (the count says how many there are)
SNIPPET = 90


@dataclass(frozen=True)
class EntityChoice:
    """Open this article (in the list of articles mentioning `entity_id`), marking a span."""

    entity_id: int
    entity_name: str
    article_id: int
    span: tuple[int, int] | None = None


@dataclass
class EntityData:
    entity: dict[str, Any]
    article_count: int
    articles: list[ArticleSummary]  # the newest ARTICLES
    timeline: list[dict[str, Any]]  # from those articles
    co_mentioned: list[dict[str, Any]]  # in those articles
    # Articles mentioning it per day or week ("day"/"week", first bucket's date, counts).
    activity: tuple[str, str | None, list[int]] = ("day", None, [])


@dataclass
class EntityLoaded(Message):
    entity_id: int
    data: EntityData | None


def load_entity(library: Library, entity_id: int) -> EntityData | None:
    entity = library.entity(entity_id)
    if entity is None:
        return None
    ids = library.entity_article_ids(entity_id, limit=ARTICLES)
    summaries = library.summaries(ids)
    return EntityData(
        entity,
        library.entity_article_count(entity_id),
        [summaries[i] for i in ids if i in summaries],
        library.entity_timeline(entity_id, article_ids=ids),
        library.co_mentioned(entity_id, limit=10, article_ids=ids),
        library.mentions_over_time(entity_id, bounded=True),
    )


def activity_caption(unit: str, first: str | None, counts: list[int]) -> str:
    """What the sparkline shows: "Articles per week since 3 Feb 2025 · peak 4"."""
    if not counts or first is None:
        return "Articles over time · no dated articles"
    start = date.fromisoformat(first)
    return f"Articles per {unit} since {start.day} {start:%b %Y} · peak {max(counts)}"


def article_item(summary: ArticleSummary) -> Text:
    text = Text(short_date(summary.published).rjust(9) + " ", Style(dim=True))
    text.append(visible(summary.title), Style(bold=not summary.read))
    text.append("  " + visible(summary.feed), Style(dim=True))
    return text


def timeline_item(row: dict[str, Any]) -> Text:
    text = Text(timeline_date(row["date"], row["precision"]), Style(bold=True))
    text.append("  " + visible(row["title"]), Style(italic=True, dim=True))
    snippet = " ".join(visible(row["sentence"] or row["expression"]).split())
    if len(snippet) > SNIPPET:
        snippet = snippet[: SNIPPET - 1] + "…"
    text.append("\n" + snippet)
    return text


class EntityPage(WorkerErrors, Screen[EntityChoice | None]):
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="entity_page.close"),
        Binding("tab", "app.focus_next", "Next list", show=False, id="entity_page.next"),
        Binding("shift+tab", "app.focus_previous", "Previous list", show=False,
                id="entity_page.previous"),
    ]

    DEFAULT_CSS = """
    EntityPage { background: $surface; }
    EntityPage > #entity-heading { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    EntityPage Horizontal { height: 1fr; }
    EntityPage Vertical { width: 1fr; border-right: solid $reader-line; }
    EntityPage #with-column { width: 28%; max-width: 36; border-right: none; }
    EntityPage Vertical > Title { padding: 0 1; color: $reader-muted; text-style: bold; }
    EntityPage ItemList { height: 1fr; padding: 0 1; }
    EntityPage #activity { height: 3; margin: 0 1 1 1; }
    EntityPage #activity-title { color: $reader-muted; }
    """

    def __init__(self, library: Library, entity_id: int, palette: ThemeFile | None) -> None:
        super().__init__()
        self.library = library
        self.entity_id = entity_id
        self.palette = palette
        self.data: EntityData | None = None

    def compose(self) -> ComposeResult:
        yield Title("loading…", id="entity-heading")
        with Horizontal():
            with Vertical():
                yield Title("Articles", id="articles-title")
                yield ItemList(id="entity-articles")
            with Vertical():
                yield Title("Mentions over time", id="activity-title")
                yield Sparkline([], id="activity")
                yield Title("Timeline", id="timeline-title")
                yield ItemList(id="entity-timeline")
            with Vertical(id="with-column"):
                yield Title("Often with", id="with-title")
                yield ItemList(id="entity-with")

    def on_mount(self) -> None:
        self.query_one("#entity-articles", ItemList).focus()
        self._load(self.entity_id)

    @work(thread=True, exit_on_error=False, group="entity-page", exclusive=True)
    def _load(self, entity_id: int) -> None:
        self.post_message(EntityLoaded(entity_id, load_entity(self.library.for_thread(), entity_id)))

    def on_entity_loaded(self, message: EntityLoaded) -> None:
        entity_id, data = message.entity_id, message.data
        if entity_id != self.entity_id:
            return  # the user went on to another entity
        self.data = data
        if data is None:
            self.query_one("#entity-heading", Title).set_text("This entity is no longer in the library")
            return
        entity = data.entity
        count = data.article_count
        self.query_one("#entity-heading", Title).set_text(
            f"{visible(entity['name'])} · {entity['type']} · "
            f"{count:,} article{'s' if count != 1 else ''}"
        )
        shown = f" (newest {len(data.articles)})" if count > len(data.articles) else ""
        self.query_one("#articles-title", Title).set_text(f"Articles · {count:,}{shown}")
        among = f" (from the newest {len(data.articles)})" if shown else ""
        self.query_one("#timeline-title", Title).set_text(f"Timeline · {len(data.timeline)}{among}")
        recent = f" (its newest {RECENT:,} articles)" if count > RECENT else ""
        unit, first, counts = data.activity
        self.query_one("#activity", Sparkline).data = counts
        self.query_one("#activity-title", Title).set_text(activity_caption(unit, first, counts) + recent)
        self.query_one("#with-title", Title).set_text(f"Often with · {len(data.co_mentioned)}{among}")
        self.query_one("#entity-articles", ItemList).set_items([article_item(s) for s in data.articles])
        self.query_one("#entity-timeline", ItemList).set_items([timeline_item(r) for r in data.timeline])
        self.query_one("#entity-with", ItemList).set_items(
            [entity_item(r, self.palette, "articles") for r in data.co_mentioned]
        )

    def on_item_list_item_chosen(self, event: ItemList.ItemChosen) -> None:
        event.stop()
        data = self.data
        if data is None:
            return
        name = data.entity["name"]
        which = event.item_list.id
        if which == "entity-articles":
            self.dismiss(EntityChoice(self.entity_id, name, data.articles[event.index].id))
        elif which == "entity-timeline":
            row = data.timeline[event.index]
            start = row["sentence_start"]
            end = start + len(row["sentence"] or "")
            if end <= start:
                start, end = row["start"], row["start"] + len(row["expression"])
            self.dismiss(EntityChoice(self.entity_id, name, row["article_id"], (start, end)))
        elif which == "entity-with":
            self.entity_id = int(data.co_mentioned[event.index]["id"])
            self.data = None
            self.query_one("#entity-heading", Title).set_text("loading…")
            self._load(self.entity_id)

    def action_close(self) -> None:
        self.dismiss(None)
