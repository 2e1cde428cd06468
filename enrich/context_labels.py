"""Correct labels from the words around a name, where the small model guesses from the name alone.

"the town of Diamniadio", "the Noto peninsula", "Paris and Lyon, Marseille and Nancy"
say place; "Bernstein analysts", "its unit Siemens Gamesa" say organisation.
"""
from __future__ import annotations

import re
from functools import lru_cache

from tidings.enrich import gazetteer, geonames
from tidings.enrich.company_suffixes import has_company_suffix
from tidings.enrich.literal_regex import alternation
from tidings.enrich.found import CANDIDATE, PLACE_LABELS, Found, without_overlaps
from tidings.enrich.given_names import GIVEN_NAMES
from tidings.enrich.person_names import looks_like_person
from tidings.enrich.name_words import (BUSINESS_FUNCTIONS, FIELD_WORDS, COMPANY_KINDS_PLURAL, COMPANY_MAKER, COMPANY_SEATS, PLACE_KINDS_PLURAL, PLAYER_POSITIONS, TEAM_NICKNAMES, company_maker, DESCRIBING_WORDS, REGNAL_NUMBERS, ORG_AFTER, ORG_BEFORE, ORG_KINDS, ORG_WORDS, PARTICLES, PERSON_ROLE, PERSON_ROLES, role_pattern,
                               PLACE_AFTER, PLACE_FIRST_WORDS,
                               PLACE_BEFORE, PLACE_WORDS, SENTENCE_STARTERS, SPEECH_VERBS)
from tidings.enrich.titles import LOWER_ROLE, TITLE_ALTERNATION, TITLE_RUN
from tidings.enrich.words_before import opens_sentence, word_before, word_before_of
from tidings.enrich.pinned_regex import EndAnchored, LiteralHeaded
from tidings.enrich.segments import tokens
from tidings.enrich.tense import SCORE

_WORD_AFTER = re.compile(r" (\w+)")
_VERBS = "|".join(SPEECH_VERBS | {"has", "have", "had", "is", "was", "who"})
_NAME = r"[A-Z][\w’'\-]+(?: (?:n )?[A-Z][\w’'\-]+){0,2}"  # ("Pick n Pay")
# Nouns that may follow a person's name too ("Biden state visit", "Smith area manager").
_AFTER_PEOPLE_TOO = {"state", "city", "area", "border"}
_WHERE = re.compile(r",? where\b")
_OFFICERS = {"chief", "head", "director", "boss", "officer", "manager", "executive", "minister", "chiefs", "heads"}
_MEMBER_ROLES = {"councillor", "councilor", "councillors", "lawmaker", "lawmakers", "mp", "mps", "td", "tds", "mep", "meps",
                 "senator", "senators", "legislator", "candidate", "activist", "activists", "deputy", "assemblyman",
                 "assemblywoman", "alderman"}
_NAME_AFTER_ROLE = re.compile(r" [A-Z][\w’'\-]+ [A-Z]")
_MARKET_OF_A_COMPANY = re.compile(r" (?:share|shares|value|cap|capitalisation|capitalization|leader|debut|price|prices"
                                  r"|rally|access|entry|position)\b")
_NEARBY_BEFORE = EndAnchored(r"\b(?:in|to|from|at|near) (?:nearby|neighbouring|neighboring) $")
_WHERE_WORKED = re.compile(r",? where (?:he|she|they|I|we) (?:had )?(?:worked|works|work|studied|studies|trained)\b")
# "Gavi, the vaccine alliance": an appositive naming the kind of organisation.
# (a possessive may stand for "the": "Zepto, India's largest grocery app")
_DETERMINER = r"(?:the|a|an|[A-Z][a-z]+['’]s)"
# Roles a company has as often as a person ("the company's broker, Numis", "investor Enterprise Ireland").
_ROLES_OF_COMPANIES_TOO = (PERSON_ROLES & ORG_BEFORE) | {"investor", "adviser", "advisor", "trader", "banker",
                                                        "consultant"}
# Up to three words before an appositive's head, none a preposition: the kind is the head ("a lawyer for
# the utility" is no utility, "a lawyer for the city" no city); a superlative may take "of the" ("the
# largest of the islands").
_DESCRIBING_WORDS = r"(?:[\w’'\-]+est of (?:the )?)?(?:(?!(?:for|of|at|with|to|from|in|on|by) )[\w’'\-]+ ){0,3}"
_ORG_APPOSITION = re.compile(r", " + _DETERMINER + r" " + _DESCRIBING_WORDS + r"(?:" + "|".join(sorted(ORG_KINDS))
                             + r"|" + COMPANY_MAKER + r")s?\b(?!['’])")  # "..., Banorte and Halvik, the three largest
# banks" (not "the union's regional head": a possessive's head comes later)
# "Blue Origin, founded by Jeff Bezos": what is founded, owned or listed is an organisation.
_ORG_PARTICIPLE = re.compile(r",? (?:(?:which )?(?:was|is) )?(?:founded|owned|run|headquartered|listed|backed)"
                             r" (?:by|in|on)\b")
# "Aleph Alpha, based in Heidelberg": news says where a company is based; a person it says lives somewhere.
_BASED_IN = re.compile(r", (?:which is )?based in\b")
# "Bornholm, the Danish island, ...": an appositive naming a kind of place, and ending there.
_PLACE_KINDS = {"island": "LOC", "islands": "LOC", "archipelago": "LOC", "peninsula": "LOC", "region": "LOC",
                "city": "GPE", "town": "GPE", "village": "GPE", "port": "GPE", "capital": "GPE", "province": "GPE",
                "country": "GPE", "district": "GPE", "county": "GPE", "suburb": "GPE", "base": "FAC", "river": "LOC",
                "lake": "LOC", "reservoir": "LOC", "volcano": "LOC", "mountain": "LOC", "valley": "LOC"}
# ("Vile Parle, the suburb where ...", "Terrassa, the region's other wool town")
_PLACE_APPOSITION = re.compile(r", " + _DETERMINER + r" " + _DESCRIBING_WORDS + r"(" + "|".join(sorted(_PLACE_KINDS))
                               + r")(?=[,.;:)]| (?:of|in|on|off|near|east|west|north|south|where)\b|$)")
# "analysts at Jefferies": people who work at an organisation.
_MEMBERS_AT = EndAnchored(r"\b(?i:analysts|economists|strategists|researchers|traders|bankers|executives|employees"
                          r"|staff|workers|engineers|lawyers) (?:at|from) $")
# "a portfolio manager at Allan Gray", "an analyst at Bernstein in London": someone's employer.
_ONE_MEMBER_AT = EndAnchored(r"\b(?:analyst|economist|strategist|researcher|trader|banker|executive|employee|engineer"
                             r"|lawyer|partner|manager|investigator|scientist|consultant|adviser|advisor) (?:at|with) $")
# "Novak Djokovic, the 24-time Grand Slam champion": an appositive naming a person's role.
_PERSON_APPOSITION = re.compile(r", " + _DETERMINER + r" (?:[\w’'\-]+ ){0,4}" + PERSON_ROLE + r"\b")
# "at Indian Wells in California": a name placed inside a known place is a place.
_IN_PLACE = re.compile(r" in ([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)*)")
_OWNED_WORDS = ("-owned", "-backed", "-controlled", "-funded")
_OWNED_BY = re.compile(r"(?<![\w\-])([A-Z][\w&]+)(?:" + "|".join(_OWNED_WORDS) + r")\b")
_ROAD = LiteralHeaded(r"\b(?:(?:State|National|US|County) (?:Highway|Route)|Interstate|Highway|Route|Loop|Motorway"
                      r"|Autobahn|Autoroute|Expressway|Freeway) \d{1,4}[A-Z]?\b")
_PLACE_OF = LiteralHeaded(rf"\b(?:{'|'.join(PLACE_BEFORE)}) of ({_NAME})")
_LIST_NEXT = re.compile(rf",? (?:and|or) ({_NAME})(?![\w’'\-])(?! (?:{_VERBS})\b)|, ({_NAME})(?=,| and | or )")
_LIST_NEXT_PLACED = re.compile(rf" (?:and|or) ({_NAME})|, ({_NAME})(?=,| and | or )")  # ", and" joins clauses
_LIST_PREV = EndAnchored(rf"(?<![\w’'\-])({_NAME})(?:,? (?:and|or) |, )$")


