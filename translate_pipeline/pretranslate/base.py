"""Fill untranslated entries from pre-translation sources: TM first, then MT.

Only entries with an empty msgstr are touched, so nothing a translator wrote
can be overwritten.  All pending sentences of all articles for one language
are collected and handed to each source at once (identical sentences once),
because batch size is what makes MT fast.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

import polib

from translate_pipeline.catalog import annotations
from translate_pipeline.catalog.update import LangCatalog
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.pretranslate.suggestion import Suggestion


class SourceFailure(PipelineError):
    """A source that cannot run at all (its cluster is gone, a worker cannot load the model).

    Unlike a missing model for one pair (recorded in :class:`LangReport` while the
    catalogs are still written), this stops the run before anything is written.
    """


class SuggestionSource(Protocol):
    """A pre-translation source: proposes translations for a batch of sentences."""

    name: str

    def suggest(self, texts: list[str], source: str, target: str) -> list[Suggestion | None]:
        ...


@dataclass
class LangReport:
    lang: str
    pending: int = 0  # distinct untranslated sentences before pre-translation
    filled: Counter = field(default_factory=Counter)  # origin → distinct sentences filled
    problems: list[str] = field(default_factory=list)  # e.g. no MT model for the pair

    @property
    def left(self) -> int:
        return self.pending - sum(self.filled.values())


def apply_suggestion(entry: polib.POEntry, suggestion: Suggestion) -> None:
    """Write a suggestion into an untranslated entry, with its provenance."""
    if entry.msgstr:
        raise ValueError("pre-translation must never overwrite a translation")
    entry.msgstr = suggestion.text
    if suggestion.fuzzy and "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    annotations.put(entry, annotations.ORIGIN, suggestion.provenance)
    annotations.put(entry, annotations.MT_RAW, suggestion.raw_mt)
    # in the order the source gave them: a set's order changes with the process' hash seed,
    # and a re-run (which re-puts ``Terms``) would then move lines in a catalog it need not touch
    for key in dict.fromkeys(key for key, _ in suggestion.notes):
        annotations.put(entry, key, [value for k, value in suggestion.notes if k == key])


def pretranslate(
    catalogs: list[LangCatalog], sources: list[SuggestionSource], source_lang: str
) -> list[LangReport]:
    """Fill every catalog's pending entries, language by language."""
    reports = []
    for lang in dict.fromkeys(c.lang for c in catalogs):
        entries: dict[str, list[polib.POEntry]] = {}
        for catalog in catalogs:
            if catalog.lang == lang:
                for entry in catalog.pending():
                    entries.setdefault(entry.msgid, []).append(entry)
        report = LangReport(lang, pending=len(entries))
        for source in sources:
            texts = [text for text, group in entries.items() if not group[0].msgstr]
            if not texts:
                break
            try:
                suggestions = source.suggest(texts, source_lang, lang)
            except SourceFailure:
                raise
            except PipelineError as exc:
                report.problems.append(str(exc))
                continue
            for text, suggestion in zip(texts, suggestions):
                if suggestion is None:
                    continue
                for entry in entries[text]:
                    apply_suggestion(entry, suggestion)
                report.filled[suggestion.origin] += 1
        reports.append(report)
    return reports
