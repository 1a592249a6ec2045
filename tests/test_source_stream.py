"""Streaming reads: the same lines, tokens, blocks, segments and errors as reading the whole file at once.

* :class:`~translate_pipeline.core.fs.TextLines` against Python's codec on the
  whole file, block boundaries anywhere (inside a UTF-8 sequence, a CRLF).
* Markdown parsed a piece at a time (``readers._markdown_pieces``) against
  markdown-it-py's parse of the whole document: every token, its children and
  source map, and the reference definitions, for every block construct
  CommonMark/GFM has (the reader's and the ones it refuses) and pieces as small
  as one character; then the reader's blocks, segments and errors.
* Plain text read in two streamed passes against the whole-text reader it replaced.
* The order of errors a whole-file read gave: decoding, then a Markdown reference
  definition, then the first refused block (articles); decoding, then syntax (PO files).
"""
from __future__ import annotations

import codecs
import io
import re
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import new_project, run
from translate_pipeline.catalog.io import read_catalog, render, render_pieces
from translate_pipeline.catalog.template import read_template
from translate_pipeline.core import fs
from translate_pipeline.core.encoding import Encoding, conversion_hint, likely_encoding, wide
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.fs import TextLines
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.source import readers
from translate_pipeline.source.article import Article, Block, Segment
from translate_pipeline.source.readers import open_article, read_article
from translate_pipeline.source.segment import normalize_paragraph, normalize_space

FIXTURES = Path(__file__).parent / "fixtures"


# --- TextLines ---------------------------------------------------------------

def _line_of(data: bytes, at: int, universal: bool = True) -> int:
    """The line of ``data[at]``: line ends are LF, CRLF and (``universal``) a lone CR, as the reader splits lines."""
    before = data[:at]
    ends = before.count(b"\n") + (before.count(b"\r") - before.count(b"\r\n") if universal else 0)
    return ends + 1


def _whole(data: bytes, universal: bool) -> list[str] | str:
    """The lines of ``data`` decoded in one go by Python's UTF-8 codec, or the error message."""
    path = Path("x")
    if fs._utf16(data):
        hint = conversion_hint(Encoding.of(fs._utf16(data)), path, False, known=True)
        return str(PipelineError(f"UTF-16 text, expected UTF-8: {hint}", path, 1))
    if b"\x00" in data:
        return str(PipelineError("binary file (NUL byte), expected UTF-8 text", path,
                                 _line_of(data, data.index(b"\x00"), universal)))
    bom = 3 if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = bom + exc.start
        hint = conversion_hint(likely_encoding(data), path, False)
        return str(PipelineError(f"not UTF-8 text (byte 0x{data[at]:02x}); {hint}", path, _line_of(data, at, universal)))
    text = text.replace("\r\n", "\n")
    return (text.replace("\r", "\n") if universal else text).split("\n")


def _streamed(data: bytes, universal: bool, block_size: int) -> list[str] | str:
    try:
        return list(TextLines(io.BytesIO(data), Path("x"), universal=universal, block_size=block_size))
    except PipelineError as error:
        return str(error)


_PIECES = [b"a", b"\n", b"\r", b"\r\n", "ж".encode(), "€".encode(), "😀".encode(), b" ",
           b"\xff", b"\x00", b"\xe0\x80", b"\xd0", b"\xef\xbb\xbf", b"\xf0\x9f"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.booleans(), st.booleans(), st.integers(1, 9))
@example([b"a\n", b"\xff"], True, True, 1)  # a BOM shifted the byte and line of a decoding error (before streaming)
@example([b"\xd0", b"\xb6", b"\r", b"\n"], False, True, 1)  # a character and a CRLF across blocks
@example([b"\xff", b"\n", b"\x00"], False, True, 2)  # a NUL byte after an invalid one: the NUL is reported
@example([b"a", b"\r"], False, True, 1)  # a CR at the very end
@example([b"\xd0", b"\n"], False, True, 1)  # a sequence cut short by a line end across blocks: line 1
@example([b"a", b"\r", b"\n", b"b"], False, True, 2)  # CR and LF in two blocks: one line end
def test_text_lines_are_the_whole_files_lines(pieces, bom, universal, block_size):
    data = (codecs.BOM_UTF8 if bom else b"") + b"".join(pieces)
    assert _streamed(data, universal, block_size) == _whole(data, universal)


