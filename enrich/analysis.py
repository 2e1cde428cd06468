"""The one entry point: run a backend over title and paragraphs, then apply the shared rules."""
from __future__ import annotations

import datetime as dt

from enrich import backends, fallback_ner
from enrich.canonical import link
from enrich.context_labels import relabel
from enrich.found import CANDIDATE, Found
from enrich.gap_filling import add_missing
from enrich.person_names import all_person_forms, person_forms
from enrich.span_fixes import refine, split_country_prefix
from enrich.model import Analysis, Mention
from enrich.segments import Span, paragraphs
from enrich.timeline import build_timeline, dated_sentences, sentences_to_tag


def analyse(title: str, text: str, published: dt.date | None) -> Analysis:
    """Entities of title and body, and the body's timeline resolved against `published`."""
    dated = dated_sentences(text)
    if backends.use_spacy():
        title_spans, body_spans, tags = _spacy_spans(title, text, sentences_to_tag(text, dated))
    else:
        title_spans, body_spans, tags = fallback_ner.find_names(title), fallback_ner.find_names(text), {}
    entities = link(text, _names(text, body_spans))
    people = [m.text for m in entities if m.label == "PERSON" and m.text == m.canonical and " " in m.text]
    title_found = add_missing(title, refine(title, title_spans), _forms_of(entities))
    return Analysis(
        entities=entities,
        title_entities=link(title, title_found, people),
        timeline=build_timeline(text, published, dated, tags),
        backend=backends.backend_info(),
    )


def _names(text: str, spans: list[tuple[int, int, str]]) -> list[Found]:
    found = refine(text, spans)
    people = {text[f.start:f.end] for f in found if f.label == "PERSON"}
    found = [f for f in relabel(text, found, all_person_forms(text, found) - people) if f.label != CANDIDATE]
    return add_missing(text, split_country_prefix(text, found))


def _spacy_spans(title: str, text: str, tag_sentences: list[Span]):
    """spaCy's names of title and body (gaps filled by confident rule names) and tags of dated sentences."""
    paras = paragraphs(text)
    spans, tag_maps = backends.run_spacy([title] + [text[p.start:p.end] for p in paras],
                                         [text[s.start:s.end] for s in tag_sentences])
    body_spans = [(p.start + s, p.start + e, label) for p, found in zip(paras, spans[1:]) for s, e, label in found]
    tags = {sent.start + i: tag for sent, local in zip(tag_sentences, tag_maps) for i, tag in local.items()}
    return _fill(title, spans[0]), _fill(text, body_spans), tags


def _fill(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Add rule names where spaCy found nothing: confident ones with their label, the others as
    candidates for the context rules; a longer confident organisation wins ("Free Democrats")."""
    strong, weak = fallback_ner.find_names_by_confidence(text)
    longer_orgs = [x for x in strong if x[2] == "ORG" and " " in text[x[0]:x[1]]
                   and any(x[0] <= b and e <= x[1] and (b, e) != x[:2] for b, e, _ in spans)]
    kept = [s for s in spans if not any(x[0] <= s[0] and s[1] <= x[1] for x in longer_orgs)]
    kept += [x for x in strong if not any(x[0] < e and b < x[1] for b, e, _ in kept)]
    return kept + [(b, e, CANDIDATE) for b, e, _ in weak if not any(b < e2 and b2 < e for b2, e2, _ in kept)]


def _forms_of(entities: list[Mention]) -> dict[str, str]:
    """Names of the body the title may repeat (surnames included), with their labels."""
    forms = {m.text: m.label for m in entities if m.label in ("PERSON", "ORG", "GPE", "LOC", "FAC")}
    for m in entities:
        if m.label == "PERSON":
            forms.update(dict.fromkeys(person_forms(m.canonical), "PERSON"))
    return forms
