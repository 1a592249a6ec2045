"""Plain-text edition in the source article's layout: title on line 1, one block per line.

The layout is the one ``evaluate --ref`` reads back, so a reviewed edition can
serve as a reference translation: a table row is one line (cells joined by
`` | ``), a quotation line starts with ``> ``, an image is its alt text, a code
block is kept verbatim between ````` lines and a thematic break is ``---`` (both
skipped by the reference reader).  Unreviewed sentences are tagged and a legend
follows a blank line; a fully reviewed edition has neither.
"""
from __future__ import annotations

from translate_pipeline.publish.assemble import PublishedArticle, PublishedBlock, mark
from translate_pipeline.publish.edition import Edition
from translate_pipeline.publish.locale_text import STATUS_NOTES
from translate_pipeline.source.markup import to_plain

RULE = "---"
FENCE = "```"
CELL_SEPARATOR = " | "


def _text(block: PublishedBlock, doc: PublishedArticle) -> str:
    parts = []
    for s in block.sentences:
        tag = mark(s.status, doc.source_lang)
        text = s.text if block.kind == "image" else to_plain(s.text, doc.format)
        parts.append(f"{text} [{tag}]" if tag else text)
    return " ".join(parts)


def text_lines(doc: PublishedArticle) -> list[str]:
    """The edition's lines (no legend)."""
    lines: list[str] = []
    row_key = None
    for block in doc.blocks:
        prefix = "> " * block.quote
        if block.cell is not None:
            key = (block.cell.table, block.cell.row)
            if key == row_key:
                lines[-1] += CELL_SEPARATOR + _text(block, doc)
            else:
                lines.append(prefix + _text(block, doc))
            row_key = key
            continue
        row_key = None
        if block.kind == "code":
            lines += [FENCE, *block.code.rstrip("\n").split("\n"), FENCE]
        elif block.kind == "rule":
            lines.append(RULE)
        else:
            marker = f"{'  ' * block.level}{block.marker} " if block.kind == "item" and block.marker else ""
            lines.append(prefix + marker + _text(block, doc))
    return lines


def render_text(edition: Edition) -> str:
    """The plain-text edition: :func:`text_lines`, then the legend of the tags, if any."""
    doc = edition.article
    lines = text_lines(doc)
    legend = [f"[{mark(st, doc.source_lang)}] {edition.text.gettext(STATUS_NOTES[st])}" for st in doc.marked_statuses()]
    if legend:
        lines += [""] + legend
    return "\n".join(lines) + "\n"
