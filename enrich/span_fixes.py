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
from tidings.enrich.name_words import (street, DEMONYM_NOUNS, COMPANY_SEATS, PLACE_KINDS_PLURAL, DESCRIBING_WORDS, ORG_KINDS, ORG_WORDS, PARTICLES, PLACE_FIRST_WORDS, PLACE_NOT_PERSON_ENDS,
                                       PLACE_WORDS, POSSESSIVE_IN_NAMES,
                                       SENTENCE_STARTERS)
from tidings.enrich.person_names import PARTICLE_HEAD, looks_like_person, with_particles
from tidings.enrich.titles import LOWER_ROLE, TITLE_ANYWHERE, is_title, strip_leading_title
from tidings.enrich.words_before import opens_sentence, word_before
from tidings.enrich.literal_regex import alternation
from tidings.enrich.pinned_regex import EndAnchored, LiteralHeaded

# First words that make a name a place, whatever the model said ("Greater Manchester", "Lake Geneva");
# "Port", "San" and "Fort" also begin clubs and companies ("Port Vale").
_PLACE_HEADS = {w for w, label in PLACE_FIRST_WORDS.items() if label != "GPE"} | {"Greater"}
_EDGE_PUNCT = " \t\n,;:“”\"‘’'()[]—–-"
_KEEP_DOT = re.compile(r"(?:(?:[A-Z]\.)+|\b(?:Inc|Corp|Ltd|Co|Jr|Sr|St)\.)$")
_INNER_POSSESSIVE = re.compile(r"['’]s ")
_JOINERS_AT_END = (" and", " of", " for", " the", " &")
# Buildings that stand on a street or a campus ("Piccadilly Theatre on Hamra Street").
_VENUES = {"Theatre", "Theater", "Hall", "Gallery", "Museum", "Hotel", "Cathedral", "Church", "Mosque", "Temple",
           "Library", "Stadium", "Arena", "Centre", "Center", "Tower", "Building", "Market", "Station", "Hospital"}
_TRAILING_SCORE = re.compile(r" \d+[-–]\d+$")
# "Office of the Special Prosecutor": a title after "of" belongs to the organisation's name.
_OF_BEFORE_TITLE = EndAnchored(r" of (?:the (?:[A-Z][\w\-]+ )*)?$")
_EAST_ASIAN_NAME = re.compile(r"[A-Z][a-z]{1,5} [A-Z][a-z]+-[a-z]+$")
_COMPASS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower"}




def _known_place(name: str) -> bool:
    return gazetteer.lookup(name) in PLACE_LABELS or geonames.is_place(name)


def _starts_name(text: str, pos: int) -> bool:
    """True when a capitalised word ends just before `pos` ("Bank West Texas"): the compass word is inside a name."""
    prev = word_before(text, pos, 30)
    return bool(prev) and prev[:1].isupper() and prev not in SENTENCE_STARTERS


# Roads are named by a kind of road and a number.
_ROAD = re.compile(r"(?:Interstate|Highway|Route|Loop|Motorway|Autobahn|Autoroute|Expressway|Freeway|State Route"
                   r"|US Route|National Highway) \d{1,4}[A-Z]?$")
_WHO_AFTER = re.compile(r",? who\b")
# Titles anywhere in a text, found by one scan for the words titles begin with.
_TITLE_SCAN = LiteralHeaded(TITLE_ANYWHERE.pattern)
# A capitalised word (not a possessive) right before a name.
_GIVEN_BEFORE = re.compile(r"(?<![\w’'\-])([A-Z][\w\-]*[a-z]) $")


# An elided particle and the capitalised word it joins end many names ("Cortina d'Ampezzo", "Lliçà d'Amunt").
_ELIDED_PARTICLE = re.compile(r" (?:d|dell|dall|l)['’][A-ZÀ-Ý][\w\-]*")


def refine(text: str, spans: list[tuple[int, int, str]]) -> list[Found]:
    """Apply the span corrections to a backend's spans."""
    titles = _Titles(text)
    out = []
    for raw_start, raw_end, raw_label in spans:
        elided = _ELIDED_PARTICLE.match(text, raw_end)
        if elided:  # "Cortina" + " d'Ampezzo", "Côte" + " d’Ivoire"
            raw_end = elided.end()
        for piece in [p for places in _split_places(text, raw_start, raw_end, raw_label)
                      for comma_part in _split_commas(text, *places)
                      for part in _split_parenthesis(text, *comma_part) for on_part in _split_on(text, *part)
                      for p in _split_possessives(text, *on_part)]:
            for start, end, label in _split_leading_place(text, *piece):
                found = _refine_one(text, start, end, label, titles)
                if found:
                    out.append(found)
    return without_overlaps(out)


