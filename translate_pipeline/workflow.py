"""The user-level jobs behind the CLI: extract, update, translate, stats and the MT cache.

Each job reads and validates all its input first, then takes the project
lock and writes; an error anywhere before the writes leaves every file as
it was.  ``translate_project`` is the ``translate`` command: it picks the
backend (this process or a Ray cluster) from :class:`TranslateOptions` and
the project's ``[mt] backend``, and checks ``--require-mt``.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import polib

from translate_pipeline.catalog.mt_state import MTState
from translate_pipeline.catalog.template import ArticleTemplate, read_template
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
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.project import po_path, pot_path, project_lock
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import Glossary, load_glossary
from translate_pipeline.mt.cache import CACHE_NAME, CacheStats, MTCache
from translate_pipeline.mt.settings import load_settings
from translate_pipeline.pretranslate.base import (
    LangReport,
    SuggestionSource,
    pretranslate,
)
from translate_pipeline.pretranslate.mt_source import MTSource
from translate_pipeline.pretranslate.terms import annotate_catalog
from translate_pipeline.pretranslate.tm_source import TMSource
from translate_pipeline.review.stats import CatalogStats, project_stats
from translate_pipeline.source.article import Article
from translate_pipeline.source.readers import ArticleFile, find_articles, open_article, open_articles
from translate_pipeline.tm import open_project_tm
from translate_pipeline.tm.store import WriteCounts


Progress = Callable[[Iterable], Iterable]  # wraps the article files as they are read (a progress bar)


@dataclass(frozen=True)
class TranslateOptions:
    """How one ``translate`` run goes: built once (by the CLI) from its options.

    ``backend`` None takes the project's ``[mt] backend``; ``ray_address`` None, ``[mt.ray] address``.
    ``show_progress`` None shows the MT progress bar only on a terminal.
    """

    use_tm: bool = True  # fill from the translation memory first
    use_mt: bool = True  # machine-translate what the TM cannot serve
    refresh_mt: bool = False  # also redo untouched MT drafts made by another route, model or glossary state
    require_mt: bool = False  # the run fails when a segment was left without MT (no model, engine failure)
    backend: str | None = None  # "local" | "ray"
    ray_address: str | None = None
    show_progress: bool | None = None


@dataclass
class JobResult:
    articles: list[Article | ArticleFile]
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    reports: list[LangReport] = field(default_factory=list)
    harvested: WriteCounts | None = None  # TM units added/updated from reviewed entries
    warnings: list[str] = field(default_factory=list)  # source warnings of articles no longer held (archive runs)
    without_mt: int = 0  # distinct segments MT failed on or had no model for (0 when MT was off)
    unmet: str | None = None  # why the run failed its own requirement (--require-mt), after writing
    notes: list[tuple[Path, int, str]] = field(default_factory=list)  # (article, line, note): source problems

    def source_warnings(self, shown: Callable[[Path], str]) -> list[str]:
        """``file:line: warning: …`` for every article's source problems, files as ``shown(path)`` prints them."""
        return [f"{shown(path)}:{line}: warning: {note}" for path, line, note in self.notes] + self.warnings


def read_templates(articles: list[Article | ArticleFile], config: ProjectConfig,
                   progress: Progress | None = None) -> list[ArticleTemplate]:
    """Every article read once (an :class:`ArticleFile` streamed) into its template entries; raises on a bad one."""
    return [read_template(article, config) for article in (progress(articles) if progress else articles)]


def _job(templates: list[ArticleTemplate]) -> JobResult:
    return JobResult([t.article for t in templates],
                     notes=[(t.article.path, line, note) for t in templates for line, note in t.notes])


