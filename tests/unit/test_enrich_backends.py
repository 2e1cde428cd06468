"""The recogniser's fast path finds exactly what spaCy's own pipeline finds."""
import pytest

from tests.support import SAMPLE
from tidings.enrich import backends


def test_width_one_beam_finds_what_the_greedy_pipeline_finds(monkeypatch):
    monkeypatch.delenv("TIDINGS_NLP", raising=False)
    nlp = backends.load_model()
    if nlp is None:
        pytest.skip("spaCy or its model is not installed")
    texts = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n") if p.strip()] + ["", " "]
    spans, _ = backends.run_spacy(texts, [])
    greedy = [[(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ not in backends._NON_NAMES]
              for doc in nlp.pipe(texts, disable=["tok2vec", "tagger"])]
    assert spans == greedy
    assert sum(map(len, spans)) > 10


def test_maintained_places_keep_their_hyphenated_and_inner_capital_names():
    from tidings.enrich import geonames
    assert geonames.is_place("Baden-Württemberg") and geonames.is_place("KwaZulu-Natal")
    assert not geonames.is_place("NICE")  # an acronym is no town, whatever its letters spell
