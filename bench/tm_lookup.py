"""Benchmark: TM fuzzy lookup vs a full rapidfuzz scan over 100,000 units.

    python bench/tm_lookup.py [--units 100000] [--queries 1000] [--smoke]

Builds a synthetic TM of Russian news sentences (bench/corpus.py) in a temporary
project, then answers a query mix (exact repeats, near-duplicates, fresh news
sentences from the same generator, unrelated news) twice: with the TM's lookup
(trigram candidates + rapidfuzz rescoring) and with ``rapidfuzz.process.extractOne``
over every source of the language pair with the same scorer and cutoff.  Reports
how often both find the same best score (and the same source), and the speed ratio.
``--smoke``: 500 units, 20 queries (seconds; run by the test suite so the script cannot rot).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

import corpus  # noqa: E402
from rapidfuzz import process  # noqa: E402

from translate_pipeline.core.settings import TMTable  # noqa: E402
from translate_pipeline.tm.lookup import SCORER, Lookup  # noqa: E402
from translate_pipeline.tm.normalize import match_form  # noqa: E402
from translate_pipeline.tm.store import NewUnit, TranslationMemory  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--threshold", type=float, default=75.0)
    parser.add_argument("--seed", type=int, default=7, help="query seed (the TM itself is always the same)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: does the script still run?")
    args = parser.parse_args()
    if args.smoke:
        args.units, args.queries = 500, 20

    sources = corpus.tm_sources(args.units)
    queries = corpus.queries(sources, args.queries, seed=args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        settings = TMTable(threshold=args.threshold, max_matches=1)
        with TranslationMemory.open(Path(tmp) / "tm" / "memory.sqlite") as tm:
            started = time.perf_counter()
            tm.write_units("ru", "en", (NewUnit(s, f"EN {i}", f"article-{i % 500}") for i, s in enumerate(sources)))
            print(f"TM: {args.units} units written in {time.perf_counter() - started:.1f} s")
            lookup = Lookup(tm, settings)
            started = time.perf_counter()
            index = lookup.index("ru", "en")
            print(f"trigram index: {index.size} sources, built in {time.perf_counter() - started:.2f} s")

            forms = index.forms  # every source of the pair: the full-scan baseline scores all of them
            started = time.perf_counter()
            full = [
                process.extractOne(match_form(q), forms, scorer=SCORER, score_cutoff=args.threshold)
                for _, q in queries
            ]
            full_time = time.perf_counter() - started

            started = time.perf_counter()
            ours = [lookup.matches(q, "ru", "en", k=1) for _, q in queries]
            ours_time = time.perf_counter() - started

    same_score, same_source, found = Counter(), Counter(), Counter()
    kinds = Counter(kind for kind, _ in queries)
    for (kind, _), baseline, mine in zip(queries, full, ours):
        best = mine[0] if mine else None
        found[kind] += baseline is not None
        if baseline is None or best is None:
            agree = baseline is None and best is None
            same_score[kind] += agree
            same_source[kind] += agree
            continue
        same_score[kind] += abs(baseline[1] - best.score) < 1e-9
        same_source[kind] += match_form(best.unit.source) == baseline[0]

    n = len(queries)
    print(f"\n{n} queries (seed {args.seed}), threshold {args.threshold:g}, scorer rapidfuzz.fuzz.ratio on normalised text")
    print(f"{'kind':<16}{'queries':>8}{'≥thr':>7}{'same best score':>17}{'same source':>13}")
    for kind in sorted(kinds):
        print(f"{kind:<16}{kinds[kind]:>8}{found[kind]:>7}{same_score[kind]:>17}{same_source[kind]:>13}")
    print(f"{'all':<16}{n:>8}{sum(found.values()):>7}{sum(same_score.values()):>17}{sum(same_source.values()):>13}")
    print(f"\nfull rapidfuzz scan: {1000 * full_time / n:.2f} ms/query")
    print(f"TM lookup (index + rescoring + SQLite fetch): {1000 * ours_time / n:.2f} ms/query")
    print(f"speed ratio: {full_time / ours_time:.1f}x")
    print("load average (other processes share the CPU): %.1f %.1f %.1f" % os.getloadavg())


if __name__ == "__main__":
    main()
