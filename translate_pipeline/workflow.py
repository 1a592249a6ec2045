"""The user-level jobs behind the CLI: extract, update and translate.

Each job reads and validates all its input first, then takes the project
lock and writes; an error anywhere before the writes leaves every file as
it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from translate_pipeline.source.article import Article
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import Glossary
from translate_pipeline.pretranslate.base import LangReport, SuggestionSource, pretranslate
from translate_pipeline.core.project import project_lock
from translate_pipeline import source
from translate_pipeline.tm import ProjectTM
from translate_pipeline.tm.store import WriteCounts
from translate_pipeline.catalog.update import LangCatalog, prepare, write_catalog


@dataclass
class JobResult:
    articles: list[Article]
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    reports: list[LangReport] = field(default_factory=list)
    harvested: WriteCounts | None = None  # TM units added/updated from reviewed entries


def load_articles(
    config: ProjectConfig, paths: Iterable[Path | str], progress: Callable[[Iterable], Iterable] | None = None
) -> list[Article]:
    """Read every article named (directories walked; default: the project's ``articles_dir``).

    Relative paths are taken from the project directory, like ``git -C``; see
    :func:`translate_pipeline.source.readers.load_articles`.
    """
    return source.load_articles(config.root, list(paths) or [config.articles_dir], config.source_lang, progress)


def _write_all(catalogs: list[LangCatalog], result: JobResult) -> None:
    for catalog in catalogs:
        (result.written if write_catalog(catalog) else result.unchanged).append(catalog.path)


def extract(config: ProjectConfig, articles: list[Article]) -> JobResult:
    """Write the POT templates."""
    result = JobResult(articles)
    with project_lock(config):
        _, written = prepare(config, articles, [])
    result.written.extend(written)
    return result


def update(config: ProjectConfig, articles: list[Article], langs: list[str]) -> JobResult:
    """Templates plus merged language catalogs, no pre-translation."""
    result = JobResult(articles)
    with project_lock(config):
        catalogs, written = prepare(config, articles, langs)
        result.written.extend(written)
        _write_all(catalogs, result)
    return result


def translate(
    config: ProjectConfig,
    articles: list[Article],
    langs: list[str],
    sources: list[SuggestionSource],
    tm: ProjectTM | None = None,
    glossary: Glossary | None = None,
) -> JobResult:
    """The main job: update the catalogs, then fill untranslated entries from ``sources``.

    With ``tm``, every reviewed entry of the project is remembered first (under
    the lock, so no other run is half-way through writing a catalog).  ``glossary``
    is the term base the MT source steers by, reused for the ``Terms`` annotations.
    """
    result = JobResult(articles)
    with project_lock(config):
        if tm is not None:
            result.harvested = tm.harvest().counts
        catalogs, written = prepare(config, articles, langs, glossary)
        result.written.extend(written)
        result.reports = pretranslate(catalogs, sources, config.source_lang)
        _write_all(catalogs, result)
    return result
