"""The Ray backend: its overhead, actors × threads, simulated nodes, and the driver's memory bound.

    python bench/distributed.py [--segments 2000] [--decode-length 24]      # throughput part
    python bench/distributed.py --memory [--articles 2000,20000]            # driver peak RSS part
    python bench/distributed.py --smoke     # both parts, tiny model and sizes: does it still run?

Throughput (one run, same model, same machine, ratios against the local path):
the random-weight Transformer-base model of ``bench/mt_throughput.py`` (6+6
layers, d_model 512, 32k vocabulary, int8) translates ``--segments`` distinct
news sentences, decoding exactly ``--decode-length`` tokens each (random
weights never stop on their own), beam 4:

* **local**: the engine in this process, ``inter_threads=2, intra_threads=1``;
* **Ray, 1 actor × 2 threads**: the same engine settings in one Ray actor
  (``num_cpus=2``): the difference to *local* is the Ray overhead (Ray Data
  start-up, actor start and model load, moving batches), Ray itself already
  running (``ray.init`` is timed apart: a cluster is up before a job comes);
* **Ray, 2 actors × 1 thread**: ``inter_threads=1`` each, ``num_cpus=1``.

The three runs are repeated ``--repeat`` times, interleaved, and the best wall
time of each is compared (other processes share the machine; all rounds are printed).

Then a **simulated** scaling table: this machine is one node, so the table is
computed, not measured: each actor reports the seconds it spent inside its
batches; the run's fixed cost is ``wall - max(actor busy seconds)`` and one
node's rate is ``segments / max(actor busy seconds)`` of the 2-actor run;
``N`` nodes take ``fixed + segments / (N × node rate)`` (network transfer and
a busier driver are ignored; each segment moves ~100 bytes each way).

Memory (``--memory``): projects of 2,000 and 20,000 three-sentence articles,
translated ru→en by the test suite's tiny copy model with ``translate
--backend ray`` (``[mt.ray] chunk_articles = 1000``) in a fresh process each,
which reports its own peak RSS (``ru_maxrss``; Ray's own processes are not the
driver and are not counted).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from extras import require  # noqa: E402

from translate_pipeline.pretranslate.ray_source import TranslateActor  # noqa: E402

EXTRAS = ("ray",)  # Ray Core + Ray Data (bench/extras.py)


class TimedActor(TranslateActor):
    """Writes its model-load and in-batch seconds to ``report_dir`` (this bench only: one machine)."""

    report_dir = ""

    def __init__(self, *args, **kwargs):
        start = time.perf_counter()
        super().__init__(*args, **kwargs)
        self.report = Path(self.report_dir) / f"actor-{os.getpid()}.json"
        self.stats = {"load": time.perf_counter() - start, "busy": 0.0, "segments": 0}

    def __call__(self, batch):
        start = time.perf_counter()
        out = super().__call__(batch)
        self.stats["busy"] += time.perf_counter() - start
        self.stats["segments"] += len(out["index"])
        self.report.write_text(json.dumps(self.stats))
        return out


def _settings(config, length: int, inter: int, intra: int, actors: int = 1, num_cpus: float = 1.0):
    from translate_pipeline.mt.settings import load_settings

    settings = load_settings(config)
    decode = replace(settings.decode, max_decoding_length=length, min_decoding_length=length,
                     inter_threads=inter, intra_threads=intra)
    ray = replace(settings.table.ray, actors=actors, num_cpus=num_cpus, batch_size=256)
    return replace(settings, decode=decode, table=replace(settings.table, ray=ray))


def run_local(config, sentences: list[str], length: int) -> float:
    from translate_pipeline.mt.service import resolve_engine
    from translate_pipeline.pretranslate.mt_source import engine_suggestions

    settings = _settings(config, length, 2, 1)
    engine = resolve_engine(config, "ru", "en", settings)
    engine.translate_batch(sentences[:2])  # load the model (the Ray actors load theirs inside the timing)
    start = time.perf_counter()
    engine_suggestions(engine, sentences, None, config.glossary)
    return time.perf_counter() - start


def run_ray(config, sentences: list[str], length: int, actors: int, inter: int, report: Path) -> tuple[float, list]:
    """Wall seconds of ``RayMTSource.suggest`` and each actor's stats."""
    from translate_pipeline.pretranslate.ray_source import RayMTSource

    report.mkdir()

    class Timed(TimedActor):  # defined here so Ray ships it by value, with the report directory
        report_dir = str(report)

    settings = _settings(config, length, inter, 1, actors, float(inter))
    source = RayMTSource(config, settings, show_progress=False, actor_class=Timed)
    start = time.perf_counter()
    source.suggest(sentences, "ru", "en")
    wall = time.perf_counter() - start
    return wall, [json.loads(p.read_text()) for p in sorted(report.glob("actor-*.json"))]


