"""The one entry point: run a backend over title and paragraphs, then apply the shared rules."""
from __future__ import annotations

import datetime as dt
import re

from tidings.enrich import backends, fallback_ner, gazetteer, geonames
from tidings.enrich.canonical import link
from tidings.enrich.context_labels import introduces_person, relabel
from tidings.enrich.found import CANDIDATE, Found
from tidings.enrich.gap_filling import add_missing
from tidings.enrich.literal_regex import alternation
from tidings.enrich.pinned_regex import EndAnchored, LiteralHeaded
from tidings.enrich.person_names import all_person_forms, person_forms
from tidings.enrich.span_fixes import (cut_lowercase_tail, names_a_town, names_by_acronym, refine,
                                      split_country_prefix)
from tidings.enrich.model import Analysis, Mention
from tidings.enrich.words_before import opens_sentence
from tidings.enrich.given_names import GIVEN_NAMES
from tidings.enrich.name_words import DEMONYM_NOUNS, FIELD_WORDS, ORG_WORDS, PLACE_FIRST_WORDS, SENTENCE_STARTERS
from tidings.enrich.titles import TITLE_RUN
from tidings.enrich.segments import Span, paragraphs
from tidings.enrich.timeline import build_timeline, dated_sentences, sentences_to_tag


def analyse(title: str, text: str, published: dt.date | None) -> Analysis:
    """Entities of title and body, and the body's timeline resolved against `published`."""
    if isinstance(published, dt.datetime):  # a timestamp is welcome too; its day is what counts
        published = published.date()
    dated = dated_sentences(text)
    if backends.use_spacy():
        title_spans, body_spans, tags = _spacy_spans(title, text, sentences_to_tag(text, dated))
    else:
        title_spans, body_spans, tags = fallback_ner.find_names(title), fallback_ner.find_names(text), {}
    entities = link(text, _names(text, body_spans))
    people = [m.text for m in entities if m.label == "PERSON" and m.text == m.canonical and " " in m.text]
    forms = _forms_of(entities)
    title_found = add_missing(title, [f for f in cut_lowercase_tail(title, refine(title, title_spans))
                                      if f.label != CANDIDATE], forms)
    for f in title_found:  # the body, with more context, has the last word on a name's label
        head = _body_name_ahead(title[f.start:f.end], forms)
        if head:  # "Rostock for Baltic" when the body knows "Rostock"
            f.end = f.start + len(head)
        if not names_a_town(title, f):  # "Lincoln council" stays the town beside the body's "Rosa Lincoln"
            f.label = forms.get(title[f.start:f.end], f.label)
    title_entities = link(title, title_found, people)
    return Analysis(
        entities=_without_nationalities(entities),
        title_entities=_without_nationalities(title_entities),
        related_places=_related_places(title + "\n" + text),
        timeline=build_timeline(text, published, dated, tags),
        backend=backends.backend_info(),
    )


# "Danish", "German", "Baltic": words for a people or a language describe, they are not entities.
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ish|ian|ians|ese|ic|i|an|ans|ch|ss)$")


# Not when the word begins a name ("European Commission", "Danish Energy Agency").
# (The lookahead lets the regex engine skip to capitals instead of trying every position.)
_DEMONYM_WORD = LiteralHeaded(r"(?=[A-Z])\b(?:" + alternation(gazetteer.DEMONYM_PLACES) + r")\b(?! [A-Z])")


# A word that may be made from a country's name ("Senegalese", "Malawian", "Omani"), not beginning a name.
_MADE_PEOPLE_WORD = re.compile(r"\b[A-Z][a-z]{3,}(?:ese|an|i)\b(?! [A-Z])")


def _related_places(text: str) -> list[str]:
    """Places named by their people's or language's word ("Danish" -> Denmark, "Senegalese" -> Senegal),
    in order of first use."""
    found = [(m.start(), gazetteer.DEMONYM_PLACES[m.group(0)]) for m in _DEMONYM_WORD.finditer(text)]
    found += [(m.start(), place) for m in _MADE_PEOPLE_WORD.finditer(text) if m.group(0) not in gazetteer.DEMONYMS
              and (place := gazetteer.derived_place(m.group(0)))]
    return list(dict.fromkeys(place for _, place in sorted(found)))


def _without_nationalities(mentions: list[Mention]) -> list[Mention]:
    """Without words for a people or a language, whatever label a backend gave them ("Senegalese
    investors" is no place)."""
    return [m for m in mentions if not (m.label == "LANGUAGE" or m.label == "NORP" and _NATIONALITY.match(m.canonical)
                                        or gazetteer.is_people_word(m.canonical))]  # (the hand list's words too)


def _names(text: str, spans: list[tuple[int, int, str]]) -> list[Found]:
    found = cut_lowercase_tail(text, refine(text, spans))
    people = {text[f.start:f.end] for f in found if f.label == "PERSON"}
    found = [f for f in relabel(text, found, all_person_forms(text, found) - people) if f.label != CANDIDATE]
    return add_missing(text, names_by_acronym(text, split_country_prefix(text, found)))


