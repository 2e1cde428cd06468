"""The search language shared by the `/` prompt, saved searches and `tidings search`.

    free words "quoted phrases"      full text (bm25, title weighted above body); the last
                                     word typed also matches as a prefix ("cab" finds cable);
                                     accents do not matter ("ronne" finds Rønne)
    a OR b, (a OR b) c               either word; parentheses group
    feed:NAME  tag:T  author:NAME    where it came from (feed and author: whole words)
    is:unread is:read is:starred is:annotated is:hidden (hidden by a rule; else left out)
    entity:"Sergei Lavrov"  type:person|org|place
    after:2025-02-01  before:2025-03-01  @7d @2w @3m @1y (age)
    sort:date|relevance              -TERM negates any term

A query compiles to SQL with parameters only: no user text is ever spliced into SQL, and
full-text words are quoted for FTS5 so none of its syntax leaks through.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from tidings.storage.clean import without_ascii
from tidings.storage.errors import QueryError

KEYS = {"feed", "tag", "is", "entity", "type", "after", "before", "sort", "author"}
FLAGS = {
    "unread": "a.read = 0",
    "read": "a.read = 1",
    "starred": "a.starred = 1",
    "annotated": "exists (select 1 from annotations n where n.article_id = a.id)",
    "hidden": "a.hidden_by is not null",
}
TYPES = {
    "person": "person",
    "org": "org",
    "organisation": "org",
    "organization": "org",
    "place": "place",
    "other": "other",
}
_AGE = re.compile(r"^@([0-9]+)([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
MAX_AGE_DAYS = 100 * 365  # @N reaches back a century at most
MAX_TERMS = 64  # a query is typed by a person; thousands of terms only make SQLite slow
MAX_QUERY_CHARS = 2000
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_ASCII = bytes(range(128))
# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l",
    "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
})


def fold(text: str | None) -> str:
    """Text as the search index holds it: accents and special letters folded to plain ones
    ("Rønne" and "Ronne", "Straße" and "Strasse" are the same word). Registered on every
    connection as the SQL function tidings_fold, which the index's triggers call."""
    if not text:
        return text or ""
    if text.isascii():
        return text
    # One str.replace per distinct non-ASCII character, each folded once (cached): NFKD
    # decomposes character by character and every mark it could reorder is dropped, so this
    # equals folding the whole text, at a tenth of the cost (the index folds every article).
    # The characters are found by deleting every ASCII one (`without_ascii`): a sixth of
    # the time a regular expression takes to find them.
    for char in set(without_ascii(text, _ASCII)):
        folded = _fold_char(char)
        if folded != char:
            text = text.replace(char, folded)
    return text


@lru_cache(maxsize=65_536)
def _fold_char(char: str) -> str:
    """One character folded: decomposed, marks dropped, special letters spelt plainly (also
    those a decomposition yields: "ǿ" is "o"), so that no folded character folds further."""
    decomposed = unicodedata.normalize("NFKD", char.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS)


_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"|([^\s"()]+))')


@dataclass
class Term:
    negated: bool
    key: str | None  # None for full-text words and phrases; "op" for OR and parentheses
    value: str
    phrase: bool = False
    prefix: bool = False  # the last word typed: matches any word it begins


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
        if text[position] in "()":
            terms.append(Term(False, "op", text[position]))
            position += 1
            continue
        if text.startswith("-(", position):
            raise QueryError("-( ) is not supported: negate words one by one")
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
        if key is None and quoted is None and not negated and value == "OR":
            terms.append(Term(False, "op", "OR"))
        else:
            terms.append(Term(bool(negated), key.lower() if key else None, value, quoted is not None))
        position = match.end()
    last = terms[-1] if terms else None
    if last is not None and last.key is None and not last.phrase and not last.negated:
        last.prefix = True
    return terms


