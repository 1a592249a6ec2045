"""The user-level jobs behind the CLI: extract, update, translate, stats and the MT cache.

Each job reads and validates all its input first, then takes the project
lock and writes; an error anywhere before the writes leaves every file as
it was.  ``translate_project`` is the ``translate`` command: it picks the
backend (this process or a Ray cluster) from :class:`TranslateOptions` and
the project's ``[mt] backend``, and checks ``--require-mt``.
"""
from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

import polib

from translate_pipeline.catalog.mt_state import MTState
from translate_pipeline.catalog.provenance_store import ProvenanceStore, Restored, open_store
from translate_pipeline.catalog.template import ArticleTemplate, read_template, reference_path
from translate_pipeline.catalog.update import (
    LangCatalog,
    TemplateFile,
    build_template,
    check_owner,
    load_existing,
    merge_catalog,
    settle_catalog,
    write_catalog,
    write_template,
)
from translate_pipeline.core.errors import PipelineError, attempt
from translate_pipeline.core.project import po_path, pot_path, project_lock, require_catalogs
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.glossary import Glossary, load_glossary
from translate_pipeline.mt import cache as mt_cache
from translate_pipeline.mt.cache import CACHE_NAME, CacheStats, MTCache
from translate_pipeline.mt.service import NoModelError
from translate_pipeline.mt.settings import load_settings
from translate_pipeline.pretranslate.base import (
    LangReport,
    SuggestionSource,
    pretranslate,
    why_left,
)
from translate_pipeline.pretranslate.mt_source import MTSource
from translate_pipeline.pretranslate.terms import annotate_catalog
from translate_pipeline.pretranslate.tm_source import TMSource
from translate_pipeline.review.stats import CatalogStats, project_stats
from translate_pipeline.source.article import Article
from translate_pipeline.source.readers import (
    ArticleFile,
    article_paths,
    find_articles,
    load_articles,
    open_article,
    open_articles,
    unique_names,
)
from translate_pipeline.tm import NOT_HARVESTED, open_project_tm
from translate_pipeline.tm.store import WriteCounts


Progress = Callable[[Iterable], Iterable]  # wraps the articles as they are read (a progress bar)


@dataclass(frozen=True)
class TranslateOptions:
    """How one ``translate`` run goes: built once (by the CLI) from its options.

    ``backend`` None takes the project's ``[mt] backend``; ``ray_address`` None, ``[mt.ray] address``.
    ``show_progress`` None shows the MT progress bar only on a terminal.  ``keep_going``: a bad
    article file (or one whose catalogs cannot be merged) is reported in ``JobResult.problems``
    and skipped, everything else is done; False stops at the first with nothing written; None
    (the default) decides by :func:`keeps_going`.
    """

    use_tm: bool = True  # fill from the translation memory first
    use_mt: bool = True  # machine-translate what the TM cannot serve
    refresh_mt: bool = False  # also redo untouched MT drafts made by another route, model or glossary state
    require_mt: bool = False  # the run fails when a segment was left without MT (no model, engine failure)
    backend: str | None = None  # "local" | "ray"
    ray_address: str | None = None
    show_progress: bool | None = None
    keep_going: bool | None = None


