"""The search language shared by the `/` prompt, saved searches and `tidings search`.

    free words "quoted phrases"      full text (bm25, title weighted above body)
    feed:NAME  tag:T                 where it came from
    is:unread is:read is:starred is:annotated
    entity:"Sergei Lavrov"  type:person|org|place
    after:2025-02-01  before:2025-03-01  @7d @2w @3m @1y (age)
    sort:date|relevance              -TERM negates any term

A query compiles to SQL with parameters only: no user text is ever spliced into SQL, and
full-text words are quoted for FTS5 so none of its syntax leaks through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from tidings.storage.errors import QueryError

KEYS = {"feed", "tag", "is", "entity", "type", "after", "before", "sort"}
FLAGS = {
    "unread": "a.read = 0",
    "read": "a.read = 1",
    "starred": "a.starred = 1",
    "annotated": "exists (select 1 from annotations n where n.article_id = a.id)",
}
TYPES = {
    "person": "person",
    "org": "org",
    "organisation": "org",
    "organization": "org",
    "place": "place",
    "other": "other",
}
_AGE = re.compile(r"^@(\d+)([dwmy])$")
_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"|([^\s"]+))')


@dataclass
class Term:
    negated: bool
    key: str | None  # None for full-text words and phrases
    value: str
    phrase: bool = False


@dataclass
class Query:
    terms: list[Term] = field(default_factory=list)
    sort: str | None = None

    @property
    def has_text(self) -> bool:
        return any(t.key is None and not t.negated for t in self.terms)


def tokenize(text: str) -> list[Term]:
    """Terms in order; `key:value` with a key we do not know stays a word."""
    terms: list[Term] = []
    position = 0
    text = text.strip()
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise QueryError("unbalanced quote")
        negated, key, quoted, bare = match.groups()
        if quoted is None and bare is None:
            raise QueryError("unbalanced quote")
        value = quoted if quoted is not None else bare
        if key is None and value.endswith(":") and value[:-1].lower() in KEYS:
            raise QueryError(f"{value.lower()} needs a value")
        if key is not None and key.lower() not in KEYS:
            # Not one of ours ("10:30", "re:"): treat as text.
            value, key = f"{key}:{value}", None
        terms.append(Term(bool(negated), key.lower() if key else None, value, quoted is not None))
        position = match.end()
    return terms


def parse(text: str) -> Query:
    """The query, or QueryError saying what is wrong."""
    if text.count('"') % 2:
        raise QueryError("unbalanced quote")
    query = Query()
    for term in tokenize(text):
        if term.key is None and not term.phrase and _AGE.match(term.value):
            term.key = "age"
        if term.key == "sort":
            if term.value not in {"date", "relevance"}:
                raise QueryError("sort: takes date or relevance")
            query.sort = term.value
            continue
        if term.key is not None and not term.value:
            raise QueryError(f"{term.key}: needs a value")
        if term.key == "is" and term.value.lower() not in FLAGS:
            raise QueryError(f"is: takes {', '.join(FLAGS)}")
        if term.key == "type" and term.value.lower() not in TYPES:
            raise QueryError("type: takes person, org or place")
        if term.key in {"after", "before"}:
            _date(term.key, term.value)
        query.terms.append(term)
    return query


def _date(key: str, value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{key}: takes a date like 2025-02-01") from None


def _age_cutoff(value: str, today: date) -> str:
    match = _AGE.match(value)
    assert match
    count, unit = int(match.group(1)), match.group(2)
    days = count * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]
    return (today - timedelta(days=days)).isoformat()


def _fts_phrase(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@dataclass
class Compiled:
    """SQL pieces: joins and a where clause over `articles a join feeds f`, and the order."""

    joins: str
    where: str
    params: list[Any]
    order: str


def compile_query(query: Query, today: date | None = None) -> Compiled:
    today = today or datetime.now(timezone.utc).date()
    clauses: list[str] = []
    params: list[Any] = []
    positive = [t for t in query.terms if t.key is None and not t.negated]
    negative = [t for t in query.terms if t.key is None and t.negated]
    joins = ""
    match_params: list[Any] = []
    if positive:
        joins = " join articles_fts on articles_fts.rowid = a.id"
        clauses.append("articles_fts match ?")
        match_params.append(" ".join(_fts_phrase(t.value) for t in positive))
    for term in negative:
        clauses.append("a.id not in (select rowid from articles_fts where articles_fts match ?)")
        params.append(_fts_phrase(term.value))
    for term in query.terms:
        if term.key is None:
            continue
        sql, values = _filter(term, today)
        clauses.append(f"not ({sql})" if term.negated else sql)
        params.extend(values)
    if not any(t.key == "feed" and not t.negated for t in query.terms):
        clauses.append("a.dup_of is null")  # across feeds, a story found in several shows once
    sort = query.sort or ("relevance" if positive else "date")
    order = (
        "bm25(articles_fts, 10.0, 1.0), a.published desc"
        if sort == "relevance" and positive
        else "a.published desc, a.id desc"
    )
    where = " where " + " and ".join(clauses) if clauses else ""
    return Compiled(joins, where, match_params + params, order)


def _filter(term: Term, today: date) -> tuple[str, list[Any]]:
    value = term.value
    if term.key == "feed":
        return "f.title like ? escape '\\'", [f"%{_like(value)}%"]
    if term.key == "tag":
        return (
            "exists (select 1 from feed_tags t where t.feed_id = a.feed_id and t.tag = ? "
            "collate nocase)",
            [value],
        )
    if term.key == "is":
        return FLAGS[value.lower()], []
    if term.key == "entity":
        # By canonical name, any form it was mentioned by ("Lavrov" finds "Sergei Lavrov"), or
        # as a surname ("Jensen" finds "Mette Jensen") unless the name is something else's.
        return (
            "exists (select 1 from mentions m where m.article_id = a.id and m.entity_id in "
            "(select e.id from entities e where e.name = ? collate nocase "
            "union select m2.entity_id from mentions m2 where m2.text = ? collate nocase "
            "union select e3.id from entities e3 where e3.last_word = ? collate nocase "
            "and e3.type = 'person' and not exists (select 1 from entities e4 "
            "where e4.name = ? collate nocase and e4.type != 'person')))",
            [value, value, value, value],
        )
    if term.key == "type":
        return (
            "exists (select 1 from mentions m join entities e on e.id = m.entity_id "
            "where m.article_id = a.id and e.type = ?)",
            [TYPES[value.lower()]],
        )
    if term.key == "after":
        return "a.published >= ?", [_date("after", value)]
    if term.key == "before":
        return "a.published < ?", [_date("before", value)]
    if term.key == "age":
        return "a.published >= ?", [_age_cutoff(value, today)]
    raise QueryError(f"unknown filter {term.key}:")


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
