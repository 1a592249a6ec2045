"""Sentence-boundary precision/recall/F1 and speed against razdel, in one run.

    python bench/segmentation.py [--errors] [--repeat N] [--ud DIR] [--smoke]

Larger gold set: every ``*.conllu`` file in ``--ud DIR`` (default
``bench/.cache/ud/``, not committed) is scored too, one line per file and
per language (``ru_*``/``kk_*`` by file name): the full UD Russian PUD, GSD
and Taiga, UD Kazakh KTB files, copied from the treebanks' repositories (see
bench/data/README.md).  Paragraphs are UD's ``# newdoc``/``# newpar`` units,
else runs of five consecutive sentences; ``SpaceAfter=No`` on a sentence's
last token glues the next sentence to it.

Dev data (bench/data, see its README): gold-segmented sentences from Universal
Dependencies (Russian GSD, Kazakh KTB) and hand-written news paragraphs with
the traps the pipeline must survive.  Each paragraph is rebuilt from its gold
sentences; a system's boundaries are compared with the gold ones as offsets in
the paragraph's non-space characters, so splitters that normalise whitespace
differently are scored alike.

``--smoke``: one timing round and no UD files (seconds; run by the test suite so the
script cannot rot unnoticed).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extras import require  # noqa: E402

from translate_pipeline.source.segment import split_sentences  # noqa: E402

EXTRAS = ("bench",)  # razdel, the baseline (bench/extras.py)

DATA = ROOT / "bench" / "data"
SETS = {
    "ru": ["ud-ru-gsd.txt", "ud-ru-pud.txt", "traps-ru.txt"],
    "kk": ["ud-kk-ktb.txt", "traps-kk.txt"],
}
_TERMINAL = re.compile(r"[.!?…][»”\"')\]']*$")
_NAIVE = re.compile(r"(?<=[.!?…])\s+")


@dataclass
class Paragraph:
    source: str
    sentences: list[str]
    glued: list[bool]  # glued[i]: sentence i follows i-1 with no space

    @property
    def text(self) -> str:
        out = self.sentences[0]
        for sentence, glued in zip(self.sentences[1:], self.glued[1:]):
            out += ("" if glued else " ") + sentence
        return out


def load(path: Path) -> list[Paragraph]:
    """Blank lines, "# sent_id" comments and sentences without final
    punctuation end a paragraph (a heading-like line stands alone in real text)."""
    paragraphs: list[Paragraph] = []
    current = Paragraph(path.name, [], [])

    def flush() -> None:
        nonlocal current
        if current.sentences:
            paragraphs.append(current)
        current = Paragraph(path.name, [], [])

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("# "):
            flush()
            continue
        glued = line.startswith("~")
        current.sentences.append(line[1:] if glued else line)
        current.glued.append(glued)
        if not _TERMINAL.search(line):
            flush()
    flush()
    return paragraphs


UD_CACHE = ROOT / "bench" / ".cache" / "ud"
UD_RUN = 5  # sentences per paragraph where a treebank marks none


def load_conllu(path: Path) -> list[Paragraph]:
    """Gold sentences of a CoNLL-U file (``# text``), grouped into paragraphs."""
    paragraphs: list[Paragraph] = []
    current = Paragraph(path.name, [], [])
    marked = False
    glue_next = False
    text = None

    def flush() -> None:
        nonlocal current
        if current.sentences:
            paragraphs.append(current)
        current = Paragraph(path.name, [], [])

    last_misc = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith(("# newdoc", "# newpar")):
            marked = True
            flush()
        elif raw.startswith("# text = "):
            text = raw[len("# text = "):].strip()
        elif not raw.strip():
            if text:
                if not marked and len(current.sentences) >= UD_RUN:
                    flush()
                current.sentences.append(text)
                current.glued.append(glue_next and bool(current.sentences[:-1]))
                glue_next = "SpaceAfter=No" in last_misc
                if not _TERMINAL.search(text):
                    flush()
            text = None
        elif not raw.startswith("#"):
            cols = raw.split("\t")
            if len(cols) == 10 and "." not in cols[0]:
                last_misc = cols[9]
    flush()
    return paragraphs


def boundaries(pieces: list[str]) -> set[int]:
    """Sentence ends as counts of non-space characters (the last one excluded)."""
    out, count = set(), 0
    for piece in pieces[:-1]:
        count += sum(1 for c in piece if not c.isspace())
        out.add(count)
    return out


def razdel_split(text: str, lang: str) -> list[str]:
    import razdel  # the [bench] extra: main() says so when it is missing

    return [s.text for s in razdel.sentenize(text)]


def naive_split(text: str, lang: str) -> list[str]:
    return _NAIVE.split(text.strip())


SYSTEMS: dict[str, Callable[[str, str], list[str]]] = {
    "ours": split_sentences,
    "razdel": razdel_split,
    "naive-regex": naive_split,
}


def score(system, paragraphs: list[Paragraph], lang: str, errors: bool) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for p in paragraphs:
        gold = boundaries(p.sentences)
        got = boundaries(system(p.text, lang))
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        if errors and gold != got:
            print(f"  [{p.source}] missed={sorted(gold - got)} extra={sorted(got - gold)}")
            for piece in system(p.text, lang):
                print(f"    | {piece}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_times(systems, texts: list[tuple[str, str]], repeat: int) -> list[float]:
    """Best-of-``repeat`` wall time per system; the systems take turns in every
    round, so a busy machine slows them alike and the ratio stays fair."""
    best = [float("inf")] * len(systems)
    for _ in range(repeat):
        for i, system in enumerate(systems):
            start = time.perf_counter()
            for text, lang in texts:
                system(text, lang)
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print paragraphs our splitter gets wrong")
    parser.add_argument("--repeat", type=int, default=21, help="timing rounds (best of)")
    parser.add_argument("--ud", type=Path, default=UD_CACHE, help="directory of UD *.conllu files to score too")
    parser.add_argument("--smoke", action="store_true", help="one timing round, no UD files: does the script still run?")
    args = parser.parse_args()
    require("bench/segmentation.py", EXTRAS)
    if args.smoke:
        args.repeat, args.ud = 1, None

    corpus: list[tuple[str, str]] = []
    print(f"{'lang':<4} {'system':<12} {'sents':>6} {'bounds':>6} {'P':>7} {'R':>7} {'F1':>7}")
    for lang, files in SETS.items():
        paragraphs = [p for name in files for p in load(DATA / name)]
        n = sum(len(p.sentences) for p in paragraphs)
        bounds = n - len(paragraphs)
        corpus += [(p.text, lang) for p in paragraphs]
        for name, system in SYSTEMS.items():
            show = args.errors and name == "ours"
            precision, recall, f1 = score(system, paragraphs, lang, show)
            print(f"{lang:<4} {name:<12} {n:>6} {bounds:>6} {precision:7.4f} {recall:7.4f} {f1:7.4f}")
        for name in files:
            subset = load(DATA / name)
            _, _, ours = score(split_sentences, subset, lang, False)
            _, _, theirs = score(razdel_split, subset, lang, False)
            print(f"       {name:<22} F1 ours {ours:.4f}  razdel {theirs:.4f}")

    ud_files = sorted(args.ud.glob("*.conllu")) if args.ud and args.ud.is_dir() else []
    if ud_files:
        print(f"UD treebank files in {args.ud}:")
    for lang in ("ru", "kk"):
        files = [f for f in ud_files if f.name.startswith(f"{lang}_")]
        if not files:
            continue
        paragraphs = []
        for path in files:
            subset = load_conllu(path)
            paragraphs += subset
            n = sum(len(p.sentences) for p in subset)
            bounds = n - len(subset)
            _, _, ours = score(split_sentences, subset, lang, False)
            _, _, theirs = score(razdel_split, subset, lang, False)
            print(f"       {path.name:<24} {n:>5} sents {bounds:>5} bounds  F1 ours {ours:.4f}  razdel {theirs:.4f}")
        n = sum(len(p.sentences) for p in paragraphs)
        bounds = n - len(paragraphs)
        for name, system in SYSTEMS.items():
            show = args.errors and name == "ours"
            precision, recall, f1 = score(system, paragraphs, lang, show)
            print(f"{lang:<4} {name + ' UD':<12} {n:>6} {bounds:>6} {precision:7.4f} {recall:7.4f} {f1:7.4f}")
        corpus += [(p.text, lang) for p in paragraphs]

    chars = sum(len(t) for t, _ in corpus)
    ours, theirs = best_times([split_sentences, razdel_split], corpus, args.repeat)
    print(
        f"speed: ours {chars / ours / 1e6:.2f} MB/s, razdel {chars / theirs / 1e6:.2f} MB/s "
        f"-> ours is {theirs / ours:.1f}x razdel's speed (best of {args.repeat}, {chars} chars)"
    )
    print("load average (other processes share the CPU): %.1f %.1f %.1f" % os.getloadavg())


if __name__ == "__main__":
    main()
