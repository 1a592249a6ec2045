"""End to end: the sample article through extract → update → (tests review) → publish."""
import json
import shutil
from pathlib import Path

import lxml.html
import polib
from _publish_fixtures import assert_well_formed, md_body
from click.testing import CliRunner
from markdown_it import MarkdownIt

from translate_pipeline.core.errors import ExitCode
from translate_pipeline.catalog.provenance import Key, Provenance
from translate_pipeline.cli import main
from translate_pipeline.publish.translit_kk import transliterate
from translate_pipeline.source.segment import normalize_paragraph

SAMPLE = Path(__file__).parent / "fixtures" / "publish" / "kamaz-kazakhstan.ru.txt"
LANGS = ["ru", "en", "kk", "kk-Latn"]


def run(project, *args):
    return CliRunner().invoke(main, ["-C", str(project), *args], catch_exceptions=False)


def fake_translation(msgid, lang):
    # Stand-ins for a translator's work: unique per sentence, in the right script.
    return f"EN: {msgid}" if lang == "en" else f"Аударма: {msgid}"


def make_project(tmp_path, reviewed=True):
    project = tmp_path / "proj"
    (project / "articles").mkdir(parents=True)
    shutil.copy(SAMPLE, project / "articles")
    # The stand-in translations keep the Russian words, numbers and the homoglyph "Нyundai": the QA
    # checks would rightly block them at the gate (tested in test_publish_ready.py), not the subject here.
    (project / "translate-pipeline.toml").write_text('[qa]\ndisabled = ["script", "mixed-script", "numbers"]\n')
    assert run(project, "extract", str(project / "articles")).exit_code == 0
    assert run(project, "update", str(project / "articles"), "--lang", "en,kk").exit_code == 0
    for lang in ("en", "kk"):
        path = project / "locales" / lang / "LC_MESSAGES" / "kamaz-kazakhstan.po"
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = fake_translation(entry.msgid, lang)
            Provenance.of(entry).put(Key.ORIGIN, f"MT argos translate-ru_{lang} 1.9 (ru→{lang})").write(entry)
        if not reviewed and lang == "en":
            po[1].flags.append("fuzzy")
            po[2].msgstr = ""
        po.save()
    return project


def test_fully_reviewed_sample_publishes_all_languages_and_formats(tmp_path):
    project = make_project(tmp_path)
    out = tmp_path / "site"
    result = run(project, "publish", "--out", str(out), "--date", "2026-03-08")
    assert result.exit_code == 0, result.output
    source_lines = SAMPLE.read_text(encoding="utf-8").strip().split("\n")
    folder = out / "kamaz-kazakhstan"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{l}.{f}" for l in LANGS for f in ("html", "md", "txt", "json"))
    for lang in LANGS:
        html = (folder / f"{lang}.html").read_text(encoding="utf-8")
        assert_well_formed(html)
        tree = lxml.html.fromstring(html)
        assert tree.get("lang") == lang
        assert len(tree.xpath("//article/p")) == len(source_lines) - 1
        assert not tree.xpath("//*[@data-status!='reviewed' and @data-status!='original']")
        data = json.loads((folder / f"{lang}.json").read_text(encoding="utf-8"))
        assert data["lang"] == lang and len(data["blocks"]) == len(source_lines)
        txt = (folder / f"{lang}.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
        assert len(txt) == len(source_lines)
        md = md_body((folder / f"{lang}.md").read_text(encoding="utf-8"))
        tokens = [t.type for t in MarkdownIt("commonmark").parse(md)]
        assert tokens.count("heading_open") == 1 and tokens.count("paragraph_open") == len(source_lines) - 1
    # source rebuilt as written, run-together sentences ("литья.Премьер") given their space back
    expected = [normalize_paragraph(line, "ru") for line in source_lines]
    assert (folder / "ru.txt").read_text(encoding="utf-8") == "\n".join(expected) + "\n"
    assert "литья. Премьер-министр" in expected[1]
    en_txt = (folder / "en.txt").read_text(encoding="utf-8")
    assert en_txt.startswith(f"EN: {source_lines[0]}\n") and "Нyundai" in en_txt  # homoglyph kept as written
    latn = (folder / "kk-Latn.txt").read_text(encoding="utf-8")
    assert latn.startswith(transliterate(f"Аударма: {source_lines[0]}")) and latn.startswith("Audarma: ")
    assert_well_formed((out / "index.html").read_text(encoding="utf-8"))
    # a front page per language, in its language: the article's headline, date and lead, a badge per other language
    for lang in LANGS:
        front = out / ("index.html" if lang == "ru" else f"{lang}/index.html")
        assert_well_formed(front.read_text(encoding="utf-8"))
        index = lxml.html.fromstring(front.read_bytes())
        assert index.get("lang") == lang
        (card,) = index.xpath("//main//article")
        assert card.xpath(".//h2//a/@href") == [("./" if lang == "ru" else "../") + f"kamaz-kazakhstan/{lang}.html"]
        assert sorted(card.xpath(".//a[@class='badge']/@hreflang")) == sorted(set(LANGS) - {lang})
        assert card.xpath(".//time/@datetime") == ["2026-03-08T00:00:00Z"] and card.xpath(".//p[@class='lead']")
        assert sorted(index.xpath("//header//nav//a/@hreflang")) == sorted(set(LANGS) - {lang})


def test_partial_review_refused_with_report(tmp_path):
    project = make_project(tmp_path, reviewed=False)
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["-C", str(project), "publish", "--out", str(out)])
    assert result.exit_code == 1
    assert "refused kamaz-kazakhstan [en]: 2 sentence(s) not ready" in result.stderr
    po = "locales/en/LC_MESSAGES/kamaz-kazakhstan.po"  # relative to the project, as every path printed
    lines = [l.removeprefix("error: ") for l in result.stderr.splitlines() if l.startswith(f"error: {po}")]
    assert [l.split(": ")[1].split(" ")[0] for l in lines] == ["fuzzy", "untranslated"]
    assert not (out / "kamaz-kazakhstan" / "en.html").exists()
    check = CliRunner().invoke(main, ["-C", str(project), "publish", "--check"])
    assert check.exit_code == 1 and "ready kamaz-kazakhstan [kk]" in check.output
    assert check.stderr.count("fuzzy (source line") == 1
    assert (out / "kamaz-kazakhstan" / "kk.html").exists()  # other languages still published
    # the editor in a hurry: drafts and sources published, marked
    result = run(project, "publish", "--out", str(out), "--allow-fuzzy", "--untranslated", "source",
                 "--editions", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "kamaz-kazakhstan" / "en.json").read_text(encoding="utf-8"))
    statuses = [s["status"] for b in data["blocks"] for s in b["segments"]]
    assert statuses.count("mt") == 1 and statuses.count("source-fallback") == 1
    assert data["machine_translated"] is True


