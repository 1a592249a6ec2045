"""Connect the glossary subsystem to the ``glossary`` check.

The check needs only a *verifier*: ``(source, target, lang) -> list[str]``, one
message per unmet rule.  :func:`glossary_verifier` builds one from the
project's term base (``translate_pipeline.glossary.load_glossary``), whose
``Glossary.check`` returns per-concept outcomes with ``concept``, ``found``
and ``forbidden``; any other provider of that function shape plugs in too.
"""
from __future__ import annotations

from typing import Iterable

from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.review.qa.context import GlossaryVerifier


def describe(outcomes: Iterable, lang: str) -> list[str]:
    """Messages for the glossary outcomes that are not ok (term missing, forbidden variant used)."""
    messages = []
    for outcome in outcomes:
        concept = outcome.concept
        source_term = concept.preferred(concept.source_lang)
        wanted = concept.preferred(lang)
        if outcome.found is None:
            if concept.do_not_translate:
                messages.append(f"do-not-translate term {source_term!r} is not kept unchanged")
            else:
                messages.append(f"glossary term missing: {source_term} → {wanted}")
        for variant in outcome.forbidden:
            messages.append(f"forbidden variant {variant!r} used (glossary: {source_term} → {wanted})")
    return messages


def glossary_verifier(config: ProjectConfig) -> GlossaryVerifier | None:
    """The project's verifier, or None when its glossary has no terms."""
    from translate_pipeline.glossary import load_glossary

    glossary = load_glossary(config)
    if not len(glossary):
        return None
    return lambda source, target, lang: describe(glossary.check(source, target, lang), lang)
