"""Read source articles (plain text or Markdown) into :class:`Article` data.

Everything a translator or an editor needs later is recovered from here:
the block structure for publishing, the sentence segments for the catalogs
and the line of each block for PO references.  Bad input is rejected with
a one-line :class:`PipelineError` naming the file and line.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from translate_pipeline.core.errors import PipelineError, attempt, collect, os_error
from translate_pipeline.core.fs import decode_text
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.source.article import (
    VERBATIM_KINDS,
    Article,
    Block,
    Cell,
    Segment,
)
from translate_pipeline.source.segment import normalize_space, split_sentences
from translate_pipeline.source.spans import keep_spans

TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES

# A line that ends a sentence: hard-wrapped paragraphs have lines that do not.
_ENDS_SENTENCE = re.compile(r"[.!?…:;»“”\"')\]]\s*$")


# An article name becomes a catalog file name, an output folder and a URL path segment:
# letters, digits, "_", "-", "." and single inner spaces only, starting with a letter or digit (so never "..").
_SAFE_NAME = re.compile(r"[^\W_](?:[\w.-]| (?=[^ ]))*")  # inner single spaces: URL-encoded in links


def article_name(path: Path, lang: str = "ru") -> str:
    """``kamaz-kazakhstan.ru.txt`` → ``kamaz-kazakhstan`` (the catalog domain).

    Raises :class:`PipelineError` for a name that is not a safe file name
    (``javascript:alert(1)``, ``..``, a newline or path separator in it).
    """
    name = path.name
    for suffix in ARTICLE_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    if name.endswith(f".{lang}"):
        name = name[: -len(lang) - 1]
    if not name:
        raise PipelineError("cannot derive an article name from this file name", path)
    if not _SAFE_NAME.fullmatch(name):
        raise PipelineError(
            f"article name {name!r} is not a safe file name: rename the file to letters, digits, single spaces, "
            f"'-', '_' and '.' (starting with a letter or digit)", path)
    return name


def decode(path: Path, encoding: str = "utf-8") -> str:
    """UTF-8 text (or ``encoding``, ``[source] encoding``) with BOM and CRLF accepted; binary input
    and text in another encoding rejected, naming the likely encoding and the ``iconv`` command
    (:func:`~translate_pipeline.core.fs.decode_text`)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise PipelineError("no such file", path) from exc
    except IsADirectoryError as exc:
        raise PipelineError("is a directory, expected an article file", path) from exc
    except OSError as exc:
        raise os_error("cannot read", exc, path) from exc
    return decode_text(data, path, encoding).replace("\r\n", "\n").replace("\r", "\n")


def check_file_name(path: Path) -> None:
    """Refuse a file name a PO reference cannot carry: control characters (newline, tab, …).

    A newline in a ``#:`` reference ends the comment line, so msgfmt rejects the
    catalog; U+2068/U+2069 delimit file names with spaces (GNU gettext 0.20).
    """
    bad = [c for c in str(path) if unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in "\u2068\u2069"]
    if bad:
        raise PipelineError(f"file name holds the control character {bad[0]!r}; rename the file", path)


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


# CommonMark plus the GitHub-Flavored-Markdown tables and strikethrough; raw HTML is parsed
# (not rendered) so that it can be refused instead of being published as text.
_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

# Line breaks inside a paragraph: "<br>", a backslash or two spaces before a newline.
_BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HARD_BREAK = re.compile(r"(?:\\| {2,})\n")
_COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.DOTALL)
_INLINE_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ALIGN = re.compile(r"text-align:(left|center|right)")


def _refuse(path: Path, line: int, what: str) -> PipelineError:
    return PipelineError(f"{what} cannot be published faithfully; {_FIXES.get(what, 'write it in Markdown')}",
                         path, line)


_FIXES = {
    "raw HTML block": "write it in Markdown (an HTML comment on its own is fine)",
    "inline HTML": "write it in Markdown or escape the '<' as '\\<' (only <br> is kept)",
    "a list item with several paragraphs or other blocks": "keep one paragraph per item (nested lists are fine)",
    "a reference-style link": "write the link inline, [text](address): each sentence is rendered on its own",
}


