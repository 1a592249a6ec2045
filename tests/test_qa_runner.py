"""The runner over PO catalogs: which entries, flags, project settings, locations."""
import pytest
from qa_project import (
    CARS_RU,
    EXPORT_RU,
    HYUNDAI_RU,
    JOBS_RU,
    entry,
    write_config,
    write_po,
)

from translate_pipeline.core.errors import PipelineError
from translate_pipeline.core.settings import load_config
from translate_pipeline.review.qa import (
    catalog_findings,
    catalog_severity_counts,
    check_project,
)


def checks_of(findings):
    return sorted((f.check, f.msgid[:20]) for f in findings)


def test_translated_fuzzy_untranslated_and_obsolete_entries(tmp_path):
    write_po(tmp_path, "en", "kamaz", [
        entry(JOBS_RU, "More than 2,5 thousand new highly skilled jobs will be created.", 9),
        entry(CARS_RU, "At first they plan to produce 30,000 cars a year.", 11, flags=["fuzzy"]),
        entry(HYUNDAI_RU, "", 10),  # untranslated: only the source is checked
        entry("Старая фраза с 5 тысячами.", "An old phrase.", 12, obsolete=True),
    ])
    findings = catalog_findings(load_config(tmp_path), "kamaz", "en")
    assert [(f.check, f.severity, f.side, f.fuzzy) for f in findings] == [
        ("numbers", "error", "target", False),
        ("mixed-script", "warning", "source", False),
    ]
    jobs = findings[0]
    assert jobs.article == "kamaz" and jobs.lang == "en" and jobs.msgid == JOBS_RU
    assert jobs.path == "locales/en/LC_MESSAGES/kamaz.po" and jobs.reference == "articles/kamaz-kazakhstan.ru.txt:9"
    lines = (tmp_path / jobs.path).read_text(encoding="utf-8").splitlines()
    assert lines[jobs.line - 1].startswith("#: articles/kamaz-kazakhstan.ru.txt:9")


def test_fuzzy_entries_are_checked_and_marked(tmp_path):
    write_po(tmp_path, "en", "kamaz", [entry(CARS_RU, "At first they plan to produce 3,000 cars a year.", 11, flags=["fuzzy"])])
    findings = catalog_findings(load_config(tmp_path), "kamaz", "en")
    assert {f.check for f in findings} == {"numbers"} and all(f.fuzzy for f in findings)


def test_entry_flags_switch_checks_off(tmp_path):
    bad = "More than 2,5 thousand new highly skilled jobs will be created"  # notation and end punctuation
    write_po(tmp_path, "en", "kamaz", [
        entry(JOBS_RU, bad, 1),
        entry(JOBS_RU.replace("2,5", "3,5"), bad.replace("2,5", "3,5"), 2, flags=["no-qa-numbers"]),
        entry(JOBS_RU.replace("2,5", "4,5"), bad.replace("2,5", "4,5"), 3, flags=["fuzzy", "no-qa"]),
    ])
    findings = catalog_findings(load_config(tmp_path), "kamaz", "en")
    assert [(f.reference[-1], f.check) for f in findings] == [
        ("1", "numbers"), ("1", "end-punctuation"), ("2", "end-punctuation"),
    ]


def test_project_settings_disable_and_override(tmp_path):
    write_config(tmp_path, '[qa]\ndisabled = ["end-punctuation"]\n[qa.severity]\nnumbers = "warning"\n')
    write_po(tmp_path, "en", "kamaz", [entry(JOBS_RU, "More than 2,5 thousand new highly skilled jobs will be created", 1)])
    assert catalog_severity_counts(load_config(tmp_path), "kamaz", "en") == {"error": 0, "warning": 1, "info": 0}


def test_known_names_from_settings(tmp_path):
    write_config(tmp_path, '[qa]\nknown_names = ["Беларусь"]\n')
    write_po(tmp_path, "en", "a", [entry("Трактор «Беларусь» собрали в Костанае.", "The “Беларусь” tractor was assembled in Kostanay.")])
    assert catalog_findings(load_config(tmp_path), "a", "en") == []


@pytest.mark.parametrize("toml, flagged", [("", False), ("[qa]\nkazakh_min_words = 3\n", True)])
def test_kazakh_min_words_from_settings(tmp_path, toml, flagged):
    """Four Cyrillic words without a Kazakh letter: Russian left in a Kazakh catalog only from 3 words up
    (the default, 6, is [qa]'s in core/settings.py, the one place it is declared)."""
    write_config(tmp_path, toml)
    write_po(tmp_path, "kk", "a", [entry("Завод открыли в Костанае.", "Завод открыли в Костанае.")])
    found = {f.check for f in catalog_findings(load_config(tmp_path), "a", "kk")}
    assert ("kazakh-letters" in found) is flagged


@pytest.mark.parametrize(
    "toml, message",
    [
        ('[qa]\ndisabled = ["numbrs"]\n', "unknown check 'numbrs'"),
        ('[qa.severity]\nnumbers = "fatal"\n', "numbers must be one of error, warning, info, not 'fatal'"),
        ("[qa]\nlength_ratio = 3\n", "length_ratio must be a table"),
        ('[qa.length_ratio]\nru-en = [2, 1]\n', "must be [min, max]"),
        ("[qa]\nstrict = true\n", "unknown setting 'strict'"),
    ],
)
def test_bad_settings_are_user_errors(tmp_path, toml, message):
    write_config(tmp_path, toml)
    write_po(tmp_path, "en", "a", [entry(EXPORT_RU, "The products will be 100% export-oriented.")])
    with pytest.raises(PipelineError, match="translate-pipeline.toml") as err:
        check_project(load_config(tmp_path))
    assert message in str(err.value)


def test_broken_po_is_a_user_error_with_line(tmp_path):
    path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "a.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "Текст"\nmsgstr "Text"\nbogus line\n', encoding="utf-8")
    with pytest.raises(PipelineError) as err:
        check_project(load_config(tmp_path))
    assert err.value.path == path and err.value.line == 6 and "unexpected text 'bogus line'" in str(err.value)


def test_check_project_covers_languages_and_articles(tmp_path):
    write_po(tmp_path, "en", "a", [entry(EXPORT_RU, "The products will be 100 export-oriented.")])
    write_po(tmp_path, "kk", "a", [entry(EXPORT_RU, EXPORT_RU)])
    write_po(tmp_path, "en", "b", [entry(EXPORT_RU, "The products will be 100% export-oriented.")])
    config = load_config(tmp_path)
    assert {(f.article, f.lang) for f in check_project(config)} == {("a", "en"), ("a", "kk")}
    assert {f.lang for f in check_project(config, ["a"], ["kk"])} == {"kk"}
    assert check_project(config, ["b"]) == []
