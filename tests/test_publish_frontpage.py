"""The front page in headless Chromium: layout at a phone and a desktop width, and axe-core's
accessibility rules (WCAG 2 A/AA and best practices) on the front page and article pages.

Properties, not pixels: the browser reports what it laid out (columns of article cards,
horizontal overflow, visible headlines, landmarks) and the test compares that with the
expected properties per width.  axe-core comes from the npm registry (``.ci/run`` installs
it into ``.ci/node``; ``AXE_CORE_JS`` may point at another copy).
"""
import datetime
import os
import struct
from pathlib import Path

import lxml.html
import pytest

from _publish_fixtures import EN, KK, S1, S2, TITLE, kamaz_article, make_article, make_po, reviewed_po
from _chromium import CHROMIUM, Browser
from translate_pipeline.publish.gate import Policy
from translate_pipeline.publish.run import PublishOptions, SiteSettings, publish_article, write_editions

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

AXE = Path(os.environ.get("AXE_CORE_JS") or Path(__file__).resolve().parents[1] / ".ci/node/node_modules/axe-core/axe.min.js")

# Width → what the reader must get.  Cards: one column on a phone, a grid on a desktop.
EXPECTED = {
    390: {"columns": 1, "overflow": False, "all_headlines_visible": True, "min_font_px": 12},
    1280: {"columns": 3, "overflow": False, "all_headlines_visible": True, "min_font_px": 12},
}

MORE = [  # (name, date, ru, en, kk): short real-looking articles beside the KAMAZ one
    ("kostanay-bridges", datetime.date(2026, 3, 6), "В Костанае начали выпуск ведущих мостов",
     "Kostanay starts making drive axles", "Қостанайда жетекші көпірлер шығару басталды"),
    ("astana-budget", datetime.date(2026, 3, 5), "Бюджет Астаны вырос на 12 процентов",
     "Astana's budget grew by 12 percent", "Астана бюджеті 12 пайызға өсті"),
    ("almaty-metro", datetime.date(2026, 3, 1), "В Алматы откроют две новые станции метро",
     "Two new metro stations to open in Almaty", None),  # Kazakh not reviewed yet
]
BODY = "Подробности будут позже."


BASE_URL = "https://news.example.kz/"


def build_site(site: Path, preview: bool = False, base_url: str | None = BASE_URL) -> None:
    """Four articles: ru/en/kk/kk-Latn where reviewed, the last one without Kazakh."""
    docs, refused = [], []
    catalogs = {"en": (reviewed_po(EN, "en"), None), "kk": (reviewed_po(KK, "kk"), None)}
    got, no = publish_article(kamaz_article(), ["ru", "en", "kk", "kk-Latn"], catalogs, Policy(),
                              datetime.date(2026, 3, 8))
    docs, refused = docs + got, refused + no
    for name, date, ru, en, kk in MORE:
        article = make_article([("title", [ru]), ("paragraph", [BODY])], name=name)
        catalogs = {"en": (reviewed_po({ru: en, BODY: "Details to follow."}, "en"), None),
                    "kk": (reviewed_po({ru: kk, BODY: "Толығырақ кейін."}, "kk"), None) if kk else (None, None)}
        got, no = publish_article(article, ["ru", "en", "kk", "kk-Latn"], catalogs, Policy(), date)
        docs, refused = docs + got, refused + no
    write_editions(docs, PublishOptions(out=site, editions=("html",), preview=preview), refused=refused,
                   settings=SiteSettings(base_url, "Kazakhstan Today"))


def every_page(site: Path) -> list[Path]:
    """Front pages and article pages: everything a reader can open."""
    return sorted(site.rglob("*.html"))


