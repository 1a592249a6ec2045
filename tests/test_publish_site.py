"""The published site as readers, search engines, aggregators, CMSs and static site generators
take it: absolute links and link previews with a base URL, sitemap (sitemaps.org XSD via lxml),
Atom feeds (feedparser), JSON edition and report (their JSON Schemas), Markdown front matter
(PyYAML), stable dates under a fixed clock, interface words from gettext catalogs, and the
publish command's own options (--check summary, --format json, --editions, NAME in a subfolder)."""
import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import jsonschema
import lxml.html
import polib
import pytest
from _publish_fixtures import front_matter
from hypothesis import example, given, settings
from hypothesis import strategies as st
from helpers import command_document, run
from lxml import etree

from translate_pipeline.core.errors import ExitCode
from translate_pipeline.publish.render_html import og_locale

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "translate_pipeline" / "publish" / "schemas"
BASE = "https://news.example.kz/"

# name → (subfolder, Russian lines, English lines, Kazakh lines or None)
ARTICLES = {
    "kamaz": ("", ["КАМАЗ построит завод", "Завод откроют в Костанае в 2026 году.", "Там будут работать 500 человек."],
              ["KAMAZ to build a plant", "The plant will open in Kostanay in 2026.", "It will employ 500 people."],
              ["ҚАМАЗ зауыт салады", "Зауыт 2026 жылы Қостанайда ашылады.", "Онда 500 адам жұмыс істейді."]),
    "budget": ("2026/03", ["Бюджет вырос", "Бюджет Астаны вырос на 12%."],
               ["The budget grew", "Astana's budget grew by 12%."], None),
}


def newsroom(tmp_path: Path, base_url: str | None = BASE) -> Path:
    """A project with reviewed catalogs: kamaz in ru/en/kk, budget (in a subfolder) in ru/en only."""
    project = tmp_path / "newsroom"
    for name, (folder, ru, _, _) in ARTICLES.items():
        path = project / "articles" / folder / f"{name}.ru.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(ru) + "\n", encoding="utf-8")
    settings = '[publish]\nsite_name = "Kazakhstan Today"\n' + (f'base_url = "{base_url}"\n' if base_url else "")
    (project / "translate-pipeline.toml").write_text(settings, encoding="utf-8")
    assert run(project, "update", "--to", "en,kk").exit_code == 0
    for name, (_, ru, en, kk) in ARTICLES.items():
        review(project, name, "en", dict(zip(ru, en)))
        if kk:
            review(project, name, "kk", dict(zip(ru, kk)))
    return project


def review(project: Path, name: str, lang: str, translations: dict[str, str]) -> None:
    path = project / "locales" / lang / "LC_MESSAGES" / f"{name}.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr, entry.flags = translations[entry.msgid], []
    po.save()


def publish(project: Path, site: Path, day: str, *args: str):
    return run(project, "publish", "--out", str(site), "--date", day, *args)


def published(result) -> bool:
    """The run published everything it could: only budget's Kazakh editions refused (nothing translated)."""
    refused = [line for line in result.stderr.splitlines() if line.startswith("error: refused ")]
    assert all(line.startswith(("error: refused budget [kk]", "error: refused budget [kk-Latn]"))
               for line in refused), result.stderr
    verdict = [line for line in result.stderr.splitlines() if " article edition(s) refused" in line]
    assert verdict == ([f"error: {len(refused)} article edition(s) refused (sentences above): untranslated "
                        "sentences: translate them, or --untranslated skip|source"] if refused else [])
    assert "Traceback" not in result.stderr, result.stderr
    return True


def dom(path: Path):
    return lxml.html.fromstring(path.read_bytes())


# --- 1. base_url: what a shared link and a search engine see ---------------------------------------