def prepare(
    config: ProjectConfig, templates: list[ArticleTemplate], langs: list[str], glossary: Glossary | None = None,
    existing: dict[Path, polib.POFile | None] | None = None,
) -> tuple[list[LangCatalog], list[TemplateFile]]:
    """Templates and language catalogs built and merged in memory from the articles' template
    entries (:func:`read_templates`); nothing is written.

    Every check (malformed files, a catalog name taken by another article, the
    merge's nothing-lost check) runs here, so a failure leaves every file, and
    the translation memory, as it was.  ``glossary`` is the term base the
    caller already loaded (e.g. for MT); loaded here if not given.  ``existing``
    is what :func:`load_existing` returned, when the caller already read the files.
    """
    articles = [template.article for template in templates]
    if existing is None:
        existing = load_existing(config, articles, langs)
    for article in articles:
        for path in [pot_path(config, article.name)] + [po_path(config, lang, article.name) for lang in langs]:
            check_owner(config, article, existing[path], path)
    if langs and glossary is None:
        glossary = load_glossary(config)
    catalogs: list[LangCatalog] = []
    files: list[TemplateFile] = []
    for template in templates:
        article = template.article
        pot = build_template(config, article, template.entries, existing[pot_path(config, article.name)])
        files.append(pot)
        for lang in langs:
            po = po_path(config, lang, article.name)
            catalog = merge_catalog(config, article, template.entries, pot.pot, lang, po, existing[po])
            annotate_catalog(catalog.po, glossary, lang)  # "Terms: МИИР → MIID" for translators
            catalogs.append(catalog)
    return catalogs, files


def _write_all(templates: list[TemplateFile], catalogs: list[LangCatalog], result: JobResult) -> None:
    result.written.extend(t.path for t in templates if write_template(t))
    for catalog in catalogs:
        (result.written if write_catalog(catalog) else result.unchanged).append(catalog.path)


def extract(config: ProjectConfig, articles: list[Article | ArticleFile], progress: Progress | None = None) -> JobResult:
    """Write the POT templates (articles read first, :func:`read_templates`, ``progress`` wrapping them)."""
    templates = read_templates(articles, config, progress)
    result = _job(templates)
    with project_lock(config):
        _, files = prepare(config, templates, [])
        _write_all(files, [], result)
    return result


def update(config: ProjectConfig, articles: list[Article | ArticleFile], langs: list[str],
           progress: Progress | None = None) -> JobResult:
    """Templates plus merged language catalogs, no pre-translation."""
    templates = read_templates(articles, config, progress)
    result = _job(templates)
    with project_lock(config):
        catalogs, files = prepare(config, templates, langs)
        _write_all(files, catalogs, result)
    return result


def translate_project(config: ProjectConfig, paths: list[Path], langs: list[str],
                      options: TranslateOptions = TranslateOptions(), progress: Progress | None = None) -> JobResult:
    """The ``translate`` command: every article under ``paths`` (files or directories, relative to
    the project; none: ``articles_dir``) into ``langs``.

    With the Ray backend (``options.backend``, else ``[mt] backend``) and MT on, the archive is
    translated in chunks (:func:`translate_archive`), else in this process (:func:`translate`).
    Raises :class:`PipelineError`, before anything is read, for ``ray_address`` without the Ray backend
    and for ``refresh_mt`` with it.  ``result.without_mt`` counts the segments left without MT;
    with ``options.require_mt`` any such segment sets ``result.unmet`` (the catalogs are written all the same).
    """
    backend = options.backend or config.mt.backend
    if options.ray_address and backend != "ray":
        raise PipelineError('--ray-address needs the Ray backend (--backend ray or [mt] backend = "ray")')
    if backend == "ray" and options.use_mt:
        if options.refresh_mt:
            raise PipelineError("--refresh-mt runs on the local backend only (--backend local)")
        files = find_articles([config.root / path for path in (list(paths) or [config.articles_dir])])
        result = translate_archive(config, files, langs, options, progress=progress)
    else:
        result = translate(config, open_articles(config, paths), langs, options, progress=progress)
    if options.use_mt:
        result.without_mt = sum(report.without_mt for report in result.reports)
    if options.require_mt and result.without_mt:
        result.unmet = f"--require-mt: {result.without_mt} sentence(s) left without machine translation (see above)"
    return result


