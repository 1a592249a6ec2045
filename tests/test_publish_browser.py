"""Published pages in a real headless browser (Debian's chromium); skipped when it is not installed."""
import datetime

import lxml.html
import pytest
from _chromium import CHROMIUM, Browser
from _publish_fixtures import EN, KK, S1, kamaz_article, make_article, reviewed_po

from translate_pipeline.publish.gate import Policy
from translate_pipeline.publish.run import publish_article, PublishOptions, write_editions

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

PAYLOAD = "<script>window.__pwned=1;document.documentElement.setAttribute('data-pwned','1')</script>"
IMG_PAYLOAD = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','2')\">"


def dump_dom(chromium, page):
    """The page's DOM after its scripts ran, as the browser holds it."""
    chromium.open(page, 800, 600)
    return lxml.html.fromstring(chromium.evaluate("document.documentElement.outerHTML"))


def test_browser_runs_page_scripts(tmp_path):
    """Control: the harness does detect script execution, so the escape test below can fail."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><body><p>x</p>{PAYLOAD}</body></html>")
    with Browser() as chromium:
        assert dump_dom(chromium, page).get("data-pwned") == "1"


def test_script_in_msgstr_is_shown_not_run(tmp_path):
    evil = dict(EN, **{S1: f"Plants {PAYLOAD} {IMG_PAYLOAD} open."})
    docs, _ = publish_article(kamaz_article(), ["ru", "en"], {"en": (reviewed_po(evil, "en"), None)},
                              Policy(), datetime.date(2026, 3, 8))
    md_article = make_article([("title", ["Заголовок"]), ("paragraph", ["Текст *важный*."])], name="md", fmt="md")
    md_en = {"Заголовок": "Title", "Текст *важный*.": f"Text *important* {PAYLOAD} {IMG_PAYLOAD}"}
    md_docs, _ = publish_article(md_article, ["en"], {"en": (reviewed_po(md_en, "en"), None)}, Policy())
    write_editions(docs + md_docs, PublishOptions(out=tmp_path / "site", editions=("html",)))
    with Browser() as chromium:
        for page in (tmp_path / "site" / "kamaz" / "en.html", tmp_path / "site" / "md" / "en.html"):
            dom = dump_dom(chromium, page)
            assert dom.get("data-pwned") is None
            assert dom.xpath("//script[not(@type='application/ld+json')]") == [] and dom.xpath("//img") == []
            shown = dom.xpath("//article")[0].text_content()
            assert "<script>window.__pwned=1;" in shown and "<img src=x onerror=" in shown
    assert dom.xpath("//article//em")[0].text == "important"  # Markdown markup still rendered


def test_pages_lang_attributes_and_links_in_browser(tmp_path):
    catalogs = {"en": (reviewed_po(EN, "en"), None), "kk": (reviewed_po(KK, "kk"), None)}
    docs, _ = publish_article(kamaz_article(), ["ru", "en", "kk", "kk-Latn"], catalogs, Policy(),
                              datetime.date(2026, 3, 8))
    site = tmp_path / "site"
    write_editions(docs, PublishOptions(out=site, editions=("html",)))
    with Browser() as chromium:
        for lang in ("ru", "en", "kk", "kk-Latn"):
            page = site / "kamaz" / f"{lang}.html"
            dom = dump_dom(chromium, page)
            assert dom.get("lang") == lang
            hreflangs = dom.xpath("//link[@rel='alternate']/@hreflang")
            assert sorted(hreflangs) == sorted(["ru", "en", "kk", "kk-Latn", "x-default"])
            for href in dom.xpath("//link[@rel='alternate']/@href | //nav//a/@href"):
                assert (page.parent / href).resolve().is_file(), href
        shot = chromium.screenshot(tmp_path / "kk-Latn.png")  # the last page opened
        assert shot.stat().st_size > 5000  # a rendered page, not an empty image
        index = dump_dom(chromium, site / "index.html")
    assert all((site / href).is_file() for href in index.xpath("//a/@href"))
