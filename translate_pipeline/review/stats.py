"""Progress per article × language: segments and words by state and by origin."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Callable

import polib

from translate_pipeline.catalog import annotations
from translate_pipeline.catalog.header import header_problems
from translate_pipeline.catalog.io import read_catalog
from translate_pipeline.catalog.mt_state import STALE, MTState, draft_status
from translate_pipeline.catalog.state import EntryState, entry_state, has_translation
from translate_pipeline.core.errors import PipelineError, attempt
from translate_pipeline.core.project import language_catalogs
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import load_glossary
from translate_pipeline.mt.engine import Engine
from translate_pipeline.mt.service import resolve_engine
from translate_pipeline.review.qa.finding import severity_counts
from translate_pipeline.review.readiness import Blocker, catalog_blockers

_WORD = re.compile(r"\w+(?:[-']\w+)*")

STATES = tuple(s.value for s in EntryState if s.live)
# What the current msgstr is: reviewed by a person (human), a machine suggestion (tm, mt — reviewed
# or not, by its Origin line), an unreviewed draft of unknown origin such as an old translation
# merged in as fuzzy after the sentence changed (draft), or nothing yet.
ORIGINS = ("human", "tm", "mt", "draft", "untranslated")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def entry_origin(entry: polib.POEntry) -> str:
    """What the current msgstr is (one of :data:`ORIGINS`), read from the ``Origin`` annotation.

    A fuzzy entry without an MT/TM origin is a ``draft``: nobody reviewed it, so it is
    not ``human`` work (merge drops the Origin line when it carries an old translation over).
    """
    if not has_translation(entry):
        return "untranslated"
    kind = annotations.provenance_kind(entry)
    if kind:
        return kind
    return "draft" if entry_state(entry) is EntryState.FUZZY else "human"


@dataclass
class CatalogStats:
    article: str
    lang: str
    segments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("total",) + STATES, 0))
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("total",) + STATES, 0))
    origin_segments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORIGINS, 0))
    origin_words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORIGINS, 0))
    findings: dict[str, int] = field(default_factory=dict)  # QA severity → count
    blockers: list[Blocker] = field(default_factory=list)  # what stops publishing (readiness.blockers)
    header: list[str] = field(default_factory=list)  # what gettext tools would reject in the header
    stale_mt: int = 0  # untouched MT drafts made by another route, model or glossary state (--refresh-mt redoes them)

    @property
    def ready(self) -> bool:
        """Publishable by the publish gate's default policy: no entry blocks (see :mod:`readiness`)
        and gettext tools accept the header."""
        return not self.blockers and not self.header

    def as_dict(self) -> dict:
        data = asdict(self)
        data["blockers"] = len(self.blockers)
        return data | {"ready": self.ready}


def catalog_stats(article: str, lang: str, catalog: polib.POFile, findings: list | None = None,
                  today: Callable[[str], MTState | None] | None = None) -> CatalogStats:
    """Counts for one catalog; ``findings`` (its QA findings) decide ``ready`` with the states;
    ``today(msgid)`` (the state a draft made now records) counts stale MT drafts."""
    stats = CatalogStats(article, lang)
    for entry in catalog:
        state = entry_state(entry)
        if not state.live:
            continue
        if today is not None and annotations.provenance_kind(entry) == "mt":
            stats.stale_mt += draft_status(entry, today(entry.msgid)) == STALE
        words = word_count(entry.msgid)
        state, origin = state.value, entry_origin(entry)
        for key in ("total", state):
            stats.segments[key] += 1
            stats.words[key] += words
        stats.origin_segments[origin] += 1
        stats.origin_words[origin] += words
    stats.blockers = catalog_blockers(catalog, findings or [])
    stats.header = header_problems(catalog, lang)
    if findings is not None:
        stats.findings = severity_counts(findings)
    return stats


def project_stats(config: ProjectConfig, langs: list[str], articles: list[str] | None = None,
                  problems: list[PipelineError] | None = None) -> list[CatalogStats]:
    """Stats for every catalog of ``langs`` (optionally only the named articles), with QA counts.

    A malformed catalog raises PipelineError (file:line); with ``problems`` it is appended
    there and left out, so one broken file does not hide the project's other rows.
    """
    from translate_pipeline.review.qa import QARun

    qa = QARun(config)  # settings and glossary loaded once for every catalog
    glossary, settings = load_glossary(config), config.glossary
    engines: dict[str, Engine | None] = {}

    def today(lang: str) -> Callable[[str], MTState | None]:
        if lang not in engines:
            try:
                engines[lang] = resolve_engine(config, config.source_lang, lang)
            except PipelineError:  # no model today: nothing could redo a draft
                engines[lang] = None
        engine = engines[lang]
        return lambda msgid: None if engine is None else MTState.of(
            engine.provenance, engine.identity, engine.decode_settings, glossary.state(msgid, lang, settings))

    result = []
    for lang, name, path in language_catalogs(config, langs, articles):
        catalog = attempt(problems, lambda: read_catalog(path))
        if catalog is None:
            continue
        result.append(catalog_stats(name, lang, catalog, qa.catalog(catalog, name, lang), today(lang)))
    return result