def _whole_configured(data: bytes, encoding: str) -> list[str] | str:
    """The lines of ``data`` read whole as an article with ``[source] encoding``, or the error: the oracle.

    As ``decode_text`` did before streaming (commit 13f7015), but for what it got wrong: lines counted
    as they are split (a lone CR ends one), a NUL character in UTF-16/32 text refused, and a stray byte
    of the configured encoding named as such instead of a conversion of the whole file.
    """
    path = Path("x")
    utf16 = fs._utf16(data)
    other = encoding != "utf-8"

    def lines(text: str) -> list[str]:
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def configured() -> list[str] | str:
        try:
            text = lines(data.decode(encoding).removeprefix("\ufeff"))
        except UnicodeDecodeError as exc:
            line, byte = _line_of(data, exc.start), data[exc.start]
            if data[: 1 << 20].decode(encoding, errors="replace").count("\ufffd") <= 8:
                name = Encoding.of(encoding).name
                return str(PipelineError(f"neither UTF-8 nor {encoding} text (byte 0x{byte:02x}, which {name} has "
                                         f"no character for): a stray byte in a {name} file; fix or remove it",
                                         path, line))
            hint = conversion_hint(likely_encoding(data), path, False)
            return str(PipelineError(f"neither UTF-8 nor {encoding} text (byte 0x{byte:02x}); {hint}", path, line))
        nul = next((n for n, line in enumerate(text, 1) if "\x00" in line), None)
        if nul is not None:
            return str(PipelineError(f"binary file (NUL character), expected UTF-8 or {encoding} text", path, nul))
        return text

    if wide(encoding) and (utf16 or b"\x00" in data):
        return configured()
    if utf16:
        hint = conversion_hint(Encoding.of(utf16), path, True, known=True)
        return str(PipelineError(f"UTF-16 text, expected UTF-8: {hint}", path, 1))
    if b"\x00" in data:
        expected = f"UTF-8 or {encoding}" if other else "UTF-8"
        return str(PipelineError(f"binary file (NUL byte), expected {expected} text", path,
                                 _line_of(data, data.index(b"\x00"))))
    bom = 3 if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return lines(data[bom:].decode("utf-8"))
    except UnicodeDecodeError as exc:
        if other:
            return configured()
        at = bom + exc.start
        hint = conversion_hint(likely_encoding(data), path, True)
        return str(PipelineError(f"not UTF-8 text (byte 0x{data[at]:02x}); {hint}", path, _line_of(data, at)))


_ENCODED = [b"a", b"\n", b"\r\n", b"\r", "ж".encode(), "ж".encode("cp1251"), "ж".encode("utf-16-le"), b"\x98", b"\x00",
            b"\xef\xbb\xbf", codecs.BOM_UTF16_LE, b"\x04"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_ENCODED), max_size=40), st.sampled_from(["cp1251", "koi8_r", "utf-16-le", "utf-8"]),
       st.integers(1, 9), st.booleans())
@example([b"\xe6", b"\n", b"\x98"], "cp1251", 2, False)  # 0x98 is no character in Windows-1251
@example(["ж".encode("utf-16-le"), b"\n", b"\x00"], "utf-16-le", 3, False)  # NUL bytes: UTF-16 as configured
@example(["ж".encode(), b"\n", "ж".encode("cp1251")], "cp1251", 1, True)  # half converted, past the first 4 KiB
@example(["ж".encode("utf-16-le"), b"\x00\x00", b"\n"], "utf-16-le", 2, False)  # U+0000 in UTF-16 text: binary
@example([b"a", b"\r", b"\x98"], "cp1251", 1, False)  # a stray byte on line 2 of a CR-only file
def test_text_lines_in_the_configured_encoding_are_the_whole_files_lines(pieces, encoding, block_size, long):
    data = (b"a" * 4100 + b"\n" if long else b"") + b"".join(pieces)
    try:
        streamed = list(TextLines(io.BytesIO(data), Path("x"), encoding=encoding, block_size=block_size))
    except PipelineError as error:
        streamed = str(error)
    assert streamed == _whole_configured(data, encoding)


def test_a_cp1251_article_streams_in_its_configured_encoding(tmp_path):
    text = "Заголовок\n\nБюджет Астаны вырос на 12%. Аким доволен.\n"
    path = tmp_path / "a.ru.txt"
    path.write_bytes(text.encode("cp1251") * 2000)  # several blocks
    article = read_article(path, "ru", "cp1251")
    assert article.blocks[0].text == "Заголовок" and article.segments[1].text == "Бюджет Астаны вырос на 12%."
    with pytest.raises(PipelineError, match=r"a\.ru\.txt:1: not UTF-8 text \(byte 0xc7\); it looks like Windows-1251"):
        read_article(path, "ru")


