"""Legal-form suffixes of company names ("Equinor ASA", "Siemens AG", "Ørsted A/S") from
`cleanco`'s maintained term lists; a name ending in one is an organisation."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    try:
        from cleanco.termdata import terms_by_type
    except ImportError:
        return frozenset()
    return frozenset(t.strip().lower() for terms in terms_by_type.values() for t in terms if len(t.strip()) >= 2)


def has_company_suffix(name: str) -> bool:
    """True for a name of two words or more whose last word is a legal form, not written in lower case."""
    parts = name.split()
    return len(parts) > 1 and not parts[-1].islower() and parts[-1].lower() in _suffixes()