# Words around a lone name that only an organisation has: "shares of X", "X's board", "X said in a
# statement", "X, which runs ...", "the union X".
_ORG_BEFORE_PHRASE = EndAnchored(r"\b(?i:shares (?:of|in)|stake in|the union|rival|customers of|owner of|owners of"
                                 r"|[a-z][\w’']+-(?:" + COMPANY_SEATS + r")"  # "London-listed Antofagasta"
                                 r"|(?:revenues?|profits?|sales|earnings|losses|job cuts) at"
                                 r"|to (?:buy|acquire)|(?:acquisition|takeover|purchase) of|bid for|merger with"
                                 r"|(?:polled|made|manufactured|developed|marketed|operated|owned|run) by"
                                 r"(?: [A-Z][\w\-]+['’]s)?"
                                 r"|contracts? (?:with|from)|orders? (?:from|with)|(?:ordered|bought|purchased|leased) [\w\s\-]{1,40} from"
                                 r"|compet(?:es|e|ing) (?:with|against)"
                                 r"|published in|(?:the|a) (?:journal|magazine|newspaper)"
                                 r"|spokes(?:man|woman|person) for|(?:chief executive|chairman|chairwoman|head) of"
                                 r"|round led by|(?:former )?(?:executives|employees|shareholders|directors) of"
                                 # "after a 4-0 win over Jukurit": the side a game was won against is a team
                                 r"|(?:a|an) \d{1,3}[-–]\d{1,3} (?:win|victory|defeat|loss|draw) (?:over|against|with|to)"
                                 r"|(?:" + "|".join(sorted(COMPANY_KINDS_PLURAL)) + r"|rivals|competitors|suppliers|customers"
                                 r"|investors|groups|houses|labels) (?:such as|like|including)"
                                 # "Russian marketplaces Wildberries and Ozon": a kind of company in the plural
                                 r"|(?:" + "|".join(sorted(COMPANY_KINDS_PLURAL)) + r"|marketplace|chocolate makers)"
                                 r"(?-i: [A-Z][\w’'\-]+,)*)"
                                 r"(?: [Tt]he)? $")
_ORG_AFTER_PHRASE = re.compile(r"['’]s (?:board|shares|chief executive|chief financial officer|chairman|chairwoman"
                               r"|ceo|profits?|revenues?|sales|results|earnings|customers|employees|staff|shareholders"
                               r"|headquarters|owner|subsidiary|unit|parent|app|website|platform|brand|stores"
                               r"|valuation|listing|factories|plants|products|stock|workforce|market value)\b"
                               r"| said in a statement\b| (?:reported|posted) (?:a |an |its |record |higher |lower )"
                               r"| (?:is|was) (?:listed|valued|privately held|publicly traded|headquartered)\b"
                               r"| raised [$£€]| filed for (?:bankruptcy|an IPO|insolvency)\b| went public\b"
                               # "Saab gained 2% in Stockholm", "Rheinmetall was flat in Frankfurt": a share price
                               r"| (?:rose|fell|gained|lost|slipped|jumped|climbed|dropped|tumbled|surged|slid|sank"
                               r"|soared|added|shed|edged (?:up|down|higher|lower)) \d[\d.,]*(?:%| per ?cent)"
                               r"| (?:was|were) (?:flat|unchanged) in [A-Z]"
                               r"|, (?:which|that) (?:runs|operates|owns|makes|sells|builds|buys|supplies|sponsors"
                               r"|employs|provides|manages|develops|produces|owned|ran|operated|sold|bought|supplied"
                               r"|sponsored|employed|managed|developed|produced)\b"
                               # "Rio Tinto, which is building a plant", "Synlait, which is controlled by"
                               r"|, which (?:is|was) (?:building|opening|expanding|developing|controlled by"
                               r"|majority-owned|a subsidiary|a unit)\b")
# "investors in Mistral": money goes into companies (places the gazetteers know are left alone).
# "shares in X", "a stake in X", "investors in X": "in" before a company, not a place.
_IN_COMPANY = EndAnchored(r"\b(?:[Ss]hares|[Ss]takes?|[Ii]nvestors?|[Ii]nvestment|[Hh]oldings?) in $")
_INVESTORS_IN = EndAnchored(r"\b[Ii]nvestors? in $")
# "Vale cut its dividend", "Ørsted raised its forecast": a name with "its" after its verb is an organisation.
_ITS_AFTER = re.compile(r" [a-z]+ its\b")
# "northern Luzon", "east of Luzon", "central Oulu": compass words place what follows.
_COMPASS_OF = {"north", "south", "east", "west"} | {f"{a}{h}{b}" for a in ("north", "south") for h in ("", "-")
                                                 for b in ("east", "west")}
_COMPASS_BEFORE = {w + "ern" for w in _COMPASS_OF} | {"central"}
# "suburbs such as Nightcliff", "towns like Forres".
_PLACES_SUCH_AS = EndAnchored(r"\b(?:suburbs|towns|cities|villages|regions|provinces|states|countries|islands|districts"
                              r"|neighbourhoods|neighborhoods|municipalities|areas|ports|spots|beaches|resorts|destinations|locations"
                              r"|sites) (?:such as|like|including) $")
# "the substation at Margam", "a plant at Tarragona": a facility is at a place.
_FACILITY_AT = EndAnchored(r"\b(?:substation|plant|station|mine|refinery|factory|smelter|terminal|depot|warehouse|base"
                           r"|site|works|shipyard|port|airport|campus|camp|reactor|facility|reservoir|dam|coast|shore"
                           r"|beach|resort) (?:at|in|near) $")
# "coached Braga", "played for Leixões", "signed for Celtic": whom a player or coach serves is a team.
_SERVES_TEAM = EndAnchored(r"\b(?:coached|coaches|managed|captained|(?:played|plays|signed|signs)(?: [a-z]+)?? for"
                           r"|signed with|(?:joined|signed|moved|arrived)(?: [A-Z][\w’'\-]+)? from|on loan (?:from|at)"
                           r"|(?:defender|striker|midfielder|goalkeeper|winger|forward|player|captain) for) $")
# "play the Crusaders", "lost to the Chiefs": who a side meets, beats or loses to, named with "the".
_MEETS_THE = EndAnchored(r"\b(?:play|plays|played|face|faces|faced|beat|beats|host|hosts|hosted|meet|meets|met"
                         r"|against|over|lost to|loses to|beaten by|drew with|draw with|win over) the $")
# "Its director of operations, Tomasz Kowal, said", "his wife, Amélia,": a role, then the person.
_ROLE_COMMA_BEFORE = EndAnchored(r"\b(?:" + role_pattern(PERSON_ROLES - _ROLES_OF_COMPANIES_TOO)
                                 + r"|partner|brother|sister)(?: of [a-z0-9 ]{3,30})?, $")  # "his wife of 50 years, June Everly"
# "the Paris-based start-up": X in "X-based" is a place.
_BASED = re.compile(r"-based\b")
# "His company, Andros Maritime, said", "Fonterra's smaller rivals, Synlait and ...": a kind of organisation
# named, then its name after a comma.
_ORG_KIND_COMMA_BEFORE = EndAnchored(r"\b(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[A-Z][\w\-]+['’]s)(?: [a-z\-]+)? (?:"
                                     + "|".join(sorted(ORG_KINDS | {"rival", "competitor", "employer", "parent",
                                                                    "owner"})) + r")s?, $")
# Role words that say the next name is a person ("Council member Andrew Jackson", "Forecaster Helen Marsh").
_ROLE_BEFORE = EndAnchored(r"\b(?i:member|co-author|superintendent|co-founder|commissioner|premier|opener|batter"
                           r"|batsman|bowler|spinner|pitcher|quarterback|winger|rider|driver|jockey|sprinter"
                           r"|alderman|alderwoman|councilor|editor|boss|kicker|back-rower|playmaker|"
                           + "|".join(sorted(PLAYER_POSITIONS)) + r"|songwriter|guitarist|drummer|bassist|saxophonist"
                           r"|trumpeter|violinist|cellist|tenor|soprano|baritone|tight end|running back|wide receiver"
                           r"|receiver|cornerback|safety|supervisor|chair|"
                           + role_pattern(PERSON_ROLES - {"general"} - _ROLES_OF_COMPANIES_TOO) + r") $")
# Words before a person's name: who passes or scores in a game, a role "of" a department, who is
# "identified only as" one name.
_PERSON_BEFORE = EndAnchored(r"\b(?:(?:cross|pass|header|volley|shot|strike|goal|free[ \-]kick|penalty|corner|assist"
                             r"|finish|through ball|tackle|save) (?:from|by)|(?:equalised|equalized|scored|levelled"
                             r"|leveled) through|(?:head|director|chief|vice[ \-]president|manager) of [a-z]+(?: [a-z]+)?"
                             r"|identified (?:only )?as|named only as|(?:was|were) born|née|nee) $")  # a birth name
# "Ada Mertens, a software tester who ...": an appositive that goes on with "who" is about a person.
_WHO_APPOSITION = re.compile(r", (?:a|an|the) (?:[\w’'\-]+ ){0,4}who\b")


# A city that plays is its team ("Leinster beat Toulouse 29-21", "Toulouse coach Ugo Mola").
_TEAM_AFTER = re.compile(r"(?:['’]s|, who)? (?:(?P<won>beat|defeated|edged|thrashed|routed)|(?P<role>head coach|coach"
                         r"|manager|captain|fly-half|scrum-half|striker|midfielder|goalkeeper|winger|quarterback"
                         r"|running back|tight end|linebacker|pitcher|shortstop|halfback|goaltender)|fans|supporters"
                         r"|squad|drew with|lost to|knocked out|(?:lost|won|drew) \d{1,3}[-–]\d{1,3})\b")
