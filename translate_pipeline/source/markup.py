"""The inline markup of a sentence, per the source article's format: parsed once, read as words.

Markdown articles keep inline markup (emphasis, links, code spans, images) in their
sentences, so every stage that compares or shows a sentence's *words* — the ``.txt``
edition, page titles, MT evaluation against reference translations — reads it through
the one CommonMark parser configured here (markdown-it-py): raw HTML is text, only
``<br>`` is a line break, and a link whose scheme is not http, https, mailto or tel
(:func:`is_safe_url`) is not a link.  Plain-text articles have no markup: their
sentences are their words.
"""
from __future__ import annotations

import re
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

SAFE_SCHEMES = ("http", "https", "mailto", "tel")

# RFC 3986 scheme; browsers ignore ASCII whitespace and controls inside it ("java\tscript:").
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto/tel; False for any other scheme."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url))
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def parser(validate: Callable[[str], bool]) -> MarkdownIt:
    """CommonMark with strikethrough; ``validate(url)`` decides which links are links."""
    md = MarkdownIt("commonmark", {"html": True}).enable("strikethrough")
    md.validateLink = validate
    return md


MD = parser(is_safe_url)


def inline_tokens(text: str) -> list[Token]:
    """Inline tokens of Markdown ``text`` with raw HTML made text, ``<br>`` a hard break."""
    tokens = MD.parseInline(text)
    for token in tokens:
        for child in token.children or []:
            if child.type == "html_inline":
                child.type = "hardbreak" if _BR.fullmatch(child.content) else "text"
    return tokens


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
    """The words of a sentence of a ``fmt`` article (``"md"`` or ``"txt"``) without markup."""
    if fmt != "md":
        return text
    return _words([child for token in inline_tokens(text) for child in token.children or []])
