"""The SQLite library: schema, migrations, queries and full-text search. Imports nothing of ours."""

from tidings.storage.sqlite_utils_import import import_without_numpy

import_without_numpy()

from tidings.storage.errors import LibraryError, NewerLibrary, NotALibrary, NotFound
from tidings.storage.library import Library
from tidings.storage.records import Annotation, Article, ArticleIn, ArticleSummary, Enclosure, RelatedLink, StoreResult

__all__ = [
    "Annotation",
    "Article",
    "ArticleIn",
    "ArticleSummary",
    "Enclosure",
    "Library",
    "LibraryError",
    "NewerLibrary",
    "NotALibrary",
    "NotFound",
    "RelatedLink",
    "StoreResult",
]
