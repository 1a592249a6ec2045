"""Sentence text → HTML / plain text / Markdown, per the source article's format.

Markdown articles keep inline markup (emphasis, links) in their sentences; it
is rendered with markdown-it-py with raw HTML disabled, so a ``<script>`` put
into a msgstr by a translator or an engine is shown as text, never executed.
Plain-text articles are escaped as they are: a ``*`` there is just a star.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_MD = MarkdownIt("commonmark", {"html": False})

# Markdown's inline punctuation, escaped when plain text is written as Markdown.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
# A "<" that would open raw HTML in a Markdown reader (autolinks <scheme:…> are kept).
_RAW_HTML_OPEN = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)(?=[A-Za-z/!?])")


def to_html(text: str, fmt: str) -> Markup:
    if fmt == "md":
        return Markup(_MD.renderInline(text).strip())
    return escape(text)


def to_plain(text: str, fmt: str) -> str:
    """The words without markup: for ``.txt`` output and the HTML ``<title>``."""
    if fmt != "md":
        return text
    parts: list[str] = []
    for token in _MD.parseInline(text):
        for child in token.children or []:
            if child.type in ("text", "code_inline", "html_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return "".join(parts)


def to_markdown(text: str, fmt: str) -> str:
    """Markdown that reads back as ``text``; raw-HTML openings are neutralised."""
    if fmt == "md":
        return _RAW_HTML_OPEN.sub("&lt;", text)
    return _MD_SPECIAL.sub(r"\\\1", text)
