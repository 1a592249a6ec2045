"""Markdown edition: the article's structure in CommonMark (GFM tables), unreviewed sentences tagged.

Whatever the source format, the output reads back as the same blocks and text in any
CommonMark reader: plain text is escaped (:func:`inline.to_markdown`), block starts that
would make a list or heading out of a paragraph («2024. …») are escaped
(:func:`inline.escape_block_start`), and links with unsafe schemes are never links.
"""
from __future__ import annotations

import re

from translate_pipeline.publish import inline
from translate_pipeline.publish.assemble import (
    PublishedArticle,
    PublishedBlock,
    list_kind,
    mark,
)
from translate_pipeline.publish.edition import Edition
from translate_pipeline.publish.locale_text import label
from translate_pipeline.source.markup import is_safe_url

_ALIGN_ROW = {"left": ":---", "center": ":---:", "right": "---:", "": "---"}


def _text(block: PublishedBlock, doc: PublishedArticle) -> str:
    parts = []
    for s in block.sentences:
        text = inline.to_markdown(s.text, "txt" if block.kind == "image" else doc.format)
        tag = mark(s.status, doc.source_lang)
        parts.append(f"{text} \\[{tag}\\]" if tag else text)
    return " ".join(parts)


def _legend(doc: PublishedArticle) -> list[str]:
    return [f"- \\[{mark(st, doc.source_lang)}\\] {label(st, doc.lang)}" for st in doc.marked_statuses()]


def _destination(url: str) -> str:
    """A link destination (in angle brackets when it has spaces or parentheses), or "" when unsafe."""
    if not is_safe_url(url):
        return ""
    if re.fullmatch(r"[^\s()<>\\]+", url):
        return url
    return "<" + re.sub(r"([<>\\])", r"\\\1", url) + ">"


def _table(cells: list[PublishedBlock], doc: PublishedArticle) -> list[str]:
    rows: dict[int, dict[int, PublishedBlock]] = {}
    for cell in cells:
        rows.setdefault(cell.cell.row, {})[cell.cell.column] = cell
    width = max(c.cell.column for c in cells) + 1
    aligns = [""] * width
    for cell in rows.get(0, {}).values():
        aligns[cell.cell.column] = cell.cell.align

    def line(row: dict[int, PublishedBlock]) -> str:
        # GFM: a "|" inside a cell (even in a code span) must be escaped
        texts = [re.sub(r"(?<!\\)\|", r"\\|", _text(row[i], doc)) if i in row else "" for i in range(width)]
        return "| " + " | ".join(texts) + " |"

    out = [line(rows.get(0, {})), "| " + " | ".join(_ALIGN_ROW[a] for a in aligns) + " |"]
    return out + [line(rows[r]) for r in sorted(rows) if r != 0]


def _body(block: PublishedBlock, doc: PublishedArticle, indent: str) -> list[str]:
    """The block's lines without its quote prefix."""
    text = _text(block, doc)
    if block.kind == "title":
        return [f"# {inline.escape_block_start(text, heading=True)}"]
    if block.kind == "heading":
        return [f"{'#' * min(max(block.level, 1), 6)} {inline.escape_block_start(text, heading=True)}"]
    if block.kind == "item":
        return [f"{indent}{block.marker or '-'} {inline.escape_block_start(text)}"]
    if block.kind == "rule":
        return ["---"]
    if block.kind == "code":
        fence_char = "~" if block.marker.startswith("~") else "`"
        longest = max((len(m) for m in re.findall(re.escape(fence_char) + "+", block.code)), default=0)
        fence = fence_char * max(3, longest + 1)
        return [f"{fence}{block.info}", *block.code.rstrip("\n").split("\n"), fence]
    if block.kind == "image":
        target = _destination(block.src)
        if not target:
            return [inline.escape_block_start(text)]
        title = ' "' + block.title.replace('"', '\\"') + '"' if block.title else ""
        return [f"![{text}]({target}{title})"]
    return [inline.escape_block_start(text)]


def render_markdown(edition: Edition) -> str:
    """The Markdown edition (CommonMark + GFM tables); unreviewed sentences tagged, a legend at the end."""
    doc = edition.article
    out: list[str] = []
    previous: PublishedBlock | None = None
    indents: list[str] = []  # per list level: the indentation of its items' content
    kinds: list[str] = []  # per list level: the kind of list open there (see list_kind)
    blocks = list(doc.blocks)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        group = [block]
        if block.cell is not None:  # a whole table at once
            while i + 1 < len(blocks) and blocks[i + 1].cell is not None and blocks[i + 1].cell.table == block.cell.table:
                i += 1
                group.append(blocks[i])
        i += 1
        kind = list_kind(block.kind, block.marker)
        same_list = (previous is not None and kind is not None and previous.kind == "item"
                     and previous.quote == block.quote
                     and (block.level > previous.level  # a nested list opens inside the item
                          or (block.level < len(kinds) and kinds[block.level] == kind)))
        if previous is not None and not same_list:
            out.append(">" * min(previous.quote, block.quote))  # a blank line (inside the common quote)
        if block.kind == "item":
            del indents[block.level:], kinds[block.level:]
            parent = indents[-1] if indents else ""
            indents.append(parent + " " * (len(block.marker or "-") + 1))
            kinds.append(kind)
            lines = _body(block, doc, parent)
        else:
            indents.clear()
            kinds.clear()
            lines = _table(group, doc) if block.cell is not None else _body(block, doc, "")
        prefix = "> " * block.quote
        out += [prefix + line if line else prefix.rstrip() for line in lines]
        previous = group[-1]
    legend = _legend(doc)
    if legend:
        out += ["", "---", ""] + legend
    return "\n".join(out) + "\n"
