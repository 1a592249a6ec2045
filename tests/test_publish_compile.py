"""MO compilation: reviewed messages in, fuzzy drafts out unless asked for."""
import gettext

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