_TEAM_BEFORE = EndAnchored(r"(?:(?<![\w’'\-])([A-Z][\w’'\-]+) )?\b(?:beat|defeated|edged|thrashed|routed|drew with"
                           r"|beating|defeating|edging|thrashing|routing"
                           r"|lost(?: \d{1,3}[-–]\d{1,3})? to|knocked out|will play) $")
_LONE_OPPONENT = re.compile(r" [A-Z][\w’'\-]+(?:[ ,.;]|$)(?! ?[A-Z])")
_SCORE_AFTER = re.compile(r" \d{1,3}[-–]\d{1,3}\b")


def relabel(text: str, found: list[Found], person_forms: set[str]) -> list[Found]:
    """Labels corrected from context; short forms of the article's people are left alone."""
    found = found + _lower_camel_names(text, found)
    in_full_names = {w for f in found if f.label == "PERSON" for w in text[f.start:f.end].split()[1:]}
    first_names = {text[f.start:f.end].split()[0] for f in found if f.label == "PERSON" and " " in text[f.start:f.end]}
    named: dict[str, set[str]] = {}  # last word -> the person names ending with it ("Reed", "Carla Reed")
    for f in found:
        if f.label == "PERSON":
            named.setdefault(text[f.start:f.end].split()[-1], set()).add(text[f.start:f.end])
    alone = {text[f.start:f.end] for f in found if " " not in text[f.start:f.end] and not gazetteer.lookup(
        text[f.start:f.end])}
    # a surname two people share, or that the text also uses alone ("Jackson Browne" ... "Browne, 76")
    shared_surnames = {last for last, names in named.items() if len(names) > 1 or last in alone}
    for f in found:
        name = text[f.start:f.end]
        if _plays(text, f, name) or not f.sure and _team_named(name) or _town_club(text, f, name):
            f.label, f.sure = "ORG", True
            continue
        if (name in person_forms or name in in_full_names) and not f.sure and " " not in name \
                and text.endswith((" in ", " near "), 0, f.start) and geonames.is_place(name):
            f.label, f.sure = "GPE", True  # "people in Bergen" beside the forecaster Kari Bergen
            continue
        if text.startswith(", the ", f.end) and " " not in name and _CLUB_APPOSITION.match(text, f.end) \
                and name not in gazetteer.COUNTRIES and gazetteer.lookup(name) in PLACE_LABELS:
            f.label, f.sure = "ORG", True  # "Liverpool, the Montevideo club that lies third"
            continue
        if name in person_forms and f.label == "PERSON" or gazetteer.lookup(name):
            continue
        label = _context_label(text, f, name) or _lone_name_label(text, f, name, in_full_names, shared_surnames,
                                                                   first_names)
        if label in (_TOWN_BY_NAME_ONLY, _ORG_BY_NAME_ONLY):  # a weaker vote than a cue: "Nokia, based in
            f.label, f.sure = label[:-1], False                   # Espoo" outvotes it
        elif label:
            f.label, f.sure = label, True
    lone: dict[str, set[str]] = {}
    for f in found:
        if " " not in text[f.start:f.end]:
            lone.setdefault(text[f.start:f.end], set()).add(f.label)
    for f in found:
        first = text[f.start:f.end].split()[0]
        if f.label == "PERSON" and not f.sure and " " in text[f.start:f.end] and lone.get(first) == {"ORG"} \
                and first not in GIVEN_NAMES:
            f.label = "ORG"  # "Samsung Electronics" when "Samsung" alone is a company
    _nicknamed_teams(text, found)
    org_heads = {text[f.start:f.end].split()[0] for f in found if f.label == "ORG"
                 and len(text[f.start:f.end].split()) == 2 and text[f.start:f.end].split()[-1] in ORG_WORDS}
    for f in found:
        name = text[f.start:f.end]
        if name in org_heads and not f.sure and name not in person_forms and name not in GIVEN_NAMES \
                and not gazetteer.lookup(name) and not geonames.is_place(name) \
                and not (f.label == CANDIDATE and opens_sentence(text, f.start)):  # not "World ..."
            f.label = "ORG"  # "Dunmore" after "Dunmore Athletic", "Kestrel" after "Kestrel Group"
    for f in found:
        name = text[f.start:f.end]
        if f.label != "PERSON" and not f.sure and lone.get(name.split()[-1]) == {"PERSON"} and looks_like_person(name):
            f.label = "PERSON"  # "Tadej Pogacar" (ORG) when "Pogacar" alone is always a person
    taken = bytearray(len(text) + 1)
    for f in found:
        taken[f.start:f.end] = b"\1" * (f.end - f.start)
    for m in _PLACE_OF.finditer(text):
        if taken.find(1, m.start(1), m.end(1)) == -1:
            found.append(Found(m.start(1), m.end(1), "GPE", sure=True))
    # "Interstate 20": a number ends the name, and the rules' names hold no numbers; "the Brakstad-owned
    # smelter" names its owner, unless a place ("Iran-backed")
    roads = _ROAD.finditer(text)
    owners = _OWNED_BY.finditer(text) if any(k in text for k in _OWNED_WORDS) else ()
    whole = [(m.start(), m.end(), Found(m.start(), m.end(), "FAC", sure=True)) for m in roads] + [
        (m.start(), m.end(), Found(m.start(1), m.end(1), "ORG", sure=True)) for m in owners
        if not gazetteer.is_place_or_people(m.group(1)) and not geonames.is_place(m.group(1))
        and m.group(1) not in SENTENCE_STARTERS and m.group(1) not in person_forms
        and m.group(1) not in in_full_names]  # not "the Trump-backed candidate"
    if whole:
        found = [f for f in found if not any(b <= f.start and f.end <= e for b, e, _ in whole)]
        found += [w for _, _, w in whole]
    found = _without_common_nouns(text, found)
    return _one_label_per_text(text, _coordinated_people(text, _coordinated_orgs(
        text, _coordinated_places(text, without_overlaps(found), person_forms), person_forms)))


def _without_common_nouns(text: str, found: list[Found]) -> list[Found]:
    """"Floodwater reached the square", "Households will pay more": a word that opens a sentence and
    that the text also writes in lower case is a common noun, whatever the model guessed."""
    openers = [f for f in found if not f.sure and opens_sentence(text, f.start) and " " not in text[f.start:f.end]]
    if not openers:
        return found
    lower = {w for w in tokens(text).strs if w.islower()}
    common = {id(f) for f in openers if text[f.start:f.end].lower() in lower and text[f.start:f.end][1:].islower()
              and text[f.start:f.end] not in GIVEN_NAMES and not gazetteer.lookup(text[f.start:f.end])
              and not geonames.is_place(text[f.start:f.end])}
    return [f for f in found if id(f) not in common]


def _one_label_per_text(text: str, found: list[Found]) -> list[Found]:
    """One name, one type in an article: the words around one mention ("head of Nu México") decide
    for the mentions of the same name that rest on a guess, before short forms are linked to people."""
    decided: dict[str, str | None] = {}
    for f in found:
        if f.sure:
            name = text[f.start:f.end]
            decided[name] = f.label if decided.get(name, f.label) == f.label else None  # cues disagree: leave
    for f in found:
        label = decided.get(text[f.start:f.end]) if not f.sure else None
        if label and f.label != CANDIDATE:
            f.label = label
    return found


# "iFood", "eBay": a name that starts with a small letter, kept only if the words around it say what it is.
# The pattern begins with the capital and looks behind it for the one or two small letters (group 1 or 2),
# so the regex engine skips to capitals in its fast scan (tests/unit/test_enrich_scanning.py holds it to
# the plain pattern r"(?<![\w\-’'])[a-z]{1,2}[A-Z][a-z][A-Za-z]+\b").
_LOWER_CAMEL = re.compile(r"[A-Z](?:(?<=(?<![\w\-’'])([a-z])[A-Z])|(?<=(?<![\w\-’'])([a-z]{2})[A-Z]))[a-z][A-Za-z]+\b")


def lower_camel_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words like "eBay" and "iFood"."""
    return [(m.start(1) if m.start(1) != -1 else m.start(2), m.end()) for m in _LOWER_CAMEL.finditer(text)]


def _org_apposition(text: str, end: int, name: str) -> bool:
    """An appositive naming a kind of organisation, whose head is no person's role: "the Danish grid
    operator" is a company, "an airline analyst" and "a bank manager" are people; a head both may
    have ("a fund manager") goes with the name's shape (one word: "Brookfield, the asset manager")."""
    org = _ORG_APPOSITION.match(text, end)
    if not org:
        return False
    person = _PERSON_APPOSITION.match(text, end)
    return not (person and (person.end() > org.end() or person.end() == org.end() and " " in name))


