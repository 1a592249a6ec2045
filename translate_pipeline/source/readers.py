"""Read source articles (plain text or Markdown) into :class:`Article` data.

Everything a translator or an editor needs later is recovered from here:
the block structure for publishing, the sentence segments for the catalogs
and the line of each block for PO references.  Bad input is rejected with
a one-line :class:`PipelineError` naming the file and line.

Files are streamed (:class:`ArticleFile`): the catalogs are built from one block
at a time, so extracting an article takes memory for its largest block and its
catalog, not for the article (``bench/memory.py``).
"""
from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from markdown_it import MarkdownIt
from markdown_it.token import Token

from translate_pipeline.core.errors import PipelineError, attempt, collect, os_error
from translate_pipeline.core.fs import TextLines
from translate_pipeline.core.project import catalog_langs, catalog_names, pot_path
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
A = TypeVar("A", Article, "ArticleFile")  # an article read, or only opened

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


def open_source(path: Path, encoding: str = "utf-8") -> TextLines:
    """The lines of a text file, streamed (:class:`~translate_pipeline.core.fs.TextLines`: UTF-8, or
    ``encoding`` (``[source] encoding``) for a file that is not; BOM and CRLF/CR accepted; binary input
    and text in another encoding rejected with the line, the likely encoding and the ``iconv`` command)."""
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise PipelineError("no such file", path) from exc
    except IsADirectoryError as exc:
        raise PipelineError("is a directory, expected an article file", path) from exc
    except OSError as exc:
        raise os_error("cannot read", exc, path) from exc
    return TextLines(handle, path, encoding=encoding)


def check_file_name(path: Path) -> None:
    """Refuse a file name a PO reference cannot carry: control characters (newline, tab, …).

    A newline in a ``#:`` reference ends the comment line, so msgfmt rejects the
    catalog; U+2068/U+2069 delimit file names with spaces (GNU gettext 0.20).
    """
    bad = [c for c in str(path) if unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in "\u2068\u2069"]
    if bad:
        raise PipelineError(f"file name holds the control character {bad[0]!r}; rename the file", path)


def _hard_wrapped(lines: Iterable[str]) -> bool:
    """Whether a plain-text body is hard-wrapped: blank-line separated paragraphs, and some
    line other than the title runs on into the next line without ending a sentence."""
    paragraphs, wrapped = 0, False
    title = True  # the first non-blank line is the title
    previous: str | None = None  # the previous line, when it is a non-blank body line
    blank = True
    for line in lines:
        if not line.strip():
            previous, blank = None, True
            continue
        paragraphs += blank
        wrapped = wrapped or (previous is not None and not _ENDS_SENTENCE.search(previous))
        previous = None if title else line
        title = blank = False
    return paragraphs > 1 and wrapped


def _text_blocks(lines: Iterable[str], wrapped: bool) -> Iterator[Block]:
    """Title on the first non-empty line, then paragraphs.

    Paragraphs are one per line, unless the body is hard-wrapped
    (:func:`_hard_wrapped`, decided over the whole file): then the lines
    between blank lines are joined.
    """
    title = True
    group: list[str] = []  # a hard-wrapped paragraph's lines so far
    start = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            if group:
                yield Block("paragraph", normalize_space(" ".join(group)), start)
                group = []
        elif title:
            yield Block("title", normalize_space(line), number)
            title = False
        elif not wrapped:
            yield Block("paragraph", normalize_space(line), number)
        else:
            start = start if group else number
            group.append(line)
    if group:
        yield Block("paragraph", normalize_space(" ".join(group)), start)


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


