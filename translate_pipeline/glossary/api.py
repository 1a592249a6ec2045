"""The project's glossary as one object: what the translate command and the CLI use."""
from __future__ import annotations

from functools import cached_property

from translate_pipeline.core.settings import ProjectConfig
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

    def check(self, source: str, translation: str, lang: str) -> list[TermCheck]:
        """Which of the source's terms the translation carries (and which forbidden variants)."""
        return check_target(self.concepts(source, lang), translation, lang)


def format_terms(concepts: list[Concept], source_lang: str, lang: str) -> str | None:
    pairs = [f"{c.preferred(source_lang)} → {c.preferred(lang)}" for c in concepts if c.accepted(lang)]
    return "; ".join(pairs) or None


def load_glossary(config: ProjectConfig) -> Glossary:
    """Every CSV/TSV under the project's ``glossary/`` directory (empty if there is none)."""
    return Glossary(load_dir(config.glossary_path, config.source_lang))
