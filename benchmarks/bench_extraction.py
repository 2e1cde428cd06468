"""Article extraction quality on ../shared/corpora/scrapinghub-aeb, measured by hand.

The article-extraction benchmark's measure: precision, recall and F1 over word 4-gram
shingles of the extracted text against the gold `articleBody`, averaged over its 181 pages.
Prints Tidings' figures beside those of the extractors whose output the corpus ships
(computed here the same way from `output/*.json`).

    .venv/bin/python benchmarks/bench_extraction.py
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "scrapinghub-aeb"
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return Counter(tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1)))


def scores(predicted: str, gold: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of predicted's shingles against gold's."""
    got, want = shingles(predicted), shingles(gold)
    overlap = sum((got & want).values())
    if not got and not want:
        return 1.0, 1.0, 1.0
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def average(outputs: dict[str, str], gold: dict[str, dict[str, str]]) -> tuple[float, ...]:
    rows = [scores(outputs.get(key, ""), item["articleBody"]) for key, item in gold.items()]
    return tuple(sum(row[i] for row in rows) / len(rows) for i in range(3))


def tidings_outputs(gold: dict[str, dict[str, str]]) -> dict[str, str]:
    from tidings.ingest.extract import decode_page, extract_article

    outputs = {}
    for key, item in gold.items():
        raw = gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes())
        page = extract_article(decode_page(raw), item.get("url"))
        outputs[key] = "\n".join(page.paragraphs)
    return outputs


def main() -> None:
    gold = json.loads((CORPUS / "ground-truth.json").read_text())
    print(f"{len(gold)} pages; mean over pages of 4-gram shingle scores")
    print(f"{'extractor':<16} {'precision':>9} {'recall':>9} {'F1':>9}")
    results = {"tidings": average(tidings_outputs(gold), gold)}
    for path in sorted((CORPUS / "output").glob("*.json")):
        shipped = json.loads(path.read_text())
        shipped = shipped.get("output", shipped)  # some files wrap the outputs, some do not
        results[path.stem] = average(
            {k: v.get("articleBody") or "" for k, v in shipped.items() if isinstance(v, dict)},
            gold,
        )
    for name, (precision, recall, f1) in sorted(results.items(), key=lambda kv: -kv[1][2]):
        print(f"{name:<16} {precision:>9.3f} {recall:>9.3f} {f1:>9.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
