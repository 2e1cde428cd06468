"""The sidebar: the open article's timeline above its entities.

Both lists are short (one article's dates and names): ItemLists of Text items, refilled
for each article without a layout pass. Names and snippets come from the article, so
they are Text, never markup.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from tidings.tui.widgets.item_list import ItemList, Title

from tidings.storage import MentionRow, TimelineRow
from tidings.tui.dates import timeline_date, timeline_sort_key
from tidings.tui.themes import ENTITY_GROUPS, ThemeFile
from tidings.tui.widgets.reading_pane import visible
from tidings.tui.widgets.story_widgets import StoryTimelineList

Span = tuple[int, int]
SNIPPET = 80


@dataclass(frozen=True)
class EntityEntry:
    name: str
    label: str
    spans: list[Span]  # mentions in the body, in text order


def timeline_prompt(row: TimelineRow, palette: ThemeFile | None, on_publication: bool) -> Text:
    """'last week → week of 17 Feb' over the words around the phrase in its sentence, so two
    items from one sentence still read differently; the publication day is marked."""
    colours = palette.timeline if palette else {}
    text = Text()
    phrase = " ".join(visible(row.expression).split())
    date = timeline_date(row.date, row.precision)
    if phrase.casefold() != date.casefold():
        text.append(phrase, Style(bold=True))
        text.append(" → ")
    date_style = Style(color=colours.get("today" if on_publication else "date") or None, bold=True)
    text.append(date, date_style)
    if on_publication:
        text.append(" ◆ published", date_style)
    snippet = context_snippet(row)
    if snippet:
        text.append("\n" + snippet, Style(dim=True))
    return text


def context_snippet(row: TimelineRow, width: int = SNIPPET) -> str:
    """The sentence around the phrase, cut to about `width` characters on word boundaries."""
    sentence = visible(row.sentence or "")
    at = row.start - row.sentence_start
    if not sentence or not 0 <= at <= len(sentence):
        return " ".join(sentence.split())[:width]
    before, after = sentence[:at], sentence[at:]
    words_before, words_after = before.split(), after.split()
    shown_before: list[str] = []
    shown_after: list[str] = []
    room = width
    for word in words_after:  # the phrase and what follows it first, then what leads to it
        if len(word) + 1 > room and shown_after:
            break
        shown_after.append(word)
        room -= len(word) + 1
        if room < width // 2:
            break
    for word in reversed(words_before):
        if len(word) + 1 > room:
            break
        shown_before.insert(0, word)
        room -= len(word) + 1
    snippet = " ".join(shown_before + shown_after)
    if len(shown_before) < len(words_before):
        snippet = "…" + snippet
    if len(shown_after) < len(words_after):
        snippet += "…"
    return snippet


def entity_entries(mentions: list[MentionRow]) -> list[EntityEntry]:
    """One entry per entity, most mentioned first (title mentions count, body ones are marked)."""
    counts: Counter[tuple[str, str]] = Counter((m.canonical, m.label) for m in mentions)
    spans: dict[tuple[str, str], list[Span]] = {}
    for m in mentions:
        if m.field == "text":
            spans.setdefault((m.canonical, m.label), []).append((m.start, m.end))
    ordered = sorted(counts, key=lambda key: (-counts[key], key[0]))
    return [EntityEntry(name, label, spans.get((name, label), [])) for name, label in ordered]


def publication_marker(day: str, palette: ThemeFile | None) -> Text:
    """The row that says where the story's own "today" falls among its dates."""
    colour = (palette.timeline.get("today") if palette else None) or None
    return Text(f"◆ {timeline_date(day, 'day')} · published", Style(color=colour, bold=True))


