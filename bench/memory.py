"""Peak memory of ``extract`` and ``update`` against the article's size (is it bounded by the largest block and the catalogs?).

    python bench/memory.py [--sizes 5,50,500] [--formats txt,md] [--commands extract,update,rerun]
                           [--baseline DIR] [--limit S] [--json] [--smoke]

Generates one Russian article per size (MB of UTF-8) and format, in a throw-away
project: plain text (a title, then paragraphs of two to six sentences, one per line
between blank lines) or Markdown with every block kind the reader takes (headings,
paragraphs with emphasis, links and code spans, nested and ordered lists, quotes,
tables, images, fenced and indented code, rules, HTML comments).  Sentences are
built from the words of ``bench/data/ud-ru-gsd.txt`` with a running number, so nearly
every sentence is distinct and the catalog grows with the article: the worst case
for the catalog, which must be held (it is written only when everything was read).

Three commands are measured on each article, in this order: ``extract`` (the template
only), ``update --lang en,kk`` on the project ``extract`` left (``update``: the template read
and two new language catalogs written) and the same ``update`` once more on the catalogs it wrote
(``rerun``: the existing template and catalogs read, merged and found unchanged, nothing
written).  Each runs in a subprocess of its own; its peak resident set size comes from
``wait4`` (``ru_maxrss``), and its growth over the start-up peak (the same command on a
one-sentence article: interpreter and imports) is given per MiB of input.  A run past ``--limit`` seconds is stopped and its peak
so far shown as a lower bound (``≥``).  With ``--baseline DIR`` (a
checkout of another version, e.g. ``git worktree add /tmp/main main``) the same
articles are processed with that code too, in the same run, the files each command leaves
(template and catalogs) compared byte for byte (dates aside) and the peaks given as ratios.  The largest sizes are
measured only when ``MemAvailable`` leaves room for what the previous size's peak
predicts (peaks grow at most linearly with the size); otherwise the line says
``skipped``.  The machine's load average and available memory are printed with the
figures.  ``--smoke`` runs tiny articles in seconds to prove the script works.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator, TextIO

ROOT = Path(__file__).resolve().parent.parent
WORDS_FROM = ROOT / "bench" / "data" / "ud-ru-gsd.txt"
MB = 1_000_000
_DATE = re.compile(rb'"(POT-Creation|PO-Revision)-Date: .*\\n"\r?\n')
LANGS = "en,kk"
COMMANDS = {"extract": ["extract"], "update": ["update", "--lang", LANGS], "rerun": ["update", "--lang", LANGS]}


def _words() -> list[str]:
    words = set()
    for line in WORDS_FROM.read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            words.update(w.strip(".,!?«»()—:;\"'").lower() for w in line.split())
    return sorted(w for w in words if w.isalpha() and len(w) > 2)


class Writer:
    """Sentences and blocks of a generated article, written as they are made (``size`` bytes of UTF-8)."""

    def __init__(self, out: TextIO, seed: int = 1):
        self.out = out
        self.rng = random.Random(seed)
        self.words = _words()
        self.count = 0
        self.written = 0

    def write(self, text: str) -> None:
        self.out.write(text)
        self.written += len(text.encode("utf-8"))

    def sentence(self, markup: bool = False) -> str:
        self.count += 1
        words = self.rng.sample(self.words, self.rng.randint(6, 16))
        if markup and self.rng.random() < 0.3:
            at = self.rng.randrange(1, len(words))
            words[at] = self.rng.choice([f"*{words[at]}*", f"**{words[at]}**", f"`{words[at]}`",
                                         f"[{words[at]}](https://example.org/{self.count})"])
        return f"{words[0].capitalize()} {' '.join(words[1:])} {self.count}."

    def sentences(self, low: int, high: int, markup: bool = False) -> str:
        return " ".join(self.sentence(markup) for _ in range(self.rng.randint(low, high)))

    def text_article(self, size: int) -> None:
        self.write(f"{self.sentence()[:-1]}\n\n")
        while self.written < size:
            self.write(self.sentences(2, 6) + "\n\n")

    def markdown_article(self, size: int) -> None:
        self.write(f"# {self.sentence(markup=True)[:-1]}\n\n")
        blocks: list[Callable[[], str]] = [
            lambda: self.sentences(2, 6, markup=True),
            lambda: self.sentences(2, 6, markup=True),
            lambda: self.sentences(2, 6, markup=True),
            lambda: f"{'#' * self.rng.randint(2, 4)} {self.sentence(markup=True)[:-1]}",
            lambda: "\n".join(f"- {self.sentences(1, 2, markup=True)}" for _ in range(self.rng.randint(2, 5)))
            + f"\n  1. {self.sentence()}\n  2. {self.sentence()}",
            lambda: "\n".join(f"{n}. {self.sentence(markup=True)}" for n in range(1, self.rng.randint(3, 6))),
            lambda: f"> {self.sentences(1, 3, markup=True)}\n>\n> {self.sentence()}",
            lambda: "| Показатель | Значение |\n| :--- | ---: |\n"
            + "\n".join(f"| {self.sentence()} | {self.rng.randint(1, 999)} |" for _ in range(self.rng.randint(2, 4))),
            lambda: f"![{self.sentence()[:-1]}](images/{self.count}.jpg \"{self.count}\")",
            lambda: f"```python\nprint({self.count})\n\nx = {self.count} * 2\n```",
            lambda: f"{self.sentence()}\n\n    код {self.count}\n    ещё строка",  # after a list it would be in the item
            lambda: "---",
            lambda: f"<!-- заметка редактора {self.count} -->",
        ]
        while self.written < size:
            self.write(self.rng.choice(blocks)() + "\n\n")


def generate(path: Path, size: int, fmt: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        writer = Writer(out)
        (writer.markdown_article if fmt == "md" else writer.text_article)(size)


def measure(code: Path, project: Path, limit: float, command: str) -> dict:
    """:func:`run_once` in a small process of its own.

    Linux counts in a child's peak RSS the peak of the process it was forked from
    (the memory map it starts with), and this process held templates and articles:
    a launcher that held nothing starts the measured one.
    """
    launcher = [sys.executable, __file__, "--measure", str(code), str(project), str(limit), command]
    return json.loads(subprocess.run(launcher, check=True, capture_output=True, text=True).stdout)


def run_once(code: Path, project: Path, limit: float, command: str) -> dict:
    """Run ``command`` (a key of :data:`COMMANDS`) with the package in ``code``: peak RSS (MiB) and wall
    time (s) of that process.

    A run longer than ``limit`` seconds is stopped: its peak so far is a lower bound (``stopped``).
    """
    env = dict(os.environ, PYTHONPATH=str(code))
    start = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen([sys.executable, "-m", "translate_pipeline", "-C", str(project), *COMMANDS[command]],
                                   env=env, stdout=subprocess.DEVNULL, stderr=stderr, cwd=project)
        stopped = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > limit:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                stopped = True
                break
            time.sleep(0.2)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        if process.returncode and not stopped:
            stderr.seek(0)
            raise SystemExit(f"{command} failed with {code}: {stderr.read().decode(errors='replace').strip()}")
    return {"peak_mib": usage.ru_maxrss / 1024, "seconds": time.perf_counter() - start, "stopped": stopped}


def catalog_digest(path: Path) -> str:
    """A file's bytes but its dates, hashed a line at a time (this process stays small)."""
    digest = hashlib.blake2b()
    with path.open("rb") as lines:
        for line in lines:
            if not _DATE.match(line):
                digest.update(line)
    return digest.hexdigest()


