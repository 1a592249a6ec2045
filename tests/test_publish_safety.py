"""Safe output: addresses survive kk-Latn, links are relative/encoded/scheme-checked in every format,
unsafe article names are refused at read time, readers never see provenance, stale editions go."""
import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import lxml.html
import polib
import pytest
from markdown_it import MarkdownIt

from _publish_fixtures import md_body, make_article, reviewed_po
from helpers import BETWEEN_THE_RENAMES, HANG_IN_FSYNC, kill_at_marker, run, snapshot
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
    assert f"[maqalada]({WIKI})" in md_body(render_markdown(Edition(latn)))
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
        assert _links_a_lax_reader_makes(md_body(render_markdown(Edition(doc)))) == []
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
    assert _links_a_lax_reader_makes(md_body(render_markdown(Edition(doc)))) == ["mailto:a@b.kz", "./other.html#x"]


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
    write_editions(docs, PublishOptions(out=tmp_path, editions=("html",)))
    index = lxml.html.fromstring((tmp_path / "index.html").read_bytes())
    hrefs = set(index.xpath("//a/@href"))
    assert hrefs == {"./%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C-1/ru.html",
                     "./%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C-1/en.html", "./en/index.html"}
    page = lxml.html.fromstring((tmp_path / "новость-1" / "en.html").read_bytes())
    assert set(page.xpath("//link[@rel='alternate']/@href")) == {"./ru.html", "./en.html"}  # no base_url: relative
    assert page.xpath("//nav//a/@href") == ["./ru.html", "../en/index.html"]  # the English front page


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


def test_refused_language_keeps_its_edition_until_unpublished_and_links_stay_symmetric(tmp_path):
    project, site = _site_project(tmp_path), tmp_path / "site"
    assert run(project, "publish", "--out", str(site)).exit_code == 0
    folder = site / "note"
    assert {p.name for p in folder.glob("*.html")} == {"ru.html", "en.html", "kk.html", "kk-Latn.html"}
    assert "argos" not in (folder / "en.html").read_text(encoding="utf-8")  # no provenance for readers
    assert "argos" not in (folder / "en.json").read_text(encoding="utf-8")
    english = {p.name: p.read_bytes() for p in folder.glob("en.*")}
    # the article is edited: the English sentence is now out of date
    (project / "articles" / "note.ru.txt").write_text("Заметка\nЦена выросла на 7%.\n", encoding="utf-8")
    assert run(project, "update", "--lang", "en,kk").exit_code == 0
    kk_path = project / "locales" / "kk" / "LC_MESSAGES" / "note.po"
    kk = polib.pofile(str(kk_path))
    kk.find("Цена выросла на 7%.").msgstr, kk.find("Цена выросла на 7%.").flags = "Баға 7% өсті.", []
    kk.save()  # the Kazakh translator has reviewed the change, the English one not yet
    result = run(project, "publish", "--out", str(site), "--lang", "ru,en", "--editions", "html")  # a partial run
    assert result.exit_code == 1
    assert f"kept {folder}/en.* (published " in result.stderr and "--unpublish en" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.glob("en.*")} == english  # left exactly as published
    pages = {p.stem: p for p in folder.glob("*.html")}
    assert set(pages) == {"ru", "en", "kk", "kk-Latn"}
    for edition in ("kk.html", "kk.md", "kk.txt", "kk.json", "ru.md"):  # every edition, not only --editions'
        assert "7%" in (folder / edition).read_text(encoding="utf-8"), edition
    for page in pages.values():  # every page links to exactly the pages that exist
        assert _alternates(page) == set(pages)
    # unpublishing a language the article does not have changes nothing
    before = _site_bytes(site)
    result = run(project, "publish", "note", "--out", str(site), "--unpublish", "de", "--lang", "ru")
    assert "removed" not in result.stdout and _site_bytes(site).keys() == before.keys()
    # the editor takes the English edition off the site: only now is it removed
    result = run(project, "publish", "note", "--out", str(site), "--unpublish", "en")
    assert result.exit_code == 0, result.output
    assert not any(folder.glob("en.*")) and not (site / "en").exists()  # nor the English front page
    pages = {p.stem: p for p in folder.glob("*.html")}
    assert set(pages) == {"ru", "kk", "kk-Latn"}
    for page in pages.values():
        assert _alternates(page) == set(pages)
    manifest = json.loads((site / "index.json").read_text(encoding="utf-8"))
    assert [v["lang"] for v in manifest["articles"][0]["versions"]] == ["ru", "kk", "kk-Latn"]
    index = lxml.html.fromstring((site / "index.html").read_bytes())
    assert set(index.xpath("//a/@hreflang")) == {"kk", "kk-Latn"}
    record = json.loads((project / "publication.json").read_text(encoding="utf-8"))
    assert set(record["articles"]["note"]["editions"]) == {"ru", "en", "kk", "kk-Latn"}  # dates kept for --republish
    assert set(record["articles"]["note"]["unpublished"]) == {"en"} and record["format_version"] == 3
    # the source language: the whole article leaves the site, and with it the front pages
    result = run(project, "publish", "note", "--out", str(site), "--unpublish", "ru")
    assert result.exit_code == 0, result.stderr
    assert not folder.exists() and not (site / "index.html").exists() and not (site / "kk").exists()
    assert json.loads((site / "index.json").read_text(encoding="utf-8"))["articles"] == []
    record = json.loads((project / "publication.json").read_text(encoding="utf-8"))
    assert set(record["articles"]["note"]["unpublished"]) == {"en", "ru"}