def _lower_camel_names(text: str, found: list[Found]) -> list[Found]:
    taken = [(f.start, f.end) for f in found]
    return [Found(start, end, CANDIDATE) for start, end in lower_camel_spans(text)
            if not any(b < end and start < e for b, e in taken)]


def _plays(text: str, f: Found, name: str) -> bool:
    """A town named as a sports team: it beats, is beaten, has a coach or fans. A name no
    gazetteer knows counts only with a score or a coach ("Brentford manager Thomas Frank");
    countries are left alone ("Russia beat back the attack")."""
    if name in gazetteer.COUNTRIES or f.label == "PERSON" and f.sure:
        return False
    town = f.label in PLACE_LABELS or geonames.is_place(name)
    if not town and f.label != CANDIDATE and not _nicknamed(name, f):
        return False
    after = _TEAM_AFTER.match(text, f.end)
    if after and after.group("won"):
        return bool(_SCORE_AFTER.search(text[f.end:f.end + 60])
                    or town and " " not in name and _lone_opponent(text, after.end()))
    before = _TEAM_BEFORE.search(text, max(0, f.start - 40), f.start)
    if not before and " " not in name and (town and _SPORTS_VERB_BEFORE.search(text, max(0, f.start - 20), f.start)
                                           or not town and not f.sure and f.label != "ORG"
                                           and _CLUB_VERB_BEFORE.search(text, max(0, f.start - 20), f.start)) \
            and _sports_report(text):
        return True  # "host Barcelona", "get past Ferencváros", "travel to Cliftonville" in a report with scores
    return bool(after and (town or after.group("role") or after.group(0)[-1].isdigit())
                or before and (_SCORE_AFTER.match(text, f.end) or town and before.group(1)
                               or town and " " not in name and _AT_VENUE.match(text, f.end)))


# What teams do to each other, in a report that gives scores.
_SPORTS_VERBS = r"beaten|host|hosts|hosted|face|faces|faced|get past|got past|meet|meets|knocked out|eliminated|against"
_SPORTS_VERB_BEFORE = EndAnchored(r"\b(?:" + _SPORTS_VERBS + r") $")
# ... and, for a name no gazetteer places, where a side travels and whom it is held by or ahead of.
_CLUB_VERB_BEFORE = EndAnchored(r"\b(?:" + _SPORTS_VERBS + r"|travel to|travels to|(?:held|beaten|thrashed)"
                                r" \d{1,3}[-–]\d{1,3} by|clear of|ahead of) $")


@lru_cache(maxsize=4)
def _sports_report(text: str) -> bool:
    """True for a text with two scores or more ("35-27", "2-1")."""
    return len(SCORE.findall(text)) >= 2


def _team_named(name: str) -> bool:
    """"Punjab Kings", "Chennai Super Kings": a town's name, then a team's nickname."""
    parts = name.split()
    return len(parts) >= 2 and parts[-1] in TEAM_NICKNAMES and (
        gazetteer.lookup(parts[0]) in PLACE_LABELS or geonames.is_place(parts[0]))


# "Exeter City", "Mansfield Town", "Stockport County": a town and one of these words, in an article about
# sport, is its club (not a place GeoNames knows whole, "Kansas City", nor one "in" which something happens).
_CLUB_ENDS = ("City", "Town", "County", "United")
_PLACE_PREPOSITION_BEFORE = EndAnchored(r"\b(?:in|at|near|from|to|outside|across|around) $")


def _town_club(text: str, f: Found, name: str) -> bool:
    parts = name.split()
    return len(parts) == 2 and parts[1] in _CLUB_ENDS and not (f.sure and f.label == "PERSON") \
        and (gazetteer.lookup(parts[0]) in PLACE_LABELS or geonames.is_place(parts[0])) \
        and not gazetteer.lookup(name) and not geonames.is_place(name) \
        and not _PLACE_PREPOSITION_BEFORE.search(text, max(0, f.start - 12), f.start) and _about_sport(text)


_SPORTS_WORDS = re.compile(r"\b(?:goals?|match|matches|league|season|coach|manager|striker|midfielder|defender"
                           r"|goalkeeper|penalty|championship|tournament|semi-final|quarter-final|fixture|innings"
                           r"|wickets?|touchdown|play-offs?|playoffs?|relegation|promotion)\b")


@lru_cache(maxsize=4)
def _about_sport(text: str) -> bool:
    """A report with scores, or one with three words of sport or more ("goal", "league", "relegation")."""
    return _sports_report(text) or len(_SPORTS_WORDS.findall(text, 0, 20_000)) >= 3


# "Kaizer Chiefs", "Hanwha Eagles": a name ending in a plural noun; with a score or a coach, a team.
_PLURAL_LAST = re.compile(r"[a-z](?<![su]s)s$")


def _nicknamed(name: str, f: Found) -> bool:
    """A name the model took for a person that ends like a team's nickname (not a given name first:
    "Serena Williams beat ... 6-3")."""
    return f.label == "PERSON" and " " in name and bool(_PLURAL_LAST.search(name)) \
        and name.split()[0] not in GIVEN_NAMES


def _nicknamed_teams(text: str, found: list[Found]) -> None:
    """"Mamelodi Sundowns ... Sundowns coach Ana Lima", "Central Stags ... the Stags resumed": a guessed
    name ending in a plural that the text also uses alone as a team, or after "the", is a team."""
    teams = {text[f.start:f.end] for f in found if f.label == "ORG" and f.sure and " " not in text[f.start:f.end]}
    for f in found:
        if f.sure or f.label not in ("PERSON", CANDIDATE) and f.label not in _THINGS:
            continue
        name = text[f.start:f.end]
        last = name.rsplit(" ", 1)[-1]
        if last != name and _PLURAL_LAST.search(last) and name.split()[0] not in GIVEN_NAMES and (
                last in teams or re.search(r"\b[Tt]he " + re.escape(last) + r"\b(?! [a-z])", text)):
            f.label, f.sure = "ORG", True


# "beat Benfica at the Estádio da Luz", "beat Leeds at home": a venue after the beaten town.
_AT_VENUE = re.compile(r" (?:at|in front of) (?:home|the [A-Z]|[A-Z])")


def _lone_opponent(text: str, pos: int) -> bool:
    """"beat Toulouse in Dublin": one capitalised word after the verb, then a lower-case word or a stop."""
    return bool(_LONE_OPPONENT.match(text, pos))


# A city named as a sports club: "Liverpool, the Montevideo club that lies third" (not "the club's home").
_CLUB_APPOSITION = re.compile(r", the (?:[\w’'\-]+ ){0,3}(?:club|team|side)\b(?!['’])")
# "The City of Moncton opened warming centres", "City of Darwin councillors": the council, not the place.
_CITY_OF = ("City of ", "Town of ", "County of ", "Borough of ", "Shire of ", "Municipality of ")
_BODY_ACTS = re.compile(r" (?:said|says|opened|closed|announced|approved|will|would|has|had|plans|wants"
                        r"|councillors|officials|staff)\b")


# "at the Melbourne Cricket Ground", "at the Estadio Campeón del Siglo": a venue is where a game is played.
_VENUE_WORDS = frozenset("Stadium Stadion Ground Arena Coliseum Colosseum Estadio Estádio Stade Stadio Parque Parc "
                         "Velodrome Racecourse".split())
_AT_THE = EndAnchored(r"\b[Aa]t (?:the )?$")