class _BlockWalker:
    """Markdown tokens → blocks, fed one piece of the token stream at a time (see :func:`_markdown_pieces`).

    The state between pieces (open containers, a list item's pending marker,
    whether a block came yet) is kept, so the blocks are those of the whole
    stream in one go.
    """

    def __init__(self, path: Path):
        self.path = path
        self.started = False  # a block came: a later heading is no title
        self.lists: list[int] = []  # token levels of the open list items
        self.items: list[list[int]] = []  # per open item: how many paragraphs it holds so far
        self.quote = 0
        self.pending: tuple[str, int, str] | None = None  # kind, level, marker of the next inline
        self.cell: Cell | None = None
        self.table = self.row = self.column = 0

    def blocks(self, tokens: list[Token]) -> Iterator[Block]:
        for token in tokens:
            block = self._block(token)
            if block is not None:
                self.started = True
                yield block

    def _block(self, token: Token) -> Block | None:
        path, kind = self.path, token.type
        line = token.map[0] + 1 if token.map else 0
        if self.items and token.level == self.lists[-1] + 1 and token.nesting >= 0 and kind not in (
                "paragraph_open", "bullet_list_open", "ordered_list_open", "inline"):
            raise _refuse(path, line, "a list item with several paragraphs or other blocks")
        if kind == "blockquote_open":
            self.quote += 1
        elif kind == "blockquote_close":
            self.quote -= 1
        elif kind == "list_item_open":
            self.lists.append(token.level)
            self.items.append([0])
            marker = f"{token.info}{token.markup}" if token.info else token.markup
            self.pending = ("item", len(self.lists) - 1, marker)
        elif kind == "list_item_close":
            self.lists.pop()
            self.items.pop()
        elif kind == "paragraph_open" and self.items and token.level == self.lists[-1] + 1:
            self.items[-1][0] += 1
            if self.items[-1][0] > 1:
                raise _refuse(path, line, "a list item with several paragraphs or other blocks")
        elif kind == "heading_open":
            self.pending = ("heading", int(token.tag[1]), token.markup)
        elif kind == "table_open":
            self.table, self.row = line, -1
        elif kind == "tr_open":
            self.row, self.column = self.row + 1, -1
        elif kind in ("th_open", "td_open"):
            self.column += 1
            align = _ALIGN.search(token.attrGet("style") or "")
            self.cell = Cell(self.table, self.row, self.column, align.group(1) if align else "")
        elif kind in ("th_close", "td_close"):
            self.cell = None
        elif kind == "hr":
            return Block("rule", "", line, marker=token.markup, quote=self.quote)
        elif kind in ("fence", "code_block"):
            fence = token.markup if kind == "fence" else ""
            return Block("code", token.content, line, marker=fence, quote=self.quote, info=token.info.strip())
        elif kind == "html_block":
            if not _COMMENT.fullmatch(token.content):
                raise _refuse(path, line, "raw HTML block")
        elif kind == "inline":
            block_kind, level, marker = self.pending or ("paragraph", 0, "")
            self.pending = None
            if self.cell is not None:
                return Block("cell", _inline_text(token, path), line, quote=self.quote, cell=self.cell)
            image = _lone_image(token) if block_kind == "paragraph" else None
            if image is not None:
                return Block("image", normalize_space(image.content), line, quote=self.quote,
                             src=image.attrGet("src") or "", title=image.attrGet("title") or "")
            content = _inline_text(token, path)
            if content:
                if not self.started and block_kind == "heading":
                    block_kind = "title"
                return Block(block_kind, content, line, level, marker, quote=self.quote)
        return None


# Markdown is parsed this many characters at a time (at least: a piece ends between two top-level blocks).
_PIECE = 1 << 16
# Top-level blocks that end on a line of their own, whatever follows: a new block may start right after them.
_CLOSED = ("heading_open", "hr", "fence", "code_block")