def test_text_lines_utf16_and_bom():
    text = "Заголовок\nстрока\n"
    assert _streamed(text.encode("utf-16"), True, 4).startswith("x:1: UTF-16 text, expected UTF-8: convert it with "
                                                                "iconv -f UTF-16 -t UTF-8 x > x.utf8")
    assert _streamed(text.encode("utf-16-le") * 40, True, 4).startswith("x:1: UTF-16 text, expected UTF-8: convert it "
                                                                        "with iconv -f UTF-16LE")
    lines = TextLines(io.BytesIO(codecs.BOM_UTF8 + text.encode()), Path("x"))
    assert list(lines) == ["Заголовок", "строка", ""] and lines.had_bom


def test_bom_does_not_shift_the_error():
    assert _streamed(codecs.BOM_UTF8 + b"ab\nc\xff", True, 1 << 18).startswith("x:2: not UTF-8 text (byte 0xff);")


def test_finish_reports_the_decoding_error_further_on():
    lines = TextLines(io.BytesIO(b"one\ntwo\n" + b"x" * 100 + b"\n\xff"), Path("x"), block_size=4)
    assert next(iter(lines)) == "one"
    with pytest.raises(PipelineError, match=r"x:4: not UTF-8 text \(byte 0xff\)"):
        lines.finish()


# --- Markdown, a piece at a time --------------------------------------------------

def _token(token) -> tuple:
    return (token.type, token.tag, token.nesting, token.level, tuple(token.map) if token.map else None,
            token.content, token.markup, token.info, tuple(sorted((token.attrs or {}).items())),
            token.hidden, token.block, tuple(_token(child) for child in token.children or []))


# Every block construct (and the line shapes that end, continue or interrupt one).
BLOCKS = [
    "Абзац текста.", "второй *строка* абзаца", "ленивая строка", "# Заголовок", "## Заголовок ##", "#",
    "####### не заголовок", "Setext\n===", "Setext2\n---", "=", "- пункт", "- пункт\n  продолжение", "* звёздочка",
    "+ плюс", "-", "- ", "1. первый", "2) второй", "10. десять", "1.", "  - вложенный", "    - глубоко",
    "   отступ три", "\t- таб пункт", "- a\n\n  b", "* a\n\n\n* b", "-\n  под пунктом", "- [x] задача",
    "1. a\n   - b\n\n     c", "1. a\n\n   ```\n   x\n   ```", "- ```\n  код", "- ~~~", "- > цитата в списке",
    "    код", "\tтаб код", "    \n    a", "> цитата", "> - в цитате", ">", ">  ", "> > двойная", "  > отступ",
    "> ```", "> <!--", "| a | b |\n| - | - |\n| 1 | 2 |", "| x | y |\n|:-:|--:|", "| a |", "|",
    "```", "```python", "~~~", "````", "  ```", " ```", "``` ```", "~~~ ~~~",
    "<!-- комментарий", "-->", "<!-- целый -->", "<!---->", "<!-- a -->b", "<div>", "</div>", "<DIV>",
    "<script>", "</script>", "<pre>", "</pre>", "<textarea>", "</textarea>", "<style>", "</style>",
    "<?php", "?>", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<a href='x'>", "<custom-tag>", "</span>",
    "[ref]: /url", "[ref]:\n/url \"t\"", "[ссылка][ref]", "---", "***", "___", "* * *", "- - -",
    "![картинка](a.png)", "text <br> more", "a\\", "b  ", "***жирный***", "`код`",
    "", " ", "\t", "    ", "\x0c", "\u00a0",
]
SEPARATORS = ["\n", "\n", "\n\n", "\n\n\n", "\n \n", "\n\t\n"]


@st.composite
def markdown_documents(draw, blocks=BLOCKS) -> str:
    separators = draw(st.sampled_from([SEPARATORS, ["\n"], ["\n", "\n", "\n", "\n\n"]]))
    parts = draw(st.lists(st.tuples(st.sampled_from(blocks), st.sampled_from(separators)), min_size=1, max_size=40))
    text = "".join(block + separator for block, separator in parts)
    return text[:-1] if draw(st.booleans()) else text


