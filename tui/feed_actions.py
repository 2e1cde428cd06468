"""Feed-level work from the keyboard, as newsboat users do it daily: auto-reload while the
app is open, the next feed with unread articles, marking a feed or tag read, reloading one
feed, opening every unread article in the browser, sort and hide-read toggles, a rule from
the open article, playing an enclosure and "send to" commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer

from tidings.tui import hooks
from tidings.tui.controller import Controller
from tidings.tui.views import View
from tidings.tui.widgets.confirm import ConfirmScreen
from tidings.tui.widgets.name_prompt import NamePrompt
from tidings.tui.widgets.rule_dialog import RuleChoice, RuleDialog

if TYPE_CHECKING:
    from tidings.ingest.refresh import RefreshSummary

OPEN_ALL_CONFIRM = 10  # opening more unread articles than this in the browser asks first


class FeedActions(Controller):
    """The keys and timers that act on feeds rather than on one article."""

    _reload_timer: Timer | None = None
    new_count = 0  # articles background refreshes brought since the view was last chosen

    def on_mount(self) -> None:
        interval = self.tidings.config.auto_reload
        if interval > 0:
            self._reload_timer = self.set_interval(interval, self.auto_reload, name="auto-reload")

    def auto_reload(self) -> None:
        """Fetch the feeds that are due, unless a refresh is already running."""
        if not self.main.refreshing:
            self.main.start_refresh(due_only=True, background=True)

    def refreshed(self, summary: RefreshSummary, background: bool) -> None:
        """After any refresh: count what is new (the status line shows it) and notify."""
        if background:
            self.new_count += summary.articles_new
        config = self.tidings.config
        if config.notify_command and summary.new_ids:
            try:
                hooks.notify_new(self.tidings.library, config.notify_command,
                                 config.notify_search, summary.new_ids)
            except hooks.HookError as error:
                self.notify(str(error), severity="warning", markup=False)

    # -- feeds -------------------------------------------------------------------------

    def _current_feed(self) -> tuple[int, str] | None:
        """The feed of the view, else of the article under the cursor: (id, title)."""
        view = self.main.view
        library = self.tidings.library
        if view.kind == "feed" and view.key.isdigit():
            feed_id = int(view.key)
        else:
            article_id = self.main.article_list.current
            if article_id is None:
                return None
            feed_id = library.summary(article_id).feed_id
        title = library.feed_title(feed_id)
        return (feed_id, title) if title is not None else None

    def next_unread_feed(self) -> None:
        """Show the next feed, in the view selector's order, that has unread articles."""
        from tidings.tui.views import feed_and_tag_views

        library = self.tidings.library
        unread = {feed_id for feed_id, _title in library.feeds_with_unread()}
        order: dict[int, View] = {}
        for view in feed_and_tag_views(library):
            if view.kind == "feed" and int(view.key) not in order:
                order[int(view.key)] = view
        candidates = [feed_id for feed_id in order if feed_id in unread]
        if not candidates:
            self.notify("No feed has unread articles", timeout=3)
            return
        current = self._current_feed()
        in_feed = self.main.view.kind == "feed"
        ids = list(order)
        if current is None or current[0] not in ids:
            chosen = candidates[0]
        else:  # after the feed shown; from another view, starting at the cursor's feed
            at = ids.index(current[0]) + (1 if in_feed else 0)
            following = ids[at:] + ids[:at]
            chosen = next(feed_id for feed_id in following if feed_id in unread)
        if in_feed and current is not None and chosen == current[0]:
            self.notify("No other feed has unread articles", timeout=3)
            return
        view = order[chosen]
        self.main.show_view(View("feed", view.key, view.name))

    def mark_feed_read(self) -> None:
        """Mark every unread article of this tag (a tag view) or this feed read, asking first."""
        library = self.tidings.library
        view = self.main.view
        if view.kind == "tag":
            ids, what = library.article_ids(unread=True, tag=view.key), f"tag {view.key}"
        else:
            feed = self._current_feed()
            if feed is None:
                return
            ids, what = library.article_ids(unread=True, feed_id=feed[0]), feed[1]
        if not ids:
            self.notify("Nothing unread there", timeout=2)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.tidings.writes.mark(ids, read=True)
                self.main.reload_list()

        self.app.push_screen(
            ConfirmScreen(f"Mark {len(ids)} unread articles of {what} as read?"), answer
        )

    def reload_feed(self) -> None:
        feed = self._current_feed()
        if feed is None:
            self.notify("No feed here to reload", severity="warning")
            return
        if self.tidings.library.feed_kind(feed[0]) != "feed":
            self.notify("A local collection has nothing to reload", severity="warning")
            return
        self.main.start_refresh(feed_ids=[feed[0]])

    def open_all_unread(self) -> None:
        """Open every unread article of the view in the browser (asking above a count) and
        mark them read."""
        library = self.tidings.library
        unread = [
            row for row in library.summaries(
                [i for i in self.main.article_list.ids if i in self._unread_ids()]
            ).values() if row.url
        ]
        if not unread:
            self.notify("No unread article with a web address here", timeout=2)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._open_urls([row.url for row in unread if row.url])
                self.tidings.writes.mark([row.id for row in unread], read=True)
                self.main.reload_list()

        if len(unread) > OPEN_ALL_CONFIRM:
            self.app.push_screen(
                ConfirmScreen(f"Open {len(unread)} articles in the browser?"), answer
            )
        else:
            answer(True)

    def _unread_ids(self) -> set[int]:
        return self.tidings.library.unread_among(self.main.article_list.ids)

    @work(thread=True, exit_on_error=False, group="browser")
    def _open_urls(self, urls: list[str]) -> None:
        from tidings.tui.links import open_in_browser

        for url in urls:
            open_in_browser(url)

    # -- list settings while running ---------------------------------------------------

    def toggle_sort(self) -> None:
        config = self.tidings.config
        config.sort = "oldest" if config.sort == "newest" else "newest"
        self.main.reload_list()
        self.notify(f"Sorted {config.sort} first", timeout=2)

    def toggle_hide_read(self) -> None:
        self.main.hide_read = not self.main.hide_read
        self.main.reload_list()
        self.notify("Read articles " + ("hidden" if self.main.hide_read else "shown"), timeout=2)

    # -- rules -------------------------------------------------------------------------

    def rule_from_article(self) -> None:
        article = self.main.pane.article
        if article is None:
            self.notify("Open an article first", severity="warning")
            return
        word = self.main.pane.selected_text.strip() or None
        dialog = RuleDialog(article.feed, article.author, word)

        def chosen(choice: RuleChoice | None) -> None:
            if choice is None:
                return
            if choice.kind == "feed":
                self._add_rule(f"hide feed {article.feed}", _term("feed", article.feed),
                               article.feed_id)
            elif choice.kind == "author" and article.author:
                self._add_rule(f"hide author {article.author}", _term("author", article.author))
            elif word:
                self._add_rule(f"hide {word}", _phrase(word))
            else:
                self.app.push_screen(NamePrompt("Hide new articles containing"), typed)

        def typed(text: str | None) -> None:
            if text:
                self._add_rule(f"hide {text}", _phrase(text))

        self.app.push_screen(dialog, chosen)

    def _add_rule(self, name: str, query: str, feed_id: int | None = None) -> None:
        """Save a hiding rule and apply it to what is stored (off the UI thread, tui/writer.py),
        then say how to undo it; a refused rule is said as "not saved: why"."""
        name = " ".join(name.split())[:100]

        def added(result: tuple[str, int]) -> None:
            rule, matched = result
            self.main.reload_list()
            self.notify(f"Rule {rule!r} hides {matched} articles; "
                        f"undo: tidings rule remove {rule!r}", timeout=8, markup=False)

        self.tidings.writes.add("add_rule", name, query, feed_id, on_done=added)

    # -- enclosures and send to --------------------------------------------------------

    def play_enclosure(self) -> None:
        article = self.main.pane.article
        if article is None or not article.enclosures:
            self.notify("This article has no enclosure", timeout=2)
            return
        enclosure = article.enclosures[0]
        self._play(enclosure.url, article.title)

    def _play(self, url: str, title: str) -> None:
        try:
            opened = hooks.play(url, self.tidings.config.player_command, title)
        except hooks.HookError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if not opened:
            self.notify("Nothing could open the enclosure", severity="warning")

    def send_to(self, name: str, argv: list[str]) -> None:
        article = self.main.pane.article
        if article is None:
            self.notify("Open an article first", severity="warning")
            return
        try:
            hooks.send_to(self.tidings.library, article.id, argv)
        except hooks.HookError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Sent to {name}", timeout=2, markup=False)


def _phrase(text: str) -> str:
    return '"' + " ".join(text.replace('"', " ").split()) + '"'


def _term(key: str, value: str) -> str:
    return f"{key}:" + _phrase(value)