def _context_label(text: str, f: Found, name: str) -> str | None:
    if name.startswith(_CITY_OF) and _BODY_ACTS.match(text, f.end):
        return "ORG"
    if text.endswith(("at ", "at the "), 0, f.start) and " " in name and not f.sure \
            and any(w in _VENUE_WORDS for w in name.split()) and not any(w in ORG_WORDS for w in name.split()) \
            and _AT_THE.search(text, max(0, f.start - 8), f.start):
        return "FAC"
    before = word_before_of(text, f.start, 30)
    after = _WORD_AFTER.match(text, f.end)
    word_before = before.word if before else ""
    word_after = after.group(1).lower() if after else ""
    if name in BUSINESS_FUNCTIONS and word_after in _OFFICERS and not f.sure:
        return CANDIDATE  # "Finance chief Gráinne Shannon said": a role, no company
    if word_after in _MEMBER_ROLES and _NAME_AFTER_ROLE.match(text, after.end()) and not (f.sure and f.label != "ORG") \
            and not gazetteer.lookup(name) and not geonames.is_place(name) and not gazetteer.is_people_word(name) \
            and not (" " not in name and (name.endswith(("ic", "al", "an")) or name in FIELD_WORDS
                                          or name in BUSINESS_FUNCTIONS)):  # (not "Democratic", "Transport councillor")
        return "ORG"  # "Fianna Fáil councillor Declan Furey": the party a member belongs to
    if word_before in PLACE_BEFORE and before.of:
        return "GPE"
    if word_after in PLACE_AFTER and (f.label != "PERSON" or word_after not in _AFTER_PEOPLE_TOO) \
            and not (word_after == "market" and _MARKET_OF_A_COMPANY.match(text, after.end())):
        return PLACE_AFTER[word_after]  # "traders at Sandaga market" (not "Tesla's market value")
    if " " not in name and not f.sure and _NEARBY_BEFORE.search(text, max(0, f.start - 20), f.start):
        return "GPE"  # "grew up in nearby Joure"
    listed = _ORGS_LISTED.match(text, f.end) if (" " not in name or text.endswith((" and ", " or "), 0, f.start)
                                                 and not f.sure) and (word_after in ("and", "or")
                                                                      or word_after.islower()) else None
    if listed and (listed.group("list") or listed.group("slot") in ("", "and ", "or ")
                   or text.endswith((" and ", " or ", ", "), 0, f.start)) \
            and (not geonames.is_place(name) or listed.group("kind") in _NO_TOWN_HAS) \
            and not _DESCRIBING_COMPOUND.search(name):
        return "ORG"  # "shelves emptied at Seicomart and Lawson convenience stores", not "Quick-commerce companies"
    kinds = _PLACES_LISTED.match(text, f.end) if word_after in ("and", "or") or word_after.islower() \
        or text.startswith(", ", f.end) else None
    if kinds and " " not in name:  # "the Surma and Kushiyara rivers", "the Zaatari and Azraq refugee camps"
        return "LOC"
    if text.startswith(", which ", f.end) and _PLACE_CLAUSE.match(text, f.end) \
            or text.startswith(("'s ", "’s "), f.end) and _PLACE_POSSESSED.match(text, f.end) and f.label != "PERSON":
        return "GPE"  # "Ogun State, which borders Lagos", "Champagne's vineyards"
    place_kind = _PLACE_APPOSITION.match(text, f.end)
    if place_kind:
        return _PLACE_KINDS[place_kind.group(1)]
    if _MEMBERS_AT.search(text, max(0, f.start - 20), f.start):
        return "ORG"
    given = name.split()[0] in GIVEN_NAMES
    if text.endswith((" at ", " with "), 0, f.start) and _ONE_MEMBER_AT.search(text, max(0, f.start - 20), f.start) \
            and not given and not geonames.is_place(name) \
            and not (f.label == "PERSON" and f.sure):
        return "ORG"
    no_org_word = not any(w in ORG_WORDS for w in name.split())
    compass = before and word_before in (_COMPASS_OF if before.of else _COMPASS_BEFORE)
    if (compass or text.endswith((" as ", " like ", " including "), 0, f.start)
            and _PLACES_SUCH_AS.search(text, max(0, f.start - 40), f.start)) and no_org_word and not given:
        return "GPE"
    if (" " not in name or len(name.split()) == 2 and not f.sure) and not (f.label == "ORG" and f.sure) \
            and no_org_word and not given and word_before in ("at", "in", "near") and not before.of \
            and _FACILITY_AT.search(text, max(0, f.start - 20), f.start):  # ("the coast at Agioi Theodoroi")
        return "GPE"
    if " " not in name and _PLURAL_LAST.search(name) and not f.sure and name not in gazetteer.DEMONYMS \
            and _MEETS_THE.search(text, max(0, f.start - 30), f.start):
        return "ORG"  # "They play the Crusaders", "to face the Brumbies": a side named by its nickname
    if _SERVES_TEAM.search(text, max(0, f.start - 30), f.start) \
            and name not in gazetteer.COUNTRIES \
            and not (f.label == "PERSON" and (given or f.sure)):
        return "ORG"
    if f.label != "PERSON" and text.startswith((",", " said", "."), f.end) and no_org_word \
            and not has_company_suffix(name) and text.endswith(", ", 0, f.start) \
            and _ROLE_COMMA_BEFORE.search(text, max(0, f.start - 60), f.start):
        return "PERSON"
    if text.endswith(", ", 0, f.start) and not given and not (f.label == "PERSON" and f.sure) \
            and _ORG_KIND_COMMA_BEFORE.search(text, max(0, f.start - 50), f.start):
        return "ORG"
    org_before = (word_before.lower() in ORG_BEFORE or company_maker(word_before)  # "drugmaker Bavarian Nordic"
                  ) and not (f.label == "PERSON" and name.split()[0] in GIVEN_NAMES)  # "rival Donald Trump"
    if (word_after in ORG_AFTER or (org_before and not before.of)
            or _org_apposition(text, f.end, name) or _ORG_PARTICIPLE.match(text, f.end)
            and (text.startswith(",", f.end) or word_before not in ("near", "in", "outside", "at"))):
        # (not "a new centre near Doncaster run by Wincanton": the participle is the centre's)
        return "ORG"
    if _BASED_IN.match(text, f.end) and not f.sure and name.split()[0] not in GIVEN_NAMES:
        return "ORG"
    if _AGE_AFTER.match(text, f.end) and f.label != "PERSON" and looks_like_person(name) \
            and not geonames.is_place(name):
        return "PERSON"  # "Browne, 76, last toured in 2022": news gives people's ages
    if f.label != "PERSON" and not f.sure and _affiliated(text, f.end, name):
        return "PERSON"  # "elected Thabo Mahlangu of the African National Congress as mayor"
    if _PERSON_APPOSITION.match(text, f.end) and f.label != "PERSON" and " " in name:
        return "PERSON"
    if f.label != "PERSON" and not f.sure and looks_like_person(name) and not _not_a_person(name) \
            and (" " in name or text.endswith(" as ", 0, f.start)) \
            and _PERSON_BEFORE.search(text, max(0, f.start - 40), f.start):
        return "PERSON"  # "a low cross from Amara Diallo-Berg", "head of procurement Lerato Pule"
    inside = _IN_PLACE.match(text, f.end)
    if (inside and word_before in ("at", "in", "near") and f.label != "ORG"
            and gazetteer.lookup(inside.group(1)) in PLACE_LABELS):
        return "GPE"
    if _WHERE.match(text, f.end) and f.label != "GPE" and no_org_word and not _WHERE_WORKED.match(text, f.end):
        return "GPE"  # "Uttar Pradesh, where ..." (not "... Credit Union, where he worked": a workplace)
    if (f.label in ("PERSON", CANDIDATE) or f.label == "ORG" and not f.sure
            and (_PHRASE_ENDS.match(text, f.end) or _SPEAKS.match(text, f.end))) \
            and " " not in name and word_before in ("in", "near", "Near") \
            and not before.of and not _IN_COMPANY.search(text, max(0, f.start - 30), f.start):
        return "GPE"  # "Hotel owners in Crieff": the model's guess of a company rests on nothing
    if word_before in ("near", "Near") and not f.sure and no_org_word and not given:
        return "GPE"  # "made landfall near Corpus Christi"
    if word_before in ("towards", "toward") and " " not in name and not f.sure and not given:
        return "GPE"  # "moved inland towards Karumba"
    if word_before in ("around", "off", "outside") and " " not in name and not f.sure and not given and not before.of \
            and _PHRASE_ENDS.match(text, f.end):  # (not "a single off LG closer Yoo")
        return "GPE"  # "a cluster of cases around Léo", "sensors off Shikoku by 2028"
    if " " not in name and text.endswith(("the ", "The "), 0, f.start) and _RIVER_ACTS.match(text, f.end):
        return "LOC"  # "the Siret had burst its banks", "the Prut could flood"
    return None


# Where a place named after a preposition ends its phrase.
_PHRASE_ENDS = re.compile(r"[,.;:)]|$| (?:by|in|on|at|and|or|where|when|from|to|for|with|last|this|next|since|until)\b")
# What rivers do.
_RIVER_ACTS = re.compile(r" (?:had |has )?(?:burst|broke|broken|overtopped) its banks\b| (?:could|would|will) (?:flood|burst)\b"
                         r"| (?:flooded|overflowed|crested)\b")
# One lower-case word that describes the kind ("refugee camps", "convenience stores"), never a verb ("Smith toured villages").
_DESCRIBING_SLOT = r"(?:(?![a-z]+ed\b|said\b|says\b|told\b|visited\b|toured\b|[a-z]+s\b)[a-z]+ )?"
# "the Surma and Kushiyara rivers": a kind of place in the plural after a list names places.
_PLACES_LISTED = re.compile(r"(?:, [A-Z][\w’'\-]+)*(?:,? (?:and|or) (?:the )?[A-Z][\w’'\-]+)? " + _DESCRIBING_SLOT + r"(?:" + "|".join(sorted(PLACE_KINDS_PLURAL))
                            + r")\b")
