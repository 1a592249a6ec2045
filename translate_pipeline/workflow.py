"""The user-level jobs behind the CLI: extract, update and translate.

Each job reads and validates all its input first, then takes the project
lock and writes; an error anywhere before the writes leaves every file as
it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from translate_pipeline.catalog.template import template_entries
from translate_pipeline.catalog.update import (
    LangCatalog,
    TemplateFile,
    build_template,
    check_owner,
    load_existing,
    merge_catalog,
    write_catalog,
    write_template,
)
from translate_pipeline.core.project import po_path, pot_path, project_lock
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import Glossary, load_glossary
from translate_pipeline.pretranslate.base import (
    LangReport,
    SuggestionSource,
    pretranslate,
)
from translate_pipeline.pretranslate.terms import annotate_catalog
from translate_pipeline.source.article import Article
from translate_pipeline.tm import ProjectTM
from translate_pipeline.tm.store import WriteCounts


@dataclass
class JobResult:
    articles: list[Article]
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    reports: list[LangReport] = field(default_factory=list)
    harvested: WriteCounts | None = None  # TM units added/updated from reviewed entries


def prepare(
    config: ProjectConfig, articles: list[Article], langs: list[str], glossary: Glossary | None = None
) -> tuple[list[LangCatalog], list[TemplateFile]]:
    """Templates and language catalogs built and merged in memory; nothing is written.

    Every check (malformed files, a catalog name taken by another article, the
    merge's nothing-lost check) runs here, so a failure leaves every file, and
    the translation memory, as it was.  ``glossary`` is the term base the
    caller already loaded (e.g. for MT); loaded here if not given.
    """
    existing = load_existing(config, articles, langs)
    for article in articles:
        for path in [pot_path(config, article.name)] + [po_path(config, lang, article.name) for lang in langs]:
            check_owner(config, article, existing[path], path)
    if langs and glossary is None:
        glossary = load_glossary(config)
    catalogs: list[LangCatalog] = []
    templates: list[TemplateFile] = []
    for article in articles:
        template = template_entries(article, config)
        pot = build_template(config, article, template, existing[pot_path(config, article.name)])
        templates.append(pot)
        for lang in langs:
            po = po_path(config, lang, article.name)
            catalog = merge_catalog(config, article, template, pot.pot, lang, po, existing[po])
            annotate_catalog(catalog.po, glossary, lang)  # "Terms: МИИР → MIID" for translators
            catalogs.append(catalog)
    return catalogs, templates


def _write_all(templates: list[TemplateFile], catalogs: list[LangCatalog], result: JobResult) -> None:
    result.written.extend(t.path for t in templates if write_template(t))
    for catalog in catalogs:
        (result.written if write_catalog(catalog) else result.unchanged).append(catalog.path)


def extract(config: ProjectConfig, articles: list[Article]) -> JobResult:
    """Write the POT templates."""
    result = JobResult(articles)
    with project_lock(config):
        _, templates = prepare(config, articles, [])
        _write_all(templates, [], result)
    return result


def update(config: ProjectConfig, articles: list[Article], langs: list[str]) -> JobResult:
    """Templates plus merged language catalogs, no pre-translation."""
    result = JobResult(articles)
    with project_lock(config):
        catalogs, templates = prepare(config, articles, langs)
        _write_all(templates, catalogs, result)
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

    The catalogs are read, checked and merged first; then, with ``tm``, every
    reviewed entry of the project is remembered (under the lock, so no other
    run is half-way through writing a catalog) and only then used.  ``glossary``
    is the term base the MT source steers by, reused for the ``Terms`` annotations.
    """
    result = JobResult(articles)
    with project_lock(config):
        catalogs, templates = prepare(config, articles, langs, glossary)  # every check, nothing written
        if tm is not None:
            result.harvested = tm.harvest().counts
        result.reports = pretranslate(catalogs, sources, config.source_lang)
        _write_all(templates, catalogs, result)
    return result
