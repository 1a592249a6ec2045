"""Language tags: one ``Tag`` (core/langs.py) for every option, PO header, exchange file and check."""
from __future__ import annotations

import json
import shutil
import subprocess

import polib
import pytest
from babel import localedata
from babel.messages.pofile import read_po
from qa_support import problems

from helpers import new_project, po, run
from translate_pipeline.core.errors import ExitCode, PipelineError
from translate_pipeline.core.langs import Tag, resolve_languages

NEEDS_GETTEXT = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")

# code, catalog directory, term-base language, BCP 47, PO Language written, ISO 15924, coarse script ("-": none)
SPELLINGS = [tuple(None if cell == "-" else cell for cell in row.split()) for row in """
    kk            kk          kk        kk          kk          Cyrl  cyrillic
    kk-KZ         kk-KZ       kk        kk-KZ       kk_KZ       Cyrl  cyrillic
    kk_KZ         kk-KZ       kk        kk-KZ       kk_KZ       Cyrl  cyrillic
    kk-Latn       kk-Latn     kk-Latn   kk-Latn     kk_Latn     Latn  latin
    kk_latn       kk-Latn     kk-Latn   kk-Latn     kk_Latn     Latn  latin
    kk@latin      kk-Latn     kk-Latn   kk-Latn     kk_Latn     Latn  latin
    kk_KZ@latin   kk-Latn-KZ  kk-Latn   kk-Latn-KZ  kk_Latn_KZ  Latn  latin
    kk_KZ.UTF-8   kk-KZ       kk        kk-KZ       kk_KZ       Cyrl  cyrillic
    EN            en          en        en          en          Latn  latin
    en-gb         en-GB       en        en-GB       en_GB       Latn  latin
    kk-Cyrl-KZ    kk-KZ       kk        kk-Cyrl-KZ  kk_KZ       Cyrl  cyrillic
    kk-Cyrl       kk          kk        kk-Cyrl     kk          Cyrl  cyrillic
    kk-CN         kk-CN       kk-Arab   kk-CN       kk_CN       Arab  -
    sr-Latn       sr-Latn     sr-Latn   sr-Latn     sr_Latn     Latn  latin
    uz_Latn_UZ    uz-UZ       uz        uz-Latn-UZ  uz_UZ       Latn  latin
    zh-Hant-TW    zh-TW       zh-Hant   zh-Hant-TW  zh_TW       Hant  -
""".strip().splitlines()]  # kk-CN: CLDR writes Kazakh in China in Arabic script


@pytest.mark.parametrize("code, catalog, base, bcp47, gettext, iso, coarse", SPELLINGS)
def test_every_spelling_is_one_tag(code, catalog, base, bcp47, gettext, iso, coarse):
    tag = Tag.parse(code)
    assert (tag.catalog, tag.base, tag.bcp47, str(tag), tag.gettext) == (catalog, base, bcp47, bcp47, gettext)
    assert (tag.iso_script, tag.coarse_script) == (iso, coarse)
    assert Tag.parse(tag.gettext).catalog == Tag.parse(tag.bcp47).catalog == catalog  # spellings read back
    assert tag.same_language(Tag.parse(base))


def test_every_cldr_locale_reads_back_from_each_spelling():
    """Every locale CLDR has data for (1,100+) is a tag in any case and separator, and its catalog,
    BCP 47 and gettext spellings name it again."""
    for identifier in localedata.locale_identifiers():
        for code in {spell(identifier.replace("_", sep)) for spell in (str, str.lower, str.upper) for sep in "-_"}:
            tag = Tag.parse(code)
            for spelling in (tag.catalog, tag.bcp47, tag.gettext, tag.catalog.upper()):
                again = Tag.parse(spelling)
                assert again.catalog == tag.catalog and again.covers(tag) and tag.covers(again), (code, spelling)
            assert Tag.parse(tag.base).same_language(tag) and Tag.parse(tag.base).region is None, code
            assert tag.display_name() and tag.locale is not None


@pytest.mark.parametrize("code, in_lang, name", [
    ("kk", None, "Kazakh"), ("kk-KZ", None, "Kazakh (Kazakhstan)"), ("kk-Latn", None, "Kazakh (Latin)"),
    ("kk-Cyrl", None, "Kazakh"), ("en-GB", None, "English (United Kingdom)"), ("kk", "kk", "қазақ тілі"),
    ("en", "ru", "английский"), ("kk-Latn", "kk", "қазақ тілі (латын жазуы)"),
])
def test_display_names_come_from_cldr(code, in_lang, name):
    assert Tag.parse(code).display_name(Tag.parse(in_lang) if in_lang else None) == name


