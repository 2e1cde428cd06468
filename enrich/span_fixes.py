"""Correct the name spans a backend gives, with general rules for the small model's habits.

Titles are cut from names ("Secretary of State Marco Rubio"), and so are a leading
"the", possessives and football scores; title words are not organisations ("State");
well-known places are places; "Senegal's Sall" is two names; "US Federal Reserve" is the
US and the Federal Reserve.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from tidings.enrich import gazetteer, geonames
from tidings.enrich.found import PLACE_LABELS, Found, without_overlaps
from tidings.enrich.given_names import GIVEN_NAMES
from tidings.enrich.name_words import (ORG_WORDS, PARTICLES, PLACE_FIRST_WORDS, PLACE_WORDS, POSSESSIVE_IN_NAMES,
                                       SENTENCE_STARTERS)
from tidings.enrich.person_names import PARTICLE_HEAD, looks_like_person, with_particles
from tidings.enrich.titles import LOWER_ROLE, TITLE_ANYWHERE, is_title, strip_leading_title

# First words that make a name a place, whatever the model said ("Greater Manchester", "Lake Geneva");
# "Port", "San" and "Fort" also begin clubs and companies ("Port Vale").
_PLACE_HEADS = {w for w, label in PLACE_FIRST_WORDS.items() if label == "LOC"} | {"Greater"}
_EDGE_PUNCT = " \t\n,;:“”\"‘’'()[]—–-"
_KEEP_DOT = re.compile(r"(?:(?:[A-Z]\.)+|\b(?:Inc|Corp|Ltd|Co|Jr|Sr|St)\.)$")
_INNER_POSSESSIVE = re.compile(r"['’]s ")
_TRAILING_SCORE = re.compile(r" \d+[-–]\d+$")
_PREV_WORD = re.compile(r"([\w.’'\-]+) $")
# A capitalised word (not a possessive) right before a name.
_GIVEN_BEFORE = re.compile(r"(?<![\w’'\-])([A-Z][\w\-]*[a-z]) $")


def refine(text: str, spans: list[tuple[int, int, str]]) -> list[Found]:
    """Apply the span corrections to a backend's spans."""
    titles = _Titles(text)
    out = []
    for raw_start, raw_end, raw_label in spans:
        for piece in [p for comma_part in _split_commas(text, raw_start, raw_end, raw_label)
                      for part in _split_parenthesis(text, *comma_part) for p in _split_possessives(text, *part)]:
            for start, end, label in _split_leading_place(text, *piece):
                found = _refine_one(text, start, end, label, titles)
                if found:
                    out.append(found)
    return without_overlaps(out)


class _Titles:
    """The person titles of a text ("Secretary of State"), searchable by position."""

    def __init__(self, text: str):
        self._spans = [(m.start(), m.end()) for m in TITLE_ANYWHERE.finditer(text)]
        self._starts = [s for s, _ in self._spans]
        self._start_by_end = {e: s for s, e in self._spans}

    def cover(self, start: int, end: int) -> bool:
        k = bisect_right(self._starts, start) - 1
        return k >= 0 and self._spans[k][1] >= end

    def start_ending_at(self, end: int) -> int | None:
        return self._start_by_end.get(end)


def _refine_one(text: str, start: int, end: int, label: str, titles: _Titles) -> Found | None:
    possessor = text[end - 2:end] in ("’s", "'s") and text[end + 1:end + 2].isupper()
    start, end = _trim(text, start, end)
    name = text[start:end]
    if not name or not any(c.isupper() for c in name) or name in SENTENCE_STARTERS:
        return None
    if gazetteer.inside_compound_name(text, start, end):  # "Paris" in "Paris-Roubaix"
        return None
    rest, cut = strip_leading_title(name)
    if cut and looks_like_person(rest):
        known = gazetteer.lookup(rest)
        return with_particles(text, Found(start + cut, end, known or "PERSON", sure=True))
    if is_title(name) or (label != "PERSON" and titles.cover(start, end)):
        return None
    title_start = titles.start_ending_at(end)
    if title_start is not None and title_start > start and label != "PERSON":  # "FEMA Administrator"
        end = title_start - 1
        name = text[start:end]
    head = PARTICLE_HEAD.search(text, max(0, start - 24), start) if " " not in name else None
    if head:  # "Van der" + "Plas": the model saw only the last word
        return Found(head.start(), end, "PERSON", sure=True)
    given = _GIVEN_BEFORE.search(text, max(0, start - 30), start) if label == "PERSON" and name.split()[0] in PARTICLES else None
    if given and not titles.cover(given.start(), given.end()) and not gazetteer.lookup(given.group(1)) \
            and given.group(1) not in SENTENCE_STARTERS:
        start, name = given.start(1), text[given.start(1):end]  # "Jan-Willem" + "van der Laan"
    if label == "ORG" and text[end:end + 1] == "+":  # "OPEC+"
        end += 1
        name = text[start:end]
    sure = True
    known = gazetteer.lookup(name)
    if known:
        label = known
    elif label != "ORG" and _named_after_city(name):  # "Real Madrid", "Emergency Management Victoria"
        label = "ORG"
    elif label not in ("PERSON", "GPE", "LOC", "FAC") and name.split()[-1] in PLACE_WORDS \
            and not any(w in ORG_WORDS for w in name.split()):  # "the Aviva Stadium" (EVENT), "Gaza Strip" (ORG)
        label = PLACE_WORDS[name.split()[-1]]
    elif label == "ORG" and " " in name and name.split()[0] in _PLACE_HEADS \
            and not any(w in ORG_WORDS for w in name.split()):  # "Greater Manchester", "Lake Geneva"
        label = PLACE_FIRST_WORDS[name.split()[0]]
    elif (_after_person_cue(text, start, titles) or possessor and label == "ORG" and " " in name) \
            and looks_like_person(name):  # "Finance Minister Christian Lindner", "Nitish Kumar's party"
        label = "PERSON"
    else:
        sure = False
        if label != "PERSON" and 1 < len(name.split()) <= 3 and name.split()[0] in GIVEN_NAMES and looks_like_person(name):
            label = "PERSON"  # "Dani Carvajal" is not an organisation
    found = Found(start, end, label, sure)
    return with_particles(text, found) if label == "PERSON" else found


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
    """"Real Madrid", "Emergency Management Victoria"; not "Rosa Lincoln" nor "Greater Manchester"."""
    parts = name.split()
    return len(parts) > 1 and parts[-1] in gazetteer.CITIES and not gazetteer.lookup(" ".join(parts[:-1])) \
        and not (len(parts) == 2 and parts[0] in GIVEN_NAMES) and parts[0] not in _PLACE_HEADS


