"""HTML edition: one page per language with hreflang alternates, plus an index of articles.

Templates are Jinja2 with autoescape on; a project overrides any of them by
putting a file of the same name in its ``[publish] templates`` directory,
which is searched before the package's own ``translate_pipeline/templates``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.publish import inline, layout
from translate_pipeline.publish.assemble import (
    SOURCE_FALLBACK,
    UNREVIEWED,
    PublishedArticle,
    mark,
)
from translate_pipeline.publish.edition import Edition
from translate_pipeline.publish.locale_text import (
    autonym,
    date_text,
    label,
    language_name,
)
from translate_pipeline.source.markup import is_safe_url, to_plain

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ARTICLE_TEMPLATE = "article.html.j2"
INDEX_TEMPLATE = "index.html.j2"


@functools.lru_cache(maxsize=16)
def environment(project_templates: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment of a templates directory (built once per directory: it caches the
    compiled templates; a changed template file is reloaded, jinja2 checks its time stamp)."""
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
    before: Markup = Markup()  # container elements closed and opened before the block (lists, quotes, tables)
    after: Markup = Markup()  # … closed after the last block
    cell: str = ""  # table cells: "th" | "td"
    align: str = ""  # table cells: left | center | right
    src: str = ""  # images: a safe address ("" when the source's was refused)
    title: str = ""  # images
    code: str = ""  # code blocks, verbatim
    info: str = ""  # code blocks: the language


def _open(container: layout.Container) -> str:
    if container.tag == "list":
        if not container.ordered:
            return "<ul>"
        return f'<ol start="{container.start}">' if container.start != 1 else "<ol>"
    return {"quote": "<blockquote>"}.get(container.tag, f"<{container.tag}>")


def _close(container: layout.Container) -> str:
    if container.tag == "list":
        return "</ol>" if container.ordered else "</ul>"
    return {"quote": "</blockquote>"}.get(container.tag, f"</{container.tag}>")


def _blocks(doc: PublishedArticle, preview: bool = False) -> list[BlockView]:
    """Views of the blocks, each with the container markup around it (see :mod:`layout`)."""
    chains = layout.containers(doc.blocks)
    moves = layout.transitions(chains)
    views = []
    for block, (closes, opens) in zip(doc.blocks, moves):
        sentences = tuple(
            SentenceView(
                html=inline.to_html(s.text, doc.format) if block.kind != "image" else escape(s.text),
                status=s.status,
                lang=doc.source_lang if s.status == SOURCE_FALLBACK else None,
                note=label(s.status, doc.lang) if s.status in (*UNREVIEWED, SOURCE_FALLBACK) else "",
                mark=mark(s.status, doc.source_lang),
                provenance=(s.provenance or "") if preview else "",
            )
            for s in block.sentences
        )
        before = Markup("".join(map(_close, closes)) + "".join(map(_open, opens)))
        views.append(BlockView(
            block.kind, block.level, block.marker, sentences, before,
            cell=("th" if block.cell.row == 0 else "td") if block.cell else "",
            align=block.cell.align if block.cell else "",
            src=block.src if is_safe_url(block.src) else "",
            title=block.title, code=block.code, info=block.info,
        ))
    if views:
        views[-1] = replace(views[-1], after=Markup("".join(map(_close, layout.closes_after(chains)))))
    return views


def _notices(doc: PublishedArticle) -> list[str]:
    notices = []
    if doc.count(*UNREVIEWED):
        notices.append(label("unreviewed", doc.lang))
    if doc.count(SOURCE_FALLBACK):
        notices.append(label("fallback", doc.lang))
    if doc.policy.untranslated == "skip" and doc.lang != doc.source_lang:
        notices.append(label("skipped", doc.lang))
    return notices


def href(*parts: str) -> str:
    """A relative link: ``./`` + URL-encoded path segments (article names are checked at read time)."""
    return "./" + "/".join(quote(part, safe="") for part in parts)


def render_article(edition: Edition) -> str:
    """The HTML page of ``edition.article``; ``article.languages`` lists the versions to link to.

    ``edition.preview``: the editor's draft view — a banner, and each sentence's provenance
    (``data-provenance``, the entry's Origin line), which public pages never carry.
    """
    doc, preview = edition.article, edition.preview
    env = environment(edition.templates)
    langs = doc.languages or (doc.lang,)
    alternates = [Alternate(lang, href(page_name(lang)), autonym(lang), lang == doc.lang) for lang in langs]
    blocks = _blocks(doc, preview)
    return _render(
        env, ARTICLE_TEMPLATE,
        lang=doc.lang,
        source_lang=doc.source_lang,
        name=doc.name,
        title_text=to_plain(doc.title, doc.format),
        title=next((b for b in blocks if b.kind == "title"), None),
        blocks=[b for b in blocks if b.kind != "title"],
        alternates=alternates,
        x_default=href(page_name(doc.source_lang)) if doc.source_lang in langs else None,
        date_iso=doc.date.isoformat(),
        date_text=date_text(doc.date, doc.lang),
        notices=_notices(doc),
        index_href="../index.html",
        preview=preview,
        label=lambda key: label(key, doc.lang),
        language_name=lambda tag: language_name(tag, doc.lang),
    )


@dataclass(frozen=True)
class IndexVersion:
    lang: str
    href: str  # relative to the index: ./<article>/<lang>.html
    name: str  # the language's autonym
    title: str  # the headline in that language, plain text


@dataclass(frozen=True)
class IndexEntry:
    """One article on the front page: its headline in every published language."""

    name: str
    date_iso: str
    date_text: str
    versions: tuple[IndexVersion, ...]  # the source language first
    pending: tuple[tuple[str, str, str], ...] = ()  # preview: (lang, autonym, why it is not published)


def render_index(entries: list[IndexEntry], lang: str, templates: Path | None = None, preview: bool = False) -> str:
    """The front page: one entry per article, newest first; interface words in ``lang``;
    ``templates``: the project's templates directory, as for :class:`Edition`."""
    return _render(environment(templates), INDEX_TEMPLATE, lang=lang, entries=entries, preview=preview,
                   label=lambda key: label(key, lang))


def _render(env: jinja2.Environment, template: str, /, **context) -> str:
    """``template`` rendered; a broken one (``[publish] templates`` are the project's own) is a
    one-line PipelineError naming the template file and its line."""
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise PipelineError(f"template error: {exc.message}", exc.filename or template, exc.lineno) from exc
    except RecursionError as exc:
        raise PipelineError("template error: it includes or calls itself without end",
                            *_where(exc, template)) from exc
    except Exception as exc:  # noqa: BLE001 -- whatever the template's own code raises (1/0, an undefined name)
        text = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
        raise PipelineError(f"template error: {type(exc).__name__}: {text}", *_where(exc, template)) from exc


def _where(exc: BaseException, template: str) -> tuple[str, int | None]:
    """The template file and line the failure happened in (Jinja2 puts template frames into the traceback)."""
    found: tuple[str, int | None] = (template, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
