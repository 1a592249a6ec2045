"""Kazakh glossary matching (precision/recall) and Kazakh sentence boundaries (held-out F1), in one run.

    python bench/kazakh.py [--baseline DIR] [--errors] [--json] [--smoke]
    python bench/kazakh.py --build bench/.cache/ud/kk_ktb-ud-test.conllu bench/.cache/ud/kk_ktb-ud-train.conllu

1. **Term matching** on ``bench/data/kk-terms.tsv`` / ``kk-term-sentences.tsv``: the
   news sentences of UD Kazakh-KTB (Akorda and Wikinews, CC BY-SA 4.0) with a term
   set read off the treebank's own annotation (see ``--build``): every noun or proper
   noun lemma of four letters or more that the treebank never tags as another part of
   speech and none of whose forms is another word's lemma there (those homographs,
   ``табыс`` / ``табысты`` "successful", are scored on a line of their own), every
   acronym, and every noun phrase (izafet ``Қазақстан халқы``, adjective
   + noun ``Орталық Азия``) that occurs twice; an occurrence is a token with that lemma
   (and, for a phrase, the word before it as in the term).  Scored two ways: the
   translation check (``term_pattern(term, "kk")`` over the sentence, every term on its
   own) and Kazakh source matching (``Glossary.find`` with ``source_lang = "kk"``,
   longest term first).  An occurrence counts by its start offset and term.  The
   sentences are split by ``crc32(sent_id) % 3``: 0 is the dev part (``--errors``
   prints its mistakes), the rest is held out and only ever scored.
2. **Sentence boundaries** on ``bench/data/heldout-kk.txt`` (held out: written or
   drawn before the Kazakh rules of issue 24 and never tuned on), scored like
   ``bench/segmentation.py``.

``--baseline DIR`` runs the same measurements with the package found in ``DIR`` (a
checkout of the previous release: ``git worktree add /tmp/prev <commit>``) and prints
both.  ``--smoke`` runs a few sentences of each, in seconds, to prove the script works.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path

from extras import require

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
TERMS = DATA / "kk-terms.tsv"
SENTENCES = DATA / "kk-term-sentences.tsv"
HELD_OUT_SEGMENTS = DATA / "heldout-kk.txt"
NEWS = ("akorda", "wikipedia-news")  # KTB documents that are news
MIN_LETTERS = 4
EXTRAS = ("bench",)  # razdel, the baseline of the sentence boundaries (bench/extras.py)


# ---------------------------------------------------------------- building the term set
def _conllu(path: Path) -> list[dict]:
    sentences, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id = "):
            current = {"id": line[len("# sent_id = "):], "tokens": [], "mwt": False}
        elif line.startswith("# text = "):
            current["text"] = line[len("# text = "):]
        elif not line.strip():
            if current:
                sentences.append(current)
            current = None
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0]:
                current["mwt"] = True  # a word split into syntactic parts: no clean surface for them
            elif "." not in cols[0]:
                current["tokens"].append(cols)
    return sentences


def _offsets(text: str, tokens: list[list[str]]) -> list[int] | None:
    out, pos = [], 0
    for cols in tokens:
        at = text.find(cols[1], pos)
        if at < 0:
            return None
        out.append(at)
        pos = at + len(cols[1])
    return out


def _acronym(form: str) -> str:
    head = form.split("-")[0]
    return head if sum(c.isupper() for c in head) >= 2 else ""


def build(paths: list[Path]) -> None:
    """Write kk-terms.tsv and kk-term-sentences.tsv from UD Kazakh-KTB CoNLL-U files."""
    every = [s for p in paths for s in _conllu(p)]
    other_pos = {c[2].lower() for s in every for c in s["tokens"] if c[3] not in ("NOUN", "PROPN")}
    news = [s for s in every if s["id"].startswith(NEWS) and not s["mwt"] and _offsets(s["text"], s["tokens"])]
    # a word in capitals is an acronym only if the treebank never writes it otherwise (not "АЗАМАТ")
    lowered = {c[2].lower() for s in every for c in s["tokens"] if not _acronym(c[1])}
    terms: dict[str, str] = {}  # term -> kind
    spelled: dict[str, str] = {}  # lemma -> the term as written (a proper noun capitalised)
    phrase_count: Counter = Counter()
    phrase_form: dict[tuple, str] = {}
    for s in news:
        toks = s["tokens"]
        for i, c in enumerate(toks):
            if c[3] not in ("NOUN", "PROPN"):
                continue
            lemma = c[2].lower()
            acronym = _acronym(c[1]) if lemma not in lowered else ""
            if acronym:
                terms.setdefault(acronym, "acronym")
            elif len([ch for ch in lemma if ch.isalpha()]) >= MIN_LETTERS and lemma not in other_pos and lemma.replace("-", "").isalpha():
                spelled.setdefault(lemma, lemma.capitalize() if c[3] == "PROPN" else lemma)
            if i and toks[i - 1][6] == c[0] and toks[i - 1][3] in ("NOUN", "PROPN", "ADJ") and toks[i - 1][1].isalpha() and (
                    toks[i - 1][1].lower() == toks[i - 1][2].lower() or toks[i - 1][3] == "ADJ"):
                izafet = toks[i - 1][7] == "nmod:poss" and "Person[psor]=3" in c[5]
                key = (toks[i - 1][1].lower(), lemma, izafet)
                phrase_count[key] += 1
                if izafet and "Case=Nom" in c[5] and "Number=Plur" not in c[5]:
                    phrase_form.setdefault(key, c[1].lower())
                elif not izafet:
                    phrase_form.setdefault(key, lemma)
    # A noun one of whose forms is another word of the treebank (табыс: accusative табысты =
    # the adjective табысты "successful") cannot be told from it without a part-of-speech
    # tagger, which the matcher does not have: such terms are kept apart ("homograph").
    from translate_pipeline.glossary.kazakh import forms

    terms.update((term, "homograph" if forms(term.lower()) & other_pos else "word") for term in spelled.values())
    phrases = {key: f"{key[0]} {phrase_form[key]}" for key, n in phrase_count.items() if n >= 2 and key in phrase_form}
    for key, term in phrases.items():
        terms[term] = "izafet" if key[2] else "phrase"
    lemma_terms = {t.lower(): t for t, kind in terms.items() if kind == "word"}
    lines = []
    for s in news:
        toks, starts = s["tokens"], _offsets(s["text"], s["tokens"])
        gold = []
        for i, c in enumerate(toks):
            if c[3] not in ("NOUN", "PROPN"):
                continue
            acronym = _acronym(c[1]) if c[2].lower() not in lowered else ""
            if acronym:
                gold.append((starts[i], acronym))
            elif c[2].lower() in lemma_terms:
                gold.append((starts[i], lemma_terms[c[2].lower()]))
            if i:  # a phrase: its first word as written, then a form of its noun (possessive for an izafet)
                for izafet in (False, True):
                    key = (toks[i - 1][1].lower(), c[2].lower(), izafet)
                    if key in phrases and (not izafet or "Person[psor]=3" in c[5]):
                        gold.append((starts[i - 1], phrases[key]))
        part = "dev" if zlib.crc32(s["id"].encode()) % 3 == 0 else "held-out"
        lines.append("\t".join([part, s["id"], s["text"], " ; ".join(f"{at}|{term}" for at, term in gold) or "-"]))
    header = ["# Kazakh term set built by bench/kazakh.py --build from UD Kazakh-KTB (CC BY-SA 4.0); see bench/data/README.md"]
    TERMS.write_text("\n".join(header + [f"{t}\t{k}" for t, k in sorted(terms.items())]) + "\n", encoding="utf-8")
    SENTENCES.write_text("\n".join(header + ["# part\tsent_id\ttext\tgold (offset|term ; …)"] + lines) + "\n",
                         encoding="utf-8")
    print(f"{len(terms)} terms, {len(lines)} sentences written to {TERMS.name}, {SENTENCES.name}")


# ---------------------------------------------------------------- measuring
def load_terms() -> dict[str, str]:
    rows = [line.split("\t") for line in TERMS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {term: kind for term, kind in rows}


def load_sentences() -> list[tuple[str, str, str, set[tuple[int, str]]]]:
    out = []
    for line in SENTENCES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        part, sid, text, gold = line.split("\t")
        spans = set() if gold == "-" else {(int(a), t) for a, t in (g.split("|") for g in gold.split(" ; "))}
        out.append((part, sid, text, spans))
    return out


def _resolved(gold: set[tuple[int, str]], text: str) -> set[tuple[int, str]]:
    """What a longest-first matcher should report: a phrase hides the single words it covers."""
    covered = {at for at, t in gold if " " in t} | {at + len(t.split()[0]) + 1 for at, t in gold if " " in t}
    return {(at, t) for at, t in gold if " " in t or at not in covered}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "tp": tp, "fp": fp, "fn": fn}


def term_scores(sentences, terms: dict[str, str], errors: bool) -> dict:
    from translate_pipeline.glossary import Glossary
    from translate_pipeline.glossary.target_match import term_pattern
    from translate_pipeline.glossary.termbase import parse

    csv = "id,kk,en\n" + "".join(f"t{i},{t},x\n" for i, t in enumerate(terms))
    glossary = Glossary(parse(csv, source_lang="kk"))
    patterns = {t: term_pattern(t, "kk") for t in terms}
    counts: dict = defaultdict(lambda: [0, 0, 0])
    inflected = Counter()
    for part, _sid, text, gold in sentences:
        words = {at: text[at:].split(" ")[0] for at, _ in gold}
        inflected[part] += sum(1 for at, t in gold if words[at].lower().rstrip(".,:;!?»") != t.split()[0].lower()
                               or " " in t)
        checked = {(m.start(), t) for t, pattern in patterns.items() for m in pattern.finditer(text)}
        found = {(o.start, o.term) for o in glossary.find(text)}
        for way, got, want in (("check", checked, gold), ("source", found, _resolved(gold, text))):
            c = counts[(way, part)]
            c[0] += len(got & want)
            c[1] += len(got - want)
            c[2] += len(want - got)
            if errors and part == "dev":
                for at, t in sorted(got - want):
                    print(f"  [{way}] false hit {text[at:at + 25]!r} → {t}: {text}")
                for at, t in sorted(want - got):
                    print(f"  [{way}] missed {text[at:at + 25]!r} ({t}): {text}")
    out = {f"{way} {part}": _prf(*c) for (way, part), c in sorted(counts.items())}
    for part in ("dev", "held-out"):
        out[f"occurrences {part}"] = sum(len(g) for p, _, _, g in sentences if p == part)
        out[f"inflected {part}"] = inflected[part]
    return out


def boundary_scores(smoke: bool) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    import segmentation

    paragraphs = segmentation.load(HELD_OUT_SEGMENTS)[: 8 if smoke else None]
    precision, recall, f1 = segmentation.score(segmentation.split_sentences, paragraphs, "kk", False)
    _, _, razdel_f1 = segmentation.score(segmentation.razdel_split, paragraphs, "kk", False)
    sentences = sum(len(p.sentences) for p in paragraphs)
    return {"sentences": sentences, "boundaries": sentences - len(paragraphs), "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4), "razdel f1": round(razdel_f1, 4)}


def measure(smoke: bool, errors: bool) -> dict:
    sentences = load_sentences()
    terms = load_terms()
    if smoke:
        sentences = sentences[:12]
        used = {t for *_, gold in sentences for _, t in gold}
        terms = {t: k for t, k in terms.items() if t in used}
    plain = {t: k for t, k in terms.items() if k != "homograph"}
    without = [(part, sid, text, {(at, t) for at, t in gold if t in plain}) for part, sid, text, gold in sentences]
    return {"terms": len(plain), "homographs": len(terms) - len(plain), "sentences": len(sentences),
            "matching": term_scores(without, plain, errors),
            "with homographs": term_scores(sentences, terms, False), "boundaries": boundary_scores(smoke)}


def _row(name: str, ours: dict, theirs: dict | None, keys: tuple[str, ...]) -> str:
    cells = "  ".join(f"{k} {ours[k]:.4f}" + (f" (was {theirs[k]:.4f})" if theirs else "") for k in keys)
    return f"{name:<24} {cells}"


def report(ours: dict, theirs: dict | None) -> None:
    m, b = ours["matching"], ours["boundaries"]
    print(f"Kazakh term set: {ours['terms']} terms, {ours['sentences']} sentences; occurrences "
          f"dev {m['occurrences dev']} ({m['inflected dev']} inflected), held-out {m['occurrences held-out']} "
          f"({m['inflected held-out']} inflected)")
    for way, label in (("check", "translation check"), ("source", "Kazakh source")):
        for part in ("dev", "held-out"):
            key = f"{way} {part}"
            if key in m:
                print(_row(f"{label}, {part}", m[key], theirs["matching"].get(key) if theirs else None,
                           ("precision", "recall")))
    h = ours["with homographs"]
    print(f"with the {ours['homographs']} homograph terms too (held-out): translation check "
          f"P {h['check held-out']['precision']:.4f} R {h['check held-out']['recall']:.4f}, Kazakh source "
          f"P {h['source held-out']['precision']:.4f} R {h['source held-out']['recall']:.4f}")
    print(f"Kazakh boundaries, held out ({b['sentences']} sentences, {b['boundaries']} boundaries): "
          f"razdel F1 {b['razdel f1']:.4f}")
    print(_row("  ours", b, theirs["boundaries"] if theirs else None, ("precision", "recall", "f1")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", nargs="+", type=Path, metavar="CONLLU", help="rebuild the term set from UD Kazakh-KTB")
    parser.add_argument("--baseline", type=Path, help="a checkout of the previous release to measure beside this one")
    parser.add_argument("--code", type=Path, default=ROOT, help=argparse.SUPPRESS)  # the package to measure
    parser.add_argument("--errors", action="store_true", help="print the dev part's mistakes")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="a few sentences only: proves the script runs")
    args = parser.parse_args()
    if args.build:
        build(args.build)
        return
    require("bench/kazakh.py", EXTRAS)
    sys.path.insert(0, str(args.code.resolve()))
    ours = measure(args.smoke, args.errors)
    theirs = None
    if args.baseline:
        command = [sys.executable, __file__, "--json", "--code", str(args.baseline)] + (["--smoke"] if args.smoke else [])
        theirs = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    if args.json:
        print(json.dumps(ours, ensure_ascii=False))
    else:
        report(ours, theirs)


if __name__ == "__main__":
    main()
