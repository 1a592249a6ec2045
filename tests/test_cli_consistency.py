"""One CLI: the same option name for target languages everywhere, the project's articles_dir by
default, paths printed relative to the project, no catalogs = exit 1 for stats as for check."""
import json
import shutil

import click
import pytest

from helpers import FIXTURES, new_project, po, run
from translate_pipeline.cli import main
from translate_pipeline.core.errors import ExitCode


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))
        else:
            yield " ".join(prefix + (name,)), command


LANGUAGE_DESTS = {"langs", "targets", "target"}  # (glossary add --target en=akim is a term, not a choice)


def test_every_language_option_is_lang_with_to_as_alias():
    found = []
    for name, command in _commands(main):
        for param in command.params:
            selects_languages = param.name in LANGUAGE_DESTS and "languages" in (param.help or "").lower()
            if isinstance(param, click.Option) and (selects_languages or {"--lang", "--to"} & set(param.opts)):
                found.append(name)
                assert set(param.opts) == {"--lang", "--to"}, (name, param.opts)
    assert {"update", "translate", "stats", "check", "publish", "compile", "evaluate", "tm export",
            "models route", "models available"} <= set(found)


@pytest.mark.parametrize("option", ["--lang", "--to"])
def test_both_spellings_work(tmp_path, option):
    project = new_project(tmp_path)
    assert run(project, "update", option, "kk").exit_code == 0
    assert (project / "locales" / "kk" / "LC_MESSAGES" / "kamaz-kazakhstan.po").exists()
    assert not (project / "locales" / "en").exists()
    rows = json.loads(run(project, "stats", option, "kk", "--format", "json").stdout)["rows"]
    assert [row["lang"] for row in rows] == ["kk"]


def test_translate_without_paths_translates_the_configured_articles_dir(tmp_path):
    project = tmp_path / "project"
    (project / "news").mkdir(parents=True)
    shutil.copy(FIXTURES / "kamaz-kazakhstan.ru.txt", project / "news")
    (project / "translate-pipeline.toml").write_text('articles_dir = "news"\ntarget_langs = ["en"]\n')
    result = run(project, "-v", "translate", "--no-mt", "--no-tm")
    assert result.exit_code == 0, result.stderr
    assert "wrote locales/en/LC_MESSAGES/kamaz-kazakhstan.po" in result.stdout.splitlines()
    assert len(po(project, "en")) > 5
    for command in ("extract", "update"):
        assert run(project, command).exit_code == 0


def test_paths_are_printed_relative_to_the_project_from_anywhere(tmp_path, monkeypatch):
    project = new_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run(project, "update", "--lang", "en", "-v")
    assert "wrote locales/kamaz-kazakhstan.pot" in result.stdout.splitlines()
    assert str(tmp_path) not in result.stdout + result.stderr
    (project / "articles" / "broken.ru.txt").write_bytes(b"caf\xe9\n")
    failed = run(project, "update", "--lang", "en")
    assert failed.exit_code == ExitCode.INPUT
    assert [line for line in failed.stderr.splitlines() if line.startswith("error: ")] == [
        "error: articles/broken.ru.txt:1: not UTF-8 text (byte 0xe9); it looks like Windows-1251: convert it with iconv "
        "-f WINDOWS-1251 -t UTF-8 articles/broken.ru.txt > articles/broken.ru.txt.utf8 && mv articles/broken.ru.txt.utf8 "
        'articles/broken.ru.txt (or read such files as they are: [source] encoding = "cp1251")']


def test_stats_without_catalogs_fails_like_check(tmp_path):
    project = new_project(tmp_path)
    for command in ("stats", "check"):
        result = run(project, command)
        assert result.exit_code == 1 and result.stderr.startswith("error: no catalogs"), command
        assert len(result.stderr.strip().splitlines()) == 1


def test_stats_counts_an_old_translation_merged_fuzzy_as_draft_not_human(tmp_path):
    project = new_project(tmp_path)
    assert run(project, "update", "--lang", "en").exit_code == 0
    catalog = po(project, "en")
    for entry in catalog:
        entry.msgstr = f"EN {entry.msgid}"  # all reviewed by a person
    catalog.save()
    article = project / "articles" / "kamaz-kazakhstan.ru.txt"
    lines = article.read_text(encoding="utf-8").split("\n")
    article.write_text("\n".join([lines[0] + " сегодня"] + lines[1:]), encoding="utf-8")  # the title is edited
    assert run(project, "update", "--lang", "en").exit_code == 0
    merged = po(project, "en").find(lines[0] + " сегодня")
    assert merged.fuzzy and merged.previous_msgid == lines[0]  # msgmerge-style old translation
    (row,) = json.loads(run(project, "stats", "--lang", "en", "--format", "json").stdout)["rows"]
    total = row["segments"]["total"]
    assert row["origin_segments"] == {"human": total - 1, "tm": 0, "mt": 0, "post-edited": 0, "draft": 1,
                                      "untranslated": 0}
    table = run(project, "stats", "--lang", "en").stdout
    assert "origin h/tm/mt/pe/d" in table and f"{total - 1}/0/0/0/1" in table