# "the Harvey Norman, Domayne and Joyce Mayne brands": a kind of organisation in the plural after a list names them.
# (a describing word only after a list: "Trump hit companies" names no company)
_ORGS_LISTED = re.compile(r"(?P<list>,? (?:and|or) [A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?)? (?P<slot>" + _DESCRIBING_SLOT
                          + r")(?P<kind>" + "|".join(sorted(COMPANY_KINDS_PLURAL)) + r")\b")
# Kinds in that list no town has ("Wave and Orange Money accounts": GeoNames knows a town called Wave).
_NO_TOWN_HAS = {"accounts", "networks", "apps", "brands", "handsets", "jets", "aircraft", "planes", "telcos",
                "carriers", "airlines", "insurers", "lenders", "chipmakers", "carmakers", "drugmakers"}
_DESCRIBING_COMPOUND = re.compile(r"-[a-z]+$")  # "Quick-commerce", "Low-cost": a compound that describes
_PLACE_CLAUSE = re.compile(r", which (?:borders|border|lies|straddles|sits on|is home to)\b")
_PLACE_POSSESSED = re.compile(r"['’]s (?:residents|coast|coastline|vineyards|hills|beaches|streets|suburbs|outskirts"
                              r"|villages|towns|population|inhabitants|capital|border|mayor|city council|town council|city hall)\b")
# A lone name GeoNames knows as a town, whatever the model guessed: a place, unless a cue says otherwise.
_TOWN_BY_NAME_ONLY = "GPE?"
_THINGS = {"PRODUCT", "WORK_OF_ART", "EVENT"}
# A lone word the model took for a person that no full name introduced: an organisation, unless a cue says otherwise.
_ORG_BY_NAME_ONLY = "ORG?"
_HYPHEN_ADJECTIVE = re.compile(r"-(?:based|owned|listed|born|led|backed|made)$")
_MIXED_CASE = re.compile(r"(?:\d+[A-Z]|[a-z][A-Z])")  # "50Hertz", "ScotRail", "LinkedIn"
_SPEAKS = re.compile(r" (?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b")
_SPOKE_BEFORE = EndAnchored(r"\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r") $")
# "Insurers said", "Economists said": people in the plural, not a company.
_PLURAL_PEOPLE = re.compile(r"(?:ers|ists|ians|ials|ors|ants|ents)$")
_ORG_ENDINGS = ("bank", "tech", "soft", "corp", "com", "air", "rail", "tel")
_ORG_FIRST_WORDS = {"Air", "Transport", "Radio", "Banco", "Banca", "Grupo", "Groupe", "Club", "Team", "National",
                    "International", "Federal", "Global"}  # no one is called "National Grid"
_OF_COUNTRY = re.compile(r" of ([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?)")
_AGE_AFTER = re.compile(r", (?:aged )?\d{1,3},|, an? \d{1,2}-year-old\b")  # "Suryadi, a 41-year-old driver" (not a
# "135-year-old stationer")
_NEAR = re.compile(r" near ([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?)")
_WHO_AFTER = re.compile(r", who\b")
_PLACE_PREPOSITIONS = ("on", "On", "from", "to")
# A phrase that ends, or goes on with a date ("in Adelboden on Saturday", "in Tuam, when").
_DATE_OR_END = re.compile(r"[,.;:)]|$| (?:when|where|after|before)\b| (?:on|in|last|this|next) (?:[A-Z][a-z]+day|January"
                          r"|February|March|April|May|June|July|August|September|October|November|December|week|month"
                          r"|year)\b")
# "Austin, Texas", "Jackson, Mississippi": a name followed by its state or country.
_IN_REGION = re.compile(r", ([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?)\b")


def _lone_name_label(text: str, f: Found, name: str, in_full_names: set[str],
                     shared_surnames: set[str] = frozenset(), first_names: set[str] = frozenset()) -> str | None:
    """Organisations and places named by one word (Energinet, Codelco, Inverness), from the words
    around them, their shape, company suffixes or GeoNames; a word of someone's full name is left alone."""
    if name in in_full_names or _HYPHEN_ADJECTIVE.search(name):  # "Texas-based" describes, it names nothing
        return None
    if " " in name and PLACE_FIRST_WORDS.get(name.split()[0]) == "LOC":
        return None  # "the River Calder, which runs through the city": its first word says what it is
    if _BASED.match(text, f.end):
        return "GPE"
    lone = " " not in name
    near = _NEAR.match(text, f.end)
    if near and lone and f.label not in ("ORG", "PERSON") and not opens_sentence(text, f.start) \
            and (gazetteer.lookup(near.group(1)) in PLACE_LABELS or geonames.is_place(near.group(1))):
        return "GPE"  # "lifted off from Starbase near Boca Chica"
    region = _IN_REGION.match(text, f.end)
    if region and gazetteer.lookup(region.group(1)) in PLACE_LABELS and (lone or f.label != "ORG") \
            and not has_company_suffix(name):
        return "GPE"
    org_cue = (lone or f.label != "PERSON" or name.split()[0] not in GIVEN_NAMES and not f.sure) and (
        _ORG_BEFORE_PHRASE.search(text, max(0, f.start - 60), f.start) or _ORG_AFTER_PHRASE.match(text, f.end))
    introduced = not lone and (f.label != "PERSON" or org_cue) and (  # "team boss Ada Mertens said"
        _ROLE_BEFORE.search(text, max(0, f.start - 20), f.start) or _WHO_APPOSITION.match(text, f.end))
    if introduced and f.label != "PERSON" and (name.split()[0] in GIVEN_NAMES or not _has_name_word(name)
                                               or _WHO_APPOSITION.match(text, f.end) and no_org_word_in(name)):
        return "PERSON"
    if not lone and f.label == "PERSON" and not f.sure and name.split()[0] not in GIVEN_NAMES \
            and text.endswith(("'s ", "’s "), 0, f.start) and _owner_named_in_full(text, f.start, in_full_names):
        return "ORG"  # "Warren Brandt's Halvik Holdings": what a person owns, not a person
    if org_cue and not introduced:
        return "ORG"  # "Warren Brandt's Halvik Holdings": what a person owns, not a person
    if (_ORG_BEFORE_PHRASE.search(text, max(0, f.start - 60), f.start) or _ORG_AFTER_PHRASE.match(text, f.end)) \
            and (lone or f.label != "PERSON" or name.split()[0] not in GIVEN_NAMES and not f.sure) and not introduced:
        return "ORG"
    if has_company_suffix(name):
        return "ORG"
    if lone and not f.sure and name not in GIVEN_NAMES and not geonames.is_place(name) and not name.isupper() \
            and _BY_AGENT.search(text, max(0, f.start - 40), f.start) and _PHRASE_ENDS.match(text, f.end):
        return "ORG"  # "a stockpile held by Merck", "paid for partly by Jollibee": people come named in full
    if lone and name not in GIVEN_NAMES and not (f.label == "PERSON" and f.sure) \
            and (_RIVAL_APPOSITION.match(text, f.end) or f.label not in PLACE_LABELS and not _placed(text, f.start)
                 and (_LISTED_SPEAKERS.match(text, f.end) or _LAST_LISTED_SPEAKER.match(text, f.end)
                      and _LISTED_BEFORE.search(text, max(0, f.start - 40), f.start))):
        return "ORG"  # "Vattenfall, the state-owned rival", "Stripe and Worldline said": a person comes named in full
    if not lone and len(name.split()) == 2 and f.label != "PERSON" and not f.sure and _of_a_country(text, f.start) \
            and looks_like_person(name) and not _not_a_person(name) and not has_company_suffix(name) \
            and not _PLURAL_LAST.search(name):
        return "PERSON"  # "Ethiopia's Tigist Alemu": a country's people come with two names, its companies one
    if lone and not f.sure and name not in GIVEN_NAMES and _of_a_country(text, f.start) \
            and not geonames.is_place(name):
        return "ORG"  # "Japan's Hokuden", "Belgium's Vandewiele": a country's lone name is its company
    if lone and name not in GIVEN_NAMES and not geonames.is_place(name) and not (f.label == "PERSON" and f.sure) and (
            text.endswith(" in ", 0, f.start) and _INVESTORS_IN.search(text, max(0, f.start - 20), f.start)
            or _ITS_AFTER.match(text, f.end) and not _PLURAL_PEOPLE.search(name)):
        return "ORG"
    if lone and name.isupper() and name.isalpha() and 3 <= len(name) <= 6 and f.label == "PERSON":
        return "ORG"  # "LSEG": people are not written in capitals
    of_country = _OF_COUNTRY.match(text, f.end)
    if lone and of_country and gazetteer.lookup(of_country.group(1)) == "GPE" and not geonames.is_place(name) \
            and (f.label != "PERSON" or not f.sure and name not in GIVEN_NAMES):
        return "ORG"  # "Nexans of France and Prysmian of Italy"
    if lone and _MIXED_CASE.search(name) and f.label != "PERSON":
        return "ORG"
    if lone and name.isupper() and 3 <= len(name) <= 6 and f.label in PLACE_LABELS and not geonames.is_place(name):
        return "ORG"  # "CERN", "AEMET": places are seldom acronyms the gazetteers do not know
    if lone and (f.label in PLACE_LABELS or f.label == CANDIDATE and name not in GIVEN_NAMES
                 and not _PLURAL_PEOPLE.search(name)) and not f.sure \
            and _SPEAKS.match(text, f.end) and not geonames.is_place(name):
        return "ORG"  # "Codelco said on Monday": a place the gazetteers do not know, speaking
    if lone and f.label == "PERSON" and len(name) > 5 and name.lower().endswith(_ORG_ENDINGS) \
            and name not in GIVEN_NAMES:
        return "ORG"  # "Swedbank"
    if not lone and f.label != "ORG" and not f.sure and (any(p in ORG_WORDS for p in name.split()[1:]) or (
            name.split()[0] in ORG_WORDS and name.split()[-1] not in PLACE_WORDS)):
        return "ORG"  # "Port of Rotterdam Authority", "Loyola University New Orleans", "Instituto Butantan"
    if (f.label in ("PERSON", "ORG", CANDIDATE) or f.label in _THINGS) and not f.sure and geonames.is_place(name) \
            and not (f.label == CANDIDATE and opens_sentence(text, f.start)):
        return _TOWN_BY_NAME_ONLY
    if lone and f.label in ("PERSON", CANDIDATE) and name not in GIVEN_NAMES and len(name) > 2:
        before = word_before_of(text, f.start, 30)
        if before and before.word in _PLACE_PREPOSITIONS and not before.of:
            return "GPE"  # "on Bornholm", "commutes from Forres"
    if f.label in PLACE_LABELS and not f.sure and text.endswith((" in ", " near "), 0, f.start) \
            and _DATE_OR_END.match(text, f.end) and not _INVESTORS_IN.search(text, max(0, f.start - 20), f.start):
        return f.label  # "won the giant slalom in Adelboden on Saturday": the model's place, in a place's slot
    if not lone and f.label != "PERSON" and (name.split()[0] in GIVEN_NAMES or not _has_name_word(name)):
        if _ROLE_BEFORE.search(text, max(0, f.start - 20), f.start) or _WHO_AFTER.match(text, f.end):
            return "PERSON"  # "Council member Andrew Jackson", "Tigst Assefa, who set ..."
    if not lone and f.label == "PERSON" and not f.sure and _not_a_person(name) \
            and name.split()[-1] not in shared_surnames \
            and not _ROLE_BEFORE.search(text, max(0, f.start - 20), f.start) \
            and not _PERSON_APPOSITION.match(text, f.end) and not _WHO_AFTER.match(text, f.end) \
            and not _AGE_AFTER.match(text, f.end) and not _WHO_APPOSITION.match(text, f.end) \
            and not _SPOKE_BEFORE.search(text, max(0, f.start - 20), f.start):
        return "ORG"  # "Odense Letbane", "FNV Havens", "Transport Scotland", "Air Tindi"
    if f.label in _THINGS and _SPEAKS.match(text, f.end) and not f.sure:
        return "ORG"  # "Supercars said", "The Dunmore Falcons said": works and products do not speak
    if f.label in ("PERSON", CANDIDATE) and not f.sure and ("&" in name or len(name.split()) > 3 and not any(
            p in PARTICLES or p in GIVEN_NAMES for p in name.split()) and name.split()[-1] not in REGNAL_NUMBERS):
        return "ORG"  # "Brandt & Lowe", "Orlenvik Marine Salvage Engineering": no one is named so
    if not lone and f.label == "PERSON" and not f.sure and text.endswith(("the ", "The "), 0, f.start) \
            and (f.start < 4 or not text[f.start - 5].isalnum()) and name.split()[0] not in GIVEN_NAMES:
        return PLACE_WORDS.get(name.split()[-1], "ORG")  # "the Halvard Rovers", "the Kessner Highway": no one is "the" X
    if lone and f.label == "PERSON" and not f.sure and name not in first_names and _never_introduced(text, f, name):
        return _ORG_BY_NAME_ONLY  # "Schindler reports on Friday": no one of that name was introduced
    if lone and f.label in PLACE_LABELS and not f.sure and _unplaced(text, f, name):
        return _ORG_BY_NAME_ONLY  # "chartered to TotalEnergies and Vitol": a place no gazetteer knows, in no place's slot
    return None


