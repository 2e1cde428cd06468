"""Fill the gaps a backend leaves: well-known names it missed, and later mentions of names it found once."""
from __future__ import annotations

import re

from tidings.enrich import gazetteer, geonames
from tidings.enrich.found import PLACE_LABELS, Found, without_overlaps
from tidings.enrich.name_words import ORG_KINDS, ORG_WORDS, SENTENCE_STARTERS
from tidings.enrich.person_names import person_forms
from tidings.enrich.titles import TITLE_ANYWHERE
from tidings.enrich.words_before import word_before

# Runs of capitalised words, joined by the small words names contain ("Bank of England", "Gaza Strip").
# The pattern begins with the capital itself (then looks behind it for a word character or hyphen),
# so the regex engine skips to capitals in its fast scan; a leading lookahead would defeat that.
_CAPITALISED = re.compile(r"[A-ZÀ-Ý](?<![\w\-].)[\w.'’\-+]*(?: (?:(?:of|the|and|de|es|al)(?= ))?[ ]?[A-ZÀ-Ý][\w.'’\-+]*)*")

def _lengths_by_first_word() -> dict[str, tuple[int, ...]]:
    """Word counts (longest first) of the multi-word well-known names, by their first word."""
    lengths: dict[str, set[int]] = {}
    for name in list(gazetteer.PLACES) + list(gazetteer.ORGANISATIONS):
        parts = name.split(" ")
        if len(parts) > 1:
            lengths.setdefault(parts[0], set()).add(len(parts))
    return {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()}


# Only the lengths some name starting with the word has are tried, not every length up to the longest.
_LENGTHS_BY_FIRST_WORD = _lengths_by_first_word()
# The names `gazetteer.lookup` calls a place or an organisation, with that label, in one dictionary.
_PLACES_AND_ORGANISATIONS = {**dict.fromkeys(gazetteer.ORGANISATIONS, "ORG"), **gazetteer.PLACES}
_COMPASS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central"}
_NEXT_WORD = re.compile(r" ([\w.’'\-]+)")


def add_missing(text: str, found: list[Found], extra_forms: dict[str, str] | None = None) -> list[Found]:
    """Add gazetteer names and repeats of names already found (surnames included) that were missed."""
    forms = dict(extra_forms or {})
    sure_forms = set(forms)
    # people named in full first: a surname that is also a town ("Ola Harstad", "in Harstad") is the
    # person unless "in" or "near" comes before it (below); then a label the words around a name
    # decided ("shares of Kone" over the model's PERSON guess for another "Kone")
    for f in sorted(found, key=lambda f: (not (f.label == "PERSON" and " " in text[f.start:f.end]), not f.sure,
                                          f.label != "PERSON")):
        name = text[f.start:f.end]
        if f.label == "PERSON":
            for form in person_forms(name):
                if form not in forms:
                    forms[form] = "PERSON"
                    if f.sure:
                        sure_forms.add(form)
        elif (f.label in PLACE_LABELS or f.label == "ORG") and name not in forms:
            forms[name] = f.label
            if f.sure:
                sure_forms.add(name)
    taken = bytearray(len(text) + 1)
    for f in found:
        taken[f.start:f.end] = b"\1" * (f.end - f.start)
    added = []
    hits = [(s, e, label, True) for s, e, label in _gazetteer_hits(text)]
    found = _whole_known_names(text, found, hits, taken)
    for start, end, label, sure in hits + [(s, e, label, text[s:e] in sure_forms)
                                           for s, e, label in _occurrences(text, forms)]:
        if taken.find(1, start, end) != -1:  # most hits are names found already (and a wider span would be too)
            continue
        compass = word_before(text, start, 12) if label in PLACE_LABELS else None
        if compass in _COMPASS and geonames.is_place(text[start - len(compass) - 1:end]):
            start, label = start - len(compass) - 1, "LOC"  # "Western Australia": "Western" is also a people's word
        if taken.find(1, start, end) == -1 and _stands_alone(text, start, end):
            if label == "PERSON" and text.endswith((" in ", " near "), 0, start) and " " not in text[start:end] \
                    and geonames.is_place(text[start:end]):
                label = "GPE"  # "people in Bergen" beside the forecaster Kari Bergen
            added.append(Found(start, end, label, sure=sure))
            taken[start:end] = b"\1" * (end - start)
    return without_overlaps(found + added)


