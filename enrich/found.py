"""A name occurrence while the rules correct it, and the overlap rule they share."""
from __future__ import annotations

from dataclasses import dataclass

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# A capitalised run the model missed: kept only if the words around it say what it is.
CANDIDATE = "CANDIDATE"


@dataclass
class Found:
    """A name occurrence while it is being corrected."""

    start: int
    end: int
    label: str
    sure: bool = False  # the label rests on a gazetteer entry or the words around, not on a guess


def without_overlaps(found: list[Found]) -> list[Found]:
    """Keep the longer of overlapping spans (the earlier one on a tie), sorted by start."""
    ordered = sorted(found, key=lambda f: f.start)
    if all(a.end <= b.start and a.start < a.end for a, b in zip(ordered, ordered[1:])):
        return ordered  # the usual case: nothing overlaps
    taken = bytearray(max((f.end for f in found), default=0) + 1)
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if taken.find(1, f.start, f.end) == -1:
            kept.append(f)
            taken[f.start:f.end] = b"\1" * (f.end - f.start)
    return sorted(kept, key=lambda f: f.start)
