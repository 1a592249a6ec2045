"""Feed the TM from translators' reviewed work in every catalog of the project.

Reviewed means what the whole pipeline means by it: a non-empty msgstr without
the ``fuzzy`` flag in a live (non-obsolete) entry.  Each article's catalog is
the origin of its units, so harvesting again is idempotent and a msgstr the
translator changed updates its unit instead of adding a second one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import polib

from translate_pipeline.catalog.io import read_catalog
from translate_pipeline.catalog.state import is_reviewed
from translate_pipeline.core.errors import PipelineError, attempt
from translate_pipeline.core.project import catalog_langs, language_catalogs
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.tm.store import NewUnit, TranslationMemory, WriteCounts


NOT_HARVESTED = "not harvested into the translation memory: fix the file"


@dataclass
class HarvestReport:
    catalogs: int = 0
    counts: WriteCounts = field(default_factory=WriteCounts)


def reviewed_pairs(po: polib.POFile) -> list[tuple[str, str]]:
    """(msgid, msgstr) of the entries a translator has signed off (a TM unit is one sentence: no plurals)."""
    return [(e.msgid, e.msgstr) for e in po if is_reviewed(e) and not e.msgid_plural and e.msgstr.strip()]


def harvest(tm: TranslationMemory, config: ProjectConfig,
            parsed: Mapping[Path, polib.POFile | None] | None = None,
            problems: list[PipelineError] | None = None, hint: str = NOT_HARVESTED) -> HarvestReport:
    """Remember every reviewed entry of every catalog, in one transaction.

    Catalogs in ``parsed`` (path → as read by the caller) are not read again: a run parses
    each PO file once.

    A malformed catalog stops the harvest with its file and line (see
    :func:`~translate_pipeline.catalog.io.read_catalog`) before anything is written; with
    ``problems`` it is appended there with ``hint`` (what to do) and left out,
    and the rest is harvested: its units from earlier harvests stay as they are.
    """
    report = HarvestReport()
    rows = []
    # Every language present counts, not only today's targets: reviewed work stays
    # useful if a language is dropped and added back.
    for lang, _name, path in language_catalogs(config, catalog_langs(config)):
        po = attempt(problems, lambda: _parsed(path, parsed), hint)
        if po is None:
            continue
        report.catalogs += 1
        rows += [
            (config.source_lang, lang, NewUnit(source=msgid, target=msgstr, origin=path.stem))
            for msgid, msgstr in reviewed_pairs(po)
        ]
    report.counts = tm.write_pairs(rows)
    return report


def _parsed(path: Path, parsed: Mapping[Path, polib.POFile | None] | None) -> polib.POFile:
    po = parsed.get(path) if parsed else None
    return po if po is not None else read_catalog(path)
