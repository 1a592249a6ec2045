"""Mistakes a first-time user makes with the project directory, catalogs and language codes."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import new_project, po, run, snapshot

from translate_pipeline.cli import main
from translate_pipeline.core.errors import ExitCode


def _run_here(monkeypatch, directory, *args: str):
    """The CLI as typed in ``directory`` without -C."""
    monkeypatch.chdir(directory)
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("inside", ["locales", "articles", "locales/en/LC_MESSAGES"])
def test_running_inside_a_project_does_not_start_a_second_one(tmp_path, monkeypatch, inside):
    project = new_project(tmp_path)
    assert run(project, "translate", "--no-mt", "--lang", "en").exit_code == 0
    before = snapshot(project)
    result = _run_here(monkeypatch, project / inside, "translate", "../articles", "--no-mt")
    assert result.exit_code == ExitCode.INPUT
    assert f"inside the translation project {project}" in result.stderr and "-C" in result.stderr
    assert snapshot(project) == before  # no locales/locales/, no tm/ in the subdirectory


def test_minus_c_dot_starts_a_project_on_purpose(tmp_path, monkeypatch):
    project = new_project(tmp_path)
    (project / "sub" / "articles").mkdir(parents=True)
    (project / "sub" / "articles" / "a.ru.txt").write_text("Заголовок\nТекст статьи.\n", encoding="utf-8")
    assert _run_here(monkeypatch, project / "sub", "update").exit_code == 0  # sub/ has articles/: a project
    assert (project / "sub" / "locales" / "a.pot").exists()


def test_duplicate_message_definition_is_malformed_with_its_line(tmp_path):
    project = new_project(tmp_path)
    assert run(project, "update", "--lang", "en").exit_code == 0
    path = project / "locales" / "en" / "LC_MESSAGES" / "kamaz-kazakhstan.po"
    entry = po(project, "en")[0]
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f'\nmsgid "{entry.msgid}"\nmsgstr "Twice."\n')
    before = snapshot(project)
    lines = path.read_text(encoding="utf-8").count("\n")
    for command in (["update", "--lang", "en"], ["stats"], ["check"]):
        result = run(project, *command)
        assert result.exit_code == ExitCode.INPUT, command
        [error] = [line for line in result.stderr.splitlines() if line.startswith("error: ")]  # after the output
        assert error.startswith(f"error: locales/en/LC_MESSAGES/kamaz-kazakhstan.po:{lines - 1}: "
                                "malformed PO: duplicate message definition (first at line ")
    assert snapshot(project) == before


def test_language_codes_are_spelt_one_way(tmp_path):
    project = new_project(tmp_path)
    assert run(project, "update", "--lang", "EN").exit_code == 0
    assert sorted(p.name for p in (project / "locales").iterdir() if p.is_dir()) == ["en"]
    assert po(project, "en").metadata["Language"] == "en"
    (project / "translate-pipeline.toml").write_text('target_langs = ["KK"]\n', encoding="utf-8")
    assert run(project, "update").exit_code == 0
    assert sorted(p.name for p in (project / "locales").iterdir() if p.is_dir()) == ["en", "kk"]


def test_models_route_takes_a_pair_like_models_install(tmp_path):
    project = new_project(tmp_path)
    result = run(project, "models", "route", "ru", "kk")
    assert result.exit_code == ExitCode.ENVIRONMENT and result.stdout == ""  # said once, as the error
    assert result.stderr.startswith("error: no MT model for ru→kk: Argos has no kk package")


def test_installing_an_argos_kazakh_package_says_at_once_there_is_none(tmp_path):
    project = new_project(tmp_path)
    result = run(project, "models", "install", "ru", "kk")
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert result.stderr.startswith("error: Argos has no kk package") and "models add" in result.stderr


def test_cache_and_tm_paths_are_printed_relative_to_the_project(tmp_path):
    import json

    project = new_project(tmp_path)
    assert run(project, "mt", "cache", "stats").stdout == "tm/mt-cache.sqlite: no MT cache yet\n"
    assert run(project, "tm", "harvest").exit_code == 1  # no catalog to harvest: refused, no TM made
    assert not (project / "tm").exists()
    assert json.loads(run(project, "tm", "stats", "--format", "json").stdout)["path"] == "tm/memory.sqlite"