# What the reader gets, measured by the browser after layout.
PROBE = """(() => {
  const cards = [...document.querySelectorAll('main article')];
  const lefts = new Set(cards.map(c => Math.round(c.getBoundingClientRect().left)));
  const headlines = [...document.querySelectorAll('main article h2, main article .headlines li')];
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
      && r.left >= 0 && r.right <= innerWidth + 1 && getComputedStyle(el).visibility !== 'hidden'; };
  const fonts = [...document.querySelectorAll('main *')].map(el => parseFloat(getComputedStyle(el).fontSize));
  return {width: innerWidth, columns: lefts.size, overflow: document.documentElement.scrollWidth > innerWidth,
          all_headlines_visible: headlines.length > 0 && headlines.every(visible), min_font_px: Math.min(...fonts),
          landmarks: [...document.querySelectorAll('header, main, footer, nav')].map(e => e.localName)};
})()"""


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_front_page_layout_at_two_widths(tmp_path):
    site = tmp_path / "site"
    build_site(site)
    for front, lang, count in ((site / "index.html", "ru", 4), (site / "en" / "index.html", "en", 4),
                               (site / "kk" / "index.html", "kk", 3), (site / "kk-Latn" / "index.html", "kk-Latn", 3)):
        tree = lxml.html.fromstring(front.read_bytes())
        assert tree.get("lang") == lang
        cards = tree.xpath("//main//article")
        assert len(cards) == count  # the articles that have an edition in the page's language
        dates = [c.xpath(".//time/@datetime")[0] for c in cards]
        assert dates == sorted(dates, reverse=True) and dates[0] == "2026-03-08T00:00:00Z"  # newest first
        assert all(c.xpath(".//p[@class='lead']") for c in cards)  # a lead under each headline
    tree = lxml.html.fromstring((site / "en" / "index.html").read_bytes())
    cards = tree.xpath("//main//article")
    assert cards[0].xpath(".//h2")[0].text_content() == EN[TITLE]
    assert [sorted(c.xpath(".//a[@class='badge']/@hreflang")) for c in cards][-1] == ["ru"]
    assert tree.xpath("//main/ol/li")[0].get("class") == "top"
    index = site / "index.html"
    with Browser() as chromium:
        for width, expected in EXPECTED.items():
            chromium.open(index, width)
            seen = chromium.evaluate(PROBE)
            assert seen["width"] == width
            assert {k: seen[k] for k in ("columns", "overflow", "all_headlines_visible")} == {
                k: expected[k] for k in ("columns", "overflow", "all_headlines_visible")}, (width, seen)
            assert seen["min_font_px"] >= expected["min_font_px"]
            assert seen["landmarks"] == ["header", "nav", "main", "footer"]
            top, other = chromium.evaluate(
                "[...document.querySelectorAll('main h2')].slice(0, 2).map(h => parseFloat(getComputedStyle(h).fontSize))")
            assert top >= 1.5 * other  # the top story stands out
            shot = chromium.screenshot(tmp_path / f"front-{width}.png")
            assert png_size(shot) == (width, 900) and shot.stat().st_size > 10_000  # a rendered page, not blank


def test_preview_front_page_lists_unpublished_languages(tmp_path):
    site = tmp_path / "preview"
    build_site(site, preview=True)
    tree = lxml.html.fromstring((site / "index.html").read_bytes())
    metro = tree.xpath("//li[@id='almaty-metro']//div[@class='pending']//li/span/@lang")  # Russian front page
    assert metro == ["kk", "kk-Latn"]
    assert tree.xpath("//p[@class='preview-banner']")


def _axe(chromium: Browser, page: Path, results: str = "violations", width: int = 1280) -> list[dict]:
    """axe-core's ``violations`` (or ``incomplete``: what it asks a person to review) on ``page``
    (id, impact, offending nodes), run in the page as a reader sees it."""
    chromium.open(page, width)
    chromium.evaluate(AXE.read_text(encoding="utf-8"))
    return chromium.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        f".then(r => r.{results}.map(v => ({{id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}})))")


@pytest.mark.slow
@pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed (.ci/run installs it from npm)")
def test_axe_finds_nothing_to_fix_or_review_on_any_page(tmp_path):
    """Every page a reader or editor can open — each front page, the language chooser, article pages
    with [MT] and original-language marks, the preview — at a desktop and a phone width: no violation
    and nothing axe-core leaves for review."""
    build_site(tmp_path / "site")
    build_site(tmp_path / "preview", preview=True, base_url=None)
    marked = make_article([("title", [TITLE]), ("paragraph", [S1, S2])], name="marked")
    catalog = make_po([{"msgid": TITLE, "msgstr": EN[TITLE], "fuzzy": True, "origin": "MT argos"},
                       {"msgid": S1, "msgstr": EN[S1], "fuzzy": True, "origin": "TM 90%"}], "en")
    docs, _ = publish_article(marked, ["ru", "en"], {"en": (catalog, None)}, Policy(allow_fuzzy=True,
                              untranslated="source"), datetime.date(2026, 3, 9))
    write_editions(docs, PublishOptions(out=tmp_path / "marks", editions=("html",)),
                   settings=SiteSettings(None, "Kazakhstan Today", source_at_root=False))
    pages = every_page(tmp_path / "site") + every_page(tmp_path / "preview") + every_page(tmp_path / "marks")
    assert len(pages) > 20 and (tmp_path / "marks" / "ru" / "index.html").exists()
    with Browser() as chromium:
        for page in pages:
            for width in (1280, 390):
                assert _axe(chromium, page, width=width) == [], (page, width)
                assert _axe(chromium, page, "incomplete", width) == [], (page, width)


@pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed (.ci/run installs it from npm)")
def test_axe_harness_reports_violations(tmp_path):
    """Control: a page with known faults is reported, so an empty list above means something."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><head><title>x</title></head><body><img src='x.png'>"
                    "<p style='color:#ccc;background:#fff'>low contrast</p>"
                    # the [MT] mark as earlier versions wrote it: aria-label on a span without a role
                    "<p>Text.<span class='mark' aria-label='machine translation, not reviewed'>[MT]</span></p>"
                    "<p style='background:linear-gradient(#000,#fff);color:#888'>over a gradient</p>"
                    "</body></html>", encoding="utf-8")
    with Browser() as chromium:
        ids = {v["id"] for v in _axe(chromium, page)}
        review = {v["id"] for v in _axe(chromium, page, "incomplete")}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= ids
    # to be reviewed by a person: the contrast over a gradient, and the label a reader may never hear
    assert {"color-contrast", "aria-prohibited-attr"} <= review
