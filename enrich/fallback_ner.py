"""Named entities without a model: capitalised runs labelled by gazetteer, titles and word shape."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from tidings.enrich import gazetteer
from tidings.enrich.found import CANDIDATE
from tidings.enrich.given_names import GIVEN_NAMES
from tidings.enrich.name_words import (street as _street, company_maker, COMMON_NOUNS, FIELD_WORDS, JOINS_OF, NOT_NAMES, NOT_ORG_ACRONYMS, NOT_RULERS, REGNAL_NUMBERS, ORG_AFTER, ORG_BEFORE, ORG_WORDS,
                               PARTICLES, PLACE_AFTER, PLACE_FIRST_WORDS, PLACE_WORDS, POSSESSIVE_IN_NAMES,
                               SENTENCE_STARTERS, SPEECH_VERBS)
from tidings.enrich.segments import Span, Tokens, layout, tokens
from tidings.enrich.titles import LOWER_ROLE, TITLE_RUN, may_start_title

_JOINERS = {"of", "for", "on", "and", "&"}
# Abbreviations whose full stop stays inside a name ("St. Vincent de Paul").
_ABBREVIATIONS_IN_NAMES = {"St", "Mt", "Ft"}
_ARABIC_PREFIX = re.compile(r"(?:al|el|ad|as|ash|at|an|ar|az|bin|ibn|abu|abd|d’|d')-?[A-Z]")


def find_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of the names in `text` (a title or an article body)."""
    strong, weak = find_names_by_confidence(text)
    return sorted(strong + weak)


