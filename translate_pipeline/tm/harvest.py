"""Feed the TM from translators' reviewed work in every catalog of the project.

Reviewed means what the whole pipeline means by it: a non-empty msgstr without
the ``fuzzy`` flag in a live (non-obsolete) entry.  Each article's catalog is
the origin of its units, so harvesting again is idempotent and a msgstr the
translator changed updates its unit instead of adding a second one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate_pipeline.config import ProjectConfig
from translate_pipeline.po_files import read_catalog
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


def project_catalogs(config: ProjectConfig) -> list[tuple[str, Path]]:
    """(target language, PO path) for ``locales/<lang>/LC_MESSAGES/*.po``, sorted.

    Every language present counts, not only today's ``target_langs``: reviewed
    work stays useful if a language is dropped and added back.  A catalog in the
    source language (e.g. a proofreading copy) is no translation and is skipped.
    """
    if not config.locales_path.is_dir():
        return []
    return sorted(
        (lang_dir.name, po)
        for lang_dir in config.locales_path.iterdir()
        if lang_dir.is_dir() and lang_dir.name != config.source_lang
        for po in (lang_dir / "LC_MESSAGES").glob("*.po")
    )


def harvest(tm: TranslationMemory, config: ProjectConfig) -> HarvestReport:
    """Remember every reviewed entry of every catalog, in one transaction.

    A malformed catalog stops the harvest with its file and line (see
    :func:`~translate_pipeline.po_files.read_catalog`) before anything is written.
    """
    report = HarvestReport()
    rows = []
    for lang, path in project_catalogs(config):
        report.catalogs += 1
        rows += [
            (config.source_lang, lang, NewUnit(source=msgid, target=msgstr, origin=path.stem))
            for msgid, msgstr in reviewed_pairs(read_catalog(path))
        ]
    report.counts = tm.write_pairs(rows)
    return report
