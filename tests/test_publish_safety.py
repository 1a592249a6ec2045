"""Safe output: addresses survive kk-Latn, links are relative/encoded/scheme-checked in every format,
unsafe article names are refused at read time, readers never see provenance, stale editions go."""
import datetime
import json
import shutil

import lxml.html
import polib
import pytest
from markdown_it import MarkdownIt

from _publish_fixtures import make_article, reviewed_po
from helpers import run
from translate_pipeline.core.errors import ExitCode, PipelineError
from translate_pipeline.publish.gate import Policy
from translate_pipeline.publish.edition import Edition
from translate_pipeline.publish.render_html import render_article
from translate_pipeline.publish.render_json import render_json
from translate_pipeline.publish.render_md import render_markdown
from translate_pipeline.publish.run import publish_article, PublishOptions, write_editions
from translate_pipeline.publish.translit_kk import transliterate_text
from translate_pipeline.source.readers import read_article

WIKI = "https://kk.wikipedia.org/wiki/Абай_Құнанбайұлы"


# --- 4. kk-Latn transliterates text only ---------------------------------------------------------

@pytest.mark.parametrize("kept", [
    WIKI, "http://сайт.қаз/жаңалықтар?бет=2", "www.үкімет.kz/мақала", "абай@пошта.kz", "`Құнанбайұлы()`",
    '<a href="/абай" title="Абай">', "<https://kk.wikipedia.org/wiki/Абай>",
])
def test_addresses_code_and_tags_are_not_transliterated(kept):
    text = f"Абай туралы: {kept}, оқыңыз."
    assert transliterate_text(text) == f"Abai turaly: {kept}, oqyñyz."


def test_markdown_link_destination_kept_but_its_text_and_title_transliterated():
    text = f'[Абай туралы]({WIKI} "Ақын") мен ![Сурет](сурет.png)'
    assert transliterate_text(text) == f'[Abai turaly]({WIKI} "Aqyn") men ![Suret](сурет.png)'


def test_kk_latn_edition_keeps_the_link_working_in_every_format():
    article = make_article([("title", ["Абай"]), ("paragraph", ["Подробнее [в статье](" + WIKI + ")."])], fmt="md")
    kk = reviewed_po({"Абай": "Абай", f"Подробнее [в статье]({WIKI}).": f"Толығырақ [мақалада]({WIKI})."}, "kk")
    docs, _ = publish_article(article, ["kk", "kk-Latn"], {"kk": (kk, None)}, Policy())
    latn = docs[1]
    page = lxml.html.fromstring(render_article(Edition(latn)))
    (href,) = page.xpath("//article//a/@href")
    assert href == "https://kk.wikipedia.org/wiki/%D0%90%D0%B1%D0%B0%D0%B9_%D2%9A%D2%B1%D0%BD%D0%B0%D0%BD%D0%B1%D0%B0%D0%B9%D2%B1%D0%BB%D1%8B"
    assert page.xpath("//article//a")[0].text_content() == "maqalada"
    assert f"[maqalada]({WIKI})" in render_markdown(Edition(latn))
    assert json.loads(render_json(Edition(latn)))["blocks"][1]["segments"][0]["text"] == f"Tolyğyraq [maqalada]({WIKI})."


# --- 5. links and names ------------------------------------------------------------------------