def test_publish_needs_out_or_check(tmp_path):
    """A missing option is a usage error (2), as click's own, not bad project input."""
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "publish"])
    assert result.exit_code == ExitCode.USAGE and "publish needs --out DIR (or --check" in result.stderr


def test_unknown_article_is_a_one_line_error(tmp_path):
    project = make_project(tmp_path)
    result = CliRunner().invoke(main, ["-C", str(project), "publish", "nope", "--out", "x"])
    assert result.exit_code == ExitCode.INPUT and result.stderr.startswith("error: ") and "nope" in result.stderr


def test_project_templates_and_kk_latn_alias(tmp_path):
    project = make_project(tmp_path)
    with (project / "translate-pipeline.toml").open("a", encoding="utf-8") as config:
        config.write('[publish]\ntemplates = "tpl"\n')
    (project / "tpl").mkdir()
    (project / "tpl" / "article.html.j2").write_text("<html lang='{{ lang }}'><h1>{{ title_text }}</h1></html>\n")
    out = tmp_path / "site"
    result = run(project, "publish", "--out", str(out), "--lang", "kk_latn", "--editions", "html")
    assert result.exit_code == 0, result.output
    page = (out / "kamaz-kazakhstan" / "kk-Latn.html").read_text(encoding="utf-8")
    assert page.startswith("<html lang='kk-Latn'><h1>Audarma: ")
    assert (out / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # package template kept


def test_index_lists_every_article_published_into_out_even_by_single_article_runs(tmp_path):
    project = make_project(tmp_path)
    second = project / "articles" / "second-note.ru.txt"
    second.write_text("Вторая заметка\nКороткий текст.\n", encoding="utf-8")
    out = tmp_path / "site"
    assert run(project, "publish", "kamaz-kazakhstan", "--out", str(out), "--editions", "html").exit_code == 0
    index = lxml.html.fromstring((out / "index.html").read_bytes())
    assert index.xpath("//main//article/@aria-labelledby") == ["headline-kamaz-kazakhstan"]
    run(project, "publish", "second-note", "--out", str(out), "--editions", "html", "--lang", "ru")
    index = lxml.html.fromstring((out / "index.html").read_bytes())
    assert sorted(index.xpath("//main//article/@aria-labelledby")) == [
        "headline-kamaz-kazakhstan", "headline-second-note"]
    manifest = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [a["article"] for a in manifest["articles"]] == ["kamaz-kazakhstan", "second-note"]


def test_markdown_article_keeps_structure_and_markup(tmp_path):
    project = tmp_path / "proj"
    (project / "articles").mkdir(parents=True)
    source = Path(__file__).parent / "fixtures" / "publish" / "newsroom-note.ru.md"
    shutil.copy(source, project / "articles")
    (project / "translate-pipeline.toml").write_text('[qa]\ndisabled = ["script"]\n')  # Russian words kept
    assert run(project, "extract", str(project / "articles")).exit_code == 0
    assert run(project, "update", str(project / "articles"), "--lang", "en").exit_code == 0
    po_file = project / "locales" / "en" / "LC_MESSAGES" / "newsroom-note.po"
    po = polib.pofile(str(po_file))
    for entry in po:  # keep the inline markup, as a translator would
        entry.msgstr = entry.msgid.replace("Завод", "Plant").replace("Соглашение", "Agreement")
    po.save()
    out = tmp_path / "site"
    result = run(project, "publish", "--out", str(out), "--lang", "ru,en", "--editions", "html,md")
    assert result.exit_code == 0, result.output
    assert md_body((out / "newsroom-note" / "ru.md").read_text(encoding="utf-8")) == source.read_text(encoding="utf-8")
    html = (out / "newsroom-note" / "en.html").read_text(encoding="utf-8")
    assert_well_formed(html)
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//h1//em")[0].text == "КАМАЗ"
    assert tree.xpath("//article//h2")[0].text_content() == "Что построят"
    assert tree.xpath("//article//a/@href") == ["https://www.gov.kz/memleket/entities/miid"]
    assert [li.text_content() for li in tree.xpath("//article/ul/li")] == ["Plant ведущих мостов.", "Цех чугунного литья."]
    assert tree.xpath("//article/ul/li//strong")[0].text == "чугунного"
    assert len(tree.xpath("//article/ol/li")) == 2


def test_article_file_is_taken_from_the_project_like_translate(tmp_path, monkeypatch):
    """``-C proj publish articles/x.ru.txt`` run from elsewhere finds the file inside the project."""
    project = make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["-C", str(project), "publish", "--check", "articles/kamaz-kazakhstan.ru.txt"])
    assert result.exit_code == 0, result.output
    assert "ready kamaz-kazakhstan [en]" in result.output