def _markdown_pieces(lines: Iterable[str], piece: int | None = None) -> Iterator[tuple[list[Token], dict]]:
    """The token stream of the whole document (``"\\n".join(lines)``), parsed a piece at a time.

    markdown-it-py parses whole documents.  A piece ends where a top-level block
    starts that the parse of the lines read so far puts there, and that the rest
    of the document cannot move: its line follows a blank line, or a heading,
    thematic break or code block (whose ends do not depend on what follows), and
    at least one more line was read.  Every block rule decides where a top-level
    block ends from its own lines and at most the next non-blank line (a list or an
    indented code block looks past blank lines to it, a paragraph to the line after
    a possible table header); a fence or an HTML block with no end yet runs to the
    last line read, so no block can start inside it.  Hence the tokens before such a
    start are exactly the whole-document parse's (``tests/test_source_stream.py``
    checks this on every construct).  Token maps are lines of the whole document.
    Yields each piece's tokens with its ``env`` (reference definitions).

    Memory: the lines of the largest top-level block plus ``piece`` characters (default
    ``_PIECE``); a piece that cannot be cut yet is parsed again when it has doubled.
    """
    piece = piece or _PIECE
    buffer: list[str] = []
    base = size = 0  # the buffer's first line in the document; its characters
    attempt = piece
    for line in lines:
        buffer.append(line)
        size += len(line) + 1
        if size < attempt:
            continue
        env: dict = {}
        tokens = _MD.parse("\n".join(buffer), env)
        cut = _cut(tokens, buffer)
        if cut is None:
            attempt = 2 * size
            continue
        index, start = cut
        if env.get("references"):  # perhaps from the lines kept: the piece alone says
            env = {}
            _MD.parse("\n".join(buffer[:start]), env)
        yield _shifted(tokens[:index], base), env
        del buffer[:start]
        base += start
        size = sum(len(line) + 1 for line in buffer)
        attempt = piece
    env = {}
    tokens = _MD.parse("\n".join(buffer), env)
    yield _shifted(tokens, base), env


def _cut(tokens: list[Token], lines: list[str]) -> tuple[int, int] | None:
    """(token index, line) of the last top-level block that may start a new piece, if any."""
    opening = [(index, token) for index, token in enumerate(tokens) if token.level == 0 and token.nesting >= 0]
    for (index, token), (_, previous) in zip(reversed(opening[1:]), reversed(opening[:-1])):
        start = token.map[0]
        # blank for markdown-it: spaces and tabs only
        if start < len(lines) - 1 and (not lines[start - 1].strip(" \t") or previous.type in _CLOSED):
            return index, start
    return None


def _shifted(tokens: list[Token], lines: int) -> list[Token]:
    """``tokens`` with their source maps moved down by ``lines``."""
    if lines:
        for token in tokens:
            if token.map:
                token.map = [token.map[0] + lines, token.map[1] + lines]
    return tokens


def _markdown_blocks(source: TextLines, path: Path) -> Iterator[Block]:
    """Every CommonMark/GFM block kind: text blocks segmented, code and rules verbatim, the rest refused.

    Headings, paragraphs, list items (nested lists too), blockquotes (their blocks
    with ``quote`` depth), table cells, lone images (alt text), fenced/indented code,
    thematic breaks.  Raw HTML blocks other than comments, inline HTML other than
    ``<br>``, list items with more than one paragraph and reference-style link
    definitions are refused with ``file:line``: they would not survive sentence-wise
    translation.  Inline markup stays in the sentence as written.

    Streamed (:func:`_markdown_pieces`); the error reported is the one a read of the
    whole file would report first: a decoding error anywhere, then a reference
    definition anywhere, then the first refused block.
    """
    walker = _BlockWalker(path)
    pieces = _markdown_pieces(source)
    for tokens, env in pieces:
        if env.get("references"):
            raise _reference_error(path, next(iter(env["references"])), source)
        try:
            yield from walker.blocks(tokens)
        except PipelineError:
            for _, env in pieces:  # reads on: a decoding error or a reference definition comes first
                if env.get("references"):
                    raise _reference_error(path, next(iter(env["references"])), source) from None
            raise


def _reference_error(path: Path, label: str, source: TextLines) -> PipelineError:
    """A reference definition refused at the first line that starts with its label."""
    source.finish()  # a decoding error further on comes first
    line = next((n for n, src in enumerate(open_source(path, source.encoding), 1)
                 if src.lstrip().lower().startswith(f"[{label.lower()}]:")), 0)
    return _refuse(path, line, "a reference-style link")


