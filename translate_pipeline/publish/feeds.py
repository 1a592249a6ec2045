"""What aggregators and search engines read: an Atom feed per language and ``sitemap.xml``.

* Atom 1.0 (RFC 4287): per language the latest ``[publish] feed_entries`` articles in
  front-page order, each entry with its permanent ``id`` (the page's address), ``published``
  (first publication), ``updated`` (last change), the lead as ``summary``, the feed language's
  edition as the one ``alternate`` link and every other language edition as a ``related`` link
  with its ``hreflang`` (RFC 4287 §4.2.7.2, §4.2.7.4).  One ``alternate`` only: feedparser, and
  readers built alike, take the last ``alternate`` as the entry's link, so a click must land on
  the feed's own language.
* Sitemap 0.9 (https://www.sitemaps.org/protocol.html) with ``xhtml:link rel="alternate"
  hreflang`` for every edition of a page and ``x-default`` (Google Search Central, "Localized
  versions of your page": each URL lists all versions, itself included).

Both need absolute addresses, so both are only written with a base URL (``[publish] base_url``).
Dates are the moments the publication record keeps (:mod:`.clock`), so the stories of one day
keep their order in a feed reader.
"""
from __future__ import annotations

import datetime

from lxml import etree

from translate_pipeline.publish import clock
from translate_pipeline.publish.locale_text import SiteText
from translate_pipeline.publish.site import ListedArticle, Site

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=clock.UTC)  # an empty feed's ``updated``


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def atom_feed(site: Site, lang: str, articles: list[ListedArticle], site_name: str, text: SiteText,
              limit: int) -> bytes:
    """The Atom feed of ``lang``: ``articles`` (front-page order) that have a ``lang`` edition, at most ``limit``."""
    if site.base_url is None:
        raise ValueError("an Atom feed needs absolute addresses: a base URL")
    listed = [a for a in articles if a.edition(lang) is not None][:limit]
    feed = etree.Element(f"{{{ATOM}}}feed", {XML_LANG: lang}, nsmap={None: ATOM})
    _sub(feed, f"{{{ATOM}}}id", site.url(site.feed(lang)))
    _sub(feed, f"{{{ATOM}}}title", f"{site_name} — {text.gettext('Articles')}")
    updated = max((a.edition(lang).updated for a in listed), default=EPOCH)
    _sub(feed, f"{{{ATOM}}}updated", clock.iso(updated))
    _sub(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=site.url(site.feed(lang)))
    _sub(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", hreflang=lang,
         href=site.url(site.front_page(lang)))
    author = _sub(feed, f"{{{ATOM}}}author")
    _sub(author, f"{{{ATOM}}}name", site_name)
    _sub(feed, f"{{{ATOM}}}generator", "translate-pipeline")
    for article in listed:
        edition = article.edition(lang)
        url = site.url(site.edition(article.name, lang))
        entry = _sub(feed, f"{{{ATOM}}}entry")
        _sub(entry, f"{{{ATOM}}}id", url)
        _sub(entry, f"{{{ATOM}}}title", edition.title)
        _sub(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", hreflang=lang, href=url)
        for other in article.editions:
            if other.lang != lang:
                _sub(entry, f"{{{ATOM}}}link", rel="related", type="text/html", hreflang=other.lang,
                     href=site.url(site.edition(article.name, other.lang)))
        _sub(entry, f"{{{ATOM}}}published", clock.iso(edition.date))
        _sub(entry, f"{{{ATOM}}}updated", clock.iso(edition.updated))
        if edition.lead:
            _sub(entry, f"{{{ATOM}}}summary", edition.lead, type="text")
    return _serialize(feed)


def sitemap(site: Site, langs: list[str], articles: list[ListedArticle], fronts: bool = True) -> bytes:
    """``sitemap.xml``: every HTML edition (and, with ``fronts``, every front page) with its
    ``lastmod`` and the ``xhtml:link`` alternates of all its language versions plus ``x-default``."""
    if site.base_url is None:
        raise ValueError("a sitemap needs absolute addresses: a base URL")
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "xhtml": XHTML})

    def add(page: str, lastmod: datetime.datetime | None, versions: list[tuple[str, str]], default: str) -> None:
        url = _sub(root, f"{{{SITEMAP}}}url")
        _sub(url, f"{{{SITEMAP}}}loc", site.url(page))
        if lastmod is not None:  # W3C Datetime, as sitemaps.org asks
            _sub(url, f"{{{SITEMAP}}}lastmod", clock.iso(lastmod))
        if len(versions) > 1:
            for lang, target in versions + [("x-default", default)]:
                _sub(url, f"{{{XHTML}}}link", rel="alternate", hreflang=lang, href=site.url(target))

    if fronts:
        front_versions = [(lang, site.front_page(lang)) for lang in langs]
        newest = {lang: max((a.edition(lang).updated for a in articles if a.edition(lang)), default=None)
                  for lang in langs}
        if "index.html" not in dict(front_versions).values():  # the root is the language chooser
            add("index.html", max(filter(None, newest.values()), default=None), front_versions, "index.html")
        for lang, page in front_versions:
            add(page, newest[lang], front_versions, "index.html")
    for article in articles:
        versions = [(e.lang, site.edition(article.name, e.lang)) for e in article.editions]
        default = site.edition(article.name, article.editions[0].lang)
        for edition in article.editions:
            add(site.edition(article.name, edition.lang), edition.updated, versions, default)
    return _serialize(root)
