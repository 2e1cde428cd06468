"""Which way a dated expression points: behind the publication date or ahead of it.

Without a parser we look for the nearest tense cue (a modal, an auxiliary, a past
form) in the expression's clause, then in its sentence. spaCy's part-of-speech tags,
when available, add past forms that no word list can hold.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tidings.enrich.date_grammar import MONTHS
from tidings.enrich.segments import Span, tokens

# "unsure": an infinitive after a past intention ("decided to reopen ... in May") may lie either side.
Tense = Literal["past", "future", "present", "unsure"]

_FUTURE = {"will", "shall", "would", "won't", "won’t", "could", "might", "should", "must", "may", "wo", "'ll", "’ll",
           "upcoming", "tomorrow"}
# Words after which "to" + verb points ahead ("plans to", "is to", "decision to") ...
_PAST_INTENT = {"decided", "agreed", "planned", "promised", "vowed", "pledged", "threatened", "was", "were", "hoped",
                "wanted", "intended", "aimed", "prepared"}
# ... unless the intention itself is past (_PAST_INTENT): then the date may lie either side.
_INTENT = _PAST_INTENT | {
    "set", "due", "scheduled", "expected", "expect", "expects", "plans", "plan", "planning", "going", "poised", "slated", "agree", "agrees",
    "hopes", "hope", "wants", "want", "intends", "aims", "aim", "is", "are", "prepares", "preparing", "ready", "likely",
    "unlikely", "threatens", "threatening", "decision", "bid", "move", "attempt", "effort", "deadline"}
# "asked residents to stay home on Monday": what someone is asked, told or urged to do lies ahead of the asking.
_REQUEST = {"asked", "urged", "told", "ordered", "invited", "advised", "warned", "encouraged", "instructed", "called",
            "allowed", "forced", "pressed", "requested", "directed", "summoned", "ask", "asks", "urge", "urges",
            "tell", "tells", "order", "orders", "invite", "invites", "advise", "advises", "call", "calls"}
# "adjourned the hearing to September 8": what is put off is put off to a later date.
_DEFER = {"adjourned", "postponed", "deferred", "delayed", "rescheduled", "adjourns", "postpones", "defers", "delays"}
# "cancelled classes until Wednesday", "kept a warning in force until Tuesday": what is stopped or kept
# now runs on to the date "until" names.
_SUSPEND = {"cancelled", "canceled", "suspended", "closed", "shut", "halted", "grounded", "banned", "barred", "issued", "imposed",
            "extended", "kept"}
# Verbs of a timetable in the present ("the fair opens on Saturday", "the court sits on Tuesday"); the tagger
# finds present forms itself, the rules need them listed.
_SCHEDULE_PRESENT = {"opens", "closes", "starts", "begins", "ends", "resumes", "sits", "meets", "convenes",
                     "reopens", "expires", "breaks", "hosts", "faces", "kicks", "launches", "arrives", "departs",
                     "returns", "travels", "visits", "plays", "takes", "holds", "goes", "comes", "runs", "lasts",
                     "publishes", "unveils", "hears", "debates", "continues"}  # not "reports", "votes": nouns as often
# "she expected no deals before the meeting in August": what is expected or forecast lies ahead
# (not "more than expected", "as forecast", "the expected rise").
_EXPECT = {"expected", "expects", "expect", "predicted", "predicts", "anticipated", "anticipates", "forecasts"}
# "The weather service forecast more snow on Wednesday": "forecast" is a verb after who forecasts, a noun
# elsewhere ("cut its volume forecast in January").
_FORECASTERS = {"service", "office", "agency", "bureau", "institute", "centre", "center", "administration", "forecasters",
                "meteorologists", "economists", "analysts", "it", "they", "he", "she", "we", "also", "who", "which"}
_NOT_BEFORE_EXPECT = {"than", "as", "was", "were", "is", "are", "be", "been", "being", "had", "has", "have"}
# After "to", these begin a noun phrase ("wrote to the minister"), not an infinitive.
_NOT_INFINITIVE = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these", "those",
                   "any", "every", "each", "no", "some"}
_PAST_AUX = {"was", "were", "had", "did", "didn't", "didn’t", "wasn't", "wasn’t", "weren't", "weren’t", "ago",
             "yesterday", "earlier", "previously"}
_PERFECT = {"has", "have", "hasn't", "hasn’t", "haven't", "haven’t"}
_PASSIVE_AUX = {"is", "are", "be", "being", "been", "was", "were", "get", "gets", "got", "has", "have", "had", "'s", "’s",
                "stay", "stays", "remain", "remains"}  # "schools will stay closed on Monday": a state, not a past
_RELATIVE = {"that", "which", "who"}
_BE = {"is", "are", "was", "were", "be", "seems", "seemed", "looks", "looked"}
# What may follow "likely" when it forecasts ("storms were likely across the plains", "likely on Monday").
_WHERE_OR_WHEN = {"across", "in", "on", "over", "from", "through", "throughout", "along", "at", "by", "during", "later",
                  "again", "until", "into", "for", "", "tomorrow", "tonight"}
_DETERMINERS = _NOT_INFINITIVE - {"this", "that", "these", "those"}  # ("the plan that failed" has a verb)
# After a future ("would", "will"), the past of a clause these begin is the future seen from the past
# ("said it would resume flights if the airport reopened", "would weaken as it moved").
_SUBORDINATE = {"if", "unless", "once", "as", "when", "until", "whether"}
_PRESENT = {"is", "are", "am", "says", "say", "isn't", "isn’t", "aren't", "aren’t"}
# The plural of a timetable's verbs ("Ilves play KalPa on Thursday", "the elections, which take place in
# March"); not after "to", a modal, "not" or "did", where the bare form is an infinitive.
_PLURAL_SCHEDULE = {"host", "play", "face", "travel", "meet", "visit", "take", "go", "open", "start", "begin", "resume",
                    "return", "arrive"}  # "tickets go on sale on Monday", "the polls open on Sunday"
_NOT_BEFORE_PLURAL = _NOT_INFINITIVE | _FUTURE | {"to", "not", "never", "did", "didn't", "didn’t", "do", "does",
                                                  "don't", "don’t", "doesn't", "doesn’t", "can", "cannot"}
# A final score ("beat Nacional 2-1", "after a 0-0 draw with Danubio on Friday") tells of a game played.
SCORE = re.compile(r"(?<![\w.,$£€\-–])\d{1,3}[-–]\d{1,3}(?![\w\-–]|[.,]\d)")
# "will play in the final after beating Hawthorn on Saturday night": what happens "after" + -ing may lie
# before the main verb's time, so that verb's tense does not reach past it.
_AFTER_GERUND = re.compile(r"\b[Aa]fter (?!(?:morning|evening|spring|nothing|something|anything|everything)\b)"
                           r"[a-z]{2,}ing\b")
# (the lookahead lets the regex engine skip to digits and "a"s instead of trying every position)
_MARKS = re.compile(rf"(?=[\dAa])(?:(?P<score>{SCORE.pattern})|(?P<after>{_AFTER_GERUND.pattern}))")
_IRREGULAR_PAST = set("""said told met went came began took gave made held left saw spoke wrote won lost sent brought
found fell rose struck ran became thought knew paid kept sold bought built felt fought sought caught taught stood
understood meant heard led fled drove flew grew threw chose broke spent lent sent shot hid bit ate drank rang sang
swam withdrew overtook undertook forbade forgave sat slept swore tore wore woke arose died tied lied owed eyed bred
sped""".split())  # (and the pasts in -ed too short for the suffix rule)
_NOT_VERBS_ED = {"need", "red", "bed", "seed", "feed", "speed", "united", "based", "aged", "armed", "limited", "so-called",
                 "naked", "sacred", "hundred", "wicked", "kindred", "shed", "wed", "indeed", "breed", "greed", "creed"}
REPORTING = {"said", "says", "told", "added", "announced", "stated", "confirmed", "reported", "noted", "wrote",
             "tweeted", "posted", "declared", "insisted", "argued", "explained", "claimed"}
# Verbs whose past is their bare form: after a singular subject ("the bank cut its rate in July") the
# bare form is the past, the present would end in -s; "its" after the verb says the subject is singular.
_BARE_PAST = {"cut", "set", "put", "hit", "let", "shut", "cost", "quit", "spread", "hurt", "split", "shed", "bid", "cast",
              "beat"}
# "reports its results on Thursday": a verb here, though "reports" and "votes" are nouns as often.
_NOT_TO_BE_AHEAD = {"appears", "seems", "seem", "appear", "is", "are", "known", "shown", "proven", "thought"}
_SUMMON = {"summoned", "summons", "summon", "invited", "invites", "invite", "called", "calls", "asked", "asks"}
_EVENTS = {"meeting", "hearing", "summit", "session", "briefing", "conference", "inquiry", "interview", "talks", "vote"}
_OBJECT_PRONOUNS = {"him", "them", "us", "me"}
_REPORTS = {"reports", "publishes", "releases", "announces", "posts"}
# "SCA and Holmen, which report results on October 22": the plural, after who reports.
_REPORT_PLURAL = {"report", "publish", "release", "announce", "post"}
_REPORTED = {"its", "his", "her", "their", "results", "earnings", "figures", "quarterly", "annual", "half-year",
             "full-year", "first-quarter", "second-quarter", "third-quarter", "fourth-quarter"}
_SINGULAR_AFTER = {"its", "his", "her"}
# "it reports results on November 6": a third-person pronoun, then a verb in -s, is the present.
_SINGULAR_SUBJECTS = {"it", "he", "she"}
# What is decided starts "from" a date that may lie either side of the deciding, whatever its tense.
_DECIDE = {"approved", "passed", "adopted", "voted", "decided", "agreed", "ordered", "ruled", "signed", "imposed",
           "introduced", "announced", "unveiled", "proposed"}
_MONTH_NAMES = frozenset(MONTHS)
_NOT_VERBS_S = {"always", "perhaps", "thus", "sometimes", "nevertheless", "nonetheless", "towards", "afterwards"}
_VOCABULARY = ({"forecast", "predict", "payable", "likely", "possible", "closing", "take", "takes", "come", "comes"} | _REPORTS | _FUTURE | _PAST_AUX | _PERFECT | _PRESENT | _SCHEDULE_PRESENT | _IRREGULAR_PAST | _EXPECT
               | _PLURAL_SCHEDULE | _BARE_PAST | _SINGULAR_SUBJECTS | _REPORT_PLURAL | {"to", "until", "from"})
_CLAUSE_BREAK = re.compile(r",(?!\d)|[;:—–()“”\"]|\s-\s")  # not the comma of "900,000"


@dataclass(frozen=True)
class Cue:
    """A word that tells the tense, at its offset."""

    pos: int
    tense: Tense
    reporting: bool
    relative: bool = False  # the verb of a relative clause ("the port that serves Medina")


def sentence_cues(text: str, sentence: Span, tags: dict[int, str]) -> list[Cue]:
    """Tense cues of one sentence; `tags` maps word offsets to Penn tags (empty without a model)."""
    toks = tokens(text)
    inside = toks.within(sentence)
    starts = toks.starts[inside.start:inside.stop]
    words = toks.strs[inside.start:inside.stop]
    lower = list(map(str.lower, words))
    cues = []
    candidates = range(len(lower)) if tags else [
        i for i, (w, n) in enumerate(zip(lower, lower[1:] + [""]))
        if w in _VOCABULARY or w.endswith(("ed", "ll")) or n in _OBJECT_PRONOUNS]
    future_at = -1  # the last future cue's word
    for i in candidates:
        start, w = starts[i], lower[i]
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        if w == "to" and _requested(lower, i, nxt) or w in ("to", "until") and any(
                x in _DEFER for x in lower[max(0, i - 4):i]) or w == "until" and any(
                x in _SUSPEND for x in lower[max(0, i - 10):i]) and "when" not in lower[i + 1:i + 6]:
            # (not "was closed until Monday, when crews reopened it")
            cues.append(Cue(start, "future", False))
            continue
        if w == "from":
            if (nxt in _MONTH_NAMES or nxt[:1].isdigit()) and any(x in _DECIDE for x in lower[:i]):
                cues.append(Cue(start, "unsure", False))  # "approved an ordinance banning bags from January 1"
            continue
        prev = lower[i - 1] if i else ""
        if w == "may" and words[i] == "May":
            continue  # the month ("In May the company signed ..."), not the modal
        if i == 0 and w in _PLURAL_SCHEDULE:
            continue  # "Play on Saturday was suspended": a noun opening the sentence
        if i and words[i][:1].isupper() and w not in _FUTURE:
            continue  # "since the Australian Open in January": a capital inside a sentence begins a name, not a verb
        if w == "to" and nxt in ("a", "an", "the") and i + 2 < len(lower) and lower[i + 2] in _EVENTS \
                and any(x in _SUMMON for x in lower[max(0, i - 6):i]):
            cues.append(Cue(start, "future", False))  # "summoned executives to a meeting on Friday"
            continue
        if tags.get(start) is None and nxt in _OBJECT_PRONOUNS and len(w) > 3 and w.endswith("s") and not w.endswith("ss") \
                and w not in _VOCABULARY and w not in _NOT_VERBS_S and prev not in _NOT_INFINITIVE:
            cues.append(Cue(start, "present", False))  # "the win earns him a start in July"
            continue
        if w in _SINGULAR_SUBJECTS:
            if not tags and len(nxt) > 3 and nxt.endswith("s") and not nxt.endswith("ss") \
                    and (nxt not in _VOCABULARY or nxt in _REPORTS) and nxt not in _NOT_VERBS_S and prev not in _RELATIVE \
                    and prev not in _NOT_INFINITIVE:  # not "the price at which it sells"
                cues.append(Cue(starts[i + 1], "present", False))
            continue
        if w in _BARE_PAST and i and (prev in _SINGULAR_SUBJECTS or _singular_name_before(words, lower, i)) \
                and not any(x in _FUTURE or x in _CAUSATIVE for x in lower[max(0, i - 6):i]) \
                and not text.startswith("?", sentence.end - 1):
            cues.append(Cue(start, "past", False))  # "the Bank of England cut rates in December"
            continue
        tense = _word_tense(w, tags.get(start), prev, nxt)
        if w == "closing" and future_at >= 0 and prev == "the":
            tense = None  # "will be set at the closing price on Friday": a price still to close (but "will pay
            # a premium to Calder's closing price on Friday" names one that closed)
        if tense == "past" and future_at >= 0 and any(x in _SUBORDINATE for x in lower[max(future_at, i - 4):i]):
            tense = "future"  # "would weaken as it moved towards Tonga", "would resume if the airport reopened"
        elif tense == "past" and tags.get(start) is None and 0 <= future_at and i - future_at <= 3 and w.endswith("ed") \
                and not any(x in _RELATIVE or x in _PERFECT or x in _PASSIVE_AUX or x == "and"
                            for x in lower[future_at + 1:i]):
            tense = None  # "would tour damaged areas": after a future's verb, a participle describes
        elif tense == "future":
            future_at = i
        if tense:
            cues.append(Cue(start, tense, w in REPORTING, prev in _RELATIVE))
    return _with_marks(text, sentence, cues)


def _singular_name_before(words: list[str], lower: list[str], i: int) -> bool:
    """True when words[i - 1] ends a singular name ("Bank of England", "Ryanair"): after it a bare
    form such as "cut" is the past, as the present would end in -s."""
    name = words[i - 1]
    return name[:1].isupper() and not name.endswith("s") and lower[i - 1] not in _PLURAL_PRONOUNS \
        and (i < 2 or lower[i - 2] not in ("and", "&"))


_PLURAL_PRONOUNS = {"they", "we", "i", "you"} | _FUTURE
# "will let Ryanair cut fares", "helped the bank cut costs": the bare form after these is an infinitive.
_CAUSATIVE = {"let", "lets", "help", "helps", "helped", "make", "makes", "made", "to", "did", "does", "do"}


def _with_marks(text: str, sentence: Span, cues: list[Cue]) -> list[Cue]:
    """Cues that are not words: a final score (past), "after" + -ing (either side)."""
    marks = [Cue(m.start(), "past" if m.lastgroup == "score" else "unsure", False)
             for m in _MARKS.finditer(text, sentence.start, sentence.end)]
    return sorted(cues + marks, key=lambda c: c.pos) if marks else cues


def _requested(lower: list[str], i: int, nxt: str) -> bool:
    """True when lower[i] is the "to" of an infinitive a request verb shortly before governs."""
    return (nxt.isalpha() and nxt not in _NOT_INFINITIVE and lower[i - 1] not in _INTENT
            and any(w in _REQUEST for w in lower[max(0, i - 6):i]))  # "told schools and offices to stay"


def tense_for(text: str, sentence: Span, start: int, end: int, cues: list[Cue],
              skip_reporting: bool = False, other_dates: list[Span] = ()) -> Tense | None:
    """Tense governing the expression text[start:end] inside `sentence`.

    `skip_reporting` ignores "said"-like verbs, for expressions that modify a noun
    ("said Thursday’s talks will ...").
    A verb already followed by another date of `other_dates` is taken by that date:
    in "called on Sunday for a strike on Tuesday", "called" tells nothing about Tuesday.
    """
    if skip_reporting:
        cues = [c for c in cues if not c.reporting]
    clause = _clause(text, sentence, start, end)
    inside = [c for c in cues if clause.start <= c.pos < clause.end]
    # beyond its own clause, a date takes the tense of the sentence's main verbs, not of a relative
    # clause's ("surveyed 46 reefs between Jeddah and Yanbu, the port that serves Medina, in September")
    for pool in (inside, [c for c in cues if not c.relative]):
        # (a future cue is not taken: "will travel on Sunday and meet them on Monday" looks ahead twice)
        before = [c for c in pool if c.pos < start and (c.tense in ("future", "present") or not any(
            c.pos < d.start and d.end <= start for d in other_dates))]
        if before:
            return before[-1].tense
        after = [c for c in pool if c.pos >= end]
        if after:
            return after[0].tense
    return None


def clause_has_cue(text: str, sentence: Span, start: int, end: int, cues: list[Cue]) -> bool:
    """True when the expression's own clause holds a tense cue (then tags would add little)."""
    clause = _clause(text, sentence, start, end)
    return any(clause.start <= c.pos < clause.end for c in cues)


