"""Publishing as a whole: read sources and catalogs, gate, assemble, write every format.

``publish_article`` is pure (Article + catalogs in, documents and refusals out);
``write_editions`` and ``publish_project`` are the I/O edges; ``publish_project`` is the
job the CLI runs with the :class:`PublishOptions` it built from the command line.
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

import polib

from translate_pipeline.catalog.io import read_catalog
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.fs import atomic_write
from translate_pipeline.core.project import po_path
from translate_pipeline.core.settings import ProjectConfig, resolve_path
from translate_pipeline.publish import render_html
from translate_pipeline.publish.assemble import (
    KK_LATN,
    PublishedArticle,
    assemble,
    to_kk_latn,
)
from translate_pipeline.publish.edition import Edition, Renderer
from translate_pipeline.publish.gate import NO_CATALOG, GateReport, Policy, check
from translate_pipeline.publish.locale_text import autonym, date_text, label
from translate_pipeline.publish.render_json import render_json
from translate_pipeline.publish.render_md import render_markdown
from translate_pipeline.publish.render_txt import render_text
from translate_pipeline.review.qa import QARun
from translate_pipeline.source.article import Article
from translate_pipeline.source.markup import to_plain
from translate_pipeline.source.readers import article_paths, load_articles

# Every output format by its ``publish --format`` name and file suffix; all take one Edition.
RENDERERS: dict[str, Renderer] = {
    "html": render_html.render_article,
    "md": render_markdown,
    "txt": render_text,
    "json": render_json,
}
FORMATS = tuple(RENDERERS)


@dataclass(frozen=True)
class PublishOptions:
    """How one publish run goes: built once (by the CLI) from its options.

    ``langs`` are the languages asked for, as the project's language tags (empty:
    :func:`default_langs`); ``out`` None only runs the review gate (``publish --check``).
    """

    out: Path | None = None
    formats: tuple[str, ...] = FORMATS
    langs: tuple[str, ...] = ()
    policy: Policy = Policy()
    date: datetime.date | None = None  # publication date shown on the pages; None: today
    preview: bool = False  # the editor's view: provenance on every sentence, pending languages on the front page


@dataclass
class PublishResult:
    published: list[PublishedArticle] = field(default_factory=list)
    refused: list[GateReport] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # stale editions of refused languages


def publish_article(article: Article, langs: list[str], catalogs: dict[str, tuple[polib.POFile | None, Path | None]],
                    policy: Policy = Policy(), date: datetime.date | None = None,
                    findings: Mapping[str, list] | None = None,
                    ) -> tuple[list[PublishedArticle], list[GateReport]]:
    """Every requested language of ``article`` that passes the gate, and the refusals.

    ``catalogs[lang] = (po or None when the file is missing, its path)``; ``kk-Latn``
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
            report = check(article, base, po, policy, path, findings.get(base, ()))
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


MANIFEST = "index.json"  # the site's list of articles and published versions, read back by every run
MANIFEST_VERSION = 1


def _inside(out: Path, path: Path) -> Path:
    """``path`` if it lies inside ``out`` (names are checked at read time; this is the last guard)."""
    if not path.resolve().is_relative_to(out.resolve()):
        raise PipelineError("refusing to write outside the output directory", path)
    return path


def edition_paths(out: Path, name: str, lang: str) -> list[Path]:
    """Every edition file of one language of one article: ``out/<article>/<lang>.<format>``."""
    return [_inside(out, out / name / f"{lang}.{fmt}") for fmt in FORMATS]


def read_manifest(out: Path) -> dict[str, dict]:
    """``{article: {"date": iso, "versions": [{"lang", "title"}, …]}}`` from ``out/index.json`` (empty if absent)."""
    path = out / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {entry["article"]: entry for entry in data["articles"]}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise PipelineError(f"not a publish manifest ({exc.__class__.__name__}); move it away to rebuild the index",
                            path) from exc


def _manifest_entry(versions: list[PublishedArticle]) -> dict:
    versions = sorted(versions, key=lambda d: d.lang != d.source_lang)  # the source edition first
    return {
        "article": versions[0].name,
        "date": versions[0].date.isoformat(),
        "versions": [{"lang": d.lang, "title": to_plain(d.title, d.format)} for d in versions],
    }


def index_entries(manifest: dict[str, dict], refused: list[GateReport] = ()) -> list[render_html.IndexEntry]:
    """Front-page entries, newest first (then by name); ``refused`` fills the preview's pending list."""
    pending: dict[str, list[GateReport]] = {}
    for report in refused:
        pending.setdefault(report.article, []).append(report)
    entries = []
    for name, entry in manifest.items():
        date = datetime.date.fromisoformat(entry["date"])
        source = entry["versions"][0]["lang"]
        entries.append(render_html.IndexEntry(
            name, entry["date"], date_text(date, source),
            tuple(render_html.IndexVersion(v["lang"], render_html.href(name, render_html.page_name(v["lang"])),
                                           autonym(v["lang"]), v["title"]) for v in entry["versions"]),
            tuple((r.lang, autonym(r.lang), _why(r, source)) for r in pending.get(name, [])),
        ))
    return sorted(entries, key=lambda e: (e.date_iso, e.name), reverse=True)