def _sentences(blocks: Iterable[Block], fmt: str, lang: str) -> Iterator[tuple[Block, tuple[Segment, ...]]]:
    """Each block with its sentence segments; its text becomes its sentences joined by one space.

    A run-together boundary ("литья.Премьер") so gets its missing space back
    everywhere.  In Markdown a boundary never cuts an inline span (emphasis, link
    text, code) in two.
    """
    split = (lambda text: keep_spans(split_sentences(text, lang))) if fmt == "md" else (
        lambda text: split_sentences(text, lang))
    for index, block in enumerate(blocks):
        if block.kind in VERBATIM_KINDS:
            yield block, ()
            continue
        sentences = split(block.text) if block.text else []
        yield (replace(block, text=" ".join(sentences)),
               tuple(Segment(sentence, index, position, block.line) for position, sentence in enumerate(sentences)))


@dataclass(frozen=True)
class ArticleFile:
    """An article file, read (again) each time its blocks are walked: memory bounded by its largest block.

    What the catalogs need (:meth:`segmented`) without holding the article;
    :func:`read_article` gives the whole :class:`Article` (publishing needs it).
    """

    path: Path
    name: str  # catalog domain (see :func:`article_name`)
    lang: str
    format: str  # "txt" | "md"
    encoding: str = "utf-8"  # [source] encoding: how a file that is not UTF-8 is read

    def segmented(self) -> Iterator[tuple[Block, tuple[Segment, ...]]]:
        """Each block with its sentences, in order, as :meth:`Article.segmented` gives them.

        Raises :class:`PipelineError` (file and line) for input the reader refuses;
        ``empty article`` after the last block when no block had text.  The file is
        streamed: a Markdown source a top-level block at a time, plain text a line at
        a time, in two passes (the first decides whether the text is hard-wrapped)
        whose bytes must agree (``changed while it was read``).
        """
        if self.format == "md":
            source = open_source(self.path, self.encoding)
            blocks = _markdown_blocks(source, self.path)
        else:
            first = open_source(self.path, self.encoding)
            wrapped = _hard_wrapped(first)
            source = open_source(self.path, self.encoding)
            blocks = _text_blocks(source, wrapped)
        text = False
        for block, segments in _sentences(blocks, self.format, self.lang):
            text = text or bool(segments)
            yield block, segments
        if self.format != "md" and source.digest.digest() != first.digest.digest():
            raise PipelineError("changed while it was read (saved in an editor?); run again", self.path)
        if not text:
            raise PipelineError("empty article (no text)", self.path)


def open_article(path: Path | str, lang: str = "ru", encoding: str = "utf-8") -> ArticleFile:
    """The article file at ``path`` (read in ``encoding`` unless it is UTF-8), its type and name checked;
    nothing is read yet.

    Raises :class:`PipelineError` for a type other than .txt/.md and for a file or
    folder name a catalog or a PO reference cannot carry.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise PipelineError(f"unsupported article type {suffix or '(none)'!r}; expected .txt or .md", path)
    name = article_name(path, lang)  # an unsafe name is refused before anything is read
    check_file_name(path)  # and so is a folder name a PO reference cannot carry
    return ArticleFile(path, name, lang, "md" if suffix in MARKDOWN_SUFFIXES else "txt", encoding)


def read_article(path: Path | str, lang: str = "ru", encoding: str = "utf-8") -> Article:
    """Read and segment one article file into memory (:meth:`ArticleFile.segmented`, collected)."""
    source = open_article(path, lang, encoding)
    blocks: list[Block] = []
    segments: list[Segment] = []
    for block, sentences in source.segmented():
        blocks.append(block)
        segments.extend(sentences)
    return Article(source.path, source.name, lang, source.format, tuple(blocks), tuple(segments))


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
    article's name; with ``problems`` it is appended there and the others are returned.  A missing
    ``articles_dir`` (no ARTICLES given) always raises: there is nothing to skip and go on with
    (a mistyped ``-C``), so the command stops before it creates anything.
    """
    names = list(names)
    if not names:
        if not config.articles_path.is_dir():
            raise PipelineError("no such directory (articles_dir; the articles go there, or name ARTICLES)",
                                config.articles_path)
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
            collect(problems, _no_article(config, str(name), by_name))
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