def outputs(project: Path) -> dict[str, str]:
    """The digest of every template and catalog the commands wrote, by path in ``locales``."""
    locales = project / "locales"
    return {str(path.relative_to(locales)): catalog_digest(path) for path in sorted(locales.rglob("*.po*"))}


def clean(project: Path) -> None:
    """Everything the commands wrote (catalogs, provenance store), so the next code starts as the first did."""
    for path in project.iterdir():
        if path.name != "articles":
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def available_mib() -> float:
    for line in Path("/proc/meminfo").read_text().split("\n"):
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return float("inf")


def machine() -> str:
    load = "%.1f %.1f %.1f" % os.getloadavg()
    return f"load average {load} on {os.cpu_count()} CPUs, {available_mib() / 1024:.1f} GiB available"


def _codes(baseline: Path | None) -> dict[str, Path]:
    return {"ours": ROOT} | ({"baseline": baseline} if baseline else {})


def measure_all(codes: dict[str, Path], project: Path, commands: list[str], limit: float) -> dict:
    """``commands`` in order with each code on the project's articles: ``{command: {who: run}}``, and
    under ``same`` (with two codes) whether each command left the same files (None: a run was stopped)."""
    row: dict = {command: {} for command in commands}
    files: dict[str, dict[str, dict[str, str] | None]] = {command: {} for command in commands}
    for who, code in codes.items():
        for command in commands:
            run = row[command][who] = measure(code, project, limit, command)
            files[command][who] = None if run["stopped"] else outputs(project)
        clean(project)
    if len(codes) == 2:
        row["same"] = {command: (None if None in seen.values() else seen["ours"] == seen["baseline"])
                       for command, seen in files.items()}
    return row


