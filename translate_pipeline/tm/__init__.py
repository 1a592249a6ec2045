"""Translation memory: reviewed translations remembered in the project, reused before MT.

The pipeline talks to :class:`ProjectTM`; the modules behind it each do one job
(``store`` SQLite units, ``harvest`` from PO catalogs, ``lookup`` exact/fuzzy
matching, ``index`` candidate retrieval, ``tmx`` exchange with other tools).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping, Sequence

import polib

from translate_pipeline.core.database import Closing
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import ProjectConfig, TMTable
from translate_pipeline.tm.harvest import NOT_HARVESTED, HarvestReport, harvest
from translate_pipeline.tm.lookup import Lookup, Match, Proposal
from translate_pipeline.tm.store import PairStats, TranslationMemory
from translate_pipeline.tm.tmx import ImportReport, TMXExport, export_tmx, import_tmx, read_tmx, tmx_export

__all__ = ["ProjectTM", "Proposal", "open_project_tm", "import_project_tmx", "HarvestReport", "ImportReport", "Match", "PairStats",
           "NOT_HARVESTED", "TMXExport"]


class ProjectTM(Closing):
    """The project's TM: harvest, look up, exchange TMX, count.

    Pre-translation reaches it through :class:`translate_pipeline.pretranslate.tm_source.TMSource`.
    ``settings`` is the project's ``[tm]`` table, ``path`` the database.
    """

    def __init__(self, config: ProjectConfig, store: TranslationMemory):
        self.config = config
        self.settings: TMTable = config.tm
        self.path = config.tm_path
        self.store = store
        self._lookup = Lookup(store, config.tm)

    def harvest(self, parsed: Mapping[Path, polib.POFile | None] | None = None,
                problems: list[PipelineError] | None = None, hint: str = NOT_HARVESTED) -> HarvestReport:
        """Remember every reviewed entry of the project (``parsed``: catalogs the caller already read;
        ``problems``: where malformed catalogs go, with ``hint``, instead of stopping the harvest)."""
        return harvest(self.store, self.config, parsed, problems, hint)

    def lookup(self, text: str, source_lang: str, target_lang: str) -> Proposal | None:
        return self._lookup.lookup(text, source_lang, target_lang)

    def lookup_many(self, texts: Sequence[str], source_lang: str, target_lang: str) -> list[Proposal | None]:
        """One suggestion or None per text, same order: exact match, else best fuzzy ≥ threshold."""
        return self._lookup.lookup_many(texts, source_lang, target_lang)

    def matches(self, text: str, source_lang: str, target_lang: str, k: int | None = None) -> list[Match]:
        """Top-k matches with scores, best first (for tools that show alternatives)."""
        return self._lookup.matches(text, source_lang, target_lang, k)

    def import_tmx(self, path: Path | str, file_source: str | None = None) -> ImportReport:
        """Add a TMX file's translations (``file_source``: the code its source segments carry, when
        not the project's source language; see :func:`~.tmx.read_tmx`)."""
        return import_tmx(self.store, path, self.config.source_lang, file_source)

    def export_tmx(self, path: Path | str, target_langs: Iterable[str] | None = None) -> int:
        return export_tmx(self.store, path, self.config.source_lang, target_langs)

    def tmx_export(self, target_langs: Iterable[str] | None = None) -> TMXExport:
        """The TMX file's bytes and unit count (``tm export -`` writes them to standard output)."""
        return tmx_export(self.store, self.config.source_lang, target_langs)

    def stats(self) -> list[PairStats]:
        return self.store.stats()

    def close(self) -> None:
        self.store.close()


def open_project_tm(config: ProjectConfig, create: bool = True) -> ProjectTM:
    """Open (creating if needed) the TM at ``[tm] path`` (default ``tm/memory.sqlite``); with ``create``
    False (commands that only read it) an empty one in memory when there is no file yet
    (:meth:`~.store.TranslationMemory.empty`), so reading never creates files."""
    if not create and not config.tm_path.exists():
        return ProjectTM(config, TranslationMemory.empty(config.tm_path))
    return ProjectTM(config, TranslationMemory.open(config.tm_path))


def import_project_tmx(config: ProjectConfig, path: Path | str, file_source: str | None = None) -> ImportReport:
    """The ``tm import`` job: the TMX file read and checked first (all or nothing, :func:`~.tmx.read_tmx`),
    then its units added to the project's TM in one transaction; a file that cannot be read leaves
    no new TM file behind."""
    units, report = read_tmx(Path(path), config.source_lang, file_source)
    with open_project_tm(config) as tm:
        report.counts = tm.store.write_pairs((config.source_lang, lang, unit) for lang, unit in units)
    return report
