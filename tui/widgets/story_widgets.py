"""Widgets for stories: the sidebar's story timeline and the related-articles chooser (`R`).

Titles and sentences come from articles: they are Text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tidings.storage import ArticleSummary
from tidings.tui.dates import short_date, timeline_date
from tidings.tui.widgets.dialog import Dialog
from tidings.tui.widgets.muted import undim_text
from tidings.tui.widgets.item_list import ItemList
from tidings.tui.widgets.reading_pane import visible

SNIPPET = 60
SOURCE = 28


@dataclass(frozen=True)
class StoryItem:
    """A dated item of the story's timeline and the article it comes from."""

    article_id: int
    title: str
    date: str
    precision: str
    sentence: str
    span: tuple[int, int]  # the sentence, as offsets into its article's text
    source: int  # 0: the open article; n: its n-th closest related article


def _cut(text: str, width: int) -> str:
    text = " ".join(visible(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


# What the [n] markers mean: the numbers of "Related in your library" at the end of the pane.
STORY_LEGEND = Text("[n]: related article n, listed at the end of the pane", Style(dim=True, italic=True))


def story_item_text(item: StoryItem) -> Text:
    text = Text(timeline_date(item.date, item.precision), Style(bold=True))
    if item.source == 0:
        text.append("  ◆ this article", Style(dim=True))
    else:
        text.append(f"  [{item.source}] " + _cut(item.title, SOURCE), Style(italic=True, dim=True))
    text.append("\n" + _cut(item.sentence, SNIPPET), Style(dim=True))
    return text


class StoryTimelineList(ItemList):
    """The story's timeline: the open article's dated items merged with its closest related
    articles', in date order, each marked with its source."""

    @dataclass
    class Chosen(Message):
        item: StoryItem

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story: list[StoryItem] = []

    def show_items(self, items: list[StoryItem], article_id: int | None) -> None:
        self.story = items
        shown = [story_item_text(item) for item in items]
        if any(item.source for item in items):  # the legend, last, so item n is story[n]
            self.set_items([*shown, STORY_LEGEND], disabled={len(shown)})
        else:
            self.set_items(shown)

    def on_item_list_item_chosen(self, event: ItemList.ItemChosen) -> None:
        event.stop()
        if event.index < len(self.story):
            self.post_message(self.Chosen(self.story[event.index]))


class RelatedChooser(Dialog[int | None]):
    """Related articles and other sources of the open one: enter opens the chosen one."""

    BINDINGS = [Binding("escape,R", "close", "Close", id="related.close")]


    def __init__(self, entries: list[tuple[int, ArticleSummary, list[str]]]) -> None:
        super().__init__()
        self.entries = entries

    def body(self) -> ComposeResult:
        options = []
        for _id, summary, shared in self.entries:
            text = Text(short_date(summary.published).rjust(9) + " ", Style(dim=True))
            text.append(visible(summary.title), Style(bold=not summary.read))
            text.append("  " + visible(summary.feed), Style(dim=True))
            if shared:
                text.append("\n          " + _cut(", ".join(shared[:5]), 76), Style(dim=True))
            options.append(Option(undim_text(text, self.app)))
        yield Static(Text("Related articles (enter opens)", style="bold"))
        yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.entries[event.option_index][0])
