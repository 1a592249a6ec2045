"""MO compilation: reviewed messages in, fuzzy drafts out unless asked for."""
import gettext
import json

from _publish_fixtures import make_po, save_po
from click.testing import CliRunner

from translate_pipeline.core.errors import ExitCode
from translate_pipeline.cli import main


def project_with_catalog(tmp_path):
    po = make_po([
        {"msgid": "Один.", "msgstr": "One."},
        {"msgid": "Два.", "msgstr": "Two (draft).", "fuzzy": True, "origin": "MT argos (ru→en)"},
        {"msgid": "Три.", "msgstr": ""},
    ], "en")
    save_po(po, tmp_path / "locales" / "en" / "LC_MESSAGES" / "demo.po")
    return tmp_path


def translations(tmp_path):
    with (tmp_path / "locales" / "en" / "LC_MESSAGES" / "demo.mo").open("rb") as fh:
        return gettext.GNUTranslations(fh)


def test_compile_excludes_fuzzy(tmp_path):
    project = project_with_catalog(tmp_path)
    result = CliRunner().invoke(main, ["-C", str(project), "compile", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "1 message(s), 1 fuzzy left out, 1 untranslated" in result.output
    t = translations(project)
    assert t.gettext("Один.") == "One."
    assert t.gettext("Два.") == "Два."  # the draft is not shipped
    assert t.gettext("Три.") == "Три."


def test_compile_use_fuzzy(tmp_path):
    project = project_with_catalog(tmp_path)
    result = CliRunner().invoke(main, ["-C", str(project), "compile", "--lang", "en", "--use-fuzzy"])
    assert result.exit_code == 0, result.output
    assert translations(project).gettext("Два.") == "Two (draft)."


def test_compile_without_catalogs_is_an_error(tmp_path):
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "compile", "--lang", "en"])
    assert result.exit_code == ExitCode.REFUSED and "nothing to compile" in result.output


def test_compile_reports_malformed_po(tmp_path):
    path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "bad.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "compile", "--lang", "en"])
    assert result.exit_code == ExitCode.INPUT and result.output.startswith("error: ") and "bad.po" in result.output


def test_compiled_mo_is_readable_by_others(tmp_path):
    """An MO file is read by applications running as other users: not a private 0600 temp file."""
    project = project_with_catalog(tmp_path)
    result = CliRunner().invoke(main, ["-C", str(project), "compile", "--lang", "en"])
    assert result.exit_code == 0, result.output
    mo = project / "locales" / "en" / "LC_MESSAGES" / "demo.mo"
    assert mo.stat().st_mode & 0o777 == 0o644
    assert not [p.name for p in mo.parent.iterdir() if p.name.endswith(".tmp")]


def test_catalogs_without_a_translated_message_get_no_mo_file_and_exit_1_when_all_are_so(tmp_path):
    """compile --help: "Exit 1 when there is nothing to compile" -- no catalog, or none with a translated
    message; an empty MO file is never written, one compiled earlier for a now empty catalog is removed."""
    project = project_with_catalog(tmp_path)
    kk = project / "locales" / "kk" / "LC_MESSAGES" / "demo.po"
    save_po(make_po([{"msgid": "Один.", "msgstr": "Бір (draft).", "fuzzy": True, "origin": "MT (ru→kk)"},
                     {"msgid": "Два.", "msgstr": ""}], "kk"), kk)
    mixed = CliRunner().invoke(main, ["-C", str(project), "compile", "--lang", "en,kk"])
    assert mixed.exit_code == 0, mixed.output
    assert mixed.stderr == "note: locales/kk/LC_MESSAGES/demo.po: no translated message, no MO file written\n"
    assert mixed.stdout.rstrip().endswith("1 catalog(s) with nothing to compile")
    assert (project / "locales" / "en" / "LC_MESSAGES" / "demo.mo").exists() and not kk.with_suffix(".mo").exists()

    only_kk = CliRunner().invoke(main, ["-C", str(project), "compile", "--lang", "kk"])
    assert only_kk.exit_code == ExitCode.REFUSED
    assert only_kk.stderr.splitlines()[-1] == ("error: nothing to compile: none of the 1 catalog(s) has a translated "
                                               "message; 1 fuzzy draft(s): --use-fuzzy compiles them")
    assert not kk.with_suffix(".mo").exists()

    drafts = CliRunner().invoke(main, ["-C", str(project), "compile", "--lang", "kk", "--use-fuzzy"])
    assert drafts.exit_code == 0 and kk.with_suffix(".mo").exists()  # the editor asked for the drafts
    again = CliRunner().invoke(main, ["-C", str(project), "compile", "--lang", "kk", "--format", "json"])
    assert again.exit_code == ExitCode.REFUSED and not kk.with_suffix(".mo").exists()  # no stale drafts served
    assert json.loads(again.stdout)["empty"] == [{"catalog": "locales/kk/LC_MESSAGES/demo.po", "fuzzy": 1,
                                                  "untranslated": 1, "stale_mo_removed": True}]
    assert "removed the demo.mo of an earlier compile" in again.stderr
