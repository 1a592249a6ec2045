"""One article's template (POT) and its language catalogs merged in memory, then written.

Every existing catalog is read (and validated) and every merge checked before
anything is written, so a malformed PO file stops the run with nothing changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import polib

from translate_pipeline.catalog.header import repair_header
from translate_pipeline.catalog.io import read_catalog, replace_catalog, settle_date
from translate_pipeline.catalog.merge import assert_nothing_lost, merge
from translate_pipeline.catalog.provenance_store import EntryKey, Record, Restored, restore
from translate_pipeline.catalog.state import EntryState, entry_state, has_translation
from translate_pipeline.catalog.template import (
    TemplateEntry,
    build_pot,
    now_stamp,
    po_metadata,
    pot_metadata,
    reference_path,
)
from translate_pipeline.core.errors import PipelineError, attempt, with_hint
from translate_pipeline.core.project import po_path, pot_path
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.source.article import Article
from translate_pipeline.source.readers import ArticleFile


@dataclass
class LangCatalog:
    """One article's catalog for one language, merged in memory, not yet written."""

    article: Article | ArticleFile
    lang: str
    path: Path
    old: polib.POFile | None  # the file as read; None once :func:`settle_catalog` found nothing to write
    po: polib.POFile
    restored: Restored = field(default_factory=Restored)  # provenance written back from the project's store
    changed: bool | None = None  # whether it must be written; None: not settled yet (pre-translation may follow)

    @property
    def name(self) -> str:
        return self.article.name

    def pending(self) -> list[polib.POEntry]:
        """Entries nobody translated yet: the only ones pre-translation may fill.

        Plural entries are left to translators: a suggestion is one sentence, not a set of forms.
        """
        return [e for e in self.po if entry_state(e) is EntryState.UNTRANSLATED
                and not e.msgid_plural and not has_translation(e)]


@dataclass
class TemplateFile:
    """``locales/<article>.pot`` built in memory; ``changed`` says whether it must be written.

    An unchanged template holds neither catalog (``old`` and ``pot`` None): only its date is still needed.
    """

    path: Path
    old: polib.POFile | None
    pot: polib.POFile | None
    changed: bool
    created: str  # its POT-Creation-Date, which the language catalogs take


def build_template(
    config: ProjectConfig, article: Article | ArticleFile, template: list[TemplateEntry], on_disk: polib.POFile | None
) -> TemplateFile:
    """The article's template, dated as on disk unless its content changed."""
    path = pot_path(config, article.name)
    stamp = now_stamp()
    pot = build_pot(template, pot_metadata(config, article.name, stamp), article.name)
    changed = settle_date(pot, on_disk, "POT-Creation-Date", stamp)
    created = pot.metadata["POT-Creation-Date"]
    return TemplateFile(path, on_disk, pot, True, created) if changed else TemplateFile(path, None, None, False, created)


def write_template(template: TemplateFile) -> bool:
    """Write the template if its content changed; returns whether it was written."""
    if template.changed:
        replace_catalog(template.path, template.pot, template.old)
    return template.changed


def check_owner(config: ProjectConfig, article: Article | ArticleFile, existing: polib.POFile | None, path: Path) -> None:
    """Refuse an article whose catalog name is taken by another article file that still exists.

    A catalog belongs to the file its ``#:`` references name.  When they name
    only other files and one of those still exists, this article merely shares
    its catalog name (``articles/o/news.ru.md`` next to ``articles/news.ru.txt``)
    and merging it would obsolete the other article's translations.  When none
    exists any more, the article was moved or renamed and takes its catalog over.
    """
    if existing is None:
        return
    files = sorted({name for entry in existing if not entry.obsolete for name, _ in entry.occurrences})
    mine = reference_path(article, config)
    if not files or mine in files:
        return
    others = [name for name in files if (config.root / name).is_file()]
    if others:
        raise PipelineError(
            f"catalog name {article.name!r} belongs to {others[0]} (see the references in {path.name}); "
            "rename one of the two articles",
            article.path,
        )


def load_existing(config: ProjectConfig, articles: list[Article | ArticleFile], langs: list[str],
                  problems: list[PipelineError] | None = None) -> dict[Path, polib.POFile | None]:
    """Read every existing template and catalog up front; raises on the first malformed one.

    A hand-broken template is reported, not silently replaced.  With ``problems``, a
    malformed file is appended there instead (with what to do) and its article left
    out of the result -- none of its files is in it -- so only that article waits.
    """
    found: dict[Path, polib.POFile | None] = {}
    for article in articles:
        paths = [pot_path(config, article.name)] + [po_path(config, lang, article.name) for lang in langs]
        bad: list[PipelineError] | None = [] if problems is not None else None  # None: raise at once
        mine = {path: attempt(bad, lambda: read_catalog(path) if path.exists() else None) for path in paths}
        if bad:
            problems.extend(with_hint(exc, f"article {article.name!r} left as it is: fix the file") for exc in bad)
        else:
            found.update(mine)
    return found


def merge_catalog(
    config: ProjectConfig,
    article: Article | ArticleFile,
    template: list[TemplateEntry],
    created: str,
    lang: str,
    path: Path,
    old: polib.POFile | None,
    records: Mapping[EntryKey, Record] | None = None,
) -> LangCatalog:
    """Merge the template (its entries, and ``created``, its POT-Creation-Date) into the language catalog
    (in memory), then write back the provenance lines another tool removed, from the project store's
    ``records`` of the catalog (:func:`~.provenance_store.restore`)."""
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
    repair_header(po, lang)  # a header left as in a template breaks msgfmt/msgmerge, pybabel skips it
    po.extend(entries)
    return LangCatalog(article, lang, path, old, po, restore(po, records or {}))


def settle_catalog(catalog: LangCatalog) -> None:
    """Date the merged catalog and decide whether it must be written (:func:`~.io.settle_date`), once
    nothing will change it any more; an unchanged one lets go of the file as read (``old``), so a run
    that writes nothing does not hold each catalog twice."""
    catalog.changed = settle_date(catalog.po, catalog.old, "PO-Revision-Date", now_stamp())
    if not catalog.changed:
        catalog.old = None


def write_catalog(catalog: LangCatalog) -> bool:
    """Write the PO file unless nothing but its revision date would change (settled here unless
    :func:`settle_catalog` did it); returns whether it was written."""
    if catalog.changed is None:
        assert_nothing_lost(catalog.old, list(catalog.po), catalog.path)  # pre-translation came after the merge
        settle_catalog(catalog)
    if catalog.changed:
        replace_catalog(catalog.path, catalog.po, catalog.old)
    return bool(catalog.changed)
