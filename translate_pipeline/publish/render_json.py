"""JSON edition for a CMS: per article and language, every segment with status and provenance.

Its shape is the JSON Schema ``translate_pipeline/publish/schemas/edition.schema.json``
(draft 2020-12), shipped in the package and checked against every edition in the tests.
"""
from __future__ import annotations

import json
from typing import Any

from markupsafe import escape

from translate_pipeline.publish import clock, inline
from translate_pipeline.publish.assemble import (
    UNREVIEWED,
    PublishedBlock,
)
from translate_pipeline.publish.edition import Edition
from translate_pipeline.source.markup import is_safe_url, to_plain

FORMAT_VERSION = 2  # 2: ``date`` and ``modified`` are UTC date-times (1: days)


def to_data(edition: Edition) -> dict[str, Any]:
    """The edition as plain data; ``provenance``/``mt_raw`` (internal) only in ``edition.preview``.

    ``text`` fields are Markdown inline markup for Markdown articles (links with unsafe
    schemes already escaped, see :func:`inline.neutralize_links`), ``html`` is safe HTML.
    """
    doc, preview = edition.article, edition.preview
    return {
        "format_version": FORMAT_VERSION,
        "article": doc.name,
        "lang": doc.lang,
        "source_lang": doc.source_lang,
        "markup": "markdown-inline" if doc.format == "md" else "plain",
        "date": clock.iso(doc.date),
        "modified": clock.iso(doc.modified) if doc.modified else None,
        "url": edition.where.url(edition.where.edition(doc.name, doc.lang)),
        "title": to_plain(doc.title, doc.format),
        "description": doc.lead,
        "versions": list(doc.languages),
        "policy": {"allow_fuzzy": doc.policy.allow_fuzzy, "untranslated": doc.policy.untranslated,
                   "allow_qa_errors": doc.policy.allow_qa_errors},
        "machine_translated": bool(doc.count(*UNREVIEWED)),
        "blocks": [
            {
                "kind": block.kind,
                "level": block.level,
                "marker": block.marker,
                "text": block.text,
                "html": str(inline.to_html(block.text, doc.format) if block.kind != "image" else escape(block.text)),
                **_shape(block),
                "segments": [
                    {
                        "text": s.text,
                        "source": s.source,
                        "status": s.status,
                        **({"provenance": s.provenance, "mt_raw": s.mt_raw} if preview else {}),
                        "line": s.line,
                    }
                    for s in block.sentences
                ],
            }
            for block in doc.blocks
        ],
    }


def _shape(block: PublishedBlock) -> dict[str, Any]:
    """Where the block stands beyond its kind: quotation depth, table cell, image, code."""
    shape: dict[str, Any] = {"quote": block.quote} if block.quote else {}
    if block.cell is not None:
        shape["cell"] = {"table": block.cell.table, "row": block.cell.row, "column": block.cell.column,
                         "header": block.cell.row == 0, "align": block.cell.align}
    if block.kind == "image":
        shape |= {"src": block.src if is_safe_url(block.src) else "", "title": block.title}
    if block.kind == "code":
        shape |= {"code": block.code, "info": block.info}
    return shape


def render_json(edition: Edition) -> str:
    """The JSON edition: :func:`to_data`, indented, UTF-8 as is."""
    return json.dumps(to_data(edition), ensure_ascii=False, indent=2) + "\n"