def parse(text: str) -> Query:
    """The query, or QueryError saying what is wrong."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long (at most {MAX_QUERY_CHARS} characters)")
    text = _CONTROLS.sub(" ", text)  # a NUL would end FTS5's string early
    if text.count('"') % 2:
        raise QueryError("unbalanced quote")
    query = Query()
    terms = tokenize(text)
    if len(terms) > MAX_TERMS:
        raise QueryError(f"too many terms (at most {MAX_TERMS})")
    for term in terms:
        if term.key is None and not term.phrase and _AGE.match(term.value):
            term.key = "age"
            _age_days(term.value)
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
    _match_expression(query.terms)  # OR and parentheses where they make sense
    return query


def _date(key: str, value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{key}: takes a date like 2025-02-01") from None


def _age_days(value: str) -> int:
    """The days an age term (@7d) reaches back; QueryError past a century."""
    match = _AGE.match(value)
    assert match
    digits, unit = match.group(1), match.group(2)
    days = int(digits[:12]) * _UNIT_DAYS[unit]
    if len(digits) > 12 or days > MAX_AGE_DAYS:
        raise QueryError(f"{value[:20]}: at most {MAX_AGE_DAYS // 365} years back")
    return days


def _age_cutoff(value: str, today: date) -> str:
    return (today - timedelta(days=_age_days(value))).isoformat()


def _fts_phrase(value: str, prefix: bool = False) -> str:
    folded = fold(value)
    return '"' + folded.replace('"', '""') + '"' + ("*" if prefix and folded[-1:].isalnum() else "")


def _match_expression(terms: list[Term]) -> str | None:
    """The FTS5 expression for the positive words and phrases with their ORs and parentheses
    (implicit AND between the rest); None without words. QueryError for a misplaced OR or
    an unbalanced parenthesis."""
    parts: list[str] = []
    depth = 0
    previous = None  # "word", "OR", "(" or ")"
    for term in terms:
        if term.key == "op":
            if term.value == "(":
                if previous in {"word", ")"}:
                    parts.append("AND")
                depth += 1
            elif term.value == ")":
                if previous in {None, "(", "OR"}:
                    raise QueryError("empty parentheses" if previous == "(" else "a ) needs words before it")
                depth -= 1
                if depth < 0:
                    raise QueryError("unbalanced parenthesis")
            elif previous in {None, "(", "OR"}:
                raise QueryError("OR needs words on both sides")
            parts.append(term.value)
            previous = term.value
        elif term.key is None and not term.negated:
            if previous in {"word", ")"}:
                parts.append("AND")
            parts.append(_fts_phrase(term.value, term.prefix))
            previous = "word"
    if depth:
        raise QueryError("unbalanced parenthesis")
    if previous == "OR":
        raise QueryError("OR needs words on both sides")
    return " ".join(parts) or None


@dataclass
class Compiled:
    """SQL pieces: joins and a where clause over `articles a join feeds f`, and the order."""

    joins: str
    where: str
    params: list[Any]
    order: str


def compile_query(query: Query, today: date | None = None, every_copy: bool = False) -> Compiled:
    """SQL for a query. `every_copy` (rules) matches every near-duplicate of a story and
    hidden articles too, where a search shows one copy and leaves hidden ones out."""
    today = today or datetime.now(timezone.utc).date()
    clauses: list[str] = []
    params: list[Any] = []
    positive = [t for t in query.terms if t.key is None and not t.negated]
    negative = [t for t in query.terms if t.key is None and t.negated]
    joins = ""
    match_params: list[Any] = []
    expression = _match_expression(query.terms)
    if expression:
        joins = " join articles_fts on articles_fts.rowid = a.id"
        clauses.append("articles_fts match ?")
        match_params.append(expression)
    for term in negative:
        clauses.append("a.id not in (select rowid from articles_fts where articles_fts match ?)")
        params.append(_fts_phrase(term.value))
    unread = any(t.key == "is" and t.value.lower() == "unread" and not t.negated for t in query.terms)
    for term in query.terms:
        if term.key is None or term.key == "op":
            continue
        sql, values = _filter(term, today)
        if expression and unread and term.key == "feed" and not term.negated:
            # Words matching many articles, in a feed's unread ones: each match is checked
            # against the set of those ids (from the partial unread index), not looked up in
            # the articles (two of the commonest words at a million: 60 -> 31 ms).
            sql = ("a.id in (select u.id from articles u indexed by articles_unread_feed "
                   f"where u.read = 0 and u.feed_id in ({_FEED_IDS}))")
        clauses.append(f"not ({sql})" if term.negated else sql)
        params.extend(values)
    if not every_copy and not any(t.key == "feed" and not t.negated for t in query.terms):
        clauses.append("a.dup_of is null")  # across feeds, a story found in several shows once
    if not every_copy and not any(
        t.key == "is" and t.value.lower() == "hidden" and not t.negated for t in query.terms
    ):
        clauses.append("a.hidden_by is null")
    sort = query.sort or ("relevance" if positive else "date")
    order = (
        "bm25(articles_fts, 10.0, 1.0), a.published desc"
        if sort == "relevance" and positive
        else "a.published desc, a.id desc"
    )
    where = " where " + " and ".join(clauses) if clauses else ""
    return Compiled(joins, where, match_params + params, order)


# The feeds a feed: term names: the title exactly, or as whole words ("Desk #3" is not in
# "Desk #30": see word_in).
_FEED_IDS = "select id from feeds where title = ? collate nocase or tidings_word_in(?, title)"


def _filter(term: Term, today: date) -> tuple[str, list[Any]]:
    value = term.value
    if term.key == "feed":
        return f"a.feed_id in ({_FEED_IDS})", [value, value]
    if term.key == "author":
        return "tidings_word_in(?, a.author)", [value]
    if term.key == "tag":  # the feed's tags, or one a rule put on the article
        return (
            "(exists (select 1 from feed_tags t where t.feed_id = a.feed_id and t.tag = ? "
            "collate nocase) or exists (select 1 from article_tags t where t.article_id = a.id "
            "and t.tag = ? collate nocase))",
            [value, value],
        )
    if term.key == "is":
        return FLAGS[value.lower()], []
    if term.key == "entity":
        # By canonical name, any form it was mentioned by ("Lavrov" finds "Sergei Lavrov"),
        # or any whole part of a person's name ("Jensen", "Mette" find "Mette Jensen") unless
        # the value names something else ("Jackson" the city is not Andrew Jackson).
        return (
            "exists (select 1 from mentions m where m.article_id = a.id and m.entity_id in "
            "(select e.id from entities e where e.name = ? collate nocase "
            "or (e.label = 'PERSON' and ' ' || e.name || ' ' like ? escape '\\' and not exists "
            "(select 1 from entities e4 where e4.name = ? collate nocase and e4.label != 'PERSON')) "
            "union select m2.entity_id from mentions m2 where m2.text = ? collate nocase))",
            [value, f"% {_like(value)} %", value, value],
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


@lru_cache(maxsize=256)
def _word_pattern(words: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(" ".join(words.split())) + r"(?!\w)", re.I)


def word_in(words: str | None, title: str | None) -> bool:
    """True when `words` stand in `title` as whole words, any case (SQL: tidings_word_in,
    registered on every library connection)."""
    if not words or not title:
        return False
    return _word_pattern(words).search(" ".join(title.split())) is not None


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