# Longer paragraphs (text without blank lines) would need gigabytes in the model; the rules take them.
_MODEL_MAX_CHARS = 50_000


def _spacy_spans(title: str, text: str, tag_sentences: list[Span]):
    """spaCy's names of title and body (gaps filled by rule names) and tags of dated sentences."""
    paras = paragraphs(text)
    fits = [p for p in paras if p.end - p.start <= _MODEL_MAX_CHARS]
    tag_sentences = [s for s in tag_sentences if s.end - s.start <= _MODEL_MAX_CHARS]
    spans, tag_maps = backends.run_spacy([title[:_MODEL_MAX_CHARS]] + [text[p.start:p.end] for p in fits],
                                         [text[s.start:s.end] for s in tag_sentences])
    body_spans = [(p.start + s, p.start + e, label) for p, found in zip(fits, spans[1:]) for s, e, label in found]
    too_long = [p for p in paras if p not in fits]
    if too_long:
        body_spans += [s for s in fallback_ner.find_names(text) if any(p.start <= s[0] < p.end for p in too_long)]
    tags = {sent.start + i: tag for sent, local in zip(tag_sentences, tag_maps) for i, tag in local.items()}
    return _fill(title, spans[0]), _fill(text, body_spans), tags


def _fill(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Add rule names where spaCy found nothing: confident ones with their label, the others as
    candidates for the context rules."""
    strong, weak = fallback_ner.find_names_by_confidence(text)
    kept = sorted(_cut_like_the_rules(text, _with_first_word(text, spans, strong, weak), strong, weak))
    taken = bytearray(len(text) + 1)
    for b, e, _ in kept:
        taken[b:e] = b"\1" * (e - b)
    out = list(kept)
    for (b, e, label), sure in [(x, True) for x in strong] + [(x, False) for x in weak]:
        if taken.find(1, b, e) == -1:
            out.append((b, e, label if sure else CANDIDATE))
            taken[b:e] = b"\1" * (e - b)
    return out


def _cut_like_the_rules(text: str, spans: list[tuple[int, int, str]], strong: list[tuple[int, int, str]],
                       weak: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Where the rules cut names better than the small model: a person it cut short or in pieces
    ("João Pinto" + "Ferraz", "Chowdhury Mitu" for "Farhana Chowdhury Mitu") is the rules' whole
    name, and so is a place GeoNames knows whole ("Jelenia Góra"), and an organisation, a street or a
    lake the rules are sure of ("Free Democrats", "Passeig de Sant Joan"); a span it ran over a list,
    a place or an acronym ("Capella, Umbra and Planet", "... College of Music and Drama in Cardiff",
    "Taiwan Power Company (Taipower") is the rules' names in it."""
    rules = sorted([(b, e, label, True) for b, e, label in strong] + [(b, e, label, False) for b, e, label in weak])
    out = list(spans)
    for b, e, label, sure in rules:
        touching = [x for x in out if x[0] < e and b < x[1]]
        if not touching or not all((b <= x[0] or text[x[0]:b] in _ARTICLES) and x[1] <= e for x in touching) \
                or (b, e) in {(x[0], x[1]) for x in touching}:
            continue  # the rules' name must hold the model's pieces (and their "the") and be longer than they
        if label == "PERSON" and _whole_person(text[b:e]) \
                and (sure or (any(x[2] == "PERSON" or x[2] == "NORP" and text[x[0]:x[1]].isalpha()
                                  and text[x[0]:x[1]] not in gazetteer.DEMONYMS for x in touching)  # ("Florian")
                              or introduces_person(text, e))
                     and (min(touching)[0] == b or text[b:e].split()[0] in GIVEN_NAMES)):  # not "Brother" + "Liam Galway"
            out = [x for x in out if x not in touching] + [(b, e, "PERSON")]
        elif " " in text[b:e] and geonames.is_place(text[b:e]):
            out = [x for x in out if x not in touching] + [(b, e, "GPE")]  # "Jelenia" + " Góra"
        elif label == "ORG" and sure and " " in text[b:e] and not _two_bodies(text, touching):
            out = [x for x in out if x not in touching] + [(b, e, "ORG")]  # "Free" + "Democrats"
        elif sure and " " in text[b:e] and PLACE_FIRST_WORDS.get(text[b:e].split()[0]) in ("LOC", "FAC"):
            out = [x for x in out if x not in touching] + [(b, e, label)]  # "Passeig de Sant" + "Joan"
    for x in list(out):
        pieces = [r for r in rules if x[0] <= r[0] and r[1] <= x[1] and (r[0], r[1]) != (x[0], x[1])]
        listed = text.endswith(", ", 0, x[0]) or _KINDS_OF.search(text, max(0, x[0] - 30), x[0]) is not None
        if len(pieces) >= 2 and _only_joiners(text, x, pieces, listed):  # "A, B and C", "the islands of A and B"
            out.remove(x)
            out += [(b, e, label if sure else x[2]) for b, e, label, sure in pieces]
    return out


_ARTICLES = ("the ", "The ")


def _two_bodies(text: str, pieces: list[tuple[int, int, str]]) -> bool:
    """True for two organisations the model found, each ending in an organisation word ("Eastern Theatre
    Command" of "the People's Liberation Army"), which the rules ran into one."""
    if len(pieces) != 2 or not all(label == "ORG" and text[b:e].split()[-1] in ORG_WORDS for b, e, label in pieces):
        return False
    (b1, e1, _), (b2, e2, _) = sorted(pieces)  # "Institute for Zoo" + "and" + "Wildlife Research" is one body
    complement = _COMPLEMENT.search(text, b1, e1)  # (not "University of London and ...")
    return not (text[e1:b2] == " and " and complement and not gazetteer.is_place_or_people(complement.group(1))
                and text[b2:e2].split()[-1] in FIELD_WORDS)


_COMPLEMENT = re.compile(r" (?:for|of) (?:the )?(\S+)")
# What may stand between the names of a list the model took for one: commas, "and", "in", a parenthesis.
_JOINERS_LEFT = re.compile(r"(?:the|The)?(?:\s|,|\band\b|\bin\b|\()*")


def _only_joiners(text: str, span: tuple[int, int, str], pieces: list[tuple[int, int, str, bool]],
                  listed: bool) -> bool:
    """True when the rules' names fill `span` but for joiners, and one of them is a comma, "in" or a
    parenthesis, or the span ends a list ("A, B and C"), or the first name ends in "of" and a place;
    two names joined by "and" alone may be one ("Marks and Spencer")."""
    left, pos = [], span[0]
    for b, e, _, _ in sorted(pieces):
        if b < pos:
            return False  # the rules' names overlap
        left.append(text[pos:b])
        pos = e
    left.append(text[pos:span[1]])
    gaps = "|".join(left)
    first = min(pieces)
    seat = _SEAT_AT_END.search(text, first[0], first[1])  # "University of Leeds" + " and " + "Forest Research"
    return all(_JOINERS_LEFT.fullmatch(g) for g in left) and (
        "," in gaps or " in " in gaps or "(" in gaps or listed
        or seat is not None and gazetteer.is_place_or_people(seat.group(1)))


_SEAT_AT_END = re.compile(r" of (\S+)$")
_KINDS_OF = EndAnchored(r"\b(?:islands|towns|villages|cities|regions|provinces|districts|states|countries|counties"
                        r"|municipalities|parishes) of (?:the )?$")


def _whole_person(name: str) -> bool:
    """A name of two to four words that begins with neither a people's word or a country ("Belgian X",
    "Frenchman X") nor a title, and holds no organisation word (a city may be a given name: "Dallas")."""
    words = name.split()
    first = words[0] if words else ""
    return 2 <= len(words) <= 4 and first not in gazetteer.DEMONYMS and first not in gazetteer.COUNTRIES \
        and first not in SENTENCE_STARTERS and first not in DEMONYM_NOUNS \
        and not TITLE_RUN.match(name) and not any(w in ORG_WORDS for w in words)


def _with_first_word(text: str, spans: list[tuple[int, int, str]], strong: list[tuple[int, int, str]],
                     weak: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"Mamelodi Sundowns reached the final": the model may leave out the unknown word a sentence opens
    with; the rule name that ends where the model's does and holds one more word before it wins (with
    the model's label, unless the rules are sure of theirs; a word before a country's name makes an
    organisation named after it)."""
    by_end = {e: (b, None) for b, e, _ in weak} | {e: (b, label) for b, e, label in strong}
    out = []
    for b, e, label in spans:
        first, sure_label = by_end.get(e, (b, None))
        if first < b and text[b - 1] == " " and text.find(" ", first, b - 1) == -1 and opens_sentence(text, first):
            known = gazetteer.lookup(text[b:e]) in ("GPE", "LOC") and not gazetteer.lookup(text[first:e])
            b, label = first, sure_label or ("ORG" if known else label)  # "Environment Canada", "Seafood New Zealand"
        out.append((b, e, label))
    return out


def _body_name_ahead(name: str, forms: dict[str, str]) -> str | None:
    """The body's name a longer title span starts with, when a lower-case word follows it."""
    words = name.split(" ")
    for k in range(len(words) - 1, 0, -1):
        if words[k][:1].islower() and " ".join(words[:k]) in forms:
            return " ".join(words[:k])
    return None


def _forms_of(entities: list[Mention]) -> dict[str, str]:
    """Names of the body the title may repeat (surnames included), with their labels."""
    forms = {m.text: m.label for m in entities if m.label in ("PERSON", "ORG", "GPE", "LOC", "FAC")}
    for m in entities:
        if m.label == "PERSON":
            forms.update(dict.fromkeys(person_forms(m.canonical), "PERSON"))
    return forms
