"""The Tidings app: the library, the config, the themes, the keymap and the enricher.

What the user sees is the `MainScreen` (tui/main_screen.py) and the dialogs it opens. The
app keeps what outlives a screen: the open library, the settings, the themes, and the
`Enricher` thread, which it starts after the first paint and stops on the way out. It is
also where failed workers end up (`worker_failed`).
"""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker

from tidings.storage import Library
from tidings.tui import views
from tidings.tui.commands import TidingsCommands
from tidings.tui.config import Config, config_path, save_setting
from tidings.tui.main_screen import MainScreen, WritesChanged
from tidings.tui.paths import config_dir
from tidings.tui.themes import DEFAULT_THEME, ThemeFile, theme_files
from tidings.tui.views import View
from tidings.tui.widgets.sidebar import EntityList, TimelineList
from tidings.tui.workers import WorkerErrors
from tidings.tui.writer import ANNOTATION_WRITES, LibraryWriter, load_kept, pending_path

OPEN_DELAY = 0.05  # seconds the list cursor rests before the pane follows it
# The enricher's start (importing the NLP code, forking its worker) competes with the first
# paint for the CPU and the GIL: it waits this long after the first screen is out.
ENRICHER_START_DELAY = 0.5
# How often the app looks whether its terminal still exists (one ioctl).
TERMINAL_CHECK_SECONDS = 2.0
STYLES = Path(__file__).with_name("tidings.tcss")


@dataclass
class Enriched(Message):
    """The enricher stored entities and a timeline for an article."""

    article_id: int


@dataclass
class EnricherStarted(Message):
    enricher: Any


