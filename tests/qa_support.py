"""Helpers shared by the tests of translate_pipeline.review.qa."""
from __future__ import annotations

from translate_pipeline.review.qa.context import CheckContext
from translate_pipeline.review.qa.registry import all_checks


def problems(check: str, source: str, target: str, lang: str = "en", **context) -> list[str]:
    """Messages of one check for one sentence pair."""
    ctx = CheckContext(source_lang="ru", target_lang=lang, **context)
    return [p.message for p in all_checks()[check].func(source, target, ctx)]


def severities(check: str, source: str, target: str, lang: str = "en", **context) -> list[str | None]:
    ctx = CheckContext(source_lang="ru", target_lang=lang, **context)
    return [p.severity for p in all_checks()[check].func(source, target, ctx)]
