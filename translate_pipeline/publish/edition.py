"""What every publish format renders: one :class:`Edition`, through one :class:`Renderer` signature.

An edition is one language version of one article as published
(:class:`~translate_pipeline.publish.assemble.PublishedArticle`) plus how it is shown:
the editor's ``preview`` (provenance and notes public pages never carry) and the
project's ``templates`` directory (HTML; searched before the package's own).  Each
format module has one renderer ``(edition) -> str``; ``publish.run.RENDERERS`` maps the
format names of ``publish --format`` to them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from translate_pipeline.publish.assemble import PublishedArticle


@dataclass(frozen=True)
class Edition:
    article: PublishedArticle
    preview: bool = False  # the editor's view: each sentence's provenance, the draft banner
    templates: Path | None = None  # the project's templates directory ([publish] templates), HTML only


class Renderer(Protocol):
    """One output format: the whole file's text for an edition."""

    def __call__(self, edition: Edition) -> str:
        ...