UNSAFE = ["javascript:alert(document.domain)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
          "java&#115;cript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "file:///etc/passwd"]
PERMISSIVE = MarkdownIt("commonmark").enable("strikethrough")
PERMISSIVE.validateLink = lambda url: True  # a lax reader: makes a link of anything


def _links_a_lax_reader_makes(markdown):
    tokens = [c for t in PERMISSIVE.parse(markdown) if t.children for c in t.children]
    return [t.attrGet("href") or t.attrGet("src") for t in tokens if t.type in ("link_open", "image")]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_link_is_a_link_in_no_format(url):
    sentence = f"Жми [сюда]({url}) или <{url}> и ![x]({url})."
    article = make_article([("title", ["Т"]), ("paragraph", [sentence])], fmt="md")
    en = reviewed_po({"Т": "T", sentence: sentence.replace("Жми", "Click")}, "en")
    docs, _ = publish_article(article, ["ru", "en"], {"en": (en, None)}, Policy())
    for doc in docs:
        page = lxml.html.fromstring(render_article(Edition(doc)))
        assert page.xpath("//article//a") == [] and page.xpath("//article//img") == []
        assert ("сюда" if doc.lang == "ru" else "Click") in page.xpath("//article")[0].text_content()
        assert _links_a_lax_reader_makes(render_markdown(Edition(doc))) == []
        data = json.loads(render_json(Edition(doc)))
        for block in data["blocks"]:
            assert _links_a_lax_reader_makes(block["text"]) == [] and "<a " not in block["html"]
            for seg in block["segments"]:
                assert _links_a_lax_reader_makes(seg["text"]) == _links_a_lax_reader_makes(seg["source"]) == []


def test_safe_links_stay_links_everywhere():
    sentence = "См. [сайт](https://gov.kz/a b), [почту](mailto:a@b.kz) и [раздел](./other.html#x)."
    article = make_article([("title", ["Т"]), ("paragraph", [sentence])], fmt="md")
    (doc,), _ = publish_article(article, ["ru"], {}, Policy())
    page = lxml.html.fromstring(render_article(Edition(doc)))
    assert page.xpath("//article//a/@href") == ["mailto:a@b.kz", "./other.html#x"]  # "a b" is no link in CommonMark
    assert _links_a_lax_reader_makes(render_markdown(Edition(doc))) == ["mailto:a@b.kz", "./other.html#x"]


@pytest.mark.parametrize("file_name", [
    "javascript:alert(document.domain).ru.txt", "...ru.txt", "..ru.txt", ".hidden.ru.txt",
    "line\nbreak.ru.txt", "tab\there.ru.txt", "a  b.ru.txt", "trailing .ru.txt", "x<y.ru.txt", 'q"uote.ru.txt',
])
def test_unsafe_article_names_are_refused_at_read_time(tmp_path, file_name):
    path = tmp_path / file_name
    path.write_text("Заголовок\nТекст.\n", encoding="utf-8")
    with pytest.raises(PipelineError) as err:
        read_article(path)
    assert "is not a safe file name" in str(err.value) and "\n" not in str(err.value)


def test_unsafe_name_stops_publish_before_anything_is_written(tmp_path):
    project = tmp_path / "proj"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "javascript:alert(document.domain).ru.txt").write_text("Т\nТекст.\n", encoding="utf-8")
    (project / "articles" / "...ru.txt").write_text("Т\nТекст.\n", encoding="utf-8")
    result = run(project, "publish", "articles/...ru.txt", "--out", str(tmp_path / "site"), "--lang", "ru")
    assert result.exit_code == ExitCode.INPUT and len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error: articles/...ru.txt: article name '..'")
    assert not (tmp_path / "site").exists() and not (tmp_path / "..").joinpath("ru.html").exists()
    result = run(project, "publish", "--out", str(tmp_path / "site"), "--lang", "ru")
    assert result.exit_code == ExitCode.INPUT and "javascript:alert" in result.stderr and not (tmp_path / "site").exists()


def test_links_are_relative_and_url_encoded_on_every_page(tmp_path):
    article = make_article([("title", ["Заголовок"]), ("paragraph", ["Текст."])], name="новость-1")
    en = reviewed_po({"Заголовок": "Headline", "Текст.": "Text."}, "en")
    docs, _ = publish_article(article, ["ru", "en"], {"en": (en, None)}, Policy(), datetime.date(2026, 3, 8))
    write_editions(docs, PublishOptions(out=tmp_path, formats=("html",)))
    index = lxml.html.fromstring((tmp_path / "index.html").read_bytes())
    hrefs = set(index.xpath("//a/@href"))
    assert hrefs == {"./%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C-1/ru.html",
                     "./%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C-1/en.html"}
    page = lxml.html.fromstring((tmp_path / "новость-1" / "en.html").read_bytes())
    assert set(page.xpath("//link[@rel='alternate']/@href")) == {"./ru.html", "./en.html"}
    assert page.xpath("//nav//a/@href") == ["./ru.html", "../index.html"]


# --- 6. what readers see ---------------------------------------------------------------------------