def _published(project):
    record = json.loads((project / "publication.json").read_text(encoding="utf-8"))
    return {lang: e["published"] for lang, e in record["articles"]["note"]["editions"].items()}


def test_an_unpublished_edition_stays_off_until_republished(tmp_path):
    """The trial's steps: publish, --unpublish en, then the nightly run — en must not come back."""
    project, site = _site_project(tmp_path), tmp_path / "site"
    folder = site / "note"
    assert run(project, "publish", "--out", str(site), "--date", "2026-03-08T09:30:00Z").exit_code == 0
    first = _published(project)
    result = run(project, "publish", "note", "--out", str(site), "--unpublish", "en", "--date", "2026-03-09T10:00:00Z")
    assert result.exit_code == 0 and not any(folder.glob("en.*"))
    for argv in (["--out", str(site)], ["--out", str(site), "-q"], ["note", "--out", str(site), "--lang", "en"]):
        result = run(project, "publish", *argv, "--date", "2026-03-10T10:00:00Z")  # the cron line, or a retry
        assert result.exit_code == 0, result.output
        assert not any(folder.glob("en.*")) and not (site / "en").exists(), argv
        assert "en" not in {v["lang"] for v in json.loads((site / "index.json").read_text("utf-8"))["articles"][0]["versions"]}
        assert "hreflang=\"en\"" not in (folder / "ru.html").read_text(encoding="utf-8")
        if "-q" not in argv:
            assert ("note: note/en is unpublished (publish --unpublish en, 2026-03-09T10:00:00Z); "
                    "--republish en puts it back") in result.stderr
    # a wiped site rebuilt from the project keeps it off too: the takedown is the project's record
    shutil.rmtree(site)
    assert run(project, "publish", "--out", str(site)).exit_code == 0 and not any(folder.glob("en.*"))
    report = json.loads(run(project, "publish", "--out", str(site), "--format", "json").stdout)
    assert report["unpublished"] == [{"article": "note", "lang": "en", "since": "2026-03-09T10:00:00Z"}]
    # the way back: --republish en, with its first-publication moment of 2026-03-08
    result = run(project, "publish", "--out", str(site), "--republish", "en", "--date", "2026-03-11T10:00:00Z")
    assert result.exit_code == 0 and "published note [en]" in result.stdout and "is unpublished" not in result.stderr
    assert (folder / "en.html").exists() and _published(project) == first
    assert "2026-03-08T09:30:00Z" in (folder / "en.json").read_text(encoding="utf-8")
    record = json.loads((project / "publication.json").read_text(encoding="utf-8"))
    assert "unpublished" not in record["articles"]["note"] and record["format_version"] == 2
    result = run(project, "publish", "--out", str(site), "--republish", "en")
    assert "note: --republish en: no article has en unpublished; nothing to put back" in result.stderr
    assert run(project, "publish", "--out", str(site), "--unpublish", "en", "--republish", "en").exit_code == 2