def startup(baseline: Path | None, work: Path, commands: list[str], limit: float) -> dict:
    """Peak RSS of each command on a one-sentence article: the interpreter and the imports."""
    project = work / "startup"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "bench.ru.txt").write_text("Заголовок\n\nОдно предложение.\n", encoding="utf-8")
    row = measure_all(_codes(baseline), project, commands, limit)
    shutil.rmtree(project)
    return {command: row[command] for command in commands}


def run(sizes: list[float], formats: list[str], commands: list[str], baseline: Path | None, work: Path,
        limit: float) -> Iterator[dict]:
    """Each article's row as soon as it was measured (the 1-minute load average after it in ``load``)."""
    for fmt in formats:
        previous: dict | None = None
        for size in sizes:
            row = {"format": fmt, "mb": size}
            codes = _codes(baseline)
            if previous is not None:  # peaks grow at most linearly: leave that, and half the memory to others
                need = {who: max(previous[c][who]["peak_mib"] for c in commands) * size / previous["mb"] * 1.5
                        for who in codes if who in previous[commands[0]]
                        and not any(previous[c][who]["stopped"] for c in commands)}
                room = available_mib() / 2
                row["skipped"] = sorted(who for who in codes if need.get(who, float("inf")) >= room)
                codes = {who: code for who, code in codes.items() if who not in row["skipped"]}
                row["room_mib"] = room
            if not codes:
                yield row
                continue
            project = work / f"{fmt}-{size}"
            article = project / "articles" / f"bench.ru.{fmt}"
            article.parent.mkdir(parents=True)
            generate(article, int(size * MB), fmt)
            row["input_mib"] = article.stat().st_size / 2**20
            row.update(measure_all(codes, project, commands, limit))
            shutil.rmtree(project)
            row["load"] = os.getloadavg()[0]
            yield row
            previous = row


def _peak(run: dict) -> str:
    return f"≥{run['peak_mib']:.0f}MiB" if run["stopped"] else f"{run['peak_mib']:.0f}MiB"


def header(start: dict) -> str:
    baseline = "baseline" in next(iter(start.values()))
    return ("start-up (a one-sentence article): "
            + "; ".join(f"{command} " + ", ".join(f"{who} {run['peak_mib']:.0f} MiB" for who, run in runs.items())
                        for command, runs in start.items()) + "\n"
            + f"{'format':<6} {'size':>7} {'input':>9} {'command':<8} {'peak':>9} {'growth/input':>12} {'time':>7}"
            + (f" {'baseline':>9} {'growth/input':>12} {'time':>7} {'ratio':>6}  files    " if baseline else "")
            + "  load")


