"""glossary: required terms present, do-not-translate kept, forbidden variants absent.

A thin adapter: the term logic lives in :mod:`translate_pipeline.glossary`; the
runner puts that subsystem's verifier into ``ctx.glossary``.
"""
from __future__ import annotations

from typing import Iterator

from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.finding import Problem
from translate_pipeline.review.qa.registry import register


@register("glossary", "error")
def check_glossary(source: str, target: str, ctx: CheckContext) -> Iterator[Problem]:
    """Each problem the glossary verifier reports for this sentence pair."""
    if ctx.glossary is None:
        return
    for message in ctx.glossary(source, target, ctx.target_lang):
        yield Problem(message)
