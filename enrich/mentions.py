"""Clean raw name spans from either backend and fill in what the backend missed.

The rules are general corrections of the small model's habits: titles, leading
"the", possessives, title words read as organisations, well-known places read as
people, and names the model found once but missed elsewhere in the same article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from enrich import gazetteer
from enrich.name_words import ORG_WORDS, PARTICLES, PLACE_WORDS, POSSESSIVE_IN_NAMES, SENTENCE_STARTERS
from enrich.titles import LOWER_ROLE, TITLE_RUN, is_title, strip_leading_title

PLACE_LABELS = {"GPE", "LOC", "FAC"}
_BOUNDED_TITLE = re.compile(r"(?<![\w\-])(?:" + TITLE_RUN.pattern + ")")
_EDGE_PUNCT = " \t\n,;:“”\"‘’'()[]—–-"
_KEEP_DOT = re.compile(r"(?:(?:[A-Z]\.)+|\b(?:Inc|Corp|Ltd|Co|Jr|Sr|St)\.)$")
# Runs of capitalised words, joined by the small words names contain ("Bank of England", "Gaza Strip").
_CAPITALISED = re.compile(r"(?<![\w\-])[A-ZÀ-Ý][\w.'’\-+]*(?: (?:(?:of|the|and|de|es|al)(?= ))?[ ]?[A-ZÀ-Ý][\w.'’\-+]*)*")
_GAZETTEER_MAX_WORDS = max(len(n.split()) for n in list(gazetteer.PLACES) + list(gazetteer.ORGANISATIONS))
_INNER_POSSESSIVE = re.compile(r"['’]s ")
_PARTICLE_TAIL = re.compile(
    r"(?:(?: (?:" + "|".join(sorted(PARTICLES | {p.capitalize() for p in PARTICLES}, key=len, reverse=True))
    + r"))+ [A-Z][\w’'\-]*[\w])+"
)
_PARTICLE_HEAD = re.compile(
    r"(?<![\w’'\-])(?:(?:" + "|".join(sorted(PARTICLES | {p.capitalize() for p in PARTICLES}, key=len, reverse=True))
    + r") )+$"
)
_TRAILING_SCORE = re.compile(r" \d+[-–]\d+$")
_PREV_WORD = re.compile(r"([\w.’'\-]+) $")
_NEXT_WORD = re.compile(r" ([\w.’'\-]+)")


@dataclass
class Found:
    """A name occurrence while it is being corrected."""

    start: int
    end: int
    label: str
    sure: bool = False  # the label rests on a gazetteer entry or the words around, not on a guess


def refine(text: str, spans: list[tuple[int, int, str]]) -> list[Found]:
    """Apply the span corrections to a backend's spans."""
    titles = [(m.start(), m.end()) for m in _BOUNDED_TITLE.finditer(text)]
    out = []
    for raw_start, raw_end, raw_label in spans:
        for start, end, label in _split_possessives(text, raw_start, raw_end, raw_label):
            found = _refine_one(text, start, end, label, titles)
            if found:
                out.append(found)
    return without_overlaps(out)


def _refine_one(text: str, start: int, end: int, label: str, titles: list[tuple[int, int]]) -> Found | None:
    possessor = text[end - 2:end] in ("’s", "'s") and text[end + 1:end + 2].isupper()
    start, end = _trim(text, start, end)
    name = text[start:end]
    if not name or not any(c.isupper() for c in name) or name in SENTENCE_STARTERS:
        return None
    rest, cut = strip_leading_title(name)
    if cut and _looks_like_person(rest):
        known = gazetteer.lookup(rest)
        return _with_particles(text, Found(start + cut, end, known or "PERSON", sure=True))
    if is_title(name) or (label != "PERSON" and any(s <= start and end <= e for s, e in titles)):
        return None
    cut_title = [s for s, e in titles if start < s and e == end]
    if cut_title and label != "PERSON":  # "FEMA Administrator"
        end = cut_title[0] - 1
        name = text[start:end]
    head = _PARTICLE_HEAD.search(text, max(0, start - 24), start)
    if head and " " not in name:  # "Van der" + "Plas": the model saw only the last word
        return Found(head.start(), end, "PERSON", sure=True)
    if label == "ORG" and text[end:end + 1] == "+":  # "OPEC+"
        end += 1
        name = text[start:end]
    sure = True
    known = gazetteer.lookup(name)
    if known:
        label = known
    elif label != "ORG" and _named_after_city(name):  # "Real Madrid", "Emergency Management Victoria"
        label = "ORG"
    elif label == "ORG" and name.split()[-1] in PLACE_WORDS and not any(w in ORG_WORDS for w in name.split()):
        label = PLACE_WORDS[name.split()[-1]]
    elif (_after_person_cue(text, start, titles) or possessor and label == "ORG" and " " in name) \
            and _looks_like_person(name):  # "Finance Minister Christian Lindner", "Nitish Kumar's party"
        label = "PERSON"
    else:
        sure = False
    found = Found(start, end, label, sure)
    return _with_particles(text, found) if label == "PERSON" else found


