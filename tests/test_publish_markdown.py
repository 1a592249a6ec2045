"""Markdown published faithfully: every CommonMark/GFM block kind segmented, passed through or refused,
and Markdown editions of plain-text articles that read back as the same text in any CommonMark reader."""
import datetime
import re

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from _publish_fixtures import md_body, make_article, reviewed_po
from translate_pipeline.source.article import Cell
from translate_pipeline.catalog.template import read_template
from translate_pipeline.core.settings import ProjectConfig
from translate_pipeline.core.errors import PipelineError
from translate_pipeline.publish.gate import Policy
from translate_pipeline.publish.edition import Edition
from translate_pipeline.publish.render_html import render_article
from translate_pipeline.publish.render_json import to_data
from translate_pipeline.publish.render_md import render_markdown
from translate_pipeline.publish.render_txt import render_text
from translate_pipeline.publish.run import publish_article
from translate_pipeline.source.readers import read_article

GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])

EVERY_KIND = """\
# Итоги года

Бюджет вырос. Расходы тоже.<br>Подробности ниже.  
Вторая строка абзаца.

| Год | Объём |
|:----|------:|
| 2023 | 200,1 |
| 2024 | 215,3 |

> Цитата министра. Ещё одно предложение.
>
> Второй абзац цитаты.

---

![Завод КАМАЗ в Костанае](img/kamaz.jpg "КАМАЗ")

- Пункт первый.
  1. Вложенный пункт.
- Пункт второй.

```python
print("Не переводить")
```

<!-- примечание редактора -->

    отступ — это код

Конец статьи с ~~зачёркнутым~~ словом.<!-- проверить -->
"""


