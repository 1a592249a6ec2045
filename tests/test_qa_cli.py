"""translate-pipeline check: selection, output formats, exit status as a publishing gate."""
import json

import pytest
from click.testing import CliRunner
from qa_project import CARS_RU, EXPORT_RU, HYUNDAI_RU, JOBS_RU, entry, write_po

from translate_pipeline.core.errors import ExitCode
from translate_pipeline.cli import main


def run(root, *args):
    return CliRunner().invoke(main, ["-C", str(root), "check", *args])


def project(root):
    write_po(root, "en", "kamaz-kazakhstan", [
        entry(JOBS_RU, "More than 2,5 thousand new highly skilled jobs will be created.", 9),  # error
        entry(HYUNDAI_RU, "Hyundai cars will be produced in Almaty in 2020.", 10),  # source warning
    ])
    write_po(root, "kk", "kamaz-kazakhstan", [
        entry(CARS_RU, "Бастапқы кезеңде жылына 30 мың көлік шығару жоспарланып отыр.", 11),
    ])
    write_po(root, "en", "other", [entry(EXPORT_RU, "The products will be 100% export-oriented.", 1)])


def test_error_finding_fails_the_gate(tmp_path):
    project(tmp_path)
    result = run(tmp_path)
    assert result.exit_code == 1
    assert "locales/en/LC_MESSAGES/kamaz-kazakhstan.po:" in result.output
    assert "error: [numbers] '2,5' is not English number notation; English writes '2.5'" in result.output
    assert "warning: [mixed-script] 'Нyundai' mixes scripts" in result.output and "(source)" in result.output
    assert result.output.rstrip().endswith("1 error, 1 warning, 0 info in 3 catalog(s)")


def test_clean_or_warning_only_selection_passes(tmp_path):
    project(tmp_path)
    assert run(tmp_path, "--lang", "kk").exit_code == 0
    result = run(tmp_path, "other")
    assert result.exit_code == 0 and result.output.strip() == "no findings in 1 catalog(s)"


def test_article_given_as_source_path_or_po_path(tmp_path):
    project(tmp_path)
    by_path = run(tmp_path, "articles/kamaz-kazakhstan.ru.txt", "--lang", "en", "--format", "json")
    by_po = run(tmp_path, "locales/en/LC_MESSAGES/kamaz-kazakhstan.po", "--lang", "en", "--format", "json")
    assert by_path.exit_code == by_po.exit_code == ExitCode.REFUSED
    assert json.loads(by_path.stdout)["findings"] == json.loads(by_po.stdout)["findings"]


def test_json_output(tmp_path):
    project(tmp_path)
    result = run(tmp_path, "kamaz-kazakhstan", "--format", "json")
    assert result.exit_code == ExitCode.REFUSED
    data = json.loads(result.stdout)
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0}
    first = data["findings"][0]
    assert first["article"] == "kamaz-kazakhstan" and first["lang"] == "en"
    assert first["check"] == "numbers" and first["severity"] == "error" and first["msgid"] == JOBS_RU
    assert first["path"] == "locales/en/LC_MESSAGES/kamaz-kazakhstan.po" and isinstance(first["line"], int)
    assert first["reference"] == "articles/kamaz-kazakhstan.ru.txt:9" and first["fuzzy"] is False


def test_unknown_article_and_language_are_one_line_errors(tmp_path):
    project(tmp_path)
    result = run(tmp_path, "nope")
    assert result.exit_code == ExitCode.INPUT
    assert result.output.strip() == (
        "error: no article or catalog named 'nope' in articles/ or locales/ and no such file or directory"
    )
    bad_lang = run(tmp_path, "--lang", "xx")
    assert bad_lang.exit_code == ExitCode.INPUT and bad_lang.output.startswith("error: unknown language code 'xx'")


@pytest.mark.parametrize("command", [["check"], ["stats"], ["compile"], ["evaluate"], ["publish", "--check"]])
def test_a_name_of_nothing_is_a_typo_with_the_nearest_names(tmp_path, command):
    project(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "kamaz-2.ru.txt").write_text("Завод построят.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(tmp_path), *command, "kamaz-kazakstan"])
    assert result.exit_code == ExitCode.INPUT
    if command[0] == "publish":  # publish reads articles: this project has kamaz-2 only, no near name
        assert result.output.strip() == ("error: no article named 'kamaz-kazakstan' in articles/ "
                                         "and no such file or directory")
    else:
        assert result.output.strip() == ("error: no article or catalog named 'kamaz-kazakstan' in articles/ or locales/ "
                                         "and no such file or directory (did you mean 'kamaz-kazakhstan'?)")


def test_a_name_with_an_article_or_a_catalog_elsewhere_says_what_to_run(tmp_path):
    project(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "fresh.ru.txt").write_text("Завод построят.\n", encoding="utf-8")
    for name in ("fresh", "other"):  # an article not extracted yet; a catalog in en only
        result = run(tmp_path, name, "--lang", "kk")
        assert result.exit_code == ExitCode.INPUT
        assert result.output.strip() == (f"error: no catalog for article {name!r} (looked for "
                                         f"locales/kk/LC_MESSAGES/{name}.po; run extract/translate first)")
    for path in ("articles/nosuch.ru.txt", "locales/en/LC_MESSAGES/nosuch.po"):
        result = run(tmp_path, path)
        assert result.exit_code == ExitCode.INPUT and result.output.strip() == f"error: {path}: no such file or directory"


def test_project_without_catalogs_is_an_error_not_a_pass(tmp_path):
    result = run(tmp_path)
    assert result.exit_code == 1
    assert result.output.strip() == "error: no catalogs for en, kk under locales/ (run translate first)"


def test_fuzzy_marked_in_text_output(tmp_path):
    write_po(tmp_path, "en", "a", [entry(CARS_RU, "At first they plan to produce 3,000 cars a year.", 11, flags=["fuzzy"])])
    result = run(tmp_path, "--lang", "en")
    assert result.exit_code == 1
    assert "error: [numbers] number '30 тысяч' is missing in the target (expected 30,000) (fuzzy)" in result.output


def test_a_reviewed_latin_kazakh_msgstr_fails_the_gate_of_the_cyrillic_edition(tmp_path):
    write_po(tmp_path, "kk", "kamaz-kazakhstan", [entry(EXPORT_RU, "Ónim 100% eksportqa bağyttalady.", 12)])
    result = run(tmp_path, "--lang", "kk")
    assert result.exit_code == ExitCode.REFUSED
    assert ("locales/kk/LC_MESSAGES/kamaz-kazakhstan.po:7: error: [script] the Kazakh text is in Latin script, "
            "not Cyrillic: 3 of 3 words (Ónim, eksportqa, bağyttalady)") in result.output
