"""Issue 24: a Markdown article with bold leads, multi-sentence links, italic credits and inline lists
is published in every edition (source language included) with its markup rendered, never shown as text,
and every link kept — checked on the files and, for HTML, in headless Chromium."""
from __future__ import annotations

import re
from collections import Counter

import lxml.html
import pytest
from _chromium import CHROMIUM, Browser
from _publish_fixtures import md_body, reviewed_po
from markdown_it import MarkdownIt

from translate_pipeline.publish.gate import Policy
from translate_pipeline.publish.run import PublishOptions, publish_article, write_editions
from translate_pipeline.source.readers import read_article

ARTICLE = """\
# Завод откроют в Костанае

**Соглашение подписали в Астане. Завод откроют в 2026 году.** Об этом сообщили в министерстве.

Текст соглашения размещён [на сайте министерства. Там же опубликован договор](https://gov.kz/memleket/doc). Проект \
оценивается в 2,5 млрд тенге (сумма указана без НДС. Окончательная смета — в мае) и финансируется *банком развития*.

*Фото: Айдар Беков. Источник: пресс-служба акимата.*

Приоритеты: 1. Развитие дорог; 2. Энергетика; 3. Цифровизация. Места распределились так: 1. Казахстан, 2. \
Узбекистан, 3. Кыргызстан.

- **Сроки.** Первая очередь — в 2026 году. Подробности [в плане. Раздел 2](https://gov.kz/plan#2).
- Формула расчёта: 5 \\* 3 = 15, знак \\[1\\] — сноска.

«Мы построим завод. Он откроется в мае», — сказал министр. _Редакция. Все права защищены._
"""

LANGS = ["ru", "en", "kk", "kk-Latn"]
_MD = MarkdownIt("commonmark").enable("strikethrough")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _spaced(root):
    """Blocks end with a space, as a browser puts list items and paragraphs on lines of their own."""
    for el in root.iter("p", "li", "h1", "h2", "h3", "blockquote"):
        el.tail = " " + (el.tail or "")
    return root


def _source_view():
    """What the source Markdown shows a reader: visible text of the body (title left out) and link targets."""
    root = _spaced(lxml.html.fromstring(f"<div>{_MD.render(ARTICLE)}</div>"))
    root.remove(root.find("h1"))
    return _norm(root.text_content()), Counter(root.xpath("//a/@href"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("markup-site")
    path = base / "zavod.ru.md"
    path.write_text(ARTICLE, encoding="utf-8")
    article = read_article(path)
    # the translations keep every sentence as it is: the comparison with the source is exact
    copies = {s.text: s.text for s in article.segments}
    catalogs = {lang: (reviewed_po(copies, lang), None) for lang in ("en", "kk")}
    docs, refused = publish_article(article, LANGS, catalogs, Policy())
    assert not refused
    write_editions(docs, PublishOptions(out=base / "site", editions=("html", "md", "txt")))
    return base / "site" / "zavod", article


def test_segments_keep_whole_spans_and_lists(site):
    _, article = site
    texts = [s.text for s in article.segments]
    assert "**Соглашение подписали в Астане. Завод откроют в 2026 году.**" in texts
    assert "*Фото: Айдар Беков. Источник: пресс-служба акимата.*" in texts
    assert "Приоритеты: 1. Развитие дорог; 2. Энергетика; 3. Цифровизация." in texts
    assert any(t.startswith("Текст соглашения размещён [на сайте министерства. Там же") for t in texts)
    assert any("(сумма указана без НДС. Окончательная смета — в мае)" in t for t in texts)


def _article_view(html: str):
    root = _spaced(lxml.html.fromstring(html))
    body = [el for el in root.xpath("//article/*") if el.tag != "header"]
    return _norm(" ".join(el.text_content() for el in body)), Counter(h for el in body for h in el.xpath(".//a/@href"))


@pytest.mark.parametrize("lang", LANGS)
def test_html_edition_shows_markup_rendered_and_keeps_links(site, lang):
    folder, _ = site
    text, links = _article_view((folder / f"{lang}.html").read_text(encoding="utf-8"))
    source_text, source_links = _source_view()
    assert links == source_links
    for literal in ("*", "_", "[", "](", "]"):
        assert text.count(literal) == source_text.count(literal), literal
    if lang != "kk-Latn":  # the others are the source's own sentences
        assert text == source_text


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_edition_reads_back_as_the_source(site, lang):
    folder, _ = site
    rendered = _spaced(lxml.html.fromstring(f"<div>{_MD.render(md_body((folder / f'{lang}.md').read_text(encoding='utf-8')))}</div>"))
    rendered.remove(rendered.find("h1"))
    text, source_text = _norm(rendered.text_content()), _source_view()[0]
    assert Counter(rendered.xpath("//a/@href")) == _source_view()[1]
    if lang != "kk-Latn":
        assert text == source_text


@pytest.mark.parametrize("lang", ["ru", "en", "kk"])
def test_text_edition_shows_the_words_without_markup(site, lang):
    folder, _ = site
    lines = (folder / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    text = _norm(" ".join(re.sub(r"^- ", "", line) for line in lines[1:]))
    assert text == _source_view()[0]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_published_pages_in_chromium_show_the_sources_text_and_links(site):
    folder, _ = site
    source_text, source_links = _source_view()
    script = """(() => {
      const body = Array.from(document.querySelectorAll('article > :not(header)'));
      return {text: body.map(e => e.innerText).join(' '),
              links: body.flatMap(e => Array.from(e.querySelectorAll('a')).map(a => a.getAttribute('href')))};
    })()"""
    with Browser() as chromium:
        for lang in LANGS:
            chromium.open(folder / f"{lang}.html", 900)
            shown = chromium.evaluate(script)
            assert Counter(shown["links"]) == source_links, lang
            text = _norm(shown["text"])
            for literal in ("**", "](", "[", "_"):
                assert text.count(literal) == source_text.count(literal), (lang, literal)
            if lang != "kk-Latn":
                assert text == source_text, lang
            bold = chromium.evaluate("Array.from(document.querySelectorAll('article strong')).map(e => e.innerText)")
            assert any("Завод откроют в 2026 году" in b or "Zavod" in b for b in bold), lang
