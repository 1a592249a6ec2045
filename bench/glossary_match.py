"""Glossary benchmarks, all measured in one run (numbers go to the README, "Glossary").

1. Source-term matching precision/recall on the annotated development
   sentences in ``bench/data/glossary_dev.tsv`` against ``glossary/terms.csv``.
2. Speed on a synthetic 10,000-term base: the one-pass trie matcher against
   one regex per term over the same tokenisation; the two must return the
   same occurrences on every segment (asserted), and the ratio is reported.
3. Term accuracy of MT without and with enforcement, using a copy-type engine:
   the tests' tiny real Argos copy package when it is available, otherwise a
   deterministic toy engine (said so in the output).

Usage: ``python bench/glossary_match.py [--terms 10000] [--repeat 3] [--json] [--smoke]``
(``--smoke``: 200 terms, one round, 8 sentences for MT -- seconds; the test suite runs it so the script cannot rot).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translate_pipeline.catalog.provenance import Key  # noqa: E402
from translate_pipeline.glossary import Glossary  # noqa: E402
from translate_pipeline.glossary.source_match import (  # noqa: E402
    SourceMatcher,
    _case_ok,
    _Entry,
    resolve,
)
from translate_pipeline.glossary.termbase import Concept, Termbase, load, term_key  # noqa: E402
from translate_pipeline.glossary.tokens import _morph, term_word_keys, tokenize  # noqa: E402
from translate_pipeline.mt.engine import Engine, Hypothesis  # noqa: E402
from translate_pipeline.pretranslate.enforce import enforce  # noqa: E402

DEV = ROOT / "bench" / "data" / "glossary_dev.tsv"
TERMS = ROOT / "glossary" / "terms.csv"


# ---------------------------------------------------------------- 1. quality
def read_dev(path: Path = DEV) -> list[tuple[str, list[tuple[str, str]]]]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, gold = line.split("\t")
        pairs = [] if gold.strip() == "-" else [tuple(p.strip().split("|")) for p in gold.split(" ; ")]
        items.append((sentence, pairs))
    return items


def gold_spans(sentence: str, pairs: list[tuple[str, str]]) -> set[tuple[int, int, str]]:
    spans, pos = set(), 0
    for surface, concept in pairs:
        start = sentence.index(surface, pos)
        spans.add((start, start + len(surface), concept))
        pos = start + len(surface)
    return spans


def quality(glossary: Glossary) -> dict:
    tp = fp = fn = 0
    errors = []
    for sentence, pairs in read_dev():
        gold = gold_spans(sentence, pairs)
        found = {(o.start, o.end, o.concept.id) for o in glossary.find(sentence)}
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
        for s, e, c in sorted(found - gold):
            errors.append(f"false hit {sentence[s:e]!r} → {c} in: {sentence}")
        for s, e, c in sorted(gold - found):
            errors.append(f"missed {sentence[s:e]!r} ({c}) in: {sentence}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"sentences": len(read_dev()), "gold": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": round(precision, 4), "recall": round(recall, 4), "errors": errors}


# ---------------------------------------------------------------- 2. speed
def _vocabulary(nouns_wanted: int, adjs_wanted: int, rng: random.Random) -> tuple[list, list]:
    """Dictionary nouns and adjectives (nominative singular) from pymorphy3's own dictionary."""
    nouns, adjs = {}, {}
    for parse in _morph().iter_known_word_parses():
        word = parse.word
        tag = parse.tag
        if len(word) < 4 or "-" in word or not {"sing", "nomn"} <= tag.grammemes:
            continue
        if tag.POS == "NOUN" and "inan" in tag and not tag.grammemes & {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"}:
            nouns.setdefault(word, parse)
        elif tag.POS == "ADJF" and "masc" in tag and "Qual" not in tag:
            adjs.setdefault(word, parse)
        if len(nouns) >= nouns_wanted * 3 and len(adjs) >= adjs_wanted * 3:
            break
    noun_list, adj_list = list(nouns.values()), list(adjs.values())
    rng.shuffle(noun_list)
    rng.shuffle(adj_list)
    return noun_list[:nouns_wanted], adj_list[:adjs_wanted]


def synthetic_termbase(n: int, seed: int = 7) -> tuple[Termbase, list[list]]:
    """``n`` distinct concepts: nouns, adjective+noun, noun+genitive noun and acronyms.

    Returns the term base and, per concept, the pymorphy parses of its words
    so that test sentences can inflect them.
    """
    rng = random.Random(seed)
    nouns, adjs = _vocabulary(n, n // 2, rng)
    concepts, parses, seen_keys, seen_terms = [], [], set(), set()
    letters = "АБВГДЕЖЗИКЛМНОПРСТУФХЦШЭЮЯ"
    attempts = 0
    while len(concepts) < n and attempts < n * 20:
        attempts += 1
        kind = rng.random()
        noun = rng.choice(nouns)
        if kind < 0.35:
            words = [noun]
        elif kind < 0.75:
            adj = rng.choice(adjs)
            gender = noun.tag.gender or "masc"
            agreed = adj.inflect({gender, "sing", "nomn"})
            if agreed is None:
                continue
            words = [agreed, noun]
        elif kind < 0.9:
            dependent = rng.choice(nouns).inflect({"sing", "gent"})
            if dependent is None:
                continue
            words = [noun, dependent]
        else:
            words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 5)))]
        text = " ".join(w if isinstance(w, str) else w.word for w in words)
        keys = tuple(frozenset(term_word_keys(w)) for w in text.split())
        if term_key(text) in seen_terms or keys in seen_keys:
            continue
        seen_terms.add(term_key(text))
        seen_keys.add(keys)
        concepts.append(Concept(f"s{len(concepts)}", {"ru": (text,), "en": (f"term{len(concepts)}",)}))
        parses.append(words)
    return Termbase("ru", concepts), parses