class _Titles:
    """The person titles of a text ("Secretary of State"), searchable by position."""

    def __init__(self, text: str):
        self._spans = [(m.start(), m.end()) for m in _TITLE_SCAN.finditer(text)]
        self._starts = [s for s, _ in self._spans]
        self._start_by_end = {e: s for s, e in self._spans}

    def cover(self, start: int, end: int) -> bool:
        k = bisect_right(self._starts, start) - 1
        return k >= 0 and self._spans[k][1] >= end

    def start_ending_at(self, end: int) -> int | None:
        return self._start_by_end.get(end)


_AT_THE_BEFORE = EndAnchored(r"\b(?:at|in|into|near|from|outside|off) (?:the )?$")
# Bodies named with their seat ("Regional Court in Brno").
_SEATED = {"Court", "Tribunal"}
_NO_SURNAME_PLACES = {"Highway", "Motorway", "Freeway", "Expressway", "Boulevard", "Avenue", "Airport", "Stadium", "Arena",
                      "Parkway", "Turnpike"}
_AMOUNT = re.compile(r"\$\d")  # "NZ$10.20", "A$2.4 billion": a dollar amount with its country's letters
# "the council of Laval", "carpet maker Tufton": common nouns the model took into the name.
_LOWER_HEAD = re.compile(r"(?:[a-z][a-z\-]* )+(?=[A-Z])")