def translate(
    config: ProjectConfig,
    articles: list[Article | ArticleFile],
    langs: list[str],
    options: TranslateOptions = TranslateOptions(),
    *,
    sources: list[SuggestionSource] | None = None,
    progress: Progress | None = None,
) -> JobResult:
    """The main job: update the catalogs, then fill untranslated entries from the TM, then MT.

    The job builds its own suggestion sources: the project TM and MT steered by the glossary,
    behind the persistent MT cache (``[mt] cache``); ``sources`` replaces them (tests, other
    front ends).  The catalogs are read (each PO file once), checked and merged first; then
    every reviewed entry of the project is remembered in the TM (under the lock, so no other
    run is half-way through writing a catalog) and only then used.  ``options.refresh_mt`` also
    re-translates untouched MT drafts made by another route, model or glossary state
    (:func:`~translate_pipeline.pretranslate.base.pretranslate`).  Each report carries the
    language's MT route line.  The articles are read first (:func:`read_templates`, ``progress`` wrapping them).
    """
    templates = read_templates(articles, config, progress)
    result = _job(templates)
    glossary = load_glossary(config)
    with contextlib.ExitStack() as stack:
        tm = stack.enter_context(open_project_tm(config)) if options.use_tm and sources is None else None
        if sources is None:
            cache = None
            mt_settings = load_settings(config)
            if options.use_mt and mt_settings.table.cache:
                cache = stack.enter_context(MTCache(cache_path(config), mt_settings.cache_max_bytes))
            mt = MTSource(config, mt_settings, options.show_progress, glossary, cache) if options.use_mt else None
            sources = ([TMSource(tm)] if tm else []) + ([mt] if mt else [])
        refresh = next((s for s in sources if isinstance(s, MTSource)), None) if options.refresh_mt else None
        with project_lock(config):
            existing = load_existing(config, result.articles, langs)
            catalogs, files = prepare(config, templates, langs, glossary, existing)  # every check, nothing written
            if tm is not None:
                result.harvested = tm.harvest(existing).counts
            result.reports = pretranslate(catalogs, sources, config.source_lang, refresh)
            _write_all(files, catalogs, result)
    return result


def cache_path(config: ProjectConfig) -> Path:
    """The MT cache file: ``mt-cache.sqlite`` beside the TM (``[tm] path``)."""
    return config.tm_path.parent / CACHE_NAME


def check_articles(config: ProjectConfig, files: list[Path], progress: Progress | None = None) -> None:
    """Read every article once, streamed, and drop it: the checks of ``load_articles`` in bounded memory."""
    seen: dict[str, Path] = {}
    for path in progress(files) if progress else files:
        article = open_article(path, config.source_lang)
        for _ in article.segmented():
            pass
        if article.name in seen:
            raise PipelineError(f"article name {article.name!r} is also used by {seen[article.name]}", article.path)
        seen[article.name] = article.path


