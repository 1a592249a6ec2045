"""HTML edition: one page per language with its language alternates, plus the front pages.

Templates are Jinja2 with autoescape on and the ``i18n`` extension (interface words are
gettext messages, :mod:`~translate_pipeline.publish.locale_text`); a project overrides any
of them by putting a file of the same name in its ``[publish] templates`` directory, which
is searched before the package's own ``translate_pipeline/templates``.

Every page's head carries what link previews, search engines and aggregators read
(``_head.html.j2``): description (the lead), canonical and ``hreflang`` alternates with
``x-default`` (absolute with a base URL), Open Graph and Twitter card tags and, on article
pages, schema.org ``NewsArticle`` JSON-LD linking the editions by ``translationOfWork`` /
``workTranslation`` (https://schema.org/NewsArticle, https://schema.org/translationOfWork).
"""
from __future__ import annotations

import datetime
import functools
import json
from dataclasses import dataclass, replace
from pathlib import Path

from urllib.parse import quote, urljoin

import jinja2
from babel.core import get_global, parse_locale
from markupsafe import Markup, escape

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.langs import Tag
from translate_pipeline.publish import clock, inline, layout
from translate_pipeline.publish.assemble import (
    SOURCE_FALLBACK,
    UNREVIEWED,
    PublishedArticle,
    mark,
)
from translate_pipeline.publish.edition import Edition
from translate_pipeline.publish.locale_text import STATUS_NOTES, SiteText, autonym
from translate_pipeline.publish.site import ListedArticle, Pending, Site
from translate_pipeline.source.markup import is_safe_url, to_plain

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ARTICLE_TEMPLATE = "article.html.j2"
INDEX_TEMPLATE = "index.html.j2"
LANGUAGES_TEMPLATE = "languages.html.j2"
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # RFC 3986 reserved characters and "%": an address's own syntax
DESCRIPTION_CHARS = 200  # a search result shows about 155–160 characters; link previews about 200


@jinja2.pass_context
def _gettext(context: jinja2.runtime.Context, message: str) -> str:
    return context["text"].gettext(message)


@jinja2.pass_context
def _ngettext(context: jinja2.runtime.Context, singular: str, plural: str, n: int) -> str:
    return context["text"].ngettext(singular, plural, n)


