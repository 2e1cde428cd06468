"""Score `enrich.analyse` output against hand-made gold files (NAME.txt + NAME.gold.json).

Entities are compared as unique canonical names per article (title included), timeline
items by span overlap with the gold expression and by date. Used by
benchmarks/eval_gold.py and by the gold test.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

SCORED_TYPES = ("PERSON", "ORG", "PLACE")
_TYPE_OF_LABEL = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


@dataclass
class GoldArticle:
    name: str
    title: str
    text: str
    published: dt.date | None
    gold: dict


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleScore:
    name: str
    entities: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in SCORED_TYPES})
    timeline: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for c in self.entities.values():
            total.add(c)
        return total


def split_article(raw: str) -> tuple[str, str]:
    """Title and body text of a gold .txt, the way the importer would read it."""
    try:
        from tidings.ingest.text_articles import parse_text
    except ImportError:
        lines = [line.strip() for line in raw.splitlines() if line.strip()]
        return lines[0], "\n\n".join(lines[1:])
    parsed = parse_text(raw)
    return parsed.title, "\n\n".join(parsed.paragraphs)


def load_folder(folder: Path) -> list[GoldArticle]:
    articles = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        title, text = split_article((folder / f"{name}.txt").read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        articles.append(GoldArticle(name, title, text, published, gold))
    return articles


def norm(name: str) -> str:
    """Names compare with straight apostrophes and single spaces; case matters ("INDIA" bloc, "India")."""
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip()


def score_article(article: GoldArticle, analysis) -> ArticleScore:
    """Compare one `Analysis` with its gold annotations."""
    score = ArticleScore(article.name)
    _score_entities(article.gold, analysis.entities + analysis.title_entities, score)
    _score_timeline(article, analysis.timeline, score)
    return score


def _score_entities(gold: dict, mentions: list, score: ArticleScore) -> None:
    allowed = {norm(name): types for name, types in gold["entities"]}
    display = {norm(name): name for name, _ in gold["entities"]}
    acceptable = {norm(n) for n in gold.get("acceptable_entities", [])}
    predicted = {(norm(m.canonical), _TYPE_OF_LABEL[m.label]) for m in mentions if m.label in _TYPE_OF_LABEL}
    found = set()
    for name, kind in sorted(predicted):
        if name in allowed and kind in allowed[name]:
            if name not in found:
                score.entities[kind].tp += 1
                found.add(name)
        elif name not in acceptable:
            score.entities[kind].fp += 1
            score.errors.append(f"extra {kind} {name!r}" + (" (wrong type)" if name in allowed else ""))
    for name, types in allowed.items():
        if name not in found:
            score.entities[types[0]].fn += 1
            score.errors.append(f"missed {types[0]} {display[name]!r}")


def _score_timeline(article: GoldArticle, items: list, score: ArticleScore) -> None:
    gold_spans = _locate(article.text, [g["expr"] for g in article.gold["timeline"]])
    ok_spans = [s for expr in article.gold.get("acceptable_timeline", []) for s in _all_spans(article.text, expr)]
    matched: set[int] = set()
    for item in items:
        hits = [k for k, span in enumerate(gold_spans) if span and _overlap(span, (item.start, item.end))]
        good = [k for k in hits if k not in matched and item.date in _dates(article.gold["timeline"][k])]
        if good:
            matched.add(good[0])
            score.timeline.tp += 1
        elif not hits and any(_overlap(s, (item.start, item.end)) for s in ok_spans):
            continue
        else:
            score.timeline.fp += 1
            score.errors.append(f"timeline extra {item.expression!r} -> {item.date}")
    for k, g in enumerate(article.gold["timeline"]):
        if k not in matched:
            score.timeline.fn += 1
            score.errors.append(f"timeline missed {g['expr']!r} = {g['date']}")


def _dates(gold_item: dict) -> set[str]:
    return {gold_item["date"], *gold_item.get("alt", [])}


def _all_spans(text: str, expr: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(expr), text)]


def _locate(text: str, exprs: list[str]) -> list[tuple[int, int] | None]:
    """Span of each gold expression; the k-th repeat of an expression takes its k-th occurrence."""
    seen: dict[str, int] = {}
    out = []
    for expr in exprs:
        spans = _all_spans(text, expr)
        k = seen.get(expr, 0)
        seen[expr] = k + 1
        out.append(spans[k] if k < len(spans) else None)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(folder: Path, analyse) -> list[ArticleScore]:
    """Score every gold article in `folder` with the given `analyse` function."""
    return [score_article(a, analyse(a.title, a.text, a.published)) for a in load_folder(folder)]


def totals(scores: list[ArticleScore]) -> tuple[dict[str, Counts], Counts, Counts]:
    """Per-type entity counts, overall entity counts and timeline counts over all articles."""
    per_type = {t: Counts() for t in SCORED_TYPES}
    timeline = Counts()
    for s in scores:
        for t in SCORED_TYPES:
            per_type[t].add(s.entities[t])
        timeline.add(s.timeline)
    overall = Counts()
    for c in per_type.values():
        overall.add(c)
    return per_type, overall, timeline
