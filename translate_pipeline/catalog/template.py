"""Articles → catalog templates (POT) and fresh language catalogs (PO headers).

One entry per distinct sentence; a sentence that occurs twice gets one entry
with two references, as xgettext does.  Headers follow GNU gettext so that
``msgfmt -c`` and ``pybabel compile`` accept the files.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone

import polib

from translate_pipeline import __version__
from translate_pipeline.catalog.header import babel_plural_forms
from translate_pipeline.core.langs import Tag
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.core.text import source_notes
from translate_pipeline.source.article import Article

BLOCK_COMMENTS = {"title": "Title", "heading": "Heading", "item": "List item", "cell": "Table cell",
                  "image": "Image description (alt text)"}


@dataclass
class TemplateEntry:
    msgid: str
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # extracted comments for translators


def reference_path(article: Article, config: ProjectConfig) -> str:
    """The article's path as a PO reference: relative to the project, POSIX style."""
    path = article.path.resolve()
    try:
        rel = path.relative_to(config.root)
    except ValueError:
        rel = os.path.relpath(path, config.root)
    return str(rel).replace(os.sep, "/")


def template_entries(article: Article, config: ProjectConfig) -> list[TemplateEntry]:
    """Distinct sentences in order of first occurrence, with all their references."""
    ref = reference_path(article, config)
    entries: dict[str, TemplateEntry] = {}
    for segment in article.segments:
        entry = entries.setdefault(segment.text, TemplateEntry(segment.text))
        occurrence = (ref, str(segment.line))
        if occurrence not in entry.occurrences:
            entry.occurrences.append(occurrence)
        note = BLOCK_COMMENTS.get(article.blocks[segment.block].kind)
        if note and note not in entry.comments:
            entry.comments.append(note)
    for entry in entries.values():
        entry.comments.extend(f"Warning: {note}" for note in source_notes(entry.msgid))
    return list(entries.values())


def source_warnings(article: Article, where: str | None = None) -> list[str]:
    """``file:line: …`` for source problems that break MT and term matching (``where``: the file as shown;
    the CLI prints each as a ``warning:`` line)."""
    return [
        f"{where or article.path}:{segment.line}: {note}"
        for segment in article.segments
        for note in source_notes(segment.text)
    ]


def now_stamp() -> str:
    """A gettext date: ``2026-11-26 04:18+0000``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M%z")


def pot_metadata(config: ProjectConfig, name: str, created: str) -> dict[str, str]:
    return {
        "Project-Id-Version": f"{config.project_name} {name}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"translate-pipeline {__version__}",
        "X-Source-Language": config.source_lang,
    }


def po_metadata(config: ProjectConfig, name: str, lang: str, created: str, revised: str) -> dict[str, str]:
    """Header of a new language catalog; Plural-Forms comes from Babel's CLDR data."""
    meta = pot_metadata(config, name, created)
    meta.update(
        {
            "PO-Revision-Date": revised,
            "Last-Translator": "",
            "Language-Team": f"{Tag.parse(lang).display_name()} translators",
            "Language": Tag.parse(lang).gettext,
            "Plural-Forms": babel_plural_forms(lang),
        }
    )
    return meta


def build_pot(entries: list[TemplateEntry], metadata: dict[str, str], name: str) -> polib.POFile:
    pot = polib.POFile(wrapwidth=78)
    pot.header = f"Translation template for the article {name}."
    pot.metadata = metadata
    pot.metadata_is_fuzzy = ["fuzzy"]
    for item in entries:
        pot.append(
            polib.POEntry(
                msgid=item.msgid,
                msgstr="",
                occurrences=list(item.occurrences),
                comment="\n".join(item.comments),
            )
        )
    return pot
