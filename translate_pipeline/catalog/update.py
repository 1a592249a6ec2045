"""One article's template (POT) and its language catalogs merged in memory, then written.

Every existing catalog is read (and validated) before anything is written,
so a malformed PO file stops the run with nothing changed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from translate_pipeline.catalog.io import keep_date_if_unchanged, read_catalog, write_if_changed
from translate_pipeline.catalog.merge import assert_nothing_lost, merge
from translate_pipeline.catalog.template import (
    TemplateEntry,
    build_pot,
    now_stamp,
    po_metadata,
    pot_metadata,
)
from translate_pipeline.core.project import po_path, pot_path
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.source.article import Article

# Header fields a catalog must have; others (Last-Translator, …) belong to the translator.
_REQUIRED = ("Language", "Plural-Forms", "MIME-Version", "Content-Type", "Content-Transfer-Encoding")


@dataclass
class LangCatalog:
    """One article's catalog for one language, merged in memory, not yet written."""

    article: Article
    lang: str
    path: Path
    old: polib.POFile | None
    po: polib.POFile

    @property
    def name(self) -> str:
        return self.article.name

    def pending(self) -> list[polib.POEntry]:
        """Entries nobody translated yet: the only ones pre-translation may fill."""
        return [e for e in self.po if not e.obsolete and not e.msgstr]


@dataclass
class Template:
    """One article's template (POT) built in memory, written by :meth:`write`."""

    path: Path
    pot: polib.POFile
    stamp: str
    on_disk: polib.POFile | None

    def write(self) -> bool:
        """Write ``locales/<article>.pot`` if its content changed (the date then follows the file on disk)."""
        return write_if_changed(self.path, self.pot, "POT-Creation-Date", self.stamp, self.on_disk)


def build_template(
    config: ProjectConfig, article: Article, template: list[TemplateEntry], on_disk: polib.POFile | None
) -> Template:
    """The POT of ``article``, not yet written; an unchanged one keeps the date it has on disk
    (the language catalogs copy it as ``POT-Creation-Date``)."""
    stamp = now_stamp()
    pot = build_pot(template, pot_metadata(config, article.name, stamp), article.name)
    if on_disk is not None:
        keep_date_if_unchanged(pot, "POT-Creation-Date", on_disk)
    return Template(pot_path(config, article.name), pot, stamp, on_disk)


def load_existing(config: ProjectConfig, articles: list[Article], langs: list[str]) -> dict[Path, polib.POFile | None]:
    """Read every existing template and catalog up front; raises on the first malformed one.

    A hand-broken template is reported, not silently replaced.
    """
    found: dict[Path, polib.POFile | None] = {}
    for article in articles:
        for path in [pot_path(config, article.name)] + [po_path(config, lang, article.name) for lang in langs]:
            found[path] = read_catalog(path) if path.exists() else None
    return found


def merge_catalog(
    config: ProjectConfig,
    article: Article,
    template: list[TemplateEntry],
    pot: polib.POFile,
    lang: str,
    path: Path,
    old: polib.POFile | None,
) -> LangCatalog:
    """Merge the template into the language catalog (in memory)."""
    created = pot.metadata["POT-Creation-Date"]
    entries = merge(template, old)
    assert_nothing_lost(old, entries, path)
    po = polib.POFile(wrapwidth=78)
    if old is None:
        po.header = f"{lang} translation of the article {article.name}."
        po.metadata = po_metadata(config, article.name, lang, created, created)
    else:
        po.header = old.header
        po.metadata = dict(old.metadata)
        po.metadata_is_fuzzy = old.metadata_is_fuzzy
        po.metadata["POT-Creation-Date"] = created
        fresh = po_metadata(config, article.name, lang, created, created)
        for key in _REQUIRED:
            po.metadata.setdefault(key, fresh[key])
    po.extend(entries)
    return LangCatalog(article, lang, path, old, po)


def write_catalog(catalog: LangCatalog) -> bool:
    """Write the PO file unless nothing but its revision date would change."""
    assert_nothing_lost(catalog.old, list(catalog.po), catalog.path)
    return write_if_changed(catalog.path, catalog.po, "PO-Revision-Date", now_stamp(), catalog.old)