def translate_archive(
    config: ProjectConfig,
    files: list[Path],
    langs: list[str],
    options: TranslateOptions = TranslateOptions(),
    *,
    progress: Progress | None = None,
    sources: list[SuggestionSource] | None = None,
    chunk_articles: int | None = None,
) -> JobResult:
    """:func:`translate` over an archive with MT on a Ray cluster, ``[mt.ray] chunk_articles`` at a time.

    The sources are the project TM and :class:`~translate_pipeline.pretranslate.ray_source.RayMTSource`
    (``sources`` replaces them), behind the MT cache like :func:`translate`, so a killed run
    resumes from the batches that had returned; the Ray connection is made before anything is written.
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
    each report's ``pending`` adds up the chunks' distinct segments.  ``options.ray_address``
    is the cluster to join; ``options.refresh_mt`` does not apply (:func:`translate_project` refuses it).
    """
    from translate_pipeline.pretranslate.ray_source import RayMTSource

    settings = load_settings(config)
    chunk = chunk_articles or settings.table.ray.chunk_articles
    glossary = load_glossary(config)
    check_articles(config, files, progress)
    result = JobResult([])
    reports: dict[str, LangReport] = {}
    with contextlib.ExitStack() as stack:
        use_mt = options.use_mt and sources is None
        mt = RayMTSource(config, settings, glossary, options.show_progress, options.ray_address) if use_mt else None
        if mt is not None:
            mt.connect()  # no ray package, no cluster: stop before anything (the TM, the cache) is written
            if settings.table.cache:
                mt.suggestion_cache = stack.enter_context(MTCache(cache_path(config), settings.cache_max_bytes))
        tm = stack.enter_context(open_project_tm(config)) if options.use_tm and sources is None else None
        if sources is None:
            sources = ([TMSource(tm)] if tm else []) + ([mt] if mt else [])
        with project_lock(config):
            if tm is not None:
                result.harvested = tm.harvest().counts
            for start in range(0, len(files), chunk):
                articles = [open_article(path, config.source_lang) for path in files[start:start + chunk]]
                templates = read_templates(articles, config)
                result.warnings.extend(w for template in templates for w in template.warnings())
                catalogs, pots = prepare(config, templates, langs, glossary)
                for report in pretranslate(catalogs, sources, config.source_lang):
                    total = reports.setdefault(report.lang, LangReport(report.lang))
                    total.pending += report.pending
                    total.filled.update(report.filled)
                    total.route = report.route or total.route
                    total.failed.extend(report.failed)
                    total.problems.extend(p for p in report.problems if p not in total.problems)
                _write_all(pots, catalogs, result)
    result.reports = list(reports.values())
    return result


def stats(config: ProjectConfig, langs: list[str], articles: list[str] | None = None) -> list[CatalogStats]:
    """The ``stats`` report (:func:`~translate_pipeline.review.stats.project_stats`), stale MT drafts
    counted against what today's model and glossary would record (a language without a model: none stale).

    Raises :class:`PipelineError` when there is no catalog to count.
    """
    source = MTSource(config, glossary=load_glossary(config))
    no_model: set[str] = set()

    def today(lang: str, msgid: str) -> MTState | None:
        if lang in no_model:
            return None
        try:
            return source.state(msgid, config.source_lang, lang)
        except PipelineError:  # no model today: nothing could redo a draft
            no_model.add(lang)
            return None

    rows = project_stats(config, langs, articles, today)
    if not rows:
        what = f"for {', '.join(articles)} " if articles else ""
        raise PipelineError(f"no catalogs {what}for {', '.join(langs)} under {config.locales_dir}/ "
                            "(run translate first)")
    return rows


def cache_stats(config: ProjectConfig) -> tuple[Path, CacheStats | None]:
    """The MT cache file (:func:`cache_path`) and its entries and size; None when there is no cache yet."""
    path = cache_path(config)
    if not path.exists():
        return path, None
    with MTCache(path, load_settings(config).cache_max_bytes) as store:
        return path, store.stats()


@dataclass(frozen=True)
class CacheCleared:
    path: Path  # the MT cache file (:func:`cache_path`)
    existed: bool  # False: there was no cache yet, nothing done
    dropped: int = 0  # cached segment translations dropped
    unreadable: bool = False  # the file was no readable cache (damaged, something else): removed


def clear_cache(config: ProjectConfig) -> CacheCleared:
    """Drop every cached translation, under the project lock; a file that is no readable cache is
    removed, so the next run starts a fresh one."""
    path = cache_path(config)
    if not path.exists():
        return CacheCleared(path, existed=False)
    with project_lock(config):
        try:
            with MTCache(path) as store:
                return CacheCleared(path, existed=True, dropped=store.clear())
        except PipelineError:  # unreadable (damaged, not a cache): start afresh
            MTCache.remove(path)
            return CacheCleared(path, existed=True, unreadable=True)