@pytest.mark.parametrize("code, message", [
    ("xx", "unknown language code 'xx' (expected e.g. en, kk, kk-Latn)"),
    ("kz", "unknown language code 'kz'"),
    ("english", "unknown language code 'english'"),
    ("und", "unknown language code 'und'"),
    ("", "unknown language code ''"),
    ("en-US-u-ca-gregory", "unknown language code 'en-US-u-ca-gregory'"),
    ("kk-Latx", "unknown script 'Latx' in language code 'kk-Latx'"),
    ("kk-Zzzz", "unknown script 'Zzzz'"),
    ("en-XX", "unknown region 'XX' in language code 'en-XX'"),
    ("de_DE@euro", "unknown modifier '@euro' in language code 'de_DE@euro'"),
    ("kk_Latn@cyrillic", "language code 'kk_Latn@cyrillic' names two scripts, Latn and @cyrillic"),
])
def test_unknown_tags_are_one_line_errors(code, message):
    with pytest.raises(PipelineError) as caught:
        Tag.parse(code)
    assert caught.value.message.startswith(message) and "\n" not in caught.value.message


def test_region_variants_resolve_to_the_configured_language():
    langs, notes = resolve_languages(["kk-KZ", "kk_KZ", "kk", "EN", "en-GB", "kk-Latn", "de", "kk-KZ"], ["en", "kk"],
                                     source="ru")
    assert langs == ["kk", "en", "kk-Latn", "de"]
    assert notes == ["kk-KZ is taken as kk, the project's Kazakh", "kk_KZ is taken as kk, the project's Kazakh",
                     "en-GB is taken as en, the project's English"]
    assert resolve_languages(["en-US"], ["en-GB", "en"])[0] == ["en"]  # a configured region is not another's
    assert resolve_languages(["en-GB"], ["en", "en-GB"]) == (["en-GB"], [])  # the exact one wins
    assert resolve_languages(["kk-CN"], ["kk"])[0] == ["kk-CN"]  # another script (Arabic) is not kk
    with pytest.raises(PipelineError, match=r"^ru-RU is the source language \(ru\), not a target"):
        resolve_languages(["en", "ru-RU"], ["en", "kk"], source="ru")


# --- the CLI ------------------------------------------------------------------------------------

def _dirs(project):
    return sorted(p.name for p in (project / "locales").iterdir() if p.is_dir())


@pytest.mark.parametrize("code, lang, note", [
    ("kk-KZ", "kk", "note: kk-KZ is taken as kk, the project's Kazakh"),
    ("kk_KZ", "kk", "note: kk_KZ is taken as kk, the project's Kazakh"),
    ("kk-Cyrl-KZ", "kk", "note: kk-Cyrl-KZ is taken as kk, the project's Kazakh"),
    ("en-GB", "en", "note: en-GB is taken as en, the project's English"),
    ("EN", "en", None),  # only another spelling: nothing to say
    ("kk_KZ@latin", "kk-Latn", "note: kk_KZ@latin is taken as kk-Latn, the project's Kazakh (Latin)"),
])
def test_translate_into_a_region_variant_writes_the_project_catalog(tmp_path, code, lang, note):
    project = new_project(tmp_path)
    (project / "translate-pipeline.toml").write_text('target_langs = ["en", "kk", "kk-Latn"]\n', encoding="utf-8")
    result = run(project, "translate", "articles", "--to", code, "--no-mt")
    assert result.exit_code == 0, result.stderr
    assert _dirs(project) == [lang]  # never a second tree locales/kk-KZ/
    assert [line for line in result.stderr.splitlines() if line.startswith("note:")] == ([note] if note else [])
    assert po(project, lang).metadata["Language"] == Tag.parse(lang).gettext


def test_a_language_the_project_lacks_keeps_its_own_catalog(tmp_path):
    project = new_project(tmp_path)  # targets en, kk
    result = run(project, "update", "articles", "--lang", "kk-Latn,de")
    assert result.exit_code == 0 and "note:" not in result.stderr
    assert _dirs(project) == ["de", "kk-Latn"]


@pytest.mark.parametrize("command", [("translate", "articles", "--no-mt", "--to"), ("update", "articles", "--lang"),
                                     ("check", "--lang"), ("stats", "--lang")])
@pytest.mark.parametrize("code", ["ru", "ru-RU", "RU", "en,ru"])
def test_the_source_language_is_no_target(tmp_path, command, code):
    project = new_project(tmp_path)
    result = run(project, *command, code)
    assert result.exit_code == ExitCode.INPUT
    given = code.split(",")[-1]
    assert result.stderr == f"error: {given} is the source language (ru), not a target (target languages: en, kk)\n"
    assert not (project / "locales").exists()


def test_unknown_tag_on_the_command_line_is_one_line(tmp_path):
    project = new_project(tmp_path)
    result = run(project, "translate", "articles", "--to", "kk-XX", "--no-mt")
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == "error: unknown region 'XX' in language code 'kk-XX' (expected e.g. KZ, GB)\n"
    assert not (project / "locales").exists()


