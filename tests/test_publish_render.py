"""HTML / Markdown / text / JSON editions (static checks; the browser test is separate)."""
import datetime
import json

import lxml.html
import pytest
from _publish_fixtures import (
    md_body,
    EN,
    KK,
    S1,
    S2,
    TITLE,
    assert_well_formed,
    kamaz_article,
    make_article,
    make_po,
    reviewed_po,
)

from translate_pipeline.publish.gate import Policy
from translate_pipeline.publish.edition import Edition
from translate_pipeline.publish.render_html import render_article
from translate_pipeline.publish.render_json import render_json, to_data
from translate_pipeline.publish.render_md import render_markdown
from translate_pipeline.publish.render_txt import render_text
from translate_pipeline.publish.run import publish_article, PublishOptions, write_editions

DATE = datetime.date(2026, 3, 8)
LANGS = ["ru", "en", "kk", "kk-Latn"]


def docs_for(article=None, en=None, kk=None, policy=Policy()):
    article = article or kamaz_article()
    catalogs = {"en": (en or reviewed_po(EN, "en"), None), "kk": (kk or reviewed_po(KK, "kk"), None)}
    docs, refused = publish_article(article, LANGS, catalogs, policy, DATE)
    assert not refused
    return {d.lang: d for d in docs}


def test_html_page_lang_alternates_switcher_and_localized_date():
    docs = docs_for()
    for lang, doc in docs.items():
        tree = lxml.html.fromstring(render_article(Edition(doc)))
        assert tree.get("lang") == lang
        alternates = {l.get("hreflang"): l.get("href") for l in tree.xpath("//link[@rel='alternate']")}
        assert alternates == {"ru": "./ru.html", "en": "./en.html", "kk": "./kk.html", "kk-Latn": "./kk-Latn.html",
                              "x-default": "./ru.html"}
        switcher = tree.xpath("//nav[@class='languages']//li")
        assert len(switcher) == 4
        assert tree.xpath("//nav//*[@aria-current='page']/@lang") == [lang]
    kk = lxml.html.fromstring(render_article(Edition(docs["kk"])))
    assert kk.xpath("//time")[0].text == "2026\u202fж. 8 наурыз"
    assert "қазақ тілі" in kk.xpath("//nav")[0].text_content()
    latn = lxml.html.fromstring(render_article(Edition(docs["kk-Latn"])))
    assert latn.xpath("//time")[0].text == "2026\u202fj. 8 nauryz"
    assert latn.xpath("//h1")[0].text_content().startswith("QR Ükımetınde")
    en = lxml.html.fromstring(render_article(Edition(docs["en"])))
    assert en.xpath("//time")[0].text == "March 8, 2026"
    assert en.xpath("//title")[0].text == EN[TITLE]


def test_html_escapes_script_in_msgstr_for_plain_text_articles():
    evil = dict(EN, **{S1: "Plants <script>window.__pwned=1</script> & more."})
    page = render_article(Edition(docs_for(en=reviewed_po(evil, "en"))["en"]))
    assert "<script>" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp; more." in page


def test_markdown_inline_markup_rendered_and_raw_html_escaped():
    article = make_article([("title", ["Заголовок *важный*"]),
                            ("paragraph", ["Смотрите [сайт](https://example.kz).", "Текст **жирный**."]),
                            ("item:-", ["Пункт один."]), ("item:-", ["Пункт два."])], name="md", fmt="md")
    en = {"Заголовок *важный*": "Title *important*",
          "Смотрите [сайт](https://example.kz).": "See the [site](https://example.kz) <script>x()</script>.",
          "Текст **жирный**.": "Text [bad](javascript:alert(1)) **bold**.",
          "Пункт один.": "Item one.", "Пункт два.": "Item two."}
    catalogs = {"en": (reviewed_po(en, "en"), None)}
    docs, _ = publish_article(article, ["ru", "en"], catalogs, Policy(), DATE)
    page = render_article(Edition(docs[1]))
    assert_well_formed(page)
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//h1/span/em")[0].text == "important"
    assert tree.xpath("//title")[0].text == "Title important"
    assert tree.xpath("//article//a[@href='https://example.kz']")[0].text == "site"
    assert not tree.xpath("//script[not(@type='application/ld+json')]") and "&lt;script&gt;x()&lt;/script&gt;" in page
    assert not tree.xpath("//a[starts-with(@href, 'javascript')]")
    assert tree.xpath("//article//strong")[0].text == "bold"
    assert [li.text_content() for li in tree.xpath("//article/ul/li")] == ["Item one.", "Item two."]
    md = md_body(render_markdown(Edition(docs[1])))
    assert md.startswith("# Title *important*\n")
    assert "&lt;script>x()&lt;/script>" in md and "\n- Item one.\n- Item two.\n" in md


