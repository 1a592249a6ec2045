"""Issue 21, item 7: one malformed catalog blocks only the work that needs it.

A bad escape in another article's catalog used to stop ``translate`` of a
different article (through the TM harvest) and project-wide ``stats``.  Now every
command does the rest of its work, leaves the broken file (and its article) as
they are, and exits 1 at the end with the file:line error and what to do.
"""
from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from helpers import run

from translate_pipeline.core.errors import ExitCode

ARTICLES = {"a": "Заголовок первой статьи\nСоглашение подписали в Астане.\n",
            "b": "Заголовок второй статьи\nФайлы загружены.\n"}


def po_file(project: Path, name: str, lang: str = "en") -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / f"{name}.po"


@pytest.fixture
def project(tmp_path) -> Path:
    """Two articles with English catalogs; ``b.po`` has a bad escape on a known line, ``a.po`` a reviewed entry."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (project / "articles" / f"{name}.ru.txt").write_text(text, encoding="utf-8")
    assert run(project, "update", "articles", "--lang", "en").exit_code == 0
    catalog = polib.pofile(str(po_file(project, "a")))
    catalog.find("Соглашение подписали в Астане.").msgstr = "The agreement was signed in Astana."
    catalog.save()
    text = po_file(project, "b").read_text(encoding="utf-8")
    po_file(project, "b").write_text(text.replace('msgid "Файлы загружены."\nmsgstr ""',
                                                  'msgid "Файлы загружены."\nmsgstr "Files \\q uploaded."'),
                                     encoding="utf-8")
    return project


def bad_line(project: Path) -> int:
    lines = po_file(project, "b").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "\\q" in line)


def errors(result) -> list[str]:
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def where(project: Path) -> str:
    return f"error: locales/en/LC_MESSAGES/b.po:{bad_line(project)}: malformed PO: invalid escape '\\q'; "


def test_translate_of_another_article_goes_on_and_fails_at_the_end(project):
    broken = po_file(project, "b").read_bytes()
    (project / "articles" / "a.ru.txt").write_text(ARTICLES["a"] + "Новая фраза появилась.\n", encoding="utf-8")
    result = run(project, "translate", "articles/a.ru.txt", "--to", "en", "--no-mt")
    assert result.exit_code == ExitCode.INPUT
    assert errors(result) == [where(project) + "not harvested into the translation memory: fix the file "
                                                "(or translate with --no-tm)"]
    assert result.stderr.rstrip().endswith(errors(result)[0])  # at the end, after the run's own output
    assert "processed 1 article(s) into en" in result.stdout and "1 file(s) skipped with errors" in result.stdout
    assert polib.pofile(str(po_file(project, "a"))).find("Новая фраза появилась.") is not None
    assert "TM: remembered 1 new" in result.stdout  # a's reviewed entry: the rest of the harvest was done
    assert po_file(project, "b").read_bytes() == broken
    assert run(project, "translate", "articles/a.ru.txt", "--to", "en", "--no-mt", "--no-tm").exit_code == 0


def test_translate_of_every_article_leaves_only_the_broken_one(project):
    before = {p: p.read_bytes() for p in (po_file(project, "b"), project / "locales" / "b.pot")}
    for name, text in ARTICLES.items():
        (project / "articles" / f"{name}.ru.txt").write_text(text + "Ещё одна фраза.\n", encoding="utf-8")
    result = run(project, "translate", "articles", "--to", "en", "--no-mt")
    assert result.exit_code == ExitCode.INPUT
    assert errors(result) == [where(project) + "article 'b' left as it is: fix the file"]  # reported once
    assert polib.pofile(str(po_file(project, "a"))).find("Ещё одна фраза.") is not None
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_stats_shows_the_other_catalogs(project, fmt):
    result = run(project, "stats", "--format", fmt)
    assert result.exit_code == ExitCode.INPUT
    assert errors(result) == [where(project) + "its row is missing above: fix the file"]
    if fmt == "json":
        assert [row["article"] for row in json.loads(result.stdout)["rows"]] == ["a"]
    else:
        table = result.stdout.split("\n\n")[0].splitlines()  # the progress table; post-editing, summary follow
        assert [line.split()[0] for line in table[1:] if "ready to publish" not in line] == ["a"]


@pytest.mark.parametrize("command, summary", [
    (["check", "b", "--lang", "en"], "no findings in 0 catalog(s); 1 catalog(s) could not be read (see the errors)"),
    (["check"], "no findings in 1 catalog(s); 1 catalog(s) could not be read (see the errors)"),
    (["stats", "b", "--lang", "en"], "0 catalog(s), 0 ready to publish; 1 catalog(s) could not be read (see the errors)"),
    (["stats"], "1 catalog(s), 0 ready to publish; 1 catalog(s) could not be read (see the errors)"),
    (["compile", "b", "--lang", "en"], "compiled 0 MO file(s) (en: 0) in "),
    (["tm", "harvest"], "1 catalogs: 1 units added, 0 updated, 0 unchanged; 1 catalog(s) could not be read (see the errors)"),
])
def test_a_review_summary_over_an_unreadable_catalog_never_reads_as_all_clear(project, command, summary):
    """The new user's report: ``check --lang en`` said ``no findings`` when its only catalog was refused."""
    result = run(project, *command)
    last = result.stdout.splitlines()[-1]
    assert result.exit_code == ExitCode.INPUT and last.startswith(summary), last
    assert last.endswith("; 1 catalog(s) could not be read (see the errors)") and len(errors(result)) == 1
    if command[0] == "check":
        document = json.loads(run(project, *command, "--format", "json").stdout)
        assert document["catalogs"] == (0 if "b" in command else 1) and len(document["problems"]) == 1


