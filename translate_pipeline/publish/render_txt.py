"""Plain-text edition in the source article's layout: title on line 1, one block per line.

The layout is the one ``evaluate --ref`` reads back, so a reviewed edition can
serve as a reference translation.  Unreviewed sentences are tagged and a legend
follows a blank line; a fully reviewed edition has neither.
"""
from __future__ import annotations

from translate_pipeline.publish import inline
from translate_pipeline.publish.assemble import PublishedArticle, mark
from translate_pipeline.publish.locale_text import label


def render_text(doc: PublishedArticle) -> str:
    lines = []
    for block in doc.blocks:
        parts = []
        for s in block.sentences:
            tag = mark(s.status, doc.source_lang)
            text = inline.to_plain(s.text, doc.format)
            parts.append(f"{text} [{tag}]" if tag else text)
        prefix = f"{'  ' * block.level}{block.marker} " if block.kind == "item" and block.marker else ""
        lines.append(prefix + " ".join(parts))
    legend = [f"[{mark(st, doc.source_lang)}] {label(st, doc.lang)}" for st in doc.marked_statuses()]
    if legend:
        lines += [""] + legend
    return "\n".join(lines) + "\n"
