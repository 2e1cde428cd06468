"""The article's annotations (`N`): jump to one, edit its note, change its colour, delete it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tidings.storage import Annotation
from tidings.tui.themes import ThemeFile
from tidings.tui.widgets.dialog import Dialog
from tidings.tui.widgets.muted import undim_text
from tidings.tui.widgets.reading_pane import visible

SNIPPET = 70


@dataclass(frozen=True)
class AnnotationChoice:
    """What the user asked for: 'jump', 'edit', 'colour' or 'delete', on one annotation."""

    action: str
    annotation: Annotation


def annotation_prompt(note: Annotation, palette: ThemeFile | None) -> Text:
    colour = palette.highlight_colour(note.colour) if palette else None
    quote = " ".join(visible(note.quote).split())
    if len(quote) > SNIPPET:
        quote = quote[: SNIPPET - 1] + "…"
    text = Text()
    text.append("  ", Style(bgcolor=colour))  # the colour's swatch, not the whole row
    text.append(" " + quote)
    if note.note:
        text.append("\n   ✎ " + " ".join(visible(note.note).split()), Style(italic=True))
    if note.orphaned:
        text.append("  (text changed: not found)", Style(dim=True))
    return text


class AnnotationsScreen(Dialog[AnnotationChoice | None]):
    BINDINGS = [
        Binding("enter", "choose('jump')", "Jump to it", id="annotations.jump"),
        Binding("e", "choose('edit')", "Edit note", id="annotations.edit"),
        Binding("c", "choose('colour')", "Next colour", id="annotations.colour"),
        Binding("d,delete", "choose('delete')", "Delete", id="annotations.delete"),
        Binding("escape,N", "close", "Close", id="annotations.close"),
    ]


    def __init__(
        self, notes: list[Annotation], palette: ThemeFile | None, highlighted: int = 0
    ) -> None:
        super().__init__()
        self.notes = notes
        self.palette = palette
        self.start_at = highlighted

    def body(self) -> ComposeResult:
        yield Static(Text(f"Annotations · {len(self.notes)}", style="bold"))
        yield OptionList(
            *(Option(undim_text(annotation_prompt(n, self.palette), self.app)) for n in self.notes)
        )
        yield Static(undim_text(Text(
            "enter jump · e edit note · c colour · d delete (u undoes) · escape close", style="dim"
        ), self.app))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.notes:
            options.highlighted = min(self.start_at, len(self.notes) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(AnnotationChoice("jump", self.notes[event.option_index]))

    def action_choose(self, action: str) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and self.notes:
            self.dismiss(AnnotationChoice(action, self.notes[index]))