@pytest.mark.parametrize("command, done, hint", [
    (["check"], "no findings in 1 catalog(s); 1 catalog(s) could not be read", "not checked: fix the file"),
    (["compile", "--lang", "en"], "compiled 1 MO file(s) (en: 1)", "not compiled: fix the file"),
    (["tm", "harvest"], "1 catalogs: 1 units added", "not harvested into the translation memory: fix the file"),
    (["update", "articles", "--lang", "en"], "updated 1 article(s) into en", "article 'b' left as it is: fix the file"),
    (["extract", "articles"], "extracted 1 article(s)", "article 'b' left as it is: fix the file"),
])
def test_other_commands_do_the_rest_and_fail_at_the_end(project, command, done, hint):
    if command[0] == "extract":  # extract reads only the templates: break b's
        pot = project / "locales" / "b.pot"
        pot.write_text(pot.read_text(encoding="utf-8") + 'msgid "x"\nmsgstr "\\q"\n', encoding="utf-8")
    result = run(project, *command)
    assert result.exit_code == ExitCode.INPUT and done in result.stdout, result.stdout
    [error] = errors(result)
    assert error.endswith(hint)
    assert error.startswith("error: locales/b.pot:" if command[0] == "extract" else where(project))


def test_an_archive_run_goes_on_past_a_broken_catalog(project):
    """``translate --backend ray`` reads the articles chunk by chunk: the same rule per chunk."""
    from translate_pipeline import workflow
    from translate_pipeline.core.settings import load_config

    config = load_config(project)
    files = sorted((project / "articles").glob("*.ru.txt"))
    (project / "articles" / "a.ru.txt").write_text(ARTICLES["a"] + "Новая фраза появилась.\n", encoding="utf-8")
    result = workflow.translate_archive(config, files, ["en"], workflow.TranslateOptions(use_mt=False),
                                        chunk_articles=1)
    assert [str(p.path.name) for p in result.problems] == ["b.po"]
    assert result.problems[0].message.endswith("article 'b' left as it is: fix the file")
    assert polib.pofile(str(po_file(project, "a"))).find("Новая фраза появилась.") is not None