def _why(report: GateReport, lang: str) -> str:
    """Why a language is not published, in the index's language."""
    if report.derived_from:
        return label("derived", lang).format(lang=report.derived_from)
    if report.missing and report.missing[0].reason == NO_CATALOG:
        return label("no_catalog", lang)
    return label("not_ready", lang).format(n=len(report.missing))


def write_editions(docs: list[PublishedArticle], options: PublishOptions, refused: list[GateReport] = (),
                   project_templates: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Write ``out/<article>/<lang>.<format>`` (``options.out``) for each document — in
    ``options.formats`` and in every other format that ``out`` already holds for it, so that no
    edition keeps an earlier run's text —; remove the editions of ``refused`` languages (stale);
    update ``out/index.json`` and, with ``html``, ``out/index.html`` (the front page, listing every
    article published into ``out`` so far).

    Returns ``(written, removed)``.  ``options.preview`` adds provenance and the editor's notes;
    ``project_templates`` is the project's HTML templates directory (:class:`Edition`).
    """
    out, formats, preview = options.out, options.formats or FORMATS, options.preview
    if out is None:
        raise ValueError("write_editions needs options.out (publish --check writes nothing)")
    written, removed = [], []
    for doc in docs:
        edition = Edition(doc, preview, project_templates)
        existing = [fmt for fmt in FORMATS if (out / doc.name / f"{doc.lang}.{fmt}").exists()]
        for fmt in dict.fromkeys([*formats, *existing]):
            path = _inside(out, out / doc.name / f"{doc.lang}.{fmt}")
            atomic_write(path, RENDERERS[fmt](edition))
            written.append(path)
    for report in refused:
        for path in edition_paths(out, report.article, report.lang):
            if path.exists():
                path.unlink()
                removed.append(path)
    if not docs and not removed:
        return written, removed
    manifest = read_manifest(out)
    by_name: dict[str, list[PublishedArticle]] = {}
    for doc in docs:
        by_name.setdefault(doc.name, []).append(doc)
    for name, versions in by_name.items():
        manifest[name] = _manifest_entry(versions)
    for report in refused:  # a refused language is no longer a version, even of an article not rewritten now
        if report.article in manifest and report.article not in by_name:
            entry = manifest[report.article]
            entry["versions"] = [v for v in entry["versions"] if v["lang"] != report.lang]
    data = {"format_version": MANIFEST_VERSION, "articles": [manifest[name] for name in sorted(manifest)]}
    atomic_write(out / MANIFEST, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    written.append(out / MANIFEST)
    if ("html" in formats or (out / "index.html").exists()) and manifest:
        source_lang = (docs[0].source_lang if docs else next(iter(manifest.values()))["versions"][0]["lang"])
        html = render_html.render_index(index_entries(manifest, refused if preview else []), source_lang,
                                        project_templates, preview)
        atomic_write(out / "index.html", html)
        written.append(out / "index.html")
    return written, removed


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


def publish_project(config: ProjectConfig, names: list[str], options: PublishOptions = PublishOptions()
                    ) -> PublishResult:
    """Gate, assemble and (unless ``options.out`` is None: ``publish --check``) write the named
    articles (names, files or directories: :func:`~translate_pipeline.source.readers.article_paths`; default all).

    Besides ``options.langs``, every language that already has an edition of the article in
    ``out`` is published again (or, when refused now, removed), so the language links
    of all pages of an article stay symmetric.
    """
    out, policy, date = options.out, options.policy, options.date
    for fmt in options.formats:
        if fmt not in FORMATS:
            raise PipelineError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    requested = list(options.langs) or default_langs(config)
    templates = config.publish.templates
    project_templates = resolve_path(config.root, templates) if templates else None
    known = list(dict.fromkeys(requested + default_langs(config)))
    result = PublishResult()
    qa = QARun(config)  # the same QA that ``stats`` and ``check`` run
    for article in load_articles(config, article_paths(config, names)):
        article_langs = list(dict.fromkeys(requested + existing_editions(out, article.name, known)))
        catalogs, findings = {}, {}
        for lang in {"kk" if lang == KK_LATN else lang for lang in article_langs} - {article.lang}:
            where = po_path(config, lang, article.name)
            po = read_catalog(where) if where.exists() else None
            catalogs[lang] = (po, where)
            findings[lang] = qa.catalog(po, article.name, lang) if po is not None else []
        docs, refused = publish_article(article, article_langs, catalogs, policy, date, findings)
        result.published += docs
        result.refused += refused
    if out is not None:  # None: gate only (``publish --check``)
        result.written, result.removed = write_editions(result.published, options, result.refused,
                                                        project_templates)
    return result