def _pieced(text: str, piece: int) -> tuple[list[tuple], list[str]]:
    tokens, references = [], {}
    for piece_tokens, env in readers._markdown_pieces(text.split("\n"), piece):
        tokens.extend(_token(t) for t in piece_tokens)
        for label in env.get("references") or {}:
            references.setdefault(label, None)
    return tokens, list(references)


@settings(max_examples=300, deadline=None)
@given(markdown_documents(), st.sampled_from([1, 5, 40]))
@example("- ```\n  ```\ncode\n```\n\nfoo\n\n```\n\nbar", 1)  # list fences vs top-level fences
@example("<!-- a\n\nb\n\n-->\n\nc", 1)  # an HTML comment across blank lines
@example("    a\n\n    b\n\nc", 1)  # an indented code block across a blank line
@example("- a\n\n\n- b\n\nc", 1)  # a loose list across two blank lines
@example("```\na\n\nb", 1)  # a fence never closed
@example("[ссылка][ref]\n\n[ref]: /url", 1)  # a reference used before its definition
def test_markdown_pieces_give_the_whole_documents_tokens(text, piece):
    whole_env: dict = {}
    whole = [_token(t) for t in readers._MD.parse(text, whole_env)]
    tokens, references = _pieced(text, piece)
    assert references == list(whole_env.get("references") or {})
    if references:  # a reference defined later changes inline tokens before it: such documents are refused
        tokens, whole = [t[:-1] for t in tokens], [t[:-1] for t in whole]
    assert tokens == whole


def test_pieces_are_cut_between_top_level_blocks():
    paragraphs = "\n\n".join(f"Абзац {i}." for i in range(200))
    assert len(list(readers._markdown_pieces(paragraphs.split("\n"), 64))) > 20
    headings = "\n".join(f"# Заголовок {i}\nТекст {i}." for i in range(100))  # no blank line at all
    assert len(list(readers._markdown_pieces(headings.split("\n"), 1))) > 40
    one_list = "\n".join(f"- пункт {i}" for i in range(100))  # one block: never cut
    assert len(list(readers._markdown_pieces(one_list.split("\n"), 1))) == 1


def _read(path: Path) -> tuple | str:
    try:
        article = read_article(path)
    except PipelineError as error:
        return str(error)
    return article.blocks, article.segments


# The reader's constructs and a few it refuses (inline HTML, an HTML block, a reference
# definition, a list item with two paragraphs), for the blocks and errors.
ARTICLE_BLOCKS = [
    "# Заголовок статьи", "Первое предложение. Второе предложение!", "Текст с *выделением* и [ссылкой](https://x.kz/).",
    "## Раздел", "Подзаголовок\n---", "- пункт один\n- пункт два\n  1. вложенный", "1. первый\n2. второй",
    "> Цитата. Ещё одна.", "> - пункт в цитате", "| Показатель | Значение |\n| :--- | ---: |\n| Рост. | 5 |",
    "![Подпись к фото](a.jpg \"t\")", "```python\nprint(1)\n\nx = 2\n```", "Абзац.\n\n    код\n    ещё",
    "---", "<!-- заметка редактора -->", "<!-- a\n\nb -->", "Строка<br>перенос.", "ленивая строка", "-",
    "Текст <span>HTML</span>.", "<div>\nблок\n</div>", "[ref]: /url", "- a\n\n  b", "",
]


@settings(max_examples=100, deadline=None)
@given(markdown_documents(ARTICLE_BLOCKS))
@example("# T\n\n-\n\nпосле пустого пункта.")  # an empty item's marker goes to the next text (kept as before)
@example("Текст <span>HTML</span>.\n\n" + "Абзац.\n\n" * 3 + "[ref]: /url")  # the reference error comes first
def test_article_blocks_and_errors_do_not_depend_on_the_pieces(text):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "a.ru.md"
        path.write_text(text, encoding="utf-8")
        whole = _read(path)  # one piece: the document is far below readers._PIECE
        original = readers._PIECE
        try:
            readers._PIECE = 1
            assert _read(path) == whole
        finally:
            readers._PIECE = original


def test_fixture_articles_do_not_depend_on_the_pieces(monkeypatch):
    for path in [FIXTURES / "markdown-sample.ru.md", *sorted((FIXTURES / "publish").glob("*.md"))]:
        whole = _read(path)
        monkeypatch.setattr(readers, "_PIECE", 1)
        assert _read(path) == whole
        monkeypatch.setattr(readers, "_PIECE", 1 << 16)