def test_an_unpublished_article_stays_off_until_its_source_language_is_republished(tmp_path):
    project, site = _site_project(tmp_path), tmp_path / "site"
    assert run(project, "publish", "--out", str(site), "--date", "2026-03-08T09:30:00Z").exit_code == 0
    first = _published(project)
    assert run(project, "publish", "note", "--out", str(site), "--unpublish", "kk-Latn").exit_code == 0
    result = run(project, "publish", "note", "--out", str(site), "--unpublish", "ru", "--date", "2026-03-09T10:00:00Z")
    assert result.exit_code == 0 and not (site / "note").exists()
    result = run(project, "publish", "--out", str(site))
    assert result.exit_code == 0 and not (site / "note").exists() and not (site / "index.html").exists()
    assert ("note: note (the whole article) is unpublished (publish --unpublish ru, 2026-03-09T10:00:00Z); "
            "--republish ru puts it back") in result.stderr
    result = run(project, "publish", "--out", str(site), "--republish", "ru")
    assert result.exit_code == 0, result.output
    # the article is back in every language but the one unpublished on its own, with its first dates
    assert {p.stem for p in (site / "note").glob("*.html")} == {"ru", "en", "kk"}
    assert "note: note/kk-Latn is unpublished" in result.stderr and _published(project) == first


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
        ("kk", "1 предложение не готово"), ("kk-Latn", "делается из kk, а он не готов")]
    shutil.rmtree(preview)
    run(project, "publish", "--out", str(preview))
    assert not lxml.html.fromstring((preview / "index.html").read_bytes()).xpath("//div[@class='pending']")


# --- 8. nothing published is taken away by accident ----------------------------------------------------

def _site_bytes(site):
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_second_file_with_a_live_articles_name_is_refused(tmp_path):
    """The hijack: articles/o/note.ru.md beside the published articles/note.ru.txt takes neither
    its editions nor its catalogs, from publish or from translate; nor does a file outside articles/."""
    project, site = _site_project(tmp_path), tmp_path / "site"
    assert run(project, "publish", "--out", str(site)).exit_code == 0
    before, catalogs = _site_bytes(site), snapshot(project)
    (project / "articles" / "o").mkdir()
    (project / "articles" / "o" / "note.ru.md").write_text("Чужой заголовок\n\nЧужой текст.\n", encoding="utf-8")
    for command in (["publish", "articles/o/note.ru.md", "--out", str(site)],
                    ["translate", "--no-mt", "articles/o/note.ru.md"], ["publish", "--out", str(site)]):
        result = run(project, *command)
        assert result.exit_code == ExitCode.INPUT and len(result.stderr.strip().splitlines()) == 1, command
        assert "article name 'note' is also used by articles/" in result.stderr, command
        assert _site_bytes(site) == before and snapshot(project) == catalogs, command
    shutil.rmtree(project / "articles" / "o")
    outside = tmp_path / "elsewhere" / "note.ru.txt"
    outside.parent.mkdir()
    outside.write_text("Чужой заголовок\nЧужой текст.\n", encoding="utf-8")
    result = run(project, "publish", str(outside), "--out", str(site))
    assert result.exit_code == ExitCode.INPUT and "article name 'note' is also used by articles/note.ru.txt" in result.stderr
    assert _site_bytes(site) == before
    # an article published from outside articles/ is not taken over by another outside file either
    first, second = tmp_path / "wire" / "brief.ru.txt", tmp_path / "desk" / "brief.ru.txt"
    for path, text in ((first, "Сводка\nПервая.\n"), (second, "Сводка\nВторая.\n")):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    assert run(project, "publish", str(first), "--out", str(site), "--lang", "ru").exit_code == 0
    published = _site_bytes(site)
    result = run(project, "publish", str(second), "--out", str(site), "--lang", "ru")
    assert result.exit_code == ExitCode.INPUT and f"is already published from {first}" in result.stderr
    assert _site_bytes(site) == published
    # moving the source file is no hijack: the article is published from its new place
    (project / "articles" / "2026").mkdir()
    (project / "articles" / "note.ru.txt").rename(project / "articles" / "2026" / "note.ru.txt")
    assert run(project, "publish", "--out", str(site)).exit_code == 0
    manifest = {a["article"]: a for a in json.loads((site / "index.json").read_text(encoding="utf-8"))["articles"]}
    assert manifest["note"]["source"] == "articles/2026/note.ru.txt"
    assert manifest["brief"]["source"] == str(first)  # its source still exists: it stays on the site