class TimelineList(ItemList):
    """The article's dated items in chronological order, with the publication date marked."""

    @dataclass
    class Chosen(Message):
        row: TimelineRow

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[TimelineRow | None] = []  # None: the publication marker

    def show(self, rows: list[TimelineRow], published: str | None, palette: ThemeFile | None) -> None:
        """Items in date order, with a disabled marker row where the publication date falls."""
        day = (published or "")[:10]
        ordered = sorted(rows, key=lambda r: (timeline_sort_key(r.date, r.precision), r.start))
        self.rows = []
        items: list[Text] = []
        # One "published" row: an item dated on the publication day says so itself.
        on_the_day = any(r.precision == "day" and r.date == day for r in ordered)
        for row in ordered:
            if day and not on_the_day and None not in self.rows and timeline_sort_key(row.date, row.precision) > day:
                self.rows.append(None)
                items.append(publication_marker(day, palette))
            self.rows.append(row)
            items.append(timeline_prompt(row, palette, row.precision == "day" and row.date == day))
        if day and ordered and not on_the_day and None not in self.rows:
            self.rows.append(None)
            items.append(publication_marker(day, palette))
        self.set_items(items, disabled={i for i, row in enumerate(self.rows) if row is None})

    def on_item_list_item_chosen(self, event: ItemList.ItemChosen) -> None:
        event.stop()
        row = self.rows[event.index]
        if row is not None:
            self.post_message(self.Chosen(row))


class EntityList(ItemList):
    """The article's entities with their type colour and mention count."""

    BINDINGS = [
        Binding("f", "find_articles", "Articles mentioning this entity", id="entities.find"),
    ]

    @dataclass
    class Chosen(Message):
        entry: EntityEntry

    @dataclass
    class FindArticles(Message):
        entry: EntityEntry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[EntityEntry] = []

    def show(self, mentions: list[MentionRow], palette: ThemeFile | None) -> None:
        self.entries = entity_entries(mentions)
        counts = Counter((m.canonical, m.label) for m in mentions)
        items = []
        for entry in self.entries:
            colour = (palette.entity_colour(entry.label) if palette else "") or None
            item = Text("● " + visible(entry.name), Style(color=colour))
            kind = ENTITY_GROUPS.get(entry.label, "OTHER").lower()
            item.append(f"  {kind} · {counts[(entry.name, entry.label)]}", Style(dim=True))
            items.append(item)
        self.set_items(items)

    def on_item_list_item_chosen(self, event: ItemList.ItemChosen) -> None:
        event.stop()
        self.post_message(self.Chosen(self.entries[event.index]))

    def action_find_articles(self) -> None:
        if self.highlighted is not None and self.entries:
            self.post_message(self.FindArticles(self.entries[self.highlighted]))


class Sidebar(Vertical):
    """Timeline above entities, for the article in the pane."""

    DEFAULT_CSS = """
    Sidebar { background: $surface; }
    Sidebar > Title { padding: 0 1; background: $panel; color: $reader-muted; text-style: bold; }
    Sidebar > ItemList { height: 1fr; padding: 0 1; }
    Sidebar > StoryTimelineList { display: none; }
    Sidebar.-story > StoryTimelineList { display: block; }
    Sidebar.-story > TimelineList { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Title("Timeline", id="timeline-title")
        yield TimelineList(id="timeline")
        yield StoryTimelineList(id="story-timeline")  # shown instead in story mode (T)
        yield Title("Entities", id="entities-title")
        yield EntityList(id="entities")

    def show(
        self,
        mentions: list[MentionRow],
        timeline: list[TimelineRow],
        published: str | None,
        palette: ThemeFile | None,
        pending: bool = False,
    ) -> None:
        """Fill both lists; `pending` says the enricher has not reached this article yet."""
        waiting = " (pending…)" if pending else ""
        self.query_one("#timeline-title", Title).set_text(f"Timeline · {len(timeline)}{waiting}")
        self.query_one("#entities-title", Title).set_text(
            f"Entities · {len(entity_entries(mentions))}{waiting}"
        )
        self.query_one(TimelineList).show(timeline, published, palette)
        self.query_one(EntityList).show(mentions, palette)