def split_country_prefix(text: str, found: list[Found]) -> list[Found]:
    """"US Federal Reserve" is the US and the Federal Reserve, when the rest is a known name on its own."""
    org_names = {text[f.start:f.end] for f in found if f.label == "ORG"}
    out = []
    for f in found:
        name = text[f.start:f.end]
        first, _, rest = name.partition(" ")
        if f.label == "ORG" and rest and gazetteer.is_place_or_people(first) and not gazetteer.lookup(name) \
                and (gazetteer.lookup(rest) == "ORG" or rest in org_names and " " in rest):
            rest_start = f.start + len(first) + 1
            out += [Found(f.start, f.start + len(first), gazetteer.lookup(first), True), Found(rest_start, f.end, "ORG", True)]
        else:
            out.append(f)
    return out


def _named_after_city(name: str) -> bool:
    parts = name.split()
    return len(parts) > 1 and parts[-1] in gazetteer.CITIES and not gazetteer.lookup(" ".join(parts[:-1]))


def _split_possessives(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"Senegal's Sall" is two names; a leading place is split from what follows it."""
    m = _INNER_POSSESSIVE.search(text, start, end)
    if not m or text[start:m.end()].split()[-1] in POSSESSIVE_IN_NAMES:  # "People's Liberation Army"
        return [(start, end, label)]
    head_end, tail_start = m.start(), m.end()
    head = text[start:head_end]
    tail = text[tail_start:end]
    # The possessed part keeps the label; a one-word tail only after a place ("Senegal's Sall").
    keep_tail = tail and (" " in tail or gazetteer.lookup(head) in PLACE_LABELS)
    tails = [(tail_start, end, label)] if keep_tail else []
    if gazetteer.lookup(head) in PLACE_LABELS:
        return [(start, head_end, gazetteer.lookup(head))] + tails
    words = head.split()
    for k in range(len(words) - 1, 0, -1):
        place = " ".join(words[:k])
        if gazetteer.lookup(place) in PLACE_LABELS:
            return [(start, start + len(place), gazetteer.lookup(place))] + tails
    head_label = "PERSON" if keep_tail and _looks_like_person(head) and " " in head else label
    return [(start, head_end, head_label)] + tails


def _with_particles(text: str, f: Found) -> Found:
    """Extend a person over a particle surname spaCy cut off ("Ursula von" + "der Leyen")."""
    while f.end > f.start and text[f.start:f.end].split()[-1] in PARTICLES and " " in text[f.start:f.end]:
        f.end = f.start + text[f.start:f.end].rstrip().rfind(" ")
    m = _PARTICLE_TAIL.match(text, f.end)
    if m:
        f.end = m.end()
    return f


def add_missing(text: str, found: list[Found], extra_forms: dict[str, str] | None = None) -> list[Found]:
    """Add gazetteer names and repeats of names already found (surnames included) that were missed."""
    forms = dict(extra_forms or {})
    for f in found:
        name = text[f.start:f.end]
        if f.label == "PERSON":
            for form in person_forms(name):
                forms.setdefault(form, "PERSON")
        elif f.label in PLACE_LABELS or f.label == "ORG":
            forms.setdefault(name, f.label)
    taken = bytearray(len(text) + 1)
    for f in found:
        taken[f.start:f.end] = b"\1" * (f.end - f.start)
    added = []
    for start, end, label in list(_gazetteer_hits(text)) + list(_occurrences(text, forms)):
        if taken.find(1, start, end) == -1 and _stands_alone(text, start, end):
            added.append(Found(start, end, label, sure=True))
            taken[start:end] = b"\1" * (end - start)
    return without_overlaps(found + added)


def _gazetteer_hits(text: str):
    """(start, end, label) of well-known names, longest first at each capitalised word."""
    for m in _CAPITALISED.finditer(text):
        words = m.group().split(" ")
        pos = m.start()
        for k in range(len(words)):
            for n in range(min(len(words) - k, _GAZETTEER_MAX_WORDS), 0, -1):
                name = " ".join(words[k:k + n]).rstrip(".,")
                label = gazetteer.lookup(name)
                if label in PLACE_LABELS or label == "ORG":
                    yield pos, pos + len(name), label
                    break
            else:
                yield from _hyphen_parts(words[k], pos)
            pos += len(words[k]) + 1


def _hyphen_parts(word: str, pos: int):
    """Well-known names inside a hyphenated word ("Russia-US", "Kyiv-based")."""
    for part in word.split("-") if "-" in word else ():
        label = gazetteer.lookup(part)
        if label in PLACE_LABELS or label == "ORG":
            yield pos, pos + len(part), label
        pos += len(part) + 1


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


def person_forms(name: str) -> list[str]:
    """The full name and the short forms it may be referred to by ("Lavrov", "von der Leyen")."""
    parts = name.split()
    forms = [name]
    for k in range(1, len(parts)):
        if _valid_suffix_start(parts, k):
            forms.append(" ".join(parts[k:]))
            if parts[k] in PARTICLES:  # "Von der Leyen" at the start of a sentence
                forms.append(" ".join([parts[k].capitalize()] + parts[k + 1:]))
    return forms


def all_person_forms(text: str, found: list[Found]) -> set[str]:
    """Every way the article's full-named people may be referred to."""
    return {form for f in found if f.label == "PERSON" and " " in text[f.start:f.end]
            for form in person_forms(text[f.start:f.end])}


def without_overlaps(found: list[Found]) -> list[Found]:
    """Keep the longer of overlapping spans (the earlier one on a tie), sorted by start."""
    taken = bytearray(max((f.end for f in found), default=0) + 1)
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if taken.find(1, f.start, f.end) == -1:
            kept.append(f)
            taken[f.start:f.end] = b"\1" * (f.end - f.start)
    return sorted(kept, key=lambda f: f.start)


def _valid_suffix_start(parts: list[str], k: int) -> bool:
    if parts[k] in PARTICLES:
        return parts[k - 1] not in PARTICLES
    return parts[k - 1] not in PARTICLES and parts[k][:1].isupper() and not re.fullmatch(r"[A-Z]\.?", parts[k])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    score = _TRAILING_SCORE.search(text, start, end)
    if score:  # "Borussia Dortmund 2-0"
        end = score.start()
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    if text.startswith(("the ", "The "), start) and not gazetteer.lookup(text[start:end].rstrip(_EDGE_PUNCT)):
        start += 4
    while end > start:
        if text[end - 2:end] in ("’s", "'s"):
            end -= 2
        elif text[end - 1] in _EDGE_PUNCT:
            end -= 1
        elif text[end - 1] == "." and not _KEEP_DOT.search(text[start:end]):
            end -= 1
        else:
            break
    return start, end


def _looks_like_person(name: str) -> bool:
    parts = name.split()
    return (0 < len(parts) <= 5 and parts[0][:1].isupper() and not any(p in ORG_WORDS or p in PLACE_WORDS for p in parts)
            and gazetteer.lookup(name) is None)


def _after_person_cue(text: str, start: int, titles: list[tuple[int, int]]) -> bool:
    """True after a title ("Secretary of State Marco Rubio") or a role noun ("spokesman John Kirby")."""
    if start < 2 or text[start - 1] != " ":
        return False
    if any(e == start - 1 for _, e in titles):
        return True
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    name = text[start:start + 60].split(",")[0].split()
    return bool(prev and LOWER_ROLE.match(prev.group(1))) and len(name) >= 2 and name[1][:1].isupper()


def _stands_alone(text: str, start: int, end: int) -> bool:
    """False when a hit is part of a longer capitalised name ("Charlotte Brown", "Apple Daily")."""
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    nxt = _NEXT_WORD.match(text, end)
    for word in (prev.group(1) if prev else "", nxt.group(1) if nxt else ""):
        if word[:1].isupper() and word not in SENTENCE_STARTERS and not gazetteer.is_place_or_people(word) \
                and not _BOUNDED_TITLE.fullmatch(word) and word not in ORG_WORDS:
            return False
    return True
