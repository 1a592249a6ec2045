"""Markdown edition: the article's structure in Markdown, unreviewed sentences tagged."""
from __future__ import annotations

from translate_pipeline.publish import inline
from translate_pipeline.publish.assemble import (
    PublishedArticle,
    PublishedBlock,
    list_kind,
    mark,
)
from translate_pipeline.publish.locale_text import label


def _text(block: PublishedBlock, doc: PublishedArticle) -> str:
    parts = []
    for s in block.sentences:
        text = inline.to_markdown(s.text, doc.format)
        tag = mark(s.status, doc.source_lang)
        parts.append(f"{text} \\[{tag}\\]" if tag else text)
    return " ".join(parts)


def _legend(doc: PublishedArticle) -> list[str]:
    return [f"- \\[{mark(st, doc.source_lang)}\\] {label(st, doc.lang)}" for st in doc.marked_statuses()]


def render_markdown(doc: PublishedArticle) -> str:
    out: list[str] = []
    previous: str | None = None
    for block in doc.blocks:
        text = _text(block, doc)
        kind = list_kind(block.kind, block.marker)
        if kind is not None:
            if kind != previous and out:
                out.append("")
            marker = block.marker or "-"
            out.append(f"{'  ' * block.level}{marker} {text}")
        else:
            if out:
                out.append("")
            if block.kind == "title":
                out.append(f"# {text}")
            elif block.kind == "heading":
                out.append(f"{'#' * min(max(block.level, 1), 6)} {text}")
            else:
                out.append(text)
        previous = kind
    legend = _legend(doc)
    if legend:
        out += ["", "---", ""] + legend
    return "\n".join(out) + "\n"
