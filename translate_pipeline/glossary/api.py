"""The project's glossary as one object: what the translate command and the CLI use."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.core.errors import PipelineError
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


@dataclass(frozen=True)
class GlossarySettings:
    """``[glossary]`` in translate-pipeline.toml."""

    enforce: bool = True  # steer MT towards the glossary (n-best, then code-switching)
    n_best: int = 4  # hypotheses requested per segment in the first step


def load_glossary(config: ProjectConfig) -> Glossary:
    """Every CSV/TSV under the project's ``glossary/`` directory (empty if there is none)."""
    return Glossary(load_dir(config.glossary_path, config.source_lang))


def glossary_settings(config: ProjectConfig) -> GlossarySettings:
    raw = config.section("glossary", ("enforce", "n_best"))
    where = config.config_path
    settings = GlossarySettings()
    enforce = raw.get("enforce", settings.enforce)
    n_best = raw.get("n_best", settings.n_best)
    if not isinstance(enforce, bool):
        raise PipelineError("[glossary] enforce must be true or false", where)
    if not isinstance(n_best, int) or isinstance(n_best, bool) or not 1 <= n_best <= 32:
        raise PipelineError("[glossary] n_best must be an integer from 1 to 32", where)
    return GlossarySettings(enforce, n_best)
