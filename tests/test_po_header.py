"""Catalog headers as gettext templates leave them are repaired on write; what cannot be is reported."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po

from helpers import command_document, new_project, po, run

NEEDS_GETTEXT = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext not installed")

TEMPLATE_HEADER = '''# Russian translation.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: PACKAGE VERSION\\n"
"Last-Translator: Айгерим <aigerim@example.kz>\\n"
"Language: {language}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset={charset}\\n"
"Content-Transfer-Encoding: 8bit\\n"
{plural}
'''


def reviewed_catalog(project, lang, *, language="", charset="CHARSET", plural=""):
    """The project's catalog for ``lang`` with its header replaced and one entry reviewed."""
    assert run(project, "update", "articles", "--lang", lang).exit_code == 0
    path = project / "locales" / lang / "LC_MESSAGES" / "kamaz-kazakhstan.po"
    text = path.read_text(encoding="utf-8")
    body = text[text.index("\n\n") + 2:]
    head = TEMPLATE_HEADER.format(language=language, charset=charset, plural=plural)
    path.write_text(head + "\n" + body.replace('msgstr ""', 'msgstr "Reviewed."', 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang, plural_forms", [
    ("en", "nplurals=2; plural=(n != 1);"),
    ("kk", "nplurals=2; plural=(n != 1);"),
    ("uk", "nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;"),
])
def test_template_header_is_repaired_on_update(tmp_path, lang, plural_forms):
    project = new_project(tmp_path)
    reviewed_catalog(project, lang)
    assert run(project, "update", "articles", "--lang", lang).exit_code == 0
    catalog = po(project, lang)
    meta = catalog.metadata
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Language"] == lang
    assert meta["Plural-Forms"] == plural_forms
    assert not catalog.metadata_is_fuzzy
    assert meta["Last-Translator"] == "Айгерим <aigerim@example.kz>"  # the translator's field is kept
    assert any(e.msgstr == "Reviewed." for e in catalog)


def test_malformed_plural_forms_and_latin_charset_are_repaired(tmp_path):
    project = new_project(tmp_path)
    reviewed_catalog(project, "kk", language="kk", charset="ISO-8859-1", plural='"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"')
    assert run(project, "translate", "articles", "--to", "kk", "--no-mt").exit_code == 0
    meta = po(project, "kk").metadata
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


@NEEDS_GETTEXT
def test_gettext_tools_accept_the_repaired_catalog(tmp_path):
    project = new_project(tmp_path)
    path = reviewed_catalog(project, "en")
    assert subprocess.run(["msgcat", str(path)], capture_output=True).returncode == 1  # the bug as it was
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    for tool in (["msgcat", str(path)], ["msgfmt", "-c", "-o", "/dev/null", str(path)]):
        done = subprocess.run(tool, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_babel_no_longer_skips_the_catalog(tmp_path):
    project = new_project(tmp_path)
    path = reviewed_catalog(project, "kk")
    with path.open("rb") as handle:
        assert read_po(handle).fuzzy  # pybabel compile skips a catalog with a fuzzy header
    assert run(project, "update", "articles", "--lang", "kk").exit_code == 0
    with path.open("rb") as handle:
        catalog = read_po(handle)
    assert not catalog.fuzzy and str(catalog.locale) == "kk" and catalog.num_plurals == 2


def test_check_and_stats_report_an_unrepairable_header(tmp_path):
    project = new_project(tmp_path)
    assert run(project, "translate", "articles", "--to", "en", "--no-mt").exit_code == 0
    reviewed_catalog(project, "en", language="de")  # another language: not ours to guess
    result = run(project, "check", "--lang", "en")
    assert result.exit_code == 1
    assert "kamaz-kazakhstan.po: error: [header] header Language 'de' is not the catalog's language 'en'" in result.stdout
    assert "charset is CHARSET, not UTF-8" in result.stdout and "marked fuzzy" in result.stdout
    lines = result.stdout.splitlines()
    header = [i for i, line in enumerate(lines) if "[header]" in line]
    assert len(header) >= 3 and all(not lines[i + 1].startswith("    msgid:") for i in header)  # a file, no entry
    entry_level = [i for i, line in enumerate(lines) if ".po:" in line and "[header]" not in line]
    assert entry_level and all(lines[i + 1].startswith("    msgid: ") for i in entry_level)
    findings = command_document("check", run(project, "check", "--lang", "en", "--format", "json").stdout, 1)["findings"]
    assert {(f["msgid"], f["line"]) for f in findings if f["check"] == "header"} == {(None, None)}
    stats = json.loads(run(project, "stats", "--lang", "en", "--format", "json").stdout)["rows"]
    row = stats[0] if isinstance(stats, list) else stats["catalogs"][0]
    assert row["findings"]["error"] >= 3 and row["ready"] is False
    assert "header Language 'de' is not the catalog's language 'en'" in row["header"]
    assert "kamaz-kazakhstan [en]: header Language 'de'" in run(project, "stats", "--lang", "en").stdout
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0  # charset/fuzzy repaired ...
    result = run(project, "check", "--lang", "en")
    assert "[header] header Language 'de'" in result.stdout and "CHARSET" not in result.stdout  # ... Language is not


def test_lock_file_stays_out_of_locales_and_pocount_reads_the_catalogs(tmp_path):
    project = new_project(tmp_path)
    legacy = project / "locales" / ".translate-pipeline.lock"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(b"")  # left by an earlier version
    assert run(project, "translate", "articles", "--to", "en,kk", "--no-mt").exit_code == 0
    assert not [p for p in (project / "locales").rglob("*") if p.name.endswith(".lock")]
    assert (project / ".translate-pipeline.lock").exists()
    if shutil.which("pocount"):
        done = subprocess.run(["pocount", str(project / "locales")], capture_output=True, text=True)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        assert "kamaz-kazakhstan.po" in done.stdout
