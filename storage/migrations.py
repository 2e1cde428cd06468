"""The library's schema, as small named migrations applied on every open.

Never edit a migration that has shipped: add a new one. Each runs in its own transaction.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.db import Table
from sqlite_utils.migrations import Migrations

from tidings.storage.entity_types import retype

migrations = Migrations("tidings")

# PRAGMA application_id of a Tidings library ("TIDN"): what `file` and Tidings recognise it by.
APPLICATION_ID = 0x5449444E


def known_migrations() -> set[str]:
    """The names of every migration this Tidings knows (all are pending on an empty database)."""
    return {m.name for m in migrations.pending(Database(memory=True))}


def _table(db: Database, name: str) -> Table:
    table = db[name]
    assert isinstance(table, Table)
    return table


@migrations()
def m001_feeds(db: Database) -> None:
    """Feeds: subscribed (kind 'feed', with a URL) or local collections (kind 'local')."""
    _table(db, "feeds").create(
        {
            "id": int,
            "kind": str,
            "url": str,
            "title": str,
            "site_url": str,
            "full_text": int,
            "etag": str,
            "last_modified": str,
            "last_fetched": str,
            "last_status": int,
            "last_error": str,
            "error_count": int,
            "next_due": str,
            "created": str,
        },
        pk="id",
        not_null={"kind", "title", "created"},
        defaults={"full_text": 0, "error_count": 0},
    )
    db.execute("create unique index feeds_url on feeds(url) where url is not null")
    db.execute("create unique index feeds_local_title on feeds(title) where kind = 'local'")
    _table(db, "feed_tags").create(
        {"feed_id": int, "tag": str},
        pk=("feed_id", "tag"),
        foreign_keys=[("feed_id", "feeds", "id")],
    )
    db.execute("create index feed_tags_tag on feed_tags(tag)")


@migrations()
def m002_articles(db: Database) -> None:
    """Articles, unique on (feed, guid); read and starred marks live on the row."""
    _table(db, "articles").create(
        {
            "id": int,
            "feed_id": int,
            "guid": str,
            "title": str,
            "url": str,
            "author": str,
            "published": str,
            "fetched": str,
            "updated": str,
            "text": str,
            "html": str,
            "summary": str,
            "read": int,
            "read_at": str,
            "starred": int,
            "starred_at": str,
            "content_hash": str,
        },
        pk="id",
        not_null={"feed_id", "guid", "title", "text", "fetched"},
        defaults={"read": 0, "starred": 0, "text": ""},
        foreign_keys=[("feed_id", "feeds", "id")],
    )
    db.execute("create unique index articles_feed_guid on articles(feed_id, guid)")
    db.execute("create index articles_published on articles(published desc, id desc)")
    db.execute("create index articles_unread on articles(read, published desc) where read = 0")
    db.execute("create index articles_starred on articles(published desc) where starred = 1")
    db.execute("create index articles_url on articles(url)")


@migrations()
def m003_annotations(db: Database) -> None:
    """Highlights with notes, anchored by W3C text-quote (quote, prefix, suffix) and position."""
    _table(db, "annotations").create(
        {
            "id": int,
            "article_id": int,
            "quote": str,
            "prefix": str,
            "suffix": str,
            "start": int,
            "end": int,
            "note": str,
            "colour": str,
            "orphaned": int,
            "created": str,
            "updated": str,
        },
        pk="id",
        not_null={"article_id", "quote", "start", "end", "created", "updated"},
        defaults={"note": "", "colour": "yellow", "orphaned": 0},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.execute("create index annotations_article on annotations(article_id)")


@migrations()
def m004_related_links(db: Database) -> None:
    """Links an article points to as related reading ("Read more" blocks, page links)."""
    _table(db, "related_links").create(
        {"id": int, "article_id": int, "position": int, "title": str, "url": str},
        pk="id",
        not_null={"article_id", "title"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.execute("create index related_links_article on related_links(article_id, position)")


@migrations()
def m005_search(db: Database) -> None:
    """Full-text search over title and text, kept in sync by triggers."""
    _table(db, "articles").enable_fts(
        ["title", "text"], create_triggers=True, tokenize="porter unicode61 remove_diacritics 2"
    )


@migrations()
def m006_enrichment(db: Database) -> None:
    """Entities, their mentions, timeline items, and the queue of articles awaiting enrichment."""
    _table(db, "entities").create(
        {"id": int, "name": str, "label": str, "article_count": int},
        pk="id",
        not_null={"name", "label"},
        defaults={"article_count": 0},
    )
    db.execute("create unique index entities_name_label on entities(name, label)")
    _table(db, "mentions").create(
        {
            "id": int,
            "article_id": int,
            "entity_id": int,
            "field": str,
            "start": int,
            "end": int,
            "text": str,
        },
        pk="id",
        not_null={"article_id", "entity_id", "field", "start", "end", "text"},
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db.execute("create index mentions_article on mentions(article_id)")
    db.execute("create index mentions_entity on mentions(entity_id, article_id)")
    _table(db, "timeline").create(
        {
            "id": int,
            "article_id": int,
            "expression": str,
            "start": int,
            "end": int,
            "date": str,
            "precision": str,
            "sentence": str,
            "sentence_start": int,
            "sentence_end": int,
        },
        pk="id",
        not_null={"article_id", "expression", "start", "end", "date", "precision"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.execute("create index timeline_article on timeline(article_id)")
    db.execute("create index timeline_date on timeline(date)")
    _table(db, "enrich_queue").create(
        {"article_id": int, "priority": int, "queued": str},
        pk="article_id",
        not_null={"priority", "queued"},
        defaults={"priority": 0},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.execute("create index enrich_queue_order on enrich_queue(priority desc, article_id desc)")
    _table(db, "enrichments").create(
        {"article_id": int, "version": int, "backend": str, "computed": str},
        pk="article_id",
        not_null={"version", "backend", "computed"},
        foreign_keys=[("article_id", "articles", "id")],
    )


@migrations()
def m007_saved_searches(db: Database) -> None:
    """Saved searches: named queries shown as views beside the feeds."""
    _table(db, "saved_searches").create(
        {"id": int, "name": str, "query": str, "created": str},
        pk="id",
        not_null={"name", "query", "created"},
    )
    db.execute("create unique index saved_searches_name on saved_searches(name)")
    db.execute("create index mentions_text on mentions(text collate nocase)")


@migrations()
def m008_duplicates(db: Database) -> None:
    """Near-duplicates: a text fingerprint in four 16-bit bands, a normalised URL, and the
    group each duplicate belongs to (dup_of names the group's first article)."""
    articles = _table(db, "articles")
    articles.add_column("url_key", str)
    articles.add_column("dup_of", int)
    db.execute("create index articles_url_key on articles(url_key) where url_key is not null")
    db.execute("create index articles_dup_of on articles(dup_of) where dup_of is not null")
    _table(db, "fingerprints").create(
        {"article_id": int, "hash": int, "b0": int, "b1": int, "b2": int, "b3": int},
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    for band in range(4):
        db.execute(f"create index fingerprints_b{band} on fingerprints(b{band})")


@migrations()
def m009_title_index(db: Database) -> None:
    """Titles are looked up exactly: an article's related links name others by title."""
    db.execute("create index articles_title on articles(title)")


@migrations()
def m010_list_indexes(db: Database) -> None:
    """Covering indexes for the list's views, newest first, one row per story: a 100,000-
    article list then loads its ids from the index alone (87 ms, not 400)."""
    db.execute("drop index if exists articles_unread")
    db.execute("drop index if exists articles_starred")
    db.execute(
        "create index articles_list on articles(published desc, id desc) where dup_of is null"
    )
    db.execute(
        "create index articles_list_unread on articles(published desc, id desc) "
        "where read = 0 and dup_of is null"
    )
    db.execute(
        "create index articles_list_starred on articles(published desc, id desc) "
        "where starred = 1"
    )


@migrations()
def m011_hostile_regroup_duplicates(db: Database) -> None:
    """Near-duplicate groups rebuilt without chaining: each copy is checked against its group's
    representative (same URL, or close text and close titles), never through another copy."""
    from pathlib import Path

    from tidings.storage.duplicates import DuplicateQueries

    DuplicateQueries(db, Path(db.conn.execute("pragma database_list").fetchone()[2] or ".")) \
        .regroup_duplicates()


@migrations()
def m012_arch_application_id(db: Database) -> None:
    """The file says it is a Tidings library: PRAGMA application_id, in the header."""
    db.execute(f"pragma application_id = {APPLICATION_ID}")


@migrations()
def m013_ui_search_folds_accents(db: Database) -> None:
    """The search index holds title and text with accents and special letters folded
    (tidings_fold: "Rønne" is indexed as "ronne"), so a query typed without them finds them.
    The index becomes contentless (the text is already in `articles`), and it is rewritten
    only when a title or text changes, not when an article is marked."""
    for (name,) in db.execute(
        "select name from sqlite_master where type = 'trigger' and tbl_name = 'articles' "
        "and sql like '%articles_fts%'"
    ).fetchall():
        db.execute(f'drop trigger "{name}"')
    db.execute("drop table if exists articles_fts")
    db.execute(
        "create virtual table articles_fts using fts5(title, text, content='', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.execute(
        "insert into articles_fts (rowid, title, text) "
        "select id, tidings_fold(title), tidings_fold(text) from articles"
    )
    db.execute(
        "create trigger articles_fts_insert after insert on articles begin "
        "insert into articles_fts (rowid, title, text) "
        "values (new.id, tidings_fold(new.title), tidings_fold(new.text)); end"
    )
    db.execute(
        "create trigger articles_fts_delete after delete on articles begin "
        "insert into articles_fts (articles_fts, rowid, title, text) "
        "values ('delete', old.id, tidings_fold(old.title), tidings_fold(old.text)); end"
    )
    db.execute(
        "create trigger articles_fts_update after update of title, text on articles begin "
        "insert into articles_fts (articles_fts, rowid, title, text) "
        "values ('delete', old.id, tidings_fold(old.title), tidings_fold(old.text)); "
        "insert into articles_fts (rowid, title, text) "
        "values (new.id, tidings_fold(new.title), tidings_fold(new.text)); end"
    )


@migrations()
def m011_perf_queue_order(db: Database) -> None:
    """The enricher's next article from an index, not a sort of the whole queue: the queue
    keeps each article's publication date (filled by a trigger, whoever queues it), so
    "highest priority, then newest" is the first entry of `enrich_queue_next` (14 ms at
    5,800 queued before, a few microseconds at any size after)."""
    _table(db, "enrich_queue").add_column("published", str)
    db.execute(
        "update enrich_queue set published = "
        "(select a.published from articles a where a.id = enrich_queue.article_id)"
    )
    db.execute(
        "create index enrich_queue_next on enrich_queue"
        "(priority desc, published desc, article_id desc)"
    )
    db.execute(
        "create trigger enrich_queue_published after insert on enrich_queue "
        "when new.published is null begin "
        "update enrich_queue set published = "
        "(select a.published from articles a where a.id = new.article_id) "
        "where article_id = new.article_id; end"
    )
    db.execute(
        "create trigger enrich_queue_republished after update of published on articles "
        "begin update enrich_queue set published = new.published "
        "where article_id = new.id; end"
    )


@migrations()
def m012_perf_text_once(db: Database) -> None:
    """Each article's words stored once: a refresh keeps the addresses the text's [n] marks
    name (`links`) instead of the source's whole HTML beside the text, which doubled a
    refreshed library; a summary that is the text itself is dropped, and so is the queue index
    that `enrich_queue_next` replaced. HTML stored before stays (the links of those articles
    are read from it): nothing already stored is lost."""
    articles = _table(db, "articles")
    if "links" not in articles.columns_dict:
        articles.add_column("links", str)
    db.execute("update articles set summary = null where summary = text")
    db.execute("drop index if exists enrich_queue_order")


@migrations()
def m013_perf_unread_counts(db: Database) -> None:
    """Every view's unread count from an index of the unread articles by feed (the view
    selector read every row of the library to count them: seconds at a million articles).
    `read` is in the index so that counting never touches a row."""
    db.execute(
        "create index articles_unread_feed on articles(feed_id, dup_of, read) where read = 0"
    )


@migrations()
def m014_perf_covering_lists(db: Database) -> None:
    """The list's indexes made covering: SQLite reads a column a partial index is filtered on
    (dup_of, read, starred) from the row unless the index holds it, so m010's indexes still
    read every article's row (a million-article list: seconds, not a tenth of one)."""
    db.execute("drop index if exists articles_list")
    db.execute("drop index if exists articles_list_unread")
    db.execute("drop index if exists articles_list_starred")
    db.execute(
        "create index articles_list on articles(published desc, id desc, dup_of) "
        "where dup_of is null"
    )
    db.execute(
        "create index articles_list_unread on articles(published desc, id desc, read, dup_of) "
        "where read = 0 and dup_of is null"
    )
    db.execute(
        "create index articles_list_starred on articles(published desc, id desc, starred, read) "
        "where starred = 1"
    )


@migrations()
def m012_hostile_feed_warnings(db: Database) -> None:
    """A feed that parsed only after recovery (HTML entities in XML...) has a warning, not an
    error: its items were stored. Such problems recorded as errors before move over."""
    _table(db, "feeds").add_column("last_warning", str)
    db.execute(
        "update feeds set last_warning = last_error, last_error = null "
        "where last_error is not null and coalesce(error_count, 0) = 0"
    )


@migrations()
def m013_hostile_enrich_failures(db: Database) -> None:
    """Articles whose analysis failed: recorded with the error and taken off the queue, so
    one bad article neither stops the enricher nor stays first in line."""
    _table(db, "enrich_failures").create(
        {"article_id": int, "error": str, "failed": str},
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )


@migrations()
def m013_nlp_entities_one_type(db: Database) -> None:
    """One entity per name with one type (person, org, place, other) decided from the evidence
    of all its mentions: each mention keeps the label it was found with and how sure that was,
    `entity_votes` sums them per article, and `last_word` finds a person by surname."""
    mentions = _table(db, "mentions")
    mentions.add_column("label", str)
    mentions.add_column("weight", int, not_null_default=1)
    db.execute("update mentions set label = (select label from entities e where e.id = mentions.entity_id)")
    entities = _table(db, "entities")
    entities.add_column("type", str)
    entities.add_column("last_word", str)
    db.execute(  # only the mentions of names stored under several labels move
        "update mentions set entity_id = (select min(e2.id) from entities e1 join entities e2 "
        "on e2.name = e1.name where e1.id = mentions.entity_id) where entity_id in "
        "(select id from entities where name in (select name from entities group by name having count(*) > 1))"
    )
    db.execute("delete from entities where id not in (select min(id) from entities group by name)")
    db.execute("drop index if exists entities_name_label")
    db.execute("create unique index entities_name on entities(name)")
    db.execute("create index entities_last_word on entities(last_word) where last_word is not null")
    db.execute(
        "update entities set last_word = substr(name, length(rtrim(name, replace(name, ' ', ''))) + 1) "
        "where name like '% %'"
    )
    _table(db, "entity_votes").create(
        {"entity_id": int, "label": str, "weight": int},
        pk=("entity_id", "label"),
        not_null={"weight"},
        foreign_keys=[("entity_id", "entities", "id")],
    )
    db.execute(
        "insert into entity_votes (entity_id, label, weight) select entity_id, label, sum(w) from "
        "(select article_id, entity_id, label, max(weight) as w from mentions "
        "group by article_id, entity_id, label) group by entity_id, label"
    )
    db.execute(
        "update entities set article_count = (select count(distinct article_id) from mentions m "
        "where m.entity_id = entities.id)"
    )
    db.execute("delete from entity_votes where weight <= 0")
    retype(db.conn, [row[0] for row in db.execute("select id from entities")])
    db.execute("update entities set type = 'other' where type is null")


@migrations()
def m015_sync_accounts(db: Database) -> None:
    """Sync with aggregator servers: accounts (never their secrets), the feeds and articles
    each server knows by its own ids, resumable sync state, and a journal of local read and
    starred changes to push. Triggers write the journal in the same transaction as the mark,
    whichever code path sets it, for articles a server knows."""
    _table(db, "sync_accounts").create(
        {
            "id": int,
            "name": str,
            "kind": str,
            "url": str,
            "user": str,
            "secret_source": str,  # "command", "file" or "env": where the secret comes from
            "secret_ref": str,  # the command line or the file's path, never the secret
            "created": str,
            "last_sync": str,
            "last_error": str,
        },
        pk="id",
        not_null={"name", "kind", "url", "secret_source", "created"},
    )
    db.execute("create unique index sync_accounts_name on sync_accounts(name)")
    feeds = _table(db, "feeds")
    feeds.add_column("account_id", int)
    feeds.add_column("remote_id", str)
    db.execute(
        "create unique index feeds_account_remote on feeds(account_id, remote_id) "
        "where account_id is not null"
    )
    _table(db, "sync_items").create(
        {"account_id": int, "remote_id": str, "article_id": int},
        pk=("account_id", "remote_id"),
        not_null={"article_id"},
        foreign_keys=[("article_id", "articles", "id"), ("account_id", "sync_accounts", "id")],
    )
    db.execute("create index sync_items_article on sync_items(article_id)")
    _table(db, "sync_state").create(
        {"account_id": int, "key": str, "value": str},
        pk=("account_id", "key"),
        foreign_keys=[("account_id", "sync_accounts", "id")],
    )
    _table(db, "sync_journal").create(
        {"id": int, "article_id": int, "field": str, "changed": str},
        pk="id",
        not_null={"article_id", "field", "changed"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.execute("create index sync_journal_article on sync_journal(article_id, field)")
    for field in ("read", "starred"):
        db.execute(
            f"""
            create trigger sync_journal_{field} after update of {field} on articles
            when old.{field} is not new.{field}
              and exists (select 1 from sync_items where article_id = new.id)
            begin
              insert into sync_journal (article_id, field, changed)
              values (new.id, '{field}', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
            end
            """
        )


@migrations()
def m015_perf_search_filters(db: Database) -> None:
    """What a search checks of each full-text match (feed, marks, group, date) in one narrow
    index by id: a million articles' rows do not stay in memory, this index does."""
    db.execute(
        "create index articles_filters on articles(id, feed_id, read, starred, dup_of, published)"
    )


@migrations()
def m011_sched_feed_schedule(db: Database) -> None:
    """When each feed is fetched next, and why: the user's own interval for it (seconds, or
    null for adaptive), the posting gap and the feed's hint learnt at the last fetch, and the
    interval and reason the scheduler chose (`next_due` already holds the moment)."""
    feeds = _table(db, "feeds")
    feeds.add_column("user_interval", int)
    feeds.add_column("posting_gap", int)
    feeds.add_column("feed_hint", int)
    feeds.add_column("next_interval", int)
    feeds.add_column("schedule_reason", str)


@migrations()
def m012_sched_rules(db: Database) -> None:
    """Rules (a query and an action run on every new article), articles a rule hid (kept,
    shown by `is:hidden`), and tags a rule put on single articles. The list's indexes leave
    hidden articles out, as the lists do, and stay covering (hidden_by is in each)."""
    _table(db, "rules").create(
        {"id": int, "name": str, "query": str, "action": str, "feed_id": int, "created": str},
        pk="id",
        not_null={"name", "query", "action", "created"},
        foreign_keys=[("feed_id", "feeds", "id")],
    )
    db.execute("create unique index rules_name on rules(name)")
    _table(db, "article_tags").create(
        {"article_id": int, "tag": str},
        pk=("article_id", "tag"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.execute("create index article_tags_tag on article_tags(tag)")
    _table(db, "articles").add_column("hidden_by", int)
    db.execute("create index articles_hidden on articles(hidden_by) where hidden_by is not null")
    db.execute("drop index if exists articles_list")
    db.execute("drop index if exists articles_list_unread")
    db.execute("drop index if exists articles_list_starred")
    db.execute(
        "create index articles_list on articles(published desc, id desc, dup_of, hidden_by) "
        "where dup_of is null and hidden_by is null"
    )
    db.execute(
        "create index articles_list_unread on articles"
        "(published desc, id desc, read, dup_of, hidden_by) "
        "where read = 0 and dup_of is null and hidden_by is null"
    )
    db.execute(
        "create index articles_list_starred on articles"
        "(published desc, id desc, starred, read, dup_of, hidden_by) where starred = 1"
    )
    db.execute("drop index if exists articles_filters")  # the search's index, with hidden_by
    db.execute(
        "create index articles_filters on articles"
        "(id, feed_id, read, starred, dup_of, published, hidden_by)"
    )


@migrations()
def m013_sched_enclosures(db: Database) -> None:
    """Files an article carries (podcast episodes, videos), in the feed's order."""
    _table(db, "enclosures").create(
        {"article_id": int, "position": int, "url": str, "type": str, "length": int},
        pk=("article_id", "position"),
        not_null={"url"},
        foreign_keys=[("article_id", "articles", "id")],
    )


# What each article adds to its feed's row of `article_counts`, as SQL over NEW or OLD.
_COUNTED = {
    "articles": "1",
    "unread": "{r}.read = 0",
    "unread_stories": "{r}.read = 0 and {r}.dup_of is null",
    "unread_shown": "{r}.read = 0 and {r}.dup_of is null and {r}.hidden_by is null",
    "starred_unread": "{r}.starred = 1 and {r}.read = 0",
    "hidden_unread": "{r}.hidden_by is not null and {r}.read = 0",
}


def _counted(row: str) -> list[str]:
    return [f"(case when {rule.format(r=row)} then 1 else 0 end)" for rule in _COUNTED.values()]


def recount_articles(db: Database) -> None:
    """Fill `article_counts` from the articles themselves (its triggers keep it after)."""
    db.execute("delete from article_counts")
    sums = ", ".join(f"sum({value})" for value in _counted("a"))
    db.execute(
        f"insert into article_counts (feed_id, {', '.join(_COUNTED)}) "
        f"select a.feed_id, {sums} from articles a group by a.feed_id"
    )


@migrations()
def m016_scale_article_counts(db: Database) -> None:
    """Each feed's article and unread counts in a small table kept exact by triggers, in the
    same transaction as the insert, mark, rule or delete that changes them: the view selector,
    the status line and the list's change check read ~one row per feed instead of counting a
    million articles (128 ms a time on the UI thread). Filling it reads every article once
    (about 2 s at a million); the triggers add two small updates to each write of a row."""
    columns = ", ".join(f"{name} integer not null default 0" for name in _COUNTED)
    db.execute(f"create table article_counts (feed_id integer primary key, {columns})")
    recount_articles(db)
    names = ", ".join(_COUNTED)
    added = ", ".join(f"{name} = {name} + excluded.{name}" for name in _COUNTED)

    def add(row: str) -> str:
        return (f"insert into article_counts (feed_id, {names}) "
                f"values ({row}.feed_id, {', '.join(_counted(row))}) "
                f"on conflict (feed_id) do update set {added};")

    def subtract(row: str) -> str:
        taken = ", ".join(f"{name} = {name} - {value}"
                          for name, value in zip(_COUNTED, _counted(row)))
        return f"update article_counts set {taken} where feed_id = {row}.feed_id;"

    db.execute(f"create trigger article_counts_insert after insert on articles begin {add('new')} end")
    db.execute(f"create trigger article_counts_delete after delete on articles begin {subtract('old')} end")
    db.execute(
        "create trigger article_counts_update after update of feed_id, read, starred, dup_of, "
        f"hidden_by on articles begin {subtract('old')} {add('new')} end"
    )
    db.execute(
        "create trigger article_counts_feed_gone after delete on feeds begin "
        "delete from article_counts where feed_id = old.id; end"
    )
