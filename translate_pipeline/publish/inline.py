"""Sentence text → HTML / Markdown, per the source article's format (its words alone:
:func:`translate_pipeline.source.markup.to_plain`).

Markdown articles keep inline markup (emphasis, links) in their sentences; it is
rendered with markdown-it-py, where raw HTML is shown as text (only ``<br>`` is a
line break), so a ``<script>`` put into a msgstr by a translator or an engine is
never executed.  Plain-text articles are escaped as they are: a ``*`` there is just
a star, and a paragraph starting «2024. …» stays a paragraph in the Markdown edition.

Links: one rule for every format (:func:`~translate_pipeline.source.markup.is_safe_url`): a link whose scheme is not
http, https, mailto or tel (``javascript:``, ``data:``, ``vbscript:``, ``file:`` …)
is not a link anywhere — markdown-it leaves it as text in HTML, and
:func:`neutralize_links` escapes it so that Markdown, text and JSON show the same text.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from translate_pipeline.source.markup import MD, inline_tokens, is_safe_url, parser

_ANY_LINK = parser(lambda url: True)  # to find the links a laxer Markdown reader would make

# Markdown's inline punctuation, escaped when plain text is written as Markdown.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# "&copy;" / "&#169;" would be read as a character reference.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# A "<" that would open raw HTML in a Markdown reader (autolinks <scheme:…> and <br> are kept).
_RAW_HTML_OPEN = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)(?!br\s*/?>)(?=[A-Za-z/!?])", re.IGNORECASE)
# Line starts a CommonMark reader takes for a block: heading, quote, list item, rule, fence.
_BLOCK_START = re.compile(r"^(?:(#{1,6}|>|[-+*]|=+|-+)(?=\s|$)|(\d{1,9})([.)])(?=\s|$)|(`{3,}|~{3,}))")
_CLOSING_HASHES = re.compile(r"(?<=\s)(#+)(\s*)$")


def to_html(text: str, fmt: str) -> Markup:
    """Safe HTML of a sentence: Markdown rendered (raw HTML as text, unsafe links as text), plain text escaped."""
    if fmt == "md":
        return Markup(MD.renderer.render(inline_tokens(text), MD.options, {}).strip())
    return escape(text)


def neutralize_links(text: str) -> str:
    """Markdown ``text`` whose links are all safe; a sentence with an unsafe link gets its
    link syntax escaped, so no reader makes it a link (the HTML edition shows it as text too)."""
    pending = list(_ANY_LINK.parseInline(text))
    hrefs = []
    while pending:
        token = pending.pop()
        pending.extend(token.children or [])
        if token.type in ("link_open", "image"):
            hrefs.append(str(token.attrGet("href") or token.attrGet("src") or ""))
    if all(is_safe_url(href) for href in hrefs):
        return text
    return re.sub(r"(?<!\\)([\[\]<])", r"\\\1", text)


def to_markdown(text: str, fmt: str) -> str:
    """Inline Markdown that reads back as ``text``: raw-HTML openings neutralised (``<br>`` kept),
    plain text escaped.  Block-level markers at the start are :func:`escape_block_start`'s job."""
    if fmt == "md":
        return _RAW_HTML_OPEN.sub("&lt;", text)
    return _ENTITY.sub("&amp;", _MD_SPECIAL.sub(r"\\\1", text))


def escape_block_start(line: str, heading: bool = False) -> str:
    """Escape what would make a CommonMark reader start a block: «2024. Год» (a list item
    numbered 2024), «- », «# », «> », «---», a code fence; in a heading, closing ``#``s too."""
    match = _BLOCK_START.match(line)
    if match:
        if match.group(2):  # "2024." → "2024\." (the number stays, the delimiter is escaped)
            line = f"{match.group(2)}\\{line[match.end(2):]}"
        else:
            line = "\\" + line
    if heading:
        line = _CLOSING_HASHES.sub(lambda m: m.group(1).replace("#", "\\#") + m.group(2), line)
    return line