def test_no_target_language_is_one_line(tmp_path):
    project = new_project(tmp_path)
    assert run(project, "update", "articles", "--lang", ",").stderr == "error: no target language given\n"
    (project / "translate-pipeline.toml").write_text("target_langs = []\n", encoding="utf-8")
    assert run(project, "update", "articles").stderr == "error: no target language given\n"
    assert not (project / "locales").exists()


def test_publish_and_models_take_region_variants_too(tmp_path):
    project = new_project(tmp_path)
    result = run(project, "publish", "--check", "--lang", "ru-RU,kk_latn")
    assert "note: ru-RU is taken as ru, the project's Russian" in result.stderr
    assert "[ru]" in result.stdout and "kk-Latn" in result.stdout + result.stderr
    route = run(project, "models", "route", "ru-RU", "kk-KZ")
    assert route.stderr.count("note:") == 2 and "error: no MT model for ru→kk: " in route.stderr


KK_KZ = "note: kk-KZ is taken as kk, the project's Kazakh"


@pytest.mark.parametrize("args", [
    ["update", "articles", "--lang", "kk-KZ"], ["translate", "articles", "--no-mt", "--to", "kk-KZ"],
    ["stats", "--lang", "kk-KZ"], ["check", "--to", "kk-KZ"], ["compile", "--lang", "en,kk-KZ"],
    ["evaluate", "--lang", "kk-KZ"], ["publish", "--check", "--lang", "kk-KZ"],
    ["publish", "--out", "{tmp}/site", "--unpublish", "kk-KZ"], ["tm", "export", "{tmp}/tm.tmx", "--lang", "kk-KZ"],
    ["glossary", "add", "Астана", "-t", "kk-KZ=Астана", "--variant", "kk-KZ=Нұр-Сұлтан", "-t", "en=Astana"],
    ["glossary", "add", "Астана", "--forbidden", "kk_KZ=Акмола", "-t", "en=Astana", "-t", "kk=Астана"],
    ["glossary", "remove", "Костанай", "--term", "kk-KZ=Қостанай"],
    ["models", "route", "ru", "kk-KZ"], ["models", "route", "--to", "kk-KZ"], ["models", "check", "ru", "kk-KZ"],
    ["models", "remove", "ru", "kk-KZ"],
])
def test_every_command_that_takes_a_language_code_says_what_it_is_taken_as(tmp_path, args):
    """The new user's report: glossary add -t kk-KZ=… mapped to kk without the note translate --to kk-KZ gives."""
    project = new_project(tmp_path)
    assert run(project, "update").exit_code == 0
    assert run(project, "glossary", "add", "Костанай", "-t", "en=Kostanay", "-t", "kk=Қостанай").exit_code == 0
    result = run(project, *(arg.format(tmp=tmp_path) for arg in args))
    assert "Traceback" not in result.stderr
    expected = KK_KZ.replace("kk-KZ", "kk_KZ") if "kk_KZ=Акмола" in args else KK_KZ
    assert [line for line in result.stderr.splitlines() if line.startswith("note: ") and "taken as" in line] == [
        expected], result.stderr
    if args[0] == "glossary":
        assert "kk-KZ" not in (project / "glossary" / "terms.csv").read_text(encoding="utf-8")


def test_a_term_base_language_the_project_lacks_is_named_without_the_projects(tmp_path):
    project = new_project(tmp_path)
    result = run(project, "glossary", "add", "Берлин", "-t", "de-AT=Berlin", "-t", "kk-Latn-KZ=Berlin")
    assert result.exit_code == 0 and [line for line in result.stderr.splitlines() if line.startswith("note:")] == [
        "note: de-AT is taken as de, German", "note: kk-Latn-KZ is taken as kk-Latn, Kazakh (Latin)"]
    assert run(project, "-q", "glossary", "add", "Москва", "-t", "kk-KZ=Мәскеу").stderr == ""


# --- PO headers ------------------------------------------------------------------------------------

ARTICLE = "Бюджет\nЗавод построят в Костанае.\n"
REVIEWED = {
    "en": {"Бюджет": "Budget", "Завод построят в Костанае.": "The plant will be built in Kostanay."},
    "kk": {"Бюджет": "Бюджет", "Завод построят в Костанае.": "Зауыт Қостанайда салынады."},
    "kk-Latn": {"Бюджет": "Biudjet", "Завод построят в Костанае.": "Zauyt Qostanaida salynady."},
}
REVIEWED["en-GB"] = REVIEWED["en"]