# The agent of a passive: "held by", "led by", "developed jointly by".
_BY_AGENT = EndAnchored(r"\b(?:[a-z]+ed|held|led|run|sent|built|bought|sold|made|paid for|owned|taken over|won)"
                        r"(?: (?:partly|jointly|largely|mainly|mostly|wholly|also))? by $")
# "Winbond, a smaller rival based in Taichung": a lone name's rival is a company (people are named in full).
_RIVAL_APPOSITION = re.compile(r", (?:the|a|an|its|their) (?:[\w’'\-]+ ){0,3}(?:rival|competitor)s?\b")
# "Stripe and Worldline said": lone names listed before a speech verb.
_THEY_SAID = r"(?: both| all| also| each)? (?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b"
_LISTED_SPEAKERS = re.compile(r"(?:,? (?:and|or) |, )(?:[A-Z][\w’'\-]+, )*[A-Z][\w’'\-]+(?:,? (?:and|or) [A-Z][\w’'\-]+)?"
                              + _THEY_SAID)
# "Stanbic and Absa both said": the last lone name of such a list.
_LAST_LISTED_SPEAKER = re.compile(_THEY_SAID)
_LISTED_BEFORE = EndAnchored(r"(?<![\w’'\-])[A-Z][\w’'\-]+,? (?:and|or) $")


def _unplaced(text: str, f: Found, name: str) -> bool:
    """A lone word the model called a place that neither the gazetteers (GeoNames' towns of 15,000 included)
    nor the words before it place: no preposition of place, no "the" (regions: "the Karoo"), no list after
    one. Unknown lone words are three times as often companies as places, and the small places the
    gazetteers miss come after "in" or "near"."""
    if name.isupper() or geonames.is_place(name) or name in GIVEN_NAMES or _PLURAL_PEOPLE.search(name):
        return False
    if _WHERE.match(text, f.end) or _TRAVELLED_TO.search(text, max(0, f.start - 50), f.start):
        return False  # "flew by helicopter to Pașcani, where ..."
    before = word_before(text, f.start, 30, ".")
    return before not in _PLACING_WORDS and (before == "to" or not _placed(text, f.start))  # "sold to X": a buyer


# "flew by helicopter to X", "were evacuated to X": where people go is a place.
_TRAVELLED_TO = EndAnchored(r"\b(?:flew|flown|travell?ed|went|returned|moved|drove|driven|sailed|headed|evacuated|fled"
                            r"|relocated|deployed|rushed|airlifted)\b(?: [\w\-]+){0,4} to $")


# Words before a place: prepositions, "the" (regions), a list's joiner (its other names decide), a
# compass word, and what storms do to places.
_PLACING_WORDS = frozenset("in near at from across between outside around of the The on off into through via "
                           "towards toward and or northern southern eastern western central struck battered lashed "
                           "pounded swept".split())


_PERSONAL_AFTER = re.compile(r"['’]s (?:wife|husband|widow|son|daughter|father|mother|family|death|funeral|life"
                             r"|music|works|paintings|novels|poems|songs|symphon\w+|legacy|theor\w+|ideas)\b"
                             r"| (?:was|is) (?:right|wrong|born)\b| administration\b")
_TITLE_BEFORE = EndAnchored(rf"\b(?:{TITLE_ALTERNATION}) $")


def _never_introduced(text: str, f: Found, name: str) -> bool:
    """A lone word the model took for a person, though news names a person in full (or with a title)
    before using the surname alone: no full name of the article ends with it (the caller knows), it
    is no given name, no title or role word stands before it and no age or "who" follows it."""
    if name in GIVEN_NAMES or not name[:1].isupper() or _PLURAL_PEOPLE.search(name) or name.isupper():
        return False
    before = word_before(text, f.start, 30, ".")
    if before in ("of", "like") or _PERSONAL_AFTER.match(text, f.end):
        return False  # "the music of Mahler", "Mahler's widow": a person famous enough for one name
    return not (before and (LOWER_ROLE.match(before) or before[:1].isupper()
                            and _TITLE_BEFORE.search(text, max(0, f.start - 40), f.start))) \
        and not _AGE_AFTER.match(text, f.end) and not _WHO_AFTER.match(text, f.end)


def _owner_named_in_full(text: str, start: int, in_full_names: set[str]) -> bool:
    """True when "Given Surname's " stands before `start`, the surname one of the article's people's."""
    words = text[max(0, start - 40):start - 3].split(" ")
    return len(words) >= 2 and words[-1] in in_full_names and words[-2] in GIVEN_NAMES


def no_org_word_in(name: str) -> bool:
    return not any(w in ORG_WORDS for w in name.split())