def _refine_one(text: str, start: int, end: int, label: str, titles: _Titles) -> Found | None:
    possessor = text[end - 2:end] in ("’s", "'s") and text[end + 1:end + 2].isupper()
    start, end = _trim(text, start, end)
    if start >= end:  # nothing left ("The" alone, cut as an article)
        return None
    if text[end:end + 1] in "'’" and text[start:end].split()[-1] + text[end:end + 2] in POSSESSIVE_IN_NAMES:
        end += 2  # the model stopped at "McDonald" in "McDonald's"
    if text[start].islower():
        head = _LOWER_HEAD.match(text, start, end)
        if head and text[start:end].split()[0] not in PARTICLES:  # (not "de la Rúa", "van der Poel")
            start = head.end()
    first = text[start:end].split(" ", 1)
    if len(first) == 2 and (first[0] in DEMONYM_NOUNS or label == "PERSON" and first[0] in gazetteer.DEMONYMS
                            and " " in first[1] and looks_like_person(first[1])
                            and any(w in GIVEN_NAMES or w in PARTICLES for w in first[1].split())):
        # "Frenchman" + "Théo Marchand", "Belgian" + "Jonas Van den Broeck" (not "British Antarctic Survey")
        start, label = start + len(first[0]) + 1, "PERSON"
    describing = _DESCRIBING_FIRST.match(text, start, end)
    if describing and opens_sentence(text, start):
        start = describing.end()  # "Rival Adyen", "Neighbouring Roseville": the describing word is no part of the name
    if label == "ORG" and text[start:end].split()[-1] in ORG_WORDS:
        place = _OF_PLACE_AFTER.match(text, end)
        if place and place.group(1) not in gazetteer.COUNTRIES:  # "Clinical Research Unit" + "of Nanoro"
            end = place.end()
    ministry = label == "ORG" and text.startswith(_MINISTRY_OF, start)
    if ministry or label == "ORG" and _BODY_OF_FIELD.search(text, start, end):
        last = _AND_LAST_WORD.match(text, end)
        if last and (ministry or not last.group().split()[-1].isupper()) \
                and not (last.group("ending") and last.group().split()[-1] in ORG_WORDS):
            # (not "University of X and CSIRO", "University of Leeds and Durham University")
            end = last.end()  # "Ministry of Science" + " and ICT", "Agency for Innovation" + " and Procurement"
    if label == "ORG" and " of " in text[start:end]:
        more = _CAPITALISED_AFTER.match(text, end)
        if more and not gazetteer.lookup(more.group(1).split()[0]):  # "Office of the Special" + "Prosecutor"
            end = more.end()
    compass = word_before(text, start, 12) if label in PLACE_LABELS and start < end else None
    if compass in _COMPASS and _known_place(text[start:end]) and not _starts_name(text, start - len(compass) - 1):
        start, label = start - len(compass) - 1, "LOC"  # "Western" + "Australia", "East" + "Texas"
    if text.endswith((" and ", ", "), 0, start) and start < end and text[start:end].split()[-1] in ORG_WORDS:
        pair = _THE_X_AND.search(text, max(0, start - 80), start)
        # "the Victoria and" + "Albert Museum", "the Meteorology, Climatology and" + "Geophysics Agency";
        # a list of fields only when the model's span holds the last "and" (not "the FBI, Justice
        # Department and Treasury"), of no plurals or acronyms ("the Liberals, Greens and Labour Party")
        items = pair.group(1).split(", ") if pair else []
        fields = not any(w.isupper() or w.endswith("s") and not w.endswith("ics") for w in items)
        if pair and (text.endswith(" and ", 0, start) and (len(items) == 1 and " " not in items[0] or fields)
                     or " and " in text[start:end] and fields):
            start, label = pair.start(1), "ORG"
    if text[end:end + 1] in "'’" and text.startswith(_SAINTS, start):
        feast = _FEAST_DAY.match(text, end)
        if feast:  # "St Stephen's Day", "St Patrick's Eve": a day of the calendar, no one's name
            return Found(start, feast.end(), "EVENT", sure=True)
    whole = _possessive_name_end(text, start, end) if start < end and text[end:end + 1] in "'’" else None
    if whole is not None:  # the model stopped at "St Matthew" in "St Matthew's Church"
        end, possessor = whole, False
    name = text[start:end]
    if not name or not any(c.isupper() for c in name) or name in SENTENCE_STARTERS and not _ORG_KIND_AFTER.match(
            text, end):  # but "Nothing, the London phone maker, ..." names a company
        return None
    if text.startswith("$", end) and name.isupper() and len(name) <= 3 or "$" in name and _AMOUNT.search(name):
        return None  # "NZ$340,000", "A$2.4 billion": a currency's prefix, or the amount itself
    if gazetteer.inside_compound_name(text, start, end):  # "Paris" in "Paris-Roubaix"
        return None
    rest, cut = strip_leading_title(name)
    if cut and looks_like_person(rest):
        known = gazetteer.lookup(rest)
        return with_particles(text, Found(start + cut, end, known or "PERSON", sure=True))
    if is_title(name) or (label != "PERSON" and titles.cover(start, end)):
        return None
    title_start = titles.start_ending_at(end)
    if title_start is not None and title_start > start and label != "PERSON" \
            and not _OF_BEFORE_TITLE.search(text, start, title_start):  # "FEMA Administrator", not "Office of the
        end = title_start - 1  # Data Protection Commissioner" (but "Bank of England Governor" is cut)
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
    given = _GIVEN_BEFORE.search(text, max(0, start - 30), start) if " " not in name else None
    if given and given.group(1) in GIVEN_NAMES and not gazetteer.lookup(name) and name not in ORG_WORDS \
            and not titles.cover(given.start(1), given.end(1)):  # "chief executive Ana" + "Moretti"
        return with_particles(text, Found(given.start(1), end, "PERSON", sure=True))
    sure = True
    known = gazetteer.lookup(name)
    if known:
        label = known
    elif _ROAD.match(name):  # "Interstate 20", "Route 9"
        label = "FAC"
    elif name.startswith("Port of ") and not geonames.is_place(name) and not _AT_THE_BEFORE.search(
            text, max(0, start - 12), start):
        label = "ORG"  # "the Port of Everett approved ...": the port's authority (but "ships at the Port of Durban")
    elif label != "PERSON" and _EAST_ASIAN_NAME.match(name):
        label = "PERSON"  # "Park Dong-soo", "Lai Ching-te": a family name, then a given name of two syllables
    elif label == "PERSON" and _DIGIT.search(name):
        label, sure = "ORG", False  # "AP3", "Fund 7": no one's name holds a digit
    elif label == "PERSON" and name.startswith(_SAINT_ABBREVIATIONS) and len(name.split()) == 2:
        label, sure = "GPE", False  # "the parishes of St Catherine and St James": no one living is "St X"
    elif name.split()[0] in _COMPASS and " " in name and _known_place(name.split(" ", 1)[1]):
        label = "LOC"  # "East Texas", "Western Australia"
    elif label == "PERSON" and " " in name and name.split()[-1] in _NO_SURNAME_PLACES:
        label = "FAC"  # "Bruce Highway", "John Lennon Airport": no one's surname
    elif label == "PERSON" and " " in name and name.split()[0] not in GIVEN_NAMES and any(
            PLACE_WORDS.get(w) in ("LOC", "FAC") for w in name.split()[1:]):  # "Disko Bay", "Bergen Airport Flesland"
        label = next(PLACE_WORDS[w] for w in name.split()[1:] if PLACE_WORDS.get(w) in ("LOC", "FAC"))
    elif label == "PERSON" and " " in name and name.split()[-1] in PLACE_NOT_PERSON_ENDS:
        label = PLACE_NOT_PERSON_ENDS[name.split()[-1]]  # "Kejetia Market", "Jumeirah Golf Estates"
    elif _named_after_city(name) and not (
            _after_person_cue(text, start, titles) or _WHO_AFTER.match(text, end)):  # "Real Madrid", not "Dr Ana Lima"
        label = "ORG"  # (sure, whatever the model said: "either Real Madrid or Barcelona" lists no places)
    elif label not in ("PERSON", "GPE", "LOC", "FAC") and name.split()[-1] in PLACE_WORDS \
            and not any(w in ORG_WORDS for w in name.split()):  # "the Aviva Stadium" (EVENT), "Gaza Strip" (ORG)
        label = PLACE_WORDS[name.split()[-1]]
    elif label == "ORG" and name.split()[0] in _CITY_PREFIXES and len(name.split()) == 2 \
            and _known_place(name.split()[1]):
        label = "GPE"  # "Metro Manila", "New Taipei" (the fallback calls "X Manila" a club, as "Real Madrid")
    elif " " in name and name.split()[0] in _PLACE_HEADS and not any(w in ORG_WORDS for w in name.split()) \
            and (label == "ORG" or label == "PERSON" and street(name.split())):
        # "Greater Manchester", "Lake Geneva", "Avenida Alberto Craveiro" (not the actress "Rue McClanahan")
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


