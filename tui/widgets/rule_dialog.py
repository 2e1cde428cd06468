"""A rule from the open article in two keys: `X`, then what to hide: this feed, this
author, or a word (the selected text, else typed in)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tidings.tui.widgets.dialog import Dialog
from tidings.tui.widgets.reading_pane import visible


@dataclass(frozen=True)
class RuleChoice:
    kind: str  # "feed", "author" or "word"


class RuleDialog(Dialog[RuleChoice | None]):
    BINDINGS = [
        Binding("f", "choose('feed')", "This feed", id="rule.feed"),
        Binding("a", "choose('author')", "This author", id="rule.author"),
        Binding("w", "choose('word')", "A word", id="rule.word"),
        Binding("escape", "close", "Cancel", id="rule.cancel"),
    ]

    def __init__(self, feed: str, author: str | None, word: str | None) -> None:
        super().__init__()
        self.feed = feed
        self.author = author
        self.word = word

    def body(self) -> ComposeResult:
        lines = Text("Hide new articles like this one (a rule):\n", style="bold")
        lines.append(f"\n f  from the feed {visible(self.feed)}")
        if self.author:
            lines.append(f"\n a  by {visible(self.author)}")
        word = f"containing {visible(self.word)!r}" if self.word else "containing a word"
        lines.append(f"\n w  {word}")
        yield Static(lines)
        yield Static(Text("escape: cancel   tidings rule remove NAME undoes a rule"),
                     classes="keys")

    def action_choose(self, kind: str) -> None:
        if kind == "author" and not self.author:
            self.notify("This article names no author", severity="warning")
            return
        self.dismiss(RuleChoice(kind))
