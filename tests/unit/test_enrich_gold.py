"""Quality on the hand-annotated gold articles in tests/eval/gold (see benchmarks/eval_gold.py)."""
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tidings import enrich
EVAL_DIR = Path(__file__).resolve().parents[1] / "eval"


def _scoring():
    spec = importlib.util.spec_from_file_location("gold_scoring", EVAL_DIR / "scoring.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


scoring = _scoring()

BATCHES = json.loads((EVAL_DIR / "batches.json").read_text(encoding="utf-8"))
# Each batch of batches.json under the name its floors have; the other articles are "earlier".
GROUPS = {
    "issue-11": "issue-11 (unseen, 2026-11-30)",
    "batch-8": "issue-11 batch 8 (unseen, 2026-11-30)",
    "batch-9": "issue-11 batch 9 (unseen, 2026-11-30)",
    "batch-10": "issue-11 batch 10 (unseen, 2026-11-30)",
    "batch-11": "issue-11 batch 11 (unseen, 2026-12-01)",
    "batch-12": "issue-11 batch 12 (unseen, 2026-12-01)",
    "batch-13": "issue-11 batch 13 (unseen, 2026-12-01)",
    "batch-14": "issue-11 batch 14 (unseen, 2026-12-01)",
    "batch-15": "issue-11 batch 15 (unseen, 2026-12-01)",
    "batch-16": "issue-11 batch 16 (unseen, 2026-12-01)",
    "batch-17": "issue-11 batch 17 (unseen, 2026-12-01)",
    "batch-18": "issue-11 batch 18 (unseen, 2026-12-01)",
    "batch-19": "issue-11 batch 19 (unseen, 2026-12-01)",
    "batch-20": "issue-11 batch 20 (unseen, 2026-12-01)",
    "batch-21": "issue-11 batch 21 (unseen, 2026-12-01)",
}

# Floors a little below what was measured when they were set (2026-11-30). On the 35 earlier
# articles: entity F1 0.980 spaCy, 0.970 fallback; on the 22 of issue 11 (after the general rules
# they prompted; first sight was 0.789 and 0.742): 0.925 and 0.916, then 0.978 and 0.965 after
# session 3's general rules (teams, listed companies, town councils); timeline P/R 0.99-1.00.
# Issue 11 asks for 0.93 (spaCy) and 0.88 (fallback) at first sight on new articles and timeline
# P/R >= 0.97: the timeline floors hold that target, the entity floors hold what was reached.
# Batch 8 was written blind and scored at first sight (entity F1 0.868 spaCy, 0.857 fallback;
# timeline P/R 0.971/0.944 and 0.962/0.935); after session 4's general rules it is seen: 0.968 and
# 0.951, timeline P/R 0.991/0.986 with both. The floors hold those, a little below.
# Batch 9 (26 articles) was written blind and scored at first sight with session 4's final code:
# entity F1 0.839 spaCy (P 0.871, R 0.810), 0.812 fallback (P 0.849, R 0.778); timeline P/R
# 0.944/0.926 and 0.939/0.922. The targets are missed; its floors hold that first sight until rules
# are written for what it shows (then it is seen, and its floors go up).
# Session 5's general rules (tests/eval/README.md) were written with batch 9 seen: 0.926 spaCy, 0.908
# fallback; timeline P/R 0.986/0.982 and 0.981/0.977; with the session's last rules 0.937 and 0.921.
# Its floors hold those, a little below.
# Batch 10 (26 articles) was written blind and scored at first sight with session 5's final code:
# entity F1 0.856 spaCy (P 0.880, R 0.833), 0.810 fallback (P 0.856, R 0.768); timeline P/R
# 0.940/0.920 and 0.944/0.924. The targets are missed again; its floors held that first sight.
# Session 6's general rules (tests/eval/README.md) were written with batch 10 seen: 0.903 spaCy (P 0.920,
# R 0.886), 0.878 fallback (P 0.914, R 0.845); timeline P/R 0.992/0.987 and 0.996/0.992. Its floors
# hold those, a little below.
# Batch 11 (24 articles) was written blind and scored at first sight with session 7's code (ae04dfb):
# entity F1 0.887 spaCy (P 0.894, R 0.881), 0.864 fallback (P 0.888, R 0.841); timeline P/R
# 0.969/0.965 with both. Closer, still short of the targets; its floors held that first sight.
# Session 7's general rules (tests/eval/README.md) were written with batch 11 seen: 0.925 spaCy (P 0.937,
# R 0.914), 0.909 fallback (P 0.939, R 0.881); timeline P/R 1.000/1.000 with both. Its floors hold
# those, a little below.
# Batch 12 (24 articles) was written blind and scored at first sight with session 8's code (8a104a1):
# entity F1 0.882 spaCy (P 0.891, R 0.873), 0.884 fallback (P 0.903, R 0.866); timeline P/R
# 0.995/0.990 with both: the fallback and timeline targets met at first sight, spaCy's missed.
# Session 8's general rules were written with batch 12 seen; with all of them, 0.925 spaCy (P 0.931,
# R 0.918), 0.923 fallback (P 0.937, R 0.909); timeline P/R 1.000/1.000. Its floors hold those, a little below.
# Batch 13 (24) was scored at first sight at ef735b8: 0.859 spaCy (P 0.868, R 0.850), 0.902 fallback
# (P 0.932, R 0.873); timeline P/R 0.980/0.985 and 0.975/0.980. After the rules it prompted: 0.921 and
# 0.920; timeline 1.000 and 0.995.
# Batch 14 (24) was scored at first sight at b258913: 0.836 spaCy (P 0.837, R 0.834), 0.836 fallback
# (P 0.861, R 0.812); timeline P/R 0.980/0.980 and 0.990/0.990. After the rules it prompted: 0.863 and
# 0.864; timeline 0.995 with both.
# Batch 15 (24, an ordinary news day in the English-speaking world) was scored at first sight at a71d8ce:
# 0.911 spaCy (P 0.916, R 0.906), 0.882 fallback (P 0.897, R 0.868); timeline P/R 0.966/0.971 and
# 0.962/0.966. After the rules it prompted: 0.928 and 0.892; timeline 0.986 and 0.981.
# Batch 16 (24, half English-speaking, half international) was scored at first sight at 0d9e344: 0.901
# spaCy (P 0.906, R 0.896), 0.873 fallback (P 0.885, R 0.862); timeline P/R 0.977 and 0.963. After the
# rules it prompted: 0.929 and 0.900; timeline 1.000 with both.
# Batch 17 (24, an ordinary news day, half English-speaking) was scored at first sight at 7bca424: 0.920
# spaCy (P 0.927, R 0.913), 0.905 fallback (P 0.920, R 0.889); timeline P/R 0.958/0.963 and 0.947/0.952.
# After the rules it prompted: 0.961 and 0.940; timeline 0.995/1.000 and 0.979/0.984.
# Batch 18 (24, an ordinary news day) was scored at first sight at 9943d64: 0.898 spaCy (P 0.907, R 0.890),
# 0.891 fallback (P 0.910, R 0.873); timeline P/R 0.990/0.986 with both. After the rules it and a review
# prompted: 0.933 and 0.924; timeline 0.995/0.990.
# Batch 19 (24, an ordinary news day) was scored at first sight at eaee973: 0.902 spaCy (P 0.907, R 0.896),
# 0.889 fallback (P 0.899, R 0.880); timeline P/R 0.984/0.964 with both. After the few rules it prompted:
# 0.919 and 0.905; timeline 0.985/0.974.
# Batch 20 (24, an ordinary news day) was scored at first sight at 876cad8: 0.865 spaCy (P 0.877, R 0.854),
# 0.847 fallback (P 0.871, R 0.824); timeline P/R 0.985/0.985 and 0.980/0.980 (with one range given both
# of its years afterwards, as the earlier gold does). After the rules it prompted: 0.940 and 0.938;
# timeline 0.990 with both.
# Batch 21 (20, an ordinary news day) was scored at first sight at 94b50b8, with batch 20's rules: 0.884 spaCy
# (P 0.900, R 0.869), 0.877 fallback (P 0.893, R 0.862); timeline P/R 0.981/0.974 with both (one year the gold
# had left out added afterwards). After the rules it prompted: 0.933 and 0.923; timeline 0.987 with both.
FLOORS = {
    "spacy": {"earlier": 0.98, "issue-11": 0.97, "batch-8": 0.96, "timeline": 0.97, "batch-9": 0.93,
              "batch-10": 0.89, "batch-10 timeline": 0.98, "batch-11": 0.91, "batch-11 timeline": 0.99,
              "batch-12": 0.91, "batch-12 timeline": 0.99, "batch-13": 0.91, "batch-13 timeline": 0.99,
              "batch-14": 0.85, "batch-14 timeline": 0.99, "batch-15": 0.91, "batch-15 timeline": 0.98,
              "batch-16": 0.92, "batch-16 timeline": 0.99, "batch-17": 0.95, "batch-17 timeline": 0.99,
              "batch-18": 0.92, "batch-18 timeline": 0.98, "batch-19": 0.91, "batch-19 timeline": 0.97,
              "batch-20": 0.93, "batch-20 timeline": 0.98, "batch-21": 0.92, "batch-21 timeline": 0.98},
    "fallback": {"earlier": 0.97, "issue-11": 0.96, "batch-8": 0.94, "timeline": 0.97, "batch-9": 0.91,
                 "batch-10": 0.87, "batch-10 timeline": 0.98, "batch-11": 0.89, "batch-11 timeline": 0.99,
                 "batch-12": 0.91, "batch-12 timeline": 0.99, "batch-13": 0.91, "batch-13 timeline": 0.99,
                 "batch-14": 0.85, "batch-14 timeline": 0.99, "batch-15": 0.88, "batch-15 timeline": 0.97,
                 "batch-16": 0.89, "batch-16 timeline": 0.99, "batch-17": 0.93, "batch-17 timeline": 0.97,
                 "batch-18": 0.91, "batch-18 timeline": 0.98, "batch-19": 0.89, "batch-19 timeline": 0.97,
                 "batch-20": 0.93, "batch-20 timeline": 0.98, "batch-21": 0.91, "batch-21 timeline": 0.98},
}


@pytest.mark.parametrize("backend", ["spacy", "fallback"])
def test_gold_set_quality(backend, monkeypatch):
    if backend == "fallback":
        monkeypatch.setenv("TIDINGS_NLP", "fallback")
    else:
        monkeypatch.delenv("TIDINGS_NLP", raising=False)
    scores = scoring.evaluate(EVAL_DIR / "gold", enrich.analyse)
    assert len(scores) >= 391
    assert set(GROUPS.values()) == set(BATCHES), "a batch without floors"
    batches = {group: set(BATCHES[key]) for group, key in GROUPS.items()}
    in_a_batch = set().union(*batches.values())
    groups = [("earlier", [s for s in scores if s.name not in in_a_batch])]
    for group, names in batches.items():
        chosen = [s for s in scores if s.name in names]
        assert len(chosen) == len(names) >= 20, group
        groups.append((group, chosen))
    floor = FLOORS[backend]
    for group, chosen in groups:
        _, overall, timeline = scoring.totals(chosen)
        assert overall.f1 >= floor[group], (group, [e for s in chosen for e in s.errors])
        least = floor.get(f"{group} timeline", floor["timeline"])
        assert timeline.recall >= least and timeline.precision >= least, group


def test_scoring_counts_acceptable_and_wrong_names():
    article = scoring.GoldArticle("t", "Title", "Marco Rubio met Lavrov on Thursday.", None, {
        "entities": [["Marco Rubio", ["PERSON"]], ["Moscow", ["PLACE"]]],
        "acceptable_entities": ["Lavrov"],
        "timeline": [{"expr": "on Thursday", "date": "2025-02-27", "alt": ["2025-W09"]}],
        "acceptable_timeline": [],
    })
    mention = enrich.Mention
    item = enrich.TimelineItem("Thursday", 25, 33, "2025-W09", "week", "", 0, 0)
    analysis = enrich.Analysis(
        entities=[mention("Marco Rubio", "PERSON", 0, 11, "Marco Rubio"), mention("Lavrov", "ORG", 16, 22, "Lavrov"),
                  mention("Rubio", "GPE", 6, 11, "Rubio")],
        timeline=[item])
    score = scoring.score_article(article, analysis)
    assert (score.overall.tp, score.overall.fp, score.overall.fn) == (1, 1, 1)
    assert (score.timeline.tp, score.timeline.fp, score.timeline.fn) == (1, 0, 0)
