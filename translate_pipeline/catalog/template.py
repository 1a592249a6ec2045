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
from translate_pipeline.source.readers import ArticleFile

BLOCK_COMMENTS = {"title": "Title", "heading": "Heading", "item": "List item", "cell": "Table cell",
                  "image": "Image description (alt text)"}


@dataclass(slots=True)  # one per distinct sentence: the catalog's size in memory
class TemplateEntry:
    msgid: str
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # extracted comments for translators


def reference_path(article: Article | ArticleFile, config: ProjectConfig) -> str:
    """The article's path as a PO reference: relative to the project, POSIX style."""
    path = article.path.resolve()
    try:
        rel = path.relative_to(config.root)
    except ValueError:
        rel = os.path.relpath(path, config.root)
    return str(rel).replace(os.sep, "/")


@dataclass
class ArticleTemplate:
    """One article's template entries, built in one pass over its blocks, and the source problems met on the way."""

    article: Article | ArticleFile
    entries: list[TemplateEntry]
    notes: list[tuple[int, str]]  # (line, note) for each segment with a source problem, in source order

    def warnings(self, where: str | None = None) -> list[str]:
        """``file:line: …`` for source problems that break MT and term matching (``where``: the file as shown;
        the CLI prints each as a ``warning:`` line)."""
        return [f"{where or self.article.path}:{line}: {note}" for line, note in self.notes]


def read_template(article: Article | ArticleFile, config: ProjectConfig) -> ArticleTemplate:
    """Distinct sentences in order of first occurrence, with all their references, from one walk over the article.

    An :class:`ArticleFile` is streamed: memory for its largest block and the
    entries.  Raises the reader's :class:`PipelineError` for a bad article.
    """
    ref = reference_path(article, config)
    entries: dict[str, TemplateEntry] = {}
    problems: dict[str, list[str]] = {}  # msgid → its source notes, for the msgids that have some
    notes: list[tuple[int, str]] = []
    ordered, last_line = True, 0
    for block, segments in article.segmented():
        comment = BLOCK_COMMENTS.get(block.kind)
        for segment in segments:
            entry = entries.get(segment.text)
            if entry is None:
                entry = entries[segment.text] = TemplateEntry(segment.text)
                found = source_notes(segment.text)
                if found:
                    problems[segment.text] = found
            occurrence = (ref, str(segment.line))
            # While lines never go back (the reader's never do), a repeated occurrence is the entry's
            # last one: a table header repeated in every table is not a scan of all its occurrences.
            ordered, last_line = ordered and segment.line >= last_line, segment.line
            repeated = entry.occurrences[-1:] == [occurrence] if ordered else occurrence in entry.occurrences
            if not repeated:
                entry.occurrences.append(occurrence)
            if comment and comment not in entry.comments:
                entry.comments.append(comment)
            notes.extend((segment.line, note) for note in problems.get(segment.text, ()))
    for msgid, found in problems.items():
        entries[msgid].comments.extend(f"Warning: {note}" for note in found)
    return ArticleTemplate(article, list(entries.values()), notes)


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
