"""The reading pane: the open article as styled text, never as markup.

Titles and bodies come from the network; they are put into `rich.text.Text` objects with
spans, so `[b]` or `[link=...]` in an article shows as written.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from storage import Article
from storage.clean import strip_controls
from tui.dates import long_date


class ReadingPane(VerticalScroll, can_focus=True):
    """Title, facts line and paragraphs of one article."""

    BINDINGS = [
        Binding("space", "page_down", "Page down", show=False, id="pane.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="pane.page_up"),
    ]

    DEFAULT_CSS = """
    ReadingPane {
        padding: 0 2;
        background: $surface;
    }
    ReadingPane > #article-body { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self._body = Static(Text("No article open.", style="dim"), id="article-body")

    def compose(self):  # type: ignore[no-untyped-def]
        yield self._body

    def show(self, article: Article | None) -> None:
        """Draw an article (or the empty state) and scroll to its top."""
        self.article = article
        self._body.update(render_article(article) if article else Text("No article open.", style="dim"))
        self.scroll_home(animate=False)


def render_article(article: Article) -> Text:
    """The article as one Text: title, facts, URL, paragraphs, related links."""
    text = Text()
    text.append(strip_controls(article.title), style="bold")
    text.append("\n")
    facts = [article.feed, long_date(article.published), article.author or ""]
    text.append(" · ".join(strip_controls(f) for f in facts if f), style="dim")
    if article.url:
        text.append("\n")
        text.append(strip_controls(article.url), style="dim underline")
    text.append("\n\n")
    text.append(strip_controls(article.text))
    if article.related:
        text.append("\n\nRelated\n", style="bold")
        for link in article.related:
            text.append("• " + strip_controls(link.title), style="italic")
            if link.url:
                text.append("  " + strip_controls(link.url), style="dim")
            text.append("\n")
    return text
