"""Publishing as a whole: read sources and catalogs, gate, assemble, write the site.

``publish_article`` is pure (Article + catalogs in, documents and refusals out);
``write_editions`` and ``publish_project`` are the I/O edges; ``publish_project`` is the
job the CLI runs with the :class:`PublishOptions` it built from the command line.

What is on the site changes only by the editor's word: a language is added when it passes
the gate, and leaves only with ``--unpublish LANG`` or when its article's source file is
removed from the project.  A takedown is recorded (:mod:`.dates`) and lasts: later runs keep the
edition off, each saying so in a note, until ``--republish LANG``.  A language refused now (its catalog is missing or unreadable for
a moment, or no longer reviewed) keeps the edition already published and the run exits 1.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

import polib

from translate_pipeline.catalog.io import read_catalog
from translate_pipeline.core.errors import PipelineError, attempt
from translate_pipeline.core.fs import remove_stale_temporaries, write_if_changed
from translate_pipeline.core.project import po_path, project_lock
from translate_pipeline.core.settings import ProjectConfig, resolve_path
from translate_pipeline.publish import clock, feeds, render_html
from translate_pipeline.publish.assemble import (
    KK_LATN,
    PublishedArticle,
    assemble,
    to_kk_latn,
)
from translate_pipeline.publish.dates import RECORD_NAME, Record
from translate_pipeline.publish.edition import Edition, Renderer
from translate_pipeline.publish.gate import NO_CATALOG, GateReport, Policy, check
from translate_pipeline.publish.locale_text import SiteText
from translate_pipeline.publish.manifest import MANIFEST, Manifest
from translate_pipeline.publish.render_json import render_json
from translate_pipeline.publish.render_md import render_markdown
from translate_pipeline.publish.render_txt import render_text
from translate_pipeline.publish.site import (
    FEED,
    FRONT_PAGE,
    SITEMAP,
    ListedArticle,
    Pending,
    Site,
    check_base_url,
    front_order,
    site_languages,
)
from translate_pipeline.review.qa import QARun
from translate_pipeline.source.article import Article
from translate_pipeline.source.markup import to_plain
from translate_pipeline.source.readers import article_paths, load_articles

# Every edition by its ``publish --editions`` name and file suffix; all take one Edition.
RENDERERS: dict[str, Renderer] = {
    "html": render_html.render_article,
    "md": render_markdown,
    "txt": render_text,
    "json": render_json,
}
EDITIONS = tuple(RENDERERS)
NO_BASE_URL = ""  # PublishOptions.base_url of --no-base-url: relative links, no feeds and sitemap
# What publish writes into --out besides the editions: a killed run's temporary copies of these are its own.
_SITE_SUFFIXES = tuple(f".{fmt}" for fmt in EDITIONS) + (".xml",)


@dataclass(frozen=True)
class SiteSettings:
    """The site as a whole (``[publish]``, ``--base-url``): its address, name and layout."""

    base_url: str | None = None  # checked: absolute http(s), ends in "/"
    site_name: str = ""
    source_at_root: bool = True
    feed_entries: int = 20
    templates: Path | None = None  # the project's templates directory (templates and locale/)

    @classmethod
    def of(cls, config: ProjectConfig, base_url: str | None = None) -> "SiteSettings":
        """``[publish]``, with ``base_url`` in place of ``[publish] base_url`` when given (see
        :func:`choose_base_url` for the site's own)."""
        table = config.publish
        url = base_url or table.base_url
        return cls(check_base_url(url) if url else None, table.site_name or config.project_name,
                   table.source_front_page == "root", table.feed_entries,
                   resolve_path(config.root, table.templates) if table.templates else None)

    def site(self, source_lang: str) -> Site:
        return Site(source_lang, self.base_url, self.source_at_root)


@dataclass(frozen=True)
class PublishOptions:
    """How one publish run goes: built once (by the CLI) from its options.

    ``langs`` are the languages asked for, as the project's language tags (empty:
    :func:`default_langs`); ``out`` None only runs the review gate (``publish --check``).
    ``date`` is the moment of this run (aware, UTC; :mod:`.clock`): new editions are first
    published and changed ones modified at it (None: now); moments recorded earlier are kept
    (:mod:`~.dates`).  ``base_url`` None keeps the site's recorded base URL (:func:`choose_base_url`).
    """

    out: Path | None = None
    editions: tuple[str, ...] = EDITIONS
    langs: tuple[str, ...] = ()
    policy: Policy = Policy()
    date: datetime.datetime | None = None
    preview: bool = False  # the editor's view: provenance on every sentence, pending languages on the front page
    base_url: str | None = None  # --base-url: changes the site's address (NO_BASE_URL: --no-base-url drops it)
    unpublish: tuple[str, ...] = ()  # languages to take off the site (the source language: the whole article)
    republish: tuple[str, ...] = ()  # languages whose recorded takedown is lifted (published again if they pass)


@dataclass(frozen=True)
class Kept:
    """An edition left on the site as it was, though its language is refused now."""

    article: str
    lang: str
    since: str  # the moment it was first published (:func:`.clock.iso`), "" when unknown
    reason: str  # the refusal: "no catalog", "malformed catalog", "2 sentence(s) not ready", …


@dataclass(frozen=True)
class Unpublished:
    """An edition off the site by the editor's ``--unpublish`` (``lang`` the source language: the
    whole article), this run's or a recorded earlier one."""

    article: str
    lang: str
    since: str  # the moment of the takedown (:func:`.clock.iso`)


@dataclass
class PublishResult:
    published: list[PublishedArticle] = field(default_factory=list)
    refused: list[GateReport] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # files whose bytes changed (publication.json included)
    unchanged: list[Path] = field(default_factory=list)  # files that already held exactly what this run made
    removed: list[Path] = field(default_factory=list)  # unpublished editions, removed articles, stale temporaries
    kept: list[Kept] = field(default_factory=list)
    unpublished: list[Unpublished] = field(default_factory=list)  # held off the site by the editor's word
    notes: list[str] = field(default_factory=list)  # said once per run (links are relative, …)
    problems: list[PipelineError] = field(default_factory=list)  # malformed catalogs: their language refused
    base_url: str | None = None  # the base URL the site was published for (None: relative links)
    base_url_changed: tuple[str | None, str | None] | None = None  # (old, new): this run moved the site


def publish_article(article: Article, langs: list[str], catalogs: dict[str, tuple[polib.POFile | None, Path | None]],
                    policy: Policy = Policy(), date: datetime.datetime | None = None,
                    findings: Mapping[str, list] | None = None,
                    ) -> tuple[list[PublishedArticle], list[GateReport]]:
    """Every requested language of ``article`` that passes the gate, and the refusals.

    ``catalogs[lang] = (po or None when the file is missing or malformed, its path)``; ``kk-Latn``
    is derived from ``kk`` and so needs the ``kk`` catalog.  ``findings[lang]`` are the
    QA findings of that catalog (``publish_project`` runs QA; without them only the
    entry states are gated).
    """
    findings = findings or {}
    docs: dict[str, PublishedArticle] = {}
    refused: list[GateReport] = []
    for lang in langs:
        if lang == article.lang:
            docs[lang] = assemble(article, lang, None, policy, date)
            continue
        base = "kk" if lang == KK_LATN else lang
        if base in docs:
            doc = docs[base]
        else:
            po, path = catalogs.get(base, (None, None))
            malformed = po is None and path is not None and path.exists()  # (read already: its error was said)
            report = check(article, base, po, policy, path, findings.get(base, ()), malformed)
            if not report.ok:
                if lang == KK_LATN:
                    shown = any(r.lang == base for r in refused)
                    report = replace(report, lang=KK_LATN, derived_from=base if shown else None)
                refused.append(report)
                continue
            doc = assemble(article, base, po, policy, date)
        docs[lang] = to_kk_latn(doc) if lang == KK_LATN else doc
    published = tuple(docs)
    return [replace(docs[lang], languages=published) for lang in langs if lang in docs], refused


def _inside(out: Path, path: Path) -> Path:
    """``path`` if it lies inside ``out`` (names are checked at read time; this is the last guard)."""
    if not path.resolve().is_relative_to(out.resolve()):
        raise PipelineError("refusing to write outside the output directory", path)
    return path


def edition_paths(out: Path, name: str, lang: str) -> list[Path]:
    """Every edition file of one language of one article: ``out/<article>/<lang>.<edition>``."""
    return [_inside(out, out / name / f"{lang}.{fmt}") for fmt in EDITIONS]


def _version(doc: PublishedArticle) -> dict:
    return {"lang": doc.lang, "title": to_plain(doc.title, doc.format), "lead": doc.lead,
            "date": clock.iso(doc.date), **({"modified": clock.iso(doc.modified)} if doc.modified else {})}


def _pending(refused: list[GateReport]) -> dict[str, list[Pending]]:
    """Preview front pages: per article, the languages refused now and why."""
    pending: dict[str, list[Pending]] = {}
    for report in refused:
        if report.derived_from:
            item = Pending(report.lang, "derived", derived_from=report.derived_from)
        elif report.missing and report.missing[0].reason == NO_CATALOG:
            item = Pending(report.lang, "no catalog")
        else:
            item = Pending(report.lang, "not ready", len(report.missing))
        pending.setdefault(report.article, []).append(item)
    return pending


def _why(report: GateReport) -> str:
    if report.derived_from:
        return f"made from {report.derived_from}, which is not ready"
    if report.missing and report.missing[0].reason == NO_CATALOG:
        return NO_CATALOG
    return f"{len(report.missing)} sentence(s) not ready"


@dataclass
class SiteChanges:
    """What a run did to the files of ``--out``: each file is written only when its bytes change."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    def put(self, path: Path, data: str | bytes) -> None:
        (self.written if write_if_changed(path, data) else self.unchanged).append(path)

    def remove(self, paths: list[Path]) -> None:
        for path in paths:
            if path.is_file():
                path.unlink()
                self.removed.append(path)


def _drop_empty(directory: Path) -> None:
    try:
        directory.rmdir()  # only when nothing else (an editor's file) is in it
    except OSError:
        pass


def write_editions(docs: list[PublishedArticle], options: PublishOptions, refused: list[GateReport] = (),
                   project_templates: Path | None = None, settings: SiteSettings | None = None,
                   sources: Mapping[str, str] | None = None, gone: Mapping[str, tuple[str, ...]] | None = None
                   ) -> SiteChanges:
    """Write the site in ``options.out``: ``<article>/<lang>.<edition>`` for each document — in
    ``options.editions`` and in every other edition ``out`` already holds for it, so that no
    edition keeps an earlier run's text —, ``index.json`` (:mod:`.manifest`, with the site's base
    URL), with HTML the front page of every language (``render_html.render_front``), and with a
    base URL an Atom feed per language and ``sitemap.xml``.  ``gone`` names the editions to take
    off the site (``{article: langs}``; the editor's ``--unpublish`` or a removed source: ``()`` =
    every language); ``refused`` languages keep what is published and fill the preview's pending
    lists; ``sources`` are the articles' project-relative source files, recorded in the manifest.

    A file is written only when its bytes change (a re-run that changes nothing changes no byte
    and no mtime of the site); the returned :class:`SiteChanges` lists the files written, left
    unchanged and removed.  ``options.preview`` adds provenance and the editor's notes.
    """
    out, editions, preview = options.out, options.editions or EDITIONS, options.preview
    if out is None:
        raise ValueError("write_editions needs options.out (publish --check writes nothing)")
    settings = settings or SiteSettings(templates=project_templates)
    templates = project_templates or settings.templates
    changes = SiteChanges()
    manifest = Manifest.read(out)
    source_lang = docs[0].source_lang if docs else next(
        (e["versions"][0]["lang"] for e in manifest.articles.values() if e["versions"]), None)
    if source_lang is None:
        return changes
    site = settings.site(source_lang)
    previous_langs = {lang for article in manifest.listed() for lang in article.langs}
    for doc in docs:
        edition = Edition(doc, preview, templates, site, settings.site_name)
        existing = [fmt for fmt in EDITIONS if (out / doc.name / f"{doc.lang}.{fmt}").exists()]
        for fmt in dict.fromkeys([*editions, *existing]):
            changes.put(_inside(out, out / doc.name / f"{doc.lang}.{fmt}"), RENDERERS[fmt](edition))
    articles = manifest.articles
    for name, langs in (gone or {}).items():  # the editor's word: unpublished languages, removed articles
        entry = articles.get(name, {"versions": []})
        on_site = [v["lang"] for v in entry["versions"]]
        for lang in langs or on_site:
            changes.remove(edition_paths(out, name, lang))
        entry["versions"] = [v for v in entry["versions"] if langs and v["lang"] not in langs]
        if name in articles and not entry["versions"]:
            del articles[name]
        _drop_empty(out / name)
    by_name: dict[str, list[PublishedArticle]] = {}
    for doc in docs:
        by_name.setdefault(doc.name, []).append(doc)
    for name, versions in by_name.items():
        old = {v["lang"]: v for v in articles.get(name, {}).get("versions", [])}
        for doc in versions:
            old[doc.lang] = _version(doc)
        order = list(versions[0].languages) + [lang for lang in old if lang not in versions[0].languages]
        merged = sorted((old[lang] for lang in order if lang in old), key=lambda v: v["lang"] != source_lang)
        articles[name] = {"article": name, "source": (sources or {}).get(name, articles.get(name, {}).get("source")),
                          "date": min(v["date"] for v in merged), "versions": merged}
    moved = (out / MANIFEST).exists() and (manifest.base_url != settings.base_url or not manifest.base_url_recorded)
    if not docs and not changes.removed and not gone and not moved:
        return changes
    manifest.base_url = settings.base_url
    changes.put(out / MANIFEST, manifest.dumps())
    if "html" in editions or (out / FRONT_PAGE).exists():
        _write_fronts(out, site, settings, manifest.listed(), _pending(refused) if preview else {},
                      preview, changes, previous_langs)
    return changes


def _write_fronts(out: Path, site: Site, settings: SiteSettings, articles: list[ListedArticle],
                  pending: dict[str, list[Pending]], preview: bool, changes: SiteChanges,
                  previous_langs: set[str] = frozenset()) -> None:
    """Front pages (and the language chooser), feeds and sitemap from the manifest's articles;
    the front page and feed of a language in ``previous_langs`` (the site's before this run) that
    is no longer on the site are removed, and so are the feeds and sitemap of a site whose base
    URL was taken away (``--no-base-url``: ``site.base_url`` None)."""
    langs = site_languages(articles, site.source_lang, [])
    ordered = front_order(articles, langs)
    front = render_html.FrontPage(site, tuple(langs), settings.site_name, settings.templates, preview)
    pages = {site.front_page(lang): render_html.render_front(front, lang, ordered, pending) for lang in langs}
    if FRONT_PAGE not in pages and langs:  # the source's front page is in its folder, or not on the site
        pages[FRONT_PAGE] = render_html.render_languages(front)
    if site.base_url:
        for lang in langs:
            pages[site.feed(lang)] = feeds.atom_feed(site, lang, ordered, settings.site_name,
                                                     SiteText(lang, settings.templates), settings.feed_entries)
        pages[SITEMAP] = feeds.sitemap(site, langs, ordered)
    for page, content in pages.items():
        changes.put(_inside(out, out / page), content)
    for lang in previous_langs - set(langs):  # a language no longer on the site: its front page and feed go
        folder = site.front_dir(lang)
        changes.remove([_inside(out, out / page) for page in (folder + FRONT_PAGE, folder + FEED) if page not in pages])
        if folder:
            _drop_empty(out / folder)
    if not langs:  # nothing left on the site
        changes.remove([out / SITEMAP])
    if not site.base_url:
        changes.remove([out / SITEMAP] + [out / site.feed(lang) for lang in langs])


def default_langs(config: ProjectConfig) -> list[str]:
    """Source, targets, and ``kk-Latn`` whenever Kazakh is a target (``[publish] kk_latin = false`` opts out)."""
    langs = [config.source_lang] + [lang for lang in config.target_langs if lang != config.source_lang]
    if "kk" in langs and config.publish.kk_latin:
        langs.append(KK_LATN)
    return langs


def existing_editions(out: Path | None, name: str, candidates: list[str]) -> list[str]:
    """Languages among ``candidates`` that have an edition of article ``name`` in ``out``."""
    if out is None:
        return []
    return [lang for lang in candidates if any(p.exists() for p in edition_paths(out, name, lang))]


def _relative(config: ProjectConfig, path: Path) -> str:
    path = path.resolve()
    return path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else str(path)


def _check_sources(config: ProjectConfig, articles: list[Article], record: Record, manifest: dict[str, dict]) -> None:
    """Refuse an article whose name is already published from another source file that still exists
    (a second file with a live article's name must not take its place); a moved file is fine."""
    for article in articles:
        mine = _relative(config, article.path)
        for recorded in (record.source(article.name), manifest.get(article.name, {}).get("source")):
            if recorded and recorded != mine and (config.root / recorded).is_file() \
                    and not (config.root / recorded).resolve() == article.path.resolve():
                raise PipelineError(f"article name {article.name!r} is already published from {recorded}; rename "
                                    f"this file, or remove that one to publish this in its place", article.path)


def publish_project(config: ProjectConfig, names: list[str], options: PublishOptions = PublishOptions()
                    ) -> PublishResult:
    """Gate, assemble and (unless ``options.out`` is None: ``publish --check``) write the named
    articles (names, files or directories: :func:`~translate_pipeline.source.readers.article_paths`; default all).

    Besides ``options.langs``, every language that already has an edition of the article in
    ``out`` is published again, so the language links of all pages of an article stay symmetric;
    when refused now it is kept as it is (``result.kept``; ``--unpublish`` removes it).  A run
    over all articles removes the articles whose source file is gone.  The site keeps the base URL
    recorded in its manifest unless ``options.base_url`` changes it (:func:`choose_base_url`).
    Writing runs hold the project lock (no catalog is half-written meanwhile) and first remove
    the temporary files a killed publish left in ``out``.  A malformed catalog refuses only its
    language (``result.problems``).  Files whose bytes would not change are not written.
    """
    for fmt in options.editions:
        if fmt not in EDITIONS:
            raise PipelineError(f"unknown edition {fmt!r} (expected {', '.join(EDITIONS)})")
    paths = article_paths(config, names)  # a missing one stops the run before the lock file is made
    if options.out is None:
        return _publish(config, names, paths, options)
    with project_lock(config):
        return _publish(config, names, paths, options)


@dataclass(frozen=True)
class BaseURLChoice:
    """The base URL a run publishes for, and what the editor is told about it."""

    url: str | None
    note: str | None = None  # said once (not with -q)
    changed: tuple[str | None, str | None] | None = None  # (old, new) when this run moves the site


RELATIVE = "links are relative, and there is no canonical link, Atom feed or sitemap.xml"


def choose_base_url(option: str | None, configured: str | None, recorded: str | None, manifest: str,
                    new_site: bool = False) -> BaseURLChoice:
    """The site's base URL: the site remembers it — an address, or none (relative links) —, and
    only the editor's option changes it.

    ``option``: ``--base-url`` (:data:`NO_BASE_URL` for ``--no-base-url``; None when not given);
    ``configured``: ``[publish] base_url``; ``recorded``: what the site's manifest (named
    ``manifest`` in notes) says it was last published for; ``new_site``: the manifest records no
    choice yet (a new ``--out``).  Without the option the recorded choice is kept — a forgotten
    ``--base-url`` never turns a live site's canonical links relative or deletes its feeds and
    sitemap, and a site taken off its address does not silently get it back —, and ``[publish]
    base_url`` serves a new site only.  Every change of a site's base URL comes back as
    ``changed`` (the CLI's summary line) with a note; a ``[publish] base_url`` other than the one
    used gets a note naming the one that applies and the option that switches.
    """
    configured = check_base_url(configured) if configured else None
    if option == NO_BASE_URL:
        url = None
    elif option is not None:
        url = check_base_url(option)
    else:
        url = configured if new_site else recorded
    changed = (recorded, url) if not new_site and recorded != url else None
    said = []
    if changed and url is None:
        said.append(f"base URL dropped: {recorded} → none (--no-base-url): links are relative now; "
                    "the Atom feeds and sitemap.xml are taken off the site")
    elif changed and recorded is None:
        said.append(f"base URL set: none → {url} (canonical links, Atom feeds and sitemap.xml are added)")
    elif changed:
        said.append(f"base URL changed: {recorded} → {url} (canonical links, feeds and sitemap.xml now point there)")
    elif url is None:
        said.append(f"no base_url: {RELATIVE}" + ("" if new_site else f", as recorded in {manifest}"))
    elif option is None and not new_site and configured != url:  # a setting that agrees goes unsaid
        said.append(f"base URL {url} as recorded in {manifest}")
    if configured and configured != url:
        said.append(f"the option overrides [publish] base_url {configured}" if new_site else
                    f"[publish] base_url {configured} is for a new --out only: --base-url {configured} "
                    "moves this site there")
    elif said and url is None and not changed:
        said.append("--base-url URL gives the site one")
    elif said and not changed and configured is None:
        said.append("--base-url URL changes it, --no-base-url drops it")
    return BaseURLChoice(url, "; ".join(said) or None, changed)


def _held_note(name: str, lang: str, when: datetime.datetime, whole: bool) -> str:
    what = f"{name} (the whole article)" if whole else f"{name}/{lang}"
    return f"{what} is unpublished (publish --unpublish {lang}, {clock.iso(when)}); --republish {lang} puts it back"


def _publish(config: ProjectConfig, names: list[str], paths: list[Path], options: PublishOptions) -> PublishResult:
    out, policy, today = options.out, options.policy, options.date or clock.now()
    result = PublishResult()
    record_path = config.root / RECORD_NAME
    if out is not None:
        result.removed += remove_stale_temporaries(config.root, (RECORD_NAME,), recursive=False)
        result.removed += remove_stale_temporaries(out, _SITE_SUFFIXES)
    record = Record.load(record_path)
    manifest = Manifest.read(out) if out is not None else Manifest()
    for name, lang, published, modified in manifest.moments():  # a site from before the record keeps its dates
        record.adopt(name, lang, published, modified)
    if out is None:  # --check: nothing is written, the site's address does not matter
        settings = SiteSettings.of(config, options.base_url or None)
    else:
        choice = choose_base_url(options.base_url, config.publish.base_url, manifest.base_url,
                                 (out / MANIFEST).as_posix(), new_site=not manifest.base_url_recorded)
        settings = replace(SiteSettings.of(config), base_url=choice.url)
        result.base_url, result.base_url_changed = choice.url, choice.changed
        if choice.note:
            result.notes.append(choice.note)
    requested = list(options.langs) or default_langs(config)
    unpublish, lifted = set(options.unpublish), set()
    known = list(dict.fromkeys(requested + default_langs(config)))
    articles = load_articles(config, paths)
    _check_sources(config, articles, record, manifest.articles)
    qa = QARun(config)  # the same QA that ``stats`` and ``check`` run
    gone: dict[str, tuple[str, ...]] = {}
    sources = {}
    for article in articles:
        sources[article.name] = _relative(config, article.path)
        on_site = [v["lang"] for v in manifest.articles.get(article.name, {}).get("versions", [])]
        lifted |= {lang for lang in options.republish if record.republish(article.name, lang)}
        for lang in unpublish:  # recorded when there is an edition to take off, or one published before
            if lang == article.lang or lang in on_site or existing_editions(out, article.name, [lang]) \
                    or record.get(article.name, lang):
                record.unpublish(article.name, lang, today)
        held = record.unpublished(article.name)
        result.unpublished += [Unpublished(article.name, lang, clock.iso(when)) for lang, when in held.items()]
        result.notes += [_held_note(article.name, lang, when, lang == article.lang)
                         for lang, when in held.items() if lang not in unpublish]
        if article.lang in held:  # the source language: the whole article is off the site
            if on_site or existing_editions(out, article.name, known):
                gone[article.name] = ()
            continue
        off = set(held) | unpublish
        taken_off = tuple(lang for lang in off if lang in on_site or existing_editions(out, article.name, [lang]))
        if taken_off:  # (an empty tuple in ``gone`` would mean the whole article)
            gone[article.name] = taken_off
        present = list(dict.fromkeys(on_site + existing_editions(out, article.name, known)))
        article_langs = [lang for lang in dict.fromkeys(requested + list(options.republish) + present)
                         if lang not in off]
        catalogs, findings, broken = {}, {}, {}
        for lang in {"kk" if lang == KK_LATN else lang for lang in article_langs} - {article.lang}:
            where = po_path(config, lang, article.name)
            po = attempt(result.problems, lambda: read_catalog(where), "its language is not published now") \
                if where.exists() else None
            if where.exists() and po is None:
                broken[lang] = "malformed catalog"
            catalogs[lang] = (po, where)
            findings[lang] = qa.catalog(po, article.name, lang) if po is not None else []
        docs, refused = publish_article(article, article_langs, catalogs, policy, today, findings)
        kept = [r for r in refused if r.lang in present]
        for report in kept:
            base = "kk" if report.lang == KK_LATN else report.lang
            since = record.get(article.name, report.lang)
            result.kept.append(Kept(article.name, report.lang, clock.iso(since.published) if since else "",
                                    broken.get(base) or _why(report)))
        links = tuple(lang for lang in article_langs if lang in {d.lang for d in docs} | {r.lang for r in kept})
        for i, doc in enumerate(docs):
            dates = (record.stamp(doc, today, sources[article.name]) if out is not None and not options.preview
                     else record.peek(doc, today))
            docs[i] = replace(doc, languages=links, date=dates.published, modified=dates.modified)
        result.published += docs
        result.refused += refused
    result.notes += [f"--republish {lang}: no article has {lang} unpublished; nothing to put back"
                     for lang in options.republish if lang not in lifted]
    removed_sources = []
    if out is not None and not names:  # an article whose source file was removed leaves the site
        for name, entry in manifest.articles.items():
            recorded = record.source(name) or entry.get("source")
            if name not in sources and recorded and not (config.root / recorded).exists():
                gone[name] = ()
                removed_sources.append(name)
    if out is not None:
        changes = write_editions(result.published, options, result.refused, None, settings, sources, gone)
        result.written, result.unchanged = changes.written, changes.unchanged
        result.removed += changes.removed
        if not options.preview:
            for name in removed_sources:  # an unpublished edition keeps its dates for --republish
                record.forget(name)
            (result.written if record.save() else result.unchanged).append(record_path)
    return result