@dataclass
class JobResult:
    articles: list[Article | ArticleFile]  # those read (a bad one skipped with --keep-going is not)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    reports: list[LangReport] = field(default_factory=list)
    harvested: WriteCounts | None = None  # TM units added/updated from reviewed entries
    warnings: list[str] = field(default_factory=list)  # source warnings of articles no longer held (archive runs)
    restored: list[tuple[Path, Restored]] = field(default_factory=list)  # catalogs whose provenance came back
    without_mt: int = 0  # distinct segments MT failed on or had no model for (0 when MT was off)
    unmet: str | None = None  # why the run failed its own requirement (--require-mt), after writing
    # Malformed catalogs: each blocked only its own article (or its TM harvest); the rest was done.
    # With keep_going, also the article files that could not be read or merged (skipped).
    problems: list[PipelineError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step: read, merge, pre-translate, write
    done: int = 0  # articles whose template and catalogs were written (or found unchanged)
    notes: list[tuple[Path, int, str]] = field(default_factory=list)  # (article, line, note): source problems

    @contextlib.contextmanager
    def timed(self, step: str):
        """Add the seconds spent inside to ``timings[step]``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - start

    def source_warnings(self, shown: Callable[[Path], str]) -> list[str]:
        """``file:line: …`` for every article's source problems, files as ``shown(path)`` prints them."""
        return [f"{shown(path)}:{line}: {note}" for path, line, note in self.notes] + self.warnings


def read_templates(config: ProjectConfig, articles: list[Article | ArticleFile], result: JobResult,
                   keep_going: bool | None, progress: Progress | None = None) -> list[ArticleTemplate]:
    """Every article read once (an :class:`ArticleFile` streamed) into its template entries
    (:func:`~translate_pipeline.catalog.template.read_template`), ``progress`` wrapping them; the
    articles and their source notes are recorded in ``result``.  A bad article raises; with
    ``keep_going`` it goes to ``result.problems`` and is left out."""
    problems = _skipped(result, keep_going)
    read = (attempt(problems, lambda: read_template(article, config))
            for article in (progress(articles) if progress else articles))
    templates = [template for template in read if template is not None]
    result.articles.extend(template.article for template in templates)
    result.notes.extend((t.article.path, line, note) for t in templates for line, note in t.notes)
    return templates


def prepare(
    config: ProjectConfig, templates: list[ArticleTemplate], langs: list[str], glossary: Glossary | None = None,
    existing: dict[Path, polib.POFile | None] | None = None, store: ProvenanceStore | None = None,
    problems: list[PipelineError] | None = None, final: bool = False,
) -> tuple[list[LangCatalog], list[TemplateFile]]:
    """Templates and language catalogs built and merged in memory from the articles' template entries
    (:func:`read_templates`); nothing is written.

    Every check (malformed files, a catalog name taken by another article, the
    merge's nothing-lost check) runs here, so a failure leaves every file, and
    the translation memory, as it was.  With ``problems`` (``--keep-going``) an
    article that fails one is appended there and left out; the others go on.
    ``glossary`` is the term base the caller already loaded (e.g. for MT); loaded
    here if not given.  ``existing`` is what :func:`load_existing` returned, when
    the caller already read the files.  With the project's provenance ``store``, lines
    another tool removed are written back in the merged catalogs (each catalog's
    ``restored`` says how many).

    Memory: each file as read is let go of once it is no longer needed (taken out of ``existing``):
    a template as soon as the new one is compared with it; with ``final`` (nothing changes the
    catalogs before they are written: no pre-translation) a language catalog as soon as it is
    merged, and kept (in ``LangCatalog.old``) only when the merged one differs and must replace it
    (:func:`~translate_pipeline.catalog.update.settle_catalog`).  Without ``final`` the
    language catalogs stay in ``existing`` for the caller (the TM harvest).
    """
    if existing is None:
        existing = load_existing(config, [template.article for template in templates], langs)
    if problems is None:  # all checked before any article is built
        for template in templates:
            _check_owners(config, template.article, langs, existing)
    if langs and glossary is None:
        glossary = load_glossary(config)
    catalogs: list[LangCatalog] = []
    files: list[TemplateFile] = []

    def build(template: ArticleTemplate) -> tuple[TemplateFile, list[LangCatalog]]:
        article = template.article
        _check_owners(config, article, langs, existing)
        pot = build_template(config, article, template.entries, existing.pop(pot_path(config, article.name)))
        merged = []
        for lang in langs:
            po = po_path(config, lang, article.name)
            records = store.records(article.name, lang) if store is not None else None
            old = existing.pop(po) if final else existing[po]
            catalog = merge_catalog(config, article, template.entries, pot.created, lang, po, old, records)
            annotate_catalog(catalog.po, glossary, lang)  # "Terms: МИИР → MIID" for translators
            if final:
                settle_catalog(catalog)
            merged.append(catalog)
        return pot, merged

    for template in templates:
        built = attempt(problems, lambda: build(template), f"article {template.article.name!r} skipped")
        if built is not None:
            files.append(built[0])
            catalogs.extend(built[1])
    return catalogs, files


def _check_owners(config: ProjectConfig, article: Article | ArticleFile, langs: list[str],
                  existing: dict[Path, polib.POFile | None]) -> None:
    for path in [pot_path(config, article.name)] + [po_path(config, lang, article.name) for lang in langs]:
        check_owner(config, article, existing[path], path)


def readable(config: ProjectConfig, templates: list[ArticleTemplate], langs: list[str],
             result: JobResult) -> tuple[list[ArticleTemplate], dict[Path, polib.POFile | None]]:
    """The articles (as read) whose template and catalogs all parse, with what :func:`load_existing` read.

    A malformed file blocks only its own article: it goes to ``result.problems`` and the others go on.
    """
    blocked: list[PipelineError] = []
    existing = load_existing(config, [template.article for template in templates], langs, blocked)
    for exc in blocked:  # what blocks an article says more than that its file was not harvested
        result.problems = [p for p in result.problems if p.path != exc.path] + [exc]
    return [t for t in templates if pot_path(config, t.article.name) in existing], existing


def _harvest(tm, existing: dict[Path, polib.POFile | None] | None, result: JobResult) -> None:
    """Remember the project's reviewed entries; a malformed catalog is skipped and reported once."""
    skipped: list[PipelineError] = []
    result.harvested = tm.harvest(existing, skipped, f"{NOT_HARVESTED} (or translate with --no-tm)").counts
    known = {exc.path for exc in result.problems}
    result.problems.extend(exc for exc in skipped if exc.path not in known)


def _write_all(templates: list[TemplateFile], catalogs: list[LangCatalog], result: JobResult,
               store: ProvenanceStore | None = None) -> None:
    """Write what changed, then record the catalogs' provenance in ``store`` (see
    :meth:`~translate_pipeline.catalog.provenance_store.ProvenanceStore.sync`)."""
    result.done += len(templates)  # one template per article prepared
    with result.timed("write"):
        for template in templates:
            (result.written if write_template(template) else result.unchanged).append(template.path)
        for catalog in catalogs:
            (result.written if write_catalog(catalog) else result.unchanged).append(catalog.path)
        result.restored.extend((catalog.path, catalog.restored) for catalog in catalogs if catalog.restored)
        if store is not None:
            store.sync((catalog.name, catalog.lang, catalog.po) for catalog in catalogs)


def extract(config: ProjectConfig, articles: list[Article | ArticleFile], keep_going: bool = False,
            progress: Progress | None = None) -> JobResult:
    """Write the POT templates (``keep_going``: see :class:`TranslateOptions`; the articles are read
    first, :func:`read_templates`)."""
    result = JobResult([])
    templates = read_templates(config, articles, result, keep_going, progress)
    with project_lock(config):
        with result.timed("merge"):
            ready, existing = readable(config, templates, [], result)
            _, templates = prepare(config, ready, [], existing=existing, problems=_skipped(result, keep_going),
                                   final=True)
        _write_all(templates, [], result)
    return result


def update(config: ProjectConfig, articles: list[Article | ArticleFile], langs: list[str], keep_going: bool = False,
           progress: Progress | None = None) -> JobResult:
    """Templates plus merged language catalogs, no pre-translation (``keep_going``: see :class:`TranslateOptions`;
    the articles are read first, :func:`read_templates`)."""
    result = JobResult([])
    templates = read_templates(config, articles, result, keep_going, progress)
    with contextlib.ExitStack() as stack, project_lock(config):
        with result.timed("merge"):
            known = stack.enter_context(open_store(config, create=False))
            ready, existing = readable(config, templates, langs, result)
            catalogs, templates = prepare(config, ready, langs, existing=existing, store=known,
                                          problems=_skipped(result, keep_going), final=True)
        _write_all(templates, catalogs, result, _writable_store(config, known, stack))
    return result


def _writable_store(config: ProjectConfig, known: ProvenanceStore | None,
                    stack: contextlib.ExitStack) -> ProvenanceStore:
    """The provenance store the catalogs' checks read (``known``, None when there is none yet), or a new
    one made now: every check passed and the job is about to write, so a failed run creates no file."""
    return known if known is not None else stack.enter_context(open_store(config))


def _skipped(result: JobResult, keep_going: bool | None) -> list[PipelineError] | None:
    """Where an article that fails goes with ``--keep-going`` (None: the job stops)."""
    return result.problems if keep_going else None


def opened_articles(config: ProjectConfig, paths: list[str | Path],
                    keep_going: bool = False) -> tuple[list[ArticleFile], list[PipelineError]]:
    """The article files ``paths`` name (names, files or directories; none: ``articles_dir``), opened, not
    read (:func:`~translate_pipeline.source.readers.open_articles`), and with ``keep_going`` the ones refused
    (skipped); without, the first one raises."""
    problems: list[PipelineError] | None = [] if keep_going else None
    articles = open_articles(config, paths, problems)
    return articles, problems or []


def read_articles(config: ProjectConfig, paths: list[str | Path], keep_going: bool = False,
                  progress: Progress | None = None) -> tuple[list[Article], list[PipelineError]]:
    """The articles ``paths`` name (names, files or directories; none: ``articles_dir``), and with
    ``keep_going`` the files that could not be read (skipped); without, the first one raises."""
    problems: list[PipelineError] | None = [] if keep_going else None
    articles = load_articles(config, paths, progress, problems)
    return articles, problems or []


def extract_project(config: ProjectConfig, paths: list[str | Path], keep_going: bool | None = None,
                    progress: Progress | None = None) -> JobResult:
    """The ``extract`` command: :func:`opened_articles`, then :func:`extract` (``keep_going`` None:
    :func:`keeps_going`)."""
    start, keep_going = time.perf_counter(), keeps_going(config, paths, keep_going)
    articles, problems = opened_articles(config, paths, keep_going)
    return _after_reading(extract(config, articles, keep_going, progress), problems, start)


def update_project(config: ProjectConfig, paths: list[str | Path], langs: list[str],
                   keep_going: bool | None = None, progress: Progress | None = None) -> JobResult:
    """The ``update`` command: :func:`opened_articles`, then :func:`update` (``keep_going`` None:
    :func:`keeps_going`)."""
    start, keep_going = time.perf_counter(), keeps_going(config, paths, keep_going)
    articles, problems = opened_articles(config, paths, keep_going)
    return _after_reading(update(config, articles, langs, keep_going, progress), problems, start)


def _after_reading(result: JobResult, problems: list[PipelineError], start: float) -> JobResult:
    result.problems[:0] = problems  # the files skipped when reading come first, as they were found
    result.timings = {"read": time.perf_counter() - start - sum(result.timings.values()), **result.timings}
    return result


def keeps_going(config: ProjectConfig, paths: list[str | Path], keep_going: bool | None) -> bool:
    """``--keep-going`` as given, else on when a directory is processed (none named: ``articles_dir``):
    the rule of every command that works through many articles."""
    if keep_going is not None:
        return keep_going
    return not paths or any((config.root / path).is_dir() for path in paths)


def option_conflict(config: ProjectConfig, options: TranslateOptions) -> str | None:
    """Why two of ``options`` cannot go together in this project (the CLI's usage error), or None:
    ``ray_address`` without the Ray backend, ``refresh_mt`` with it (and MT on)."""
    backend = options.backend or config.mt.backend
    if options.ray_address and backend != "ray":
        return '--ray-address needs the Ray backend (--backend ray or [mt] backend = "ray")'
    if options.refresh_mt and options.use_mt and backend == "ray":
        return "--refresh-mt runs on the local backend only (--backend local)"
    return None


def translate_project(config: ProjectConfig, paths: list[str | Path], langs: list[str],
                      options: TranslateOptions = TranslateOptions(), progress: Progress | None = None) -> JobResult:
    """The ``translate`` command: every article ``paths`` name (names, files or directories, relative to
    the project; none: ``articles_dir``) into ``langs``.

    With the Ray backend (``options.backend``, else ``[mt] backend``) and MT on, the archive is
    translated in chunks (:func:`translate_archive`), else in this process (:func:`translate`).
    Raises :class:`PipelineError`, before anything is read, for ``ray_address`` without the Ray backend
    and for ``refresh_mt`` with it.  ``options.keep_going`` None is decided by :func:`keeps_going`.
    ``result.without_mt`` counts the segments left without MT; with ``options.require_mt`` any
    such segment sets ``result.unmet`` (the catalogs are written all the same).
    """
    conflict = option_conflict(config, options)
    if conflict:
        raise PipelineError(conflict)
    backend = options.backend or config.mt.backend
    options = replace(options, keep_going=keeps_going(config, paths, options.keep_going))
    start = time.perf_counter()
    if backend == "ray" and options.use_mt:
        problems: list[PipelineError] | None = [] if options.keep_going else None
        files = find_articles(article_paths(config, paths, problems), problems)
        result = translate_archive(config, files, langs, options, progress=progress, problems=problems)
    else:
        articles, problems = opened_articles(config, paths, options.keep_going)
        result = _after_reading(translate(config, articles, langs, options, progress=progress), problems, start)
    if options.use_mt:
        result.without_mt = sum(report.without_mt for report in result.reports)
    if options.require_mt and result.without_mt:
        # self-contained (-q hides the warnings): the reasons, short, and where to look
        result.unmet = (f"--require-mt: {result.without_mt} sentence(s) left without machine translation "
                        f"({'; '.join(why_left(result.reports))})")
        if any(isinstance(error, NoModelError) for report in result.reports for error in report.errors):
            result.unmet += "; `translate-pipeline models route` says how to get a model"
        # a configured model this machine cannot run (device, compute type): the environment, exit status 4
        result.problems += [error for report in result.reports for error in report.errors
                            if not isinstance(error, NoModelError)]
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
    result = JobResult([])
    templates = read_templates(config, articles, result, options.keep_going, progress)
    glossary, mt_settings = load_glossary(config), load_settings(config)
    with contextlib.ExitStack() as stack:
        with project_lock(config):
            with result.timed("merge"):  # every check, nothing written
                known = stack.enter_context(open_store(config, create=False))
                ready, existing = readable(config, templates, langs, result)
                catalogs, files = prepare(config, ready, langs, glossary, existing, known,
                                          _skipped(result, options.keep_going))
            # Checked: the databases are opened (a damaged one stops the run before any write) or made now.
            store, cache = _writable_store(config, known, stack), None
            if options.use_mt and mt_settings.table.cache and sources is None:
                cache = stack.enter_context(MTCache(cache_path(config), mt_settings.cache_max_bytes))
            tm = stack.enter_context(open_project_tm(config)) if options.use_tm and sources is None else None
            if sources is None:
                mt = MTSource(config, mt_settings, options.show_progress, glossary, cache) if options.use_mt else None
                sources = ([TMSource(tm)] if tm else []) + ([mt] if mt else [])
            refresh = next((s for s in sources if isinstance(s, MTSource)), None) if options.refresh_mt else None
            if tm is not None:
                with result.timed("TM harvest"):
                    _harvest(tm, existing, result)
            with result.timed("pre-translate"):
                result.reports = pretranslate(catalogs, sources, config.source_lang, refresh)
            _write_all(files, catalogs, result, store)
    return result


def cache_path(config: ProjectConfig) -> Path:
    """The MT cache file: ``mt-cache.sqlite`` beside the TM (``[tm] path``)."""
    return config.tm_path.parent / CACHE_NAME


def check_articles(config: ProjectConfig, files: list[Path], progress: Progress | None = None,
                   problems: list[PipelineError] | None = None) -> list[Path]:
    """Read every article once, streamed, and drop it: the checks of ``load_articles`` in bounded memory.

    Returns the files that passed; with ``problems`` a bad one is appended there and left out,
    without, the first one raises.
    """
    def check(path: Path) -> ArticleFile:
        article = open_article(path, config.source_lang, config.source.encoding)
        for _ in article.segmented():
            pass
        return article

    read = (attempt(problems, lambda: check(path)) for path in (progress(files) if progress else files))
    return [article.path for article in unique_names(config, (a for a in read if a is not None), files, problems)]


def translate_archive(
    config: ProjectConfig,
    files: list[Path],
    langs: list[str],
    options: TranslateOptions = TranslateOptions(),
    *,
    progress: Progress | None = None,
    sources: list[SuggestionSource] | None = None,
    chunk_articles: int | None = None,
    problems: list[PipelineError] | None = None,
) -> JobResult:
    """:func:`translate` over an archive with MT on a Ray cluster, ``[mt.ray] chunk_articles`` at a time.

    The sources are the project TM and :class:`~translate_pipeline.pretranslate.ray_source.RayMTSource`
    (``sources`` replaces them), behind the MT cache like :func:`translate`, so a killed run
    resumes from the batches that had returned; the Ray connection is made before anything is written.
    Every article file is read once up front (a bad one stops the run with nothing
    written; with ``problems``, ``--keep-going``, it is appended there and skipped); then, under the lock, each chunk is read again, merged, pre-translated
    and written before the next one is read, so the process holds one chunk's
    catalogs and suggestions however large the archive.  A chunk's templates and
    catalogs are written only after its pre-translation, so a source that fails
    (:class:`~translate_pipeline.pretranslate.base.SourceFailure`, e.g. the Ray
    cluster) leaves that chunk's files as they were; chunks already written are
    complete (atomic writes), and a re-run goes on after them because their entries
    are no longer pending.  Segments repeated across chunks are translated once per
    chunk (the MT cache serves the repeats) but counted once per run, as :func:`translate` counts them:
    the reports are the local backend's (a 16-byte key per distinct sentence is kept across chunks).
    ``result.articles`` stays empty (their source warnings are in ``warnings``).  ``options.ray_address``
    is the cluster to join; ``options.refresh_mt`` does not apply (:func:`translate_project` refuses it).
    """
    from translate_pipeline.pretranslate.ray_source import RayMTSource

    settings = load_settings(config)
    chunk = chunk_articles or settings.table.ray.chunk_articles
    glossary = load_glossary(config)
    began = time.perf_counter()
    files = check_articles(config, files, progress, problems)
    result = JobResult([], problems=problems if problems is not None else [])
    result.timings["read"] = time.perf_counter() - began
    reports: dict[str, LangReport] = {}
    counted: dict[str, set[bytes]] = {}  # language → the sentences counted so far (keys): each once per run
    with contextlib.ExitStack() as stack:
        use_mt = options.use_mt and sources is None
        mt = RayMTSource(config, settings, glossary, options.show_progress, options.ray_address) if use_mt else None
        if mt is not None:
            mt.connect()  # no ray package, no cluster: stop before anything (the TM, the cache) is made or written
        with project_lock(config):
            if mt is not None and settings.table.cache:
                mt.suggestion_cache = stack.enter_context(MTCache(cache_path(config), settings.cache_max_bytes))
            tm = stack.enter_context(open_project_tm(config)) if options.use_tm and sources is None else None
            if sources is None:
                sources = ([TMSource(tm)] if tm else []) + ([mt] if mt else [])
            store = stack.enter_context(open_store(config))
            if tm is not None:
                _harvest(tm, None, result)
            for start in range(0, len(files), chunk):
                with result.timed("read"):
                    articles = [open_article(path, config.source_lang, config.source.encoding)
                                for path in files[start:start + chunk]]
                    templates = [read_template(article, config) for article in articles]
                result.warnings.extend(w for template in templates  # project-relative, as in the local run
                                       for w in template.warnings(reference_path(template.article, config)))
                with result.timed("merge"):
                    ready, existing = readable(config, templates, langs, result)
                    catalogs, pot_files = prepare(config, ready, langs, glossary, existing, store,
                                                      _skipped(result, options.keep_going))
                with result.timed("pre-translate"):
                    chunk_reports = pretranslate(catalogs, sources, config.source_lang, counted=counted)
                for report in chunk_reports:
                    total = reports.setdefault(report.lang, LangReport(report.lang))
                    total.pending += report.pending
                    total.filled.update(report.filled)
                    total.route = report.route or total.route
                    total.failed.extend(report.failed)
                    for error in report.errors:
                        total.add_error(error)
                _write_all(pot_files, catalogs, result, store)
    result.reports = list(reports.values())
    return result


def stats(config: ProjectConfig, langs: list[str], articles: list[str] | None = None,
          problems: list[PipelineError] | None = None) -> list[CatalogStats]:
    """The ``stats`` report (:func:`~translate_pipeline.review.stats.project_stats`), stale MT drafts
    counted against what today's model and glossary would record (a language without a model: none stale).

    Raises :class:`Refused` when there is no catalog to count, PipelineError for a named article
    without one (:func:`~translate_pipeline.core.project.require_catalogs`) and for a malformed
    catalog (file:line); with ``problems`` that one is appended there (with what to do) and its row left out.
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

    require_catalogs(config, langs, articles)
    return project_stats(config, langs, articles, today, problems)


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
    done: str = ""  # what was done, in words (entries dropped; a damaged file removed, and why)


def clear_cache(config: ProjectConfig) -> CacheCleared:
    """Drop every cached translation, under the project lock (:func:`~translate_pipeline.mt.cache.clear_cache`:
    a damaged file is removed, so the next run starts a fresh one; another program's database is refused)."""
    path = cache_path(config)
    if not path.exists():
        return CacheCleared(path, existed=False)
    with project_lock(config):
        return CacheCleared(path, existed=True, done=mt_cache.clear_cache(path))
