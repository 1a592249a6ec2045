"""Sentence text → HTML / plain text / Markdown, per the source article's format.

Markdown articles keep inline markup (emphasis, links) in their sentences; it is
rendered with markdown-it-py, where raw HTML is shown as text (only ``<br>`` is a
line break), so a ``<script>`` put into a msgstr by a translator or an engine is
never executed.  Plain-text articles are escaped as they are: a ``*`` there is just
a star, and a paragraph starting «2024. …» stays a paragraph in the Markdown edition.

Links: one rule for every format (:func:`is_safe_url`): a link whose scheme is not
http, https, mailto or tel (``javascript:``, ``data:``, ``vbscript:``, ``file:`` …)
is not a link anywhere — markdown-it leaves it as text in HTML, and
:func:`neutralize_links` escapes it so that Markdown, text and JSON show the same text.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

SAFE_SCHEMES = ("http", "https", "mailto", "tel")

# RFC 3986 scheme; browsers ignore ASCII whitespace and controls inside it ("java\tscript:").
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto/tel; False for any other scheme."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url))
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def _parser(validate) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("strikethrough")
    md.validateLink = validate
    return md


_MD = _parser(is_safe_url)
_ANY_LINK = _parser(lambda url: True)  # to find the links a laxer Markdown reader would make

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Markdown's inline punctuation, escaped when plain text is written as Markdown.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# "&copy;" / "&#169;" would be read as a character reference.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# A "<" that would open raw HTML in a Markdown reader (autolinks <scheme:…> and <br> are kept).
_RAW_HTML_OPEN = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)(?!br\s*/?>)(?=[A-Za-z/!?])", re.IGNORECASE)
# Line starts a CommonMark reader takes for a block: heading, quote, list item, rule, fence.
_BLOCK_START = re.compile(r"^(?:(#{1,6}|>|[-+*]|=+|-+)(?=\s|$)|(\d{1,9})([.)])(?=\s|$)|(`{3,}|~{3,}))")
_CLOSING_HASHES = re.compile(r"(?<=\s)(#+)(\s*)$")


def _inline(text: str) -> list[Token]:
    """Inline tokens with raw HTML made text, ``<br>`` a hard break."""
    tokens = _MD.parseInline(text)
    for token in tokens:
        for child in token.children or []:
            if child.type == "html_inline":
                child.type = "hardbreak" if _BR.fullmatch(child.content) else "text"
    return tokens


def to_html(text: str, fmt: str) -> Markup:
    if fmt == "md":
        return Markup(_MD.renderer.render(_inline(text), _MD.options, {}).strip())
    return escape(text)


def _words(tokens: list[Token]) -> str:
    parts: list[str] = []
    for child in tokens:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":  # its alt text is part of the sentence
            parts.append(_words(child.children or []))
    return "".join(parts)


def to_plain(text: str, fmt: str) -> str:
    """The words without markup: for ``.txt`` output and the HTML ``<title>``."""
    if fmt != "md":
        return text
    return _words([child for token in _inline(text) for child in token.children or []])


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
