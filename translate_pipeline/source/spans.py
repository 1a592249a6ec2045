"""Inline Markdown spans and sentence boundaries: a boundary never cuts a span in two.

A Markdown paragraph keeps its inline markup in its sentences, and each sentence
is later rendered on its own.  A boundary inside ``**…**``, ``*…*``, ``~~…~~``,
a link's text or a code span would leave each half with markup it cannot
render (``'**Соглашение подписали в Астане.'``): the page would show literal
``**`` and lose the link.  So sentences whose boundary falls inside a span are
joined back into one segment; a span holding several sentences is one segment.

Where a span is: markdown-it-py's inline parse (CommonMark, the same rules as
the article reader and the publisher), not a regex of our own.  To know where
a boundary landed, its space is replaced by U+2002 EN SPACE, which CommonMark
treats as Unicode whitespace exactly like a space (delimiter-run flanking,
link text), so the parse is unchanged; the boundary is free when that
character comes back in a text token outside every span.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["InlineMarkup", "inline_markup", "keep_spans"]

# The inline rules of the reader and of publishing (CommonMark + GFM strikethrough).
_MD = MarkdownIt("commonmark", {"html": True}).enable("strikethrough")
_MARK = "\u2002"
# Characters without which no inline span can exist.
_SPAN_CHARS = frozenset("*_`[~")
# Delimiters that are markup when paired and literal text when not.
LITERAL_DELIMITERS = ("**", "__", "~~", "](", "*", "_", "`", "[", "]")


def _free(children: list[Token]) -> bool:
    """Does ``_MARK`` occur in a text token at nesting depth 0 (outside every span)?"""
    depth = 0
    for child in children:
        depth += child.nesting
        if child.type == "text" and depth == 0 and _MARK in child.content:
            return True
    return False


def keep_spans(sentences: list[str]) -> list[str]:
    """Join neighbouring sentences whose boundary falls inside an inline span.

    ``sentences`` are the splitter's pieces of one Markdown paragraph (joined by
    one space they give the paragraph).  The result joins back to the same text.
    """
    if len(sentences) < 2 or not _SPAN_CHARS & set("".join(sentences)):
        return sentences
    out = [sentences[0]]
    for index in range(1, len(sentences)):
        marked = " ".join(sentences[:index]) + _MARK + " ".join(sentences[index:])
        children = [child for token in _MD.parseInline(marked) for child in token.children or []]
        if _free(children):
            out.append(sentences[index])
        else:
            out[-1] = f"{out[-1]} {sentences[index]}"
    return out


@dataclass(frozen=True)
class InlineMarkup:
    """What inline markup a Markdown sentence renders, and what it would show literally.

    ``spans``: how many of each span (``strong``, ``em``, ``s``, ``code``);
    ``links``: link and image addresses, one per link; ``literal``: delimiters
    that stay text because they are unpaired (``**`` in ``'**Начало.'``).
    """

    spans: Counter
    links: Counter
    literal: Counter


def inline_markup(text: str) -> InlineMarkup:
    """The :class:`InlineMarkup` of one sentence, as markdown-it-py renders it."""
    spans: Counter = Counter()
    links: Counter = Counter()
    literal: Counter = Counter()
    pending = [child for token in _MD.parseInline(text) for child in token.children or []]
    while pending:
        child = pending.pop(0)
        if child.nesting == 1:
            kind = child.type[: -len("_open")]
            if kind == "link":
                links[str(child.attrGet("href") or "")] += 1
            else:
                spans[kind] += 1
        elif child.type == "code_inline":
            spans["code"] += 1
        elif child.type == "image":
            links[str(child.attrGet("src") or "")] += 1
            pending[:0] = child.children or []
        elif child.type == "text":
            content = child.content
            for delimiter in LITERAL_DELIMITERS:
                count = content.count(delimiter)
                if count:
                    literal[delimiter] += count
                    content = content.replace(delimiter, " ")
    return InlineMarkup(spans, links, literal)