def _whole_known_names(text: str, found: list[Found], hits: list, taken: bytearray) -> list[Found]:
    """A well-known name of several words that the backend cut into pieces ("Trinidad" and "Tobago" in
    "Trinidad and Tobago"; two names GeoNames knows together, "Antigua and Barbuda", "Spanish Town") replaces them;
    not when a found name runs past it ("New York Times")."""
    ordered = sorted(found, key=lambda f: f.start)
    pairs = [(a.start, b.end, "GPE", True) for a, b in zip(ordered, ordered[1:])  # "Antigua and Barbuda"
             if (a.label in PLACE_LABELS and b.label in PLACE_LABELS and text.startswith(" and ", a.end)
                 and b.start == a.end + 5 or b.start == a.end + 1 and text[a.end] == " ")  # "Spanish" "Town"
             and geonames.is_place(text[a.start:b.end])]
    for start, end, label, _ in hits + pairs:
        if taken.find(1, start, end) == -1 or text.find(" ", start, end) == -1:
            continue
        inside = [f for f in found if f.start < end and start < f.end]
        if all(start <= f.start and f.end <= end for f in inside) \
                and not any(f.start == start and f.end == end for f in inside):
            found = [f for f in found if f not in inside] + [Found(start, end, label, sure=True)]
            taken[start:end] = b"\1" * (end - start)
    return found


def _gazetteer_hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of well-known names, longest first at each capitalised word."""
    hits = []
    for m in _CAPITALISED.finditer(text):
        words = m.group().split(" ")
        pos = m.start()
        for k, word in enumerate(words):
            for n in _LENGTHS_BY_FIRST_WORD.get(word, ()):
                name = " ".join(words[k:k + n]).rstrip(".,") if n <= len(words) - k else ""
                if name in _PLACES_AND_ORGANISATIONS:
                    hits.append((pos, pos + len(name), _PLACES_AND_ORGANISATIONS[name]))
                    break
            else:
                name = word.rstrip(".,")
                if name in _PLACES_AND_ORGANISATIONS:
                    hits.append((pos, pos + len(name), _PLACES_AND_ORGANISATIONS[name]))
                elif "-" in word:
                    hits += _hyphen_parts(text, word, pos)
            pos += len(word) + 1
    return hits


def _hyphen_parts(text: str, word: str, pos: int) -> list[tuple[int, int, str]]:
    """Well-known names inside the hyphenated word at text[pos:] ("Russia-US", "Kyiv-based"); none when
    another part is an unknown name ("Paris-Roubaix", "Rolls-Royce": the compound is a name of its own)."""
    parts = word.split("-")
    if len(parts) == 2 and parts[1].rstrip(".,") in _SEAT_WORDS and geonames.is_place(parts[0]) \
            and _KIND_AFTER.match(text, pos + len(word)):
        return [(pos, pos + len(parts[0]), "GPE")]  # "York-based company": a town GeoNames knows (not "Unity-based game")
    if gazetteer.compound_name(word):
        return []
    hits = []
    for part in parts:
        if part in _PLACES_AND_ORGANISATIONS:
            hits.append((pos, pos + len(part), _PLACES_AND_ORGANISATIONS[part]))
        pos += len(part) + 1
    return hits


_SEAT_WORDS = {"based", "headquartered"}
# Up to two describing words, then a kind of organisation ("-based cleaning company", "-based group").
_KIND_AFTER = re.compile(r"(?: [a-z\-]+){0,2}? (?:" + "|".join(sorted(ORG_KINDS)) + r")s?\b")


def _occurrences(text: str, forms: dict[str, str]):
    """(start, end, label) of every whole-word occurrence of the given names."""
    for form, label in forms.items():
        pos = text.find(form)
        while pos != -1:
            end = pos + len(form)
            if (pos == 0 or not _word_char(text[pos - 1])) and (end == len(text) or not _word_char(text[end])):
                yield pos, end, label
            pos = text.find(form, pos + 1)


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "-_"


def _stands_alone(text: str, start: int, end: int) -> bool:
    """False when a hit is part of a longer capitalised name ("Charlotte Brown", "Apple Daily")."""
    prev = word_before(text, start, 40, ".’'-")
    nxt = _NEXT_WORD.match(text, end)
    before = prev if prev and not prev.endswith(".") else ""  # a full stop ends the sentence
    for word in (before, nxt.group(1) if nxt else ""):
        if word[:1].isupper() and word not in SENTENCE_STARTERS and not gazetteer.is_place_or_people(word) \
                and not TITLE_ANYWHERE.fullmatch(word) and word not in ORG_WORDS:
            return False
    return True