def _large_markdown(path: Path, paragraphs: int) -> None:
    path.write_text("# Заголовок\n\n" + "".join(f"Предложение номер {i} о заводе. Ещё одно {i}.\n\n"
                                                  for i in range(paragraphs)), encoding="utf-8")


def test_markdown_is_streamed(tmp_path, monkeypatch):
    """The first block comes before most of the file is read."""
    path = tmp_path / "big.ru.md"
    _large_markdown(path, 40_000)  # about 3.5 MB
    read = []
    raw = TextLines._raw
    monkeypatch.setattr(TextLines, "_raw", lambda self, size: read.append(size) or raw(self, size))
    blocks = open_article(path).segmented()
    first, _ = next(blocks)
    assert first.kind == "title" and sum(read) < 1 << 20 < path.stat().st_size
    blocks.close()


# --- error order -----------------------------------------------------------------

def test_reference_definition_far_on_wins_over_an_earlier_refused_block(tmp_path):
    path = tmp_path / "a.ru.md"
    _large_markdown(path, 5_000)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Ещё одно 0.", "Ещё <span>одно</span>.") + "[ref]: /url\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").split("\n").index("[ref]: /url") + 1
    assert _read(path) == f"{path}:{line}: a reference-style link cannot be published faithfully; " \
                          "write the link inline, [text](address): each sentence is rendered on its own"


def test_decoding_error_far_on_wins_over_a_reference_definition(tmp_path):
    path = tmp_path / "a.ru.md"
    _large_markdown(path, 5_000)
    data = b"[ref]: /url\n\n" + path.read_bytes() + b"\xff\n"
    path.write_bytes(data)
    line = data.count(b"\n")  # the last line
    assert _read(path).startswith(f"{path}:{line}: not UTF-8 text (byte 0xff);")


def test_decoding_error_far_on_wins_over_an_earlier_refused_block(tmp_path):
    path = tmp_path / "a.ru.md"
    _large_markdown(path, 5_000)
    data = path.read_bytes().replace("Ещё одно 0.".encode(), "Ещё <span>одно</span>.".encode()) + b"\xff\n"
    path.write_bytes(data)
    line = data.count(b"\n")  # the last line
    assert _read(path).startswith(f"{path}:{line}: not UTF-8 text (byte 0xff);")


def test_po_decoding_error_far_on_wins_over_an_earlier_syntax_error(tmp_path):
    path = tmp_path / "x.po"
    entries = "".join(f'msgid "Предложение {i}"\nmsgstr ""\n\n' for i in range(20_000))
    data = ('msgid ""\nmsgstr ""\n\nmsgid "bad \\q"\nmsgstr ""\n\n' + entries).encode() + b'msgid "\xff"\n'
    path.write_bytes(data)
    with pytest.raises(PipelineError) as raised:
        read_catalog(path)
    line = data.count(b"\n")  # the last line
    assert str(raised.value).startswith(f"{path}:{line}: not UTF-8 text (byte 0xff);")
    path.write_bytes(data[: -len(b'msgid "\xff"\n')])
    with pytest.raises(PipelineError, match=r"x.po:4: malformed PO: invalid escape '\\q'"):
        read_catalog(path)


# --- plain text in two passes --------------------------------------------------

_ENDS_SENTENCE = re.compile(r"[.!?…:;»“”\"')\]]\s*$")


def _whole_text_blocks(text: str) -> list[tuple[str, str, int]]:
    """The whole-text reader that streaming replaced (commit 17a1577): the oracle."""
    lines = text.split("\n")
    groups, current, start = [], [], 0
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
    blocks = [("title", normalize_space(first[0]), title_line)]
    body = ([(title_line + 1, first[1:])] if len(first) > 1 else []) + groups[1:]
    wrapped = len(groups) > 1 and any(
        not _ENDS_SENTENCE.search(line) for _, group in body if len(group) > 1 for line in group[:-1])
    for line_no, group in body:
        if wrapped:
            blocks.append(("paragraph", normalize_space(" ".join(group)), line_no))
        else:
            blocks.extend(("paragraph", normalize_space(line), line_no + i) for i, line in enumerate(group))
    return blocks


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Заголовок", "Завод построят.", "строка без точки", "конец строки;", "",
                                 " ", "\t", "  отступ.", "Вопрос?", "Два. Предложения!"]), max_size=30))
