"""The user-level jobs behind the CLI: extract, update and translate.

Each job reads and validates all its input first, then takes the project
lock and writes; an error anywhere before the writes leaves every file as
it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from translate_pipeline.catalog.template import source_warnings, template_entries
from translate_pipeline.catalog.update import (
    LangCatalog,
    Template,
    build_template,
    load_existing,
    merge_catalog,
    write_catalog,
)
from translate_pipeline.core.project import po_path, pot_path, project_lock
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import Glossary, load_glossary
from translate_pipeline.pretranslate.base import (
    LangReport,
    SuggestionSource,
    pretranslate,
)
from translate_pipeline.pretranslate.terms import annotate_catalog
from translate_pipeline.source.article import Article
from translate_pipeline.source.readers import read_article
from translate_pipeline.tm import ProjectTM
from translate_pipeline.tm.store import WriteCounts


@dataclass
class JobResult:
    articles: list[Article]
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    reports: list[LangReport] = field(default_factory=list)
    harvested: WriteCounts | None = None  # TM units added/updated from reviewed entries
    warnings: list[str] = field(default_factory=list)  # source warnings of articles no longer held (archive runs)


def merge_all(
    config: ProjectConfig, articles: list[Article], langs: list[str], glossary: Glossary | None = None
) -> tuple[list[LangCatalog], list[Template]]:
    """Templates built and language catalogs merged, all in memory; nothing is written.

    ``glossary`` is the term base the caller already loaded (e.g. for MT); loaded here if not given.
    """
    existing = load_existing(config, articles, langs)
    if langs and glossary is None:
        glossary = load_glossary(config)
    catalogs: list[LangCatalog] = []
    templates: list[Template] = []
    for article in articles:
        entries = template_entries(article, config)
        template = build_template(config, article, entries, existing[pot_path(config, article.name)])
        templates.append(template)
        for lang in langs:
            po = po_path(config, lang, article.name)
            catalog = merge_catalog(config, article, entries, template.pot, lang, po, existing[po])
            annotate_catalog(catalog.po, glossary, lang)  # "Terms: МИИР → MIID" for translators
            catalogs.append(catalog)
    return catalogs, templates


def prepare(
    config: ProjectConfig, articles: list[Article], langs: list[str], glossary: Glossary | None = None
) -> tuple[list[LangCatalog], list[Path]]:
    """Templates written, language catalogs merged in memory; returns them and the written POTs."""
    catalogs, templates = merge_all(config, articles, langs, glossary)
    return catalogs, [template.path for template in templates if template.write()]


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


def check_articles(config: ProjectConfig, files: list[Path],
                   progress: Callable[[Iterable], Iterable] | None = None) -> None:
    """Read every article once and drop it: the validation of :func:`load_articles` in bounded memory."""
    seen: dict[str, Path] = {}
    for path in progress(files) if progress else files:
        article = read_article(path, config.source_lang)
        if article.name in seen:
            raise PipelineError(f"article name {article.name!r} is also used by {seen[article.name]}", article.path)
        seen[article.name] = article.path


def translate_archive(
    config: ProjectConfig,
    files: list[Path],
    langs: list[str],
    sources: list[SuggestionSource],
    tm: ProjectTM | None = None,
    glossary: Glossary | None = None,
    chunk_articles: int = 1000,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> JobResult:
    """:func:`translate` over an archive in chunks of ``chunk_articles`` articles: bounded memory.

    Every article file is read once up front (a bad one stops the run with nothing
    written); then, under the lock, each chunk is read again, merged, pre-translated
    and written before the next one is read, so the process holds one chunk's
    catalogs and suggestions however large the archive.  A chunk's templates and
    catalogs are written only after its pre-translation, so a source that fails
    (:class:`~translate_pipeline.pretranslate.base.SourceFailure`, e.g. the Ray
    cluster) leaves that chunk's files as they were; chunks already written are
    complete (atomic writes), and a re-run goes on after them because their entries
    are no longer pending.  Segments repeated across chunks are translated once per
    chunk.  ``result.articles`` stays empty (their source warnings are in ``warnings``);
    each report's ``pending`` adds up the chunks' distinct segments.
    """
    check_articles(config, files, progress)
    result = JobResult([])
    reports: dict[str, LangReport] = {}
    with project_lock(config):
        if tm is not None:
            result.harvested = tm.harvest().counts
        for start in range(0, len(files), chunk_articles):
            articles = [read_article(path, config.source_lang) for path in files[start:start + chunk_articles]]
            result.warnings.extend(w for article in articles for w in source_warnings(article))
            catalogs, templates = merge_all(config, articles, langs, glossary)
            for report in pretranslate(catalogs, sources, config.source_lang):
                total = reports.setdefault(report.lang, LangReport(report.lang))
                total.pending += report.pending
                total.filled.update(report.filled)
                total.problems.extend(p for p in report.problems if p not in total.problems)
            result.written.extend(template.path for template in templates if template.write())
            _write_all(catalogs, result)
    result.reports = list(reports.values())
    return result
