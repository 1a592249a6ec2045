"""Article reader: structure, encodings, Markdown, and bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES, SHARED_ARTICLE
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.source.readers import article_name, find_articles, read_article


def test_text_article_structure_and_lines():
    article = read_article(FIXTURES / "kamaz-kazakhstan.ru.txt")
    assert article.name == "kamaz-kazakhstan"
    assert article.blocks[0].kind == "title"
    assert [b.line for b in article.blocks] == list(range(1, 8))
    assert all(b.kind == "paragraph" for b in article.blocks[1:])
    # segments point back at their block and line, in order
    assert [s.block for s in article.segments] == sorted(s.block for s in article.segments)
    assert article.segments[-1].text == "На первом этапе планируют собирать 30 тысяч машин в год."
    assert article.segments[-1].line == 7


@pytest.mark.skipif(not SHARED_ARTICLE.exists(), reason="../shared not present")
def test_shared_article_reads():
    article = read_article(SHARED_ARTICLE)
    assert article.blocks[0].text.startswith("В Правительстве РК подписали соглашение")
    assert len(article.blocks) == 9


def test_bom_and_crlf_accepted(tmp_path):
    path = tmp_path / "a.ru.txt"
    path.write_bytes("\ufeffЗаголовок\r\nПервый абзац. Второе предложение.\r\n".encode("utf-8"))
    article = read_article(path)
    assert article.blocks[0].text == "Заголовок"
    assert [s.text for s in article.segments[1:]] == ["Первый абзац.", "Второе предложение."]


def test_blank_line_separated_wrapped_paragraphs_are_joined(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text("Заголовок\n\nПервая строка абзаца\nпродолжается здесь.\n\nВторой абзац.\n", encoding="utf-8")
    article = read_article(path)
    assert [b.text for b in article.blocks] == ["Заголовок", "Первая строка абзаца продолжается здесь.", "Второй абзац."]
    assert [b.line for b in article.blocks] == [1, 3, 6]


def test_one_paragraph_per_line_with_blank_lines(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("Заголовок\n\nПервый абзац.\nВторой абзац.\n\nТретий.\n", encoding="utf-8")
    assert [b.text for b in read_article(path).blocks[1:]] == ["Первый абзац.", "Второй абзац.", "Третий."]


def test_markdown_blocks_keep_inline_markup():
    article = read_article(FIXTURES / "markdown-sample.ru.md")
    kinds = [(b.kind, b.level, b.marker) for b in article.blocks]
    assert kinds[0] == ("title", 1, "#")
    assert ("heading", 2, "##") in kinds
    assert ("item", 0, "-") in kinds and ("item", 1, "1.") in kinds
    assert article.blocks[0].text == "Аким *Костанайской области* встретился с инвесторами"
    assert "[КАМАЗ](https://kamaz.ru/)" in article.blocks[1].text
    assert article.name == "markdown-sample"


def test_article_name_strips_language_and_format():
    assert article_name(Path("x/kamaz-kazakhstan.ru.txt")) == "kamaz-kazakhstan"
    assert article_name(Path("news.md")) == "news"
    assert article_name(Path("report.en.txt"), "ru") == "report.en"


@pytest.mark.parametrize(
    "content, message, line",
    [
        (b"\xd0\x97\xd0\xb0\n\xff\xfe bad\n", "not UTF-8", 2),
        (b"Title\nbinary\x00data\n", "binary file", 2),
        (b"\n  \n\t\n", "empty article", None),
    ],
)
def test_bad_article_content(tmp_path, content, message, line):
    path = tmp_path / "bad.ru.txt"
    path.write_bytes(content)
    with pytest.raises(PipelineError) as caught:
        read_article(path)
    assert message in str(caught.value)
    assert caught.value.line == line
    assert str(caught.value).startswith(str(path))


def test_missing_file_and_empty_directory(tmp_path):
    with pytest.raises(PipelineError, match="no such file"):
        find_articles([tmp_path / "nope.txt"])
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(PipelineError, match="holds no articles"):
        find_articles([tmp_path / "empty"])


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK")
    with pytest.raises(PipelineError, match="unsupported article type"):
        read_article(path)
