"""Fixtures shared by the unit tests."""
import pytest


@pytest.fixture(params=["spacy", "fallback"])
def backend(request, monkeypatch):
    """Run the test with each entity backend: spaCy, then the rule-based fallback."""
    if request.param == "fallback":
        monkeypatch.setenv("TIDINGS_NLP", "fallback")
    else:
        monkeypatch.delenv("TIDINGS_NLP", raising=False)
    return request.param
