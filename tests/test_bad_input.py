"""Bad input: one-line error naming file and line, non-zero exit, nothing changed."""
from __future__ import annotations

import pytest
from helpers import new_project, run, snapshot

from translate_pipeline.core.errors import ExitCode


def _one_line_error(result, *fragments):
    assert result.exit_code == ExitCode.INPUT
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize(
    "name, content, fragments",
    [
        ("latin1.ru.txt", "Заголовок\nстрока\n".encode("utf-8") + "café\n".encode("latin-1"), ["latin1.ru.txt:3", "not UTF-8"]),
        ("binary.ru.txt", b"\x89PNG\r\n\x1a\n\x00\x00", ["binary.ru.txt:3", "binary file"]),
        ("empty.ru.txt", b"", ["empty.ru.txt", "empty article"]),
    ],
)
def test_bad_articles_leave_catalogs_untouched(tmp_path, name, content, fragments):
    project = new_project(tmp_path)
    assert run(project, "translate", "articles").exit_code == 0
    before = snapshot(project)
    (project / "articles" / name).write_bytes(content)
    _one_line_error(run(project, "translate", "articles", "--fail-fast"), *fragments)
    assert snapshot(project) == before


def test_missing_file_and_empty_directory(tmp_path):
    project = new_project(tmp_path)
    _one_line_error(run(project, "translate", "articles/nope.ru.txt"), "nope.ru.txt", "no such file")
    (project / "drafts").mkdir()
    _one_line_error(run(project, "translate", "drafts"), "drafts", "holds no articles")


def test_unknown_language(tmp_path):
    project = new_project(tmp_path)
    _one_line_error(run(project, "translate", "articles", "--to", "en,xx-bogus"), "unknown language code 'xx-bogus'")
    assert not (project / "locales" / "en").exists()


@pytest.mark.parametrize(
    "damage, line, fragment",
    [
        ('msgid "x"\nmsgstr "unterminated\n', 3, "unterminated"),
        ("this is not a PO line\n", 2, "unexpected text"),
        ('#= fuzzy\nmsgid "y"\nmsgstr ""\n', 2, "'#='"),
    ],
)
def test_malformed_po_is_reported_and_left_untouched(tmp_path, damage, line, fragment):
    project = new_project(tmp_path)
    run(project, "translate", "articles")
    kk = project / "locales" / "kk" / "LC_MESSAGES" / "kamaz-kazakhstan.po"
    broken = "# translator's file\n" + damage
    kk.write_text(broken, encoding="utf-8")
    before = snapshot(project)
    (project / "articles" / "kamaz-kazakhstan.ru.txt").write_text("Новый заголовок\nТекст.\n", encoding="utf-8")
    result = run(project, "translate", "articles")
    _one_line_error(result, f"kamaz-kazakhstan.po:{line}", "malformed PO", fragment)
    assert snapshot(project) == before  # neither the broken file nor the others were rewritten


def test_invalid_config_is_reported_with_line(tmp_path):
    project = new_project(tmp_path)
    (project / "translate-pipeline.toml").write_text('source_lang = "ru"\ntarget_langs = [\n', encoding="utf-8")
    _one_line_error(run(project, "stats"), "translate-pipeline.toml", "invalid TOML")


def test_unreadable_config_is_a_one_line_error(tmp_path):
    project = new_project(tmp_path)
    (project / "translate-pipeline.toml").mkdir()
    _one_line_error(run(project, "stats"), "translate-pipeline.toml", "cannot read")


@pytest.mark.parametrize("section, command", [
    ("[publish]\nkk_latn = false", ("publish", "--check")),
    ("[tm]\nthreshhold = 80", ("translate", "articles", "--no-mt")),
    ("[glossary]\nenforced = false", ("translate", "articles")),
    ("[qa]\nstrict = true", ("check",)),
])
def test_misspelt_stage_setting_is_reported(tmp_path, section, command):
    """A typo in a stage's section must not silently leave the default in force."""
    project = new_project(tmp_path)
    run(project, "update", "articles")
    (project / "translate-pipeline.toml").write_text(section + "\n", encoding="utf-8")
    before = snapshot(project)
    key = section.split("\n")[1].split(" ")[0]
    _one_line_error(run(project, *command), "translate-pipeline.toml", f"unknown setting '{key}'")
    assert snapshot(project) == before


def test_project_lock_blocks_a_second_run(tmp_path):
    from filelock import FileLock

    from translate_pipeline.core.errors import PipelineError
    from translate_pipeline.core.project import project_lock
    from translate_pipeline.core.settings import load_config

    project = new_project(tmp_path)
    run(project, "update", "articles")
    before = snapshot(project)
    with FileLock(str(project / ".translate-pipeline.lock")):
        with pytest.raises(PipelineError, match="project lock"):
            with project_lock(load_config(project), timeout=0.2):
                pass
    assert snapshot(project) == before


@pytest.mark.parametrize("setting", ['source_lang = "xx"', 'target_langs = ["en", "zz-bogus"]', 'target_langs = "en, qq"'])
def test_unknown_language_in_config_is_reported(tmp_path, setting):
    """A misspelt source language used to give catalogs named ``<article>.ru`` without a word."""
    project = new_project(tmp_path)
    (project / "translate-pipeline.toml").write_text(setting + "\n", encoding="utf-8")
    _one_line_error(run(project, "update", "articles"), "translate-pipeline.toml", "unknown language code")
    assert not (project / "locales").exists()


def test_unwritable_output_is_a_one_line_error(tmp_path):
    project = new_project(tmp_path)
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    out = tmp_path / "site"
    out.mkdir()
    (out / "kamaz-kazakhstan").write_text("a file where the article's folder goes\n", encoding="utf-8")
    result = run(project, "publish", "--lang", "ru", "--out", str(out))
    _one_line_error(result, "site/kamaz-kazakhstan", "cannot create directory")
    (out / "kamaz-kazakhstan").unlink()
    (out / "kamaz-kazakhstan" / "ru.html").mkdir(parents=True)
    _one_line_error(run(project, "publish", "--lang", "ru", "--out", str(out)), "ru.html", "cannot write")
    assert [p.name for p in (out / "kamaz-kazakhstan").iterdir()] == ["ru.html"]  # no temp file left
