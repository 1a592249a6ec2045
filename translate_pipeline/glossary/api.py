"""The project's glossary as one object: what the translate command and the CLI use."""
from __future__ import annotations

import hashlib
import json
from functools import cached_property

from translate_pipeline.catalog.provenance import terms_value
from translate_pipeline.core.settings import GlossaryTable, ProjectConfig
from translate_pipeline.glossary.source_match import Occurrence, SourceMatcher
from translate_pipeline.glossary.target_match import TermCheck, check_target
from translate_pipeline.glossary.termbase import Concept, Termbase, load_dir


class Glossary:
    """A term base plus its source matcher (built once, on first use)."""

    def __init__(self, termbase: Termbase):
        self.termbase = termbase

    @cached_property
    def matcher(self) -> SourceMatcher:
        return SourceMatcher(self.termbase)

    def __len__(self) -> int:
        return len(self.termbase.concepts)

    def find(self, text: str) -> list[Occurrence]:
        """Every term occurrence in a source segment, with character spans."""
        return self.matcher.find(text) if self.termbase.concepts else []

    def concepts(self, text: str, lang: str | None = None) -> list[Concept]:
        """Distinct concepts of a segment; with ``lang``, only those that have a term in it."""
        seen: dict[str, Concept] = {}
        for occurrence in self.find(text):
            seen.setdefault(occurrence.concept.id, occurrence.concept)
        return [c for c in seen.values() if lang is None or c.accepted(lang)]

    def terms_note(self, text: str, lang: str) -> str | None:
        """The ``Terms`` annotation for a PO entry: ``МИИР → MIID; аким → akim`` (None if no terms)."""
        return format_terms(self.concepts(text, lang), self.termbase.source_lang, lang)

    def state(self, text: str, lang: str, settings: GlossaryTable | None = None) -> str:
        """A short hash of what the glossary asks of ``text`` in ``lang`` (its concepts' accepted and
        forbidden terms, and the enforcement settings): equal hashes, same constraints on the MT.
        ``-`` when it asks nothing (no term in the sentence): MT translates it as without a glossary."""
        wanted = sorted([c.id, list(c.accepted(lang)), list(c.forbidden.get(lang, ()))]
                        for c in self.concepts(text, lang))
        if not wanted:
            return "-"
        knobs = [settings.enforce, settings.n_best] if settings is not None else None
        blob = json.dumps([wanted, knobs], ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]

    def check(self, source: str, translation: str, lang: str) -> list[TermCheck]:
        """Which of the source's terms the translation carries (and which forbidden variants)."""
        return check_target(self.concepts(source, lang), translation, lang)


def format_terms(concepts: list[Concept], source_lang: str, lang: str) -> str | None:
    """The ``Terms`` value for ``concepts`` (:func:`~translate_pipeline.catalog.provenance.terms_value`)."""
    return terms_value((c.preferred(source_lang), c.preferred(lang)) for c in concepts if c.accepted(lang))


def load_glossary(config: ProjectConfig) -> Glossary:
    """Every CSV/TSV under the project's ``glossary/`` directory (empty if there is none)."""
    return Glossary(load_dir(config.glossary_path, config.source_lang))