def _inflect(words: list, case: str) -> str | None:
    out = []
    for i, w in enumerate(words):
        if isinstance(w, str):  # acronym: glue a Russian case ending like МИИРа
            out.append(w + {"gent": "а", "datv": "у", "ablt": "ом", "loct": "е"}.get(case, ""))
            continue
        if i > 0 and "gent" in w.tag and len(words) == 2 and words[0] is not w and "NOUN" in words[0].tag:
            out.append(w.word)  # the genitive dependent stays as it is
            continue
        form = w.inflect({case, "sing"})
        if form is None:
            return None
        out.append(form.word)
    return " ".join(out)


def synthetic_segments(parses: list[list], count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    frames = [
        "По данным {a}, показатели {b} выросли на {n}%.",
        "В рамках программы {a} и {b} получат {n} млн тенге.",
        "Эксперты обсудили работу {a} без участия {b}.",
        "Сообщается, что {a} заменят {b} к {n} году.",
    ]
    segments = []
    while len(segments) < count:
        a, b = rng.choice(parses), rng.choice(parses)
        case_a, case_b = rng.choice(["gent", "datv", "ablt", "loct", "nomn"]), "gent"
        ta, tb = _inflect(a, case_a), _inflect(b, case_b)
        if ta and tb:
            segments.append(rng.choice(frames).format(a=ta, b=tb, n=rng.randint(2, 99)))
    return segments


class RegexBaseline:
    """One compiled regex per term, run over the same tokens the matcher sees.

    Each token is rendered as ``⟨key1/key2/…⟩`` and separators as ``-`` (glued
    by a hyphen), `` `` (space/dash/quotes: a term may span it) or ``|``
    (punctuation): the per-term regexes then find exactly the spans the trie
    finds, so the comparison isolates the multi-pattern step.
    """

    def __init__(self, termbase: Termbase):
        self.patterns = []
        rank = 0
        for concept in termbase.concepts:
            for term in concept.terms[termbase.source_lang]:
                words = [t.text for t in tokenize(term, keyed=False)]
                parts = []
                for w in words:
                    keys = "|".join(re.escape(k) for k in sorted(term_word_keys(w)))
                    parts.append(rf"⟨(?:[^⟩]*/)?(?:{keys})(?:/[^⟩]*)?⟩")
                capitals = tuple(None for _ in words)
                if concept.case_sensitive:
                    capitals = tuple((w[0].isupper() if sum(c.isupper() for c in w) < 2 else None) for w in words)
                regex = re.compile(r"(?<!-)(?=(" + "[ -]".join(parts) + r")(?!-))")
                self.patterns.append((regex, _Entry(concept, term, capitals, rank)))
                rank += 1

    def find(self, text: str) -> list[tuple[int, int, str]]:
        tokens = tokenize(text)
        rendered, starts, ends = [], {}, {}
        pos = 0
        for i, tok in enumerate(tokens):
            if i:
                sep = "-" if tok.joined else (" " if tok.continues else "|")
                rendered.append(sep)
                pos += 1
            starts[pos] = i
            piece = "⟨" + "/".join(sorted(tok.keys)) + "⟩"
            rendered.append(piece)
            pos += len(piece)
            ends[pos] = i
        line = "".join(rendered)
        candidates = []
        for regex, entry in self.patterns:
            for m in regex.finditer(line):
                i, j = starts[m.start(1)], ends[m.end(1)]
                if _case_ok(entry, tokens[i : j + 1]):
                    candidates.append((i, j, entry))
        return [(tokens[i].start, tokens[j].end, e.concept.id) for i, j, e in resolve(candidates)]


def speed(n_terms: int, repeat: int) -> dict:
    t0 = time.perf_counter()
    termbase, parses = synthetic_termbase(n_terms)
    starter = load(TERMS)
    termbase.concepts.extend(starter.concepts)
    t_base = time.perf_counter() - t0
    segments = synthetic_segments(parses, 150) + [s for s, _ in read_dev()]

    t0 = time.perf_counter()
    matcher = SourceMatcher(termbase)
    t_build_trie = time.perf_counter() - t0
    t0 = time.perf_counter()
    baseline = RegexBaseline(termbase)
    t_build_regex = time.perf_counter() - t0

    ours = [[(o.start, o.end, o.concept.id) for o in matcher.find(s)] for s in segments]  # also warms the lemma cache
    theirs = [baseline.find(s) for s in segments]
    mismatches = [(s, a, b) for s, a, b in zip(segments, ours, theirs) if a != b]
    assert not mismatches, f"matchers disagree on {len(mismatches)} segment(s), e.g. {mismatches[0]}"

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            for s in segments:
                fn(s)
            best = min(best, time.perf_counter() - t)
        return best

    t_ours = timed(matcher.find)
    t_regex = timed(baseline.find)
    return {
        "terms": len(termbase.concepts),
        "segments": len(segments),
        "occurrences": sum(map(len, ours)),
        "same_matches": True,
        "trie_ms_per_segment": round(1000 * t_ours / len(segments), 3),
        "regex_ms_per_segment": round(1000 * t_regex / len(segments), 3),
        "speedup": round(t_regex / t_ours, 1),
        "build_trie_s": round(t_build_trie, 2),
        "build_regex_s": round(t_build_regex, 2),
        "generate_s": round(t_base, 2),
    }


# ---------------------------------------------------------------- 3. MT term accuracy
class ToyEngine(Engine):
    """Deterministic stand-in for a model that does not know the glossary.

    Copy-type: every word is copied through, except a few Russian words it
    renders the way generic MT tends to (``аким`` → ``governor``); hypothesis
    ``k`` uses the ``k``-th rendering where several exist.
    """

    source = "ru"
    RENDER = {
        "en": {"аким": ["governor", "akim"], "акимат": ["administration", "akimat"], "миир": ["MIIR"],
               "мост": ["bridges", "axles"], "спецтехника": ["special equipment", "special machinery"],
               "правительство": ["cabinet", "Government"], "область": ["oblast", "region"]},
        "kk": {"аким": ["губернатор", "әкім"], "акимат": ["әкімшілік", "әкімдік"], "миир": ["МИИР"],
               "правительство": ["Кабинет", "Үкімет"], "область": ["обласы", "облысы"]},
    }

    def __init__(self, target: str):
        self.target = target

    @property
    def provenance(self) -> str:
        return f"toy copy engine (ru→{self.target})"

    def _render(self, text: str, k: int) -> str:
        table = self.RENDER[self.target]
        out, pos = [], 0
        for tok in tokenize(text):
            lemma = next((key[2:] for key in sorted(tok.keys) if key.startswith("l:") and key[2:] in table), None)
            out.append(text[pos : tok.start])
            out.append(table[lemma][min(k, len(table[lemma]) - 1)] if lemma else tok.text)
            pos = tok.end
        out.append(text[pos:])
        return "".join(out)

    def translate_batch(self, texts, n_best=1, progress=None):
        return [[Hypothesis(self._render(t, k), -0.1 * k) for k in range(n_best)] for t in texts]


def _copy_engines(work: Path) -> tuple[dict, str] | None:
    """The tests' tiny real Argos copy packages (built and installed under ``work``), when the MT stage is present."""
    try:
        sys.path.insert(0, str(ROOT / "tests"))
        from mt_models import build_copy_package  # type: ignore

        from translate_pipeline.mt.argos_engine import ArgosEngine
        from translate_pipeline.mt.packages import install_archive
        from translate_pipeline.core.settings import DecodeOptions
        from translate_pipeline.mt.settings import decode_options
    except ImportError:
        return None
    engines = {}
    for lang in ("en", "kk"):
        archive = build_copy_package(work / "build", "ru", lang)
        package = install_archive(archive, work / "argos")
        engines[lang] = ArgosEngine(package, decode_options(DecodeOptions(beam_size=4)))
    return engines, "tiny real Argos copy package (tests/mt_models.py)"


def mt_accuracy(glossary: Glossary, sentences_limit: int | None = None) -> dict:
    """Term accuracy over the dev sentences (the first ``sentences_limit`` of them, if given)."""
    with tempfile.TemporaryDirectory(prefix="glossary-bench-") as work:
        return _mt_accuracy(glossary, sentences_limit, _copy_engines(Path(work)))


def _mt_accuracy(glossary: Glossary, sentences_limit: int | None, real: tuple[dict, str] | None) -> dict:
    engines, kind = real if real else ({lang: ToyEngine(lang) for lang in ("en", "kk")}, "deterministic toy copy engine (bench/glossary_match.py: ToyEngine)")
    sentences = [s for s, _ in read_dev()][:sentences_limit]
    result = {"engine": kind}
    for lang, engine in engines.items():
        row = {}
        for mode, steer in (("without", False), ("with", True)):
            suggestions = enforce(engine, sentences, glossary, n_best=4, steer=steer)
            total = ok = claimed = claimed_ok = visible = unmet = 0
            outcomes: dict[str, int] = {}
            for source, s in zip(sentences, suggestions):
                checks = glossary.check(source, s.text, lang)
                outcome = s.provenance.first(Key.GLOSSARY) or ""
                if outcome:
                    kind_ = "enforced (n-best)" if outcome.startswith("enforced (n-best") else outcome.split(":")[0]
                    outcomes[kind_] = outcomes.get(kind_, 0) + 1
                total += len(checks)
                ok += sum(c.ok for c in checks)
                if outcome == "satisfied" or outcome.startswith("enforced"):
                    claimed += len(checks)
                    claimed_ok += sum(c.ok for c in checks)
                unmet_here = [c for c in checks if not c.ok]
                unmet += len(unmet_here)
                visible += sum(1 for c in unmet_here if s.fuzzy and outcome.startswith(("missing", "forbidden"))
                               and c.concept.preferred("ru") in outcome)
            row[mode] = {"terms": total, "correct": ok, "accuracy": round(ok / total, 4) if total else 1.0,
                         "claimed_correct": f"{claimed_ok}/{claimed}", "unmet_visible": f"{visible}/{unmet}",
                         "segment_outcomes": outcomes}
        result[lang] = row
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", choices=["quality", "speed", "mt"], action="append", help="Run only these parts.")
    parser.add_argument("--sentences", type=int, help="MT part: only the first N dev sentences")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one round: does the script still run?")
    args = parser.parse_args()
    if args.smoke:
        args.terms, args.repeat, args.sentences = 200, 1, 8
    parts = args.only or ["quality", "speed", "mt"]
    glossary = Glossary(load(TERMS))
    report = {}
    if "quality" in parts:
        report["quality"] = quality(glossary)
    if "speed" in parts:
        report["speed"] = speed(args.terms, args.repeat)
    if "mt" in parts:
        report["mt"] = mt_accuracy(glossary, args.sentences)
    report["load_average"] = [round(x, 2) for x in os.getloadavg()]  # other processes share the CPU
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    if "quality" in report:
        _print_quality(report["quality"])
    if "speed" in report:
        _print_speed(report["speed"])
    if "mt" in report:
        _print_mt(report["mt"])
    print("load average (other processes share the CPU): %.1f %.1f %.1f" % tuple(report["load_average"]))


def _print_quality(q: dict) -> None:
    print(f"1. source matching on {q['sentences']} dev sentences ({q['gold']} gold terms): "
          f"precision {q['precision']:.3f}, recall {q['recall']:.3f} (tp {q['tp']}, fp {q['fp']}, fn {q['fn']})")
    for error in q["errors"]:
        print(f"   {error}")


def _print_speed(s: dict) -> None:
    print(f"2. speed, {s['terms']} terms, {s['segments']} segments, {s['occurrences']} occurrences, same matches: yes")
    print(f"   trie {s['trie_ms_per_segment']} ms/segment vs per-term regex {s['regex_ms_per_segment']} ms/segment: "
          f"{s['speedup']}x faster (build: trie {s['build_trie_s']} s, regexes {s['build_regex_s']} s)")


def _print_mt(mt: dict) -> None:
    print(f"3. MT term accuracy with {mt['engine']}")
    for lang in ("en", "kk"):
        w, e = mt[lang]["without"], mt[lang]["with"]
        for mode, r in (("without enforcement", w), ("with enforcement", e)):
            print(f"   {lang} {mode}: terms correct {r['correct']}/{r['terms']} = {r['accuracy']:.3f}; "
                  f"claimed correct {r['claimed_correct']}; unmet visible as fuzzy+note {r['unmet_visible']}; "
                  f"segments {r['segment_outcomes']}")


if __name__ == "__main__":
    main()