class TidingsApp(WorkerErrors, App[None]):
    """A terminal news reader."""

    TITLE = "Tidings"
    COMMANDS = {TidingsCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (160, "-wide")]
    CSS_PATH = STYLES

    def __init__(
        self,
        library: Library,
        *,
        config: Config | None = None,
        enrich: bool = True,
        notices: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.notices = list(notices or [])
        self.library = library
        self.config = config or Config()
        self.enrich = enrich
        self.enricher: Any = None
        self.worker_errors: list[str] = []
        self.writes = LibraryWriter(library, self._writes_changed)
        self.quit_when_written = False
        self.open_delay = OPEN_DELAY
        self.theme_files, self.theme_problems = theme_files(config_dir() / "themes")
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        # Themes are chosen before the first styling pass: switching after mount restyles
        # every widget, which cost a third of the first paint.
        for theme_file in self.theme_files.values():
            self.register_theme(theme_file.theme)
        wanted = self.config.theme
        if wanted not in self.theme_files:
            if wanted != DEFAULT_THEME:
                self.notices.append(f"unknown theme {wanted!r}; using {DEFAULT_THEME}")
            wanted = DEFAULT_THEME
        self.theme = wanted
        self.main = MainScreen(self._default_view())
        self._queue_kept()

    def get_default_screen(self) -> MainScreen:
        return self.main

    def on_mount(self) -> None:
        self.writes.start()
        for problem in self.notices + self.theme_problems:
            self.notify(problem, severity="warning", timeout=15, markup=False)
        if self.enrich:  # counted from the first frame, not from the mount
            self.call_after_refresh(self.set_timer, ENRICHER_START_DELAY, self._start_enricher)
        if not self.is_headless and sys.__stdin__ is not None and sys.__stdin__.isatty():
            self.set_interval(TERMINAL_CHECK_SECONDS, self._quit_without_terminal)

    def _quit_without_terminal(self) -> None:
        """Quit, as a hang-up would, when the terminal is gone but no SIGHUP came (the
        window or SSH session closed under `make run`, `nohup` or a wrapper that does not
        pass it on). Textual's input thread otherwise reads end-of-file in a loop and holds
        a core for ever, and its orderly shutdown waits for ever to write to the terminal:
        save what the user did, then leave at once (committed writes are durable; the
        enricher's worker dies with this process)."""
        try:
            os.tcgetpgrp(sys.__stdin__.fileno())
            return
        except OSError as error:
            if error.errno != errno.EIO:  # EIO: hung up (ENOTTY: a terminal, not ours to watch)
                return
        try:
            if self.enricher is not None:
                self.enricher.stop()
            keep_waiting_writes(self.writes, pending_path(self.library.path))
        except (OSError, SystemExit):
            pass  # what could not be written is in the kept file; there is no one to tell
        finally:
            os._exit(0)

    def on_unmount(self) -> None:
        if self.enricher is not None:
            self.enricher.stop()

    def _writes_changed(self) -> None:
        """Called on the writer's thread: a message, so the writer never waits for the UI
        (post_message is thread-safe)."""
        self.post_message(WritesChanged())  # dropped once the app has closed

    def on_writes_changed(self, _message: WritesChanged) -> None:
        """Say what the library refused, run what waited for a write, redraw."""
        annotations = False
        for done in self.writes.take_finished():
            if done.error is not None:
                self.notify(f"not saved: {done.error}", severity="warning", markup=False)
            elif done.write.on_done is not None:
                done.write.on_done(done.result)
            annotations = annotations or done.write.action in ANNOTATION_WRITES
        if self.main.is_mounted:
            self.main.writes_changed(annotations)
        if self.quit_when_written and not self.writes.pending:
            self.exit()

    def _queue_kept(self) -> None:
        """Queue again what the library could not take before the last quit; the file goes
        once they are written (until then it still holds them)."""
        path = pending_path(self.library.path)
        kept, problem = load_kept(path)
        if problem:
            self.notices.append(problem)
        if not kept:
            return
        self.notices.append(f"{len(kept)} changes kept from the last session are being written")
        for write in kept[:-1]:
            self.writes.add(write.action, *write.args, **write.kwargs)
        last = kept[-1]
        self.writes.add(last.action, *last.args, on_done=lambda _r: path.unlink(missing_ok=True),
                        **last.kwargs)

    def action_quit(self) -> None:
        """q: quit; while changes wait for a locked library, quit once they are written (q
        again quits at once, and they are kept for the next start)."""
        waiting = self.writes.pending_summary()
        if not waiting or self.quit_when_written:
            self.exit()
            return
        self.quit_when_written = True
        self.notify(f"{waiting} waiting for the locked library: quitting once written; "
                    "q again quits now and keeps them for the next start",
                    severity="warning", timeout=30, markup=False)

    def _default_view(self) -> View:
        wanted = self.config.default_view
        for view in views.BUILT_IN_VIEWS:
            if view.kind == wanted:
                return view
        return views.BUILT_IN_VIEWS[0]

    # -- failed workers ----------------------------------------------------------------

    def worker_failed(self, worker: Worker[Any]) -> None:
        """A worker raised: keep the app up, record the failure and say so in plain text."""
        error = worker.error
        self.worker_errors.append(f"{worker.name}: {error!r}")
        self.log.error(f"worker {worker.name} failed", error)
        self.notify(f"{worker.name} failed: {error}", severity="error", markup=False)

    # -- enrichment --------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, name="the enricher", group="enricher")
    def _start_enricher(self) -> None:
        """Import the enricher (and its NLP stack) off the UI thread, after the first paint."""
        from tidings.ingest.enricher import Enricher

        enricher = Enricher(self.library.path, on_done=self.enricher_reported)
        enricher.start()
        self.post_message(EnricherStarted(enricher))

    def on_enricher_started(self, message: EnricherStarted) -> None:
        if not self.is_running:
            message.enricher.stop()
            return
        self.enricher = message.enricher
        self.main.prioritise()

    def enricher_reported(self, article_id: int) -> None:
        """Called on the enricher's thread when it has stored an article's analysis."""
        self.post_message(Enriched(article_id))

    def on_enriched(self, message: Enriched) -> None:
        self.main.enriched(message.article_id)

    def prioritise(self, first: list[int], next_few: list[int], soon: int) -> None:
        """Have the enricher take these queued articles next (the open one, then a few)."""
        if self.enricher is None:
            return
        self.writes.add("prioritise", first, next_few, soon, on_done=lambda _r: self._wake())

    def _wake(self) -> None:
        if self.enricher is not None:
            self.enricher.wake()

    # -- notices -----------------------------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Notices go to the status line, as newsboat shows them, where they cover no text;
        warnings and errors also pop up (tidings.tcss hides the information toasts)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
        if self.main.is_mounted:
            self.main.flash(str(message), timeout or 4.0)

    # -- themes ------------------------------------------------------------------------

    @property
    def palette(self) -> ThemeFile | None:
        return self.theme_files.get(self.theme) or self.theme_files.get(DEFAULT_THEME)

    def switch_theme(self, name: str) -> None:
        """Use a theme now and save the choice in the config file."""
        self.theme = name
        try:
            save_setting("theme", name, config_path())
        except OSError as error:
            self.notify(f"could not save the theme: {error}", severity="warning", markup=False)

    # -- keys --------------------------------------------------------------------------

    def keys_for(self, binding: Binding) -> str:
        """The keys a binding answers to now, after the user's keymap."""
        remapped = self.config.keymap.get(binding.id or "")
        if not remapped:
            return self.get_key_display(binding)
        return ", ".join(
            self.get_key_display(binding.with_key(key.strip())) for key in remapped.split(",")
        )

    def binding_owners(self) -> list[DOMNode]:
        """The app, the main screen and the widgets whose bindings make up the keyboard."""
        main = self.main
        return [
            self,
            main,
            main.article_list,
            main.pane,
            main.query_one(TimelineList),
            main.query_one(EntityList),
        ]

    def binding_sections(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """The keyboard as the help shows it: one section per region (the keys of the whole
        screen first), each row (keys as remapped, what it does, the binding id that
        `[keymap]` remaps)."""
        main = self.main
        regions: list[tuple[str, list[DOMNode]]] = [
            ("Everywhere", [self, main]),
            ("In the article list", [main.article_list]),
            ("In the reading pane", [main.pane]),
            ("In the timeline", [main.query_one(TimelineList)]),
            ("In the entities", [main.query_one(EntityList)]),
        ]
        sections = []
        for title, nodes in regions:
            rows: dict[str, tuple[str, str, str]] = {}
            for node in nodes:
                for _key, binding in node._bindings:
                    if not binding.description or not binding.id:
                        continue  # Textual's own scrolling keys, which nobody remaps
                    key = binding.id
                    keys = self.keys_for(binding)
                    if key in rows:  # one binding listed under several keys
                        keys = ", ".join(dict.fromkeys([*rows[key][0].split(", "), keys]))
                    rows[key] = (keys, binding.description, binding.id)
            sections.append((title, list(rows.values())))
        return sections

    def available_views(self) -> list[View]:
        return self.main.searches.available_views()

    def show_view(self, view: View) -> None:
        self.main.show_view(view)


EXIT_FLUSH_SECONDS = 2  # after the app closes, how long the writer may still try


def run_app(library: Library) -> None:
    from tidings.tui.config import load_config

    config, problems = load_config()
    app = TidingsApp(library, config=config, notices=problems)
    app.run()
    keep_waiting_writes(app.writes, pending_path(library.path))
    if app.return_code:  # the app crashed (Textual printed why): say so in the exit status
        raise SystemExit(app.return_code)


def keep_waiting_writes(writes: LibraryWriter, path: Path) -> None:
    """After the app closed: changes the locked library has not taken yet are kept in a
    private file and written at the next start (said on stderr); exit 1 if even that fails."""
    writes.flush(EXIT_FLUSH_SECONDS)
    writes.stop()
    waiting = writes.pending_summary()
    try:
        kept = writes.keep(path)
    except OSError as error:
        print(f"tidings: {waiting} could not be written (the library stayed locked) "
              f"nor kept in {path}: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    if kept:
        print(f"tidings: the library stayed locked: {waiting} kept in {path}, "
              "written the next time Tidings opens this library", file=sys.stderr)
