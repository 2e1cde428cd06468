"""Benchmark enrich: model load time, articles per second on one core, peak memory.

Usage: python benchmarks/bench_enrich.py [--count 10000] [--speed-articles 200] [--backend both|spacy|fallback]
       [--profile 25]  (after the timing, the fallback's top functions by own CPU time, under cProfile)

The rate is taken from CPU time (steadier than the wall clock on a shared machine) and printed
beside its target with the load average; on a loaded machine CPU time still grows (shared caches),
so take the figures that count on an idle one.

Articles (~600 words) are generated deterministically from templates, so runs compare; about half
of their sentences hold a dated expression (real wire copy has fewer, so the figures are conservative).
Targets: spaCy >= 10 articles/s, fallback >= 500 articles/s, peak RSS < 400 MB over --count articles.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import time
from pathlib import Path

THREAD_LIMITS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
                 "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PEOPLE = ["Marco Rubio", "Sergei Lavrov", "Ursula von der Leyen", "Olaf Scholz", "Emmanuel Macron", "Keir Starmer",
          "Narendra Modi", "Luiz Inácio Lula da Silva", "Mohammed bin Salman", "Fumio Kishida", "William Ruto",
          "Anthony Albanese", "Christine Lagarde", "Jerome Powell", "Antony Blinken", "Recep Tayyip Erdogan"]
TITLES = ["President", "Prime Minister", "Foreign Minister", "Secretary of State", "Chancellor", "Finance Minister"]
PLACES = ["Istanbul", "Kyiv", "Brussels", "Riyadh", "Nairobi", "Tokyo", "Berlin", "Paris", "Washington", "Cairo",
          "Doha", "Warsaw", "Madrid", "Canberra", "Brasília", "New Delhi", "Geneva", "Vienna"]
ORGS = ["the European Commission", "the State Department", "the International Monetary Fund", "NATO",
        "the United Nations", "the Bundesbank", "Reuters", "the World Bank", "Amnesty International"]
WHEN = ["on Monday", "on Thursday", "last week", "next month", "in March", "on February 12", "three days ago",
        "earlier this month", "by 2030", "since October", "yesterday", "next week", "in 2023", "on Jan. 15"]
SENTENCES = [
    "{title} {person} said {when} that talks with officials in {place} would continue despite the three-year war.",
    "{person} met delegations from {org} in {place} {when}, according to two people familiar with the matter.",
    "The meeting, which will be held in {place} {when}, is expected to focus on trade, energy and security.",
    "Officials at {org} said the plan had been discussed {when}, but gave no further details to reporters.",
    "\u201cWe will not accept any deal that ignores our interests,\u201d {person} told reporters in {place}.",
    "Analysts said the decision taken {when} could reshape relations between {place} and its neighbours for years.",
    "{org} warned that prices could rise again {when} if supply disruptions in {place} continue.",
    "Thousands of people gathered in {place} {when} to protest against rising costs and the new tax bill.",
    "{person}, who has led the negotiations from the start, has repeatedly said that no side can win outright.",
    "The proposal would give {org} a larger role in monitoring the agreement and reporting any violations.",
    "Critics in {place} argue that the measures do little to address the underlying causes of the crisis.",
    "{person}'s office declined to comment on the reports, which could not be independently verified.",
    "Diplomats said the outcome would depend largely on whether {org} could secure funding from member states.",
]


def make_article(rng: random.Random, words: int = 600) -> tuple[str, str, dt.date]:
    """A deterministic wire-style article of about `words` words, in paragraphs of three sentences."""
    sentences, count = [], 0
    while count < words:
        s = rng.choice(SENTENCES).format(title=rng.choice(TITLES), person=rng.choice(PEOPLE),
                                         place=rng.choice(PLACES), org=rng.choice(ORGS), when=rng.choice(WHEN))
        s = s[0].upper() + s[1:]
        sentences.append(s)
        count += len(s.split())
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    title = f"{rng.choice(PEOPLE)} meets officials in {rng.choice(PLACES)} as talks resume"
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730))
    return title, "\n\n".join(paragraphs), published


def articles(n: int, seed: int = 7) -> list[tuple[str, str, dt.date]]:
    rng = random.Random(seed)
    return [make_article(rng) for _ in range(n)]


def rate(analyse, batch: list, target: float) -> str:
    """Articles per second by wall clock and by CPU time (the latter is steadier on a busy machine),
    CPU milliseconds per article, and the CPU rate's ratio to the target."""
    wall, cpu = time.perf_counter(), time.process_time()
    for title, text, published in batch:
        analyse(title, text, published)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    ratio = len(batch) / cpu / target
    return (f"{len(batch) / wall:7.1f} articles/s wall, {len(batch) / cpu:7.1f} articles/s CPU "
            f"({cpu / len(batch) * 1000:.2f} ms CPU an article); target >= {target:.0f}: {ratio:.2f}x "
            f"{'ok' if ratio >= 1 else 'MISSED'} (load average {os.getloadavg()[0]:.1f})")


def _profile(analyse, batch: list, top: int) -> None:
    """Where the fallback's time goes: the functions with the most own time (cProfile inflates
    functions called very often, so read it beside a sampling profiler's view when one is at hand)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(lambda: [analyse(*article) for article in batch])
    pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats("tottime").print_stats(top)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles analysed for the memory figure")
    parser.add_argument("--speed-articles", type=int, default=200, help="articles timed per backend")
    parser.add_argument("--backend", choices=["both", "spacy", "fallback"], default="both")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="print the fallback's N costliest functions (cProfile, own time; slows them ~2x)")
    args = parser.parse_args(argv)
    for name in THREAD_LIMITS:  # before numpy loads (other benchmarks import this module's texts)
        os.environ[name] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    from tidings import enrich
    from tidings.enrich import backends

    batch = articles(args.speed_articles)
    words = sum(len(t.split()) for _, t, _ in batch) / len(batch)
    print(f"articles: {len(batch)} generated, {words:.0f} words on average; one core; "
          f"peak RSS before model {peak_rss_mb():.0f} MB; load average {os.getloadavg()[0]:.1f}")
    if args.backend in ("both", "spacy"):
        os.environ.pop("TIDINGS_NLP", None)
        start = time.perf_counter()
        backends.load_model()
        print(f"model load: {time.perf_counter() - start:.2f} s ({enrich.backend_info()})")
        enrich.analyse(*batch[0])  # warm-up
        print(f"spacy:    {rate(enrich.analyse, batch, 10)}")
    if args.backend in ("both", "fallback"):
        os.environ["TIDINGS_NLP"] = "fallback"
        enrich.analyse(*batch[0])
        print(f"fallback: {rate(enrich.analyse, batch * 3, 500)}")
        if args.profile:
            _profile(enrich.analyse, batch, args.profile)
    if args.backend == "both":
        os.environ.pop("TIDINGS_NLP", None)
    rng = random.Random(11)
    start = time.perf_counter()
    for i in range(args.count):
        enrich.analyse(*make_article(rng))
        if (i + 1) % 1000 == 0:
            print(f"  {i + 1} articles, peak RSS {peak_rss_mb():.0f} MB", flush=True)
    print(f"memory: {args.count} articles with {enrich.backend_info()} in {time.perf_counter() - start:.0f} s, "
          f"peak RSS {peak_rss_mb():.0f} MB (target < 400)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
