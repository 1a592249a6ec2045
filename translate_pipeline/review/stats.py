"""Progress per article × language: segments and words by state and by origin."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import polib

from translate_pipeline.catalog import annotations
from translate_pipeline.catalog.header import header_problems
from translate_pipeline.catalog.io import read_catalog
from translate_pipeline.catalog.state import EntryState, entry_state, has_translation
from translate_pipeline.core.project import language_catalogs
from translate_pipeline.core.settings import ProjectConfig

_WORD = re.compile(r"\w+(?:[-']\w+)*")

STATES = tuple(s.value for s in EntryState if s.live)
ORIGINS = ("human", "tm", "mt", "untranslated")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def entry_origin(entry: polib.POEntry) -> str:
    """Where the current msgstr came from, read from the ``Origin`` annotation."""
    if not has_translation(entry):
        return "untranslated"
    return annotations.origin_kind(entry) or "human"


@dataclass
class CatalogStats:
    article: str
    lang: str
    segments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("total",) + STATES, 0))
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("total",) + STATES, 0))
    origin_segments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORIGINS, 0))
    origin_words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORIGINS, 0))
    findings: dict[str, int] = field(default_factory=dict)  # QA severity → count
    header: list[str] = field(default_factory=list)  # what gettext tools would reject in the header

    @property
    def ready(self) -> bool:
        """Publishable: everything translated and reviewed, no QA error, a header gettext accepts."""
        return self.segments["translated"] == self.segments["total"] and not self.findings.get("error") and not self.header

    def as_dict(self) -> dict:
        return asdict(self) | {"ready": self.ready}


def catalog_stats(article: str, lang: str, catalog: polib.POFile) -> CatalogStats:
    stats = CatalogStats(article, lang)
    for entry in catalog:
        state = entry_state(entry)
        if not state.live:
            continue
        words = word_count(entry.msgid)
        state, origin = state.value, entry_origin(entry)
        for key in ("total", state):
            stats.segments[key] += 1
            stats.words[key] += words
        stats.origin_segments[origin] += 1
        stats.origin_words[origin] += words
    return stats


def project_stats(config: ProjectConfig, langs: list[str], articles: list[str] | None = None) -> list[CatalogStats]:
    """Stats for every catalog of ``langs`` (optionally only the named articles), with QA counts."""
    from translate_pipeline.review.qa import QARun, severity_counts

    qa = QARun(config)  # settings and glossary loaded once for every catalog
    result = []
    for lang, name, path in language_catalogs(config, langs, articles):
        catalog = read_catalog(path)
        row = catalog_stats(name, lang, catalog)
        row.findings = severity_counts(qa.catalog(catalog, name, lang))
        row.header = header_problems(catalog, lang)
        result.append(row)
    return result

