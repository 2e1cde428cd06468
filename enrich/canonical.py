"""Within one article, point short forms at the full name they stand for.

"Lavrov" -> "Sergei Lavrov" (the nearest earlier full name, else the next one). An acronym
defined as "International Energy Agency (IEA)" takes the full name's type but stays a name of
its own: other articles use it alone, and the library joins them to this one through it.
"""
from __future__ import annotations

import re
from collections import Counter

from tidings.enrich.found import PLACE_LABELS, Found
from tidings.enrich.person_names import person_forms
from tidings.enrich.model import Mention

_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z.&]{1,9})\)")


def link(text: str, found: list[Found], known_people: list[str] = ()) -> list[Mention]:
    """Mentions with canonical names; `known_people` are full names from elsewhere (the body, for a title)."""
    people = [(-1, p) for p in known_people] + [
        (f.start, text[f.start:f.end]) for f in found if f.label == "PERSON" and " " in text[f.start:f.end]
    ]
    short_to_people: dict[str, list[tuple[int, str]]] = {}
    for pos, full in people:
        for form in person_forms(full)[1:]:
            short_to_people.setdefault(form, []).append((pos, full))
    acronyms = _acronyms(text, found)
    out = []
    for f in found:
        name, label = text[f.start:f.end], f.label
        canonical = name
        if name in short_to_people and not (f.sure and (f.label in PLACE_LABELS or f.label == "ORG" and all(
                full.split()[-1] == name and f.start < pos for pos, full in short_to_people[name]))):
            # "Austin, Texas"; "Tufton, a family-owned company founded by Earl Tufton": a company named
            # before its founder bears his surname, and a cue decided it (but "Xi said" after "Xi
            # Jinping", or "her rival Harris" after "Kamala Harris", is the person)
            canonical, label = _nearest(short_to_people[name], f.start), "PERSON"
        elif name in acronyms:
            label = acronyms[name][1]
        out.append((f, name, label, canonical))
    labels = _one_label_per_name(out)
    sure = {canonical for f, _, label, canonical in out if f.sure and label == labels[canonical]}
    return [Mention(text=name, label=labels[canonical], start=f.start, end=f.end, canonical=canonical,
                    sure=canonical in sure)
            for f, name, label, canonical in out]


def _one_label_per_name(mentions: list[tuple[Found, str, str, str]]) -> dict[str, str]:
    """One label per canonical name: a sure label if any mention has one, else the model's person
    guess, else the most frequent ("Bornholm, the Danish island" outvotes two PERSON guesses)."""
    votes: dict[str, Counter] = {}
    for f, _, label, canonical in mentions:
        weight = 10_000 if f.sure else 100 if label == "PERSON" else 1
        votes.setdefault(canonical, Counter())[label] += weight
    return {canonical: counter.most_common(1)[0][0] for canonical, counter in votes.items()}


def _nearest(candidates: list[tuple[int, str]], pos: int) -> str:
    before = [c for c in candidates if c[0] < pos]
    return max(before)[1] if before else min(candidates)[1]


def _acronyms(text: str, found: list[Found]) -> dict[str, tuple[str, str]]:
    out = {}
    for f in found:
        m = _ACRONYM_AFTER.match(text, f.end)
        if m and " " in text[f.start:f.end]:
            out[m.group(1)] = (text[f.start:f.end], f.label)
    return out