def test_unreviewed_sentences_marked_in_every_format():
    en = make_po([{"msgid": TITLE, "msgstr": EN[TITLE]},
                  {"msgid": S1, "msgstr": "Engine draft.", "fuzzy": True, "origin": "MT argos (ru→en)"},
                  {"msgid": S2, "msgstr": ""}], "en")
    doc = docs_for(en=en, policy=Policy(allow_fuzzy=True, untranslated="source"))["en"]
    tree = lxml.html.fromstring(render_article(Edition(doc)))
    mt = tree.xpath("//span[@data-status='mt']")[0]
    # readers see that it is MT, not which engine: provenance only in the editor's preview
    assert mt.text_content() == "Engine draft." and mt.get("data-provenance") is None
    assert "argos" not in render_article(Edition(doc)) and "argos" not in render_json(Edition(doc))
    preview = lxml.html.fromstring(render_article(Edition(doc, preview=True)))
    assert preview.xpath("//span[@data-status='mt']/@data-provenance") == ["MT argos (ru→en)"]
    assert preview.xpath("//p[@class='preview-banner']")
    assert [s["provenance"] for b in json.loads(render_json(Edition(doc, preview=True)))["blocks"] for s in b["segments"]
            if s["status"] == "mt"] == ["MT argos (ru→en)"]
    fallback = tree.xpath("//span[@data-status='source-fallback']")
    assert [f.get("lang") for f in fallback] == ["ru", "ru"] and fallback[0].text_content() == S2
    assert len(tree.xpath("//p[@class='notice']")) == 2
    text = render_text(Edition(doc))
    assert "Engine draft. [MT]" in text and f"{S2} [ru]" in text and "[MT] machine translation" in text
    md = md_body(render_markdown(Edition(doc)))
    assert "Engine draft. \\[MT\\]" in md
    data = to_data(Edition(doc))
    assert data["machine_translated"] is True
    segs = [s for b in data["blocks"] for s in b["segments"]]
    assert [s["status"] for s in segs] == ["reviewed", "mt", "source-fallback", "source-fallback"]


def test_reviewed_text_edition_has_source_layout():
    doc = docs_for()["en"]
    assert render_text(Edition(doc)) == f"{EN[TITLE]}\n{EN[S1]} {EN[S2]}\n{EN[kamaz_article().segments[3].text]}\n"


def test_json_edition():
    doc = docs_for()["kk-Latn"]
    data = json.loads(json.dumps(to_data(Edition(doc))))
    assert data["lang"] == "kk-Latn" and data["versions"] == LANGS and not data["machine_translated"]
    assert data["blocks"][0]["segments"][0]["source"] == TITLE
    assert all(s["status"] == "reviewed" for b in data["blocks"] for s in b["segments"])


def test_index_and_files(tmp_path):
    docs = list(docs_for().values())
    changes = write_editions(docs, PublishOptions(out=tmp_path, editions=("html", "md", "txt", "json")))
    written = changes.written
    fronts = [tmp_path / "index.html"] + [tmp_path / lang / "index.html" for lang in LANGS[1:]]
    assert len(written) == 4 * 4 + 1 + 4 and changes.removed == []  # the editions, index.json, a front page per language
    assert set(fronts) <= set(written) and changes.unchanged == []
    index = lxml.html.fromstring((tmp_path / "index.html").read_text())
    assert index.xpath("//main//h2/a/@href") == ["./kamaz/ru.html"]
    badges = {a.get("hreflang"): a.get("href") for a in index.xpath("//main//a[@class='badge']")}
    assert badges == {l: f"./kamaz/{l}.html" for l in LANGS[1:]}
    switcher = {a.get("hreflang"): a.get("href") for a in index.xpath("//header//nav//a")}
    assert switcher == {l: f"./{l}/index.html" for l in LANGS[1:]}
    for front in fronts:
        page = lxml.html.fromstring(front.read_bytes())
        assert all((front.parent / href).is_file() for href in page.xpath("//a/@href")), front


def test_well_formedness_check_catches_unclosed_elements():
    with pytest.raises(AssertionError):
        assert_well_formed("<!DOCTYPE html><html><body><p><span>x</p></body></html>")


def test_project_template_overrides_package_template(tmp_path):
    (tmp_path / "article.html.j2").write_text("<p lang='{{ lang }}'>{{ title_text }}</p>")
    out = render_article(Edition(docs_for()["en"], templates=tmp_path))
    assert out == f"<p lang='en'>{EN[TITLE]}</p>"
