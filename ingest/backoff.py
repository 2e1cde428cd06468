"""How long a feed that failed waits before it is fetched again (ingest decides; storage
records the time it is next due)."""

from __future__ import annotations

import math

BACKOFF_BASE = 5 * 60.0  # seconds after the first failure, doubling with each one in a row
BACKOFF_MAX = 24 * 3600.0


def retry_delay(failures: int, retry_after: float | None = None) -> float:
    """Seconds to wait after `failures` failures in a row: the server's Retry-After when it
    gave one (clamped to a day: servers are hostile), else 5 minutes doubling, at most a day."""
    if retry_after is not None and math.isfinite(retry_after):
        return min(max(retry_after, 0.0), BACKOFF_MAX)
    return min(BACKOFF_BASE * 2 ** min(max(failures, 1) - 1, 16), BACKOFF_MAX)