def lines(start: dict, row: dict) -> list[str]:
    """Per command: peak RSS, its growth over start-up per MiB of input, time; the baseline's; their
    ratio; whether both left the same files; the load after the article."""
    first = f"{row['format']:<6} {row['mb']:>5g}MB"
    skipped = f"skipped ({row.get('room_mib', 0):.0f} MiB is half the memory available)"
    if "input_mib" not in row:
        return [f"{first}  {skipped}"]
    out = []
    for command in start:
        runs = row[command]
        line = f"{first} {row['input_mib']:>6.1f}MiB {command:<8}"
        for who in ("ours", "baseline"):
            run = runs.get(who)
            if run is None:
                line += f"  {who} {skipped}" if who in row.get("skipped", ()) else ""
                continue
            growth = (run["peak_mib"] - start[command][who]["peak_mib"]) / row["input_mib"]
            line += f" {_peak(run):>9} {growth:>11.1f}× {run['seconds']:>6.0f}s"
        if len(runs) == 2:
            ratio = runs["ours"]["peak_mib"] / runs["baseline"]["peak_mib"]
            same = {True: "identical", False: "DIFFERENT"}.get(row["same"][command], "-")
            line += f" {'≤' if runs['baseline']['stopped'] else ' '}{ratio:>5.2f}  {same:<9}"
        out.append(line + f"  {row['load']:.1f}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,50,500", help="article sizes in MB (default 5,50,500)")
    parser.add_argument("--formats", default="txt,md", help="txt, md or both (default)")
    parser.add_argument("--commands", default=",".join(COMMANDS),
                        help="what is measured, in this order: extract, update (en,kk, first run), "
                             "rerun (the same update again: nothing changed); default all three")
    parser.add_argument("--baseline", type=Path, help="a checkout of another version to measure beside this one")
    parser.add_argument("--limit", type=float, default=1800, help="seconds a command may run (default 1800)")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    parser.add_argument("--smoke", action="store_true", help="tiny articles only: proves the script runs")
    parser.add_argument("--measure", nargs=4, metavar=("CODE", "PROJECT", "LIMIT", "COMMAND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # the launcher of one measured run (see measure)
        code, project, limit, command = args.measure
        print(json.dumps(run_once(Path(code), Path(project), float(limit), command)))
        return
    commands = args.commands.split(",")
    unknown = [c for c in commands if c not in COMMANDS]
    if unknown:
        parser.error(f"--commands: unknown {', '.join(unknown)} (choose from {', '.join(COMMANDS)})")
    if "rerun" in commands and "update" not in commands:
        parser.error("--commands: rerun repeats update, so it needs update before it")
    commands = [c for c in COMMANDS if c in commands]  # the order they build on each other
    sizes = [0.02, 0.05] if args.smoke else [float(s) for s in args.sizes.split(",")]
    baseline = args.baseline.resolve() if args.baseline else None
    before = machine()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as work:
        start = startup(baseline, Path(work), commands, args.limit)
        if not args.json:
            print(f"before: {before}\n{header(start)}", flush=True)
        for row in run(sizes, args.formats.split(","), commands, baseline, Path(work), args.limit):
            rows.append(row)
            if not args.json:
                print("\n".join(lines(start, row)), flush=True)
    after = machine()
    if args.json:
        print(json.dumps({"startup": start, "rows": rows, "machine_before": before, "machine_after": after}))
    else:
        print(f"after:  {after}")
    if any(same is False for row in rows for same in row.get("same", {}).values()):
        raise SystemExit("the templates or catalogs differ from the baseline's")


if __name__ == "__main__":
    main()
