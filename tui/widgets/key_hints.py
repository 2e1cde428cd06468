"""One line of key hints at the foot of the screen, as newsboat shows them.

Textual's Footer builds a widget per key and rebuilds them all whenever focus moves; with a
dozen keys that was 0.6 s of the first paint. This draws the same hints (after any
remapping from the config) as one Text in one widget.
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyHints(Static):
    """The shown bindings in force for the focused widget: key, then what it does."""

    DEFAULT_CSS = """
    KeyHints {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.show_hints)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.show_hints()

    def show_hints(self) -> None:
        hints = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        palette = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action == "app.command_palette" or binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = binding
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            hints.append(self.app.get_key_display(binding), style="bold" if enabled else "dim")
            hints.append(f" {binding.description}  ", style="" if enabled else "dim")
        if palette is not None:
            hints.append(f"{self.app.get_key_display(palette)} palette", style="bold")
        self.update(hints)