def _no_article(config: ProjectConfig, name: str, known: Iterable[str], catalogs: bool = False) -> PipelineError:
    """The error for an argument that names nothing: a missing path as such, a name with the
    ``known`` names closest to it (``difflib``), ``catalogs``: where catalogs were looked for too."""
    if "/" in name or name.lower().endswith(ARTICLE_SUFFIXES + (".po", ".pot")):
        return PipelineError("no such file or directory", config.root / name)
    where = f"{config.articles_dir}/ or {config.locales_dir}/" if catalogs else f"{config.articles_dir}/"
    close = difflib.get_close_matches(name, sorted(known), n=3)
    hint = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
    return PipelineError(f"no article{' or catalog' if catalogs else ''} named {name!r} in {where} "
                         f"and no such file or directory{hint}")


def _require_known(config: ProjectConfig, names: dict[str, str]) -> None:
    """Raise :func:`_no_article` for the first of ``names`` (name → the argument that gave it) that
    has no template, no catalog in any language and no article: a typo, which no extract or
    translate would mend.  Looks only as far as needed: templates, then catalogs, then articles."""
    unknown = [n for n in names if not pot_path(config, n).exists()]
    if not unknown:
        return
    catalogs = set(catalog_names(config)).union(*(catalog_names(config, lang) for lang in catalog_langs(config)))
    unknown = [n for n in unknown if n not in catalogs]
    if not unknown:
        return
    articles = _articles_by_name(config)
    for name in unknown:
        if name not in articles:
            raise _no_article(config, names[name], catalogs | set(articles), catalogs=True)


def article_names(config: ProjectConfig, args: Iterable[str | Path]) -> list[str] | None:
    """What ARTICLES arguments name, as catalog names (None when there are none: every catalog).

    Each argument is an article name, an article file, a directory of articles (each of its
    articles) or a catalog (``locales/en/LC_MESSAGES/news.po``, ``locales/news.pot``): the
    commands that read catalogs (``stats``, ``check``, ``compile``, ``publish``, ``evaluate``)
    take what ``translate`` takes.  A name needs no article file (its article may be gone), but
    one that names no article, template or catalog in any language raises :class:`PipelineError`
    (``no article or catalog named 'nosuch' in articles/ or locales/ …``, with the closest names).
    """
    names: list[str] = []
    missing: dict[str, str] = {}  # a name whose argument is no existing path → that argument
    for arg in args:
        path = config.root / arg
        if path.suffix in (".po", ".pot"):
            names.append(path.stem)
        elif path.is_dir():
            names.extend(article_name(p, config.source_lang) for p in _files(path))
        else:
            names.append(article_name(path, config.source_lang))
        if not path.exists():
            missing.setdefault(names[-1], str(arg))
    _require_known(config, missing)
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


def open_articles(config: ProjectConfig, paths: Iterable[Path | str],
                  problems: list[PipelineError] | None = None) -> list[ArticleFile]:
    """Every article file named, as :func:`load_articles` finds them, opened (:func:`open_article`), not read.

    Names are checked before anything is read: an unsupported type, an unsafe name, or a catalog
    name another file has too (:func:`unique_names`) raise :class:`PipelineError`; with ``problems``
    (``--keep-going``) each is appended there and that file left out.
    """
    files = find_articles(article_paths(config, paths, problems), problems)
    opened = (attempt(problems, lambda: open_article(path, config.source_lang, config.source.encoding))
              for path in files)
    return list(unique_names(config, (article for article in opened if article is not None), files, problems))


def _project_names(config: ProjectConfig, files: list[Path]) -> dict[str, Path]:
    """Article names of the files in ``articles_dir`` other than ``files`` (from file names; unsafe ones skipped)."""
    named = {path.resolve() for path in files}
    return {name: others[0] for name, paths in _articles_by_name(config).items()
            if (others := [path for path in paths if path.resolve() not in named])}


def unique_names(config: ProjectConfig, articles: Iterable[A], files: list[Path] | None = None,
                 problems: list[PipelineError] | None = None) -> Iterator[A]:
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

