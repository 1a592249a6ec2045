"""Source articles as plain data: the structure publishing needs to rebuild them.

An article is a sequence of blocks (title, headings, paragraphs, list items, and
for Markdown sources quotations, table cells, images, code blocks and rules); each
block with text is split into sentence segments.  The reader lives in
:mod:`translate_pipeline.source.readers`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator

# Blocks whose text is not translated: no segments, published as they are.
VERBATIM_KINDS = ("code", "rule")


@dataclass(frozen=True)
class Cell:
    """Where a table cell (block kind ``"cell"``) stands in its GitHub-Flavored-Markdown table."""

    table: int  # source line of the table's first row: cells with the same value form one table
    row: int  # 0 = the header row
    column: int
    align: str = ""  # "left" | "center" | "right" | "" (the delimiter row's colons)


@dataclass(frozen=True)
class Block:
    """One block of the article.

    Kinds: ``title``, ``heading``, ``paragraph``, ``item`` (list item), ``cell``
    (table cell, see :class:`Cell`), ``image`` (an image on its own: ``text`` is its
    alt text, ``src``/``title`` its address and title), ``code`` (a code block, ``text``
    verbatim, ``info`` the fence's language) and ``rule`` (thematic break, no text).
    """

    kind: str
    text: str  # whitespace-normalized; Markdown inline markup (emphasis, links) kept as written
    line: int  # 1-based line of the block's first line in the source file
    level: int = 0  # heading level (1-6) or list nesting depth (0 = top)
    marker: str = ""  # list item marker as written: "-", "*", "1." …; code fence ("```", "~~~", "" indented)
    quote: int = 0  # blockquote depth (0 = not quoted)
    cell: Cell | None = None  # table cells only
    src: str = ""  # images: the address as written in the source
    title: str = ""  # images: the title, passed through untranslated
    info: str = ""  # code blocks: the fence's info string (language)


@dataclass(frozen=True)
class Segment:
    """One sentence: the unit of translation (one PO entry per distinct text)."""

    text: str
    block: int  # index into Article.blocks
    position: int  # sentence index inside the block
    line: int  # source line of the block


@dataclass(frozen=True)
class Article:
    path: Path
    name: str  # catalog domain: file name without language and format suffixes
    lang: str
    format: str  # "txt" | "md"
    blocks: tuple[Block, ...]
    segments: tuple[Segment, ...]

    def segmented(self) -> Iterator[tuple[Block, tuple[Segment, ...]]]:
        """Each block with its sentences, in order (what the catalogs are built from)."""
        for index, block in enumerate(self.blocks):
            yield block, tuple(self.block_segments(index))

    def block_segments(self, index: int) -> list[Segment]:
        """The sentences of block ``index``, in order (O(1): grouped once per article)."""
        return self._by_block.get(index, [])

    @cached_property
    def _by_block(self) -> dict[int, list[Segment]]:
        grouped: dict[int, list[Segment]] = {}
        for segment in self.segments:
            grouped.setdefault(segment.block, []).append(segment)
        return grouped