def throughput(args) -> None:
    import numpy as np
    import ray

    from mt_throughput import SMOKE_MODEL, build_package, news_sentences
    from translate_pipeline.core.settings import load_config
    from translate_pipeline.mt.packages import install_archive

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sentences = news_sentences(args.segments)
        package = install_archive(build_package(work / "build", sentences, **(SMOKE_MODEL if args.smoke else {})),
                                  work / "packages")
        (work / "translate-pipeline.toml").write_text(f'[mt]\npackages_dir = "{work / "packages"}"\n')
        config = load_config(work)
        from translate_pipeline.mt.tokenizers import load_tokenizer
        tokens = np.mean([len(load_tokenizer(package.tokenizer).encode(s)) for s in sentences])
        print(f"model: {'tiny (--smoke)' if args.smoke else 'transformer-base'} random int8, {package.size / 2**20:.0f} MB; {len(sentences)} distinct "
              f"sentences, mean {tokens:.1f} source tokens, {args.decode_length} tokens decoded each, beam 4, "
              f"{os.cpu_count()} cores")
        os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")])
        start = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
        print(f"ray.init(num_cpus=2): {time.perf_counter() - start:.1f} s (not counted below)")
        runs: dict[str, list] = {"local": [], "one": [], "two": []}
        for round_ in range(args.repeat):  # interleaved, best of each: the machine's load drifts
            runs["local"].append((run_local(config, sentences, args.decode_length), []))
            runs["one"].append(run_ray(config, sentences, args.decode_length, 1, 2, work / f"r1-{round_}"))
            runs["two"].append(run_ray(config, sentences, args.decode_length, 2, 1, work / f"r2-{round_}"))
        ray.shutdown()
    (local, _), (one, one_stats), (two, two_stats) = (min(runs[k], key=lambda r: r[0]) for k in ("local", "one", "two"))
    for name, label in (("local", "local"), ("one", "Ray 1×2"), ("two", "Ray 2×1")):
        print(f"{label} wall per round: " + ", ".join(f"{wall:.1f} s" for wall, _ in runs[name]))
    n = len(sentences)
    print("best of each below; load average after the runs (other processes share the CPU): %.1f %.1f %.1f" % os.getloadavg())
    print("| path | segments/s | wall |\n|---|---|---|")
    print(f"| local, inter_threads=2 | {n / local:.1f} | {local:.1f} s |")
    print(f"| Ray, 1 actor × 2 threads | {n / one:.1f} | {one:.1f} s |")
    print(f"| Ray, 2 actors × 1 thread | {n / two:.1f} | {two:.1f} s |")
    print(f"Ray overhead (1 actor vs local, same threads): {100 * (one - local) / local:+.1f} % of local wall time; "
          f"model load in the actor {one_stats[0]['load']:.2f} s")
    print(f"2 actors × 1 thread vs 1 actor × 2 threads: {one / two:.2f}x")
    busy = max(s["busy"] for s in two_stats)
    fixed, rate = two - busy, n / busy
    print(f"simulated nodes (from the 2-actor run: fixed {fixed:.1f} s, one node {rate:.1f} segments/s):")
    print(f"| nodes | {n:,} segments | speed-up | {100 * n:,} segments | speed-up |\n|---|---|---|---|---|")
    for nodes in (1, 2, 3, 4):
        small, big = fixed + n / (nodes * rate), fixed + 100 * n / (nodes * rate)
        base_small, base_big = fixed + n / rate, fixed + 100 * n / rate
        print(f"| {nodes} | {small:.1f} s | {base_small / small:.2f}x | {big / 60:.1f} min | {base_big / big:.2f}x |")


DRIVER = """
import resource, sys, time
from translate_pipeline.cli import main
start = time.perf_counter()
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print(f"PEAK_RSS_MB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} "
          f"WALL_S {time.perf_counter() - start:.0f}", flush=True)
"""


def memory(args) -> None:
    from mt_models import build_copy_package
    from translate_pipeline.mt.packages import install_archive

    counts = [int(c) for c in args.articles.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        install_archive(build_copy_package(work / "build", "ru", "en"), work / "packages")
        print(f"{'articles':>8} {'segments':>9} {'driver peak RSS':>16} {'wall':>7}")
        for count in counts:
            project = work / f"p{count}"
            (project / "articles").mkdir(parents=True)
            for i in range(count):
                (project / "articles" / f"a{i:06d}.ru.txt").write_text(
                    f"Новости завода номер {i % 97}\nЗавод номер {i} начал работу в Костанае. "
                    f"Компания объявила о запуске {i % 13} линий.\n", encoding="utf-8")
            (project / "translate-pipeline.toml").write_text(
                f'target_langs = ["en"]\n[mt]\npackages_dir = "{work / "packages"}"\ninter_threads = 1\n'
                f'[mt.ray]\nactors = 2\nchunk_articles = {args.chunk}\nbatch_size = 512\n', encoding="utf-8")
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            out = subprocess.run([sys.executable, "-c", DRIVER, "-C", str(project), "translate", "articles",
                                  "--backend", "ray"], capture_output=True, text=True, env=env, cwd=project)
            line = next((l for l in out.stdout.splitlines() if l.startswith("PEAK_RSS_MB")), None)
            if out.returncode or line is None:
                sys.exit(f"run of {count} articles failed:\n{out.stderr[-2000:]}")
            rss, wall = line.split()[1], line.split()[3]
            print(f"{count:>8} {3 * count:>9} {rss + ' MB':>16} {wall + ' s':>7}", flush=True)
    print("load average (other processes share the CPU): %.1f %.1f %.1f" % os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=2000)
    parser.add_argument("--decode-length", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the three runs (best wall of each)")
    parser.add_argument("--memory", action="store_true", help="measure the driver's peak RSS instead")
    parser.add_argument("--articles", default="2000,20000")
    parser.add_argument("--chunk", type=int, default=1000, help="[mt.ray] chunk_articles for --memory")
    parser.add_argument("--smoke", action="store_true", help="both parts, tiny model and sizes: does it still run?")
    args = parser.parse_args()
    require("bench/distributed.py", EXTRAS)
    if args.smoke:
        args.segments, args.decode_length, args.repeat, args.articles, args.chunk = 16, 4, 1, "6", 3
        throughput(args)
        memory(args)
        return
    memory(args) if args.memory else throughput(args)


if __name__ == "__main__":
    main()