def _split_leading_place(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"ambassador to Ukraine Marie Yovanovitch": a place, then a person the model ran together."""
    words = text[start:end].split(" ")
    for k in (1, 2) if len(words) >= 3 else ():  # a place and a two-word name at least
        head, rest = " ".join(words[:k]), " ".join(words[k:])
        place = gazetteer.lookup(head)
        if place in PLACE_LABELS and 2 <= len(words) - k <= 4 and words[k] in GIVEN_NAMES and looks_like_person(rest):
            return [(start, start + len(head), place), (start + len(head) + 1, end, "PERSON")]
    return [(start, end, label)]


def _split_commas(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"Takoradi, Kwame Asante": a name holds no comma, so a span the model ran over one is two names."""
    cut = text.find(", ", start, end)
    if cut == -1:
        return [(start, end, label)]
    return [(start, cut, label)] + _split_commas(text, cut + 2, end, label)


def _split_parenthesis(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"International Council for the Exploration of the Sea (ICES": a name and its acronym, not one name
    (but "Janata Dal (United)" is one)."""
    cut = text.find(" (", start, end)
    if cut == -1 or not text[cut + 2:end].rstrip(")").isupper():
        return [(start, end, label)]
    return [(start, cut, label), (cut + 2, end, label)]


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
    head_label = "PERSON" if keep_tail and looks_like_person(head) and " " in head else label
    return [(start, head_end, head_label)] + tails


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


def _after_person_cue(text: str, start: int, titles: _Titles) -> bool:
    """True after a title ("Secretary of State Marco Rubio") or a role noun ("spokesman John Kirby")."""
    if start < 2 or text[start - 1] != " ":
        return False
    if titles.start_ending_at(start - 1) is not None:
        return True
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    name = text[start:start + 60].split(",")[0].split()
    return bool(prev and LOWER_ROLE.match(prev.group(1))) and len(name) >= 2 and name[1][:1].isupper()


# Lower-case words after a town's name that say the town is meant ("Eugene council", "Leeds police").
_MUNICIPAL = frozenset("council city county mayor police residents voters schools officials hospital".split())
_MUNICIPAL_AFTER = re.compile(r" (?:" + "|".join(sorted(_MUNICIPAL)) + r")\b")
def names_a_town(text: str, f: Found) -> bool:
    """A one-word name the maintained data knows as a place, before "council", "residents"..."""
    name = text[f.start:f.end]
    return " " not in name and bool(_MUNICIPAL_AFTER.match(text, f.end)) and geonames.is_place(name)


_LOWER_TAIL = re.compile(r"(?: [a-z][\w\-]*)+$")


def cut_lowercase_tail(text: str, found: list[Found]) -> list[Found]:
    """"Lincoln council", "Odense city council": lower-case words ending a name are not part of it;
    a name that is only a generic organisation word ("Council") is no name at all."""
    out = []
    for f in found:
        name = text[f.start:f.end]
        tail = _LOWER_TAIL.search(name)
        if tail and name[:tail.start()].strip() and name.split()[-1] not in PARTICLES:
            head = name[:tail.start()]
            if " " not in head and tail.group().split()[0] in _MUNICIPAL and geonames.is_place(head):
                label, sure = "GPE", True  # "Lincoln council", "Odense city council"
            else:
                label, sure = (f.label if f.label != "ORG" else "CANDIDATE"), False
            f = Found(f.start, f.start + tail.start(), label, sure)
            name = text[f.start:f.end]
        if " " not in name and name in ORG_WORDS and not gazetteer.lookup(name):
            continue
        if not f.sure and names_a_town(text, f):
            f = Found(f.start, f.end, "GPE", True)  # "Eugene council delays vote" (a title's first word)
        out.append(f)
    return out
