"""Where every page of the site lives, and the links between pages.

The layout of ``--out``::

    index.html                  front page of the source language ([publish] source_front_page = "root"),
                                or a language chooser ("folder": the source's front page is in <lang>/)
    <lang>/index.html           front page of every other published language (en/, kk/, kk-Latn/)
    feed.xml, <lang>/feed.xml   Atom feed beside each front page (with base_url)
    sitemap.xml                 every page with its language alternates (with base_url)
    <article>/<lang>.<format>   the editions
    index.json                  the site's manifest (articles, editions, dates)

Links between pages are relative (the site works from a folder, ``file://`` and any host);
with ``[publish] base_url`` the canonical, ``hreflang``, Open Graph, JSON-LD, feed and
sitemap addresses are absolute, as search engines and aggregators require
(Google Search Central, "Tell Google about localized versions of your page"; RFC 4287 §4.2.6).
"""
from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from translate_pipeline.core.errors import PipelineError

FRONT_PAGE = "index.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"


def check_base_url(value: str) -> str:
    """``value`` as a base URL ending in ``/``; a one-line PipelineError unless it is an absolute
    http(s) URL without query or fragment (a sitemap's ``loc`` must be a full URL, sitemaps.org)."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise PipelineError(f"base_url must be an absolute http(s) address like https://news.example.kz/, "
                            f"got {value!r}")
    return value.strip() if value.strip().endswith("/") else value.strip() + "/"


@dataclass(frozen=True)
class Site:
    """The paths of a site's pages (POSIX, relative to ``--out``) and the links between them."""

    source_lang: str
    base_url: str | None = None  # checked by :func:`check_base_url`: ends in "/"
    source_at_root: bool = True  # the source language's front page is index.html, not <lang>/index.html

    def edition(self, name: str, lang: str, fmt: str = "html") -> str:
        return f"{name}/{lang}.{fmt}"

    def front_dir(self, lang: str) -> str:
        """The folder of ``lang``'s front page and feed: "" (the root) or ``<lang>/``."""
        return "" if lang == self.source_lang and self.source_at_root else f"{lang}/"

    def front_page(self, lang: str) -> str:
        return self.front_dir(lang) + FRONT_PAGE

    def feed(self, lang: str) -> str:
        return self.front_dir(lang) + FEED

    def href(self, page: str, target: str) -> str:
        """The relative link from ``page`` to ``target`` (both site paths), URL-encoded."""
        start = posixpath.dirname(page) or "."
        relative = posixpath.relpath(target, start)
        encoded = "/".join(part if part == ".." else quote(part, safe="") for part in relative.split("/"))
        return encoded if encoded.startswith("..") else "./" + encoded

    def url(self, target: str) -> str | None:
        """The absolute address of ``target`` (a front page as its folder: ``…/en/``), None without base_url."""
        if self.base_url is None:
            return None
        if target == FRONT_PAGE or target.endswith("/" + FRONT_PAGE):
            target = target[: -len(FRONT_PAGE)]
        return urljoin(self.base_url, "/".join(quote(part, safe="") for part in target.split("/")))

    def link(self, page: str, target: str) -> str:
        """Absolute with base_url, else relative from ``page``: the head's canonical and alternates."""
        return self.url(target) or self.href(page, target)


@dataclass(frozen=True)
class Listed:
    """One edition as the site's manifest lists it: what front pages, feeds and the sitemap show."""

    lang: str
    title: str  # plain text
    lead: str  # plain text, "" when the article has no paragraph
    date: datetime.datetime  # first publication of this edition (UTC)
    modified: datetime.datetime | None = None  # its text's last change (UTC)

    @property
    def updated(self) -> datetime.datetime:
        return self.modified or self.date


@dataclass(frozen=True)
class ListedArticle:
    name: str
    editions: tuple[Listed, ...]  # the source language first

    @property
    def date(self) -> datetime.datetime:
        """The article's first publication: its earliest edition's."""
        return min(e.date for e in self.editions)

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(e.lang for e in self.editions)

    def edition(self, lang: str) -> Listed | None:
        return next((e for e in self.editions if e.lang == lang), None)


@dataclass(frozen=True)
class Pending:
    """A language of an article not on the site (preview front pages say why)."""

    lang: str
    reason: str  # "no catalog" | "not ready" | "derived" (kk-Latn whose kk is not ready)
    count: int = 0  # sentences not ready
    derived_from: str = ""


def front_order(articles: list[ListedArticle], langs: list[str]) -> list[ListedArticle]:
    """Newest first by the moment of first publication (so the stories of one day keep the order
    they were published in); stories published in the same run, the ones in every one of the
    site's ``langs`` first, then by name: the same order on every front page and feed, which only
    a new publication (not a republish) changes."""
    every = set(langs)
    return sorted(articles, key=lambda a: (-a.date.timestamp(), not every <= set(a.langs), a.name))


def site_languages(articles: list[ListedArticle], source_lang: str, preferred: list[str]) -> list[str]:
    """The languages the site has editions in: the source first, then ``preferred`` (the project's
    order), then any other, alphabetically."""
    present = {lang for a in articles for lang in a.langs}
    ordered = [source_lang] + [lang for lang in preferred if lang != source_lang]
    return [lang for lang in ordered if lang in present] + sorted(present - set(ordered))