def _article(tmp_path, text, name="every-kind.ru.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_article(path)


def _structure(markdown):
    """Block token types and the text of every inline token: what a reader makes of the file."""
    tokens = GFM.parse(markdown)
    return [t.type for t in tokens if t.nesting >= 0 and t.type != "inline"], [
        t.content for t in tokens if t.type == "inline"]


def test_every_block_kind_is_read_with_its_shape(tmp_path):
    article = _article(tmp_path, EVERY_KIND)
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert kinds[0] == ("title", "Итоги года")
    assert kinds[1] == ("paragraph", "Бюджет вырос. Расходы тоже.<br>Подробности ниже.<br>Вторая строка абзаца.")
    cells = [b for b in article.blocks if b.kind == "cell"]
    assert [b.text for b in cells] == ["Год", "Объём", "2023", "200,1", "2024", "215,3"]
    assert cells[1].cell == Cell(6, 0, 1, "right") and cells[4].cell == Cell(6, 2, 0, "left")
    quoted = [b.text for b in article.blocks if b.quote == 1]
    assert quoted == ["Цитата министра. Ещё одно предложение.", "Второй абзац цитаты."]
    assert ("rule", "") in kinds
    (image,) = [b for b in article.blocks if b.kind == "image"]
    assert (image.text, image.src, image.title) == ("Завод КАМАЗ в Костанае", "img/kamaz.jpg", "КАМАЗ")
    assert [(b.level, b.marker) for b in article.blocks if b.kind == "item"] == [(0, "-"), (1, "1."), (0, "-")]
    code = [b for b in article.blocks if b.kind == "code"]
    assert [(b.text, b.info) for b in code] == [('print("Не переводить")\n', "python"), ("отступ — это код\n", "")]
    # segments: cells and alt text are translated, code and rules are not; the comment is not content
    texts = [s.text for s in article.segments]
    assert "Год" in texts and "Завод КАМАЗ в Костанае" in texts and "Цитата министра." in texts
    assert not any("Не переводить" in t or "отступ" in t or "примечание" in t or "проверить" in t for t in texts)
    assert texts[-1] == "Конец статьи с ~~зачёркнутым~~ словом."
    comments = {e.msgid: e.comments for e in read_template(article, ProjectConfig(root=tmp_path)).entries}
    assert comments["Год"] == ["Table cell"] and comments["Завод КАМАЗ в Костанае"] == ["Image description (alt text)"]


def test_source_edition_reads_back_as_the_source_in_every_format(tmp_path):
    article = _article(tmp_path, EVERY_KIND)
    (ru,), _ = publish_article(article, ["ru"], {}, Policy(), datetime.date(2026, 3, 8))
    source_blocks, source_texts = _structure(EVERY_KIND)
    out_blocks, out_texts = _structure(md_body(render_markdown(Edition(ru))))
    # the editor's comment is not published; indented code comes out fenced (the same block)
    expected = ["fence" if t == "code_block" else t for t in source_blocks if t != "html_block"]
    assert out_blocks == expected
    # the same text in every block; a hard line break is written <br> (one notation for translators),
    # editors' comments are left out
    assert out_texts == [re.sub(r" {2,}\n", "<br>", t).replace("\n", " ").replace("<!-- проверить -->", "")
                         for t in source_texts]
    page = lxml.html.fromstring(render_article(Edition(ru)))
    body = page.xpath("//article")[0]
    assert [c.text_content() for c in body.xpath(".//table/thead/tr/th")] == ["Год", "Объём"]
    assert body.xpath(".//table/tbody/tr[2]/td[2]/@style") == ["text-align: right"]
    assert [p.text_content() for p in body.xpath(".//blockquote/p")] == [
        "Цитата министра. Ещё одно предложение.", "Второй абзац цитаты."]
    assert len(body.xpath(".//hr")) == 1 and len(body.xpath(".//p[1]//br")) == 2
    assert "<br>" not in body.text_content()
    assert body.xpath(".//figure/img/@alt") == ["Завод КАМАЗ в Костанае"]
    assert body.xpath(".//figure/img/@src") == ["img/kamaz.jpg"]
    assert body.xpath(".//ul/li/ol/li")[0].text_content() == "Вложенный пункт."
    assert body.xpath(".//pre/code")[0].text == 'print("Не переводить")\n'
    assert body.xpath(".//pre/code/@class") == ["language-python"]
    assert body.xpath(".//s")[0].text == "зачёркнутым"
    text = render_text(Edition(ru)).split("\n")
    assert "Год | Объём" in text and "2024 | 215,3" in text
    assert "> Цитата министра. Ещё одно предложение." in text
    assert "Завод КАМАЗ в Костанае" in text and "---" in text  # the image keeps its alt text
    assert 'print("Не переводить")' in text
    data = to_data(Edition(ru))
    image = next(b for b in data["blocks"] if b["kind"] == "image")
    assert image["src"] == "img/kamaz.jpg" and image["segments"][0]["text"] == "Завод КАМАЗ в Костанае"


def test_translated_table_keeps_its_shape_with_empty_and_untranslated_cells(tmp_path):
    article = _article(tmp_path, "# Т\n\n| Год | Примечание |\n|---|---|\n| 2024 |  |\n")
    en = reviewed_po({"Т": "T", "Год": "Year", "Примечание": "Note", "2024": "2024"}, "en")
    (doc,), refused = publish_article(article, ["en"], {"en": (en, None)}, Policy())
    assert not refused
    blocks, texts = _structure(md_body(render_markdown(Edition(doc))))
    assert blocks.count("th_open") == 2 and blocks.count("td_open") == 2 and texts == ["T", "Year", "Note", "2024", ""]


@pytest.mark.parametrize("source, line, what", [
    ("# Т\n\nТекст.\n\n<div class=\"x\">Важно</div>\n", 5, "raw HTML block"),
    ("# Т\n\nТекст с <span>разметкой</span>.\n", 3, "inline HTML"),
    ("# Т\n\n- Пункт.\n\n  Второй абзац пункта.\n", 5, "several paragraphs"),
    ("# Т\n\nСм. [сайт][1].\n\n[1]: https://gov.kz\n", 5, "reference-style link"),
    ("# Т\n\n- > цитата в пункте\n", 3, "several paragraphs or other blocks"),
])
def test_what_cannot_be_published_faithfully_is_refused_with_file_and_line(tmp_path, source, line, what):
    with pytest.raises(PipelineError) as err:
        _article(tmp_path, source)
    assert str(err.value).startswith(f"{tmp_path / 'every-kind.ru.md'}:{line}: ") and what in str(err.value)
    assert "\n" not in str(err.value)


# --- plain-text articles as Markdown ---------------------------------------------------------------

TRAPS = ["2024. Год начался с роста.", "1. Первое решение.", "1) Тоже список.", "- Тире в начале.",
         "+ Плюс.", "* Звезда.", "# Не заголовок.", "> Не цитата.", "---", "***", "=====", "```", "~~~ код",
         "<div>тег</div>", "&copy; 2024 &amp; далее", "Цена `5` и *звёзды* _подчёркивания_ [ссылка](x) ~~нет~~",
         "Тег <b>жирный</b> и \\ обратная косая", "| колонка | ещё |", "Заголовок с решёткой #"]


def _text_of(markdown):
    """The text a CommonMark reader shows, block by block (markup and escapes resolved)."""
    html = GFM.render(markdown)
    return [el.text_content() for el in lxml.html.fromstring(f"<div>{html}</div>").xpath("./*")]


def _published_texts(doc):
    page = lxml.html.fromstring(render_article(Edition(doc)))
    return [el.text_content() for el in page.xpath("//article/header/h1 | //article/p")]


@pytest.mark.parametrize("trap", TRAPS)
def test_plain_text_paragraphs_stay_paragraphs_in_the_markdown_edition(trap):
    article = make_article([("title", ["Заголовок"]), ("paragraph", [trap]), ("paragraph", ["Обычный абзац."])])
    (doc,), _ = publish_article(article, ["ru"], {}, Policy())
    markdown = md_body(render_markdown(Edition(doc)))
    assert [t.type for t in GFM.parse(markdown) if t.nesting == 1] == ["heading_open", "paragraph_open",
                                                                       "paragraph_open"]
    assert _text_of(markdown) == _published_texts(doc) == ["Заголовок", trap, "Обычный абзац."]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="#>-+*=_`~|<>[]()!&;\\ 0123456789.)абвxyz", min_size=1, max_size=30).map(str.strip)
       .filter(lambda t: t and "\n" not in t))