def test_article_head_has_absolute_canonical_alternates_open_graph_and_json_ld(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    result = publish(project, site, "2026-03-08T09:30:00+05:00")  # a newsroom in Astana: stored and shown as UTC
    assert published(result) and "note: no base_url" not in result.stderr
    page = dom(site / "kamaz" / "en.html")
    head = page.find("head")
    assert head.xpath("link[@rel='canonical']/@href") == [f"{BASE}kamaz/en.html"]
    alternates = dict(zip(head.xpath("link[@rel='alternate' and @hreflang]/@hreflang"),
                          head.xpath("link[@rel='alternate' and @hreflang]/@href")))
    assert alternates == {"ru": f"{BASE}kamaz/ru.html", "en": f"{BASE}kamaz/en.html", "kk": f"{BASE}kamaz/kk.html",
                          "kk-Latn": f"{BASE}kamaz/kk-Latn.html", "x-default": f"{BASE}kamaz/ru.html"}
    meta = {m.get("property") or m.get("name"): m.get("content") for m in head.xpath("meta[@content]")}
    assert meta["description"] == "The plant will open in Kostanay in 2026."  # the lead: the first paragraph
    assert meta["og:title"] == meta["twitter:title"] == "KAMAZ to build a plant"
    assert meta["og:url"] == f"{BASE}kamaz/en.html" and meta["og:type"] == "article"
    assert meta["og:site_name"] == "Kazakhstan Today" and meta["og:locale"] == "en_US"
    assert head.xpath("meta[@property='og:locale:alternate']/@content") == ["ru_RU", "kk_KZ", "kk_Latn_KZ"]
    # every edition its own locale, and every other edition among its alternates
    locales = {"ru": "ru_RU", "en": "en_US", "kk": "kk_KZ", "kk-Latn": "kk_Latn_KZ"}
    for lang, locale in locales.items():
        other = dom(site / "kamaz" / f"{lang}.html").find("head")
        assert other.xpath("meta[@property='og:locale']/@content") == [locale]
        assert sorted(other.xpath("meta[@property='og:locale:alternate']/@content")) == sorted(
            set(locales.values()) - {locale})
    assert meta["twitter:card"] == "summary" and meta["article:published_time"] == "2026-03-08T04:30:00Z"
    assert head.xpath("link[@type='application/atom+xml']/@href") == [f"{BASE}en/feed.xml"]
    (ld,) = head.xpath("script[@type='application/ld+json']/text()")
    data = json.loads(ld)
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "en" and data["headline"] == "KAMAZ to build a plant"
    assert data["datePublished"] == data["dateModified"] == "2026-03-08T04:30:00Z" and data["url"] == f"{BASE}kamaz/en.html"
    assert data["translationOfWork"] == {"@type": "NewsArticle", "@id": f"{BASE}kamaz/ru.html", "inLanguage": "ru"}
    source = json.loads(dom(site / "kamaz" / "ru.html").xpath("//script[@type='application/ld+json']/text()")[0])
    assert {w["inLanguage"]: w["@id"] for w in source["workTranslation"]} == {
        lang: f"{BASE}kamaz/{lang}.html" for lang in ("en", "kk", "kk-Latn")}
    assert "translationOfWork" not in source


def test_json_ld_cannot_close_its_script_element():
    from translate_pipeline.publish.render_html import json_ld

    text = str(json_ld({"headline": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & <!--"


def test_without_base_url_links_are_relative_and_it_is_said_once(tmp_path):
    project, site = newsroom(tmp_path, base_url=None), tmp_path / "site"
    result = publish(project, site, "2026-03-08")
    assert published(result) and result.stderr.count("note: no base_url") == 1
    head = dom(site / "kamaz" / "en.html").find("head")
    assert head.xpath("link[@rel='canonical']") == [] and head.xpath("meta[@property='og:url']") == []
    assert set(head.xpath("link[@rel='alternate' and @hreflang]/@href")) == {"./ru.html", "./en.html", "./kk.html",
                                                                              "./kk-Latn.html"}
    assert not (site / "sitemap.xml").exists() and not list(site.rglob("feed.xml"))
    result = publish(project, site, "2026-03-08", "--base-url", "https://example.org/news")  # the option wins
    assert "note: no base_url" not in result.stderr and (site / "sitemap.xml").exists()
    assert dom(site / "kamaz" / "en.html").xpath("//link[@rel='canonical']/@href") == [
        "https://example.org/news/kamaz/en.html"]


@pytest.mark.parametrize("bad", ["news.example.kz", "ftp://example.org/", "https://example.org/?a=1", "/site/"])
def test_base_url_must_be_an_absolute_web_address(tmp_path, bad):
    project = newsroom(tmp_path, base_url=None)
    result = publish(project, tmp_path / "site", "2026-03-08", "--base-url", bad)
    assert result.exit_code == ExitCode.INPUT and result.stderr.startswith("error: base_url must be an absolute http(s) address")
    assert not (tmp_path / "site").exists()


# --- 2. sitemap and feeds -------------------------------------------------------------------------

def sitemap_schema() -> etree.XMLSchema:
    """sitemaps.org's sitemap.xsd with the xhtml:link schema, so that its strict wildcard checks the alternates."""
    wrapper = (f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
               f'<xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="sitemap.xsd"/>'
               f'<xsd:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="xhtml-link.xsd"/>'
               f'</xsd:schema>')
    base = (Path(__file__).parent / "data" / "schemas").as_uri() + "/"
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), base_url=base))


def test_sitemap_validates_and_lists_every_page_with_its_alternates(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08"))
    schema = sitemap_schema()
    tree = etree.parse(str(site / "sitemap.xml"))
    schema.assertValid(tree)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {u.findtext("s:loc", namespaces=ns): u for u in tree.getroot()}
    pages = {f"{BASE}{p.relative_to(site).as_posix()}".removesuffix("index.html") for p in site.rglob("*.html")}
    assert set(urls) == pages  # every page, front pages as their folder
    kk = urls[f"{BASE}kamaz/kk.html"]
    assert {link.get("hreflang"): link.get("href") for link in kk.findall("x:link", ns)} == {
        **{lang: f"{BASE}kamaz/{lang}.html" for lang in ("ru", "en", "kk", "kk-Latn")}, "x-default": f"{BASE}kamaz/ru.html"}
    assert kk.findtext("s:lastmod", namespaces=ns) == "2026-03-08T00:00:00Z"  # W3C Datetime
    # the schema does catch a broken sitemap (a relative address, an alternate without hreflang)
    broken = etree.fromstring((site / "sitemap.xml").read_bytes())
    broken.find("s:url/x:link", ns).attrib.pop("hreflang")
    assert not schema.validate(broken)
    broken = etree.fromstring((site / "sitemap.xml").read_bytes())
    broken.find("s:url/s:loc", ns).text = "en.html"
    assert not schema.validate(broken)


@pytest.mark.parametrize("tag, locale", [
    ("kk", "kk_KZ"), ("kk-Cyrl-KZ", "kk_KZ"), ("kk-Latn", "kk_Latn_KZ"), ("ru", "ru_RU"), ("en", "en_US"),
    ("en-GB", "en_GB"), ("pt-BR", "pt_BR"), ("sr-Latn", "sr_Latn_RS"), ("zh-Hant", "zh_Hant_TW"),
])
def test_og_locale_keeps_region_and_an_unusual_script(tag, locale):
    assert og_locale(tag) == locale


def test_atom_feed_per_language_reads_without_errors(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08"))
    feeds = {"ru": site / "feed.xml", "en": site / "en" / "feed.xml", "kk": site / "kk" / "feed.xml",
             "kk-Latn": site / "kk-Latn" / "feed.xml"}
    for lang, path in feeds.items():
        feed = feedparser.parse(path.read_bytes())
        assert feed.bozo == 0, (lang, feed.get("bozo_exception"))
        assert feed.version == "atom10" and feed.feed.language == lang
        assert feed.feed.link == BASE + ("" if lang == "ru" else f"{lang}/")
        names = [entry.id.split("/")[-2] for entry in feed.entries]
        assert names == (["kamaz", "budget"] if lang in ("ru", "en") else ["kamaz"])  # fully translated first
        entry = feed.entries[0]
        assert entry.published == entry.updated == "2026-03-08T00:00:00Z"
        assert [link.href for link in entry.links if link.hreflang == lang] == [f"{BASE}kamaz/{lang}.html"]
        assert entry.id == f"{BASE}kamaz/{lang}.html" and entry.summary
        assert {link.hreflang for link in entry.links} == {"ru", "en", "kk", "kk-Latn"}
        # a click opens the feed's own language: one alternate, the other editions related
        for item in feed.entries:
            assert item.link == item.id and item.link.endswith(f"/{lang}.html"), (lang, item.link)
        assert [link.hreflang for link in entry.links if link.rel == "alternate"] == [lang]
        assert sorted(link.hreflang for link in entry.links if link.rel == "related") == sorted(
            {"ru", "en", "kk", "kk-Latn"} - {lang})
    assert feedparser.parse(feeds["kk-Latn"].read_bytes()).entries[0].title == "QAMAZ zauyt salady"


def test_feed_keeps_the_latest_n_articles(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    with (project / "translate-pipeline.toml").open("a", encoding="utf-8") as config:
        config.write("feed_entries = 1\n")
    assert published(publish(project, site, "2026-03-08"))
    assert len(feedparser.parse((site / "feed.xml").read_bytes()).entries) == 1


# --- 3. front pages ---------------------------------------------------------------------------------

def test_front_page_per_language_in_its_language_linking_the_others(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08"))
    words = {"ru": "Статьи", "en": "Articles", "kk": "Мақалалар", "kk-Latn": "Maqalalar"}
    for lang, word in words.items():
        page = dom(site / ("index.html" if lang == "ru" else f"{lang}/index.html"))
        assert page.get("lang") == lang and page.findtext(".//title") == f"Kazakhstan Today — {word}"
        switcher = page.xpath("//header//nav//a/@hreflang")
        assert sorted(switcher) == sorted(set(words) - {lang})
        assert page.xpath("//header//nav//strong/@lang") == [lang]
    en = dom(site / "en" / "index.html")
    assert [h.text_content() for h in en.xpath("//main//h2")] == ["KAMAZ to build a plant", "The budget grew"]
    assert en.xpath("//main//p[@class='lead']")[0].text_content() == "The plant will open in Kostanay in 2026."
    assert en.xpath("//footer//p")[0].text_content().startswith("2 articles")
    ru_count = dom(site / "index.html").xpath("//footer//p")[0].text_content()
    assert ru_count.startswith("2 статьи")  # Russian plural from the catalog's Plural-Forms


def test_source_front_page_in_its_own_folder_and_a_language_chooser_at_the_root(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    with (project / "translate-pipeline.toml").open("a", encoding="utf-8") as config:
        config.write('source_front_page = "folder"\n')
    assert published(publish(project, site, "2026-03-08"))
    assert dom(site / "ru" / "index.html").get("lang") == "ru"
    chooser = dom(site / "index.html")
    assert sorted(chooser.xpath("//main//a/@href")) == sorted(
        f"./{lang}/index.html" for lang in ("ru", "en", "kk", "kk-Latn"))
    assert dom(site / "kamaz" / "ru.html").xpath("//a[@class='index-link']/@href") == ["../ru/index.html"]
    assert feedparser.parse((site / "ru" / "feed.xml").read_bytes()).bozo == 0
    sitemap_schema().assertValid(etree.parse(str(site / "sitemap.xml")))


# --- 4. stable dates ------------------------------------------------------------------------------

def _dates(site: Path) -> dict:
    manifest = json.loads((site / "index.json").read_text(encoding="utf-8"))
    return {(a["article"], v["lang"]): (v["date"], v.get("modified")) for a in manifest["articles"] for v in a["versions"]}


def _front_order(site: Path, lang: str = "en") -> list[str]:
    return dom(site / ("index.html" if lang == "ru" else f"{lang}/index.html")).xpath("//main/ol/li/@id")


def test_publishing_again_another_day_keeps_dates_and_order(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08T09:00:00Z"))
    first, order = _dates(site), {lang: _front_order(site, lang) for lang in ("ru", "en")}
    assert set(first.values()) == {("2026-03-08T09:00:00Z", None)}
    assert published(publish(project, site, "2026-03-09T10:00:00Z"))  # the next day, nothing changed
    assert _dates(site) == first and {lang: _front_order(site, lang) for lang in ("ru", "en")} == order
    page = dom(site / "kamaz" / "en.html")
    assert page.xpath("//time/@datetime") == ["2026-03-08T09:00:00Z"]  # no "updated" line
    # the editor wipes the site folder: the dates live in the project
    shutil.rmtree(site)
    assert published(publish(project, site, "2026-03-10T11:00:00Z"))
    assert _dates(site) == first and _front_order(site) == order["en"]
    # a corrected English sentence: modified that day, first publication kept; the others untouched
    review(project, "kamaz", "en", {"Там будут работать 500 человек.": "It will employ 500 workers."})
    assert published(publish(project, site, "2026-03-11T12:15:00Z"))
    dates = _dates(site)
    assert dates[("kamaz", "en")] == ("2026-03-08T09:00:00Z", "2026-03-11T12:15:00Z")
    assert {k: v for k, v in dates.items() if k != ("kamaz", "en")} == {k: v for k, v in first.items()
                                                                           if k != ("kamaz", "en")}
    page = dom(site / "kamaz" / "en.html")
    assert page.xpath("//time/@datetime") == ["2026-03-08T09:00:00Z", "2026-03-11T12:15:00Z"]
    assert [t.text for t in page.xpath("//time")] == ["March 8, 2026", "March 11, 2026"]  # readers see the day
    data = json.loads(page.xpath("//script[@type='application/ld+json']/text()")[0])
    assert (data["datePublished"], data["dateModified"]) == ("2026-03-08T09:00:00Z", "2026-03-11T12:15:00Z")
    assert front_matter((site / "kamaz" / "en.md").read_text(encoding="utf-8"))[0]["lastmod"] == datetime.datetime(
        2026, 3, 11, 12, 15, tzinfo=datetime.timezone.utc)
    assert _front_order(site) == order["en"]  # a correction does not move a story up
    # a new language edition is dated the day it is first published
    review(project, "budget", "kk", {"Бюджет вырос": "Бюджет өсті", "Бюджет Астаны вырос на 12%.": "Астана бюджеті 12% өсті."})
    assert published(publish(project, site, "2026-03-12T08:00:00Z"))
    dates = _dates(site)
    assert dates[("budget", "kk")] == ("2026-03-12T08:00:00Z", None)
    assert dates[("budget", "ru")] == ("2026-03-08T09:00:00Z", None)
    record = json.loads((project / "publication.json").read_text(encoding="utf-8"))
    assert record["format_version"] == 2 and record["articles"]["budget"]["source"] == "articles/2026/03/budget.ru.txt"
    assert record["articles"]["budget"]["editions"]["kk"]["published"] == "2026-03-12T08:00:00Z"


def test_preview_and_check_record_no_dates(tmp_path):
    project = newsroom(tmp_path)
    assert published(publish(project, tmp_path / "preview", "2026-03-08", "--preview"))
    assert published(run(project, "publish", "--check"))
    assert not (project / "publication.json").exists()
    assert published(publish(project, tmp_path / "site", "2026-03-09"))
    assert set(_dates(tmp_path / "site").values()) == {("2026-03-09T00:00:00Z", None)}


def test_a_damaged_publication_record_stops_publish_before_anything_is_written(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    (project / "publication.json").write_text('{"articles": {"kamaz": []}}', encoding="utf-8")
    result = publish(project, site, "2026-03-08")
    assert result.exit_code == ExitCode.INPUT and result.stderr.startswith("error: publication.json: not a publication record")
    assert not site.exists()


# --- 5. interface words -----------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed (.ci/run installs it)")
def test_site_catalogs_are_up_to_date_and_pass_msgfmt():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "site_catalogs.py"), "--check"], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    catalogs = sorted((ROOT / "translate_pipeline" / "templates" / "locale").glob("*/LC_MESSAGES/site.po"))
    assert [p.parts[-3] for p in catalogs] == ["en", "kk", "kk_Latn", "ru"]
    for path in catalogs:
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        po = polib.pofile(str(path))
        assert po.percent_translated() == 100 and not po.fuzzy_entries(), path


def test_newsroom_rewords_the_interface_with_its_own_catalog(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    with (project / "translate-pipeline.toml").open("a", encoding="utf-8") as config:
        config.write('templates = "site-templates"\n')
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    po.append(polib.POEntry(msgid="Articles", msgstr="Новости"))
    po.save(str((project / "site-templates" / "locale" / "ru" / "LC_MESSAGES").mkdir(parents=True) or
                project / "site-templates" / "locale" / "ru" / "LC_MESSAGES" / "site.po"))
    assert published(publish(project, site, "2026-03-08"))
    front = dom(site / "index.html")
    assert front.findtext(".//title") == "Kazakhstan Today — Новости"  # the newsroom's word
    assert front.xpath("//a[@class='badge']")  # the rest from the package's catalog
    assert dom(site / "en" / "index.html").findtext(".//title") == "Kazakhstan Today — Articles"
    (project / "site-templates" / "locale" / "ru" / "LC_MESSAGES" / "site.po").write_text('msgid "Articles"\nmsgstr "a"\nmsgid "Articles"\nmsgstr "b"\n')
    result = publish(project, site, "2026-03-08")
    assert result.exit_code == ExitCode.INPUT and "site-templates/locale/ru/LC_MESSAGES/site.po" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- 6. the editions a CMS or a static site generator reads ------------------------------------------

def test_json_editions_match_their_schema(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08"))
    assert published(publish(project, tmp_path / "preview", "2026-03-08", "--preview"))
    schema = json.loads((SCHEMAS / "edition.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    editions = sorted(site.rglob("*/*.json")) + sorted((tmp_path / "preview").rglob("*/*.json"))
    assert len(editions) == 12
    for path in editions:
        validator.validate(json.loads(path.read_text(encoding="utf-8")))
    data = json.loads((site / "kamaz" / "en.json").read_text(encoding="utf-8"))
    assert data["url"] == f"{BASE}kamaz/en.html" and data["description"].startswith("The plant will open")
    with pytest.raises(jsonschema.ValidationError):  # the schema catches a wrong edition
        validator.validate(dict(data, blocks=[{"kind": "poem"}]))


def test_markdown_front_matter_reads_in_yaml(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08"))
    meta, body = front_matter((site / "kamaz" / "kk-Latn.md").read_text(encoding="utf-8"))
    assert meta == {
        "title": "QAMAZ zauyt salady",
        "description": "Zauyt 2026 jyly Qostanaida aşylady.",
        "date": datetime.datetime(2026, 3, 8, tzinfo=datetime.timezone.utc), "lang": "kk-Latn", "slug": "kamaz", "translationKey": "kamaz",
        "translations": [{"lang": lang, "file": f"{lang}.md", "url": f"{BASE}kamaz/{lang}.html"}
                         for lang in ("ru", "en", "kk")],
    }
    assert body.startswith("# QAMAZ zauyt salady\n")


# --- 7. the command ------------------------------------------------------------------------------

def test_publish_finds_an_article_in_a_subfolder_by_name(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    result = publish(project, site, "2026-03-08", "budget", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert (site / "budget" / "en.html").exists() and not (site / "kamaz").exists()


def test_check_ends_with_a_one_screen_summary(tmp_path):
    project = newsroom(tmp_path)
    path = project / "locales" / "en" / "LC_MESSAGES" / "budget.po"
    po = polib.pofile(str(path))
    po[0].flags.append("fuzzy")
    po[1].msgstr = ""
    po.save()
    result = run(project, "publish", "--check")
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    summary = lines[lines.index(next(l for l in lines if l.startswith("summary: "))):]
    assert summary[0] == "summary: 2 article(s), languages ru, en, kk, kk-Latn"
    assert summary[1].split() == ["article", "ru", "en", "kk", "kk-Latn"]
    assert summary[2].split() == ["budget", "ready", "1", "fuzzy,", "1", "untranslated", "2", "untranslated",
                                  "derived", "from", "kk"]
    assert summary[-2:] == ["ready in every language: 1 article(s); not ready: 1",
                            "ready per language: ru 2/2, en 1/2, kk 1/2, kk-Latn 1/2"]
    assert len(summary) <= 40


def test_report_as_json_matches_its_schema(tmp_path):
    """The report is the envelope every command's --format json has (data/schemas/v1/publish.schema.json)."""
    project, site = newsroom(tmp_path), tmp_path / "site"
    check = run(project, "publish", "--check", "--format", "json")
    assert check.exit_code == 1  # budget has no Kazakh catalog
    report = command_document("publish", check.stdout, 1)
    assert report["check"] is True and report["written"] == []
    assert [p["exit_code"] for p in report["problems"]] == [1] and "refused" in report["problems"][0]["message"]
    assert report["articles"][0]["languages"]["kk"]["status"] == "refused"
    done = run(project, "publish", "kamaz", "--out", str(site), "--date", "2026-03-08", "--format", "json")
    assert done.exit_code == 0 and done.stderr == ""
    report = command_document("publish", done.stdout, 0)
    assert report["problems"] == [] and {lang: v["date"] for lang, v in report["articles"][0]["languages"].items()} == {
        lang: "2026-03-08T00:00:00Z" for lang in ("ru", "en", "kk", "kk-Latn")}
    assert f"{site}/kamaz/en.html" in report["written"]
    with pytest.raises(jsonschema.ValidationError):  # the schema catches a report that drifts
        command_document("publish", json.dumps(dict(report, articles=[{"article": "kamaz"}])))


def test_format_as_editions_is_a_deprecated_alias_that_warns_once(tmp_path):
    project, site = newsroom(tmp_path), tmp_path / "site"
    result = publish(project, site, "2026-03-08", "kamaz", "--format", "html,md")
    assert result.exit_code == 0
    assert result.stderr.count("deprecated") == 1 and "use --editions html,md" in result.stderr
    assert {p.suffix for p in (site / "kamaz").iterdir()} == {".html", ".md"}
    result = run(project, "publish", "--out", str(site), "--format", "pdf")
    assert result.exit_code == 2 and "'pdf' is not one of 'text', 'json'" in result.stderr
    result = run(project, "publish", "--out", str(site), "--format", "html", "--editions", "md")
    assert result.exit_code == 2


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("line\u2028separator")
@example("\x85\ufeff\x00\x7f tab\t")
@example('"quoted" \\ back: # not a comment')
def test_any_title_reads_back_from_the_front_matter(title):
    import yaml

    from translate_pipeline.publish.render_md import yaml_string

    assert yaml.safe_load(f"title: {yaml_string(title)}\n")["title"] == title


def test_first_image_is_the_link_preview_picture(tmp_path):
    from _publish_fixtures import make_article, reviewed_po

    from translate_pipeline.publish.edition import Edition
    from translate_pipeline.publish.gate import Policy
    from translate_pipeline.publish.render_html import render_article
    from translate_pipeline.publish.run import publish_article
    from translate_pipeline.publish.site import Site

    article = make_article([("title", ["Завод"]), ("image", ["Цех завода"]), ("paragraph", ["Завод открыли."])],
                           name="plant", fmt="md")
    article = article.__class__(article.path, article.name, article.lang, article.format,
                                (article.blocks[0], article.blocks[1].__class__(
                                    "image", "Цех завода", 2, 0, "", src="img/shop floor.jpg"), article.blocks[2]),
                                article.segments)
    en = reviewed_po({"Завод": "Plant", "Цех завода": "The shop floor", "Завод открыли.": "The plant opened."}, "en")
    docs, _ = publish_article(article, ["ru", "en"], {"en": (en, None)}, Policy(), datetime.date(2026, 3, 8))
    head = lxml.html.fromstring(render_article(Edition(docs[1], site=Site("ru", BASE), site_name="KT"))).find("head")
    meta = {m.get("property") or m.get("name"): m.get("content") for m in head.xpath("meta[@content]")}
    assert meta["og:image"] == meta["twitter:image"] == f"{BASE}plant/img/shop%20floor.jpg"
    assert meta["twitter:card"] == "summary_large_image"
    data = json.loads(head.xpath("script[@type='application/ld+json']/text()")[0])
    assert data["image"] == [f"{BASE}plant/img/shop%20floor.jpg"]
    relative = lxml.html.fromstring(render_article(Edition(docs[1]))).find("head")  # no base URL: no picture
    assert relative.xpath("meta[@property='og:image']") == []


HUGO_CONFIG = """baseURL = "https://news.example.kz/"
defaultContentLanguage = "ru"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "home", "section"]
[languages.ru]
weight = 1
[languages.en]
weight = 2
[languages.kk]
weight = 3
[languages.kk-Latn]
weight = 4
"""
HUGO_PAGE = """title={{ .Title }}
date={{ .Date.Format "2006-01-02" }}
lastmod={{ .Lastmod.Format "2006-01-02" }}
slug={{ .Slug }}
description={{ .Description }}
translations={{ range .Translations }}{{ .Lang }} {{ end }}
"""


@pytest.mark.skipif(shutil.which("hugo") is None, reason="Hugo is not installed (.ci/run installs it)")
def test_hugo_builds_a_multilingual_site_from_the_markdown_editions(tmp_path):
    """The real reader: Hugo takes title, dates, slug, description from the front matter and links the
    four editions as translations of one page (Hugo names languages in lower case: kk-latn)."""
    project, site = newsroom(tmp_path), tmp_path / "site"
    assert published(publish(project, site, "2026-03-08"))
    review(project, "kamaz", "en", {"Там будут работать 500 человек.": "It will employ 500 workers."})
    assert published(publish(project, site, "2026-03-11"))
    hugo = tmp_path / "hugo"
    (hugo / "layouts" / "_default").mkdir(parents=True)
    (hugo / "content").mkdir()
    (hugo / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (hugo / "layouts" / "_default" / "single.html").write_text(HUGO_PAGE, encoding="utf-8")
    for edition in (site / "kamaz").glob("*.md"):
        shutil.copy(edition, hugo / "content" / f"kamaz.{edition.stem.lower()}.md")
    done = subprocess.run(["hugo", "--quiet", "--source", str(hugo)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    page = dict(line.split("=", 1) for line in (hugo / "public" / "en" / "kamaz" / "index.html")
                .read_text(encoding="utf-8").splitlines())
    assert page == {"title": "KAMAZ to build a plant", "date": "2026-03-08", "lastmod": "2026-03-11", "slug": "kamaz",
                    "description": "The plant will open in Kostanay in 2026.", "translations": "ru kk kk-latn "}
    latin = (hugo / "public" / "kk-latn" / "kamaz" / "index.html").read_text(encoding="utf-8")
    assert "title=QAMAZ zauyt salady" in latin and "lastmod=2026-03-08" in latin
