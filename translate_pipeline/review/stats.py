"""Progress per article × language: segments and words by state and by origin, and how the
reviewed translations came about (:mod:`.postedit`).

Words are counted as Translate Toolkit's ``pocount`` counts them (``translate.tools.pocount.wordcount``:
the source text of msgid and msgid_plural, markup tags and numbers left out), so the figures
match what translators are paid by.  One difference in states: a plural entry counts as
translated only when every ``msgstr[n]`` has text (gettext's rule, see
:mod:`~translate_pipeline.catalog.state`), where pocount looks at ``msgstr[0]`` alone.
"""
from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field
from typing import Callable

import polib
from translate.tools.pocount import wordcount

from translate_pipeline.catalog.header import header_problems
from translate_pipeline.catalog.provenance_store import open_store, read_restored
from translate_pipeline.catalog.mt_state import MTState
from translate_pipeline.catalog.provenance import Origin
from translate_pipeline.catalog.state import Authorship, EntryState, MTDraft, entry_status
from translate_pipeline.core.errors import PipelineError, attempt
from translate_pipeline.core.project import language_catalogs
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.review.postedit import PostEditing, post_editing
from translate_pipeline.review.qa.finding import severity_counts
from translate_pipeline.review.readiness import Blocker, catalog_blockers

STATES = tuple(s.value for s in EntryState if s.live)
ORIGINS = tuple(a.value for a in Authorship)  # what the current msgstr is (catalog.state.Authorship)


def source_words(entry: polib.POEntry) -> int:
    """The entry's source words as pocount counts them: msgid and msgid_plural (see the module docstring)."""
    return sum(wordcount(text) for text in (entry.msgid, entry.msgid_plural) if text)


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
    post_editing: PostEditing = field(default_factory=PostEditing)  # the reviewed entries by how they came about
    restored: int = 0  # entries whose provenance lines another tool removed, read from the project's store

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
    counted = []
    for entry in catalog:
        status = entry_status(entry)
        if not status.state.live:
            continue
        if today is not None and status.origin is Origin.MT:
            stats.stale_mt += status.mt_draft(today(entry.msgid)) is MTDraft.STALE
        words = source_words(entry)
        counted.append((status, entry.msgstr, words))
        for key in ("total", status.state.value):
            stats.segments[key] += 1
            stats.words[key] += words
        stats.origin_segments[status.authorship.value] += 1
        stats.origin_words[status.authorship.value] += words
    stats.post_editing = post_editing(counted)
    stats.blockers = catalog_blockers(catalog, findings or [])
    stats.header = header_problems(catalog, lang)
    if findings is not None:
        stats.findings = severity_counts(findings)
    return stats


def project_stats(config: ProjectConfig, langs: list[str], articles: list[str] | None = None,
                  today: Callable[[str, str], MTState | None] | None = None,
                  problems: list[PipelineError] | None = None) -> list[CatalogStats]:
    """Stats for every catalog of ``langs`` (optionally only the named articles), with QA counts.

    Provenance lines another tool removed are read from the project's store (in memory; the
    catalogs are not written) and counted in ``restored``, with a QA warning.

    ``today(lang, msgid)`` is the state an MT draft of ``msgid`` made now would record (None: no
    model could redo it); with it, stale MT drafts are counted.  The caller owns the engines
    (``workflow.stats`` builds it from the MT source), so reading catalogs never loads a model here.
    A malformed catalog raises PipelineError (file:line); with ``problems`` it is appended
    there (with what to do) and left out, so one broken file does not hide the project's other rows.
    """
    from translate_pipeline.review.qa import QARun

    qa = QARun(config)  # settings and glossary loaded once for every catalog
    result = []
    with open_store(config, create=False) as store:
        for lang, name, path in language_catalogs(config, langs, articles):
            read = attempt(problems, lambda: read_restored(path, name, lang, store),
                           "its row is missing above: fix the file")
            if read is None:
                continue
            catalog, restored = read
            drafts = None if today is None else functools.partial(today, lang)
            row = catalog_stats(name, lang, catalog, qa.catalog(catalog, name, lang, restored), drafts)
            row.restored = restored.entries
            result.append(row)
    return result

