"""Person names: the short forms a full name goes by, and names cut at a particle."""
from __future__ import annotations

import re
from functools import lru_cache

from tidings.enrich import gazetteer
from tidings.enrich.found import Found
from tidings.enrich.given_names import GIVEN_NAMES
from tidings.enrich.name_words import ORG_WORDS, PARTICLES, PLACE_WORDS
from tidings.enrich.pinned_regex import EndAnchored

_ANY_CASE_PARTICLE = "|".join(sorted(PARTICLES | {p.capitalize() for p in PARTICLES}, key=len, reverse=True))
_PARTICLE_TAIL = re.compile(r"(?:(?: (?:" + _ANY_CASE_PARTICLE + r"))+ [A-Z][\w’'\-]*[\w])+")
_INITIAL = re.compile(r"[A-Z]\.?")
PARTICLE_HEAD = EndAnchored(r"(?<![\w’'\-])(?:(?:" + _ANY_CASE_PARTICLE + r") )+$")


@lru_cache(maxsize=4096)  # asked for every person mention, several times per article
def person_forms(name: str) -> tuple[str, ...]:
    """The full name and the short forms it may be referred to by ("Lavrov", "von der Leyen", "Xi")."""
    parts = name.split()
    forms = [name]
    if len(parts) == 2 and parts[0] not in GIVEN_NAMES and parts[0] not in PARTICLES:
        forms.append(parts[0])  # family name first: "Xi" for "Xi Jinping"
    for k in range(1, len(parts)):
        if _valid_suffix_start(parts, k):
            forms.append(" ".join(parts[k:]))
            if parts[k] in PARTICLES:  # "Von der Leyen" at the start of a sentence
                forms.append(" ".join([parts[k].capitalize()] + parts[k + 1:]))
    return tuple(forms)


def all_person_forms(text: str, found: list[Found]) -> set[str]:
    """Every way the article's full-named people may be referred to."""
    return {form for f in found if f.label == "PERSON" and " " in text[f.start:f.end]
            for form in person_forms(text[f.start:f.end])}


def _valid_suffix_start(parts: list[str], k: int) -> bool:
    if parts[k] in PARTICLES:
        return parts[k - 1] not in PARTICLES
    return parts[k - 1] not in PARTICLES and parts[k][:1].isupper() and not _INITIAL.fullmatch(parts[k])


def looks_like_person(name: str) -> bool:
    """Capitalised, at most five words, none of them an organisation or place word, not a known name."""
    parts = name.split()
    return (0 < len(parts) <= 5 and parts[0][:1].isupper() and not any(p in ORG_WORDS or p in PLACE_WORDS for p in parts)
            and gazetteer.lookup(name) is None)


def with_particles(text: str, f: Found) -> Found:
    """Extend a person over a particle surname spaCy cut off ("Ursula von" + "der Leyen")."""
    while f.end > f.start and text[f.start:f.end].split()[-1] in PARTICLES and " " in text[f.start:f.end]:
        f.end = f.start + text[f.start:f.end].rstrip().rfind(" ")
    m = _PARTICLE_TAIL.match(text, f.end)
    if m:
        f.end = m.end()
    return f