def _of_a_country(text: str, start: int) -> bool:
    """True when a country's possessive stands right before `start` ("Japan's ")."""
    return text.endswith(("'s ", "’s "), 0, start) and bool(
        _COUNTRY_POSSESSIVE.search(text, max(0, start - 40), start))


_COUNTRY_POSSESSIVE = EndAnchored(r"(?<![\w’'\-])(?:" + alternation(sorted(gazetteer.COUNTRIES)) + r")['’]s $")


def _not_a_person(name: str) -> bool:
    """A name of several words that no person has: one of them an acronym or a country, city or
    people's name from the hand gazetteer. (GeoNames is too wide here: "Sydney Hale", "Jarosław
    Kaczyński" start with towns.)"""
    parts = name.split()
    if parts[0] in GIVEN_NAMES:
        return False
    if parts[0] in _ORG_FIRST_WORDS or any(p.isupper() and len(p) > 1 and p.isalpha() and p not in REGNAL_NUMBERS
                                           for p in parts):
        return True
    return any(gazetteer.is_place_or_people(p) for p in parts) or any(
        gazetteer.lookup(f"{a} {b}") in PLACE_LABELS for a, b in zip(parts, parts[1:]))  # "Sri Lanka Cricket"


def _has_name_word(name: str) -> bool:
    """True when a word of the name says organisation or place ("Authority", "River", "Paris")."""
    return any(p in ORG_WORDS or p in PLACE_WORDS or gazetteer.lookup(p) for p in name.split())


def _coordinated_places(text: str, found: list[Found], person_forms: set[str]) -> list[Found]:
    """Names listed alongside a city or country are places too ("Mombasa and Kisumu")."""
    by_span = {(f.start, f.end): f for f in found}
    changed = True
    while changed:
        changed = False
        for f in sorted(by_span.values(), key=lambda f: f.start):
            if f.label != "GPE" and not (f.label == "LOC" and _placed(text, f.start)):
                continue
            for start, end in _neighbours(text, f):
                name = text[start:end]
                if (name in person_forms or name in SENTENCE_STARTERS or name.isupper() or gazetteer.lookup(name)
                        or _WHO_AFTER.match(text, end)  # "the port of Tema, Yaw Ofosu, who ..."
                        or " " in name and _SAID_AFTER.match(text, end) and looks_like_person(name)  # "manager in
                        # Dunedin, Craig Nelson, said": a full name between commas before "said" is the speaker
                        or TITLE_RUN.match(name) or any(w in ORG_WORDS for w in name.split())):
                    continue
                other = by_span.get((start, end))
                inside = [] if other else [g for g in by_span.values() if g.start < end and start < g.end]
                if other is None and all(start <= g.start and g.end <= end and g.label == "ORG" for g in inside):
                    for g in inside:  # "Halls" (ORG) inside "Halls Gap"
                        del by_span[(g.start, g.end)]
                    by_span[(start, end)] = Found(start, end, "GPE", sure=True)
                    changed = True
                elif other is not None and other.label not in PLACE_LABELS and not (
                        other.sure and other.label == "ORG") and (
                        " " not in name or not other.sure and name.split()[0] not in GIVEN_NAMES):  # "Halls Gap"
                    other.label, other.sure = "GPE", True
                    changed = True
    return without_overlaps(list(by_span.values()))


_SAID_AFTER = re.compile(r", (?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b")


def _neighbours(text: str, f: Found) -> list[tuple[int, int]]:
    out = []
    # "in Elgin and Nairn said": after a preposition of place the list is of places, whatever follows
    nxt = (_LIST_NEXT_PLACED if _placed(text, f.start) else _LIST_NEXT).match(text, f.end)
    if nxt:
        g = 1 if nxt.group(1) else 2
        out.append((nxt.start(g), nxt.end(g)))
    prev = _LIST_PREV.search(text, max(0, f.start - 60), f.start)
    if prev and prev.group(0).endswith(", ") and not prev.group(0).endswith((" and ", " or ")) \
            and not _LIST_GOES_ON.match(text, f.end):
        prev = None  # "east of Luzon, PAGASA said": a comma alone, then a verb, ends a clause, not a list
    if prev and prev.group(0).startswith(",", len(prev.group(1))) and _VERB_AFTER.match(text, f.end):
        prev = None  # "south of Brora, and Highland Rail cancelled ...": ", and" then a verb joins clauses
    if prev:
        first, _, rest = prev.group(1).partition(" ")
        start = prev.start(1) + len(first) + 1 if rest and (first.lower() in ORG_BEFORE or first.lower()
                                                             in DESCRIBING_WORDS) else prev.start(1)
        out.append((start, prev.end(1)))  # "Rivals Adidas and Puma": the rivals are Adidas and Puma
    return out


_VERB_AFTER = re.compile(rf" (?:{_VERBS}|[a-z]+ed)\b")
_LIST_GOES_ON = re.compile(r",| and | or |\.|$")


def _coordinated_orgs(text: str, found: list[Found], person_forms: set[str]) -> list[Found]:
    """A lone name listed with a company is a company ("Adidas and Puma", "ASML and General
    Catalyst", "Siemens Energy and Prysmian"): lists hold names of one kind. Only names no hand
    gazetteer knows and no cue decided are changed; people named in full are left alone."""
    by_span = {(f.start, f.end): f for f in found}
    sources = sorted(found, key=lambda f: f.start)
    for f in sources:  # (grows: a name made a company passes it on along its list)
        if f.label != "ORG" or not (_sure_org(text[f.start:f.end], f) or f.sure and _ORG_APPOSITION.match(text, f.end)):
            continue
        for start, end in _neighbours(text, f):
            other = by_span.get((start, end))
            name = text[start:end]
            if other is not None and other.label == "ORG" and not other.sure and name not in person_forms:
                other.sure = True  # "Samsung Electronics, SK Hynix and Micron": the list goes on past a guess
                sources.append(other)
                continue
            if other is None or other.label == "ORG" or name in person_forms or gazetteer.lookup(name) \
                    or other.label == "PERSON" and (other.sure or name.split()[0] in GIVEN_NAMES or _affiliated(text, end, name)) \
                    or other.label in PLACE_LABELS and (other.sure or _placed(text, start)):
                continue
            other.label, other.sure = "ORG", True
            sources.append(other)
    return found


def _affiliated(text: str, end: int, name: str) -> bool:
    """"Jonas Kessler of the Bavarian State Collection", "Kgosi Ndlovu of ActionSA": a full name followed
    by the body it belongs to (not a place: "Nexans of France" is a company)."""
    if " " not in name or not text.startswith(" of ", end) or not looks_like_person(name) or _not_a_person(name):
        return False
    body = _OF_BODY.match(text, end)
    return body is not None and (body.group(1) is None or not gazetteer.is_place_or_people(body.group(1))
                                 and not geonames.is_place(body.group(1)))


_OF_BODY = re.compile(r" of (?:the |([A-Z][\w’'\-]+)(?=[ ,.;:)(]))")


def _coordinated_people(text: str, found: list[Found]) -> list[Found]:
    """"the car of Ada Mertens and Kiri Holloway": a full name listed with a person's is a person's,
    when the model's other guess rests on nothing (no cue, no organisation or place word in it).
    Neighbours are names next to each other with only a list's joiner between them."""
    ordered = sorted(found, key=lambda f: f.start)
    for a, b in zip(ordered, ordered[1:]):
        if text[a.end:b.start] not in _JOINERS:
            continue
        for person, other in ((a, b), (b, a)):
            name, other_name = text[person.start:person.end], text[other.start:other.end]
            if person.label == "PERSON" and other.label == "ORG" and not other.sure and " " in name \
                    and " " in other_name and looks_like_person(name) and looks_like_person(other_name) \
                    and not _not_a_person(other_name) and not has_company_suffix(other_name) \
                    and not _PLURAL_LAST.search(other_name):
                other.label = "PERSON"
    return found


_JOINERS = {" and ", ", ", ", and ", " or ", ", or "}


def _sure_org(name: str, f: Found) -> bool:
    return gazetteer.lookup(name) == "ORG" or has_company_suffix(name) or name.isupper() and len(name) > 1 or (
        f.sure and not geonames.is_place(name)) or any(p in ORG_WORDS for p in name.split())


_PLACED = re.compile(r"\b(?:in|near|at|from|to|across|between|outside|around) (?:[A-Z][\w’'\-]+,? (?:and |or )?)*$")


def _placed(text: str, start: int) -> bool:
    """"in Elgin and Nairn", "between Lyon, Paris and Nice": a list after a preposition of place."""
    return bool(_PLACED.search(text, max(0, start - 60), start))


def introduces_person(text: str, end: int) -> bool:
    """True when what follows a name says it is a person's: ", the country singer", ", who", ", 81,"."""
    return bool(_PERSON_APPOSITION.match(text, end) or _WHO_AFTER.match(text, end) or _AGE_AFTER.match(text, end))