def _inline_text(token: Token, path: Path) -> str:
    """The inline source of a paragraph/heading/cell with line breaks made ``<br>``; other HTML refused."""
    line = token.map[0] + 1 if token.map else 0
    for child in token.children or []:
        if child.type == "html_inline" and not _BR_TAG.fullmatch(child.content) and not _COMMENT.fullmatch(child.content):
            raise _refuse(path, line, "inline HTML")
    text = token.content
    if any(child.type == "hardbreak" for child in token.children or []):
        text = _HARD_BREAK.sub("<br>", text)
    if any(child.type == "html_inline" and _COMMENT.fullmatch(child.content) for child in token.children or []):
        text = _INLINE_COMMENT.sub(" ", text)  # an editor's note is not part of the sentence
    return normalize_space(_BR_TAG.sub("<br>", text))


def _lone_image(token: Token) -> Token | None:
    """The image when an inline token is nothing but one image (an illustration, not a sentence)."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    return children[0] if len(children) == 1 and children[0].type == "image" else None


def _markdown_blocks(text: str, path: Path) -> list[Block]:
    """Every CommonMark/GFM block kind: text blocks segmented, code and rules verbatim, the rest refused.

    Headings, paragraphs, list items (nested lists too), blockquotes (their blocks
    with ``quote`` depth), table cells, lone images (alt text), fenced/indented code,
    thematic breaks.  Raw HTML blocks other than comments, inline HTML other than
    ``<br>``, list items with more than one paragraph and reference-style link
    definitions are refused with ``file:line``: they would not survive sentence-wise
    translation.  Inline markup stays in the sentence as written.
    """
    env: dict = {}
    tokens = _MD.parse(text, env)
    if env.get("references"):
        label = next(iter(env["references"]))
        line = next((n for n, src in enumerate(text.split("\n"), 1)
                     if src.lstrip().lower().startswith(f"[{label.lower()}]:")), 0)
        raise _refuse(path, line, "a reference-style link")
    blocks: list[Block] = []
    lists: list[int] = []  # token levels of the open list items
    items: list[list[int]] = []  # per open item: how many paragraphs it holds so far
    quote = 0
    pending: tuple[str, int, str] | None = None  # kind, level, marker of the next inline
    cell: Cell | None = None
    table = row = column = 0
    for token in tokens:
        kind = token.type
        line = token.map[0] + 1 if token.map else 0
        if items and token.level == lists[-1] + 1 and token.nesting >= 0 and kind not in (
                "paragraph_open", "bullet_list_open", "ordered_list_open", "inline"):
            raise _refuse(path, line, "a list item with several paragraphs or other blocks")
        if kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "list_item_open":
            lists.append(token.level)
            items.append([0])
            marker = f"{token.info}{token.markup}" if token.info else token.markup
            pending = ("item", len(lists) - 1, marker)
        elif kind == "list_item_close":
            lists.pop()
            items.pop()
        elif kind == "paragraph_open" and items and token.level == lists[-1] + 1:
            items[-1][0] += 1
            if items[-1][0] > 1:
                raise _refuse(path, line, "a list item with several paragraphs or other blocks")
        elif kind == "heading_open":
            pending = ("heading", int(token.tag[1]), token.markup)
        elif kind == "table_open":
            table, row = line, -1
        elif kind == "tr_open":
            row, column = row + 1, -1
        elif kind in ("th_open", "td_open"):
            column += 1
            align = _ALIGN.search(token.attrGet("style") or "")
            cell = Cell(table, row, column, align.group(1) if align else "")
        elif kind in ("th_close", "td_close"):
            cell = None
        elif kind == "hr":
            blocks.append(Block("rule", "", line, marker=token.markup, quote=quote))
        elif kind in ("fence", "code_block"):
            fence = token.markup if kind == "fence" else ""
            blocks.append(Block("code", token.content, line, marker=fence, quote=quote, info=token.info.strip()))
        elif kind == "html_block":
            if not _COMMENT.fullmatch(token.content):
                raise _refuse(path, line, "raw HTML block")
        elif kind == "inline":
            block_kind, level, marker = pending or ("paragraph", 0, "")
            pending = None
            if cell is not None:
                blocks.append(Block("cell", _inline_text(token, path), line, quote=quote, cell=cell))
                continue
            image = _lone_image(token) if block_kind == "paragraph" else None
            if image is not None:
                blocks.append(Block("image", normalize_space(image.content), line, quote=quote,
                                    src=image.attrGet("src") or "", title=image.attrGet("title") or ""))
                continue
            content = _inline_text(token, path)
            if content:
                if not blocks and block_kind == "heading":
                    block_kind = "title"
                blocks.append(Block(block_kind, content, line, level, marker, quote=quote))
    return blocks


def read_article(path: Path | str, lang: str = "ru", encoding: str = "utf-8") -> Article:
    """Read and segment one article file (in ``encoding`` unless it is UTF-8: :func:`decode`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise PipelineError(f"unsupported article type {suffix or '(none)'!r}; expected .txt or .md", path)
    name = article_name(path, lang)  # an unsafe name is refused before anything is read
    check_file_name(path)  # and so is a folder name a PO reference cannot carry
    text = decode(path, encoding)
    fmt = "md" if suffix in MARKDOWN_SUFFIXES else "txt"
    blocks = _markdown_blocks(text, path) if fmt == "md" else _text_blocks(text)
    # A block's text is its sentences joined by one space, so a run-together
    # boundary ("литья.Премьер") gets its missing space back everywhere.
    # In Markdown a boundary never cuts an inline span (emphasis, link text, code) in two.
    split = (lambda text: keep_spans(split_sentences(text, lang))) if fmt == "md" else (
        lambda text: split_sentences(text, lang))
    pieces = [[] if block.kind in VERBATIM_KINDS or not block.text else split(block.text) for block in blocks]
    if not any(pieces):
        raise PipelineError("empty article (no text)", path)
    blocks = [block if block.kind in VERBATIM_KINDS else replace(block, text=" ".join(sentences))
              for block, sentences in zip(blocks, pieces)]
    segments = tuple(
        Segment(sentence, index, position, block.line)
        for index, (block, sentences) in enumerate(zip(blocks, pieces))
        for position, sentence in enumerate(sentences)
    )
    return Article(path, name, lang, fmt, tuple(blocks), segments)


def find_articles(paths: list[Path | str], problems: list[PipelineError] | None = None) -> list[Path]:
    """Article files named on the command line; directories are walked (sorted).

    A missing path or a directory without articles raises; with ``problems`` it is appended there.
    """
    found: list[Path] = []
    for item in map(Path, paths):
        found.extend(attempt(problems, lambda: _files(item)) or [])
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _walk(directory: Path) -> list[Path]:
    """The article files under ``directory``, sorted (hidden files left out)."""
    return sorted(Path(root) / name for root, _dirs, files in os.walk(directory) for name in files
                  if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."))


def _files(item: Path) -> list[Path]:
    if item.is_dir():
        inside = _walk(item)
        if not inside:
            raise PipelineError("directory holds no articles (*.txt, *.md)", item)
        return inside
    if item.exists():
        return [item]
    raise PipelineError("no such file or directory", item)


def article_paths(config: ProjectConfig, names: Iterable[str | Path],
                  problems: list[PipelineError] | None = None) -> list[Path]:
    """What a command's ARTICLES arguments name: files or directories (relative to the project),
    or article names looked up anywhere under ``articles_dir``; the whole ``articles_dir`` if none.

    Raises :class:`PipelineError` for an argument that is neither an existing path nor an
    article's name; with ``problems`` it is appended there and the others are returned.
    """
    names = list(names)
    if not names:
        return [config.articles_path]
    by_name: dict[str, list[Path]] | None = None  # the articles_dir walked once, only if a name is given
    paths: list[Path] = []
    for name in names:
        path = config.root / name
        if path.exists():
            paths.append(path)
            continue
        if by_name is None:
            by_name = _articles_by_name(config)
        found = by_name.get(str(name), [])
        if not found:
            collect(problems, _no_article(config, str(name)))
        paths.extend(found)
    return paths


def _articles_by_name(config: ProjectConfig) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    if config.articles_path.is_dir():
        for path in _walk(config.articles_path):
            try:
                found.setdefault(article_name(path, config.source_lang), []).append(path)
            except PipelineError:
                continue  # an unsafe file name is no article name: reported when it is read
    return found


def _no_article(config: ProjectConfig, name: str) -> PipelineError:
    if "/" in name or name.lower().endswith(ARTICLE_SUFFIXES):
        return PipelineError("no such file or directory", config.root / name)
    return PipelineError(f"no article named {name!r} in {config.articles_dir}/ and no such file or directory")


def article_names(config: ProjectConfig, args: Iterable[str | Path]) -> list[str] | None:
    """What ARTICLES arguments name, as catalog names (None when there are none: every catalog).

    Each argument is an article name, an article file, a directory of articles (each of its
    articles) or a catalog (``locales/en/LC_MESSAGES/news.po``, ``locales/news.pot``): the
    commands that read catalogs (``stats``, ``check``, ``compile``, ``publish``, ``evaluate``)
    take what ``translate`` takes.  A name needs no article file (its article may be gone).
    """
    names: list[str] = []
    for arg in args:
        path = config.root / arg
        if path.suffix in (".po", ".pot"):
            names.append(path.stem)
        elif path.is_dir():
            names.extend(article_name(p, config.source_lang) for p in _files(path))
        else:
            names.append(article_name(path, config.source_lang))
    return list(dict.fromkeys(names)) or None


def load_articles(
    config: ProjectConfig, paths: Iterable[Path | str], progress: Callable[[Iterable], Iterable] | None = None,
    problems: list[PipelineError] | None = None,
) -> list[Article]:
    """Read every article named (names, files or directories: :func:`article_paths`; none named:
    the project's ``articles_dir``) in the project's ``[source] encoding``.

    Two files may not share a catalog name.  Relative paths are taken from the
    project directory, like ``git -C``.  The first bad file raises; with ``problems``
    (``--keep-going``) each is appended there and skipped.
    """
    files = find_articles(article_paths(config, paths, problems), problems)
    read = (attempt(problems, lambda: read_article(path, config.source_lang, config.source.encoding))
            for path in (progress(files) if progress else files))
    return list(unique_names(config, (article for article in read if article is not None), files, problems))


def _project_names(config: ProjectConfig, files: list[Path]) -> dict[str, Path]:
    """Article names of the files in ``articles_dir`` other than ``files`` (from file names; unsafe ones skipped)."""
    named = {path.resolve() for path in files}
    return {name: others[0] for name, paths in _articles_by_name(config).items()
            if (others := [path for path in paths if path.resolve() not in named])}


def unique_names(config: ProjectConfig, articles: Iterable[Article], files: list[Path] | None = None,
                 problems: list[PipelineError] | None = None) -> Iterator[Article]:
    """The articles, checked one by one: two may not share a catalog name — nor, when ``files``
    (the files being read) are given, may one of them share it with another file of ``articles_dir``
    (``translate articles/o/x.ru.md`` beside ``articles/x.ru.txt`` would take that article's catalogs).

    Raises PipelineError at the second one, naming the first project-relative (as every path the CLI
    prints); with ``problems`` it is appended there and the second one left out.
    """
    seen: dict[str, Path] = _project_names(config, files) if files is not None else {}
    for article in articles:
        if article.name in seen:
            first = seen[article.name].resolve()
            shown = first.relative_to(config.root).as_posix() if first.is_relative_to(config.root) else first
            collect(problems, PipelineError(f"article name {article.name!r} is also used by {shown}", article.path))
            continue
        seen[article.name] = article.path
        yield article

