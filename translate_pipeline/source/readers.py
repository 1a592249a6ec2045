"""Read source articles (plain text or Markdown) into :class:`Article` data.

Everything a translator or an editor needs later is recovered from here:
the block structure for publishing, the sentence segments for the catalogs
and the line of each block for PO references.  Bad input is rejected with
a one-line :class:`PipelineError` naming the file and line.
"""
from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from markdown_it import MarkdownIt

from translate_pipeline.source.article import Article, Block, Segment
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.source.segment import normalize_space, split_sentences

TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES

# A line that ends a sentence: hard-wrapped paragraphs have lines that do not.
_ENDS_SENTENCE = re.compile(r"[.!?…:;»“”\"')\]]\s*$")


def article_name(path: Path, lang: str = "ru") -> str:
    """``kamaz-kazakhstan.ru.txt`` → ``kamaz-kazakhstan`` (the catalog domain)."""
    name = path.name
    for suffix in ARTICLE_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    if name.endswith(f".{lang}"):
        name = name[: -len(lang) - 1]
    if not name:
        raise PipelineError("cannot derive an article name from this file name", path)
    return name


def decode(path: Path) -> str:
    """UTF-8 text with BOM and CRLF accepted; binary or non-UTF-8 input rejected."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise PipelineError("no such file", path) from exc
    except IsADirectoryError as exc:
        raise PipelineError("is a directory, expected an article file", path) from exc
    except OSError as exc:
        raise PipelineError(f"cannot read: {exc.strerror}", path) from exc
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise PipelineError("binary file (NUL byte), expected UTF-8 text", path, line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PipelineError(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", path, line) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_blocks(text: str) -> list[Block]:
    """Title on the first non-empty line, then paragraphs.

    Paragraphs are one per line, unless the body is blank-line separated and
    some line is hard-wrapped (does not end a sentence): then consecutive
    lines are joined.
    """
    lines = text.split("\n")
    groups: list[tuple[int, list[str]]] = []  # (first line number, lines)
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            groups.append((start, current))
            current = []
    if current:
        groups.append((start, current))
    if not groups:
        return []
    title_line, first = groups[0]
    blocks = [Block("title", normalize_space(first[0]), title_line)]
    body = [(title_line + 1, first[1:])] if len(first) > 1 else []
    body += groups[1:]
    wrapped = len(groups) > 1 and any(
        not _ENDS_SENTENCE.search(line) for _, group in body if len(group) > 1 for line in group[:-1]
    )
    for line_no, group in body:
        if wrapped:
            blocks.append(Block("paragraph", normalize_space(" ".join(group)), line_no))
        else:
            blocks.extend(Block("paragraph", normalize_space(line), line_no + i) for i, line in enumerate(group))
    return blocks


_MD = MarkdownIt("commonmark")


def _markdown_blocks(text: str) -> list[Block]:
    """Headings, paragraphs and list items; inline markup kept as written."""
    blocks: list[Block] = []
    tokens = _MD.parse(text)
    list_depth = 0
    pending: tuple[str, int, str] | None = None  # kind, level, marker of the next inline
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "heading_open":
            pending = ("heading", int(token.tag[1]), token.markup)
        elif token.type == "list_item_open":
            marker = token.markup
            if token.info:
                marker = f"{token.info}{token.markup}"
            pending = ("item", list_depth - 1, marker)
        elif token.type == "paragraph_open" and pending is None:
            pending = ("paragraph", 0, "")
        elif token.type == "inline" and token.map is not None:
            kind, level, marker = pending or ("paragraph", 0, "")
            content = normalize_space(token.content)
            if content:
                if not blocks and kind == "heading":
                    kind = "title"
                blocks.append(Block(kind, content, token.map[0] + 1, level, marker))
            pending = None
    return blocks


def read_article(path: Path | str, lang: str = "ru") -> Article:
    """Read and segment one article file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise PipelineError(f"unsupported article type {suffix or '(none)'!r}; expected .txt or .md", path)
    text = decode(path)
    fmt = "md" if suffix in MARKDOWN_SUFFIXES else "txt"
    blocks = _markdown_blocks(text) if fmt == "md" else _text_blocks(text)
    if not blocks:
        raise PipelineError("empty article (no text)", path)
    # A block's text is its sentences joined by one space, so a run-together
    # boundary ("литья.Премьер") gets its missing space back everywhere.
    pieces = [split_sentences(block.text, lang) for block in blocks]
    blocks = [replace(block, text=" ".join(sentences)) for block, sentences in zip(blocks, pieces)]
    segments = tuple(
        Segment(sentence, index, position, block.line)
        for index, (block, sentences) in enumerate(zip(blocks, pieces))
        for position, sentence in enumerate(sentences)
    )
    return Article(path, article_name(path, lang), lang, fmt, tuple(blocks), segments)


def find_articles(paths: list[Path | str]) -> list[Path]:
    """Article files named on the command line; directories are walked (sorted)."""
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            inside = sorted(
                Path(root) / name
                for root, dirs, files in os.walk(item)
                for name in files
                if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith(".")
            )
            if not inside:
                raise PipelineError("directory holds no articles (*.txt, *.md)", item)
            found.extend(inside)
        elif item.exists():
            found.append(item)
        else:
            raise PipelineError("no such file or directory", item)
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
