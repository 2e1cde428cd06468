"""Score enrich against a folder of gold articles and print a table per article and totals.

Usage: python benchmarks/eval_gold.py [FOLDER] [--backend spacy|fallback] [--json] [--errors]
       python benchmarks/eval_gold.py --summary   (both backends, earlier gold and each later batch)
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_scoring():
    spec = importlib.util.spec_from_file_location("gold_scoring", ROOT / "tests" / "eval" / "scoring.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "tests" / "eval" / "gold"))
    parser.add_argument("--backend", choices=["spacy", "fallback"], default="spacy")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true", help="list every miss and extra")
    parser.add_argument("--summary", action="store_true",
                        help="both backends on the earlier gold and on each batch of tests/eval/batches.json")
    args = parser.parse_args(argv)
    if args.summary:
        return summary(Path(args.folder))
    if args.backend == "fallback":
        os.environ["TIDINGS_NLP"] = "fallback"
    else:
        os.environ.pop("TIDINGS_NLP", None)
    sys.path.insert(0, str(ROOT))
    from tidings import enrich
    scoring = load_scoring()
    scores = scoring.evaluate(Path(args.folder), enrich.analyse)
    per_type, overall, timeline = scoring.totals(scores)
    if args.json:
        print(json.dumps({
            "backend": enrich.backend_info(),
            "articles": len(scores),
            "entities": {t: _figures(c) for t, c in {**per_type, "overall": overall}.items()},
            "timeline": _figures(timeline),
            "per_article": {s.name: {"entities": _figures(s.overall), "timeline": _figures(s.timeline)}
                            for s in scores},
        }, indent=2))
        return 0
    print(f"backend: {enrich.backend_info()}")
    print(f"{'article':32} {'ent P':>6} {'ent R':>6} {'ent F1':>6} {'tl P':>6} {'tl R':>6}")
    for s in scores:
        o = s.overall
        print(f"{s.name:32} {o.precision:6.2f} {o.recall:6.2f} {o.f1:6.2f} {s.timeline.precision:6.2f} "
              f"{s.timeline.recall:6.2f}")
        if args.errors:
            for e in s.errors:
                print(f"    {e}")
    print()
    for t, c in {**per_type, "overall": overall}.items():
        print(f"entities {t:8} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  (tp {c.tp} fp {c.fp} fn {c.fn})")
    print(f"timeline          P {timeline.precision:.3f}  R {timeline.recall:.3f}  "
          f"(tp {timeline.tp} fp {timeline.fp} fn {timeline.fn})")
    return 0


def summary(folder: Path) -> int:
    """Entity P/R/F1 and timeline P/R per backend and per group of articles."""
    sys.path.insert(0, str(ROOT))
    from tidings import enrich
    scoring = load_scoring()
    batches = json.loads((ROOT / "tests" / "eval" / "batches.json").read_text(encoding="utf-8"))
    print(f"{'backend':9} {'articles':34} {'n':>3} {'ent P':>6} {'ent R':>6} {'ent F1':>6} {'tl P':>6} {'tl R':>6}")
    for backend in ("spacy", "fallback"):
        if backend == "fallback":
            os.environ["TIDINGS_NLP"] = "fallback"
        else:
            os.environ.pop("TIDINGS_NLP", None)
        scores = scoring.evaluate(folder, enrich.analyse)
        later = {name for names in batches.values() for name in names}
        groups = {"earlier": [s for s in scores if s.name not in later],
                  **{b: [s for s in scores if s.name in names] for b, names in batches.items()},
                  "all": scores}
        for group, chosen in groups.items():
            _, overall, timeline = scoring.totals(chosen)
            print(f"{backend:9} {group:34} {len(chosen):>3} {overall.precision:6.3f} {overall.recall:6.3f} "
                  f"{overall.f1:6.3f} {timeline.precision:6.3f} {timeline.recall:6.3f}")
    return 0


def _figures(c) -> dict:
    return {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
            "tp": c.tp, "fp": c.fp, "fn": c.fn}


if __name__ == "__main__":
    sys.exit(main())
