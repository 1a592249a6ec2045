"""Shape checks: as many sentences as the source, of a plausible length."""
from __future__ import annotations

from typing import Iterator

from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import Problem
from translate_pipeline.review.qa.registry import register
from translate_pipeline.source.segment import split_sentences

_OPENERS = "\"'«“„([–— "
MIN_RATIO_LENGTH = 30  # shorter sources (titles, names) vary too much to judge


def sentence_count(text: str, lang: str) -> int:
    """Sentences that start with a capital (after quotes, brackets or a dash).

    A piece starting in lower case or with a digit continues the previous
    sentence: splitters cut at abbreviations like ``Nov. 25`` or ``(est. 1976)``.
    """
    pieces = split_sentences(text, lang)
    return sum(1 for i, piece in enumerate(pieces) if i == 0 or piece.lstrip(_OPENERS)[:1].isupper())


@register("sentence-count", "warning")
def check_sentence_count(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """A sentence dropped, merged or split (MT often loses the second of two)."""
    s, t = sentence_count(source, ctx.source_lang), sentence_count(target, ctx.target_lang)
    if s != t:
        yield Problem(f"{t} sentence(s) in the target, {s} in the source")


@register("length-ratio", "warning")
def check_length_ratio(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """Target much shorter or longer than usual for the language pair: dropped or invented text."""
    s, t = len(" ".join(source.split())), len(" ".join(target.split()))
    if s < MIN_RATIO_LENGTH or not t:
        return
    low, high = ctx.ratio_bounds()
    ratio = t / s
    if ratio < low:
        yield Problem(f"the target is {ratio:.2f}× the source's length (expected ≥ {low:g} for {ctx.source_lang}→{ctx.target_lang}): text dropped?")
    elif ratio > high:
        yield Problem(f"the target is {ratio:.2f}× the source's length (expected ≤ {high:g} for {ctx.source_lang}→{ctx.target_lang}): text added?")
