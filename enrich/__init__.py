"""Named entities and timelines for news articles: pure text analysis, no I/O but the model load."""
from enrich.analysis import analyse
from enrich.backends import backend_info
from enrich.model import Analysis, Mention, TimelineItem

# Bump whenever output changes, so stored results can be recomputed.
ENRICH_VERSION = 1

__all__ = ["Analysis", "Mention", "TimelineItem", "analyse", "backend_info", "ENRICH_VERSION"]
