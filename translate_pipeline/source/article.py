"""Source articles as plain data: the structure publishing needs to rebuild them.

An article is a sequence of blocks (title, headings, paragraphs, list items);
each block is split into sentence segments.  The reader lives in
:mod:`translate_pipeline.source.readers`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Block:
    kind: str  # "title" | "heading" | "paragraph" | "item"
    text: str  # whitespace-normalized; Markdown inline markup (emphasis, links) kept as written
    line: int  # 1-based line of the block's first line in the source file
    level: int = 0  # heading level (1-6) or list nesting depth (0 = top)
    marker: str = ""  # list item marker as written: "-", "*", "1." …


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

    def block_segments(self, index: int) -> list[Segment]:
        return [s for s in self.segments if s.block == index]