_DESCRIBING_FIRST = re.compile(r"(?:" + alternation({w.capitalize() for w in DESCRIBING_WORDS}) + r") (?=[A-Z])")
_DIGIT = re.compile(r"\d")


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


# "Metro Manila", "New Taipei": a city's name after these is a wider or another place, not a club.
_CITY_PREFIXES = {"Metro", "Greater", "New", "Old"}


def _named_after_city(name: str) -> bool:
    """"Real Madrid", "Emergency Management Victoria", "Partech Africa", "Visit Scotland"; not "Rosa Lincoln",
    "Greater Manchester", "Metro Manila", "Western Europe", "Sub-Saharan Africa" nor a name GeoNames knows
    whole ("New Taipei")."""
    parts = name.split()
    if len(parts) < 2 or gazetteer.lookup(" ".join(parts[:-1])) or len(parts) == 2 and parts[0] in GIVEN_NAMES \
            or parts[0] in _PLACE_HEADS or len(parts) == 2 and parts[0] in _CITY_PREFIXES or geonames.is_place(name):
        return False
    if parts[-1] in gazetteer.CITIES:
        return True
    head = parts[:-2] if " ".join(parts[-2:]) in gazetteer.COUNTRIES else parts[:-1]
    tail = " ".join(parts[len(head):])
    return bool(head) and (tail in gazetteer.COUNTRIES or tail in _CONTINENTS) and not gazetteer.lookup(name) \
        and not any(w in _COMPASS or "-" in w or not w[:1].isupper() or w in PLACE_WORDS or gazetteer.is_people_word(w)
                    or w in _CITY_PREFIXES for w in head)  # (not "Sea of Japan", "Test against England")


_CONTINENTS = {"Africa", "Asia", "Europe", "America", "Americas", "Oceania"}


_PLACE_BASED = re.compile(r"([A-Z][\w’']+(?: [A-Z][\w’']+)?)-(?:" + COMPANY_SEATS + r") ")


