"""What every publish format renders: one :class:`Edition`, through one :class:`Renderer` signature.

An edition is one language version of one article as published
(:class:`~translate_pipeline.publish.assemble.PublishedArticle`) plus how it is shown:
the editor's ``preview`` (provenance and notes public pages never carry), the
project's ``templates`` directory (HTML templates and interface words; searched before the
package's own), the :class:`~translate_pipeline.publish.site.Site` it is part of (paths,
links, base URL) and the newsroom's name.  Each format module has one renderer
``(edition) -> str``; ``publish.run.RENDERERS`` maps the edition names of
``publish --editions`` to them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from translate_pipeline.publish.assemble import PublishedArticle
from translate_pipeline.publish.locale_text import SiteText
from translate_pipeline.publish.site import Site


@dataclass(frozen=True)
class Edition:
    article: PublishedArticle
    preview: bool = False  # the editor's view: each sentence's provenance, the draft banner
    templates: Path | None = None  # the project's templates directory ([publish] templates)
    site: Site | None = None  # the site's layout and base URL; None: relative links, source front page at the root
    site_name: str = ""  # the newsroom's name ([publish] site_name)

    @property
    def where(self) -> Site:
        return self.site or Site(self.article.source_lang)

    @property
    def text(self) -> SiteText:
        """The interface words, names and dates in the edition's language."""
        return SiteText(self.article.lang, self.templates)


class Renderer(Protocol):
    """One output format: the whole file's text for an edition."""

    def __call__(self, edition: Edition) -> str:
        ...