@pytest.mark.parametrize("damage", ["missing", "malformed"])
def test_an_unreadable_catalog_keeps_the_published_edition(tmp_path, damage):
    """The catalog is gone or half-written at the moment publish reads it: the Kazakh editions stay
    exactly as published, the run says so and exits 1; once the catalog is back they are published."""
    project, site = _site_project(tmp_path), tmp_path / "site"
    assert run(project, "publish", "--out", str(site)).exit_code == 0
    before = _site_bytes(site)
    catalog = project / "locales" / "kk" / "LC_MESSAGES" / "note.po"
    good = catalog.read_bytes()
    if damage == "missing":
        catalog.unlink()
    else:
        catalog.write_bytes(good[: len(good) // 2] + b'\nmsgid "unterminated\n')
    result = run(project, "publish", "--out", str(site))
    # a malformed catalog is bad input (3, above the gate's 1); a missing one only refuses its language
    assert result.exit_code == (ExitCode.INPUT if damage == "malformed" else ExitCode.REFUSED)
    assert "Traceback" not in result.stderr
    assert f"kept {site}/note/kk.* (published " in result.stderr and f"kept {site}/note/kk-Latn.*" in result.stderr
    if damage == "malformed":
        assert "error: locales/kk/LC_MESSAGES/note.po:" in result.stderr
    # the refusal names what is wrong: a malformed catalog is not "no catalog" (run update would not help)
    reason = ("malformed catalog (its error above names the line: fix the file)" if damage == "malformed"
              else "no catalog (run update or translate first)")
    assert f"error: locales/kk/LC_MESSAGES/note.po: {reason}" in result.stderr.splitlines()
    assert ("run update" in result.stderr) == (damage == "missing")
    checked = run(project, "publish", "--check")
    assert ("malformed catalog" in checked.stdout + checked.stderr) == (damage == "malformed")
    assert ("no catalog" in checked.stdout + checked.stderr) == (damage == "missing")
    after = _site_bytes(site)
    for name in ("note/kk.html", "note/kk.md", "note/kk.txt", "note/kk.json", "note/kk-Latn.html", "kk/index.html"):
        assert after[name] == before[name], name
    assert [v["lang"] for v in json.loads(after["index.json"])["articles"][0]["versions"]] == ["ru", "en", "kk", "kk-Latn"]
    catalog.write_bytes(good)
    assert run(project, "publish", "--out", str(site)).exit_code == 0
    assert _site_bytes(site) == before


@pytest.mark.slow
def test_publish_waits_for_a_translate_writing_catalogs_and_loses_nothing(tmp_path):
    """publish while translate is between the two renames of a catalog (moved aside, the new one not
    in place): publish waits for the project lock; when translate dies there, publish's lock puts the
    catalog back first, and every edition is published from it."""
    project, site = _site_project(tmp_path), tmp_path / "site"
    assert run(project, "publish", "--out", str(site)).exit_code == 0
    before = _site_bytes(site)
    with (project / "articles" / "note.ru.txt").open("a", encoding="utf-8") as handle:
        handle.write("Новая фраза.\n")  # so translate rewrites the catalogs
    catalog = project / "locales" / "kk" / "LC_MESSAGES" / "note.po"
    root = Path(__file__).resolve().parents[1]
    publisher = {}

    def publish_meanwhile():
        assert not catalog.exists()  # the moment of the bug report: the catalog is moved aside
        publisher["process"] = subprocess.Popen(
            [sys.executable, "-m", "translate_pipeline", "-C", str(project), "publish", "--out", str(site)],
            cwd=root, env=os.environ | {"PYTHONPATH": str(root)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        time.sleep(1.5)
        assert publisher["process"].poll() is None  # waiting for the lock, touching nothing
        assert _site_bytes(site) == before

    kill_at_marker(BETWEEN_THE_RENAMES, tmp_path / "marker", "note.po", "-C", str(project),
                   "translate", "--no-mt", "--lang", "kk", while_alive=publish_meanwhile)
    out, err = publisher["process"].communicate(timeout=60)
    assert "Traceback" not in err
    assert catalog.exists()  # put back by publish's lock
    after = _site_bytes(site)
    assert {name for name in after if name.startswith("note/")} == {name for name in before if name.startswith("note/")}
    assert after["note/kk.html"] == before["note/kk.html"]  # the reviewed Kazakh edition, not removed
    assert "removed" not in out


@pytest.mark.slow
def test_a_killed_publish_leaves_nothing_the_next_run_does_not_clean(tmp_path):
    project, site = _site_project(tmp_path), tmp_path / "site"
    assert run(project, "publish", "--out", str(site)).exit_code == 0
    for victim, edit in ((".en.html.", "first"), (".index.json.", "second"), (".publication.json.", "third")):
        # a corrected English sentence: the run has those three files to write (unchanged ones are not written)
        catalog = project / "locales" / "en" / "LC_MESSAGES" / "note.po"
        po = polib.pofile(str(catalog))
        po[1].msgstr = f"The price rose by 5% ({edit} edit)."
        po.save()
        kill_at_marker(HANG_IN_FSYNC, tmp_path / "marker", victim, "-C", str(project), "publish", "--out", str(site))
        left = sorted(p.name for p in [*site.rglob(".*.tmp"), *project.glob(".*.tmp")])
        assert len(left) == 1 and left[0].startswith(victim), victim
        result = run(project, "publish", "--out", str(site))
        assert result.exit_code == 0, result.stderr
        assert not [*site.rglob(".*.tmp"), *project.glob(".*.tmp")], victim
        assert json.loads((site / "index.json").read_text(encoding="utf-8"))["articles"]
        assert json.loads((project / "publication.json").read_text(encoding="utf-8"))["articles"]["note"]


def test_an_article_whose_source_is_removed_leaves_the_site(tmp_path):
    project, site = _site_project(tmp_path), tmp_path / "site"
    (project / "articles" / "other.ru.txt").write_text("Другая\nТекст.\n", encoding="utf-8")
    assert run(project, "publish", "--out", str(site), "--lang", "ru").exit_code == 0
    assert (site / "other" / "ru.html").exists()
    (project / "articles" / "other.ru.txt").unlink()
    assert run(project, "publish", "note", "--out", str(site), "--lang", "ru").exit_code == 0  # a partial run: kept
    assert (site / "other" / "ru.html").exists()
    result = run(project, "publish", "--out", str(site), "--lang", "ru", "-v")  # -v: a line per file
    assert result.exit_code == 0 and f"removed {site}/other/ru.html" in result.stdout
    assert not (site / "other").exists()
    assert [a["article"] for a in json.loads((site / "index.json").read_text(encoding="utf-8"))["articles"]] == ["note"]
    assert "other" not in json.loads((project / "publication.json").read_text(encoding="utf-8"))["articles"]
