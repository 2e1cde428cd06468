"""The reading pane: the open article as styled text, never as markup.

Titles and bodies come from the network; they go into `rich.text.Text` with spans, so `[b]`
or `[link=...]` in an article shows as written. The pane draws with the line API: it wraps
the text itself and keeps each line's character offset, so a timeline item, an entity
mention or an annotation (all character offsets into the body) maps straight to a line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rich._wrap import divide_line
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from tidings.storage import Annotation, Article, MentionRow, TimelineRow
from tidings.storage.enrichment import ANALYSED_CHARS, analysed_part
from tidings.tui.dates import long_date
from tidings.tui.sentences import sentence_spans, word_spans
from tidings.tui.search import Highlighter
from tidings.tui.themes import ThemeFile
from tidings.tui.widgets.muted import muted_style, undim
from tidings.tui.widgets.scrolling import LazyStrips, PrewrappedView, set_virtual_size

Span = tuple[int, int]
_CONTROLS = {c: "\ufffd" for c in [*range(0, 9), *range(11, 32), 127, *range(128, 160)]}


def visible(text: str) -> str:
    """Text with control characters replaced one for one (offsets stay valid), tabs as spaces."""
    return text.translate(_CONTROLS).replace("\t", " ")


@dataclass
class Marks:
    """What the pane paints over the text, as body offsets."""

    mentions: list[MentionRow] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    marked: list[Span] = field(default_factory=list)  # a chosen timeline item or entity
    selection: Span | None = None
    show_entities: bool = True


class ReadingPane(PrewrappedView, can_focus=True):
    """Title, facts, URL, paragraphs and related links of one article."""

    BINDINGS = [
        Binding("space", "page_down", "Page down/next unread", id="pane.page_down"),
        Binding("b", "page_up", "Page up", id="pane.page_up"),
        Binding("down", "scroll_down", "Scroll down", show=False, id="pane.scroll_down"),
        Binding("up", "scroll_up", "Scroll up", show=False, id="pane.scroll_up"),
        Binding("right", "select('sentence', 1)", "Select next sentence", show=False,
                id="pane.select_next"),
        Binding("left", "select('sentence', -1)", "Select previous sentence", show=False,
                id="pane.select_previous"),
        Binding("ctrl+right", "select('word', 1)", "Select next word", show=False,
                id="pane.select_next_word"),
        Binding("ctrl+left", "select('word', -1)", "Select previous word", show=False,
                id="pane.select_previous_word"),
        Binding("shift+right", "extend('sentence', 1)", "Extend selection by a sentence",
                show=False, id="pane.extend_next"),
        Binding("shift+left", "extend('sentence', -1)", "Extend selection back a sentence",
                show=False, id="pane.extend_previous"),
        Binding("ctrl+shift+right", "extend('word', 1)", "Extend selection by a word",
                show=False, id="pane.extend_next_word"),
        Binding("ctrl+shift+left", "extend('word', -1)", "Extend selection back a word",
                show=False, id="pane.extend_previous_word"),
        Binding("escape", "clear_selection", "Clear selection", show=False, id="pane.clear"),
        Binding("q", "back", "Back to the list", id="pane.back"),
        Binding("h", "highlight", "Highlight selection", id="pane.highlight"),
        Binding("a", "annotate", "Highlight with a note", id="pane.annotate"),
    ]

    COMPONENT_CLASSES = {
        "reading-pane--title",
        "reading-pane--meta",
        "reading-pane--selection",
        "reading-pane--marked",
        "reading-pane--empty",
        "reading-pane--found",
    }

    DEFAULT_CSS = """
    ReadingPane {
        padding: 0 2;
        background: $surface;
        color: $reader-text;
        scrollbar-gutter: stable;
    }
    ReadingPane > .reading-pane--title { text-style: bold; color: $reader-text; }
    ReadingPane > .reading-pane--meta { color: $reader-muted; }
    ReadingPane > .reading-pane--selection { background: $reader-cursor; color: $reader-cursor-text; }
    ReadingPane > .reading-pane--marked { text-style: underline reverse; }
    ReadingPane > .reading-pane--empty { color: $reader-muted; }
    ReadingPane > .reading-pane--found { text-style: bold underline reverse; }
    """

    @dataclass
    class Back(Message):
        """q in the pane: back to the list (q in the list quits)."""

    @dataclass
    class Scrolled(Message):
        """The pane moved; `at_end`: the article's last line is on screen."""

        at_end: bool

    @dataclass
    class AtEnd(Message):
        """Space pressed with the end of the article already on screen."""

    @dataclass
    class HighlightRequested(Message):
        """The user asked to highlight body[start:end], with a note editor if `with_note`."""

        article_id: int
        start: int
        end: int
        with_note: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.marks = Marks()
        self.palette: ThemeFile | None = None
        self.timeline: list[TimelineRow] = []
        self.highlighter: Highlighter | None = None  # the search's words, marked in the text
        self.appendix: Text | None = None  # related articles and other sources, at the end
        self.links: list[str] = []  # the addresses the text's [n] marks point to
        self._plain = ""
        self.full_length = 0  # the open article's length, when the pane shows only its start
        self._body_start = 0
        self._line_starts: list[int] = []
        self._sentences: list[Span] = []
        self._words: list[Span] = []
        self._resume: int | None = None  # where → goes on after a highlight

    # -- content -----------------------------------------------------------------------

    def show(
        self,
        article: Article | None,
        mentions: list[MentionRow] | None = None,
        timeline: list[TimelineRow] | None = None,
    ) -> None:
        """Draw an article (or the empty state) from its top, with what is stored about it.

        A very long article shows its analysed part and says so at the end."""
        self.full_length = len(article.text) if article else 0
        if article is not None and len(article.text) > ANALYSED_CHARS:
            article = replace(article, text=analysed_part(article.text))
        self.article = article
        self.appendix = None
        self._resume = None
        self.timeline = timeline or []
        self.marks = Marks(
            mentions=mentions or [],
            annotations=article.annotations if article else [],
            show_entities=self.marks.show_entities,
        )
        body = visible(article.text) if article else ""
        self._sentences = sentence_spans(body)
        self._words = word_spans(body)
        self._relayout()
        self.scroll_to(y=0, animate=False)

    def set_enrichment(self, mentions: list[MentionRow], timeline: list[TimelineRow]) -> None:
        """New entities and timeline for the open article; the reader keeps their place."""
        self.timeline = timeline
        self._keeping_place(lambda: self.update_marks(mentions=mentions))

    def set_appendix(self, appendix: Text | None) -> None:
        """What follows the article (other sources, related articles); the place is kept."""
        if appendix is None and self.appendix is None:
            return  # nothing to take away: a newly shown article has none (no second layout)
        self.appendix = appendix

        def relayout() -> None:
            self._relayout()

        self._keeping_place(relayout)

    def _keeping_place(self, change: Callable[[], None]) -> None:
        top = self.scroll_y
        change()
        self.scroll_to(y=top, animate=False)

    def update_marks(self, **changes: object) -> None:
        """Change what is painted (mentions, annotations, marked, selection) and redraw."""
        for name, value in changes.items():
            setattr(self.marks, name, value)
        self._relayout()

    def _document(self) -> Text:
        """The article as one Text: every style is a span over plain text."""
        article = self.article
        if article is None:
            return Text("No article open.", style=self.get_component_rich_style("reading-pane--empty"))
        meta = self.get_component_rich_style("reading-pane--meta", partial=True)
        title_style = self.get_component_rich_style("reading-pane--title", partial=True)
        text = Text()
        text.append(visible(article.title), title_style)
        when = long_date(article.published) or (
            f"fetched {long_date(article.fetched)} (the feed gives no date)" if article.fetched else ""
        )
        facts = [article.feed, when, article.author or ""]
        text.append("\n" + " · ".join(visible(f) for f in facts if f), meta)
        if article.url:  # one line, never broken inside the address (o opens it whole)
            text.append("\n" + short_url(visible(article.url), self._width), meta + Style(underline=True))
        text.append("\n\n")
        self._body_start = len(text)
        body = visible(article.text)
        text.append(body)
        _structure(text, body, self._body_start, title_style, meta)
        if self.full_length > len(article.text):
            size = f"{self.full_length:,} characters"
            text.append(
                f"\n\n[Long article: {size}. The pane shows, and the entities and timeline "
                f"cover, the first {len(article.text):,}. o opens it in a browser; "
                f"`tidings show {article.id}` prints all of it.]",
                meta + Style(italic=True),
            )
        self.links = article.links or _links_of(article.html)
        if self.links:
            text.append("\n\nLinks", Style(bold=True))
            text.append("  (o and the number opens one)", Style(dim=True))
            for number, url in enumerate(self.links, 1):
                text.append(f"\n[{number}]: ", Style(bold=True))
                text.append(visible(url), meta)
        if article.related:
            text.append("\n\nRelated", Style(bold=True))
            for link in article.related:
                text.append("\n• " + visible(link.title), Style(italic=True))
                if link.url:
                    text.append("  " + visible(link.url), meta)
        if article.enclosures:
            text.append("\n\nEnclosures", Style(bold=True))
            text.append("  (p plays the first; tidings download ID saves one)", meta)
            for number, enclosure in enumerate(article.enclosures, 1):
                size = f"  {enclosure.length / 2**20:.1f} MB" if enclosure.length else ""
                kind = f"  {visible(enclosure.type)}" if enclosure.type else ""
                text.append(f"\n{number}. " + visible(enclosure.url))
                text.append(kind + size, meta)
        if self.appendix:
            text.append("\n\n")
            text.append(self.appendix)
        self._paint(text)
        return text

    def _paint(self, text: Text) -> None:
        palette, marks, body = self.palette, self.marks, self._body_start
        if palette and marks.show_entities:
            for mention in marks.mentions:
                colour = palette.entity_colour(mention.label)
                if colour:
                    at = body if mention.field == "text" else 0
                    text.stylize(Style(color=colour), at + mention.start, at + mention.end)
        for note in marks.annotations:
            if not note.orphaned:
                colour = palette.highlight_colour(note.colour) if palette else "yellow"
                style = Style(bgcolor=colour, underline=bool(note.note))
                text.stylize(style, body + note.start, body + note.end)
        if self.highlighter is not None:
            found = self.get_component_rich_style("reading-pane--found", partial=True)
            for start, end in self.highlighter.spans(text.plain):
                text.stylize(found, start, end)
        marked = self.get_component_rich_style("reading-pane--marked", partial=True)
        for start, end in marks.marked:
            text.stylize(marked, body + start, body + end)
        if marks.selection:
            selection = self.get_component_rich_style("reading-pane--selection", partial=True)
            text.stylize(selection, body + marks.selection[0], body + marks.selection[1])

    # -- layout and drawing ------------------------------------------------------------

    def _relayout(self) -> None:
        """Wrap the document to the pane's width and keep each line's start offset."""
        width = max(1, self.scrollable_content_region.width or self.size.width or 80)
        self._width = width
        text = self._document()
        self._plain = plain = text.plain
        starts: list[int] = []
        indents: list[int] = []
        position = 0
        for paragraph in plain.split("\n"):
            # List items, quotes, numbered links and related links wrap under their text,
            # not under their marker.
            indent = min(_hanging_indent(paragraph), width // 3)
            starts.append(position)
            indents.append(0)
            cuts = divide_line(paragraph, max(1, width - indent), fold=True)
            starts.extend(position + cut for cut in cuts)
            indents.extend(indent for _cut in cuts)
            position += len(paragraph) + 1
        self._line_starts = starts
        lines = text.divide(starts[1:])
        console = self.app.console
        base = self.rich_style
        muted = muted_style(self.app)
        pieces = list(zip(indents, lines))

        def draw(index: int) -> Strip:
            indent, line = pieces[index]
            segments = undim(_no_newline(line).render(console), muted)
            return (
                Strip([Segment(" " * indent)] * bool(indent) + segments)
                .apply_style(base)
                .crop(0, width)
                .adjust_cell_length(width, base)
            )

        self._strips = LazyStrips(draw, len(pieces))
        set_virtual_size(self, Size(width, len(self._strips)))
        self.refresh()


    @property
    def text_lines(self) -> list[str]:
        """The wrapped lines as plain text (what the pane shows, all of it)."""
        ends = self._line_starts[1:] + [len(self._plain)]
        return [self._plain[s:e].rstrip("\n") for s, e in zip(self._line_starts, ends)]

    def line_of(self, body_offset: int) -> int:
        """The index of the wrapped line holding a body offset."""
        return max(0, bisect_right(self._line_starts, self._body_start + body_offset) - 1)

    def scroll_to_offset(self, body_offset: int) -> None:
        """Bring the line holding a body offset near the top of the pane."""
        self.scroll_to(y=max(0, self.line_of(body_offset) - 2), animate=False)

    # -- paging ------------------------------------------------------------------------

    @property
    def at_end(self) -> bool:
        return self.scroll_y >= self.max_scroll_y

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.article is not None:
            self.post_message(self.Scrolled(self.at_end))

    def action_page_down(self) -> None:
        if self.scroll_y >= self.max_scroll_y:
            self.post_message(self.AtEnd())
        else:
            self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)

    # -- selection ---------------------------------------------------------------------

    def _units(self, unit: str) -> list[Span]:
        return self._words if unit == "word" else self._sentences

    def _first_visible(self) -> int:
        """The body offset of the first line on screen."""
        top = min(int(self.scroll_y), max(0, len(self._line_starts) - 1))
        return max(0, self._line_starts[top] - self._body_start) if self._line_starts else 0

    def action_select(self, unit: str, step: int) -> None:
        """Select the next (step 1) or previous (-1) sentence or word."""
        units = self._units(unit)
        if not units:
            return
        current = self.marks.selection
        if current is None:
            at = self._first_visible()
            if self._resume is not None and self._on_screen(self._resume):
                at = self._resume  # after a highlight: the sentence after the highlighted one
            chosen = next((u for u in units if u[0] >= at), units[-1])
        elif step > 0:
            chosen = next((u for u in units if u[0] >= current[1]), units[-1])
        else:
            chosen = next((u for u in reversed(units) if u[1] <= current[0]), units[0])
        self._set_selection(chosen)

    def _on_screen(self, body_offset: int) -> bool:
        line = self.line_of(body_offset)
        return self.scroll_y <= line < self.scroll_y + max(1, self.scrollable_content_region.height)

    def selection_used(self) -> None:
        """The selection was highlighted: clear it, and let → go on from where it ended."""
        if self.marks.selection is not None:
            self._resume = self.marks.selection[1]
        self.update_marks(selection=None)

    def action_extend(self, unit: str, step: int) -> None:
        """Grow the selection by one sentence or word forward (1) or back (-1)."""
        current = self.marks.selection
        if current is None:
            self.action_select(unit, step)
            return
        units = self._units(unit)
        start, end = current
        if step > 0:
            end = next((u[1] for u in units if u[1] > end), end)
        else:
            start = next((u[0] for u in reversed(units) if u[0] < start), start)
        self._set_selection((start, end))

    def _set_selection(self, span: Span) -> None:
        self.update_marks(selection=span)
        line = self.line_of(span[0])
        end_line = self.line_of(span[1])
        height = self.scrollable_content_region.height
        if line < self.scroll_y or end_line >= self.scroll_y + height:
            self.scroll_to(y=max(0, line - 2), animate=False)

    @property
    def selected_text(self) -> str:
        if self.article is None or self.marks.selection is None:
            return ""
        start, end = self.marks.selection
        return self.article.text[start:end]

    def action_clear_selection(self) -> None:
        self.update_marks(selection=None, marked=[])

    def action_back(self) -> None:
        self.post_message(self.Back())

    def action_highlight(self) -> None:
        self._request(with_note=False)

    def action_annotate(self) -> None:
        self._request(with_note=True)

    def _request(self, *, with_note: bool) -> None:
        if self.article is None:
            return
        if self.marks.selection is None:
            self.notify("Select text first: → selects a sentence, shift+→ extends it")
            return
        start, end = self.marks.selection
        self.post_message(self.HighlightRequested(self.article.id, start, end, with_note))


