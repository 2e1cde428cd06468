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
        color: $reader-text;
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

    def on_resize(self) -> None:
        self.show_hints()

    def show_hints(self) -> None:
        """As many whole hints as fit the line (never a cut one), help and palette last."""
        hints: list[Text] = []
        tail: list[Text] = []
        seen: set[str] = set()
        muted = self.app.theme_variables.get("reader-muted") or ""
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action == "app.command_palette" or binding.key == self.app.COMMAND_PALETTE_BINDING:
                tail.append(Text.assemble((self.app.get_key_display(binding), "bold"), " palette"))
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            hint = Text.assemble(
                (self.app.get_key_display(binding), "bold" if enabled else muted),
                (f" {binding.description}", "" if enabled else muted),
            )
            if binding.action == "help":
                tail.insert(0, hint)
            else:
                hints.append(hint)
        width = max(0, self.size.width - 2) or 80
        room = width - sum(h.cell_len + 2 for h in tail)
        line = Text(no_wrap=True, overflow="crop")
        for hint in hints:
            if hint.cell_len + 2 > room:
                continue
            room -= hint.cell_len + 2
            line.append_text(hint)
            line.append("  ")
        for hint in tail:
            line.append_text(hint)
            line.append("  ")
        line.rstrip()
        self.update(line)
