"""Feed the TM from translators' reviewed work in every catalog of the project.

Reviewed means what the whole pipeline means by it: a non-empty msgstr without
the ``fuzzy`` flag in a live (non-obsolete) entry.  Each article's catalog is
the origin of its units, so harvesting again is idempotent and a msgstr the
translator changed updates its unit instead of adding a second one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polib

from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.catalog.io import read_catalog
from translate_pipeline.core.project import catalog_langs, language_catalogs
from translate_pipeline.tm.store import NewUnit, TranslationMemory, WriteCounts


@dataclass
class HarvestReport:
    catalogs: int = 0
    counts: WriteCounts = field(default_factory=WriteCounts)


def reviewed_pairs(po: polib.POFile) -> list[tuple[str, str]]:
    """(msgid, msgstr) of the entries a translator has signed off."""
    return [
        (e.msgid, e.msgstr)
        for e in po
        if e.msgid and not e.msgid_plural and e.msgstr.strip() and not e.fuzzy and not e.obsolete
    ]


def harvest(tm: TranslationMemory, config: ProjectConfig) -> HarvestReport:
    """Remember every reviewed entry of every catalog, in one transaction.

    A malformed catalog stops the harvest with its file and line (see
    :func:`~translate_pipeline.catalog.io.read_catalog`) before anything is written.
    """
    report = HarvestReport()
    rows = []
    # Every language present counts, not only today's targets: reviewed work stays
    # useful if a language is dropped and added back.
    for lang, _name, path in language_catalogs(config, catalog_langs(config)):
        report.catalogs += 1
        rows += [
            (config.source_lang, lang, NewUnit(source=msgid, target=msgstr, origin=path.stem))
            for msgid, msgstr in reviewed_pairs(read_catalog(path))
        ]
    report.counts = tm.write_pairs(rows)
    return report