def test_badly_typed_publish_settings_are_one_line_errors(tmp_path):
    project = make_project(tmp_path)
    for setting, words in (("templates = 5", "templates must be"), ('kk_latin = "no"', "kk_latin must be")):
        (project / "translate-pipeline.toml").write_text(f"[publish]\n{setting}\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["-C", str(project), "publish", "--out", str(tmp_path / "site")])
        assert result.exit_code == ExitCode.INPUT, result.output
        assert result.stderr.startswith("error: ") and "translate-pipeline.toml" in result.stderr
        assert words in result.stderr


def test_the_refusal_names_only_what_would_unblock_under_the_options_given(tmp_path):
    """Blocking: a fuzzy draft, an untranslated sentence and reviewed English with Cyrillic in it (QA
    error). Each option given takes its remedy out of the hint; what is left is named, nothing else."""
    project = make_project(tmp_path, reviewed=False)
    (project / "translate-pipeline.toml").write_text('[qa]\ndisabled = ["mixed-script", "numbers"]\n')
    hints = {"fuzzy": "--allow-fuzzy", "untranslated": "--untranslated", "qa": "--allow-qa-errors"}

    def hint(*options):
        result = run(project, "publish", "--out", str(tmp_path / "preview"), "--preview", "--lang", "en", *options)
        assert result.exit_code == ExitCode.REFUSED, result.output
        (last,) = [l for l in result.stderr.splitlines() if "article edition(s) refused" in l]
        assert last.startswith("error: 1 article edition(s) refused (sentences above): ")
        return {name for name, option in hints.items() if option in last}

    assert hint() == {"fuzzy", "untranslated", "qa"}
    assert hint("--allow-fuzzy") == {"untranslated", "qa"}
    assert hint("--allow-fuzzy", "--untranslated", "source") == {"qa"}
    assert hint("--allow-qa-errors") == {"fuzzy", "untranslated"}
    final = run(project, "publish", "--out", str(tmp_path / "preview"), "--preview", "--lang", "en", "--allow-fuzzy",
                "--untranslated", "source", "--allow-qa-errors")
    assert final.exit_code == 0, final.output
