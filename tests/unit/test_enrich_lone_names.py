"""Lone names (one word, no gazetteer entry) typed from the evidence a careful reader uses:
every mention of the name in the article, and what news writing does with people's names.
All sentences are invented for these tests."""
import datetime as dt

import pytest

from tidings import enrich
from tidings.enrich.context_labels import relabel
from tidings.enrich.found import Found
from tidings.enrich.gap_filling import add_missing


@pytest.fixture(params=["spacy", "fallback"])
def backend(request, monkeypatch):
    if request.param == "fallback":
        monkeypatch.setenv("TIDINGS_NLP", "fallback")
    else:
        monkeypatch.delenv("TIDINGS_NLP", raising=False)
    return request.param


def labels(text: str, name: str, title: str = "Markets close mixed") -> set[str]:
    result = enrich.analyse(title, text, dt.date(2026, 3, 12))
    return {m.label for m in result.entities + result.title_entities if m.text == name}


def found_at(text: str, name: str, label: str, sure: bool = False, nth: int = 0) -> Found:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Found(start, start + len(name), label, sure)


def test_a_sure_label_claims_the_mentions_the_backend_missed():
    text = ("Shares of Kessner fell 6% on Thursday. She said Kessner would keep cutting costs. "
            "Kessner will publish results in July, and Kessner will pay no dividend.")
    found = [found_at(text, "Kessner", "ORG", sure=True), found_at(text, "Kessner", "PERSON", nth=1)]
    added = [f for f in add_missing(text, found) if f not in found]
    assert [(text[f.start:f.end], f.label, f.sure) for f in added] == [("Kessner", "ORG", True)] * 2


def test_an_unsure_guess_does_not_make_the_missed_mentions_sure():
    text = "Kessner said on Monday that demand was weak. Kessner will publish results in July."
    added = add_missing(text, [found_at(text, "Kessner", "PERSON")])[1]
    assert (added.label, added.sure) == ("PERSON", False)


def test_one_cue_types_every_mention_of_a_name(backend):
    text = ("Shares of Kessner fell 6% in Oslo on Thursday. Kessner will present new targets in June, "
            "Kessner said, and the board proposed no change to the dividend.")
    assert labels(text, "Kessner", title="Kessner shares fall on weak orders") == {"ORG"}


def test_a_lone_word_no_full_name_introduced_is_not_a_person():
    text = "Analysts expect Varholt to cut its outlook. Varholt reports on Friday, and Brekke on Monday."
    found = [found_at(text, "Varholt", "PERSON"), found_at(text, "Varholt", "PERSON", nth=1),
             found_at(text, "Brekke", "PERSON")]
    assert {(text[f.start:f.end], f.label) for f in relabel(text, found, set())} == {
        ("Varholt", "ORG"), ("Brekke", "ORG")}


@pytest.mark.parametrize("text", [
    "Mr Varholt said on Monday that he would stay.",
    "The company's spokesman Varholt declined to comment.",
    "Varholt, 54, said he would stay.",
    "Varholt, who joined in 2019, said he would stay.",
])
def test_a_lone_word_with_a_title_a_role_or_an_age_stays_a_person(text):
    found = [found_at(text, "Varholt", "PERSON")]
    assert relabel(text, found, set())[0].label == "PERSON"


def test_a_surname_of_a_person_introduced_in_full_stays_a_person(backend):
    text = ("The striker Tomas Brekkemo scored twice on Sunday. Brekkemo, 24, said the team had played well, "
            "and Dr Halvard Quist said Quist would examine his knee.")
    assert labels(text, "Brekkemo") == {"PERSON"}
    assert labels(text, "Quist") == {"PERSON"}