_MARKER = re.compile(r"^(?:(?:> )+|• |\d{1,3}\. |\[\d{1,4}\]: |## )")


def _links_of(html: str | None) -> list[str]:
    """The numbered links of a stored entry (lxml is imported only when there is HTML)."""
    if not html:
        return []
    from tidings.ingest.html import numbered_links

    return numbered_links(html)


def _hanging_indent(paragraph: str) -> int:
    """How far a paragraph's wrapped lines are indented: the width of its marker."""
    found = _MARKER.match(paragraph)
    return len(found.group(0)) if found else 0


def _structure(text: Text, body: str, at: int, heading: Style, quote: Style) -> None:
    """Headings (`## `) bold in the title's style; quoted paragraphs (`> `) in the muted
    colour; list markers and link numbers as they are."""
    position = 0
    for paragraph in body.split("\n"):
        start, end = at + position, at + position + len(paragraph)
        if paragraph.startswith("## "):
            text.stylize(heading, start, end)
        elif paragraph.startswith("> "):
            text.stylize(quote + Style(italic=True), start, end)
        position += len(paragraph) + 1


def short_url(url: str, width: int) -> str:
    """The address on one line of `width` cells: whole if it fits, else its start and end
    around an ellipsis (never broken in the middle of a word onto the next line)."""
    if len(url) <= width or width < 12:
        return url
    keep = width - 1
    head = keep * 2 // 3
    return url[:head] + "…" + url[len(url) - (keep - head) :]


def _no_newline(line: Text) -> Text:
    if line.plain.endswith("\n"):
        line.right_crop(1)
    return line
