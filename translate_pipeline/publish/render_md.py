"""Markdown edition: YAML front matter, then the article's structure in CommonMark (GFM tables),
unreviewed sentences tagged.

The front matter is what static site generators read (Hugo: "Front matter", Jekyll: "Front
Matter"): ``title``, ``description`` (the lead), ``date`` (first publication), ``lastmod`` (Hugo's
name for the last change, when there was one), ``lang``, ``slug`` (the article name),
``translationKey`` (Hugo links the translations of a page by it) and ``translations`` (each
other edition's ``lang``, Markdown ``file`` beside this one, and its page ``url`` with a base URL).
Strings are YAML double-quoted scalars with every character outside YAML's printable set
escaped (YAML 1.2 §5.1, §7.3.1), so any title reads back exactly, in YAML 1.1 readers too.

After the front matter, whatever the source format, the text reads back as the same blocks and text in any
CommonMark reader: plain text is escaped (:func:`inline.to_markdown`), block starts that
would make a list or heading out of a paragraph («2024. …») are escaped
(:func:`inline.escape_block_start`), and links with unsafe schemes are never links.
"""
from __future__ import annotations

import json
import re

from translate_pipeline.publish import clock, inline
from translate_pipeline.publish.assemble import (
    PublishedArticle,
    PublishedBlock,
    list_kind,
    mark,
)
from translate_pipeline.publish.edition import Edition
from translate_pipeline.publish.locale_text import STATUS_NOTES
from translate_pipeline.source.markup import is_safe_url, to_plain

_ALIGN_ROW = {"left": ":---", "center": ":---:", "right": "---:", "": "---"}


def _text(block: PublishedBlock, doc: PublishedArticle) -> str:
    parts = []
    for s in block.sentences:
        text = inline.to_markdown(s.text, "txt" if block.kind == "image" else doc.format)
        tag = mark(s.status, doc.source_lang)
        parts.append(f"{text} \\[{tag}\\]" if tag else text)
    return " ".join(parts)


def _legend(edition: Edition) -> list[str]:
    doc = edition.article
    return [f"- \\[{mark(st, doc.source_lang)}\\] {edition.text.gettext(STATUS_NOTES[st])}"
            for st in doc.marked_statuses()]


# Outside YAML's printable set (c-printable), or a line break YAML 1.1 readers take as one.
_YAML_UNSAFE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                          "|[\x85\u2028\u2029\ufeff]")


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's; the rest written as \\uXXXX)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: "\\u%04x" % ord(m.group()) if ord(m.group()) < 0x10000
                            else "\\U%08x" % ord(m.group()), quoted)


def front_matter(edition: Edition) -> list[str]:
    """The YAML front matter lines, ``---`` to ``---``."""
    doc, site = edition.article, edition.where
    lines = ["---", f"title: {yaml_string(to_plain(doc.title, doc.format))}"]
    if doc.lead:
        lines.append(f"description: {yaml_string(doc.lead)}")
    lines.append(f"date: {clock.iso(doc.date)}")
    if doc.modified:
        lines.append(f"lastmod: {clock.iso(doc.modified)}")
    lines += [f"lang: {yaml_string(doc.lang)}", f"slug: {yaml_string(doc.name)}",
              f"translationKey: {yaml_string(doc.name)}"]
    others = [lang for lang in doc.languages if lang != doc.lang]
    if others:
        lines.append("translations:")
        for lang in others:
            lines += [f"  - lang: {yaml_string(lang)}", f"    file: {yaml_string(f'{lang}.md')}"]
            url = site.url(site.edition(doc.name, lang))
            if url:
                lines.append(f"    url: {yaml_string(url)}")
    return lines + ["---", ""]


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
    """The Markdown edition: front matter, CommonMark + GFM tables; unreviewed sentences tagged, a legend at the end."""
    doc = edition.article
    out: list[str] = front_matter(edition)
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
    legend = _legend(edition)
    if legend:
        out += ["", "---", ""] + legend
    return "\n".join(out) + "\n"
