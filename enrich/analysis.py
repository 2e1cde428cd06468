"""The one entry point: run a backend over title and paragraphs, then apply the shared rules."""
from __future__ import annotations

import datetime as dt

from enrich import backends, fallback_ner
from enrich.canonical import link
from enrich.mentions import add_missing, refine
from enrich.model import Analysis, Mention
from enrich.segments import paragraphs
from enrich.timeline import build_timeline


def analyse(title: str, text: str, published: dt.date | None) -> Analysis:
    """Entities of title and body, and the body's timeline resolved against `published`."""
    if backends.use_spacy():
        title_spans, body_spans, tags = _spacy_spans(title, text)
    else:
        title_spans, body_spans, tags = fallback_ner.find_names(title), fallback_ner.find_names(text), {}
    body = add_missing(text, refine(text, body_spans))
    entities = link(text, body)
    people = [m.text for m in entities if m.label == "PERSON" and m.text == m.canonical and " " in m.text]
    title_found = add_missing(title, refine(title, title_spans), _forms_of(entities))
    return Analysis(
        entities=entities,
        title_entities=link(title, title_found, people),
        timeline=build_timeline(text, published, tags),
        backend=backends.backend_info(),
    )


def _spacy_spans(title: str, text: str):
    paras = paragraphs(text)
    tagged = backends.run_spacy([title] + [text[p.start:p.end] for p in paras])
    body_spans, tags = [], {}
    for para, result in zip(paras, tagged[1:]):
        body_spans += [(para.start + s, para.start + e, label) for s, e, label in result.spans]
        tags.update({para.start + i: tag for i, tag in result.tags.items()})
    return tagged[0].spans, body_spans, tags


def _forms_of(entities: list[Mention]) -> dict[str, str]:
    """Names of the body the title may repeat, with their labels."""
    return {m.text: m.label for m in entities if m.label in ("PERSON", "ORG", "GPE", "LOC", "FAC")}
