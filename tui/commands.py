"""The command palette (ctrl+p): every action the keys reach, plus one command per theme and view.

Commands are built from the bindings themselves, so a new binding appears here with no
extra work, and the palette shows each command's current keys. Titles are plain `Content`
(feed names come from the network and must not be read as markup).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.markup import escape  # Textual reads a hit's help as markup

if TYPE_CHECKING:
    from tidings.tui.app import TidingsApp

@dataclass(frozen=True)
class Command:
    title: str
    help: str
    callback: Callable[[], object]


# Bindings that only make sense as keys (moving a cursor), left out of the palette.
NOT_IN_PALETTE = {"app.focus_next", "app.focus_previous", "app.command_palette"}


def binding_commands(app: TidingsApp) -> Iterable[Command]:
    """One command per binding id, run in the widget that owns the binding."""
    seen: set[str] = set()
    for node in app.binding_owners():
        for _key, binding in node._bindings:
            key = binding.id or binding.action
            if key in seen or key in NOT_IN_PALETTE or not binding.description:
                continue
            seen.add(key)
            keys = app.keys_for(binding)
            yield Command(
                binding.description, f"key: {keys}", partial(_run, app, node, binding)
            )


def _run(app: TidingsApp, node: DOMNode, binding: Binding) -> None:
    app.run_worker(app.run_action(binding.action, node), exclusive=False)


def theme_commands(app: TidingsApp) -> Iterable[Command]:
    for name in sorted(app.theme_files):
        yield Command(f"Theme: {name}", "switch theme (saved)", partial(app.switch_theme, name))


def view_commands(app: TidingsApp) -> Iterable[Command]:
    for view in app.available_views():
        yield Command(f"Show: {view.name}", "change the list", partial(app.show_view, view))


def send_to_commands(app: TidingsApp) -> Iterable[Command]:
    """The config's "send to" commands, run on the open article."""
    for name, argv in app.config.send_to.items():
        yield Command(f"Send to: {name}", "the open article (config send_to)",
                      partial(app.main.feeds.send_to, name, argv))


def all_commands(app: TidingsApp) -> list[Command]:
    return [*binding_commands(app), *send_to_commands(app), *view_commands(app),
            *theme_commands(app)]


class TidingsCommands(Provider):
    """Every action, view and theme, found by fuzzy match on the title."""

    def _commands(self) -> list[Command]:
        app = self.app
        assert hasattr(app, "binding_owners")
        return all_commands(app)  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(Content(command.title), command.callback, help=escape(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score, Content(command.title), command.callback, help=escape(command.help)
                )
