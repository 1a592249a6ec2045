"""Publishing as a whole: read sources and catalogs, gate, assemble, write every format.

``publish_article`` is pure (Article + catalogs in, documents and refusals out);
``write_editions`` and ``publish_project`` are the I/O edges the CLI calls.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

import polib

from translate_pipeline.article import Article
from translate_pipeline.config import ProjectConfig
from translate_pipeline.errors import PipelineError
from translate_pipeline.jobs import load_articles
from translate_pipeline.po_files import atomic_write, read_catalog
from translate_pipeline.project import po_path
from translate_pipeline.publish import render_html
from translate_pipeline.qa import QARun
from translate_pipeline.publish.assemble import KK_LATN, PublishedArticle, assemble, to_kk_latn
from translate_pipeline.publish.gate import GateReport, Policy, check
from translate_pipeline.publish.render_json import render_json
from translate_pipeline.publish.render_md import render_markdown
from translate_pipeline.publish.render_txt import render_text
from translate_pipeline.source import ARTICLE_SUFFIXES, article_name

FORMATS = ("html", "md", "txt", "json")
PUBLISH_KEYS = ("kk_latin", "templates")  # the [publish] section
_RENDERERS = {"md": render_markdown, "txt": render_text, "json": render_json}


@dataclass
class PublishResult:
    published: list[PublishedArticle] = field(default_factory=list)
    refused: list[GateReport] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


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


def write_editions(docs: list[PublishedArticle], out: Path, formats: list[str],
                   project_templates: Path | None = None, index: bool = True) -> list[Path]:
    """``out/<article>/<lang>.<format>`` for each document, and (``index``) ``out/index.html`` listing them."""
    written = []
    env = render_html.environment(project_templates) if "html" in formats else None
    for doc in docs:
        folder = out / doc.name
        for fmt in formats:
            text = render_html.render_article(doc, env) if fmt == "html" else _RENDERERS[fmt](doc)
            path = folder / f"{doc.lang}.{fmt}"
            atomic_write(path, text)
            written.append(path)
    if index and env is not None and docs:
        path = out / "index.html"
        atomic_write(path, render_html.render_index(docs, docs[0].source_lang, env))
        written.append(path)
    return written


def default_langs(config: ProjectConfig) -> list[str]:
    """Source, targets, and ``kk-Latn`` whenever Kazakh is a target (``[publish] kk_latin = false`` opts out)."""
    langs = [config.source_lang] + [lang for lang in config.target_langs if lang != config.source_lang]
    kk_latin = config.section("publish", PUBLISH_KEYS).get("kk_latin", True)
    if not isinstance(kk_latin, bool):
        raise PipelineError("[publish] kk_latin must be true or false", config.config_path)
    if "kk" in langs and kk_latin:
        langs.append(KK_LATN)
    return langs


def article_paths(config: ProjectConfig, names: list[str]) -> list[Path]:
    """Files or directories (relative to the project, as for ``translate``), or article names looked
    up in ``articles/``; all articles if none."""
    if not names:
        return [config.articles_path]
    paths = []
    for name in names:
        path = config.root / name
        if path.exists():
            paths.append(path)
            continue
        matches = sorted(p for ext in ARTICLE_SUFFIXES for p in config.articles_path.glob(f"{name}.*{ext}")
                         if article_name(p, config.source_lang) == name)
        if not matches:
            raise PipelineError(f"no article named {name!r} in {config.articles_dir}/ and no such file")
        paths.extend(matches)
    return paths


def publish_project(config: ProjectConfig, names: list[str], out: Path | None, formats: list[str] | None = None,
                    langs: list[str] | None = None, policy: Policy = Policy(),
                    date: datetime.date | None = None) -> PublishResult:
    formats = formats or list(FORMATS)
    for fmt in formats:
        if fmt not in FORMATS:
            raise PipelineError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    langs = langs or default_langs(config)
    templates = config.section("publish", PUBLISH_KEYS).get("templates")
    if templates is not None and not isinstance(templates, str):
        raise PipelineError("[publish] templates must be a directory path", config.config_path)
    project_templates = (config.root / templates) if templates else None
    result = PublishResult()
    qa = QARun(config)  # the same QA that ``stats`` and ``check`` run
    for article in load_articles(config, article_paths(config, names)):
        catalogs, findings = {}, {}
        for lang in {"kk" if lang == KK_LATN else lang for lang in langs} - {article.lang}:
            where = po_path(config, lang, article.name)
            po = read_catalog(where) if where.exists() else None
            catalogs[lang] = (po, where)
            findings[lang] = qa.catalog(po, article.name, lang) if po is not None else []
        docs, refused = publish_article(article, langs, catalogs, policy, date, findings)
        result.published += docs
        result.refused += refused
    if out is not None:  # None: gate only (``publish --check``)
        # The index lists what this run published, so only a run over all articles rewrites it.
        result.written = write_editions(result.published, out, formats, project_templates, index=not names)
    return result