def _clause(text: str, sentence: Span, start: int, end: int) -> Span:
    left = [m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, start)]
    right = _CLAUSE_BREAK.search(text, end, sentence.end)
    return Span(left[-1] if left else sentence.start, right.start() if right else sentence.end)


def _counted(prev: str) -> bool:
    """True for a number before a word ("87 runs", "two goals"): the word is a noun in the plural."""
    return prev[:1].isdigit() or prev in _NUMBER_WORDS


_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozen",
                 "hundred", "thousand", "million", "billion", "several", "many", "few"}


def _word_tense(w: str, tag: str | None, prev: str, nxt: str) -> Tense | None:
    if w in _FUTURE or w.endswith(("'ll", "’ll")):
        return "future"
    if w == "to" and prev in _INTENT:
        return "unsure" if prev in _PAST_INTENT else "future"
    if w in _EXPECT and nxt != "to" and prev not in _NOT_BEFORE_EXPECT and prev not in _NOT_INFINITIVE \
            or w in ("forecast", "predict") and prev in _FORECASTERS:
        return "future"
    if w in ("take", "takes") and nxt == "effect" or w in ("come", "comes") and nxt == "into":
        return "future"  # "rules that take effect in January", "a law that comes into force in July"
    if w == "closing" and nxt in ("price", "prices", "level", "value"):
        return "past"  # "a 37% premium to its closing price on Monday": a price that closed is behind us
    if w in ("likely", "possible") and prev in _BE and nxt in _WHERE_OR_WHEN:
        return "future"  # "storms were likely across Texas on Monday" (not "was likely higher on Sunday")
    if w in _PAST_AUX or (w in _PERFECT and (nxt in _IRREGULAR_PAST or nxt.endswith("ed") or nxt == "been")):
        return "past"
    if w in _BARE_PAST and nxt in _SINGULAR_AFTER and prev not in _NOT_BEFORE_PLURAL:
        return "past"  # "the central bank cut its rate in July"
    if w in _BARE_PAST and prev in _RELATIVE:
        return "past"  # "Okada, who beat the Tigers on Saturday": the present would be "beats"
    if w == "to" and nxt == "be" and prev not in _NOT_TO_BE_AHEAD and not prev.endswith("ed") \
            and prev not in _IRREGULAR_PAST:  # (not "found to be", "believed to be", "used to be")
        return "future"  # "a dividend to be paid on August 7", "talks are to be held on Monday"
    if w == "payable" or w in _REPORTS and nxt in _REPORTED or w in _REPORT_PLURAL and nxt in _REPORTED \
            and prev in _RELATIVE | {"and", "both", "also"}:
        return "present"  # "payable on November 17", "Wesfarmers reports its results on Thursday"
    if tag is not None:
        if tag == "VBD" or (tag == "VBN" and prev not in _PASSIVE_AUX):  # "the agreement, presented on May 16"
            return "past"
        if tag in ("VBZ", "VBP"):
            return "present"
        return None
    if prev in _PASSIVE_AUX and prev not in _PERFECT:  # "will be followed": the auxiliary tells
        return None
    if prev in _DETERMINERS:  # "its paid plans", "the closed road": a participle that describes a noun
        return None
    if w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4 and w not in _NOT_VERBS_ED and w not in _INTENT):
        return "past"
    if w in _PAST_INTENT and w.endswith("ed") and nxt != "to" and prev not in _NOT_INFINITIVE:
        return "past"  # "agreed in October" (but "agreed to end it", "the planned strike")
    if w in _PRESENT or w in _SCHEDULE_PRESENT and prev not in _NOT_INFINITIVE and not _counted(prev):
        return "present"  # not "the returns", "by 87 runs"
    if w in _PLURAL_SCHEDULE and prev not in _NOT_BEFORE_PLURAL:
        return "present"
    return None
