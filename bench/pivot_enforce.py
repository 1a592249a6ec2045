"""Glossary-steered MT through a pivot (ru→en→kk) against the direct pair (ru→en), on the sample article.

    python bench/pivot_enforce.py [--repeat 3] [--baseline DIR] [--json]
    python bench/pivot_enforce.py --smoke   # three sentences, one round: does the script still run?

The test suite's copy models (``tests/mt_models.py``: real Argos packages whose model copies its
input) are built for ru→en and en→kk and installed into a temporary ``ARGOS_PACKAGES_DIR``; the
project is ``articles/kamaz-kazakhstan.ru.txt`` with the starter glossary ``glossary/terms.csv``.
Each pair's segments go through ``MTSource.suggest`` as ``translate`` sends them (n-best 4,
code-switching retries; no MT cache), timed as the best of ``--repeat`` runs.  Reported per pair:
seconds, ``decode_unique`` calls, the inputs CTranslate2 decoded (the brief's "calls": one result
per input), and a SHA-256 of every suggestion's text and provenance lines.

``--baseline DIR`` measures a checkout of another version (``git worktree add /tmp/main main``) in
the same run, on the same packages, and prints the ratio of its seconds to ours for each pair and
whether the suggestions are identical.  The machine's load average goes with the figures (other
processes share the CPU: compare ratios from one run, not seconds across runs).

Why the pivot costs more: every segment with terms asks for n-best hypotheses, and through a pivot
the second leg translates each of the first leg's n hypotheses for n more (n² inputs per segment),
and the code-switched retries again.  The copy model's alternatives are degenerate (the copy, then
junk): they rarely end before the decoding limit, so their length sets the cost of both legs.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "articles" / "kamaz-kazakhstan.ru.txt"
GLOSSARY = ROOT / "glossary" / "terms.csv"
PAIRS = (("ru", "en"), ("ru", "kk"))


def build_packages(work: Path) -> Path:
    """The copy packages ru→en and en→kk, installed into ``work/argos`` (what ARGOS_PACKAGES_DIR names)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from mt_models import build_copy_package

    from translate_pipeline.mt.packages import install_archive

    packages = work / "argos"
    for source, target in (("ru", "en"), ("en", "kk")):
        install_archive(build_copy_package(work / "build", source, target), packages)
    return packages


def measure(project: Path, repeat: int, smoke: bool) -> dict:
    """Per pair: best seconds, decode calls, inputs decoded, digest of the suggestions (the code on sys.path)."""
    import translate_pipeline.mt.decoding as decoding
    from translate_pipeline.core.settings import load_config
    from translate_pipeline.glossary import load_glossary
    from translate_pipeline.pretranslate.mt_source import MTSource
    from translate_pipeline.source.readers import article_paths, load_articles

    config = load_config(project)
    glossary = load_glossary(config)
    texts = [s.text for a in load_articles(config, article_paths(config, [])) for s in a.segments]
    texts = texts[:3] if smoke else texts
    counted = {"calls": 0, "inputs": 0}
    real = decoding.decode_unique

    def counting(translator, sources, *args, **kwargs):
        counted["calls"] += 1
        counted["inputs"] += len(sources)
        return real(translator, sources, *args, **kwargs)

    decoding.decode_unique = counting
    report = {}
    try:
        for source, target in PAIRS:
            best, digest = None, ""
            for _ in range(repeat):
                counted.update(calls=0, inputs=0)
                mt = MTSource(config, show_progress=False, glossary=glossary)
                mt.engine(source, target)  # the model is loaded before the clock starts
                start = time.perf_counter()
                suggestions = mt.suggest(texts, source, target)
                seconds = time.perf_counter() - start
                best = seconds if best is None else min(best, seconds)
                shown = [[s.text, s.provenance.format()] if s else None for s in suggestions]
                digest = hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode("utf-8")).hexdigest()
            steered = sum(1 for s in suggestions if s and "Glossary: enforced (code-switch)" in s.provenance.format())
            report[f"{source}→{target}"] = {"seconds": round(best, 3), "decode_calls": counted["calls"],
                                             "inputs_decoded": counted["inputs"], "segments": len(texts),
                                             "code_switched": steered, "digest": digest, "route": mt.routes[(source, target)]}
    finally:
        decoding.decode_unique = real
    return report


def _project(work: Path) -> Path:
    project = work / "project"
    (project / "articles").mkdir(parents=True)
    (project / "glossary").mkdir()
    shutil.copy(ARTICLE, project / "articles" / ARTICLE.name)
    shutil.copy(GLOSSARY, project / "glossary" / GLOSSARY.name)
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per pair; the best counts")
    parser.add_argument("--baseline", type=Path, help="a checkout of another version, measured in the same run")
    parser.add_argument("--code", type=Path, default=ROOT, help=argparse.SUPPRESS)  # the package to measure
    parser.add_argument("--packages", type=Path, help=argparse.SUPPRESS)  # installed copy packages to reuse
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="three sentences, one round: proves the script runs")
    args = parser.parse_args()
    repeat = 1 if args.smoke else args.repeat
    sys.path.insert(0, str(args.code.resolve()))
    with tempfile.TemporaryDirectory(prefix="pivot-bench-") as temp:
        work = Path(temp)
        packages = args.packages or build_packages(work)
        os.environ["ARGOS_PACKAGES_DIR"] = str(packages)
        project = _project(work)
        load_before = os.getloadavg()
        ours = measure(project, repeat, args.smoke)
        theirs = None
        if args.baseline:
            command = [sys.executable, __file__, "--json", "--code", str(args.baseline), "--packages", str(packages),
                       "--repeat", str(repeat)] + (["--smoke"] if args.smoke else [])
            env = os.environ | {"PYTHONPATH": str(args.baseline.resolve())}
            theirs = json.loads(subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout)
        load_after = os.getloadavg()
    if args.json:
        print(json.dumps(ours, ensure_ascii=False))
        return
    print(f"load average before / after (other processes share the CPU): "
          f"{' '.join(f'{x:.1f}' for x in load_before)} / {' '.join(f'{x:.1f}' for x in load_after)}")
    for pair, row in ours.items():
        print(f"{pair} ({row['route']}): {row['segments']} segments, {row['code_switched']} code-switched")
        print(f"  ours:     {row['seconds']:7.2f} s  {row['decode_calls']:3d} decode calls  "
              f"{row['inputs_decoded']:4d} inputs decoded")
        if theirs:
            base = theirs[pair]
            same = "identical" if base["digest"] == row["digest"] else "DIFFERENT"
            print(f"  baseline: {base['seconds']:7.2f} s  {base['decode_calls']:3d} decode calls  "
                  f"{base['inputs_decoded']:4d} inputs decoded  -> {base['seconds'] / row['seconds']:.2f}x, "
                  f"suggestions {same}")
    pivot, direct = ours["ru→kk"], ours["ru→en"]
    print(f"pivot / direct: {pivot['seconds'] / direct['seconds']:.1f}x the time, "
          f"{pivot['inputs_decoded'] / max(1, direct['inputs_decoded']):.1f}x the inputs")


if __name__ == "__main__":
    main()
