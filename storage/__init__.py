"""The SQLite library: schema, migrations, queries and full-text search. Imports nothing of ours.

All SQL of Tidings lives here. Records (storage/records.py) and errors (storage/errors.py)
are exported from this package.
"""

from tidings.storage.sqlite_utils_import import import_without_numpy

import_without_numpy()

from tidings.storage.enrichment import PRIORITY_OPEN, PRIORITY_SOON
from tidings.storage.errors import (
    FeedExists,
    LibraryError,
    NewerLibrary,
    NotALibrary,
    NotANewsboatCache,
    NotFound,
    QueryError,
)
from tidings.storage.library import Library
from tidings.storage.rows import prepare_article
from tidings.storage.records import (
    Annotation,
    Article,
    ArticleIn,
    ArticleSummary,
    Enclosure,
    FeedName,
    FeedState,
    FetchOutcome,
    MentionRow,
    NewsboatItem,
    PreparedArticle,
    QueuedArticle,
    Related,
    RelatedLink,
    SavedSearch,
    Schedule,
    StoreResult,
    TimelineRow,
)

__all__ = [
    "Enclosure",
    "Schedule",
    "PRIORITY_OPEN",
    "PRIORITY_SOON",
    "Annotation",
    "Article",
    "ArticleIn",
    "ArticleSummary",
    "FeedExists",
    "FeedName",
    "FeedState",
    "FetchOutcome",
    "Library",
    "LibraryError",
    "MentionRow",
    "NewerLibrary",
    "NewsboatItem",
    "NotALibrary",
    "NotANewsboatCache",
    "NotFound",
    "PreparedArticle",
    "prepare_article",
    "QueryError",
    "QueuedArticle",
    "Related",
    "RelatedLink",
    "SavedSearch",
    "StoreResult",
    "TimelineRow",
]