def _site_project(tmp_path):
    project = tmp_path / "proj"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "note.ru.txt").write_text("Заметка\nЦена выросла на 5%.\n", encoding="utf-8")
    assert run(project, "update", "--to", "en,kk").exit_code == 0
    for lang, texts in (("en", ["Note", "The price rose by 5%."]), ("kk", ["Жазба", "Баға 5% өсті."])):
        path = project / "locales" / lang / "LC_MESSAGES" / "note.po"
        po = polib.pofile(str(path))
        for entry, text in zip(po, texts):
            entry.msgstr = text
        po[1].comment = "Origin: MT argos translate-ru_en 1.9 (ru→en)"
        po.save()
    return project


def _alternates(page):
    return set(lxml.html.fromstring(page.read_bytes()).xpath("//link[@rel='alternate' and @hreflang!='x-default']/@hreflang"))


def test_refused_language_loses_its_stale_pages_and_links_stay_symmetric(tmp_path):
    project, site = _site_project(tmp_path), tmp_path / "site"
    assert run(project, "publish", "--out", str(site)).exit_code == 0
    folder = site / "note"
    assert {p.name for p in folder.glob("*.html")} == {"ru.html", "en.html", "kk.html", "kk-Latn.html"}
    assert "argos" not in (folder / "en.html").read_text(encoding="utf-8")  # no provenance for readers
    assert "argos" not in (folder / "en.json").read_text(encoding="utf-8")
    # the article is edited: the English sentence is now out of date
    (project / "articles" / "note.ru.txt").write_text("Заметка\nЦена выросла на 7%.\n", encoding="utf-8")
    assert run(project, "update", "--lang", "en,kk").exit_code == 0
    kk_path = project / "locales" / "kk" / "LC_MESSAGES" / "note.po"
    kk = polib.pofile(str(kk_path))
    kk.find("Цена выросла на 7%.").msgstr, kk.find("Цена выросла на 7%.").flags = "Баға 7% өсті.", []
    kk.save()  # the Kazakh translator has reviewed the change, the English one not yet
    result = run(project, "publish", "--out", str(site), "--lang", "ru,en", "--format", "html")  # a partial run
    assert result.exit_code == 1
    assert f"removed {folder / 'en.html'} (stale" in result.stdout  # outside the project: as given
    assert not any(folder.glob("en.*"))  # no old figures left behind
    pages = {p.stem: p for p in folder.glob("*.html")}
    assert set(pages) == {"ru", "kk", "kk-Latn"}  # refreshed although not asked for: their links changed
    for edition in ("kk.html", "kk.md", "kk.txt", "kk.json", "ru.md"):  # every format, not only --format's
        assert "7%" in (folder / edition).read_text(encoding="utf-8"), edition
    for page in pages.values():  # every page links to exactly the pages that exist
        assert _alternates(page) == set(pages)
    manifest = json.loads((site / "index.json").read_text(encoding="utf-8"))
    assert [v["lang"] for v in manifest["articles"][0]["versions"]] == ["ru", "kk", "kk-Latn"]
    index = lxml.html.fromstring((site / "index.html").read_bytes())
    assert set(index.xpath("//a/@hreflang")) == {"ru", "kk", "kk-Latn"}


def test_preview_shows_provenance_and_the_languages_not_yet_published(tmp_path):
    project, preview = _site_project(tmp_path), tmp_path / "preview"
    po_path = project / "locales" / "kk" / "LC_MESSAGES" / "note.po"
    po = polib.pofile(str(po_path))
    po[1].flags.append("fuzzy")
    po.save()
    result = run(project, "publish", "--out", str(preview), "--preview")
    assert result.exit_code == 1
    en = lxml.html.fromstring((preview / "note" / "en.html").read_bytes())
    assert en.xpath("//span/@data-provenance") == ["MT argos translate-ru_en 1.9 (ru→en)"]
    index = lxml.html.fromstring((preview / "index.html").read_bytes())
    pending = index.xpath("//div[@class='pending']//li")
    assert [(li.xpath("./span/@lang")[0], li.text_content().split(": ", 1)[1]) for li in pending] == [
        ("kk", "не готово предложений: 1"), ("kk-Latn", "делается из kk, а он не готов")]
    shutil.rmtree(preview)
    run(project, "publish", "--out", str(preview))
    assert not lxml.html.fromstring((preview / "index.html").read_bytes()).xpath("//div[@class='pending']")