def _reviewed(tmp_path, lang, language=None, config=None):
    """A project whose ``lang`` catalog is fully reviewed, its header ``Language`` set to ``language``."""
    project = tmp_path / "proj"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "budget.ru.txt").write_text(ARTICLE, encoding="utf-8")
    if config:
        (project / "translate-pipeline.toml").write_text(config, encoding="utf-8")
    assert run(project, "update", "articles", "--lang", lang).exit_code == 0
    path = project / "locales" / lang / "LC_MESSAGES" / "budget.po"
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = REVIEWED[lang][entry.msgid]
    if language is not None:
        catalog.metadata["Language"] = language
    catalog.save()
    return project, path


@pytest.mark.parametrize("lang, language", [("kk", "kk_KZ"), ("en", "en_US"), ("kk", "kk-Cyrl-KZ"), ("kk", "KK"),
                                            ("en", "en_GB.UTF-8")])
def test_a_region_in_the_header_is_the_catalogs_language(tmp_path, lang, language):
    """Poedit writes ``Language: kk_KZ``; that is the kk catalog, kept as written and ready to publish."""
    project, path = _reviewed(tmp_path, lang, language)
    check = run(project, "check", "--lang", lang)
    assert check.exit_code == 0 and "[header]" not in check.stdout, check.stdout
    (row,) = json.loads(run(project, "stats", "--lang", lang, "--format", "json").stdout)["rows"]
    assert row["header"] == [] and row["ready"] is True
    gate = run(project, "publish", "--check", "--lang", lang)
    assert gate.exit_code == 0 and f"ready budget [{lang}]" in gate.stdout
    before = path.read_bytes()
    assert run(project, "update", "articles", "--lang", lang).exit_code == 0
    assert path.read_bytes() == before  # update leaves it as the translator wrote it
    assert polib.pofile(str(path)).metadata["Language"] == language


@NEEDS_GETTEXT
def test_gettext_and_babel_read_a_region_header(tmp_path):
    project, path = _reviewed(tmp_path, "kk", "kk_KZ")
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with path.open("rb") as handle:
        assert str(read_po(handle).locale) == "kk_KZ"


@pytest.mark.parametrize("lang, language, problem", [
    ("kk", "en", "header Language 'en' is not the catalog's language 'kk'"),
    ("kk", "kk@latin", "header Language 'kk@latin' is not the catalog's language 'kk'"),
    ("kk", "kk_CN", "header Language 'kk_CN' is not the catalog's language 'kk'"),  # Arabic script
    ("en-GB", "en_US", "header Language 'en_US' is not the catalog's language 'en-GB'"),
    ("kk", "Kazakh", "header Language 'Kazakh': unknown language code 'Kazakh'"),
])
def test_a_header_naming_another_language_is_still_an_error(tmp_path, lang, language, problem):
    project, path = _reviewed(tmp_path, lang, language, 'target_langs = ["en-GB", "kk"]\n' if lang == "en-GB" else None)
    check = run(project, "check", "--lang", lang)
    assert check.exit_code == 1 and f"error: [header] {problem}" in check.stdout
    (row,) = json.loads(run(project, "stats", "--lang", lang, "--format", "json").stdout)["rows"]
    assert row["ready"] is False and row["header"][0].startswith(problem)
    assert run(project, "publish", "--check", "--lang", lang).exit_code == 1
    assert run(project, "update", "articles", "--lang", lang).exit_code == 0
    assert polib.pofile(str(path)).metadata["Language"] == language  # not ours to guess


# --- checks ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["kk-Latn", "kk_KZ@latin"])
def test_latin_kazakh_gets_latin_script_checks(tmp_path, code):
    project, path = _reviewed(tmp_path, "kk-Latn", config='target_langs = ["en", "kk", "kk-Latn"]\n')
    clean = run(project, "check", "--lang", code)
    assert clean.exit_code == 0 and clean.stdout.strip() == "no findings in 1 catalog(s)", clean.stdout
    catalog = polib.pofile(str(path))
    catalog.find("Завод построят в Костанае.").msgstr = "Zauyt Қостанайда salynady."
    catalog.save()
    left = run(project, "check", "--lang", code)
    assert left.exit_code == 1
    assert "error: [script] Cyrillic left in the Kazakh (Latin) text: Қостанайда" in left.stdout


@pytest.mark.parametrize("lang, target, message", [
    ("kk-Latn", "Zauyt Qostanaida salynady.", None),
    ("kk", "Zauyt Qostanaida salynady.", "the Kazakh text is in Latin script, not Cyrillic: 3 of 3 words (Zauyt, Qostanaida, salynady)"),
    ("kk-Cyrl-KZ", "Зауыт Қостанайда салынады.", None),
    ("en-GB", "The plant will be built in Костанай.", "Cyrillic left in the English (United Kingdom) text: Костанай"),
    ("uk", "Завод збудують у Kostanay.", "Latin words not in the source or known names: Kostanay"),
])
def test_script_check_follows_the_tags_script(lang, target, message):
    assert problems("script", "Завод построят в Костанае.", target, lang) == ([message] if message else [])
