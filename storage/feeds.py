"""Feed subscriptions and their fetch state (the feeds issue fills this in)."""

from __future__ import annotations


class FeedQueries:
    """Queries on feeds, mixed into `storage.Library` (which provides `db`, `query`, `write`)."""
