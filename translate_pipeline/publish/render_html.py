"""HTML edition: one page per language with hreflang alternates, plus an index of articles.

Templates are Jinja2 with autoescape on; a project overrides any of them by
putting a file of the same name in its ``[publish] templates`` directory,
which is searched before the package's own ``translate_pipeline/templates``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
from markupsafe import Markup

from translate_pipeline.publish import inline
from translate_pipeline.publish.assemble import (
    SOURCE_FALLBACK,
    UNREVIEWED,
    PublishedArticle,
    list_kind,
    mark,
)
from translate_pipeline.publish.locale_text import (
    autonym,
    date_text,
    label,
    language_name,
)

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ARTICLE_TEMPLATE = "article.html.j2"
INDEX_TEMPLATE = "index.html.j2"


def environment(project_templates: Path | None = None) -> jinja2.Environment:
    search = [str(project_templates)] if project_templates else []
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(search + [str(PACKAGE_TEMPLATES)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def page_name(lang: str) -> str:
    """File name of one language version inside the article's directory."""
    return f"{lang}.html"


@dataclass(frozen=True)
class Alternate:
    lang: str
    href: str
    name: str  # autonym, for the switcher
    current: bool


@dataclass(frozen=True)
class SentenceView:
    html: Markup
    status: str
    lang: str | None  # set when the sentence is not in the page's language
    note: str  # status in words ("" for reviewed/original text)
    mark: str  # short tag after the sentence ("MT", "TM", "draft", "ru")
    provenance: str


@dataclass(frozen=True)
class BlockView:
    kind: str
    level: int
    marker: str
    sentences: tuple[SentenceView, ...]
    list_start: bool = False  # items: first of its list (open <ul>/<ol>)
    list_end: bool = False  # items: last of its list

    @property
    def ordered(self) -> bool:
        return self.marker[:1].isdigit()


def _blocks(doc: PublishedArticle) -> list[BlockView]:
    views = []
    for block in doc.blocks:
        sentences = tuple(
            SentenceView(
                html=inline.to_html(s.text, doc.format),
                status=s.status,
                lang=doc.source_lang if s.status == SOURCE_FALLBACK else None,
                note=label(s.status, doc.lang) if s.status in (*UNREVIEWED, SOURCE_FALLBACK) else "",
                mark=mark(s.status, doc.source_lang),
                provenance=s.provenance or "",
            )
            for s in block.sentences
        )
        views.append(BlockView(block.kind, block.level, block.marker, sentences))
    kinds = [None] + [list_kind(v.kind, v.marker) for v in views] + [None]
    return [
        replace(v, list_start=kinds[i + 1] is not None and kinds[i] != kinds[i + 1],
                list_end=kinds[i + 1] is not None and kinds[i + 2] != kinds[i + 1])
        for i, v in enumerate(views)
    ]


def _notices(doc: PublishedArticle) -> list[str]:
    notices = []
    if doc.count(*UNREVIEWED):
        notices.append(label("unreviewed", doc.lang))
    if doc.count(SOURCE_FALLBACK):
        notices.append(label("fallback", doc.lang))
    if doc.policy.untranslated == "skip" and doc.lang != doc.source_lang:
        notices.append(label("skipped", doc.lang))
    return notices


def render_article(doc: PublishedArticle, env: jinja2.Environment) -> str:
    """The page of ``doc``; ``doc.languages`` lists the versions to link to."""
    langs = doc.languages or (doc.lang,)
    alternates = [Alternate(lang, page_name(lang), autonym(lang), lang == doc.lang) for lang in langs]
    blocks = _blocks(doc)
    return env.get_template(ARTICLE_TEMPLATE).render(
        lang=doc.lang,
        source_lang=doc.source_lang,
        name=doc.name,
        title_text=inline.to_plain(doc.title, doc.format),
        title=next((b for b in blocks if b.kind == "title"), None),
        blocks=[b for b in blocks if b.kind != "title"],
        alternates=alternates,
        x_default=page_name(doc.source_lang) if doc.source_lang in langs else None,
        date_iso=doc.date.isoformat(),
        date_text=date_text(doc.date, doc.lang),
        notices=_notices(doc),
        index_href="../index.html",
        label=lambda key: label(key, doc.lang),
        language_name=lambda tag: language_name(tag, doc.lang),
    )


@dataclass(frozen=True)
class IndexEntry:
    name: str
    versions: tuple[tuple[str, str, str, str], ...]  # (lang, href, autonym, title)


def render_index(docs: list[PublishedArticle], lang: str, env: jinja2.Environment) -> str:
    """The list of articles, each with a link per published language."""
    by_name: dict[str, list[PublishedArticle]] = {}
    for doc in docs:
        by_name.setdefault(doc.name, []).append(doc)
    entries = [
        IndexEntry(name, tuple(
            (d.lang, f"{name}/{page_name(d.lang)}", autonym(d.lang), inline.to_plain(d.title, d.format))
            for d in versions
        ))
        for name, versions in sorted(by_name.items())
    ]
    return env.get_template(INDEX_TEMPLATE).render(
        lang=lang, entries=entries, label=lambda key: label(key, lang),
    )
