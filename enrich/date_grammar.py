"""A regular grammar for dated expressions in English news prose.

It only recognises expressions that point at a time (a day, week, month or year),
never durations ("three-year war", "nine days"), so it works the same with or
without a language model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.enrich.literal_regex import alternation
from tidings.enrich.pinned_regex import LiteralHeaded

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}

_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
_MONTH_PLAIN = "January|February|April|June|July|August|September|October|November|December"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:19|20)\d\d(?![\d%])"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_S = r"[ \u00a0]+"
_POSS = r"(?:['’]s)?"
_PART = (r"(?P<part>early|mid|late|end(?=-)|start(?=-)|(?:the" + _S
         + r")?(?:end|start|beginning|middle|first half|second half)" + _S + r"of)")
_NUM = r"(?P<num>\d{1,3}|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Ff]ifteen|[Tt]wenty)"
_CONTEXT = r"(?:in|In|since|Since|by|By|until|Until|till|before|Before|after|After|from|From|through|during|During|of|to|and|between|around|for|year|fiscal|Fiscal|least)"
_NOT_A_YEAR_BEFORE = r"(?<![$£€\d,.\-/])(?<!about )(?<!nearly )(?<!almost )(?<!than )(?<!some )(?<!least )(?<!over )(?<!roughly )"

# "Sunday hours", "Saturday services": a weekday naming a recurring schedule, not a date.
_SCHEDULE_NOUNS = "hours|services|service|opening|openings|trading|shifts|shift|schedules?|timetables?|papers|editions"

_PATTERNS = [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b"),
    ("date", rf"(?:(?P<wd>{_WEEKDAY}),?{_S})?(?:the{_S})?(?P<d>{_DAY})(?:{_S}of)?{_S}(?P<mon>{_MONTH})(?:,?{_S}(?P<y>{_YEAR}))?"),
    ("date", rf"(?:(?P<wd>{_WEEKDAY}),?{_S})?(?P<mon>{_MONTH}){_S}(?P<d>{_DAY})(?:,?{_S}(?P<y>{_YEAR}))?"),
    ("month", rf"\b(?:{_PART}[-\s]+)(?P<mon>{_MONTH_FULL})(?:{_S}(?P<y>{_YEAR}))?"),
    ("month", rf"\b(?P<mon>{_MONTH})(?:{_S}of)?{_S}(?P<y>{_YEAR})"),
    ("year", rf"\b(?:{_PART}[-\s]+)(?P<y>{_YEAR})"),
    ("relperiod", r"\b(?:(?P<part>[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)" + _S + r")?(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)"
     + r"(?:" + _S + r"past)?" + _S + r"(?P<unit>week|month|year|weekend)(?![\w-])" + _POSS),
    ("weekend", r"\b(?:[Oo]ver|[Dd]uring|[Aa]t|[Oo]n)" + _S + r"(?P<at>the" + _S + r"weekend)\b"),
    # "by the end of the month": the current period
    ("relperiod", r"\b(?P<part>(?:the" + _S + r")?(?:end|start|beginning|middle)" + _S + r"of)" + _S + r"(?P<rel>the)"
     + _S + r"(?P<unit>week|month|year)(?![\w-])"),
    # "two years later", "the year before", "in November that year": counted from the date the text gave last
    ("later", rf"\b{_NUM}{_S}(?P<unit>day|week|month|year)s?{_S}(?P<rel>later)\b"),
    ("later", r"\b[Tt]he" + _S + r"(?P<unit>year|month)" + _S + r"(?P<rel>before|after)(?=[,.;:]|$)"),
    ("later", rf"\b(?:[Ii]n{_S})?(?P<mon>{_MONTH_FULL}){_S}(?P<rel>that){_S}(?P<unit>year)\b"),
    # "in September the following year": the month of the year after the last date given
    ("later", rf"\b(?:[Ii]n{_S})?(?P<mon>{_MONTH_FULL}){_S}(?:of{_S})?the{_S}(?P<rel>following|next|previous)"
              rf"{_S}(?P<unit>year)\b"),
    # "the following day": a day after the date the text gave last
    ("following", r"\b[Tt]he" + _S + r"(?P<rel>following|previous|next(?=" + _S + r"(?!week)))" + _S
     + r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b"),
    ("month", rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext){_S}(?P<mon>{_MONTH_FULL})\b(?!{_S}\d)"),
    # "died on Christmas Eve", "on New Year's Day": holidays with a fixed day are that day
    ("date", rf"\b(?P<hol>Christmas{_S}(?:Eve|Day)|New{_S}Year['’]s{_S}(?:Eve|Day)|Boxing{_S}Day"
             rf"|Valentine['’]s{_S}Day|Halloween)\b(?!{_S}\d)"),
    ("weekday", rf"\b(?<!Black )(?<!Good )(?<!Cyber )(?<!Super )(?<!Ash )(?<!Holy )(?<!Maundy )(?<!Bloody )"
                rf"(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext){_S})?(?P<wd>{_WEEKDAY})" + _POSS
     + rf"(?!{_S}(?:{_SCHEDULE_NOUNS})\b)(?:{_S}(?:morning|afternoon|evening|night))?"),
    ("ago", rf"\b{_NUM}{_S}(?P<unit>day|week|month|year|decade)s?{_S}ago\b"),
    # "since last spring", "next summer": the season's year
    ("season", r"\b(?P<rel>[Ll]ast|[Tt]his|next)" + _S + r"(?P<unit>spring|summer|autumn|fall|winter)\b" + _POSS + r"(?![-'’])"),
    # "the summer of 2027-28", "the 2025-26 season": a span of two years is dated by its first
    ("year", rf"\b(?P<y>{_YEAR})[-–/](?P<y2>\d\d)\b(?![-–/\d])"),
    # "founded in 1881": a year before 1900 after "in" or "since"
    ("year", r"\b(?:in|In|since|Since)" + _S + r"(?P<at>(?P<y>1[5-8]\d\d))\b(?![\d%,.]|" + _S
     + r"(?:people|km|miles|metres|meters|tons|tonnes|units|jobs|points|feet|homes|houses)\b)"),
    ("relday", r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)(?:['’]s)?\b"),
    ("relday", r"\b(?P<word>[Ll]ast" + _S + r"night|[Tt]his" + _S + r"(?:morning|afternoon|evening))\b"),
    ("month", rf"\b{_CONTEXT}{_S}(?P<at>(?P<mon>{_MONTH_FULL})\b)" + _POSS + rf"(?!{_S}[A-Z\d])"),
    ("month", rf"\b(?P<mon>{_MONTH_PLAIN})\b" + _POSS + rf"(?!{_S}[A-Z\d])(?![-'’]\w)"),
    # "an unusually warm March", "the wettest May": a described month (the verb "may" takes no adjective)
    ("month", rf"\b(?P<det>[Aa]n?|[Tt]he){_S}(?:[a-z]+{_S}){{1,2}}(?P<at>(?P<mon>March|May))\b" + _POSS
     + rf"(?!{_S}[A-Z\d])(?![-'’]\w)"),
    ("year", rf"\b(?:by|By|until|before)" + _S + r"(?P<at>(?P<y>21\d\d))\b(?![\d%])"),  # "by 2100"
    # "until at least 2028", "from at least 2019": a year, though "at least 2000" alone counts people
    ("year", rf"\b(?:until|Until|from|From|since|Since|by|By|till)" + _S + r"at" + _S + r"least" + _S
     + rf"(?P<at>(?P<y>{_YEAR}))\b(?![\d%,.]\d|{_S}(?:people|homes|households|jobs|workers|residents)\b)"),
    ("year", rf"{_NOT_A_YEAR_BEFORE}\b(?P<y>{_YEAR})\b(?!-\d|,\d|\.\d|{_S}(?:percent|per cent|people|troops|soldiers|"
             r"votes|residents|km|miles|metres|meters|tons|tonnes|units|jobs|points|feet)\b)" + _POSS),
]
_GRAMMAR = re.compile(r"(?:" + "|".join(f"(?P<k{i}>{p.replace('(?P<', f'(?P<g{i}_')})" for i, (_, p) in enumerate(_PATTERNS)) + ")")


@dataclass(frozen=True)
class DateExpression:
    """A matched expression and the fields the resolver needs."""

    start: int
    end: int
    kind: str  # iso, date, month, year, relperiod, weekend, weekday, ago, relday, following, later
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    rel: str | None = None  # last / this / next
    unit: str | None = None
    number: int | None = None
    word: str | None = None
    preceded_by: str = ""  # the word before the expression ("since", "on", "by")
    possessive: bool = False
    year_shift: int | None = None  # "in January last year": the year counted from publication

    @property
    def needs_tense(self) -> bool:
        """True when the date depends on the tense ("on Thursday", "in March", "January 15")."""
        return self.rel is None and self.year is None and self.year_shift is None \
            and self.kind in ("date", "month", "weekday", "weekend")


# Every expression contains one of these words; the grammar is only tried just before them.
_GROUPS = [tuple(name for name in _GRAMMAR.groupindex if name.startswith(f"g{i}_")) for i in range(len(_PATTERNS))]
_SHORT_NAMES = [tuple(name.split("_", 1)[1] for name in names) for names in _GROUPS]
# The lookahead lists the letters anchors begin with, so the regex engine skips other positions quickly.
_ANCHOR = LiteralHeaded(rf"(?=[JFMASONDTWYtwmya12fpnlLCBVH])\b(?:{_MONTH}|{_WEEKDAY}|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|week|month|year|weekend|ago|later"
                        rf"|Christmas|New(?= Year)|Boxing(?= Day)|Valentine|Halloween"
                        rf"|following|previous|next(?= (?:day|morning|afternoon|evening|night)\b)"
                     rf"|[Ll]ast(?= (?:night|spring|summer|autumn|fall|winter)\b)|next(?= (?:spring|summer|autumn|fall|winter)\b)"
                        rf"|[Tt]his(?= (?:morning|afternoon|evening|spring|summer|autumn|fall|winter)\b)"
                        rf"|(?:19|20|21)\d\d|1[5-8]\d\d)\b")
# Words an expression may begin with, besides month and weekday names and numbers.
_FIRST_WORDS = {w.lower() for w in re.findall(r"[A-Za-z]+", _CONTEXT)} | set(NUMBER_WORDS) | {
    "the", "early", "mid", "late", "end", "start", "beginning", "middle", "first", "second", "last", "this", "next",
    "earlier", "later", "following", "previous", "yesterday", "today", "tomorrow", "tonight", "over", "during", "at", "on",
    "christmas", "new", "boxing", "valentine", "halloween"} | set(MONTHS) | set(WEEKDAYS)
_LOOK_BACK = 40
# Starts of the words an expression may begin with: a number, one of those words, a month's first letters.
_MAY_BEGIN = re.compile(r"(?<![\w'’])(?:\d\w*|(?i:" + alternation(_FIRST_WORDS)
                        + r")(?!\w)|(?i:" + "|".join(sorted({m[:3] for m in MONTHS})) + r")\w*)")


# Words that make a date before them part of a name (a place, a street, a movement).
_NAMED_AFTER = re.compile(r" (?:City|Street|Avenue|Square|Bridge|Road|Stadium|Movement|Station|Revolution)\b")
_TIME_PREPOSITIONS = {"on", "by", "from", "until", "since", "before", "after", "in", "of", "between", "till"}


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateExpression]:
    """All dated expressions in text[start:end], left to right, without overlaps."""
    end = len(text) if end is None else end
    found: list[DateExpression] = []
    last_end = start
    for anchor in _ANCHOR.finditer(text, start, end):
        if anchor.start() < last_end:
            continue
        for word in _MAY_BEGIN.finditer(text, max(last_end, anchor.start() - _LOOK_BACK), anchor.end()):
            m = _GRAMMAR.match(text, word.start(), end)
            if m and m.end() > anchor.start():
                expr = _expression(text, m)
                if expr is not None and expr.kind == "date" and expr.weekday is None \
                        and expr.preceded_by not in _TIME_PREPOSITIONS and _NAMED_AFTER.match(text, expr.end):
                    expr = None  # "6th of October City", "July 26 Movement": a date in a name
                if expr is not None:
                    found.append(expr)
                    second = _second_day(text, expr, end) if expr.kind == "date" else None
                    if second is not None:
                        found.append(second)
                        expr = second
                last_end = max(m.end(), expr.end if expr is not None else 0)
                break
    return found




def _expression(text: str, m: re.Match) -> DateExpression | None:
    idx = int(m.lastgroup[1:])
    kind = _PATTERNS[idx][0]
    names = _GROUPS[idx]
    g = {short: v for short, v in zip(_SHORT_NAMES[idx], m.group(*names) if len(names) > 1 else (m.group(*names),))
         if v is not None}
    start, stop = m.start(f"g{idx}_at") if "at" in g else m.start(), m.end()
    while text[stop - 1] in "’'s" and text[stop - 2:stop] in ("’s", "'s"):
        stop -= 2
    possessive = stop != m.end()
    shift = _YEAR_AFTER.match(text, stop) if kind in ("date", "month") and "y" not in g and not possessive else None
    if shift:  # "in January last year", "on March 3 next year"
        stop = shift.end()
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)  # (it looks at nothing before its match)
    fields = dict(
        start=start, end=stop, kind=kind, possessive=possessive,
        preceded_by=before.group(1).lower() if before else "",
        rel=_relation(text[start:stop], g),
        unit=g.get("unit"), word=(g.get("word") or g.get("part") or "").lower() or None,
    )
    if "y" in g:
        fields["year"] = int(g["y"])
    if shift:
        fields["year_shift"] = {"last": -1, "this": 0, "next": 1}[shift.group(1).lower()]
    if "m" in g:
        fields["month"] = int(g["m"])
    if "mon" in g:
        fields["month"] = _month_number(g["mon"])
    if "hol" in g:
        fields["month"], fields["day"] = _HOLIDAYS[" ".join(g["hol"].replace("’", "'").split())]
    if "d" in g:
        fields["day"] = int(_DIGITS.match(g["d"]).group())
    if "wd" in g:
        fields["weekday"] = WEEKDAYS.index(g["wd"].lower())
    if "num" in g:
        fields["number"] = int(g["num"]) if g["num"].isdigit() else NUMBER_WORDS[g["num"].lower()]
    if "y2" in g and int(g["y2"]) != (int(g["y"]) + 1) % 100:
        return None  # "2020-24" is a span of years, not a season
    if kind == "month" and g.get("mon") == "May" and "y" not in g and "det" not in g \
            and not _context_word(text, start):
        return None
    return DateExpression(**fields)


# "on December 27 and 28", "from May 3 to 5": the range's second day, in the same month.
_SECOND_DAY = re.compile(r"(?: and | to |[-–])(?P<d>3[01]|[12]\d|[1-9])(?![\d:.,%]\d|[\d:%\w\-])(?=[,.;:)]| (?:with|and"
                         r"|in|at|for|from|when|as|the|to|after|before|while|because|but|so)\b|$)")


def _second_day(text: str, expr: DateExpression, end: int) -> DateExpression | None:
    if expr.kind != "date" or expr.day is None:
        return None
    m = _SECOND_DAY.match(text, expr.end, end)
    if not m or int(m.group("d")) <= expr.day:
        return None
    return DateExpression(start=m.start("d"), end=m.end("d"), kind="date", year=expr.year, month=expr.month,
                          day=int(m.group("d")), preceded_by=expr.preceded_by, year_shift=expr.year_shift)


_HOLIDAYS = {"Christmas Eve": (12, 24), "Christmas Day": (12, 25), "New Year's Eve": (12, 31),
             "New Year's Day": (1, 1), "Boxing Day": (12, 26), "Valentine's Day": (2, 14), "Halloween": (10, 31)}
_YEAR_AFTER = re.compile(r",?[ \u00a0]+(last|this|next)[ \u00a0]+year\b(?!['’])")
_WORD_BEFORE = re.compile(r"(\w+)[ \u00a0]+(?:at least[ \u00a0]+)?$")
_DIGITS = re.compile(r"\d+")


def _relation(matched: str, g: dict) -> str | None:
    if "rel" not in g:
        return None
    if g["rel"].lower() == "the":  # "the end of the month"
        return "this"
    return "last" if " past " in matched.lower() else g["rel"].lower()  # "this past weekend"


def _context_word(text: str, start: int) -> bool:
    """A word before "May" that makes it the month, not the modal verb or Theresa May."""
    return bool(_MAY_CONTEXT.search(text, max(0, start - 30), start))


_MAY_CONTEXT = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|till|[Bb]efore|[Aa]fter|[Ff]rom|through|[Dd]uring|early|late"
                          r"|mid|of|[Ll]ast|[Nn]ext|[Tt]his|(?:scheduled|planned|slated|due|set|pencilled|penciled|booked) for)"
                          r"[ \u00a0-]+$"
                          rf"|(?:{_MONTH_FULL})(?: \d{{1,2}})?,? (?:and|or|to|through) $")  # "April and May"


def _month_number(name: str) -> int:
    key = name.rstrip(".").lower()[:3]
    return [m[:3] for m in MONTHS].index(key) + 1