def _split_leading_place(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"ambassador to Ukraine Marie Yovanovitch": a place, then a person the model ran together;
    "Houston-based Stratos Digital", "London-listed Antofagasta": a place describing a company."""
    based = _PLACE_BASED.match(text, start, end)
    if based and end > based.end() and text[based.end()].isupper():
        where = based.group(1)
        place = [(start, start + len(where), "GPE")] if _known_place(where) else []
        return place + [(based.end(), end, "ORG")]
    words = text[start:end].split(" ")
    for k in (1, 2) if len(words) >= 3 else ():  # a place and a two-word name at least
        head, rest = " ".join(words[:k]), " ".join(words[k:])
        place = gazetteer.lookup(head)
        if place in PLACE_LABELS and 2 <= len(words) - k <= 4 and words[k] in GIVEN_NAMES and looks_like_person(rest):
            return [(start, start + len(head), place), (start + len(head) + 1, end, "PERSON")]
    return [(start, end, label)]


_COMPANY_ENDS = ORG_WORDS | {"Air"}  # "Korean Air"


# "the Tarvesk and Brekka (refugee) districts": two places of a kind named in the plural.
_KINDS_OF_PLACE_AFTER = re.compile(r" (?:[a-z]+ )?(?:" + "|".join(sorted(PLACE_KINDS_PLURAL)) + r")\b")


def _split_places(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"Tyler and Longview" is two towns, not one organisation: both halves are one word and places (unless
    the data knows the whole: "Trinidad and Tobago").
    "Korean Air and Asiana Airlines" is two companies: both halves are names of two words or more and
    each ends with an organisation word (not "the Bill and Melinda Gates Foundation", "Arts and Culture Centre").
    "Fremantle at Optus Stadium": a name holds no " at ", what follows it is where."""
    words = text[start:end].split(" ")
    if len(words) == 3 and words[1] == "and" and all(geonames.is_place(w) or gazetteer.lookup(w) in PLACE_LABELS
                                                     for w in (words[0], words[2])) \
            and not _known_place(text[start:end]):  # but "Trinidad and Tobago", "Antigua and Barbuda" are one
        return [(start, start + len(words[0]), "GPE"), (end - len(words[2]), end, "GPE")]
    named = words[1:] if words[0] in ("the", "The") else words  # (the model may take "the" in)
    if len(named) == 3 and named[1] == "and" and _KINDS_OF_PLACE_AFTER.match(text, end):
        first = end - len(" ".join(named))
        return [(first, first + len(named[0]), "LOC"), (end - len(named[2]), end, "LOC")]  # "the X and Y districts"
    if label == "ORG" and len(words) >= 5 and words[-1] in ORG_WORDS and " and " in text[start:end]:
        k = words.index("and", 1)
        cut = start + len(" ".join(words[:k]))
        if 2 <= k <= len(words) - 3 and words[k - 1] in _COMPANY_ENDS \
                and all(w[:1].isupper() for w in words[:k] + words[k + 1:]):
            return [(start, cut, label), (cut + 5, end, label)]
    if len(words) >= 3 and text.find(" in ", start, end) != -1:
        k = words.index("in", 1)
        cut = start + len(" ".join(words[:k]))
        where = text[cut + 4:end]
        if words[k - 1] in ORG_WORDS and words[k - 1] not in _SEATED \
                and (geonames.is_place(where) or gazetteer.lookup(where) in PLACE_LABELS):
            return [(start, cut, label), (cut + 4, end, "GPE")]  # "Vertex International Securities in Dar es Salaam"
    if len(words) >= 3 and text.find(" at ", start, end) != -1:
        k = words.index("at", 1)
        cut = start + len(" ".join(words[:k]))
        where = text[cut + 4:end]
        if where[:1].isupper() and (geonames.is_place(where) or where.split()[-1] in PLACE_WORDS):
            return [(start, cut, label), (cut + 4, end, PLACE_WORDS.get(where.split()[-1], "GPE"))]
    return [(start, end, label)]


def _split_commas(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"Takoradi, Kwame Asante": a name holds no comma, so a span the model ran over one is two names."""
    cut = text.find(", ", start, end)
    if cut == -1:
        return [(start, end, label)]
    return [(start, cut, label)] + _split_commas(text, cut + 2, end, label)


_CAPITALISED_AFTER = re.compile(r" ([A-Z][a-z]+(?: [A-Z][a-z]+)*)(?![\w’'\-])(?!['’]s)")
_OF_PLACE_AFTER = re.compile(r" of ([A-Z][\w\-–]+(?: [A-Z][\w\-–]+)?)(?![\w’'\-])(?!['’]s)")
_MINISTRY_OF = ("Ministry of ", "Ministry for ", "Department of ", "Department for ")
# (a field of government, not "the Ministry of Health and Pfizer signed")
_AND_LAST_WORD = re.compile(r"(?:, [A-Z][a-z]+)* and (?:[A-Z]{2,5}(?=[,.;:)]| \(| (?:said|says|has|have|will|is|was)\b)"
                            r"|(?:[A-Z][a-z]+ )?Affairs|Sports?|Culture|Tourism|Industry|Trade|Energy|Technology|Innovation"
                            r"|Oceans|Fisheries|Environment|Development|Planning|Finance|Economy|Labour|Labor"
                            r"|Employment|Welfare|Education|Research|Infrastructure|Transport|Housing|Justice|Security"
                            r"|Defence|Defense|Health|Agriculture|Forestry|Mines|Heritage|Communications|Youth|Family"
                            r"|Water|Climate|Food|Commerce|Investment|Communication"
                            # a field by its ending ("Procurement", "Innovation", "Geophysics", "Oceanography")
                            r"|(?P<ending>(?:[A-Z][a-z]+ )?[A-Z][a-z]+(?:ion|ment|ure|ence|ance|ity|ics|ogy|graphy|ism|ness)))"
                            r"(?= [a-z(]|[,.;:)]|$)")
# "the Bill and" + "Melinda Gates Foundation", "the Meteorology, Climatology and" + "Geophysics Agency"
_THE_X_AND = re.compile(r"\b[Tt]he ((?:[A-Z][\w\-]+ )?(?:[A-Z][\w\-]+, )*[A-Z][\w\-]+)(?:,? and |, )$")
# A body named for its field ("Agency for Innovation", "Institute of Oceanography").
_BODY_OF_FIELD = re.compile(r"\b(?:" + "|".join(sorted(ORG_WORDS)) + r") (?:of|for) ")
_POSSESSIVE_TAIL = re.compile(r"['’]s ([A-Z][\w\-]+)((?: (?:of|for) [A-Z][\w\-]+)*)")
# "St Luke's General Hospital", "St Patrick's High School": up to three capitalised words after a saint's
# possessive, the last an organisation or place word, then any "of X" parts ("School of Art").
_SAINT_TAIL = re.compile(r"['’]s ([A-Z][\w\-]+(?: [A-Z][\w\-]+){0,2})(?![\w\-’'])")
_OF_PARTS = re.compile(r"(?: (?:of|for) [A-Z][\w\-]+)*")
_SAINTS = ("St ", "St. ", "Saint ", "San ", "Santa ")
_SAINT_ABBREVIATIONS = ("St ", "St. ", "Ste ", "Ste. ")
_FEAST_DAY = re.compile(r"['’]s (?:Day|Eve|Night)\b")


def _possessive_name_end(text: str, start: int, end: int) -> int | None:
    """End of a name holding a possessive: a saint's church or school ("St Matthew's Church", "Saint
    Martin's School of Art"), or one word's bay or island ("Hawke's Bay"); None for "Kenya's Ruto"."""
    m = _POSSESSIVE_TAIL.match(text, end)
    if not m:
        return None
    head, word = text[start:end], m.group(1)
    if gazetteer.lookup(head) or head in GIVEN_NAMES:
        return None
    if head.startswith(_SAINTS):
        saint = _SAINT_TAIL.match(text, end)
        words = saint.group(1).split(" ") if saint else []
        for k in range(len(words) - 1, -1, -1):  # the last organisation or place word ends the name
            if words[k] in ORG_WORDS or words[k] in PLACE_WORDS:
                stop = saint.start(1) + len(" ".join(words[:k + 1]))
                return _OF_PARTS.match(text, stop).end()
        return None
    if " " not in head and PLACE_WORDS.get(word) == "LOC" and not m.group(2):
        return m.end(1)
    return None


def _split_on(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"Piccadilly Theatre on Hamra Street", "Rhodes Theatre on the Rhodes University campus": a place on
    another is two names (but "Council on Foreign Relations" is one)."""
    cut = text.find(" on ", start, end)
    rest = text[cut + 4:end] if cut != -1 else ""
    if not rest.strip() or not (rest.startswith("the ") or rest.split()[-1] in PLACE_WORDS) or text[start:cut].split()[-1] not in _VENUES:
        return [(start, end, label)]
    after = cut + 8 if rest.startswith("the ") else cut + 4
    return [(start, cut, label), (after, end, label)]


def _split_parenthesis(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"International Council for the Exploration of the Sea (ICES": a name and its acronym, not one name
    (but "Janata Dal (United)" is one); a parenthesis left open is never part of a name ("Swedish Paper
    Workers' Union (Pappers")."""
    cut = text.find(" (", start, end)
    if cut == -1 or not text[cut + 2:end].rstrip(")").isupper() and ")" in text[cut:end]:
        return [(start, end, label)]
    return [(start, cut, label), (cut + 2, end, label)]


def _split_possessives(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"Senegal's Sall" is two names; a leading place is split from what follows it."""
    m = _INNER_POSSESSIVE.search(text, start, end)
    if not m or text[start:m.end()].split()[-1] in POSSESSIVE_IN_NAMES:  # "People's Liberation Army"
        return [(start, end, label)]
    if _possessive_name_end(text, start, m.start()) is not None:  # "Hawke's Bay", "St Mary's Hospital"
        return [(start, max(end, _possessive_name_end(text, start, m.start())), label)]
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


# A full stop after a word of three letters or more, then a capital: a sentence ends inside the span.
_SENTENCE_END = re.compile(r"(?<=[^\W\d]{3})\. (?=[A-Z])")
_ABBREVIATED = {"Inc", "Ltd", "Corp", "Bros", "Gen", "Col", "Capt", "Sgt", "Rev", "Sen", "Rep", "Gov", "Prof", "Mrs",
                "Dept", "Univ", "Ave", "Blvd", "Hon", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec"}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    for stop in _SENTENCE_END.finditer(text, start, end):  # "Tāne Mahuta. Contractors will ...": the name
        if text[start:stop.start()].split()[-1] not in _ABBREVIATED:  # is the first sentence's
            end = stop.start()
            break
    score = _TRAILING_SCORE.search(text, start, end)
    if score:  # "Borussia Dortmund 2-0"
        end = score.start()
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    if text.startswith(("the ", "The "), start) and not gazetteer.lookup(text[start:end].rstrip(_EDGE_PUNCT)):
        start += 4
    while end > start:
        if text[end - 2:end] in ("’s", "'s") and text[start:end].split()[-1] not in POSSESSIVE_IN_NAMES:
            end -= 2  # (but "Moody's", "McDonald's" are names)
        elif text[end - 1] in _EDGE_PUNCT:
            end -= 1
        elif text[end - 1] == "." and not _KEEP_DOT.search(text[start:end]):
            end -= 1
        elif text.endswith(_JOINERS_AT_END, start, end):
            end = text.rfind(" ", start, end)  # "the Ministry of Science and" + "ICT": no name ends in "and"
        else:
            break
    return start, end


def _after_person_cue(text: str, start: int, titles: _Titles) -> bool:
    """True after a title ("Secretary of State Marco Rubio") or a role noun ("spokesman John Kirby")."""
    if start < 2 or text[start - 1] != " ":
        return False
    if titles.start_ending_at(start - 1) is not None:
        return True
    prev = word_before(text, start, 40, ".’'-")
    name = text[start:start + 60].split(",")[0].split()
    return bool(prev and LOWER_ROLE.match(prev)) and len(name) >= 2 and name[1][:1].isupper()


# Lower-case words after a town's name that say the town is meant ("Eugene council", "Leeds police").
_MUNICIPAL = frozenset("council city county mayor police residents voters schools officials hospital".split())
_MUNICIPAL_AFTER = re.compile(r" (?:" + "|".join(sorted(_MUNICIPAL)) + r")\b")
def names_a_town(text: str, f: Found) -> bool:
    """A one-word name the maintained data knows as a place, before "council", "residents"..."""
    name = text[f.start:f.end]
    return " " not in name and bool(_MUNICIPAL_AFTER.match(text, f.end)) and geonames.is_place(name)


_ORG_KIND_AFTER = re.compile(r", (?:the|a|an) (?:[\w’'\-]+ ){0,3}(?:" + "|".join(sorted(ORG_KINDS)) + r")\b")
_LOWER_TAIL = re.compile(r"(?: (?![ae]l-[A-Z])[a-z][\w\-]*)+$")  # (not "al-Otaibi": a family name with its article)


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
        if " " not in name and name in ORG_WORDS and not gazetteer.lookup(name) \
                and not _ORG_KIND_AFTER.match(text, f.end):  # but "Community, the steelworkers' union"
            continue
        if not f.sure and names_a_town(text, f):
            f = Found(f.start, f.end, "GPE", True)  # "Eugene council delays vote" (a title's first word)
        out.append(f)
    return out


# "Flood Forecasting and Warning Centre (FFWC)": an acronym in parentheses spells the name before it.
_ACRONYM_IN_PARENTHESES = LiteralHeaded(r"\(([A-Z][A-Za-z&]{1,8})\)")
_NAME_WORD = re.compile(r"[^\W\d_][\w’'\-&.]*")
_SMALL_IN_NAMES = frozenset("and of for the on in de des du la le del da do dos das di van von der für et y".split())


def names_by_acronym(text: str, found: list[Found]) -> list[Found]:
    """The name an acronym in parentheses abbreviates, found by the initials of the capitalised words
    before it (small words such as "and", "of" and a trailing word or two may be left out of the
    acronym: "Nigeria Centre for Disease Control and Prevention (NCDC)"). The name replaces the pieces
    the backend cut it into; the acronym gets the name's label. A name no initials spell is left alone."""
    if "(" not in text:
        return found
    added: list[Found] = []
    for m in _ACRONYM_IN_PARENTHESES.finditer(text):
        start = _spelled_start(text, m.start(), m.group(1))
        if start is None:
            continue
        end = m.start() - 1
        inside = [f for f in found if f.start < m.end() and start < f.end]
        kept = [f for f in inside if f.start <= start and end <= f.end and f.end <= m.start()]
        if kept:  # the backend already has the whole name ("Richard M. Stallman (RMS)" stays a person, but
            label = kept[0].label  # a guess without a given name is an organisation: "Médecins Sans Frontières")
            if label == "PERSON" and not kept[0].sure and text[start:end].split()[0] not in GIVEN_NAMES:
                label = kept[0].label = "ORG"
        else:
            whole = gazetteer.lookup(text[start:end])
            person = text[start:end].split()[0] in GIVEN_NAMES and any(f.label == "PERSON" for f in inside)
            label = whole or ("PERSON" if person else None) or next(  # "Richard M. Stallman (RMS)"
                (f.label for f in inside if f.sure and f.label in PLACE_LABELS and f.start == start), "ORG")
            found = [f for f in found if not (f.start < end and start < f.end)]
            added.append(Found(start, end, label, sure=True))
        if not any(f.start == m.start(1) and f.end == m.end(1) for f in found):
            found = [f for f in found if not (f.start < m.end(1) and m.start(1) < f.end)]
            added.append(Found(m.start(1), m.end(1), label, sure=True))
    return without_overlaps(found + added)


def _spelled_start(text: str, paren: int, acronym: str) -> int | None:
    """Where the words before `paren` whose initials spell `acronym` begin, or None."""
    if paren < 2 or text[paren - 1] != " ":
        return None
    letters = acronym.upper().replace("&", "")
    words = []  # (start, word) backwards, within the clause
    pos = paren
    while pos > 0 and len(words) < len(letters) + 6:
        m = _LAST_WORD.search(text, max(0, pos - 40), pos)
        if not m:
            break
        words.append((m.start(1), m.group(1)))
        pos = m.start(1)
        if pos == 0 or text[pos - 1] != " ":
            break
    k = len(letters) - 1
    skipped = 0
    for start, word in words:
        if word in _SMALL_IN_NAMES:
            continue
        if not word[:1].isupper():
            return None
        if word[0].upper() == letters[k] or word[0] in "ÉÈ" and letters[k] == "E":
            k -= 1
            if k < 0:
                return start
        elif k == len(letters) - 1 and skipped < 2:  # trailing words the acronym leaves out
            skipped += 1
        else:
            return None
    return None


_LAST_WORD = EndAnchored(r"(?<![\w’'\-&.])([^\W\d_][\w’'\-&.]*) $")
