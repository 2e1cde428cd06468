"""Rules: a saved query and what to do with the articles it matches (newsboat's
ignore-article, Miniflux's block and keep rules).

Every rule runs on every new article as it is stored (refresh, import, sync), all rules in
one pass inside the storing transaction; `apply_rules` runs one on the articles already
stored. A hidden article is kept, only left out of the lists (`is:hidden` finds it), and
removing its rule shows it again. Read and star marks go through `Library.mark`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from tidings.storage.base import chunks, now
from tidings.storage.clean import strip_controls
from tidings.storage.errors import LibraryError, NotFound
from tidings.storage.search_language import QueryError, compile_query, parse

if TYPE_CHECKING:
    from sqlite_utils import Database

ACTIONS = ("hide", "read", "star")  # and "tag:T"
MAX_NAME = 100
MAX_TAG = 100


class BadRule(LibraryError):
    """A rule that cannot be saved: bad name, query or action (message says which)."""


@dataclass(frozen=True)
class Rule:
    id: int
    name: str
    query: str
    action: str  # "hide", "read", "star" or "tag:T"
    feed_id: int | None
    feed: str | None  # the feed's title when the rule is limited to one
    created: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_action(action: str) -> str:
    """The action as stored, or BadRule."""
    action = strip_controls(action).strip()
    if action in ACTIONS:
        return action
    if action.startswith("tag:"):
        tag = action[4:].strip()
        if tag and len(tag) <= MAX_TAG:
            return f"tag:{tag}"
    raise BadRule(f"bad action {action!r}: hide, read, star or tag:NAME")


class _Actions:
    """What the rules of one pass do, gathered so that each kind is done once."""

    def __init__(self) -> None:
        self.read: set[int] = set()
        self.star: set[int] = set()
        self.hide: dict[int, int] = {}  # article id -> the first rule that hid it
        self.tags: set[tuple[int, str]] = set()

    def add(self, rule: Rule, ids: list[int]) -> None:
        if rule.action == "read":
            self.read.update(ids)
        elif rule.action == "star":
            self.star.update(ids)
        elif rule.action == "hide":
            for article_id in ids:
                self.hide.setdefault(article_id, rule.id)
        else:
            self.tags.update((article_id, rule.action[4:]) for article_id in ids)


class RuleQueries:
    """Rules, mixed into `storage.Library` (which provides `db`, `query`, `write`, `mark`)."""

    db: Database

    if TYPE_CHECKING:

        def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]: ...
        def write(self) -> Any: ...
        def mark(self, ids: Iterable[int], *, read: bool | None = None,
                 starred: bool | None = None) -> int: ...
        def ids_in_chunks(self, sql: str, ids: list[int]) -> set[int]: ...

    def add_rule(self, name: str, query: str, action: str, feed_id: int | None = None) -> Rule:
        """Save a rule (BadRule if its name is taken or its query or action is bad)."""
        name = " ".join(strip_controls(name).split())
        if not name or len(name) > MAX_NAME:
            raise BadRule(f"a rule needs a name of 1 to {MAX_NAME} characters")
        try:
            parse(query)
        except QueryError as error:
            raise BadRule(f"bad query: {error}") from None
        action = check_action(action)
        if feed_id is not None and not self.query("select 1 from feeds where id = ?", [feed_id]):
            raise NotFound(f"no feed with id {feed_id}")
        if self.query("select 1 from rules where name = ?", [name]):
            raise BadRule(f"a rule called {name!r} exists (remove it first)")
        with self.write() as db:
            db.execute(
                "insert into rules (name, query, action, feed_id, created) values (?, ?, ?, ?, ?)",
                [name, strip_controls(query).strip(), action, feed_id, now()],
            )
        return self.rule(name)

    def rules(self) -> list[Rule]:
        rows = self.query(
            "select r.*, f.title as feed from rules r left join feeds f on f.id = r.feed_id "
            "order by r.id"
        )
        return [self._rule(row) for row in rows]

    def rule(self, name: str) -> Rule:
        rows = self.query(
            "select r.*, f.title as feed from rules r left join feeds f on f.id = r.feed_id "
            "where r.name = ?",
            [name],
        )
        if not rows:
            raise NotFound(f"no rule called {name!r}")
        return self._rule(rows[0])

    @staticmethod
    def _rule(row: dict[str, Any]) -> Rule:
        return Rule(row["id"], row["name"], row["query"], row["action"], row["feed_id"],
                    row["feed"], row["created"])

    def remove_rule(self, name: str) -> int:
        """Delete a rule; the articles it hid are shown again. Returns how many."""
        rule = self.rule(name)
        with self.write() as db:
            shown = db.execute(
                "update articles set hidden_by = null where hidden_by = ?", [rule.id]
            ).rowcount
            db.execute("delete from rules where id = ?", [rule.id])
        return shown

    def hidden_count(self, rule_id: int) -> int:
        return int(self.db.execute(
            "select count(*) from articles where hidden_by = ?", [rule_id]
        ).fetchone()[0])

    def apply_rules(
        self, article_ids: Iterable[int] | None = None, names: Sequence[str] | None = None
    ) -> dict[str, int]:
        """Run rules (all, or those named) on these articles (None: every stored one) in
        one transaction. Returns how many articles each rule matched.

        Storing new articles calls this for them; other paths that store articles (sync)
        call `apply_rules(new_ids)` after storing, inside or outside their transaction.
        """
        rules = self.rules() if names is None else [self.rule(name) for name in names]
        ids = None if article_ids is None else list(article_ids)
        if not rules or ids == []:
            return {}
        matched: dict[str, int] = {}
        with self.write() as db:
            if ids is not None:
                db.execute("create temp table if not exists rule_batch (id integer primary key)")
                db.execute("delete from temp.rule_batch")
                db.conn.executemany(
                    "insert or ignore into temp.rule_batch (id) values (?)", [(i,) for i in ids]
                )
            actions = _Actions()
            for rule in rules:
                hits = self._rule_matches(rule, batch=ids is not None)
                matched[rule.name] = len(hits)
                actions.add(rule, hits)
            self._act(actions)
            if ids is not None:
                db.execute("delete from temp.rule_batch")
        return matched

    def _rule_matches(self, rule: Rule, batch: bool) -> list[int]:
        try:
            compiled = compile_query(parse(rule.query), every_copy=True)
        except QueryError:  # saved while valid; a later change of the language broke it
            return []
        sql = "select a.id from articles a join feeds f on f.id = a.feed_id" + compiled.joins
        clauses = [compiled.where[len(" where "):]] if compiled.where else []
        params = list(compiled.params)
        if batch:
            clauses.append("a.id in (select id from temp.rule_batch)")
        if rule.feed_id is not None:
            clauses.append("a.feed_id = ?")
            params.append(rule.feed_id)
        if clauses:
            sql += " where " + " and ".join(clauses)
        return [row[0] for row in self.db.execute(sql, params).fetchall()]

    def _act(self, actions: _Actions) -> None:
        """Every rule's action at once: one read mark, one star mark, hides (the first rule
        that hides an article is the one that hid it) and tags."""
        if actions.read:
            self.mark(sorted(actions.read), read=True)
        if actions.star:
            self.mark(sorted(actions.star), starred=True)
        by_rule: dict[int, list[int]] = {}
        for article_id, rule_id in actions.hide.items():
            by_rule.setdefault(rule_id, []).append(article_id)
        for rule_id, ids in by_rule.items():
            for chunk in chunks(sorted(ids)):
                self.db.execute(
                    "update articles set hidden_by = ? where hidden_by is null and id in "
                    f"({','.join('?' * len(chunk))})",
                    [rule_id, *chunk],
                )
        if actions.tags:
            self.db.conn.executemany(
                "insert or ignore into article_tags (article_id, tag) values (?, ?)",
                sorted(actions.tags),
            )

    def _run_rules_on(self, results: Iterable[Any]) -> None:
        """Every rule, in one pass, on the new articles among these store results (in the
        caller's transaction, so an article is never seen before its rules ran)."""
        new = [result.id for result in results if result.status == "new"]
        if new and self.db.execute("select 1 from rules limit 1").fetchone():
            self.apply_rules(new)

    def unhide(self, ids: Iterable[int]) -> None:
        """Show hidden articles again (whichever rule hid them)."""
        with self.write() as db:
            for article_id in ids:
                db.execute("update articles set hidden_by = null where id = ?", [article_id])

    def not_hidden(self, ids: Iterable[int]) -> list[int]:
        """Those of the ids that exist and no rule hid."""
        return sorted(self.ids_in_chunks(
            "select id from articles where hidden_by is null and id in ({})", list(ids)
        ))

    def article_tags(self, article_id: int) -> list[str]:
        rows = self.db.execute(
            "select tag from article_tags where article_id = ? order by tag", [article_id]
        ).fetchall()
        return [row[0] for row in rows]