@functools.lru_cache(maxsize=16)
def environment(project_templates: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment of a templates directory (built once per directory: it caches the
    compiled templates; a changed template file is reloaded, jinja2 checks its time stamp)."""
    search = [str(project_templates)] if project_templates else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search + [str(PACKAGE_TEMPLATES)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # newstyle: {% trans %} variables are escaped, the message itself is trusted like the template
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    return env


@dataclass(frozen=True)
class Alternate:
    lang: str
    href: str  # relative, for the switcher
    name: str  # autonym, for the switcher
    current: bool
    link: str = ""  # for the head: absolute with a base URL, else relative


@dataclass(frozen=True)
class PageMeta:
    """What ``_head.html.j2`` writes into a page's head (see its comment)."""

    title: str
    description: str
    site_name: str
    og_type: str  # "article" | "website"
    og_locale: str
    og_alternates: tuple[str, ...] = ()
    canonical: str | None = None
    alternates: tuple[Alternate, ...] = ()
    x_default: str | None = None
    feed: str | None = None
    feed_title: str = ""
    published: str | None = None
    modified: str | None = None
    image: str | None = None
    json_ld: Markup | None = None


def og_locale(tag: str) -> str:
    """Open Graph's ``language_TERRITORY`` (``ru_RU``, ``kk_KZ``, ``en_US``, ``pt_BR``): the tag's region,
    else CLDR's likely one.  A script other than the language's usual one is kept between them, in
    CLDR's locale identifier form (``kk-Latn`` → ``kk_Latn_KZ``, beside the Cyrillic ``kk_KZ``;
    ``zh-Hant`` → ``zh_Hant_TW``): the Open Graph protocol (https://ogp.me/#optional) and Facebook's
    locale list have no form for a script, and without it two editions of one language in two
    alphabets would carry the same locale, which no consumer could tell apart."""
    parsed = Tag.parse(tag)
    likely = get_global("likely_subtags")
    found = parse_locale(likely.get(f"{parsed.language}_{parsed.script}") or likely.get(parsed.language, parsed.language))
    usual = Tag.parse(parsed.language).iso_script
    script = parsed.script if parsed.script and parsed.script != usual else None
    return "_".join(part for part in (found[0], script, parsed.region or found[1]) if part)


def description(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """``text`` cut at a word boundary before ``limit`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"


def json_ld(data: dict) -> Markup:
    """JSON-LD for a ``<script>`` element: ``<``, ``>`` and ``&`` as JSON escapes, so no text in it
    (a headline with ``</script>``) can close the element (HTML § 4.12.1.3)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _absolute_image(site: Site, page: str, src: str) -> str | None:
    """The image address for link previews: absolute (Open Graph requires it), so only with a base URL."""
    if not src or not is_safe_url(src):
        return None
    src = quote(src, safe=_URL_SAFE)  # spaces and non-ASCII letters percent-encoded, escapes kept
    if src.startswith(("http://", "https://")):
        return src
    page_url = site.url(page)
    return urljoin(page_url, src) if page_url else None


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


def _blocks(doc: PublishedArticle, text: SiteText, preview: bool = False) -> list[BlockView]:
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
                note=text.gettext(STATUS_NOTES[s.status]) if s.status in (*UNREVIEWED, SOURCE_FALLBACK) else "",
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


def _notices(doc: PublishedArticle, text: SiteText) -> list[str]:
    notices = []
    if doc.count(*UNREVIEWED):
        notices.append(text.gettext("Sentences marked as machine translation have not been reviewed by a translator."))
    if doc.count(SOURCE_FALLBACK):
        notices.append(text.gettext("Sentences marked as original are not translated yet and are shown in the "
                                    "original language."))
    if doc.policy.untranslated == "skip" and doc.lang != doc.source_lang:
        notices.append(text.gettext("Untranslated sentences are left out of this version."))
    return notices


def _iso(moment: datetime.datetime | None) -> str | None:
    return clock.iso(moment) if moment else None


def _feed_title(site_name: str, text: SiteText) -> str:
    return f"{site_name} — {text.gettext('Articles')}"


def article_json_ld(edition: Edition) -> dict:
    """schema.org ``NewsArticle`` of the edition; the source edition lists its translations
    (``workTranslation``), every translation names the source (``translationOfWork``)."""
    doc, site = edition.article, edition.where
    page = site.edition(doc.name, doc.lang)

    def work(lang: str) -> dict:
        return {"@type": "NewsArticle", "@id": site.link(page, site.edition(doc.name, lang)), "inLanguage": lang}

    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": site.link(page, page),
        "headline": description(to_plain(doc.title, doc.format), 110),  # Google: at most 110 characters
        "inLanguage": doc.lang,
        "datePublished": clock.iso(doc.date),
        "dateModified": clock.iso(doc.modified or doc.date),
        "publisher": {"@type": "Organization", "name": edition.site_name},
    }
    if site.base_url:
        data |= {"url": site.url(page), "mainEntityOfPage": site.url(page)}
    if doc.lead:
        data["description"] = description(doc.lead)
    image = _absolute_image(site, page, doc.image)
    if image:
        data["image"] = [image]
    others = [lang for lang in doc.languages if lang != doc.lang]
    if doc.lang == doc.source_lang and others:
        data["workTranslation"] = [work(lang) for lang in others]
    elif doc.lang != doc.source_lang and doc.source_lang in doc.languages:
        data["translationOfWork"] = work(doc.source_lang)
    return data


def render_article(edition: Edition) -> str:
    """The HTML page of ``edition.article``; ``article.languages`` lists the versions to link to.

    ``edition.preview``: the editor's draft view — a banner, and each sentence's provenance
    (``data-provenance``, the entry's Origin line), which public pages never carry.
    """
    doc, preview, site, text = edition.article, edition.preview, edition.where, edition.text
    env = environment(edition.templates)
    page = site.edition(doc.name, doc.lang)
    langs = doc.languages or (doc.lang,)
    alternates = tuple(Alternate(lang, site.href(page, site.edition(doc.name, lang)), autonym(lang), lang == doc.lang,
                                 site.link(page, site.edition(doc.name, lang))) for lang in langs)
    blocks = _blocks(doc, text, preview)
    title_text = to_plain(doc.title, doc.format)
    meta = PageMeta(
        title=title_text, description=description(doc.lead), site_name=edition.site_name, og_type="article",
        og_locale=og_locale(doc.lang),
        og_alternates=tuple(dict.fromkeys(og_locale(lang) for lang in langs if og_locale(lang) != og_locale(doc.lang))),
        canonical=site.url(page), alternates=alternates if len(langs) > 1 or site.base_url else (),
        x_default=site.link(page, site.edition(doc.name, doc.source_lang)) if doc.source_lang in langs else None,
        feed=site.url(site.feed(doc.lang)), feed_title=_feed_title(edition.site_name, text),
        published=clock.iso(doc.date), modified=_iso(doc.modified),
        image=_absolute_image(site, page, doc.image), json_ld=json_ld(article_json_ld(edition)),
    )
    return _render(
        env, ARTICLE_TEMPLATE,
        text=text,
        meta=meta,
        lang=doc.lang,
        source_lang=doc.source_lang,
        name=doc.name,
        title_text=title_text,
        title=next((b for b in blocks if b.kind == "title"), None),
        blocks=[b for b in blocks if b.kind != "title"],
        alternates=alternates,
        date_iso=clock.iso(doc.date),
        date_text=text.date(clock.day(doc.date)),
        modified_iso=_iso(doc.modified),
        modified_text=text.date(clock.day(doc.modified)) if doc.modified else "",
        notices=_notices(doc, text),
        index_href=site.href(page, site.front_page(doc.lang)),
        preview=preview,
        language_name=text.language_name,
    )


@dataclass(frozen=True)
class FrontLink:
    """A link to another language: a front page in the switcher, an edition under a headline."""

    lang: str
    href: str
    name: str  # the language's autonym
    current: bool = False


@dataclass(frozen=True)
class PendingView:
    lang: str
    name: str  # the language's autonym
    why: str  # in the page's language


@dataclass(frozen=True)
class FrontEntry:
    """One article on a front page, in the page's language."""

    name: str
    title: str
    href: str
    date_iso: str
    date_text: str
    lead: str
    others: tuple[FrontLink, ...]  # its editions in the other languages
    pending: tuple[PendingView, ...] = ()  # preview: languages not published, and why


@dataclass(frozen=True)
class FrontPage:
    """What a front page (or the language chooser) is made of; see :func:`render_front`."""

    site: Site
    langs: tuple[str, ...]  # the site's languages, the source first
    site_name: str
    templates: Path | None = None
    preview: bool = False


def _pending_text(pending: Pending, text: SiteText) -> str:
    """Why a language is not published, in the page's language."""
    if pending.reason == "derived":
        return text.gettext("made from {lang}, which is not ready").format(lang=pending.derived_from)
    if pending.reason == "no catalog":
        return text.gettext("no catalog")
    return text.ngettext("{n} sentence not ready", "{n} sentences not ready", pending.count).format(n=pending.count)


def _front_meta(front: FrontPage, lang: str, page: str, title: str, text: SiteText) -> PageMeta:
    site = front.site
    alternates = tuple(Alternate(other, site.href(page, site.front_page(other)), autonym(other), other == lang,
                                 site.link(page, site.front_page(other))) for other in front.langs)
    return PageMeta(
        title=title, description="", site_name=front.site_name, og_type="website", og_locale=og_locale(lang),
        og_alternates=tuple(dict.fromkeys(og_locale(o) for o in front.langs if og_locale(o) != og_locale(lang))),
        canonical=site.url(page), alternates=alternates if len(front.langs) > 1 else (),
        x_default=site.link(page, "index.html") if len(front.langs) > 1 else None,
        feed=site.url(site.feed(lang)) if lang in front.langs else None, feed_title=_feed_title(front.site_name, text),
    )


def render_front(front: FrontPage, lang: str, articles: list[ListedArticle],
                 pending: dict[str, list[Pending]] | None = None) -> str:
    """The front page of ``lang``: the ``articles`` (in front-page order, :func:`~.site.front_order`)
    that have a ``lang`` edition, in ``lang``, with a switcher to the other languages' front pages;
    ``pending`` (preview) says per article which languages are not published and why."""
    site, text = front.site, SiteText(lang, front.templates)
    page = site.front_page(lang)
    entries = []
    for article in articles:
        edition = article.edition(lang)
        if edition is None:
            continue
        others = tuple(FrontLink(e.lang, site.href(page, site.edition(article.name, e.lang)), autonym(e.lang))
                       for e in article.editions if e.lang != lang)
        waiting = tuple(PendingView(p.lang, autonym(p.lang), _pending_text(p, text))
                        for p in (pending or {}).get(article.name, []))
        entries.append(FrontEntry(article.name, edition.title, site.href(page, site.edition(article.name, lang)),
                                  clock.iso(edition.date), text.date(clock.day(edition.date)),
                                  description(edition.lead, 400),
                                  others, waiting))
    heading = front.site_name if front.site_name else text.gettext("Articles")
    title = f"{front.site_name} — {text.gettext('Articles')}" if front.site_name else heading
    fronts = tuple(FrontLink(other, site.href(page, site.front_page(other)), autonym(other), other == lang)
                   for other in front.langs)
    return _render(environment(front.templates), INDEX_TEMPLATE, text=text, lang=lang, heading=heading,
                   meta=_front_meta(front, lang, page, title, text), entries=entries, fronts=fronts,
                   preview=front.preview, feed_href=site.href(page, site.feed(lang)) if site.base_url else None)


def render_languages(front: FrontPage) -> str:
    """The root page when every front page is in its language's folder: a link to each, named in
    its language; the page itself is in the source language."""
    site, lang = front.site, front.site.source_lang
    text = SiteText(lang, front.templates)
    fronts = tuple(FrontLink(other, site.href("index.html", site.front_page(other)), autonym(other))
                   for other in front.langs)
    title = front.site_name or text.gettext("Articles")
    return _render(environment(front.templates), LANGUAGES_TEMPLATE, text=text, lang=lang, fronts=fronts,
                   meta=_front_meta(front, lang, "index.html", title, text))


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