def test_any_plain_text_reads_back_identically_from_markdown(paragraph):
    article = make_article([("title", [paragraph]), ("paragraph", [paragraph])])
    (doc,), _ = publish_article(article, ["ru"], {}, Policy())
    markdown = md_body(render_markdown(Edition(doc)))
    assert [t.type for t in GFM.parse(markdown) if t.nesting == 1] == ["heading_open", "paragraph_open"]
    assert _text_of(markdown) == _published_texts(doc) == [paragraph, paragraph]


def test_text_edition_of_a_markdown_article_reads_back_as_a_reference(tmp_path):
    """The .txt layout (table rows, quotes, code, rules) is what ``evaluate --ref`` reads: a reviewed
    edition scored against itself is perfect, block for block."""
    from translate_pipeline.review.evaluate import read_reference, reference_scores, reference_units

    article = _article(tmp_path, EVERY_KIND)
    en = reviewed_po({s.text: f"EN {s.text}" for s in article.segments}, "en")
    (doc,), _ = publish_article(article, ["en"], {"en": (en, None)}, Policy())
    ref = tmp_path / "en.txt"
    ref.write_text(render_text(Edition(doc)), encoding="utf-8")
    lines = read_reference(ref, article)
    assert len(lines) == len(reference_units(article)) and "EN 2024 | EN 215,3" in lines
    (score,) = reference_scores(article, "en", en, lines)
    assert score.system == "catalog" and score.blocks == len(lines) and score.chrf == 100.0


def test_nested_lists_inside_a_quotation_come_back_byte_for_byte(tmp_path):
    """Ordered lists keep their start number, nesting keeps its indentation, tight lists stay tight."""
    source = ("# Заголовок\n\n> 10. Десятый пункт.\n>     - Вложенный.\n> 11. Одиннадцатый.\n>\n"
              "> ## Подзаголовок в цитате\n\n1. Один\n2. Два\n\n- Маркер\n")
    (ru,), _ = publish_article(_article(tmp_path, source), ["ru"], {}, Policy())
    assert md_body(render_markdown(Edition(ru))) == source
    page = lxml.html.fromstring(render_article(Edition(ru)))
    assert page.xpath("//blockquote/ol/@start") == ["10"]
    assert page.xpath("//blockquote/ol/li[1]/ul/li")[0].text_content() == "Вложенный."
    assert page.xpath("//blockquote/h2")[0].text_content() == "Подзаголовок в цитате"
