"""Make MT obey the glossary without ever editing its output.

CTranslate2 has no constrained decoding, so enforcement works around the
model, batch by batch (one ``translate_batch`` call per step):

(a) ask for n-best hypotheses and take the best-scoring one that carries all
    the segment's terms;
(b) for segments where none does, re-translate with the missing source terms
    replaced by their target terms (code-switching: models tend to copy
    foreign words through) and re-check every term;
(c) otherwise keep the best hypothesis of (a) and say which terms are missing.

Output text is always a hypothesis as the engine produced it: substituting
strings into a translation would break Russian/Kazakh/English grammar
silently.  Every outcome is recorded in the suggestion's ``Glossary`` note.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from translate_pipeline.catalog.provenance import Key
from translate_pipeline.glossary.api import Glossary, format_terms
from translate_pipeline.glossary.source_match import Occurrence
from translate_pipeline.glossary.target_match import TermCheck, check_target
from translate_pipeline.glossary.termbase import Concept
from translate_pipeline.mt.engine import Engine, Hypothesis, ProgressFn
from translate_pipeline.pretranslate.suggestion import Suggestion, suggestion_from

SATISFIED = "satisfied"
CODE_SWITCH = "enforced (code-switch)"


@dataclass
class _Pending:
    text: str
    concepts: list[Concept]
    occurrences: list[Occurrence]
    hypotheses: list[Hypothesis]
    chosen: Hypothesis | None = None
    outcome: str = ""


def _all_ok(concepts: list[Concept], text: str, lang: str) -> bool:
    return all(check.ok for check in check_target(concepts, text, lang))


def _first_satisfying(concepts: list[Concept], hypotheses: list[Hypothesis], lang: str) -> int | None:
    """Index of the best-scoring hypothesis carrying every term; cut-off (truncated) ones last."""
    ranked = sorted(range(len(hypotheses)), key=lambda k: (hypotheses[k].truncated, -hypotheses[k].score))
    return next((k for k in ranked if not hypotheses[k].error and _all_ok(concepts, hypotheses[k].text, lang)), None)


_OPENERS = " \t«\"“„‘'(["


def code_switch(text: str, occurrences: list[Occurrence], concepts: list[Concept], lang: str) -> str:
    """``text`` with each occurrence of ``concepts`` replaced by its preferred ``lang`` term.

    A term that opens the sentence keeps the sentence's capital (``Акимат г. Алматы`` →
    ``Akimat г. Алматы``, not ``akimat``), unless its concept is case-sensitive.
    """
    wanted = {c.id for c in concepts}
    for occ in sorted(occurrences, key=lambda o: o.start, reverse=True):
        if occ.concept.id in wanted:
            term = occ.concept.preferred(lang)
            opens = not text[: occ.start].strip(_OPENERS) and text[occ.start:occ.start + 1].isupper()
            if opens and not occ.concept.case_sensitive and term[:1].islower():
                term = term[0].upper() + term[1:]
            text = text[: occ.start] + term + text[occ.end :]
    return text


def describe_missing(checks: list[TermCheck], source_lang: str, lang: str) -> str:
    """``missing: МИИР → MIID; forbidden: leading bridge (ведущий мост)``."""
    parts = []
    missing = [f"{c.concept.preferred(source_lang)} → {c.concept.preferred(lang)}" for c in checks if c.found is None]
    if missing:
        parts.append("missing: " + "; ".join(missing))
    banned = [f"{t} ({c.concept.preferred(source_lang)})" for c in checks for t in c.forbidden]
    if banned:
        parts.append("forbidden: " + "; ".join(banned))
    return "; ".join(parts)


def _translate_grouped(engine: Engine, texts: Sequence[str], n_bests: list[int],
                       progress: ProgressFn | None) -> list[list[Hypothesis]]:
    """One batch per distinct n-best (at most two), results in input order."""
    results: list[list[Hypothesis]] = [[] for _ in texts]
    for n in sorted(set(n_bests)):
        chosen = [i for i, k in enumerate(n_bests) if k == n]
        batch = engine.translate_batch([texts[i] for i in chosen], n_best=n, progress=progress)
        for i, hypotheses in zip(chosen, batch):
            results[i] = hypotheses
    return results


def enforce(
    engine: Engine, texts: Sequence[str], glossary: Glossary, n_best: int = 4, steer: bool = True,
    progress: ProgressFn | None = None,
) -> list[Suggestion | None]:
    """Translate ``texts`` with ``engine``, steering towards ``glossary``; one suggestion per text.

    With ``steer=False`` the engine's best hypothesis is kept as is, but the
    terms are still checked and reported, so unmet terms stay visible.
    ``progress`` counts the first pass only (each text once); code-switch retries are not progress.
    A segment the engine failed on gets a failed suggestion (unless its code-switched retry worked).
    """
    lang = engine.target
    if not steer:
        n_best = 1
    source_lang = glossary.termbase.source_lang
    concepts = [glossary.concepts(text, lang) for text in texts]
    # Alternatives only help a segment with terms to satisfy; through a pivot they multiply
    # the second leg's work, so segments without terms ask for one hypothesis.
    results = _translate_grouped(engine, texts, [n_best if c else 1 for c in concepts], progress)
    segments = [
        _Pending(text, found, glossary.find(text), list(hypotheses) or [Hypothesis("", float("-inf"))])
        for text, found, hypotheses in zip(texts, concepts, results)
    ]

    retry: list[tuple[_Pending, str]] = []
    for seg in segments:
        best = seg.hypotheses[0]
        k = _first_satisfying(seg.concepts, seg.hypotheses, lang) if seg.concepts else 0
        if k is not None:
            seg.chosen = seg.hypotheses[k]
            seg.outcome = SATISFIED if seg.chosen is best else f"enforced (n-best {k + 1} of {len(seg.hypotheses)})"
            continue
        unmet = [c.concept for c in check_target(seg.concepts, best.text, lang) if not c.ok]
        switched = code_switch(seg.text, seg.occurrences, unmet, lang)
        if steer and switched != seg.text:
            retry.append((seg, switched))

    if retry:
        second = engine.translate_batch([switched for _, switched in retry], n_best=n_best)
        for (seg, _), hypotheses in zip(retry, second):
            hypotheses = list(hypotheses)
            k = _first_satisfying(seg.concepts, hypotheses, lang)
            if k is not None:
                seg.chosen, seg.outcome = hypotheses[k], CODE_SWITCH

    for seg in segments:
        if seg.chosen is None:
            seg.chosen = seg.hypotheses[0]
            seg.outcome = describe_missing(check_target(seg.concepts, seg.chosen.text, lang), source_lang, lang)
    return [_suggestion(seg, engine, glossary, lang) for seg in segments]


def _suggestion(seg: _Pending, engine: Engine, glossary: Glossary, lang: str) -> Suggestion | None:
    if not seg.text.strip():
        return None  # nothing to translate: no suggestion, and no failure
    notes: tuple[tuple[Key, str], ...] = ()
    if seg.concepts:
        terms = format_terms(seg.concepts, glossary.termbase.source_lang, lang) or ""
        notes = ((Key.GLOSSARY, seg.outcome), (Key.TERMS, terms))
    return suggestion_from(engine, seg.chosen, notes)