@example(["Заголовок", "перенос", "строки.", "", "Абзац."])  # hard-wrapped in the title's paragraph
@example(["Заголовок", "", "Абзац один.", "Абзац два."])  # one paragraph per line
def test_text_blocks_are_the_whole_text_readers(lines):
    text = "\n".join(lines)
    expected = [(kind, normalize_paragraph(block, "ru"), line) for kind, block, line in _whole_text_blocks(text)]
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "a.ru.txt"
        path.write_text(text, encoding="utf-8")
        read = _read(path)
    if not any(text for _, text, _ in expected):
        assert read == f"{path}: empty article (no text)"
    else:
        assert [(b.kind, b.text, b.line) for b in read[0]] == expected


def test_text_changed_between_the_two_passes(tmp_path, monkeypatch):
    path = tmp_path / "a.ru.txt"
    path.write_text("Заголовок\n\nПервый абзац.\n", encoding="utf-8")
    first_pass = readers._hard_wrapped

    def edited_meanwhile(lines):
        wrapped = first_pass(lines)
        path.write_text("Заголовок\n\nПервый абзац\nс переносом.\n", encoding="utf-8")
        return wrapped

    monkeypatch.setattr(readers, "_hard_wrapped", edited_meanwhile)
    with pytest.raises(PipelineError, match="changed while it was read"):
        read_article(path)


# --- catalogs written an entry at a time -------------------------------------------

def test_render_pieces_are_the_header_then_one_per_entry():
    catalog = polib.POFile(wrapwidth=78)
    catalog.header = "Заголовок."
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for i in range(3):
        catalog.append(polib.POEntry(msgid=f"Предложение {i}.", msgstr="", comment="Heading\nWarning: x",
                                     occurrences=[("a.txt", str(i))]))
    catalog.append(polib.POEntry(msgid="Старое.", msgstr="Old.", obsolete=True))
    pieces = list(render_pieces(catalog))
    assert len(pieces) == 5 and all(piece.startswith("\n#") for piece in pieces[1:])
    assert "".join(pieces) == render(catalog) and "#. Heading\n#. Warning: x\n" in pieces[1]


def test_extract_writes_the_same_template_whatever_the_pieces(tmp_path, monkeypatch):
    project = new_project(tmp_path, "markdown-sample.ru.md")
    pot = project / "locales" / "markdown-sample.pot"

    def extracted() -> str:
        assert run(project, "extract").exit_code == 0
        text = re.sub(r'"POT-Creation-Date: [^"]*"', "", pot.read_text(encoding="utf-8"))
        pot.unlink()
        return text

    whole = extracted()
    monkeypatch.setattr(readers, "_PIECE", 1)
    assert extracted() == whole and whole.count("msgid") > 5


def test_repeated_sentences_get_each_reference_once(tmp_path):
    """In source order (the reader's) and out of it (a hand-built article): one reference per line."""
    article = Article(tmp_path / "a.ru.txt", "a", "ru", "txt",
                      (Block("title", "Т", 1), Block("paragraph", "Да. Да.", 5), Block("paragraph", "Да.", 3),
                       Block("paragraph", "Да.", 5), Block("paragraph", "Да.", 7)),
                      (Segment("Т", 0, 0, 1), Segment("Да.", 1, 0, 5), Segment("Да.", 1, 1, 5), Segment("Да.", 2, 0, 3),
                       Segment("Да.", 3, 0, 5), Segment("Да.", 4, 0, 7)))
    entries = {e.msgid: e.occurrences for e in read_template(article, ProjectConfig(root=tmp_path)).entries}
    assert entries["Да."] == [("a.ru.txt", "5"), ("a.ru.txt", "3"), ("a.ru.txt", "7")]
    path = tmp_path / "t.ru.md"
    path.write_text("# Т\n\n" + "| Показатель | Да. |\n| - | - |\n| Да. | Да. |\n\n" * 3, encoding="utf-8")
    entries = {e.msgid: e.occurrences for e in read_template(open_article(path), ProjectConfig(root=tmp_path)).entries}
    assert entries["Да."] == [("t.ru.md", str(line)) for line in (3, 5, 7, 9, 11, 13)]
    assert entries["Показатель"] == [("t.ru.md", str(line)) for line in (3, 7, 11)]