def find_names_by_confidence(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """Names whose label rests on more than word shape (a gazetteer entry, a title before a
    person, "Ministry" in an organisation), and the others. The first can fill the gaps of a
    statistical model as they are; the second only when their context confirms them."""
    strong, weak = [], []
    toks = tokens(text)
    for _, sents in layout(text):
        for sent in sents:
            for s, e, label, sure in _sentence_names(text, sent, _Words(toks, toks.within(sent))):
                (strong if sure else weak).append((s, e, label))
    return strong, weak


class _Words:
    """The words of one sentence, sliced once from the text's shared tokens."""

    __slots__ = ("starts", "ends", "strs")

    def __init__(self, toks: Tokens, inside: range):
        self.starts = toks.starts[inside.start:inside.stop]
        self.ends = toks.ends[inside.start:inside.stop]
        self.strs = toks.strs[inside.start:inside.stop]


def _sentence_names(text: str, sent: Span, w: _Words) -> list[tuple[int, int, str, bool]]:
    strs = w.strs
    caps = [k for k, word in enumerate(strs) if not word.islower() and _name_word(word)]  # (most words are)
    titles = _title_tokens(text, w, caps)
    out = []
    end = 0
    for i in caps:
        if i < end or i in titles:
            continue
        j = end = _run_end(text, w, titles, i)
        first = i
        starts_sentence = i == 0 and _starts_sentence(text, sent, w.starts[i])  # a word before: not first
        if starts_sentence and _common_first_word(strs[i]) and not gazetteer.lookup(text[w.starts[i]:w.ends[j - 1]]) \
                and not (j == i + 1 and _APPOSITION_AFTER.match(text, w.ends[i])) \
                and not (j > i + 1 and strs[i] in ORG_WORDS and strs[i + 1] in ORG_WORDS):  # "University Hospital X"
            first += 1
            while first < j and not _capitalised(strs[first]):  # "Bank of ..." -> skip "of" too
                first += 1
        if first < j:
            label, strong = _label(text, w, titles, first, j, starts_sentence and first == i)
            if label:
                out.append((w.starts[first], _strip_possessive(text, w.starts[j - 1], w.ends[j - 1]), label, strong))
    return out


# "Helsing, the defence software maker": a word with an appositive after it is a name, whatever its ending.
_APPOSITION_AFTER = re.compile(r", (?:the|a|an) [A-Za-z]")


def _common_first_word(word: str) -> bool:
    """A capitalised word at the start of a sentence that is not a name ("The", "Operator", "Striking")."""
    return (word in SENTENCE_STARTERS or word.lower() in COMMON_NOUNS
            or (word.endswith(("ing", "ed", "ly")) and not gazetteer.lookup(word)))


def _title_tokens(text: str, w: _Words, caps: list[int]) -> set[int]:
    """Indexes of tokens that belong to a person title ("Secretary of State"), not to a name."""
    marked: set[int] = set()
    starts = w.starts
    for k in caps:
        if k in marked:
            continue
        m = TITLE_RUN.match(text, starts[k]) if may_start_title(text, starts[k]) else None
        if not m or text.startswith(("'s ", "’s "), m.end()):  # "Court of King's Bench": no title before a name
            continue
        nxt = bisect_left(starts, m.end(), k)  # the first word after the title
        if nxt < len(starts) and w.strs[nxt] in ORG_WORDS:  # "Justice Department", "General Assembly"
            continue
        last = nxt
        while last + 1 < len(starts) and w.strs[last + 1][:1].isupper() and starts[last + 1] == w.ends[last] + 1:
            last += 1
        if last < len(starts) and last > nxt and w.strs[last] in ORG_WORDS:
            continue  # "Premier Soccer League": a title word that begins an organisation's name
        marked.update(range(k, nxt))
    return marked


# A name that starts with digits ("50Hertz", "3M" is caught as an acronym).
_DIGIT_NAME = re.compile(r"\d+[A-Z][a-z]+$")


@lru_cache(maxsize=16384)  # asked for every word of every sentence; the vocabulary is far smaller
def _name_word(word: str) -> bool:
    """A word a name may begin with (never one all in lower case: "al-Sharaa" has its capital)."""
    return bool(word[0].isupper() or "-" in word[:5] or _DIGIT_NAME.match(word)) and _capitalised(word)


@lru_cache(maxsize=8192)
def _capitalised(word: str) -> bool:
    if _DIGIT_NAME.match(word):
        return True
    if not word[0].isupper():
        return "-" in word[:5] and bool(_ARABIC_PREFIX.match(word))
    if word in NOT_NAMES or word.rstrip("’'s") in NOT_NAMES:
        return False
    return not ("-" in word and all(gazetteer.is_place_or_people(p) for p in word.split("-")))  # "Russia-US"


def _run_end(text: str, w: _Words, titles: set[int], i: int) -> int:
    """End index (exclusive) of the name starting at token i."""
    strs = w.strs
    j = i + 1
    while j < len(strs):
        if not _adjacent(text, w.ends[j - 1], w.starts[j], strs[j - 1]):
            break
        if strs[j - 1].endswith(("’s", "'s")) and strs[j - 1] not in POSSESSIVE_IN_NAMES:
            break
        if j not in titles and _capitalised(strs[j]):
            j += 1
            continue
        gap = _connector(strs, j, i)
        if gap and j + gap < len(strs) and _capitalised(strs[j + gap]) and j + gap not in titles:
            j += gap + 1
            continue
        break
    return j


def _connector(strs: list[str], j: int, start: int) -> int:
    """Length of a joining word sequence at j ("of the", "von der", "&"), or 0."""
    if strs[j] in PARTICLES:
        k = j
        while k < len(strs) and strs[k] in PARTICLES:
            k += 1
        return k - j
    if strs[j] in ("n", "'n'", "’n’"):  # "Pick n Pay", "Rock 'n' Roll Hall of Fame"
        return 1
    if strs[j] in ("of", "for", "on", "&") and any(w in JOINS_OF for w in strs[start:j]):
        return 2 if j + 1 < len(strs) and strs[j + 1] == "the" else 1
    if strs[j] == "and" and ("of" in strs[start:j] or "for" in strs[start:j]):
        # "Centres for Disease Control and Prevention", "Institute for Zoo and Wildlife Research": one or two
        # more words, if the name ends there and they are a field, not a second body (an acronym is a name of
        # its own: "University of Tasmania and CSIRO"; "Bank of ..." begins another name; so does anything
        # after a place: "University of London and ...", and a body: "University of Tulmar and Halden
        # University")
        k = j + 1
        while k < len(strs) and k - j <= 3 and _capitalised(strs[k]) and not strs[k].isupper():
            k += 1
        ends = k == len(strs) or strs[k] not in ("of", "for", "&") and not _capitalised(strs[k])
        last_of = max(i for i in range(start, j) if strs[i] in ("of", "for"))
        return 1 if ends and 1 <= k - j - 1 <= 2 and not gazetteer.is_place_or_people(strs[j + 1]) \
            and not gazetteer.is_place_or_people(strs[last_of + 1]) \
            and (k - j == 2 or strs[k - 1] not in ORG_WORDS or strs[k - 1] in FIELD_WORDS) else 0
    if strs[j] == "and" and _one_organisation(strs, start, j):
        return 1  # "National Banking and Securities Commission": the kind of organisation ends the second half
    return 0


def _one_organisation(strs: list[str], start: int, j: int) -> bool:
    """True when the capitalised words after "and" (at j) end in an organisation word, those before it
    (two or more) hold none, nor a given name first, and neither half starts like a place's name."""
    if j - start < 2 or strs[start] in GIVEN_NAMES or any(w in ORG_WORDS for w in strs[start:j]) \
            or all(gazetteer.is_place_or_people(w) for w in strs[start:j]) \
            or j + 1 < len(strs) and gazetteer.is_place_or_people(strs[j + 1]):  # "Southwest and Alaska Airlines"
        return False
    k = j + 1
    while k < len(strs) and k - j <= 4 and strs[k][:1].isupper() and not strs[k].isupper():  # not "(CNBV)"
        k += 1
    return k - 1 > j and strs[k - 1] in ORG_WORDS and not (k < len(strs) and strs[k] in ("of", "for"))


def _adjacent(text: str, end: int, start: int, word: str) -> bool:
    """Whether two words (the first ending at `end`, the next starting at `start`) may be in one name."""
    if end + 1 == start and text[end] == " ":  # the usual case, without slicing
        return True
    gap = text[end:start]
    if gap == ". " and word in _ABBREVIATIONS_IN_NAMES:  # "St. Vincent de Paul"
        return True
    if gap in ("' ", "’ ") and word + gap[0] in POSSESSIVE_IN_NAMES:  # "Paper Workers' Union"
        return True
    return gap.strip() in ("", "&") and "\n" not in gap


def _starts_sentence(text: str, sent: Span, start: int) -> bool:
    return start == sent.start or not text[sent.start:start].strip(" “\"‘'(—–-")


def _strip_possessive(text: str, start: int, end: int) -> int:
    """The end of the word text[start:end] without its possessive "’s" (which "Moody's" keeps)."""
    return end - 2 if text.endswith(("’s", "'s"), start, end) and text[start:end] not in POSSESSIVE_IN_NAMES else end


def _label(text: str, w: _Words, titles: set[int], i: int, j: int,
           sentence_initial: bool) -> tuple[str | None, bool]:
    """The label of the run of words i..j-1, and whether it rests on more than word shape."""
    strs = w.strs
    name = text[w.starts[i]:_strip_possessive(text, w.starts[j - 1], w.ends[j - 1])]
    parts = name.split()
    known = gazetteer.lookup(name)
    if known:
        return known, True
    if (i - 1) in titles or (i and LOWER_ROLE.match(strs[i - 1].lower()) and j - i >= 2):
        return "PERSON", True
    if parts[-1] in ORG_WORDS or any(p in ORG_WORDS for p in parts[:-1]) and any(p in _JOINERS for p in parts):
        return "ORG", len(parts) > 1
    if parts[-1] in PLACE_WORDS:
        return PLACE_WORDS[parts[-1]], len(parts) > 1
    place_word = [p for p in parts[:-1] if p in PLACE_WORDS]
    if place_word and " of " in name:  # "Democratic Republic of Congo", "Gulf of Mexico"
        return PLACE_WORDS[place_word[0]], True
    if len(parts) == 1:
        after = text[w.ends[j - 1]:w.ends[j - 1] + 1]
        return _single_word_label(name, strs, i, j, sentence_initial, after in ("", ".", ",", ";", "”", '"'))
    head = PLACE_FIRST_WORDS.get(parts[0])
    if head and (head != "FAC" or _street(parts)):
        return head, head != "GPE"  # "River Dee", "Lake Chad", "Rue de Rivoli" are sure; "San", "Port" may begin
        # other names
    if parts[-1] in gazetteer.CITIES and not gazetteer.lookup(" ".join(parts[:-1])) \
            and not (len(parts) == 2 and parts[0] in GIVEN_NAMES):
        return "ORG", True  # "Real Madrid", "Emergency Management Victoria"
    if parts[-1] in REGNAL_NUMBERS and not any(p in NOT_RULERS or p.isupper() for p in parts[:-1]):
        return "PERSON", True  # "Charles III", "Osei Tutu II"
    if any(p.isupper() and len(p) > 1 and p not in NOT_ORG_ACRONYMS for p in parts):
        return "ORG", False  # "AC Milan"
    if all(gazetteer.is_place_or_people(p) for p in parts):
        return None, False
    if i and strs[i - 1] == "the":  # "the Casa Rosada", "the New Social Contract": not a person
        return "ORG", False
    if "&" in parts or len(parts) > 3 and not any(p in PARTICLES or p in GIVEN_NAMES for p in parts):
        return "ORG", False  # "Moët & Chandon", "Triple Eight Race Engineering": no one is named so
    if i and strs[i - 1] in ("in", "near"):  # "near Boca Chica"
        return "GPE", False
    return "PERSON", False


def _single_word_label(name: str, strs: list[str], i: int, j: int, sentence_initial: bool,
                       ends_clause: bool) -> tuple[str | None, bool]:
    prev = strs[i - 1] if i else ""
    if name.isupper() and 2 <= len(name) <= 6 and name.isalpha() and name not in NOT_ORG_ACRONYMS \
            and not prev[:1].isdigit():  # not "737 MAX"
        return "ORG", True
    if sentence_initial:  # "Codelco said", "Helsing, the defence software maker": the context decides
        return CANDIDATE, False
    nxt = strs[j] if j < len(strs) else ""
    if nxt in PLACE_AFTER:  # "the Noto peninsula"
        return PLACE_AFTER[nxt], False
    if nxt.lower() in ORG_AFTER or prev in ORG_BEFORE or company_maker(prev):  # "Bernstein analysts"
        return "ORG", False
    if nxt == "who":  # "Lula, who has pledged ..."
        return "PERSON", False
    if nxt in SPEECH_VERBS or prev in SPEECH_VERBS and ends_clause:
        # "Eurostat said": news introduces people by their full name, so a lone word that
        # speaks is an organisation, unless it is the surname of someone named in full
        # (linking makes those people again).
        return "ORG", False
    if prev in ("in", "near"):
        return "GPE", False
    return CANDIDATE, False
