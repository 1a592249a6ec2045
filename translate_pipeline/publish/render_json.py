"""JSON edition for a CMS: per article and language, every segment with status and provenance."""
from __future__ import annotations

import json
from typing import Any

from translate_pipeline.publish import inline
from translate_pipeline.publish.assemble import UNREVIEWED, PublishedArticle

FORMAT_VERSION = 1


def to_data(doc: PublishedArticle) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "article": doc.name,
        "lang": doc.lang,
        "source_lang": doc.source_lang,
        "markup": "markdown-inline" if doc.format == "md" else "plain",
        "date": doc.date.isoformat(),
        "title": inline.to_plain(doc.title, doc.format),
        "versions": list(doc.languages),
        "policy": {"allow_fuzzy": doc.policy.allow_fuzzy, "untranslated": doc.policy.untranslated},
        "machine_translated": bool(doc.count(*UNREVIEWED)),
        "blocks": [
            {
                "kind": block.kind,
                "level": block.level,
                "marker": block.marker,
                "text": block.text,
                "html": str(inline.to_html(block.text, doc.format)),
                "segments": [
                    {
                        "text": s.text,
                        "source": s.source,
                        "status": s.status,
                        "provenance": s.provenance,
                        "mt_raw": s.mt_raw,
                        "line": s.line,
                    }
                    for s in block.sentences
                ],
            }
            for block in doc.blocks
        ],
    }


def render_json(doc: PublishedArticle) -> str:
    return json.dumps(to_data(doc), ensure_ascii=False, indent=2) + "\n"
