"""Named entities and timelines for news articles: pure text analysis, no I/O but the model load.

`analyse(title, text, published)` finds people, organisations and places (with a canonical
name per article) and resolves dated expressions against the publication date. The backend
is spaCy's small English model when it can be loaded, else a rule-based fallback; set
TIDINGS_NLP=fallback to force the fallback. `analyse` is safe to call from several threads:
calls into the model are serialised by a lock, everything else is per call.
"""
from tidings.enrich.analysis import analyse
from tidings.enrich.backends import backend_info
from tidings.enrich.model import Analysis, Mention, TimelineItem

# Bump whenever output changes, so stored results can be recomputed.
ENRICH_VERSION = 3

__all__ = ["Analysis", "Mention", "TimelineItem", "analyse", "backend_info", "ENRICH_VERSION"]
