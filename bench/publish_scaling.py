"""Benchmark: publishing time against the number of blocks per article (is it linear?).

    python bench/publish_scaling.py [--sizes 4000,8000,16000] [--repeat 3] [--baseline-code DIR] [--smoke]

Builds one article of N paragraphs (one sentence each, all distinct) with a fully
reviewed English catalog, then publishes it as the CLI does — review gate, assembly
of ru and en, every format (HTML, Markdown, text, JSON) and the front page written to
a temporary directory — and takes the best of ``--repeat`` runs.  Reports the time
per size and the ratios to the smallest size in the same run: a linear publisher
doubles (2.0×, 4.0×), a quadratic one quadruples (4×, 16×; the issue measured
2.2 / 6.0 / 19.5 s before the fix).  QA is not part of it (its cost is per entry and
the same for ``check``).  With ``--baseline-code DIR`` (another checkout, e.g. a
``git worktree`` of the commit before the fix) the same measurement runs on that code
first, in the same run.  The machine's load is printed with the figures.  ``--smoke`` runs
tiny sizes once (seconds; the test suite runs it so the script cannot rot unnoticed).
"""
from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# --code DIR: measure the translate_pipeline package of another checkout (the baseline).
_CODE = sys.argv[sys.argv.index("--code") + 1] if "--code" in sys.argv else str(Path(__file__).resolve().parent.parent)
sys.path[:0] = [_CODE]

import polib  # noqa: E402

from translate_pipeline.catalog.header import repair_header  # noqa: E402
from translate_pipeline.source.article import Article, Block, Segment  # noqa: E402
from translate_pipeline.publish.gate import Policy  # noqa: E402
from translate_pipeline.publish import run as publish_run  # noqa: E402
from translate_pipeline.publish.run import publish_article, write_editions  # noqa: E402

# a checkout from before the --editions rename (--baseline-code) calls them formats
EDITIONS = getattr(publish_run, "EDITIONS", None) or publish_run.FORMATS
# None: a checkout from before the job options, where write_editions(docs, out, formats)
PublishOptions = getattr(publish_run, "PublishOptions", None)


def article_and_catalog(blocks: int) -> tuple[Article, polib.POFile]:
    texts = [f"Абзац номер {i}: завод выпустил {i} машин за год." for i in range(blocks)]
    article = Article(
        Path("articles/bench.ru.txt"), "bench", "ru", "txt",
        tuple(Block("title" if i == 0 else "paragraph", t, i + 1) for i, t in enumerate(texts)),
        tuple(Segment(t, i, 0, i + 1) for i, t in enumerate(texts)),
    )
    po = polib.POFile()
    repair_header(po, "en")  # a catalog as the pipeline writes it: the gate refuses one gettext would reject
    for i, text in enumerate(texts):
        po.append(polib.POEntry(msgid=text, msgstr=f"Paragraph {i}: the plant made {i} cars in a year."))
    return article, po


def publish_once(article: Article, po: polib.POFile, out: Path) -> float:
    start = time.perf_counter()
    docs, refused = publish_article(article, ["ru", "en"], {"en": (po, None)}, Policy(), datetime.date(2026, 3, 8))
    if refused:
        sys.exit(f"the review gate refused the benchmark's catalog: {refused[0].lines()}")
    if PublishOptions is None:
        write_editions(docs, out, list(EDITIONS))
    else:
        key = "editions" if hasattr(publish_run, "EDITIONS") else "formats"
        write_editions(docs, PublishOptions(out=out, **{key: EDITIONS}))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="4000,8000,16000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--code", default=_CODE, help="checkout whose translate_pipeline is measured")
    parser.add_argument("--baseline-code", help="measure this checkout first, as the baseline")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one round: does the script still run?")
    args = parser.parse_args()
    if args.smoke:
        args.sizes, args.repeat = "50,100", 1
    if args.baseline_code:
        print(f"baseline: {args.baseline_code}", flush=True)
        subprocess.run([sys.executable, __file__, "--sizes", args.sizes, "--repeat", str(args.repeat),
                        "--code", args.baseline_code], check=True)
        print(f"this checkout: {args.code}", flush=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min), "
          f"{os.cpu_count()} CPUs")
    times = {}
    for size in sizes:
        article, po = article_and_catalog(size)
        with tempfile.TemporaryDirectory() as tmp:
            times[size] = min(publish_once(article, po, Path(tmp) / f"run{r}") for r in range(args.repeat))
    base = sizes[0]
    print(f"{'blocks':>8} {'seconds':>8} {'× time':>7} {'× blocks':>8} {'µs/block':>9}")
    for size in sizes:
        print(f"{size:>8} {times[size]:>8.2f} {times[size] / times[base]:>6.2f}× {size / base:>7.1f}× "
              f"{1e6 * times[size] / size:>9.1f}")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
