"""numbers: every number of the source, in the target locale's notation."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from translate_pipeline.core.langs import Tag
from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.dates import describe, find_moments, mask, same
from translate_pipeline.review.qa.finding import Problem
from translate_pipeline.review.qa.numbers import (
    extract_numbers,
    format_number,
    spelled_out,
)
from translate_pipeline.review.qa.registry import register

SMALL = Decimal(10)  # up to ten a number may be spelled out, in either direction


@register("numbers", "error")
def check_numbers(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """Numbers, years, percentages, ranges, scaled amounts (2,5 тысяч = 2,500), dates and times carried over.

    Dates and clock times are compared as values (``12.03.1985`` = "12 March 1985",
    ``в 15.00`` = "at 3 p.m."; :mod:`translate_pipeline.review.qa.dates`), and their digits
    are not read again as numbers.
    """
    src_moments, tgt_moments = find_moments(source, ctx.source_lang), find_moments(target, ctx.target_lang)
    for moment in src_moments:
        if not any(same(moment, other) for other in tgt_moments):
            yield Problem(f"{moment.kind} {moment.text!r} is missing in the target "
                          f"(expected {describe(moment, ctx.target_lang)})")
    source, target = mask(source, src_moments), mask(target, tgt_moments)
    src = extract_numbers(source, ctx.source_lang, (ctx.source_lang, "en"))
    tgt = extract_numbers(target, ctx.target_lang, (ctx.source_lang, "en"))
    present = {(v, n.percent) for n in tgt if n.valid for v in n.values}
    bare = {v for n in tgt if n.valid for v in n.values}
    misnotated = {v for n in tgt if not n.valid for v in n.values}

    language = Tag.parse(ctx.target_lang).display_name()
    for n in tgt:
        if not n.valid:
            hint = f"; {language} writes {format_number(n.raw, ctx.target_lang)!r}" if n.raw is not None else ""
            token = target[n.start : n.end].split()[0]
            yield Problem(f"{token!r} is not {language} number notation{hint}")

    for n in src:
        if not n.values or any((v, n.percent) in present for v in n.values):
            continue
        if any(v in misnotated for v in n.values):
            continue  # already reported as a notation problem
        if any(v in bare for v in n.values):
            yield Problem(f"{n.text!r}: the target has the number but not as a percentage")
            continue
        if not n.percent and n.raw <= SMALL and n.values == {n.raw} and spelled_out(n.raw, target, ctx.target_lang):
            continue
        plain = n.values == {n.raw} and n.raw == n.raw.to_integral_value() and n.text.isdigit()
        expected = " or ".join(format_number(v, ctx.target_lang, grouped=not plain) for v in sorted(n.values))
        yield Problem(f"number {n.text!r} is missing in the target (expected {expected})")

    source_values = {v for n in src for v in n.values}
    for n in tgt:
        if n.valid and n.values and not (n.values & source_values):
            if n.raw <= SMALL and n.values == {n.raw} and n.raw == n.raw.to_integral_value():
                continue  # likely a spelled-out source number (три → 3)
            yield Problem(f"number {n.text!r} in the target is not in the source", "warning")
